"""`reader export …` and `reader note …`: the knowledge base from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reader.core.corrections import CorrectionError
from reader.core.kinds import Kind
from reader.core.library import EntityRef, Library

KINDS = [k.value for k in Kind]


def export_parser(common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """`reader export --format json|markdown OUT`."""
    parser = argparse.ArgumentParser(
        prog="reader export",
        description="Export your knowledge base: one re-importable JSON file (entities, names, "
        "corrections, notes, links), or a folder of Markdown files, one per entity, that note "
        "apps such as Obsidian open.",
        parents=[common],
    )
    parser.add_argument("--format", choices=["json", "markdown"], default="json")
    parser.add_argument("out", help="the JSON file, or the folder for Markdown")
    return parser


def note_parser(common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """`reader note add|list …`."""
    top = argparse.ArgumentParser(
        prog="reader note", description="Notes on entities.", parents=[common]
    )
    sub = top.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = sub.add_parser("add", help="add a note to an entity", parents=[common])
    add.add_argument("entity", help="the entity's name (any of its names)")
    add.add_argument("text", help="the note, in Markdown ('-' reads it from standard input)")
    add.add_argument("--kind", choices=KINDS, help="create the entity as this kind if it is new")
    add.add_argument("--json", action="store_true")
    listing = sub.add_parser("list", help="an entity's notes", parents=[common])
    listing.add_argument("entity")
    listing.add_argument("--json", action="store_true")
    return top


def run_export(lib: Library, args: argparse.Namespace) -> int:
    """Write the export and say what was written."""
    out = Path(args.out).expanduser()
    if args.format == "json":
        count = lib.export_json(out)
        print(f"{count} entities written to {out}")
    else:
        count = lib.export_markdown(out)
        print(f"{count} Markdown files written to {out}")
    return 0


def _entity(lib: Library, name: str, kind: str | None, create: bool = True) -> EntityRef:
    """The entity called `name`, or that `name` stands for in the articles, or a new one.

    "Warsame" after "Hodan Abdi Warsame" is her, as a click on it in the window
    is; a name nothing stands for is created as the articles highlight it.
    """
    name = " ".join(name.split()) if "\n" not in name else ""
    if not name:
        raise CorrectionError("give the entity's name, on one line")
    ids = lib.store.entities_named(name) or lib.store.mention_entities(name)
    if ids:
        entity = lib.store.entity(ids[0])
        assert entity is not None
        return EntityRef(entity.id, entity.name, entity.kind)
    if not create:
        raise CorrectionError(f"no entity is called “{name}” (see `reader entity list`)")
    if kind is None:
        seen = lib.store.mention_kinds(name)
        if not seen:
            raise CorrectionError(
                f"no entity is called “{name}” and no article highlights it; "
                "add --kind person|group|place to create it"
            )
        kind = seen[0][0].value  # as the articles mostly highlight it
    return EntityRef(None, name, Kind(kind), (name,))


def run_note(lib: Library, args: argparse.Namespace) -> int:
    """Add or list notes."""
    if args.action == "list":
        ref = _entity(lib, args.entity, None, create=False)
        assert ref.entity_id is not None
        notes = lib.notes(ref.entity_id)
        if args.json:
            rows = [
                {"id": n.id, "body": n.body, "created_at": n.created_at, "updated_at": n.updated_at}
                for n in notes
            ]
            json.dump(rows, sys.stdout, ensure_ascii=False)
            sys.stdout.write("\n")
        else:
            for n in notes:
                print(f"— {n.created_at[:10]}\n{n.body}\n")
            if not notes:
                print(f"No notes on “{ref.name}” yet.")
        return 0
    text = sys.stdin.read() if args.text == "-" else args.text
    if not text.strip():
        raise CorrectionError("the note is empty")
    lib.store.check_writable()
    ref = _entity(lib, args.entity, args.kind)
    result = lib.add_note(ref, text)
    lib.refresh_articles(sorted(result.changes.stale))
    entity_id, note_id = result.value
    if args.json:
        json.dump({"entity_id": entity_id, "note_id": note_id}, sys.stdout)
        sys.stdout.write("\n")
    else:
        print(f"Note added to “{ref.name}”")
    return 0
