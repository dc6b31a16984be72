"""Loading saved files into an Article: encodings, structure, metadata and bad input."""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core.article import Article, ArticleError, load


def write(directory: Path, name: str, data: bytes | str) -> Path:
    path = directory / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def block_texts(article: Article, role: str) -> list[str]:
    return [article.text[b.start : b.end] for b in article.blocks if b.role == role]


def assert_blocks_index_text(article: Article) -> None:
    """Every block is a non-empty, trimmed stretch of the canonical text (a table row
    may start or end with the tab of an empty cell)."""
    for block in article.blocks:
        assert 0 <= block.start < block.end <= len(article.text), block
        piece = article.text[block.start : block.end]
        assert piece == (piece.strip(" \n") if block.role == "row" else piece.strip()), block


# --- plain text: encodings ----------------------------------------------------------------

BODY = (
    "Harbour strike ends in Valparaíso\n"
    "Thursday, 14 March 2024\n"
    "\n"
    "Dockers voted to return to work — the union said “enough is enough”.\n"
)


def test_utf8_txt_text_is_the_file_and_title_and_dateline_are_found(tmp_path: Path) -> None:
    article = load(write(tmp_path, "strike.txt", BODY))

    assert article.format == "txt"
    assert article.text == BODY
    assert article.title == "Harbour strike ends in Valparaíso"
    assert block_texts(article, "title") == ["Harbour strike ends in Valparaíso"]
    assert block_texts(article, "dateline") == ["Thursday, 14 March 2024"]
    assert article.meta["date"] == "Thursday, 14 March 2024"
    assert_blocks_index_text(article)


def test_utf8_bom_is_dropped_and_offsets_index_the_text(tmp_path: Path) -> None:
    article = load(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + BODY.encode("utf-8")))

    assert not article.text.startswith("\ufeff")
    assert article.text == BODY
    assert article.title == "Harbour strike ends in Valparaíso"
    title = next(b for b in article.blocks if b.role == "title")
    assert (title.start, title.end) == (0, len("Harbour strike ends in Valparaíso"))
    start = article.text.index("Dockers")
    assert start == BODY.index("Dockers")


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")],
    ids=["utf-16-le", "utf-16-be"],
)
def test_utf16_with_bom(tmp_path: Path, bom: bytes, codec: str) -> None:
    article = load(write(tmp_path, "wide.txt", bom + BODY.encode(codec)))

    assert article.text == BODY
    assert article.title == "Harbour strike ends in Valparaíso"
    assert block_texts(article, "dateline") == ["Thursday, 14 March 2024"]


def test_cp1252_curly_quotes_and_accents_decode(tmp_path: Path) -> None:
    data = (
        b"Caf\xe9 owners protest in Lyon\r\n"
        b"Monday, 3 March 2025\r\n"
        b"\r\n"
        b"\x93We\x92re closing,\x94 said the owner of the caf\xe9.\r\n"
    )
    article = load(write(tmp_path, "windows.txt", data))

    assert article.title == "Café owners protest in Lyon"
    assert "“We’re closing,” said the owner of the café." in article.text
    assert "\r" not in article.text
    assert "\ufffd" not in article.text
    assert block_texts(article, "dateline") == ["Monday, 3 March 2025"]


def test_crlf_and_lone_cr_become_newlines(tmp_path: Path) -> None:
    crlf = BODY.replace("\n", "\r\n")
    article = load(write(tmp_path, "dos.txt", crlf))
    assert article.text == BODY
    assert_blocks_index_text(article)
    assert block_texts(article, "dateline") == ["Thursday, 14 March 2024"]

    old_mac = load(write(tmp_path, "mac.txt", BODY.replace("\n", "\r")))
    assert old_mac.text == BODY


