"""The recovery file: never empty or truncated, earlier rescues kept, saved notes dropped."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from reader.core.rescue import RecoveryFile, as_markdown, unsaved


def test_holds_every_unsaved_note_and_drops_one_once_saved(tmp_path: Path) -> None:
    file = RecoveryFile(tmp_path)
    first = unsaved("Velmora Accord", "Signed in 2019.")
    second = unsaved("Tarsk", "A river town.")
    file.write([first])
    file.write([first, second])
    text = file.path.read_text("utf-8")
    assert "Signed in 2019." in text
    assert "A river town." in text
    assert stat.S_IMODE(file.path.stat().st_mode) == 0o600

    file.write([second])  # the first reached the library
    assert "Signed in 2019." not in file.path.read_text("utf-8")
    file.write([])
    assert not file.path.exists()  # nothing left to rescue, nothing from before


def test_notes_rescued_in_an_earlier_session_are_never_dropped(tmp_path: Path) -> None:
    earlier = "# Notes Reader could not save\n\n## Old one (2026-01-01)\n\nKeep me.\n"
    (tmp_path / "unsaved-notes.md").write_text(earlier, "utf-8")
    file = RecoveryFile(tmp_path)
    file.write([unsaved("Tarsk", "New words.")])
    file.write([])
    assert file.path.read_text("utf-8") == earlier


def test_a_full_disk_leaves_the_previous_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = RecoveryFile(tmp_path)
    first = unsaved("Velmora Accord", "x" * 1110)
    file.write([first])
    before = file.path.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        file.write([first, unsaved("Tarsk", "second note")])
    assert file.path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["unsaved-notes.md"]  # no temp file left


def test_markdown_for_the_clipboard_holds_all_notes_in_order() -> None:
    notes = [unsaved("A", "one"), unsaved("B", "two")]
    text = as_markdown(notes)
    assert text.index("one") < text.index("two")
    assert "## A (" in text
    assert "## B (" in text
