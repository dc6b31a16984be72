"""`reader annotate` on an EPUB and a PDF: offsets index the text Reader shows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from core.docmakers import make_epub, make_pdf

from reader.core.article import load

from ._cli import Cli

pytestmark = [pytest.mark.e2e, pytest.mark.model]

SENTENCE = "President William Ruto met the Kenya Ports Authority in Mombasa on Monday."


@pytest.mark.parametrize("name", ["talks.pdf", "talks.epub"])
def test_annotate_a_document(cli: Cli, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name.endswith(".pdf"):
        path.write_bytes(make_pdf([[[("Port talks", 20)], [(SENTENCE, 11)]]]))
    else:
        path.write_bytes(make_epub([f"<h1>Port talks</h1><p>{SENTENCE}</p>"], title="Talks"))
    result = cli.run("annotate", str(path), "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    text = load(path).text
    assert SENTENCE in text
    assert doc["spans"], "the model found the names"
    for span in doc["spans"]:
        assert text[span["start"] : span["end"]] == span["text"]
    assert {"William Ruto", "Mombasa"} <= {s["text"] for s in doc["spans"]}


@pytest.mark.model
def test_no_highlight_runs_across_the_cells_of_a_markdown_table(cli: Cli) -> None:
    page = cli.cwd / "results.md"
    page.write_text(
        "# Results\n\n| Candidate | Party |\n| --- | --- |\n"
        "| Tom Marr | Conservative |\n| Ann Lee | Labour |\n\nTom Marr won in Leeds.\n",
        "utf-8",
    )
    result = cli.run("annotate", str(page), "--json")
    assert result.returncode == 0, result.stderr
    spans = json.loads(result.stdout)["spans"]
    assert not [s["text"] for s in spans if "\t" in s["text"] or "\n" in s["text"]]
    assert ("Tom Marr", "person") in {(s["text"], s["kind"]) for s in spans}
