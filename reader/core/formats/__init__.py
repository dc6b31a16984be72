"""The registry of article formats: one module per format, each declaring its suffixes.

The Open dialog's filter, drag-and-drop acceptance, the CLI's help and the
README's list all come from `FORMATS`, so adding a format is one new module
with a `FORMAT` and one line here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.core.article import Article, ArticleError


@dataclass(frozen=True)
class Format:
    """One kind of file Reader opens.

    `load(path, data)` turns the file's bytes into an Article; it may import
    its libraries lazily (a missing one becomes a clear ArticleError).
    `sniff(data)` says whether bytes are this format whatever the file is
    called (a PDF saved as `.txt`); formats without a signature leave it None.
    """

    name: str  # stored with the article: "txt", "md", "html"
    label: str  # plural, for the Open dialog and messages: "Saved web pages"
    suffixes: tuple[str, ...]  # lower case, with the dot
    load: Callable[[Path, bytes], Article]
    sniff: Callable[[bytes], bool] | None = None


def is_pdf(data: bytes) -> bool:
    """A PDF header at the start of a line in the first kilobyte (readers allow junk before it)."""
    at = data.find(b"%PDF-", 0, 1024)
    return at == 0 or (at > 0 and data[at - 1 : at] in (b"\n", b"\r"))


def _formats() -> tuple[Format, ...]:
    from reader.core.formats import epub, html, markdown, pdf, text

    return (text.FORMAT, markdown.FORMAT, html.FORMAT, epub.FORMAT, pdf.FORMAT)


FORMATS: tuple[Format, ...] = _formats()
# Files people try to open that no format reads yet: named, so the message is specific.
_KNOWN_UNSUPPORTED = (".docx", ".doc", ".odt", ".rtf", ".mobi", ".azw", ".azw3")

# Signatures of files that are not articles, whatever their name says: without
# them a PDF saved as .txt became an article titled "%PDF-1.4".
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"{\\rtf", "an RTF document"),
    (0, b"%!PS", "a PostScript file"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (0, b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (0, b"\xff\xd8\xff", "a JPEG image"),
    (0, b"GIF87a", "a GIF image"),
    (0, b"GIF89a", "a GIF image"),
    (0, b"\x1f\x8b", "a gzip-compressed file"),
    (0, b"RIFF", "a RIFF media file (WebP, WAV, AVI)"),
    (0, b"OggS", "an Ogg media file"),
    (4, b"ftyp", "an MP4 or QuickTime video"),
    (0, b"\xfd7zXZ\x00", "an xz-compressed file"),
    (0, b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (0, b"Rar!\x1a\x07", "a RAR archive"),
    (0, b"\x7fELF", "a program"),
    (0, b"SQLite format 3\x00", "an SQLite database"),
    (60, b"BOOKMOBI", "a Kindle (MOBI) book"),
)


def _zip_kind(data: bytes) -> str:
    """What a ZIP-based file is.

    OpenDocument and EPUB store their type as the first entry; Word has `word/` names.
    """
    if data[30:38] == b"mimetype":
        mimetype = data[38:120].split(b"PK", 1)[0]
        if b"opendocument" in mimetype:
            return "an OpenDocument file"
        if b"epub" in mimetype:
            return "an EPUB book"
    if b"word/" in data[:65536]:
        return "a Word document"
    return "a ZIP archive"


def sniff(path: Path, data: bytes) -> Format | None:
    """The format the bytes are, when they carry a signature.

    Raises ArticleError for known non-article files (images, archives, office
    documents); returns None for text, whose suffix decides.
    """
    for fmt in FORMATS:
        if fmt.sniff is not None and fmt.sniff(data):
            return fmt
    kind = ""
    if data.startswith(b"PK\x03\x04"):
        kind = _zip_kind(data)
    for offset, signature, name in _SIGNATURES:
        if not kind and data.startswith(signature, offset):
            kind = name
    if kind:
        raise ArticleError(path, f"this is a binary file ({kind}), not an article")
    if path.suffix.lower() in _BINARY_SUFFIXES + _TEXT_SUFFIXES and looks_like_html(data):
        # A page a browser saved under a document's name ("report.pdf") or as text
        # ("page.txt"): read it as one, or its tags would show and end up in names.
        return next(f for f in FORMATS if f.name == "html")
    return None


_BINARY_SUFFIXES = (".pdf", ".epub")
_TEXT_SUFFIXES = (".txt", ".text", "")
_HTML_START = re.compile(rb"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)[\s>]", re.I | re.S)


def looks_like_html(data: bytes) -> bool:
    """Whether the bytes start as a web page does (after a byte order mark and comments)."""
    return _HTML_START.match(data[:4096].removeprefix(b"\xef\xbb\xbf")) is not None


def suffixes() -> list[str]:
    """Every suffix Reader opens (a file without one is read as plain text)."""
    return [s for f in FORMATS for s in f.suffixes if s]


def for_path(path: Path) -> Format:
    """The format that reads `path`, by its suffix; ArticleError when none does."""
    suffix = path.suffix.lower()
    for fmt in FORMATS:
        if suffix in fmt.suffixes:
            return fmt
    if suffix in _KNOWN_UNSUPPORTED:
        raise ArticleError(path, f"{suffix[1:].upper()} files are not supported yet")
    raise ArticleError(
        path, f"unsupported file type '{suffix}' (Reader opens {', '.join(suffixes())})"
    )


def is_supported(path: Path) -> bool:
    """Whether some format reads `path` (drag and drop accepts only these)."""
    suffix = path.suffix.lower()
    return any(suffix in f.suffixes for f in FORMATS)


def open_filter() -> str:
    """The Open dialog's filter: all articles, then one entry per format."""
    patterns = " ".join(f"*{s}" for s in suffixes())
    entries = [f"Articles ({patterns})"]
    entries += [f"{f.label} ({' '.join(f'*{s}' for s in f.suffixes if s)})" for f in FORMATS]
    return ";;".join([*entries, "All files (*)"])


def describe() -> str:
    """One line naming every format and its suffixes (CLI help, error messages)."""
    return "; ".join(
        f"{f.label.lower()} ({', '.join(s for s in f.suffixes if s)})" for f in FORMATS
    )
