"""The format registry: one module per format, and what the user sees from it."""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import pytest

from reader.core import formats
from reader.core.article import ArticleError, load


def test_every_format_is_offered_by_the_open_dialog_and_accepted_when_dropped() -> None:
    dialog = formats.open_filter()
    for fmt in formats.FORMATS:
        assert fmt.label in dialog
        for suffix in fmt.suffixes:
            if suffix:
                assert f"*{suffix}" in dialog.split(";;")[0]  # the "all articles" entry
                assert formats.is_supported(Path(f"x{suffix.upper()}"))
    assert not formats.is_supported(Path("photo.png"))
    assert {f.name for f in formats.FORMATS} >= {"txt", "md", "html"}


def test_an_unknown_suffix_names_what_reader_opens(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG")
    with pytest.raises(ArticleError) as info:
        load(path)
    assert str(path) in str(info.value)
    for suffix in (".txt", ".md", ".html"):
        assert suffix in info.value.reason


def test_a_missing_library_is_named_not_reported_as_a_bug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a plain `pip install .` with an old pip once gave: lxml.html.clean missing."""
    page = tmp_path / "page.html"
    page.write_text("<html><body><article><p>Words.</p></article></body></html>", "utf-8")
    real_import = builtins.__import__

    def no_clean(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "trafilatura":
            raise ImportError(
                "lxml.html.clean module is now a separate project lxml_html_clean.\n"
                "Install lxml[html_clean] or lxml_html_clean directly."
            )
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_clean)
    with pytest.raises(ArticleError) as info:
        load(page)
    message = str(info.value)
    assert message.startswith(f"{page}: saved web pages need the 'lxml_html_clean' package")
    assert "unexpected" not in message


def test_the_registry_loads_no_parser_until_a_file_is_opened() -> None:
    """`reader --help` and the window's start-up list the formats without their libraries."""
    import subprocess
    import sys

    probe = (
        "import sys, reader.core.formats, reader.cli;"
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'lxml', 'trafilatura', 'pdfminer', 'pyromark', 'htmldate', 'justext'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]"


def test_every_format_is_listed_with_its_suffixes() -> None:
    described = formats.describe()
    for suffix in (".txt", ".md", ".html", ".epub", ".pdf"):
        assert suffix in described
    assert "PDF documents (*.pdf)" in formats.open_filter()
    assert "EPUB books (*.epub)" in formats.open_filter()


@pytest.mark.parametrize("name", ["report.pdf", "book.epub"])
def test_a_web_page_saved_under_a_document_name_opens_as_the_page(
    tmp_path: Path, name: str
) -> None:
    page = tmp_path / name
    page.write_text(
        "\ufeff<!-- saved from url=(0042)https://example.org/ -->\n<!DOCTYPE html>\n"
        "<html><head><title>Harbour reopens</title></head><body><article>"
        "<h1>Harbour reopens</h1><p>The port of Tarsk reopened on Monday after the storm, "
        "officials of the Velmora Accord said, and the first ships came in at noon.</p>"
        "<p>Fishermen said the damage was smaller than feared, though two piers are closed."
        "</p></article></body></html>",
        encoding="utf-8",
    )
    article = load(page)
    assert article.format == "html"
    assert "The port of Tarsk reopened on Monday" in article.text
    assert "<p>" not in article.text


def test_a_damaged_pdf_that_is_not_a_page_is_still_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_text("this was never a PDF\n", encoding="utf-8")
    with pytest.raises(ArticleError) as info:
        load(broken)
    assert "broken.pdf" in str(info.value)
