"""From raw model spans to the mentions a reader sees: the cheap, pure-Python overlay.

The model is a first guess. This module applies, in order:

1. clean boundaries (no leading "the", no possessive, no "pro-" prefix, no
   trailing generic noun such as "militia"), split names joined by a
   possessive ("Iran's Quds Force") and join pieces of one name the model split;
2. kind fixes from context (a title before a name means a person, "militia"
   after it a group) and from the words inside it ("Brigade", "Party");
3. the user's knowledge: every alias of every known entity is found in the
   text and wins over the model;
4. one name, one meaning per article, and aliases defined by the text itself
   ("Long Name (ACR)", a surname after the full name).

It needs only the text and the cached model output, so it reruns in
milliseconds whenever the knowledge base changes — no spaCy involved.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from reader.core.kinds import Kind, kind_for_label
from reader.core.nlp import ModelSpan

APOSTROPHES = "'’‘ʼ`´"
_APOS_CLASS = "['’‘ʼ`´]"


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


def normalize(name: str) -> str:
    """Matching form of a name: casefolded, one apostrophe, no "the", no possessive."""
    s = " ".join(name.split())
    for ch in APOSTROPHES[1:]:
        s = s.replace(ch, "'")
    s = s.casefold()
    if s.startswith("the "):
        s = s[4:]
    if s.endswith("'s"):
        s = s[:-2]
    return s.rstrip("'").strip()


# --- step 1: boundaries ------------------------------------------------------------

_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_PREFIX = re.compile(r"^(?:pro|anti|ex|non|post|pre|neo)-(?=[A-Z])")
_POSSESSIVE_END = re.compile(rf"(?:{_APOS_CLASS}s|(?<=s){_APOS_CLASS})$")
_INNER_POSSESSIVE = re.compile(rf"(?:{_APOS_CLASS}s|(?<=s){_APOS_CLASS})\s+(?=\S)")
_TRAILING_WORD = re.compile(r"\s+[a-z]+$")
_PUNCT = '.,;:!?"()[]{}«»“”–—-'


def _clean(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim a span to the name itself, following the annotation conventions."""
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
        if piece[-1] in _PUNCT or piece[-1].isspace():
            end -= 1
            changed = True
        elif piece[0] in _PUNCT or piece[0].isspace():
            start += 1
            changed = True
    return start, end


# Plain nouns whose possessive is part of a name ("People's Liberation Army",
# "Kurdistan Workers' Party"), unlike a country's ("Iran's Quds Force").
_NAME_POSSESSIVES = frozenset(
    """people peoples workers women woman men children martyrs citizens farmers mothers
    veterans students youth traders nations god saint st lord lords doctors nurses
    teachers journalists""".split()
)


