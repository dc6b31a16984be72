"""Markdown articles (.md), as web clippers save them: front matter, then the body.

Markdown becomes readable plain text (the one canonical string) plus blocks
that carry its structure (headings, list items, quotes, table rows, code), so
the view styles the text without ever re-deriving offsets from markup.
Saved web pages reuse this: trafilatura hands over the article as Markdown.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from reader.core.article import Article, ArticleError, Block
from reader.core.formats import Format
from reader.core.formats.text import decode_text

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


def article_from_markdown(
    p: Path, source: str, fmt: str, meta: dict[str, str], fallback_title: str
) -> Article:
    """An Article from a Markdown body: the first heading or the metadata title on top."""
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


def _load(p: Path, data: bytes) -> Article:
    text = decode_text(data, p)
    if not text.strip():
        raise ArticleError(p, "the file is empty")
    meta, body = _front_matter(text)
    return article_from_markdown(p, body, "md", meta, p.stem)


FORMAT = Format("md", "Markdown articles", (".md", ".markdown", ".mdown"), _load)
