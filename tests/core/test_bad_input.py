"""Bad and hostile input: one clear line naming the file, in bounded time, never a hang."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from reader.core.article import ArticleError, display_name, load

from .bad_inputs import BAD_INPUTS, BadInput, write


def assert_one_line_naming(exc: ArticleError, path: Path, reason: str) -> None:
    message = str(exc)
    assert display_name(path) in message
    assert reason in message.lower(), message
    assert message.isprintable(), message  # no newline, tab, bidi override or lone surrogate
    message.encode("utf-8")  # prints under a UTF-8 locale


@pytest.mark.parametrize("case", BAD_INPUTS, ids=[c.id for c in BAD_INPUTS])
def test_bad_input_is_one_clear_line(tmp_path: Path, case: BadInput) -> None:
    path = case.make(tmp_path)
    start = time.monotonic()
    with pytest.raises(ArticleError) as info:
        load(path)
    assert time.monotonic() - start < 60  # a hang guard, not a speed test
    assert_one_line_naming(info.value, path, case.reason)


def test_the_corpus_is_large_enough() -> None:
    assert len(BAD_INPUTS) >= 40
    assert len({c.id for c in BAD_INPUTS}) == len(BAD_INPUTS)


# --- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        (b"caf\xe9.txt", "caf\\xe9.txt"),
        ("line\nbreak.txt", "line\\nbreak.txt"),
        ("tab\there.txt", "tab\\there.txt"),
        ("evil\u202etxt.exe.txt", "evil\\u202etxt.exe.txt"),
        ("Zürich – 東京.txt", "Zürich – 東京.txt"),
    ],
)
def test_file_names_are_shown_on_one_printable_line(
    tmp_path: Path, name: str | bytes, shown: str
) -> None:
    path = write(tmp_path, name, b"")
    with pytest.raises(ArticleError) as info:
        load(path)
    message = str(info.value)
    assert message.endswith(f"{shown}: the file is empty")
    assert message.isprintable()
    assert info.value.path == str(path)  # the real name stays available to code


# --- encodings --------------------------------------------------------------------------------


def test_mixed_utf8_and_cp1252_keeps_both(tmp_path: Path) -> None:
    """A UTF-8 article with a paragraph pasted from a Windows program."""
    data = "Talks in Zürich\n\nThe mayor of Zürich said “yes”.\n".encode() + (
        b"\x93We\x92ll see,\x94 said the caf\xe9 owner.\n"
    )
    article = load(write(tmp_path, "mixed.txt", data))
    assert article.title == "Talks in Zürich"
    assert "The mayor of Zürich said “yes”." in article.text
    assert "“We’ll see,” said the café owner." in article.text
    assert "Ã" not in article.text


def test_cp1252_alone_is_still_cp1252(tmp_path: Path) -> None:
    article = load(write(tmp_path, "w.txt", b"Caf\xe9 d\xe9j\xe0 vu\n\n\x93Oui\x94 \x80 5\n"))
    assert article.text == "Café déjà vu\n\n“Oui” € 5\n"


# --- a file that changes while it is read -----------------------------------------------------


def _rewrite_during_read(monkeypatch: pytest.MonkeyPatch, path: Path, replace: bool) -> None:
    """Let the first chunk be read, then save a new version, as an editor or a download would."""
    real_read = os.read
    calls = 0

    def read_then_save(fd: int, n: int) -> bytes:
        nonlocal calls
        calls += 1
        chunk = real_read(fd, n)
        if calls == 1:
            if replace:  # a new file renamed over the old one
                fresh = path.with_suffix(".tmp")
                fresh.write_text("Other title\n\n" + "new words " * 200_000, "utf-8")
                fresh.replace(path)
            else:  # rewritten in place, shorter
                path.write_text("Other title\n\nShort.\n", "utf-8")
        return chunk

    monkeypatch.setattr(os, "read", read_then_save)


@pytest.mark.parametrize("replace", [False, True], ids=["rewritten", "replaced"])
def test_a_file_saved_while_it_is_read_is_not_taken_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, replace: bool
) -> None:
    path = write(tmp_path, "saving.txt", "Title\n\n" + "old words " * 300_000)  # 3 MB: 3 chunks
    _rewrite_during_read(monkeypatch, path, replace)
    with pytest.raises(ArticleError) as info:
        load(path)
    assert "changed while it was being read" in str(info.value)
    monkeypatch.undo()
    assert load(path).title == "Other title"  # reading again once it is saved works


# --- content that is not what its name says ---------------------------------------------------


def test_a_pdf_saved_as_txt_is_not_an_article_titled_pdf_1_4(tmp_path: Path) -> None:
    ascii_pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    with pytest.raises(ArticleError) as info:
        load(write(tmp_path, "report.txt", ascii_pdf))
    assert "%PDF" not in str(info.value)
    assert "pdf" in info.value.reason.lower()


def test_html_saved_as_txt_with_no_article_in_it_stays_text(tmp_path: Path) -> None:
    page = "<html><body><p>Hello from Nairobi, where talks resumed.</p></body></html>\n"
    article = load(write(tmp_path, "page.txt", page))
    assert article.format == "txt"
    assert article.text == page


# --- hostile but valid input finishes, and fast -----------------------------------------------

HOSTILE = {
    "unclosed-front-matter.md": "---\ntitle: x\n" + "key: value\n" * 200_000,
    "brackets.md": "[" * 1_000_000,
    "brackets.txt": "[" * 1_000_000,
    "stars.md": "*a " * 300_000,
    "angles.md": "<" * 1_000_000,
    "backticks.md": "`a " * 300_000,
    "nested-quotes.md": ">" * 200_000 + " deep\n",
    "nested-lists.md": "".join("  " * i + "- x\n" for i in range(1500)),
    "one-line.md": "A" * 2_000_000,
    "one-line.txt": "A" * 2_000_000,
    "table.md": "|a|b|\n|-|-|\n" + "|x|y|\n" * 150_000,
    "links.md": "[a](b " * 150_000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_loads_in_bounded_time(tmp_path: Path, name: str) -> None:
    """Each was superlinear or ~100x slower per byte before (8 MB unclosed front matter: 40 s)."""
    path = write(tmp_path, name, HOSTILE[name])
    start = time.monotonic()
    try:
        article = load(path)
    except ArticleError as exc:
        assert_one_line_naming(exc, path, "")
    else:
        for block in article.blocks:
            assert 0 <= block.start < block.end <= len(article.text)
    # Generous: these take well under a second each; markdown-it-py took 5-40 s.
    assert time.monotonic() - start < 20
