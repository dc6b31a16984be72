from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.core.nlp import ModelSpan, Pipeline
from reader.ui.app import make_app
from reader.ui.main_window import MainWindow

# A stand-in for the statistical model: finds fixed names, so UI tests are fast
# and exact. Tests marked `model` use the real pipeline instead.
FAKE_NAMES = {
    "Northern Alliance Party": "ORG",
    "NAP": "ORG",
    "Lena Okafor": "PERSON",
    "Okafor": "PERSON",
    "Port Amira": "GPE",
    "Valdoria": "GPE",
}


def fake_run(self: Pipeline, text: str, cancelled: object = None) -> list[ModelSpan]:
    spans = []
    taken: list[tuple[int, int]] = []
    for name in sorted(FAKE_NAMES, key=len, reverse=True):
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            spans.append(ModelSpan(m.start(), m.end(), FAKE_NAMES[name]))
    return sorted(spans, key=lambda s: s.start)


def fake_run_many(
    self: Pipeline, texts: list[str], cancelled: object = None, batch_size: int = 64
) -> list[list[ModelSpan]]:
    return [fake_run(self, text) for text in texts]


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Pipeline, "run", fake_run)
    monkeypatch.setattr(Pipeline, "run_many", fake_run_many)
    monkeypatch.setattr(Pipeline, "load", lambda self: None)


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "profile" / "reader.db"
    monkeypatch.setenv("READER_DB", str(path))
    return path


@dataclass
class Dialogs:
    """What the window would have shown: (kind, title, text); `answer` for questions."""

    shown: list[tuple[str, str, str]] = field(default_factory=list)
    answer: bool = True


@pytest.fixture(autouse=True)
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    """No modal dialog ever blocks a test: each is recorded (and questions answered)."""
    from reader.ui import dialogs as dialogs_mod

    record = Dialogs()

    def shower(kind: str) -> Callable[[object, str, str], None]:
        return lambda _parent, title, text: record.shown.append((kind, title, text))

    def confirm(_parent: object, title: str, text: str, _action: str) -> bool:
        record.shown.append(("confirm", title, text))
        return record.answer

    monkeypatch.setattr(dialogs_mod, "warn", shower("warn"))
    monkeypatch.setattr(dialogs_mod, "critical", shower("critical"))
    monkeypatch.setattr(dialogs_mod, "confirm", confirm)
    return record


@pytest.fixture
def make_window(qtbot: QtBot, db_path: Path) -> Iterator[Callable[[], MainWindow]]:
    make_app()
    windows: list[MainWindow] = []

    def factory() -> MainWindow:
        window = MainWindow(db_path)
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        windows.append(window)
        return window

    yield factory
    for window in windows:
        window.close()


ARTICLE = (
    "Northern Alliance Party wins vote in Valdoria\n\n"
    "Monday, 03/02/2026\n\n"
    "The Northern Alliance Party (NAP) won the regional vote in Valdoria on Sunday, "
    "its leader Lena Okafor said in Port Amira.\n\n"
    "Okafor said the NAP would form a government within a week. "
    "Crowds gathered in Port Amira to celebrate.\n"
)


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "valdoria.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path
