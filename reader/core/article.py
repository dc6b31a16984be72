"""An Article: the one canonical string every offset indexes, and how a file becomes one.

Every offset in Reader (highlights, mentions, notes, corrections) indexes into
`Article.text`, so a format's loader decides that string once and nothing
downstream re-derives it. Bad input raises `ArticleError` naming the file and
the reason. The formats themselves live in `reader.core.formats`, one module each.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

MAX_BYTES = 64 * 1024 * 1024


class ArticleError(Exception):
    """A file that cannot be opened as an article; str() is the one-line message."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Block:
    """A styled stretch of the text (title, dateline, heading...): offsets, never markup."""

    start: int
    end: int
    role: str  # "title" | "dateline" | "heading" | "item" | "quote" | "code" | "row"
    level: int = 0


@dataclass(frozen=True)
class Article:
    """A loaded article. `text` is what the view shows and the model reads."""

    path: str
    title: str
    text: str
    format: str  # a format's name: "txt" | "md" | "html" | ...
    blocks: tuple[Block, ...] = ()
    meta: Mapping[str, str] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        """Identity of the text: the cache key and the article's identity in the store."""
        return text_sha256(self.text)


def text_sha256(text: str) -> str:
    """Hash of the UTF-8 encoded text (equals the file's hash for a plain UTF-8 .txt)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _missing_package(exc: ImportError) -> str:
    """The distribution to install for a failed import, as pip knows it."""
    m = re.search(r"separate project (\w+)", str(exc))  # lxml.html.clean -> lxml_html_clean
    if m:
        return m.group(1)
    return (exc.name or "").split(".")[0] or "a required"


def load(path: str | Path) -> Article:
    """Read `path` and return its Article, or raise ArticleError with a clear reason."""
    from reader.core import formats

    p = Path(path).expanduser()
    fmt = formats.for_path(p)
    data = read_bytes(p)
    if not data.strip():
        raise ArticleError(p, "the file is empty")
    try:
        loaded = fmt.load(p, data)
    except ImportError as exc:
        # A broken install must name what is missing, not look like a bug in the file.
        raise ArticleError(
            p, f"{fmt.label.lower()} need the '{_missing_package(exc)}' package: {exc}"
        ) from None
    # Stored absolute, so Open Recent works whatever folder Reader was started in.
    return dataclasses.replace(loaded, path=str(p.resolve()))


def read_bytes(p: Path) -> bytes:
    """The file's bytes, refusing folders, devices, pipes and oversized files."""
    try:
        if p.is_dir():
            raise ArticleError(p, "is a folder, not a file")
        if p.exists() and not p.is_file():
            raise ArticleError(p, "is not a regular file (a device or a pipe)")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ArticleError(p, f"the file is too large ({size // (1024 * 1024)} MB)")
        with p.open("rb") as f:
            data = f.read(MAX_BYTES + 1)  # the size can change between stat and read
        if len(data) > MAX_BYTES:
            raise ArticleError(p, "the file is too large")
        return data
    except FileNotFoundError:
        raise ArticleError(p, "no such file") from None
    except PermissionError:
        raise ArticleError(p, "permission denied") from None
    except OSError as exc:
        raise ArticleError(p, exc.strerror or "cannot be read") from None
