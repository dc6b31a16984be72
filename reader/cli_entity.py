"""`reader entity …`: list entities and correct them from the command line.

The same operations as the window's right-click menu, for scripts and tests.
Each correction is applied to every saved article before the command returns.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from reader.core.changes import Result
from reader.core.corrections import Correction, CorrectionError
from reader.core.kinds import Kind
from reader.core.library import EntityRef, Library
from reader.core.store import EntitySummary

KINDS = [k.value for k in Kind]


def parser(common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The `reader entity` parser; `common` carries --db and --pipeline."""
    top = argparse.ArgumentParser(
        prog="reader entity",
        description="List the entities of your library and correct them.",
        parents=[common],
    )
    sub = top.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = sub.add_parser("list", help="list entities", parents=[common])
    listing.add_argument("--kind", choices=KINDS, help="only this kind")
    listing.add_argument("--json", action="store_true", help="print JSON")
    kind = sub.add_parser("kind", help="set the kind of a name everywhere", parents=[common])
    kind.add_argument("name")
    kind.add_argument("kind", choices=KINDS)
    dismiss = sub.add_parser("dismiss", help="never highlight a name", parents=[common])
    dismiss.add_argument("name")
    mark = sub.add_parser("mark", help="highlight a text everywhere as KIND", parents=[common])
    mark.add_argument("text")
    mark.add_argument("kind", choices=KINDS)
    merge = sub.add_parser("merge", help="NAME is the same as TARGET", parents=[common])
    merge.add_argument("name")
    merge.add_argument("target")
    split = sub.add_parser("split", help="make NAME an entity apart from ENTITY", parents=[common])
    split.add_argument("entity")
    split.add_argument("name")
    rename = sub.add_parser("rename", help="give an entity a new name", parents=[common])
    rename.add_argument("entity")
    rename.add_argument("new_name")
    alias = sub.add_parser("alias", help="add or remove a name of an entity", parents=[common])
    alias.add_argument("change", choices=["add", "remove"])
    alias.add_argument("entity")
    alias.add_argument("name")
    for p in (kind, dismiss, mark, merge, split, rename, alias):
        p.add_argument("--json", action="store_true", help="print the result as JSON")
    return top


def _find(lib: Library, name: str) -> EntitySummary | None:
    """The entity called `name` (by any of its names); an error if several kinds have it."""
    ids = lib.store.entities_named(name)
    if not ids:
        return None
    found = [e for e in lib.store.entity_summaries() if e.id in ids]
    if len({e.kind for e in found}) > 1:
        kinds = " and ".join(sorted(f"a {e.kind.label.lower()}" for e in found))
        raise CorrectionError(f"“{name}” names {kinds}: rename one of them first")
    return found[0]


def _need(lib: Library, name: str) -> EntitySummary:
    entity = _find(lib, name)
    if entity is None:
        raise CorrectionError(f"no entity is called “{name}” (see `reader entity list`)")
    return entity


def _correct(lib: Library, args: argparse.Namespace) -> Result[Correction]:
    action = args.action
    if action == "kind":
        entity = _find(lib, args.name)
        if entity is None:
            if not lib.store.mention_kinds(args.name):
                raise CorrectionError(
                    f"no article highlights “{args.name}”; to highlight it wherever it "
                    "occurs, use `reader entity mark`"
                )
            return lib.mark(args.name, Kind(args.kind))
        return lib.set_kind(EntityRef(entity.id, entity.name, entity.kind), Kind(args.kind))
    if action == "dismiss":
        return lib.dismiss(args.name)
    if action == "mark":
        return lib.mark(args.text, Kind(args.kind))
    if action == "merge":
        target = _need(lib, args.target)
        source = _find(lib, args.name)
        ref = (
            EntityRef(source.id, source.name, source.kind)
            if source is not None
            else EntityRef(None, args.name, target.kind, (args.name,))
        )
        return lib.merge(ref, target.id)
    if action == "split":
        return lib.split_off(_need(lib, args.entity).id, args.name)
    entity = _need(lib, args.entity)
    ref = EntityRef(entity.id, entity.name, entity.kind)
    if action == "rename":
        return lib.rename(ref, args.new_name)
    if args.change == "add":
        return lib.add_alias(ref, args.name)
    return lib.remove_alias(entity.id, args.name)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def run(lib: Library, args: argparse.Namespace) -> int:
    """Carry out `reader entity ACTION`; errors are CorrectionError for the caller to print."""
    if args.action == "list":
        entities = lib.store.entity_summaries(Kind(args.kind) if args.kind else None)
        if args.json:
            rows = [{**asdict(e), "kind": e.kind.value} for e in entities]
            json.dump(rows, sys.stdout, ensure_ascii=False)
            sys.stdout.write("\n")
        else:
            if not entities:
                print("No entities yet." if not args.kind else f"No {args.kind} entities yet.")
            for e in entities:
                also = f"  (also: {', '.join(e.aliases)})" if e.aliases else ""
                print(
                    f"{e.kind.value:<6}  {e.name}{also}  — {_count(e.notes, 'note')}, "
                    f"{_count(e.articles, 'article')}"
                )
        return 0
    lib.store.check_writable()
    result = _correct(lib, args)
    refreshed = lib.refresh_articles(sorted(result.changes.stale))
    updated = len(refreshed.articles)
    if args.json:
        entity = lib.store.entity(result.value.entity_id) if result.value.entity_id else None
        out = {
            "done": result.value.label,
            "entity": None
            if entity is None
            else {
                "id": entity.id,
                "name": entity.name,
                "kind": entity.kind.value,
                "aliases": list(entity.aliases),
            },
            "articles_updated": updated,
        }
        json.dump(out, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(f"{result.value.label} ({updated} article{'s' if updated != 1 else ''} updated)")
    return 0
