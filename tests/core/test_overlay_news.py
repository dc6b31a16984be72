"""The overlay's rules for news in general (issue 7), one error class at a time.

Every example is made up in the pattern of an error seen on real news, so no
test names a person, place or group of any evaluation article. Model output is
written by hand: no spaCy here.
"""

from __future__ import annotations

import pytest

from reader.core import rules
from reader.core.kinds import Kind
from reader.core.overlay import Knowledge, KnownEntity, clean_boundaries, overlay, split_run_on

from .test_overlay import found, run, span

P, G, N = Kind.PLACE, Kind.GROUP, Kind.PERSON


# --- step 1: boundaries -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "piece", "expected"),
    [
        ("Aid from the U.S. arrived.", "U.S.", "U.S."),
        ("Aid from the U.S. arrived.", "U.S", "U.S."),  # the model left the period out
        ("Talks at the U.N. ended.", "the U.N.", "U.N."),
        ("Envoys blamed the U.S.", "U.S.", "U.S."),  # sentence end: one period for both
        ("Paul Okoro Jr. spoke.", "Paul Okoro Jr", "Paul Okoro Jr."),
        ("Jo Pike (D-Minn.) spoke.", "Minn", "Minn."),
        ("Brasilia. Then Lima.", "Brasilia.", "Brasilia"),  # a plain name loses it
    ],
)
def test_an_abbreviation_keeps_its_period(text: str, piece: str, expected: str) -> None:
    s = text.index(piece)
    start, end = clean_boundaries(text, s, s + len(piece))
    assert text[start:end] == expected


@pytest.mark.parametrize("apostrophe", ["'", "’", "ʼ"])
def test_possessive_of_an_abbreviation_is_cut_after_the_period(apostrophe: str) -> None:
    text = f"The U.S.{apostrophe}s envoy left."
    mentions = run(text, [span(text, f"U.S.{apostrophe}s", "GPE")])
    assert found(mentions) == [("U.S.", P)]


def test_offsets_hold_after_an_emoji() -> None:
    text = "🎉🇺🇳 Crowds in the U.N. plaza cheered Dara Quill."
    mentions = run(text, [span(text, "U.N", "ORG"), span(text, "Dara Quill", "PERSON")])
    assert found(mentions) == [("U.N.", G), ("Dara Quill", N)]
    assert mentions[0].start == text.index("U.N.")


@pytest.mark.parametrize(
    ("piece", "parts"),
    [
        ("Tomas hit Varga", ["Tomas", "Varga"]),
        ("Ostrava, OH @ Pellam Arena", ["Ostrava, OH", "Pellam Arena"]),
        ("Kestrel Arena – Ostrava", ["Kestrel Arena", "Ostrava"]),
        ("Bank of Ostrava", ["Bank of Ostrava"]),
        ("Customs and Border Patrol", ["Customs and Border Patrol"]),
        ("Jo Pike/Ana Lee", ["Jo Pike", "Ana Lee"]),  # a photo credit
        ("TARSKO/OSTRAVA", ["TARSKO", "OSTRAVA"]),  # a dateline from two cities
        ("Tarsk-Ostrava", ["Tarsk-Ostrava"]),
    ],
)
def test_run_on_spans_are_split(piece: str, parts: list[str]) -> None:
    text = f"Then {piece} came."
    s = text.index(piece)
    assert [text[a:b] for a, b in split_run_on(text, s, s + len(piece))] == parts


def test_titles_and_roles_are_cut_from_a_person() -> None:
    text = "Superintendent Nadia Ferrow and keyboardist Ode Lansky spoke."
    mentions = run(
        text,
        [
            span(text, "Superintendent Nadia Ferrow", "PERSON"),
            span(text, "keyboardist Ode Lansky", "PERSON"),
        ],
    )
    assert found(mentions) == [("Nadia Ferrow", N), ("Ode Lansky", N)]


@pytest.mark.parametrize("quote", ["“…”", '"…"'])
def test_a_nickname_in_quotes_splits_a_name_in_three(quote: str) -> None:
    nick = quote.replace("…", "Buzz")
    text = f"Talks\n\nThe fisherman Dara {nick} Quill-Ó Tarsk. He left.\n"
    mentions = run(text, [span(text, f"Dara {nick} Quill-Ó Tarsk", "PERSON")])
    assert found(mentions) == [("Dara", N), ("Buzz", N), ("Quill-Ó Tarsk", N)]


def test_a_quoted_word_between_names_that_are_no_person_is_left_alone() -> None:
    text = 'Talks\n\nCrowds filled Velmora "Summer" Fair grounds.\n'
    mentions = run(text, [span(text, "Velmora", "GPE")])
    assert found(mentions) == [("Velmora", P)]


def test_team_before_a_sports_role_is_a_group() -> None:
    text = "Marauders DL Kofi Amando was fined."
    mentions = run(text, [span(text, "Marauders DL Kofi Amando", "PERSON")])
    assert found(mentions) == [("Marauders", G), ("Kofi Amando", N)]


@pytest.mark.parametrize(
    ("text", "piece", "label"),
    [
        ("The Zephyr Z900 jet landed.", "Zephyr Z900", "PRODUCT"),
        ("The Zephyr Z900 jet landed.", "Zephyr Z900", "ORG"),
        ("The call on July 25 mattered.", "July 25", "ORG"),
        ("He wrote to @danaquill on Monday.", "danaquill", "PERSON"),
        ("The Velorian flu spread.", "Velorian", "NORP"),
        ("The Ostrava Air Show opened.", "Ostrava Air Show", "ORG"),
    ],
)
def test_not_entities(text: str, piece: str, label: str) -> None:
    assert run(text, [span(text, piece, label)]) == []


def test_event_named_after_a_group_keeps_the_group() -> None:
    text = "The Velvet Lanterns Tour starts soon. The Velvet Lanterns formed in 1970."
    mentions = run(
        text,
        [span(text, "Velvet Lanterns Tour", "ORG"), span(text, "Velvet Lanterns", "ORG", 1)],
    )
    assert [m.text for m in mentions] == ["Velvet Lanterns", "Velvet Lanterns"]


def test_names_inside_a_quoted_title_are_not_entities() -> None:
    text = "They played “Rolling Down to Ostrava Town” and Dara Quill said “we loved Ostrava.”"
    mentions = run(
        text,
        [
            span(text, "Ostrava Town", "GPE"),
            span(text, "Dara Quill", "PERSON"),
            span(text, "Ostrava", "GPE", 1),
        ],
    )
    assert [m.text for m in mentions] == ["Dara Quill", "Ostrava"]


def test_title_case_headline_run_on_is_cut_to_the_known_name() -> None:
    text = "Velvet Lanterns Reunite For Summer Tour\n\nThe Velvet Lanterns will play."
    mentions = run(
        text,
        [span(text, "Velvet Lanterns Reunite", "ORG"), span(text, "Velvet Lanterns", "ORG", 1)],
    )
    assert [m.text for m in mentions] == ["Velvet Lanterns", "Velvet Lanterns"]


# --- step 2: joins ----------------------------------------------------------------------------


def test_two_neighbouring_organisations_stay_apart() -> None:
    text = "Reporters from KTVN Parliament attended."  # a channel, then an institution
    mentions = run(text, [span(text, "KTVN", "ORG"), span(text, "Parliament", "ORG")])
    assert [m.text for m in mentions] == ["KTVN", "Parliament"]


def test_a_person_after_an_organisation_is_not_swallowed() -> None:
    text = "Anchors of KTVN Dara Quill reported."
    mentions = run(text, [span(text, "KTVN", "ORG"), span(text, "Dara Quill", "PERSON")])
    assert found(mentions) == [("KTVN", G), ("Dara Quill", N)]


def test_airline_named_after_a_country_is_a_group() -> None:
    text = "Valdoria Airways cancelled flights to Valdoria."
    mentions = run(text, [span(text, "Valdoria", "GPE"), span(text, "Valdoria", "GPE", 1)])
    assert found(mentions) == [("Valdoria Airways", G), ("Valdoria", P)]


def test_city_and_team_nickname_are_one_group() -> None:
    text = "The Ostrava Bulls won again."
    mentions = run(text, [span(text, "Ostrava", "GPE"), span(text, "Bulls", "PERSON")])
    assert found(mentions) == [("Ostrava Bulls", G)]


def test_name_split_around_and_is_joined_when_the_article_has_it_whole() -> None:
    text = "Officers of Customs and Border Patrol came. Customs and Border Patrol said no."
    mentions = run(
        text,
        [
            span(text, "Customs", "ORG"),
            span(text, "Border Patrol", "ORG"),
            span(text, "Customs and Border Patrol", "ORG", 1),
        ],
    )
    assert [m.text for m in mentions] == ["Customs and Border Patrol"] * 2


def test_place_run_into_a_person_is_split() -> None:
    text = "Talks in Valdoria stalled, said envoy to Valdoria Kurt Maddox."
    mentions = run(text, [span(text, "Valdoria", "GPE"), span(text, "Valdoria Kurt Maddox", "ORG")])
    assert found(mentions) == [("Valdoria", P), ("Valdoria", P), ("Kurt Maddox", N)]


# --- step 3: evidence -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Valdoria is a major Ostrava ally.",
        "Valdoria fired the chief Ostrava negotiator.",
        "Valdoria told Ostrava to wait.",
    ],
)
def test_cue_misfires_leave_a_place_alone(text: str) -> None:
    mentions = run(text, [span(text, "Valdoria", "GPE"), span(text, "Ostrava", "GPE")])
    assert [m.kind for m in mentions] == [P, P]


@pytest.mark.parametrize(
    ("between", "coordinated"), [(" and ", True), (", or ", True), (", ", False)]
)
def test_only_and_or_coordinate(between: str, coordinated: bool) -> None:
    assert bool(rules.COORDINATION.fullmatch(between)) is coordinated


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Pellam Arena", "ORG"),
        ("Lakeview Statehouse", "PERSON"),
        ("Corvel Music Center", "ORG"),
        ("Sant Iago Hospital", "ORG"),
    ],
)
def test_facilities_are_places(name: str, label: str) -> None:
    text = f"Crowds gathered at the {name} on Friday."
    assert found(run(text, [span(text, name, label)])) == [(name, P)]


def test_research_center_stays_an_organisation() -> None:
    text = "The Corvel Research Center published a poll."
    assert found(run(text, [span(text, "Corvel Research Center", "ORG")])) == [
        ("Corvel Research Center", G)
    ]


def test_teams_are_groups_even_when_the_model_says_person() -> None:
    text = "The Steelers beat the Browns. The Steelers celebrated."
    spans = [
        span(text, "Steelers", "PERSON"),
        span(text, "Browns", "PERSON"),
        span(text, "Steelers", "PERSON", 1),
    ]
    assert [m.kind for m in run(text, spans)] == [G, G, G]


def test_city_before_a_sports_role_is_the_team_and_a_place_elsewhere() -> None:
    text = "Ostrava quarterback Kofi Amando was hurt. The rematch is in Ostrava."
    mentions = run(
        text,
        [
            span(text, "Ostrava", "GPE"),
            span(text, "Kofi Amando", "PERSON"),
            span(text, "Ostrava", "GPE", 1),
        ],
    )
    assert found(mentions) == [("Ostrava", G), ("Kofi Amando", N), ("Ostrava", P)]


def test_given_name_makes_an_organisation_tag_a_person() -> None:
    text = "Attorney general Letitia Marsh sued. Acme Holdings denied it."
    mentions = run(text, [span(text, "Letitia Marsh", "ORG"), span(text, "Acme Holdings", "ORG")])
    assert found(mentions) == [("Letitia Marsh", N), ("Acme Holdings", G)]


def test_given_name_does_not_move_a_place() -> None:
    text = "Flights to Virginia Beach and Marshall Islands resumed."
    spans = [span(text, "Virginia Beach", "GPE"), span(text, "Marshall Islands", "ORG")]
    assert [m.kind for m in run(text, spans)] == [P, P]  # no person either way


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dara Quill said on X that talks had failed.", ["X"]),
        ("X, formerly Twitter, suspended the account.", ["X", "Twitter"]),
        ("Her post to X drew replies; Telegram channels shared it.", ["X", "Telegram"]),
        ("An X-ray showed a fracture in the Model X.", []),
        ("Gen X voters turned out for Plan X.", []),
    ],
)
def test_x_the_platform_is_a_group_and_other_xs_are_nothing(text: str, expected: list[str]) -> None:
    spans = [span(text, "Dara Quill", "PERSON")] if "Dara" in text else []
    groups = [t for t, k in found(run(text, spans)) if k is G]
    assert groups == expected


def test_a_company_named_like_a_person_is_a_group_everywhere_after_one_business_cue() -> None:
    text = (
        "Deals\n\nOkonjo Tarsk will buy Velmora. Okonjo Tarsk was founded in 2016 by "
        "Ada Okonjo. Okonjo Tarsk shares fell. Analysts said Okonjo Tarsk paid too much.\n"
    )
    spans = [span(text, "Okonjo Tarsk", "PERSON", i) for i in range(4)] + [
        span(text, "Velmora", "ORG"),
        span(text, "Ada Okonjo", "PERSON"),
    ]
    kinds = [k for t, k in found(run(text, spans)) if t == "Okonjo Tarsk"]
    assert kinds == [G, G, G, G]
    # A name that starts with a given name keeps its people's votes.
    text = "Deals\n\nMaria Velk spoke. Maria Velk left. Maria Velk shares fell.\n"
    spans = [span(text, "Maria Velk", "PERSON", i) for i in range(3)]
    assert [k for _, k in found(run(text, spans))][:2] == [N, N]


def test_a_listed_company_is_a_group_whatever_the_model_saw() -> None:
    text = (
        "Markets\n\nMorgan Stanley cut its target, analysts at Goldman Sachs said, and Nvidia "
        "fell while Expedia rose.\n"
    )
    spans = [span(text, "Morgan Stanley", "PERSON"), span(text, "Expedia", "GPE")]
    assert found(run(text, spans)) == [
        ("Morgan Stanley", G),
        ("Goldman Sachs", G),
        ("Nvidia", G),
        ("Expedia", G),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Fans packed the Allianz Arena. Allianz was rocking by kick-off.",  # the ground
        "Police found Shell casings on the road; each shell came from a rifle.",  # a word
        "Stocks fell and the Nasdaq 100 lost 2%.",  # an index, not the exchange
        "The airline used its SABRE system.",  # a product in capitals
    ],
)
def test_a_listed_company_name_used_otherwise_is_left_to_the_model(text: str) -> None:
    word = next(w for w in ("Allianz", "Shell", "Nasdaq", "SABRE") if w in text)
    labels = {"Allianz": ("FAC", 1), "SABRE": ("PRODUCT", 0)}
    spans = [span(text, word, *labels[word])] if word in labels else []
    kinds = [k for t, k in found(run(text, spans)) if t == word]
    assert G not in kinds


def test_online_services_and_companies_by_type_noun_are_groups() -> None:
    text = "She posted on Twitter about gas company Velmora."
    mentions = run(text, [span(text, "Twitter", "PERSON"), span(text, "Velmora", "GPE")])
    assert found(mentions) == [("Twitter", G), ("Velmora", G)]


def test_nationality_tagged_as_a_place_is_a_group() -> None:
    text = "Ostrava officials met the Velorian on Friday."
    mentions = run(text, [span(text, "Ostrava", "GPE"), span(text, "Velorian", "GPE")])
    assert found(mentions) == [("Ostrava", P), ("Velorian", G)]


# --- step 4: names known by their shape -------------------------------------------------------


def test_city_and_state_code_in_a_listing() -> None:
    text = "June 9 – Port Amira, FL @ Pellam Amphitheatre\nJune 10 – Lakeview, ON @ Corvel Stage"
    mentions = run(text, [span(text, "Port Amira", "ORG")])
    assert found(mentions) == [
        ("Port Amira", P),
        ("FL", P),
        ("Pellam Amphitheatre", P),
        ("Lakeview", P),
        ("ON", P),
        ("Corvel Stage", P),
    ]


def test_party_and_state_of_a_lawmaker() -> None:
    text = "Rep. Dara Quill (D-Minn.) and Rep. Ode Lansky (R-Texas) spoke."
    mentions = run(text, [span(text, "Dara Quill", "PERSON"), span(text, "Ode Lansky", "PERSON")])
    assert found(mentions)[:3] == [("Dara Quill", N), ("D", G), ("Minn.", P)]
    # AP style writes eight states in full (Alaska, Hawaii, Idaho, Iowa, Maine, Ohio, Texas, Utah).
    assert found(mentions)[3:] == [("Ode Lansky", N), ("R", G), ("Texas", P)]


def test_party_and_state_between_commas() -> None:
    text = "Sens. Dara Quill, D-Ohio, and Ode Lansky, R-Ky., wrote it."
    spans = [span(text, "Dara Quill", "PERSON"), span(text, "D-Ohio", "ORG")]
    spans.append(span(text, "Ode Lansky", "PERSON"))
    assert found(run(text, spans)) == [
        ("Dara Quill", N),
        ("D", G),
        ("Ohio", P),
        ("Ode Lansky", N),
        ("R", G),
        ("Ky.", P),
    ]


def test_state_abbreviation_after_a_city_is_a_place() -> None:
    text = "Lena Pike of Port Amira, N.Y., was charged."
    mentions = run(text, [span(text, "Lena Pike", "PERSON")])
    assert found(mentions) == [("Lena Pike", N), ("Port Amira", P), ("N.Y.", P)]


def test_capitalised_words_at_sentence_start_are_not_a_venue() -> None:
    text = "At Pellam Arena fans waited. Now Arena tickets are gone."
    mentions = run(text, [])
    assert found(mentions) == [("Pellam Arena", P)]


# --- step 7: one name, one meaning -------------------------------------------------------------


def test_a_later_person_does_not_turn_an_earlier_country_into_a_person() -> None:
    text = "Talks in Valdoria stalled. Later, singer Mira Valdoria said Valdoria was calm."
    spans = [
        span(text, "Valdoria", "GPE"),
        span(text, "Mira Valdoria", "PERSON"),
        span(text, "Valdoria", "PERSON", 2),
    ]
    mentions = run(text, spans)
    assert mentions[0].kind is P
    assert found(mentions)[1:] == [("Mira Valdoria", N), ("Valdoria", N)]


def test_a_tie_keeps_the_model_label() -> None:
    text = "Velmora rose. Velmora fell."
    mentions = run(text, [span(text, "Velmora", "ORG"), span(text, "Velmora", "GPE", 1)])
    assert [m.kind for m in mentions] == [G, P]


def test_surname_before_the_full_name_is_a_person_unless_a_place() -> None:
    text = "Questions for Pellegrin grew. President Ana Pellegrin spoke."
    spans = [span(text, "Pellegrin", "ORG"), span(text, "Ana Pellegrin", "PERSON")]
    assert [m.kind for m in run(text, spans)] == [N, N]


def test_between_makes_a_place_of_a_route_s_ends_not_of_people() -> None:
    route = "Strike\n\nTrains between Dolmara and Tarskov will not run.\n"
    assert found(run(route, [span(route, "Dolmara", "PERSON")])) == [("Dolmara", P)]
    talk = "Call\n\nEnvoy Garo Velkin flew in. A call between Velkin and an aide followed.\n"
    spans = [span(talk, "Garo Velkin", "PERSON"), span(talk, "Velkin", "PERSON", 1)]
    assert found(run(talk, spans)) == [("Garo Velkin", N), ("Velkin", N)]


def test_a_team_s_nickname_alone_is_the_team_once_the_article_uses_it_so() -> None:
    text = (
        "Nuggets rally past Grizzlies\n\nThe Memphis Grizzlies lost. Jo Pike scored 20"
        " points for the Grizzlies in the fourth quarter, a season high.\n"
    )
    spans = [span(text, "Nuggets", "ORG"), span(text, "Jo Pike", "PERSON")]
    assert found(run(text, spans)) == [
        ("Nuggets", G),
        ("Grizzlies", G),
        ("Memphis Grizzlies", G),
        ("Jo Pike", N),
        ("Grizzlies", G),
    ]


def test_a_province_the_model_calls_a_group_is_a_place() -> None:
    # Real region names (the gazetteer knows them), made-up people and events.
    text = "Floods hit Albay on Monday. Albay officials and Dara Quill toured Albay."
    spans = [span(text, "Albay", "ORG", i) for i in range(3)] + [span(text, "Dara Quill", "PERSON")]
    assert [k for t, k in found(run(text, spans)) if t == "Albay"] == [P, P, P]


def test_a_nickname_after_a_name_that_is_no_town_is_left_alone() -> None:
    text = "Review\n\nThe Marrow Saints played a season of club shows and scored a hit.\n"
    assert found(run(text, [])) == []


def test_capitals_and_a_name_spelled_out_before_them_are_no_person() -> None:
    text = (
        "Rebel quits\n\nA Velmora Janata Dal (VJD) lawmaker quit. The VJD lost."
        " Aides of JFK spoke.\n"
    )
    spans = [
        span(text, "Velmora Janata Dal", "PERSON"),
        span(text, "VJD", "PERSON", 1),
        span(text, "JFK", "PERSON"),
    ]
    assert found(run(text, spans)) == [
        ("Velmora Janata Dal", G),
        ("VJD", G),
        ("VJD", G),
        ("JFK", N),
    ]


def test_an_airline_called_united_does_not_make_a_travel_piece_a_match_report() -> None:
    text = "Travel\n\nUnited flies there daily.\n\nDay two: Launceston\n\nLaunceston is calm.\n"
    spans = [
        span(text, "United", "ORG"),
        span(text, "Launceston", "PERSON"),
        span(text, "Launceston", "ORG", 1),
    ]
    assert found(run(text, spans))[1:] == [("Launceston", P), ("Launceston", P)]


def test_libraries_resorts_forts_and_streets_in_other_languages_are_places() -> None:
    text = (
        "Trip\n\nWe left the Velmora Branch Library for the Dolmar Resort, walked the"
        " Rua Tarsko to the Forte de Velm, then swam in the Lagoa de Dolmar.\n"
    )
    names = ["Velmora Branch Library", "Dolmar Resort", "Rua Tarsko", "Forte de Velm"]
    spans = [span(text, name, "ORG") for name in names] + [span(text, "Lagoa de Dolmar", "PERSON")]
    assert found(run(text, spans)) == [(name, P) for name in [*names, "Lagoa de Dolmar"]]


