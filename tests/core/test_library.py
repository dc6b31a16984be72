"""Use cases: the model cache, notes across articles, and which pipeline is used."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from reader.core import overlay as overlay_mod
from reader.core import parallel
from reader.core.article import Article, ArticleError
from reader.core.kinds import Kind
from reader.core.library import PIPELINE_SETTING, EntityRef, Library
from reader.core.nlp import ModelSpan, Pipeline, PipelineError, default_pipeline
from reader.core.overlay import Mention

from .helpers import annotate, open_and_annotate, pick, write

# What the stub "model" recognises, wherever it appears.
STUB_NAMES = {"Velmora Accord": "ORG", "Tarsk": "GPE", "Ilse Brandauer": "PERSON"}


@pytest.fixture
def model_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace the spaCy run with a stub tagger; the list records each text it was run on."""
    calls: list[str] = []

    def fake_run(self: Pipeline, text: str, cancelled: object = None) -> list[ModelSpan]:
        calls.append(text)
        spans = [
            ModelSpan(m.start(), m.end(), label)
            for name, label in STUB_NAMES.items()
            for m in re.finditer(re.escape(name), text)
        ]
        return sorted(spans, key=lambda s: s.start)

    monkeypatch.setattr(Pipeline, "run", fake_run)
    monkeypatch.setattr(Pipeline, "version", property(lambda self: "stub-1"))
    return calls


@pytest.fixture
def library(db_path: Path) -> Iterator[Library]:
    lib = Library(db_path)
    yield lib
    lib.close()


ARTICLE_A = "Talks in Tarsk\nMonday, 3 March 2025\n\nThe Velmora Accord met in Tarsk.\n"
ARTICLE_B = "Second report\n\nDelegates of the Velmora Accord left early, Ilse Brandauer said.\n"


def first_note(lib: Library, mentions: list[Mention], article_id: int, name: str, body: str) -> int:
    """Write a note on the entity `name` refers to, as the panel does; returns the entity."""
    view = lib.entity_view(pick(mentions, name), mentions, article_id)
    result = lib.add_note(view.ref(), body)
    lib.refresh_articles(result.changes.stale)  # the window does this in the background
    return result.value[0]


# --- the model cache ------------------------------------------------------------------------


