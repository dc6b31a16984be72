"""From cached model spans to the mentions a reader sees: the one source of highlights.

`overlay(text, model_spans, knowledge)` is the only function that decides what
is highlighted. The window, the panel, "appears in", search and the CLI all
read its result (directly, or through the mention cache it fills). It is
plain Python over the model's cached output, so it reruns in milliseconds
whenever the user's knowledge changes, without importing spaCy.

Steps, in order, each doing one job:

1. model spans to candidates: our three kinds only, possessive chains, run-on
   names ("Garrett hit Rudolph") and listings ("Tampa, FL @ Arena") split,
   clean boundaries (no "the", no possessive, no "pro-", no trailing noun, an
   abbreviation's period kept), non-entities dropped (dates, handles,
   product codes, events);
2. pieces of one name the model split are joined, a company word the model
   left out is taken in ("Qatar" + "Airways");
3. kinds from evidence in and around a name: a title or role before it,
   "militia" after it, "Brigade" or "Airways" inside it, a facility's head
   noun, a team's name, a given name, coordination ("X and Y");
4. names the model missed but whose shape says what they are: numbered units
   ("12th Brigade"), venues ("Bridgestone Arena"), "City, ST" and "(D-Minn.)";
5. the user's knowledge: every alias of every known entity is found and wins,
   dismissed names are dropped (a highlight dismissed at one place goes after
   step 8, so spreading a name never brings it back);
6. names the text defines: "Long Name (ACR)", a surname after the full name;
7. one name, one meaning per article (a vote weighing evidence by type and
   position; a tie keeps the model's label);
8. untagged occurrences of a name tagged elsewhere in the article;
9. clusters (all names of one thing, "U.N." with "United Nations") and links
   to known entities.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from reader.core import rules
from reader.core.article import text_sha256
from reader.core.gazetteer import (
    demonyms,
    is_city_name,
    is_common_surname,
    is_company_also_town,
    is_company_name,
    is_country_also_a_name,
    is_given_name,
    is_place_name,
    is_world_surname,
)
from reader.core.kinds import Kind, kind_for_label
from reader.core.names import (
    APOS_CLASS,
    acronym_of,
    family_name_first,
    find_names,
    longest_first,
    normalize,
    surname_of,
)
from reader.core.nlp import ModelSpan


@dataclass(frozen=True, slots=True)
class Mention:
    """A highlighted span: offsets into Article.text, its kind and what it refers to.

    `key` names the in-article cluster (the fullest name of the thing), so all
    mentions of one thing share it; `entity_id` links to the knowledge base.
    """

    start: int
    end: int
    text: str
    kind: Kind
    key: str
    entity_id: int | None = None
    source: str = "model"  # "model" | "knowledge" | "context"


@dataclass(frozen=True)
class KnownEntity:
    """What the overlay needs to know about an entity in the user's knowledge base."""

    id: int
    name: str
    kind: Kind
    aliases: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Knowledge:
    """Everything the user taught Reader: entities with their names, and dismissed names.

    `version` changes whenever any of it changes; stored mentions carry the
    version they were computed with, so stale ones are recomputed.
    """

    entities: tuple[KnownEntity, ...] = ()
    dismissed: frozenset[str] = frozenset()  # normalized names that are never highlighted
    version: int = 0
    # Highlights dismissed at one place only: article text sha256 -> {(start, end)}.
    dismissed_here: Mapping[str, frozenset[tuple[int, int]]] = field(default_factory=dict)


# --- step 1: candidates with clean boundaries ---------------------------------------------

_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_PREFIX = re.compile(r"^(?:" + "|".join(rules.NAME_PREFIXES) + r")-(?=[A-Z])")
# In capitals too: "PANAMA'S", "MILAN'S LENTINI" in a headline.
_POSSESSIVE_END = re.compile(rf"(?:{APOS_CLASS}[sS]|(?<=[sS]){APOS_CLASS})$")
_INNER_POSSESSIVE = re.compile(rf"(?:{APOS_CLASS}[sS]|(?<=[sS]){APOS_CLASS})\s+(?=\S)")
# "Cardiff and", "Police &", and a substitute's minute in a line-up ("Jo Pike 75th").
_TRAILING_WORD = re.compile(r"\s+(?:[a-z]+|&|\d{1,3}(?:st|nd|rd|th))$")
_POSSESSIVE_AFTER = re.compile(rf"{APOS_CLASS}s?\b")
_LEADING_WORD = re.compile(r"^([a-z][a-z'’]*)\s+(?=\S)")
_PUNCT = '.,;:!?"()[]{}«»“”–—-/'
# A run of single letters with periods: "U.S.", "U.N.", "N.Y.", "D.C.".
_INITIALS = re.compile(r"(?:^|(?<=[\s(-]))(?:[A-Za-z]\.)+[A-Za-z]$")
# Listings and bylines put separators between names the model runs together.
_SEPARATOR = re.compile(  # "Jo Pike/Ana Lee", "ACCRA/LONDON", "RELATED ARTICLES: Inside X"
    r"\s+[@|–—•·/-]\s+|\s*\|\s*|(?<=[A-Za-z])\s?/(?=[A-Z])|(?<=[A-Za-z]):\s+(?=[A-Z])"
)
_LOWER_WORD = re.compile(r"(?<=\s)[a-z][a-z'’-]*(?=\s)")


def _keeps_period(text: str, start: int, end: int) -> bool:
    """Whether the period right after text[start:end] ends an abbreviation in the name."""
    if text[end : end + 1] != ".":
        return False
    piece = text[start:end]
    words = piece.split()
    last = words[-1] if words else ""
    initial = len(words) > 1 and len(last) == 1 and last.isupper()  # "Jenna K."
    return bool(_INITIALS.search(piece)) or initial or last.casefold() in rules.ABBREVIATIONS