# --- step 9: links ------------------------------------------------------------------------------


def test_acronym_with_periods_links_to_the_full_name_without_a_definition() -> None:
    text = "The United Nations met. Later the U.N. voted."
    mentions = run(text, [span(text, "United Nations", "ORG"), span(text, "U.N.", "ORG")])
    assert [m.text for m in mentions] == ["United Nations", "U.N."]
    assert mentions[0].key == mentions[1].key == "United Nations"


def test_three_part_name_links_its_surname() -> None:
    text = "Ana Lucia Ferreira arrived. Ferreira spoke first."
    mentions = run(text, [span(text, "Ana Lucia Ferreira", "PERSON")])
    assert found(mentions) == [("Ana Lucia Ferreira", N), ("Ferreira", N)]
    assert mentions[1].key == "Ana Lucia Ferreira"


# --- the user's knowledge wins over every rule ----------------------------------------------


def test_knowledge_beats_the_facility_team_and_shape_rules() -> None:
    text = "The Pellam Arena board met the Steelers in Port Amira, FL today."
    knowledge = Knowledge(
        (
            KnownEntity(1, "Pellam Arena", G),
            KnownEntity(2, "Steelers", N),
        ),
        dismissed=frozenset({"fl"}),
    )
    mentions = overlay(text, [span(text, "Steelers", "ORG")], knowledge)
    assert found(mentions) == [("Pellam Arena", G), ("Steelers", N), ("Port Amira", P)]


def test_a_preposition_does_not_make_a_possessive_surname_a_place() -> None:
    text = "Gov. Aldo Venner spoke. Donors gave toward Venner’s campaign in Ostrava."
    spans = [
        span(text, "Aldo Venner", "PERSON"),
        span(text, "Venner", "PERSON", 1),
        span(text, "Ostrava", "GPE"),
    ]
    assert found(run(text, spans)) == [("Aldo Venner", N), ("Venner", N), ("Ostrava", P)]


@pytest.mark.parametrize(
    ("name", "kind"),
    [("ZoomTrek", G), ("SkyBank", G), ("McArdle", N), ("DeVane", N), ("LeMarr", N)],
)
def test_one_word_brand_with_an_inner_capital_is_no_person(name: str, kind: Kind) -> None:
    text = f"Investors said {name} would recover."
    spans = [span(text, name, "PERSON")]
    if kind is N:  # a person is named in full somewhere (a lone unknown word is no one's)
        text = f"Analyst Jo {name} spoke. {text}"
        spans = [span(text, f"Jo {name}", "PERSON"), span(text, name, "PERSON", 1)]
    assert found(run(text, spans))[-1] == (name, kind)


# --- datelines and headlines ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "name", "label"),
    [
        ("TARSKOVO - Officials said talks went on.", "TARSKOVO", "ORG"),
        ("TARSKOVO (Wirepress) — Officials said talks went on.", "TARSKOVO", "ORG"),
        ("Tarskovo (Wirepress) - Officials said talks went on.", "Tarskovo", "PERSON"),
        ("PORT VELLA, Ostrava (Wirepress) - Officials said talks went on.", "PORT VELLA", "ORG"),
        ("PORT VELLA: Officials said talks went on.", "PORT VELLA", "ORG"),
    ],
)
def test_the_place_a_story_was_filed_from_is_a_place(body: str, name: str, label: str) -> None:
    text = f"Talks go on\n\n{body}\n"
    mentions = run(text, [span(text, name, label)])
    assert (name, P) in found(mentions)


def test_a_dateline_the_model_missed_is_found_but_a_label_is_not_a_place() -> None:
    text = (
        "Talks go on\n\nTARSKOVO, Ostrava (Wirepress) - Officials met.\n\n"
        "EXCLUSIVE: Officials met.\n\nUPDATE 2-Officials met.\n\nANALYSIS - Officials met.\n"
    )
    mentions = run(text, [span(text, "Ostrava", "GPE")])
    assert found(mentions) == [("TARSKOVO", P), ("Ostrava", P), ("Wirepress", G)]


def test_a_spaced_hyphen_separates_two_names() -> None:
    text = "Talks go on\n\nTARSKOVO - Velmoran officials said so.\n"
    mentions = run(text, [span(text, "TARSKOVO - Velmoran", "ORG")])
    assert found(mentions) == [("TARSKOVO", P), ("Velmoran", G)]


def test_the_body_decides_a_name_the_headline_read_alone() -> None:
    # A headline has no sentence around its names: the model's label there is a guess.
    text = "Aid convoy reaches Dolmara\n\nTrucks arrived in Dolmara on Monday.\n"
    mentions = run(text, [span(text, "Dolmara", "PERSON"), span(text, "Dolmara", "GPE", 1)])
    assert found(mentions) == [("Dolmara", P), ("Dolmara", P)]
    single = "Aid convoy reaches Dolmara\n\nTrucks arrived on Monday.\n"
    alone = run(single, [span(single, "Dolmara", "PERSON")])
    assert found(alone) == [("Dolmara", N)], "with nothing else to go on, the model's word"


