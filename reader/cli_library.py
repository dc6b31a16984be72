"""`reader import PATH...` and `reader search QUERY`: the library from the command line.

reader import PATH... [--json]   files and folders (recursively); progress on stderr
reader search QUERY [--json]     articles and notes, best first, with snippets
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from reader.core import formats
from reader.core.library import Library


def import_parser(common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The `reader import` parser; `common` carries --db and --pipeline."""
    parser = argparse.ArgumentParser(
        prog="reader import",
        description="Add files and whole folders (recursively) to the library, with their "
        f"entities. Formats: {formats.describe()}.",
        parents=[common],
    )
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="a file or a folder; a knowledge export (`reader export`) is merged into the library",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the counts (and failures) as JSON"
    )
    return parser


def search_parser(common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The `reader search` parser."""
    parser = argparse.ArgumentParser(
        prog="reader search",
        description="Full-text search over every saved article and note, best first. "
        "An entity's name also finds its other names.",
        parents=[common],
    )
    parser.add_argument("query", nargs="+", help="words to find (all must occur)")
    parser.add_argument("--limit", type=int, default=20, help="at most this many hits (20)")
    parser.add_argument("--json", action="store_true", help="print the hits as JSON")
    return parser


def run_import(library: Library, paths: Sequence[str], as_json: bool) -> int:
    """Import, with a progress line on stderr; exit 1 if any file failed.

    A knowledge export among the paths is merged (entities, notes, corrections),
    with its conflicts listed, rather than read as an article.
    """
    from reader.core import exchange, importer

    exports = [p for p in paths if exchange.is_export(Path(p))]
    merged = []
    for path in exports:
        result = library.import_knowledge(Path(path))
        library.refresh_articles(sorted(result.changes.stale))
        merged.append({"path": path, **result.value.as_dict()})
    paths = [p for p in paths if p not in exports]
    if not paths:
        _print_merged(merged, as_json)
        return 0
    start = time.perf_counter()
    tty = sys.stderr.isatty()

    def progress(done: int, total: int, report: importer.ImportReport) -> None:
        rate = report.words / max(time.perf_counter() - start, 1e-6)
        line = (
            f"reader: importing {done}/{total} files: {len(report.added)} added, "
            f"{len(report.present)} already there, {len(report.failed)} failed "
            f"({rate:,.0f} words/s)"
        )
        print(("\r" + line) if tty else line, end="" if tty else "\n", file=sys.stderr)
        sys.stderr.flush()

    report = importer.import_paths(library, paths, progress=progress)
    if tty:
        print(file=sys.stderr)
    if as_json:
        doc = report.as_json()
        doc["seconds"] = round(time.perf_counter() - start, 3)
        if merged:
            doc["knowledge"] = merged
        json.dump(doc, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(report.summary())
        for failure in report.failed:
            print(f"  not imported: {failure.path}: {failure.reason}")
        _print_merged(merged, False)
    return 1 if report.failed else 0


def _print_merged(merged: list[dict[str, object]], as_json: bool) -> None:
    """What merging knowledge exports did, and the conflicts it left alone."""
    if as_json:
        json.dump({"knowledge": merged}, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    for m in merged:
        print(
            f"{m['path']}: {m['entities_added']} entities added, {m['entities_merged']} merged, "
            f"{m['notes_added']} notes added, {m['dismissals_added']} dismissals added"
        )
        for conflict in m["conflicts"]:  # type: ignore[attr-defined]
            print(f"  conflict: {conflict}")


def run_search(library: Library, query: str, limit: int, as_json: bool) -> int:
    """Print the hits; exit 1 when there are none (as grep does)."""
    from reader.core import search

    hits = search.search(library.store, query, limit=limit)
    if as_json:
        doc = [
            {
                "kind": h.kind,
                "id": h.id,
                "title": h.title,
                "entity_id": h.entity_id,
                "snippet": h.snippet.text,
                "marks": [list(m) for m in h.snippet.marks],
                "rank": h.rank,
            }
            for h in hits
        ]
        json.dump(doc, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for h in hits:
            text = h.snippet.text
            for s, e in reversed(h.snippet.marks):
                text = f"{text[:s]}[{text[s:e]}]{text[e:]}"
            where = "note on" if h.kind == "note" else "article"
            print(f"{where} {h.title}\n    {text}")
        if not hits:  # stdout stays empty for scripts; the exit status says it too
            print(f"reader: no article or note matches “{query}”", file=sys.stderr)
    return 0 if hits else 1
