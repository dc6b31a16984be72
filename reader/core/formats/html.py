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
from reader.core.formats.textbuilder import TextBuilder, one_line, with_title, word_count

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
    doomed = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.rpartition("}")[2].lower()  # XHTML's namespace off
        if tag in _DROPPED:
            doomed.append(element)
            continue
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol"):
            element.set("rend", tag)
        elif tag == "th":
            element.set("role", "head")
        element.tag = _TEI.get(tag, "hi" if tag in _PHRASING else tag)
    for element in reversed(doomed):  # inner ones first; an outer one takes the rest along
        _remove_keeping_tail(element)
    body = root.find(".//body")
    return body_to_text(body if body is not None else root)


# --- what a reader would throw away -------------------------------------------------------

# Page parts whose class or id says what they are, in any letter case (trafilatura's own
# list is case-sensitive and missed "Newsletter-container", "latest-news-box"...).
_FURNITURE = re.compile(
    r"newsletter|sign-?up|subscribe-|-subscribe|\bpromo\b|-promo|promo-|latest-(news|box|stories)"
    r"|most-(read|popular|viewed)|recommended|related-(posts|articles|stories|content|links)"
    r"|outbrain|taboola|tooltip|popover|hover-?card|rollover[-_](\w+[-_])?block|share-?bar"
    r"|social-(share|links)"
)
_CONTAINERS = {"html", "body", "main", "article"}
# Labels that introduce links to other pages, not the article: "Read more:", "SEE MORE".
_LABEL = re.compile(
    r"^\W*(read (more|also|next)|also read|see (more|also)|more (from|on|stories|news)\b"
    r"|related( (posts|articles|stories|coverage|content|links|reading))?\b|recommended"
    r"|you (may|might) (also )?like|don'?t miss|further reading|most (read|popular)"
    r"|top stories|trending|watch:|listen:|sign up|subscribe|follow us)",
    re.I,
)
_SECTION = re.compile(
    r"^\W*(related|recommended|you (may|might) (also )?like|more (from|stories|news)"
    r"|most (read|popular)|top stories|trending)",
    re.I,
)
_BYLINE = re.compile(r"^(by|written by)\s+[^\W\d][^.!?]{0,60}$", re.I)  # "By Staff Writer"
_STAMP = re.compile(r"^(updated|published|posted|last (updated|modified))\b.{0,40}\d", re.I)
# One site's article split over several containers of the same kind ("chunks").
_BODY_CLASS = re.compile(r"(article|story|post|entry)[-_]?(body|content|text|chunk)", re.I)


def _text_length(element: Any) -> int:
    return sum(len(t.strip()) for t in element.itertext())


def _remove_furniture(tree: Any) -> None:
    """Drop newsletter boxes, promos, "latest news" rails and name hover-cards.

    An element that holds a large share of the page's paragraphs is never one of
    them, whatever its class says (a body class like "has-newsletter").
    """
    paragraphs = sum(_text_length(p) for p in tree.iter("p")) or 1
    doomed = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in _CONTAINERS:
            continue
        marks = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if marks.strip() and _FURNITURE.search(marks):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is None:
            continue
        share = sum(_text_length(p) for p in element.iter("p")) / paragraphs
        if share < 0.3:
            _remove_keeping_tail(element)


def _continues(element: Any) -> bool:
    """Whether a container reads as more of the same story, not a teaser or another story.

    Another story has a headline of its own; a teaser card is mostly its link.
    """
    if element.xpath(".//h1|.//h2|.//h3"):
        return False
    text = _text_length(element)
    links = sum(_text_length(a) for a in element.iter("a"))
    long_paragraph = any(len(" ".join(p.itertext()).split()) >= 12 for p in element.iter("p"))
    return long_paragraph and links < text / 2


def _join_chunks(tree: Any) -> None:
    """Put an article split over sibling containers back into the first one.

    trafilatura takes the first matching container, so a page whose story runs
    through several <article> or "article-body" blocks, with ads between, kept
    only its first part. A later container with a headline of its own is another
    article (an infinite-scroll page) and stays apart.
    """
    groups: dict[tuple[int, str, str], list[Any]] = {}
    for element in tree.iter("article", "div", "section"):
        parent = element.getparent()
        if parent is None:
            continue
        cls = str(element.get("class", ""))
        if (
            element.tag == "article"
            or element.get("itemprop") == "articleBody"
            or (_BODY_CLASS.search(cls))
        ):
            groups.setdefault((id(parent), element.tag, cls), []).append(element)
    for members in groups.values():
        if len(members) < 2:
            continue
        first = members[0]
        for later in members[1:]:
            if later.getparent() is None or not _continues(later):
                continue
            if later.text and later.text.strip():
                carrier = first.makeelement("p", {})
                carrier.text = later.text
                first.append(carrier)
            for child in list(later):
                first.append(child)
            later.getparent().remove(later)