# --- general rules found by writing news in many styles ---------------------------------------


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        # "de" is a name particle, not a defensive end.
        (
            "Talks\n\nAides to Luis de Varga said so.\n",
            [("Luis de Varga", "PERSON")],
            [("Luis de Varga", N)],
        ),
        (
            "Talks\n\nThe Velmor DE Kade Olsen sacked him.\n",
            [("Velmor DE Kade Olsen", "PERSON")],
            [("Velmor", G), ("Kade Olsen", N)],
        ),
        # Business words make a company of what the model read as a place.
        (
            "Talks\n\nShares of Dravix fell, and Korvel shares rose.\n",
            [("Dravix", "GPE"), ("Korvel", "GPE")],
            [("Dravix", G), ("Korvel", G)],
        ),
        (
            "Talks\n\nResults from chipmaker Dravix beat forecasts, analysts at Korvel said.\n",
            [("Dravix", "GPE"), ("Korvel", "GPE")],
            [("Dravix", G), ("Korvel", G)],
        ),
        # A place the model saw before a lower-case "coalition" stays a place.
        (
            "Talks\n\nA party quit the Velmora coalition on Monday.\n",
            [("Velmora", "GPE")],
            [("Velmora", P)],
        ),
        # Bylines and ages are people's.
        (
            "Talks\n\nDara Quill, 27, scored. (Reporting by Tomas Velk)\n",
            [("Dara Quill", "ORG"), ("Tomas Velk", "GPE")],
            [("Dara Quill", N), ("Tomas Velk", N)],
        ),
        # "east of X", "between X and Y" are places; a full state name after a party.
        (
            "Talks\n\nFloods hit east of Dolmara. Sen. Jo Pike (R-Idaho) spoke.\n",
            [("Dolmara", "PERSON"), ("Jo Pike", "PERSON")],
            [("Dolmara", P), ("Jo Pike", N), ("R", G), ("Idaho", P)],
        ),
        (
            "Talks\n\nTroops camped in the Velmora Forest.\n",
            [("the Velmora Forest", "ORG")],
            [("Velmora Forest", P)],
        ),
        # A club's first word the model left out, and its city standing for it.
        (
            "Cup\n\nReal Tarsko beat Dolmara United. Tarsko levelled late, in Tarsko.\n",
            [("Tarsko", "GPE"), ("Dolmara United", "ORG"), ("Tarsko", "GPE", 1)],
            [("Real Tarsko", G), ("Dolmara United", G), ("Tarsko", G)],
        ),
        # In sport a known town or country that plays is its team: a score, "v", "against",
        # "travel"; but not where play is, nor before a player's name.
        (
            "Karachi 2-2 Launceston\n\nThe striker scored as the league leaders drew. "
            "Karachi travel to Lahore next. Fans in Karachi cheered.\n",
            [
                ("Karachi", "GPE"),
                ("Launceston", "GPE"),
                ("Karachi", "GPE", 1),
                ("Lahore", "GPE"),
                ("Karachi", "GPE", 2),
            ],
            [("Karachi", G), ("Launceston", G), ("Karachi", G), ("Lahore", P), ("Karachi", P)],
        ),
        (
            "Cricket\n\nThe captain took four wickets in the match against India, beating "
            "Wales's Jo Pike.\n",
            [("India", "GPE"), ("Wales", "GPE"), ("Jo Pike", "PERSON")],
            [("India", G), ("Wales", P), ("Jo Pike", N)],  # a country's player: his country
        ),
        # A double-barrelled surname the model cut at its hyphen; a Sikh name in pieces;
        # a model span that ends in "of" goes on into the next.
        (
            "Talks\n\nMinister Ana Velk-Árrieta spoke.\n",
            [("Ana Velk", "PERSON")],
            [("Ana Velk-Árrieta", N)],
        ),
        (
            "Cricket\n\nThe bowler Harjot Singh Tarsk took five.\n",
            [("Harjot", "GPE"), ("Singh", "GPE"), ("Tarsk", "PERSON")],
            [("Harjot Singh Tarsk", N)],
        ),
        (
            "Talks\n\nThe Friends of Velmora Dunes objected.\n",
            [("Friends of", "ORG"), ("Velmora Dunes", "LOC")],
            [("Friends of Velmora Dunes", G)],
        ),
        # A shop and the street it is on, run together by the model; numbered roads.
        (
            "Police\n\nDeputies were called to the Dravix on State Road 54 at noon.\n",
            [("the Dravix on State Road 54", "ORG")],
            [("Dravix", G), ("State Road 54", P)],
        ),
        (
            "Police\n\nA crash closed State Route 80 near Velmora.\n",
            [("State Route 80", "ORG"), ("Velmora", "GPE")],
            [("State Route 80", P), ("Velmora", P)],
        ),
        # A first name from outside the US census still makes a person.
        (
            "Basketball\n\nNikola Tarskovic added 21 points and Thandiwe Velk 12.\n",
            [("Nikola Tarskovic", "ORG"), ("Thandiwe Velk", "ORG")],
            [("Nikola Tarskovic", N), ("Thandiwe Velk", N)],
        ),
        # A town in "analysts at Karachi-based X" or "a Karachi company" stays a town.
        (
            "Markets\n\nAn analyst at Karachi-based Dravix Advisory said so.\n",
            [("Karachi", "GPE"), ("Dravix Advisory", "ORG")],
            [("Karachi", P), ("Dravix Advisory", G)],
        ),
        (
            "Markets\n\nIt is good to see a Karachi company win.\n",
            [("Karachi", "GPE")],
            [("Karachi", P)],
        ),
        # A team's nickname inside a party's name makes no match report: towns stay towns.
        (
            "Vote\n\nThe Patriots for Reform group won in Launceston.\n",
            [("Patriots", "ORG"), ("Launceston", "ORG")],
            [("Patriots", G), ("Launceston", P)],
        ),
        # A title alone is nobody's name, unless it is a common surname too.
        (
            "Police\n\nSheriff's spokeswoman Ana Velk said King left.\n",
            [("Sheriff", "ORG"), ("Ana Velk", "PERSON"), ("King", "PERSON")],
            [("Ana Velk", N), ("King", N)],
        ),
        # Places the model missed: a country, a name before "province", a town it took
        # for a product; not a currency ("US$5") or a sentence's first word.
        (
            "Mining\n\nUPDATE 2-Peru strike grows as the UAE’s regulator and Dravix meet "
            "in Velmora province. Costs hit US$5 billion. Police district staff left.\n",
            [("Dravix", "ORG")],
            [("Peru", P), ("UAE", P), ("Dravix", G), ("Velmora", P)],
        ),
        (
            "Space\n\nIt was built in Toulouse by Dravix.\n",
            [("Toulouse", "PRODUCT"), ("Dravix", "ORG")],
            [("Toulouse", P), ("Dravix", G)],
        ),
        # A one-word "person" the article also writes in lower case is a word or a thing.
        (
            "Health\n\nVelzartan cut risk. Patients on velzartan and Ana Velk's pill, said Rice.\n",
            [("Velzartan", "PERSON"), ("Ana Velk", "PERSON"), ("Rice", "PERSON")],
            [("Ana Velk", N), ("Rice", N)],
        ),
        # A one-word "group" that a given name precedes once is a person's surname.
        (
            "Film\n\nIts star, Thandiwe Nomvula Velk-Reyes, wept. Velk-Reyes won.\n",
            [("Velk-Reyes", "ORG", 1)],
            [("Thandiwe Nomvula Velk-Reyes", N), ("Velk-Reyes", N)],
        ),
        # A branch named with its country, and "Xmen's Association", are one group; not
        # a seat of power before a country.
        (
            "Sport\n\nAthletics Kenya and the Velmora Cattlemen’s Association met. The "
            "White House Russia adviser came.\n",
            [
                ("Athletics", "ORG"),
                ("Kenya", "GPE"),
                ("Velmora Cattlemen", "GPE"),
                ("Association", "ORG"),
                ("White House", "ORG"),
                ("Russia", "GPE"),
            ],
            [
                ("Athletics Kenya", G),
                ("Velmora Cattlemen’s Association", G),
                ("White House", G),
                ("Russia", P),
            ],
        ),
        # An office-holder's office takes in the place before it and its district.
        (
            "Court\n\nThe U.S. Attorney’s Office for the Eastern District of Velmora and the "
            "Tarsk County Sheriff’s Office said on Monday that the review of the case "
            "files had taken far longer than anyone there had expected it to take.\n",
            [
                ("U.S.", "GPE"),
                ("Office for the Eastern District", "ORG"),
                ("Velmora", "GPE"),
                ("Tarsk County", "GPE"),
                ("Office", "ORG", 1),
            ],
            [
                ("U.S. Attorney’s Office for the Eastern District of Velmora", G),
                ("Tarsk County Sheriff’s Office", G),
            ],
        ),
        # A company named once with its corporate ending is the company without it too;
        # a name before "analyst Jo Pike" or "co-founder Ana Velk" is the employer's.
        (
            "Tech\n\nOkonjo Labs makes rings. Okonjo said sales grew, and Tarsko analyst Jo "
            "Pike agreed with Okonjo co-founder and chief technology officer Ana Velk.\n",
            [
                ("Okonjo Labs", "ORG"),
                ("Okonjo", "PERSON", 1),
                ("Tarsko", "PERSON"),
                ("Jo Pike", "PERSON"),
                ("Okonjo", "PERSON", 2),
                ("Ana Velk", "PERSON"),
            ],
            [
                ("Okonjo Labs", G),
                ("Okonjo", G),
                ("Tarsko", G),
                ("Jo Pike", N),
                ("Okonjo", G),
                ("Ana Velk", N),
            ],
        ),
        # A given name before a road, a foundation or a department makes no person.
        (
            "Crash\n\nIt fell near Dara Quill Parkway; the Dara Quill Foundation and the "
            "Marta Fire Department helped, and Chef Ana Velk cooked for Jenna K.\n",
            [
                ("Dara Quill Parkway", "PERSON"),
                ("Dara Quill Foundation", "PERSON"),
                ("Marta Fire Department", "PERSON"),
                ("Chef Ana Velk", "PERSON"),
                ("Jenna K", "PERSON"),
            ],
            [
                ("Dara Quill Parkway", P),
                ("Dara Quill Foundation", G),
                ("Marta Fire Department", G),
                ("Ana Velk", N),
                ("Jenna K.", N),
            ],
        ),
        # A double-barrelled surname the model made a company, after the given names.
        (
            "Profile\n\nChidera Ama Velk-Bello (born 1968) is an economist. Velk-Bello "
            "studied law.\n",
            [("Chidera Ama", "PERSON"), ("Velk-Bello", "ORG"), ("Velk-Bello", "ORG", 1)],
            [("Chidera Ama Velk-Bello", N), ("Velk-Bello", N)],
        ),
        # College nicknames are teams; Getty Images in a credit is a company.
        (
            "Hoops\n\nThe Hokies beat the Tar Heels in the league game.\n\n"
            "Photo: Jo Pike/Getty Images\n",
            [("Hokies", "PERSON"), ("Tar Heels", "PERSON"), ("Jo Pike", "PERSON")],
            [("Hokies", G), ("Tar Heels", G), ("Jo Pike", N), ("Getty Images", G)],
        ),
        # Parties and a group whose names the model reads as two creeds or nationalities.
        (
            "Vote\n\nA Christian Democrat and the Social Democrats fought the Islamic State "
            "group.\n",
            [
                ("Christian", "NORP"),
                ("Democrat", "NORP"),
                ("Democrats", "NORP"),
                ("Islamic", "NORP"),
            ],
            [("Christian Democrat", G), ("Social Democrats", G), ("Islamic State", G)],
        ),
        # A time zone after a time and technical capitals are no names; groups the model
        # misses or calls people are groups.
        (
            "Storms\n\nSirens sounded at 10:40 p.m. CDT as Houthis and al-Shabaab fighters "
            "posted DNS records, said Jo Pike, the MLA for Tarsk, CT.\n",
            [
                ("CDT", "ORG"),
                ("al-Shabaab", "PERSON"),
                ("DNS", "ORG"),
                ("Jo Pike", "PERSON"),
                ("MLA", "ORG"),
            ],
            [("Houthis", G), ("al-Shabaab", G), ("Jo Pike", N), ("Tarsk", P), ("CT", P)],
        ),
        # A street's abbreviation keeps its period; a place takes in "Road" or "Valley"
        # the model left out; "With assistance from" names people.
        (
            "Storms\n\nRoofs fell on N. Velmora Ave. and Tarsk Road in the Tarsk Valley."
            "\n\n--With assistance from Dravix Okonjo.\n",
            [
                ("N. Velmora Ave", "ORG"),
                ("Tarsk", "GPE"),
                ("Tarsk", "GPE", 1),
                ("Dravix Okonjo", "ORG"),
            ],
            [
                ("N. Velmora Ave.", P),
                ("Tarsk Road", P),
                ("Tarsk Valley", P),
                ("Dravix Okonjo", N),
            ],
        ),
        # A plural noun says what the names in a list after or before it are.
        (
            "Floods\n\nRain hit regions including Tarsk, Velmora and Allen. Brokerages such as "
            "Dara Quill and Okonjo cut targets. Crops failed in Hoima and Kikuube districts."
            "\n",
            [
                ("Tarsk", "PERSON"),
                ("Velmora", "ORG"),
                ("Allen", "PERSON"),
                ("Dara Quill", "PERSON"),
                ("Okonjo", "GPE"),
                ("Kikuube", "PERSON"),
            ],
            [
                ("Tarsk", P),
                ("Velmora", P),
                ("Allen", P),
                ("Dara Quill", G),
                ("Okonjo", G),
                ("Hoima", P),
                ("Kikuube", P),
            ],
        ),
        # A photographer before a picture agency, a speaker after a quote, the given name
        # before "Kumar"; not a pronoun after a quote.
        (
            'Crash\n\n"It is sad," Okonjo-Reyes said, and analyst Sanjay Kumar Velk agreed. '
            '"We wait," He said.\n\n(Dara Quill/Getty Images)\n',
            [("Kumar Velk", "PERSON")],
            [("Okonjo-Reyes", N), ("Sanjay Kumar Velk", N), ("Dara Quill", N), ("Getty Images", G)],
        ),
        # More ways a town plays in sport; the town in a "CITY, Country" dateline stays one.
        (
            "Hockey\n\nLAHORE, Karachi — Jo Pike had 33 points for Multan in the league's "
            "playoff, their coach said. "
            "Karachi pulled within one, three points behind Quetta, and host Multan next.\n",
            [
                ("LAHORE", "GPE"),
                ("Karachi", "GPE"),
                ("Jo Pike", "PERSON"),
                ("Multan", "GPE"),
                ("Karachi", "GPE", 1),
                ("Quetta", "GPE"),
                ("Multan", "GPE", 1),
            ],
            [
                ("LAHORE", P),
                ("Karachi", P),
                ("Jo Pike", N),
                ("Multan", G),
                ("Karachi", G),
                ("Quetta", G),
                ("Multan", G),
            ],
        ),
        # A type noun right before names; peoples and communities are groups.
        (
            "Health\n\nPharmacy chains Velmora and Tarsk Apotek, the daily Okonjo and "
            "soul outfit Marrow Tarsko agreed. Four people in the Darug and Tarsko peoples "
            "and mostly Velk communities voted.\n",
            [
                ("Velmora", "PERSON"),
                ("Tarsk Apotek", "PERSON"),
                ("Okonjo", "PERSON"),
                ("Marrow Tarsko", "PERSON"),
                ("Darug", "PERSON"),
                ("Tarsko", "GPE"),
                ("Velk", "PERSON"),
            ],
            [
                ("Velmora", G),
                ("Tarsk Apotek", G),
                ("Okonjo", G),
                ("Marrow Tarsko", G),
                ("Darug", G),
                ("Tarsko", G),
                ("Velk", G),
            ],
        ),
        # A saint's possessive before a place's head word is one place.
        (
            "Football\n\nThey drew at St Velk’ Park and met at St Tarsk's Hospital.\n",
            [("St Velk", "PERSON"), ("Park", "FAC"), ("St Tarsk", "PERSON"), ("Hospital", "ORG")],
            [("St Velk’ Park", P), ("St Tarsk's Hospital", P)],
        ),
        # Local and honorary titles are cut from a person.
        (
            "Council\n\nCllr Siona Velk-Brennan and Sir Ode Lansky spoke.\n",
            [("Cllr Siona Velk-Brennan", "PERSON"), ("Sir Ode Lansky", "PERSON")],
            [("Siona Velk-Brennan", N), ("Ode Lansky", N)],
        ),
        # Where those rules must not fire: a verb "shares", a quoted word in a headline,
        # countries and adjectives in typed lists, an agency before a picture agency, a
        # plural subject after a quote, a person after an occupation.
        (
            "Politics\n\nTrump shares a post. Trump said no, and Trump left. Turkey prices "
            "rose in the Olympic village. Parties "
            "including Israel and Hamas met in Republican and Democratic districts. "
            '"It is a crime." Critics said so, and crane operator Luis Ortega agreed.'
            "\n\n(Anadolu Agency/Getty Images)\n",
            [
                ("Trump", "PERSON"),
                ("Trump", "PERSON", 1),
                ("Trump", "PERSON", 2),
                ("Israel", "GPE"),
                ("Hamas", "ORG"),
                ("Republican", "NORP"),
                ("Democratic", "NORP"),
                ("Luis Ortega", "PERSON"),
                ("Anadolu Agency", "ORG"),
            ],
            [
                ("Trump", N),
                ("Trump", N),
                ("Trump", N),
                ("Israel", P),
                ("Hamas", G),
                ("Republican", G),
                ("Democratic", G),
                ("Luis Ortega", N),
                ("Anadolu Agency", G),
                ("Getty Images", G),
            ],
        ),
        (
            'Biden "Confident" Deal Will Pass\n\nThe grant came from Gates, said Melinda '
            "Gates Foundation staff, and the Ministry of Health, Red Cross and Velk "
            "Relief Fund agreed.\n",
            [
                ("Biden", "PERSON"),
                ("Gates", "ORG"),
                ("Gates Foundation", "ORG"),
                ("Ministry of Health", "ORG"),
                ("Red Cross", "ORG"),
                ("Velk Relief Fund", "ORG"),
            ],
            [
                ("Biden", N),
                ("Gates", G),
                ("Gates Foundation", G),
                ("Ministry of Health", G),
                ("Red Cross", G),
                ("Velk Relief Fund", G),
            ],
        ),
        # A company's first word that is also a given name; an orchestra; "based in".
        (
            "Talks\n\nShips of Royal Velmoran dock. Dravix, based in Tarsk, grew.\n",
            [("Royal Velmoran", "ORG"), ("Dravix", "GPE"), ("Tarsk", "GPE")],
            [("Royal Velmoran", G), ("Dravix", G), ("Tarsk", P)],
        ),
        (
            "Talks\n\nThe Velmora Orchestra played.\n",
            [("Velmora Orchestra", "PERSON")],
            [("Velmora Orchestra", G)],
        ),
        # A name does not run into a place: the model cut a three-part name.
        (
            "Talks\n\nThey met President Yoon Dae Kwon on Monday.\n",
            [("Yoon Dae", "PERSON"), ("Kwon", "GPE")],
            [("Yoon Dae Kwon", N)],
        ),
        # A travel list's headings: a city and its country, in capitals.
        (
            "Ten cities\n\n1. TARSKO, VELMORA\n\nThe old town is small.\n",
            [("TARSKO", "PERSON"), ("VELMORA", "ORG")],
            [("TARSKO", P), ("VELMORA", P)],
        ),
        # A company's chief executive; the place a sultan or a mayor is of.
        (
            "Talks\n\nDravix Chief Executive Jo Pike quit. The Mayor of Tarsko spoke.\n",
            [("Dravix", "PERSON"), ("Jo Pike", "PERSON"), ("Tarsko", "PERSON")],
            [("Dravix", G), ("Jo Pike", N), ("Tarsko", P)],
        ),
        # A country is nobody's name; a region alone on its line is a section heading.
        (
            "Vote\n\nMalawi voted on Tuesday.\n\nEUROPE\n\nMarkets fell.\n",
            [("Malawi", "PERSON"), ("EUROPE", "ORG")],
            [("Malawi", P), ("EUROPE", P)],
        ),
        # "Fort St." + "John" is one place; a treasurer is a title.
        (
            "Fire\n\nFort St. John was evacuated, Treasurer Jo Pike said.\n",
            [("Fort St.", "GPE"), ("John", "PERSON"), ("Treasurer Jo Pike", "PERSON")],
            [("Fort St. John", P), ("Jo Pike", N)],
        ),
        # The agency in a dateline, where the model saw none.
        (
            "Fire\n\nTARSKO, Velmora (VNA) - Crews fought the fire.\n",
            [("Velmora", "GPE")],
            [("TARSKO", P), ("Velmora", P), ("VNA", G)],
        ),
        # "Secretary of State" is a title; "Route 66" is a road, not a product.
        (
            "Talks\n\nThe Secretary of State drove along Route 66.\n",
            [("State", "ORG"), ("Route 66", "FAC")],
            [("Route 66", P)],
        ),
        # A town the gazetteer knows is a place however often the model says otherwise;
        # a town that is also a common surname is left to the model and the article.
        (
            "Floods\n\nCrews reached Mombasa. Mombasa asked for pumps, and Mombasa waited.\n",
            [("Mombasa", "GPE"), ("Mombasa", "ORG", 1), ("Mombasa", "ORG", 2)],
            [("Mombasa", P), ("Mombasa", P), ("Mombasa", P)],
        ),
        (
            "Floods\n\nThe money goes to Kisumu, where clinics are full. Durham objected.\n",
            [("Kisumu", "PERSON"), ("Durham", "PERSON")],
            [("Kisumu", P), ("Durham", N)],
        ),
        # A full name makes its surname the person's, town or not.
        (
            "Talks\n\nAna Mombasa, a lawyer, spoke. Later Mombasa said no.\n",
            [("Ana Mombasa", "PERSON"), ("Mombasa", "GPE")],
            [("Ana Mombasa", N), ("Mombasa", N)],
        ),
        # An institution's name goes on after "for"; a person's after the model's cut.
        (
            "Talks\n\nAid from the Velmora Agency for Rural Development arrived.\n",
            [("Velmora Agency", "ORG"), ("Rural Development", "ORG")],
            [("Velmora Agency for Rural Development", G)],
        ),
        (
            "Talks\n\nReuters reported it. The Association for Tarsk Studies met.\n",
            [("Reuters", "ORG"), ("Tarsk Studies", "PERSON")],
            [("Reuters", G), ("Association for Tarsk Studies", G)],
        ),
        # ... also when the model's first span ends inside it, and after a university.
        (
            "Court\n\nThe Velmora Court of Appeals for the Ninth Circuit ruled.\n",
            [("Velmora Court of Appeals", "ORG"), ("Ninth Circuit", "ORG")],
            [("Velmora Court of Appeals for the Ninth Circuit", G)],
        ),
        (
            "Science\n\nShe is at Tarsk University of Velmora now.\n",
            [("Tarsk University", "ORG"), ("Velmora", "GPE")],
            [("Tarsk University of Velmora", G)],
        ),
        # An institution of a listed set of fields; a list with a person stays apart.
        (
            "Talks\n\nThe Ministry of Fisheries, Forests and Coastal Affairs ruled.\n",
            [("Ministry of Fisheries", "ORG"), ("Coastal Affairs", "ORG")],
            [("Ministry of Fisheries, Forests and Coastal Affairs", G)],
        ),
        (
            "Talks\n\nThe Ministry of Defence, Maria Velk and Jo Pike met.\n",
            [("Ministry of Defence", "ORG"), ("Maria Velk", "PERSON"), ("Jo Pike", "PERSON")],
            [("Ministry of Defence", G), ("Maria Velk", N), ("Jo Pike", N)],
        ),
        (
            "Talks\n\nDr. Jean-Luc Obeng Tarsko, a virologist, met Jo Pike Tuesday.\n",
            [("Jean-Luc", "PERSON"), ("Jo Pike", "PERSON")],
            [("Jean-Luc Obeng Tarsko", N), ("Jo Pike", N)],
        ),
        (
            "Talks\n\nPresident Marta Elena Velk spoke. Meanwhile Ana Velk left.\n",
            [("Elena Velk", "PERSON"), ("Ana Velk", "PERSON")],
            [("Marta Elena Velk", N), ("Ana Velk", N)],
        ),
        (
            "Golf\n\nThe leader was Im Dae-hyun, who shot 66.\n",
            [("Dae-hyun", "PERSON")],
            [("Im Dae-hyun", N)],
        ),
        # Companies the model missed: after "analysts at", before a stock ticker.
        (
            "Markets\n\nAnalysts at Dravix said prices rose.\n",
            [],
            [("Dravix", G)],
        ),
        (
            "Markets\n\nRivals Velmora (VLMR) and Tarsk Devices (TRSK.N) rose.\n",
            [("Tarsk Devices", "PERSON")],
            [("Velmora", G), ("VLMR", G), ("Tarsk Devices", G), ("TRSK.N", G)],
        ),
        # A seat of government stands for it; a sports league or tour is a group.
        (
            "Vote\n\nTalks failed, and Downing Street on Monday ruled out a vote.\n",
            [],
            [("Downing Street", G)],
        ),
        (
            "Golf\n\nShe joined the PGA Tour in 2021, and the Premier League noticed.\n",
            [("the PGA Tour", "ORG")],
            [("PGA Tour", G), ("Premier League", G)],
        ),
        # A country stays a place when the model calls it a group (its government).
        (
            "Vote\n\nSlovakia said it would appeal, and Slovakia's envoy left.\n",
            [("Slovakia", "ORG"), ("Slovakia", "ORG", 1)],
            [("Slovakia", P), ("Slovakia", P)],
        ),
        # A place before a player's position is the team, with or without a name after.
        (
            "Cup\n\nThe Tarsko striker volleyed past the keeper.\n",
            [("Tarsko", "GPE")],
            [("Tarsko", G)],
        ),
        # An organisation known by its capitals, used twice and after "the"; not "the CEO".
        (
            "Talks\n\nThe VLF rebels met the CEO. The VLF said talks would go on.\n",
            [],
            [("VLF", G), ("VLF", G)],
        ),
        # An organisation's short form in its own language is defined all the same.
        (
            "Talks\n\nThe Tarsk Liberation Army (ELT) met. Later ELT fighters left.\n",
            [("The Tarsk Liberation Army", "ORG")],
            [("Tarsk Liberation Army", G), ("ELT", G)],
        ),
        # A natural feature's or a square's name is a place; "Toby Lane" is a person.
        (
            "Ice\n\nThe Tarsk Glacier and Mount Velk shrank, Toby Lane said.\n",
            [("Tarsk Glacier", "PERSON"), ("Mount Velk", "PERSON"), ("Toby Lane", "PERSON")],
            [("Tarsk Glacier", P), ("Mount Velk", P), ("Toby Lane", N)],
        ),
        # A team's nickname the model left after its city; then the city is the team,
        # but not where a trip goes.
        (
            "Ball\n\nThe Mariners beat the Cleveland Guardians 4-2 in the playoffs. Cleveland "
            "had tied it before the trip back to Cleveland.\n",
            [
                ("Mariners", "ORG"),
                ("Cleveland", "GPE"),
                ("Cleveland", "GPE", 1),
                ("Cleveland", "GPE", 2),
            ],
            [("Mariners", G), ("Cleveland Guardians", G), ("Cleveland", G), ("Cleveland", P)],
        ),
        # An office-holder's office is an institution; names separated by a slash.
        (
            "Trial\n\nThe Attorney General’s Office said so. Photos: Jo Pike/Ana Lee\n",
            [("General’s Office", "PERSON"), ("Jo Pike/Ana Lee", "PERSON")],
            [("Attorney General’s Office", G), ("Jo Pike", N), ("Ana Lee", N)],
        ),
        # A town's name the model cut in two, or took for a person's.
        (
            "Fire\n\nCrews in Sierra Vista, Santo Domingo and Milton Keynes waited.\n",
            [
                ("Sierra", "ORG"),
                ("Vista", "GPE"),
                ("Domingo", "PERSON"),
                ("Milton Keynes", "PERSON"),
            ],
            [("Sierra Vista", P), ("Santo Domingo", P), ("Milton Keynes", P)],
        ),
        # A region by its last word; an airline by its first; a railway company.
        (
            "Trade\n\nThe Velmora Region grew. Air Tarsko and Tarsko Railway hired.\n",
            [("Velmora Region", "ORG"), ("Air Tarsko", "GPE"), ("Tarsko Railway", "GPE")],
            [("Velmora Region", P), ("Air Tarsko", G), ("Tarsko Railway", G)],
        ),
        # An institution the model missed; one whose name it ran into a role.
        (
            "Space\n\nThe Velmora Propulsion Laboratory said so. "
            "Tarsk Enforcement Administration Special Agent Jo Pike agreed.\n",
            [("Tarsk Enforcement Administration Special", "ORG"), ("Jo Pike", "PERSON")],
            [("Velmora Propulsion Laboratory", G), ("Tarsk Enforcement Administration", G)],
        ),
        # A given name, accents and all, starts a person's name the model took for a
        # place; a double-barrelled surname after a given name is a person's, not a firm's.
        (
            "Talks\n\nThe envoy Rubén Velkaro spoke. But Devonte Marsh-Tarsk left, and "
            "Marsh-Tarsk said no.\n",
            [("Rubén Velkaro", "GPE"), ("Marsh-Tarsk", "ORG"), ("Marsh-Tarsk", "ORG", 1)],
            [("Rubén Velkaro", N), ("Devonte Marsh-Tarsk", N), ("Marsh-Tarsk", N)],
        ),
        (
            "Talks\n\nShares in Velk-Tarsk rose, on Pearl Street.\n",
            [("Velk-Tarsk", "ORG"), ("Pearl Street", "GPE")],
            [("Velk-Tarsk", G), ("Pearl Street", P)],
        ),
        # A dateline in title case before the agency; names after "the ticker", before
        # "newspaper"; a generic group word the model took alone ("Cartel").
        (
            "Fire\n\nTarsk (AFP) - She told the Velmo Post newspaper, under the ticker VLM.\n",
            [("Tarsk", "GPE")],
            [("Tarsk", P), ("AFP", G), ("Velmo Post", G), ("VLM", G)],
        ),
        (
            "Trial\n\nLeaders of the Tarsko Cartel met.\n",
            [("Cartel", "PERSON")],
            [("Tarsko Cartel", G)],
        ),
        # A given name before a surname the model saw elsewhere; not "King".
        (
            "Race\n\nTARSK (Reuters) - Max Velkaro won. Velkaro thanked King Harald.\n",
            [("Velkaro", "PERSON", 1), ("Harald", "PERSON")],
            [("TARSK", P), ("Reuters", G), ("Max Velkaro", N), ("Velkaro", N), ("Harald", N)],
        ),
        # A name the model missed, with its short form; the hyphen of "Monte-Carlo".
        (
            "Vote\n\nThe Greens and the Free Tarskans (FTP) met for talks on the budget in "
            "Monte Carlo.\n",
            [("Greens", "ORG"), ("Monte Carlo", "PERSON")],
            [("Greens", G), ("Free Tarskans", G), ("FTP", G), ("Monte Carlo", P)],
        ),
        # In sport a country that plays, or whose captain it is, is its team; "Vance's
        # manager" is not one.
        (
            "Test\n\nAustralia beat Ireland in the match. Ireland's captain Jo Pike said the "
            "season was long, and Vance's manager agreed.\n",
            [
                ("Australia", "GPE"),
                ("Ireland", "GPE"),
                ("Ireland", "GPE", 1),
                ("Jo Pike", "PERSON"),
                ("Vance", "PERSON"),
            ],
            [("Australia", G), ("Ireland", G), ("Ireland", G), ("Jo Pike", N), ("Vance", N)],
        ),
        # A street, a park or a highway by its last word, whatever words come before;
        # a racing team; a name with its particle.
        (
            "Fire\n\nCrowds on Parliament Avenue fled the Velk National Park, and the "
            "Tarsk Highway shut, Maarten van der Velk said of Pramac Racing.\n",
            [
                ("Parliament Avenue", "ORG"),
                ("Velk National Park", "ORG"),
                ("Tarsk Highway", "ORG"),
                ("Maarten", "PERSON"),
                ("Velk", "PERSON", 1),
                ("Pramac Racing", "PERSON"),
            ],
            [
                ("Parliament Avenue", P),
                ("Velk National Park", P),
                ("Tarsk Highway", P),
                ("Maarten van der Velk", N),
                ("Pramac Racing", G),
            ],
        ),
        # A country seen as the team once is the team in the rest of a match report.
        (
            "Rugby\n\nScotland claimed a win in Cardiff, and the crowd cheered as Scotland "
            "beat the clock. The coach said the match made their season.\n",
            [("Scotland", "GPE"), ("Cardiff", "GPE"), ("Scotland", "GPE", 1)],
            [("Scotland", G), ("Cardiff", P), ("Scotland", G)],
        ),
        # A headline names by surname a person the body introduces in full; "AI" is no name.
        (
            "Velkaro wins the vote\n\nMarta Velkaro won on Sunday, as the AI boom went on. "
            "Velkaro said so.\n",
            [("Velkaro", "ORG"), ("Marta Velkaro", "PERSON"), ("AI", "GPE")],
            [("Velkaro", N), ("Marta Velkaro", N), ("Velkaro", N)],
        ),
        # A ruler's title makes a person of the model's organisation; a role and a comma
        # before a name; a minister's portfolio is no name.
        (
            "Floods\n\nKing Velkar IV came, and the bloc's crisis commissioner, Janez Tarsk, "
            "met Defense Minister Jo Pike at the Justice Department.\n",
            [
                ("King Velkar IV", "ORG"),
                ("Janez Tarsk", "ORG"),
                ("Defense", "ORG"),
                ("Jo Pike", "PERSON"),
                ("Justice Department", "ORG"),
            ],
            [
                ("Velkar IV", N),
                ("Janez Tarsk", N),
                ("Jo Pike", N),
                ("Justice Department", G),
            ],
        ),
        # "Name, age, of Town": the town a person is from.
        (
            "Shooting\n\nThe victim, Jo Pike, 31, of Grace, worked nights.\n",
            [("Jo Pike", "PERSON"), ("Grace", "PERSON")],
            [("Jo Pike", N), ("Grace", P)],
        ),
        # In sport a town's name may be its team.
        (
            "Cup\n\nLiverpool won the league match, and the club's coach praised the season.\n",
            [("Liverpool", "ORG")],
            [("Liverpool", G)],
        ),
    ],
)
def test_general_news_rules(
    text: str, spans: list[tuple[str | int, ...]], expected: list[tuple[str, Kind]]
) -> None:
    mentions = run(
        text, [span(text, str(p[0]), str(p[1]), int(p[2]) if len(p) > 2 else 0) for p in spans]
    )
    assert found(mentions)[: len(expected)] == expected


def test_a_surname_after_jr_still_stands_for_the_person() -> None:
    text = "Talks\n\nRobert Lee Velk Jr. arrived. 'Fine,' Velk said.\n"
    spans = [span(text, "Robert Lee Velk Jr.", "PERSON"), span(text, "Velk", "ORG", 1)]
    assert found(run(text, spans)) == [("Robert Lee Velk Jr.", N), ("Velk", N)]


def test_no_name_is_highlighted_inside_an_event_or_a_product() -> None:
    text = "Air show opens\n\nPlanes came to Tarsk for the Tarsk Air Show on Monday.\n"
    spans = [span(text, "Tarsk", "GPE"), span(text, "Tarsk Air Show", "EVENT")]
    assert found(run(text, spans)) == [("Tarsk", P)]


@pytest.mark.parametrize(
    ("body", "spans", "expected"),
    [
        (
            "OSTRAVA, Velmora, May 3 (Wirepress) - Prices rose.",
            [("Velmora", "GPE")],
            [("OSTRAVA", P), ("Velmora", P), ("Wirepress", G)],
        ),
        ("EXCLUSIVE: PORT VELLA - Talks resumed.", [], [("PORT VELLA", P)]),
        (
            "UPDATE 2-PORT VELLA, May 3 (Wirepress) - Talks resumed.",
            [],
            [("PORT VELLA", P), ("Wirepress", G)],
        ),
        (
            "ST. VELLA, Minn. (Wirepress) — A man pleaded guilty.",
            [("ST.", "GPE"), ("VELLA", "ORG"), ("Minn.", "GPE")],
            [("ST. VELLA", P), ("Minn.", P), ("Wirepress", G)],
        ),
        # The word that opens the sentence after a dateline is not a name by itself.
        (
            "TARSKOVO - Aid workers said food ran out.",
            [("TARSKOVO - Aid", "ORG")],
            [("TARSKOVO", P)],
        ),
    ],
)
def test_dateline_forms(
    body: str, spans: list[tuple[str, str]], expected: list[tuple[str, Kind]]
) -> None:
    text = f"Talks go on\n\n{body}\n"
    assert found(run(text, [span(text, piece, label) for piece, label in spans])) == expected


# --- things that are not entities, names cut or joined (2026-12-06, third session) ----------


def test_a_named_storm_is_no_entity_and_nor_is_its_name_alone() -> None:
    text = "Hurricane Velka hit Port Amira. Later Velka weakened, said Jo Velka."
    spans = [
        span(text, "Hurricane Velka", "ORG"),
        span(text, "Port Amira", "GPE"),
        span(text, "Velka", "PERSON", 1),
        span(text, "Jo Velka", "PERSON"),
    ]
    assert found(run(text, spans)) == [("Port Amira", P), ("Jo Velka", N)]


def test_a_maker_inside_a_product_designation_is_not_highlighted() -> None:
    text = "Velmora Air ordered 40 Airbus A321neo jets and 15 Boeing 777-9 jets. Airbus rose."
    spans = [
        span(text, "Velmora Air", "ORG"),
        span(text, "Airbus", "ORG"),
        span(text, "Boeing", "ORG"),
        span(text, "Airbus", "ORG", 1),
    ]
    mentions = run(text, spans)
    assert found(mentions) == [("Velmora Air", G), ("Airbus", G)]
    assert mentions[-1].start == text.rindex("Airbus")


def test_a_nationality_in_an_event_name_is_not_a_group() -> None:
    text = "She won the Canadian Grand Prix and the Australian Open, beating the Canadian driver."
    spans = [span(text, w, "NORP", n) for w, n in (("Canadian", 0), ("Australian", 0))]
    spans.append(span(text, "Canadian", "NORP", 1))
    mentions = run(text, spans)
    assert found(mentions) == [("Canadian", G)]
    assert mentions[0].start == text.rindex("Canadian")


def test_a_byline_run_into_its_agency_is_split() -> None:
    text = (
        "Storm nears\n\nBy JO PIKE and ANA VELK Associated Press\n\nPERRY, Fla. (AP) — Rain fell.\n"
    )
    spans = [span(text, "JO PIKE", "PERSON"), span(text, "ANA VELK Associated Press", "ORG")]
    assert found(run(text, spans))[:3] == [("JO PIKE", N), ("ANA VELK", N), ("Associated Press", G)]


