"""`reader import` and `reader search` end to end, with the real model."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from ._cli import SAMPLE, Cli

pytestmark = pytest.mark.e2e


def test_import_a_folder_then_search_it(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    (folder / "older").mkdir(parents=True)
    (folder / "sample.txt").write_text(SAMPLE.read_text("utf-8"), encoding="utf-8")
    (folder / "older" / "harbour.md").write_text(
        "# Harbour reopens\n\nThe port authority of Rotterdam reopened the harbour on Monday.\n",
        encoding="utf-8",
    )
    (folder / "older" / "empty.txt").write_text("", encoding="utf-8")

    first = cli.run("import", str(folder), "--json")
    assert first.returncode == 1, "a failed file makes the exit status non-zero"
    doc = json.loads(first.stdout)
    assert (doc["added"], doc["already_there"]) == (2, 0)
    assert [Path(f["path"]).name for f in doc["failed"]] == ["empty.txt"]
    assert "empty" in doc["failed"][0]["reason"]
    assert "importing 3/3 files" in first.stderr
    with sqlite3.connect(cli.db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
        # The model ran during the import: the articles' highlights are there.
        assert conn.execute("SELECT count(DISTINCT article_id) FROM mentions").fetchone()[0] == 2

    again = cli.run("import", str(folder / "sample.txt"), "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["already_there"] == 1

    found = cli.run("search", "harbour", "--json")
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)
    assert [h["title"] for h in hits] == ["Harbour reopens"]
    snippet = hits[0]["snippet"]
    assert {snippet[s:e].casefold() for s, e in hits[0]["marks"]} == {"harbour"}

    none = cli.run("search", "zzzyxq")
    assert none.returncode == 1
    assert none.stdout == ""
    assert "no article or note matches “zzzyxq”" in none.stderr
