"""Corrections become knowledge: one fix changes every article, persists, and can be undone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.changes import Changes
from reader.core.corrections import CorrectionError
from reader.core.kinds import Kind
from reader.core.library import EntityRef, Library
from reader.core.nlp import Pipeline
from reader.core.overlay import Mention

from .helpers import annotate, open_and_annotate, pick, stub_tagger, write

NAMES = {
    "United Nations": "ORG",
    "ONU": "ORG",  # not the initials of "United Nations": only the user can link them
    "Jong Un": "PERSON",  # the model cut the name; no rule puts "Ri" back
    "Jordan": "PERSON",  # a consistent model error: the country as a person
    "Omicron": "ORG",  # a variant the model takes for an organisation
    "Tarsk": "GPE",
    "Ravola": "GPE",
}
FIRST = (
    "Talks in Tarsk\n\nThe United Nations met Ri Jong Un in Tarsk. Jordan sent a delegation; "
    "the ONU said the Omicron wave ended. Ravola Heritage flew them home.\n"
)
SECOND = "Later\n\nAn ONU envoy met Ri Jong Un and officials from Jordan. Ravola Heritage again.\n"


@pytest.fixture
def model_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls, run = stub_tagger(NAMES)
    monkeypatch.setattr(Pipeline, "run", run)
    monkeypatch.setattr(Pipeline, "version", property(lambda self: "stub-1"))
    return calls


@pytest.fixture
def lib(db_path: Path) -> Iterator[Library]:
    library = Library(db_path)
    yield library
    library.close()


class Two:
    """Two saved articles, as the window sees them after every change."""

    def __init__(self, lib: Library, tmp_path: Path) -> None:
        self.lib = lib
        self.a_id, self.a, _ = open_and_annotate(lib, write(tmp_path / "a.txt", FIRST))
        self.b_id, self.b, _ = open_and_annotate(lib, write(tmp_path / "b.txt", SECOND))

    def apply(self, changes: Changes) -> None:
        self.lib.refresh_articles(changes.stale)

    def first(self) -> list[Mention]:
        return annotate(self.lib, self.a_id, self.a)

    def second(self) -> list[Mention]:
        return annotate(self.lib, self.b_id, self.b)

    def ref(self, text: str) -> EntityRef:
        mentions = self.first()
        view = self.lib.entity_view(pick(mentions, text), mentions, self.a_id)
        return view.ref()


def kinds(mentions: list[Mention], text: str) -> set[Kind]:
    return {m.kind for m in mentions if m.text == text}


@pytest.fixture
def two(lib: Library, model_calls: list[str], tmp_path: Path) -> Two:
    return Two(lib, tmp_path)


def test_changing_a_kind_fixes_every_article_without_running_the_model(
    two: Two, model_calls: list[str]
) -> None:
    assert kinds(two.second(), "Jordan") == {Kind.PERSON}
    result = two.lib.set_kind(two.ref("Jordan"), Kind.PLACE)
    two.apply(result.changes)
    assert kinds(two.first(), "Jordan") == {Kind.PLACE}
    assert kinds(two.second(), "Jordan") == {Kind.PLACE}
    assert len(model_calls) == 2  # one run per article, none for the correction

    two.apply(two.lib.undo(result.value))
    assert kinds(two.first(), "Jordan") == kinds(two.second(), "Jordan") == {Kind.PERSON}
    two.apply(two.lib.redo(result.value))
    assert kinds(two.second(), "Jordan") == {Kind.PLACE}


def test_not_an_entity_everywhere_and_here(two: Two) -> None:
    result = two.lib.dismiss("Omicron")
    two.apply(result.changes)
    assert "Omicron" not in [m.text for m in two.first()]
    two.apply(two.lib.undo(result.value))
    assert "Omicron" in [m.text for m in two.first()]

    tarsk = [m for m in two.first() if m.text == "Tarsk"]
    assert len(tarsk) == 2
    here = two.lib.dismiss("Tarsk", (two.a.sha256, tarsk[1].start, tarsk[1].end))
    two.apply(here.changes)
    assert [m.start for m in two.first() if m.text == "Tarsk"] == [tarsk[0].start]


def test_marking_unhighlighted_text_highlights_it_everywhere(two: Two) -> None:
    assert "Ravola Heritage" not in [m.text for m in two.second()]
    result = two.lib.mark("Ravola Heritage", Kind.GROUP)
    two.apply(result.changes)
    for mentions in (two.first(), two.second()):
        airline = pick(mentions, "Ravola Heritage")
        assert (airline.kind, airline.entity_id) == (Kind.GROUP, result.value.entity_id)
        assert "Ravola" not in [m.text for m in mentions]  # the model's partial name is gone


def test_same_as_links_an_acronym_and_moves_notes(two: Two) -> None:
    un = two.lib.add_note(two.ref("United Nations"), "Founded 1945.")
    two.apply(un.changes)
    stray = two.lib.add_note(two.ref("ONU"), "A second entity by mistake.")
    two.apply(stray.changes)
    un_id, stray_id = un.value[0], stray.value[0]
    assert un_id != stray_id

    merged = two.lib.merge(two.ref("ONU"), un_id)
    two.apply(merged.changes)
    for mentions in (two.first(), two.second()):
        assert pick(mentions, "ONU").entity_id == un_id
    assert sorted(n.body for n in two.lib.notes(un_id)) == [
        "A second entity by mistake.",
        "Founded 1945.",
    ]
    assert two.lib.store.entity(stray_id) is None

    two.apply(two.lib.undo(merged.value))
    assert two.lib.store.entity(stray_id) is not None  # back, with its own note
    assert [n.body for n in two.lib.notes(stray_id)] == ["A second entity by mistake."]
    assert pick(two.second(), "ONU").entity_id == stray_id


def test_split_off_a_wrongly_merged_name(two: Two) -> None:
    un = two.lib.add_note(two.ref("United Nations"), "ONU.").value[0]
    two.apply(two.lib.add_alias(EntityRef(un, "United Nations", Kind.GROUP), "ONU").changes)
    assert pick(two.second(), "ONU").entity_id == un
    result = two.lib.split_off(un, "ONU")
    two.apply(result.changes)
    split = pick(two.second(), "ONU").entity_id
    assert split not in (None, un)
    with pytest.raises(CorrectionError, match="name"):
        two.lib.split_off(un, "United Nations")


def test_moving_a_boundary_extends_the_name_everywhere(two: Two) -> None:
    assert "Jong Un" in [m.text for m in two.second()]
    result = two.lib.set_boundary(two.ref("Jong Un"), "Jong Un", "Ri Jong Un")
    two.apply(result.changes)
    for mentions in (two.first(), two.second()):
        kim = pick(mentions, "Ri Jong Un")
        assert kim.kind is Kind.PERSON
        assert "Jong Un" not in [m.text for m in mentions]
    two.apply(two.lib.undo(result.value))
    assert "Jong Un" in [m.text for m in two.second()]


def test_shrinking_a_boundary_dismisses_the_longer_text(
    lib: Library, model_calls: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, run = stub_tagger({"Harbour Lena Okafor": "PERSON"})
    monkeypatch.setattr(Pipeline, "run", run)
    text = "T\n\nHarbour Lena Okafor spoke.\n"
    a_id, a, mentions = open_and_annotate(lib, write(tmp_path / "a.txt", text))
    view = lib.entity_view(pick(mentions, "Harbour Lena Okafor"), mentions, a_id)
    result = lib.set_boundary(view.ref(), "Harbour Lena Okafor", "Lena Okafor")
    lib.refresh_articles(result.changes.stale)
    assert [m.text for m in annotate(lib, a_id, a)] == ["Lena Okafor"]


def test_undo_never_deletes_notes_written_since(two: Two) -> None:
    marked = two.lib.mark("Ravola Heritage", Kind.GROUP)
    two.apply(marked.changes)
    entity = marked.value.entity_id
    assert entity is not None
    two.lib.add_note(EntityRef(entity, "Ravola Heritage", Kind.GROUP), "State airline.")
    two.apply(two.lib.undo(marked.value))
    assert [n.body for n in two.lib.notes(entity)] == ["State airline."]


def test_undoing_a_kind_change_with_a_note_written_since_gives_the_kind_back(two: Two) -> None:
    # The tester's case: make a person a place, write a note on it, then Undo.
    made = two.lib.set_kind(two.ref("Tarsk"), Kind.PERSON)
    two.apply(made.changes)
    entity = made.value.entity_id
    assert entity is not None
    assert pick(two.first(), "Tarsk").kind is Kind.PERSON
    two.lib.add_note(EntityRef(entity, "Tarsk", Kind.PERSON), "Not a town after all?")
    two.apply(two.lib.undo(made.value))
    assert pick(two.first(), "Tarsk").kind is Kind.PLACE  # the undo is seen
    assert [n.body for n in two.lib.notes(entity)] == ["Not a town after all?"]  # and kept
    two.apply(two.lib.redo(made.value))
    assert pick(two.first(), "Tarsk").kind is Kind.PERSON


def test_rename_and_edit_names(two: Two) -> None:
    un = two.lib.add_note(two.ref("United Nations"), "ONU.").value[0]
    ref = EntityRef(un, "United Nations", Kind.GROUP)
    two.apply(two.lib.rename(ref, "The United Nations Organisation").changes)
    entity = two.lib.store.entity(un)
    assert entity is not None
    assert entity.name == "The United Nations Organisation"
    assert "United Nations" in entity.aliases  # the old name still finds it
    two.apply(two.lib.add_alias(ref, "ONU").changes)
    assert pick(two.second(), "ONU").entity_id == un
    two.apply(two.lib.remove_alias(un, "ONU").changes)
    assert pick(two.second(), "ONU").entity_id != un
    with pytest.raises(CorrectionError):
        two.lib.remove_alias(un, "The United Nations Organisation")


def test_corrections_persist_after_a_restart(
    db_path: Path, model_calls: list[str], tmp_path: Path
) -> None:
    lib = Library(db_path)
    two = Two(lib, tmp_path)
    two.apply(two.lib.dismiss("Omicron").changes)
    two.apply(two.lib.set_kind(two.ref("Jordan"), Kind.PLACE).changes)
    lib.close()

    again = Library(db_path)
    try:
        _, _, mentions = open_and_annotate(again, write(tmp_path / "c.txt", FIRST + "\nMore.\n"))
        assert "Omicron" not in [m.text for m in mentions]
        assert kinds(mentions, "Jordan") == {Kind.PLACE}
    finally:
        again.close()


@pytest.mark.parametrize(
    ("selected", "snapped"),
    [
        ("Bulo Haw", "Bulo Hawo"),  # stopped inside the last word
        ("ulo Hawo", "Bulo Hawo"),  # started inside the first
        ("Bulo Hawo", "Bulo Hawo"),
        ("Kata'i", "Kata'ib"),
    ],
)
def test_a_selection_is_widened_to_whole_words(selected: str, snapped: str) -> None:
    from reader.core.corrections import snap_to_words

    text = "Fighters left Bulo Hawo for Kata'ib country."
    start = text.index(selected)
    s, e = snap_to_words(text, start, start + len(selected))
    assert text[s:e] == snapped
