"""From cached model spans to the mentions a reader sees: the one source of highlights.

`overlay(text, model_spans, knowledge)` is the only function that decides what
is highlighted. The window, the panel, "appears in", search and the CLI all
read its result (directly, or through the mention cache it fills). It is
plain Python over the model's cached output, so it reruns in milliseconds
whenever the user's knowledge changes, without importing spaCy.

Steps, in order, each doing one job:

1. model spans to candidates: our three kinds only, possessive chains split,
   clean boundaries (no "the", no possessive, no "pro-", no trailing noun);
2. pieces of one name the model split are joined;
3. kinds from context cues (a title before a name, "militia" after it,
   "Brigade" inside it) and from coordination ("X and Y");
4. numbered units ("12th Brigade") the model sees only as an ordinal;
5. the user's knowledge: every alias of every known entity is found and wins,
   dismissed names are dropped (a highlight dismissed at one place goes after
   step 8, so spreading a name never brings it back);
6. names the text defines: "Long Name (ACR)", a surname after the full name;
7. one name, one meaning per article (a weighted vote);
8. untagged occurrences of a name tagged elsewhere in the article;
9. clusters (all names of one thing) and links to known entities.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from reader.core import rules
from reader.core.article import text_sha256
from reader.core.kinds import Kind, kind_for_label
from reader.core.names import (
    APOS_CLASS,
    acronym_of,
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
_POSSESSIVE_END = re.compile(rf"(?:{APOS_CLASS}s|(?<=s){APOS_CLASS})$")
_INNER_POSSESSIVE = re.compile(rf"(?:{APOS_CLASS}s|(?<=s){APOS_CLASS})\s+(?=\S)")
_TRAILING_WORD = re.compile(r"\s+[a-z]+$")
_PUNCT = '.,;:!?"()[]{}«»“”–—-'


def clean_boundaries(text: str, start: int, end: int) -> tuple[int, int]:
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


def split_possessives(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split "Iran's Islamic Revolutionary Guards' Quds Force" into its three names."""
    pieces: list[tuple[int, int]] = []
    cursor = start
    for m in _INNER_POSSESSIVE.finditer(text, start, end):
        words = text[cursor : m.start()].split()
        if words and normalize(words[-1]) in rules.NAME_POSSESSIVES:
            continue
        pieces.append((cursor, m.start()))
        cursor = m.end()
    pieces.append((cursor, end))
    return [(s, e) for s, e in pieces if e > s]


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


def _candidates(text: str, model_spans: Sequence[ModelSpan]) -> list[_Span]:
    out: list[_Span] = []
    for ms in model_spans:
        kind = kind_for_label(ms.label)
        if kind is None:
            continue
        for s, e in split_possessives(text, ms.start, ms.end):
            s, e = clean_boundaries(text, s, e)
            if e - s < 2 or not any(ch.isupper() for ch in text[s:e]):
                continue
            out.append(_Span(s, e, kind, is_norp=ms.label.upper() == "NORP"))
    out.sort(key=lambda sp: (sp.start, -sp.end))
    return out


# --- step 2: split names joined -------------------------------------------------------------


def _join_pieces(text: str, spans: list[_Span]) -> list[_Span]:
    """Join a name the model cut in two ("Mohammed Shia'" + "al-Sudani"); drop overlaps."""
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
    return out


# --- step 3: kinds from context --------------------------------------------------------------

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


def context_kind(
    text: str, start: int, end: int, kind: Kind, is_norp: bool
) -> tuple[Kind | None, bool]:
    """The kind the words in and around a name imply, and whether that cue is strong.

    A strong cue ("Union" in the name, "militia" after it, a title before it)
    overrides the model; a weak one (a preposition before it) only tips a vote.
    """
    words = {normalize(w) for w in text[start:end].split()}
    if words & rules.STRONG_GROUP_WORDS:
        return Kind.GROUP, True
    if words & rules.WEAK_GROUP_WORDS and kind is not Kind.PLACE:
        return Kind.GROUP, True
    if is_norp:
        return None, False
    after = _word_after(text, end)
    if after in rules.GROUP_HEADS or (after in rules.WEAK_GROUP_HEADS and kind is not Kind.PLACE):
        return Kind.GROUP, True
    if after in rules.PLACE_HEADS:
        return Kind.PLACE, True
    before = _word_before(text, start)
    if before in rules.PERSON_TITLES and len(words) <= rules.MAX_TITLED_NAME_WORDS:
        return Kind.PERSON, True
    if rules.PLACE_OF.search(text, max(0, start - 40), start):
        return Kind.PLACE, True
    if before in rules.PLACE_BEFORE:
        return Kind.PLACE, kind is Kind.PERSON
    if before == "told" and kind is Kind.PLACE:
        return Kind.GROUP, True
    return None, False


