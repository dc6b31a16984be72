from __future__ import annotations

import importlib.util

import pytest

from reader.core import gazetteer


def test_common_first_names_are_known_and_ambiguous_words_are_not() -> None:
    assert gazetteer.is_given_name("Letitia")
    assert gazetteer.is_given_name("Marcelo")
    assert not gazetteer.is_given_name("letitia")  # a name is capitalised
    for word in ("Virginia", "Jordan", "May", "Paris", "China", "Will"):
        assert not gazetteer.is_given_name(word), word


def test_without_the_names_package_the_rule_is_simply_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gazetteer.given_names.cache_clear()
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "names" else real(name, *a)
    )
    try:
        assert gazetteer.given_names() == frozenset()
        assert not gazetteer.is_given_name("Letitia")
    finally:
        gazetteer.given_names.cache_clear()