@pytest.mark.model
def test_annotating_twice_runs_the_model_once(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[str] = []
    real_run = Pipeline.run

    def counting_run(self: Pipeline, text: str, cancelled: object = None) -> list[ModelSpan]:
        runs.append(text)
        return real_run(self, text)

    monkeypatch.setattr(Pipeline, "run", counting_run)
    path = write(
        tmp_path / "summit.txt",
        "Leaders meet in Nairobi\nTuesday, 4 June 2024\n\n"
        "President William Ruto of Kenya met officials of the African Union in Nairobi.\n",
    )

    lib = Library(db_path)
    article_id, article, first = open_and_annotate(lib, path)
    second = annotate(lib, article_id, article)
    assert lib.cached_run(article) is not None
    lib.close()

    # A new session (a restart) on the same database still does not run the model.
    lib = Library(db_path)
    try:
        _, _, third = open_and_annotate(lib, path)
    finally:
        lib.close()

    assert len(runs) == 1
    assert first == second == third
    assert {(m.text, m.kind) for m in first} >= {
        ("William Ruto", Kind.PERSON),
        ("Kenya", Kind.PLACE),
        ("African Union", Kind.GROUP),
        ("Nairobi", Kind.PLACE),
    }


def test_knowledge_change_reuses_the_cached_model_output(
    library: Library, model_calls: list[str], tmp_path: Path
) -> None:
    path = write(tmp_path / "a.txt", ARTICLE_A + "Observers from Kestrel Watch attended.\n")
    article_id, article, before = open_and_annotate(library, path)
    assert "Kestrel Watch" not in [m.text for m in before]

    ref = EntityRef(None, "Kestrel Watch", Kind.GROUP, ("Kestrel Watch",))
    entity, _ = library.add_note(ref, "Election monitors.").value
    after = annotate(library, article_id, article)

    assert len(model_calls) == 1
    kestrel = pick(after, "Kestrel Watch")
    assert (kestrel.kind, kestrel.entity_id) == (Kind.GROUP, entity)


def test_new_rules_recompute_saved_highlights_without_the_model(
    library: Library, model_calls: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an upgrade a saved article shows the new rules' highlights, from the cache."""
    article_id, _, _ = open_and_annotate(library, write(tmp_path / "a.txt", ARTICLE_A))
    assert library.current_mentions(article_id) is not None
    monkeypatch.setattr(overlay_mod, "RULES_VERSION", "next")
    assert library.current_mentions(article_id) is None  # made by the old rules
    assert library.store.refreshable_articles(library.pipeline.name, library.pipeline.version) == [
        article_id
    ]
    library.refresh_stale()
    assert library.current_mentions(article_id) is not None
    assert len(model_calls) == 1  # the model's output was reused


def test_a_refresh_keeps_the_knowledge_free_part_and_the_next_one_reuses_it(
    library: Library, model_calls: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A correction's refresh redoes only the knowledge's part, with the same result."""
    article_id, _, _ = open_and_annotate(library, write(tmp_path / "a.txt", ARTICLE_A))
    name, version = library.pipeline.name, library.pipeline.version
    [(_, _, _, kept)] = library.store.texts_with_spans([article_id], name, version)
    assert kept is not None  # kept from the first time the article was read
    monkeypatch.setattr(overlay_mod, "RULES_VERSION", "next")  # every article goes stale
    library.refresh_stale()
    [(_, text, spans, kept)] = library.store.texts_with_spans([article_id], name, version)
    assert kept is not None
    expected = overlay_mod.overlay(text, spans, library.knowledge())
    assert library.current_mentions(article_id) == expected

    made: list[str] = []
    real = overlay_mod.prepare

    def counted(text: str, spans: Sequence[ModelSpan]) -> overlay_mod.Prepared:
        made.append(text)
        return real(text, spans)

    monkeypatch.setattr(parallel, "prepare", counted)
    ref = EntityRef(None, "Velmora Accord", Kind.GROUP, ("Velmora Accord",))
    library.refresh_articles(library.add_note(ref, "A pact.").changes.stale)
    assert made == []  # the kept part was used
    assert library.current_mentions(article_id) == overlay_mod.overlay(
        text, spans, library.knowledge()
    )
    # A kept part made by other rules is not used.
    monkeypatch.setattr(overlay_mod, "RULES_VERSION", "after next")
    library.refresh_stale()
    assert len(made) == 1
    assert len(model_calls) == 1


def test_a_new_alias_updates_the_stored_mentions_of_an_article_that_is_not_open(
    library: Library, model_calls: list[str], tmp_path: Path
) -> None:
    """One knowledge change re-highlights every saved article, from the model cache."""
    closed_id, _, _ = open_and_annotate(
        library,
        write(tmp_path / "old.txt", "Old report\n\nKestrel Watch observed the Tarsk vote.\n"),
    )
    untouched_id, _, _ = open_and_annotate(
        library, write(tmp_path / "other.txt", "Other report\n\nNothing about them in Tarsk.\n")
    )
    open_and_annotate(library, write(tmp_path / "a.txt", ARTICLE_A))
    version = library.store.knowledge_version()

    result = library.add_note(
        EntityRef(None, "Kestrel Watch", Kind.GROUP, ("Kestrel Watch",)), "Monitors."
    )

    entity = result.value[0]
    assert result.changes.knowledge
    assert closed_id in result.changes.stale
    assert untouched_id not in result.changes.stale
    assert library.current_mentions(closed_id) is None  # out of date until refreshed
    refreshed = library.refresh_articles(result.changes.stale)
    assert closed_id in refreshed.articles
    stored = library.current_mentions(closed_id)  # current without running anything
    assert stored is not None
    assert (pick(stored, "Kestrel Watch").kind, pick(stored, "Kestrel Watch").entity_id) == (
        Kind.GROUP,
        entity,
    )
    assert library.current_mentions(untouched_id) is not None  # still current, not recomputed
    assert library.store.knowledge_version() == version + 1
    assert len(model_calls) == 3  # one run per article, none for the change


# --- notes follow the entity across articles ----------------------------------------------------


def test_note_on_an_entity_shows_in_another_article(
    library: Library, model_calls: list[str], tmp_path: Path
) -> None:
    a_id, _, a_mentions = open_and_annotate(library, write(tmp_path / "a.txt", ARTICLE_A))
    view = library.entity_view(pick(a_mentions, "Velmora Accord"), a_mentions, a_id)
    assert view.notes == ()
    entity = library.add_note(view.ref(), "Founded in 2019 by three hill towns.").value[0]

    b_id, _, b_mentions = open_and_annotate(library, write(tmp_path / "b.txt", ARTICLE_B))
    b_view = library.entity_view(pick(b_mentions, "Velmora Accord"), b_mentions, b_id)

    assert b_view.entity_id == entity
    assert b_view.kind is Kind.GROUP
    assert [n.body for n in b_view.notes] == ["Founded in 2019 by three hill towns."]
    # Other names in article B are not that entity.
    other = library.entity_view(pick(b_mentions, "Ilse Brandauer"), b_mentions, b_id)
    assert other.entity_id != entity
    assert other.notes == ()


def test_elsewhere_lists_articles_annotated_while_the_entity_existed(
    library: Library, model_calls: list[str], tmp_path: Path
) -> None:
    a_id, _, a_mentions = open_and_annotate(library, write(tmp_path / "a.txt", ARTICLE_A))
    entity = first_note(library, a_mentions, a_id, "Velmora Accord", "A pact.")

    b_id, _, b_mentions = open_and_annotate(library, write(tmp_path / "b.txt", ARTICLE_B))
    view = library.entity_view(pick(b_mentions, "Velmora Accord"), b_mentions, b_id)

    assert view.entity_id == entity
    assert [(a.article_id, a.mentions) for a in view.appearances] == [(a_id, 1)]


def test_the_window_reads_what_other_articles_say_apart_from_the_rest(
    library: Library, model_calls: list[str], tmp_path: Path
) -> None:
    # The window's GUI thread reads only this article's part; a worker adds the rest.
    a_id, _, a_mentions = open_and_annotate(library, write(tmp_path / "a.txt", ARTICLE_A))
    first_note(library, a_mentions, a_id, "Velmora Accord", "A pact.")
    b_id, _, b_mentions = open_and_annotate(library, write(tmp_path / "b.txt", ARTICLE_B))
    library.details_later = True
    quick = library.entity_view(pick(b_mentions, "Velmora Accord"), b_mentions, b_id)
    assert quick is not None
    assert not quick.complete
    assert (quick.appearances, quick.articles) == ((), 0)
    assert [n.body for n in quick.notes] == ["A pact."]
    full = library.complete(quick, b_id)
    assert full.complete
    assert [a.article_id for a in full.appearances] == [a_id]
    assert (full.articles, full.notes) == (2, quick.notes)


def test_elsewhere_lists_an_article_read_before_the_entity_existed(
    db_path: Path, model_calls: list[str], tmp_path: Path
) -> None:
    yesterday = Library(db_path)
    a_id, _, _ = open_and_annotate(yesterday, write(tmp_path / "a.txt", ARTICLE_A))
    yesterday.close()

    today = Library(db_path)
    try:
        b_id, b, b_mentions = open_and_annotate(today, write(tmp_path / "b.txt", ARTICLE_B))
        first_note(today, b_mentions, b_id, "Velmora Accord", "Check the earlier report.")
        b_mentions = annotate(today, b_id, b)
        view = today.entity_view(pick(b_mentions, "Velmora Accord"), b_mentions, b_id)
    finally:
        today.close()

    assert [a.article_id for a in view.appearances] == [a_id]


def test_a_bad_file_is_not_added_to_the_library(library: Library, tmp_path: Path) -> None:
    with pytest.raises(ArticleError):
        library.open_article(write(tmp_path / "empty.txt", ""))
    assert library.store.count_articles() == 0


# --- which pipeline -----------------------------------------------------------------------------


def test_pipeline_name_resolution_order(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lib = Library(db_path)
    try:
        assert lib.pipeline_name == default_pipeline()  # the best installed
        lib.store.set_setting(PIPELINE_SETTING, "from_setting")
        assert lib.pipeline_name == "from_setting"
        assert lib.pipeline.name == "from_setting"
        monkeypatch.setenv("READER_PIPELINE", "from_env")
        assert lib.pipeline_name == "from_env"
    finally:
        lib.close()

    explicit = Library(db_path, pipeline="from_argument")
    try:
        assert explicit.pipeline_name == "from_argument"
        assert explicit.pipeline.name == "from_argument"
        monkeypatch.delenv("READER_PIPELINE")
        explicit.store.set_setting(PIPELINE_SETTING, None)
        assert explicit.pipeline_name == "from_argument"
    finally:
        explicit.close()


def test_missing_pipeline_raises_pipeline_error_naming_it(
    library: Library, db_path: Path, tmp_path: Path
) -> None:
    article_id, article = library.open_article(write(tmp_path / "a.txt", ARTICLE_A)).value
    library.store.set_setting(PIPELINE_SETTING, "xx_no_such_pipeline_sm")
    with pytest.raises(PipelineError) as info:
        annotate(library, article_id, article)
    assert "xx_no_such_pipeline_sm" in str(info.value)

    other = Library(db_path, pipeline=str(tmp_path / "no_such_folder_pipeline"))
    try:
        with pytest.raises(PipelineError, match="no_such_folder_pipeline"):
            other.run_model(article)
    finally:
        other.close()


@pytest.mark.model
def test_cancelled_run_stops_early_and_caches_nothing(tmp_path: Path) -> None:
    from reader.core.nlp import Cancelled

    library = Library(tmp_path / "c.db")
    text = "Title\n\n" + "\n\n".join(f"Paragraph {i} about Kenya." for i in range(200))
    article = Article(str(tmp_path / "a.txt"), "Title", text, "txt")
    polls: list[int] = []

    def cancelled() -> bool:
        polls.append(1)
        return len(polls) > 3

    with pytest.raises(Cancelled):
        library.run_model(article, cancelled)
    assert len(polls) == 4  # stopped at the first poll that said so
    assert library.cached_run(article) is None
    library.close()


def test_backlinks_find_a_link_written_with_any_name_the_article_uses(
    library: Library, model_calls: list[str], tmp_path: Path
) -> None:
    text = "Talks\n\nThe Velmora Accord (VA) met. Ilse Brandauer spoke.\n"
    STUB_NAMES["VA"] = "ORG"
    try:
        a_id, _, mentions = open_and_annotate(library, write(tmp_path / "a.txt", text))
    finally:
        del STUB_NAMES["VA"]
    first_note(library, mentions, a_id, "Ilse Brandauer", "Signed for [[VA]].")
    view = library.entity_view(pick(mentions, "Velmora Accord"), mentions, a_id)
    assert [(n.body, owner) for n, owner in view.backlinks] == [
        ("Signed for [[VA]].", "Ilse Brandauer")
    ]


def test_what_the_articles_say_leaves_out_what_only_repeats_a_name(
    library: Library, model_calls: list[str], tmp_path: Path
) -> None:
    text = (
        "Pact\n\nThe Velmora Accord (VA) met in Tarsk. "
        "The Velmora Accord, a trade bloc of four states, met again.\n"
    )
    article_id, _, mentions = open_and_annotate(library, write(tmp_path / "a.txt", text))
    view = library.entity_view(pick(mentions, "Velmora Accord"), mentions, article_id)
    assert view is not None
    phrases = [d.phrase for d in view.descriptions]
    assert "VA" not in phrases, "the card lists it among the names already"
    assert any("trade bloc" in p for p in phrases)
