"""File dialogs start where the user keeps articles, never inside the installed program."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.resources import resources_dir
from reader.ui import folders


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    folders._last = None
    yield
    folders._last = None


def test_the_sample_articles_folder_is_never_where_a_dialog_starts(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    sample = next(p for p in resources_dir().rglob("*") if p.is_file())
    assert folders.start(str(sample)) == str(Path.home())


def test_the_current_article_then_the_last_choice_decide(tmp_path: Path) -> None:
    clippings, other = tmp_path / "clippings", tmp_path / "other"
    clippings.mkdir()
    other.mkdir()
    assert folders.start(str(clippings / "a.txt")) == str(clippings)
    folders.remember(other / "b.html")
    assert folders.start(str(clippings / "a.txt")) == str(other)
    folders.remember(other)  # a folder imported: Open starts among its articles
    assert folders.start() == str(other)