@pytest.mark.parametrize(
    ("text", "piece", "label", "expected"),
    [
        (
            "The Velmora Highway Patrol closed roads.",
            "Velmora Highway",
            "GPE",
            "Velmora Highway Patrol",
        ),
        ("Jo Pike covers courts for the Ostrava Advocate.", "Ostrava", "GPE", "Ostrava Advocate"),
        (
            "She appealed to the 9th U.S. Circuit Court of Appeals on Monday.",
            "U.S. Circuit Court of Appeals",
            "ORG",
            "9th U.S. Circuit Court of Appeals",
        ),
    ],
)
def test_a_force_a_paper_a_court_and_a_diocese_are_one_group(
    text: str, piece: str, label: str, expected: str
) -> None:
    assert (expected, G) in found(run(text, [span(text, piece, label)]))


def test_a_diocese_goes_on_with_its_see() -> None:
    text = "Audit ordered\n\nAn audit of the Archdiocese of Velmora began."
    spans = [span(text, "Archdiocese", "ORG"), span(text, "Velmora", "GPE")]
    assert found(run(text, spans)) == [("Archdiocese of Velmora", G)]


def test_a_run_ends_at_a_sentence_and_at_an_ampersand() -> None:
    text = "Results were mixed for the PT. The party held Ostrava."
    assert "PT. The" not in [t for t, _ in found(run(text, []))]
    text = "Police & fire: Velmora man charged"
    assert found(run(text, [span(text, "Police &", "ORG")])) == [("Police", G)]


def test_in_a_race_report_constructors_are_teams_and_elsewhere_people_keep_their_names() -> None:
    text = (
        "Grand Prix report\n\nJo Pike won from pole for McLaren ahead of the Williams of "
        "Ana Velk.\n"
    )
    spans = [
        span(text, "Jo Pike", "PERSON"),
        span(text, "McLaren", "PERSON"),
        span(text, "Williams", "PERSON"),
        span(text, "Ana Velk", "PERSON"),
    ]
    assert [k for t, k in found(run(text, spans)) if t in ("McLaren", "Williams")] == [G, G]
    text = "Court report\n\nJo Pike sued McLaren and Williams over the fence.\n"
    spans = [span(text, w, "PERSON") for w in ("Jo Pike", "McLaren", "Williams")]
    assert [k for _, k in found(run(text, spans))] == [N, N, N]


def test_a_mention_the_model_missed_keeps_its_own_strong_cue() -> None:
    text = (
        "Velka five-for\n\nVelka took the new ball. Velka, the 24-year-old fast bowler, "
        "finished with five wickets at Ostrava.\n"
    )
    spans = [span(text, "Velka", "GPE", 0), span(text, "Velka", "GPE", 1)]
    spans.append(span(text, "Ostrava", "GPE"))
    kinds = [k for t, k in found(run(text, spans)) if t == "Velka"]
    assert kinds[-1] is N


@pytest.mark.parametrize(
    "text",
    [
        "Counting ends\n\nTurnout rose.\n\n— With inputs from Velka Osei in Ostrava\n",
        "Test day two\n\nThen fast bowler Velka Osei took the new ball at Ostrava.\n",
    ],
)
def test_a_credit_and_a_players_position_make_a_person(text: str) -> None:
    spans = [span(text, "Velka Osei", "GPE"), span(text, "Ostrava", "GPE")]
    assert found(run(text, spans)) == [("Velka Osei", N), ("Ostrava", P)]


def test_a_spacecraft_named_by_its_kind_is_no_entity_in_any_mention() -> None:
    text = (
        "Velka nears its asteroid\n\nThe Velka spacecraft fired its engines. Velka will "
        "arrive in May, and a NASA spacecraft follows.\n"
    )
    spans = [span(text, "Velka", "PERSON", n) for n in range(3)] + [span(text, "NASA", "ORG")]
    assert found(run(text, spans)) == [("NASA", G)]


@pytest.mark.parametrize(
    ("text", "piece"),
    [
        ("Ostrava signed the Velmora Treaty in May.", "Velmora Treaty"),
        ("The Digital Velmora Act takes effect in May.", "Digital Velmora Act"),
        ("She won the Golden Velka Prize in May.", "Golden Velka Prize"),
    ],
)
def test_laws_treaties_and_awards_are_not_groups(text: str, piece: str) -> None:
    assert piece not in [t for t, _ in found(run(text, [span(text, piece, "ORG")]))]


def test_a_lone_word_listed_with_a_town_is_a_place_even_where_the_model_saw_people() -> None:
    text = "Workers send money home to Karachi or Velkovo every month."
    spans = [span(text, "Karachi", "PERSON"), span(text, "Velkovo", "PERSON")]
    assert found(run(text, spans)) == [("Karachi", P), ("Velkovo", P)]
    # Beside a person, a lone surname stays a person.
    text = "Reporting by Ana Velk and Pike in Karachi."
    spans = [span(text, "Ana Velk", "PERSON"), span(text, "Pike", "PERSON")]
    spans.append(span(text, "Karachi", "GPE"))
    assert found(run(text, spans)) == [("Ana Velk", N), ("Pike", N), ("Karachi", P)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The boat was towed north on U.S. 19 behind a truck.", [("U.S. 19", P)]),
        ("A car crashed at U.S. 62 and Velka Road.", [("U.S. 62", P), ("Velka Road", P)]),
        ("Yields on U.S. 10-year notes rose.", [("U.S.", P)]),
        ("Shares of U.S. 500 firms fell.", [("U.S.", P)]),
    ],
)
def test_a_us_highway_by_its_number_and_the_country_before_other_numbers(
    text: str, expected: list[tuple[str, Kind]]
) -> None:
    spans = [span(text, "Velka Road", "FAC")] if "Velka" in text else []
    assert found(run(text, spans)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Cars\n\nXenhar's new chairman bets on exports. Xenhar sold 212,000 cars.\n",
        "Review\n\nXenhar Lights formed in Leith in 2012. Xenhar Lights played on.\n",
        "Funding\n\nXenhar partner Rachel Stein said so. Xenhar invests in freight.\n",
    ],
)
def test_what_only_an_organisation_has_makes_a_group_of_every_mention(text: str) -> None:
    name = "Xenhar Lights" if "Lights" in text else "Xenhar"
    spans = [span(text, name, "PERSON", n) for n in range(2)]
    kinds = [k for t, k in found(run(text, spans)) if t == name]
    assert kinds == [G, G]


def test_a_name_with_a_plus_is_one_group_and_grades_and_languages_are_nothing() -> None:
    text = "VELX+ agreed to delay cuts; VELX+'s power waned. She streams on Velflix+."
    assert found(run(text, [])) == [("VELX+", G), ("VELX+", G), ("Velflix+", G)]
    text = "She got a B+ in C++ at the LGBTQ+ centre."
    assert found(run(text, [])) == []


def test_a_town_the_model_cut_is_taken_in_whole() -> None:
    text = "Voters in Rio Grande do Sul backed him, and boats left Boulogne-sur-Mer."
    spans = [span(text, "Rio Grande", "GPE"), span(text, "Boulogne", "GPE")]
    assert found(run(text, spans)) == [("Rio Grande do Sul", P), ("Boulogne-sur-Mer", P)]


@pytest.mark.parametrize(
    "text",
    [
        "Breach\n\nA ransomware gang known as Velka Quill posted the data. Velka Quill said so.\n",
        "Breach\n\nVelka Quill hackers claim the theft. Velka Quill said so.\n",
        "Deal\n\nThe bid is a 31% premium to Velka Quill's closing price. Velka Quill said so.\n",
    ],
)
def test_a_gang_and_a_takeover_target_are_groups(text: str) -> None:
    spans = [span(text, "Velka Quill", "PERSON", n) for n in range(2)]
    assert [k for _, k in found(run(text, spans))] == [G, G]


def test_in_a_tournament_countries_that_play_are_teams() -> None:
    text = (
        "World Cup\n\nThe tournament table is tight after the group innings and the wickets "
        "are dry. Australia, who "
        "thrashed the Netherlands in Delhi, meet Afghanistan in Pune, where Afghanistan's "
        "spinners could thrive.\n"
    )
    spans = [span(text, w, "GPE") for w in ("Australia", "Netherlands", "Delhi", "Pune")]
    spans += [span(text, "Afghanistan", "GPE", n) for n in range(2)]
    kinds = {t: k for t, k in found(run(text, spans))}
    assert (kinds["Australia"], kinds["Afghanistan"], kinds["Delhi"]) == (G, G, P)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It beat the previous Liberal government on health.", [("Liberal", G)]),
        ("After Jo Velk's PCs won in 2018, Nationals leader Ana Pike spoke.", ["PCs", "Nationals"]),
        ("The Progressive Conservative government fell.", []),
    ],
)
def test_a_party_by_its_adjective_or_members_before_a_word_of_politics(
    text: str, expected: list[object]
) -> None:
    groups = [t for t, k in found(run(text, [])) if k is G]
    assert groups == [e[0] if isinstance(e, tuple) else e for e in expected]


def test_a_known_club_is_a_team_and_so_is_its_short_name() -> None:
    text = (
        "Aston Villa 2-2 Everton: late leveller\n\nIt was a league match of two goals each. "
        "Villa stay 15th, and their captain said Juventus had called.\n"
    )
    spans = [span(text, "Aston", "PERSON"), span(text, "Villa", "PERSON", 1)]
    spans.append(span(text, "Juventus", "PERSON"))
    assert found(run(text, spans)) == [
        ("Aston Villa", G),
        ("Everton", G),
        ("Villa", G),
        ("Juventus", G),
    ]


def test_an_athletes_country_code_in_a_results_line_is_a_place() -> None:
    text = "Result: 1. Bram Velkers (BEL) Team Ostra 4hrs; 2. Kasper Holm Vinter (DEN) same time."
    spans = [span(text, "Bram Velkers", "PERSON"), span(text, "Kasper Holm Vinter", "PERSON")]
    spans.append(span(text, "Team Ostra", "ORG"))
    assert found(run(text, spans)) == [
        ("Bram Velkers", N),
        ("BEL", P),
        ("Team Ostra", G),
        ("Kasper Holm Vinter", N),
        ("DEN", P),
    ]
    # A ticker after a company stays the company's.
    text = "Shares of Velmora International (MAR) rose."
    spans = [span(text, "Velmora International", "ORG")]
    assert found(run(text, spans)) == [("Velmora International", G), ("MAR", G)]


def test_the_rest_of_a_town_after_a_small_word_or_an_abbreviation() -> None:
    text = "Flights to Dar es Salaam and Sault Ste. Marie resumed."
    spans = [span(text, "Dar", "GPE"), span(text, "Sault Ste", "GPE")]
    assert found(run(text, spans)) == [("Dar es Salaam", P), ("Sault Ste. Marie", P)]


def test_a_generic_word_opening_a_sentence_before_a_role_is_no_group() -> None:
    text = (
        "Budget row\n\nThe party met. Party insiders said the council would vote. Council "
        "member Jo Pike agreed, and NSW voters and Target shoppers noticed.\n"
    )
    spans = [
        span(text, "Party", "ORG"),
        span(text, "Council", "ORG"),
        span(text, "Jo Pike", "PERSON"),
    ]
    spans += [span(text, "NSW", "ORG"), span(text, "Target", "ORG")]
    assert found(run(text, spans)) == [("Jo Pike", N), ("NSW", P), ("Target", G)]


def test_wall_street_is_a_place_where_the_model_passes_it_by_but_not_inside_a_paper() -> None:
    assert found(run("Futures pointed to a flat open on Wall Street.", [])) == [("Wall Street", P)]
    assert found(run("The Wall Street Journal reported it.", [])) == []


def test_a_club_named_for_its_town_is_a_team_only_in_sport() -> None:
    text = (
        "Leicester City 2-1 Ipswich Town\n\nThe league match turned on two goals and a "
        "late save; the captain praised the fans of Leicester City.\n"
    )
    spans = [span(text, "Leicester City", "GPE", n) for n in range(2)]
    spans.append(span(text, "Ipswich Town", "GPE"))
    assert [k for _, k in found(run(text, spans))] == [G, G, G]
    text = "Flooding hit Toyota City and Cape Town on Monday."
    spans = [span(text, "Toyota City", "GPE"), span(text, "Cape Town", "GPE")]
    assert [k for _, k in found(run(text, spans))] == [P, P]


def test_a_company_named_like_a_town_is_the_company_in_a_business_story() -> None:
    text = (
        "Carmakers\n\nShares of carmakers fell as sales slowed; analysts cut their outlook "
        "for the quarter. Toyota lost 2%, and its plant in Toyota stayed shut.\n"
    )
    spans = [span(text, "Toyota", "ORG"), span(text, "Toyota", "GPE", 1)]
    assert [k for _, k in found(run(text, spans))] == [G, P]
    text = "Floods\n\nRain hit Toyota on Monday and rivers rose.\n"
    assert found(run(text, [span(text, "Toyota", "GPE")])) == [("Toyota", P)]


def test_an_office_between_a_place_and_a_person_splits_the_span() -> None:
    text = "Row\n\nThen Vesko MP Halake Wario spoke, and UDA MPs walked out of Ostrava.\n"
    spans = [span(text, "Vesko MP Halake Wario", "PERSON"), span(text, "UDA MPs", "PERSON")]
    spans.append(span(text, "Ostrava", "GPE"))
    assert found(run(text, spans)) == [
        ("Vesko", P),
        ("Halake Wario", N),
        ("UDA", G),
        ("Ostrava", P),
    ]


def test_a_broadcasters_arm_after_its_capitals_is_one_group() -> None:
    text = "By Tom Pike, BBC Sport at the ground; PA Media said so, and the BBC agreed."
    spans = [span(text, "Tom Pike", "PERSON"), span(text, "BBC", "ORG")]
    spans += [span(text, "PA", "GPE"), span(text, "BBC", "ORG", 1)]
    assert found(run(text, spans)) == [
        ("Tom Pike", N),
        ("BBC Sport", G),
        ("PA Media", G),
        ("BBC", G),
    ]


def test_parties_whose_names_say_nothing_of_a_party_are_groups() -> None:
    text = "Sinn Féin and Fine Gael rose in the poll, and Fidesz lost ground to Jo Pike."
    spans = [span(text, "Sinn Féin", "PERSON"), span(text, "Fine Gael", "PERSON")]
    spans += [span(text, "Fidesz", "PERSON"), span(text, "Jo Pike", "PERSON")]
    assert [k for _, k in found(run(text, spans))] == [G, G, G, N]


def test_a_legal_form_the_model_left_out_is_taken_in_with_its_period() -> None:
    text = "Markets\n\nVelmora Inc. said profits rose, as did Ostra Pike & Co. on Monday.\n"
    spans = [span(text, "Velmora", "ORG"), span(text, "Ostra Pike", "ORG")]
    assert found(run(text, spans)) == [("Velmora Inc.", G), ("Ostra Pike & Co.", G)]


def test_a_full_name_whose_surname_the_article_calls_a_person_is_a_person() -> None:
    text = (
        "Velko five-for\n\nThen Kagiso Velko took the new ball. Velko, the 24-year-old "
        "fast bowler from Ostrava, finished with five wickets, and Velko bowled on.\n"
    )
    spans = [span(text, "Velko", "GPE"), span(text, "Kagiso Velko", "ORG")]
    spans += [span(text, "Ostrava", "GPE"), span(text, "Velko", "GPE", 3)]
    assert [(t, k) for t, k in found(run(text, spans)) if "Velko" in t] == [
        ("Velko", N),
        ("Kagiso Velko", N),
        ("Velko", N),
        ("Velko", N),
    ]


def test_a_team_sheet_names_its_players_and_its_team() -> None:
    text = (
        "Ostra 2-1 Velka\n\nTwo goals won the league match.\n\nLine-ups\n\n"
        "Ostra Rovers: Sned, McKenn, Mayo, Holt (Bannig 72), "
        "Lawle.\n\nSubs not used: Ferri, Miln, Stanw.\n\nBooked: Holt.\n\nAttendance: 4,312.\n"
    )
    spans = [span(text, "McKenn, Mayo", "ORG"), span(text, "Ferri, Miln, Stanw", "ORG")]
    body = found(run(text, spans))
    assert ("Ostra Rovers", G) in body
    players = [t for t, k in body if k is N]
    assert players == [
        "Sned", "McKenn", "Mayo", "Holt", "Bannig", "Lawle", "Ferri", "Miln", "Stanw", "Holt",
    ]  # fmt: skip
    assert "Attendance" not in [t for t, _ in body]


def test_a_rugby_team_sheet_with_shirt_numbers() -> None:
    text = (
        "Team news\n\nThe coach named his side for the league match.\n\n"
        "Chiefs: 15 Jo Velk, 14 Ana Pike, 13 Tane Rona, 12 Quinn Tupa.\n\n"
        "Replacements: 16 Sami Taukei'aho, 17 Ollie Norr.\n"
    )
    assert found(run(text, [])) == [
        ("Chiefs", G),
        ("Jo Velk", N),
        ("Ana Pike", N),
        ("Tane Rona", N),
        ("Quinn Tupa", N),
        ("Sami Taukei'aho", N),
        ("Ollie Norr", N),
    ]


def test_a_game_previews_up_next_lines_name_teams() -> None:
    text = (
        "Velkas beat Ostras\n\nJo Pike scored 30 points for the Velkas.\n\nUP NEXT\n\n"
        "Velkas: At Utah on Friday night.\n\nOstras: Host Golden State on Saturday.\n"
    )
    spans = [span(text, "Jo Pike", "PERSON"), span(text, "Utah", "GPE")]
    spans.append(span(text, "Host Golden State", "GPE"))
    body = found(run(text, spans))
    for name in ("Utah", "Golden State", "Ostras"):
        assert (name, G) in body, name


def test_a_leagues_capitals_are_split_off_the_outlet_before_them() -> None:
    text = "Jo Pike of Velka Sports NFL said so."
    spans = [span(text, "Jo Pike", "PERSON"), span(text, "Velka Sports NFL", "ORG")]
    assert found(run(text, spans)) == [("Jo Pike", N), ("Velka Sports", G), ("NFL", G)]


def test_a_korean_given_name_after_its_hyphen_is_taken_in() -> None:
    text = "Talks\n\nKang Min-seok met Choi Yoon-ah in Seoul, and Jo Pike-led talks began.\n"
    spans = [span(text, "Kang Min", "PERSON"), span(text, "Choi Yoon", "PERSON")]
    spans += [span(text, "Seoul", "GPE"), span(text, "Jo Pike", "PERSON")]
    assert found(run(text, spans)) == [
        ("Kang Min-seok", N),
        ("Choi Yoon-ah", N),
        ("Seoul", P),
        ("Jo Pike", N),
    ]


def test_a_states_body_after_its_name_is_a_group_unless_a_holder_is_named() -> None:
    text = (
        "Rally\n\nThe Ostravia House passed it, and Ostravia House Speaker Jo Pike spoke. "
        "The Velmora State Attorney General is investigating; Ostravia Attorney General "
        "Ana Velk agreed. U.S. Capitol Police arrested him.\n"
    )
    spans = [span(text, "Ostravia", "GPE", n) for n in range(3)]
    spans += [span(text, "Jo Pike", "PERSON"), span(text, "Velmora State", "GPE")]
    spans += [span(text, "Ana Velk", "PERSON"), span(text, "U.S. Capitol", "FAC")]
    assert found(run(text, spans)) == [
        ("Ostravia House", G),
        ("Ostravia House", G),
        ("Jo Pike", N),
        ("Velmora State Attorney General", G),
        ("Ostravia", P),
        ("Ana Velk", N),
        ("U.S. Capitol Police", G),
    ]


def test_a_universitys_campus_is_part_of_its_name() -> None:
    text = "She studied at the University of Velmora at Kestrelton before moving to Ostrava."
    spans = [span(text, "University of Velmora", "ORG"), span(text, "Kestrelton", "GPE")]
    spans.append(span(text, "Ostrava", "GPE"))
    assert found(run(text, spans)) == [
        ("University of Velmora at Kestrelton", G),
        ("Ostrava", P),
    ]


def test_well_known_events_and_weapons_are_not_entities() -> None:
    text = (
        "Ostravia bought NASAMS and Patriot batteries before the Tour de France, and "
        "France watched the Six Nations. Jo Patriot said so as Brent crude rose.\n"
    )
    spans = [span(text, "Ostravia", "GPE"), span(text, "NASAMS", "ORG")]
    spans += [span(text, "Patriot", "ORG"), span(text, "Tour de France", "ORG")]
    spans += [span(text, "France", "GPE", 1), span(text, "Six Nations", "ORG")]
    spans += [span(text, "Jo Patriot", "PERSON"), span(text, "Brent", "PERSON")]
    assert found(run(text, spans)) == [("Ostravia", P), ("France", P), ("Jo Patriot", N)]