def _words(element: Any) -> int:
    return len(" ".join(element.itertext()).split())


def _link_share(element: Any) -> float:
    total = _text_length(element)
    links = sum(_text_length(ref) for ref in element.iter("ref"))
    return links / total if total else 0.0


def _prune_teasers(body: Any) -> None:
    """Drop link lists and teasers that trafilatura kept.

    A "Read more:" label goes with the links after it, anywhere; at the end,
    whatever is mostly links goes, and so does all that follows a "Related
    posts" label in the last third of the article.
    """
    blocks = [child for child in body if isinstance(child.tag, str)]
    total = sum(_words(b) for b in blocks) or 1
    doomed: set[int] = set()
    seen = 0
    for i, block in enumerate(blocks):
        text = " ".join(" ".join(block.itertext()).split())
        words = len(text.split())
        seen += words
        if (_STAMP.match(text) and words <= 12) or (i < 4 and _BYLINE.match(text)):
            doomed.add(i)  # "Updated at 1:23 p.m.", "By Staff Writer": the header has these
        elif not any(ch.isalnum() for ch in text):
            doomed.add(i)  # "___", "* * *": separators from the page's layout
        elif _LABEL.match(text) and (words <= 6 or _link_share(block) >= 0.5):
            doomed.add(i)
            # "Related posts" near the end heads teasers: short blurbs under links.
            section = bool(_SECTION.match(text)) and seen > total * 2 / 3
            for j in range(i + 1, len(blocks)):
                following = " ".join(" ".join(blocks[j].itertext()).split())
                if (
                    _link_share(blocks[j]) >= 0.6
                    or _LABEL.match(following)
                    or (section and len(following.split()) <= 40)
                    or (len(following.split()) <= 2 and following.upper() == following)
                ):
                    doomed.add(j)
                else:
                    break
    for i in range(len(blocks) - 1, 0, -1):  # link-only blocks at the very end
        if i in doomed:
            continue
        if _link_share(blocks[i]) >= 0.6 and _words(blocks[i]) <= 60:
            doomed.add(i)
        else:
            break
    if sum(_words(blocks[i]) for i in doomed) > total / 2:
        return  # not furniture: too much of the article
    for i in sorted(doomed, reverse=True):
        _remove_keeping_tail(blocks[i])


# --- bylines and titles -----------------------------------------------------------------

_JOB = re.compile(
    r"\b(editor|correspondent|reporter|writer|staff|contributor|columnist|producer|photographer"
    r"|analyst|director|chief|senior|deputy|manager|officer|intern|freelance|bureau|desk|team"
    r"|news|ministry|ministries|department|defen[cs]e|agency|agencies|service|press office"
    r"|fellow|professor|author|founder|president|secretary|spokes\w*)s?\b",
    re.I,
)
_OUTLET_SUFFIX = re.compile(
    r"\s+(associated press|the associated press|reuters|afp|ap|bloomberg|cnn|bbc)$", re.I
)
_BY = re.compile(r"^(by|written by|words by|von|par|por|di)\s*:?\s+", re.I)


def _name(part: str, site: str) -> str:
    """A byline part if it is a person's name (or an outlet's), else ""."""
    part = _BY.sub("", part.strip(" .,:;-–—|")).strip()
    part = _OUTLET_SUFFIX.sub("", part).strip()
    if not part or len(part) > 60 or re.search(r"[\d@/_#=<>]|https?:|www\.", part):
        return ""
    words = part.split()
    if _JOB.search(part) or part.casefold() == site.casefold() or words[0].lower() == "the":
        return ""
    if not all(w[0].isupper() or w.lower() in _PARTICLES for w in words):
        return ""  # "Syrian defense ministries", "jsmith"
    if len(words) == 1 and not (words[0][0].isupper() and words[0][1:].islower()):
        return ""  # "JSMITH", "jSmith": a handle
    if part.isupper() and len(part) > 3:
        part = " ".join(w.capitalize() for w in words)  # "LISA MASCARO" -> "Lisa Mascaro"
    return part


_PARTICLES = {"de", "da", "del", "della", "di", "du", "la", "le", "van", "von", "der", "den",
              "al", "el", "bin", "ibn", "ben", "y", "e", "dos", "das", "ter", "zu"}  # fmt: skip


def _is_handle(name: str, raw: list[str]) -> bool:
    """Whether a one-word name came from a username on the page ("jsmith_88" -> "Jsmith")."""
    if " " in name:
        return False
    token = re.escape(name.casefold())
    return any(
        re.search(rf"(^|\W){token}[\d_.]|^{token}$", r.casefold().strip())
        for r in raw
        if (not any(ch.isupper() for ch in r) or re.search(r"[\d_]", r))
    )


