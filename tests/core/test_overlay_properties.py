"""Whatever the text, model output and knowledge, the overlay returns valid mentions."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.kinds import Kind
from reader.core.names import normalize
from reader.core.nlp import ModelSpan
from reader.core.overlay import Knowledge, KnownEntity, overlay

# Pieces that exercise the rules: names, titles, apostrophes, acronyms, emoji, breaks.
# fmt: off
PIECES = [
    "Lena", "Okafor", "the", "The", "U.S.", "US", "al-Sudani", "Kata'ib", "Kata’ib",
    "Hezbollah", "pro-", "(NAP)", "Northern", "Alliance", "Party", "President", "in",
    "and", ", ", "'s", "’", "12th Brigade", "🎉", "𝄞", "\n", "\n\n", " ", "  ", "(", ")",
    ".", "May", "Brown", "militia", "AAAAAAAA", "[", "*", "İmamoğlu", "Straße",
]
# fmt: on
LABELS = ["ORG", "NORP", "PERSON", "GPE", "LOC", "FAC", "DATE", "ORDINAL", "EVENT"]


@st.composite
def cases(draw: st.DrawFn) -> tuple[str, list[ModelSpan], Knowledge]:
    text = "".join(draw(st.lists(st.sampled_from(PIECES), max_size=60)))
    n = len(text)
    spans = []
    if n:
        for _ in range(draw(st.integers(0, 15))):
            start = draw(st.integers(0, n - 1))
            end = draw(st.integers(start + 1, n))
            spans.append(ModelSpan(start, end, draw(st.sampled_from(LABELS))))
    spans.sort(key=lambda s: s.start)
    entities = []
    for i in range(draw(st.integers(0, 4))):
        if n:
            a = draw(st.integers(0, n - 1))
            b = draw(st.integers(a + 1, min(n, a + 30)))
            alias = text[a:b]
        else:
            alias = "x"
        name = draw(st.sampled_from(PIECES))
        entities.append(KnownEntity(i + 1, name, draw(st.sampled_from(list(Kind))), (alias,)))
    dismissed = frozenset(draw(st.lists(st.sampled_from(["lena", "us", "the"]), max_size=2)))
    return text, spans, Knowledge(tuple(entities), dismissed, 1)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_mentions_are_always_valid_offsets_sorted_and_apart(
    case: tuple[str, list[ModelSpan], Knowledge],
) -> None:
    text, spans, knowledge = case
    mentions = overlay(text, spans, knowledge)
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.kind in Kind
        assert m.text.strip() == m.text  # never a space at either end
    for left, right in itertools.pairwise(mentions):
        assert left.end <= right.start
    for m in mentions:  # a dismissed name stays dismissed, unless the user named it an alias
        assert m.source == "knowledge" or normalize(m.text) not in knowledge.dismissed
    known_ids = {e.id for e in knowledge.entities}
    assert all(m.entity_id is None or m.entity_id in known_ids for m in mentions)
