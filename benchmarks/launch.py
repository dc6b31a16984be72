"""Launch-to-text, launch-to-highlights and `reader annotate` times.

Usage: python benchmarks/launch.py [ARTICLE] [--runs N]

Starts Reader's real window in a fresh process (benchmarks/launch_probe.py,
offscreen unless DISPLAY is set), which listens to the window's own signals
and reports when it is shown, when the article's text is on screen and when
its highlights are; and times `reader annotate --json`. "cold" runs use a
fresh database (the model runs), "warm" runs reuse it (the model output
comes from the cache). Prints a Markdown table for benchmarks/RESULTS.md.
Wall-clock figures: run on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import json
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
PROBE = Path(__file__).with_name("launch_probe.py")


def reader_cmd() -> list[str]:
    exe = shutil.which("reader", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "reader"]


def gui_run(article: Path, db: Path) -> dict[str, float]:
    """Times from process start to the window's own signals (see launch_probe.py)."""
    env = dict(os.environ, READER_DB=str(db))
    env.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")
    t0 = time.time()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(
            [sys.executable, str(PROBE), str(db), str(article)], env=env, stdout=out, stderr=err
        )
        _, _, usage = os.wait4(proc.pid, 0)  # rusage of this child alone
        out.seek(0)
        err.seek(0)
        lines, stderr = out.read().splitlines(), err.read()
    events = {"peak-rss-mb": usage.ru_maxrss / 1024}
    for line in lines:
        record = json.loads(line)
        events[record["event"]] = record["time"] - t0
    if "highlights-shown" not in events:
        raise SystemExit(f"reader did not report highlights:\n{stderr}")
    events["exit"] = time.time() - t0
    return events


def annotate_run(article: Path, db: Path) -> float:
    env = dict(os.environ, READER_DB=str(db))
    t0 = time.time()
    subprocess.run(
        [*reader_cmd(), "annotate", str(article), "--json"],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return time.time() - t0


def fmt(values: list[float], unit: str = "s") -> str:
    return f"{statistics.median(values):.2f} {unit}" + (
        f" (min {min(values):.2f}, max {max(values):.2f})" if len(values) > 1 else ""
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("article", nargs="?", default=str(DEFAULT_ARTICLE))
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    article = Path(args.article)
    rows: dict[str, list[float]] = {}
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "bench.db"
            cold = gui_run(article, db)
            warm = gui_run(article, db)
            for name in ("window-shown", "text-shown", "highlights-shown", "peak-rss-mb"):
                rows.setdefault(f"GUI {name}, cold cache", []).append(cold[name])
                rows.setdefault(f"GUI {name}, warm cache", []).append(warm[name])
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "bench.db"
            rows.setdefault("annotate --json, cold cache", []).append(annotate_run(article, db))
            rows.setdefault("annotate --json, warm cache", []).append(annotate_run(article, db))
    print(
        f"article: {article.name}, {args.runs} runs, {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print("| measure (times from process start) | median |")
    print("| --- | --- |")
    for name, values in rows.items():
        unit = "MB" if "rss" in name else "s"
        print(f"| {name} | {fmt(values, unit)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
