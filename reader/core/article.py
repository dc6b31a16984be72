"""Load a saved file into an Article whose `text` is the one canonical string.

Every offset in Reader (highlights, mentions, notes, corrections) indexes into
`Article.text`, so loaders decide that string once and nothing downstream
re-derives it. Bad input raises `ArticleError` naming the file and the reason.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_BYTES = 64 * 1024 * 1024
MAX_TITLE = 300  # a first line longer than this is a paragraph, not a headline
MIN_ARTICLE_WORDS = 15  # less than this from a web page is furniture, not an article

TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES
OPEN_FILTER = "Articles (*.txt *.text *.md *.markdown *.html *.htm *.xhtml);;All files (*)"


class ArticleError(Exception):
    """A file that cannot be opened as an article; str() is the one-line message."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Block:
    """A styled stretch of the text (title, dateline, heading...): offsets, never markup."""

    start: int
    end: int
    role: str  # "title" | "dateline" | "heading" | "item" | "quote" | "code"
    level: int = 0


@dataclass(frozen=True)
class Article:
    """A loaded article. `text` is what the view shows and the model reads."""

    path: str
    title: str
    text: str
    format: str  # "txt" | "md" | "html"
    blocks: tuple[Block, ...] = ()
    meta: Mapping[str, str] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        """Identity of the text: the cache key and the article's identity in the store."""
        return text_sha256(self.text)


def text_sha256(text: str) -> str:
    """Hash of the UTF-8 encoded text (equals the file's hash for a plain UTF-8 .txt)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load(path: str | Path) -> Article:
    """Read `path` and return its Article, or raise ArticleError with a clear reason."""
    p = Path(path).expanduser()
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        if suffix in {".pdf", ".epub", ".docx", ".doc", ".odt", ".rtf"}:
            raise ArticleError(p, f"{suffix[1:].upper()} files are not supported yet")
        raise ArticleError(
            p, f"unsupported file type '{suffix}' (Reader opens .txt, .md and .html articles)"
        )
    data = _read_bytes(p)
    if not data.strip():
        raise ArticleError(p, "the file is empty")
    if suffix in HTML_SUFFIXES:
        loaded = _load_html(p, data)
    else:
        text = decode_text(data, p)
        if not text.strip():
            raise ArticleError(p, "the file is empty")
        loaded = _load_markdown(p, text) if suffix in MARKDOWN_SUFFIXES else _load_plain(p, text)
    # Stored absolute, so Open Recent works whatever folder Reader was started in.
    return dataclasses.replace(loaded, path=str(p.resolve()))


def _read_bytes(p: Path) -> bytes:
    try:
        if p.is_dir():
            raise ArticleError(p, "is a folder, not a file")
        if p.exists() and not p.is_file():
            raise ArticleError(p, "is not a regular file (a device or a pipe)")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ArticleError(p, f"the file is too large ({size // (1024 * 1024)} MB)")
        with p.open("rb") as f:
            data = f.read(MAX_BYTES + 1)  # the size can change between stat and read
        if len(data) > MAX_BYTES:
            raise ArticleError(p, "the file is too large")
        return data
    except FileNotFoundError:
        raise ArticleError(p, "no such file") from None
    except PermissionError:
        raise ArticleError(p, "permission denied") from None
    except OSError as exc:
        raise ArticleError(p, exc.strerror or "cannot be read") from None


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


def decode_text(data: bytes, path: str | Path = "<bytes>") -> str:
    r"""Decode a saved text file: BOM-marked UTF-8/16/32, else UTF-8, else Windows-1252.

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
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise ArticleError(
                    path, "unknown text encoding (not UTF-8 or Windows-1252)"
                ) from None
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


# --- plain text --------------------------------------------------------------

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
    return Article(str(p), title, text, "txt", tuple(blocks), meta)


# --- Markdown ----------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(---|\.\.\.)[ \t]*(\n|\Z)", re.DOTALL)
_YAML_LINE = re.compile(r"^(?:[\w-]+:(?:\s.*)?|\s+.*|-\s.*|#.*)$")
_META_KEYS = {
    "title": "title",
    "author": "author",
    "authors": "author",
    "source": "url",
    "url": "url",
    "link": "url",
    "date": "date",
    "published": "date",
    "site": "site",
    "sitename": "site",
}


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split YAML-ish front matter (as web clippers write it) from a Markdown body."""
    m = _FRONT_MATTER.match(text)
    lines = [line for line in m.group(1).splitlines() if line.strip()] if m else []
    keys = {line.partition(":")[0].strip().lower() for line in lines}
    if not m or not all(_YAML_LINE.match(line) for line in lines) or not keys & set(_META_KEYS):
        return {}, text  # a leading "---" rule around ordinary text, not front matter
    meta: dict[str, str] = {}
    for line in lines:
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if sep and key in _META_KEYS and value.strip():
            meta.setdefault(_META_KEYS[key], value.strip().strip("\"'"))
    return meta, text[m.end() :]


def _html_text(fragment: str) -> str:
    """Readable text of raw HTML inside Markdown (kept, not dropped)."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    # Separate elements ("<td>Iraq</td><td>Baghdad</td>" is two words).
    return " ".join(" ".join(root.itertext()).split())