def clean_boundaries(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim a span to the name itself, following the annotation conventions.

    An abbreviation keeps its period ("U.S.", "Jr.", "Minn."), also when the
    model left it out.
    """
    changed = True
    while changed and start < end:
        changed = False
        piece = text[start:end]
        for pattern in (_LEADING, _PREFIX):
            m = pattern.match(piece)
            if m and m.end() < len(piece):
                start += m.end()
                changed = True
                break
        if changed:
            continue
        m = _POSSESSIVE_END.search(piece)
        if m and m.start() > 0:
            end = start + m.start()
            changed = True
            continue
        cut = piece.find(" (")
        if cut > 0 and ")" not in piece[cut:]:
            end = start + cut  # "Allied Democratic Forces (ADF": the model ran on
            changed = True
            continue
        m = _TRAILING_WORD.search(piece)
        if m and m.start() > 0:
            end = start + m.start()
            changed = True
            continue
        m = _LEADING_WORD.match(piece)
        if m and m.group(1) not in rules.NAME_CONNECTORS:
            start += m.end()  # "keyboardist Jane Doe"
            changed = True
            continue
        words = piece.split()
        if len(words) > 1 and words[-1].isupper() and words[-1].casefold() in rules.SPORTS_ROLES:
            end = start + piece.rstrip().rfind(" ")  # "Cleveland DL"
            changed = True
            continue
        if piece[-1] == "." and _keeps_period(text, start, end - 1):
            break
        if len(piece) > 2 and piece[-1] in "'’" and "‘'".find(text[start - 1 : start] or "x") >= 0:
            end -= 1  # 'El Chapo' in single quotes: the closing quote is not the name's
            changed = True
            continue
        if len(piece) > 2 and piece[0] in "‘'" and piece[-1] in "'’":
            start, end = start + 1, end - 1
            changed = True
            continue
        if piece[-1] in _PUNCT or piece[-1].isspace():
            end -= 1
            changed = True
        elif piece[0] in _PUNCT or piece[0].isspace():
            start += 1
            changed = True
    if start < end and _keeps_period(text, start, end):
        end += 1
    return start, end


_OFFICE = re.compile(r"(?:Office|Department|Bureau)\b")


# What a body of its members is called after their plural possessive ("Farmers' Union").
_MEMBERS_BODIES = frozenset("association union federation council guild alliance league".split())


def _word_at(text: str, start: int) -> str:
    m = _WORD.match(text, start)
    return m.group().casefold() if m else ""


def split_possessives(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split "Iran's Islamic Revolutionary Guards' Quds Force" into its three names."""
    pieces: list[tuple[int, int]] = []
    cursor = start
    for m in _INNER_POSSESSIVE.finditer(text, start, end):
        words = text[cursor : m.start()].split()
        if words and normalize(words[-1]) in rules.NAME_POSSESSIVES:
            continue
        if words and words[-1].casefold() in rules.OFFICE_HOLDERS and _OFFICE.match(text, m.end()):
            continue  # "the Attorney General's Office", "Sheriff's Office"
        if (
            text[m.start() - 1 : m.start()] == "s"
            and _word_at(text, m.end()) in _MEMBERS_BODIES
            and words
            and not _is_town(words[-1])
            and not is_place_name(words[-1])
            and not _is_team(words[-1])
            and not text.startswith("League Cup", m.end())
        ):
            continue  # "Grand Prix Drivers' Association", "Farmers' Union": the body's name
        pieces.append((cursor, m.start()))
        cursor = m.end()
    pieces.append((cursor, end))
    return [(s, e) for s, e in pieces if e > s]


# A street after "on" or "at" in a span: "the Walmart on State Road 54", "Ruta 45 at Elm St."
_STREET = re.compile(
    r"(?:(?:[A-Z][\w.'’-]* )+(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Boulevard|Blvd\.?|"
    r"Drive|Dr\.?|Lane|Highway|Hwy\.?|Parkway|Pkwy\.?|Way)"
    r"|(?:State Road|State Route|Route|Highway|Interstate|U\.S\.|SR|US|I-?) ?\d+[A-Z]?)"
)


_NUMBERED_ROAD = re.compile(
    r"(?:(?:State|County|U\.S\.|US) )?(?:Road|Route|Highway|Interstate|Motorway|Freeway) \d+[A-Z]?"
)


def split_run_on(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a span the model ran over several names.

    At separators ("Tampa, FL @ Pepsi Center", "Arena – Chicago") and at a
    lower-case word that cannot sit inside a name ("Garrett hit Rudolph"; but
    "Bank of America" stays whole).
    """
    cuts: list[tuple[int, int]] = [
        (m.start(), m.end()) for m in _SEPARATOR.finditer(text, start, end)
    ]
    located = text.find(" in ", start, end)
    if (
        located > 0
        and text[start:located].rsplit(" ", 1)[-1].casefold() in rules.COMPANY_WORDS
        and _is_town(text[located + 4 : end])
    ):
        cuts.append((located, located + 4))  # "National Securities in New York": where it is
    of = text.find(" of ", start, end)
    if of > 0 and _looks_like_person(text[start:of].split()) and _is_town(text[of + 4 : end]):
        cuts.append((of, of + 4))  # "Bianca Andreescu of Canada": a player and her country
    cuts += [
        (m.start(), m.end())
        for m in _LOWER_WORD.finditer(text, start, end)
        if (m.group() not in rules.NAME_CONNECTORS and not m.group().startswith(("al-", "el-")))
        or (m.group() in ("on", "at") and _STREET.fullmatch(text, m.end() + 1, end))
    ]
    pieces: list[tuple[int, int]] = []
    cursor = start
    for s, e in sorted(cuts):
        if s >= cursor:
            pieces.append((cursor, s))
            cursor = e
    pieces.append((cursor, end))
    out = []
    for s, e in pieces:
        piece = text[s:e]
        s, e = s + len(piece) - len(piece.lstrip()), e - len(piece) + len(piece.rstrip())
        if e > s:
            out.append((s, e))
    return out


_GENERIC_ALONE = frozenset({"government", "state", "cabinet", "sec"})
_PAPER_WORDS = frozenset("Daily Herald Gazette Tribune Chronicle Journal".split())


def _newspaper(name: str) -> bool:
    """A paper's name the model took for a person's or a place's.

    "Sing Tao Daily", "Daily Tar Heel", "San Francisco Chronicle"; not "Pete Daily"
    or "Herald Square".
    """
    words = name.split()
    if len(words) < 2:
        return False
    return words[0] == "Daily" or (words[-1] in _PAPER_WORDS and not is_given_name(words[0]))


# A protected area, not the charity it may also name ("The Donkey Sanctuary").
_SANCTUARY = re.compile(r" (?:Marine|Wildlife|Bird|Nature) Sanctuary$")
# A country's side in sport, after its possessive: "Australia's coaching team".
_SQUAD_WORDS = frozenset({"coaching", "squad", "selectors"})
_TRACKS = frozenset({"circuit", "racetrack", "racecourse"})
# A minister's title: "the Secretary of State for Science, Innovation and Technology".
_OF_STATE_FOR = re.compile(r"State for ")
_SECRETARY_OF = re.compile(r"Secretary of $")
_LAW = re.compile(
    r"(?<![\w’'-])[A-Z][\w’'-]* (?:[A-Z][\w’'-]* )*(?:Bill|Act|Regulation|Directive|Treaty)$"
)
# A disease or an event word before a hyphen: "an Ebola-affected community", "COVID-hit".
_AFFECTED = re.compile(r"[A-Z][\w]*-(?:affected|hit|stricken|infected|ravaged|related|free)")
_AWARD_WINNER = re.compile(r"-(?:winn(?:er|ing)|nominated|nominee)s?\b")
# What is won that is no award but a league's or a club's: "Premier League-winning".
_CONTEST = re.compile(r"League|liga|Liga|Cup|Series|Championship|Serie|Ligue")
# Genera of dinosaurs and fossils, by the endings of their Latin names.
_LATIN_GENUS = re.compile(
    r"[A-Z][a-z]{2,}(?:saurus|ceratops|raptor|pteryx|therium|pithecus|suchus|nychus|mimus|"
    r"venator|ornis|dactylus)"
)
_OWNS_OR_SPEAKS = re.compile(r"['’]s\b| (?:said|says|announced|International|Partners)\b")
_ARTICLE_THEN_WORD = re.compile(r"(?:A|An|The) [a-z]")


def _is_non_entity(text: str, start: int, end: int) -> bool:
    """Dates, handles, web addresses, product codes and common capitals are not names."""
    piece = text[start:end]
    if piece in rules.NOT_NAME_ACRONYMS or (
        piece.endswith("s") and piece[:-1] in rules.NOT_NAME_ACRONYMS and piece[:-1].isupper()
    ):
        return True  # "AI", "CEO", "GDP"; "MPs", "MEPs", "NGOs"
    if _AWARD_WINNER.match(text, end) and not _CONTEST.search(piece):
        return True  # "the Grammy-winner", "Oscar-nominated", "Nobel Prize-winning": an award
    if _AFFECTED.fullmatch(piece):
        return True
    if (
        piece.isupper()
        and piece.casefold() in rules.NEWS_KICKERS
        and text[start - 1 : start] == "("
    ):
        return True  # "MAUROLE, Indonesia (UPDATED) –": a page's label
    if _OF_STATE_FOR.match(piece) and _SECRETARY_OF.search(text, max(0, start - 13), start):
        return True  # "Secretary of" + "State for Science, Innovation and Technology"
    if _LATIN_GENUS.fullmatch(piece):
        return True  # "Pentaceratops", "Velociraptor": a species in Latin
    folded = piece.casefold()
    if folded in _GENERIC_ALONE:
        return True  # "a one-party State", "the Government said": a word for any
    if folded in rules.NEVER_NAMES_ALONE and not _OWNS_OR_SPEAKS.match(text, end):
        return True  # "after Easter"; "Opposition lawmakers walked out"; not "Advent said"
    if piece.isupper() and folded in _SPORT_NAMES:
        return True  # "SOCCER - SHEARER NAMED CAPTAIN": a section's label
    if (
        piece.isupper()
        and folded.split()[0] in rules.NEWS_KICKERS
        and text[end : end + 2].lstrip(" ")[:1] == ":"
    ):
        return True  # "READ MORE:", "RELATED ARTICLES:": a page's label
    if folded in _SQUAD_LABELS and _LABEL_MARK.match(text, end):
        return True  # "Forwards - Oliver Bierhoff, ...": a squad list's label
    if _ARTICLE_THEN_WORD.match(piece):
        return True  # "LEEDS - A century-old branch library": a sentence's first words
    if piece in rules.TIME_ZONES and _TIME_BEFORE.search(text, max(0, start - 16), start):
        return True  # "10:40 p.m. CDT"
    if piece.casefold() in _TITLE_WORDS and not is_common_surname(piece):
        return True  # "Sheriff's spokeswoman": a title alone; not "King" or "Major"
    if piece.casefold() in rules.PORTFOLIOS and _MINISTER_AFTER.match(text, end):
        return True  # "Defense" in "Defense Minister Andrei Belousov"
    words = piece.split()
    if "@" in piece or "://" in piece or piece.casefold().startswith("www."):
        return True
    if text[start - 1 : start] == "@" or text[start - 1 : start] == "#":
        return True  # a handle or hashtag: "@Jane"
    has_digit = [any(ch.isdigit() for ch in w) and not _ORDINAL_WORD.fullmatch(w) for w in words]
    if any(has_digit):
        if any(w.casefold().strip(".,") in rules.MONTHS for w in words):
            return True  # "July 25"
        road = any(w.casefold() in rules.ROAD_WORDS for w in words[:2])
        if len(words) > 1 and not road:
            return True  # a product designation: "Airbus A320", not "(State) Route 66"
    # "Secretary of State": a title, not the State.
    return len(words) == 1 and _OFFICE_OF.search(text, max(0, start - 20), start) is not None


_SQUAD_LABELS = frozenset(
    "goalkeepers goalkeeper defenders midfielders forwards strikers substitutes subs".split()
)
_LABEL_MARK = re.compile(r" ?[:–—-] ")
_SPORT_NAMES = frozenset(
    """soccer football cricket tennis golf boxing rugby baseball basketball athletics
    cycling squash swimming motorsport skiing snooker darts badminton volleyball handball
    hockey""".split()
) | {"rugby union", "rugby league", "motor racing", "formula one", "ice hockey", "horse racing"}
_ORDINAL_WORD = re.compile(r"\d{1,2}(?:st|nd|rd|th)")  # "9th U.S. Circuit": no product code
_TIME_BEFORE = re.compile(r"(?:\d|[ap]\.?m\.?|noon|midnight)\s*\(?$", re.I)
_MINISTER_AFTER = re.compile(r" (?:Minister|Secretary)\b")
_OFFICE_OF = re.compile(r"\b(?:[Ss]ecretary|[Mm]inister|[Uu]ndersecretary) of $")


@dataclass
class _Span:
    start: int
    end: int
    kind: Kind
    source: str = "model"
    entity_id: int | None = None
    is_norp: bool = False
    weight: float = rules.MODEL_VOTE
    hints: list[tuple[Kind, float]] = field(default_factory=list)  # weak cues for the vote


_TITLE_WORDS = rules.PERSON_TITLES | rules.PERSON_ROLES


def _strip_titles(text: str, start: int, end: int) -> tuple[int, int, int | None]:
    """A person span without the titles and roles before the name.

    Returns the new start and end, and the end of a team name before a sports
    role ("Browns DL Sheldon Richardson" -> "Browns" is a group) if there was one.
    """
    team_end = None
    words = list(re.finditer(r"\S+", text[start:end]))
    for i, w in enumerate(words[:-1]):
        word = w.group().casefold()
        opener = (
            i == 0
            and len(words) >= 3
            and _sentence_start(text, start)
            and not is_common_surname(w.group())
        )  # "Reliever Mark Acre took the loss", "Centre Walter Little scored"
        if _is_role(w.group()) and (i > 0 or w.group().isupper() or opener):
            if i > 0:
                team_end = start + words[i - 1].end()
            s, e, _ = _strip_titles(text, start + words[i + 1].start(), end)
            return s, e, team_end
        if i == 0 and (word in _TITLE_WORDS or _hyphenated_title(word)):
            return _strip_titles(text, start + words[i + 1].start(), end)
    return start, end, team_end


def _hyphenated_title(word: str) -> bool:
    """A rank in two words joined: "Lieutenant-Colonel", "Major-General", "Vice-Admiral"."""
    parts = word.split("-")
    return len(parts) == 2 and parts[1] in _TITLE_WORDS and parts[0] in _RANK_FIRST_PARTS


_RANK_FIRST_PARTS = frozenset("lieutenant major brigadier vice rear sub deputy acting".split())


_HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. prof prof. professor sir dame".split())


def _honoured_name(name: str) -> bool:
    """An honorific, a given name and a surname: "Prof Martin Holloway" (not "Dr Pepper")."""
    words = name.split()
    if not 3 <= len(words) <= 4:
        return False
    last = words[-1].casefold()
    return (
        last not in _ORGANISATION_ENDS  # not "Dame Kelly Holmes Trust"
        and last not in rules.FACILITY_HEADS
        and last not in rules.WEAK_GROUP_WORDS
        and last not in ("trust", "foundation", "fund", "prize", "award", "lecture")
        and words[0].casefold() in _HONORIFICS
        and is_given_name(words[1])
        and all(w[:1].isupper() for w in words[1:])
    )


def _ruled_name(name: str) -> bool:
    """A ruler's or an office-holder's title, then a name: "King Felipe VI", "Pope Leo"."""
    words = name.split()
    if not 2 <= len(words) <= 4 or words[0].casefold() not in rules.RULING_TITLES:
        return False
    rest = [w.casefold().rstrip(".,") for w in words[1:]]
    return all(w[:1].isupper() for w in words[1:]) and not any(
        w in rules.PLACE_HEADS
        or w in rules.FEATURE_HEADS
        or w in rules.FACILITY_HEADS
        or w in rules.COMPANY_WORDS
        or w in rules.STRONG_GROUP_WORDS
        or w in rules.WEAK_GROUP_WORDS
        or w in rules.INSTITUTION_ENDS
        or w
        in ("school", "college", "university", "island", "islands", "street", "road", "department")
        for w in rest
    )


def _continued(text: str, model_spans: Sequence[ModelSpan]) -> list[ModelSpan]:
    """A model span that ends in "of" or "for" goes on into the next: "Friends of" + "Elm Park"."""
    out: list[ModelSpan] = []
    for ms in sorted(model_spans, key=lambda m: (m.start, -m.end)):
        prev = out[-1] if out else None
        if (
            prev is not None
            and ms.start == prev.end + 1
            and text[prev.start : prev.end].endswith((" of", " for"))
            and kind_for_label(prev.label) is Kind.GROUP
            and kind_for_label(ms.label) is not None
        ):
            out[-1] = ModelSpan(prev.start, ms.end, prev.label)
            continue
        out.append(ms)
    return out


# A picture credit's label, before the agency: "Credit: REX", "Photo: EPA".
_CREDIT_LABEL = re.compile(r"\b(?:Credit|Photo|Picture|Image|Photograph|Supplied)s?:\s*$")
# The label itself, ended by the model's span: "… Grand Prix Credit" + ": REX", "Supplied".
_CREDIT_WORD = re.compile(r"(?:^|\s+)(?:Credit|Photo|Picture|Image|Photograph|Supplied)s?$")
# "AP Photo", "AFP Photos", "AP Images": the agency is the name.
_AGENCY_PHOTO = re.compile(r"([A-Z]{2,5}) (?:Photos?|Images|Pictures)$")


def _credit_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A picture credit's names: "AFP-JIJI" is two agencies, "AP Photo" is AP."""
    piece = text[start:end]
    m = _AGENCY_PHOTO.fullmatch(piece)
    if m and m.group(1) in rules.NEWS_AGENCIES:
        return [(start, start + m.end(1))]
    m = _CREDIT_WORD.search(piece)
    if m and text.startswith(":", end):
        return [(start, start + m.start())] if m.start() > 0 else []
    left, _, right = piece.partition("-")
    if right and left in rules.NEWS_AGENCIES and right.isupper() and right.isalpha():
        return [(start, start + len(left)), (end - len(right), end)]
    return [(start, end)]


def _candidates(text: str, model_spans: Sequence[ModelSpan]) -> list[_Span]:
    out: list[_Span] = []
    for ms in _continued(text, model_spans):
        kind = kind_for_label(ms.label)
        if kind is None and _town_as_a_thing(text, ms):
            kind = Kind.PLACE  # "in Toulouse" taken for a product
        if kind is None:
            continue
        is_norp = ms.label.upper() == "NORP"
        if is_norp and (
            _word_after(text, ms.end) in rules.EVENT_AFTER_NORP
            or (_NORP_EVENT.match(text, ms.end) and not text[ms.start : ms.end].endswith("s"))
        ):
            continue  # "Spanish flu", "Arab Spring", "the Canadian Grand Prix": an event's name
        if kind is Kind.GROUP and _is_designation(text, ms.start, ms.end):
            continue  # "Airbus A321neo", "Boeing 777-9": a product, maker and all
        if kind is not Kind.PERSON and _LAW.search(text, ms.start, ms.end):
            continue  # "the Online Safety Bill", "Digital Markets Act": a law
        if _is_product(text, ms.start, ms.end, kind):
            continue  # "the latest Galaxy S smartphone", "the S3" of a "Galaxy S3"
        if (
            text[ms.start : ms.end].isupper()
            and _NUMBER_BEFORE.match(text, max(0, ms.start - 2))
            and _NUMBER_AFTER.match(text, ms.end)
        ):
            continue  # "the 737 MAX 10"; not "300 NATO troops"
        if _is_storm(text, ms.start, ms.end) or _is_known_thing(text, ms.start, ms.end):
            continue  # "Hurricane Orla", "Orla's remnants", "the Six Nations", "NASAMS"
        for ps, pe in split_possessives(text, ms.start, ms.end):
            for s, e in [p for r in split_run_on(text, ps, pe) for p in _credit_pieces(text, *r)]:
                s, e = clean_boundaries(text, s, e)
                if s >= e or _GRAND_PRIX.search(text, s, e):
                    continue
                if _CREDIT_LABEL.search(text, max(0, s - 14), s) and text[s:e].isupper():
                    kind = Kind.GROUP  # "Credit: REX", "Photo: EPA": a picture agency
                if text[s:e].isupper() and _LETTER_SUFFIX.match(text, e):
                    e += 2  # "PML" + "-N", "MQM" + "-P": the faction's letter is the name's
                if text[s:e].endswith(_PLACE_ABBREVIATIONS):  # "Fort St." + "John"
                    more = re.match(r" [A-Z][\w’'-]*", text[e : e + 40])
                    e += more.end() if more else 0
                if kind is Kind.PLACE:
                    e = _town_tail(text, s, e)  # "Rio Grande" + " do Sul", "Boulogne" + "-sur-Mer"
                hyphened = _town_hyphen_tail(text, e, kind, is_norp)
                if hyphened is not None:
                    e, kind = hyphened.end(), Kind.PLACE  # "Stow" + "-on-the-Wold", any town
                court = _ORDINAL_BEFORE.search(text, max(0, s - 6), s)
                if court is not None and text.startswith(_NUMBERED_COURTS, s):
                    s = court.start()  # "the 9th" + "U.S. Circuit Court of Appeals"
                section = _OUTLET_SECTION.match(text, e)
                if (
                    section is not None
                    and text[s:e].isupper()
                    and kind is not Kind.PERSON
                    and text[s:e] not in rules.PLACE_ACRONYMS | {"EU", "UN", "U.N."}
                    and not is_place_name(text[s:e])
                ):
                    e = section.end()  # "BBC" + "Sport", "PA" + "Media": the outlet's arm
                    kind = Kind.GROUP
                campus = _CAMPUS.match(text, e)
                if (
                    campus is not None
                    and text.startswith("University of", s)
                    and not _is_facility(campus.group().split()[1:])
                ):
                    e = campus.end()  # "University of Texas" + " at Austin"
                body = _BODY_AFTER_PLACE.match(text, e) if kind is Kind.PLACE else None
                if body is not None and _office_not_holder(text, body.end()):
                    # "Indiana" + "House", "U.S. Capitol" + "Police", "New York State" +
                    # "Attorney General" (the office, with no holder's name after it)
                    out.append(_Span(s, body.end(), Kind.GROUP, weight=rules.STRONG_CUE_VOTE))
                    continue
                head = _GROUP_HEAD_AFTER.match(text, e)
                if head is not None and (head.group(1) == "Patrol" or kind is Kind.PLACE):
                    # "Florida Highway" + "Patrol", "Newark" + "Advocate": a force, a paper
                    out.append(_Span(s, head.end(), Kind.GROUP, weight=rules.STRONG_CUE_VOTE))
                    continue
                if kind is not Kind.GROUP and _newspaper(text[s:e]):
                    kind = Kind.GROUP  # "Sing Tao Daily" (not "Alderman Pete Daily")
                if kind is Kind.GROUP and _SANCTUARY.search(text, s, e):
                    kind = Kind.PLACE  # "Cordell Bank National Marine Sanctuary"
                if kind is not Kind.PERSON and (
                    _ruled_name(text[s:e]) or _honoured_name(text[s:e])
                ):
                    # "King Felipe VI", "Prof Martin Holloway": an organisation to the model
                    kind = Kind.PERSON
                if kind is Kind.PERSON:
                    office = _OFFICE_IN_NAME.fullmatch(text, s, e)
                    if office is not None:
                        # "Saku MP Halake Wario", "UDA MPs", "Conservative MEP Ann Lee";
                        # "Deputy Mayor Ann Lee" is a title and a name
                        where = office.group(1)
                        if where.casefold() not in _TITLE_WORDS | _OFFICE_ADJ:
                            party = where.isupper() or _PARTY_NAME.fullmatch(where) is not None
                            kind_here = Kind.GROUP if party else Kind.PLACE
                            strong = rules.STRONG_CUE_VOTE
                            out.append(_Span(s, s + len(where), kind_here, weight=strong))
                        if office.group(3) is None:
                            continue
                        s = office.start(3)
                    first = s
                    s, e, team_end = _strip_titles(text, s, e)
                    if team_end is not None:
                        ts, te = clean_boundaries(text, first, team_end)
                        out.append(_Span(ts, te, Kind.GROUP, weight=rules.STRONG_CUE_VOTE))
                if e - s < 2:
                    continue
                if not any(ch.isupper() for ch in text[s:e]) or _is_non_entity(text, s, e):
                    continue
                out.append(_Span(s, e, kind, is_norp=is_norp))
    out.sort(key=lambda sp: (sp.start, -sp.end))
    out = _split_nicknames(text, out)
    out = _split_place_person(text, out)
    out = _split_agency(text, out)
    out = _split_league(text, out)
    out = _cut_headline_runs(text, out)
    return _drop_events(text, _drop_quoted_titles(text, out))


# Words before an office that are part of the title, not a place: "Deputy Mayor Ann Lee".
_OFFICE_ADJ = frozenset(
    """former deputy lieutenant vice acting interim state police assistant senior junior
    shadow chief outgoing incoming""".split()
)
# An office between a place or party and a person, in one span the model took for a name:
# "Saku MP Halake Wario", "Kapuskasing Mayor Denise Roy", "NDP MPP Sylvie Roy", "UDA MPs".
_OFFICE_IN_NAME = re.compile(
    r"([A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,2}) (MPs?|MPPs?|MLAs?|MEPs?|Mayor|Commissioner|"
    r"Senator|Governor|Premier|Councillor|Councilor|Sheriff)(?: ([A-Z].*))?"
)
# A broadcaster's or an agency's arm after its capitals: "BBC Sport", "BBC Arabic", "PA Media".
_OUTLET_SECTION = re.compile(
    r" (?:Sports?|News|Arabic|Persian|Urdu|Hindi|Mundo|Media|Radio(?: \d)?|Television|"
    r"Business|World Service|Studios|Records|Films)\b(?! [A-Z])"
)
# What makes the name before it an event's ("the Canadian Grand Prix", "Australian Open").
_NORP_EVENT = re.compile(
    r" (?:(?:Formula (?:One|1) |F1 )?Grand Prix|Open|Masters|Championships?)\b"
)
# A race: "the Hungarian Grand Prix", "Monaco Grand Prix" (an event, whatever the model says).
_GRAND_PRIX = re.compile(r"(?<!^The )\bGrand Prix$")
# A model designation after a maker's name: "A321neo", "777-9", "777X", "737"; not a year,
# an amount ("12.5") or a share ("20%").
_DESIGNATION = re.compile(r" [A-Z]{1,2}-?\d{2,4}(?:-\d+)?[A-Za-z]*(?![\w%]|[.,]\d)")  # "A321neo"
# A planemaker's model number: "777-9", "777X", "737", "Cessna 208" (elsewhere "175-6" is a
# score and "Tesla 400 jobs" a number of jobs).
_MODEL_NUMBER = re.compile(r" \d{2,4}(?:-\d+)?[A-Za-z]*(?![\w%]|[.,]\d)")
_PLANEMAKERS = frozenset(
    "boeing airbus embraer bombardier comac cessna lockheed sukhoi tupolev antonov atr".split()
)


# A product's name by its model, before what it is: "its latest Galaxy S smartphone".
_MODEL_NAME = re.compile(
    r"[A-Z][\w-]*(?: [A-Z][\w-]*)* (?:[A-Z]\d{0,3}[a-z]{0,3}|\d{1,4}[A-Za-z]{0,3})"
)
_PRODUCT_NOUN = re.compile(
    r" (?:smart)?(?:phones?|handsets?|tablets?|laptops?|consoles?|headsets?|watch|"
    r"devices?|operating system|chips?|processors?|rockets?|launchers?|aircraft|jets?|"
    r"helicopters?|drones?|satellites?)\b"
)
# A model's designation: "S3", "S24", "X5" (not "G20" or "M23", which no brand precedes).
_BARE_DESIGNATION = re.compile(r"[A-Z]{1,2}\d{1,3}[a-z]{0,3}")


def _is_product(text: str, start: int, end: int, kind: Kind | None = None) -> bool:
    """A product by its model ("Galaxy S smartphone"), or a model the article gives a brand.

    "the S3" is a product where the article also writes "Galaxy S3" (a capitalised
    word before the same designation); "the G20" never has one.
    """
    piece = text[start:end]
    if _MODEL_NAME.fullmatch(piece) and _PRODUCT_NOUN.match(text, end):
        return not is_company_name(piece)  # "the Atlas V rocket", a "person" to the model too
    if kind is Kind.PERSON or not _BARE_DESIGNATION.fullmatch(piece):
        return False
    if piece in _FORUMS:
        return False
    branded = re.search(rf"(?<![\w’'-])([A-Z][a-z]+) {re.escape(piece)}(?![\w-])", text)
    return (
        branded is not None
        and branded.group(1) not in _NOT_A_BRAND
        and not _is_town(branded.group(1))  # "the Rio G20 summit"
        and not rules.DEMONYM.search(branded.group(1))  # "the Italian G7 presidency"
    )


_NOT_A_BRAND = frozenset("The A An In On At For By To From Of And Or But With Group".split())
# Designation-shaped names of forums, armed groups and series: never a product.
_FORUMS = frozenset("G7 G8 G20 G77 M23 F1 F2 F3 P5 E3 C40 B20 BRICS".split())


def _is_designation(text: str, start: int, end: int) -> bool:
    """A maker's name inside a product's: "Airbus A321neo", "Boeing 777-9"."""
    if _DESIGNATION.match(text, end):
        return True
    return normalize(text[start:end]) in _PLANEMAKERS and _MODEL_NUMBER.match(text, end) is not None


_NUMBER_BEFORE = re.compile(r"\d ")  # matched two characters before a name
_ORDINAL_BEFORE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th) $")  # "the 9th" + "U.S. Circuit"
_NUMBERED_COURTS = ("U.S. Circuit", "Circuit Court", "U.S. District Court", "District Court")
# A named storm: "Hurricane Orla", "Typhoon Dalisay" (not "Storm": a given name too).
_STORM_WORDS = r"\b(?:Hurricane|Typhoon|Cyclone|Tropical Storm|Tropical Depression) "
_STORM_BEFORE = re.compile(_STORM_WORDS + "$")
_STORM_NAMED = re.compile(_STORM_WORDS + r"([A-Z][\w’'-]+)")
# A university's campus: "University of Texas at Austin", "... at Chapel Hill".
_CAMPUS = re.compile(r" at [A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}(?![\w’'-]| [A-Z])")
# A state's or a town's body after its name: "Indiana House", "U.S. Capitol Police".
_BODY_AFTER_PLACE = re.compile(
    r" (?:Police|House|Senate|Assembly|Legislature|Supreme Court|National Guard|State Police|"
    r"Attorney General(?:[’']s Office)?|Public Schools|Board of Education|Fire Department|"
    r"Police Department|Sheriff[’']s Office|Department of [A-Z][a-z]+(?: [A-Z][a-z]+)?)\b"
)
_NAME_AFTER = re.compile(r" ([A-Z][\w’'.-]*)")
_CHAMBER_ROLES = frozenset("speaker majority minority chair chairman chairwoman clerk".split())


def _office_not_holder(text: str, end: int) -> bool:
    """No name after the body, or only a title: "Indiana House Speaker Jo Pike" still counts."""
    m = _NAME_AFTER.match(text, end)
    return m is None or m.group(1).casefold() in _TITLE_WORDS | _CHAMBER_ROLES


# A head after a name that makes the two one group: a highway patrol, a town's newspaper.
_GROUP_HEAD_AFTER = re.compile(
    r" (Patrol|Advocate|Journal|Gazette|Tribune|Herald|Chronicle|Courier|Dispatch|Enquirer|"
    r"Inquirer|Examiner|Sentinel|Courant|Post-Gazette|Star-Tribune|Star-Ledger|"
    r"Democrat-Gazette|Times-Picayune)\b"
)


# The rest of a town's name after a part the model took for all of it.
_TOWN_TAIL = re.compile(
    r"\.?(?:[ -](?:do|da|dos|das|de|del|di|du|des|es|el|al|sur|upon|on|am|en|aux|y)"
    r"(?:[ -](?:la|le|les|the))?)?[ -][A-Z][\w’'-]*"
)


# A hyphenated town's tail, known or not: "Stow" + "-on-the-Wold", "Bagnères" + "-de-Bigorre".
_HYPHENED_TAIL = re.compile(
    r"-(?:on|upon|under|sur|sous|am|an|en|le|la|les|de|du|des|in|by)(?:-(?:the|la|le|les))?"
    r"-[A-Z][\w’']*"
)


def _town_hyphen_tail(text: str, end: int, kind: Kind, is_norp: bool) -> re.Match[str] | None:
    """A hyphenated town's tail after a name ("Stow" + "-on-the-Wold"), if any.

    Not after a person's or a nationality's name ("Jean-de-Dieu", "Sunni-on-Shia"),
    not before a country, town or nationality ("Iran-on-Israel", "China-in-Africa"),
    and "-in-" only after a place ("Labour-in-Power" is no town).
    """
    if kind is Kind.PERSON or is_norp:
        return None
    m = _HYPHENED_TAIL.match(text, end)
    if m is None or ("-in-" in m.group() and kind is not Kind.PLACE):
        return None
    last = m.group().rsplit("-", 1)[-1]
    if _is_town_or_nation(last) or rules.DEMONYM.search(last) or last in demonyms():
        return None
    return m


def _town_tail(text: str, start: int, end: int) -> int:
    """Where a known town's name ends that starts as text[start:end] does, or `end`."""
    best, cursor = end, end
    for _ in range(3):
        m = _TOWN_TAIL.match(text, cursor)
        if m is None or "\n" in m.group():
            break
        cursor = m.end()
        if is_city_name(text[start:cursor]):
            best = cursor
    return best


def _is_storm(text: str, start: int, end: int) -> bool:
    """A named storm ("Hurricane Orla"), or its name alone once the article has named it."""
    name = text[start:end]
    return (
        _STORM_NAMED.fullmatch(name) is not None
        or _STORM_BEFORE.search(text, max(0, start - 25), start) is not None
        or name in _storm_names(text)
    )


@functools.lru_cache(maxsize=4)
def _storm_names(text: str) -> frozenset[str]:
    return frozenset(m.group(1) for m in _STORM_NAMED.finditer(text))


def _in_a_thing(text: str, start: int, end: int, kind: Kind) -> bool:
    """An untagged occurrence inside an event's, a product's or a storm's name."""
    if kind is Kind.GROUP and (_is_designation(text, start, end) or _NORP_EVENT.match(text, end)):
        return True  # "Airbus A330neo", "the Canadian Grand Prix"
    return _is_storm(text, start, end) or _is_known_thing(text, start, end)


# A corporate ending: "Android Inc." is the company, not the operating system.
_COMPANY_ENDING = r",? (?:Inc|Corp|Ltd|LLC|Co|Holdings|Group)\b"
_KNOWN_THING = re.compile(
    r"(?<![\w’'-])(?:"
    + "|".join(re.escape(n) for n in sorted(rules.KNOWN_THING_NAMES, key=len, reverse=True))
    + rf")(?![\w’'-])(?!{_COMPANY_ENDING})"
)


# A work's title after the kind of work it is: "the horror film Nightwater", "her
# previous feature Lighthouse Keepers", "the satire Les Héritiers".
_WORK_TITLE = re.compile(
    r"\b(?:film|drama|documentary|thriller|satire|epic|miniseries|novel|memoir|album|sitcom|"
    r"biopic) "
    r"((?:The |A |Les |La |Le |El |Il |Die |Der )?[A-Z][\w’'-]*"
    r"(?: (?:(?:of|the|and|del|de|di|la|le|des|du|in|on|a) )?[A-Z][\w’'-]*){0,4})"
)


def _things_by_name(text: str) -> tuple[tuple[int, int], ...]:
    """Where well-known events, weapons and indices are named, and works after their kind.

    No name is highlighted inside them ("France" in "Tour de France", "the drama
    The Salt Year"), whether the model tagged it or the article's vote would.
    """
    known = [(m.start(), m.end()) for m in _KNOWN_THING.finditer(text)]
    known += [(m.start(), m.end()) for m in _NAMED_GRAND_PRIX.finditer(text)]
    return tuple(known + [(m.start(1), m.end(1)) for m in _WORK_TITLE.finditer(text)])


# A race by its name: "the Berlin Grand Prix meeting", "Hungarian Formula One Grand Prix".
_NAMED_GRAND_PRIX = re.compile(
    r"(?<![\w'’-])(?!The |A )(?:[A-Z][\w'’-]* ){1,2}(?:Formula (?:One|1) |F1 )?Grand Prix\b"
    r"(?! (?:Corporation|Association|Drivers|Circuit|Club|Committee|Trust|Foundation)\b)"
)


def _merged(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Ranges that overlap one another made one."""
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _drop_inside(spans: list[_Span], ranges: Sequence[tuple[int, int]]) -> list[_Span]:
    """The spans that overlap none of the ranges (which may overlap each other)."""
    if not ranges:
        return spans
    taken = _Occupied()
    for start, end in _merged(ranges):
        taken.add(start, end)
    return [sp for sp in spans if not taken.overlaps(sp.start, sp.end)]


_COMPANY_AFTER = re.compile(_COMPANY_ENDING)


def _is_known_thing(text: str, start: int, end: int) -> bool:
    """A well-known event or weapon ("Six Nations", "NASAMS"; "Patriot" before "batteries")."""
    name = normalize(text[start:end])
    if name in rules.KNOWN_THINGS:
        return _COMPANY_AFTER.match(text, end) is None  # "Android Inc." is the company
    return name == "patriot" and rules.WEAPON_AFTER.match(text, end) is not None


# A nickname in quotes inside a name: Margaret “Peggy” O’Driscoll, Joaquín "El Chapo" Guzmán.
_NAME_WORD = r"[A-Z][\w’'-]*"
_NICKNAMED = re.compile(
    rf"(?<![\w’'-])({_NAME_WORD})(?<!['’]s) [“\"‘']({_NAME_WORD}(?: {_NAME_WORD}){{0,2}})[”\"’'] "
    rf"({_NAME_WORD}(?: {_NAME_WORD}){{0,2}}(?: Jr\.| Sr\.| III?\b)?)(?![\w’'-])"
)


def _split_nicknames(text: str, spans: list[_Span]) -> list[_Span]:
    """Three names where a person's name holds a nickname in quotes.

    As in "Coach (Frank) Vogel": the given name, the nickname and the surname are
    each the person's ("Margaret", "Peggy", "O’Driscoll"). Only in the body (a
    headline quotes words: 'Biden "Confident" Deal Will Pass'), where the model saw
    a person, and not before an event's head word ("Tour").
    """
    out = spans
    for m in _NICKNAMED.finditer(text):
        if _in_headline(text, m.start()):
            continue
        inside = [sp for sp in out if sp.start < m.end() and sp.end > m.start()]
        if not any(sp.kind is Kind.PERSON for sp in inside):
            continue
        if any(w.casefold() in rules.EVENT_HEADS for w in m.group(3).split()):
            continue  # 'the Beyoncé “Cowboy Carter” Tour': an album in quotes
        if any(sp.start < m.start() or sp.end > m.end() for sp in inside):
            continue  # a longer name the nickname sits in: leave it to the other steps
        parts = [
            _Span(
                *clean_boundaries(text, m.start(g), m.end(g)),
                Kind.PERSON,
                weight=rules.STRONG_CUE_VOTE,
            )
            for g in (1, 2, 3)
        ]
        out = sorted([sp for sp in out if sp not in inside] + parts, key=lambda sp: sp.start)
    return out


def _split_place_person(text: str, spans: list[_Span]) -> list[_Span]:
    """Split "envoy to Ukraine Kurt Volker": a place the article names, then a person."""
    places = {normalize(text[sp.start : sp.end]) for sp in spans if sp.kind is Kind.PLACE}
    out: list[_Span] = []
    for sp in spans:
        words = list(re.finditer(r"\S+", text[sp.start : sp.end]))
        for i in range(1, min(len(words) - 1, 3)):
            left = text[sp.start : sp.start + words[i - 1].end()]
            if normalize(left) in places and is_given_name(words[i].group()):
                out.append(_Span(sp.start, sp.start + words[i - 1].end(), Kind.PLACE))
                out.append(_Span(sp.start + words[i].start(), sp.end, Kind.PERSON))
                break
        else:
            out.append(sp)
    return out


_AGENCY_END = re.compile(r" (Associated Press|Reuters|Bloomberg News|Agence France-Presse)$")


# An agency's staff title in a byline: "AP Business Writer" is the agency.
_AGENCY_TITLE = re.compile(
    r"(AP|Associated Press|Reuters|AFP|Bloomberg) (?:[A-Z][a-z]+ )?"
    r"(?:Writer|Correspondent|Reporter|Editor|Photographer)s?\b"
)
_LEAGUE_END = re.compile(
    r" (NFL|NBA|WNBA|MLB|NHL|MLS|NCAA|ATP|WTA|PGA|LPGA|UFC|NASCAR|FIFA|UEFA|IPL)$"
)


def _split_league(text: str, spans: list[_Span]) -> list[_Span]:
    """Split a league's capitals off the name before them: "CBS Sports" + "NFL", "AP" + "NBA".

    Not off a person's name, unless what is left is capitals, which are no one's:
    AP's sign-off "AP NBA: https://apnews.com/hub/nba" the model took for a man.
    """
    out: list[_Span] = []
    for sp in spans:
        m = _LEAGUE_END.search(text, sp.start, sp.end)
        if (
            m is None
            or m.end() != sp.end
            or (sp.kind is Kind.PERSON and not text[sp.start : m.start()].isupper())
        ):
            out.append(sp)
            continue
        out.append(_Span(sp.start, m.start(), Kind.GROUP, is_norp=sp.is_norp))
        out.append(_Span(m.start(1), sp.end, Kind.GROUP, weight=rules.STRONG_CUE_VOTE))
    return out


def _split_agency(text: str, spans: list[_Span]) -> list[_Span]:
    """Split a byline's "Jo Pike Associated Press" into the writer and the agency."""
    out: list[_Span] = []
    for sp in spans:
        title = _AGENCY_TITLE.match(text, sp.start, sp.end)
        if title is not None:  # "AP Business Writer", "AP Sports Writers Jo Pike"
            out.append(_Span(sp.start, title.end(1), Kind.GROUP, weight=rules.STRONG_CUE_VOTE))
            if title.end() + 1 < sp.end:
                out.append(_Span(title.end() + 1, sp.end, Kind.PERSON))
            continue
        m = _AGENCY_END.search(text, sp.start, sp.end)
        if m is None or m.end() != sp.end or " " not in text[sp.start : m.start()]:
            out.append(sp)
            continue
        out.append(_Span(sp.start, m.start(), Kind.PERSON))
        out.append(_Span(m.start(1), sp.end, Kind.GROUP, weight=rules.STRONG_CUE_VOTE))
    return out


def _is_title_case(line: str) -> bool:
    words = [w for w in line.split() if w[:1].isalpha()]
    if len(words) < 4:
        return False
    content = [w for w in words if w.casefold() not in rules.TITLE_SMALL_WORDS]
    return sum(w[:1].isupper() for w in content) >= 0.8 * len(content)


def _cut_headline_runs(text: str, spans: list[_Span]) -> list[_Span]:
    """In a Title Case headline the model runs names into the next words ("Band Unite").

    Cut such a span back to the longest part of it that the article names on its own.
    """
    names = {normalize(text[sp.start : sp.end]) for sp in spans}
    title_case: dict[int, bool] = {}  # by line start: each line is looked at once
    for sp in spans:
        line_start = text.rfind("\n", 0, sp.start) + 1
        if line_start not in title_case:
            line_end = text.find("\n", sp.end)
            line = text[line_start : line_end if line_end >= 0 else len(text)]
            title_case[line_start] = (
                len(line) <= rules.MAX_HEADLINE
                and _is_title_case(line)
                and not _RESULT_LINE.match(line)  # "Texas Tech 49, No. 5 West Virginia 14"
            )
        if not title_case[line_start]:
            continue
        words = text[sp.start : sp.end].casefold().split()
        if len(words) > 2 and any(w in rules.INSTITUTION_HEADS for w in words[1:]):
            continue  # "Washington Institute for Near East Policy" in a reference list
        cuts = [m.start() for m in re.finditer(" ", text[sp.start : sp.end])]
        for cut in reversed(cuts):
            if normalize(text[sp.start : sp.start + cut]) in names:
                sp.end = sp.start + cut
                break
    return spans


_QUOTED = re.compile(r"[“\"]([^”\"\n]{3,80})[”\"]")


def _drop_quoted_titles(text: str, spans: list[_Span]) -> list[_Span]:
    """Names inside a quoted Title Case phrase belong to a work's title, not the text."""
    titles = _quoted_titles(text)
    return [sp for sp in spans if not titles.overlaps(sp.start, sp.end)]


def _quoted_titles(text: str) -> _Occupied:
    """Where quoted Title Case phrases (song, book, film titles) are."""
    titles = _Occupied()
    for m in _QUOTED.finditer(text):
        words = m.group(1).split()
        if len(words) >= 3 and _is_title_case(m.group(1) + " x x" * (4 - min(len(words), 4))):
            titles.add(m.start(1), m.end(1))
    return titles


# "Organisation of the Islamic Conference", "Union of European Football Associations": a
# body named for its meeting or its members is no event.
_INSTITUTION_OF = re.compile(
    r"(?:[Tt]he )?(?:Organi[sz]ation|Union|League|Association|Federation|Council|Conference|"
    r"Confederation|Congress|Assembly|Society|Movement|Party|Institute) (?:of|for) "
)


# Last words that make an event even of a body's name.
_EVENTS_ONLY = frozenset(
    """summit championship championships cup games show tour festival expo fair open final
    finals series awards prize marathon race rally""".split()
)


def _drop_events(text: str, spans: list[_Span]) -> list[_Span]:
    """Drop events ("Paris Air Show"); cut a named one's head ("Band Name Tour" -> "Band Name")."""
    names = {normalize(text[sp.start : sp.end]) for sp in spans}
    kept: list[_Span] = []
    for sp in spans:
        words = text[sp.start : sp.end].split()
        if (
            len(words) > 1
            and words[-1].casefold() in rules.EVENT_HEADS
            and not (
                _INSTITUTION_OF.match(text[sp.start : sp.end])
                and words[-1].casefold() not in _EVENTS_ONLY
            )  # not "Association of Southeast Asian Nations Summit"
        ):
            rest = text.rfind(" ", sp.start, sp.end)
            if normalize(text[sp.start : rest]) not in names:
                continue
            sp.end = rest
        kept.append(sp)
    return kept


# --- step 2: split names joined -------------------------------------------------------------


def _in_headline(text: str, pos: int) -> bool:
    """Whether `pos` is on the first line, the title, whose words are all capitalised."""
    return pos < text.find("\n")


def _is_town(name: str) -> bool:
    """A known town's or country's name ("Karachi", "Malawi"), evidence of a place."""
    return is_city_name(name) or is_place_name(name)


def _is_town_or_nation(name: str) -> bool:
    """`_is_town`, or a country that is also a person's name ("India", "Jordan")."""
    return _is_town(name) or is_country_also_a_name(name)


def _is_team(name: str) -> bool:
    """A team's nickname ("Steelers", "Red Sox"), alone or after its city ("Chicago Bulls")."""
    if normalize(name) in rules.CLUB_NAMES:
        return True  # "Aston Villa", "Juventus"
    words = normalize(name).split()
    if len(words) > 1 and words[0] in rules.TEAM_PREFIXES:
        return True
    if len(words) == 1 and words[0] in rules.CLUB_ENDINGS:
        return False  # "United" alone is as often the airline
    return any(" ".join(words[i:]) in rules.TEAM_NAMES for i in range(len(words)))


def _team_prefixes(text: str, spans: list[_Span]) -> None:
    """A club's first word the model left out: "Real" + "Madrid" is the team, a group."""
    previous_end = 0
    for sp in spans:
        m = re.search(r"(?<![\w-])([A-Z][\w]+) $", text[max(0, sp.start - 12) : sp.start])
        start = sp.start - (len(m.group(1)) + 1 if m is not None else 0)
        if m is not None and m.group(1).casefold() in rules.TEAM_PREFIXES and start >= previous_end:
            sp.start = start
            sp.kind, sp.weight = Kind.GROUP, rules.STRONG_CUE_VOTE
        previous_end = max(previous_end, sp.end)


def _places_playing(text: str, spans: list[_Span]) -> None:
    """In sport, a country or a town that plays is its team: "England were bowled out"."""
    if not _is_sport(text, spans):
        return
    for sp in spans:
        if sp.kind is Kind.GROUP or sp.weight >= rules.STRONG_CUE_VOTE:
            continue
        name = text[sp.start : sp.end]
        if not _is_town_or_nation(name):
            continue  # a known country or town, not a player the model took for a place
        if sp.kind is Kind.PERSON and not _is_town(name):
            continue  # "against Jordan" may be the player; "handing Liverpool" is the club
        plays = _PLAYS.match(text, sp.end) or (
            _PLAYED.search(text, max(0, sp.start - 20), sp.start)
            and not _POSSESSIVE_AFTER.match(text, sp.end)  # "beating Wales's Jo Pike"
        )
        tally = (
            _TALLY_FOR.search(text, max(0, sp.start - 20), sp.start)
            or _PLAYED_FOR.search(text, max(0, sp.start - 20), sp.start)
            or _club_before_player(text, sp.start, sp.end)
        )
        if tally or (plays and _raw_word_before(text, sp.start).lower() not in _PLACE_WORDS_BEFORE):
            sp.kind, sp.weight = Kind.GROUP, rules.STRONG_CUE_VOTE
    # A country or town seen as a team once is the team wherever it is not where play is.
    teams = {
        normalize(text[sp.start : sp.end])
        for sp in spans
        if sp.kind is Kind.GROUP
        and sp.weight >= rules.STRONG_CUE_VOTE
        and _is_town_or_nation(text[sp.start : sp.end])
    }
    for sp in spans:
        if sp.kind is not Kind.PLACE or sp.weight >= rules.STRONG_CUE_VOTE:
            continue
        if normalize(text[sp.start : sp.end]) not in teams:
            continue
        if _raw_word_before(text, sp.start).lower() in _PLACE_WORDS_BEFORE or _AFTER_TOWN.search(
            text, max(0, sp.start - 30), sp.start
        ):
            sp.hints.append((Kind.PLACE, rules.WEAK_CUE_VOTE))  # "in Cardiff" stays the city
        else:
            sp.kind = Kind.GROUP


_POSSESSIVE_THEN_NAME = re.compile(
    r"['’]s (?:[A-Za-z-]+ ){0,2}?([A-Z][a-z]+) [A-Z][\w’'-]+(?! [A-Z])"
)


_ANOTHER_CLUB = re.compile(r"\b(?:now with|now plays for|traded to|native|hometown|born)\b")


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")


def _sentence_end(text: str, pos: int) -> int:
    m = _SENTENCE_END.search(text, pos)
    return m.end() if m else len(text)


def _club_before_player(text: str, start: int, end: int) -> bool:
    """In sport, "Heerenveen's Romeo Wouden": a town's player is its club's.

    Only a town, not a country ("Spain's Rafael Nadal" says where he is from).
    """
    name = text[start:end]
    m = _POSSESSIVE_THEN_NAME.match(text, end)
    return (
        m is not None
        and not _ANOTHER_CLUB.search(text, end, _sentence_end(text, end))  # "now with Detroit"
        and is_city_name(name)
        and not is_place_name(name)
        and is_given_name(m.group(1))
    )


def _clubs_named_for_towns(text: str, spans: list[_Span]) -> None:
    """In a match report "Leicester City" and "Ipswich Town" are clubs, not places.

    Not a town that is called so ("Cape Town", "Quezon City"), nor outside sport.
    """
    if not _is_sport(text, spans):
        return
    for sp in spans:
        words = text[sp.start : sp.end].split()
        if (
            len(words) == 2
            and words[1] in ("City", "Town", "Athletic")
            and _is_town(words[0])
            and not is_city_name(text[sp.start : sp.end])
        ):
            sp.kind, sp.weight = Kind.GROUP, rules.STRONG_CUE_VOTE


_RACE_WORDS = re.compile(r"\b(?:laps?|pole|podium|pit ?stops?|grid|chequered flag|constructors?)\b")


def _racing_teams(text: str, spans: list[_Span]) -> None:
    """In a race report a constructor is a team: "McLaren", "Williams", "Aston Martin"."""
    if rules.RACING.search(text) is None or not _RACE_WORDS.search(text):
        return  # "students on F1 visas" is no race
    surnames = {
        text[sp.start : sp.end].split()[-1]
        for sp in spans
        if sp.kind is Kind.PERSON and " " in text[sp.start : sp.end]
    }
    for sp in spans:
        name = text[sp.start : sp.end]
        if normalize(name) in rules.RACING_TEAMS and name not in surnames:
            sp.kind, sp.weight = Kind.GROUP, rules.STRONG_CUE_VOTE  # not "Jodie Williams"


# Nicknames a team goes by alone ("the Grizzlies"), not club-name endings ("United").
_NICKNAMES = sorted(
    rules.TEAM_NAMES - rules.CLUB_ENDINGS,
    key=len,
    reverse=True,
)
_NICKNAME = re.compile(
    r"(?<![\w'’-])(?:"
    + "|".join(re.escape(" ".join(w[:1].upper() + w[1:] for w in n.split())) for n in _NICKNAMES)
    + r")(?![\w-])(?!['’][^\Ws])"  # "the Chiefs’ win", not "Saints'x"
)


# One or two capitalised words right before a position ("Memphis ", "Golden State ").
_CAPITALISED_BEFORE = re.compile(r"(?<![\w'’.-])(?:[A-Z][\w.'’-]* )?(([A-Z][\w.'’-]*) )$")


def _town_before(text: str, before: re.Match[str], end: int) -> int | None:
    """Where a known town ends right before `end` starts ("Memphis", "Golden State")."""
    for start in (before.start(), before.start(2)):
        first = text[start:end].split(" ", 1)[0].lower()
        if first not in _NOT_A_NAME_START and _is_town(text[start : end - 1]):
            return start
    return None


def _team_nicknames(text: str, spans: list[_Span]) -> list[_Span]:
    """In a match report "the Grizzlies" is a team, though the model passed it by.

    A nickname counts where the article uses it as a team's: after a known town
    ("Memphis Grizzlies", joined into one team) or after "the"; then also alone
    ("rally past Grizzlies"). After another capitalised word it is part of a
    name that is not a team's ("Marrow Saints", a band) and is left alone.
    """
    found = list(_NICKNAME.finditer(text))
    if not found or not _is_sport(text, spans):
        return spans
    taken = _Occupied(spans)
    by_end = {sp.end: sp for sp in spans}
    out = list(spans)
    used: set[str] = set()
    bare: list[re.Match[str]] = []
    for m in found:
        if taken.overlaps(m.start(), m.end()):
            continue
        before = _CAPITALISED_BEFORE.search(text, max(0, m.start() - 40), m.start())
        city = by_end.get(m.start() - 1)
        if before is not None and city is not None and city.kind is not Kind.PERSON:
            city.end, city.kind, city.weight = m.end(), Kind.GROUP, rules.STRONG_CUE_VOTE
        elif before is not None:
            town = _town_before(text, before, m.start())
            if town is None or taken.overlaps(town, m.start()):
                continue  # "Marrow Saints": part of a name that is not a team's
            out.append(_Span(town, m.end(), Kind.GROUP, weight=rules.STRONG_CUE_VOTE))
            taken.add(town, m.start())
        elif text[max(0, m.start() - 4) : m.start()] in ("the ", "The "):
            out.append(_Span(m.start(), m.end(), Kind.GROUP, weight=rules.STRONG_CUE_VOTE))
        else:
            bare.append(m)
            continue
        used.add(m.group())
        taken.add(m.start(), m.end())
    playing = {
        m.group()
        for m in bare
        if _PLAYED.search(text, max(0, m.start() - 20), m.start())
        or _SCORE_AFTER.match(text, m.end())
    }  # "West Ham beat Wolves 4-0": then every "Wolves" of the article
    for m in bare:
        if m.group() in used or m.group() in playing:
            out.append(_Span(m.start(), m.end(), Kind.GROUP, weight=rules.STRONG_CUE_VOTE))
    return sorted(out, key=lambda sp: sp.start)


_SCORE_AFTER = re.compile(r",? \d{1,3}[-–]\d{1,3}\b")


_PLAYS = re.compile(
    r" (?:beat|beats|defeated|edged|thrashed|routed|drew|lost|won|win|wins|lead|leads|led|"
    r"trail|trails|trailed|were|are|host|hosts|hosted|face|faces|faced|levelled|leveled|"
    r"equalised|equalized|rallied|collapsed|declared|batted|bowled|scored|clinched|"
    r"retained|sealed|travel|travels|visit|visits|conceded|resumed|finished|had started|"
    r"pulled|moved|improved|snapped|extended|outscored|reached|remain|remains|meet|meets|"
    r"v\.?|vs\.?)\b"
    r"|, who (?:beat|thrashed|defeated|lost|won|drew)\b"
    # A score: "Tarsk 2-2 Velmora", "Tarsk 389 and 251", "in reply to Tarsk's 341".
    rf"|{APOS_CLASS}? \d{{1,3}}(?:-\d{{1,3}})?(?= [a-zA-Z(]|[,;:]| ?$)"
)
# Who a player plays for: "played for Nigeria", "a season for Nottinghamshire".
_PLAYED_FOR = re.compile(
    r"\b(?:played|plays|playing|play|season|seasons|capped|debut|appearances|starred|"
    r"starring|scored|scoring) for $"
)
# A town before a country or region: "BIRMINGHAM, England", "Leeds, England".
_AFTER_TOWN = re.compile(r"[A-Z][\w.’'-]*, $")
# Words before a team: "against Tarsk", "beat Tarsk", "leaves Tarsk sixth", "2-2 Tarsk".
_PLAYED = re.compile(
    r"(?:\b(?:against|beat|beating|v\.?|vs\.?|host|hosts|hosting|face|faces|facing|leaves|"
    r"leaving|behind|edge|edged|visit|visiting|handing|meet|meets|champions|play|plays|"
    r"playing|coaches|coached)|\b\d{1,3}[-–]\d{1,3})\s+$"
)
# A player's tally for a team: "33 points for Boston" (where "for" is no trip).
_TALLY_FOR = re.compile(
    r"\b(?:points|assists|rebounds|goals|saves|runs|wickets|tries|yards|touchdowns|"
    r"scored \d{1,3}|bench) for $"
)


def _cities_for_teams(text: str, spans: list[_Span]) -> None:
    """In a match report "Madrid levelled" is Real Madrid: a team's city is the team.

    Only where the article names the team, and not after "in", "at", "to" or "from".
    """
    cities: set[str] = set()
    for sp in spans:
        name = text[sp.start : sp.end]
        words = name.split()
        if sp.kind is Kind.GROUP and len(words) > 1 and _is_team(name):
            if words[0].casefold() in rules.TEAM_PREFIXES:
                cities.add(normalize(" ".join(words[1:])))
            else:
                cities.add(normalize(" ".join(words[:-1])))
    if not cities:
        return
    for sp in spans:
        if sp.kind is not Kind.PLACE or sp.weight >= rules.STRONG_CUE_VOTE:
            continue
        before = _raw_word_before(text, sp.start).lower()
        if normalize(text[sp.start : sp.end]) not in cities:
            continue
        if before in _PLACE_WORDS_BEFORE:
            sp.hints.append((Kind.PLACE, rules.WEAK_CUE_VOTE))  # "back to Cleveland" stays
        else:
            sp.kind = Kind.GROUP


# A result line of a roundup, "Seattle 27, Tampa Bay 24, OT:"; a team's record after its
# name, "Seattle (8-1)", "a Bills (3-6) offense".
_TEAM = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}"
_RANK = r"(?:No\. \d{1,2} )?"  # "No. 5 West Virginia": a college team's ranking
_RESULT_LINE = re.compile(rf"(?m)^{_RANK}({_TEAM}) \d{{1,3}}, {_RANK}({_TEAM}) \d{{1,3}}\b")
_RECORD = re.compile(
    rf"(?<!\bin )(?<!\bat )(?<![\w.'’-])({_TEAM}) "
    rf"\(\d{{1,2}}-\d{{1,2}}(?:-\d{{1,2}})?(?:, \d\.\d\d)?\)"  # "(8-1)", "(12-7, 2.97)"
)


