"""The overlay from raw model spans to mentions, with hand-written model output (no spaCy)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import pytest

from reader.core.kinds import Kind
from reader.core.nlp import ModelSpan
from reader.core.overlay import Knowledge, KnownEntity, Mention, overlay


def span(text: str, piece: str, label: str, nth: int = 0) -> ModelSpan:
    """The model span over the nth occurrence of `piece` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return ModelSpan(start, start + len(piece), label)


def refine(
    text: str, spans: Sequence[ModelSpan], knowledge: Sequence[KnownEntity] = ()
) -> list[Mention]:
    return overlay(text, spans, Knowledge(tuple(knowledge)))


def run(
    text: str, spans: Sequence[ModelSpan], knowledge: Sequence[KnownEntity] = ()
) -> list[Mention]:
    mentions = refine(text, spans, knowledge)
    # Invariants every caller relies on: offsets index the text, sorted, no overlaps.
    for m in mentions:
        assert text[m.start : m.end] == m.text
    for left, right in itertools.pairwise(mentions):
        assert left.end <= right.start, (left, right)
    return mentions


def found(mentions: Sequence[Mention]) -> list[tuple[str, Kind]]:
    return [(m.text, m.kind) for m in mentions]


def at(mentions: Sequence[Mention], text: str, start: int) -> Mention:
    return next(m for m in mentions if m.start == start and m.text == text)


# --- boundaries -----------------------------------------------------------------------------


def test_leading_the_is_stripped() -> None:
    text = "Officials said the Northern Alliance for Reform would meet on Monday."
    mentions = run(text, [span(text, "the Northern Alliance for Reform", "ORG")])
    assert found(mentions) == [("Northern Alliance for Reform", Kind.GROUP)]
    assert mentions[0].start == text.index("Northern")


def test_possessives_are_stripped() -> None:
    text = "Brazil's delegation met the Islamic Revolutionary Guards' envoy in Brasilia."
    mentions = run(
        text,
        [
            span(text, "Brazil's", "GPE"),
            span(text, "the Islamic Revolutionary Guards'", "ORG"),
            span(text, "Brasilia", "GPE"),
        ],
    )
    assert [m.text for m in mentions] == ["Brazil", "Islamic Revolutionary Guards", "Brasilia"]


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_final_hamza_apostrophe_belongs_to_the_name(apostrophe: str) -> None:
    name = f"Ahmad al-Shara{apostrophe}"
    text = f"The envoy met {name} in Damascus on Sunday."
    mentions = run(text, [span(text, name, "PERSON"), span(text, "Damascus", "GPE")])
    assert found(mentions) == [(name, Kind.PERSON), ("Damascus", Kind.PLACE)]


def test_prefix_in_hyphenated_word_is_not_part_of_the_name() -> None:
    text = "A pro-Hezbollah newspaper reported the talks."
    mentions = run(text, [span(text, "pro-Hezbollah", "ORG")])
    assert found(mentions) == [("Hezbollah", Kind.GROUP)]
    assert mentions[0].start == text.index("Hezbollah")


def test_trailing_generic_noun_is_dropped() -> None:
    text = "Fighters of the Kata'ib Nasr militia withdrew from Tal Rifat."
    mentions = run(text, [span(text, "the Kata'ib Nasr militia", "ORG")])
    assert found(mentions)[0] == ("Kata'ib Nasr", Kind.GROUP)


def test_possessive_chain_is_split_into_names() -> None:
    text = "Iran's Quds Force trained the fighters."
    mentions = run(text, [span(text, "Iran's Quds Force", "ORG")])
    assert [m.text for m in mentions] == ["Iran", "Quds Force"]
    assert at(mentions, "Quds Force", 7).kind is Kind.GROUP


def test_split_person_pieces_are_joined() -> None:
    text = "The mayor, Joao Vitor Sandoval, opened the bridge."
    mentions = run(text, [span(text, "Joao Vitor", "PERSON"), span(text, "Sandoval", "PERSON")])
    assert found(mentions) == [("Joao Vitor Sandoval", Kind.PERSON)]


def test_labels_outside_the_three_kinds_are_dropped() -> None:
    text = "On Monday 3,000 people watched the Harvest Cup final in Lisbon."
    mentions = run(
        text,
        [
            span(text, "Monday", "DATE"),
            span(text, "3,000", "CARDINAL"),
            span(text, "the Harvest Cup", "EVENT"),
            span(text, "Lisbon", "GPE"),
        ],
    )
    assert found(mentions) == [("Lisbon", Kind.PLACE)]


# --- one name, one meaning ------------------------------------------------------------------


