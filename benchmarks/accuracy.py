"""Entity accuracy against gold annotations (the format of ../shared/corpus).

Usage: python benchmarks/accuracy.py [CORPUS_DIR] [--pipeline NAME ...] [--show] [--db PATH]

Runs the same code as `reader annotate` (model, then the overlay, with an empty
knowledge base) on every `gold/*.json` whose `.txt` sits in CORPUS_DIR or
CORPUS_DIR/articles, and prints, for each pipeline, the raw model (its spans
mapped to kinds, no overlay) beside the full pipeline (model + overlay): exact
and lenient (overlapping span, same kind) precision/recall/F1, overall and per
kind, micro-averaged over files. Gold spans of kind "ignore" (see conll.py) are
left out, with any prediction that overlaps one. `--show` lists the full pipeline's misses and
false alarms; `--db` keeps the model's output between runs (to iterate on the
overlay in a second).
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
KINDS = ("all", "group", "person", "place")
IGNORE = "ignore"


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


def score(counts: Counter[str], pred: set[Span], gold: set[Span]) -> None:
    for kind in KINDS:
        sel_p = {p for p in pred if kind in ("all", p[2])}
        sel_g = {g for g in gold if kind in ("all", g[2])}
        counts[f"{kind}.tp"] += len(sel_p & sel_g)
        counts[f"{kind}.fp"] += len(sel_p - sel_g)
        counts[f"{kind}.fn"] += len(sel_g - sel_p)
        ltp, lfp, lfn = lenient_counts(sorted(sel_p), sorted(sel_g))
        counts[f"{kind}.ltp"] += ltp
        counts[f"{kind}.lfp"] += lfp
        counts[f"{kind}.lfn"] += lfn


def table(title: str, raw: Counter[str], full: Counter[str]) -> str:
    lines = [
        f"### {title}",
        "",
        "| kind | gold | raw exact P / R / F1 | raw lenient F1 "
        "| pipeline exact P / R / F1 | pipeline lenient F1 |",
        "| --- | ---: | --- | ---: | --- | ---: |",
    ]
    for kind in KINDS:
        cells = []
        for c in (raw, full):
            p, r, f = prf(c[f"{kind}.tp"], c[f"{kind}.fp"], c[f"{kind}.fn"])
            lf = prf(c[f"{kind}.ltp"], c[f"{kind}.lfp"], c[f"{kind}.lfn"])[2]
            bold = "**" if kind == "all" else ""
            cells += [f"{p:.3f} / {r:.3f} / {bold}{f:.3f}{bold}", f"{lf:.3f}"]
        n = full[f"{kind}.tp"] + full[f"{kind}.fn"]
        lines.append(f"| {kind} | {n} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "corpus", nargs="?", default=str(Path(__file__).parents[2] / "shared" / "corpus")
    )
    ap.add_argument("--pipeline", action="append", help="repeat to compare pipelines")
    ap.add_argument("--show", action="store_true", help="print the pipeline's misses and extras")
    ap.add_argument("--db", help="library file that keeps the model cache between runs")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    golds = sorted((corpus / "gold").glob("*.json"))
    if not golds:
        print(f"no gold/*.json under {corpus}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "bench.db"
        for name in args.pipeline or [None]:
            lib = Library(db, pipeline=name)
            raw: Counter[str] = Counter()
            full: Counter[str] = Counter()
            for gpath in golds:
                gold_doc = json.loads(gpath.read_text("utf-8"))
                txt = corpus / (gpath.stem + ".txt")
                article = load(txt if txt.exists() else corpus / "articles" / txt.name)
                run = lib.cached_run(article)
                if run is None:
                    run = lib.run_model(article)
                    with lib.store.transaction():
                        lib.store.cache_spans(article.sha256, run.pipeline, run.version, run.spans)
                spans = run.spans
                gold = {(g["start"], g["end"], g["kind"]) for g in gold_doc["spans"]}
                model = {(s.start, s.end, k.value) for s in spans if (k := kind_for_label(s.label))}
                pred = {(m.start, m.end, m.kind.value) for m in overlay(article.text, spans)}
                # "ignore" spans (CoNLL's MISC: nationalities, events) are neither gold
                # nor held against a prediction that touches them.
                ignored = [(g[0], g[1]) for g in gold if g[2] == IGNORE]
                gold = {g for g in gold if g[2] != IGNORE}
                model, pred = (
                    {p for p in found if not any(p[0] < b and a < p[1] for a, b in ignored)}
                    for found in (model, pred)
                )
                score(raw, model, gold)
                score(full, pred, gold)
                if args.show:
                    print(f"== {gpath.stem}")
                    for s in sorted((gold - pred) | (pred - gold)):
                        tag = "miss " if s in gold else "extra"
                        print(f"  {tag} {s[0]:5} {s[2]:6} {article.text[s[0] : s[1]]!r}")
            print(table(f"{corpus.name}: {len(golds)} files, {lib.pipeline_name}", raw, full))
            print()
            lib.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
