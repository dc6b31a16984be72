"""The SQLite store: migrations, durability, integrity, cache, notes and search."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
from sqlite_utils import Migrations

from reader.core import store as store_mod
from reader.core.article import Article, Block
from reader.core.kinds import Kind
from reader.core.nlp import ModelSpan
from reader.core.overlay import Mention
from reader.core.store import Identity, Store, StoreError

APP_MIGRATIONS = [
    "0001_initial",
    "0002_mention_names",
    "0003_mention_cache",
    "0004_dismissals",
    "0005_dossier",
    "0006_library",
    "0007_scale",
    "0008_reviewed",
    "0009_stale_at",
    "0010_prepared",
]


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    s = Store(db_path)
    yield s
    s.close()


def make_article(text: str, title: str = "A title", path: str = "/saved/a.txt") -> Article:
    return Article(path, title, text, "txt", (Block(0, len(title), "title", 1),), {"date": "x"})


def mention(
    start: int, text: str, kind: Kind = Kind.GROUP, entity_id: int | None = None
) -> Mention:
    return Mention(start, start + len(text), text, kind, text, entity_id)


def put_mentions(store: Store, article_id: int, mentions: list[Mention]) -> None:
    """Store mentions as computed with knowledge version 1 by model "m"."""
    store.replace_mentions(article_id, mentions, 1, "m")


def backups(db_path: Path) -> list[Path]:
    return sorted(db_path.parent.glob(db_path.name + ".backup-*"))


# --- schema and migrations --------------------------------------------------------------------


def test_fresh_file_gets_the_schema(store: Store, db_path: Path) -> None:
    assert db_path.is_file()
    assert store.schema_version == APP_MIGRATIONS
    tables = set(store.db.table_names())
    assert {"articles", "entities", "aliases", "notes", "mentions", "model_cache"} <= tables
    assert backups(db_path) == []  # nothing to back up in a new file


def test_reopening_applies_nothing_new(db_path: Path) -> None:
    Store(db_path).close()
    conn = sqlite3.connect(db_path)
    try:
        applied_before = conn.execute("SELECT name, applied_at FROM _sqlite_migrations").fetchall()
    finally:
        conn.close()

    again = Store(db_path)
    try:
        assert again.schema_version == APP_MIGRATIONS
        applied_after = again.db.execute(
            "SELECT name, applied_at FROM _sqlite_migrations"
        ).fetchall()
    finally:
        again.close()
    assert applied_after == applied_before
    assert backups(db_path) == []


def test_wal_and_foreign_keys(store: Store) -> None:
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_deleting_an_entity_cascades_to_notes_and_aliases(store: Store) -> None:
    keep = store.create_entity("Sahel Watch", Kind.GROUP, ["SW"])
    gone = store.create_entity("Velmora Accord", Kind.GROUP, ["VA", "the Accord"])
    store.add_note(gone, "Signed in 2019.")
    store.add_note(keep, "Monitors the border.")
    article_id = store.save_article(make_article("Velmora Accord met Sahel Watch."))
    put_mentions(
        store,
        article_id,
        [mention(0, "Velmora Accord", entity_id=gone), mention(19, "Sahel Watch")],
    )

    with store.db.atomic():
        store.db.execute("DELETE FROM entities WHERE id = ?", [gone])

    assert store.entity(gone) is None
    assert store.notes(gone) == []
    assert store.db.execute(
        "SELECT count(*) FROM aliases WHERE entity_id = ?", [gone]
    ).fetchone() == (0,)
    # The mention stays (it is still a highlight), just no longer linked.
    linked = store.db.execute(
        "SELECT entity_id FROM mentions WHERE article_id = ? AND start = 0", [article_id]
    ).fetchone()
    assert linked == (None,)
    # Other entities are untouched.
    assert [n.body for n in store.notes(keep)] == ["Monitors the border."]
    assert store.find_entity(["SW"], Kind.GROUP) == keep


def _with_extra_migration() -> Migrations:
    """The app's migrations plus one more, as a future release would ship them."""
    future = Migrations("reader")
    for migration in store_mod.migrations._migrations:
        future(name=migration.name)(migration.fn)

    @future(name="9999_notes_pinned")
    def _pinned(db: sqlite_utils.Database) -> None:
        db.execute("ALTER TABLE notes ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0")

    return future


