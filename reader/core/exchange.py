"""The knowledge base in and out: a complete JSON record, and Markdown files for note apps.

The JSON holds everything the user made — entities with their kinds and
names, notes (with where they were written), dismissed names — so importing
it into another library loses nothing. Importing merges by name and alias
and reports conflicts rather than overwriting: an existing name, kind or
note is never changed. The Markdown export writes one file per entity with
its kind and names in YAML front matter and `[[links]]` kept, which note apps
such as Obsidian open as they are.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader import __version__
from reader.core.kinds import Kind
from reader.core.names import normalize
from reader.core.private import create_file, ensure_dir, write_atomically
from reader.core.store import Store

FORMAT = "reader-knowledge"
FORMAT_VERSION = 1


class ExchangeError(Exception):
    """A file that is not a Reader export, or cannot be written; str() says which and why."""


@dataclass
class ImportReport:
    """What an import did, and what it left alone because the library disagreed."""

    entities_added: int = 0
    entities_merged: int = 0
    names_added: int = 0
    notes_added: int = 0
    notes_already_there: int = 0
    dismissals_added: int = 0
    conflicts: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """For `--json` output."""
        return dict(self.__dict__)


# --- export ------------------------------------------------------------------------------------


def export_record(store: Store) -> dict[str, Any]:
    """The whole knowledge base as plain data (see the module docstring)."""
    db = store.db
    aliases: dict[int, list[str]] = {}
    for entity_id, alias in db.execute("SELECT entity_id, alias FROM aliases ORDER BY id"):
        aliases.setdefault(int(entity_id), []).append(str(alias))
    notes: dict[int, list[dict[str, Any]]] = {}
    for row in db.execute(
        "SELECT n.entity_id, n.body, n.created_at, n.updated_at, n.passage, n.passage_start, "
        "a.sha256, a.title, a.path FROM notes n LEFT JOIN articles a ON a.id = n.article_id "
        "ORDER BY n.created_at, n.id"
    ):
        entity_id, body, created, updated, passage, passage_start, sha, title, path = row
        notes.setdefault(int(entity_id), []).append(
            {
                "body": body,
                "created_at": created,
                "updated_at": updated,
                "article": None if sha is None else {"sha256": sha, "title": title, "path": path},
                "passage": passage,
                "passage_start": passage_start,
            }
        )
    entities = []
    for entity_id, name, kind, created, updated, origin in db.execute(
        "SELECT id, name, kind, created_at, updated_at, origin FROM entities ORDER BY id"
    ):
        own = notes.get(int(entity_id), [])
        entities.append(
            {
                "id": int(entity_id),
                "name": name,
                "kind": kind,
                "aliases": [a for a in aliases.get(int(entity_id), []) if a != name],
                "origin": origin,
                "created_at": created,
                "updated_at": updated,
                "notes": own,
                "links": sorted({t for n in own for t in _links(n["body"])}, key=str.casefold),
            }
        )
    dismissals = [
        {"text": text, "article_sha256": sha, "start": start, "end": end, "created_at": created}
        for text, sha, start, end, created in db.execute(
            'SELECT text, article_sha256, start, "end", created_at FROM dismissals ORDER BY id'
        )
    ]
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "reader": __version__,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "entities": entities,
        "dismissals": dismissals,
    }


def _links(body: str) -> list[str]:
    from reader.core.dossier import link_targets

    return link_targets(body)


def export_json(store: Store, target: Path) -> int:
    """Write the record to `target` (private, atomically); returns the number of entities."""
    record = export_record(store)
    try:
        ensure_dir(target.parent)
        write_atomically(target, json.dumps(record, ensure_ascii=False, indent=1) + "\n")
    except OSError as exc:
        raise ExchangeError(f"{target}: cannot be written ({exc.strerror or exc})") from None
    return len(record["entities"])


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def _file_name(name: str) -> str:
    """A file name for an entity that every system accepts, close to the name itself."""
    cleaned = _UNSAFE.sub(" ", name).strip(" .") or "entity"
    return cleaned[:120]


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def markdown_files(record: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(file name, Markdown) for each entity: front matter, then the notes."""
    used: set[str] = set()
    for entity in record["entities"]:
        base = _file_name(entity["name"])
        name = base
        if name.casefold() in used:
            name = f"{base} ({entity['kind']})"
        n = 2
        while name.casefold() in used:
            name = f"{base} ({entity['kind']} {n})"
            n += 1
        used.add(name.casefold())
        lines = [
            "---",
            f"title: {_yaml(entity['name'])}",
            f"kind: {entity['kind']}",
            "aliases: [" + ", ".join(_yaml(a) for a in entity["aliases"]) + "]",
            f"tags: [{entity['kind']}]",
            f"reader_id: {entity['id']}",
            "---",
            "",
            f"# {entity['name']}",
            "",
        ]
        for i, note in enumerate(entity["notes"]):
            if i:
                lines += ["", "---", ""]
            lines.append(note["body"].rstrip())
            source = note.get("article")
            if source:
                lines += [
                    "",
                    f"*Written while reading “{source['title']}”, {note['created_at'][:10]}.*",
                ]
        yield f"{name}.md", "\n".join(lines).rstrip() + "\n"


