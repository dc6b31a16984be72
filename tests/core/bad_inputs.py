"""A corpus of bad and hostile files, generated on the fly (no binaries committed).

Each case makes its file in a folder and names the reason the one-line message
must give. The loader tests and the `reader annotate` end-to-end tests run the
same table.
"""

from __future__ import annotations

import io
import os
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .docmakers import make_epub, make_pdf

Maker = Callable[[Path], Path]


@dataclass(frozen=True)
class BadInput:
    id: str
    make: Maker
    reason: str  # a substring of the message, lower case


def write(directory: Path, name: str | bytes, data: bytes | str) -> Path:
    """Write a file; a bytes name may hold bytes that are not UTF-8."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    target = os.path.join(
        os.fsencode(directory), name if isinstance(name, bytes) else name.encode()
    )
    with open(target, "wb") as f:
        f.write(raw)
    return Path(os.fsdecode(target))


def _zip(entries: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in entries:
            z.writestr(name, data, compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


def _random(seed: int, size: int = 4096) -> bytes:
    data = bytearray(random.Random(seed).randbytes(size))
    data[10] = 0
    return bytes(data)


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _dangling(path: Path) -> Path:
    path.symlink_to(path.parent / "gone.txt")
    return path


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as f:
        f.truncate(size)  # a hole: no disk space used
    return path


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))
EMPTY_PAGE = "<html><head><title></title></head><body></body></html>"
FURNITURE_PAGE = (
    "<html><head><title>Not found</title></head><body><nav><a href='/'>Home</a>"
    "<a href='/news'>News</a></nav><div id='app'></div>"
    "<script>window.boot({route: '/news/1'})</script>"
    "<footer>Copyright 2024 Example Media. All rights reserved.</footer></body></html>"
)
XXE_PAGE = (
    '<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    "<html><body><p>&xxe;</p></body></html>"
)

BAD_INPUTS: list[BadInput] = [
    # empty
    BadInput("empty", lambda d: write(d, "empty.txt", b""), "empty"),
    BadInput("whitespace", lambda d: write(d, "blank.txt", b"  \n\t\r\n   \n"), "empty"),
    BadInput("utf8-bom-only", lambda d: write(d, "bom.txt", b"\xef\xbb\xbf"), "empty"),
    BadInput("utf16-bom-only", lambda d: write(d, "bom16.txt", b"\xff\xfe \x00\n\x00"), "empty"),
    BadInput("empty-md", lambda d: write(d, "empty.md", b"\n\n"), "empty"),
    BadInput("empty-html", lambda d: write(d, "empty.html", b""), "empty"),
    # binary, whatever the suffix says
    BadInput("nul-bytes", lambda d: write(d, "nul.txt", b"\x00" * 64), "binary"),
    BadInput("random-bytes", lambda d: write(d, "noise.txt", _random(1)), "binary"),
    BadInput("random-md", lambda d: write(d, "noise.md", _random(2)), "binary"),
    BadInput("controls", lambda d: write(d, "ctl.txt", b"\x01\x02\x03\x04abc" * 50), "binary"),
    BadInput("png-as-txt", lambda d: write(d, "picture.txt", PNG), "png image"),
    BadInput("png-as-html", lambda d: write(d, "photo.html", PNG), "binary"),
    BadInput("jpeg-as-md", lambda d: write(d, "photo.md", b"\xff\xd8\xff\xe0" + bytes(64)), "jpeg"),
    BadInput("gif-no-suffix", lambda d: write(d, "anim", b"GIF89a" + bytes(range(200))), "gif"),
    BadInput(
        "gzip-as-txt", lambda d: write(d, "page.txt", b"\x1f\x8b\x08\x00" + bytes(50)), "gzip"
    ),
    BadInput("zip-as-txt", lambda d: write(d, "a.txt", _zip([("x.txt", b"hello")])), "zip archive"),
    BadInput(
        "docx-as-txt",
        lambda d: write(d, "letter.txt", _zip([("word/document.xml", b"<w/>")])),
        "word document",
    ),
    BadInput(
        "odt-as-md",
        lambda d: write(
            d, "n.md", _zip([("mimetype", b"application/vnd.oasis.opendocument.text")])
        ),
        "opendocument",
    ),
    BadInput("elf", lambda d: write(d, "tool", b"\x7fELF\x02\x01\x01" + bytes(100)), "program"),
    BadInput(
        "sqlite-as-txt",
        lambda d: write(d, "lib.txt", b"SQLite format 3\x00" + bytes(100)),
        "sqlite",
    ),
    BadInput("rtf-as-txt", lambda d: write(d, "memo.txt", b"{\\rtf1\\ansi Hello}"), "rtf"),
    BadInput(
        "ole-as-txt",
        lambda d: write(d, "old.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)),
        "office",
    ),
    BadInput(
        "mobi-as-txt", lambda d: write(d, "book.txt", bytes(60) + b"BOOKMOBI" + bytes(40)), "kindle"
    ),
    # encodings
    BadInput(
        "truncated-utf8", lambda d: write(d, "cut.txt", "Café naïve 😀".encode()[:-2]), "truncated"
    ),
    BadInput(
        "odd-utf16",
        lambda d: write(d, "odd.txt", b"\xff\xfe" + "Title\nBody\n".encode("utf-16-le") + b"A"),
        "truncated or corrupt",
    ),
    BadInput(
        "odd-utf32",
        lambda d: write(d, "odd32.txt", b"\xff\xfe\x00\x00" + "Title\n".encode("utf-32-le")[:-1]),
        "truncated or corrupt",
    ),
    # not a readable regular file
    BadInput("missing", lambda d: d / "not-there.txt", "no such file"),
    BadInput("dangling-symlink", lambda d: _dangling(d / "link.txt"), "no such file"),
    BadInput("directory", lambda d: _mkdir(d / "saved"), "folder"),
    BadInput("directory-named-md", lambda d: _mkdir(d / "notes.md"), "folder"),
    BadInput("fifo", lambda d: _fifo(d / "pipe.txt"), "not a regular file"),
    BadInput("too-large", lambda d: _sparse(d / "huge.txt", 65 * 1024 * 1024), "too large"),
    # not a format Reader opens
    BadInput("unknown-suffix", lambda d: write(d, "thing.xyz", b"hello"), "unsupported file type"),
    BadInput("docx-suffix", lambda d: write(d, "letter.docx", b"PK"), "not supported"),
    # parsed, but no article in it
    BadInput("html-empty-page", lambda d: write(d, "blank.html", EMPTY_PAGE), "no article text"),
    BadInput("html-furniture", lambda d: write(d, "shell.html", FURNITURE_PAGE), "no article text"),
    BadInput("html-xxe", lambda d: write(d, "xxe.xhtml", XXE_PAGE), "no article text"),
    BadInput(
        "html-only-script",
        lambda d: write(d, "s.html", "<html><body><script>var a = 1;</script></body></html>"),
        "no article text",
    ),
    BadInput(
        "md-only-rules", lambda d: write(d, "rules.md", "***\n\n---\n\n___\n"), "no article text"
    ),
    BadInput(
        "md-only-image", lambda d: write(d, "img.md", "![a photo](x.png)\n"), "no article text"
    ),
    BadInput(
        "md-only-comment", lambda d: write(d, "c.md", "<!-- nothing -->\n"), "no article text"
    ),
    BadInput(
        "md-only-front-matter",
        lambda d: write(d, "fm.md", "---\ntitle: Just a title\n---\n"),
        "no article text",
    ),
    # documents: damaged, protected, without text
    BadInput(
        "pdf-encrypted",
        lambda d: write(d, "locked.pdf", make_pdf([[[("Secret", 11)]]], encrypted=True)),
        "password",
    ),
    BadInput("pdf-image-only", lambda d: write(d, "scan.pdf", make_pdf([[]])), "no text"),
    BadInput(
        "pdf-truncated",
        lambda d: write(d, "cut.pdf", make_pdf([[[("Some words here", 11)]]])[:300]),
        "damaged",
    ),
    BadInput(
        "ascii-pdf-as-txt",
        lambda d: write(d, "report.txt", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"),
        "pdf is damaged",
    ),
    BadInput(
        "epub-drm", lambda d: write(d, "drm.epub", make_epub(["<p>Text</p>"], drm=True)), "drm"
    ),
    BadInput(
        "epub-truncated",
        lambda d: write(d, "cut.epub", make_epub(["<p>Text</p>"])[:200]),
        "damaged",
    ),
    BadInput("epub-no-chapters", lambda d: write(d, "none.epub", make_epub([])), "no chapters"),
    # names that must print safely
    BadInput("name-newline", lambda d: write(d, "line\nbreak.txt", b""), "empty"),
    BadInput("name-not-utf8", lambda d: write(d, b"caf\xe9.txt", PNG), "binary"),
    BadInput("name-bidi", lambda d: write(d, "report\u202etxt.exe.txt", b""), "empty"),
    BadInput("name-tab-cr", lambda d: write(d, "a\tb\rc.md", b" "), "empty"),
]
