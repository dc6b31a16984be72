"""Entity accuracy against gold annotations (the format of ../shared/corpus).

Usage: python benchmarks/accuracy.py [CORPUS_DIR] [--pipeline NAME] [--raw] [--show]

Runs the same code as `reader annotate` (model, then the overlay, with an empty
knowledge base in a throw-away database) on every `gold/*.json` whose `.txt`
sits in CORPUS_DIR or CORPUS_DIR/articles, and prints exact and lenient precision/recall/F1, overall
and per kind. `--raw` scores the model's spans mapped to kinds, without the
overlay, to show what the overlay adds.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

from reader.core.article import load
from reader.core.kinds import kind_for_label
from reader.core.library import Library
from reader.core.overlay import overlay

Span = tuple[int, int, str]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def lenient_counts(pred: list[Span], gold: list[Span]) -> tuple[int, int, int]:
    def hit(a: Span, pool: list[Span]) -> bool:
        return any(a[2] == b[2] and a[0] < b[1] and b[0] < a[1] for b in pool)

    tp_p = sum(hit(p, gold) for p in pred)
    tp_g = sum(hit(g, pred) for g in gold)
    return tp_g, len(pred) - tp_p, len(gold) - tp_g


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "corpus", nargs="?", default=str(Path(__file__).parents[2] / "shared" / "corpus")
    )
    ap.add_argument("--pipeline", default=None)
    ap.add_argument("--raw", action="store_true")
    ap.add_argument("--show", action="store_true", help="print misses and false alarms")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    golds = sorted((corpus / "gold").glob("*.json"))
    if not golds:
        print(f"no gold/*.json under {corpus}", file=sys.stderr)
        return 2
    counts: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library(Path(tmp) / "bench.db", pipeline=args.pipeline)
        for gpath in golds:
            gold_doc = json.loads(gpath.read_text("utf-8"))
            txt = corpus / (gpath.stem + ".txt")
            article = load(txt if txt.exists() else corpus / "articles" / txt.name)
            spans = (lib.cached_run(article) or lib.run_model(article)).spans
            if args.raw:
                pred = [(s.start, s.end, k.value) for s in spans if (k := kind_for_label(s.label))]
            else:
                pred = [(m.start, m.end, m.kind.value) for m in overlay(article.text, spans)]
            gold = [(g["start"], g["end"], g["kind"]) for g in gold_doc["spans"]]
            ps, gs = set(pred), set(gold)
            for kind in ("all", "group", "person", "place"):
                sel_p = {p for p in ps if kind in ("all", p[2])}
                sel_g = {g for g in gs if kind in ("all", g[2])}
                counts[f"{kind}.tp"] += len(sel_p & sel_g)
                counts[f"{kind}.fp"] += len(sel_p - sel_g)
                counts[f"{kind}.fn"] += len(sel_g - sel_p)
                ltp, lfp, lfn = lenient_counts(sorted(sel_p), sorted(sel_g))
                counts[f"{kind}.ltp"] += ltp
                counts[f"{kind}.lfp"] += lfp
                counts[f"{kind}.lfn"] += lfn
            if args.show:
                text = article.text
                for s in sorted(gs - ps):
                    print(f"  miss  {s[0]:5} {s[2]:6} {text[s[0] : s[1]]!r}")
                for s in sorted(ps - gs):
                    print(f"  extra {s[0]:5} {s[2]:6} {text[s[0] : s[1]]!r}")
        lib.close()
    print(
        f"files: {len(golds)}  pipeline: {args.pipeline or 'default'}  "
        f"{'raw model' if args.raw else 'model + overlay'}"
    )
    print(
        f"{'kind':8} {'exact P':>8} {'R':>6} {'F1':>6}   {'lenient P':>9} {'R':>6} {'F1':>6}  gold"
    )
    for kind in ("all", "group", "person", "place"):
        p, r, f = prf(counts[f"{kind}.tp"], counts[f"{kind}.fp"], counts[f"{kind}.fn"])
        lp, lr, lf = prf(counts[f"{kind}.ltp"], counts[f"{kind}.lfp"], counts[f"{kind}.lfn"])
        n = counts[f"{kind}.tp"] + counts[f"{kind}.fn"]
        print(f"{kind:8} {p:8.3f} {r:6.3f} {f:6.3f}   {lp:9.3f} {lr:6.3f} {lf:6.3f}  {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