def _teams_by_results(text: str, spans: list[_Span]) -> list[_Span]:
    """In sport, towns on a result line or before a win-loss record are teams.

    Only towns and teams' names: a pitcher's record follows his name too ("Benes (12-8)").
    """
    found = [
        (m.start(g), m.end(g))
        for m in itertools.chain(_RESULT_LINE.finditer(text), _RECORD.finditer(text))
        for g in range(1, (m.re.groups or 0) + 1)
    ]
    if not found or not _is_sport(text, spans):
        return spans
    at = {(sp.start, sp.end): sp for sp in spans}
    taken = _Occupied(spans)
    out = list(spans)
    for start, end in found:
        name = text[start:end]
        if name.split()[0].casefold() in _NOT_A_NAME_START:
            continue  # "The Eagles (4-5)": the nickname has its own rule
        words = name.split()
        if not (_is_town(name) or _is_team(name) or _is_town(words[0]) or _is_town(words[-1])):
            continue  # "Benes (12-8) allowed three runs": a pitcher's record
        sp = at.get((start, end))
        if sp is not None:
            if sp.kind is not Kind.PERSON or (len(words) > 1 and _is_town(words[-1])):
                sp.kind, sp.weight = Kind.GROUP, rules.STRONG_CUE_VOTE  # "... Beko Istanbul"
        elif not taken.overlaps(start, end):
            out.append(_Span(start, end, Kind.GROUP, weight=rules.STRONG_CUE_VOTE))
            taken.add(start, end)
    return sorted(out, key=lambda sp: sp.start)


_PLACE_WORDS_BEFORE = rules.PLACE_BEFORE | {"at", "to", "from", "of", "for"}
_STATE_NAMES = frozenset(normalize(n) for n in rules.US_STATES.values())


def _state_universities(text: str, spans: list[_Span]) -> None:
    """In sport, "Oregon State" and "Boise State" are universities' teams, not states.

    A US state's name or a listed college town's and "State", where the article
    is about a game; "Washington State officials" in a story of politics, "grew
    up in Washington State" and Nigeria's "Lagos State" stay places.
    """
    named = [
        sp
        for sp in spans
        if sp.kind is not Kind.GROUP
        and sp.weight < rules.STRONG_CUE_VOTE
        and text.endswith(" State", sp.start, sp.end)
    ]
    if not named or not _is_sport(text, spans):
        return
    for sp in named:
        where = normalize(text[sp.start : sp.end - len(" State")])
        before = _raw_word_before(text, sp.start).lower()
        if (where in _STATE_NAMES or where in rules.STATE_COLLEGES) and before not in (
            rules.PLACE_BEFORE | {"throughout"}
        ):  # "at Ohio State" is the university; "in Washington State" the state
            sp.kind, sp.weight = Kind.GROUP, rules.STRONG_CUE_VOTE


# The small words between a given name and a surname: "van der", "de", "ap", "ter".
_PARTICLES = re.compile(
    r" (?:van der|van den|van de|von der|van|von|de la|de los|de|del|della|di|da|dos|das|du|"
    r"ter|ten|ap|ben|bin|ibn|al|el|le|la|mac|nic|ó|ní) "
)
# Words that name a kind of organisation (not "Hezbollah"): after a name they end it.
_GENERIC_GROUP_WORDS = (
    rules.COMPANY_WORDS
    | rules.WEAK_GROUP_WORDS
    | (rules.STRONG_GROUP_WORDS & rules.INSTITUTION_ENDS)
    | frozenset("cartel gang army front movement brigade coalition alliance".split())
)
_PLACE_ABBREVIATIONS = ("St.", "Ste.", "Mt.", "Ft.")  # "Fort St." + "John"
_AND_CO = re.compile(r" & Co\.?(?=[\s,;:)’'])")  # a partnership's legal form


_SIKH_NAMES = frozenset(("Singh", "Kaur"))
_PLACE_HEADS_ALONE = rules.FACILITY_HEADS | rules.FEATURE_HEADS
_NEXT_CAPITAL = re.compile(r" [A-Z]")
_SEATS = frozenset(normalize(name) for name in rules.SEATS_OF_POWER)


def _two_places_body(text: str, prev: _Span, sp: _Span) -> bool:
    """A body of two places the model cut at "and": "England and Wales Cricket Board"."""
    words = text[sp.start : sp.end].split()
    return (
        sp.kind is Kind.GROUP
        and len(words) > 1
        and words[-1].casefold() in rules.INSTITUTION_HEADS
        and is_place_name(words[0])
        and is_place_name(text[prev.start : prev.end])
    )


# The last word of a U.S. agency's name, which takes "U.S." in: "U.S. Capitol Police",
# "U.S. Securities and Exchange Commission" (the annotation guide's own examples).
_US_AGENCY_ENDS = frozenset(
    "police commission agency service administration department bureau office".split()
)


def _joinable(text: str, prev: _Span, sp: _Span) -> Kind | None:
    """The kind of "prev sp" as one name, or None if they are two names side by side."""
    if (
        prev.kind is Kind.PERSON
        and " " not in text[prev.start : prev.end]
        and _PARTICLES.fullmatch(text, prev.end, sp.start)
        and text[sp.start : sp.start + 1].isupper()
    ):
        return Kind.PERSON  # "Maarten" + "van der" + "Heijden", "Dafydd" + "ap" + "Gruffydd"
    gap = text[prev.end : sp.start]
    if (
        gap in ("’s ", "'s ")
        and not prev.is_norp
        and not _is_town(text[prev.start : prev.end])
        and re.search(r"(?:men|s|People)$", text[prev.start : prev.end])
        and text[sp.start : sp.end].split()[0].casefold() in rules.INSTITUTION_HEADS
    ):
        return Kind.GROUP  # "Cochise County Cattlemen" + "’s " + "Association"
    lone_head = text[sp.start : sp.end].casefold()
    if gap in ("’ ", "' ", "’s ", "'s ") and lone_head in _PLACE_HEADS_ALONE:
        return Kind.PLACE  # "St James" + "’ " + "Park", "St Thomas" + "' " + "Hospital"
    if gap == " and " and _two_places_body(text, prev, sp):
        return Kind.GROUP  # "England" + " and " + "Wales Cricket Board"
    if gap != " ":
        return None
    piece = text[sp.start : sp.end]
    if (
        prev.kind is Kind.PLACE
        and sp.kind is Kind.PLACE
        and not _is_town(text[prev.start : prev.end])
        and is_place_name(text[prev.start : sp.end])
    ):
        return Kind.PLACE  # "Burkina" + "Faso": the model cut a country in two
    if prev.kind is not Kind.PERSON and is_company_name(text[prev.start : sp.end]):
        return Kind.GROUP  # "Anglo" + "American": a listed company the model cut in two
    if (
        prev.kind is Kind.GROUP
        and not prev.is_norp
        and not text[prev.start : prev.end].isupper()
        and normalize(text[prev.start : prev.end]) not in _SEATS  # "White House Russia adviser"
        and sp.kind is Kind.PLACE
        and " " not in piece
        and (is_place_name(piece) or piece in rules.PLACE_ACRONYMS)
        and not _NEXT_CAPITAL.match(text, sp.end)
    ):
        return Kind.GROUP  # "Athletics" + "Kenya", "ICE Futures" + "U.S.": a branch's name
    if " " not in piece and piece.casefold() in _GENERIC_GROUP_WORDS and not sp.is_norp:
        return Kind.GROUP  # "Sinaloa" + "Cartel", "Dravix" + "Holdings"
    if prev.kind is Kind.PLACE and not prev.is_norp and _after_its_town(sp, piece):
        return Kind.GROUP  # "Hong Kong" + "Polytechnic University", "Oxford" + "Brookes University"
    if (
        text[prev.start : prev.end] in ("U.S.", "US")
        and sp.kind is Kind.GROUP
        and not sp.is_norp
        and piece.split()[-1].casefold() in _US_AGENCY_ENDS
    ):
        return Kind.GROUP  # "U.S." + "Capitol Police": an agency's official name
    if prev.is_norp and not sp.is_norp and _NATIONAL_FORCE.fullmatch(piece):
        return Kind.GROUP  # "French" + "Navy", "Nigerian" + "Air Force": one body's name
    if prev.is_norp or sp.is_norp:
        return None
    if (
        prev.kind is Kind.PERSON
        and sp.kind is Kind.PLACE
        and " " in piece
        and piece.rsplit(" ", 1)[1].casefold() in rules.FACILITY_HEADS
    ):
        return Kind.PLACE  # "Ronald Reagan" + "Washington National Airport": named for him
    if is_city_name(text[prev.start : sp.end]):
        return Kind.PLACE  # "Sierra" + "Vista"
    if {text[prev.start : prev.end], piece} & _SIKH_NAMES:
        return Kind.PERSON  # "Harpreet" + "Singh": a Sikh name, whatever the model saw
    if prev.kind is Kind.PERSON and sp.kind is Kind.PERSON:
        return Kind.PERSON  # "Mohammed Shia'" + "al-Sudani"
    if (
        prev.kind is Kind.PERSON
        and _DOUBLE_BARRELLED.fullmatch(piece)
        and not _is_town(piece)
        and not _in_headline(text, sp.start)
    ):
        return Kind.PERSON  # "Chidinma Adaeze" + "Okafor-Bello": the model's company
    if prev.kind is Kind.PLACE and text[prev.start : prev.end].endswith(_PLACE_ABBREVIATIONS):
        return Kind.PLACE  # "Fort St." + "John"
    piece = text[sp.start : sp.end]
    headline = text.find("\n")
    if (
        prev.kind is Kind.PERSON
        and sp.kind is Kind.PLACE
        and " " not in piece
        and not piece.isupper()
        and sp.start > headline >= 0
    ):
        return Kind.PERSON  # "Yoon Jae" + "Kwang": a name does not run into a place
    piece = text[sp.start : sp.end]
    if prev.kind is Kind.GROUP and sp.kind is Kind.PERSON and not is_given_name(piece.split()[0]):
        return Kind.GROUP  # "Kata'ib" + "Sayyid al-Shuhada"; not "CNN" + "Jane Doe"
    if prev.kind is Kind.PLACE and " " not in piece and _is_team(piece):
        return Kind.GROUP  # "Chicago" + "Bulls"
    return None  # "CNN" + "Kremlin": two names


# The rest of a name up to the acronym that spells all of it: "Organisation for Security
# and Cooperation" + " in Europe (OSCE)".
_TAIL_BEFORE_ACRONYM = re.compile(
    r" (?:in|of|for|on) (?:the )?([A-Z][\w’'-]*(?: (?:[A-Z][\w’'-]*|and|of|the))*)"
    r" \(([A-Z][A-Za-z]{1,9})\)"
)


def _acronym_tails(text: str, spans: list[_Span]) -> list[_Span]:
    """An organisation's name runs on to the place its acronym spells out."""
    kept: list[_Span] = []
    for sp in spans:
        if kept and sp.start < kept[-1].end:
            continue  # "Europe", now inside the organisation's name
        m = _TAIL_BEFORE_ACRONYM.match(text, sp.end) if sp.kind is Kind.GROUP else None
        if (
            m is not None
            and acronym_of(text[sp.start : m.end(1)], m.group(2))
            and not acronym_of(text[sp.start : sp.end], m.group(2))
        ):
            sp.end, sp.weight = m.end(1), max(sp.weight, rules.STRONG_CUE_VOTE)
        kept.append(sp)
    return kept


_TOWN_BEFORE = re.compile(r"(?<![\w’'.-])([A-Z][a-z]+(?: [A-Z][a-z]+)?) $")


def _universities_of_towns(text: str, spans: list[_Span]) -> None:
    """A town the model left out of its university's name.

    "Hong Kong" + "Polytechnic University", "Oxford" + "Brookes University".
    """
    previous_end = 0
    for sp in spans:
        m = _TOWN_BEFORE.search(text, max(previous_end, sp.start - 30), sp.start)
        if m is not None and _after_its_town(sp, text[sp.start : sp.end]) and _is_town(m.group(1)):
            sp.start = m.start(1)
        previous_end = sp.end


def _after_its_town(sp: _Span, name: str) -> bool:
    """A university's name that its town opens: "Polytechnic University", "Brookes College"."""
    words = name.split()
    return (
        sp.kind is Kind.GROUP
        and len(words) <= 3
        and words[-1] in ("University", "Polytechnic", "College")
        and words[0] not in ("University", "College")
    )


def _join_pieces(text: str, spans: list[_Span]) -> list[_Span]:
    """Join a name the model cut in two ("Mohammed Shia'" + "al-Sudani"); drop overlaps.

    A company word the model left outside the name is taken in: "Qatar" +
    "Airways" is the airline, not the country.
    """
    whole = {normalize(text[sp.start : sp.end]) for sp in spans}
    out: list[_Span] = []
    for sp in spans:
        prev = out[-1] if out else None
        gap = sp.start - prev.end if prev else 0
        if prev and 0 < gap <= 6 and normalize(text[prev.start : sp.end]) in whole:
            out[-1] = _Span(prev.start, sp.end, prev.kind)  # "Customs" + "Border Protection"
            continue
        if prev:
            joined_kind = _joinable(text, prev, sp)
            if joined_kind is not None:
                out[-1] = _Span(prev.start, sp.end, joined_kind)
                continue
        if prev and sp.start < prev.end:
            continue  # overlapping model spans: keep the first
        out.append(sp)
    for i, sp in enumerate(out):
        force = _NATIONAL_FORCE.match(text, sp.end + 1) if sp.is_norp else None
        if (
            force is not None
            and text[sp.end : sp.end + 1] == " "
            and (i + 1 == len(out) or out[i + 1].start >= force.end())
        ):
            # "French" + "Navy" the model left out: the nation's force is one name
            sp.end, sp.kind, sp.is_norp = force.end(), Kind.GROUP, False
            sp.weight = rules.STRONG_CUE_VOTE
            continue
        m = _NEXT_WORD.match(text, sp.end)
        if (
            m
            and m.group(1).casefold() in _EXTENDS
            and not sp.is_norp
            and sp.kind is not Kind.PERSON
            and not any(o.start == m.start(1) for o in out)
            and not _AGENCY_TITLE.match(text, sp.start)  # "AP" + "Sports Writer"
        ):
            sp.end, sp.kind, sp.weight = m.end(1), Kind.GROUP, rules.STRONG_CUE_VOTE
            if _keeps_period(text, sp.start, sp.end):
                sp.end += 1  # "Citigroup" + "Inc." keeps its period
        legal = _AND_CO.match(text, sp.end)
        if legal and sp.kind is Kind.GROUP and not sp.is_norp:
            sp.end = legal.end()  # "Harwell Fairchild" + " & Co."
        team = _TEAM_AFTER.match(text, sp.end)
        if team and sp.kind is Kind.PLACE and _is_team(team.group(1)):
            sp.end, sp.kind, sp.weight = team.end(1), Kind.GROUP, rules.STRONG_CUE_VOTE
        elif (
            m
            and sp.kind is Kind.PLACE
            and m.group(1).casefold() in _PLACE_ENDS
            and not _in_headline(text, sp.start)
            and not any(o.start == m.start(1) for o in out)
        ):
            sp.end, sp.weight = m.end(1), rules.STRONG_CUE_VOTE  # "Douro" + "Valley"
    return out


_EXTENDS = rules.COMPANY_WORDS | rules.STRONG_GROUP_WORDS | rules.WEAK_GROUP_WORDS
_GROUP_ENDS = _EXTENDS | frozenset("press service".split())
# Words that end a place's name the model left outside it: "Westheimer" + "Road".
_PLACE_ENDS = frozenset(
    """road street avenue boulevard lane drive parkway highway valley river lake bay
    island islands mountains hills beach square bridge""".split()
)
# A team's nickname the model left after its city: "Cleveland" + "Guardians", "Red Sox".
_TEAM_AFTER = re.compile(r" ([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b(?![-'’])")

# "the Association for " + a name: an institution's name that goes on after "for"/"of".
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th) [A-Z]")
_INNER_HEADS = frozenset(("district", "circuit"))
_INSTITUTION_BEFORE = re.compile(
    r"(?<![\w.])((?:[A-Z][\w.&’'-]*\s)*?(?P<head>[A-Z][a-z]+)) (?P<link>for|of|on|in) (?:the )?$"
)
# Heads whose name goes on with "of" a country or town, beyond the institutions':
# "Central Bank of" + "Libya", "Royal Conservatoire of" + "Scotland".
_HEADS_OF_A_PLACE = frozenset(
    "bank conservatoire conservatory party church assembly parliament senate".split()
)
# Heads whose name goes on with "in": "United Nations Interim Force in" + "Lebanon",
# "UN Assistance Mission in" + "Afghanistan", "Islamic Resistance in" + "Iraq".
_HEADS_IN_A_PLACE = frozenset("force mission resistance".split())
# Capitalised words right after a person's name: the rest of it ("Jean-Pierre" + "Mbuyi
# Tshimanga,"), when a punctuation mark or a lower-case word follows them.
_NAME_TAIL = re.compile(r"((?: [A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?)+)(?=[,.;:!?)]|[’']s\b| [a-z])")
# A Korean name cut before its surname: "Im" + "Tae-yang", "Lee" + "Jae-myung".
_HYPHENATED_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+$")
_KOREAN_SURNAME = re.compile(r"(?<![\w.’'-])([A-Z][a-z]{1,4}) $")
_WORD_BEFORE_NAME = re.compile(r"(?<![\w.’'-])([A-Z][a-zà-ÿ]+) $")


def _extend_names(text: str, spans: list[_Span]) -> list[_Span]:
    """Take in the parts of a name the model left outside it.

    An institution's name goes on after "for" or "of" ("the Association for"
    + "Computing Machinery"). A person's name takes in a given name before it
    after a title ("President Marta" + "Elena Zelaya"), a Korean surname before
    a hyphenated given name ("Im" + "Tae-yang"), and plain capitalised words
    after it up to a comma or a lower-case word ("Jean-Pierre" + "Mbuyi
    Tshimanga,"). Not in the headline, where every word is capitalised.
    """
    body = text.find("\n") + 1
    if body <= 0:
        return spans
    taken = [(sp.start, sp.end) for sp in spans]
    out: list[_Span] = []
    for i, sp in enumerate(spans):
        if out and sp.start < out[-1].end and out[-1].weight >= rules.STRONG_CUE_VOTE:
            continue  # inside an institution's listed name: "Forest and" + "Climate Change"
        if sp.start < body or sp.is_norp:
            out.append(sp)
            continue
        prev_end = out[-1].end if out else 0
        start = _institution_start(
            text, out[-2].end if len(out) > 1 else 0, sp.start, out[-1] if out else None
        )
        if start is not None and out and out[-1].start < start < out[-1].end:
            start = out[-1].start  # "U.S. Court of Appeals" + "for the" + "Sixth Circuit"
        if start is not None and (start >= prev_end or out[-1].start >= start):
            if start < prev_end:
                out.pop()  # "U.S. Agency" is the start of the longer name
            out.append(_Span(start, sp.end, Kind.GROUP, weight=rules.STRONG_CUE_VOTE))
            continue
        prev_end = out[-1].end if out else 0
        before = _WORD_BEFORE_NAME.search(text, max(prev_end, sp.start - 20), sp.start)
        if (
            before
            and before.group(1).casefold() not in _NOT_A_NAME_START
            and is_city_name(text[before.start(1) : sp.end])
        ):
            sp.start, sp.kind = before.start(1), Kind.PLACE  # "Santo" + "Domingo"
        words = text[sp.start : sp.end].split()
        if (
            sp.kind is Kind.GROUP
            and len(words) > 2
            and words[-1].casefold() in rules.ROLE_STARTS
            and text[sp.end + 1 : sp.end + 2].isupper()
        ):
            sp.end -= len(words[-1]) + 1  # "... Administration" + "Special Agent Jo Pike"
        if (
            text[sp.start : sp.end].casefold() in _GENERIC_GROUP_WORDS
            and before
            and before.group(1).casefold() not in _NOT_A_NAME_START
            and before.group(1).casefold() not in _TITLE_WORDS
        ):
            sp.start, sp.kind, sp.weight = before.start(1), Kind.GROUP, rules.STRONG_CUE_VOTE
        if sp.kind is Kind.GROUP:
            _extend_listed(text, sp, spans)
            _extend_of_a_place(text, sp, taken[i + 1][0] if i + 1 < len(spans) else len(text))
        if _DOUBLE_BARRELLED.fullmatch(text, sp.start, sp.end) and sp.kind is not Kind.PLACE:
            _double_barrelled(text, sp, prev_end)
        holder = _HOLDER_BEFORE.search(text, max(prev_end, sp.start - 30), sp.start)
        if (
            holder is not None
            and sp.kind is Kind.GROUP
            and _OFFICE.match(text, sp.start)
            and holder.group(1).casefold() in rules.OFFICE_HOLDERS
        ):
            sp.start = holder.start(1)  # "Attorney’s" + "Office for the Southern District"
        held = holder is not None and sp.start == holder.start(1)
        if held or _OFFICE_OF_HOLDER.search(text, sp.start, sp.end):
            _extend_office(text, sp, prev_end)
            if out and out[-1].kind is Kind.PLACE and out[-1].end + 1 == sp.start:
                sp.start = out.pop().start  # "U.S." or "Maricopa County" + "Attorney’s Office"
        elif sp.kind is Kind.PERSON:
            _extend_person(text, sp, prev_end, taken[i + 1][0] if i + 1 < len(spans) else None)
        out.append(sp)
    return out


