"""`reader annotate` loads the model in a second process as it starts (core/early_model.py).

Each test runs the installed command and looks, from a sitecustomize hook, at
what the command's own process imported: spaCy there means the model ran in
that process.
"""

from __future__ import annotations

import json
import os

import pytest

from ._cli import SAMPLE, Cli

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not hasattr(os, "sched_getaffinity") or len(os.sched_getaffinity(0)) < 2,
        reason="one core: the model always runs in the command's own process",
    ),
]

# Written by the command's process at exit: whether it imported spaCy itself.
HOOK = """
import atexit, sys
def _report():
    with open({out!r}, "w") as f:
        f.write(str("spacy" in sys.modules))
atexit.register(_report)
{extra}
"""


def annotate(cli: Cli, db: str, extra: str = "", **env: str) -> tuple[dict[str, object], bool]:
    """`reader annotate SAMPLE --json` on library `db`: its JSON and whether it imported spaCy."""
    hook_dir = cli.cwd / f"hook-{db}"
    hook_dir.mkdir(exist_ok=True)
    out = hook_dir / "spacy-imported"
    (hook_dir / "sitecustomize.py").write_text(HOOK.format(out=str(out), extra=extra), "utf-8")
    result = cli.run_with_env(
        {"PYTHONPATH": str(hook_dir), "READER_DB": str(cli.cwd / f"{db}.db"), **env},
        "annotate",
        str(SAMPLE),
        "--json",
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout), out.read_text() == "True"


def test_a_cold_annotate_gives_the_same_spans_with_the_model_in_a_second_process(
    cli: Cli,
) -> None:
    forked, spacy_here = annotate(cli, "forked")
    assert forked["spans"], "the sample article has entities"
    assert not spacy_here  # the model was loaded and run elsewhere
    alone, spacy_alone = annotate(cli, "alone", READER_MODEL_PROCESSES="1")
    assert spacy_alone
    assert forked == alone


def test_a_cached_annotate_never_imports_spacy(cli: Cli) -> None:
    first, _ = annotate(cli, "lib")
    again, spacy_here = annotate(cli, "lib")
    assert again == first
    assert not spacy_here


def test_a_model_process_that_dies_leaves_the_model_to_the_command(cli: Cli) -> None:
    dies = "import os, reader.core.early_model as em\nem._child = lambda conn: os._exit(1)\n"
    forked, spacy_here = annotate(cli, "dies", extra=dies)
    assert spacy_here  # it ran the model itself
    alone, _ = annotate(cli, "alone", READER_MODEL_PROCESSES="1")
    assert forked == alone


def test_a_missing_pipeline_reads_the_same_from_the_model_process(cli: Cli) -> None:
    messages = []
    for processes in ("2", "1"):
        result = cli.run_with_env(
            {"READER_MODEL_PROCESSES": processes},
            "annotate",
            str(SAMPLE),
            "--pipeline",
            "xx_no_such_pipeline_sm",
        )
        assert result.returncode == 1
        messages.append(result.stderr)
    assert messages[0] == messages[1]
    assert "xx_no_such_pipeline_sm" in messages[0]
    assert "Traceback" not in messages[0]