def _split_possessives(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split "Iran's Islamic Revolutionary Guards' Quds Force" into its three names."""
    pieces: list[tuple[int, int]] = []
    cursor = start
    for m in _INNER_POSSESSIVE.finditer(text, start, end):
        words = text[cursor : m.start()].split()
        if words and normalize(words[-1]) in _NAME_POSSESSIVES:
            continue
        pieces.append((cursor, m.start()))
        cursor = m.end()
    pieces.append((cursor, end))
    return [(s, e) for s, e in pieces if e > s]


# --- step 2: kind from context -------------------------------------------------------

# A noun right after a name that says the name is an organisation's: "al-Nujaba
# militia", "Al-Akhbar daily" — even when the model thought it a place.
_GROUP_HEADS = frozenset(
    """militia militias movement group groups party faction factions brigade brigades
    organisation organization newspaper daily network front coalition alliance company
    corporation battalion channel broadcaster outlet""".split()
)
# Nouns that follow a country as readily as an organisation ("US forces", "Iraqi
# government"): they only move a name that is not a place.
_WEAK_GROUP_HEADS = frozenset(
    """army forces council ministry agency union bank committee authority government
    regime rebels insurgents unit units commission court parliament""".split()
)
# Words that make a name an organisation whatever the model said ("African Union").
_STRONG_GROUP_WORDS = frozenset(
    """army brigade brigades battalion corps council party front movement ministry
    committee commission authority agency organisation organization union alliance
    coalition league federation association institute university company corporation
    militia parliament assembly senate congress hezbollah hizbullah hizballah
    harakat hizb jaysh jaish kata'ib liwa ansar jabhat""".split()
)
# Words that make a name an organisation unless the model thought it a place
# ("West Bank", "Gaza Strip" stay places).
_WEAK_GROUP_WORDS = frozenset(
    """group force forces guard guards police service services network times post news
    press bank court""".split()
)
_PLACE_HEADS = frozenset(
    """region province district city town village camp camps county valley river
    airport port base crossing governorate mountains desert strait""".split()
)
_PLACE_BEFORE = frozenset(
    """in near around across outside inside towards toward into via""".split()
)
_PLACE_OF = re.compile(
    r"\b(?:town|city|village|region|province|district|capital|port|county|camp|area|"
    r"governorate|state)\s+of\s+$"
)
_PERSON_TITLES = frozenset(
    """president minister ministers premier chancellor general gen. gen colonel col.
    major captain lieutenant commander sheikh shaykh ayatollah imam cleric king
    queen prince princess emir sultan mr mr. mrs mrs. ms ms. dr dr. spokesman
    spokeswoman spokesperson leader chief secretary ambassador envoy senator
    governor mayor judge pope rabbi""".split()
)
_COORDINATION = re.compile(r",? (?:and|or) |, ")
_WORD = re.compile(r"[\w'’.-]+")


def _word_after(text: str, end: int) -> str:
    m = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    return m.group().lower().rstrip(".,;:") if m else ""


def _word_before(text: str, start: int) -> str:
    if start < 2 or text[start - 1] != " ":
        return ""
    j = start - 1
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    word = text[j : start - 1].lower()
    if word == "the":
        return _word_before(text, j)
    return word


def _context_kind(
    text: str, start: int, end: int, kind: Kind, is_norp: bool
) -> tuple[Kind | None, bool]:
    """The kind the words in and around a name imply, and whether that cue is strong.

    A strong cue ("Union" in the name, "militia" after it, a title before it)
    overrides the model; a weak one (a preposition before it) only tips a vote.
    """
    words = {normalize(w) for w in text[start:end].split()}
    if words & _STRONG_GROUP_WORDS:
        return Kind.GROUP, True
    if words & _WEAK_GROUP_WORDS and kind is not Kind.PLACE:
        return Kind.GROUP, True
    if is_norp:
        return None, False
    after = _word_after(text, end)
    if after in _GROUP_HEADS or (after in _WEAK_GROUP_HEADS and kind is not Kind.PLACE):
        return Kind.GROUP, True
    if after in _PLACE_HEADS:
        return Kind.PLACE, True
    before = _word_before(text, start)
    if before in _PERSON_TITLES and len(words) <= 4:
        return Kind.PERSON, True
    if _PLACE_OF.search(text, max(0, start - 40), start):
        return Kind.PLACE, True
    if before in _PLACE_BEFORE:
        return Kind.PLACE, kind is Kind.PERSON
    if before == "told" and kind is Kind.PLACE:
        return Kind.GROUP, True
    return None, False


# --- the pipeline ----------------------------------------------------------------------


@dataclass
class _Span:
    start: int
    end: int
    kind: Kind
    source: str = "model"
    entity_id: int | None = None
    is_norp: bool = False
    weight: float = 1.0
    hints: list[tuple[Kind, float]] = field(default_factory=list)  # weak cues for the vote


MAX_NAME = 200  # longer "names" are model noise; they would also deepen the regex tree