def _raw_bylines(tree: Any) -> list[str]:
    """Author strings as the page writes them, before trafilatura tidies them."""
    found = [
        str(v) for v in tree.xpath("//meta[@name='author' or @property='article:author']/@content")
    ]
    for element in tree.xpath("//*[contains(@class, 'byline') or @rel='author']")[:5]:
        found.append(_BY.sub("", one_line(" ".join(element.itertext()))))
    return found


def clean_author(author: str, site: str = "", raw: list[str] | None = None) -> str:
    """The names in a byline: no usernames, no job titles, no site names.

    "LISA MASCARO; MARY CLARE JALONICK; ERIC TUCKER Associated Press" becomes
    "Lisa Mascaro, Mary Clare Jalonick, Eric Tucker"; "Maria Lopez; Senior
    Correspondent" becomes "Maria Lopez"; "By The Russian; Syrian defense
    ministries" and "jsmith_88" become nothing.
    """
    names: list[str] = []
    for part in re.split(r"\s*(?:[;|,&/]|\band\b|\bund\b|\bet\b|\by\b)\s*", author):
        name = _name(part, site)
        if name and _is_handle(name, raw or []):
            continue
        if name and name not in names:
            names.append(name)
    return ", ".join(names)


def _headline_candidates(tree: Any) -> list[str]:
    """What the page itself offers as its headline, best first."""
    found: list[str] = []
    for xpath in (
        "//meta[@property='og:title']/@content",
        "//meta[@name='twitter:title']/@content",
        "//h1",
        "//*[contains(@class, 'headline') or contains(@class, 'entry-title')]",
        "//title",
    ):
        for value in tree.xpath(xpath)[:3]:
            text = one_line(value if isinstance(value, str) else " ".join(value.itertext()))
            if text:
                found.append(text)
    return found


_TITLE_SEPARATOR = re.compile(r"\s*[|｜]\s*|\s+[–—-]\s+")


def clean_title(title: str, site: str, candidates: list[str]) -> str:
    """The headline, not the site's name or logo text that trafilatura sometimes takes."""
    site_words = set(re.findall(r"\w+", site.casefold()))

    def is_site(text: str) -> bool:
        words = set(re.findall(r"\w+", text.casefold()))
        return not words or (bool(site_words) and words <= site_words) or len(words) <= 1

    if title and not is_site(title):
        pieces = _TITLE_SEPARATOR.split(title)
        kept = [piece for piece in pieces if not (site_words and is_site(piece))]
        return " | ".join(kept) if kept and len(kept) < len(pieces) else title
    for candidate in candidates:
        # "Headline | Site" and "Site - Headline" lose the site's part.
        pieces = [p for p in _TITLE_SEPARATOR.split(candidate) if not is_site(p)]
        if pieces and len(" ".join(pieces).split()) >= 3:
            return max(pieces, key=len)
    return title


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
        _remove_furniture(tree)
        _join_chunks(tree)
        headlines = _headline_candidates(tree)
        bylines = _raw_bylines(tree)
        doc = trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            # Bold and italics are not drawn, and asking for them made trafilatura
            # drop whole paragraphs on some pages.
            include_formatting=False,
            include_links=True,  # link density tells teasers from text (_prune_teasers)
        )
    except (RecursionError, ArticleError):
        raise
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        raise ArticleError(p, f"the page could not be parsed ({exc.__class__.__name__})") from None
    body = getattr(doc, "body", None) if doc is not None else None
    if body is not None:
        _prune_teasers(body)
    text, blocks = body_to_text(body) if body is not None else ("", [])
    meta: dict[str, str] = {}
    for key, attr in (("title", "title"), ("author", "author"), ("date", "date"), ("url", "url")):
        value = getattr(doc, attr, None)
        if value:
            meta[key] = one_line(str(value))
    site = one_line(str(getattr(doc, "sitename", "") or ""))
    if site and not site.lower().startswith(("http", "www.")):
        meta["site"] = site
    meta["title"] = clean_title(meta.get("title", ""), site, headlines)
    meta["author"] = clean_author(meta.get("author", ""), site, bylines)
    meta = {k: v for k, v in meta.items() if v}
    if word_count(text) - word_count(meta.get("title", "")) < MIN_ARTICLE_WORDS:
        # trafilatura falls back to any text it finds (a footer, a cookie banner):
        # a page with only that has no article to read.
        raise ArticleError(p, "no article text found in this web page")
    return with_title(p, text, blocks, "html", meta, p.stem)


FORMAT = Format("html", "Saved web pages", (".html", ".htm", ".xhtml", ".shtml"), _load_html)
