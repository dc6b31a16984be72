from __future__ import annotations

import contextlib
import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core import gazetteer


@contextlib.contextmanager
def _without(monkeypatch: pytest.MonkeyPatch, *packages: str) -> Iterator[None]:
    """Make the packages look uninstalled, with the lists read from them forgotten."""
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name in packages else real(name, *a)
    )
    lists = (
        gazetteer.given_names,
        gazetteer.world_given_names,
        gazetteer.city_names,
        gazetteer.company_names,
        gazetteer.demonyms,
    )
    for cached in lists:
        cached.cache_clear()
    try:
        yield
    finally:
        for cached in lists:
            cached.cache_clear()


def test_common_first_names_are_known_and_ambiguous_words_are_not() -> None:
    assert gazetteer.is_given_name("Letitia")
    assert gazetteer.is_given_name("Marcelo")
    assert not gazetteer.is_given_name("letitia")  # a name is capitalised
    assert gazetteer.is_given_name("Rubén")  # looked up without its accent
    for word in ("Virginia", "Jordan", "May", "Paris", "China", "Will"):
        assert not gazetteer.is_given_name(word), word


def test_first_names_from_many_countries_are_known_but_not_words_or_towns() -> None:
    for name in ("Nikola", "Iñaki", "Thandiwe", "Pascal", "Emiliano", "Tijmen"):
        assert gazetteer.is_given_name(name), name
    # Faker's generic English list holds words ("Justice", "Red"); common surnames,
    # English words and towns are left out too.
    for word in ("Justice", "Red", "Green", "General", "Gibson", "Liga", "Karachi"):
        assert not gazetteer.is_given_name(word), word


def test_without_faker_only_the_census_names_are_known(monkeypatch: pytest.MonkeyPatch) -> None:
    with _without(monkeypatch, "faker"):
        assert gazetteer.is_given_name("Letitia")
        assert not gazetteer.is_given_name("Thandiwe")


def test_without_the_name_packages_the_rule_is_simply_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with _without(monkeypatch, "names", "faker"):
        assert gazetteer.given_names() == frozenset()
        assert not gazetteer.is_given_name("Letitia")


def test_towns_are_known_unless_they_are_also_common_names() -> None:
    for town in ("Karachi", "Launceston", "Blantyre", "Abu Dhabi", "KARACHI"):
        assert gazetteer.is_city_name(town), town
    assert gazetteer.is_city_name("Kyiv")  # a big city's other spelling
    assert gazetteer.is_city_name("Houston")  # a surname, but a city of millions
    assert gazetteer.is_city_name("Bristol")  # a surname, but a city of 400,000
    assert not gazetteer.is_city_name("Madison")  # a given name: left to the article
    for name in ("Durham", "Taylor", "Victoria", "Santos", "Malawi", "Oxfam"):
        assert not gazetteer.is_city_name(name), name


def test_provinces_and_states_are_known_unless_they_are_also_words_or_names() -> None:
    for region in ("Sinaloa", "Albay", "Hatay", "Antioquia", "Norte de Santander"):
        assert gazetteer.is_city_name(region), region
    assert gazetteer.is_city_name("Chocó")  # the list writes it "Choco"
    # English names the list gives in the region's own language, or without its suffix.
    for region in ("Thuringia", "West Sumatra", "Sicily", "Michoacán", "Coahuila"):
        assert gazetteer.is_city_name(region), region
    assert not gazetteer.is_city_name("Norte")  # "Norte de Santander" does not make it one
    assert not gazetteer.is_city_name("TOKİ")  # Turkish capitals: no "Toki" by accident
    # A region's name that is an English word, a company's or a person's is no evidence.
    for name in ("Store", "Plateau", "Antique", "Maritime", "Aurora", "Victoria"):
        assert not gazetteer.is_city_name(name), name


def test_listed_companies_are_known_unless_one_word_is_a_name_word_or_place() -> None:
    for name in ("Morgan Stanley", "Berkshire Hathaway", "Nvidia", "Siemens", "MORGAN STANLEY"):
        assert gazetteer.is_company_name(name), name
    assert gazetteer.is_company_name("Alphabet Inc.")  # with or without its legal form
    # "Ford" and "Williams" are people first; "Continental" an adjective; "Toyota" a town.
    for name in ("Ford", "Williams", "Continental", "Toyota", "Phoenix"):
        assert not gazetteer.is_company_name(name), name


