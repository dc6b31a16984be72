"""Typing a few letters finds the entity, by any of its names, despite a typo."""

from __future__ import annotations

from reader.core.kinds import Kind
from reader.core.lookup import rank_entities
from reader.core.store import EntitySummary

ENTITIES = [
    EntitySummary(1, "United Nations", Kind.GROUP, ("UN", "U.N."), 2, 5),
    EntitySummary(2, "Harakat Hezbollah al-Nujaba", Kind.GROUP, ("al-Nujaba",), 1, 3),
    EntitySummary(3, "Nairobi", Kind.PLACE, (), 0, 4),
    EntitySummary(4, "Lena Okafor", Kind.PERSON, ("Okafor",), 0, 1),
]


def names(query: str) -> list[str]:
    return [e.name for e in rank_entities(query, ENTITIES)]


def test_a_prefix_of_any_name_finds_it_first() -> None:
    assert names("nuj")[0] == "Harakat Hezbollah al-Nujaba"
    assert names("united")[0] == "United Nations"
    assert names("okaf")[0] == "Lena Okafor"


def test_a_typo_still_finds_it() -> None:
    assert names("Nairobbi")[0] == "Nairobi"
    assert names("united nation")[0] == "United Nations"


def test_a_short_query_matches_only_words_that_start_with_it() -> None:
    """What a user saw: "Eur" offered Dawa River first, one Enter from a wrong merge."""
    entities = [
        *ENTITIES,
        EntitySummary(5, "Dawa River", Kind.PLACE, (), 0, 1),
        EntitySummary(6, "European Union", Kind.GROUP, ("EU",), 0, 2),
    ]
    assert [e.name for e in rank_entities("Eur", entities)] == ["European Union"]
    assert [e.name for e in rank_entities("nu", entities)] == ["Harakat Hezbollah al-Nujaba"]


def test_unrelated_letters_find_nothing_and_empty_lists_all() -> None:
    assert names("zzqx") == []
    assert len(names("")) == len(ENTITIES)
