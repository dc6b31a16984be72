"""Saved web pages read the way the page reads: structure kept, furniture and teasers gone,
bylines that are names and titles that are headlines. Each page is written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.article import Article, load
from reader.core.formats.html import clean_author

P = (
    "Negotiators from the dock workers' union and the port companies met again on Thursday "
    "in Valparaiso, after a week in which cranes stood idle and ships queued outside the bay."
)


def page(tmp_path: Path, body: str, head: str = "<title>Harbour talks</title>") -> Article:
    path = tmp_path / "page.html"
    path.write_text(f"<html><head>{head}</head><body>{body}</body></html>", "utf-8")
    return load(path)


def role_texts(article: Article, role: str) -> list[str]:
    return [article.text[b.start : b.end] for b in article.blocks if b.role == role]


def test_structure_is_kept_and_no_markup_leaks(tmp_path: Path) -> None:
    article = page(
        tmp_path,
        f"<article><h1>Harbour talks resume</h1><p>The <b>union</b> said <strong>no</strong>"
        f" and <em>maybe</em>. {P}</p><blockquote><p>We want guarantees in writing.</p>"
        f"</blockquote><h2>What the union wants</h2><ol><li>Night shifts paid double</li>"
        f"<li>A safety review</li></ol><table><tr><th>Port</th><th>Ships</th></tr>"
        f"<tr><td>Valparaiso</td><td>14</td></tr></table><p>{P}</p></article>",
    )
    assert "The union said no and maybe." in article.text
    for markup in ("**", "__", "*", "|", "#", "<", "1."):
        assert markup not in article.text, markup
    assert role_texts(article, "quote") == ["We want guarantees in writing."]
    assert role_texts(article, "heading") == ["What the union wants"]
    assert role_texts(article, "ordered") == ["Night shifts paid double", "A safety review"]
    assert role_texts(article, "row") == ["Port\tShips", "Valparaiso\t14"]
    assert [b.level for b in article.blocks if b.role == "row"] == [1, 0]


def test_read_more_link_lists_and_related_teasers_at_the_end_go(tmp_path: Path) -> None:
    article = page(
        tmp_path,
        f"<article><h1>Harbour talks resume</h1><p>{P}</p><p>{P} Again.</p>"
        "<p><strong>Read more:</strong></p><ul>"
        "<li><a href='/a'>Port strike spreads to Antofagasta as talks stall again</a></li>"
        "<li><a href='/b'>What the new labour law means for dock workers in Chile</a></li></ul>"
        "<p><strong>SEE MORE</strong>: <a href='/c'>Cranes idle for a third day in the port</a></p>"
        "<h3>Related posts</h3><p><a href='/d'>Fishermen join the protest</a></p>"
        "<p>Boats blocked the harbour mouth on Friday morning.</p></article>",
    )
    for teaser in ("Read more", "Antofagasta", "labour law", "SEE MORE", "Related", "Fishermen"):
        assert teaser not in article.text, teaser
    assert article.text.count("met again on Thursday") == 2


def test_an_inline_read_more_keeps_the_paragraphs_after_it(tmp_path: Path) -> None:
    later = "The government said it would propose a new mediator by the end of the month."
    article = page(
        tmp_path,
        f"<article><h1>Harbour talks resume</h1><p>{P}</p><p>DON'T MISS</p>"
        f"<p><a href='/x'>Storm closes the port of San Antonio for two days</a></p>"
        f"<p>{later}</p><p>{P} Later.</p></article>",
    )
    assert later in article.text
    assert "DON'T MISS" not in article.text
    assert "Storm closes" not in article.text


def test_newsletter_boxes_promos_and_name_hover_cards_go(tmp_path: Path) -> None:
    article = page(
        tmp_path,
        f"<article><h1>Harbour talks resume</h1><p>{P} Minister "
        "<span class='rollover-people'><a href='/p/ana'>Ana Diaz</a>"
        "<span class='rollover-people-block'><span class='rollover-block'>"
        "<a href='/other'>HOVERCARD Diaz backs port reform</a></span></span></span>"
        f" spoke.</p><section class='Newsletter-container'><h3>Port Newsletter</h3>"
        "<p>Get the day's big stories in your inbox.</p></section>"
        f"<p>{P}</p><div class='ArticleEventPromo'><h1>PROMO Join our free challenge</h1></div>"
        "</article>",
    )
    assert "Minister Ana Diaz spoke." in article.text
    for furniture in ("HOVERCARD", "Newsletter", "inbox", "PROMO"):
        assert furniture not in article.text, furniture


def test_an_article_split_over_several_containers_keeps_every_part(tmp_path: Path) -> None:
    article = page(
        tmp_path,
        f"<article class='story'><h1>Harbour talks resume</h1><p>FIRST {P}</p></article>"
        f"<div class='ad'>Advertisement</div>"
        f"<article class='story'><p>SECOND {P}</p></article>"
        f"<aside>Trending now</aside>"
        f"<article class='story'><p>THIRD {P}</p></article>",
    )
    for part in ("FIRST", "SECOND", "THIRD"):
        assert part in article.text, part
    assert "Advertisement" not in article.text


def test_a_following_article_with_its_own_headline_stays_out(tmp_path: Path) -> None:
    article = page(
        tmp_path,
        f"<article><h1>Harbour talks resume</h1><p>FIRST {P}</p><p>{P}</p></article>"
        f"<article><h1>Wildfire near Santiago</h1><p>OTHER Firefighters worked all night."
        f" {P}</p></article>",
    )
    assert "FIRST" in article.text
    assert "OTHER" not in article.text


def test_the_site_logo_is_not_the_title(tmp_path: Path) -> None:
    article = page(
        tmp_path,
        "<header><h1 class='site-title'><a href='/'>Coastal Ledger</a></h1></header>"
        f"<article><h2 class='entry-title'>Harbour talks resume in Valparaiso</h2>"
        f"<p>{P}</p><p>{P}</p></article>",
        head="<title>Coastal Ledger</title><meta property='og:site_name' content='Coastal Ledger'>",
    )
    assert article.title == "Harbour talks resume in Valparaiso"
    assert article.text.startswith("Harbour talks resume in Valparaiso\n")


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("LISA MASCARO; MARY CLARE JALONICK; ERIC TUCKER Associated Press",
         "Lisa Mascaro, Mary Clare Jalonick, Eric Tucker"),
        ("Maria Lopez; Senior Correspondent", "Maria Lopez"),
        ("By The Russian; Syrian defense ministries", ""),
        ("jsmith_88", ""),
        ("Jsmith", "Jsmith"),
        ("By Username", "Username"),
        ("Ana de la Cruz and Tomás Ibarra", "Ana de la Cruz, Tomás Ibarra"),
        ("Coastal Ledger", ""),
        ("Staff Reporter", ""),
        ("Reuters", "Reuters"),
    ],
)  # fmt: skip
def test_bylines_are_names(byline: str, names: str) -> None:
    assert clean_author(byline, site="Coastal Ledger") == names


def test_a_byline_that_is_a_username_is_not_shown(tmp_path: Path) -> None:
    article = page(
        tmp_path,
        f"<article><h1>Harbour talks resume</h1><p class='byline'>By jsmith_88</p>"
        f"<p>{P}</p><p>{P}</p></article>",
        head="<title>Harbour talks</title><meta name='author' content='jsmith_88'>",
    )
    assert "author" not in article.meta


def test_a_job_title_is_not_a_second_author(tmp_path: Path) -> None:
    article = page(
        tmp_path,
        "<article><h1>Harbour talks resume</h1><div class='author'><span>Maria Lopez</span>, "
        f"<span>Senior Correspondent</span></div><p>{P}</p><p>{P}</p></article>",
    )
    assert article.meta.get("author") == "Maria Lopez"


def test_teaser_cards_beside_the_story_are_not_joined_to_it(tmp_path: Path) -> None:
    article = page(
        tmp_path,
        f"<main><article><h1>Harbour talks resume</h1><p>FIRST {P}</p><p>{P}</p></article>"
        "<article><h3><a href='/a'>Wildfire near Santiago</a></h3><p>TEASER Firefighters "
        "worked all night to hold the line north of the capital.</p></article>"
        "<article><p><a href='/b'>CARD Port of Callao reopens after a week of strikes and"
        " protests by dock workers</a></p></article></main>",
    )
    assert "FIRST" in article.text
    assert "TEASER" not in article.text
    assert "CARD" not in article.text


def test_soft_hyphens_do_not_split_words(tmp_path: Path) -> None:
    article = page(
        tmp_path,
        "<article><h1>Weinbau in Südtirol</h1><p>Der St. Mag\u00adda\u00adle\u00adner war das "
        "Aus\u00adhän\u00adge\u00adschild der Süd\u00adti\u00adro\u00adler Weinwirtschaft, "
        f"sagte der Winzer am Montag in Bozen. {P}</p></article>",
    )
    assert "St. Magdalener war das Aushängeschild der Südtiroler Weinwirtschaft" in article.text
    assert "\u00ad" not in article.text


def test_an_article_in_a_script_without_spaces_is_an_article(tmp_path: Path) -> None:
    body = (
        "子どもへの虐待をなくすための法律ができて、"
        "親が子どもを教育するために、体罰を禁止することになりました。"
    )
    article = page(tmp_path, f"<article><h1>体罰を禁止する法律</h1><p>{body}</p></article>")
    assert body in article.text


def test_the_site_name_is_taken_off_the_title(tmp_path: Path) -> None:
    article = page(
        tmp_path,
        f"<article><p>{P}</p><p>{P}</p></article>",
        head="<title>Harbour talks resume | Coastal Ledger</title>"
        "<meta property='og:site_name' content='Coastal Ledger'>",
    )
    assert article.title == "Harbour talks resume"
    assert article.meta["site"] == "Coastal Ledger"


def test_a_byline_line_at_the_top_is_not_body_text(tmp_path: Path) -> None:
    article = page(
        tmp_path,
        f"<article><h1>Harbour talks resume</h1><p>By Staff Writer</p>"
        f"<p>Updated at 1:23 p.m.</p><p>{P}</p><p>By the end of the week, {P}</p></article>",
    )
    assert "By Staff Writer" not in article.text
    assert "Updated at" not in article.text
    assert "By the end of the week" in article.text