def export_markdown(store: Store, folder: Path) -> int:
    """Write one Markdown file per entity into `folder`; returns how many were written."""
    record = export_record(store)
    try:
        ensure_dir(folder)
        count = 0
        for name, text in markdown_files(record):
            path = folder / name
            create_file(path)
            write_atomically(path, text)
            count += 1
    except OSError as exc:
        raise ExchangeError(f"{folder}: cannot be written ({exc.strerror or exc})") from None
    return count


# --- import ------------------------------------------------------------------------------------


def read_record(path: Path) -> dict[str, Any]:
    """A Reader export from `path`, or ExchangeError saying why it is not one."""
    try:
        record = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ExchangeError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ExchangeError(f"{path}: cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ExchangeError(f"{path}: not a Reader export (invalid JSON: {exc.msg})") from None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise ExchangeError(f'{path}: not a Reader export (no "format": "{FORMAT}")')
    if int(record.get("version", 0)) > FORMAT_VERSION:
        raise ExchangeError(
            f"{path}: exported by a newer Reader (format {record.get('version')}); "
            "update Reader to import it"
        )
    return record


def is_export(path: Path) -> bool:
    """Whether `path` looks like a Reader knowledge export (without reading it all)."""
    if path.suffix.lower() != ".json":
        return False
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    return FORMAT.encode() in head


def merge_record(store: Store, record: dict[str, Any]) -> tuple[ImportReport, set[str], set[int]]:
    """Merge an export into the library (inside the caller's transaction).

    Returns the report, every name involved (their articles' highlights
    change) and the entities added or merged into.
    """
    report = ImportReport()
    names: set[str] = set()
    touched: set[int] = set()
    articles = {str(sha): int(i) for i, sha in store.db.execute("SELECT id, sha256 FROM articles")}
    for entity in record.get("entities", []):
        try:
            kind = Kind(entity["kind"])
            name = str(entity["name"]).strip()
        except (KeyError, ValueError, TypeError):
            report.conflicts.append(f"skipped an entity without a valid name and kind: {entity!r}")
            continue
        aliases = [str(a) for a in entity.get("aliases", []) if normalize(str(a))]
        all_names = [name, *aliases]
        names.update(all_names)
        target = store.find_entity(all_names, kind)
        if target is None:
            others = [i for n in all_names for i in store.entities_named(n)]
            if others:
                other = store.entity(others[0])
                if other is not None:
                    report.conflicts.append(
                        f"“{name}” is a {kind.value} in the file but “{other.name}” is a "
                        f"{other.kind.value} here: both are kept, apart"
                    )
            target = store.create_entity(
                name, kind, aliases, origin=str(entity.get("origin", "note"))
            )
            created_here = True
            report.entities_added += 1
        else:
            created_here = False
            existing = store.entity(target)
            assert existing is not None
            report.entities_merged += 1
            if normalize(existing.name) != normalize(name):
                report.conflicts.append(
                    f"“{name}” in the file is “{existing.name}” here: the name here is kept, "
                    f"“{name}” is added as another name"
                )
            known = {normalize(a) for a in (existing.name, *existing.aliases)}
            new = [a for a in all_names if normalize(a) not in known]
            store.add_aliases(target, new)
            report.names_added += len(new)
        touched.add(target)
        present = {(n.body, n.created_at) for n in store.notes(target)}
        for note in entity.get("notes", []):
            body, created = str(note.get("body", "")), str(note.get("created_at", ""))
            if not body.strip():
                continue
            if (body, created) in present:
                report.notes_already_there += 1
                continue
            source = note.get("article") or {}
            passage = note.get("passage")
            start = note.get("passage_start")
            note_id = store.add_note(
                target,
                body,
                articles.get(str(source.get("sha256"))),
                (int(start), str(passage)) if passage is not None and start is not None else None,
            )
            if created:  # keep when it was written, not when it was imported
                updated = str(note.get("updated_at") or created)
                store.db.execute(
                    "UPDATE notes SET created_at = ?, updated_at = ? WHERE id = ?",
                    [created, updated, note_id],
                )
            report.notes_added += 1
        if created_here and entity.get("created_at"):  # when the user made it, not today
            store.db.execute(
                "UPDATE entities SET created_at = ?, updated_at = ? WHERE id = ?",
                [
                    str(entity["created_at"]),
                    str(entity.get("updated_at") or entity["created_at"]),
                    target,
                ],
            )
    existing_dismissals = {
        (str(t), s, a, b)
        for t, s, a, b in store.db.execute(
            'SELECT norm, article_sha256, start, "end" FROM dismissals'
        )
    }
    for d in record.get("dismissals", []):
        text = str(d.get("text", ""))
        key = (normalize(text), d.get("article_sha256"), d.get("start"), d.get("end"))
        if not normalize(text) or key in existing_dismissals:
            continue
        where = (
            (str(d["article_sha256"]), int(d["start"]), int(d["end"]))
            if d.get("article_sha256")
            else None
        )
        store.add_dismissal(text, where)
        if d.get("created_at"):
            store.db.execute(
                "UPDATE dismissals SET created_at = ? WHERE id = last_insert_rowid()",
                [str(d["created_at"])],
            )
        existing_dismissals.add(key)
        names.add(text)
        report.dismissals_added += 1
    return report, names, touched