def test_without_pytickersymbols_no_company_is_known(monkeypatch: pytest.MonkeyPatch) -> None:
    with _without(monkeypatch, "pytickersymbols"):
        assert not gazetteer.is_company_name("Morgan Stanley")


def test_nationality_words_and_their_plurals_are_known() -> None:
    for word in ("Filipino", "Filipinos", "Chinese", "Egyptians", "Swiss"):
        assert word in gazetteer.demonyms(), word
    assert "Chineses" not in gazetteer.demonyms()


def test_without_countryinfo_only_towns_are_known(monkeypatch: pytest.MonkeyPatch) -> None:
    with _without(monkeypatch, "countryinfo"):
        assert gazetteer.is_city_name("Karachi")
        assert not gazetteer.is_city_name("Sinaloa")


def test_without_geotext_no_town_is_known(monkeypatch: pytest.MonkeyPatch) -> None:
    with _without(monkeypatch, "geotext"):
        assert not gazetteer.is_city_name("Karachi")


def test_the_town_list_is_kept_between_runs_and_rebuilt_when_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setattr(gazetteer, "_cache_dir", lambda: folder)
    gazetteer.city_names.cache_clear()
    try:
        towns = gazetteer.city_names()
        [cache] = folder.glob("towns-*.txt")
        key, _, rest = cache.read_text("utf-8").partition("\n")
        assert "karachi" in rest.split("\n")
        # A damaged list is read again from the source.
        cache.write_text("0 stale\nnot-a-town\n", "utf-8")
        gazetteer.city_names.cache_clear()
        assert gazetteer.city_names() == towns
        assert cache.read_text("utf-8").partition("\n")[0] == key
        # The kept list is what is used while it is current.
        cache.write_text(key + "\nkarachi\n", "utf-8")
        gazetteer.city_names.cache_clear()
        assert gazetteer.city_names() == frozenset({"karachi"})
        # New rules in the code, or a new version of any package the lists read (the first
        # names depend on the towns), build a list of their own beside it.
        monkeypatch.setattr(gazetteer, "_code_digest", lambda: "other rules")
        gazetteer.city_names.cache_clear()
        assert gazetteer.city_names() == towns
        assert len(list(folder.glob("towns-*.txt"))) == 2
        monkeypatch.setattr(gazetteer, "_sources", lambda: (tmp_path,))
        gazetteer.city_names.cache_clear()
        assert gazetteer.city_names() == towns
    finally:
        gazetteer.city_names.cache_clear()


def test_two_versions_keep_their_own_lists_and_old_ones_are_pruned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bundle and a pip install on one machine must not rebuild each other's lists."""
    folder = tmp_path / "cache"
    monkeypatch.setattr(gazetteer, "_cache_dir", lambda: folder)
    built: list[str] = []

    def build() -> frozenset[str]:
        built.append("x")
        return frozenset({"karachi"})

    try:
        monkeypatch.setattr(gazetteer, "_code_digest", lambda: "version one")
        assert gazetteer._kept("towns", build) == frozenset({"karachi"})
        monkeypatch.setattr(gazetteer, "_code_digest", lambda: "version two")
        assert gazetteer._kept("towns", build) == frozenset({"karachi"})
        monkeypatch.setattr(gazetteer, "_code_digest", lambda: "version one")
        gazetteer._kept("towns", build)
        assert len(built) == 2  # version one read its own list back
        # A list no version has written for a month goes when another is written.
        [old] = [f for f in folder.glob("towns-*.txt") if "version one" in f.read_text("utf-8")]
        os.utime(old, (1, 1))
        (folder / "towns.txt").write_text("a list of an older Reader\n", "utf-8")
        monkeypatch.setattr(gazetteer, "_code_digest", lambda: "version three")
        gazetteer._kept("towns", build)
        assert not old.exists()
        assert not (folder / "towns.txt").exists()
        assert len(list(folder.glob("towns-*.txt"))) == 2
    finally:
        gazetteer.city_names.cache_clear()


def test_a_cache_folder_that_cannot_be_written_costs_only_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", "utf-8")
    monkeypatch.setattr(gazetteer, "_cache_dir", lambda: blocker / "cache")
    gazetteer.city_names.cache_clear()
    try:
        assert gazetteer.is_city_name("Karachi")
    finally:
        gazetteer.city_names.cache_clear()


def test_organisations_among_the_cldr_territories_are_not_places() -> None:
    assert gazetteer.is_place_name("Malawi")
    for name in ("United Nations", "European Union", "Eurozone", "Unknown Region"):
        assert not gazetteer.is_place_name(name), name
