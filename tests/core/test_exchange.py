"""Export and import: a complete round trip, Markdown for note apps, conflicts reported."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reader.core.exchange import ExchangeError, export_record
from reader.core.kinds import Kind
from reader.core.library import EntityRef, Library
from reader.core.nlp import Pipeline

from .helpers import open_and_annotate, pick, stub_tagger, write

TEXT = (
    "Talks\n\nLena Okafor, the leader of the Northern Alliance Party, met envoys in "
    "Port Amira. Kestrel Watch observed.\n"
)


@pytest.fixture(autouse=True)
def stub(monkeypatch: pytest.MonkeyPatch) -> None:
    _, run = stub_tagger(
        {"Lena Okafor": "PERSON", "Northern Alliance Party": "ORG", "Port Amira": "GPE"}
    )
    monkeypatch.setattr(Pipeline, "run", run)
    monkeypatch.setattr(Pipeline, "version", property(lambda self: "stub-1"))


def filled(lib: Library, tmp_path: Path) -> None:
    """A library with notes (one with a passage and a link), a correction and a dismissal."""
    article_id, article, mentions = open_and_annotate(lib, write(tmp_path / "a.txt", TEXT))
    view = lib.entity_view(pick(mentions, "Lena Okafor"), mentions, article_id)
    start = TEXT.index("the leader")
    lib.add_note(
        view.ref(), "Leads the [[Northern Alliance Party]].", article_id, (start, "the leader")
    )
    party = lib.entity_view(pick(mentions, "Northern Alliance Party"), mentions, article_id)
    lib.add_note(party.ref(), "Founded 1998.")
    lib.add_alias(party.ref(), "NAP")
    lib.mark("Kestrel Watch", Kind.GROUP)
    lib.dismiss(
        "Port Amira", (article.sha256, TEXT.index("Port Amira"), TEXT.index("Port Amira") + 10)
    )


def comparable(record: dict[str, Any]) -> object:
    """What must survive a round trip: all but ids, the export time and the file's path."""
    entities = []
    for e in sorted(record["entities"], key=lambda e: e["name"]):
        notes = [
            {**n, "article": n["article"] and {**n["article"], "path": None}} for n in e["notes"]
        ]
        entities.append({**{k: v for k, v in e.items() if k != "id"}, "notes": notes})
    return entities, record["dismissals"]


def test_json_round_trip_into_a_fresh_library_loses_nothing(tmp_path: Path) -> None:
    first = Library(tmp_path / "one" / "reader.db")
    filled(first, tmp_path)
    out = tmp_path / "export" / "knowledge.json"
    assert first.export_json(out) == 3
    exported = json.loads(out.read_text("utf-8"))
    first.close()

    second = Library(tmp_path / "two" / "reader.db")
    open_and_annotate(second, write(tmp_path / "b.txt", TEXT))  # the same article is there
    report = second.import_knowledge(out).value
    assert (report.entities_added, report.notes_added, report.conflicts) == (3, 2, [])
    again = export_record(second.store)
    assert comparable(again) == comparable(exported)
    okafor = next(e for e in again["entities"] if e["name"] == "Lena Okafor")
    assert okafor["notes"][0]["article"]["sha256"]  # still linked to the article
    assert okafor["links"] == ["Northern Alliance Party"]

    # Importing the same file again adds nothing.
    twice = second.import_knowledge(out).value
    assert (twice.entities_added, twice.notes_added, twice.notes_already_there) == (0, 0, 2)
    second.close()


def test_importing_merges_by_name_and_reports_conflicts(tmp_path: Path) -> None:
    source = Library(tmp_path / "one" / "reader.db")
    filled(source, tmp_path)
    out = tmp_path / "k.json"
    source.export_json(out)
    source.close()

    target = Library(tmp_path / "two" / "reader.db")
    nap = target.add_note(EntityRef(None, "NAP", Kind.GROUP, ("NAP",)), "Mine.").value[0]
    target.add_note(EntityRef(None, "Lena Okafor", Kind.PLACE, ("Lena Okafor",)), "A street?")
    report = target.import_knowledge(out).value
    entity = target.store.entity(nap)
    assert entity is not None
    assert entity.name == "NAP"  # the name here is kept
    assert "Northern Alliance Party" in entity.aliases
    assert sorted(n.body for n in target.notes(nap)) == ["Founded 1998.", "Mine."]
    assert any("NAP" in c and "Northern Alliance Party" in c for c in report.conflicts)
    assert any("Lena Okafor" in c and "place" in c for c in report.conflicts)
    target.close()


def test_markdown_export_is_a_folder_of_notes_with_front_matter(tmp_path: Path) -> None:
    lib = Library(tmp_path / "reader.db")
    filled(lib, tmp_path)
    folder = tmp_path / "vault"
    assert lib.export_markdown(folder) == 3
    okafor = (folder / "Lena Okafor.md").read_text("utf-8")
    assert okafor.startswith('---\ntitle: "Lena Okafor"\nkind: person\n')
    assert "[[Northern Alliance Party]]" in okafor
    assert "Written while reading “Talks”" in okafor
    party = (folder / "Northern Alliance Party.md").read_text("utf-8")
    assert 'aliases: ["NAP"]' in party
    lib.close()


def test_a_file_that_is_not_an_export_is_refused(tmp_path: Path) -> None:
    lib = Library(tmp_path / "reader.db")
    bogus = write(tmp_path / "x.json", '{"hello": 1}')
    with pytest.raises(ExchangeError, match="not a Reader export"):
        lib.import_knowledge(bogus)
    lib.close()