# A nation's force or ministry after its nationality: "French Navy", "Philippine Coast
# Guard", "French Interior Ministry", as the annotation guide takes them whole.
_NATIONAL_FORCE = re.compile(
    r"(?:Navy|Army|Air Force|Coast Guard|Marines|Marine Corps|Armed Forces|Border Guard|"
    r"National Guard|Special Forces|(?:[A-Z][a-z]+ )?Ministry)(?![\w’'-])"
)
_LETTER_SUFFIX = re.compile(r"-[A-Z](?![\w’'-])")
_OF_A_PLACE_AFTER = re.compile(r" of ([A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,2})(?![\w’'-])")


def _extend_of_a_place(text: str, sp: _Span, next_start: int) -> None:
    """An institution's "of" and a known country or town the model saw nothing in.

    "Election Commission" + " of Pakistan", "Central Bank" + " of Libya"; where
    the model tagged the place, `_institution_start` joins the two instead.
    """
    m = _OF_A_PLACE_AFTER.match(text, sp.end)
    if m is None or m.end(1) > next_start:
        return
    head = text[sp.start : sp.end].rsplit(" ", 1)[-1].casefold()
    place = m.group(1)
    if (head in rules.INSTITUTION_HEADS or head in _HEADS_OF_A_PLACE) and (
        is_place_name(place) or _is_town(place)
    ):
        sp.end, sp.weight = m.end(1), rules.STRONG_CUE_VOTE


# An institution "of" a list of fields: "Ministry of Environment" + ", Forest and Climate
# Change"; "National Union of Rail" + ", Maritime and Transport Workers".
_FIELDS_OF = re.compile(r"\b[A-Z][a-z]+ (?:of|for) [A-Z][a-z]+(?: [A-Z][a-z]+)*$")
# A field in the plural, as the last of two: "Public Works and Highways", "... and Censuses".
_PLURAL_FIELD = re.compile(r"(?:[A-Z][a-z]+ )?[A-Z][a-z]+s")
_LISTED_TAIL = re.compile(
    r"(?:, [A-Z][a-z]+(?: [A-Z][a-z]+)*)*,? and [A-Z][a-z]+(?: [A-Z][a-z]+)*(?![\w'’-])"
)


def _extend_listed(text: str, sp: _Span, spans: Sequence[_Span]) -> None:
    """Take in the rest of a list of fields that names an institution.

    Only a list with a comma, whose words are no person's or town's ("the Ministry
    of Defence, Jane Doe and ..." stays apart), with no organisation of its own
    before its last item ("the Ministry of Health, Red Cross and ...") and none
    known as one at its end ("..., Treasury and Pentagon"); the head must be an
    institution's.
    """
    m = _FIELDS_OF.search(text, sp.start, sp.end)
    if m is None or m.group().split()[0].casefold() not in rules.INSTITUTION_HEADS:
        return
    tail = _LISTED_TAIL.match(text, sp.end)
    if tail is None:
        return
    last = tail.group().rsplit(" and ", 1)[-1]
    if "," not in tail.group() and not _PLURAL_FIELD.fullmatch(last):
        return  # "Department of Justice and Trump", "Ministry of Health and Pfizer"
    if "," not in tail.group() and (
        normalize(last) in _KNOWN_GROUP_NAMES or is_company_name(last) or is_common_surname(last)
    ):
        return
    words = re.findall(r"[A-Z][a-z]+", tail.group())
    if any(is_given_name(w) or _is_town(w) for w in words):
        return
    last = tail.group().rsplit(" and ", 1)[-1]
    if normalize(last) in rules.SERVICES:
        return
    last_start = tail.end() - len(last)
    inside = [o for o in spans if sp.end < o.start < last_start and o.kind is Kind.GROUP]
    if inside:
        return
    sp.end, sp.weight = tail.end(), rules.STRONG_CUE_VOTE


_HOLDER_BEFORE = re.compile(r"(?<![\w’'-])([A-Z][a-z]+)['’]s $")
_OFFICE_OF_HOLDER = re.compile(r"\w['’]s (?:Office|Department|Bureau)$")
_OFFICE_WORDS = rules.OFFICE_HOLDERS | frozenset("district state county city medical".split())


_DOUBLE_BARRELLED = re.compile(r"(?:Mc|Mac|O’|O')?[A-Z][a-z]+-(?:Mc|Mac)?[A-Z][a-z]+")


def _double_barrelled(text: str, sp: _Span, prev_end: int) -> None:
    """A given name before a double-barrelled surname: "Devonte" + "Marsh-Ogilvie".

    Any capitalised word that is not a title, a place or a small word will do: the
    model takes such surnames for companies, and companies ("Rolls-Royce") are
    seldom written after a capitalised word.
    """
    m = _WORD_BEFORE_NAME.search(text, max(prev_end, sp.start - 20), sp.start)
    if m is None:
        return
    word = m.group(1)
    folded = word.casefold()
    if (
        folded in _NOT_A_NAME_START
        or folded in _TITLE_WORDS
        or folded in rules.MONTHS
        or folded in rules.WEEKDAYS
        or is_place_name(word)
        or is_city_name(word)
    ):
        return
    sp.start, sp.kind, sp.weight = m.start(1), Kind.PERSON, rules.STRONG_CUE_VOTE


def _extend_office(text: str, sp: _Span, prev_end: int) -> None:
    """An office is an institution, with its whole title: "Attorney" + "General's Office"."""
    while True:
        m = _WORD_BEFORE_NAME.search(text, max(prev_end, sp.start - 20), sp.start)
        if m is None or m.group(1).casefold() not in _OFFICE_WORDS:
            break
        sp.start = m.start(1)
    sp.kind, sp.weight = Kind.GROUP, rules.STRONG_CUE_VOTE


def _institution_start(
    text: str, floor: int, start: int, inside: _Span | None = None
) -> int | None:
    """Where an institution's name starts that goes on with "for"/"of" at `start`.

    What follows may open with an ordinal: "Court of Appeals for the" + "5th Circuit".
    A district or a circuit goes on only inside an institution's name (`inside`):
    "U.S. Attorney's Office for the Southern District of" + "Ohio", not "District
    of Columbia" alone.
    """
    if not text[start : start + 1].isupper() and not _ORDINAL.match(text, start):
        return None
    m = _INSTITUTION_BEFORE.search(text, max(floor, start - 80), start)
    if m is None:
        return None
    head = m.group("head").casefold()
    in_group = (
        inside is not None
        and inside.kind is Kind.GROUP
        and inside.start < m.start("head") < inside.end
    )
    if m.group("link") == "in":
        if head not in _HEADS_IN_A_PLACE or not in_group:
            return None
        if (
            head == "force"
            and inside is not None
            and len(text[inside.start : inside.end].split()) < 3
        ):
            return None  # "United Nations Interim Force in Lebanon"; not "Border Force in Dover"
    elif (
        head not in rules.INSTITUTION_HEADS
        and not (head in _INNER_HEADS and in_group)
        and not (head in _HEADS_OF_A_PLACE and in_group and m.group("link") == "of")
    ):
        return None
    if "\n" in m.group(0):
        return None
    begin = m.start(1)
    for word in re.finditer(r"\S+", m.group(1)):
        w = word.group()
        if w.endswith(".") and "." not in w[:-1]:
            begin = m.start(1) + word.end() + 1  # "Reuters. The Agency": a sentence ended
        elif w in ("The", "A") and begin == m.start(1) + word.start():
            begin = m.start(1) + word.end() + 1
    return begin if begin < start else None


_APOSTROPHE_GIVEN = re.compile(r"(?<![\w’'.-])(?:[A-Z][a-z]{0,2}['’][A-Z][a-z]+) $")


def _extend_person(text: str, sp: _Span, prev_end: int, next_start: int | None) -> None:
    given = _APOSTROPHE_GIVEN.search(text, max(prev_end, sp.start - 14), sp.start)
    if given is not None and " " not in text[sp.start : sp.end]:
        sp.start = given.start()  # "De'Aaron" + "Fox", "Ja'Marr" + "Chase"
    hyphenated = _HYPHEN_TAIL.match(text, sp.end)
    words = text[sp.start : sp.end].split()
    korean = (
        hyphenated is not None
        and hyphenated.group(1).islower()
        and len(hyphenated.group(1)) <= 5
        and len(words) == 2
        and words[0].casefold() in rules.KOREAN_SURNAMES
        and hyphenated.group(1) not in _COMPOUND_TAILS
    )
    if (
        hyphenated
        and (hyphenated.group(1)[0].isupper() or korean)
        and (next_start is None or hyphenated.end() <= next_start)
    ):
        sp.end = hyphenated.end()  # "Gabriela Sánchez" + "-Arrieta", "Kang Min" + "-seok"
    first = text[sp.start : sp.end].split()[0]
    before = _WORD_BEFORE_NAME.search(text, max(prev_end, sp.start - 30), sp.start)
    if (
        before is not None
        and first in _MIDDLE_NAMES
        and before.group(1).casefold() not in _TITLE_WORDS | _NOT_A_NAME_START
        and before.group(1).casefold() not in rules.WEEKDAYS | rules.MONTHS
        and not _sentence_start(text, before.start(1))
    ):
        sp.start = before.start(1)  # "Sanjay" + "Kumar Venkataraman"
        return
    if before is not None:
        word = before.group(1)
        korean = _HYPHENATED_GIVEN.match(first) and _KOREAN_SURNAME.search(
            text, max(0, sp.start - 8), sp.start
        )
        if (_is_given_name_here(word) or (korean and len(word) <= 5)) and (
            word.casefold() not in _TITLE_WORDS
        ):
            sp.start -= len(word) + 1
    m = _NAME_TAIL.match(text, sp.end)
    if m is None or (next_start is not None and m.end() > next_start):
        return
    words = m.group(1).split()
    if any(
        w.casefold() in rules.WEEKDAYS
        or w.casefold() in rules.MONTHS
        or w.casefold() in _EXTENDS
        or w.casefold() in _TITLE_WORDS
        or is_place_name(w)
        or is_city_name(w)
        for w in words
    ):
        return
    if len(text[sp.start : sp.end].split()) + len(words) <= rules.MAX_TITLED_NAME_WORDS:
        sp.end = m.end(1)
        if words[-1] in ("Jr", "Sr") and text[sp.end : sp.end + 1] == ".":
            sp.end += 1  # "Ferdinand Marcos" + " Jr." at a sentence's end keeps its period


# Middle names that seldom open a South Asian name: "Sanjay" + "Kumar Venkataraman".
_MIDDLE_NAMES = frozenset("Kumar Prasad Chandra Lal Nath Bahadur".split())
_PRONOUNS = frozenset("he she they it we i you one".split())
# Words that make a name a modifier after a hyphen: "Jo Pike-led", "Min-style".
_COMPOUND_TAILS = frozenset(
    "led based style backed born owned run era like made linked free type esque ish".split()
)
_HYPHEN_TAIL = re.compile(r"-([^\W\d_]+)(?![\w-])")
_NEXT_WORD = re.compile(r" ([A-Z][a-z]+)\b(?![-'’])")


# --- step 3: kinds from context --------------------------------------------------------------

_WORD = re.compile(r"[\w'’.-]+")


def _word_after(text: str, end: int) -> str:
    m = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    return m.group().lower().rstrip(".,;:") if m else ""


def _raw_word_before(text: str, start: int) -> str:
    if start < 2 or text[start - 1] != " ":
        return ""
    j = start - 1
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    word = text[j : start - 1]
    if word.lower() == "the":
        return _raw_word_before(text, j)
    return word


_ORGANISATION_ENDS = rules.INSTITUTION_HEADS | rules.COMPANY_WORDS | rules.STRONG_GROUP_WORDS
# First words of a place that also open names of groups and people ("Sierra Club",
# "Sierra Leoneans", "River Plate", "River Phoenix"): evidence only with more of it.
_SHARED_FIRST_WORDS = frozenset("river loch sierra paseo museum".split())
_GROUPISH = (
    rules.STRONG_GROUP_WORDS
    | rules.WEAK_GROUP_WORDS
    | rules.COMPANY_WORDS
    | frozenset("club cross police".split())
)


def _feature_first_word_holds(raw_words: list[str], kind: Kind, is_norp: bool) -> bool:
    """Whether "River ...", "Sierra ..." or "Museum ..." makes this name a place."""
    if raw_words[0].casefold() not in _SHARED_FIRST_WORDS:
        return True  # "Mount ...", "Lake ...", "Fort ...": no one's first word
    name = " ".join(raw_words)
    return (
        kind is not Kind.PERSON
        and not is_norp
        and not _is_team(name)
        and not any(w.casefold() in _GROUPISH for w in raw_words)
        and not any(is_place_name(" ".join(raw_words[: i + 1])) for i in range(1, len(raw_words)))
    )  # not "Sierra Leone Police": a country's name opens it


_MILITARY = frozenset("air naval force military army navy marine missile submarine".split())


def _is_facility(words: list[str]) -> bool:
    """Whether a name is a facility's: "Bridgestone Arena", "Blossom Music Center"."""
    last = words[-1].casefold()
    if last in rules.FACILITY_HEADS and words[-1][:1].isupper():
        return True
    if last == "base" and len(words) > 1 and words[-2].casefold() in _MILITARY:
        return True  # "Maxwell Air Force Base", "Ämari Air Base"; not "Banco Base"
    if len(words) > 1 and last in ("center", "centre"):
        return words[-2].casefold() in rules.FACILITY_CENTRE_WORDS
    return len(words) > 1 and last in rules.FACILITY_STAGES


def _looks_like_person(words: list[str]) -> bool:
    """Two or three capitalised words that read as a person's full name.

    They start with a common given name ("Letitia James") or end in a surname's
    ending ("Mouldi Mamatuyev", "Zurab Abashidze").
    """
    if not 2 <= len(words) <= 3:
        return False
    word_name = words[0].casefold() in _GIVEN_NAMES_ALSO_WORDS and is_common_surname(words[-1])
    if (
        not is_given_name(words[0])
        and not word_name
        and not (
            _FULL_NAME_SURNAME_SHAPE.search(words[-1])
            and all(w.isalpha() and w[1:].islower() for w in words)
            and not is_place_name(words[0])
        )
    ):
        return False
    whole = " ".join(words)
    if words[0].casefold() in rules.NOT_GIVEN_NAMES or _is_town(whole):
        return False  # "Royal Caribbean"; "Sierra Leone", "Milton Keynes" start with given names
    plain = [w.rstrip(".").casefold() for w in words]
    return all(w[:1].isupper() for w in words) and not any(
        w in rules.STRONG_GROUP_WORDS
        or w in rules.WEAK_GROUP_WORDS
        or w in rules.COMPANY_WORDS
        or w in rules.FACILITY_HEADS
        or w in rules.PLACE_HEADS
        or w in rules.GEO_WORDS
        or w in rules.FEATURE_HEADS
        or w in rules.ROAD_WORDS
        or w in _NEVER_IN_A_PERSONS_NAME
        for w in plain[1:]
    )


# Given names that are English words too, so the name list leaves them out: a name only
# before a common surname ("Mark Meadows", "Bill Gates", "Grace Hopper").
_GIVEN_NAMES_ALSO_WORDS = frozenset("mark bill will rose grace hope faith joy".split())
# Surname endings no English word, town or company name has at the end of a full name.
_FULL_NAME_SURNAME_SHAPE = re.compile(
    r"[a-z](?:ov|ova|ev|eva|yev|yeva|enko|(?<![Ww]hi)sky|skiy|vich|ovic|ović|evic|ević|escu|ashvili|"
    r"adze|poulos|oglu|oğlu)$"
)


# Words after a given name that make a thing of it: "James Beard Foundation", "Billy Graham
# Parkway", "Charlotte Fire Department", "Gordon Cooper Drive".
_NEVER_IN_A_PERSONS_NAME = frozenset(
    """street avenue boulevard foundation department parkway drive expressway turnpike
    building ave blvd rd st center centre fund trust society legislature school college
    club academy fire police""".split()
)


def _role_then_name(text: str, end: int) -> bool:
    """A sports role, then a capitalised name, as in "Pittsburgh quarterback Jane Doe"."""
    m = re.match(r" ([\w.-]+) [A-Z]", text[end : end + 40])
    return m is not None and _is_role(m.group(1).rstrip("."))


def _is_role(word: str) -> bool:
    """A sports role ("quarterback", "DE"); letters count only in capitals."""
    folded = word.casefold()
    return folded in rules.SPORTS_ROLES and (folded not in rules.LETTER_ROLES or word.isupper())


# After a dateline's place: ", State" or ", Country", then "(Agency)", then a dash or colon.
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE_TAIL = re.compile(
    r"(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?"  # ", Ukraine", ", Minn."
    rf"(?:,\s+{_MONTH}\s+\d{{1,2}})?"  # ", May 3"
    r"\s*(\([A-Z][^()\n]{0,30}\)\s*)?[-–—:]\s"  # "(Reuters) -"
)
# A story's label before its dateline: "EXCLUSIVE: ", "UPDATE 2-".
_KICKER = re.compile(r"[A-Z]+(?: \d+)?\s*[-:–—]\s*")


def _dateline_start(text: str, start: int) -> bool:
    """Whether `start` begins a paragraph, after a story's label if there is one."""
    line = text.rfind("\n", 0, start) + 1
    if line == start:
        return True
    kicker = _KICKER.fullmatch(text, line, start)
    return kicker is not None and text[line:start].split()[0].rstrip(":-–—").casefold() in (
        rules.NEWS_KICKERS
    )


def _is_dateline(text: str, start: int, end: int) -> bool:
    """The place a news story was filed from: "NAIROBI -", "KYIV, Ukraine (AP) —".

    At the start of a paragraph (or after a label such as "EXCLUSIVE:"), in
    capitals or before a news agency's name, followed by a dash or a colon.
    """
    if start > 0 and not _dateline_start(text, start):
        return False
    tail = _DATELINE_TAIL.match(text, end)
    if tail is None or _LINK_AFTER.match(text, end):
        return False  # "AP NBA: https://apnews.com/hub/nba" is a link's label
    name = text[start:end]
    if any(w.casefold().rstrip(":") in rules.NEWS_KICKERS for w in name.split()):
        return False
    return bool(tail.group(1)) or (name.isupper() and any(ch.isalpha() for ch in name))


_LINK_AFTER = re.compile(r"[:,]? +https?://")
# In capitals, or in title case before the agency's name: "Hanoi (AFP) -".
_DATELINE_NAME = re.compile(
    r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?=[ ,:(–—-])|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}(?= \()"
)


# A line that is only "CITY, COUNTRY" in capitals (numbered or not): two places.
_PLACE_HEADING = re.compile(
    r"(?<=\n)(?:\d{1,2}[.)] +)?([A-Z][A-Z.'’ -]*[A-Z.]), ([A-Z][A-Z.'’ -]*[A-Z])(?=\n)"
)


def _datelines(text: str) -> Iterator[tuple[int, int]]:
    """Where datelines' places are (the headline, the first line, has none)."""
    for m in re.finditer(r"\n", text):
        at = m.end()
        kicker = _KICKER.match(text, at)
        for begin in (at, kicker.end() if kicker else None):
            if begin is None:
                continue
            name = _DATELINE_NAME.match(text, begin)
            if (
                name is not None
                and _is_dateline(text, name.start(), name.end())
                and name.group().casefold() not in _SPORT_NAMES  # "RUGBY UNION - ...": a label
            ):
                start = name.start()
                if text.startswith(("THE ", "The "), start) and name.end() > start + 4:
                    start += 4  # "THE HAGUE": the place is "HAGUE", as "the Hague"
                yield start, name.end()
                break


_LED_BY = re.compile(
    r" (?:CEO|CFO|CTO|COO|[Cc]hief [Ee]xecutive|[Cc]hief [Ee]xecutive [Oo]fficer|"
    r"[Cc]o-?founder|[Ff]ounder|[Cc]hairman|[Cc]hairwoman|analyst|economist|strategist|"
    r"(?:managing |general )?partner)"
    r"(?: and [a-z ]{1,40})? [A-Z]"
)
_BASED_IN = re.compile(r",? (?:based|headquartered) in ")
# "Trump shares a post": the verb, not a company's shares.
_SHARES_A = re.compile(
    r" (?:shares|stock) (?:a|an|the|his|her|its|their|this|that|these|it|them|my|our|your)\b"
)
_FOUNDED = re.compile(
    r",? (?:which |that )?(?:(?:was|is) (?:co-?)?founded (?:in|by)|(?:was |were )?formed in)\b"
)
# What only an organisation has: "Xinhe's new chairman", "Dravix's shareholders".
_ORG_POSSESSION = re.compile(
    r"['’]s (?:(?:new|former|incoming|outgoing|interim|acting|founding) )?(?:chairman|"
    r"chairwoman|chief executive|CEO|CFO|COO|board|shareholders|headquarters|subsidiary|"
    r"subsidiaries|co-?founders?|workforce|factories|plants|revenue|profits?|quarterly|"
    r"share price|market value|valuation)\b"
)


def _business_context(text: str, start: int, end: int) -> bool:
    """Words that only a company has around its name: shares, a base, a founding.

    "Dravix shares fell", "a stake in Dravix", "Omaha-based Dravix", "Dravix was
    founded in 2016".
    """
    if text[end : end + 1] == "-":
        return False  # "analysts at London-based Dravix": the cue is Dravix's
    if is_place_name(text[start:end]) or is_country_also_a_name(text[start:end]):
        return False  # "Japan's factories", "a takeover of Canada": the country's
    return bool(
        (_word_after(text, end) in rules.GROUP_AFTER_BUSINESS and not _SHARES_A.match(text, end))
        or rules.GROUP_OF.search(text, max(0, start - 30), start)
        or _BASED_IN.match(text, end)
        or _raw_word_before(text, start).endswith(("-based", "-owned"))  # not "rebel-controlled"
        or _FOUNDED.match(text, end)
        or _ORG_POSSESSION.match(text, end)
    )


_BYLINE = re.compile(
    r"\b(?:(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Rr]eported|[Ww]ritten) by|"
    r"[Aa]ssistance from|[Ww]ith inputs from) $"
)
_AGE = re.compile(
    r", \d{1,2}, |, (?:the|an?) \d{1,2}-year-old\b(?! (?:startup|start-up|company|firm|studio|"
    r"brand|business|group|party|club|team|band|chain|charity|network|outlet|newspaper|"
    r"magazine|label|airline|bank|organi[sz]ation|institution|agency|festival)\b)"
)
_AGE_OF = re.compile(r", \d{1,3}, of $")


_POSSESSIVE_ROLE = re.compile(r"['’]s ([a-z-]+)")  # "Australia's captain"
# A person's full name, then "of": "Eddie Melton of" (not "the Duke of").
_PERSON_OF = re.compile(r"(?<![\w.’'-])(?P<given>[A-Z][a-z]+) [A-Z][\w’'-]+ of $")
# Rivers and regions a company is named after: "the Amazon" is never the company.
_FEATURES_NAMED_LIKE_COMPANIES = frozenset({"Amazon"})
# What may follow a place named after its noun ("the capital Grozny on Thursday"): not a
# verb, as in "the district Omar represents", "the county Clinton won".
_PLACE_NOUN_NAME_ENDS = re.compile(
    r"[,.;:)”\"’]|$|\n| (?:on|in|at|and|or|to|from|for|after|before|where|which|was|is|has|"
    r"had|were|are|near|with|by|of)\b"
)
# A goal's scorer, and a side's manager: "a header from X", "X's side", in sport.
_PLAYER_BEFORE = re.compile(
    r"\b(?:goals? from|a header from|scored by|assisted by|a free kick from|a brace from) $"
)
_MANAGERS_SIDE = re.compile(r"['’]s (?:side|men|team|squad)\b")


def _player_or_manager(text: str, start: int, end: int) -> bool:
    name = text[start:end]
    if not 1 <= len(name.split()) <= 3 or not name[:1].isupper() or name.isupper():
        return False
    if not (
        _PLAYER_BEFORE.search(text, max(0, start - 20), start) or _MANAGERS_SIDE.match(text, end)
    ):
        return False
    return (
        _sport_words(text) >= 1
        and not _is_town_or_nation(name)
        and not _is_team(name)
        and not is_company_name(name)
        and normalize(name) not in rules.SERVICES
        and not rules.DEMONYM.search(name)
    )


def _alone_on_its_line(text: str, start: int, end: int) -> bool:
    return (start == 0 or text[start - 1] == "\n") and text[end : end + 1] in ("\n", "")


