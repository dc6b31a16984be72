"""EPUB books and PDF documents: text in reading order, chapters and pages as blocks."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from reader.core.article import Article, ArticleError, load
from reader.core.formats import epub, pdf

from .docmakers import make_epub, make_pdf


def blocks(article: Article, role: str) -> list[str]:
    return [article.text[b.start : b.end] for b in article.blocks if b.role == role]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def assert_blocks_index_text(article: Article) -> None:
    for block in article.blocks:
        assert 0 <= block.start < block.end <= len(article.text), block
        assert article.text[block.start : block.end].strip(), block


# --- PDF -----------------------------------------------------------------------------------------

REPORT = [
    [
        [("Harbour talks resume", 22)],
        [
            ("Negotiators met again on Thursday in Valparaiso after a week in", 11),
            ("which cranes stood idle. The union spokes-", 11),
            ("man, Tomas Ibarra, said workers wanted guarantees.", 11),
        ],
        [("What comes next", 15)],
        [("Talks continue on Monday in San Antonio.", 11)],
    ],
    [[("The harbour authority said the backlog would take two weeks.", 11)]],
]


def test_pdf_text_reads_in_order_with_paragraphs_headings_and_pages(tmp_path: Path) -> None:
    info = {"Title": "Harbour talks resume", "Author": "Marta Quintero"}
    article = load(write(tmp_path, "report.pdf", make_pdf(REPORT, info=info)))

    assert article.format == "pdf"
    assert article.title == "Harbour talks resume"
    assert article.meta["author"] == "Marta Quintero"
    assert article.text.startswith("Harbour talks resume\n\nNegotiators met again")
    # Lines of a paragraph are one paragraph; the hyphenated word is whole again.
    assert "in which cranes stood idle. The union spokesman, Tomas Ibarra, said" in article.text
    assert blocks(article, "heading") == ["What comes next"]
    pages = blocks(article, "page")
    assert len(pages) == 2
    assert pages[1] == "The harbour authority said the backlog would take two weeks."
    assert [b.level for b in article.blocks if b.role == "page"] == [1, 2]
    assert_blocks_index_text(article)


def test_a_pdf_is_read_as_pdf_whatever_its_name(tmp_path: Path) -> None:
    article = load(write(tmp_path, "saved.txt", make_pdf(REPORT)))
    assert article.format == "pdf"
    assert "%PDF" not in article.text
    assert article.title == "Harbour talks resume"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (make_pdf([[[("Top secret plans", 11)]]], encrypted=True), "protected by a password"),
        (make_pdf([[], []]), "no text to read"),
        (make_pdf(REPORT)[:400], "damaged or incomplete"),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n", "damaged or incomplete"),
        (bytes(range(256)) * 40, "not a PDF"),  # random bytes named .pdf: no internal error
    ],
    ids=["encrypted", "image-only", "truncated", "no-pages", "no-pdf-at-all"],
)
def test_bad_pdfs_are_refused_with_a_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(ArticleError) as info:
        load(write(tmp_path, "bad.pdf", data))
    assert reason in info.value.reason


def test_a_huge_pdf_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "MAX_PAGES", 5)
    with pytest.raises(ArticleError, match="has 6 pages; Reader opens documents of up to 5"):
        load(write(tmp_path, "book.pdf", make_pdf([[[("A page.", 11)]]] * 6)))


# --- EPUB ----------------------------------------------------------------------------------------

CHAPTERS = [
    "<h1>Chapter One</h1><p>It was a <em>cold</em> morning in Kyiv.</p>"
    "<ul><li>bread</li><li>salt</li></ul>",
    "<section><h2>Chapter Two</h2><blockquote><p>We stay.</p></blockquote>"
    "<p>The mayor <img src='x.png'/> of Lviv spoke.<br/>Then the council voted.</p>"
    "<table><tr><th>Ward</th><th>Votes</th></tr><tr><td>North</td><td>12</td></tr></table>"
    "<nav><ol><li>Table of contents</li></ol></nav></section>",
]


def test_epub_chapters_in_spine_order_with_their_structure(tmp_path: Path) -> None:
    book = make_epub(CHAPTERS, title="Letters from Lviv", creator="Olena Petrenko")
    article = load(write(tmp_path, "letters.epub", book))

    assert article.format == "epub"
    assert article.title == "Letters from Lviv"
    assert article.meta["author"] == "Olena Petrenko"
    assert article.text.index("Chapter One") < article.text.index("Chapter Two")
    assert blocks(article, "heading") == ["Chapter One", "Chapter Two"]
    assert blocks(article, "item") == ["bread", "salt"]
    assert blocks(article, "quote") == ["We stay."]
    assert blocks(article, "row") == ["Ward\tVotes", "North\t12"]
    assert "The mayor of Lviv spoke.\nThen the council voted." in article.text
    assert "Table of contents" not in article.text  # navigation is not the book's text
    chapters = blocks(article, "chapter")
    assert len(chapters) == 2
    assert chapters[0].startswith("Chapter One")
    assert_blocks_index_text(article)


def test_an_epub_without_its_suffix_is_still_an_epub(tmp_path: Path) -> None:
    article = load(write(tmp_path, "letters", make_epub(CHAPTERS)))
    assert article.format == "epub"


def _without(book: bytes, name: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(book))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in source.infolist():
            if info.filename != name:
                z.writestr(info, source.read(info))
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (make_epub(CHAPTERS, drm=True), "protected by drm"),
        (make_epub(CHAPTERS)[:300], "damaged"),
        (_without(make_epub(CHAPTERS), "META-INF/container.xml"), "container is missing"),
        (_without(make_epub(CHAPTERS), "OEBPS/text/ch1.xhtml"), "is missing"),
        (make_epub([]), "no chapters"),
        (make_epub(["<p><img src='cover.jpg'/></p>"]), "no text to read"),
    ],
    ids=["drm", "truncated", "no-container", "missing-chapter", "empty-spine", "images-only"],
)
def test_bad_epubs_are_refused_with_a_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(ArticleError) as info:
        load(write(tmp_path, "bad.epub", data))
    assert reason in info.value.reason.lower()


def test_an_epub_that_unpacks_too_large_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A zip bomb stops at the limit, before its content is in memory."""
    monkeypatch.setattr(epub, "MAX_UNPACKED", 4096)
    book = make_epub(["<p>" + "word " * 2000 + "</p>"])
    with pytest.raises(ArticleError, match="too large"):
        load(write(tmp_path, "bomb.epub", book))


def test_epub_xml_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENTS", "utf-8")
    chapter = f"<p>Text about Odesa and its port. &xxe;</p><!-- {secret.as_uri()} -->"
    book = make_epub([chapter])
    source = zipfile.ZipFile(io.BytesIO(book))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith("ch0.xhtml"):
                data = data.replace(
                    b"<html",
                    f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n<html'.encode(),
                    1,
                )
            z.writestr(info, data)
    article = load(write(tmp_path, "xxe.epub", out.getvalue()))
    assert "SECRET" not in article.text
    assert "Text about Odesa and its port." in article.text


def test_a_table_row_of_empty_cells_is_no_block(tmp_path: Path) -> None:
    page = tmp_path / "t.md"
    page.write_text("Table\n\n| a | b |\n|---|---|\n| | |\n| 1 | |\n", encoding="utf-8")
    article = load(page)
    rows = [article.text[b.start : b.end] for b in article.blocks if b.role == "row"]
    assert all(r.strip() for r in rows)
    assert [r.split("\t")[0] for r in rows] == ["a", "1"]