def test_untagged_later_occurrences_get_the_same_kind() -> None:
    text = "Rivers flooded Dorvale on Friday. Residents of Dorvale fled; Dorvale is empty."
    mentions = run(text, [span(text, "Dorvale", "GPE")])
    assert [(m.start, m.kind) for m in mentions] == [
        (start, Kind.PLACE) for start in _all(text, "Dorvale")
    ]
    assert len({m.key for m in mentions}) == 1


def test_one_kind_per_name_in_an_article() -> None:
    text = "Talks in Ostrava began. Ostrava officials and Ostrava police joined."
    mentions = run(
        text,
        [
            span(text, "Ostrava", "GPE", 0),
            span(text, "Ostrava", "ORG", 1),
            span(text, "Ostrava", "GPE", 2),
        ],
    )
    assert [m.start for m in mentions] == _all(text, "Ostrava")
    assert {m.kind for m in mentions} == {Kind.PLACE}


def test_acronym_defined_in_parentheses_is_the_same_entity() -> None:
    text = (
        "The Eastern Highlands Defence Front (EHDF) claimed the attack. "
        "Later, EHDF fighters withdrew."
    )
    mentions = run(text, [span(text, "The Eastern Highlands Defence Front", "ORG")])
    full = at(mentions, "Eastern Highlands Defence Front", text.index("Eastern"))
    acronyms = [m for m in mentions if m.text == "EHDF"]
    assert [m.start for m in acronyms] == _all(text, "EHDF")
    for m in acronyms:
        assert m.kind is full.kind is Kind.GROUP
        assert m.key == full.key


def test_surname_after_full_name_is_the_same_person() -> None:
    text = "Marisol Etxeberria Vance visited the port. Vance said it would reopen."
    mentions = run(text, [span(text, "Marisol Etxeberria Vance", "PERSON")])
    surname = at(mentions, "Vance", text.index("Vance said"))
    assert surname.kind is Kind.PERSON
    assert surname.key == "Marisol Etxeberria Vance"


def test_surname_that_is_a_common_word_is_not_highlighted_in_lower_case() -> None:
    text = "Farmer Gordon Brown said the river ran brown after the storm."
    mentions = run(text, [span(text, "Gordon Brown", "PERSON")])
    assert found(mentions) == [("Gordon Brown", Kind.PERSON)]


# --- the user's knowledge ---------------------------------------------------------------------

COLLECTIVE = KnownEntity(7, "Tandor Collective", Kind.GROUP, ("TC", "the Collective of Tandor"))
USA = KnownEntity(9, "United States", Kind.PLACE, ("US", "USA"))


def test_knowledge_overrides_the_model_kind_and_links_the_entity() -> None:
    text = "The Tandor Collective met in Ostrava."
    mentions = run(
        text,
        [span(text, "Tandor Collective", "PERSON"), span(text, "Ostrava", "GPE")],
        [COLLECTIVE],
    )
    collective = at(mentions, "Tandor Collective", text.index("Tandor"))
    assert collective.kind is Kind.GROUP
    assert collective.entity_id == COLLECTIVE.id
    assert at(mentions, "Ostrava", text.index("Ostrava")).entity_id is None


def test_knowledge_finds_aliases_the_model_missed() -> None:
    text = "Leaders of TC arrived. The Tandor Collective later issued a statement."
    mentions = run(text, [], [COLLECTIVE])
    assert [(m.text, m.kind, m.entity_id) for m in mentions] == [
        ("TC", Kind.GROUP, 7),
        ("Tandor Collective", Kind.GROUP, 7),
    ]


def test_short_aliases_match_case_sensitively() -> None:
    text = "Some of us were told the US would send aid; the USA confirmed."
    mentions = run(text, [], [USA])
    assert [(m.text, m.start) for m in mentions] == [
        ("US", text.index("US ")),
        ("USA", text.index("USA")),
    ]
    assert all(m.entity_id == USA.id and m.kind is Kind.PLACE for m in mentions)


def test_knowledge_alias_with_the_is_highlighted_without_it() -> None:
    guards = KnownEntity(
        4, "Islamic Revolutionary Guard Corps", Kind.GROUP, ("IRGC", "the Revolutionary Guards")
    )
    text = "Officials blamed the Revolutionary Guards for the strike."
    mentions = run(text, [span(text, "the Revolutionary Guards", "ORG")], [guards])
    assert [(m.text, m.entity_id) for m in mentions] == [("Revolutionary Guards", 4)]


def test_knowledge_alias_inside_prefixed_word() -> None:
    hezbollah = KnownEntity(3, "Hezbollah", Kind.GROUP, ())
    text = "A pro-Hezbollah daily reported the deal."
    mentions = run(text, [], [hezbollah])
    assert [(m.text, m.entity_id) for m in mentions] == [("Hezbollah", 3)]


def _all(text: str, piece: str) -> list[int]:
    starts, i = [], text.find(piece)
    while i >= 0:
        starts.append(i)
        i = text.find(piece, i + 1)
    return starts


