"""Context lines, places of mentions, note links and what the articles say."""

from __future__ import annotations

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
