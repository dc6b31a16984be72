"""Property-based tests of the loaders: whatever the bytes, an Article or an ArticleError.

An Article's blocks always index its text, and the text has no list marker
the loader invented: the view draws markers, so highlights never cover one.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.article import Article, ArticleError, load

MARKDOWN_PIECES = [
    "# ",
    "## ",
    "> ",
    "- ",
    "* ",
    "1. ",
    "2) ",
    "```",
    "~~~",
    "    ",
    "|",
    "---",
    "***",
    "[",
    "]",
    "(",
    ")",
    "![",
    "<",
    ">",
    "</div>",
    "<div>",
    "<!--",
    "-->",
    "&amp;",
    "\\",
    "_",
    "**",
    "`",
    "\n",
    "\n\n",
    "\t",
    " ",
    "Kenya",
    "Ruto",
    "é",
    "😀",
    "\u2028",
    "\r\n",
    "title: x\n",
    "---\n",
    "<script>",
    "<table><tr><td>",
    "| a | b |\n|---|---|\n",
]
HTML_PIECES = [
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<ul>",
    "<li>",
    "</li>",
    "</ul>",
    "<ol>",
    "<table>",
    "<tr>",
    "<td>",
    "<th>",
    "<blockquote>",
    "</blockquote>",
    "<h1>",
    "</h1>",
    "<h2>",
    "<pre>",
    "<code>",
    "<br>",
    "<b>",
    "</b>",
    "<a href='x'>",
    "</a>",
    "<script>",
    "</script>",
    "<article>",
    "</article>",
    "<!--",
    "-->",
    "&amp;",
    "&#0;",
    "&#xD800;",
    "<",
    ">",
    "\x00",
    " The minister in Nairobi said the talks would resume on Monday. ",
    "é",
    "😀",
    "\n",
]

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def check(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            article: Article | None = load(path)
            message = ""
        except ArticleError as exc:
            article, message = None, str(exc)
    if article is None:
        assert message.isprintable()
    else:
        assert_valid(article)


def assert_valid(article: Article) -> None:
    assert article.text.strip()
    assert isinstance(article.title, str)
    for block in article.blocks:
        assert 0 <= block.start < block.end <= len(article.text), block
        assert article.text[block.start : block.end].strip(), block
        if block.role in ("item", "ordered"):
            assert not article.text[block.start : block.end].startswith("•"), block
            assert "\n" not in article.text[block.start : block.end], block


@SETTINGS
@given(st.binary(max_size=3000), st.sampled_from(["a.txt", "a.md", "a.html", "a"]))
def test_any_bytes(data: bytes, name: str) -> None:
    check(name, data)


@SETTINGS
@given(st.text(max_size=2000))
def test_any_text_file(text: str) -> None:
    check("a.txt", text.encode("utf-8", "surrogatepass"))


@SETTINGS
@given(st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=300), st.text(max_size=200))
def test_markdown_made_of_markup(pieces: list[str], noise: str) -> None:
    check("a.md", ("".join(pieces) + noise).encode("utf-8", "surrogatepass"))


@SETTINGS
@given(st.lists(st.sampled_from(HTML_PIECES), max_size=300))
def test_html_made_of_tags(pieces: list[str]) -> None:
    check("a.html", "".join(pieces).encode("utf-8", "surrogatepass"))