def _alias_atoms(alias: str) -> tuple[list[str], bool] | None:
    """Regex pieces for a name (one per character), and whether case must match."""
    alias = _LEADING.sub("", " ".join(alias.split()))
    if not 2 <= len(alias) <= MAX_NAME:
        return None
    # Acronyms and short names must match case exactly ("US" is not "us"). Others
    # keep their own letters and rely on IGNORECASE: casefolding would turn
    # "Strauß" into "strauss", which the text does not contain.
    exact = alias.isupper() or len(alias) <= 4
    atoms = [
        _APOS_CLASS if ch in APOSTROPHES else r"\s+" if ch == " " else re.escape(ch) for ch in alias
    ]
    return atoms, exact


def _trie_regex(names: Iterable[list[str]]) -> str:
    """One regex for many names, shaped as a prefix tree.

    A flat alternation of 30,000 names is tried name by name at every position
    (48 s on a 2 MB article); the tree shares prefixes, so each position costs
    only the length of the longest match. Longer names win: optional tails are greedy.
    """
    trie: dict[str, Any] = {}
    for atoms in names:
        node = trie
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [atom + emit(child) for atom, child in node.items() if atom]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return emit(trie)


# Not inside another word, but "Hezbollah" in "pro-Hezbollah" counts.
_BEFORE_NAME = (
    r"(?:(?<=pro-)|(?<=anti-)|(?<=non-)|(?<=ex-)|(?<=post-)|(?<=pre-)|(?<=neo-)|(?<![\w-]))"
)


def _match_names(text: str, names: Iterable[str]) -> Iterator[tuple[int, int, str]]:
    """Every occurrence of any of `names` as (start, end, normalized name).

    One prefix-tree regex per case mode, so an article is scanned twice however
    many names the knowledge base holds. Matches must contain a capital letter,
    so "brown" is not "Brown".
    """
    groups: dict[bool, list[list[str]]] = {True: [], False: []}
    for name in names:
        found = _alias_atoms(name)
        if found is not None:
            groups[found[1]].append(found[0])
    for exact, group in groups.items():
        if not group:
            continue
        pattern = re.compile(
            rf"{_BEFORE_NAME}(?:{_trie_regex(group)})(?![\w])", 0 if exact else re.IGNORECASE
        )
        for m in pattern.finditer(text):
            if any(ch.isupper() for ch in m.group()):
                yield m.start(), m.end(), normalize(m.group())


