"""The library as lists: import (batches, de-duplication, cancel), removal, positions, search."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core import catalog, importer, search
from reader.core.kinds import Kind
from reader.core.library import EntityRef, Library
from reader.core.nlp import ModelSpan, Pipeline
from reader.core.store import StoreError

from .helpers import open_and_annotate, pick, write

NAMES = {"Velmora Accord": "ORG", "Tarsk": "GPE", "Ilse Brandauer": "PERSON", "U.N.": "ORG"}


def _tag(text: str) -> list[ModelSpan]:
    spans = [
        ModelSpan(m.start(), m.end(), label)
        for name, label in NAMES.items()
        for m in re.finditer(rf"(?<!\w){re.escape(name)}", text)
    ]
    return sorted(spans, key=lambda s: s.start)


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A stub model for `run` and `run_many`; the list records each batch's size."""
    batches: list[int] = []

    def run_many(
        self: Pipeline, texts: list[str], cancelled: object = None, batch_size: int = 64
    ) -> list[list[ModelSpan]]:
        batches.append(len(texts))
        return [_tag(t) for t in texts]

    monkeypatch.setattr(Pipeline, "run", lambda self, text, cancelled=None: _tag(text))
    monkeypatch.setattr(Pipeline, "run_many", run_many)
    monkeypatch.setattr(Pipeline, "version", property(lambda self: "stub-1"))
    return batches


@pytest.fixture
def library(db_path: Path) -> Iterator[Library]:
    lib = Library(db_path)
    yield lib
    lib.close()


def folder_of_articles(root: Path, n: int) -> Path:
    sub = root / "clippings" / "deeper"
    sub.mkdir(parents=True)
    for i in range(n):
        where = root / "clippings" if i % 2 else sub
        write(where / f"a{i:02}.txt", f"Report {i}\n\nThe Velmora Accord met in Tarsk, day {i}.\n")
    write(root / "clippings" / "notes.docx", "PK not read by any format")
    write(root / "clippings" / ".hidden.txt", "Hidden\n\nNot imported.\n")
    return root / "clippings"


# --- import -----------------------------------------------------------------------------------


def test_import_a_folder_recursively_then_again_adds_nothing(
    library: Library, tmp_path: Path, runs: list[int]
) -> None:
    folder = folder_of_articles(tmp_path, 6)
    report = importer.import_paths(library, [folder])
    assert (len(report.added), len(report.present), report.failed) == (6, 0, [])
    assert runs == [6], "one model batch for six small articles"
    assert library.store.count_articles() == 6
    rows = catalog.library_rows(library.store)
    assert {r.title for r in rows} == {f"Report {i}" for i in range(6)}
    assert all((r.groups, r.people, r.places) == (1, 0, 1) for r in rows)
    assert all(r.opened_at == "" for r in rows), "importing is not reading"
    assert library.recent() == []

    again = importer.import_paths(library, [folder, folder / "a01.txt"])
    assert (len(again.added), len(again.present)) == (0, 6)
    assert library.store.count_articles() == 6
    assert runs == [6], "known texts never reach the model"


def test_the_same_text_twice_in_one_import_is_one_article(
    library: Library, tmp_path: Path, runs: list[int]
) -> None:
    a = write(tmp_path / "a.txt", "Same\n\nThe Velmora Accord.\n")
    b = write(tmp_path / "copy of a.txt", "Same\n\nThe Velmora Accord.\n")
    report = importer.import_paths(library, [a, b])
    assert (report.added, report.present) == ([str(a.resolve())], [str(b.resolve())])
    assert library.store.count_articles() == 1


def test_bad_files_are_reported_with_reasons_and_the_rest_imported(
    library: Library, tmp_path: Path, runs: list[int]
) -> None:
    good = write(tmp_path / "good.txt", "Good\n\nIlse Brandauer spoke.\n")
    empty = write(tmp_path / "empty.txt", "  \n")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    pdf = write(tmp_path / "paper.pdf", "%PDF")
    report = importer.import_paths(library, [good, empty, binary, pdf, tmp_path / "gone.txt"])
    assert report.added == [str(good.resolve())]
    reasons = {Path(f.path).name: f.reason for f in report.failed}
    assert set(reasons) == {"empty.txt", "image.txt", "paper.pdf", "gone.txt"}
    assert "empty" in reasons["empty.txt"]
    assert "no such file" in reasons["gone.txt"]
    assert library.store.count_articles() == 1
    assert report.as_json()["failed"] == [
        {"path": f.path, "reason": f.reason} for f in report.failed
    ]


