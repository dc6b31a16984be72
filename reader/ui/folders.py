"""Where the file dialogs start: the folder the user last took articles from.

The current article's folder is a fair guess, except when it is the bundled
sample's (inside the installed program: nobody keeps articles there).
"""

from __future__ import annotations

from pathlib import Path

from reader.resources import resources_dir

_last: Path | None = None


def remember(path: str | Path) -> None:
    """The user chose `path`: the next dialog starts in its folder (a folder: in it)."""
    global _last
    chosen = Path(path)
    _last = chosen if chosen.is_dir() else chosen.parent


def start(current_article: str | None = None) -> str:
    """The folder a dialog opens in: the last one chosen, else the article's, else home."""
    if _last is not None and _last.is_dir():
        return str(_last)
    if current_article:
        folder = Path(current_article).parent
        if folder.is_dir() and not folder.resolve().is_relative_to(resources_dir().resolve()):
            return str(folder)
    return str(Path.home())
