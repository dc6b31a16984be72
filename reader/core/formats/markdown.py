"""Markdown articles (.md), as web clippers save them: front matter, then the body.

Markdown becomes readable plain text (the one canonical string) plus blocks
that carry its structure (headings, list items, quotes, table rows, code), so
the view styles the text without ever re-deriving offsets from markup.

The parser is pulldown-cmark (through `pyromark`): it is linear in time by
design and streams events, where markdown-it-py took 40 s and 1.4 GB for an
8 MB unclosed front matter and 18 s for 400 kB of "[".
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from reader.core.article import Article, ArticleError
from reader.core.formats import Format
from reader.core.formats.text import decode_text
from reader.core.formats.textbuilder import TextBuilder, one_line, with_title

FRONT_MATTER_MAX = 64 * 1024  # clippers write a few lines; a longer "---" block is text
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
    m = _FRONT_MATTER.match(text[:FRONT_MATTER_MAX])
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


def html_fragment_text(fragment: str) -> str:
    """Readable text of raw HTML inside Markdown (kept, not dropped)."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    # Separate elements ("<td>Iraq</td><td>Baghdad</td>" is two words).
    return one_line(" ".join(root.itertext()))


class _Converter:
    """Turn pulldown-cmark's event stream into text and blocks.

    State lives in explicit stacks, not recursion: a million nested quotes is
    just a large counter.
    """

    def __init__(self) -> None:
        self.out = TextBuilder()
        self.inline: list[str] = []
        self.lists: list[bool] = []  # per open list: ordered?
        self.item_started: list[bool] = []  # per open item: its first paragraph is out
        self.quotes = 0
        self.heading = 0
        self.skip = 0  # inside an image: its alt text is not part of the reading text
        self.code: list[str] | None = None
        self.html: list[str] | None = None
        self.row: list[str] | None = None
        self.head_row = False

    def flush(self) -> None:
        """Emit the pending inline text as the block its context makes it."""
        content = "".join(self.inline)
        self.inline = []
        if not content.strip():
            return
        if self.heading:
            self.out.add(one_line(content), "heading", self.heading)
        elif self.item_started:
            depth = len(self.lists)
            if not self.item_started[-1]:
                self.item_started[-1] = True
                role = "ordered" if self.lists and self.lists[-1] else "item"
                self.out.add(one_line(content), role, depth)
            else:
                self.out.add(one_line(content), "indent", depth)
        elif self.quotes:
            self.out.add(content, "quote", self.quotes)
        else:
            self.out.add(content)

    def start(self, tag: Any) -> None:
        name, value = _tag(tag)
        if name == "Image":
            self.skip += 1
        elif name in ("Emphasis", "Strong", "Strikethrough", "Link", "Superscript", "Subscript"):
            pass  # inline styling: its text flows on
        elif name == "Heading":
            self.flush()
            self.heading = int(str(value.get("level", "H2"))[1:]) if value else 2
        elif name == "BlockQuote":
            self.flush()
            self.quotes += 1
        elif name == "List":
            self.flush()
            if not self.lists:
                self.out.break_group()
            self.lists.append(value is not None)
        elif name == "Item":
            self.flush()
            self.item_started.append(False)
        elif name == "CodeBlock":
            self.flush()
            self.code = []
        elif name == "HtmlBlock":
            self.flush()
            self.html = []
        elif name == "Table":
            self.flush()
            self.out.break_group()
        elif name in ("TableHead", "TableRow"):
            self.row = []
            self.head_row = name == "TableHead"
        elif name == "TableCell":
            self.inline = []
        else:  # Paragraph, FootnoteDefinition, definition lists...
            self.flush()

    def end(self, tag: Any) -> None:
        name, _ = _tag(tag)
        if name == "Image":
            self.skip = max(0, self.skip - 1)
        elif name in ("Emphasis", "Strong", "Strikethrough", "Link", "Superscript", "Subscript"):
            pass
        elif name == "Heading":
            self.flush()
            self.heading = 0
        elif name == "BlockQuote":
            self.flush()
            self.quotes = max(0, self.quotes - 1)
        elif name == "List":
            self.flush()
            if self.lists:
                self.lists.pop()
            if not self.lists:
                self.out.break_group()
        elif name == "Item":
            self.flush()
            if self.item_started:
                self.item_started.pop()
        elif name == "CodeBlock":
            self.out.add("".join(self.code or ()), "code")
            self.code = None
        elif name == "HtmlBlock":
            self.out.add(html_fragment_text("".join(self.html or ())))
            self.html = None
        elif name == "TableCell":
            if self.row is not None:
                self.row.append(one_line("".join(self.inline)))
            self.inline = []
        elif name in ("TableHead", "TableRow"):
            if self.row is not None:
                self.out.add("\t".join(self.row), "row", 1 if self.head_row else 0)
            self.row = None
        elif name == "Table":
            self.out.break_group()
        else:
            self.flush()

    def text(self, content: str) -> None:
        if self.code is not None:
            self.code.append(content)
        elif self.html is not None:
            self.html.append(content)
        elif not self.skip:
            self.inline.append(content)

    def feed(self, event: Any) -> None:
        if isinstance(event, dict):
            ((kind, value),) = event.items()
            if kind == "Start":
                self.start(value)
            elif kind == "End":
                self.end(value)
            elif kind in ("Text", "Code", "InlineMath", "DisplayMath"):
                self.text(value)
            elif kind == "Html":
                if self.html is not None:
                    self.html.append(value)
            elif kind == "SoftBreak":
                self.text(" ")
            elif kind == "HardBreak":
                self.text("\n")
            # InlineHtml, FootnoteReference, TaskListMarker: markup, not text
        elif event in ("SoftBreak", "HardBreak"):
            self.text(" " if event == "SoftBreak" else "\n")
        elif event == "Rule":
            self.flush()


def _tag(tag: Any) -> tuple[str, Any]:
    """A pyromark tag as (name, value): "Paragraph" or {"Heading": {...}}."""
    if isinstance(tag, dict):
        ((name, value),) = tag.items()
        return str(name), value
    return str(tag), None


def markdown_to_text(source: str) -> tuple[str, list[Any]]:
    """Turn Markdown into readable plain text plus the blocks that carry its structure."""
    import pyromark

    converter = _Converter()
    options = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_STRIKETHROUGH
    for event in pyromark.events(source, options=options):
        converter.feed(event)
    converter.flush()
    return converter.out.text(), converter.out.blocks


def _load(p: Path, data: bytes) -> Article:
    text = decode_text(data, p)
    if not text.strip():
        raise ArticleError(p, "the file is empty")
    meta, body = _front_matter(text)
    try:
        body_text, blocks = markdown_to_text(body)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # a Rust panic reaches Python as a BaseException (pyo3)
        raise ArticleError(p, f"the Markdown could not be read ({type(exc).__name__})") from None
    return with_title(p, body_text, blocks, "md", meta, p.stem)


FORMAT = Format("md", "Markdown articles", (".md", ".markdown", ".mdown"), _load)
