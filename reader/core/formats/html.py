"""Saved web pages (.html): the article pulled out of the page furniture by trafilatura.

One trafilatura pass gives both the metadata and the article as an XML tree
(headings, paragraphs, lists, quotes, tables, code); this module turns that
tree straight into the text and its blocks. Going through trafilatura's
Markdown instead parsed the page twice (2.4 times slower) and leaked `**`
around bold words.

The page is parsed locally: no network connection, no external entity, no
script. What trafilatura keeps is then cleaned the way a reader would:
bylines must be names, a title that is the site's name gives way to the
page's headline, and "Read more" link lists and teasers at the end go.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from reader.core.article import Article, ArticleError
from reader.core.formats import Format
from reader.core.formats.textbuilder import TextBuilder, one_line, with_title

MIN_ARTICLE_WORDS = 15  # less than this from a web page is furniture, not an article
MAX_ELEMENTS = 400_000  # a news page has a few thousand; past this it is not one
CROWDED = 500  # children of one element beyond which trafilatura's time grows quadratically
_INLINE_TAGS = ("a", "span", "b", "i", "em", "strong", "font", "small", "u", "abbr", "sup", "sub")

_INLINE = {"hi", "ref", "del", "span", "b", "i", "em", "strong", "a", "sub", "sup"}


class _BodyConverter:
    """Walk trafilatura's output tree into a TextBuilder.

    The tree is TEI-like: p, head, list/item, quote, table/row/cell, code, and
    inline hi, ref, lb.
    """

    def __init__(self) -> None:
        self.out = TextBuilder()
        self.quotes = 0
        self.lists: list[bool] = []  # per open list: ordered?

    def inline(self, element: Any, breaks: str) -> str:
        """The element's text with its inline children; <lb/> becomes `breaks`."""
        parts: list[str] = [element.text or ""]
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "lb":
                parts.append(breaks)
            elif tag == "graphic":
                pass
            elif tag in ("list", "table", "quote", "p", "head", "code", "item", "row", "cell"):
                parts.append(" " + self.inline(child, " ") + " ")
            elif tag:
                parts.append(self.inline(child, breaks))
            parts.append(child.tail or "")
        return "".join(parts)

    def paragraph(self, text: str) -> None:
        """A paragraph in its context: a quote, a list item's further paragraph, or body."""
        lines = [one_line(line) for line in text.split("\n")]
        content = "\n".join(line for line in lines if line)
        if self.lists:
            self.out.add(one_line(content), "indent", len(self.lists))
        elif self.quotes:
            self.out.add(content, "quote", self.quotes)
        else:
            self.out.add(content)

    def block(self, element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "head":
            rend = str(element.get("rend") or "h2")
            level = int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2
            self.out.add(one_line(self.inline(element, " ")), "heading", level)
        elif tag == "list":
            self.list(element)
        elif tag == "quote":
            self.quotes += 1
            self.container(element)
            self.quotes -= 1
        elif tag == "table":
            self.table(element)
        elif tag == "code":
            self.out.add("".join(element.itertext()), "code")
        elif tag in ("p", "item", "cell", "row") or tag in _INLINE:
            self.paragraph(self.inline(element, "\n"))
        elif tag == "graphic" or not tag:
            pass
        else:  # div, body, anything new: its children are blocks
            self.container(element)

    def container(self, element: Any) -> None:
        """An element holding blocks, with loose text between them as paragraphs."""
        loose: list[str] = [element.text or ""]
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in _INLINE or tag == "lb":
                loose.append(self.inline(child, "\n") if tag != "lb" else "\n")
            else:
                self.paragraph("".join(loose))
                loose = []
                self.block(child)
            loose.append(child.tail or "")
        self.paragraph("".join(loose))

    def list(self, element: Any) -> None:
        if not self.lists:
            self.out.break_group()
        self.lists.append(str(element.get("rend") or "") == "ol")
        depth = len(self.lists)
        role = "ordered" if self.lists[-1] else "item"
        for item in element:
            if not isinstance(item.tag, str):
                continue
            if item.tag != "item":
                self.block(item)
                continue
            # The item's own text (up to its first nested block) is the list entry.
            own: list[str] = [item.text or ""]
            nested: list[Any] = []
            for child in item:
                tag = child.tag if isinstance(child.tag, str) else ""
                if nested or tag in ("list", "table", "quote", "p", "head", "code"):
                    nested.append(child)
                else:
                    own.append(" " if tag == "lb" else self.inline(child, " "))
                    own.append(child.tail or "")
            self.out.add(one_line("".join(own)), role, depth)
            for child in nested:
                self.block(child)
                if child.tail and child.tail.strip():
                    self.paragraph(child.tail)
        self.lists.pop()
        if not self.lists:
            self.out.break_group()

    def table(self, element: Any) -> None:
        self.out.break_group()
        for row in element.iter("row"):
            cells = [c for c in row if c.tag == "cell"]
            if not cells:
                continue
            texts = [one_line(self.inline(c, " ")) for c in cells]
            if not any(texts):
                continue
            header = all(c.get("role") == "head" for c in cells)
            self.out.add("\t".join(texts), "row", 1 if header else 0)
        self.out.break_group()


def body_to_text(body: Any) -> tuple[str, list[Any]]:
    """Text and blocks of trafilatura's body element."""
    converter = _BodyConverter()
    converter.container(body)
    return converter.out.text(), converter.out.blocks


# Plain HTML (an EPUB chapter) mapped onto the tags trafilatura's tree uses.
_TEI = {
    **{f"h{n}": "head" for n in range(1, 7)},
    "ul": "list",
    "ol": "list",
    "li": "item",
    "dt": "item",
    "dd": "item",
    "dl": "list",
    "blockquote": "quote",
    "tr": "row",
    "td": "cell",
    "th": "cell",
    "pre": "code",
    "br": "lb",
    "figcaption": "p",
    "caption": "p",
}
_PHRASING = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark",
    "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub", "sup", "time",
    "u", "var", "font", "big", "tt", "strike", "del", "ins",
}  # fmt: skip
_DROPPED = (
    "script", "style", "noscript", "template", "nav", "img", "svg", "math", "object",
    "iframe", "video", "audio", "canvas", "head", "form", "button", "input", "select",
)  # fmt: skip