def test_misfires_a_review_found_too() -> None:
    text = "Study\n\nResearchers at Johns Velk found it. Velk, 45, led the trial.\n"
    assert found(run(text, [span(text, "Johns Velk", "ORG")]))[0] == ("Johns Velk", G)
    text = "Game\n\nOstra beat the University of Velmora at Kinnick Stadium.\n"
    spans = [span(text, "University of Velmora", "ORG"), span(text, "Kinnick Stadium", "FAC")]
    assert found(run(text, spans)) == [("University of Velmora", G), ("Kinnick Stadium", P)]
    text = "Game\n\nStorm Velk scored 20 points.\n"
    assert found(run(text, [span(text, "Storm Velk", "PERSON")])) == [("Storm Velk", N)]


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        # A listed company's name that is a person's surname here, or a river.
        (
            "Cricket\n\nPat Cummins took five wickets. Cummins, the captain, said so.",
            [("Pat Cummins", "PERSON"), ("Cummins", "PERSON", 1)],
            [("Pat Cummins", N), ("Cummins", N)],
        ),
        ("Fires\n\nFires spread across the Amazon.", [("Amazon", "LOC")], [("Amazon", P)]),
        # A country's economy is no company's.
        (
            "Growth\n\nJapan's quarterly growth beat forecasts, while China's factories slowed.",
            [("Japan", "GPE"), ("China", "GPE")],
            [("Japan", P), ("China", P)],
        ),
        # Capitals after a number, a team before its score, a number of jobs.
        (
            "War\n\nMore than 300 NATO troops arrived in Velmora.",
            [("NATO", "ORG"), ("Velmora", "GPE")],
            [("NATO", G), ("Velmora", P)],
        ),
        (
            "Score\n\nVelka Kings 180 for 4 beat Ostra Royals 175-6, and Tesla cut 400 jobs.",
            [("Velka Kings", "ORG"), ("Ostra Royals", "ORG"), ("Tesla", "ORG")],
            [("Velka Kings", G), ("Ostra Royals", G), ("Tesla", G)],
        ),
        # A list that is no team sheet; a party that opens a sentence; a title before an office.
        (
            "Floods\n\nCountries affected: Malawi, Zambia, Angola, Namibia.",
            [("Malawi", "GPE"), ("Zambia", "GPE"), ("Angola", "GPE"), ("Namibia", "GPE")],
            [("Malawi", P), ("Zambia", P), ("Angola", P), ("Namibia", P)],
        ),
        (
            "Row\n\nReform leader Jo Pike attacked pension reform on Monday.",
            [("Reform", "ORG"), ("Jo Pike", "PERSON")],
            [("Reform", G), ("Jo Pike", N)],
        ),
        (
            "Row\n\nConservative MEP Ann Lee and Deputy Mayor Tom Reyes spoke.",
            [("Conservative MEP Ann Lee", "PERSON"), ("Deputy Mayor Tom Reyes", "PERSON")],
            [("Conservative", G), ("Ann Lee", N), ("Tom Reyes", N)],
        ),
        # Credit ratings; a planet beside a rover; a company by its age; no race.
        ("Debt\n\nFitch cut the bonds to BBB+ from A+.", [], []),
        (
            "Science\n\nThe Mars rover Velka found a rock on Mars.",
            [("Mars", "LOC"), ("Mars", "LOC", 1)],
            [("Mars", P), ("Mars", P)],
        ),
        (
            "Funding\n\nLumora, a 12-year-old startup based in Austin, raised money.",
            [("Lumora", "ORG"), ("Austin", "GPE")],
            [("Lumora", G), ("Austin", P)],
        ),
        (
            "Visas\n\nStudents on F1 visas worry, said Jo Williams, a lawyer. Williams said so.",
            [("Jo Williams", "PERSON"), ("Williams", "PERSON", 1)],
            [("Jo Williams", N), ("Williams", N)],
        ),
    ],
)
def test_misfires_a_review_found(
    text: str, spans: list[tuple[str | int, ...]], expected: list[tuple[str, Kind]]
) -> None:
    model = [span(text, str(p[0]), str(p[1]), int(p[2]) if len(p) > 2 else 0) for p in spans]
    assert found(run(text, model)) == expected


def test_a_name_after_the_town_of_is_a_place_in_every_mention() -> None:
    text = (
        "Attack near Velkow\n\nGunmen attacked a post near the town of Velkow. Patrols "
        "between Velkow and Ostrava begin. The region of Castile and León votes.\n"
    )
    spans = [span(text, "Ostrava", "GPE")]
    assert found(run(text, spans)) == [
        ("Velkow", P),
        ("Velkow", P),
        ("Velkow", P),
        ("Ostrava", P),
    ]


def test_a_works_title_after_its_kind_is_no_name() -> None:
    text = (
        "Venice\n\nJo Pike's drama The Salt Velk won an ovation, and Mubi bought the horror "
        "film Nightvelk from Seoul.\n\nBy Ana Velk in Venice\n"
    )
    spans = [span(text, "Jo Pike", "PERSON"), span(text, "Salt Velk", "GPE")]
    spans += [span(text, "Nightvelk", "ORG"), span(text, "Seoul", "GPE")]
    spans += [span(text, "Ana Velk", "PERSON"), span(text, "Venice", "GPE", 1)]
    assert found(run(text, spans)) == [
        ("Venice", P),
        ("Jo Pike", N),
        ("Seoul", P),
        ("Ana Velk", N),
        ("Venice", P),
    ]


def test_news_outlets_the_model_passes_by_are_groups() -> None:
    text = "Ana Velk told Aftenposten and Le Parisien, as Yonhap reported."
    spans = [span(text, "Ana Velk", "PERSON"), span(text, "Aftenposten", "PERSON")]
    spans.append(span(text, "Le Parisien", "PERSON"))
    assert found(run(text, spans)) == [
        ("Ana Velk", N),
        ("Aftenposten", G),
        ("Le Parisien", G),
        ("Yonhap", G),
    ]


def test_bodies_and_parliaments_by_name_are_groups() -> None:
    text = "The Lok Sabha passed it, Mercosur objected and the Bundeswehr sent troops to Ostrava."
    spans = [span(text, "Lok Sabha", "PERSON"), span(text, "Mercosur", "GPE")]
    spans += [span(text, "Bundeswehr", "GPE"), span(text, "Ostrava", "GPE")]
    assert found(run(text, spans)) == [
        ("Lok Sabha", G),
        ("Mercosur", G),
        ("Bundeswehr", G),
        ("Ostrava", P),
    ]


def test_large_companies_outside_the_indices_are_groups() -> None:
    text = "Alibaba and Meituan rose, while Foxconn and Trafigura fell in Ostrava."
    spans = [span(text, w, "GPE") for w in ("Alibaba", "Meituan", "Foxconn", "Trafigura")]
    spans.append(span(text, "Ostrava", "GPE"))
    assert [k for _, k in found(run(text, spans))] == [G, G, G, G, P]


def test_more_clubs_by_name_are_teams() -> None:
    text = "West Ham 1-0 Dynamo Kyiv\n\nThe league match turned on one goal and a late save.\n"
    spans = [span(text, "West Ham", "PERSON"), span(text, "Dynamo Kyiv", "GPE")]
    assert found(run(text, spans)) == [("West Ham", G), ("Dynamo Kyiv", G)]


def test_more_parties_and_the_who_are_groups() -> None:
    text = "Reform UK and the Alternative for Germany gained, and the WHO warned Ostrava."
    spans = [span(text, "Ostrava", "GPE")]
    assert found(run(text, spans)) == [
        ("Reform UK", G),
        ("Alternative for Germany", G),
        ("WHO", G),
        ("Ostrava", P),
    ]


def test_a_nationality_faith_or_creed_the_model_missed_is_a_group_but_not_a_language() -> None:
    text = (
        "Sanctions\n\nWestern sanctions hit Filipino workers and Muslim traders, who speak "
        "Tamil. South African officials met Peronist leaders in Danish.\n"
    )
    assert [t for t, k in found(run(text, [])) if k is G] == [
        "Western",
        "Filipino",
        "Muslim",
        "Peronist",
    ]


def test_unions_universities_and_agencies_known_by_a_bare_name_are_groups() -> None:
    text = "Aslef and Unison backed the strike, Karolinska ran the trial and JAXA watched."
    spans = [span(text, "Aslef", "GPE"), span(text, "Karolinska", "PERSON")]
    assert [t for t, k in found(run(text, spans)) if k is G] == [
        "Aslef",
        "Unison",
        "Karolinska",
        "JAXA",
    ]


def test_a_rank_without_its_full_stop_is_a_title_not_a_name() -> None:
    text = "Front\n\nSgt Jo Pike said Sgt told him to wait in Ostrava."
    spans = [span(text, "Sgt Jo Pike", "PERSON"), span(text, "Sgt", "PERSON", 1)]
    spans.append(span(text, "Ostrava", "GPE"))
    assert found(run(text, spans)) == [("Jo Pike", N), ("Ostrava", P)]


def test_an_institution_named_of_or_in_a_place_keeps_the_place_in_its_name() -> None:
    text = (
        "Report\n\nThe Royal Conservatoire of Velmora and the United Nations Interim Force "
        "in Ostrava met. Pike flew to Ostrava for the Ostra Bank in Velmora.\n"
    )
    spans = [
        span(text, "Royal Conservatoire", "ORG"),
        span(text, "Velmora", "GPE"),
        span(text, "United Nations Interim Force", "ORG"),
        span(text, "Ostrava", "GPE"),
        span(text, "Pike", "PERSON"),
        span(text, "Ostrava", "GPE", 1),
        span(text, "Ostra Bank", "ORG"),
        span(text, "Velmora", "GPE", 1),
    ]
    assert found(run(text, spans)) == [
        ("Royal Conservatoire of Velmora", G),
        ("United Nations Interim Force in Ostrava", G),
        ("Pike", N),
        ("Ostrava", P),
        ("Ostra Bank", G),  # a bank "in" a town is not named for it
        ("Velmora", P),
    ]


def test_an_institution_in_a_title_case_reference_line_is_not_cut_to_a_town() -> None:
    text = (
        "Militias\n\nWashington said so.\n\nReferences\n\n"
        "1. Pike, Jo (2021). Washington Institute for Near East Policy.\n"
    )
    spans = [span(text, "Washington", "GPE")]
    spans.append(span(text, "Washington Institute for Near East Policy", "ORG"))
    assert ("Washington Institute for Near East Policy", G) in found(run(text, spans))


def test_a_country_or_town_a_player_plays_for_is_the_team() -> None:
    text = (
        "Report\n\nOstrava beat Velmora 2-1 in the league match, handing Liverpool the lead. "
        "Pike, who played for Nigeria, scored the winning goal in the match.\n"
    )
    spans = [
        span(text, "Ostrava", "GPE"),
        span(text, "Velmora", "GPE"),
        span(text, "Liverpool", "PERSON"),
        span(text, "Pike", "PERSON"),
        span(text, "Nigeria", "GPE"),
    ]
    kinds = dict(found(run(text, spans)))
    assert kinds["Liverpool"] is G  # the model's "person" that a team is handed the lead
    assert kinds["Nigeria"] is G
    text = "Trip\n\nPike flew to Nigeria for talks, and played for time in Lagos.\n"
    spans = [span(text, "Pike", "PERSON"), span(text, "Nigeria", "GPE"), span(text, "Lagos", "GPE")]
    assert dict(found(run(text, spans)))["Nigeria"] is P  # no sport here


def test_an_end_or_a_stand_of_a_ground_is_a_place_in_sport() -> None:
    text = (
        "Report\n\nOstra beat Tarsk 2-1 in the league match. Pike scored at the Holte End, "
        "silenced a Velk End crowd, and bowled from the Pavilion End before the Hollies Stand.\n"
    )
    spans = [span(text, "Ostra", "ORG"), span(text, "Tarsk", "ORG"), span(text, "Pike", "PERSON")]
    spans.append(span(text, "Pavilion End", "ORG"))
    places = [t for t, k in found(run(text, spans)) if k is P]
    assert places == ["Holte End", "Velk End", "Pavilion End", "Hollies Stand"]
    text = "Budget\n\nThe Front End team missed the Year End deadline.\n"
    assert found(run(text, [])) == []


def test_a_noun_in_apposition_says_what_a_name_is() -> None:
    text = (
        "Show\n\nVelkair, the largest airline at the show, ordered jets. Ostrava, a "
        "port town on the coast, cheered. Jo Pike, the company's founder, and Ann Lee, a "
        "resident of Tarsk village, spoke, as did Bo Ek, a bank executive.\n"
    )
    spans = [
        span(text, "Velkair", "GPE"),
        span(text, "Ostrava", "ORG"),
        span(text, "Jo Pike", "PERSON"),
        span(text, "Ann Lee", "PERSON"),
        span(text, "Tarsk", "GPE"),
        span(text, "Bo Ek", "PERSON"),
    ]
    assert found(run(text, spans)) == [
        ("Velkair", G),
        ("Ostrava", P),
        ("Jo Pike", N),
        ("Ann Lee", N),
        ("Tarsk", P),
        ("Bo Ek", N),
    ]


def test_ap_sign_off_link_names_the_agency_and_the_league_not_a_dateline() -> None:
    text = "Recap\n\nOstra won.\n\n___\n\nAP NBA: https://apnews.com/hub/nba\n"
    spans = [span(text, "Ostra", "ORG"), span(text, "AP NBA", "PERSON")]
    assert found(run(text, spans)) == [("Ostra", G), ("AP", G), ("NBA", G)]


def test_two_parts_of_a_name_that_both_came_out_a_person_are_one_name() -> None:
    text = (
        "Mining\n\nThe mine's manager, Patrice Ilunga Kabeya, said output fell. Ilunga "
        "Kabeya said so again. Then Jo Pike called.\n"
    )
    spans = [
        span(text, "Patrice Ilunga", "ORG"),
        span(text, "Kabeya", "GPE"),
        span(text, "Ilunga", "PERSON", 1),
        span(text, "Kabeya", "PERSON", 1),
        span(text, "Jo Pike", "PERSON"),
    ]
    assert found(run(text, spans)) == [
        ("Patrice Ilunga Kabeya", N),
        ("Ilunga Kabeya", N),
        ("Jo Pike", N),
    ]


def test_a_royal_title_or_an_office_before_an_apostrophe_stays_in_the_name() -> None:
    text = "Charity\n\nThe Prince's Trust, the Ombudsman's Office and Velmora's Trust met.\n"
    spans = [
        span(text, "Prince's Trust", "ORG"),
        span(text, "Ombudsman's Office", "ORG"),
        span(text, "Velmora's Trust", "ORG"),
    ]
    result = found(run(text, spans))
    assert result[:2] == [("Prince's Trust", G), ("Ombudsman's Office", G)]
    assert ("Velmora", G) in result  # a name's possessive still splits


def test_a_lone_word_after_in_that_the_model_took_for_an_organisation_is_the_place() -> None:
    text = (
        "Vote\n\nThe party held rallies in Tarsk and won. Shares in Velkor fell, a study "
        "published in Science said, and lawmakers in Congress met. A fisherman from Oruma "
        "and a camp near Brevik were hit, and workers from Dravix left.\n"
    )
    spans = [
        span(text, "Tarsk", "ORG"),
        span(text, "Velkor", "ORG"),
        span(text, "Science", "ORG"),
        span(text, "Congress", "ORG"),
        span(text, "Oruma", "ORG"),
        span(text, "Brevik", "ORG"),
        span(text, "Dravix", "ORG"),
    ]
    assert found(run(text, spans)) == [
        ("Tarsk", P),
        ("Velkor", G),
        ("Science", G),
        ("Congress", G),
        ("Oruma", P),
        ("Brevik", P),
        ("Dravix", G),
    ]


def test_a_place_after_in_does_not_outvote_the_other_mentions_of_a_company() -> None:
    text = (
        "Cars\n\nLinvale sales rose. Linvale said demand held. Linvale shares rose, while "
        "lawmakers in Linvale changed a law.\n"
    )
    spans = [span(text, "Linvale", "ORG", i) for i in range(4)]
    assert [k for _, k in found(run(text, spans))] == [G, G, G, P]


def test_air_bases_stations_and_parliament_buildings_are_places() -> None:
    text = (
        "Base\n\nJets left Velk Air Force Base for Ostra Station, and MPs met at "
        "Parliament Buildings. An economist at Banco Base spoke.\n"
    )
    spans = [
        span(text, "Velk Air Force Base", "ORG"),
        span(text, "Ostra Station", "ORG"),
        span(text, "Parliament Buildings", "ORG"),
        span(text, "Banco Base", "ORG"),
    ]
    assert found(run(text, spans)) == [
        ("Velk Air Force Base", P),
        ("Ostra Station", P),
        ("Parliament Buildings", P),
        ("Banco Base", G),
    ]


def test_mountain_ranges_are_places_but_studios_and_observatories_are_not() -> None:
    text = "Film\n\nVelk Studios said it shot near the Tarsk Range, the Syrian Observatory said.\n"
    spans = [
        span(text, "Velk Studios", "ORG"),
        span(text, "Tarsk Range", "ORG"),
        span(text, "Syrian Observatory", "ORG"),
    ]
    assert [k for _, k in found(run(text, spans))] == [G, P, G]


def test_a_body_of_two_places_cut_at_and_is_one_group() -> None:
    text = "Cricket\n\nThe England and Wales Cricket Board met France and Spain officials.\n"
    spans = [
        span(text, "England", "GPE"),
        span(text, "Wales Cricket Board", "ORG"),
        span(text, "France", "GPE"),
        span(text, "Spain", "GPE"),
    ]
    assert found(run(text, spans)) == [
        ("England and Wales Cricket Board", G),
        ("France", P),
        ("Spain", P),
    ]


def test_a_telescope_probe_or_satellite_is_no_entity_in_any_mention() -> None:
    text = (
        "Space\n\nImages from NASA's Velkor Space Telescope helped. Velkor images from 2012 "
        "were hard to read, an African Union mission left and the Senate probe widened.\n"
    )
    spans = [
        span(text, "NASA", "ORG"),
        span(text, "Velkor Space Telescope", "FAC"),
        span(text, "Velkor", "ORG", 1),
        span(text, "African Union", "ORG"),
        span(text, "Senate", "ORG"),
    ]
    assert found(run(text, spans)) == [("NASA", G), ("African Union", G), ("Senate", G)]


def test_a_known_name_of_several_words_replaces_the_models_pieces_of_it() -> None:
    text = (
        "Press\n\nCorriere della Sera and Amnesty International Nigeria said the "
        "Alternative für Deutschland gained; a White House Russia adviser agreed.\n"
    )
    spans = [
        span(text, "Corriere", "GPE"),
        span(text, "Amnesty International", "ORG"),
        span(text, "Nigeria", "GPE"),
        span(text, "Alternative", "PERSON"),
        span(text, "Deutschland", "GPE"),
        span(text, "White House", "ORG"),
        span(text, "Russia", "GPE"),
    ]
    assert found(run(text, spans)) == [
        ("Corriere della Sera", G),
        ("Amnesty International Nigeria", G),
        ("Alternative für Deutschland", G),
        ("White House", G),
        ("Russia", P),
    ]


def test_a_surname_used_alone_keeps_its_particle() -> None:
    text = (
        "Cricket\n\nQuinton de Velk made 45. Later de Velk fell, and Pike fed van Oort, who "
        "passed to Jo Dassen.\n\nTeams: Tim Oort.\n"
    )
    spans = [
        span(text, "Quinton de Velk", "PERSON"),
        span(text, "Velk", "PERSON", 1),
        span(text, "Pike", "PERSON"),
        span(text, "Oort", "PERSON"),
        span(text, "Jo Dassen", "PERSON"),
        span(text, "Tim Oort", "PERSON"),
    ]
    assert [t for t, _ in found(run(text, spans))] == [
        "Quinton de Velk",
        "de Velk",
        "Pike",
        "Oort",  # "van Oort" is nowhere else: the particle may be a word
        "Jo Dassen",
        "Tim Oort",
    ]


def test_a_name_before_administration_is_the_presidents() -> None:
    text = (
        "Vaccines\n\nPresident Velk spoke. The Velk administration denied it, and the "
        "Ostrava administration, the Dravix administration and NASA administration agreed.\n"
    )
    spans = [
        span(text, "Velk", "PERSON"),
        span(text, "Velk", "ORG", 1),
        span(text, "Ostrava", "GPE"),
        span(text, "Dravix", "ORG"),  # a company in administration, named by no one
        span(text, "NASA", "ORG"),
    ]
    assert found(run(text, spans)) == [
        ("Velk", N),
        ("Velk", N),
        ("Ostrava", P),
        ("Dravix", G),
        ("NASA", G),
    ]


def test_capitals_the_article_calls_an_agency_stay_the_agency_near_a_preposition() -> None:
    text = (
        "Flu\n\nThe VBP said it would act. VBP officers agreed, and people living near VBP "
        "facilities in the UK worried.\n"
    )
    spans = [
        span(text, "VBP", "ORG"),
        span(text, "VBP", "ORG", 1),
        span(text, "VBP", "GPE", 2),
        span(text, "UK", "GPE"),
    ]
    assert found(run(text, spans)) == [("VBP", G), ("VBP", G), ("VBP", G), ("UK", P)]


def test_a_family_by_the_surname_of_a_person_in_the_article_is_a_person() -> None:
    text = "Probe\n\nJo Velk spoke. Inquiries into the Velks and Dravix began.\n"
    spans = [
        span(text, "Jo Velk", "PERSON"),
        span(text, "Velks", "GPE"),
        span(text, "Dravix", "ORG"),
    ]
    assert found(run(text, spans)) == [("Jo Velk", N), ("Velks", N), ("Dravix", G)]


def test_a_sponsors_venue_named_with_its_town_is_one_place() -> None:
    text = (
        "Tour\n\nThe band plays the Velkor Home Loans Amphitheater at Virginia Beach, then Ostra.\n"
    )
    spans = [span(text, "Virginia Beach", "GPE"), span(text, "Ostra", "GPE")]
    assert found(run(text, spans)) == [
        ("Velkor Home Loans Amphitheater at Virginia Beach", P),
        ("Ostra", P),
    ]


def test_an_institution_named_for_a_feature_is_a_group() -> None:
    text = "Fish\n\nThe Gulf of Velk Research Institute, Lake Dravi Labs and Mount Ostra agreed.\n"
    spans = [
        span(text, "Gulf of Velk Research Institute", "ORG"),
        span(text, "Lake Dravi Labs", "ORG"),
        span(text, "Mount Ostra", "ORG"),
    ]
    assert found(run(text, spans)) == [
        ("Gulf of Velk Research Institute", G),
        ("Lake Dravi Labs", G),
        ("Mount Ostra", P),
    ]


def test_a_palace_that_speaks_is_the_household() -> None:
    text = (
        "Royals\n\nA Velkor Palace spokesperson said no. Ostra Palace declined to comment. "
        "Crowds gathered outside Tarsk Palace on Sunday.\n"
    )
    spans = [
        span(text, "Velkor Palace", "FAC"),
        span(text, "Ostra Palace", "FAC"),
        span(text, "Tarsk Palace", "FAC"),
    ]
    assert [k for _, k in found(run(text, spans))] == [G, G, P]


def test_a_word_of_news_that_opens_a_sentence_is_no_person() -> None:
    text = "Vote\n\nTurnout was 61%. Attendance: 11,486. Jo Pike won.\n"
    spans = [
        span(text, "Turnout", "PERSON"),
        span(text, "Attendance", "PERSON"),
        span(text, "Jo Pike", "PERSON"),
    ]
    assert found(run(text, spans)) == [("Jo Pike", N)]


def test_nationalities_inside_a_hyphenated_word_are_groups() -> None:
    text = "Film\n\nA Vietnamese-American captain and Russian-speaking hackers met a Co-Op.\n"
    spans = [span(text, "Vietnamese-American", "NORP")]
    assert found(run(text, spans)) == [("Vietnamese", G), ("American", G), ("Russian", G)]