def context_kind(
    text: str, start: int, end: int, kind: Kind, is_norp: bool
) -> tuple[Kind | None, bool]:
    """The kind the words in and around a name imply, and whether that cue is strong.

    A strong cue ("Union" in the name, "militia" after it, a title before it)
    overrides the model; a weak one (a preposition before it) only tips a vote.
    """
    name = text[start:end]
    raw_words = name.split()
    words = {normalize(w) for w in raw_words}
    if _is_dateline(text, start, end):
        return Kind.PLACE, True
    if name in rules.PLACE_ACRONYMS or name in rules.KNOWN_PLACES:
        return Kind.PLACE, True  # "NSW voters", "the UAE", "the West Bank" (not a bank)
    if is_place_name(name) and (kind is Kind.PERSON or _alone_on_its_line(text, start, end)):
        return Kind.PLACE, True  # "Malawi" is nobody's name; "EUROPE" as a section heading
    if raw_words[-1] == "Palace" and len(raw_words) > 1 and _PALACE_SPEAKS.match(text, end):
        return Kind.GROUP, True  # "Buckingham Palace declined to comment": the household
    if _is_facility(raw_words) or _NUMBERED_ROAD.fullmatch(name):
        return Kind.PLACE, True  # "Grady Memorial Hospital", "State Road 54"
    if normalize(name) in rules.SERVICES:
        return Kind.GROUP, True  # before the heads below: "Downing Street" is the government
    if len(raw_words) > 1 and (
        (
            raw_words[-1].casefold() in rules.FEATURE_HEADS
            and (
                not is_given_name(raw_words[0])
                or raw_words[-1].casefold() in _NEVER_IN_A_PERSONS_NAME
            )
            and raw_words[0].casefold() not in rules.INSTITUTION_HEADS  # "Office of Rail and Road"
        )
        or (
            raw_words[0].casefold() in rules.FEATURE_PREFIXES
            # "Gulf of Maine Research Institute", "Lake Union Labs"
            and raw_words[-1].casefold() not in _ORGANISATION_ENDS
            and _feature_first_word_holds(raw_words, kind, is_norp)
        )
        or (
            raw_words[-1].casefold() in rules.REGION_HEADS
            and not rules.ACRONYM_DEF.match(text, end)
        )
    ):
        # "Thwaites Glacier", "Mount Marapi", "Parliament Avenue"; not "Toby Lane"
        return Kind.PLACE, True
    if words & rules.STRONG_GROUP_WORDS:
        return Kind.GROUP, True
    if words & rules.WEAK_GROUP_WORDS and kind is not Kind.PLACE:
        return Kind.GROUP, True
    if len(raw_words) > 1 and raw_words[-1].casefold() in rules.COMPANY_WORDS:
        return Kind.GROUP, True  # "Qatar Airways", "CBS Sports"
    if _is_team(name) or normalize(name) in rules.SERVICES:
        return Kind.GROUP, True
    if len(raw_words) > 1 and raw_words[0] == "Air":
        return Kind.GROUP, True  # "Air Arabia", "Air India": airlines
    inner = rules.INNER_CAPITAL.match(name) if len(raw_words) == 1 else None
    brand = inner and inner.group(1).casefold() not in rules.NAME_PREFIXES_BEFORE_CAPITAL
    if kind is Kind.PERSON and brand:
        return Kind.GROUP, True  # "WeWork", not "McDonald"
    if kind is Kind.PERSON and _initials_of_a_group(text, name, end):
        return Kind.GROUP, True  # "the BJD", "Biju Janata Dal (BJD)": not people's names
    if is_norp:
        return None, False
    after = _word_after(text, end)
    if (
        after in ("administration", "presidency")
        and len(raw_words) == 1
        and text[end + 1 : end + 2].islower()
        and not name.isupper()
        and not _is_town_or_nation(name)
        and not rules.DEMONYM.search(name)
        and _person_named_so(text, name)
    ):
        return Kind.PERSON, True  # "the Trump administration": a president's name
    # "the Bihar coalition": a place the model saw, before a common noun, stays a place.
    # "a Seattle company", "a London newspaper": a known town before a common noun after
    # "a" says where the thing is, not what its name is.
    modifier = (
        kind is Kind.PLACE
        and text[end + 1 : end + 2].islower()
        and (
            after in ("coalition", "alliance", "front")
            or (_raw_word_before(text, start).lower() in ("a", "an") and _is_town(name))
        )
    )
    if (after in rules.GROUP_HEADS and not modifier) or (
        after in rules.WEAK_GROUP_HEADS and kind is not Kind.PLACE
    ):
        return Kind.GROUP, True
    code = rules.ACRONYM_DEF.match(text, end)
    if code is not None and code.group(1) in rules.COUNTRY_CODES and kind is Kind.PERSON:
        return Kind.PERSON, True  # "Bram Vandermeersch (BEL)": a results line
    if _ticker_after(text, start, end) and not is_norp:
        return Kind.GROUP, True  # "Marvell Technology (MRVL)"
    if _LED_BY.match(text, end):
        return Kind.GROUP, True  # "Ford Chief Executive James Whitley", "Dravix CEO"
    if _business_context(text, start, end):
        return Kind.GROUP, True  # "Emirates, based in Dubai", "Omaha-based Berkshire"
    apposition = _APPOSITION.match(text, end)
    if apposition is not None:
        # "Emirates, the largest airline at the show"; "Dolow, a town on the border"
        noun = apposition.group(1)
        if noun in _PLACE_APPOSITIVES:
            return Kind.PLACE, True
        collective = noun in _COLLECTIVE_APPOSITIVES
        if not collective or (not text.startswith(" of ", apposition.end()) and not _is_town(name)):
            return Kind.GROUP, True  # not "Belgium, a federation of three regions"
    if after in rules.PLACE_HEADS and not (after in _TRACKS and name.isupper()):
        return Kind.PLACE, True  # not "the LIV circuit", "a NASCAR racetrack"
    # "Australia's captain": a country's or a town's, not "Vance's manager".
    possessive_role = _POSSESSIVE_ROLE.match(text, end)
    if possessive_role and possessive_role.group(1) in _SQUAD_WORDS and _sport_words(text) < 2:
        possessive_role = None  # "Australia's squad of negotiators": no sport in the story
    elif possessive_role and (
        possessive_role.group(1) not in rules.TEAM_ROLES - {"coach", "manager"}
        or not _is_town(name)
    ):
        possessive_role = None
    if _role_then_name(text, end) or (
        (after in rules.TEAM_ROLES or possessive_role) and kind is not Kind.PERSON
    ):
        return Kind.GROUP, True  # the city stands for its team: "the England striker"
    if _BYLINE.search(text, max(0, start - 30), start) or _AGE.match(text, end):
        return Kind.PERSON, True  # "Reporting by Jane Doe", "Jane Doe, 27, said"
    if _player_or_manager(text, start, end):
        return Kind.PERSON, True  # "goals from Sadio Mane", "Pep Guardiola's side"
    if (
        rules.ROLE_COMMA.search(text, max(0, start - 30), start)
        and 2 <= len(raw_words) <= 4
        and not _is_town(name)
    ):
        return Kind.PERSON, True  # "the EU's crisis commissioner, Janez Lenarcic"
    raw_before = _raw_word_before(text, start)
    before = raw_before.lower()
    after_the = text[max(0, start - 4) : start].lower() == "the "
    if name in _FEATURES_NAMED_LIKE_COMPANIES and (
        after_the or after in ("rainforest", "basin", "river", "region", "jungle", "delta")
    ):
        return Kind.PLACE, True  # "fires in the Amazon", "the Amazon rainforest"
    if _listed_company(text, start, end) and not (kind is Kind.PLACE and after_the):
        return Kind.GROUP, True  # "Morgan Stanley", "Nvidia": whatever the model saw
    if (
        is_company_also_town(name)
        and kind is not Kind.PLACE
        and _is_business_story(text)
        and before not in _PLACE_WORDS_BEFORE
        and text[end : end + 1] != "-"
    ):
        return Kind.GROUP, True  # "Toyota" and "Honda" in a story of sales; not "in Dover"
    if before in rules.GROUP_BEFORE and raw_before.islower():
        return Kind.GROUP, True  # "gas company Velmora"
    titled = before in rules.PERSON_TITLES or before in rules.PERSON_ROLES
    adjective = raw_before.islower() and before in rules.LOWERCASE_IS_ADJECTIVE
    if (
        titled
        and not adjective
        and len(words) <= rules.MAX_TITLED_NAME_WORDS
        and after not in rules.NOUNS_AFTER_MODIFIER
    ):
        return Kind.PERSON, True
    if _looks_like_person(raw_words) and (
        kind is not Kind.PLACE
        or (
            before not in _PLACE_WORDS_BEFORE
            and (not raw_before[:1].isupper() or raw_before.endswith(("'s", "’s")))
        )
    ):
        return Kind.PERSON, True  # "Gastón Gaudio" too, where the model saw a place
    if kind is Kind.PLACE and len(raw_words) == 1 and rules.DEMONYM.search(name):
        return Kind.GROUP, True  # "the Ukrainian" is a person's nationality, not the country
    person_of = _PERSON_OF.search(text, max(0, start - 40), start)
    if person_of and is_given_name(person_of.group("given")) and is_city_name(name):
        return Kind.PLACE, True  # "state Sen. Eddie Melton of Gary": where he is from
    if (
        rules.PLACE_OF.search(text, max(0, start - 40), start)
        or (
            rules.PLACE_NOUN_BEFORE.search(text, max(0, start - 30), start)
            and _PLACE_NOUN_NAME_ENDS.match(text, end)  # not "the district Omar represents"
            and raw_words[-1].casefold() not in rules.INSTITUTION_HEADS  # "county Sheriff's Office"
        )
        or _AGE_OF.search(text, max(0, start - 12), start)
    ):
        return Kind.PLACE, True  # "the town of X", "the capital X"; "Jane Doe, 31, of X"
    if before == "between":
        # "trains between Manchester Piccadilly and Birmingham", but as often "talks
        # between Xi and Biden": strong only where one end is a known town or country.
        return Kind.PLACE, _between_places(text, start, end, raw_words[0])
    if before in rules.PLACE_BEFORE:
        # "in Tal Rifat" is strong against a person label, but "toward Jane's
        # campaign" and "via Jane Doe" are not: a possessive or a given name says person.
        possessive = bool(_POSSESSIVE_AFTER.match(text, end))
        return Kind.PLACE, kind is Kind.PERSON and not possessive and not is_given_name(
            raw_words[0]
        )
    return None, False


_GROUP_APPOSITIVES = frozenset(
    """airline carrier company firm bank lender insurer retailer carmaker automaker
    chipmaker drugmaker miner operator startup start-up conglomerate broadcaster newspaper
    publisher charity party union federation association agency alliance coalition
    lobby regulator group organisation organization body""".split()
)
# Nouns for bodies that also describe a country: "Britain, a union of four nations".
_COLLECTIVE_APPOSITIVES = frozenset(
    "union federation association alliance coalition group body organisation organization".split()
)
_PLACE_APPOSITIVES = frozenset(
    """town city village capital province region district county island port suburb
    neighbourhood neighborhood municipality township""".split()
)
# A noun in apposition after a name says what it is: "Emirates, the largest airline at
# the show", "Dolow, a town on the border". Not "Pike, the company's founder" or "Pike,
# a bank executive": the noun must end the phrase or lead into what qualifies it.
_APPOSITION = re.compile(
    r", (?:the|a|an) (?:(?!(?:of|in|at|for|from|with|by|to|on|near|into|under) )"
    r"[A-Za-z0-9][\w’'-]* ){0,3}?("
    + "|".join(sorted(_GROUP_APPOSITIVES | _PLACE_APPOSITIVES))
    + r")(?= (?:at|in|of|on|for|from|that|which|with|based|whose|near|where)\b|[,.;:)—–]|$)"
)


# Words before "in" that put an organisation after it: "shares in Airbus", "a stake in",
# "published in Science".
_HOLDINGS_IN = frozenset(
    """shares share stake stakes investment investments invest invested investing
    interest role roles member members membership jobs positions trading volume
    published publishing appeared appears wrote writing reported paper study studies
    article letter editorial column""".split()
)
_IN_WORD = re.compile(r"(\w+) in $")
# Before a lone word: "in", "near", "outside"; "from" after a distance or a person
# ("12km from Pili", "a fisherman from Azuzuama").
_PLACE_PREPOSITION = re.compile(
    r"(?:\b(?:in|near|outside)|\b(?:km|kilometres|kilometers|miles|fisherman|farmer|"
    r"resident|residents|villagers|MLA|MP|lawmaker) from) $"
)
# Known groups, and the bodies an article names by a bare word ("in Congress").
_KNOWN_GROUP_NAMES = rules.SERVICES | frozenset(
    "congress parliament senate assembly cabinet government court".split()
)


def _in_a_lone_word(text: str, sp: _Span) -> bool:
    """One plain word after a preposition of place that the model took for an organisation.

    "rallies in Pakur", "formed in Leith in 2012", "near Dunkirk", "a fisherman from
    Azuzuama" (`_PLACE_PREPOSITION`); not "shares in Airbus", "a role in Netflix's
    hit", "in Congress", a listed company, a known group or capitals.
    """
    start, end = sp.start, sp.end
    name = text[start:end]
    if sp.is_norp or _POSSESSIVE_AFTER.match(text, end):
        return False
    if " " in name or name.isupper() or not name.isalpha() or not name[1:].islower():
        return False
    if not _PLACE_PREPOSITION.search(text, max(0, start - 40), start) or text[end : end + 1] == "-":
        return False
    m = _IN_WORD.search(text, max(0, start - 30), start)
    if m is not None and m.group(1).casefold() in _HOLDINGS_IN:
        return False
    norm = normalize(name)
    return not (
        norm in _KNOWN_GROUP_NAMES or is_company_name(name) or is_given_name(name) or _is_team(name)
    )


def _person_named_so(text: str, surname: str) -> bool:
    """Whether the article gives `surname` a first name or a title: "Donald Trump"."""
    for m in re.finditer(rf"(?<![\w’'.-])([A-Z][a-z]+\.?) {re.escape(surname)}\b", text):
        word = m.group(1).rstrip(".").casefold()
        if is_given_name(m.group(1)) or word in rules.PERSON_TITLES or word in ("mr", "mrs", "ms"):
            return True
    return False


# A palace that speaks is the household or the presidency in it, as "the White House said".
_PALACE_SPEAKS = re.compile(
    r" (?:said|says|announced|confirmed|denied|declined|refused|spokes(?:man|woman|person)|"
    r"sources?|officials?|aides?|statement)\b"
)


_CAPITALS = re.compile(r"[A-Z]{2,6}")  # "ELN", "BJD": an organisation's short form


_BUSINESS_WORDS = re.compile(
    r"\b(?:shares|profits?|revenues?|earnings|investors|stock|sales|carmakers?|automakers?|"
    r"analysts|quarter|quarterly|dividend|shareholders|outlook|forecast)\b"
)


def _is_business_story(text: str) -> bool:
    """A story of companies: five words of business, where "Toyota" is the carmaker."""
    return sum(1 for _ in itertools.islice(_BUSINESS_WORDS.finditer(text), 5)) >= 5


def _listed_company(text: str, start: int, end: int) -> bool:
    """A listed company's name, where the article does not also use it otherwise.

    "Target" and "Shell" are the retailer and the oil company unless the article
    writes "target" or "shell" too, and "Allianz" is the insurer unless a venue
    bears its name ("Allianz Arena").
    """
    return _listed_company_name(text, text[start:end])


@functools.lru_cache(maxsize=1024)
def _listed_company_name(text: str, name: str) -> bool:
    """`_listed_company` for one name in one text, worked out once per article."""
    if not is_company_name(name):
        return False
    for end, after in _words_after(text).get(name.split()[-1], ()):
        words = after.split()
        if text.endswith(name, 0, end) and (_is_facility(words[:1]) or _is_facility(words)):
            return False  # "Aviva Stadium": a lone "Aviva" is as likely the ground
    if " " in name:
        return True
    if name.isupper() and len(name) > 4:
        return False  # "the SABRE system", a heading in capitals; not "BASF"
    if any(is_given_name(w) or w in _PARTICLE_WORDS for w in _words_before(text).get(name, ())):
        return False  # "Pat Cummins ... Cummins said", "Leonardo da Vinci"
    for m in re.finditer(rf"\b([A-Z][a-z]+) [A-Z][a-z]+ {re.escape(name)}\b", text):
        if is_given_name(m.group(1)):
            return False  # "Jose Soler Puig ... Puig said": a middle name between
    return name.lower() not in _lower_case_words(text)


_PARTICLE_WORDS = frozenset("da de di van von der le la del du".split())


@functools.lru_cache(maxsize=4)
def _words_before(text: str) -> dict[str, set[str]]:
    """For each word after another: the words right before it ("Cummins": {"Pat"})."""
    found: dict[str, set[str]] = defaultdict(set)
    for m in _WORD_THEN_WORD.finditer(text):
        found[m.group(2)].add(m.group(1))
    return found


_WORD_THEN_WORD = re.compile(r"(?<![\w’'-])([A-Za-z][\w’'-]*)(?= ([A-Z][\w’'-]*))")


@functools.lru_cache(maxsize=4)
def _lower_case_words(text: str) -> frozenset[str]:
    """The words written in lower case; a plural's possessive ("farmers'") as the plural."""
    return frozenset(w.rstrip("'’") for w in _LOWER_CASE_WORD.findall(text))


@functools.lru_cache(maxsize=4)
def _words_after(text: str) -> dict[str, list[tuple[int, str]]]:
    """For each capitalised word: where it ends, and the capitalised words right after it."""
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for m in _WORD_THEN_CAPITALS.finditer(text):
        found[m.group(1)].append((m.end(1), m.group(2)))
    return found


_WORD_THEN_CAPITALS = re.compile(r"(?<![\w’'-])([A-Z][\w’'-]*)(?= ([A-Z]\w+(?: [A-Z]\w+)?))")


def _initials_of_a_group(text: str, name: str, end: int) -> bool:
    """Capitals, or a name spelled out before its capitals, are an organisation's.

    People are seldom known by initials ("JFK", rules.PEOPLE_BY_INITIALS) and
    seldom give them in parentheses; parties, militias and agencies do.
    """
    if _CAPITALS.fullmatch(name):
        return name not in rules.PEOPLE_BY_INITIALS and not is_place_name(name)
    m = rules.ACRONYM_DEF.match(text, end)
    return (
        m is not None
        and _CAPITALS.fullmatch(m.group(1)) is not None
        and acronym_of(name, m.group(1))
        and m.group(1) not in rules.PEOPLE_BY_INITIALS
        and m.group(1) not in rules.COUNTRY_CODES  # "Bram Vandermeersch (BEL)": his country
    )


_AND_NAME = re.compile(r"\s+and\s+([A-Z][\w'’.-]*)")
_ROUTE_BETWEEN = re.compile(
    r"\b(?i:roads?|routes?|trains?|flights?|border|frontier|highway|motorway|railway|rail|"
    r"line|ferry|ferries|bus|buses|services|corridor|drive|journey|trip|pipeline|"
    r"crossing|distance|miles|kilometres|kilometers|km)\s+between\s+$"
)


def _between_places(text: str, start: int, end: int, first_word: str) -> bool:
    """Whether "between X and Y" joins two places: a route, or a known town at one end."""
    if _ROUTE_BETWEEN.search(text, max(0, start - 30), start):
        return True
    m = _AND_NAME.match(text, end)
    ends = [first_word] + ([m.group(1)] if m else [])
    return any(_is_town(w) for w in ends)


def _company_named_like_a_person(text: str, sp: _Span) -> bool:
    """A company's cue on a name that does not start with a given name: it outvotes the model.

    "Okafor Brandt shares fell" once makes a firm of every "Okafor Brandt" the
    model called a person; "Jane Doe" keeps her own votes.
    """
    words = text[sp.start : sp.end].split()
    return (
        not sp.is_norp
        and not is_given_name(words[0])
        and not _is_town(text[sp.start : sp.end])
        and _business_context(text, sp.start, sp.end)
    )


def _context_cues(text: str, spans: list[_Span]) -> list[_Span]:
    for sp in spans:
        cue, strong = context_kind(text, sp.start, sp.end, sp.kind, sp.is_norp)
        if cue is Kind.GROUP and strong and _company_named_like_a_person(text, sp):
            sp.kind, sp.weight = cue, rules.BUSINESS_VOTE
        elif cue is not None and strong:
            sp.kind, sp.weight = cue, rules.STRONG_CUE_VOTE
        elif cue is not None:
            sp.hints.append((cue, rules.WEAK_CUE_VOTE))
        if cue in (None, Kind.PLACE) and sp.kind is Kind.GROUP and _in_a_lone_word(text, sp):
            # "rallies in Pakur": this mention is the place, though its one vote
            # does not outweigh the article's other mentions ("Lincoln" the carmaker)
            sp.kind = Kind.PLACE
            if cue is None:
                sp.hints.append((Kind.PLACE, rules.WEAK_CUE_VOTE))
    # Coordination: in "Baidoa and Beledweyne" both names are usually of one kind.
    for left, right in itertools.pairwise(spans):
        coordinated = rules.COORDINATION.fullmatch(text, left.end, right.start)
        if coordinated and right.weight < rules.STRONG_CUE_VOTE:
            kind = left.kind
            if (
                kind is Kind.PERSON
                and left.weight < rules.STRONG_CUE_VOTE
                and _is_town(text[left.start : left.end])
            ):
                kind = Kind.PLACE  # "Tra Vinh or Ca Mau": the town the model took for a man
            elif (
                kind is Kind.PERSON
                and right.kind is Kind.PERSON
                and left.weight < rules.STRONG_CUE_VOTE
                and any(hint is Kind.PLACE for hint, _ in left.hints)
                and _is_town(text[right.start : right.end])
            ):
                # "in Brittany and Normandy": after a place's preposition, a known
                # region on the right makes both places, not two women.
                kind = Kind.PLACE
                left.hints.append((Kind.PLACE, rules.COORDINATION_VOTE))
            weight = rules.COORDINATION_VOTE
            lone = right.kind is Kind.PERSON and " " not in text[right.start : right.end]
            if kind is Kind.PLACE and lone and not is_given_name(text[right.start : right.end]):
                weight *= 1.5  # "Dunkirk and Le Touquet": a lone word beside a town
            right.hints.append((kind, weight))
    return spans


def _discount_headline(text: str, spans: list[_Span]) -> None:
    """The model's labels in the headline count for less in the vote than the body's."""
    headline_end = text.find("\n")
    if headline_end < 0:
        return  # one line: it is all the article there is
    for sp in spans:
        if sp.start >= headline_end:
            break
        if sp.weight == rules.MODEL_VOTE:
            sp.weight = rules.HEADLINE_VOTE


# --- step 4: names known by their shape -------------------------------------------------------


class _Occupied:
    """Non-overlapping spans kept sorted, for O(log n) overlap checks."""

    def __init__(self, spans: Iterable[_Span] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for sp in spans:
            self.add(sp.start, sp.end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, start) - 1
        if i >= 0 and self._ends[i] > start:
            return True
        return i + 1 < len(self._starts) and self._starts[i + 1] < end

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)

    def strictly_inside(self, start: int, end: int) -> bool:
        """Whether a longer span here holds all of start..end."""
        i = bisect.bisect_right(self._starts, start) - 1
        return i >= 0 and self._ends[i] >= end and self._ends[i] - self._starts[i] > end - start


# A run of capitalised words ("MIDFLORIDA Credit Union Amphitheatre", "BB&T Pavilion").
_CAPITALISED_RUN = re.compile(r"(?<![\w&'’.-])[A-Z][\w&'’.-]*(?: (?:[A-Z][\w&'’.-]*|&))*")
# Capitalised function words that may start a venue match in a title-case line.
_NOT_A_NAME_START = frozenset(
    """a an and as at by for from in into of on or the to with via near inside formerly now
    but yet so then still however meanwhile when while after before if although though
    since because also even here there this that these those his her their its our my
    your""".split()
)
# At most four capitalised words, as a company's name is written: after a cue, before a ticker.
# A sentence's first word after a full stop ends the run: "for the PT. The party".
_OPENER_AFTER_STOP = r"(?<=\. )(?:The|A|An|It|He|She|They|We|This|That|In|But|Its|Their)\b"
_RUN = rf"[A-Z][\w&'’.-]*(?: (?!{_OPENER_AFTER_STOP})(?:[A-Z][\w&'’.-]*|&)){{0,3}}"
_NAME_BEFORE_HEAD = re.compile(
    rf"(?<=\bthe )({_RUN}) (?:newspaper|daily|party|militia|network|broadcaster|channel|agency)\b"
)
_CUED_COMPANY = re.compile(rules.COMPANY_CUE + rf"({_RUN})(?![\w&'’-]| [A-Z&])")
_RUN_BEFORE = re.compile(rf"(?<![\w&'’.-])(?<![\w&'’.-] ){_RUN}$")
# A photographer before a picture agency: "(Grant Hollister/Getty Images)", "Jo Pike/AFP".
_CREDIT = re.compile(
    r"(?<![\w/’'.-])([A-Z](?:[\w’'-]+|\.)(?: [A-Z](?:[\w’'-]+|\.)){1,3}) ?/"
    r"(?:Getty Images|AFP|AP|Reuters|EPA(?:-EFE)?|Shutterstock|Alamy|Bloomberg|PA Images|"
    r"PA Media|Xinhua|Anadolu|NurPhoto|SOPA Images|Sipa|([A-Z][a-z]+ (?:Images|Photos|Pictures)))\b"
)
# Whoever speaks after a closing quote: '," Okonkwo-Reyes said.' (only where no span is).
_SPEAKER_AFTER_QUOTE = re.compile(
    r",[”\"] ([A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,2}) (?:said|says|wrote|added|told|asked)\b"
)
# A plural noun that says what the names after it are: "regions, including Brittany,
# Normandy and Occitanie"; "brokerages such as Piper Sandler and Jefferies".
_PLACE_NOUNS = frozenset(
    """districts provinces regions counties towns cities villages states countries islands
    neighbourhoods neighborhoods suburbs rivers ports municipalities regencies""".split()
)
_GROUP_NOUNS = frozenset(
    """companies firms banks brokerages lenders insurers carmakers automakers airlines
    retailers parties militias outlets newspapers broadcasters universities agencies
    unions""".split()
)
_NAME_WORD_IN_LIST = r"(?:St\.|Mt\.|Ft\.|[A-Z][\w’'-]*)"
# Bounded, so that a page of capitalised words costs linear time, not quadratic.
_NAME_RUN = rf"{_NAME_WORD_IN_LIST}(?: (?:{_NAME_WORD_IN_LIST}|&|de|da|do|del|al-\w+)){{0,4}}"
_LIST = rf"{_NAME_RUN}(?:, {_NAME_RUN}){{0,8}},? (?:and|or) {_NAME_RUN}|{_NAME_RUN}"
_NOT_PLACE_DISTRICTS = re.compile(r"\b(?:school|congressional|legislative|water|fire) $")
_TYPED_LIST = re.compile(
    rf"\b((?i:{'|'.join(sorted(_PLACE_NOUNS | _GROUP_NOUNS))})),? "
    rf"(?:including|such as|like|among them) ({_LIST})(?![\w’'-])"
    # ... or right before the names: "pharmacy chains Apoteket and Kronans Apotek"
    rf"|\b({'|'.join(sorted(_GROUP_NOUNS | {'chains', 'rivals'}))}) ({_LIST})(?![\w’'-])"
)


def _typed_items(
    text: str, start: int, names: str, kind: Kind, peoples: bool = False
) -> list[_Span]:
    """The names in a list a plural noun typed, as strong spans of that kind.

    Not small words, numbers, days or months; no adjective for places ("Republican
    and Democratic districts"); no known town or country for groups ("warring
    parties Israel and Hamas"), nor for peoples ("Paris people").
    """
    out = []
    for item in _LIST_ITEM.finditer(names):
        name = item.group()
        word = name.split()[0].casefold()
        if word in _NOT_A_NAME_START | _NUMBER_WORDS | rules.WEEKDAYS | rules.MONTHS:
            continue
        if kind is Kind.PLACE and not peoples and name.endswith(_ADJECTIVE_ENDINGS):
            continue
        if kind is Kind.GROUP and _is_town_or_nation(name):
            continue
        s = start + item.start()
        out.append(_Span(s, s + len(name), kind, weight=rules.STRONG_CUE_VOTE))
    return out


_ADJECTIVE_ENDINGS = ("ic", "ian", "ians", "ese", "ish", "can", "ean")
# Countries whose names are also English words: only the model or a cue makes them places.
_COUNTRIES_ALSO_WORDS = frozenset("turkey guinea jersey china".split())
_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten dozens hundreds thousands many".split()
)
# Peoples and communities: "the Darug and Gundungurra peoples", "mostly Ijaw communities".
_PEOPLES = re.compile(
    rf"(?<![\w’'.-])({_NAME_RUN}(?:, {_NAME_RUN}){{0,8}}(?:,? (?:and|or) {_NAME_RUN})?) "
    r"(?:peoples|people|communities|community|nations|tribes|tribe|clans|clan)\b"
)
_LISTED_BEFORE_HEAD = re.compile(
    rf"(?<![\w’'.-])({_NAME_RUN}(?:, {_NAME_RUN}){{0,8}},? (?:and|or) {_NAME_RUN}) "
    r"(?:districts|provinces|counties|regions|rivers|regencies|municipalities)\b"
)
_LIST_ITEM = re.compile(_NAME_RUN)
# Two words the model reads as two nationalities or creeds but that name one party or group.
_PARTY_OF_TWO_WORDS = re.compile(
    r"(?<![\w’'-])(?:(?:Christian|Liberal|Social|Free|Green) Democrats?|Islamic State)(?![\w-])"
)
# A whole run of capitalised words, not ending in a possessive's "s" (that ends the run).
_PLAIN_RUN = re.compile(r"(?<![\w&'’.])([A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,3})(?![\w&.$-]| [A-Z])")
# Capitalised words before a lower-case place noun: "Neuquén province", "Hoima district".
_BEFORE_PLACE_HEAD = re.compile(
    r"(?<![\w&'’.-])([A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,2}) "
    r"(?:province|provinces|district|districts|county|region|prefecture|governorate|"
    r"municipality|village|river|valley|island|peninsula|desert|forest|neighbourhood|"
    r"neighborhood|suburb|township)\b"
)
# A name with its short form in parentheses: "Free Democrats (FDP)", "Alternative for
# Germany (AfD)". Filled in only where the model saw nothing.
_NAMED_ACRONYM = re.compile(
    r"(?<![\w’'-])([A-Z][\w-]*(?:[’'][a-z]\b)?(?: (?:for|of|[A-Z][\w-]*(?:[’']s\b)?)){0,6}) "
    r"\(([A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-þ]{1,5})\)"  # "People’s Party (ÖVP)"
)
# Not before a dash or a colon: "TARSKO, Velmora (VNA) -" is a dateline's agency.
_TICKER = re.compile(r" \(([A-Z]{1,5}\.[A-Z]{1,2}|[A-Z]{2,5})\)(?!\s*[-—–:])")
_INSIDE_A_NAME = frozenset("of for in on de del da do".split())
_DOTTED_TICKER = re.compile(r"\(([A-Z]{1,5}\.[A-Z]{1,2})\)")


def _ticker_after(text: str, start: int, end: int) -> bool:
    """A stock ticker after a name, "Broadcom (AVGO)": a company, where "(AP)" is not.

    Not after the end of a longer name ("Board of Control for Cricket in India (BCCI)").
    """
    m = _TICKER.match(text, end)
    if m is None or _raw_word_before(text, start) in _INSIDE_A_NAME:
        return False
    name = text[start:end]
    ticker = m.group(1)
    if "." in ticker:
        return True
    return (
        ticker not in rules.NEWS_AGENCIES
        and not acronym_of(name, ticker)
        and not is_place_name(name)
        and not is_city_name(name)
    )


_ACRONYM = re.compile(r"(?<![\w.&’'-])(?<![A-Z][ -])[A-Z]{2,6}(?![\w.&’'-]| [A-Z]{2})")


def _used_acronyms(text: str) -> list[_Span]:
    """An organisation known by its capitals alone, which the model may not see ("the ELN").

    Only capitals used more than once, at least once after "the", outside a line
    in capitals: so not "the CEO" nor a shouted headline.
    """
    seen: dict[str, list[re.Match[str]]] = defaultdict(list)
    for m in _ACRONYM.finditer(text):
        seen[m.group()].append(m)
    found: list[_Span] = []
    for acronym, uses in seen.items():
        if len(uses) < 2 or acronym in rules.NOT_NAME_ACRONYMS:
            continue
        if not any(text[max(0, u.start() - 4) : u.start()].casefold() == "the " for u in uses):
            continue
        kind = Kind.PLACE if acronym in rules.PLACE_ACRONYMS else Kind.GROUP
        for u in uses:
            line_start = text.rfind("\n", 0, u.start()) + 1
            line_end = text.find("\n", u.end())
            line = text[line_start : line_end if line_end >= 0 else len(text)]
            if not line.isupper():
                found.append(_Span(u.start(), u.end(), kind, weight=rules.WEAK_CUE_VOTE))
    return found


_HEAD_WORDS = rules.FACILITY_HEADS | {"center", "centre"} | rules.FACILITY_STAGES
_BODY_AFTER_VENUE = (
    rules.STRONG_GROUP_WORDS | rules.WEAK_GROUP_WORDS | rules.INSTITUTION_HEADS
) - rules.FACILITY_HEADS


