from __future__ import annotations

import itertools

from reader.core.nlp import MAX_PIECE, _split_long


def test_huge_paragraph_is_cut_into_model_sized_pieces_that_cover_it() -> None:
    paragraph = ("The Northern Alliance met in Port Amira. " * 8000).strip()
    pieces = _split_long(100, paragraph)
    assert len(pieces) > 1
    assert all(len(text) <= MAX_PIECE for _, text in pieces)
    assert "".join(text for _, text in pieces) == paragraph
    for (offset, text), (next_offset, _) in itertools.pairwise(pieces):
        assert next_offset == offset + len(text)
        assert text.endswith(".")  # cut at a sentence end, not inside a name


def test_paragraph_without_spaces_is_still_cut() -> None:
    pieces = _split_long(0, "x" * (MAX_PIECE * 2 + 5))
    assert [len(t) for _, t in pieces] == [MAX_PIECE, MAX_PIECE, 5]