def test_a_looping_link_in_a_folder_is_one_failure_and_the_rest_imported(
    library: Library, tmp_path: Path, runs: list[int]
) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    good = write(folder / "good.txt", "Good\n\nIlse Brandauer spoke.\n")
    (folder / "loop.txt").symlink_to("loop.txt")  # a link to itself
    (folder / "a.txt").symlink_to("b.txt")
    (folder / "b.txt").symlink_to("a.txt")  # two links to each other
    report = importer.import_paths(library, [folder])
    assert report.added == [str(good.resolve())]
    reasons = {Path(f.path).name: f.reason for f in report.failed}
    assert set(reasons) == {"loop.txt", "a.txt", "b.txt"}
    assert all("loops" in reason for reason in reasons.values())


def test_a_text_too_long_for_the_model_is_kept_without_highlights(
    library: Library, tmp_path: Path, runs: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # As the window does: the article is in the library, only its highlights are missing.
    from reader.core import nlp

    monkeypatch.setattr(nlp, "MAX_TEXT", 200)
    short = write(tmp_path / "short.txt", "Short\n\nThe Velmora Accord met in Tarsk.\n")
    long = write(tmp_path / "long.txt", "Long\n\n" + "The Velmora Accord met in Tarsk. " * 20)
    report = importer.import_paths(library, [short, long])
    assert sorted(report.added) == sorted([str(short.resolve()), str(long.resolve())])
    assert report.failed == []
    assert report.unhighlighted == [str(long.resolve())]
    assert (
        report.summary()
        == "2 articles added (1 of them without highlights: too long for entity recognition)."
    )
    assert report.as_json()["without_highlights"] == [str(long.resolve())]
    assert runs == [1], "only the short text reached the model"
    rows = {r.title: r for r in catalog.library_rows(library.store)}
    assert (rows["Short"].groups, rows["Short"].places) == (1, 1)
    assert (rows["Long"].groups, rows["Long"].places) == (0, 0)


def test_cancelling_leaves_only_whole_articles(
    library: Library, tmp_path: Path, runs: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "BATCH_FILES", 2)
    folder = folder_of_articles(tmp_path, 6)
    seen: list[int] = []

    def progress(done: int, total: int, _report: importer.ImportReport) -> None:
        seen.append(done)

    report = importer.import_paths(
        library, [folder], progress=progress, cancelled=lambda: len(seen) > 2
    )
    assert report.cancelled
    assert seen == [0, 2, 4]
    assert len(report.added) == library.store.count_articles() == 4
    # Every article that is in the library has its mentions and counts.
    ids = library.store.all_article_ids()
    for article_id in ids:
        assert library.current_mentions(article_id), "no article without its highlights"


def test_a_failure_inside_a_batch_writes_nothing_of_it(
    library: Library, tmp_path: Path, runs: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = folder_of_articles(tmp_path, 4)
    real = Library.record_model_run
    calls = 0

    def flaky(self: Library, *args: object) -> object:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise sqlite3.OperationalError("disk I/O error")
        return real(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Library, "record_model_run", flaky)
    with pytest.raises(StoreError, match="disk"):
        importer.import_paths(library, [folder])
    assert library.store.count_articles() == 0
    assert library.store.db.execute("SELECT count(*) FROM mentions").fetchone()[0] == 0


# --- removal ------------------------------------------------------------------------------------


def test_removing_an_article_keeps_every_note_and_entity(
    library: Library, tmp_path: Path, runs: list[int]
) -> None:
    path = write(tmp_path / "a.txt", "Talks\n\nIlse Brandauer met the Velmora Accord in Tarsk.\n")
    article_id, _, mentions = open_and_annotate(library, path)
    view = library.entity_view(pick(mentions, "Ilse Brandauer"), mentions, article_id)
    entity_id, note_id = library.add_note(view.ref(), "Chairs the accord.").value
    library.refresh_articles(library.store.all_article_ids())
    assert catalog.library_rows(library.store)[0].noted == 1

    changes = catalog.remove_articles(library.store, [article_id])
    assert changes.library
    assert article_id in changes.articles
    assert entity_id in changes.entities
    assert library.store.count_articles() == 0
    assert [n.body for n in library.notes(entity_id)] == ["Chairs the accord."]
    assert library.store.entity(entity_id) is not None
    assert library.store.db.execute("SELECT count(*) FROM mentions").fetchone()[0] == 0
    assert search.search(library.store, "Tarsk") == []
    assert [h.id for h in search.search(library.store, "accord")] == [note_id]
    # Imported again later, it is linked to the same entity and its note.
    importer.import_paths(library, [path])
    again = library.store.all_article_ids()[0]
    assert entity_id in {m.entity_id for m in library.current_mentions(again) or []}


# --- reading position and lists -------------------------------------------------------------------


def test_reading_position_is_kept_per_text(
    library: Library, tmp_path: Path, runs: list[int]
) -> None:
    path = write(tmp_path / "a.txt", "Talks\n\nFirst.\n\nSecond paragraph.\n")
    _, article, _ = open_and_annotate(library, path)
    assert catalog.position(library.store, article.sha256) == 0
    catalog.set_position(library.store, article.sha256, 15)
    library.close()
    reopened = Library(library.store.path)
    try:
        assert catalog.position(reopened.store, article.sha256) == 15
    finally:
        reopened.close()


def test_updating_an_article_does_not_reindex_its_text(
    library: Library, tmp_path: Path, runs: list[int]
) -> None:
    path = write(tmp_path / "a.txt", "Talks\n\nThe Velmora Accord met.\n")
    _, article, _ = open_and_annotate(library, path)
    catalog.set_position(library.store, article.sha256, 7)
    library.add_article(article)  # marks it opened again
    assert [h.title for h in search.search(library.store, "Velmora")] == ["Talks"]
    integrity = library.store.db.execute(
        "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"
    )
    assert integrity is not None  # raises if the index disagrees with the table


def test_names_list_both_known_entities_and_names_found(
    library: Library, tmp_path: Path, runs: list[int]
) -> None:
    a = write(tmp_path / "a.txt", "One\n\nIlse Brandauer met the Velmora Accord in Tarsk.\n")
    b = write(tmp_path / "b.txt", "Two\n\nThe Velmora Accord left Tarsk.\n")
    article_id, _, mentions = open_and_annotate(library, a)
    open_and_annotate(library, b)
    view = library.entity_view(pick(mentions, "Velmora Accord"), mentions, article_id)
    entity_id = library.add_note(view.ref(), "A pact.").value[0]
    library.refresh_articles(library.store.all_article_ids())
    rows = {(r.name, r.kind): r for r in catalog.name_rows(library.store)}
    accord = rows[("Velmora Accord", Kind.GROUP)]
    assert (accord.entity_id, accord.articles, accord.notes) == (entity_id, 2, 1)
    tarsk = rows[("Tarsk", Kind.PLACE)]
    assert (tarsk.entity_id, tarsk.articles, tarsk.notes) == (None, 2, 0)
    assert catalog.articles_with_entity(library.store, None, tarsk.norm, Kind.PLACE) == set(
        library.store.all_article_ids()
    )
    found = catalog.first_mention(library.store, None, tarsk.norm, Kind.PLACE)
    assert found is not None
    text = library.store.load_article(found[0])
    assert text is not None
    assert text.text[found[1] :].startswith("Tarsk")


# --- search ---------------------------------------------------------------------------------------


def test_search_ranks_title_and_frequent_matches_first_and_marks_snippets(
    library: Library, tmp_path: Path, runs: list[int]
) -> None:
    (tmp_path / "x").mkdir()
    write(tmp_path / "x" / "1.txt", "Harbour news\n\nBoats came in. The pier was busy.\n")
    write(tmp_path / "x" / "2.txt", "Elections in Tarsk\n\nVoters elected a council in Tarsk.\n")
    write(tmp_path / "x" / "3.txt", "Weather\n\nRain all week. An election is due next year.\n")
    importer.import_paths(library, [tmp_path / "x"])
    hits = search.search(library.store, "election")
    assert [h.title for h in hits] == ["Elections in Tarsk", "Weather"]  # stemmed, title first
    weather = hits[1]
    marked = [weather.snippet.text[s:e] for s, e in weather.snippet.marks]
    assert marked == ["election"]
    assert "\n" not in weather.snippet.text
    article = library.store.load_article(weather.id)
    assert article is not None
    at = search.locate(article.text, weather)
    assert at is not None
    assert article.text[at:].startswith("election is due")
    assert search.search(library.store, "elec") != [], "the last word matches as a prefix"


def test_search_never_passes_syntax_through(library: Library, runs: list[int]) -> None:
    for query in ['"', "AND", "a OR", "NEAR(", "*", "title:x", "-", "^", "()"]:
        search.search(library.store, query)  # FTS5 syntax errors would raise here
    assert search.fts_query(library.store, "  ;; ") is None


def test_searching_a_name_finds_its_aliases_in_articles_and_notes(
    library: Library, tmp_path: Path, runs: list[int]
) -> None:
    a = write(tmp_path / "a.txt", "Council\n\nThe Velmora Accord met in Tarsk.\n")
    b = write(tmp_path / "b.txt", "Pact news\n\nThe Brandauer Pact was signed again.\n")
    c = write(tmp_path / "c.txt", "Elsewhere\n\nNothing about it.\n")
    article_id, _, mentions = open_and_annotate(library, a)
    for path in (b, c):
        open_and_annotate(library, path)
    view = library.entity_view(pick(mentions, "Velmora Accord"), mentions, article_id)
    entity_id, note_id = library.add_note(view.ref(), "Peacekeepers since 2019.").value
    library.add_alias(EntityRef(entity_id, "Velmora Accord", Kind.GROUP), "Brandauer Pact")
    assert search.search(library.store, "Brandauer Pact")  # found as typed, too

    hits = search.search(library.store, "velmora accord")
    assert next((h.kind, h.title) for h in hits) == ("note", "Velmora Accord")
    assert {(h.kind, h.title) for h in hits} == {
        ("note", "Velmora Accord"),
        ("article", "Council"),
        ("article", "Pact news"),
    }
    hits = search.search(library.store, "Peacekeepers")
    assert [(h.kind, h.id, h.entity_id) for h in hits] == [("note", note_id, entity_id)]


def test_a_matching_note_comes_before_many_matching_articles(
    library: Library, tmp_path: Path, runs: list[int]
) -> None:
    # In a real library a word is in hundreds of articles: the user's note is not lost.
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(60):
        write(folder / f"{i:02}.txt", f"Envoy {i}\n\nThe ambassador met officials, day {i}.\n")
    importer.import_paths(library, [folder])
    a = write(tmp_path / "a.txt", "Council\n\nThe Velmora Accord met in Tarsk.\n")
    article_id, _, mentions = open_and_annotate(library, a)
    view = library.entity_view(pick(mentions, "Velmora Accord"), mentions, article_id)
    _, note_id = library.add_note(view.ref(), "Their ambassador left early.").value
    hits = search.search(library.store, "ambassador")
    assert (hits[0].kind, hits[0].id) == ("note", note_id)
    assert len([h for h in hits if h.kind == "article"]) == 50


def test_the_library_lists_dates_as_days_it_can_sort(
    library: Library, tmp_path: Path, runs: list[int]
) -> None:
    dated = {
        "us.txt": "Thursday, 10/16/2025",
        "uk.txt": "2 March 2024",
        "stamp.txt": "2025-01-05",
        "either.txt": "Monday, 03/02/2026",
    }
    for name, date in dated.items():
        write(tmp_path / name, f"Report {name}\n\n{date}\n\nThe Velmora Accord met in Tarsk.\n")
    importer.import_paths(library, [tmp_path])
    rows = {Path(r.path).name: r for r in catalog.library_rows(library.store)}
    assert rows["us.txt"].date == "2025-10-16"
    assert rows["uk.txt"].date == "2024-03-02"
    assert rows["stamp.txt"].date == "2025-01-05"
    # Day and month could be swapped: shown as written, sorted as a day all the same.
    assert rows["either.txt"].date == "Monday, 03/02/2026"
    assert rows["either.txt"].day.startswith("2026-")
    by_day = sorted(rows, key=lambda n: rows[n].day)
    assert by_day == ["uk.txt", "stamp.txt", "us.txt", "either.txt"]
    assert catalog.read_day("yesterday") == ("", False)
    assert catalog.read_day("2025-10-16T08:00:00Z") == ("2025-10-16", True)  # a page's stamp
    assert catalog.read_day("2025-13-40") == ("", False)