def test_transport_bodies_conferences_and_the_border_patrol_are_groups() -> None:
    text = (
        "Travel\n\nTransport for Velmora and the Border Patrol agreed, and the Ostra Owls "
        "lead the Western Conference after the Group of Seven met.\n"
    )
    spans = [span(text, "Transport", "ORG"), span(text, "Velmora", "GPE")]
    spans.append(span(text, "Ostra Owls", "ORG"))
    assert [t for t, k in found(run(text, spans)) if k is G] == [
        "Transport for Velmora",
        "Border Patrol",
        "Ostra Owls",
        "Western Conference",
        "Group of Seven",
    ]


def test_roads_ballrooms_and_south_asian_place_heads_are_places() -> None:
    text = (
        "City\n\nThey met at Velk Road, the Ostra Ballroom, Tarsk Bhavan and Dravi Marg, "
        "and the Office of Rail and Road agreed.\n"
    )
    spans = [
        span(text, "Velk Road", "PERSON"),
        span(text, "Ostra Ballroom", "PERSON"),
        span(text, "Tarsk Bhavan", "PERSON"),
        span(text, "Dravi Marg", "PERSON"),
        span(text, "Office of Rail and Road", "ORG"),
    ]
    assert [k for _, k in found(run(text, spans))] == [P, P, P, P, G]


def test_a_known_town_after_a_preposition_is_a_place_where_the_model_saw_nothing() -> None:
    text = "Strike\n\nI have a job interview in Lyon tomorrow, near Nairobi Road, said Jo Pike.\n"
    spans = [span(text, "Jo Pike", "PERSON")]
    assert found(run(text, spans)) == [("Lyon", P), ("Jo Pike", N)]


def test_misfires_a_review_of_this_sessions_rules_found() -> None:
    cases: list[
        tuple[str, list[tuple[str, str] | tuple[str, str, int]], list[tuple[str, Kind]]]
    ] = [
        # An appositive with a preposition is the person's job, not the name's kind.
        (
            "Markets\n\nStocks fell, said Jo Pike, an economist with the bank.\n",
            [("Jo Pike", "PERSON")],
            [("Jo Pike", N)],
        ),
        # A team named like a family.
        (
            "NFL\n\nJo Velk caught two passes as the Ostra beat the Velks 28-14 in the game, "
            "and the Velks fell to 2-5 in the league.\n",
            [("Jo Velk", "PERSON"), ("Ostra", "ORG"), ("Velks", "ORG"), ("Velks", "ORG", 1)],
            [("NFL", G), ("Jo Velk", N), ("Ostra", G), ("Velks", G), ("Velks", G)],
        ),
        # A country and a company that starts with another country.
        (
            "Air\n\nTalks between Iran and Ukraine International Airlines stalled.\n",
            [("Iran", "GPE"), ("Ukraine International Airlines", "ORG")],
            [("Iran", P), ("Ukraine International Airlines", G)],
        ),
        # A palace where officials spoke is still the building.
        (
            "Fire\n\nA fire broke out at Velk Palace, officials said.\n",
            [("Velk Palace", "FAC")],
            [("Velk Palace", P)],
        ),
        # A border force at a port, not a force named for it.
        (
            "Boats\n\nOfficers from Border Force in Dover intercepted the boat.\n",
            [("Border Force", "ORG"), ("Dover", "GPE")],
            [("Border Force", G), ("Dover", P)],
        ),
        # "from" after a person is where they work as often as where they live.
        (
            "Strike\n\nA woman from Velkoo joined them.\n",
            [("Velkoo", "ORG")],
            [("Velkoo", G)],
        ),
    ]
    for text, given, expected in cases:
        assert found(run(text, [span(text, *g) for g in given])) == expected, text


def test_an_institution_of_two_fields_joined_by_and_is_one_name() -> None:
    text = (
        "Floods\n\nThe Department of Public Works and Highways said roads were shut, and the "
        "Ministry of Defence and Jo Pike agreed.\n"
    )
    spans = [
        span(text, "Department of Public Works", "ORG"),
        span(text, "Ministry of Defence", "ORG"),
        span(text, "Jo Pike", "PERSON"),
    ]
    assert found(run(text, spans)) == [
        ("Department of Public Works and Highways", G),
        ("Ministry of Defence", G),
        ("Jo Pike", N),
    ]


def test_a_suffix_the_model_left_out_keeps_its_period_at_a_sentences_end() -> None:
    text = "Floods\n\nAid was ordered by President Velko Marsten Jr. Relief came later.\n"
    spans = [span(text, "Velko Marsten", "PERSON")]
    assert found(run(text, spans)) == [("Velko Marsten Jr.", N)]


def test_a_hyphenated_town_keeps_its_tail_whatever_the_model_said() -> None:
    text = "Wedding\n\nThey married in Velk-on-the-Wold, near Jean-de-Dieu Pike's farm.\n"
    spans = [span(text, "Velk", "ORG"), span(text, "Jean-de-Dieu Pike", "PERSON")]
    assert found(run(text, spans)) == [("Velk-on-the-Wold", P), ("Jean-de-Dieu Pike", N)]


def test_in_sport_a_town_the_model_took_for_a_man_is_the_team() -> None:
    text = (
        "Cricket\n\nThe league match went to the last over of the innings, with 12 runs and "
        "two wickets needed. Chennai looked sharp. Chennai "
        "celebrated. Chennai smiled, and Chennai coach Jo Pike said the team must improve.\n"
    )
    spans = [span(text, "Chennai", "PERSON", i) for i in range(3)]
    spans += [span(text, "Chennai", "ORG", 3), span(text, "Jo Pike", "PERSON")]
    assert [k for t, k in found(run(text, spans)) if t == "Chennai"] == [G, G, G, G]


def test_rivers_sierras_avenues_and_museums_by_their_first_word_are_places() -> None:
    text = (
        "Travel\n\nWe walked from the River Velk along the Paseo de Ostra to the Museum of "
        "Tarsk Peoples, below the Sierra Dravi.\n"
    )
    spans = [
        span(text, "River Velk", "ORG"),
        span(text, "Paseo de Ostra", "ORG"),
        span(text, "Museum of Tarsk Peoples", "ORG"),
        span(text, "Sierra Dravi", "ORG"),
    ]
    assert [k for _, k in found(run(text, spans))] == [P, P, P, P]


def test_misfires_a_second_review_found() -> None:
    cases: list[
        tuple[str, list[tuple[str, str] | tuple[str, str, int]], list[tuple[str, Kind]]]
    ] = [
        (
            "Energy\n\nThe Sierra Club sued, Sierra Leoneans voted and River Plate won.\n",
            [("Sierra Club", "ORG"), ("Sierra Leoneans", "NORP"), ("River Plate", "ORG")],
            [("Sierra Club", G), ("Sierra Leoneans", G), ("River Plate", G)],
        ),
        (
            "Film\n\nShe starred alongside River Velk in the film.\n",
            [("River Velk", "PERSON")],
            [("River Velk", N)],
        ),
        (
            "Deal\n\nThe Department of Justice and Velkor reached a deal, and the Ministry of "
            "Health and Dravix signed.\n",
            [
                ("Department of Justice", "ORG"),
                ("Velkor", "ORG"),
                ("Ministry of Health", "ORG"),
                ("Dravix", "ORG"),
            ],
            [
                ("Department of Justice", G),
                ("Velkor", G),
                ("Ministry of Health", G),
                ("Dravix", G),
            ],
        ),
        (
            "Violence\n\nSunni-on-Shia attacks rose, and an Iran-on-Israel strike followed.\n",
            [("Sunni", "NORP"), ("Shia", "NORP"), ("Iran", "GPE"), ("Israel", "GPE")],
            [("Sunni", G), ("Shia", G), ("Iran", P), ("Israel", P)],
        ),
        (
            "Politics\n\nA Velkor-in-Power pamphlet was printed.\n",
            [("Velkor", "ORG")],
            [("Velkor", G)],
        ),
        (
            "Quake\n\nThe plan was drawn up under Prime Minister Naoto Kan. It failed.\n",
            [("Naoto", "PERSON")],
            [("Naoto Kan", N)],
        ),
    ]
    for text, given, expected in cases:
        assert found(run(text, [span(text, *g) for g in given])) == expected, text


def test_after_in_a_known_region_on_the_right_makes_both_names_places() -> None:
    text = "Farm protest\n\nTractors blocked roads in Brittany and Normandy on Monday.\n"
    spans = [span(text, "Brittany", "PERSON"), span(text, "Normandy", "PERSON")]
    assert found(run(text, spans)) == [("Brittany", P), ("Normandy", P)]
    # Two people stay people: no place's preposition, or no known place.
    text = "Farm protest\n\nBrittany and Normandy Pike spoke; we met in Brittany and Pike.\n"
    spans = [
        span(text, "Brittany", "PERSON"),
        span(text, "Normandy Pike", "PERSON"),
        span(text, "Brittany", "PERSON", 1),
        span(text, "Pike", "PERSON"),
    ]
    assert [k for _, k in found(run(text, spans))] == [N, N, N, N]


def test_a_union_or_a_body_in_apposition_is_a_group() -> None:
    text = (
        "Farm protest\n\nVelcoga, the farmers' union, and Tarskam, the state's water body, "
        "met. Jo Pike, the union's leader, spoke.\n"
    )
    spans = [
        span(text, "Velcoga", "LOC"),
        span(text, "Tarskam", "GPE"),
        span(text, "Jo Pike", "PERSON"),
    ]
    assert found(run(text, spans)) == [("Velcoga", G), ("Tarskam", G), ("Jo Pike", N)]


def test_a_word_that_only_opens_sentences_and_is_written_lower_case_is_no_group() -> None:
    text = (
        "Farmers block roads\n\nFarmers in Velk blocked roads, the farmers' union said. "
        "Harvest Partners, a fund, backed the farmers.\n"
    )
    spans = [
        span(text, "Farmers", "ORG"),
        span(text, "Farmers", "ORG", 1),
        span(text, "Velk", "GPE"),
        span(text, "Harvest Partners", "ORG"),
    ]
    assert found(run(text, spans)) == [("Velk", P), ("Harvest Partners", G)]
    # A name written capitalised inside a sentence as well is a name.
    text = "Results\n\nFarmers fell 3%. Shares in Farmers rose, while farmers sold grain.\n"
    spans = [span(text, "Farmers", "ORG"), span(text, "Farmers", "ORG", 1)]
    assert found(run(text, spans)) == [("Farmers", G), ("Farmers", G)]


def test_a_name_before_building_is_the_building() -> None:
    text = "Talks\n\nCrowds gathered outside the Velmont building, where talks were held.\n"
    assert found(run(text, [span(text, "Velmont", "ORG")])) == [("Velmont", P)]


def test_a_one_word_person_never_named_in_full_is_an_organisation_or_a_place() -> None:
    text = (
        "Bin strike\n\nTalks at Varvex broke down, and Varvex said it would try again. "
        "Union leader Jo Tarrow met Dela Ostrik in Korvale. Ostrik said little. Mr Brelk, "
        "a driver, called Zinmar on Monday. Tarrow agreed.\n"
    )
    spans = [
        span(text, "Varvex", "PERSON"),
        span(text, "Varvex", "PERSON", 1),
        span(text, "Jo Tarrow", "PERSON"),
        span(text, "Dela Ostrik", "PERSON"),
        span(text, "Korvale", "PERSON"),
        span(text, "Ostrik", "PERSON", 1),
        span(text, "Brelk", "PERSON"),
        span(text, "Zinmar", "PERSON"),
        span(text, "Tarrow", "PERSON", 1),
    ]
    assert found(run(text, spans)) == [
        ("Varvex", G),  # named twice, never in full: the firm
        ("Varvex", G),
        ("Jo Tarrow", N),
        ("Dela Ostrik", N),
        ("Korvale", P),  # after "in"
        ("Ostrik", N),  # a surname of a full name
        ("Brelk", N),  # a title says so
        ("Tarrow", N),
    ]  # "Zinmar", once and with nothing to say what it is, is left out


def test_an_honorific_before_a_full_name_makes_a_person_without_the_honorific() -> None:
    text = (
        "Altar found\n\nThe altar was found by Prof Martin Velk and Professor Ana Dravi. "
        "Dr Pepper sales rose.\n"
    )
    spans = [
        span(text, "Prof Martin Velk", "ORG"),
        span(text, "Professor Ana Dravi", "PERSON"),
        span(text, "Dr Pepper", "ORG"),
    ]
    assert found(run(text, spans)) == [("Martin Velk", N), ("Ana Dravi", N), ("Dr Pepper", G)]


def test_in_sport_a_states_university_and_its_nickname_are_the_team() -> None:
    text = (
        "Oregon State 31, Utah State 24\n\nThe Beavers scored two touchdowns in the fourth "
        "quarter as Oregon State beat Utah State, and coach Jo Pike praised the defense.\n"
    )
    spans = [
        span(text, "Oregon State", "GPE"),
        span(text, "Utah State", "GPE"),
        span(text, "Beavers", "PERSON"),
        span(text, "Oregon State", "GPE", 1),
        span(text, "Utah State", "GPE", 1),
        span(text, "Jo Pike", "PERSON"),
    ]
    assert [k for _, k in found(run(text, spans))] == [G, G, G, G, G, N]
    text = "Drought\n\nWashington State officials asked farmers in Oregon to save water.\n"
    spans = [span(text, "Washington State", "GPE"), span(text, "Oregon", "GPE")]
    assert found(run(text, spans)) == [("Washington State", P), ("Oregon", P)]


def test_holidays_the_word_opposition_and_a_sentences_first_words_are_no_names() -> None:
    text = (
        "Vote\n\nVELKA - Opposition lawmakers walked out. A century-old library reopens "
        "after Easter, said Jo Pike.\n"
    )
    spans = [
        span(text, "VELKA", "GPE"),
        span(text, "Opposition", "ORG"),
        span(text, "A century-old", "ORG"),
        span(text, "Easter", "GPE"),
        span(text, "Jo Pike", "PERSON"),
    ]
    assert found(run(text, spans)) == [("VELKA", P), ("Jo Pike", N)]


def test_place_names_the_model_cuts_or_runs_on() -> None:
    text = (
        "Travel\n\nFrom Ronald Reagan Washington National Airport we flew to King's Lynn, "
        "then walked from Rifugio Velk over Passo Dravi to Quinta da Ostra, as Jo Pike of "
        "Velk Tours reported from Port Sudan. Hope Velkor International paid.\n"
    )
    spans = [
        span(text, "Ronald Reagan", "PERSON"),
        span(text, "Washington National Airport", "FAC"),
        span(text, "King", "ORG"),
        span(text, "Lynn", "PERSON"),
        span(text, "Rifugio Velk", "PERSON"),
        span(text, "Passo Dravi", "ORG"),
        span(text, "Quinta da Ostra", "PERSON"),
        span(text, "Jo Pike", "PERSON"),
        span(text, "Velk Tours", "ORG"),
        span(text, "Port Sudan", "GPE"),
        span(text, "Velkor International", "ORG"),
    ]
    assert found(run(text, spans)) == [
        ("Ronald Reagan Washington National Airport", P),
        ("King's Lynn", P),
        ("Rifugio Velk", P),
        ("Passo Dravi", P),
        ("Quinta da Ostra", P),
        ("Jo Pike", N),
        ("Velk Tours", G),
        ("Port Sudan", P),  # not "Port Sudan. Hope Velkor": a sentence ends there
        ("Velkor International", G),
    ]


def test_the_before_a_datelines_place_and_an_agencys_staff_title_are_cut() -> None:
    text = (
        "Vote count\n\nBy Jo Pike\nAP Business Writer\n\nTHE HAGUE, Nov 2 (Reuters) - Votes "
        "were counted. AP Sports Writers Ana Dravi and Tim Velk contributed.\n"
    )
    spans = [
        span(text, "Jo Pike", "PERSON"),
        span(text, "AP Business Writer", "ORG"),
        span(text, "HAGUE", "GPE"),
        span(text, "Reuters", "ORG"),
        span(text, "AP Sports Writers Ana Dravi", "ORG"),
        span(text, "Tim Velk", "PERSON"),
    ]
    assert found(run(text, spans)) == [
        ("Jo Pike", N),
        ("AP", G),
        ("HAGUE", P),
        ("Reuters", G),
        ("AP", G),
        ("Ana Dravi", N),
        ("Tim Velk", N),
    ]


def test_a_romance_places_first_word_and_particle_make_one_place() -> None:
    text = (
        "Douro\n\nWe took the Linha do Velk past Quinta dos Dravos to the Museu do Velk, "
        "where Jo Pike met us.\n"
    )
    spans = [
        span(text, "Linha", "ORG"),
        span(text, "Velk", "GPE"),
        span(text, "Quinta", "ORG"),
        span(text, "Museu", "ORG"),
        span(text, "Jo Pike", "PERSON"),
    ]
    assert found(run(text, spans)) == [
        ("Linha do Velk", P),
        ("Quinta dos Dravos", P),
        ("Museu do Velk", P),
        ("Jo Pike", N),
    ]


def test_an_institution_of_a_country_a_factions_letter_and_listed_parties() -> None:
    text = (
        "Poll row\n\nThe Election Commission of Pakistan met the PML-N and the Pakistan "
        "Tehreek-e-Insaf, while the Ministry of Velkor and the Central Bank of Tarsk "
        "stayed away.\n"
    )
    spans = [
        span(text, "Election Commission", "ORG"),
        span(text, "PML", "ORG"),
        span(text, "Pakistan", "GPE", 1),
        span(text, "Ministry of Velkor", "ORG"),
        span(text, "Central Bank", "ORG"),
    ]
    assert found(run(text, spans)) == [
        ("Election Commission of Pakistan", G),
        ("PML-N", G),
        ("Pakistan Tehreek-e-Insaf", G),
        ("Ministry of Velkor", G),
        ("Central Bank", G),  # "Tarsk" is no known country or town
    ]


def test_a_nations_force_or_ministry_after_its_nationality_is_one_name() -> None:
    text = (
        "Channel\n\nThe French Navy and the Velkan Coast Guard searched, the Dutch Interior "
        "Ministry said. French fishermen helped.\n"
    )
    spans = [
        span(text, "French", "NORP"),
        span(text, "Velkan", "NORP"),
        span(text, "Coast Guard", "ORG"),
        span(text, "Dutch", "NORP"),
        span(text, "Interior Ministry", "ORG"),
        span(text, "French", "NORP", 1),
    ]
    assert found(run(text, spans)) == [
        ("French Navy", G),
        ("Velkan Coast Guard", G),
        ("Dutch Interior Ministry", G),
        ("French", G),
    ]


def test_players_in_a_printed_line_up_are_people_and_its_label_their_team() -> None:
    text = (
        "Velk Rovers 2-1 Ostra\n\nVelk Rovers dug in.\n\n"
        "Velk Rovers (4-4-2): Lyall; Tarsk, Connor Dravi (c), Nisbet (Forsyth 78), Doig, "
        "Mackay (Ostrik, 65). Subs not used: Laird, Baxter, Penman, O'Rourke, Kerr.\n\n"
        "Ostra: 1 McAdams, 2 Reading, 5 Baird, 6 Murdoch, 9 Chalmers.\n\n"
        "Kenya: Ruto, Odinga and the rest met.\n"
    )
    spans = [
        span(text, "Velk Rovers", "ORG"),
        span(text, "Ostra", "GPE"),
        span(text, "Nisbet", "GPE"),
        span(text, "Reading", "GPE"),
        span(text, "Kenya", "GPE"),
    ]
    people = {t for t, k in found(run(text, spans)) if k is N}
    assert people == {
        "Lyall", "Tarsk", "Connor Dravi", "Nisbet", "Forsyth", "Doig", "Mackay", "Ostrik",
        "Laird", "Baxter", "Penman", "O'Rourke", "Kerr",
        "McAdams", "Reading", "Baird", "Murdoch", "Chalmers",
        "Ruto",  # a leader named alone, not a player
    }  # fmt: skip
    # The labels are the teams; a sentence with a colon is no line-up.
    assert [k for t, k in found(run(text, spans)) if t in ("Velk Rovers", "Ostra")] == [G] * 5
    assert ("Kenya", P) in found(run(text, spans))
    # A page's tags are no line-up: their words are the article's words.
    text = (
        "Deal\n\nVelkor bought a security startup; startups and exits were up.\n\n"
        "Topics: AI, Velkor Labs, Security, Startups, Exits\n"
    )
    tagged = found(run(text, [span(text, "Velkor", "ORG")]))
    assert not [t for t, k in tagged if k is N or t in ("Topics", "AI", "Security")]


def test_a_famous_person_called_by_surname_alone_stays_a_person() -> None:
    # Real news names the famous by surname ("Putin said he ..."): each of these keeps
    # the model's "person" although no first name is given.
    cases = [
        "Brakmor said he would not yield. Brakmor left.",  # "he" in the sentence
        "The deal was off, said Brakmor. Brakmor left.",  # "said X"
        "Brakmor's spokesman declined to comment. Brakmor left.",  # only a person has one
        "Brakmor, who leads the party, spoke. Brakmor left.",
        "Velkovsky spoke. Velkovsky left.",  # a surname's ending
        "Kohli spoke. Kohli left.",  # a surname of Faker's locales
        "Putin warned the West. Putin left.",  # a leader news names by surname alone
    ]
    for body in cases:
        text = f"Talks\n\n{body}\n"
        name = body.split()[0].rstrip("'s,") if not body.startswith("The") else "Brakmor"
        starts = [i for i in range(len(text)) if text.startswith(name, i)]
        spans = [span(text, name, "PERSON", n) for n in range(len(starts))]
        assert [k for _, k in found(run(text, spans))] == [N] * len(starts), body
    # In sport players go by one name, and the rule stands aside.
    text = (
        "Cup tie\n\nPedrinho scored twice in the second half of the league match, and the "
        "coach praised Pedrinho after the game.\n"
    )
    spans = [span(text, "Pedrinho", "PERSON", 0), span(text, "Pedrinho", "PERSON", 1)]
    assert [k for _, k in found(run(text, spans))] == [N, N]
    text = (  # a team sheet before a quarterfinal has few words of a match report
        "Team news\n\nVelkan named an unchanged side for the quarterfinal; Tarovic "
        "returns from a hamstring injury and Brakmor starts. Brakmor was rested last week.\n"
    )
    spans = [span(text, "Brakmor", "PERSON", 0), span(text, "Brakmor", "PERSON", 1)]
    assert [k for _, k in found(run(text, spans))] == [N, N]


