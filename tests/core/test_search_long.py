"""A very long article is searched like any other: its snippet is cut around the match."""

from __future__ import annotations

from pathlib import Path

from reader.core import search
from reader.core.article import Article
from reader.core.library import Library


def test_a_hit_in_a_long_article_has_its_passage_marked_and_located(tmp_path: Path) -> None:
    filler = "the talks went on and on. " * 4000  # ~100,000 characters: past LONG_TEXT
    text = f"A long report\n\n{filler}Then Warsame spoke about elections in Nairobi. {filler}\n"
    assert len(text) > search.LONG_TEXT
    library = Library(tmp_path / "reader.db")
    article_id = library.add_article(
        Article(str(tmp_path / "a.txt"), "A long report", text, "txt")
    ).value
    [hit] = search.search(library.store, "election")  # stemmed in FTS, a word start here
    assert hit.id == article_id
    marked = [hit.snippet.text[a:b] for a, b in hit.snippet.marks]
    assert marked == ["elections"]
    assert "Warsame spoke about" in hit.snippet.text
    at = search.locate(text, hit)
    assert at is not None
    assert text[at : at + 9] == "elections"
    library.close()
