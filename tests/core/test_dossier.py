"""Context lines, places of mentions, note links and what the articles say."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.dossier import (
    best_descriptions,
    context_line,
    describe,
    link_targets,
    places,
)


def test_context_lines_never_cut_a_word() -> None:
    text = (
        'Ethiopian troops and Somali soldiers on the ground. "The test is whether '
        'Warsame and her counterparts can keep troops in line," he said.'
    )
    start = text.index("Warsame")
    before, name, after = context_line(text, start, start + 7, width=30)
    assert name == "Warsame"
    assert before.startswith("…")
    assert before[1:].split()[0] in text.split()  # a whole word
    assert after.endswith("…")
    assert after[:-1].split()[-1] in text.split()


def test_a_context_line_never_opens_on_a_stray_dash() -> None:
    text = "MOGADISHU - Somalia and Ethiopia agreed on Wednesday to launch joint patrols."
    start = text.index("Ethiopia")
    before, _, _ = context_line(text, start, start + 8, width=22)
    assert before == "…Somalia and "


def test_a_context_line_stops_at_the_paragraph() -> None:
    text = "First paragraph ends here.\nWarsame said so.\nNext one."
    before, _, after = context_line(text, 27, 34)
    assert before == ""
    assert after == " said so."


def test_places_number_paragraphs_and_sentences() -> None:
    text = "Title\n\nKenya met Somalia. Ethiopia waited.\n\nLater, Kenya left."
    starts = [
        text.index("Kenya"),
        text.index("Somalia"),
        text.index("Ethiopia"),
        text.rindex("Kenya"),
    ]
    got = places(text, starts)
    assert got[0][0] == got[1][0] == got[2][0] != got[3][0]  # same paragraph, then another
    assert got[0][1] == got[1][1] != got[2][1]  # same sentence, then the next


def test_note_links() -> None:
    body = "Rival of [[Lena Okafor]]; see [[Northern Alliance Party|the NAP]] and [[ ]] or [x]."
    assert link_targets(body) == ["Lena Okafor", "Northern Alliance Party"]


@pytest.mark.parametrize(
    ("text", "name", "how", "phrase"),
    [
        (
            "Lena Okafor, the leader of the Northern Alliance Party, said on Sunday.",
            "Lena Okafor",
            "apposition",
            "the leader of the Northern Alliance Party",
        ),
        (
            "The Joint Border Security Commission (JBSC) meets monthly.",
            "Joint Border Security Commission",
            "acronym",
            "JBSC",
        ),
        (
            "Kata'ib Nasr is a militia active near the crossings.",
            "Kata'ib Nasr",
            "is",
            "a militia active near the crossings",
        ),
        (
            "Harakat al-Nujaba, also known as the 12th Brigade, fought there.",
            "Harakat al-Nujaba",
            "also known as",
            "the 12th Brigade",
        ),
        (
            "Somali Defence Minister Hodan Abdi Warsame told reporters.",
            "Hodan Abdi Warsame",
            "title",
            "Somali Defence Minister",
        ),
    ],
)
def test_what_the_articles_say(text: str, name: str, how: str, phrase: str) -> None:
    start = text.index(name)
    found = describe(1, text, start, start + len(name))
    assert found is not None
    assert (found.how, found.phrase) == (how, phrase)
    assert found.sentence == text


def test_a_plain_mention_describes_nothing_and_the_best_come_first() -> None:
    text = "Crowds in Valdoria cheered."
    assert describe(1, text, 10, 18) is None
    a = describe(1, "Okafor is a lawyer.", 0, 6)
    b = describe(2, "Okafor, the party leader, spoke.", 0, 6)
    assert a is not None
    assert b is not None
    assert [d.how for d in best_descriptions([a, b])] == ["apposition", "is"]


SHARED = Path(__file__).parents[3] / "shared" / "corpus"


def _first_description(path: Path, name: str) -> tuple[str, str] | None:
    text = path.read_text("utf-8")
    start = text.index(name)
    found = describe(1, text, start, start + len(name))
    return None if found is None else (found.how, found.phrase)


@pytest.mark.skipif(not (SHARED / "000_bcbf2004b0def25a.txt").exists(), reason="no corpus here")
def test_what_the_corpus_article_says() -> None:
    article = SHARED / "000_bcbf2004b0def25a.txt"
    assert _first_description(article, "Mohammed Shia' al-Sudani") == (
        "title",
        "Iraqi Prime Minister",
    )
    assert _first_description(article, "Islamic Revolutionary Guard Corps") == ("acronym", "IRGC")


@pytest.mark.skipif(not (SHARED / "dev" / "articles").is_dir(), reason="dev set not rebuilt")
def test_what_the_dev_articles_say() -> None:
    dev = SHARED / "dev" / "articles"
    assert _first_description(dev / "d05-migrant-flu-vaccine-doctors.txt", "Alex Azar") == (
        "apposition",
        "the Health and Human Services secretary",
    )
    assert _first_description(dev / "d02-hong-kong-polytechnic-siege.txt", "Cheuk Hau-yip") == (
        "apposition",
        "the commander of Kowloon West district",
    )
