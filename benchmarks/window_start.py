"""Time from launch to window and to highlights on a real X screen (Xvfb), for any build.

    python benchmarks/window_start.py [--runs N] PROGRAM [PROGRAM...]

e.g. `.venv/bin/reader dist/reader/reader`. Each run starts PROGRAM with a new
database (cold: spaCy loads and the model runs on the sample article) and then
again with the same one (warm: the model's output is cached). It watches the
screen with tests/release/_screen.py, so it needs no hook in Reader and works
the same for a venv and a frozen bundle. Prints a Markdown table of medians.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

SCREEN = Path(__file__).resolve().parents[1] / "tests" / "release" / "_screen.py"


def watch(program: str, db: Path) -> tuple[float, float]:
    """(window shown, highlights shown) in seconds from launch."""
    env = dict(os.environ, READER_DB=str(db))
    env.pop("QT_QPA_PLATFORM", None)
    proc = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", sys.executable, str(SCREEN),
         "--", program],
        env=env, capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    return float(seen["window_s"]), float(seen["highlights_s"])


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s ({min(values):.2f}–{max(values):.2f})"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("programs", nargs="+")
    args = parser.parse_args()
    rows: dict[str, dict[str, list[float]]] = {
        p: {"cold window": [], "cold highlights": [], "warm window": [], "warm highlights": []}
        for p in args.programs
    }
    for _ in range(args.runs):
        for program in args.programs:  # interleaved, so load changes hit every program alike
            with tempfile.TemporaryDirectory() as tmp:
                db = Path(tmp) / "reader.db"
                for phase in ("cold", "warm"):
                    window, highlights = watch(program, db)
                    rows[program][f"{phase} window"].append(window)
                    rows[program][f"{phase} highlights"].append(highlights)
    print(
        f"| program ({args.runs} runs: median (min–max)) | "
        + " | ".join(rows[args.programs[0]])
        + " |"
    )
    print("| --- " * (1 + len(rows[args.programs[0]])) + "|")
    for program, measures in rows.items():
        print(f"| `{program}` | " + " | ".join(summary(v) for v in measures.values()) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