def test_non_bmp_characters_keep_python_str_offsets(tmp_path: Path) -> None:
    content = "Flags 🇺🇳 fly 😀 over Kandor\nBy our correspondent\n\nCrowds 🎉 gathered in Kandor.\n"
    for name, data in (
        ("emoji8.txt", content.encode("utf-8")),
        ("emoji16.txt", b"\xff\xfe" + content.encode("utf-16-le")),
    ):
        article = load(write(tmp_path, name, data))
        assert article.text == content
        title = next(b for b in article.blocks if b.role == "title")
        # Code points, not UTF-16 units or bytes: 😀 counts as one character.
        assert title.end == len("Flags 🇺🇳 fly 😀 over Kandor")
        assert article.text[title.start : title.end] == "Flags 🇺🇳 fly 😀 over Kandor"


# --- plain text: structure -------------------------------------------------------------------


@pytest.mark.parametrize(
    "second_line",
    ["12/23/2024", "Updated 5 Jan 2025, 14:02 GMT", "2024-06-30", "Published: Sept 9, 2023"],
)
def test_date_lines_are_recognised(tmp_path: Path, second_line: str) -> None:
    article = load(write(tmp_path, "d.txt", f"A title\n{second_line}\n\nBody text.\n"))
    assert block_texts(article, "dateline") == [second_line]


def test_a_second_line_without_a_date_is_body_not_dateline(tmp_path: Path) -> None:
    article = load(write(tmp_path, "nd.txt", "A title\nBy our correspondent\n\nBody text.\n"))
    assert [b.role for b in article.blocks] == ["title"]
    assert "date" not in article.meta


def test_title_is_first_non_empty_line_trimmed(tmp_path: Path) -> None:
    text = "\n\n   Floods in the delta  \nMonday, 1 July 2024\nWater rose overnight.\n"
    article = load(write(tmp_path, "t.txt", text))

    assert article.text == text
    assert article.title == "Floods in the delta"
    assert block_texts(article, "title") == ["Floods in the delta"]
    assert_blocks_index_text(article)


# --- Markdown ----------------------------------------------------------------------------------

MARKDOWN = """---
title: "Grain corridor reopens"
source: https://news.example.org/grain
author: Lena Fischer
---

# Ships leave Odesa again

The first convoy left on **Tuesday**, escorted by _two_ tugs.

- wheat for Egypt
- maize for Spain

## What comes next

1. inspections in Istanbul
2. insurance talks
"""


def test_markdown_front_matter_headings_and_lists(tmp_path: Path) -> None:
    article = load(write(tmp_path, "grain.md", MARKDOWN))

    assert article.format == "md"
    assert article.title == "Grain corridor reopens"
    assert article.meta["url"] == "https://news.example.org/grain"
    assert article.meta["author"] == "Lena Fischer"
    # Front matter and markup are not part of the text the user reads.
    for markup in ("---", "author:", "**", "_two_", "# ", "- wheat"):
        assert markup not in article.text
    assert "The first convoy left on Tuesday, escorted by two tugs." in article.text
    # List markers are drawn by the view, never part of the text a highlight covers.
    assert block_texts(article, "item") == ["wheat for Egypt", "maize for Spain"]
    assert block_texts(article, "ordered") == ["inspections in Istanbul", "insurance talks"]
    assert "•" not in article.text
    assert "1." not in article.text
    assert "What comes next" in block_texts(article, "heading")
    assert_blocks_index_text(article)


def test_markdown_first_heading_is_the_title(tmp_path: Path) -> None:
    source = "# Ships leave Odesa again\n\nThe convoy left.\n\n* one\n* two\n"
    article = load(write(tmp_path, "ships.md", source))

    assert article.title == "Ships leave Odesa again"
    assert article.text.startswith("Ships leave Odesa again")
    assert block_texts(article, "title") == ["Ships leave Odesa again"]
    assert block_texts(article, "item") == ["one", "two"]
    # Items of one list are one newline apart: the view draws them as one list.
    assert "one\ntwo" in article.text


