"""An Article: the one canonical string every offset indexes, and how a file becomes one.

Every offset in Reader (highlights, mentions, notes, corrections) indexes into
`Article.text`, so a format's loader decides that string once and nothing
downstream re-derives it. Bad input raises `ArticleError` naming the file and
the reason. The formats themselves live in `reader.core.formats`, one module each.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

MAX_BYTES = 64 * 1024 * 1024
# The longest text Reader opens: about 800,000 words, past the longest novels. The
# window lays a text out in one go (2,000,000 characters take about a second), and
# a 21 MB text held it blank for half a minute.
MAX_TEXT_CHARS = 5_000_000
_CHUNK = 1024 * 1024

# Characters that would break a one-line message or disguise a name: controls (a
# newline in a file name), line/paragraph separators, bidi overrides, lone surrogates.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, kept by os.fsdecode
        return f"\\x{code - 0xDC00:02x}"
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def display_name(path: str | Path | bytes) -> str:
    r"""A file name as one printable line: `caf\xe9.txt`, `line\nbreak.txt`.

    Names come from the file system, which allows any byte but "/" and NUL; a
    message must still print under a UTF-8 locale and stay on one line.
    """
    name = os.fsdecode(path) if isinstance(path, bytes) else str(path)
    return _UNSAFE.sub(_escape, name)


def text_path(path: str | Path) -> str:
    r"""A path as text that SQLite and JSON accept: bytes that are not UTF-8 escaped.

    `caf\xe9.txt` (the byte 0xE9 of a Latin-1 name) instead of a lone surrogate,
    which UTF-8 cannot encode.
    """
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


class ArticleError(Exception):
    """A file that cannot be opened as an article; str() is the one-line message.

    `path` is the name as given (for code); the message shows it escaped by
    `display_name`, since the CLI prints it and dialogs show it.
    """

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{display_name(path)}: {display_name(reason)}")
        self.path = str(path)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Block:
    """A styled stretch of the text: offsets and a role, never markup.

    The view draws the role with formatting only (list markers, indents, table
    rules, quote bars), never with extra characters, so no marker can end up
    inside a highlight. Roles:

    - "title", "dateline"; "heading" (level 1-6);
    - "item" (a bullet list item) and "ordered" (a numbered one), level = depth
      from 1; the view numbers an ordered list's items itself; "indent": a
      further paragraph of the list item above, at that depth;
    - "quote" (level = depth from 1); "code";
    - "row": a table row whose cells are separated by tabs, level 1 for a
      header row; consecutive rows (one newline apart) form one table;
    - "page" (PDF) and "chapter" (EPUB): containers spanning other blocks,
      drawn as a rule and a number in the margin.
    """

    start: int
    end: int
    role: str
    level: int = 0


@dataclass(frozen=True)
class Article:
    """A loaded article. `text` is what the view shows and the model reads."""

    path: str
    title: str
    text: str
    format: str  # a format's name: "txt" | "md" | "html" | ...
    blocks: tuple[Block, ...] = ()
    meta: Mapping[str, str] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        """Identity of the text: the cache key and the article's identity in the store."""
        return text_sha256(self.text)


def text_sha256(text: str) -> str:
    """Hash of the UTF-8 encoded text (equals the file's hash for a plain UTF-8 .txt)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _missing_package(exc: ImportError) -> str:
    """The distribution to install for a failed import, as pip knows it."""
    m = re.search(r"separate project (\w+)", str(exc))  # lxml.html.clean -> lxml_html_clean
    if m:
        return m.group(1)
    return (exc.name or "").split(".")[0] or "a required"


_DATABASE_SUFFIXES = frozenset((".db", ".sqlite", ".sqlite3"))
_DATABASE_SIDECARS = ("-wal", "-shm", "-journal")


def load(path: str | Path) -> Article:
    """Read `path` and return its Article, or raise ArticleError with a clear reason.

    The suffix picks the format, unless the bytes say they are something else
    (a PDF saved as `.txt`, an EPUB without its suffix): the content wins.
    """
    from reader.core import formats

    p = Path(path).expanduser()
    if p.suffix.casefold() in _DATABASE_SUFFIXES or p.name.endswith(_DATABASE_SIDECARS):
        # Never read: a library opened as an article would lose the window its SQLite
        # locks (closing any descriptor of a file drops them: see reader/ui/file_dialogs.py).
        raise ArticleError(p, "this is a database file (a Reader library?), not an article")
    fmt = formats.for_path(p)
    data = read_bytes(p)
    if not data.strip():
        raise ArticleError(p, "the file is empty")
    by_suffix = fmt
    fmt = formats.sniff(p, data) or fmt
    try:
        try:
            loaded = fmt.load(p, data)
        except ArticleError:
            if fmt.name != "html" or by_suffix.name != "txt":
                raise
            loaded = by_suffix.load(p, data)  # a "page" with no article in it: its text
    except ImportError as exc:
        # A broken install must name what is missing, not look like a bug in the file.
        raise ArticleError(
            p, f"{fmt.label.lower()} need the '{_missing_package(exc)}' package: {exc}"
        ) from None
    except RecursionError:
        # A parser that recurses per nesting level (deeply nested lists, quotes, tags).
        raise ArticleError(p, "the file is nested too deeply to read") from None
    if len(loaded.text) > MAX_TEXT_CHARS:
        raise ArticleError(
            p,
            f"the text is too long to read in Reader ({len(loaded.text):,} characters; "
            f"Reader opens texts of up to {MAX_TEXT_CHARS:,}, longer than most books)",
        )
    # Stored absolute, so Open Recent works whatever folder Reader was started in.
    return dataclasses.replace(loaded, path=str(p.resolve()))


def read_bytes(p: Path) -> bytes:
    """The file's bytes, refusing folders, devices, pipes, oversized and changing files.

    Everything is checked on the open descriptor (no gap between a check and
    the read), and the file must look the same before and after: an article
    saved while Reader read it was once stored half-written.
    """
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer.
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise ArticleError(p, "no such file") from None
    except PermissionError:
        raise ArticleError(p, "permission denied") from None
    except OSError as exc:
        raise ArticleError(p, exc.strerror or "cannot be read") from None
    try:
        before = os.fstat(fd)
        if stat.S_ISDIR(before.st_mode):
            raise ArticleError(p, "is a folder, not a file")
        if not stat.S_ISREG(before.st_mode):
            raise ArticleError(p, "is not a regular file (a device or a pipe)")
        if before.st_size > MAX_BYTES:
            raise ArticleError(p, f"the file is too large ({before.st_size // (1024 * 1024)} MB)")
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_BYTES:
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_BYTES:
            raise ArticleError(p, "the file is too large")
        after = os.fstat(fd)
        now = os.stat(p)
    except FileNotFoundError:
        raise ArticleError(p, "the file was deleted while it was being read") from None
    except OSError as exc:
        raise ArticleError(p, exc.strerror or "cannot be read") from None
    finally:
        os.close(fd)
    if (
        size != before.st_size
        or _signature(after) != _signature(before)
        or _signature(now) != _signature(before)
    ):
        raise ArticleError(
            p, "the file changed while it was being read (still being saved?); try again"
        )
    return b"".join(chunks)


def _signature(st: os.stat_result) -> tuple[int, int, int, int]:
    """What changes when a file is rewritten in place or replaced by another."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
