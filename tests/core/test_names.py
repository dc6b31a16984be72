"""Name helpers: how names are compared, shortened and found in text."""

from __future__ import annotations

import pytest

from reader.core.names import acronym_of, find_names, longest_first, normalize, surname_of


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("the U.S.", "u.s."),
        ("U.S.'s", "u.s."),
        ("Guards'", "guards"),
        ("Kata’ib  Hezbollah", "kata'ib hezbollah"),
        ("Ahmad al-Shara'", "ahmad al-shara"),
        ("THE  Pentagon", "pentagon"),
        ("Straße", "strasse"),
    ],
)
def test_normalize_makes_one_matching_form(name: str, expected: str) -> None:
    assert normalize(name) == expected


@pytest.mark.parametrize(
    ("name", "acronym", "expected"),
    [
        ("Joint Border Security Commission", "JBSC", True),
        ("al-Qaeda in the Arabian Peninsula", "AQAP", True),
        ("Islamic Revolutionary Guard Corps", "IRGC", True),
        ("KABUL", "Reuters", False),
        ("African Union", "A", False),  # one capital is not an acronym
        ("African Union", "UA", False),  # initials must come in order
    ],
)
def test_acronym_of(name: str, acronym: str, expected: bool) -> None:
    assert acronym_of(name, acronym) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Mohammed Shia' al-Sudani", "al-Sudani"),
        ("Hodan Abdi Warsame", "Warsame"),
        ("Martin Luther King Jr.", None),  # "Jr." is not a surname, and "King" is a title
        ("Robert Lee Velk Jr.", "Velk"),  # the surname before "Jr." is
        ("Kim Jong-un", "Kim"),  # the family name first
        ("Theresa May", None),  # a month is not a safe surname
        ("Okafor", None),  # one word has no surname
        ("Okafor Xi", None),  # too short to stand alone safely
        # A Chinese or Korean name puts the family name first.
        ("Li Xi", "Li"),
        ("Wang Donghai", "Wang"),
        ("Tsai Ing-wen", "Tsai"),
        ("Lee Jae-myung", "Lee"),
        ("Yoon Suk Yeol", "Yoon"),
        ("Lee Anderson", "Anderson"),  # a Western given name, then the surname
        ("Kim Jones", "Jones"),
        ("Carrie Lam", "Lam"),
        ("Sung Hyun Park", "Park"),  # a Korean golfer's name in Western order
    ],
)
def test_surname_of(name: str, expected: str | None) -> None:
    assert surname_of(name) == expected


def test_find_names_matches_whole_names_with_apostrophe_and_space_variants() -> None:
    text = "Kata’ib  Hezbollah and pro-Hezbollah crowds; Hezbollahs is not a name; US, us."
    found = list(find_names(text, ["Kata'ib Hezbollah", "Hezbollah", "US"]))
    assert [(text[s:e], norm) for s, e, norm in longest_first(found)] == [
        ("Kata’ib  Hezbollah", "kata'ib hezbollah"),  # the longer name wins its text
        ("Hezbollah", "hezbollah"),  # in "pro-Hezbollah"
        ("US", "us"),  # short names match case exactly: not "us"
    ]


def test_find_names_after_a_hyphen_only_behind_a_prefix() -> None:
    text = "anti-Hezbollah, Al-Hezbollah, xHezbollah, (Hezbollah) and ex-US aid"
    assert sorted((s, text[s:e]) for s, e, _ in find_names(text, ["Hezbollah", "US"])) == [
        (5, "Hezbollah"),
        (43, "Hezbollah"),
        (61, "US"),
    ]


def test_find_names_needs_a_capital_so_common_words_stay_words() -> None:
    text = "Gordon Brown and a brown dog."
    assert [text[s:e] for s, e, _ in find_names(text, ["Brown"])] == ["Brown"]