def _context_cues(text: str, spans: list[_Span]) -> list[_Span]:
    for sp in spans:
        cue, strong = context_kind(text, sp.start, sp.end, sp.kind, sp.is_norp)
        if cue is not None and strong:
            sp.kind, sp.weight = cue, rules.STRONG_CUE_VOTE
        elif cue is not None:
            sp.hints.append((cue, rules.WEAK_CUE_VOTE))
    # Coordination: in "Baidoa and Beledweyne" both names are usually of one kind.
    for left, right in itertools.pairwise(spans):
        coordinated = rules.COORDINATION.fullmatch(text, left.end, right.start)
        if coordinated and right.weight < rules.STRONG_CUE_VOTE:
            right.hints.append((left.kind, rules.COORDINATION_VOTE))
    return spans


# --- step 4: numbered units ----------------------------------------------------------------


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


def _add_units(text: str, spans: list[_Span]) -> list[_Span]:
    units = [
        _Span(m.start(), m.end(), Kind.GROUP, weight=rules.STRONG_CUE_VOTE)
        for m in rules.UNIT.finditer(text)
    ]
    taken = _Occupied(units)
    kept = [sp for sp in spans if not taken.overlaps(sp.start, sp.end)]
    return sorted(kept + units, key=lambda sp: sp.start)


# --- step 5: the user's knowledge -----------------------------------------------------------


def _apply_knowledge(text: str, spans: list[_Span], knowledge: Knowledge) -> list[_Span]:
    """Every alias of every known entity is a mention and wins; dismissed names go."""
    if knowledge.dismissed:
        spans = [
            sp for sp in spans if normalize(text[sp.start : sp.end]) not in knowledge.dismissed
        ]
    by_norm: dict[str, KnownEntity] = {}
    for entity in sorted(knowledge.entities, key=lambda e: e.id):
        for alias in (entity.name, *entity.aliases):
            by_norm.setdefault(normalize(alias), entity)
    # A dismissed name is not highlighted even when an entity has it: the entity
    # keeps its notes, it is just not found by that name. Names the user gave are
    # matched even when they are common words ("Mark as person" on "Sunday"):
    # names learnt from articles never include those (EntityView.ref filters them).
    aliases = (
        a
        for e in knowledge.entities
        for a in (e.name, *e.aliases)
        if normalize(a) not in knowledge.dismissed
    )
    found: list[_Span] = []
    taken = _Occupied()
    starts = [sp.start for sp in spans]  # model spans: sorted and non-overlapping
    for s, e, norm in longest_first(find_names(text, aliases)):
        known = by_norm.get(norm)
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


def _text_aliases(text: str, spans: list[_Span]) -> _TextAliases:
    found = _TextAliases()
    for sp in spans:  # sorted: the first full name sets where its surname becomes valid
        name = text[sp.start : sp.end]
        m = rules.ACRONYM_DEF.match(text, sp.end)
        if m and acronym_of(name, m.group(1)):
            found.acronyms.setdefault(normalize(m.group(1)), (m.group(1), sp.kind))
        last = surname_of(name) if sp.kind is Kind.PERSON else None
        if last is not None:
            found.surnames.setdefault(normalize(last), last)
            found.surname_from.setdefault(normalize(last), sp.start)
    return found


# --- step 7: one name, one meaning ---------------------------------------------------------

# On a tied vote a bare name is most often a place in news text.
_TIE_ORDER = {Kind.PLACE: 2, Kind.GROUP: 1, Kind.PERSON: 0}


