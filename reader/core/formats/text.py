"""Plain-text articles (.txt): a title line, an optional date line, the body.

The text is the whole file as decoded: title line included, BOM removed,
newlines unified, so offsets equal Python's view of the same file.
"""

from __future__ import annotations

import codecs
import itertools
import re
from pathlib import Path

from reader.core.article import Article, ArticleError, Block
from reader.core.formats import Format

MAX_TITLE = 300  # a first line longer than this is a paragraph, not a headline

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _looks_utf8(head: bytes) -> bool:
    """Whether bytes before a cut-off are UTF-8 with non-ASCII in it (so the cut is truncation).

    Without that evidence a bad final byte is more likely Windows-1252 ("café" ending a file).
    """
    try:
        return not head.decode("utf-8").isascii()
    except UnicodeDecodeError:
        return False


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# A multi-byte UTF-8 sequence: if a file that is not valid UTF-8 has one, parts of it
# were written as UTF-8 and the rest (an editor's paste, an appended note) as cp1252.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xef][\x80-\xbf]{2}"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _cp1252_byte(byte: int) -> str:
    """A byte as Windows-1252, or as Latin-1 for the five bytes cp1252 leaves undefined."""
    return bytes([byte]).decode("cp1252", errors="ignore") or chr(byte)


_CP1252 = [_cp1252_byte(b) for b in range(256)]


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as Windows-1252."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(_CP1252[b] for b in bad), exc.end


codecs.register_error("reader-cp1252", _cp1252_fallback)


def decode_text(data: bytes, path: str | Path = "<bytes>") -> str:
    r"""Decode a saved text file: BOM-marked UTF-8/16/32, else UTF-8, else Windows-1252.

    A file mixing the two (a UTF-8 article with a paragraph pasted from a
    Windows program) keeps every valid UTF-8 sequence as UTF-8 and reads only
    the other bytes as Windows-1252, rather than turning "Zürich" into "ZÃ¼rich".
    Newlines become "\n" and the BOM is dropped, so offsets match what a
    Python `open(..., encoding=...)` of the same file would give.
    """
    encoding = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding, data = name, data[len(bom) :]
            break
    if encoding is None:
        if b"\x00" in data:
            raise ArticleError(path, "this is a binary file, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.reason == "unexpected end of data" and (
                len(data) - exc.start >= 2 or _looks_utf8(data[: exc.start])
            ):
                raise ArticleError(
                    path, "the file is truncated (it ends inside a UTF-8 character)"
                ) from None
            if _UTF8_SEQUENCE.search(data):
                text = data.decode("utf-8", errors="reader-cp1252")
            else:
                text = data.decode("cp1252", errors="reader-cp1252")
    else:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise ArticleError(
                path, f"the file is truncated or corrupt (invalid {encoding.upper()})"
            ) from None
    controls = len(_CONTROL.findall(text))
    if controls and controls > max(2, len(text) // 200):
        raise ArticleError(path, "this is a binary file, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


_DATE_WORDS = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|"
    r"sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?|updated|published"
)
_DATE_LINE = re.compile(
    rf"(\b({_DATE_WORDS})\b.*\d)|(\d.*\b({_DATE_WORDS})\b)|"
    r"(\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b)|(\b(19|20)\d\d-\d\d-\d\d)",
    re.IGNORECASE,
)


def _lines_with_offsets(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _load_plain(p: Path, text: str) -> Article:
    """A saved .txt: first non-empty line is the title, an optional date line follows."""
    blocks: list[Block] = []
    lines = [s for s in _lines_with_offsets(text) if text[s[0] : s[1]].strip()]
    title = p.stem
    meta: dict[str, str] = {}
    if lines:
        start, end = _strip_span(text, *lines[0])
        title = text[start:end][:MAX_TITLE]
        blocks.append(Block(start, end, "title", 1))
        if len(lines) > 1:
            start, end = _strip_span(text, *lines[1])
            candidate = text[start:end]
            if len(candidate) <= 60 and _DATE_LINE.search(candidate):
                blocks.append(Block(start, end, "dateline"))
                meta["date"] = candidate
    blocks += _subheadings(text, lines, skip=len(blocks))
    return Article(str(p), title, text, "txt", tuple(blocks), meta)


_HEADING_START = re.compile(r"[\"“‘'(]?[A-Z0-9ÀÁÂÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÖØÙÚÛÜÝŒŠŽ]")
_HEADING_END = re.compile(r"[.,;:!…\-–—]$|[.,;:!][\"”’')]$")
_NOT_HEADING = re.compile(r"^(by|photo|image|credit|source|advertisement)\b", re.I)


def _paragraphs(text: str) -> list[tuple[int, int, int]]:
    """(start, end, lines) of each run of non-blank lines."""
    runs: list[tuple[int, int, int]] = []
    start = end = -1
    count = 0
    for line_start, line_end in _lines_with_offsets(text):
        if text[line_start:line_end].strip():
            if start < 0:
                start, count = line_start, 0
            end, count = line_end, count + 1
        elif start >= 0:
            runs.append((start, end, count))
            start = -1
    if start >= 0:
        runs.append((start, end, count))
    return runs


def _subheadings(text: str, lines: list[tuple[int, int]], skip: int) -> list[Block]:
    """Short one-line paragraphs that introduce longer ones: a saved article's subheadings.

    A heading starts with a capital or a digit (or a quote before one), has at
    most ten words, ends without sentence punctuation ("Overcrowded conditions
    worsen risk", "“We write with urgency”"), and a paragraph of body text
    follows. When most short paragraphs qualify, the text is a list or verse,
    not an article with subheadings, and none is taken.
    """
    runs = _paragraphs(text)
    taken = {lines[i][0] for i in range(min(skip, len(lines)))}
    found: list[Block] = []
    for (start, end, count), following in itertools.pairwise(runs):
        start, end = _strip_span(text, start, end)
        line = text[start:end]
        if count != 1 or start in taken or not line:
            continue
        words = line.split()
        next_text = text[following[0] : following[1]]
        if (
            len(words) <= 10
            and len(line) <= 90
            and _HEADING_START.match(line)
            and not _HEADING_END.search(line)
            and not _NOT_HEADING.match(line)
            and len(next_text) > 2 * len(line)
        ):
            found.append(Block(start, end, "heading", 2))
    if len(found) > 3 and len(found) * 3 > len(runs):
        return []
    return found


def _load(p: Path, data: bytes) -> Article:
    text = decode_text(data, p)
    if not text.strip():
        raise ArticleError(p, "the file is empty")
    return _load_plain(p, text)


FORMAT = Format("txt", "Plain text articles", (".txt", ".text", ""), _load)