def test_misfires_a_review_of_the_new_rules_found() -> None:
    cases: list[tuple[str, list[tuple[str, str]], list[tuple[str, Kind]]]] = [
        (
            "Games\n\nLagos State topped the medals table at the games after Tarsk won the "
            "match, and Jo Pike grew up in Washington State.\n",
            [
                ("Lagos State", "GPE"),
                ("Tarsk", "ORG"),
                ("Jo Pike", "PERSON"),
                ("Washington State", "GPE"),
            ],
            [("Lagos State", P), ("Tarsk", G), ("Jo Pike", N), ("Washington State", P)],
        ),
        (
            "Politics\n\nBelgium, a federation of three regions, and Britain, a union of four "
            "nations, voted.\n",
            [("Belgium", "GPE"), ("Britain", "GPE")],
            [("Belgium", P), ("Britain", P)],
        ),
        (
            "Bogota\n\nCasa de Velkor said the decree stood, as wind developer Casa dos Ostra "
            "said too.\n",
            [("Casa de Velkor", "ORG"), ("Casa dos Ostra", "ORG")],
            [("Casa de Velkor", G), ("Casa dos Ostra", G)],
        ),
        (
            "Deal\n\nAdvent said the deal would close. Advent's third fund grew.\n",
            [("Advent", "ORG"), ("Advent", "ORG")],
            [("Advent", G), ("Advent", G)],
        ),
        (
            "Charity\n\nThe Dame Kelly Velk Trust gave grants.\n",
            [("Dame Kelly Velk Trust", "ORG")],
            [("Dame Kelly Velk Trust", G)],
        ),
    ]
    for text, model, expected in cases:
        spans = []
        for i, (name, label) in enumerate(model):
            nth = sum(1 for n, _ in model[:i] if n == name)
            spans.append(span(text, name, label, nth))
        assert found(run(text, spans)) == expected, text


def test_a_leader_named_by_surname_alone_is_a_person_whatever_the_model_said() -> None:
    text = (
        "Summit\n\nMeloni, who met Trump, spoke after Orban. Xi is expected in Moscow. "
        "Guests stayed at Trump Tower.\n"
    )
    spans = [
        span(text, "Meloni", "GPE"),
        span(text, "Trump", "ORG"),
        span(text, "Orban", "ORG"),
        span(text, "Moscow", "GPE"),
        span(text, "Trump Tower", "FAC"),
    ]
    assert found(run(text, spans)) == [
        ("Meloni", N),
        ("Trump", N),
        ("Orban", N),
        ("Xi", N),  # the model saw nothing
        ("Moscow", P),
        ("Trump Tower", P),  # a longer name is the model's to read
    ]


def test_a_family_name_that_comes_first_stands_for_the_person_later() -> None:
    text = (
        "Dissident held\n\nPolice detained the writer Zhou Hanlin on Friday. "
        "Police told Zhou's family that Zhou would be held. Friends of Zhou waited.\n"
    )
    spans = [span(text, "Zhou Hanlin", "PERSON"), span(text, "Zhou", "ORG", 2)]
    assert found(run(text, spans)) == [
        ("Zhou Hanlin", N),
        ("Zhou", N),  # the model said an organisation
        ("Zhou", N),
        ("Zhou", N),
    ]


def test_a_company_name_that_ends_a_persons_full_name_is_the_person() -> None:
    # "Puig" is a listed company, but here the surname of "Jose Soler Puig".
    text = "Novelist dies\n\nThe novelist Jose Soler Puig died. Puig's first book sold well.\n"
    spans = [span(text, "Jose Soler Puig", "PERSON"), span(text, "Puig", "PERSON", 1)]
    assert found(run(text, spans)) == [("Jose Soler Puig", N), ("Puig", N)]


def test_a_full_name_with_a_surnames_ending_is_a_person() -> None:
    text = "Return\n\nThe fighter Mouldi Tamarov came home. Tamarov joked with his sister.\n"
    spans = [span(text, "Mouldi Tamarov", "ORG"), span(text, "Tamarov", "ORG", 1)]
    assert found(run(text, spans)) == [("Mouldi Tamarov", N), ("Tamarov", N)]


def test_a_known_place_named_like_an_organisation_stays_a_place() -> None:
    text = (
        "Settlements\n\nPalestinians in the West Bank protested. "
        "It was part of the Soviet Union until 1991.\n"
    )
    spans = [span(text, "West Bank", "GPE"), span(text, "Soviet Union", "GPE")]
    assert found(run(text, spans)) == [
        ("Palestinians", G),
        ("West Bank", P),  # not a bank
        ("Soviet Union", P),  # not a union
    ]


def test_a_name_after_news_agency_or_newspaper_is_the_outlet() -> None:
    text = (
        "Airport shut\n\nThe runway will close, the news agency Velnik reported. "
        "The daily Morgenpost said it would reopen. He told the newspaper Sunday it was safe.\n"
    )
    assert found(run(text, [])) == [("Velnik", G), ("Morgenpost", G)]  # not "Sunday"


def test_a_rank_in_two_joined_words_is_no_part_of_the_name() -> None:
    text = "Patrol\n\nSpokesman Lieutenant-Colonel Max Tarrow said the unit left.\n"
    spans = [span(text, "Lieutenant-Colonel Max Tarrow", "PERSON")]
    assert found(run(text, spans)) == [("Max Tarrow", N)]


def test_a_substitutes_minute_and_a_possessive_in_capitals_are_cut() -> None:
    text = "SOCCER - VELMORA'S STAR MOVES\n\nVelmora: Jo Pike, Ann Cole (Tom Boyd 75th).\n"
    spans = [
        span(text, "VELMORA'S", "ORG"),
        span(text, "Jo Pike", "PERSON"),
        span(text, "Ann Cole", "PERSON"),
        span(text, "Tom Boyd 75th", "PERSON"),
    ]
    names = [name for name, _ in found(run(text, spans))]
    assert "VELMORA" in names
    assert "Tom Boyd" in names
    assert "VELMORA'S" not in names
    assert "Tom Boyd 75th" not in names


def test_national_sides_nicknames_and_club_prefixes_are_teams() -> None:
    text = (
        "Rugby\n\nThe All Blacks beat the Springboks in the rain. "
        "In football, Deportivo Arenas drew with Sporting Velmora.\n"
    )
    spans = [
        span(text, "All Blacks", "PERSON"),
        span(text, "Springboks", "PERSON"),
        span(text, "Deportivo Arenas", "PERSON"),
        span(text, "Sporting Velmora", "PERSON"),
    ]
    assert found(run(text, spans)) == [
        ("All Blacks", G),
        ("Springboks", G),
        ("Deportivo Arenas", G),
        ("Sporting Velmora", G),
    ]


def test_a_line_up_of_shirt_numbers_and_dashes_is_a_list_of_people() -> None:
    text = (
        "Rugby\n\nHosts - 15 - Andre Joubel, 14 - Justin Swarte, 13 - Japie Mulden "
        "(16 - Joel Strand 48th) 12 - Danie van Schalk, 11 - Pieter Hendry; 10 - Hal Honi.\n\n"
        "Results: Leeds 2 - Arsenal 1, Chelsea 3 - Everton 0, Hull 1 - Derby 1, "
        "Bury 2 - Stoke 2, York 0 - Luton 1.\n"
    )
    people = [name for name, kind in found(run(text, [])) if kind is N]
    assert people[:6] == [
        "Andre Joubel",
        "Justin Swarte",
        "Japie Mulden",
        "Joel Strand",  # the substitute, without his minute
        "Danie van Schalk",
        "Pieter Hendry",
    ]
    assert "Arsenal" not in people  # a score is no shirt number
    assert "Luton" not in people


def test_a_place_noun_right_before_a_name_makes_it_a_place() -> None:
    text = "Fighting\n\nShelling hit the Chechen capital Grozny and the port city Velmora.\n"
    spans = [
        span(text, "Chechen", "NORP"),
        span(text, "Grozny", "ORG"),
        span(text, "Velmora", "ORG"),
    ]
    assert found(run(text, spans)) == [("Chechen", G), ("Grozny", P), ("Velmora", P)]


def test_a_sports_name_in_capitals_is_a_sections_label() -> None:
    text = "SOCCER - PIKE NAMED CAPTAIN\n\nRUGBY UNION - COLE SEALS WIN\n\nThe Athletics won.\n"
    spans = [
        span(text, "SOCCER", "GPE"),
        span(text, "RUGBY UNION", "ORG"),
        span(text, "Athletics", "ORG"),
    ]
    assert found(run(text, spans)) == [("Athletics", G)]  # the team stays


def test_an_organisations_name_runs_on_to_the_place_its_acronym_spells() -> None:
    text = (
        "Vote\n\nThe Organisation for Security and Cooperation in Europe (OSCE) met. "
        "Talks of the Council in Brussels (EU) began.\n"
    )
    spans = [
        span(text, "Organisation for Security and Cooperation", "ORG"),
        span(text, "Europe", "LOC"),
        span(text, "Council", "ORG"),
        span(text, "Brussels", "GPE"),
    ]
    assert found(run(text, spans))[:2] == [
        ("Organisation for Security and Cooperation in Europe", G),
        ("OSCE", G),
    ]
    assert ("Brussels", P) in found(run(text, spans))  # "EU" spells no "Council in Brussels"


def test_a_stake_bought_or_an_owner_before_a_name_makes_a_company() -> None:
    text = (
        "Deal\n\nSoftbank said it would buy 80 percent of Kingsley. "
        "The studio's owner sold Viacom-owned Parabola in May.\n"
    )
    spans = [
        span(text, "Softbank", "ORG"),
        span(text, "Kingsley", "GPE"),
        span(text, "Parabola", "GPE"),
    ]
    assert found(run(text, spans)) == [("Softbank", G), ("Kingsley", G), ("Parabola", G)]


def test_in_sport_a_towns_player_and_champions_before_a_town_are_the_club() -> None:
    text = (
        "Soccer\n\nThe league season opened. Champions Porto drew 1-1 and "
        "Heerenveen's Romeo Wouden scored the goal of the match. Spain's Rafael Nadal watched.\n"
    )
    spans = [
        span(text, "Porto", "GPE"),
        span(text, "Heerenveen", "GPE"),
        span(text, "Romeo Wouden", "PERSON"),
        span(text, "Spain", "GPE"),
        span(text, "Rafael Nadal", "PERSON"),
    ]
    assert found(run(text, spans)) == [
        ("Porto", G),
        ("Heerenveen", G),
        ("Romeo Wouden", N),
        ("Spain", P),  # a country says where a player is from
        ("Rafael Nadal", N),
    ]


def test_a_body_named_for_its_conference_is_no_event() -> None:
    text = (
        "Visit\n\nHe is vice-president of the Organisation of the Islamic Conference. "
        "The Velmora Air Show opened.\n"
    )
    spans = [
        span(text, "the Organisation of the Islamic Conference", "ORG"),
        span(text, "Velmora Air Show", "EVENT"),
    ]
    assert found(run(text, spans)) == [("Organisation of the Islamic Conference", G)]


def test_a_players_role_that_opens_a_sentence_is_no_part_of_his_name() -> None:
    text = (
        "Baseball\n\nThe Twins won 5-3. Reliever Mark Acre took the loss. "
        "Hooker Sean Fitz played.\n"
    )
    spans = [
        span(text, "Twins", "ORG"),
        span(text, "Reliever Mark Acre", "PERSON"),
        span(text, "Hooker Sean Fitz", "PERSON"),
    ]
    assert found(run(text, spans)) == [
        ("Twins", G),
        ("Mark Acre", N),
        ("Hooker Sean Fitz", N),  # "Hooker" is a surname too: left as it is
    ]


def test_a_country_named_once_right_after_a_dateline_is_kept() -> None:
    text = "Talks\n\nLONDON, Dec 6 (Reuters) - Britain said on Friday it would act.\n"
    spans = [span(text, "Britain", "GPE")]
    assert ("Britain", P) in found(run(text, spans))


def test_in_sport_a_town_a_team_plays_is_the_team() -> None:
    text = (
        "NFL\n\nThe Steelers beat the Browns 24-10, their coach said. "
        "The Steelers play Cincinnati next.\n"
    )
    spans = [
        span(text, "Steelers", "ORG"),
        span(text, "Browns", "ORG"),
        span(text, "Steelers", "ORG", 1),
        span(text, "Cincinnati", "GPE"),
    ]
    assert ("Cincinnati", G) in found(run(text, spans))


def test_in_sport_a_scorer_and_a_managers_side_are_people() -> None:
    text = (
        "Soccer\n\nLiverpool won 2-0 with goals from Tavo Renko and a header from Jo Marr. "
        "Pep Garrido's side never recovered.\n"
    )
    spans = [
        span(text, "Liverpool", "GPE"),
        span(text, "Tavo Renko", "ORG"),
        span(text, "Jo Marr", "ORG"),
        span(text, "Garrido", "ORG"),
    ]
    found_ = found(run(text, spans))
    assert ("Tavo Renko", N) in found_
    assert ("Jo Marr", N) in found_
    assert ("Garrido", N) in found_


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        (  # a place noun, then a person who is the subject of a verb
            "Race\n\nThe Minneapolis district Omar represents voted. Omar spoke.\n",
            [("Minneapolis", "GPE"), ("Omar", "PERSON"), ("Omar", "PERSON", 1)],
            [("Minneapolis", P), ("Omar", N), ("Omar", N)],
        ),
        (  # held by rebels: a place
            "War\n\nShelling hit rebel-controlled Idlib on Monday.\n",
            [("Idlib", "GPE")],
            [("Idlib", P)],
        ),
        (  # a summit is an event, even of a body
            "Talks\n\nLeaders met at the Association of Southeast Asian Nations Summit.\n",
            [("the Association of Southeast Asian Nations Summit", "EVENT")],
            [],
        ),
        (  # a player's hometown when he plays for another team
            "Basketball\n\nThe coach was pleased. "
            "Chicago's Derrick Rose, now with Detroit, watched.\n",
            [("Chicago", "GPE"), ("Derrick Rose", "PERSON"), ("Detroit", "GPE")],
            [("Chicago", P), ("Derrick Rose", N), ("Detroit", P)],
        ),
    ],
)
def test_misfires_a_review_of_the_sixth_sessions_rules_found(
    text: str, spans: list[tuple[str, ...]], expected: list[tuple[str, Kind]]
) -> None:
    model = [span(text, s[0], s[1], int(s[2]) if len(s) > 2 else 0) for s in spans]
    assert found(run(text, model)) == expected


def test_a_tour_dates_venue_is_a_place_and_a_pages_label_is_nothing() -> None:
    text = (
        "Band tour\n\nThe band will tour.\n\nMarch 17 – Chicago, IL @ United Center\n"
        "March 20 – Dallas, TX @ American Airlines Center\n\n"
        "READ MORE: Band's secret album revealed\n"
    )
    spans = [
        span(text, "Chicago", "GPE"),
        span(text, "United Center", "ORG"),
        span(text, "Dallas", "GPE"),
        span(text, "American Airlines Center", "ORG"),
        span(text, "READ MORE", "ORG"),
    ]
    found_ = found(run(text, spans))
    assert ("United Center", P) in found_
    assert ("American Airlines Center", P) in found_
    assert all(name != "READ MORE" for name, _ in found_)


def test_a_squad_lists_labels_are_not_names() -> None:
    text = (
        "Squad\n\nThe coach named his squad.\n\nGoalkeepers: Jo Pike, Ann Cole\n\n"
        "Forwards - Tom Boyd, Al Marr\n"
    )
    spans = [span(text, "Goalkeepers", "ORG"), span(text, "Forwards", "ORG")]
    names = [name for name, _ in found(run(text, spans))]
    assert "Goalkeepers" not in names
    assert "Forwards" not in names


def test_the_amazon_is_the_river_and_the_forest_not_the_company() -> None:
    text = "Fires\n\nFires in the Amazon spread. Amazon shares fell. The Amazon rainforest burns.\n"
    spans = [
        span(text, "Amazon", "ORG"),
        span(text, "Amazon", "ORG", 1),
        span(text, "Amazon", "ORG", 2),
    ]
    assert found(run(text, spans)) == [("Amazon", P), ("Amazon", G), ("Amazon", P)]


def test_a_state_lawmakers_party_and_town_and_a_school_district() -> None:
    text = (
        "Rally\n\nHouse Speaker Brian Bosma, R-Indianapolis, and Senate President Pro Tem "
        "Rodric Bray spoke. Schools closed in 140 school districts, including "
        "Indianapolis Public Schools and Fort Wayne Community Schools.\n"
    )
    spans = [
        span(text, "House", "ORG"),
        span(text, "Brian Bosma", "PERSON"),
        span(text, "Senate", "ORG"),
        span(text, "Pro Tem Rodric Bray", "PERSON"),
        span(text, "Indianapolis Public Schools", "ORG"),
        span(text, "Fort Wayne Community Schools", "ORG"),
    ]
    found_ = found(run(text, spans))
    assert ("R", G) in found_
    assert ("Indianapolis", P) in found_  # the lawmaker's town
    assert ("Rodric Bray", N) in found_  # "Pro Tem" is his title
    assert ("Indianapolis Public Schools", G) in found_  # a district is no place
    assert ("Fort Wayne Community Schools", G) in found_


def test_a_us_agency_is_one_name_and_no_venue() -> None:
    text = (
        "Threat\n\nShe thanked the U.S. Capitol Police and the FBI. "
        "Crowds filled the U.S. Capitol on Monday.\n"
    )
    spans = [
        span(text, "U.S.", "GPE"),
        span(text, "Capitol Police", "ORG"),
        span(text, "FBI", "ORG"),
        span(text, "U.S. Capitol", "FAC"),
    ]
    assert found(run(text, spans)) == [
        ("U.S. Capitol Police", G),
        ("FBI", G),
        ("U.S. Capitol", P),
    ]


def test_a_venue_at_a_sentences_end_and_after_a_towns_possessive() -> None:
    text = (
        "Visit\n\nCrowds filled the U.S. Capitol. They met at Warsaw's Royal Castle. "
        "Mass was said at St. Bavo's Cathedral.\n"
    )
    spans = [span(text, "U.S.", "GPE"), span(text, "Capitol", "FAC"), span(text, "Warsaw", "GPE")]
    found_ = found(run(text, spans))
    assert ("U.S. Capitol", P) in found_
    assert ("Warsaw", P) in found_
    assert ("Royal Castle", P) in found_
    assert ("St. Bavo's Cathedral", P) in found_


def test_taiwanese_and_tabloid_names_and_a_towns_university() -> None:
    text = (
        "Protests\n\nXI JINPING has warned that Beijing will act. Tsai faces Han Kuo-yu "
        "in January, and Han has called for closer ties. A Hong Kong-based group spoke. "
        "Police stormed the Hong Kong Polytechnic University.\n"
    )
    spans = [
        span(text, "Beijing", "GPE"),
        span(text, "Han", "ORG"),
        span(text, "Han", "ORG", 1),
        span(text, "Hong Kong", "GPE"),
        span(text, "Polytechnic University", "ORG"),
    ]
    found_ = found(run(text, spans))
    assert ("XI JINPING", N) in found_
    assert ("Han Kuo-yu", N) in found_
    assert ("Han", N) in found_  # the family name later
    assert ("Hong Kong", P) in found_  # "-based" is no given name
    assert ("Hong Kong Polytechnic University", G) in found_


def test_a_name_before_a_bridge_mosque_or_square_is_a_place() -> None:
    text = "Clashes\n\nProtesters gathered near the Sinak bridge and the Khulani mosque.\n"
    spans = [span(text, "Sinak", "ORG"), span(text, "Khulani", "ORG")]
    assert found(run(text, spans)) == [("Sinak", P), ("Khulani", P)]


def test_an_nba_recaps_apostrophe_names_golden_state_and_a_tally_for_a_town() -> None:
    text = (
        "NBA\n\nThe Kings, who were without De'Aaron Fox, lost. Their coach said so. "
        "Sacramento visits Golden State on Monday. Harrison Barnes scored 14 for Sacramento.\n"
    )
    spans = [
        span(text, "Kings", "ORG"),
        span(text, "Fox", "PERSON"),
        span(text, "Sacramento", "GPE"),
        span(text, "Golden State", "PERSON"),
        span(text, "Harrison Barnes", "PERSON"),
        span(text, "Sacramento", "GPE", 1),
    ]
    found_ = found(run(text, spans))
    assert ("De'Aaron Fox", N) in found_
    assert ("Golden State", G) in found_
    assert found_[-1] == ("Sacramento", G)  # the team he scored for


def test_a_tennis_reports_player_of_a_country_venue_and_title() -> None:
    text = (
        "Tennis\n\nBianca Andreescu of Canada beat Serena Williams, who was booed at "
        "Flushing Meadows, for her first Grand Slam title.\n"
    )
    spans = [
        span(text, "Bianca Andreescu of Canada", "ORG"),
        span(text, "Serena Williams", "PERSON"),
        span(text, "Flushing Meadows", "PERSON"),
        span(text, "Grand Slam", "GPE"),
    ]
    assert found(run(text, spans)) == [
        ("Bianca Andreescu", N),
        ("Canada", P),
        ("Serena Williams", N),
        ("Flushing Meadows", P),
    ]


def test_a_surname_that_is_a_landscape_word_stays_a_persons() -> None:
    text = "Staff\n\nChief of staff Mark Meadows said Trump would win. Meadows spoke.\n"
    spans = [span(text, "Mark Meadows", "PERSON"), span(text, "Trump", "PERSON")]
    assert found(run(text, spans))[0] == ("Mark Meadows", N)


