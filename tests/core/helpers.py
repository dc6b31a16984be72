"""A stand-in model and the window's way of annotating, for library-level tests."""

from __future__ import annotations

import re
from pathlib import Path

from reader.core.article import Article
from reader.core.library import Library
from reader.core.nlp import ModelSpan, Pipeline
from reader.core.overlay import Mention


def stub_tagger(names: dict[str, str]) -> tuple[list[str], object]:
    """A fake `Pipeline.run` tagging fixed names (longest first); the list records each run."""
    calls: list[str] = []

    def run(self: Pipeline, text: str, cancelled: object = None) -> list[ModelSpan]:
        calls.append(text)
        taken: list[tuple[int, int]] = []
        spans = []
        for name in sorted(names, key=len, reverse=True):
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                spans.append(ModelSpan(m.start(), m.end(), names[name]))
        return sorted(spans, key=lambda s: s.start)

    return calls, run


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def annotate(lib: Library, article_id: int, article: Article) -> list[Mention]:
    """Mentions as the window gets them: stored, recomputed from the cache, or from the model."""
    found = lib.ensure_mentions(article_id, article).value
    if found is None:
        found = lib.record_model_run(article_id, article, lib.run_model(article)).value
    return found


def open_and_annotate(lib: Library, path: Path) -> tuple[int, Article, list[Mention]]:
    """What the window does: record the file, then its mentions."""
    article_id, article = lib.open_article(path).value
    return article_id, article, annotate(lib, article_id, article)


def pick(mentions: list[Mention], text: str, nth: int = 0) -> Mention:
    return [m for m in mentions if m.text == text][nth]
