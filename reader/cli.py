"""The `reader` command: the window by default, sub-commands for headless work.

    reader [PATH]                 open the window (on PATH, or the last/sample article)
    reader annotate FILE --json   print the article's entities as JSON
    reader config [KEY [VALUE]]   show or change a setting (e.g. `pipeline`)
    reader entity ACTION …        list entities, correct them (kind, dismiss, merge…)
    reader note add|list …        notes on entities
    reader export --format json|markdown OUT   the knowledge base, for another library or a note app
    reader import PATH...         add files and folders to the library (--json)
    reader search QUERY           full-text search over articles and notes (--json)

Errors reach the user as one line, `reader: PATH: reason`, and a non-zero exit.
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from reader import __version__, logs
from reader.core import formats, settings
from reader.core.article import ArticleError, display_name, text_path
from reader.core.early_model import EarlyModel
from reader.core.nlp import PipelineError

# The store, the overlay and the corrections are imported in `main`, after
# `reader annotate` has started loading the model in a second process.

COMMANDS = ("annotate", "config", "entity", "note", "export", "import", "search")
SETTINGS = {
    "pipeline": "spaCy pipeline used for entities (a package name or a folder)",
    "theme": "the window's theme: system, light or dark",
    "font_family": "the reading font ('' for Reader's serif)",
    "font_size": "the reading size in points, before zooming",
    "zoom_steps": "the window's zoom level in steps of 10 % (0 is 100 %)",
}


def _common(parser: argparse.ArgumentParser) -> None:
    """--db and --pipeline, on a command's parser and on each of its actions' parsers.

    No default: argparse lets an action's parser overwrite what the command's
    parser read with the action's default, so `reader entity --db X list`
    would use the default library. `_parse` fills them in once parsing is done.
    """
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="database file (default: $READER_DB or the user data folder)",
    )
    parser.add_argument(
        "--pipeline",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="spaCy pipeline for this run (overrides the setting)",
    )


def _parse(parser: argparse.ArgumentParser, argv: Sequence[str]) -> argparse.Namespace:
    """`parser.parse_args(argv)`, with --db and --pipeline None where not given."""
    args = parser.parse_args(argv)
    for name in ("db", "pipeline"):
        if not hasattr(args, name):
            setattr(args, name, None)
    return args


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read saved articles with their groups, people and places highlighted.",
        epilog="Sub-commands: `reader annotate FILE --json`, `reader config [KEY [VALUE]]`, "
        "`reader entity list|kind|dismiss|mark|merge|split|rename|alias …`, "
        "`reader note add|list …`, `reader export --format json|markdown OUT`, "
        "`reader import PATH... [--json]`, `reader search QUERY [--json]`.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument("path", nargs="?", help=f"article to open: {formats.describe()}")
    _common(parser)
    return parser


def _annotate_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader annotate",
        description=(
            "Print the entities of an article. The article is added to the library "
            "(--db, READER_DB, or the default one), as opening it in the window would, "
            "so a second run is answered from its cache."
        ),
    )
    parser.add_argument("file", help=f"article file: {formats.describe()}")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    _common(parser)
    return parser


def _config_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader config",
        description="Show or change settings: "
        + "; ".join(f"{k}: {v}" for k, v in SETTINGS.items()),
    )
    parser.add_argument("key", nargs="?", choices=sorted(SETTINGS))
    parser.add_argument("value", nargs="?", help="new value ('' resets to the default)")
    parser.add_argument("--db", metavar="PATH", help="database file")
    return parser


def _db_path(arg: str | None) -> Path:
    from reader.core.store import default_db_path

    return Path(arg).expanduser() if arg else default_db_path()


def _command_first(argv: list[str]) -> list[str]:
    """`reader --db X search foo` as `reader search foo --db X`: options may come first."""
    i = 0
    while i < len(argv):
        if argv[i] in ("--db", "--pipeline") and i + 1 < len(argv):
            i += 2
        elif argv[i].startswith(("--db=", "--pipeline=")):
            i += 1
        else:
            break
    if 0 < i < len(argv) and argv[i] in COMMANDS:
        return [argv[i], *argv[:i], *argv[i + 1 :]]
    return argv


def _db_arg(argv: Sequence[str]) -> str | None:
    """--db PATH from anywhere on the command line (before parsing: the log goes beside it)."""
    for i, arg in enumerate(argv):
        if arg == "--db" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--db="):
            return arg[5:]
    return None


def _fail(message: str, code: int = 1) -> int:
    print(f"reader: {message}", file=sys.stderr)
    return code


def annotate(args: argparse.Namespace, early: EarlyModel | None = None) -> int:
    """`reader annotate`: same pipeline, knowledge and cache as the window.

    `early`: the model loading in a second process since the command started.
    """
    from reader.core.library import Library

    library = Library(_db_path(args.db), pipeline=args.pipeline)
    try:
        article, mentions = library.annotate_file(args.file, early)
    finally:
        if early is not None:
            early.close()  # at once: a cached article leaves the child importing spaCy
        library.close()
    if args.json:
        doc = {
            "path": text_path(Path(args.file).resolve()),
            "title": article.title,
            "text_sha256": article.sha256,
            "spans": [
                {"start": m.start, "end": m.end, "text": m.text, "kind": m.kind.value}
                for m in mentions
            ],
        }
        json.dump(doc, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(article.title)
        for m in mentions:
            print(f"{m.start:>7} {m.end:>7}  {m.kind.value:<6}  {m.text}")
    return 0


def config(args: argparse.Namespace) -> int:
    """`reader config`: settings live in the database so every front end sees them."""
    from reader.core.library import Library

    library = Library(_db_path(args.db))
    try:
        if args.key is None:
            for key in SETTINGS:
                print(f"{key} = {library.store.get_setting(key) or ''}")
            print(f"(effective pipeline: {library.pipeline_name})")
        elif args.value is None:
            print(library.store.get_setting(args.key) or "")
        else:
            wrong = settings.problem(args.key, args.value) if args.value else None
            if wrong is not None:
                return _fail(f"{args.key}: {wrong}")
            library.store.set_setting(args.key, args.value or None)
    finally:
        library.close()
    return 0


def entity(argv: Sequence[str]) -> int:
    """`reader entity`: list and correct entities (see reader/cli_entity.py)."""
    from reader import cli_entity
    from reader.core.library import Library

    common = argparse.ArgumentParser(add_help=False)
    _common(common)
    args = _parse(cli_entity.parser(common), argv)
    library = Library(_db_path(args.db), pipeline=args.pipeline)
    try:
        return cli_entity.run(library, args)
    finally:
        library.close()


def knowledge(command: str, argv: Sequence[str]) -> int:
    """`reader note …` and `reader export …` (see reader/cli_knowledge.py)."""
    from reader import cli_knowledge
    from reader.core.library import Library

    common = argparse.ArgumentParser(add_help=False)
    _common(common)
    if command == "note":
        args = _parse(cli_knowledge.note_parser(common), argv)
    else:
        args = _parse(cli_knowledge.export_parser(common), argv)
    library = Library(_db_path(args.db), pipeline=args.pipeline)
    try:
        if command == "note":
            return cli_knowledge.run_note(library, args)
        return cli_knowledge.run_export(library, args)
    finally:
        library.close()


def library_command(name: str, argv: Sequence[str]) -> int:
    """`reader import` and `reader search` (see reader/cli_library.py)."""
    from reader import cli_library
    from reader.core.library import Library

    common = argparse.ArgumentParser(add_help=False)
    _common(common)
    make = cli_library.import_parser if name == "import" else cli_library.search_parser
    args = _parse(make(common), argv)
    library = Library(_db_path(args.db), pipeline=args.pipeline)
    try:
        if name == "import":
            return cli_library.run_import(library, args.paths, args.json)
        return cli_library.run_search(library, " ".join(args.query), args.limit, args.json)
    finally:
        library.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `reader` script."""
    # In a frozen bundle a worker process (reader.core.parallel) starts this same
    # program; this runs its work and exits. Elsewhere it does nothing.
    multiprocessing.freeze_support()
    argv = _command_first(list(sys.argv[1:] if argv is None else argv))
    annotating = _parse(_annotate_parser(), argv[1:]) if argv[:1] == ["annotate"] else None
    window = _parse(_gui_parser(), argv) if not argv or argv[0] not in COMMANDS else None
    # Forked before the store, the overlay and Qt are imported, so they and the model's
    # load overlap (reader/core/early_model.py).
    wants_model = annotating is not None or window is not None
    early = EarlyModel.start(at_once=window is None) if wants_model else None
    from reader.core.corrections import CorrectionError
    from reader.core.exchange import ExchangeError
    from reader.core.store import StoreError

    log_file = logs.setup(_db_path(_db_arg(argv)))
    try:
        if annotating is not None:
            return annotate(annotating, early)
        if argv and argv[0] == "config":
            return config(_config_parser().parse_args(argv[1:]))
        if argv and argv[0] == "entity":
            return entity(argv[1:])
        if argv and argv[0] in ("note", "export"):
            return knowledge(argv[0], argv[1:])
        if argv and argv[0] in ("import", "search"):
            return library_command(argv[0], argv[1:])
        assert window is not None
        from reader.ui.app import run

        return run(
            path=window.path, db_path=_db_path(window.db), pipeline=window.pipeline, early=early
        )
    except (ArticleError, StoreError, PipelineError, CorrectionError, ExchangeError) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `reader annotate F --json | head`: the reader of our output left; say nothing.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except MemoryError:
        return _fail("out of memory")
    except Exception as exc:  # a bug: still one line for the user, details in the log
        logging.getLogger("reader").exception("unexpected error (argv: %r)", argv)
        paths = [a for a in argv if not a.startswith("-") and a not in COMMANDS]
        where = display_name(paths[0]) if paths else "reader"
        details = f"; details in {log_file}" if log_file else ""
        return _fail(f"{where}: unexpected error ({exc.__class__.__name__}: {exc}){details}")
    finally:
        if early is not None:
            early.close()  # also when main() is called from Python and the library failed