def test_a_given_name_that_is_also_a_word_before_a_common_surname_is_a_person() -> None:
    text = "Tech\n\nBill Gates met Mark Carney at the Rose Garden. Will Smith spoke.\n"
    spans = [
        span(text, "Bill Gates", "ORG"),
        span(text, "Mark Carney", "GPE"),
        span(text, "Rose Garden", "FAC"),
        span(text, "Will Smith", "ORG"),
    ]
    assert found(run(text, spans)) == [
        ("Bill Gates", N),
        ("Mark Carney", N),
        ("Rose Garden", P),  # a garden, whatever its first word
        ("Will Smith", N),
    ]


def test_a_firm_in_its_town_is_two_names_and_pan_is_no_part_of_a_name() -> None:
    text = (
        'Markets\n\n"Buy," said Art Hogan, strategist at National Securities in New York. '
        "The pan-European index rose.\n"
    )
    spans = [
        span(text, "Art Hogan", "PERSON"),
        span(text, "National Securities in New York", "ORG"),
        span(text, "pan-European", "NORP"),
    ]
    assert found(run(text, spans)) == [
        ("Art Hogan", N),
        ("National Securities", G),
        ("New York", P),
        ("European", G),
    ]


def test_the_first_of_two_surnames_and_a_surname_after_a_nickname_stand_for_the_person() -> None:
    text = (
        "Jury convicts Ramiro 'El Toro' Vallejo\n\n"
        'A jury convicted Ramiro "El Toro" Vallejo Arce on Tuesday. Vallejo, 58, '
        "listened. Lawyers for Vallejo said they would appeal. Marta Quintero Salas, "
        "a witness, wept. Later Quintero left.\n"
    )
    spans = [
        span(text, "Ramiro", "PERSON"),
        span(text, "'El Toro'", "ORG"),
        span(text, "Vallejo", "ORG"),
        span(text, "Ramiro", "PERSON", 1),
        span(text, "El Toro", "PERSON", 1),
        span(text, "Vallejo Arce", "PERSON"),
        span(text, "Vallejo", "ORG", 2),
        span(text, "Vallejo", "ORG", 3),
        span(text, "Marta Quintero Salas", "PERSON"),
        span(text, "Quintero", "ORG", 1),
    ]
    assert found(run(text, spans)) == [
        ("Ramiro", N),
        ("El Toro", N),  # not the closing quote
        ("Vallejo", N),
        ("Ramiro", N),
        ("El Toro", N),
        ("Vallejo Arce", N),
        ("Vallejo", N),
        ("Vallejo", N),
        ("Marta Quintero Salas", N),
        ("Quintero", N),
    ]


def test_a_first_surname_the_article_uses_as_a_place_stays_a_place() -> None:
    text = (
        'Quake hits Oaxaca\n\nHomes fell in Oaxaca state. "We fear more," said Laura '
        "Oaxaca Almazan, the mayor. Power was cut in Oaxaca and Puebla.\n"
    )
    spans = [
        span(text, "Oaxaca", "GPE", 1),
        span(text, "Laura Oaxaca Almazan", "PERSON"),
        span(text, "Oaxaca", "GPE", 3),
        span(text, "Puebla", "GPE"),
    ]
    kinds = found(run(text, spans))
    assert ("Oaxaca", N) not in kinds
    assert ("Laura Oaxaca Almazan", N) in kinds


def test_picture_credits_name_the_agencies() -> None:
    text = (
        "Star tours again\n\nAFP-JIJI\n\nA man waits in a hospital (AP Photo)\n\n"
        "The champion took pole at the Ostrova Grand Prix Credit: REX\n\n"
        "Dust on the lake (Supplied: Tarrant University)\n\n"
        "A rhino for scale Walt Maier /Stocktrek Images/Corbis\n"
    )
    spans = [
        span(text, "AFP-JIJI", "ORG"),
        span(text, "AP Photo", "ORG"),
        span(text, "Ostrova Grand Prix Credit: REX", "FAC"),
        span(text, "Supplied: Tarrant University", "ORG"),
        span(text, "Walt Maier /Stocktrek", "PERSON"),
        span(text, "Corbis", "ORG"),
    ]
    assert found(run(text, spans)) == [
        ("AFP", G),
        ("JIJI", G),
        ("AP", G),
        ("REX", G),
        ("Tarrant University", G),
        ("Walt Maier", N),
        ("Stocktrek Images", G),
        ("Corbis", G),
    ]


def test_a_surname_the_model_took_for_a_product_or_a_work_is_the_person() -> None:
    text = (
        "Voss ties record\n\nThe quarterback connected with Darnell Pruett twice, starting "
        "with a screen pass to Pruett on the opening drive. He found Pruett with 4:28 left.\n"
    )
    spans = [
        span(text, "Darnell Pruett", "PERSON"),
        span(text, "Pruett", "PRODUCT", 1),
        span(text, "Pruett with 4:28", "WORK_OF_ART"),
    ]
    assert found(run(text, spans)) == [("Darnell Pruett", N), ("Pruett", N), ("Pruett", N)]


def test_result_lines_and_win_loss_records_make_towns_teams() -> None:
    text = (
        "NFL roundup\n\nSeattle 27, Tampa Bay 24, OT: Dale Orrin kicked a field goal and "
        "the comeback lifted Seattle (8-1) in the league. The quarterback rallied "
        "Seattle late with a touchdown.\n\nIn baseball, Tom Brevik (12-8) allowed three runs "
        "as Denver lost.\n"
    )
    spans = [
        span(text, "Seattle", "GPE"),
        span(text, "Dale Orrin", "PERSON"),
        span(text, "Seattle", "GPE", 1),
        span(text, "Seattle", "GPE", 2),
        span(text, "Tom Brevik", "PERSON"),
        span(text, "Denver", "GPE"),
    ]
    kinds = found(run(text, spans))
    assert kinds[:6] == [
        ("NFL", G),
        ("Seattle", G),
        ("Tampa Bay", G),
        ("Dale Orrin", N),
        ("Seattle", G),
        ("Seattle", G),
    ]
    assert ("Tom Brevik", N) in kinds  # a pitcher's record after his name


def test_a_nickname_is_a_team_before_a_possessive_at_a_sentence_start_and_a_record() -> None:
    text = (
        "Kansas City 23, Buffalo 13\n\nA touchdown on an interception return sealed the "
        "Chiefs’ win over Buffalo. The Chiefs gave up 470 yards to a Bills (3-6) offense led "
        "by a rookie quarterback in his first season.\n"
    )
    kinds = found(run(text, [span(text, "Buffalo", "GPE", 1)]))
    assert ("Chiefs", G) in kinds
    assert kinds.count(("Chiefs", G)) == 2
    assert ("Bills", G) in kinds


def test_a_given_name_with_a_capitalised_prefix_is_a_given_name() -> None:
    text = (
        "Pass record\n\nHe threw scoring passes to Brent Halvey, Zach Orme, LeSean Pruitt "
        "and DeAndre Collins as the offense rolled.\n"
    )
    spans = [
        span(text, "Brent Halvey", "PERSON"),
        span(text, "Zach Orme", "PERSON"),
        span(text, "LeSean Pruitt", "ORG"),
        span(text, "DeAndre Collins", "ORG"),
    ]
    assert found(run(text, spans)) == [
        ("Brent Halvey", N),
        ("Zach Orme", N),
        ("LeSean Pruitt", N),
        ("DeAndre Collins", N),
    ]


def test_a_clubs_last_word_alone_is_the_club_but_not_its_towns_name() -> None:
    text = (
        "Late goals keep Manchester City top\n\nManchester City needed two late goals. "
        "City took charge after half-time, and fans gathered at City Hall later.\n\n"
        "MADRID, May 3 - Atletico Madrid lost at home.\n"
    )
    spans = [
        span(text, "Manchester City", "ORG"),
        span(text, "Manchester City", "ORG", 1),
        span(text, "Atletico Madrid", "ORG"),
    ]
    kinds = found(run(text, spans))
    assert ("City", G) in kinds  # "City took charge"
    assert kinds.count(("City", G)) == 1  # not "City" of "City Hall"
    assert ("MADRID", G) not in kinds


def test_plural_acronyms_of_members_and_a_bare_state_or_government_are_not_names() -> None:
    text = (
        "MPs reject motion\n\nMPs voted 325 to 306. MEPs and NGOs objected, and the "
        "Government said it would not turn Kenya into a one-party State.\n"
    )
    spans = [
        span(text, "MPs", "ORG"),
        span(text, "MPs", "ORG", 1),
        span(text, "MEPs", "ORG"),
        span(text, "NGOs", "ORG"),
        span(text, "Government", "ORG"),
        span(text, "Kenya", "GPE"),
        span(text, "State", "ORG"),
    ]
    assert found(run(text, spans)) == [("Kenya", P)]


def test_no_place_is_highlighted_inside_a_grand_prix() -> None:
    text = "Relay record\n\nThey ran a special race at the Tarvik Grand Prix meeting in Tarvik.\n"
    spans = [span(text, "Tarvik", "GPE"), span(text, "Tarvik", "GPE", 1)]
    assert found(run(text, spans)) == [("Tarvik", P)]
    assert run(text, spans)[0].start == text.rindex("Tarvik")


def test_a_venue_shape_takes_the_whole_name_the_model_read() -> None:
    text = (
        "Fossils found\n\nThe bones were kept at the Norvald Museum of Nature in Ottawa. "
        "Evacuees went to the Birch Forest High School shelter in Fayetteville.\n"
    )
    spans = [
        span(text, "Norvald Museum of Nature", "ORG"),
        span(text, "Ottawa", "GPE"),
        span(text, "Birch Forest High School", "ORG"),
        span(text, "Fayetteville", "GPE"),
    ]
    assert found(run(text, spans)) == [
        ("Norvald Museum of Nature", P),
        ("Ottawa", P),
        ("Birch Forest High School", P),
        ("Fayetteville", P),
    ]


def test_products_are_not_names_but_their_makers_are() -> None:
    text = (
        "Samsung Nova S3 gets head start on rival iPhone\n\nSamsung launches its latest "
        "Nova S smartphone on Tuesday. The S3, running on Android, beat the iPhone 4S in "
        "pre-orders, Samsung said. Leaders of the G20 met in Osaka.\n"
    )
    spans = [
        span(text, "Samsung", "ORG"),
        span(text, "S3", "ORG"),
        span(text, "iPhone", "GPE"),
        span(text, "Samsung", "ORG", 1),
        span(text, "Nova S", "GPE", 1),
        span(text, "S3", "ORG", 1),
        span(text, "Android", "ORG"),
        span(text, "iPhone", "GPE", 1),
        span(text, "Samsung", "ORG", 2),
        span(text, "G20", "ORG"),
        span(text, "Osaka", "GPE"),
    ]
    assert found(run(text, spans)) == [
        ("Samsung", G),
        ("Samsung", G),
        ("Samsung", G),
        ("G20", G),  # no brand before it: a forum
        ("Osaka", P),
    ]


def test_awards_before_winner_and_latin_genera_are_not_names() -> None:
    text = (
        "Fossil find\n\nThe Grammy-winner sang. An Oscar-nominated actor narrated. "
        "Two species of Pentaceratops and one Velociraptor lay beside the Toronto Raptors "
        "mascot. Rena Ostrova won at the Kelby circuit.\n"
    )
    spans = [
        span(text, "Grammy", "PERSON"),
        span(text, "Oscar", "PERSON"),
        span(text, "Pentaceratops", "ORG"),
        span(text, "Velociraptor", "ORG"),
        span(text, "Toronto Raptors", "ORG"),
        span(text, "Rena Ostrova", "PERSON"),
        span(text, "Kelby", "PERSON"),
    ]
    assert found(run(text, spans)) == [
        ("Toronto Raptors", G),
        ("Rena Ostrova", N),
        ("Kelby", P),  # a racing circuit is a place
    ]


def test_a_country_or_a_listed_company_the_model_cut_in_two_is_one_name() -> None:
    text = (
        "Junta in Burkina Faso\n\nSoldiers seized power in Burkina Faso on Monday. Mining "
        "giants Anglo American and Glencore rose.\n"
    )
    spans = [
        span(text, "Burkina", "GPE"),
        span(text, "Faso", "GPE"),
        span(text, "Burkina", "GPE", 1),
        span(text, "Faso", "GPE", 1),
        span(text, "Anglo", "ORG"),
        span(text, "American", "NORP"),
        span(text, "Glencore", "ORG"),
    ]
    assert found(run(text, spans)) == [
        ("Burkina Faso", P),
        ("Burkina Faso", P),
        ("Anglo American", G),
        ("Glencore", G),
    ]


def test_no_name_is_highlighted_inside_an_index_the_model_cut() -> None:
    text = (
        "London's FTSE 100 closes at a record\n\nLondon's FTSE 100 rose 0.4%. The FTSE "
        "gained again.\n"
    )
    spans = [
        span(text, "London", "GPE"),
        span(text, "FTSE", "ORG"),
        span(text, "100", "PRODUCT"),
        span(text, "London", "GPE", 1),
        span(text, "FTSE", "ORG", 2),
    ]
    kinds = found(run(text, spans))
    assert kinds.count(("London", P)) == 2
    mentions = run(text, spans)
    assert all(not text.startswith("FTSE 100", m.start) for m in mentions)


def test_a_nickname_that_plays_is_a_team_everywhere() -> None:
    text = (
        "West Ham beat Wolves 4-0\n\nWest Ham United won their first league match of the "
        "season. Wolves dominated the opening exchanges before the goals came.\n"
    )
    kinds = found(run(text, [span(text, "West Ham", "ORG"), span(text, "West Ham United", "ORG")]))
    assert kinds.count(("Wolves", G)) == 2


def test_diseases_the_olympics_a_cabinet_bills_and_titles_are_not_names() -> None:
    text = (
        "PUBLISHED : Wednesday, 24 August\n\nThe manager caught Covid before the Olympic "
        "final. The Cabinet met in an Ebola-affected town. Jo Pike, the Secretary of State "
        "for Science, Innovation and Technology, backed the Online Safety Bill; the Culture "
        "Sec agreed.\n"
    )
    spans = [
        span(text, "PUBLISHED", "GPE"),
        span(text, "Covid", "PERSON"),
        span(text, "Olympic", "GPE"),
        span(text, "Cabinet", "ORG"),
        span(text, "Ebola-affected", "ORG"),
        span(text, "Jo Pike", "PERSON"),
        span(text, "State for Science, Innovation and Technology", "ORG"),
        span(text, "Online Safety Bill", "ORG"),
        span(text, "Sec", "ORG"),
    ]
    assert found(run(text, spans)) == [("Jo Pike", N)]


def test_an_abbreviated_department_a_sanctuary_and_a_ranked_result_line() -> None:
    text = (
        "Garland opens Justice Dept. probe\n\nA whale was seen in the Cordell Reef National "
        "Marine Sanctuary.\n\nTexas Tech 49, No. 5 West Virginia 14\n\nThe quarterback threw "
        "for 499 yards as Texas Tech won the league game with a late touchdown, said SaDale "
        "Foster.\n"
    )
    spans = [
        span(text, "Justice Dept.", "PERSON"),
        span(text, "Cordell Reef National Marine Sanctuary", "ORG"),
        span(text, "Texas Tech", "ORG"),
        span(text, "West Virginia", "GPE"),
        span(text, "Texas Tech", "ORG", 1),
        span(text, "SaDale Foster", "ORG"),
    ]
    assert found(run(text, spans)) == [
        ("Justice Dept.", G),
        ("Cordell Reef National Marine Sanctuary", P),
        ("Texas Tech", G),
        ("West Virginia", G),
        ("Texas Tech", G),
        ("SaDale Foster", N),
    ]


def test_review_misfires_of_this_sessions_rules_stay_fixed() -> None:
    """Each case is one a reviewer found the new rules got wrong on realistic copy."""
    text = (
        "Leaders meet\n\nPrime Minister Mohammed Shia al-Sudani met Shia leaders. The Rio G20 "
        "summit and the Italian G7 presidency followed. Andy Rubin founded Android Inc. in "
        "2003. The previous meeting in Munich (2-1) went to extra time in the league. The "
        "Saudi-backed LIV circuit grew. Alfred Nobel left his fortune; each Nobel laureate "
        "gets a medal. The Premier League-winning manager spoke.\n"
    )
    spans = [
        span(text, "Mohammed Shia al-Sudani", "PERSON"),
        span(text, "Shia", "NORP", 1),
        span(text, "Rio", "GPE"),
        span(text, "G20", "ORG"),
        span(text, "Italian", "NORP"),
        span(text, "G7", "ORG"),
        span(text, "Andy Rubin", "PERSON"),
        span(text, "Android Inc.", "ORG"),
        span(text, "Munich", "GPE"),
        span(text, "Saudi", "NORP"),
        span(text, "LIV", "ORG"),
        span(text, "Alfred Nobel", "PERSON"),
        span(text, "Nobel", "WORK_OF_ART", 1),
        span(text, "Premier League", "ORG"),
    ]
    kinds = found(run(text, spans))
    assert ("Shia", G) in kinds
    assert ("G20", G) in kinds
    assert ("G7", G) in kinds
    assert ("Android Inc.", G) in kinds
    assert ("Munich", P) in kinds
    assert ("LIV", G) in kinds
    assert ("Nobel", N) not in kinds
    assert ("Premier League", G) in kinds


def test_the_city_of_london_is_no_club_in_a_story_that_names_one() -> None:
    text = (
        "Manchester City owners eye London deal\n\nThe group that owns Manchester City is in "
        'talks to buy a tower in the City of London. "The City has been through worse," an '
        "adviser said. The regulator, the City watchdog, was not involved.\n"
    )
    spans = [
        span(text, "Manchester City", "ORG"),
        span(text, "Manchester City", "ORG", 1),
        span(text, "City of London", "GPE"),
        span(text, "City", "GPE", 3),
    ]
    kinds = found(run(text, spans))
    assert ("City", G) not in kinds


def test_named_grand_prix_bodies_and_a_sentence_opening_the_grand_prix_keep_their_names() -> None:
    text = (
        "Race deal\n\nThe Australian Grand Prix Corporation signed a deal. The Grand Prix "
        "Drivers' Association objected.\n"
    )
    spans = [
        span(text, "The Australian Grand Prix Corporation", "ORG"),
        span(text, "The Grand Prix Drivers' Association", "ORG"),
    ]
    assert found(run(text, spans)) == [
        ("Australian Grand Prix Corporation", G),
        ("Grand Prix Drivers' Association", G),
    ]


def test_armed_groups_with_a_spaced_al_newspapers_finals_rockets_and_labels() -> None:
    text = (
        "MAUROLE, Indonesia (UPDATED) - Troops killed an Al Shabaab commander linked to Al "
        "Qaeda, the Sing Tao Daily reported. The Atlas V rocket lifted off. She won the WTA "
        "Finals in Singapore. (Jo Pike/Getty Images)\n"
    )
    spans = [
        span(text, "MAUROLE", "GPE"),
        span(text, "Indonesia", "GPE"),
        span(text, "UPDATED", "ORG"),
        span(text, "Al Shabaab", "PERSON"),
        span(text, "Al Qaeda", "PERSON"),
        span(text, "Sing Tao Daily", "PERSON"),
        span(text, "Atlas V", "PERSON"),
        span(text, "WTA Finals", "ORG"),
        span(text, "Singapore", "GPE"),
        span(text, "Jo Pike/", "PERSON"),
    ]
    kinds = found(run(text, spans))
    assert ("UPDATED", G) not in kinds
    assert ("Al Shabaab", G) in kinds
    assert ("Sing Tao Daily", G) in kinds
    assert not any(name.startswith("Atlas") for name, _ in kinds)
    assert not any("Finals" in name for name, _ in kinds)
    assert ("Jo Pike", N) in kinds


def test_laws_a_countrys_coaching_team_and_an_island_of() -> None:
    text = (
        "Cricket\n\nMcDonald, a coach for ten years, joined Australia’s coaching team after "
        "two innings of the test series. The "
        "General Data Protection Regulation (GDPR) applies. Ash fell on the island of Flores "
        "near the Rokatenda volcano.\n"
    )
    spans = [
        span(text, "McDonald", "PERSON"),
        span(text, "Australia", "GPE"),
        span(text, "General Data Protection Regulation", "ORG"),
        span(text, "GDPR", "ORG"),
        span(text, "Flores", "PERSON"),
        span(text, "Rokatenda", "ORG"),
    ]
    assert found(run(text, spans)) == [
        ("McDonald", N),
        ("Australia", G),
        ("Flores", P),
        ("Rokatenda", P),
    ]


def test_second_review_misfires_stay_fixed() -> None:
    """Cases a second reviewer found this session's later rules got wrong."""
    text = (
        "Council vote\n\nThe plan was opposed by Alderman Pete Daily. Daily said he would "
        "seek a referendum. Australia's squad of negotiators arrived, the Sing Tao Daily "
        "reported. The Bahamas' Union of Teachers and The Donkey Sanctuary objected. A "
        "whale was seen in the Cordell Reef National Marine Sanctuary.\n"
    )
    spans = [
        span(text, "Pete Daily", "PERSON"),
        span(text, "Daily", "PERSON", 2),
        span(text, "Australia", "GPE"),
        span(text, "Sing Tao Daily", "PERSON"),
        span(text, "Bahamas' Union of Teachers", "ORG"),
        span(text, "The Donkey Sanctuary", "ORG"),
        span(text, "Cordell Reef National Marine Sanctuary", "ORG"),
    ]
    kinds = found(run(text, spans))
    assert ("Pete Daily", N) in kinds
    assert ("Daily", N) in kinds
    assert ("Australia", P) in kinds  # no sport in the story
    assert ("Sing Tao Daily", G) in kinds
    assert ("Bahamas", P) in kinds
    assert ("Donkey Sanctuary", G) in kinds
    assert ("Cordell Reef National Marine Sanctuary", P) in kinds


def test_a_possessive_before_quotes_is_no_nickname_and_finals_alone_is_no_name() -> None:
    text = (
        "Charts\n\nSinger Adele's 'Hello' Video plays on. Students sat Finals in June, and "
        "the Celtics reached the NBA Finals.\n"
    )
    spans = [
        span(text, "Adele's 'Hello' Video", "PERSON"),
        span(text, "Finals", "ORG"),
        span(text, "Celtics", "ORG"),
        span(text, "NBA Finals", "EVENT"),
    ]
    kinds = found(run(text, spans))
    assert ("Hello", N) not in kinds
    assert ("Video", N) not in kinds
    assert ("Finals", G) not in kinds