def _institution_run(text: str, m: re.Match[str]) -> _Span | None:
    """An institution the model did not see, as a weak guess: "Jet Propulsion Laboratory"."""
    start = m.start()
    words = m.group().split()
    for w in words[:-1]:  # not across a sentence's end or a possessive: "NASA's Jet ..."
        if (w.endswith(".") and "." not in w[:-1]) or w.endswith(("'s", "’s")):
            start = text.index(w, start) + len(w) + 1
    words = text[start : m.end()].split()
    if not 2 <= len(words) <= 5:
        return None
    if words[0].casefold() in _NOT_A_NAME_START:
        start += len(words[0]) + 1
    if _in_title_case_line(text, start):
        return None
    return _Span(start, m.end(), Kind.GROUP, weight=rules.WEAK_CUE_VOTE)


def _in_title_case_line(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    if line_end < 0:
        line_end = len(text)
    if line_end - line_start > rules.MAX_HEADLINE:
        return False  # a paragraph, not a heading
    return _is_title_case(text[line_start:line_end])


def _company(text: str, start: int, end: int, after_cue: bool) -> _Span:
    """A company's name the model missed; it only fills a gap the model left."""
    if not after_cue and _sentence_start(text, start) and " " in text[start:end]:
        start = text.index(" ", start) + 1  # "Rivals Broadcom (AVGO)"
    if text[end - 1] == "." and not _keeps_period(text, start, end - 1):
        end -= 1
    if is_place_name(text[start:end]):
        return _Span(start, end, Kind.PLACE, weight=rules.WEAK_CUE_VOTE)  # "shares of U.S. firms"
    return _Span(start, end, Kind.GROUP, weight=rules.WEAK_CUE_VOTE)


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" ")
    return not before or before[-1] in '.!?\n:"“'


_SERVICE = re.compile(
    r"\b(?:"
    + "|".join(
        sorted(
            rules.SERVICE_NAMES + rules.SEATS_OF_POWER + rules.SPORTS_BODIES + rules.KNOWN_GROUPS,
            key=len,
        )[::-1]
    )
    + r")\b(?![-'’])"
)
_KNOWN_PLACE = re.compile(
    r"(?<![\w’'-])(?:" + "|".join(rules.KNOWN_PLACES) + r")(?![\w’'-]| [A-Z])"
)  # not "Wall Street Journal"
# X, the platform: "said on X", "X, formerly Twitter". Not "X-ray", "Gen X", "Model X".
_X_PLATFORM = re.compile(
    r"\b(?:on|to|via) (X)(?![\w'’-])|(?<![\w-])(X)(?=,? \(?formerly (?:known as )?Twitter)"
)
_CLUB = re.compile(
    r"(?<![\w’'-])(?:"
    + "|".join(re.escape(n) for n in sorted(rules.CLUB_NAME_LIST, key=len, reverse=True))
    + r")(?![\w’'-]| [A-Z])"
)
_CODE_IN_BRACKETS = re.compile(r" \(([A-Z]{3})\)")
_ATHLETE_BEFORE = re.compile(
    r"(?P<rank>\b\d{1,3}\. )?(?<![\w’'-])(?P<name>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){1,3})$"
)
# A game preview's line (AP's "UP NEXT"): the team, then where it plays next and whom.
_UP_NEXT = re.compile(
    r"(?m)^([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}): (?:At|Host|Hosts|Visit|Visits|Vs\.?|"
    r"Play|Plays|Travel to|Face|Faces) ((?:[A-Z][\w.'’-]*)(?: [A-Z][\w.'’-]*){0,2})"
    r"(?= (?:on|in|at|this|next)\b|[.,;]|$)"
)
# A team sheet's line: "Ostra Rovers: Sned, McKenn (Bannig 72), Mayo; Lawle."
_SHEET_LINE = re.compile(r"(?m)^([A-Z][\w .'’&-]{1,40}?)(?: \([\d-]+\))?: (.+?)\.?$")
_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"  # capitals, with Europe's accented ones ("Ødegaard", "Šeško")
_SHEET_NAME = (
    rf"(?:(?:de|van|von|da|di|le|la|del|van der|de la) )?[{_UPPER}][\w'’-]+"
    rf"(?: [{_UPPER}][\w'’-]+){{0,2}}"
)
_SHEET_ITEM = re.compile(  # "Docherty (Bannigan 72)", "15 Shaun Stevenson" (a shirt number)
    rf"(?:\d{{1,2}} )?({_SHEET_NAME})(?: \(({_SHEET_NAME})(?: \d{{1,3}}(?:\+\d)?)?\)| \d{{1,3}})?"
)
# Labels of a team sheet's other lines, whose names are players or officials, not a team.
_SHEET_LABELS = frozenset(
    name.strip()
    for name in """subs, substitutes, replacements, bench, booked, sent off, goals, scorers,
    tries, cons, pens, conversions, penalties, drop goals, unused subs, subs not used,
    yellow cards, red cards, yellow card, red card, referee, assistant referees""".split(",")
)


def _line_up(text: str) -> list[_Span]:
    """A team sheet: every name in it is a player's, and the team before the colon a team.

    In a sports story, four names or more (two after "Booked:", "Subs:" and the
    like), separated by commas or semicolons, each perhaps with a substitute in
    brackets ("Docherty (Bannigan 72)") and none a known place or company: the
    model merges and mislabels them, so these spans replace its own.
    """
    found: list[_Span] = []
    if _sport_words(text) < 2:
        return found  # "Countries affected: France, Germany, Italy, Spain" is no team sheet
    for line in _SHEET_LINE.finditer(text):
        items = re.split(r"[,;] (?![^()]*\))", line.group(2))  # not "(Akinola, 63)"
        if len(items) < 4 and line.group(1).casefold() not in _SHEET_LABELS:
            continue
        if len(items) < 2:
            continue
        matches = [_SHEET_ITEM.fullmatch(item) for item in items]
        if any(m is None for m in matches) or any(
            _is_town_or_nation(item) or is_company_name(item) for item in items
        ):
            continue
        strong = rules.STRONG_CUE_VOTE
        if line.group(1).casefold() not in _SHEET_LABELS:
            found.append(_Span(line.start(1), line.end(1), Kind.GROUP, weight=strong))
        offset = line.start(2)
        for item, m in zip(items, matches, strict=True):
            assert m is not None
            start = text.index(item, offset)
            offset = start + len(item)
            for group in (1, 2):
                if m.group(group):
                    s0 = start + m.start(group)
                    found.append(_Span(s0, s0 + len(m.group(group)), Kind.PERSON, weight=strong))
    return found


# A party by its adjective or members before a word of politics: "the Liberal government",
# "Nationals leader Jo Pike", "Doug Ford's PCs won".
_PARTY_NAME = re.compile(
    r"Liberals?|Conservatives?|Labour|Labor|Greens?|Nationals|Tory|Tories|Democrats?|"
    r"Democratic|Republicans?|PCs?|Reform"
)
_PARTY_WORD = re.compile(
    rf"(?<![\w’'-])({_PARTY_NAME.pattern})(?= (?:government|governments|rule|MP|MPs|"
    r"MPP|MPPs|MLA|MLAs|leader|leadership|candidate|candidates|voters|caucus|senator|"
    r"senators|seat|seats|minister|ministers|premier|administration|backbenchers?|"
    r"councillors?|lawmakers?|majority|campaign|supporters|members|won|win|lost|"
    r"formed)\b)"
)
# A name with a plus: "OPEC+", "Disney+", "Canal+"; not a grade ("B+"), "C++" or "LGBTQ+".
_PLUS_NAME = re.compile(r"(?<![\w.&+-])([A-Z][A-Za-z]*[A-Za-z])\+(?![\w+])")
_NOT_PLUS_NAMES = frozenset("LGBT LGBTQ LGBTQI LGBTQIA SLGBTQ".split())
_RATING = re.compile(r"[A-D]{1,3}|AB")  # "AA+", "BBB+", "AB+": a credit rating, a blood group
# A capitalised word with no capitalised word beside it: a nationality, a faith, a creed.
_LONE_CAPITALISED = re.compile(r"(?<![\w’'-])[A-Z][a-z]+(?![\w’'-]| [A-Z])")
# Two nationalities joined, or one before a participle: "Vietnamese-American",
# "Swedish-Danish", "Russian-speaking" (names inside a hyphenated word are names).
_PEOPLES_COMPOUND = re.compile(
    r"(?<![\w’'-])([A-Z][a-z]+)-([A-Z][a-z]+|speaking|born|owned|backed|led|run|made)"
    r"(?![\w’'-])"
)
_PEOPLE_WORDS = frozenset(
    """Scottish Welsh Irish Scots Kurdish Kurds Palestinian Palestinians Tamil Tamils
    Uyghur Uyghurs Rohingya Pashtun Pashtuns Baloch Arab Arabs Latino Latinos Hispanic
    African Africans Asian Asians European Europeans Western Basque Catalan Flemish Sikh
    Sikhs Muslim Muslims Christian Christians Jewish Jews Hindu Hindus Buddhist Buddhists
    Catholic Catholics Protestant Protestants Sunni Sunnis Shia Shiite Shiites Evangelical
    Evangelicals Socialist Socialists Communist Communists Marxist Marxists Islamist
    Islamists Zionist Zionists Peronist Peronists Maoist Maoists""".split()
)
# A language, not a people: "speaks Tamil", "in Danish", "English-language", "Catalan speakers".
_LANGUAGE_BEFORE = re.compile(
    r"\b(?:in|speak|speaks|spoke|speaking|into|fluent|learn|learning|taught|teach|from) $"
)
_LANGUAGE_AFTER = re.compile(
    r"(?:-language| language| speakers?| speaking| translation| subtitles| version| word)\b"
)
# A name after a preposition of place, alone: a known town or country there is the place.
_KNOWN_TOWN_AFTER = re.compile(
    r"\b(?:in|near|from|outside|around|across|towards?|via) "
    r"([A-Z][a-zà-ÿ’'-]+(?: [A-Z][a-zà-ÿ’'-]+)?)(?![\w’'-]| [A-Z]|-[a-z])"
)
_TOWN_OF = re.compile(
    r"\b(?:town|city|village|region|province|district|county|governorate|port) of "
    r"([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)(?![\w’'-]| [A-Z]| and [A-Z])"
)  # not "the region of Castile and León", whose name goes on
# A US highway by its number after a word of place or movement: "north on U.S. 19",
# "at U.S. 62 and Duncan Plains Road"; not "U.S. 10-year yields" or "U.S. 500 firms".
_US_ROUTE = re.compile(
    r"\b(?:on|of|along|off|onto|via|at|near|from|to|and|crossing) ((?:U\.S\.|US) \d{1,3})"
    r"(?![\w-]|[.,]\d|%| [a-z]+s\b)"
)
_NUMBER_AFTER = re.compile(r" \d")  # "Nasdaq 100", "Boeing 737": an index, a product
_CITY_REGION = re.compile(
    r"(?<![\w.-])((?:[A-Z][a-z]+\.? ){0,3}[A-Z][a-z]+), ([A-Z]{2}|(?:[A-Z][a-z]{0,4}\.)+"
    r"(?:[A-Z][a-z]?\.)?)(?![\w])"
)


# A sponsor's venue named with its town: "Coastal Credit Union Music Park at Walnut Creek".
_VENUE_AT_TOWN = re.compile(r" at ([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)(?=[,.;:)]|\n| on | in )")
# An end or a stand of a ground, in sport: "the Holte End", "the Vauxhall End".
_GROUND_END = re.compile(r"\b(?:the|a) (?:[a-z-]+ )?((?:[A-Z][\w’'-]+ ){1,2})(?:End|Stand)\b")


# One capitalised word after a known organisation, and no more: its branch's country.
_BRANCH_AFTER = re.compile(r" ([A-Z][\w.]*[\w])(?![\w’'-]| [A-Z])")


# A team's line-up, as match reports print it: "Kelty Hearts: Lyall, Gallagher, Connor
# Watt, Nisbet (Forsyth 78), Doig." and "Subs not used: Laird, Baxter, Penman."
_LINE_UP = re.compile(
    r"(?:^|(?<=\. ))([A-Z][^:\n]{0,60}?)(?: \(\d-\d(?:-\d)*\))?: ([^:\n]+?)"
    r"(?:\.(?= [A-Z][^:\n]{0,60}:)|\.?[ \t]*$)",
    re.M,
)
_PLAYER = r"[A-Z][\w’'.-]*(?: (?:[A-Z][\w’'.-]*|van|de|da|di|dos|du|le|la))*"
_MINUTE = r"\d{1,3}(?:\+\d{1,2})?['’]?"
_LINE_UP_ITEM = re.compile(
    rf"(?:\d{{1,2}} )?({_PLAYER})(?: \((?:c|capt|gk|GK)\))?"
    rf"(?: \((?:({_PLAYER}),? {_MINUTE}|{_MINUTE} ({_PLAYER})|c|capt|gk|GK)\))?"
    rf"(?: {_MINUTE})?"
)
# A line-up printed one player a line: "1 Jamie Sneddon", "2 Kevin Holt (c)".
_NUMBERED_PLAYER = re.compile(rf"^\d{{1,2}} ({_PLAYER})(?: \((?:c|capt|gk|GK)\))?$", re.M)
# A shirt number, a dash and a player, in a line-up run on in one paragraph; a score
# ("2 - Arsenal 1") is none, as a bare number follows the name.
_SHIRT_THEN_PLAYER = re.compile(
    rf"(?<![\w.-])\d{{1,2}} ?- ?({_PLAYER})(?=[,;()]| \(| \d{{1,3}}(?:st|nd|rd|th)\b|\.?$)"
)
_NOT_A_LINE_UP = re.compile(
    r"(?i)(?:topics|tags|related|keywords|categories|sections|filed under|see also|more|"
    r"read more|trending|credits?|sources?|companies|people|markets)$"
)
_NOT_A_TEAM = re.compile(r"(?i)subs\b|substitutes|bench|booked|sent off|unused|replacements")


def _line_ups(text: str) -> list[_Span]:
    """Players in a printed line-up are people, and the line's label is their team.

    Only a line that is a list of five or more names and nothing else, so a
    sentence with a colon ("Kenya: Ruto, Odinga and ...") is never one, nor a
    page's tags ("Topics: AI, Security, Startups"), whose words the article
    also writes in lower case.
    """
    found: list[_Span] = []
    lower: frozenset[str] | None = None
    for line in _LINE_UP.finditer(text):
        items = re.split(r"[,;] (?![^()]*\))", line.group(2))  # not "(Akinola, 63)"
        if len(items) < 5 or _NOT_A_LINE_UP.match(line.group(1)):
            continue
        matches = [_LINE_UP_ITEM.fullmatch(item) for item in items]
        if not all(matches) or any(item.isupper() for item in items):
            continue
        lower = _lower_case_words(text) if lower is None else lower
        if 3 * sum(item.lower() in lower for item in items) > len(items):
            continue  # "Topics: AI, Security, Startups, Exits": words, not players
        if not _NOT_A_TEAM.match(line.group(1)):
            found.append(
                _Span(line.start(1), line.end(1), Kind.GROUP, weight=rules.STRONG_CUE_VOTE)
            )
        at = line.start(2)
        for item, m in zip(items, matches, strict=True):
            assert m is not None
            for group in (1, 2, 3):
                if m.group(group):
                    found.append(
                        _Span(
                            at + m.start(group),
                            at + m.end(group),
                            Kind.PERSON,
                            weight=rules.STRONG_CUE_VOTE,
                        )
                    )
            at += len(item) + 2
    for line in re.finditer(r"[^\n]+", text):
        numbered = list(_SHIRT_THEN_PLAYER.finditer(line.group()))
        if len(numbered) >= 5:  # "15 - Andre Joubert, 14 - Justin Swart (Joel Stransky 48th)"
            found += [
                _Span(
                    line.start() + m.start(1),
                    line.start() + m.end(1) - m.group(1).endswith("."),
                    Kind.PERSON,
                    weight=rules.STRONG_CUE_VOTE,
                )
                for m in numbered
            ]
    run: list[re.Match[str]] = []
    for m in _NUMBERED_PLAYER.finditer(text):
        if run and text.count("\n", run[-1].end(), m.start()) > 1:
            run = []  # a blank line ends a block
        run.append(m)
        if len(run) == 5:
            found += [_player(p) for p in run]
        elif len(run) > 5:
            found.append(_player(m))
    return found


def _player(m: re.Match[str]) -> _Span:
    return _Span(m.start(1), m.end(1), Kind.PERSON, weight=rules.STRONG_CUE_VOTE)


# A Chinese or Korean family name and a hyphenated given name: one person.
_FAMILY_THEN_HYPHENATED = re.compile(
    r"(?<![\w’'.-])([A-Z][a-z]{1,5}) [A-Z][a-z]{1,5}-[a-z]{1,5}(?![\w’'-])"
)
_FAMILY_FIRST_SURNAMES = rules.CHINESE_SURNAMES | rules.KOREAN_SURNAMES
# A paragraph that opens with a name in capitals, as tabloids write it.
_CAPS_OPENER = re.compile(r"(?m)^([A-Z]{2,}(?: [A-Z]{2,}){1,2})(?=['’]S\b| [a-z])")
# A tour date's venue, after "@" at the end of its line.
_TOUR_DATE_VENUE = re.compile(
    r"(?m)\S.* @ (?:[Tt]he )?([A-Z0-9][\w.&’'-]*(?: (?:[A-Z0-9][\w.&’'-]*|of|at|on|the|&))*)[ \t]*$"
)


def _shaped_names(text: str, datelines: Sequence[tuple[int, int]]) -> list[_Span]:
    """Names the model often misses whose shape alone says what they are.

    Numbered units ("12th Brigade"), venues ("Bridgestone Arena"), "City, ST"
    and "Buffalo, N.Y.", and a lawmaker's party and state ("(D-Minn.)").
    """
    found = [
        _Span(m.start(), m.end(), Kind.GROUP, weight=rules.STRONG_CUE_VOTE)
        for m in rules.UNIT.finditer(text)
    ]
    found += _line_ups(text)
    for m in _CAPITALISED_RUN.finditer(text):
        if " " not in m.group():
            continue  # one word is neither a venue nor an institution
        last_word = m.group().rsplit(" ", 1)[1].casefold()
        if last_word in rules.INSTITUTION_ENDS:
            institution = _institution_run(text, m)
            if institution is not None:
                found.append(institution)
        # Up to a sentence's full stop: "filled the U.S. Capitol. They met"
        stop = re.search(r"[a-z]{2}\.(?: |$)", m.group())
        whole = m.group()[: stop.start() + 2] if stop else m.group()
        if not _HEAD_WORDS.intersection(whole.casefold().split()):
            continue
        run = list(re.finditer(r"\S+", whole))
        texts = [w.group() for w in run]
        # The last facility word in the run ends the venue: "Jones Beach Theater".
        heads = [i for i in range(len(run)) if _is_facility(texts[max(0, i - 1) : i + 1])]
        if not heads:
            continue
        last = heads[-1]
        if last + 1 < len(run) and texts[last + 1].casefold() in _BODY_AFTER_VENUE:
            continue  # "U.S. Capitol Police", "Airport Authority": the body, not the venue
        first = max(0, last - rules.MAX_VENUE_WORDS + 1)
        while first < last and texts[first].casefold() in _NOT_A_NAME_START:
            first += 1
        for i in range(first, last):  # "Warsaw's Royal Castle": the town's, not its name
            saint = i > 0 and texts[i - 1] in ("St.", "St", "Saint")
            if texts[i].endswith(("'s", "’s")) and not saint:
                first = i + 1
        if first < last:
            start, end = m.start() + run[first].start(), m.start() + run[last].end()
            if texts[last] == "Palace" and _PALACE_SPEAKS.match(text, end):
                continue  # "Buckingham Palace declined to comment": the household
            at = _VENUE_AT_TOWN.match(text, end) if last == len(run) - 1 else None
            if at is not None and is_city_name(at.group(1)):
                end = at.end(1)  # "Veterans United Home Loans Amphitheater at Virginia Beach"
            found.append(_Span(start, end, Kind.PLACE, weight=rules.STRONG_CUE_VOTE))
    if _sport_words(text) >= 3:
        for m in _GROUND_END.finditer(text):  # "the Holte End", "the Hollies Stand"
            if m.group(1).split()[0].casefold() not in _NOT_A_NAME_START:
                found.append(_Span(m.start(1), m.end(), Kind.PLACE, weight=rules.STRONG_CUE_VOTE))
    for m in _CITY_REGION.finditer(text):
        region = m.group(2)
        if region not in rules.REGION_CODES and region not in rules.AP_STATES:
            continue
        s, words = m.start(1), m.group(1).split()
        while len(words) > 1 and words[0].casefold() in _NOT_A_NAME_START:
            s = text.index(words[1], s + len(words[0]))
            words = words[1:]
        if words[0].casefold() not in _NOT_A_NAME_START:
            found.append(_Span(s, m.end(1), Kind.PLACE, weight=rules.STRONG_CUE_VOTE))
        found.append(_Span(m.start(2), m.end(2), Kind.PLACE, weight=rules.STRONG_CUE_VOTE))
    for m in _FAMILY_THEN_HYPHENATED.finditer(text):  # "Han Kuo-yu", "Lee Jae-myung"
        if m.group(1).casefold() in _FAMILY_FIRST_SURNAMES and not (
            _is_town(m.group().rsplit("-", 1)[0])  # "Hong Kong-based"
            or m.group().rsplit("-", 1)[1] in _COMPOUND_TAILS
        ):
            found.append(_Span(m.start(), m.end(), Kind.PERSON, weight=rules.STRONG_CUE_VOTE))
    for m in _CAPS_OPENER.finditer(text):  # tabloid style: "XI JINPING has warned"
        titled = m.group(1).title().split()
        if family_name_first(titled) is not None or _looks_like_person(titled):
            found.append(_Span(m.start(1), m.end(1), Kind.PERSON, weight=rules.STRONG_CUE_VOTE))
    for m in _TOUR_DATE_VENUE.finditer(text):  # "March 17 – Chicago, IL @ United Center"
        found.append(_Span(m.start(1), m.end(1), Kind.PLACE, weight=rules.STRONG_CUE_VOTE))
    for m in _CUED_COMPANY.finditer(text):  # "analysts at Jefferies"
        found.append(_company(text, m.start(1), m.end(1), after_cue=True))
    for m in _NAME_BEFORE_HEAD.finditer(text):  # "the Tuoi Tre newspaper"
        found.append(_company(text, m.start(1), m.end(1), after_cue=True))
    for m in _NAMED_ACRONYM.finditer(text):  # "the far-right Alternative for Germany (AfD)"
        acronym = m.group(2)
        if acronym in rules.NOT_NAME_ACRONYMS or acronym in rules.NEWS_AGENCIES:
            continue
        start = m.start(1)
        words = m.group(1).split()
        if words[0].casefold() in _NOT_A_NAME_START:
            start += len(words[0]) + 1
            words = words[1:]
        if not words or _in_title_case_line(text, start):
            continue
        if (
            _sentence_start(text, start)
            and len(words) > 1
            and not acronym_of(" ".join(words), acronym)
        ):
            continue  # "Rivals Broadcom (AVGO)": the sentence's first word may not be in it
        found.append(_Span(start, m.end(1), Kind.GROUP, weight=rules.WEAK_CUE_VOTE))
        found.append(_Span(m.start(2), m.end(2), Kind.GROUP, weight=rules.WEAK_CUE_VOTE))
    for m in _CREDIT.finditer(text):  # "(Grant Hollister/Getty Images)"
        end_word = m.group(1).rsplit(" ", 1)[-1].casefold()
        if end_word not in _GROUP_ENDS:  # not "(Anadolu Agency/Getty Images)"
            found.append(_Span(m.start(1), m.end(1), Kind.PERSON, weight=rules.STRONG_CUE_VOTE))
        if m.group(2):  # "Walter Myers /Stocktrek Images": the picture agency
            found.append(_Span(m.start(2), m.end(2), Kind.GROUP, weight=rules.STRONG_CUE_VOTE))
    lower = _lower_case_words(text)
    for m in _SPEAKER_AFTER_QUOTE.finditer(text):  # '," Okonkwo-Reyes said.'
        speaker = m.group(1).split()[0]
        if speaker.casefold() not in _NOT_A_NAME_START | _PRONOUNS and speaker.lower() not in lower:
            found.append(_Span(m.start(1), m.end(1), Kind.PERSON, weight=rules.WEAK_CUE_VOTE))
    for m in _TYPED_LIST.finditer(text):  # "districts such as Defne and Altınözü"
        noun, names = (1, 2) if m.group(1) else (3, 4)
        kind = Kind.PLACE if m.group(noun).casefold() in _PLACE_NOUNS else Kind.GROUP
        if kind is Kind.PLACE and _NOT_PLACE_DISTRICTS.search(text, 0, m.start(noun)):
            continue  # "school districts, including Indianapolis Public Schools"
        found += _typed_items(text, m.start(names), m.group(names), kind)
    for m in _LISTED_BEFORE_HEAD.finditer(text):  # "Hoima and Kikuube districts"
        found += _typed_items(text, m.start(1), m.group(1), Kind.PLACE)
    for m in _PEOPLES.finditer(text):  # "the Darug and Gundungurra peoples"
        if _sentence_start(text, m.start(1)) or _is_town(m.group(1)):
            continue  # "People" at a sentence's start; "Paris people" say where they live
        found += _typed_items(text, m.start(1), m.group(1), Kind.GROUP, peoples=True)
    for m in _PARTY_OF_TWO_WORDS.finditer(text):  # "a Christian Democrat", "Islamic State"
        found.append(_Span(m.start(), m.end(), Kind.GROUP, weight=rules.STRONG_CUE_VOTE))
    for m in _PLAIN_RUN.finditer(text):  # a country the model missed: "the UAE’s", "2-Peru"
        name = m.group(1)
        lone_word = name.casefold() in _COUNTRIES_ALSO_WORDS  # "Turkey prices", "Guinea pigs"
        if is_place_name(name) and name.casefold() not in _NOT_A_NAME_START and not lone_word:
            found.append(_Span(m.start(1), m.end(1), Kind.PLACE, weight=rules.WEAK_CUE_VOTE))
        elif (
            _listed_company(text, m.start(1), m.end(1))
            and (" " in name or not _sentence_start(text, m.start(1)))
            and not _NUMBER_AFTER.match(text, m.end(1))
        ):  # "analysts at Morgan Stanley", where the model saw nothing; not "the Nasdaq 100"
            found.append(_Span(m.start(1), m.end(1), Kind.GROUP, weight=rules.WEAK_CUE_VOTE))
    if _sport_words(text) >= 3 and _CLUB.search(text):
        for m in _CLUB.finditer(text):  # "Aston Villa 2-2 Everton", where the model saw a man
            found.append(_Span(m.start(), m.end(), Kind.GROUP, weight=rules.STRONG_CUE_VOTE))
    for code in _CODE_IN_BRACKETS.finditer(text):  # "1. Bram Vandermeersch (BEL)"
        athlete = _ATHLETE_BEFORE.search(text, max(0, code.start() - 80), code.start())
        if athlete is None or code.group(1) not in rules.COUNTRY_CODES:
            continue
        if athlete.group("rank") or is_given_name(athlete.group("name").split()[0]):
            found.append(
                _Span(code.start(1), code.end(1), Kind.PLACE, weight=rules.STRONG_CUE_VOTE)
            )
    found += _line_up(text)
    up_next = text.find("UP NEXT")
    for m in _UP_NEXT.finditer(text, max(up_next, 0)) if up_next >= 0 else ():
        # AP's "UP NEXT": "Nuggets: At Utah on Friday night."
        for group in (1, 2):
            found.append(
                _Span(m.start(group), m.end(group), Kind.GROUP, weight=rules.STRONG_CUE_VOTE)
            )
    for m in _PARTY_WORD.finditer(text):  # "the previous Liberal government", "PCs won"
        word_before = _raw_word_before(text, m.start(1))
        if (
            word_before[:1].isupper()
            and not word_before.endswith(("'s", "’s"))
            and word_before != "The"
        ):
            continue  # "Progressive Conservative government": part of a longer name
        found.append(_Span(m.start(1), m.end(1), Kind.GROUP, weight=rules.STRONG_CUE_VOTE))
    for m in _PLUS_NAME.finditer(text):  # "OPEC+", "Disney+": an alliance, a service
        if m.group(1) not in _NOT_PLUS_NAMES and not _RATING.fullmatch(m.group(1)):
            found.append(_Span(m.start(), m.end(), Kind.GROUP, weight=rules.STRONG_CUE_VOTE))
    peoples = demonyms() | _PEOPLE_WORDS
    for m in _LONE_CAPITALISED.finditer(text):  # "Western sanctions", "Filipino workers"
        if m.group() in peoples and not _LANGUAGE_BEFORE.search(
            text, max(0, m.start() - 14), m.start()
        ):
            word_before = _raw_word_before(text, m.start())
            if not _LANGUAGE_AFTER.match(text, m.end()) and not word_before[:1].isupper():
                found.append(_Span(m.start(), m.end(), Kind.GROUP, weight=rules.WEAK_CUE_VOTE))
    for m in _PEOPLES_COMPOUND.finditer(text):  # "Vietnamese-American", "Russian-speaking"
        parts = (1, 2) if m.group(2) in peoples else (1,)
        if m.group(1) in peoples and (len(parts) == 2 or m.group(2).islower()):
            for part in parts:
                found.append(
                    _Span(m.start(part), m.end(part), Kind.GROUP, weight=rules.STRONG_CUE_VOTE)
                )
    for m in _FAMOUS_ALONE.finditer(text):  # "Meloni, who ...", "Xi is expected to visit"
        word = _raw_word_before(text, m.start())
        if (
            not word[:1].isupper()
            or word.endswith((".", ",", ":", ";", "!", "?"))
            or word.casefold() in _TITLE_WORDS
        ):
            found.append(_Span(m.start(), m.end(), Kind.PERSON, weight=rules.STRONG_CUE_VOTE))
    for m in _ROMANCE_PLACE.finditer(text):  # "Quinta dos Malvedos", "Museu do Douro"
        if (
            _SPEAKS.match(text, m.end())
            or _raw_word_before(text, m.start()).lower() in rules.GROUP_BEFORE
        ):
            continue  # "Casa de Nariño said", "wind developer Casa dos Ventos"
        found.append(_Span(m.start(), m.end(), Kind.PLACE, weight=rules.STRONG_CUE_VOTE))
    for m in _POSSESSIVE_TOWN.finditer(text):  # "King's Lynn": not a king and a Lynn
        if is_city_name(m.group()):
            found.append(_Span(m.start(), m.end(), Kind.PLACE, weight=rules.STRONG_CUE_VOTE))
    for m in _KNOWN_TOWN_AFTER.finditer(text):  # "a job interview in Lyon", model or not
        if _is_town(m.group(1)) and not _in_title_case_line(text, m.start(1)):
            found.append(_Span(m.start(1), m.end(1), Kind.PLACE, weight=rules.WEAK_CUE_VOTE))
    for m in _TOWN_OF.finditer(text):  # "near the town of Dolow", where the model saw nothing
        found.append(_Span(m.start(1), m.end(1), Kind.PLACE, weight=rules.WEAK_CUE_VOTE))
    for m in _US_ROUTE.finditer(text):  # "towed north on U.S. 19"
        found.append(_Span(m.start(1), m.end(1), Kind.PLACE, weight=rules.STRONG_CUE_VOTE))
    for m in _BEFORE_PLACE_HEAD.finditer(text):  # "in Neuquén province"
        name = m.group(1)
        if name.split()[0].casefold() in _NOT_A_NAME_START or name.isupper():
            continue
        if name.endswith(_ADJECTIVE_ENDINGS) and not _is_town(name):
            continue  # "the Olympic village", "a Kurdish village"
        if _sentence_start(text, m.start(1)) and not _is_town(name):
            continue  # "Police district officers said"
        found.append(_Span(m.start(1), m.end(1), Kind.PLACE, weight=rules.WEAK_CUE_VOTE))
    for m in _TICKER.finditer(text):  # "Rivals Broadcom (AVGO)"
        before = _RUN_BEFORE.search(text, max(0, m.start() - 80), m.start())
        if before is not None and _ticker_after(text, before.start(), before.end()):
            found.append(_company(text, before.start(), before.end(), after_cue=False))
    found += _used_acronyms(text)
    for m in _DOTTED_TICKER.finditer(text):  # "(CFH.N)": a company's listing
        found.append(_Span(m.start(1), m.end(1), Kind.GROUP, weight=rules.STRONG_CUE_VOTE))
    for m in _KNOWN_PLACE.finditer(text):  # "a flat open on Wall Street"
        found.append(_Span(m.start(), m.end(), Kind.PLACE, weight=rules.WEAK_CUE_VOTE))
    for m in _SERVICE.finditer(text):
        # A known name of several words replaces the model's pieces of it ("Hollywood" of
        # "Hollywood Reporter", "Alternative" + "Deutschland"); one word only fills a gap.
        weight = rules.STRONG_CUE_VOTE if " " in m.group() else rules.WEAK_CUE_VOTE
        end = m.end()
        branch = _BRANCH_AFTER.match(text, end)
        if (
            branch is not None
            and normalize(m.group()) not in _SEATS  # "White House Russia adviser"
            and (is_place_name(branch.group(1)) or branch.group(1) in rules.PLACE_ACRONYMS)
        ):
            end = branch.end(1)  # "Amnesty International" + " Nigeria": the branch
        found.append(_Span(m.start(), end, Kind.GROUP, weight=weight))
    for m in _X_PLATFORM.finditer(text):
        x = m.start(1) if m.group(1) else m.start(2)
        found.append(_Span(x, x + 1, Kind.GROUP, weight=rules.MODEL_VOTE))
    for start, end in datelines:  # "ST. PAUL, Minn. (AP) —", whatever the model saw
        found.append(_Span(start, end, Kind.PLACE, weight=rules.STRONG_CUE_VOTE))
        tail = _DATELINE_TAIL.match(text, end)
        agency = tail.group(1) if tail is not None else None
        if tail is not None and agency:  # "(AAP)": the news agency, where the model saw none
            s0 = tail.start(1) + 1
            name = agency.strip()[1:-1]
            found.append(_Span(s0, s0 + len(name), Kind.GROUP, weight=rules.MODEL_VOTE))
    for m in _PLACE_HEADING.finditer(text):  # a travel list's "3. KANAZAWA, JAPAN"
        for group in (1, 2):
            found.append(
                _Span(m.start(group), m.end(group), Kind.PLACE, weight=rules.STRONG_CUE_VOTE)
            )
    # A lawmaker's party and state, "(D-Minn.)", or a state lawmaker's town, "R-Indianapolis".
    for m in itertools.chain(rules.PARTY_STATE.finditer(text), _PARTY_TOWN.finditer(text)):
        where = m.group("state")
        if where in rules.AP_STATES or where in rules.REGION_CODES or is_city_name(where):
            strong = rules.STRONG_CUE_VOTE
            found.append(_Span(m.start("party"), m.end("party"), Kind.GROUP, weight=strong))
            found.append(_Span(m.start("state"), m.end("state"), Kind.PLACE, weight=strong))
    return found


