"""The registry of article formats: one module per format, each declaring its suffixes.

The Open dialog's filter, drag-and-drop acceptance, the CLI's help and the
README's list all come from `FORMATS`, so adding a format is one new module
with a `FORMAT` and one line here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.core.article import Article, ArticleError


@dataclass(frozen=True)
class Format:
    """One kind of file Reader opens.

    `load(path, data)` turns the file's bytes into an Article; it may import
    its libraries lazily (a missing one becomes a clear ArticleError).
    """

    name: str  # stored with the article: "txt", "md", "html"
    label: str  # plural, for the Open dialog and messages: "Saved web pages"
    suffixes: tuple[str, ...]  # lower case, with the dot
    load: Callable[[Path, bytes], Article]


def _formats() -> tuple[Format, ...]:
    from reader.core.formats import html, markdown, text

    return (text.FORMAT, markdown.FORMAT, html.FORMAT)


FORMATS: tuple[Format, ...] = _formats()
# Files people try to open that no format reads yet: named, so the message is specific.
_KNOWN_UNSUPPORTED = (".pdf", ".epub", ".docx", ".doc", ".odt", ".rtf", ".mobi")


def suffixes() -> list[str]:
    """Every suffix Reader opens (a file without one is read as plain text)."""
    return [s for f in FORMATS for s in f.suffixes if s]


def for_path(path: Path) -> Format:
    """The format that reads `path`, by its suffix; ArticleError when none does."""
    suffix = path.suffix.lower()
    for fmt in FORMATS:
        if suffix in fmt.suffixes:
            return fmt
    if suffix in _KNOWN_UNSUPPORTED:
        raise ArticleError(path, f"{suffix[1:].upper()} files are not supported yet")
    raise ArticleError(
        path, f"unsupported file type '{suffix}' (Reader opens {', '.join(suffixes())})"
    )


def is_supported(path: Path) -> bool:
    """Whether some format reads `path` (drag and drop accepts only these)."""
    suffix = path.suffix.lower()
    return any(suffix in f.suffixes for f in FORMATS)


def open_filter() -> str:
    """The Open dialog's filter: all articles, then one entry per format."""
    patterns = " ".join(f"*{s}" for s in suffixes())
    entries = [f"Articles ({patterns})"]
    entries += [f"{f.label} ({' '.join(f'*{s}' for s in f.suffixes if s)})" for f in FORMATS]
    return ";;".join([*entries, "All files (*)"])


def describe() -> str:
    """One line naming every format and its suffixes (CLI help, error messages)."""
    return "; ".join(
        f"{f.label.lower()} ({', '.join(s for s in f.suffixes if s)})" for f in FORMATS
    )
