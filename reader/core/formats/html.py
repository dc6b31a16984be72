"""Saved web pages (.html): the article pulled out of the page furniture by trafilatura.

The page is parsed locally: no network connection, no external entity, no
script. Its metadata (title, author, date, site, URL) is kept and shown above
the text; the body arrives as Markdown and shares the Markdown loader's path.
"""

from __future__ import annotations

from pathlib import Path

from reader.core.article import Article, ArticleError
from reader.core.formats import Format
from reader.core.formats.markdown import article_from_markdown

MIN_ARTICLE_WORDS = 15  # less than this from a web page is furniture, not an article


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
    return article_from_markdown(p, markdown or "", "html", meta, p.stem)


FORMAT = Format("html", "Saved web pages", (".html", ".htm", ".xhtml", ".shtml"), _load_html)