def test_numbered_military_units_are_groups() -> None:
    text = "Troops of the 3rd Armoured Division and the 101st Brigade crossed the river."
    mentions = refine(text, [ModelSpan(14, 17, "ORDINAL"), ModelSpan(46, 51, "ORDINAL")])
    assert [(m.text, m.kind) for m in mentions] == [
        ("3rd Armoured Division", Kind.GROUP),
        ("101st Brigade", Kind.GROUP),
    ]


def _kinds(text: str, spans: list[ModelSpan]) -> list[tuple[str, Kind, str]]:
    return [(m.text, m.kind, m.key) for m in refine(text, spans)]


def test_surname_that_is_a_month_is_not_spread() -> None:
    text = "Theresa May spoke. The law passed in May. May said she was pleased."
    got = _kinds(text, [ModelSpan(0, 11, "PERSON")])
    assert got == [("Theresa May", Kind.PERSON, "Theresa May")]


def test_surname_stands_for_the_person_only_after_the_full_name() -> None:
    text = "Kariuki arrived. Later Peter Mwangi Kariuki spoke and Kariuki left."
    got = _kinds(text, [ModelSpan(23, 43, "PERSON")])
    assert got == [
        ("Peter Mwangi Kariuki", Kind.PERSON, "Peter Mwangi Kariuki"),
        ("Kariuki", Kind.PERSON, "Peter Mwangi Kariuki"),
    ]


def test_two_people_sharing_a_surname_stay_apart() -> None:
    text = "Ali Hassan met Omar Hassan. Hassan said nothing."
    got = refine(text, [ModelSpan(0, 10, "PERSON"), ModelSpan(15, 26, "PERSON")])
    assert [m.key for m in got][:2] == ["Ali Hassan", "Omar Hassan"]


def test_dateline_in_parentheses_is_not_an_acronym() -> None:
    text = "KABUL (Reuters) - Officials in Kabul said Reuters was wrong."
    got = _kinds(
        text,
        [
            ModelSpan(0, 5, "GPE"),
            ModelSpan(7, 14, "ORG"),
            ModelSpan(31, 36, "GPE"),
            ModelSpan(42, 49, "ORG"),
        ],
    )
    assert ("Reuters", Kind.GROUP, "Reuters") in got
    assert all(key != "Reuters" for text_, kind, key in got if kind is Kind.PLACE)


def test_possessive_inside_an_organisation_name_is_kept() -> None:
    text = "The People's Liberation Army and the Kurdistan Workers' Party (PKK) met."
    got = _kinds(text, [ModelSpan(4, 31, "ORG"), ModelSpan(36, 61, "ORG")])
    assert [t for t, _, _ in got][:2] == ["People's Liberation Army", "Kurdistan Workers' Party"]


def test_country_before_forces_stays_a_place() -> None:
    text = "US forces left. The US said so."
    got = _kinds(text, [ModelSpan(0, 2, "GPE"), ModelSpan(20, 22, "GPE")])
    assert [k for _, k, _ in got] == [Kind.PLACE, Kind.PLACE]


def test_unclosed_parenthesis_is_cut_from_a_name() -> None:
    text = "The Allied Democratic Forces (ADF attacked."
    got = _kinds(text, [ModelSpan(4, 33, "ORG")])
    assert got[0][0] == "Allied Democratic Forces"


def test_known_surname_does_not_cut_a_fuller_name() -> None:
    text = "Ali Hassan met Omar Hassan. Later Hassan left."
    known = [KnownEntity(1, "Hassan", Kind.PERSON, ("Hassan",))]
    got = refine(text, [ModelSpan(0, 10, "PERSON"), ModelSpan(15, 26, "PERSON")], known)
    assert [m.text for m in got] == ["Ali Hassan", "Omar Hassan", "Hassan"]
    assert [m.entity_id for m in got] == [None, None, 1]


def test_known_names_with_special_case_letters_match() -> None:
    text = "Ekrem İmamoğlu met Franz Josef Strauß in Ankara."
    known = [
        KnownEntity(1, "Ekrem İmamoğlu", Kind.PERSON, ()),
        KnownEntity(2, "Franz Josef Strauß", Kind.PERSON, ()),
    ]
    got = refine(text, [], known)
    assert [(m.text, m.entity_id) for m in got] == [
        ("Ekrem İmamoğlu", 1),
        ("Franz Josef Strauß", 2),
    ]


def test_very_long_span_does_not_break_refine() -> None:
    name = " ".join(["Abdul"] * 120)
    text = f"{name} spoke."
    got = refine(text, [ModelSpan(0, len(name), "PERSON")], [KnownEntity(1, name, Kind.PERSON)])
    assert all(text[m.start : m.end] == m.text for m in got)
    assert [(m.text, m.kind) for m in got] == [(name, Kind.PERSON)]  # kept, not dropped