def _inline_text(token: Any) -> str:
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(_inline_text(child))
        elif child.type == "html_inline" and not child.content.startswith("<"):
            parts.append(child.content)
    return "".join(parts)


class _TextBuilder:
    """Accumulate paragraphs separated by blank lines, remembering styled blocks."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[Block] = []

    def add(self, content: str, role: str = "", level: int = 0) -> None:
        content = content.strip()
        if not content:
            return
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        if role:
            self.blocks.append(Block(self.length, self.length + len(content), role, level))
        self.parts.append(content)
        self.length += len(content)

    def text(self) -> str:
        return "".join(self.parts) + "\n"


def markdown_to_text(source: str) -> tuple[str, list[Block]]:
    """Turn Markdown into readable plain text plus the blocks that carry its structure."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    out = _TextBuilder()
    row: list[str] = []
    in_cell = False
    in_quote = 0
    list_stack: list[list[int]] = []  # per open list: [ordered?, next number]
    pending_item = ""
    heading_level = 0
    for tok in tokens:
        if tok.type == "heading_open":
            heading_level = int(tok.tag[1:])
        elif tok.type == "heading_close":
            heading_level = 0
        elif tok.type == "blockquote_open":
            in_quote += 1
        elif tok.type == "blockquote_close":
            in_quote -= 1
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            start = int(tok.attrs.get("start", 1) or 1) if tok.attrs else 1
            list_stack.append([tok.type == "ordered_list_open", start])
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            list_stack.pop()
        elif tok.type == "list_item_open" and list_stack:
            ordered, number = list_stack[-1]
            pending_item = f"{number}. " if ordered else "• "
            list_stack[-1][1] = number + 1
        elif tok.type == "tr_open":
            row = []
        elif tok.type in ("th_open", "td_open"):
            in_cell = True
        elif tok.type in ("th_close", "td_close"):
            in_cell = False
        elif tok.type == "tr_close":
            out.add("   ·   ".join(cell for cell in row if cell), "row")
        elif tok.type == "html_block":
            out.add(_html_text(tok.content))
        elif tok.type == "inline" and in_cell:
            row.append(_inline_text(tok).strip())
        elif tok.type == "inline":
            content = _inline_text(tok)
            if heading_level:
                out.add(content, "heading", heading_level)
            elif pending_item:
                out.add(pending_item + content, "item")
                pending_item = ""
            elif in_quote:
                out.add(content, "quote")
            else:
                out.add(content)
        elif tok.type in ("fence", "code_block"):
            out.add(tok.content, "code")
    return out.text(), out.blocks


def _article_from_markdown(
    p: Path, source: str, fmt: str, meta: dict[str, str], fallback_title: str
) -> Article:
    text, blocks = markdown_to_text(source)
    if not text.strip():
        raise ArticleError(p, "no article text found")
    title = meta.get("title", "")
    first = blocks[0] if blocks else None
    if first and first.start == 0 and first.role == "heading":
        blocks[0] = Block(first.start, first.end, "title", 1)
        title = title or text[first.start : first.end]
    elif title:
        # The title is not in the body: put it on top so the text starts with it.
        shift = len(title) + 2
        blocks = [Block(0, len(title), "title", 1)] + [
            Block(b.start + shift, b.end + shift, b.role, b.level) for b in blocks
        ]
        text = f"{title}\n\n{text}"
    else:
        title = fallback_title
    meta = {k: v for k, v in meta.items() if k != "title"}
    return Article(str(p), title, text, fmt, tuple(blocks), meta)


def _load_markdown(p: Path, text: str) -> Article:
    meta, body = _front_matter(text)
    return _article_from_markdown(p, body, "md", meta, p.stem)


# --- saved web pages -----------------------------------------------------------


def _load_html(p: Path, data: bytes) -> Article:
    """Extract the article from a saved page with trafilatura, keeping its metadata."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(p, "this is a binary file, not a web page")
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_tables=True
        )
        markdown = trafilatura.extract(
            data,
            output_format="markdown",
            include_comments=False,
            include_tables=True,
            include_formatting=True,
            with_metadata=False,
        )
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        raise ArticleError(p, f"the page could not be parsed ({exc.__class__.__name__})") from None
    title = str(getattr(doc, "title", "") or "") if doc is not None else ""
    body_words = len((markdown or "").split()) - len(title.split())
    if doc is None or body_words < MIN_ARTICLE_WORDS:
        # trafilatura falls back to any text it finds (a footer, a cookie banner):
        # a page with only that has no article to read.
        raise ArticleError(p, "no article text found in this web page")
    meta: dict[str, str] = {}
    for key, attr in (
        ("title", "title"),
        ("author", "author"),
        ("date", "date"),
        ("url", "url"),
        ("site", "sitename"),
    ):
        value = getattr(doc, attr, None)
        if value:
            meta[key] = str(value)
    return _article_from_markdown(p, markdown or "", "html", meta, p.stem)