def _vote(text: str, spans: list[_Span]) -> dict[str, Kind]:
    """The kind each name gets everywhere in the article: the heaviest evidence wins."""
    votes: dict[str, dict[Kind, float]] = defaultdict(lambda: defaultdict(float))
    for sp in spans:
        norm = normalize(text[sp.start : sp.end])
        votes[norm][sp.kind] += rules.KNOWLEDGE_VOTE if sp.source == "knowledge" else sp.weight
        for hint, weight in sp.hints:
            votes[norm][hint] += weight
    # Each definition counts once per occurrence of its full form, as before.
    for sp in spans:
        m = rules.ACRONYM_DEF.match(text, sp.end)
        if m and acronym_of(text[sp.start : sp.end], m.group(1)):
            votes[normalize(m.group(1))][sp.kind] += rules.TEXT_ALIAS_VOTE
        last = surname_of(text[sp.start : sp.end]) if sp.kind is Kind.PERSON else None
        if last is not None:
            votes[normalize(last)][Kind.PERSON] += rules.TEXT_ALIAS_VOTE
    best = {
        norm: max(counter, key=lambda k: (counter[k], _TIE_ORDER[k]))
        for norm, counter in votes.items()
    }
    for sp in spans:
        if sp.source != "knowledge":
            sp.kind = best.get(normalize(text[sp.start : sp.end]), sp.kind)
    return best


# --- step 8: untagged occurrences ------------------------------------------------------------


def _spread(
    text: str, spans: list[_Span], best: dict[str, Kind], defined: _TextAliases
) -> list[_Span]:
    """Highlight occurrences of a name that the model tagged elsewhere in this article."""
    surface: dict[str, str] = {}
    for sp in spans:
        name = text[sp.start : sp.end]
        surface.setdefault(normalize(name), name)
    for norm, (acronym, _) in defined.acronyms.items():
        surface.setdefault(norm, acronym)
    for norm, last in defined.surnames.items():
        surface.setdefault(norm, last)
    names = [
        name
        for name in surface.values()
        if name[:1].isupper() or name.startswith(rules.LOWER_NAME_STARTS)
    ]
    out = list(spans)
    taken = _Occupied(out)
    for s, e, norm in longest_first(find_names(text, names)):
        e = clean_boundaries(text, s, e)[1]
        if s < defined.surname_from.get(norm, s) or norm in rules.AMBIGUOUS_WORDS:
            continue
        if norm in best and e > s and not taken.overlaps(s, e):
            taken.add(s, e)
            out.append(_Span(s, e, best[norm], "context"))
    return sorted(out, key=lambda sp: sp.start)


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
    for sp in spans:
        last = surname_of(text[sp.start : sp.end]) if sp.kind is Kind.PERSON else None
        if last is not None:
            full_names[normalize(last)].add(normalize(text[sp.start : sp.end]))
    for sp in spans:
        name = text[sp.start : sp.end]
        m = rules.ACRONYM_DEF.match(text, sp.end)
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
    text: str, spans: list[_Span], clusters: dict[str, str], knowledge: Knowledge
) -> list[Mention]:
    by_alias: dict[tuple[str, Kind], int] = {}
    for entity in knowledge.entities:
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


def overlay(
    text: str, model_spans: Sequence[ModelSpan], knowledge: Knowledge | None = None
) -> list[Mention]:
    """The article's mentions: the model's spans refined by rules and the user's knowledge."""
    knowledge = knowledge or Knowledge()
    spans = _candidates(text, model_spans)
    spans = _join_pieces(text, spans)
    spans = _context_cues(text, spans)
    spans = _add_units(text, spans)
    spans = _apply_knowledge(text, spans, knowledge)
    defined = _text_aliases(text, spans)
    best = _vote(text, spans)
    spans = _spread(text, spans, best, defined)
    if knowledge.dismissed_here:
        here = knowledge.dismissed_here.get(text_sha256(text), frozenset())
        spans = [sp for sp in spans if (sp.start, sp.end) not in here]
    clusters = _cluster(text, spans)
    return _to_mentions(text, spans, clusters, knowledge)
