"""Settings (stored in the library), installed pipelines, and review mode's bookkeeping."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from reader.core import settings
from reader.core.kinds import Kind
from reader.core.library import Library
from reader.core.nlp import DEFAULT_PIPELINE, default_pipeline
from reader.core.overlay import Mention
from reader.core.pipelines import PipelineSlot, installed_pipelines
from reader.core.review import ReviewLog, key_of, next_left, next_word_end


def test_settings_are_stored_together_and_read_back_after_a_restart(db_path: Path) -> None:
    library = Library(db_path)
    try:
        changes = library.set_settings(
            {settings.THEME: "dark", settings.FONT_SIZE: "15", settings.ZOOM: "2"}
        )
        assert changes.settings == {settings.THEME, settings.FONT_SIZE, settings.ZOOM}
    finally:
        library.close()
    again = Library(db_path)
    try:
        assert settings.theme(again.get_setting(settings.THEME)) == "dark"
        assert settings.font_size(again.get_setting(settings.FONT_SIZE)) == 15.0
        assert settings.zoom(again.get_setting(settings.ZOOM)) == 2
        again.set_settings({settings.THEME: None, settings.ZOOM: ""})  # back to the defaults
        assert again.get_setting(settings.THEME) is None
        assert again.get_setting(settings.ZOOM) is None
    finally:
        again.close()
    with sqlite3.connect(db_path) as conn:  # plain rows another tool can read
        rows = dict(conn.execute("SELECT key, value FROM settings WHERE key = 'font_size'"))
    assert rows == {"font_size": "15"}


def test_the_pipeline_setting_is_the_one_reader_config_uses(db_path: Path) -> None:
    library = Library(db_path)
    try:
        library.set_settings({settings.PIPELINE: "en_core_web_md"})
        assert library.pipeline_name == "en_core_web_md"
        library.set_settings({settings.PIPELINE: None})
        assert library.pipeline_name == default_pipeline()
    finally:
        library.close()


@pytest.mark.parametrize(
    ("raw", "theme", "size", "zoom"),
    [
        (None, "system", settings.DEFAULT_FONT_SIZE, 0),
        ("", "system", settings.DEFAULT_FONT_SIZE, 0),
        ("DARK", "dark", settings.DEFAULT_FONT_SIZE, 0),
        ("purple", "system", settings.DEFAULT_FONT_SIZE, 0),
        ("nan", "system", settings.DEFAULT_FONT_SIZE, 0),
        ("1000", "system", settings.MAX_FONT_SIZE, settings.MAX_ZOOM),
        ("-1000", "system", settings.MIN_FONT_SIZE, settings.MIN_ZOOM),
        ("3", "system", settings.MIN_FONT_SIZE, 3),
    ],
)
def test_a_stored_value_written_by_hand_never_breaks_reading(
    raw: str | None, theme: str, size: float, zoom: int
) -> None:
    assert settings.theme(raw) == theme
    assert settings.font_size(raw) == size
    assert settings.zoom(raw) == zoom


def test_zoom_steps_grow_geometrically() -> None:
    assert settings.zoom_factor(0) == 1.0
    assert settings.zoom_factor(2) == pytest.approx(1.21)
    assert settings.zoom_factor(-1) == pytest.approx(1 / 1.1, rel=0.01)
    assert settings.zoom_factor(99) == settings.zoom_factor(settings.MAX_ZOOM)


def test_installed_pipelines_are_found_without_importing_spacy(tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = tmp_path / "site"
    pipeline = folder / "xx_test_pipeline_sm"
    pipeline.mkdir(parents=True)
    (pipeline / "meta.json").write_text(json.dumps({"lang": "xx", "pipeline": ["ner"]}), "utf-8")
    (folder / "not_a_pipeline").mkdir()
    (folder / "not_a_pipeline" / "meta.json").write_text("{broken", "utf-8")
    found = installed_pipelines([str(folder)])
    assert "xx_test_pipeline_sm" in found
    assert "not_a_pipeline" not in found
    assert DEFAULT_PIPELINE in installed_pipelines()  # the bundled model's entry point

    code = (
        "import sys; from reader.core.pipelines import installed_pipelines; "
        "installed_pipelines(); print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_model_thread_switches_pipeline_when_another_is_chosen() -> None:
    slot = PipelineSlot(DEFAULT_PIPELINE)
    first = slot.get(DEFAULT_PIPELINE)
    assert slot.get(DEFAULT_PIPELINE) is first  # loaded once
    other = slot.get("xx_other_pipeline")
    assert other.name == "xx_other_pipeline"
    assert other is not first


# --- review mode ------------------------------------------------------------------------------

TEXT = "Ships left Port Amira Harbour at dawn, and Port Amira, Harbour town.\nValdoria next"


def mention(text: str, start: int, kind: Kind = Kind.PLACE) -> Mention:
    return Mention(start, start + len(text), text, kind, text)


def test_extend_to_the_next_word_stays_on_the_line_and_stops_at_punctuation() -> None:
    port = TEXT.index("Port Amira")
    assert next_word_end(TEXT, port + len("Port Amira")) == TEXT.index(" at dawn")
    second = TEXT.index("Port Amira,")
    assert next_word_end(TEXT, second + len("Port Amira")) is None  # a comma follows
    town = TEXT.index("town.") + len("town")
    assert next_word_end(TEXT, town) is None  # the full stop ends the sentence
    assert next_word_end(TEXT, TEXT.index(" next")) == len(TEXT)
    assert next_word_end(TEXT, len(TEXT)) is None
    assert next_word_end(TEXT, TEXT.index("\nValdoria")) is None  # never across a line


def test_accepted_highlights_are_not_left_and_a_changed_kind_is_up_again() -> None:
    a, b, c = mention("Port Amira", 11), mention("Port Amira", 43), mention("Valdoria", 69)
    log = ReviewLog()
    log.accept("sha", key_of(a))
    assert log.left("sha", [a, b, c]) == [b, c]
    assert log.left("other article", [a, b, c]) == [a, b, c]
    relabelled = Mention(a.start, a.end, a.text, Kind.GROUP, a.key)
    assert log.left("sha", [relabelled, b, c]) == [relabelled, b, c]
    log.forget("sha", key_of(a))
    assert log.left("sha", [a, b, c]) == [a, b, c]


def test_next_left_wraps_around_both_ways() -> None:
    a, b, c = mention("A1", 0), mention("B1", 10), mention("C1", 20)
    left = [a, b, c]
    assert next_left(left, 10) is c
    assert next_left(left, 10, inclusive=True) is b
    assert next_left(left, 20) is a  # wraps
    assert next_left(left, 10, forward=False) is a
    assert next_left(left, 0, forward=False) is c  # wraps
    assert next_left([], 0) is None


def test_accepted_highlights_are_kept_in_the_library_per_text(db_path: Path) -> None:
    lib = Library(db_path)
    log = ReviewLog(persist=lib.set_reviewed)
    key = (4, 12, Kind.PLACE)
    log.accept("text-a", key)
    log.accept("text-a", (20, 25, Kind.PERSON))
    log.forget("text-a", (20, 25, Kind.PERSON))
    log.accept("text-b", key)
    lib.close()

    again = Library(db_path)  # a restart
    assert again.reviewed("text-a") == {key}
    fresh = ReviewLog()
    assert not fresh.has("text-a")
    fresh.load("text-a", again.reviewed("text-a"))
    assert fresh.has("text-a")
    assert fresh.accepted("text-a") == {key}
    assert again.reviewed("unknown") == set()
    again.close()
