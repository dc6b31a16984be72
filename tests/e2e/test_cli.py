"""The `reader` command end to end: version, `annotate --json`, and how bad input is reported."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import sqlite3
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

from ._cli import CORPUS, SAMPLE, Cli, reader_command

pytestmark = pytest.mark.e2e

KINDS = {"person", "group", "place"}


def annotate_json(cli: Cli, path: Path) -> dict[str, Any]:
    result = cli.run("annotate", str(path), "--json")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    doc = json.loads(result.stdout)  # exactly one JSON value, nothing else
    assert isinstance(doc, dict)
    return doc


def check_spans(doc: dict[str, Any], text: str) -> None:
    """Spans index `text`, use the three kinds, and are sorted and non-overlapping."""
    spans = doc["spans"]
    for s in spans:
        assert set(s) == {"start", "end", "text", "kind"}
        assert text[s["start"] : s["end"]] == s["text"], s
        assert s["kind"] in KINDS
    for left, right in itertools.pairwise(spans):
        assert left["end"] <= right["start"], (left, right)


def articles_in(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        conn.close()


def test_version(cli: Cli) -> None:
    result = cli.run("--version")
    assert result.returncode == 0
    assert re.fullmatch(r"reader \d+\.\d+\.\d+\S*\n", result.stdout)
    assert result.stdout.strip() == f"reader {metadata.version('reader')}"


@pytest.mark.model
def test_annotate_corpus_matches_gold(cli: Cli) -> None:
    golds = sorted((CORPUS / "gold").glob("*.json")) if CORPUS.is_dir() else []
    if not golds:
        pytest.skip(f"no evaluation corpus at {CORPUS}")
    tp = fp = fn = 0
    for gold_path in golds:
        gold = json.loads(gold_path.read_text("utf-8"))
        txt = CORPUS / f"{gold_path.stem}.txt"
        data = txt.read_bytes()
        doc = annotate_json(cli, txt)

        assert set(doc) == {"path", "title", "text_sha256", "spans"}
        assert doc["path"] == str(txt.resolve())
        assert doc["text_sha256"] == hashlib.sha256(data).hexdigest() == gold["text_sha256"]
        text = txt.read_text(encoding="utf-8")
        assert doc["title"] == text.splitlines()[0].strip()
        check_spans(doc, text)

        predicted = {(s["start"], s["end"], s["kind"]) for s in doc["spans"]}
        expected = {(s["start"], s["end"], s["kind"]) for s in gold["spans"]}
        tp += len(predicted & expected)
        fp += len(predicted - expected)
        fn += len(expected - predicted)

    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    # Regression guard, not a target: exact-match F1 measured ~0.96 when this was written.
    assert f1 >= 0.85, f"exact F1 {f1:.3f} (P {precision:.3f}, R {recall:.3f})"


@pytest.mark.model
def test_annotate_sample_finds_all_three_kinds_and_is_repeatable(cli: Cli) -> None:
    doc = annotate_json(cli, SAMPLE)
    text = SAMPLE.read_text(encoding="utf-8")
    check_spans(doc, text)
    assert {s["kind"] for s in doc["spans"]} == KINDS
    assert doc["title"] == text.splitlines()[0]
    assert articles_in(cli.db) == 1

    # The second run is served from the model cache and says exactly the same.
    assert annotate_json(cli, SAMPLE) == doc
    assert articles_in(cli.db) == 1


@pytest.mark.model
def test_annotate_cp1252_offsets_index_the_decoded_text(cli: Cli, tmp_path: Path) -> None:
    data = (
        b"Caf\xe9 owners protest in Lyon\r\n"
        b"Monday, 3 March 2025\r\n"
        b"\r\n"
        b"\x93We\x92re closing,\x94 said Jean-Pierre Dub\xe9, head of the Union of Lyon "
        b"Bakers, after talks with the mayor of Marseille.\r\n"
    )
    path = tmp_path / "windows.txt"
    path.write_bytes(data)
    text = data.decode("cp1252").replace("\r\n", "\n")

    doc = annotate_json(cli, path)
    check_spans(doc, text)
    assert doc["title"] == "Café owners protest in Lyon"
    # Spans after the first line break would be off by one per CRLF if offsets
    # indexed the raw file instead of the decoded text.
    assert any(s["start"] > text.index("\n\n") for s in doc["spans"])


def _binary(path: Path) -> Path:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    return path


def _empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        pytest.param(lambda p: p, "no such file", id="missing"),
        pytest.param(_empty, "empty", id="empty"),
        pytest.param(_binary, "binary", id="binary"),
    ],
)
def test_bad_file_is_one_line_error_and_nothing_is_imported(
    cli: Cli, tmp_path: Path, make: Any, reason: str
) -> None:
    path: Path = make(tmp_path / "article.txt")
    result = cli.run("annotate", str(path), "--json")

    assert result.returncode != 0
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("reader: ")
    assert str(path) in lines[0]
    assert reason in lines[0]
    assert articles_in(cli.db) == 0


def test_missing_pipeline_is_one_line_error(cli: Cli) -> None:
    result = cli.run("annotate", str(SAMPLE), "--pipeline", "xx_no_such_pipeline_sm")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("reader: ")
    assert "xx_no_such_pipeline_sm" in lines[0]
    assert articles_in(cli.db) == 0  # nothing half-done is left in the library


@pytest.mark.model
def test_closed_stdout_is_not_a_traceback(cli: Cli) -> None:
    proc = cli.popen("annotate", str(SAMPLE), "--json")
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.close()  # the reader of the pipe (e.g. `head`) went away
    stderr = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    proc.wait(timeout=600)
    assert "Traceback" not in stderr
    assert "BrokenPipeError" not in stderr


def test_an_unexpected_error_is_one_line_with_the_details_in_the_log(cli: Cli) -> None:
    """A bug still gives one line, and the traceback is in reader.log beside the library."""
    cli.db.parent.mkdir(parents=True, exist_ok=True)
    sitecustomize = cli.cwd / "sitecustomize.py"
    sitecustomize.write_text(
        "import reader.core.library as lib\n"
        "def broken(self, path, *args, **kwargs):\n"
        "    raise RuntimeError('simulated bug')\n"
        "lib.Library.annotate_file = broken\n",
        "utf-8",
    )
    article = cli.cwd / "a.txt"
    article.write_text("Title\n\nBody text.\n", "utf-8")
    result = cli.run_with_env({"PYTHONPATH": str(cli.cwd)}, "annotate", str(article))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    log = cli.db.parent / "reader.log"
    assert lines == [
        f"reader: {article}: unexpected error (RuntimeError: simulated bug); details in {log}"
    ]
    assert "Traceback" in log.read_text("utf-8")
    assert "simulated bug" in log.read_text("utf-8")


def test_a_library_from_a_newer_reader_is_named_and_left_unchanged(cli: Cli) -> None:
    import sqlite3

    article = cli.cwd / "a.txt"
    article.write_text("Title\n\nKenya and Somalia met in Nairobi.\n", "utf-8")
    cli.db.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(cli.db) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = cli.db.read_bytes()
    result = cli.run("annotate", str(article), "--json")
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"reader: {cli.db}: this library was written by a newer Reader")
    assert "schema 99" in line
    assert cli.db.read_bytes() == before
    assert result.stdout == ""


# --- corrections from the command line ------------------------------------------------------------

AIRLINE = "Airline news\n\nQatar Airways flew from Doha to Nairobi on Monday, the airline said.\n"
AIRLINE_2 = "More airline news\n\nPassengers of Qatar Airways waited in Nairobi for hours.\n"


def spans_of(cli: Cli, path: Path) -> list[tuple[str, str]]:
    result = cli.run("annotate", str(path), "--json")
    assert result.returncode == 0, result.stderr
    return [(s["text"], s["kind"]) for s in json.loads(result.stdout)["spans"]]


@pytest.mark.model
def test_a_correction_applies_to_every_saved_article_and_lists(cli: Cli) -> None:
    first, second = cli.cwd / "one.txt", cli.cwd / "two.txt"
    first.write_text(AIRLINE, "utf-8")
    second.write_text(AIRLINE_2, "utf-8")
    spans_of(cli, first)
    spans_of(cli, second)

    marked = cli.run("entity", "kind", "Qatar Airways", "group", "--json")
    assert marked.returncode == 0, marked.stderr
    done = json.loads(marked.stdout)
    assert done["entity"]["name"] == "Qatar Airways"
    assert done["entity"]["kind"] == "group"
    assert done["articles_updated"] == 2
    for path in (first, second):
        assert ("Qatar Airways", "group") in spans_of(cli, path)
        assert ("Qatar", "place") not in spans_of(cli, path)

    dismissed = cli.run("entity", "dismiss", "Nairobi")
    assert dismissed.returncode == 0, dismissed.stderr
    assert "Nairobi" not in [t for t, _ in spans_of(cli, second)]

    listed = cli.run("entity", "list", "--kind", "group", "--json")
    assert [e["name"] for e in json.loads(listed.stdout)] == ["Qatar Airways"]


def test_correction_errors_are_one_line(cli: Cli) -> None:
    result = cli.run("entity", "rename", "Nobody Here", "Somebody")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "reader: no entity is called “Nobody Here” (see `reader entity list`)"
    ]


def test_notes_and_export_from_the_command_line(cli: Cli) -> None:
    added = cli.run("note", "add", "Velmora Accord", "Signed in **2019**.", "--kind", "group")
    assert added.returncode == 0, added.stderr
    more = cli.run("note", "add", "Velmora Accord", "Links [[Tarsk]].")
    assert more.returncode == 0, more.stderr
    listed = json.loads(cli.run("note", "list", "Velmora Accord", "--json").stdout)
    assert [n["body"] for n in listed] == ["Signed in **2019**.", "Links [[Tarsk]]."]
    missing = cli.run("note", "add", "Nobody", "text")
    assert missing.returncode == 1
    assert "--kind" in missing.stderr

    out = cli.cwd / "k.json"
    exported = cli.run("export", "--format", "json", str(out))
    assert exported.returncode == 0, exported.stderr
    record = json.loads(out.read_text("utf-8"))
    assert [e["name"] for e in record["entities"]] == ["Velmora Accord"]
    assert record["entities"][0]["links"] == ["Tarsk"]
    vault = cli.cwd / "vault"
    assert cli.run("export", "--format", "markdown", str(vault)).returncode == 0
    assert "Signed in **2019**." in (vault / "Velmora Accord.md").read_text("utf-8")


def test_reader_import_merges_a_knowledge_export(cli: Cli, tmp_path: Path) -> None:
    assert (
        cli.run("note", "add", "Velmora Accord", "Signed in 2019.", "--kind", "group").returncode
        == 0
    )
    out = cli.cwd / "k.json"
    assert cli.run("export", str(out)).returncode == 0
    other = dict(cli.env, READER_DB=str(tmp_path / "other" / "reader.db"))
    merged = subprocess.run(
        [*reader_command(), "import", str(out), "--json"],
        capture_output=True, text=True, encoding="utf-8", env=other, check=False, timeout=600,
    )  # fmt: skip
    assert merged.returncode == 0, merged.stderr
    [report] = json.loads(merged.stdout)["knowledge"]
    assert (report["entities_added"], report["notes_added"]) == (1, 1)


def test_a_file_name_that_is_not_utf8_is_stored_and_annotated(cli: Cli) -> None:
    """Linux allows any byte in a name: the article still goes in, the name shown escaped."""
    import os

    name = os.fsdecode(b"caf\xe9-report.txt")
    path = cli.cwd / name
    path.write_text("Report\n\nNothing to highlight here, just words.\n", "utf-8")
    result = cli.run("annotate", str(path), "--json")
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(cli.db) as conn:
        [stored] = [r[0] for r in conn.execute("SELECT path FROM articles")]
    assert stored.endswith("caf\\xe9-report.txt")


def test_the_command_line_refuses_what_would_do_harm_and_takes_options_first(
    cli: Cli,
) -> None:
    """Each of these once reported success (or wrote junk)."""

    def fails(*args: str) -> str:
        result = cli.run(*args)
        assert result.returncode == 1, (args, result.stdout)
        [line] = result.stderr.strip().splitlines()
        return line

    assert "entity mark" in fails("entity", "kind", "Nobody", "place")
    assert "one line" in fails("note", "add", "", "text", "--kind", "group")
    assert "one line" in fails("note", "add", "Two\nLines", "text", "--kind", "group")
    assert cli.run("note", "add", "Velmora Accord", "x", "--kind", "group").returncode == 0
    assert "not one of the names" in fails("entity", "alias", "remove", "Velmora Accord", "VA")
    assert "entity list" in fails("note", "list", "Nobody")
    assert "theme must be one of" in fails("config", "theme", "purple")
    assert "font_size" in fails("config", "font_size", "-3")
    assert "zoom_steps" in fails("config", "zoom_steps", "999")
    assert "not installed" in fails("config", "pipeline", "xx_no_such_pipeline")
    assert cli.run("config", "theme", "dark").returncode == 0
    first = cli.run("--db", str(cli.db), "entity", "list", "--json")  # options before the command
    assert first.returncode == 0, first.stderr
    assert [e["name"] for e in json.loads(first.stdout)] == ["Velmora Accord"]
    assert "— 1 note, 0 articles" in cli.run("entity", "list").stdout


@pytest.mark.model
def test_a_note_on_a_highlighted_name_takes_the_kind_the_articles_give_it(cli: Cli) -> None:
    article = cli.cwd / "a.txt"
    article.write_text("Talks\n\nKenya and Somalia met in Nairobi on Monday.\n", "utf-8")
    assert cli.run("annotate", str(article)).returncode == 0
    added = cli.run("note", "add", "Nairobi", "Capital of Kenya.")
    assert added.returncode == 0, added.stderr
    listed = json.loads(cli.run("entity", "list", "--json").stdout)
    assert [(e["name"], e["kind"]) for e in listed] == [("Nairobi", "place")]


def test_db_given_before_the_command_or_its_action_is_the_library_used(cli: Cli) -> None:
    """`reader --db X entity mark …` once wrote to the default library, and `note` refused."""
    other = cli.cwd / "other.db"
    runs = [
        ("--db", str(other), "entity", "mark", "Velmora Accord", "group"),
        ("entity", "--db", str(other), "mark", "Tarsk Union", "group"),
        ("--db", str(other), "note", "add", "Velmora Accord", "Signed in 2021."),
        ("note", "--db", str(other), "add", "Tarsk Union", "A customs union."),
        (f"--db={other}", "note", "add", "Tarsk Union", "Founded in 1994."),
    ]
    for args in runs:
        result = cli.run(*args)
        assert result.returncode == 0, (args, result.stderr)
    listed = json.loads(cli.run("entity", "list", "--json", "--db", str(other)).stdout)
    assert [(e["name"], e["notes"]) for e in listed] == [("Tarsk Union", 2), ("Velmora Accord", 1)]
    assert articles_in(cli.db) == 0
    assert cli.run("entity", "list").stdout == "No entities yet.\n"  # the default library


@pytest.mark.model
def test_a_note_on_a_surname_goes_to_the_person_the_article_names(cli: Cli) -> None:
    article = cli.cwd / "a.txt"
    article.write_text(
        "Talks\n\nDefence Minister Hodan Abdi Warsame met envoys in Mogadishu on Monday. "
        "Warsame said the talks would go on.\n",
        "utf-8",
    )
    assert cli.run("annotate", str(article)).returncode == 0
    assert cli.run("note", "add", "Hodan Abdi Warsame", "Somali defence minister.").returncode == 0
    added = cli.run("note", "add", "Warsame", "Briefs parliament on Thursdays.")
    assert added.returncode == 0, added.stderr
    assert added.stdout == "Note added to “Hodan Abdi Warsame”\n"
    people = json.loads(cli.run("entity", "list", "--kind", "person", "--json").stdout)
    assert [(e["name"], e["notes"]) for e in people] == [("Hodan Abdi Warsame", 2)]
    assert cli.run("note", "list", "Hodan Abdi Warsame").stdout.count("— ") == 2