def test_backup_is_written_before_a_pending_migration(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = Store(db_path)
    entity = old.create_entity("Velmora Accord", Kind.GROUP)
    old.add_note(entity, "My note from last month.")
    old.close()

    monkeypatch.setattr(store_mod, "migrations", _with_extra_migration())
    upgraded = Store(db_path)
    try:
        assert upgraded.schema_version == [*APP_MIGRATIONS, "9999_notes_pinned"]
        assert "pinned" in upgraded.db.table("notes").columns_dict
    finally:
        upgraded.close()

    [backup] = backups(db_path)
    with sqlite3.connect(backup) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")]
        columns = [r[1] for r in conn.execute("PRAGMA table_info(notes)")]
        bodies = [r[0] for r in conn.execute("SELECT body FROM notes")]
    conn.close()
    assert names == APP_MIGRATIONS
    assert "pinned" not in columns
    assert bodies == ["My note from last month."]


def test_upgrading_keeps_current_mentions_current_and_stale_ones_stale(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = Migrations("reader")  # the migrations of the release before 0009
    for migration in store_mod.migrations._migrations:
        if migration.name < "0009":
            before(name=migration.name)(migration.fn)
    monkeypatch.setattr(store_mod, "migrations", before)
    old = Store(db_path)
    current = old.save_article(make_article("Velmora Accord met."))
    stale = old.save_article(make_article("Tarsk Watch met."))
    version = old.knowledge_version()
    old.db.execute(
        "UPDATE articles SET mentions_model = 'm', mentions_knowledge = ? WHERE id = ?",
        [version, current],
    )
    old.db.execute(
        "UPDATE articles SET mentions_model = 'm', mentions_knowledge = ? WHERE id = ?",
        [version - 1, stale],
    )
    old.close()

    monkeypatch.undo()
    upgraded = Store(db_path)
    try:
        assert upgraded.stale_among([current, stale], "m") == [stale]
        # A change that touches one article leaves the other current.
        upgraded.bump_knowledge_version({stale})
        assert upgraded.stale_among([current, stale], "m") == [stale]
        upgraded.bump_knowledge_version(None)  # a change to everything
        assert upgraded.stale_among([current, stale], "m") == [current, stale]
    finally:
        upgraded.close()


def test_garbage_file_raises_store_error_and_is_left_alone(db_path: Path) -> None:
    garbage = b"My shopping list: eggs, flour, not a database.\n" * 200
    db_path.write_bytes(garbage)
    with pytest.raises(StoreError) as info:
        Store(db_path)
    assert str(db_path) in str(info.value)
    assert db_path.read_bytes() == garbage


# --- notes --------------------------------------------------------------------------------------


def test_notes_survive_closing_and_reopening(db_path: Path) -> None:
    first = Store(db_path)
    entity = first.create_entity("Marisol Vance", Kind.PERSON)
    kept = first.add_note(entity, "Harbour negotiator.")
    edited = first.add_note(entity, "Draft")
    dropped = first.add_note(entity, "Wrong person, ignore.")
    first.update_note(edited, "Met her in **Valparaiso**.")
    first.delete_note(dropped)
    first.close()

    second = Store(db_path)
    try:
        notes = second.notes(entity)
    finally:
        second.close()
    assert [(n.id, n.body) for n in notes] == [
        (kept, "Harbour negotiator."),
        (edited, "Met her in **Valparaiso**."),
    ]
    assert all(n.entity_id == entity for n in notes)


def test_full_text_search_over_notes(store: Store) -> None:
    entity = store.create_entity("Kata'ib Nasr", Kind.GROUP)
    note = store.add_note(entity, "A militia active near the northern crossings.")
    other = store.create_entity("Dorvale", Kind.PLACE)
    store.add_note(other, "River town, flooded in spring.")

    def bodies(query: str) -> list[str]:
        return [row["body"] for row in store.search_notes(query)]

    assert bodies("crossings") == ["A militia active near the northern crossings."]
    assert bodies("militias") == ["A militia active near the northern crossings."]  # stemming
    assert bodies("submarine") == []

    store.update_note(note, "Disbanded after the ceasefire.")
    assert bodies("crossings") == []
    assert bodies("ceasefire") == ["Disbanded after the ceasefire."]

    store.delete_note(note)
    assert bodies("ceasefire") == []


# --- settings -----------------------------------------------------------------------------------


def test_settings_get_set_reset(db_path: Path) -> None:
    s = Store(db_path)
    assert s.get_setting("pipeline") is None
    assert s.get_setting("pipeline", "fallback") == "fallback"
    s.set_setting("pipeline", "first")
    s.set_setting("pipeline", "second")
    s.close()

    s = Store(db_path)
    try:
        assert s.get_setting("pipeline") == "second"
        s.set_setting("pipeline", None)
        assert s.get_setting("pipeline") is None
        assert s.get_setting("pipeline", "fallback") == "fallback"
    finally:
        s.close()


# --- model cache --------------------------------------------------------------------------------


def test_model_cache_round_trip_by_text_pipeline_and_version(db_path: Path) -> None:
    spans = [ModelSpan(0, 4, "GPE"), ModelSpan(10, 24, "ORG"), ModelSpan(30, 37, "PERSON")]
    s = Store(db_path)
    s.cache_spans("a" * 64, "en_pipe", "1.0+spacy3.8+run1", spans)
    s.close()

    s = Store(db_path)
    try:
        assert s.cached_spans("a" * 64, "en_pipe", "1.0+spacy3.8+run1") == spans
        assert s.cached_spans("a" * 64, "en_pipe", "1.1+spacy3.8+run1") is None
        assert s.cached_spans("a" * 64, "other_pipe", "1.0+spacy3.8+run1") is None
        assert s.cached_spans("b" * 64, "en_pipe", "1.0+spacy3.8+run1") is None
        # No spans found is a result too, not a miss.
        s.cache_spans("c" * 64, "en_pipe", "1.0+spacy3.8+run1", [])
        assert s.cached_spans("c" * 64, "en_pipe", "1.0+spacy3.8+run1") == []
    finally:
        s.close()


# --- mentions and articles ----------------------------------------------------------------------


def test_replace_mentions_is_all_or_nothing(store: Store) -> None:
    text = "word " * 700
    article_id = store.save_article(make_article(text))
    before = [mention(0, "word"), mention(5, "word", Kind.PLACE)]
    put_mentions(store, article_id, before)

    # 600 mentions go in several INSERT batches; the last one repeats a start offset,
    # so the final batch fails after the earlier ones were written.
    broken = [mention(5 * i, "word") for i in range(599)] + [mention(0, "word")]
    with pytest.raises(sqlite3.IntegrityError):
        put_mentions(store, article_id, broken)

    rows = store.db.execute(
        "SELECT start, kind FROM mentions WHERE article_id = ? ORDER BY start", [article_id]
    ).fetchall()
    assert rows == [(0, "group"), (5, "place")]


def test_replace_mentions_rewrites_only_the_rows_that_changed(store: Store) -> None:
    article_id = store.save_article(make_article("Velmora Accord met Tarsk and Ilse Varn."))
    accord, tarsk = mention(0, "Velmora Accord"), mention(19, "Tarsk", Kind.PLACE)
    put_mentions(store, article_id, [accord, tarsk, mention(29, "Ilse Varn", Kind.PERSON)])

    def rows() -> list[tuple[object, ...]]:
        return store.db.execute(
            "SELECT rowid, start, text, kind FROM mentions WHERE article_id = ? ORDER BY start",
            [article_id],
        ).fetchall()

    kept = rows()[0]
    put_mentions(store, article_id, [accord, mention(19, "Tarsk", Kind.GROUP)])
    after = rows()
    assert [r[1:] for r in after] == [(0, "Velmora Accord", "group"), (19, "Tarsk", "group")]
    assert after[0] == kept  # the same row, not written again
    assert store.stored_mentions(article_id, "m") == [accord, mention(19, "Tarsk")]


def test_appearances_list_the_other_articles_by_entity_or_by_name(store: Store) -> None:
    accord = store.create_entity("Velmora Accord", Kind.GROUP)
    first = store.save_article(make_article("Velmora Accord. Velmora Accord.", path="/a.txt"))
    second = store.save_article(make_article("The Velmora Accord met.", path="/b.txt"))
    third = store.save_article(make_article("Nothing here.", path="/c.txt"))
    put_mentions(
        store,
        first,
        [mention(0, "Velmora Accord", entity_id=accord), mention(16, "Velmora Accord")],
    )
    put_mentions(store, second, [mention(4, "Velmora Accord", entity_id=accord)])
    put_mentions(store, third, [])

    linked = Identity(accord, (), Kind.GROUP)
    elsewhere = store.appearances(linked, exclude_article=second)
    assert [(a.article_id, a.path, a.mentions, a.start) for a in elsewhere] == [
        (first, "/a.txt", 1, 0)
    ]
    assert {a.article_id for a in store.appearances(linked)} == {first, second}
    by_name = Identity(None, ("velmora accord",), Kind.GROUP)  # before any note exists
    assert [(a.article_id, a.start) for a in store.appearances(by_name)] == [(first, 16)]
    assert store.entity_stats(linked) == (2, 2)


def test_saving_the_same_text_twice_is_one_article(db_path: Path) -> None:
    s = Store(db_path)
    first = s.save_article(make_article("Same text.", path="/old/place.txt"))
    second = s.save_article(make_article("Same text.", path="/new/place.txt"))
    s.close()

    s = Store(db_path)
    try:
        assert first == second
        assert s.count_articles() == 1
        loaded = s.load_article(first)
        assert loaded is not None
        assert loaded.path == "/new/place.txt"
        assert loaded.text == "Same text."
        assert loaded.blocks == (Block(0, 7, "title", 1),)
    finally:
        s.close()


def test_two_connections_writing_at_once_do_not_lose_writes(db_path: Path) -> None:
    """The window saves notes while the model worker stores mentions: neither may fail."""
    import threading

    main = Store(db_path)
    article_id = main.save_article(Article(str(db_path), "T", "Alpha Beta text", "txt"))
    entity = main.create_entity("Alpha", Kind.GROUP)
    note = main.add_note(entity, "v0")
    errors: list[BaseException] = []
    mentions = [Mention(i, i + 1, "A", Kind.GROUP, "A") for i in range(0, 40, 2)]

    def worker() -> None:
        other = Store(db_path)
        try:
            for _ in range(200):
                put_mentions(other, article_id, mentions)
                other.cache_spans("sha", "p", "v", [ModelSpan(0, 5, "ORG")])
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            other.close()

    thread = threading.Thread(target=worker)
    thread.start()
    for i in range(300):
        main.update_note(note, f"v{i + 1}")
    thread.join()
    assert errors == []
    assert [n.body for n in main.notes(entity)] == ["v300"]
    main.close()


def test_failed_commit_rolls_back_and_later_writes_still_commit(db_path: Path) -> None:
    store = Store(db_path)
    entity = store.create_entity("Velmora Accord", Kind.GROUP)
    # A deferred foreign-key violation makes COMMIT itself fail.
    store.db.execute("PRAGMA defer_foreign_keys = ON")
    with pytest.raises(sqlite3.IntegrityError), store.transaction():
        store.db.execute(
            "INSERT INTO notes (entity_id, body, created_at, updated_at) "
            "VALUES (9999, 'orphan', '', '')"
        )
    assert not store.db.conn.in_transaction
    store.add_note(entity, "kept")
    store.close()
    reopened = Store(db_path)
    assert [n.body for n in reopened.notes(entity)] == ["kept"]
    reopened.close()


# --- a library Reader must not change, and one it cannot write ------------------------------------


def _files_beside(db_path: Path) -> list[str]:
    return sorted(p.name for p in db_path.parent.iterdir())


def _refused_untouched(db_path: Path, *words: str) -> None:
    before = db_path.read_bytes()
    beside = _files_beside(db_path)
    with pytest.raises(StoreError) as info:
        Store(db_path)
    message = str(info.value)
    assert message.startswith(str(db_path))
    for word in words:
        assert word in message
    assert db_path.read_bytes() == before
    assert _files_beside(db_path) == beside  # no -wal/-shm, no backup left behind


def test_a_library_from_a_newer_reader_is_refused_and_left_unchanged(db_path: Path) -> None:
    Store(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('reader', '0009_future_tags', 'later')"
        )
    conn.close()
    _refused_untouched(db_path, "newer Reader", "0009_future_tags")


def test_a_library_stamped_with_a_newer_schema_is_refused(db_path: Path) -> None:
    Store(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute(f"PRAGMA user_version = {store_mod.SCHEMA_VERSION + 1}")
    conn.close()
    _refused_untouched(db_path, "newer Reader", f"schema {store_mod.SCHEMA_VERSION + 1}")


def test_a_renamed_column_is_refused_before_anything_reads_it(db_path: Path) -> None:
    Store(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("ALTER TABLE entities RENAME COLUMN kind TO category")
    conn.close()
    _refused_untouched(db_path, "entities", "kind")


def test_another_programs_database_is_refused(db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.close()
    _refused_untouched(db_path, "another program")


def test_a_read_only_library_is_refused_without_files_left_beside_it(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(db_path).close()
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode)
    )
    _refused_untouched(db_path, "read-only")


def test_a_busy_library_says_so_before_any_work(db_path: Path) -> None:
    Store(db_path).close()
    other = sqlite3.connect(db_path)
    other.execute("BEGIN IMMEDIATE")  # another Reader in the middle of a write
    try:
        store = Store(db_path, timeout=0.2)
        with pytest.raises(StoreError) as info:
            store.check_writable()
        assert str(info.value).startswith(f"{db_path}: the library is busy")
        store.close()
    finally:
        other.rollback()
        other.close()


def test_a_full_disk_is_named_and_nothing_is_half_written(db_path: Path) -> None:
    store = Store(db_path)
    entity = store.create_entity("Velmora Accord", Kind.GROUP)
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages + 2}")  # the disk fills up
    with pytest.raises(StoreError) as info:
        store.add_note(entity, "x" * 200_000)
    assert str(info.value) == f"{db_path}: the disk is full; free some space and try again"
    assert store.notes(entity) == []
    store.db.execute("PRAGMA max_page_count = 1073741823")  # space again: writes work
    store.add_note(entity, "kept")
    assert [n.body for n in store.notes(entity)] == ["kept"]
    store.close()


def test_library_files_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "profile"
    db_path = folder / "reader.db"
    store = Store(db_path)
    store.create_entity("Velmora Accord", Kind.GROUP)
    store.close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    db_path.chmod(0o644)  # as an older Reader created it
    Store(db_path).close()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_backups_are_private(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Store(db_path).close()
    monkeypatch.setattr(store_mod, "migrations", _with_extra_migration())
    Store(db_path).close()
    [backup] = backups(db_path)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_companions_of_a_known_entity_include_names_not_yet_known(store: Store) -> None:
    """Writing a note on someone must not hide the names around them."""
    okafor = store.create_entity("Lena Okafor", Kind.PERSON)
    text = "Lena Okafor met Tarsk officials. Lena Okafor left."
    article = store.save_article(make_article(text))
    put_mentions(
        store,
        article,
        [
            Mention(0, 11, "Lena Okafor", Kind.PERSON, "Lena Okafor", okafor),
            Mention(16, 21, "Tarsk", Kind.PLACE, "Tarsk"),
            Mention(33, 44, "Lena Okafor", Kind.PERSON, "Lena Okafor", okafor),
        ],
    )
    companions = store.companions(Identity(okafor, (), Kind.PERSON))
    assert [(c.name, c.kind, c.entity_id) for c in companions] == [("Tarsk", Kind.PLACE, None)]


def test_a_shared_folder_given_by_the_user_keeps_its_permissions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "team"
    shared.mkdir()
    shared.chmod(0o775)
    monkeypatch.setenv("READER_DB", str(shared / "reader.db"))
    Store(shared / "reader.db").close()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o775
    assert stat.S_IMODE((shared / "reader.db").stat().st_mode) == 0o600  # the file stays private