def _remove_keeping_tail(element: Any) -> None:
    """Remove an element but not the text that follows it ("<img/> Caption text")."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def html_to_text(root: Any) -> tuple[str, list[Any]]:
    """Text and blocks of a plain HTML document (no furniture to remove: a book's chapter)."""
    import lxml.etree

    for bad in root.xpath("|".join(f"//*[local-name()='{tag}']" for tag in _DROPPED)):
        _remove_keeping_tail(bad)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = lxml.etree.QName(element).localname.lower()
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol"):
            element.set("rend", tag)
        elif tag == "th":
            element.set("role", "head")
        element.tag = _TEI.get(tag, "hi" if tag in _PHRASING else tag)
    body = root.find(".//body")
    return body_to_text(body if body is not None else root)


def _defuse(tree: Any, p: Path) -> None:
    """Keep trafilatura's time in bounds before it sees the page.

    It slows quadratically with the inline children of one element (10,000 links
    in one paragraph took 37 s, 20,000 several minutes).

    A crowded element that is mostly links is a link farm and goes; otherwise its
    inline tags are unwrapped, keeping the text.
    """
    import lxml.etree

    count = 0
    crowded = []
    for element in tree.iter():
        count += 1
        if len(element) > CROWDED:
            crowded.append(element)
    if count > MAX_ELEMENTS:
        raise ArticleError(p, f"this page is too large to read ({count:,} elements)")
    for element in crowded:
        if element.getparent() is None:
            continue
        links = sum(1 for child in element if child.tag == "a")
        if links > len(element) // 2 and element is not tree:
            element.getparent().remove(element)
        else:
            lxml.etree.strip_tags(element, *_INLINE_TAGS)


def _load_html(p: Path, data: bytes) -> Article:
    """Extract the article from a saved page with one trafilatura pass, keeping its metadata."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(p, "this is a binary file, not a web page")
    import trafilatura
    from trafilatura.utils import load_html

    try:
        tree = load_html(data)
        if tree is None:
            raise ArticleError(p, "no article text found in this web page")
        _defuse(tree, p)
        doc = trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_formatting=True,
        )
    except (RecursionError, ArticleError):
        raise
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        raise ArticleError(p, f"the page could not be parsed ({exc.__class__.__name__})") from None
    body = getattr(doc, "body", None) if doc is not None else None
    text, blocks = body_to_text(body) if body is not None else ("", [])
    title = one_line(str(getattr(doc, "title", "") or ""))
    if len(text.split()) - len(title.split()) < MIN_ARTICLE_WORDS:
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
            meta[key] = one_line(str(value))
    return with_title(p, text, blocks, "html", meta, p.stem)


FORMAT = Format("html", "Saved web pages", (".html", ".htm", ".xhtml", ".shtml"), _load_html)