def test_markdown_front_matter_title_without_heading_goes_on_top(tmp_path: Path) -> None:
    source = "---\ntitle: Quiet night in Kherson\n---\n\nNo sirens.\n\n## Later\n\nRain.\n"
    article = load(write(tmp_path, "quiet.md", source))

    assert article.title == "Quiet night in Kherson"
    assert article.text.startswith("Quiet night in Kherson\n\n")
    assert block_texts(article, "title") == ["Quiet night in Kherson"]
    # The body's blocks moved with the text.
    assert block_texts(article, "heading") == ["Later"]
    assert_blocks_index_text(article)


# --- saved web pages ---------------------------------------------------------------------------

PARAGRAPHS = (
    "Negotiators from the port workers' union and the shipping companies met again on "
    "Thursday in Valparaiso, after a week in which cranes stood idle and container ships "
    "queued outside the bay.",
    "The union's spokesman, Tomas Ibarra, said the workers wanted written guarantees on "
    "night shifts before they would return, and that a deal could come within days if the "
    "companies moved on overtime pay.",
    "Officials at the harbour authority said the backlog would take at least two weeks to "
    "clear even if work resumed immediately, and that perishable cargo had already been "
    "diverted to San Antonio.",
)

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour talks resume in Valparaiso | The Coastal Ledger</title>
<meta name="author" content="Marta Quintero">
<meta property="article:published_time" content="2024-03-14T09:00:00Z">
<link rel="canonical" href="https://ledger.example.com/2024/03/harbour-talks">
<meta property="og:url" content="https://ledger.example.com/2024/03/harbour-talks">
<meta property="og:site_name" content="The Coastal Ledger">
<script>window.tracker = "SCRIPTMARKER";</script>
<style>.ad {{ color: red }}</style>
</head><body>
<header><nav><ul>
<li><a href="/">NAVMARKER Home</a></li><li><a href="/world">World</a></li>
</ul></nav></header>
<div class="ad advertisement" id="ad-top">ADMARKER Buy cheap flights now!</div>
<main><article>
<h1>Harbour talks resume in Valparaiso</h1>
<p>{PARAGRAPHS[0]}</p>
<p>{PARAGRAPHS[1]}</p>
<p>{PARAGRAPHS[2]}</p>
</article></main>
<aside class="related">RELATEDMARKER You may also like: ten recipes for summer</aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment">COMMENTMARKER great article, first!</div></section>
<footer>FOOTERMARKER Copyright 2024 The Coastal Ledger. Privacy policy.</footer>
</body></html>
"""


def test_html_furniture_removed_article_and_metadata_kept(tmp_path: Path) -> None:
    article = load(write(tmp_path, "harbour.html", PAGE))

    assert article.format == "html"
    for marker in ("SCRIPTMARKER", "NAVMARKER", "ADMARKER", "RELATEDMARKER", "COMMENTMARKER"):
        assert marker not in article.text
    assert "FOOTERMARKER" not in article.text
    assert "<p>" not in article.text
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    assert article.title == "Harbour talks resume in Valparaiso"
    assert block_texts(article, "title") == ["Harbour talks resume in Valparaiso"]
    assert article.meta["author"] == "Marta Quintero"
    assert article.meta["date"].startswith("2024-03-14")
    assert article.meta["url"] == "https://ledger.example.com/2024/03/harbour-talks"
    assert_blocks_index_text(article)


# --- bad input ---------------------------------------------------------------------------------


def _png_bytes() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06" + bytes(
        range(256)
    )


def _random_bytes() -> bytes:
    data = bytearray(random.Random(1234).randbytes(4096))
    data[100] = 0  # make sure there are NULs
    return bytes(data)


_TRUNCATED_UTF8 = "Café résumé, naïve 😀".encode()[:-2]  # cut inside the emoji
_ODD_UTF16 = b"\xff\xfe" + "Title\nBody text\n".encode("utf-16-le") + b"A"

_EMPTY_PAGE = "<html><head><title></title></head><body></body></html>"

Maker = Callable[[Path], Path]

BAD_INPUT: list[tuple[str, Maker, str]] = [
    ("empty", lambda d: write(d, "empty.txt", b""), "empty"),
    ("whitespace", lambda d: write(d, "blank.txt", b"  \n\t\r\n   \n"), "empty"),
    ("png-as-txt", lambda d: write(d, "picture.txt", _png_bytes()), "binary"),
    ("random-bytes", lambda d: write(d, "noise.txt", _random_bytes()), "binary"),
    ("truncated-utf8", lambda d: write(d, "cut.txt", _TRUNCATED_UTF8), "truncated"),
    ("odd-utf16", lambda d: write(d, "odd.txt", _ODD_UTF16), "truncated or corrupt"),
    ("missing", lambda d: d / "not-there.txt", "no such file"),
    ("directory", lambda d: _mkdir(d / "saved"), "folder"),
    ("directory-named-txt", lambda d: _mkdir(d / "notes.txt"), "folder"),
    ("pdf", lambda d: write(d, "report.pdf", b"%PDF-1.7\n%\xe2\xe3\n"), "pdf is damaged"),
    ("xyz", lambda d: write(d, "thing.xyz", b"hello"), "unsupported file type"),
    ("empty-html", lambda d: write(d, "blank.html", _EMPTY_PAGE), "no article text"),
    ("binary-html", lambda d: write(d, "photo.html", _png_bytes()), "binary"),
]


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def _assert_clear_error(exc: ArticleError, path: Path, reason: str) -> None:
    message = str(exc)
    assert str(path) in message
    assert reason in message.lower()
    assert "\n" not in message
    assert exc.path == str(path)


@pytest.mark.parametrize(
    ("make", "reason"),
    [pytest.param(make, reason, id=case) for case, make, reason in BAD_INPUT],
)
def test_bad_input_raises_article_error_naming_file_and_reason(
    tmp_path: Path, make: Maker, reason: str
) -> None:
    path = make(tmp_path)
    with pytest.raises(ArticleError) as info:
        load(path)
    _assert_clear_error(info.value, path, reason)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file"
)
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", "Title\nBody\n")
    path.chmod(0)
    try:
        with pytest.raises(ArticleError) as info:
            load(path)
    finally:
        path.chmod(0o644)
    _assert_clear_error(info.value, path, "permission denied")


# A single-page app saved before its script ran: nothing but site furniture.
_SHELL_PAGE = """<!DOCTYPE html>
<html><head><title>Page not found</title></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About</a></nav>
</header>
<div id="app"></div>
<script>window.bootstrap({"route": "/news/1234"});</script>
<footer>Copyright 2024 Example Media. All rights reserved.</footer>
</body></html>
"""


def test_html_page_with_only_furniture_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "shell.html", _SHELL_PAGE)
    with pytest.raises(ArticleError) as info:
        load(path)
    _assert_clear_error(info.value, path, "no article text")


def test_cp1252_file_ending_in_accented_letter(tmp_path: Path) -> None:
    article = load(write(tmp_path, "end.txt", b"Menu du jour\r\nLe plat: un caf\xe9"))
    assert article.text == "Menu du jour\nLe plat: un café"


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ArticleError, match="not a regular file") as info:
        load(fifo)
    assert str(fifo) in str(info.value)


def test_relative_path_is_stored_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nBody text.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert load("a.txt").path == str(tmp_path / "a.txt")


def test_ascii_file_cut_inside_an_emoji_is_truncated(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes("Title\n\nMogadishu 🔥".encode()[:-2])
    with pytest.raises(ArticleError, match="truncated"):
        load(path)


def test_markdown_keeps_html_blocks_and_tables(tmp_path: Path) -> None:
    source = (
        "# Talks resume\n\n<div>President William Ruto called in.</div>\n\n"
        "| Party | Seats |\n|---|---|\n| Jubilee | 12 |\n"
    )
    text = load(write(tmp_path, "t.md", source)).text
    assert "President William Ruto called in." in text
    assert "Party\tSeats\nJubilee\t12" in text
    assert "|---" not in text


def test_markdown_leading_rule_is_not_front_matter(tmp_path: Path) -> None:
    source = "---\n\nKenya and Somalia met today.\n\n---\n\nMore text.\n"
    text = load(write(tmp_path, "rule.md", source)).text
    assert "Kenya and Somalia met today." in text
    assert "More text." in text


def test_markdown_html_drops_scripts_and_separates_cells(tmp_path: Path) -> None:
    source = (
        "# Report\n\n<table><tr><td>Iraq</td><td>Baghdad</td></tr></table>\n\n"
        "<div><script>var secret = 1;</script><p>Syria</p><p>Lebanon</p></div>\n"
    )
    text = load(write(tmp_path, "h.md", source)).text
    assert "Iraq Baghdad" in text
    assert "Syria Lebanon" in text
    assert "secret" not in text


def test_dashed_block_without_known_keys_is_text(tmp_path: Path) -> None:
    source = "---\nUpdate: the ceasefire collapsed in Gaza.\n---\n\nBody.\n"
    assert "the ceasefire collapsed in Gaza" in load(write(tmp_path, "u.md", source)).text


# --- plain text: subheadings ---------------------------------------------------------------


def test_txt_subheadings_are_headings(tmp_path: Path) -> None:
    text = (
        "Doctors offer flu shots to migrants\n\n"
        "A group of physicians is urging the department to accept its offer of free shots.\n\n"
        "“We write with urgency”\n\n"
        "In a letter, the doctors said they would provide 100 doses and four volunteers.\n\n"
        "Overcrowded conditions worsen risk\n\n"
        "The facilities hold far more people than they were built for, the doctors said.\n\n"
        "A spokeswoman declined to comment.\n\n"
        "— Rep. Ilhan Omar (@Ilhan) November 19, 2019\n\n"
        "Follow NBC Latino on Facebook, Twitter and Instagram.\n"
    )
    article = load(write(tmp_path, "flu.txt", text))
    assert block_texts(article, "heading") == [
        "“We write with urgency”",
        "Overcrowded conditions worsen risk",
    ]
    assert article.text == text


def test_short_lines_of_a_list_or_verse_are_not_headings(tmp_path: Path) -> None:
    verse = "Songs\n\n" + "".join(
        f"Line {word} of the song\n\nand a longer answer line number {word} here\n\n"
        for word in ("one", "two", "three", "four", "five")
    )
    assert block_texts(load(write(tmp_path, "v.txt", verse)), "heading") == []


def test_a_text_too_long_to_read_is_refused_with_its_length(tmp_path: Path) -> None:
    from reader.core.article import MAX_TEXT_CHARS

    path = tmp_path / "huge.txt"
    line = "word " * 20 + "\n"
    path.write_text("Huge\n\n" + line * (MAX_TEXT_CHARS // len(line) + 10), "utf-8")
    with pytest.raises(ArticleError) as info:
        load(path)
    assert str(path) in str(info.value)
    assert "too long to read" in info.value.reason


@pytest.mark.parametrize("name", ["reader.db", "reader.db-wal", "notes.sqlite", "x.db-journal"])
def test_a_database_file_is_refused_unread(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"SQLite format 3\x00")  # read, it would be "a binary file"
    with pytest.raises(ArticleError, match="database file"):
        load(path)


def test_a_web_page_saved_as_text_is_read_as_a_web_page(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(
        "<!DOCTYPE html><html><head><title>Floods in Velmora</title></head><body>"
        "<article><h1>Floods in Velmora</h1><p>Jo Pike said the river rose overnight in "
        "Velmora, and the army moved families to higher ground before dawn.</p>"
        "<p>Aid agencies asked for boats, blankets and clean water for the villages.</p>"
        "</article></body></html>",
        "utf-8",
    )
    article = load(path)
    assert "<" not in article.text
    assert "Jo Pike said the river rose" in article.text
