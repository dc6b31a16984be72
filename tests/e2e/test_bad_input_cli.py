"""`reader annotate` on the bad-input corpus: exit status, one line, nothing stored."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from core.bad_inputs import BAD_INPUTS, BadInput

from reader.core.article import display_name

from ._cli import Cli

pytestmark = pytest.mark.e2e


def stored_rows(db: Path) -> dict[str, int]:
    """Rows in every table of the library (an absent library stores nothing)."""
    if not db.exists():
        return {}
    conn = sqlite3.connect(db)
    try:
        tables = [
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith(("sqlite_", "_"))
            and name in {"articles", "mentions", "model_cache", "entities", "aliases", "notes"}
        ]
        counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        return {t: int(n) for t, n in counts.items() if n}
    finally:
        conn.close()


@pytest.mark.parametrize("case", BAD_INPUTS, ids=[c.id for c in BAD_INPUTS])
def test_annotate_refuses_bad_input_in_one_line_and_stores_nothing(
    cli: Cli, tmp_path: Path, case: BadInput
) -> None:
    folder = tmp_path / "input"
    folder.mkdir()
    path = case.make(folder)
    result = cli.run("annotate", str(path), "--json")  # run() has a generous hang timeout

    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"reader: {display_name(path)}: "), lines[0]
    assert case.reason in lines[0].lower()
    assert "unexpected" not in lines[0]
    assert stored_rows(cli.db) == {}