_PARTY_TOWN = re.compile(
    r"(?:\(|, )(?P<party>[DRI])-(?P<state>[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?=[),])"
)


# What a span that runs over two names has inside: "ABUJA, Nigeria", "Museum on Tahrir Square".
_RUN_ON_WORDS = re.compile(r",| (?:on|at|in|near|off|upon|under) ")


# A place's first word in Italian, Portuguese or Spanish, its particle and its name:
# "Quinta dos Malvedos", "Linha do Douro", "Casa das Videiras", "Plaza de la Ostra".
_ROMANCE_PLACE = re.compile(
    r"(?<![\w’'-])(?:Quinta|Casa|Museu|Museo|Linha|Rua|Praia|Praça|Largo|Igreja|Mosteiro|"
    r"Palácio|Palazzo|Piazza|Ponte|Castelo|Castello|Lago|Lagoa|Playa|Plaza|Calle|Avenida|"
    r"Paseo|Rifugio|Passo|Cerro|Valle|Vila|Pousada)"
    r"(?: (?:do|da|dos|das|de|del|della|delle|degli|di|du|des|la|las|los|le))+"
    r" [A-Z][\w’'-]*(?:-[a-z]+-[A-Z][\w’'-]*)?"
)
# A leader news names by surname alone, standing alone: not "Trump Tower", whose longer
# name the model reads itself.
_FAMOUS_ALONE = re.compile(
    r"(?<![\w’'.-])(?:"
    + "|".join(sorted((w.capitalize() for w in rules.FAMOUS_SURNAMES_ALONE), key=len)[::-1])
    + r")(?![\w-]| [A-Z])"
)
_SPEAKS = re.compile(r" (?:said|says|announced|added|told|reported|declined|denied)\b")
_POSSESSIVE_TOWN = re.compile(r"(?<![\w’'-])[A-Z][a-z]+['’]s [A-Z][a-z]+(?![\w’'-])")
_SENTENCE_END_INSIDE = re.compile(r"[a-z]{3,}\. [A-Z]")


_NAME_GOES_ON = re.compile(
    r" of (?:the )?[A-Z][\w'’-]*(?: (?:and )?[A-Z][\w'’-]*){0,3}"
    r"| (?:High|Middle|Elementary|Primary|Secondary|Grammar|Junior High|Senior High) School"
)


def _add_shaped(text: str, spans: list[_Span]) -> list[_Span]:
    """Add shaped names: a unit or a venue replaces the model's spans inside it.

    A city before ", ST" only fills a gap: the model's own span there wins.
    """
    datelines = list(_datelines(text))
    # A shape never runs over a sentence's end: "in Port Sudan. Hope Bridge International".
    shaped = [
        sp
        for sp in _shaped_names(text, datelines)
        if not _SENTENCE_END_INSIDE.search(text, sp.start, sp.end)
    ]
    # A shape that only repeats what the model and the context already say adds nothing, and
    # must not replace a span whose evidence is stronger ("agencies like Dravix, based in").
    same = {(sp.start, sp.end, sp.kind): sp.weight for sp in spans}
    shaped = [sp for sp in shaped if same.get((sp.start, sp.end, sp.kind), 0.0) < sp.weight]
    # A strong span of the article's own words is not cut back by a shape inside it:
    # "U.S. Capitol Police" stays whole though "U.S. Capitol" is shaped like a venue.
    held = _Occupied(
        [
            sp
            for sp in spans
            if sp.weight >= rules.STRONG_CUE_VOTE
            and not _RUN_ON_WORDS.search(text, sp.start, sp.end)
        ]
    )
    shaped = [sp for sp in shaped if not held.strictly_inside(sp.start, sp.end)]
    # A shape that the model's name goes on past takes the whole name: "the Canadian Museum"
    # + " of Nature", "Pine Forest" + " High School".
    ends = {sp.start: sp.end for sp in spans if sp.source == "model"}
    for sp in shaped:
        end = ends.get(sp.start, sp.end)
        if end > sp.end and _NAME_GOES_ON.fullmatch(text, sp.end, end) is not None:
            sp.end = end
    # A known name inside the model's longer name is part of it: "Customs and Border Patrol".
    known = {(m.start(), m.end()) for m in _SERVICE.finditer(text) if " " in m.group()}
    if known:
        model = _Occupied(sp for sp in spans if sp.source == "model" and sp.kind is Kind.GROUP)
        shaped = [
            sp
            for sp in shaped
            if (sp.start, sp.end) not in known or not model.strictly_inside(sp.start, sp.end)
        ]
    strong = [sp for sp in shaped if sp.weight >= rules.STRONG_CUE_VOTE]
    weak = [sp for sp in shaped if sp.weight < rules.STRONG_CUE_VOTE]
    strong.sort(key=lambda sp: (sp.start, -sp.end))
    taken = _Occupied()
    added: list[_Span] = []
    for sp in strong:
        if not taken.overlaps(sp.start, sp.end):
            taken.add(sp.start, sp.end)
            added.append(sp)
    openers = _dateline_openers(text, datelines)
    kept = [
        sp
        for sp in spans
        if not taken.overlaps(sp.start, sp.end) and not _plain_opener(text, sp, openers)
    ]
    for sp in kept:
        taken.add(sp.start, sp.end)
    for sp in sorted(weak, key=lambda sp: sp.start - sp.end):  # the longer name first
        if not taken.overlaps(sp.start, sp.end):
            taken.add(sp.start, sp.end)
            added.append(sp)
    return sorted(kept + added, key=lambda sp: sp.start)


def _dateline_openers(text: str, datelines: Sequence[tuple[int, int]]) -> set[int]:
    """Where the first word after each dateline is ("BAIDOA - Aid workers said")."""
    out = set()
    for _start, end in datelines:
        tail = _DATELINE_TAIL.match(text, end)
        if tail is not None:
            out.add(tail.end())
    return out


def _plain_opener(text: str, sp: _Span, openers: set[int]) -> bool:
    """A capitalised word that only opens the sentence after a dateline ("Aid")."""
    word = text[sp.start : sp.end]
    if sp.start not in openers or sp.is_norp or " " in word or word.isupper():
        return False
    if rules.DEMONYM.search(word) or word.endswith(("i", "an")):  # "Somali", "Velmoran"
        return False
    if _is_town_or_nation(word) or is_company_name(word) or is_given_name(word):
        return False  # "LONDON (Reuters) - Britain said": a name, not a sentence's first word
    return len(re.findall(rf"(?<!\w){re.escape(word)}(?!\w)", text)) == 1


# --- step 5: the user's knowledge -----------------------------------------------------------


@dataclass(frozen=True)
class _KnownNames:
    """The knowledge's names as the overlay looks them up (read only: shared between articles)."""

    by_norm: dict[str, KnownEntity]  # normalized alias -> its entity (the lowest id wins)
    # A dismissed name is not highlighted even when an entity has it: the entity
    # keeps its notes, it is just not found by that name. Names the user gave are
    # matched even when they are common words ("Mark as person" on "Sunday"):
    # names learnt from articles never include those (EntityView.ref filters them).
    aliases: tuple[str, ...]
    by_alias: dict[tuple[str, Kind], int]  # (normalized alias, kind) -> entity id (first wins)


_last_known: tuple[tuple[KnownEntity, ...], frozenset[str], _KnownNames] | None = None


def _known_names(knowledge: Knowledge) -> _KnownNames:
    """The lookups built from `knowledge`, kept for the knowledge last asked about.

    A refresh runs the overlay on a thousand articles with one knowledge;
    building these again for each article cost a tenth of the overlay
    (issue 8). Entities and dismissed names are immutable, so the same objects
    mean the same names.
    """
    global _last_known
    last = _last_known  # one read: other threads may run the overlay too
    if last is not None and last[0] is knowledge.entities and last[1] is knowledge.dismissed:
        return last[2]
    by_norm: dict[str, KnownEntity] = {}
    for entity in sorted(knowledge.entities, key=lambda e: e.id):
        for alias in (entity.name, *entity.aliases):
            by_norm.setdefault(normalize(alias), entity)
    aliases = tuple(
        a
        for e in knowledge.entities
        for a in (e.name, *e.aliases)
        if normalize(a) not in knowledge.dismissed
    )
    by_alias: dict[tuple[str, Kind], int] = {}
    for entity in knowledge.entities:
        for alias in (entity.name, *entity.aliases):
            by_alias.setdefault((normalize(alias), entity.kind), entity.id)
    names = _KnownNames(by_norm, aliases, by_alias)
    _last_known = (knowledge.entities, knowledge.dismissed, names)
    return names


def _apply_knowledge(text: str, spans: list[_Span], knowledge: Knowledge) -> list[_Span]:
    """Every alias of every known entity is a mention and wins; dismissed names go."""
    if knowledge.dismissed:
        spans = [
            sp for sp in spans if normalize(text[sp.start : sp.end]) not in knowledge.dismissed
        ]
    names = _known_names(knowledge)
    found: list[_Span] = []
    taken = _Occupied()
    starts = [sp.start for sp in spans]  # model spans: sorted and non-overlapping
    for s, e, norm in longest_first(find_names(text, names.aliases)):
        known = names.by_norm.get(norm)
        if known is None:
            continue
        s, e = clean_boundaries(text, s, e)
        if e <= s or taken.overlaps(s, e):
            continue
        i = bisect.bisect_right(starts, s) - 1
        if (
            i >= 0
            and spans[i].start <= s
            and e <= spans[i].end
            and e - s < spans[i].end - spans[i].start
        ):
            continue  # a known "Hassan" must not cut "Omar Hassan" out of the model's span
        taken.add(s, e)
        found.append(_Span(s, e, known.kind, "knowledge", known.id))
    kept = [sp for sp in spans if not taken.overlaps(sp.start, sp.end)]
    return sorted(kept + found, key=lambda sp: sp.start)


# --- step 6: names the text defines ---------------------------------------------------------


@dataclass
class _TextAliases:
    """Acronyms and surnames this article introduces, with the kind they inherit."""

    acronyms: dict[str, tuple[str, Kind]] = field(default_factory=dict)  # norm -> surface, kind
    surnames: dict[str, str] = field(default_factory=dict)  # norm -> surface
    surname_from: dict[str, int] = field(default_factory=dict)  # valid after the full name


def _defines(name: str, acronym: str, kind: Kind) -> bool:
    """Whether "name (ACRONYM)" gives the name's short form.

    Its initials, or, for an organisation, any short capitals: many are of the
    name in its own language ("National Liberation Army (ELN)"), or its ticker.
    """
    if acronym in rules.COUNTRY_CODES and kind is Kind.PERSON:
        return False  # "Jo Pike (BEL)": her country
    if acronym_of(name, acronym):
        return True
    return (
        kind is Kind.GROUP
        and _CAPITALS.fullmatch(acronym) is not None
        and acronym not in rules.NEWS_AGENCIES
    )


# A nickname in quotes between a given name and the surname: 'Joaquín "El Chapo" Guzmán'.
_AFTER_NICKNAME = re.compile(r"""[A-Z][\w.' -]*["”'’]\s$""")


def _surnames(text: str, sp: _Span) -> list[str]:
    """`surname_of` a person's name, as a list (none for other kinds)."""
    last = surname_of(text[sp.start : sp.end]) if sp.kind is Kind.PERSON else None
    return [last] if last is not None else []


def _first_surnames(text: str, sp: _Span) -> list[str]:
    """A person's other surnames, that stand for the person alone too.

    Spanish and Portuguese names carry two surnames and news uses the first
    alone ("Joaquín Guzmán Loera" is "Guzmán", "Luiz Inácio Lula da Silva"
    "Lula"); so does a surname after a quoted nickname ("El Chapo" Guzmán Loera).
    A given name, a town and a particle never count ("George Washington Carver");
    callers also leave out a word the article uses as a place ("Laura Guerrero
    Almazán" in "Guerrero state").
    """
    if sp.kind is not Kind.PERSON:
        return []
    name = text[sp.start : sp.end]
    words = name.split()
    if len(words) < 2 or family_name_first(words) is not None:
        return []
    last = surname_of(name)
    nickname = _AFTER_NICKNAME.search(text, max(0, sp.start - 40), sp.start) is not None
    return [
        word
        for word in words[0 if nickname else 1 : -1]
        if len(word) >= 3
        and word[:1].isupper()
        and word.isalpha()
        and word != last
        and not is_given_name(word)
        and not _is_town_or_nation(word)
        and normalize(word) not in rules.AMBIGUOUS_WORDS
        and normalize(word) not in rules.PERSON_TITLES
        and normalize(word) not in rules.NAME_SUFFIXES
    ]


def _places_or_peoples(text: str, spans: Sequence[_Span]) -> set[str]:
    """The names some mention in this article takes for a place, a nationality or a faith."""
    return {
        normalize(text[sp.start : sp.end]) for sp in spans if sp.kind is Kind.PLACE or sp.is_norp
    }


def _text_aliases(text: str, spans: list[_Span]) -> _TextAliases:
    found = _TextAliases()
    places = _places_or_peoples(text, spans)
    for sp in spans:  # sorted: the first full name sets where its surname becomes valid
        name = text[sp.start : sp.end]
        m = rules.ACRONYM_DEF.match(text, sp.end)
        if m and _defines(name, m.group(1), sp.kind):
            found.acronyms.setdefault(normalize(m.group(1)), (m.group(1), sp.kind))
        for last in _surnames(text, sp) + [
            w for w in _first_surnames(text, sp) if normalize(w) not in places
        ]:
            found.surnames.setdefault(normalize(last), last)
            found.surname_from.setdefault(normalize(last), sp.start)
    return found


# --- step 7: one name, one meaning ---------------------------------------------------------

# On a tied vote a bare name is most often a place in news text.
_TIE_ORDER = {Kind.PLACE: 2, Kind.GROUP: 1, Kind.PERSON: 0}


_SPORT_WORDS = re.compile(
    r"\b(?:league|season|coach|playoffs?|tournament|championship|match|club|striker|"
    r"quarterback|scored|goals?|innings|touchdowns?|stadium|fixture|relegation|captain|"
    r"wickets?|laps?|podium|semi-finals?|quarter-finals?|playoff)\b"
)


@functools.lru_cache(maxsize=4)
def _sport_words(text: str) -> int:
    """How many words of sport an article has: a team sheet wants two, a match report three."""
    return len(_SPORT_WORDS.findall(text))


def _is_sport(text: str, spans: list[_Span]) -> bool:
    """A match report or a sports column, where a city's name often stands for its team.

    Three sports words, or a team and a sports word: "Patriots for Europe" alone
    is a party group, and a flood story that names two postponed teams is no match.
    """
    words = _sport_words(text)
    if words >= 3:
        return True
    return words >= 1 and any(
        sp.kind is Kind.GROUP and _is_team(text[sp.start : sp.end]) for sp in spans
    )


def _city_votes(
    text: str, spans: list[_Span], votes: dict[str, dict[Kind, float]], mentions: Counter[str]
) -> None:
    """A known town's or country's name counts as a place as often as it is mentioned.

    So the model's labels alone ("Karachi" as a group twice) do not outvote it,
    while a strong cue, a full name it is the surname of, or the user's
    knowledge still do. In sport a town may be its team: there only a person
    label gives way.
    """
    sport: bool | None = None
    for norm, kinds in votes.items():
        if not _is_town(norm):
            continue
        if kinds.get(Kind.GROUP, 0.0) > 0:
            sport = _is_sport(text, spans) if sport is None else sport
            if sport:
                # "Wales" the model took for a man is the team, where it is one at all (a
                # manager called by a town's name, "Southgate", is a person still where
                # the article gives his full name: the surname vote outweighs this)
                kinds[Kind.GROUP] += kinds.pop(Kind.PERSON, 0.0)
                continue
        kinds[Kind.PLACE] += rules.CITY_VOTE * mentions[norm]


def _not_the_club(text: str, start: int, end: int) -> bool:
    """A club's last word here names something else: "the City", "City of", "City Hall"."""
    return (
        text[max(0, start - 4) : start] in ("the ", "The ")
        or _NAME_GOES_ON_AFTER_CLUB.match(text, end) is not None
    )


_NAME_GOES_ON_AFTER_CLUB = re.compile(r" (?:[A-Z]|of\b)")


def _company_short_name(text: str, sp: _Span) -> str | None:
    """A company's name without its corporate ending, if it is no town ("Lumora Labs").

    A club's name gives its last word ("Aston Villa": "Villa").
    """
    words = text[sp.start : sp.end].split()
    if sp.kind is not Kind.GROUP or len(words) < 2:
        return None
    if len(words) == 2 and normalize(text[sp.start : sp.end]) in rules.CLUB_NAMES:
        return words[1]
    if words[-1].casefold() not in rules.COMPANY_SUFFIXES:
        return None
    short = " ".join(words[:-1]).rstrip(",")
    return None if _is_town(short) or is_given_name(short) else short


def _agency_capitals(name: str) -> bool:
    """Capitals that name no place ("CBP"): "near CBP facilities" is not evidence enough."""
    return name.isupper() and name not in rules.PLACE_ACRONYMS and not is_place_name(name)


def _vote(text: str, spans: list[_Span], defined: _TextAliases) -> dict[str, Kind]:
    """One name, one meaning: each mention's kind from the article's evidence and its own.

    The model's labels and strong cues of every mention of a name add up. A
    mention keeps its own kind when it has strong evidence of its own, or
    when its model label and its own context agree ("in Pittsburgh" after
    "Pittsburgh quarterback"); a tie keeps the model's label. A surname counts
    as the person's only from the full name on, so "Michael Jordan" late in an
    article leaves the country "Jordan" before it alone. Returns the kind a
    name gets where the model did not tag it.
    """
    headline_end = max(text.find("\n"), 0)
    votes: dict[str, dict[Kind, float]] = defaultdict(lambda: defaultdict(float))
    mentions: Counter[str] = Counter()
    sport = _is_sport(text, spans)
    for sp in spans:
        norm = normalize(text[sp.start : sp.end])
        votes[norm][sp.kind] += rules.KNOWLEDGE_VOTE if sp.source == "knowledge" else sp.weight
        mentions[norm] += 1
        short = _company_short_name(text, sp)
        if short == "City" and not sport:
            short = None  # "Manchester City" in a story of property: "the City" is London's
        if short is not None:  # "Lumora Labs": later "Lumora" is the company
            votes[normalize(short)][Kind.GROUP] += rules.STRONG_CUE_VOTE * 2
    _city_votes(text, spans, votes, mentions)
    # Each definition counts once per occurrence of its full form.
    aliases: dict[str, dict[Kind, float]] = defaultdict(lambda: defaultdict(float))
    not_surnames = _places_or_peoples(text, spans)  # "Shia" of "Mohammed Shia al-Sudani"
    for sp in spans:
        m = rules.ACRONYM_DEF.match(text, sp.end)
        if m and _defines(text[sp.start : sp.end], m.group(1), sp.kind):
            aliases[normalize(m.group(1))][sp.kind] += rules.TEXT_ALIAS_VOTE
        for last in _surnames(text, sp) + [
            w for w in _first_surnames(text, sp) if normalize(w) not in not_surnames
        ]:
            aliases[normalize(last)][Kind.PERSON] += rules.TEXT_ALIAS_VOTE
    best: dict[str, Kind] = {}
    for norm in set(votes) | set(aliases):
        total = defaultdict(float, votes[norm])
        for kind, weight in aliases[norm].items():
            total[kind] += weight
        best[norm] = max(total, key=lambda k: (total[k], _TIE_ORDER[k]))
    for sp in spans:
        if sp.source == "knowledge" or sp.weight >= rules.STRONG_CUE_VOTE:
            continue
        name = text[sp.start : sp.end]
        if name == "City" and _not_the_club(text, sp.start, sp.end):
            continue  # "the City" of London, "City of Melbourne": not the club "City"
        if any(hint is sp.kind for hint, _ in sp.hints) and not _agency_capitals(name):
            continue  # the model and the words around this mention agree
        norm = normalize(name)
        score = defaultdict(float, votes[norm])
        for hint, weight in sp.hints:
            score[hint] += weight
        # A headline names by surname the people its body introduces in full.
        after_full_name = sp.start >= defined.surname_from.get(norm, len(text)) or (
            sp.start < headline_end and norm in defined.surname_from
        )
        if after_full_name or norm not in defined.surnames or sp.kind is not Kind.PLACE:
            for kind, weight in aliases[norm].items():
                score[kind] += weight
        top = max(score.values())
        if score[sp.kind] < top:
            sp.kind = max(score, key=lambda k: (score[k], _TIE_ORDER[k]))
    return best


# --- step 8: untagged occurrences ------------------------------------------------------------


# The model's labels for things that are not entities but may hold a name ("Paris Air
# Show", "Apple Watch", "Digital Markets Act"): no name is highlighted inside them.
_THING_LABELS = frozenset("EVENT PRODUCT LAW WORK_OF_ART".split())


def _named_things(
    text: str, model_spans: Sequence[ModelSpan], spans: Sequence[_Span] = ()
) -> list[tuple[int, int]]:
    """What the model called a thing, but not a person's surname alone.

    "a screen pass to Cooper" (a product to the model) after "Riley Cooper" is the man, and
    so is "Cooper" in "Cooper with 4:28 remaining" (a work of art to it).
    """
    surnames = {normalize(w) for sp in spans for w in _surnames(text, sp)}
    return [
        (ms.start, ms.end)
        for ms in model_spans
        if ms.label.upper() in _THING_LABELS
        and not _town_as_a_thing(text, ms)
        and not _surname_as_a_thing(text, ms.start, ms.end, surnames)
    ]


def _surname_as_a_thing(text: str, start: int, end: int, surnames: Collection[str]) -> bool:
    """A surname alone or before a lower-case word ("Cooper with 4:28"); not "Brandt Atlas".

    Nor before a prize's word: "each Nobel laureate" is no Alfred Nobel.
    """
    words = text[start:end].split()
    after = _word_after(text, end)
    return (
        bool(words)
        and normalize(words[0]) in surnames
        and (len(words) == 1 or (not words[1][:1].isupper() and words[1] not in _THING_NOUNS))
        and (len(words) > 1 or after not in _THING_NOUNS)
    )


# Lower-case words that make a surname a thing's name: "Nobel laureate", "Booker prize".
_THING_NOUNS = frozenset("laureate laureates prize prizes award awards lecture lectures".split())


def _town_as_a_thing(text: str, ms: ModelSpan) -> bool:
    """A known town or country the model called a product, an event or a work."""
    return ms.label.upper() in _THING_LABELS and _is_town(text[ms.start : ms.end])