def _longest_first(matches: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Longer matches claim their text before the shorter names inside them."""
    return sorted(matches, key=lambda c: (c[0] - c[1], c[0]))


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


def refine(
    text: str,
    model_spans: Sequence[ModelSpan],
    knowledge: Sequence[KnownEntity] = (),
) -> list[Mention]:
    """Turn the model's spans into the article's mentions (see the module docstring)."""
    spans = _from_model(text, model_spans)
    spans = _join_pieces(text, spans)
    spans = _add_units(text, spans)
    spans = _apply_knowledge(text, spans, knowledge)
    spans = _one_sense(text, spans)
    clusters = _cluster(text, spans)
    return _to_mentions(text, spans, clusters, knowledge)


def _from_model(text: str, model_spans: Sequence[ModelSpan]) -> list[_Span]:
    out: list[_Span] = []
    for ms in model_spans:
        kind = kind_for_label(ms.label)
        if kind is None:
            continue
        for s, e in _split_possessives(text, ms.start, ms.end):
            s, e = _clean(text, s, e)
            if e - s < 2 or not any(ch.isupper() for ch in text[s:e]):
                continue
            out.append(_Span(s, e, kind, is_norp=ms.label.upper() == "NORP"))
    out.sort(key=lambda sp: (sp.start, -sp.end))
    return out


def _join_pieces(text: str, spans: list[_Span]) -> list[_Span]:
    """Join a name the model cut in two ("Mohammed Shia'" + "al-Sudani")."""
    out: list[_Span] = []
    for sp in spans:
        prev = out[-1] if out else None
        if prev and text[prev.end : sp.start] == " " and not prev.is_norp and not sp.is_norp:
            joined_kind = None
            if prev.kind is sp.kind:
                joined_kind = prev.kind
            elif prev.kind is Kind.GROUP and sp.kind is Kind.PERSON:
                joined_kind = Kind.GROUP
            if joined_kind is not None:
                out[-1] = _Span(prev.start, sp.end, joined_kind)
                continue
        if prev and sp.start < prev.end:
            continue  # overlapping model spans: keep the first
        out.append(sp)
    for sp in out:
        cue, strong = _context_kind(text, sp.start, sp.end, sp.kind, sp.is_norp)
        if cue is not None and strong:
            sp.kind, sp.weight = cue, 2.0
        elif cue is not None:
            sp.hints.append((cue, 0.5))
    # Coordination: in "Baidoa and Beledweyne" both names are usually of one kind.
    for left, right in itertools.pairwise(out):
        if _COORDINATION.fullmatch(text, left.end, right.start) and right.weight < 2.0:
            right.hints.append((left.kind, 1.0))
    return out


# Numbered military units ("the 12th Brigade", "101st Airborne Division"): the
# model tags the ordinal alone as ORDINAL, which is not shown.
_UNIT = re.compile(
    r"\b\d{1,3}(?:st|nd|rd|th)(?: [A-Z][a-z]+){0,2} "
    r"(?:Brigade|Division|Regiment|Battalion|Corps|Army|Fleet|Squadron|Wing)s?\b"
)


def _add_units(text: str, spans: list[_Span]) -> list[_Span]:
    units = [_Span(m.start(), m.end(), Kind.GROUP, weight=2.0) for m in _UNIT.finditer(text)]
    taken = _Occupied(units)
    kept = [sp for sp in spans if not taken.overlaps(sp.start, sp.end)]
    return sorted(kept + units, key=lambda sp: sp.start)


def _apply_knowledge(
    text: str, spans: list[_Span], knowledge: Sequence[KnownEntity]
) -> list[_Span]:
    """Every alias of every known entity is a mention, and it wins over the model."""
    by_norm: dict[str, KnownEntity] = {}
    for entity in sorted(knowledge, key=lambda e: e.id):
        for alias in (entity.name, *entity.aliases):
            by_norm.setdefault(normalize(alias), entity)
    aliases = (
        a for e in knowledge for a in (e.name, *e.aliases) if normalize(a) not in AMBIGUOUS_WORDS
    )
    candidates = _longest_first(_match_names(text, aliases))
    found: list[_Span] = []
    taken = _Occupied()
    starts = [sp.start for sp in spans]  # model spans: sorted and non-overlapping
    for s, e, norm in candidates:
        known = by_norm.get(norm)
        if known is None:
            continue
        s, e = _clean(text, s, e)
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


# On a tied vote a bare name is most often a place in news text.
_TIE_ORDER = {Kind.PLACE: 2, Kind.GROUP: 1, Kind.PERSON: 0}
_ACRONYM_DEF = re.compile(r"\s*\(\s*([A-Z][A-Za-z&]{1,9})\s*\)")


# Capitalised words that are far more often not a surname ("in May", "on Friday").
AMBIGUOUS_WORDS = frozenset(
    """january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday will mark bill
    rose grace hope faith joy young new north south east west""".split()
)


def acronym_of(name: str, acronym: str) -> bool:
    """Whether `acronym` abbreviates `name`: its capitals are the name's initials, in order.

    "Joint Border Security Commission (JBSC)" yes; "KABUL (Reuters)" no.
    """
    caps = [c for c in acronym if c.isupper()]
    if len(caps) < 2:
        return False
    # Every word counts, small ones too: "al-Qaeda in the Arabian Peninsula (AQAP)".
    initials = [
        part[0].upper()
        for word in name.replace("-", " ").split()
        for part in [word.strip("'’")]
        if part and part[0].isalpha()
    ]
    if not initials or initials[0] != caps[0]:
        return False
    it = iter(initials)
    return all(any(c == i for i in it) for c in caps)


_NAME_SUFFIXES = frozenset("jr sr ii iii iv v".split())


def surname_of(name: str) -> str | None:
    """The last word of a multi-word person name, if it can stand for the person."""
    words = name.split()
    last = words[-1] if len(words) >= 2 else ""
    if len(last) < 3 or last.islower() or normalize(last) in AMBIGUOUS_WORDS:
        return None
    if normalize(last).rstrip(".") in _NAME_SUFFIXES or re.search(r"-[a-z]", last):
        return None  # "Jr.", "III"; "Kim Jong-un" is not called "Jong-un"
    return last


def _one_sense(text: str, spans: list[_Span]) -> list[_Span]:
    """One name, one meaning: the majority kind for every occurrence, untagged ones included.

    Also adopts aliases defined in the text: the acronym in "Long Name (ACR)" and
    a person's surname after their full name.
    """
    votes: dict[str, dict[Kind, float]] = defaultdict(lambda: defaultdict(float))
    surface: dict[str, str] = {}
    for sp in spans:
        name = text[sp.start : sp.end]
        votes[normalize(name)][sp.kind] += 100.0 if sp.source == "knowledge" else sp.weight
        for hint, weight in sp.hints:
            votes[normalize(name)][hint] += weight
        surface.setdefault(normalize(name), name)
    surname_from: dict[str, int] = {}  # a surname stands for the person after the full name
    for sp in list(spans):
        m = _ACRONYM_DEF.match(text, sp.end)
        if m and acronym_of(text[sp.start : sp.end], m.group(1)):
            acronym = m.group(1)
            votes[normalize(acronym)][sp.kind] += 50
            surface.setdefault(normalize(acronym), acronym)
        last = surname_of(text[sp.start : sp.end]) if sp.kind is Kind.PERSON else None
        if last is not None:
            votes[normalize(last)][Kind.PERSON] += 50
            surface.setdefault(normalize(last), last)
            surname_from.setdefault(normalize(last), sp.start)  # spans come sorted
    best = {
        norm: max(counter, key=lambda k: (counter[k], _TIE_ORDER[k]))
        for norm, counter in votes.items()
    }
    out = []
    for sp in spans:
        if sp.source != "knowledge":
            sp.kind = best.get(normalize(text[sp.start : sp.end]), sp.kind)
        out.append(sp)
    # Untagged occurrences of a name tagged elsewhere in this article.
    names = [
        name
        for name in surface.values()
        if name[:1].isupper() or name.startswith(("al-", "el-", "as-", "ad-"))
    ]
    taken = _Occupied(out)
    for s, e, norm in _longest_first(_match_names(text, names)):
        e = _clean(text, s, e)[1]
        if s < surname_from.get(norm, s) or norm in AMBIGUOUS_WORDS:
            continue
        if norm in best and e > s and not taken.overlaps(s, e):
            taken.add(s, e)
            out.append(_Span(s, e, best[norm], "context"))
    return sorted(out, key=lambda sp: sp.start)


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
    for sp in spans:
        last = surname_of(text[sp.start : sp.end]) if sp.kind is Kind.PERSON else None
        if last is not None:
            full_names[normalize(last)].add(normalize(text[sp.start : sp.end]))
    for sp in spans:
        name = text[sp.start : sp.end]
        m = _ACRONYM_DEF.match(text, sp.end)
        if m and normalize(m.group(1)) in parent and acronym_of(name, m.group(1)):
            union(normalize(name), normalize(m.group(1)))
        last = surname_of(name) if sp.kind is Kind.PERSON else None
        # "Hassan" joins "Ali Hassan" only if no "Omar Hassan" is in the article too.
        if last is not None and normalize(last) in parent and len(full_names[normalize(last)]) == 1:
            union(normalize(name), normalize(last))
        if sp.entity_id is not None:
            union(f"#entity{sp.entity_id}", normalize(name))
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
    text: str,
    spans: list[_Span],
    clusters: dict[str, str],
    knowledge: Sequence[KnownEntity],
) -> list[Mention]:
    by_alias: dict[tuple[str, Kind], int] = {}
    for entity in knowledge:
        for alias in (entity.name, *entity.aliases):
            by_alias.setdefault((normalize(alias), entity.kind), entity.id)
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
