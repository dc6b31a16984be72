"""What the side panel knows about an entity beyond its notes, in plain functions.

Context lines cut at whole words, the paragraph and sentence of each mention
(for "often appears with"), `[[Entity]]` links in notes, and the sentences in
which the user's own articles describe an entity ("X, the head of Y,").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from reader.core import rules

# --- where a mention sits ----------------------------------------------------------------

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=\s*[•\-*]\s)")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'’”)\]]*\s+(?=[\"'“‘(\[]*[A-Z0-9])|\n")


def places(text: str, starts: Sequence[int]) -> list[tuple[int, int]]:
    """(paragraph number, sentence number) of each offset in `starts`.

    Approximate on purpose: enough to say two names were written together.
    """
    paragraphs = [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]
    sentences = [m.end() for m in _SENTENCE_END.finditer(text)]
    return [(bisect.bisect_right(paragraphs, s), bisect.bisect_right(sentences, s)) for s in starts]


def context_line(text: str, start: int, end: int, width: int = 60) -> tuple[str, str, str]:
    """(before, name, after): the line around a mention, cut at whole words.

    "…ut soldiers" never appears: a cut falls on a space, and a line break
    ends the context.
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left = max(line_start, start - width)
    right = min(line_end, end + width)
    if left > line_start:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else start
        # Never open on a stray dash or comma: "…- Somalia and Ethiopia agreed".
        while left < start and (m := _PUNCT_WORD.match(text, left, start)) is not None:
            left = m.end()
    if right < line_end:
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else end
    before = ("…" if left > line_start else "") + text[left:start].lstrip()
    after = text[end:right].rstrip() + ("…" if right < line_end else "")
    return before, text[start:end], after


_PUNCT_WORD = re.compile(r"[^\w\s]+ +")


def sentence_around(text: str, start: int, end: int, limit: int = 400) -> tuple[int, int]:
    """The offsets of the sentence holding a mention (at most `limit` characters)."""
    lo = max(0, start - limit)
    left = lo
    for boundary in _SENTENCE_END.finditer(text, lo, start):
        left = boundary.end()
    found = _SENTENCE_END.search(text, end, min(len(text), end + limit))
    if found is not None:
        return left, found.start()
    right = min(len(text), end + limit)
    space = text.rfind(" ", end, right)
    return left, (space if right < len(text) and space > end else right)


# --- [[links]] in notes --------------------------------------------------------------------

LINK = re.compile(r"\[\[([^\[\]\n|]{1,200})(?:\|([^\[\]\n]{1,200}))?\]\]")


def link_targets(body: str) -> list[str]:
    """The entity names a note links to with [[Name]] (or [[Name|shown text]])."""
    return [m.group(1).strip() for m in LINK.finditer(body) if m.group(1).strip()]


# --- what the articles say -----------------------------------------------------------------


@dataclass(frozen=True)
class Description:
    """A sentence of a saved article that says who or what an entity is."""

    article_id: int
    start: int  # offsets of the sentence in that article's text
    end: int
    sentence: str
    phrase: str  # the describing part ("the head of the commission")
    how: str  # "apposition" | "is" | "also known as" | "acronym" | "title"


_TITLE_WORDS = "|".join(re.escape(t) for t in sorted(rules.PERSON_TITLES, key=len, reverse=True))
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "also known as",
        re.compile(r",?\s+(?:also\s+known\s+as|known\s+as|a\.k\.a\.)\s+([^,.;\n]{2,80})"),
    ),
    ("acronym", re.compile(r"\s*\(([A-Z][A-Za-z&.]{1,9})\)")),
    (
        "apposition",
        re.compile(
            r",\s+((?:the|a|an)\s[^,;\n]{3,140}?"
            r"|(?:who|which)\s+(?:is|was|has\s+been|had\s+been|serves\s+as|served\s+as|"
            r"heads|headed|leads|led|runs|ran|founded|chairs|chaired)\s[^,;\n]{3,140}?)"
            r"(?:,|\.(?:\s|$)|;)"
        ),
    ),
    ("is", re.compile(r"\s+(?:is|was|are|were|has\s+been)\s+((?:a|an|the)\s[^.;\n]{3,160})")),
)
# Capitalised words before a title word: "Somali Defence Minister", "Iraqi Prime Minister".
_TITLE_BEFORE = re.compile(rf"((?:[A-Z][\w'’.-]*\s+){{0,4}}(?i:{_TITLE_WORDS})\.?)\s+$")


# A noun phrase after a comma that has its own verb is a new clause, not an apposition
# ("Hezbollah, the groups are a patchwork…").
_CLAUSE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|said|says|did|does|do|can|could)\b"
)


def describe(article_id: int, text: str, start: int, end: int) -> Description | None:
    """How the sentence around a mention describes it, if it does."""
    s_start, s_end = sentence_around(text, start, end)
    sentence = text[s_start:s_end].strip()
    for how, pattern in _PATTERNS:
        m = pattern.match(text, end, s_end + 1)
        if not m:
            continue
        phrase = m.group(1).strip()
        first = phrase.split(" ", 1)[0].casefold()
        if how == "apposition" and first in ("the", "a", "an") and _CLAUSE_VERB.search(phrase):
            continue
        return Description(article_id, s_start, s_end, sentence, phrase, how)
    m = _TITLE_BEFORE.search(text, max(s_start, start - 80), start)
    if m and m.group(1)[:1].isupper():
        return Description(article_id, s_start, s_end, sentence, m.group(1).strip(), "title")
    return None


_HOW_ORDER = {"apposition": 0, "is": 1, "also known as": 2, "acronym": 3, "title": 4}


def best_descriptions(found: Sequence[Description], limit: int = 5) -> list[Description]:
    """The most telling descriptions first, one per distinct phrase."""
    seen: set[str] = set()
    out: list[Description] = []
    for d in sorted(found, key=lambda d: (_HOW_ORDER[d.how], len(d.sentence))):
        key = d.phrase.casefold()
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out[:limit]