def _spread(
    text: str,
    spans: list[_Span],
    best: dict[str, Kind],
    defined: _TextAliases,
    things: Sequence[tuple[int, int]] = (),
) -> list[_Span]:
    """Highlight occurrences of a name that the model tagged elsewhere in this article.

    Never inside what the model called an event, a product, a law or a work (`things`).
    """
    headline_end = max(text.find("\n"), 0)
    surface: dict[str, str] = {}
    for sp in spans:
        name = text[sp.start : sp.end]
        surface.setdefault(normalize(name), name)
    for norm, (acronym, _) in defined.acronyms.items():
        surface.setdefault(norm, acronym)
    for norm, last in defined.surnames.items():
        surface.setdefault(norm, last)
    clubs = {  # "Manchester City", then "City took charge"
        normalize(words[1]): words[1]
        for sp in spans
        if sp.kind is Kind.GROUP
        and len(words := text[sp.start : sp.end].split()) == 2
        and normalize(text[sp.start : sp.end]) in rules.CLUB_NAMES
        and (words[1] == "City" or not _is_town(words[1]))  # "Atletico Madrid": the city
    }
    for norm, short in clubs.items():
        surface.setdefault(norm, short)
    names = [
        name
        for name in surface.values()
        if name[:1].isupper() or name.startswith(rules.LOWER_NAME_STARTS)
    ]
    out = list(spans)
    taken = _Occupied(out)
    titles = _quoted_titles(text)
    for ts, te in _merged(things):  # "FTSE 100" and the model's "100" inside it: one range
        if not titles.overlaps(ts, te):
            titles.add(ts, te)
    for s, e, norm in longest_first(find_names(text, names)):
        e = clean_boundaries(text, s, e)[1]
        early = s < defined.surname_from.get(norm, s) and s >= headline_end
        if early or norm in rules.AMBIGUOUS_WORDS:
            continue
        if norm in clubs and _not_the_club(text, s, e):
            continue  # "City Hall", "City of Melbourne", "the City" (of London): no club
        if _in_a_thing(text, s, e, best.get(norm, Kind.GROUP)):
            continue
        if norm in best and e > s and not taken.overlaps(s, e) and not titles.overlaps(s, e):
            taken.add(s, e)
            span = _Span(s, e, best[norm], "context")
            cue, strong = context_kind(text, s, e, span.kind, False)
            if cue is not None and strong:
                span.kind = cue  # "Dlamini, the 24-year-old fast bowler": its own words win
                span.weight = rules.STRONG_CUE_VOTE
            if span.kind is Kind.PERSON:
                _given_name_before(text, span, taken)  # "Max" + "Verstappen"
            out.append(span)
    return sorted(out, key=lambda sp: sp.start)


def _is_given_name_here(word: str) -> bool:
    """A given name, and not a title or a small word that census lists also hold ("King", "In")."""
    folded = word.casefold()
    return is_given_name(word) and folded not in _TITLE_WORDS and folded not in _NOT_A_NAME_START


def _given_name_before(text: str, sp: _Span, taken: _Occupied) -> None:
    """A common given name right before a person's name is the start of it."""
    m = _WORD_BEFORE_NAME.search(text, max(0, sp.start - 20), sp.start)
    if (
        m is not None
        and _is_given_name_here(m.group(1))
        and not taken.overlaps(m.start(1), sp.start)
    ):
        taken.add(m.start(1), sp.start)
        sp.start = m.start(1)


# --- step 9: clusters and links --------------------------------------------------------------


def _cluster(text: str, spans: list[_Span]) -> dict[str, str]:
    """Map each normalized name to its cluster's display name (the fullest form)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra

    display: dict[str, str] = {}
    for sp in spans:
        name = text[sp.start : sp.end]
        norm = normalize(name)
        find(norm)
        if len(name) > len(display.get(norm, "")):
            display[norm] = name
    full_names: dict[str, set[str]] = defaultdict(set)  # surname -> full names using it
    places = _places_or_peoples(text, spans)
    for sp in spans:
        for last in _surnames(text, sp) + [
            w for w in _first_surnames(text, sp) if normalize(w) not in places
        ]:
            full_names[normalize(last)].add(normalize(text[sp.start : sp.end]))
    for sp in spans:
        name = text[sp.start : sp.end]
        m = rules.ACRONYM_DEF.match(text, sp.end)
        if m and normalize(m.group(1)) in parent and _defines(name, m.group(1), sp.kind):
            union(normalize(name), normalize(m.group(1)))
        # "Hassan" joins "Ali Hassan" only if no "Omar Hassan" is in the article too.
        for last in _surnames(text, sp) + _first_surnames(text, sp):
            if normalize(last) in parent and len(full_names.get(normalize(last), ())) == 1:
                union(normalize(name), normalize(last))
        if sp.entity_id is not None:
            union(f"#entity{sp.entity_id}", normalize(name))
    # "U.N." and "UN" stand for "United Nations" in the same article, defined or not.
    by_initials: dict[tuple[str, Kind], set[str]] = defaultdict(set)
    for sp in spans:
        name = text[sp.start : sp.end]
        words = [w for w in name.split() if w.casefold() not in rules.TITLE_SMALL_WORDS]
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            by_initials["".join(w[0] for w in words), sp.kind].add(normalize(name))
    for sp in spans:
        name = text[sp.start : sp.end]
        letters = name.replace(".", "")
        if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper():
            full = by_initials.get((letters, sp.kind), set())
            if len(full) == 1:
                union(next(iter(full)), normalize(name))
    groups: dict[str, list[str]] = defaultdict(list)
    for norm in list(parent):
        groups[find(norm)].append(norm)
    result: dict[str, str] = {}
    for members in groups.values():
        names = [display[m] for m in members if m in display]
        if not names:
            continue
        best = max(names, key=lambda n: (len(n.split()), len(n)))
        for member in members:
            result[member] = best
    return result


def _to_mentions(
    text: str, spans: list[_Span], clusters: dict[str, str], knowledge: Knowledge
) -> list[Mention]:
    by_alias = _known_names(knowledge).by_alias
    key_entity: dict[tuple[str, Kind], int] = {}
    for sp in spans:
        norm = normalize(text[sp.start : sp.end])
        key = clusters.get(norm, text[sp.start : sp.end])
        entity_id = sp.entity_id or by_alias.get((norm, sp.kind))
        if entity_id is None:
            entity_id = by_alias.get((normalize(key), sp.kind))
        if entity_id is not None:
            key_entity.setdefault((key, sp.kind), entity_id)
    mentions = []
    for sp in spans:
        name = text[sp.start : sp.end]
        key = clusters.get(normalize(name), name)
        entity_id = sp.entity_id or key_entity.get((key, sp.kind))
        mentions.append(Mention(sp.start, sp.end, name, sp.kind, key, entity_id, sp.source))
    return mentions


# Bump when a rule changes what `overlay` returns: stored mentions made by older rules
# are then recomputed from the cached model output (no model run), so an upgrade shows
# its better highlights in every saved article, not only in new ones.
RULES_VERSION = "2026-12-08.7"


def mentions_key(pipeline: str, version: str) -> str:
    """What stored mentions were made from: the model's output and these rules."""
    return f"{pipeline}@{version}+rules {RULES_VERSION}"


def overlay(
    text: str, model_spans: Sequence[ModelSpan], knowledge: Knowledge | None = None
) -> list[Mention]:
    """The article's mentions: the model's spans refined by rules and the user's knowledge."""
    return finish(text, prepare(text, model_spans), knowledge)


@dataclass(frozen=True)
class Prepared:
    """What the rules make of the model's spans before the user's knowledge is applied.

    The same for a text whatever the user has taught Reader, so it is kept
    beside the model's output (`model_cache.prepared`): a correction that
    touches a thousand articles then redoes only the knowledge's part, which
    is less than half the work.
    """

    spans: tuple[_Span, ...]
    things: tuple[tuple[int, int], ...]  # what the model called events, products, laws

    def to_json(self) -> str:
        """Compact JSON, stamped with the rules' version that made it."""
        return json.dumps(
            {
                "rules": RULES_VERSION,
                "spans": [
                    [
                        sp.start,
                        sp.end,
                        sp.kind.value,
                        sp.source,
                        sp.is_norp,
                        sp.weight,
                        [[k.value, w] for k, w in sp.hints],
                    ]
                    for sp in self.spans
                ],
                "things": [list(t) for t in self.things],
            },
            separators=(",", ":"),
        )

    @staticmethod
    def from_json(data: str | None) -> Prepared | None:
        """The stored form back, or None if it is missing, damaged or made by other rules."""
        if not data:
            return None
        try:
            raw = json.loads(data)
            if raw.get("rules") != RULES_VERSION:
                return None
            spans = tuple(
                _Span(
                    int(s),
                    int(e),
                    Kind(kind),
                    str(source),
                    None,
                    bool(norp),
                    float(weight),
                    [(Kind(k), float(w)) for k, w in hints],
                )
                for s, e, kind, source, norp, weight, hints in raw["spans"]
            )
            things = tuple((int(a), int(b)) for a, b in raw["things"])
        except (ValueError, TypeError, KeyError, AttributeError):
            return None
        return Prepared(spans, things)


def prepare(text: str, model_spans: Sequence[ModelSpan]) -> Prepared:
    """The rules' part of `overlay` that does not depend on the user's knowledge."""
    spans = _candidates(text, model_spans)
    spans = _join_pieces(text, spans)
    spans = _acronym_tails(text, spans)
    _universities_of_towns(text, spans)
    spans = _extend_names(text, spans)
    _team_prefixes(text, spans)
    spans = _team_nicknames(text, spans)
    spans = _context_cues(text, spans)
    _cities_for_teams(text, spans)
    spans = _teams_by_results(text, spans)
    _state_universities(text, spans)
    _places_playing(text, spans)
    _racing_teams(text, spans)
    _clubs_named_for_towns(text, spans)
    _discount_headline(text, spans)
    spans = _add_shaped(text, spans)
    spans = _drop_common_words(text, spans)
    spans = _people_by_given_names(text, spans)
    spans = _drop_craft(text, spans)
    things = _things_by_name(text)
    spans = _drop_inside(spans, things)
    _people_by_surnames(text, spans)
    return Prepared(tuple(spans), tuple(_named_things(text, model_spans, spans)) + things)


_CAPITALISED_WORD = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]*(?![\w-])")
_LOWER_CASE_WORD = re.compile(r"(?<![\w’'-])[a-z][\w’'-]*(?![\w’'-])")
# One or two capitalised words before a name, the first a given name: "Thandiwe Nomvula ".
_GIVEN_RUN_BEFORE = re.compile(r"(?<![\w’'.-])([A-Z][^\W\d_]+)(?: [A-Z][^\W\d_]+)? $")


def _people_by_given_names(text: str, spans: list[_Span]) -> list[_Span]:
    """A one-word "group" that a given name precedes somewhere is a person's surname.

    The model tags "Dlamini-Reyes" as an organisation everywhere, but "Thandiwe
    Nomvula Dlamini-Reyes" in the article says whose name it is; the full name
    found there outvotes the rest (the vote's surname rule).
    """
    names = {
        text[sp.start : sp.end]
        for sp in spans
        if sp.kind is Kind.GROUP
        and not sp.is_norp
        and sp.weight < rules.STRONG_CUE_VOTE
        and " " not in text[sp.start : sp.end]
        and not text[sp.start : sp.end].isupper()
        and not _is_town(text[sp.start : sp.end])
        and not _is_team(text[sp.start : sp.end])
    }
    if not names:
        return spans
    taken = _Occupied(spans)
    extents = {(sp.start, sp.end) for sp in spans}
    added: list[_Span] = []
    replaced: set[tuple[int, int]] = set()
    for m in _CAPITALISED_WORD.finditer(text):  # one pass over the text, not one per name
        if m.group() not in names:
            continue
        before = _GIVEN_RUN_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if before is None or not _is_given_name_here(before.group(1)):
            continue
        if any(w.casefold() in _TITLE_WORDS for w in text[before.start() : m.start()].split()):
            continue
        start = before.start(1)
        same = (m.start(), m.end()) in extents
        if taken.overlaps(start, m.start()) or (not same and taken.overlaps(m.start(), m.end())):
            continue  # not into a longer name: "Melinda" + "Gates" of "Gates Foundation"
        replaced.add((m.start(), m.end()))
        added.append(_Span(start, m.end(), Kind.PERSON, weight=rules.STRONG_CUE_VOTE))
        taken.add(start, m.end())
    kept = [sp for sp in spans if (sp.start, sp.end) not in replaced]
    return sorted(kept + added, key=lambda sp: sp.start)


# A spacecraft named by its kind: "the Hera spacecraft", "the Thalassa lander".
_CRAFT = re.compile(
    r"(?<![\w’'-])([A-Z][\w-]*(?: [A-Z][\w-]*){0,2}) (?:spacecraft|lander|rover|orbiter|"
    r"space probe|telescope|space telescope|cubesat|CubeSat)\b"
    # A telescope by its name: "the Hubble Space Telescope", then "Hubble images".
    r"|(?<![\w’'-])([A-Z][\w-]*(?: [A-Z][\w-]*){0,2}?) (?:Space )?Telescope\b"
)


_PLANETS = frozenset("mercury venus earth moon mars jupiter saturn uranus neptune pluto".split())


def _drop_craft(text: str, spans: list[_Span]) -> list[_Span]:
    """A spacecraft is a product, not a person or an agency, in every mention.

    Not capitals ("a NASA spacecraft"), a listed company ("a Boeing lander"), a
    brand ("a SpaceX spacecraft"), a place or a nationality ("the Mars rover",
    "the Chinese spacecraft").
    """
    crafts: set[str] = set()
    for m in _CRAFT.finditer(text):
        if m.group(2) is not None:
            crafts.add(normalize(m.group()))  # the telescope's whole name too
            if " " in m.group(2) or is_given_name(m.group(2)):
                continue  # "James Webb Space Telescope": "James Webb" stays the man
        words = (m.group(1) or m.group(2)).split()
        while words and words[0].casefold() in _NOT_A_NAME_START:
            words = words[1:]  # "The Velka spacecraft"
        name = " ".join(words)
        if (
            name
            and not name.isupper()
            and not is_company_name(name)
            and not _is_town_or_nation(name)
            and not rules.DEMONYM.search(name)
            and not rules.INNER_CAPITAL.match(name)
            and normalize(name) not in _PLANETS
        ):
            crafts.add(normalize(name))
    if not crafts:
        return spans
    return [sp for sp in spans if normalize(text[sp.start : sp.end]) not in crafts]


# Words for any organisation that open a sentence as a modifier ("State miner Gecamines").
_GENERIC_OPENERS = frozenset(
    """state party council finance cabinet credit healthcare ministry government department
    royal police navy army provincial federal county city town""".split()
)
# People or parts of an organisation after a word that opens a sentence ("Party insiders").
_ROLE_NOUN_AFTER = re.compile(
    r" (?:members?|insiders|officials?|ministry|ministries|secretaries|secretary|miner|"
    r"spokes(?:man|woman|person)|leaders?|sources|staff|staffers|chair|chairman|chairwoman|"
    r"premier|ministers?|correspondent|editor|workers|employees|lawmakers|councillors?)\b"
)


_AT_FROM_OF = frozenset("at from of".split())


def _people_by_surnames(text: str, spans: list[_Span]) -> None:
    """A full name whose surname the article calls a person is a person's name.

    "Then Kagiso Dlamini took the new ball" (a group to the model) and later
    "Dlamini, the 24-year-old fast bowler": the age says whose name it is.
    """
    where: dict[str, list[tuple[int, int]]] | None = None  # each word's places, found once
    checked: dict[str, bool] = {}  # each surname looked at once: a person's, or not
    for sp in spans:
        words = text[sp.start : sp.end].split()
        if (
            sp.kind is Kind.PERSON
            or sp.weight >= rules.STRONG_CUE_VOTE
            or sp.is_norp
            or not 2 <= len(words) <= 3
            or not all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)
            or _is_town(text[sp.start : sp.end])
            or _is_team(text[sp.start : sp.end])
            or is_company_name(text[sp.start : sp.end])
            or (sp.kind is Kind.GROUP and _raw_word_before(text, sp.start).lower() in _AT_FROM_OF)
        ):
            continue  # "researchers at Johns Hopkins" is the university
        last = words[-1]
        if last in checked:
            if checked[last]:
                sp.kind, sp.weight = Kind.PERSON, rules.STRONG_CUE_VOTE
            continue
        if where is None:
            where = defaultdict(list)
            for m in _CAPITALISED_WORD.finditer(text):
                where[m.group()].append((m.start(), m.end()))
        checked[last] = False
        for start, end in where.get(last, ()):
            if sp.start <= start < sp.end:
                continue
            cue, strong = context_kind(text, start, end, Kind.PERSON, False)
            if cue is Kind.PERSON and strong:
                sp.kind, sp.weight = Kind.PERSON, rules.STRONG_CUE_VOTE
                checked[last] = True
                break


def _drop_common_words(text: str, spans: list[_Span]) -> list[_Span]:
    """A one-word "person" that the article also writes in lower case is a word or a thing.

    "Turnout was low", "Losartan ... the losartan group": the model took a
    capitalised first word or a drug for a name. Given names and common
    surnames stay ("Hope", "Rice"), and so does a name a strong cue made a person's.
    A generic word for an organisation that opens a sentence before a role
    ("State miner Gecamines", "Council member Jo Pike") is dropped too, where
    the article writes "state" or "council" in lower case as well.
    """
    lower = _lower_case_words(text)
    out = []
    for sp in spans:
        word = text[sp.start : sp.end]
        if (
            sp.kind is Kind.PERSON
            and sp.weight < rules.STRONG_CUE_VOTE
            and word.isalpha()
            and word[:1].isupper()
            and word[1:].islower()
            and not is_given_name(word)
            and not is_common_surname(word)
            and word.lower() in lower
        ):
            continue
        if (
            sp.kind is Kind.PERSON
            and sp.weight < rules.STRONG_CUE_VOTE
            and word.casefold() in rules.SENTENCE_OPENING_WORDS
        ):
            continue  # "Turnout was 61%": a word of news that opens a sentence
        if (
            sp.kind is Kind.GROUP
            and word.lower() in _GENERIC_OPENERS
            and word.lower() in lower
            and _sentence_start(text, sp.start)
            and _ROLE_NOUN_AFTER.match(text, sp.end)
        ):
            continue  # "State miner Gecamines", "Party insiders said": a word before a noun
        if (
            sp.kind is Kind.GROUP
            and not sp.is_norp
            and sp.weight < rules.STRONG_CUE_VOTE
            and word.isalpha()
            and word[:1].isupper()
            and word[1:].islower()
            and word.lower() in lower
            and _only_opens_sentences(text, word)
            and not is_company_name(word)
            and not _SPEAKS.match(text, sp.end)  # "Sky said", "Boots said": the firm
        ):
            continue  # "Farmers in Brittany blocked roads", "the farmers' union": a word
        out.append(sp)
    return out


def _only_opens_sentences(text: str, word: str) -> bool:
    """Every capitalised `word` in the text opens a line or a sentence."""
    return all(
        _sentence_start(text, m.start())
        for m in re.finditer(rf"(?<![\w’'-]){re.escape(word)}(?![\w’'-])", text)
    )


def _families(text: str, spans: list[_Span], best: dict[str, Kind]) -> None:
    """A family by the surname of a person in the article: "the Bidens", "the Obamas".

    Not in sport, where "the Browns" beside "A.J. Brown" is the team.
    """
    if _is_sport(text, spans):
        return
    playing = {
        text[sp.start : sp.end]
        for sp in spans
        if _PLAYS.match(text, sp.end) or _PLAYED.search(text, max(0, sp.start - 20), sp.start)
    }  # "beat the Velks 28-14": a team, wherever else it is named
    for sp in spans:
        name = text[sp.start : sp.end]
        if (
            sp.kind is not Kind.PERSON
            and sp.source != "knowledge"
            and " " not in name
            and name.endswith("s")
            and not _is_team(name)
            and name not in playing
            and text[max(0, sp.start - 4) : sp.start].lower() == "the "
            and best.get(normalize(name[:-1])) is Kind.PERSON
        ):
            sp.kind = Kind.PERSON
            best[normalize(name)] = Kind.PERSON


def _nameless_people(
    text: str, spans: list[_Span], known: Collection[str] = frozenset()
) -> list[_Span]:
    """A one-word "person" the article never names in full is often none.

    News gives a person's full name before the surname alone. A single word the
    model took for a person, with no full name, no title, and not a given name or
    a common surname, was a person about one time in five on the made-up sets:
    an organisation ("Acas said", "Metrolinx") or a place after "in". Real news
    also names the famous by surname alone ("Putin said he ..."), so a known
    surname or a surname's ending, "he" or "she" in the mention's sentence,
    "said Putin", "Putin, who" or "Putin's spokesman" keep the person, and so
    does any story of sport, where players go by one name. Otherwise a place's
    preposition makes it a place, two mentions an organisation, and one mention
    is left out. A surname of a person the user knows (`known`) stays hers: the
    follow-up story that says only "Okafor".
    """
    sport = _sport_words(text) + len(_MORE_SPORT.findall(text))
    if sport >= 2 or (sport and _SCORE.search(text)):
        return spans  # players go by one name ("Pelé", "Pedri"), and teams have rules
    named: set[str] = set()
    lone: dict[str, list[_Span]] = defaultdict(list)
    for sp in spans:
        if sp.kind is not Kind.PERSON:
            continue
        words = text[sp.start : sp.end].split()
        if len(words) > 1:
            named.update(normalize(_ARTICLE_PREFIX.sub("", w)) for w in words)  # "al-Assad"
        else:
            lone[normalize(words[0])].append(sp)
    dropped: set[int] = set()
    headline_end = max(text.find("\n"), 0)
    speakers = {m.start(1) for m in _SPEAKER_AFTER_QUOTE.finditer(text)} if lone else set()
    for norm, group in lone.items():
        word = text[group[0].start : group[0].end]
        if (
            norm in named
            or norm in known
            or norm.removesuffix("s") in named  # "the Bidens" of a "Joe Biden"
            or word.isupper()  # capitals have their own rules ("JFK", "AP NBA")
            or any(sp.source == "knowledge" or sp.weight >= rules.STRONG_CUE_VOTE for sp in group)
            or any(hint is Kind.PERSON for sp in group for hint, _ in sp.hints)
            or is_given_name(word)
            or is_common_surname(word)
            or is_world_surname(word)  # "Kohli", "Erdogan"
            or norm in rules.FAMOUS_SURNAMES  # "Putin said on Thursday"
            or _SURNAME_SHAPE.search(word) is not None  # "Zelensky", "Djokovic", "Rahimova"
            or all(sp.start < headline_end for sp in group)  # "Biden 'Confident' Deal Will Pass"
            or any(sp.start in speakers for sp in group)  # '," Okonjo-Reyes said.'
            or any(_SAID_BEFORE.search(text, max(0, sp.start - 8), sp.start) for sp in group)
            or any(_he_or_she_after(text, sp.end) for sp in group)  # "Putin said he would"
            or any(_PERSONS_OWN.match(text, sp.end) for sp in group)  # "Putin's spokesman"
        ):
            continue
        if any(hint is Kind.PLACE for sp in group for hint, _ in sp.hints):
            for sp in group:
                sp.kind = Kind.PLACE
        elif len(group) > 1:
            for sp in group:
                sp.kind = Kind.GROUP  # "Acas said it would", "Metrolinx"
        else:
            dropped.add(id(group[0]))
    return [sp for sp in spans if id(sp) not in dropped]


# What only a person has: "Putin's spokesman", "Netanyahu's office said".
_PERSONS_OWN = re.compile(
    r",? who\b|['’]s (?:wife|husband|son|daughter|mother|father|brother|sister|family|spokesman|"
    r"spokeswoman|spokesperson|aides?|lawyers?|attorneys?|advis[eo]rs?|office|government|"
    r"administration|campaign|cabinet|allies|supporters|rival|successor|predecessor)\b"
)
# Endings of surnames across Europe and Asia that no English company name has.
_SURNAME_SHAPE = re.compile(
    r"(?:ov|ova|ev|eva|yev|yeva|enko|sky|skiy|ski|ska|vich|vić|vic|ović|ić|escu|yan|"
    r"ashvili|adze|chuk|oglu|oğlu|poulos|akis|ssen|sson)$"
)
_MORE_SPORT = re.compile(
    r"\b(?:quarter-?finals?|semi-?finals?|quarterfinals?|semifinals?|starting (?:XI|line-?up)|"
    r"midfielder|defender|goalkeeper|winger|hamstring|half-time|halftime|"
    r"stoppage time|extra time|equali[sz]er|hat-trick|relegated)\b"
)
_SCORE = re.compile(r"\b\d{1,3}-\d{1,3}\b")
_ARTICLE_PREFIX = re.compile(r"^(?:al|Al|el|El|ad|Ad|as|As)[-‑]")
_SAID_BEFORE = re.compile(r"\b(?:said|says|told|asked) $")
_SENTENCE_STOP = re.compile(r"[.!?][\"”’']?(?:\s|$)")
_PRONOUN = re.compile(r"\b(he|she|his|her|him|himself|herself|it|its|itself)\b|\n\n")


def _he_or_she_after(text: str, end: int) -> bool:
    """Whether the first of "he", "she" or "it" after a name in its sentence is a person's."""
    stop = _SENTENCE_STOP.search(text, end, end + 160)
    m = _PRONOUN.search(text, end, stop.start() if stop else end + 160)
    return m is not None and m.group(1) is not None and not m.group(1).startswith("it")


def _join_people(text: str, spans: list[_Span]) -> list[_Span]:
    """Two names side by side that both came out a person's are one person's name.

    The model cut "Patrice Ilunga" + "Kabeya" and "Chidinma Adaeze" +
    "Okafor-Bello", and only the later steps found that both parts are a person's;
    a lone word after a person that the model took for a place and that no gazetteer
    knows is the name's last part too. Not on a Title Case line (a headline runs
    names into words), nor what the user taught.
    """
    out: list[_Span] = []
    for sp in spans:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind is Kind.PERSON
            and sp.start == prev.end + 1
            and text[prev.end] == " "
            and "knowledge" not in (prev.source, sp.source)
            and _joins_a_person(text, sp)
            and not _in_title_case_line(text, prev.start)
        ):
            out[-1] = replace(prev, end=sp.end, hints=list(prev.hints))
            continue
        out.append(sp)
    return out


# A surname's particle before it, at a name's start: "de Kock", "van der Linde", "ap Gruffydd".
_PARTICLE_BEFORE = re.compile(
    r"(?<![\w’'.-])(?:van der|van den|van de|von der|van|von|de la|de|del|della|di|da|du|"
    r"ter|ten|ap) $"
)


def _particle_surnames(text: str, spans: list[_Span]) -> None:
    """A surname used alone keeps its particle: "de Kock 45*", "said van der Linde".

    Only where the particle opens the name (no capitalised word before it, which
    would be the given name the model left out) and the article writes the
    particle with that surname elsewhere too, in a longer name.
    """
    written: dict[str, bool] = {}  # each particle and surname looked up once
    for sp in spans:
        if sp.kind is not Kind.PERSON or " " in text[sp.start : sp.end] or sp.source == "knowledge":
            continue
        m = _PARTICLE_BEFORE.search(text, max(0, sp.start - 12), sp.start)
        if m is None:
            continue
        before = _raw_word_before(text, m.start())
        if before[:1].isupper() and not _sentence_start(text, m.start() - len(before) - 1):
            continue  # "Quinton de" + "Kock": the given name the model left out, not this rule's
        whole = text[m.start() : sp.end]
        if whole not in written:
            written[whole] = text.count(whole) > 1 or bool(
                re.search(rf"[A-Z][\w’'-]+ {re.escape(whole)}\b", text)
            )
        if written[whole]:
            sp.start = m.start()


def _joins_a_person(text: str, sp: _Span) -> bool:
    if sp.kind is Kind.PERSON:
        return True
    piece = text[sp.start : sp.end]
    return (
        sp.kind is Kind.PLACE
        and " " not in piece
        and not piece.isupper()
        and not _is_town(piece)
        and not is_place_name(piece)
    )


def finish(text: str, prepared: Prepared, knowledge: Knowledge | None = None) -> list[Mention]:
    """The rest of `overlay`: the user's knowledge, one meaning per name, the links."""
    knowledge = knowledge or Knowledge()
    spans = [replace(sp, hints=list(sp.hints)) for sp in prepared.spans]  # later steps mutate
    spans = _apply_knowledge(text, spans, knowledge)
    defined = _text_aliases(text, spans)
    best = _vote(text, spans, defined)
    _families(text, spans, best)
    spans = _spread(text, spans, best, defined, prepared.things)
    spans = _join_people(text, spans)
    _particle_surnames(text, spans)
    known_people = {
        normalize(name.split()[-1])
        for e in knowledge.entities
        if e.kind is Kind.PERSON
        for name in (e.name, *e.aliases)
        if name.strip()
    }
    spans = _nameless_people(text, spans, known_people)
    if knowledge.dismissed:  # a dismissed name the spread found again ("Lena (US)" made "US")
        spans = [
            sp
            for sp in spans
            if sp.source == "knowledge"
            or normalize(text[sp.start : sp.end]) not in knowledge.dismissed
        ]
    if knowledge.dismissed_here:
        here = knowledge.dismissed_here.get(text_sha256(text), frozenset())
        spans = [sp for sp in spans if (sp.start, sp.end) not in here]
    clusters = _cluster(text, spans)
    return _to_mentions(text, spans, clusters, knowledge)
