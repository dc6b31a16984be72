"""Building the one canonical string and its Blocks, shared by the structured formats.

Markdown, saved web pages, EPUB and PDF all come down to the same shape:
paragraphs one blank line apart, list items and table rows one newline apart
(so the view can draw one list or one table from consecutive blocks), every
block trimmed, and no marker character ("•", "1.", "|") in the text: the view
draws those with formatting, so a highlight can never swallow one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from reader.core.article import Article, ArticleError, Block

LIST_ROLES = frozenset({"item", "ordered", "indent"})
_TIGHT = {"item": "list", "ordered": "list", "indent": "list", "row": "table"}
_TRIM = " \n\r\f\v\u00a0\u2028\u2029"  # tabs survive at a row's ends (empty first/last cells)


_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")


def word_count(text: str) -> int:
    """Words, with two characters of a script written without spaces as one.

    Chinese, Japanese or Thai text has few spaces: without this, no article in
    them was long enough to be one.
    """
    return len(text.split()) + len(_UNSPACED.findall(text)) // 2


def one_line(text: str) -> str:
    """Whitespace runs (newlines included) collapsed to single spaces."""
    return " ".join(text.split())


class TextBuilder:
    """Accumulate blocks of text, remembering where each styled block lies."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[Block] = []
        self._group = ""  # the tight group ("list", "table") the last block belongs to
        self._containers: list[tuple[str, int, int | None]] = []  # role, level, start

    def break_group(self) -> None:
        """End the current list or table: the next item or row starts a new one."""
        self._group = ""

    def add(self, content: str, role: str = "", level: int = 0) -> None:
        """Append a block; blank content is dropped.

        Soft hyphens go: invisible where the line does not break, they would
        split "Mag\u00adda\u00adle\u00adner" for the model and for search.
        """
        content = content.replace("\u00ad", "")
        content = content.strip(_TRIM) if role == "row" else content.strip()
        if not content.strip():
            return  # also a table row whose cells are all empty ("\t")
        group = _TIGHT.get(role, "")
        if self.parts:
            separator = "\n" if group and group == self._group else "\n\n"
            self.parts.append(separator)
            self.length += len(separator)
        self._group = group
        for i, (c_role, c_level, c_start) in enumerate(self._containers):
            if c_start is None:
                self._containers[i] = (c_role, c_level, self.length)
        if role:
            self.blocks.append(Block(self.length, self.length + len(content), role, level))
        self.parts.append(content)
        self.length += len(content)

    def open_container(self, role: str, level: int = 0) -> None:
        """Start a block spanning everything added until `close_container` (a page, a chapter)."""
        self._containers.append((role, level, None))
        self.break_group()

    def close_container(self) -> None:
        """End the innermost container; an empty one leaves no block."""
        role, level, start = self._containers.pop()
        if start is not None and start < self.length:
            self.blocks.append(Block(start, self.length, role, level))
        self.break_group()

    def text(self) -> str:
        """The text so far, ending with a newline as a saved file does."""
        return "".join(self.parts) + "\n"


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _same_title(meta_title: str, heading: str) -> bool:
    """Whether the body's opening heading is the headline.

    The metadata's title often adds the site's name: "Headline | Site".
    """
    a, b = _words(meta_title), _words(heading)
    return bool(a and b) and (a == b or b in a or a in b)


def with_title(
    p: Path,
    text: str,
    blocks: list[Block],
    fmt: str,
    meta: Mapping[str, str],
    fallback_title: str,
) -> Article:
    """An Article whose text starts with its title.

    The title is the body's opening heading when it is the headline, else the
    metadata's title put on top, else the file name (then not in the text).
    """
    if not text.strip():
        raise ArticleError(p, "no article text found")
    blocks = sorted(blocks, key=lambda b: (b.start, -b.end))
    title = one_line(meta.get("title", ""))
    first = next((b for b in blocks if b.role not in ("page", "chapter")), None)
    if (
        first
        and first.start == 0
        and first.role == "heading"
        and (not title or _same_title(title, text[first.start : first.end]))
    ):
        blocks[blocks.index(first)] = Block(first.start, first.end, "title", 1)
        title = title or text[first.start : first.end]
    elif title:
        shift = len(title) + 2
        blocks = [Block(0, len(title), "title", 1)] + [
            Block(b.start + shift, b.end + shift, b.role, b.level) for b in blocks
        ]
        text = f"{title}\n\n{text}"
    else:
        title = fallback_title
    meta = {k: v for k, v in meta.items() if k != "title"}
    return Article(str(p), title, text, fmt, tuple(blocks), meta)
