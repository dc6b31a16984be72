"""How much of a saved page's article Reader keeps, and how fast it reads pages.

Usage:
    python benchmarks/extraction.py [--dev DIR] [--trafilatura-repo GIT_DIR] [--show]

Two sources, both allowed for tuning (the rest of the Article Extraction
Benchmark and mozilla/readability's pages are reserved: never point this at them):

- the dev set (`../shared/corpus/dev`): eight saved pages (`html/`) with their
  hand-made article bodies (`articles/*.txt`, the body after the title line).
  Scored with the Article Extraction Benchmark's metric: precision and recall of
  4-token shingles (tokens are `\\w+`), each page normalised to weight 1,
  averaged over pages, F1 from the averages. The metric is re-implemented here
  from its description; no benchmark code is copied.
- trafilatura's own evaluation pages (`tests/evaldata.json` and `tests/eval/`,
  `tests/cache/` in a git copy of github.com/adbar/trafilatura, read with
  `git show`, nothing checked out or copied): they have no full bodies, only
  passages that must be in the text ("with") and furniture that must not
  ("without"). Scored as trafilatura scores itself: a "with" passage found is a
  true positive, a "without" passage found a false positive (whitespace
  normalised, substring match).

Three extractions per page: trafilatura alone (`extract(html,
include_comments=False)`, as the benchmark runs it), Reader's body (the
article's text without its title line) and Reader as shown (the whole text the
view shows, title included). Speed: pages per second of Reader's one-pass loader
against the former two-pass one (metadata, then Markdown) on the same pages.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.article import Article, ArticleError
from reader.core.formats import html as html_format

HERE = Path(__file__).resolve().parent
DEFAULT_DEV = HERE.parents[1] / "shared" / "corpus" / "dev"
_TOKEN = re.compile(r"\w+")


# --- the Article Extraction Benchmark's metric -----------------------------------------------


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    count = max(1, len(tokens) - n + 1)
    return Counter(t for i in range(count) if (t := tuple(tokens[i : i + n])))


def page_counts(true: str, pred: str) -> tuple[float, float, float]:
    """(tp, fp, fn) of shingles, normalised to sum to 1 so long pages weigh no more."""
    a, b = shingles(true), shingles(pred)
    tp = float(sum((a & b).values()))
    fp = float(sum((b - a).values()))
    fn = float(sum((a - b).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def shingle_scores(counts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Mean precision and recall over pages, and F1 from those means."""

    def precision(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))

    def recall(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))

    ps = [precision(*c) for c in counts if c[0] + c[1] > 0]
    rs = [recall(*c) for c in counts if c[0] + c[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# --- trafilatura's own with/without metric ---------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Confusion:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, item: dict[str, list[str]], result: str | None) -> None:
        text = _norm(result or "")
        found_with = sum(1 for w in item["with"] if _norm(w) in text) if result else 0
        found_without = sum(1 for w in item["without"] if _norm(w) in text) if result else 0
        self.tp += found_with
        self.fn += len(item["with"]) - found_with
        self.fp += found_without
        self.tn += len(item["without"]) - found_without

    def scores(self) -> tuple[float, float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        acc = (self.tp + self.tn) / max(1, self.tp + self.tn + self.fp + self.fn)
        return p, r, acc, (2 * p * r / (p + r) if p + r else 0.0)


# --- extractors ------------------------------------------------------------------------------


def trafilatura_alone(data: bytes) -> str | None:
    import trafilatura

    result = trafilatura.extract(data, include_comments=False)
    return str(result) if result is not None else None


def reader_article(data: bytes) -> Article | None:
    try:
        return html_format.FORMAT.load(Path("page.html"), data)
    except ArticleError:
        return None


def body_of(article: Article | None) -> str | None:
    """The article's text after its title line (what a body extractor returns)."""
    if article is None:
        return None
    title = next((b for b in article.blocks if b.role == "title"), None)
    return article.text[title.end :] if title is not None else article.text


def shown(article: Article | None) -> str | None:
    return article.text if article is not None else None


def two_pass(data: bytes) -> object:
    """Reader's former loader: metadata in one trafilatura pass, Markdown in a second."""
    import trafilatura

    trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, include_tables=True
    )
    return trafilatura.extract(
        data,
        output_format="markdown",
        include_comments=False,
        include_tables=True,
        include_formatting=True,
        with_metadata=False,
    )


# --- sources ---------------------------------------------------------------------------------


@dataclass
class Page:
    name: str
    data: bytes
    body: str = ""  # hand-made article body (dev set)
    item: dict[str, list[str]] = field(default_factory=dict)  # with/without (trafilatura)


def dev_pages(folder: Path) -> list[Page]:
    pages = []
    for html in sorted((folder / "html").glob("*.html")):
        truth = folder / "articles" / f"{html.stem}.txt"
        if truth.exists():
            text = truth.read_text("utf-8")
            pages.append(Page(html.stem, html.read_bytes(), body=text.partition("\n")[2]))
    return pages


def _git(repo: Path, *args: str, data: bytes | None = None) -> bytes:
    return subprocess.run(
        ["git", "-C", str(repo), *args], input=data, capture_output=True, check=True
    ).stdout


def trafilatura_pages(repo: Path) -> list[Page]:
    """Every annotated page of trafilatura's evaluation, read from its git objects."""
    evaldata: dict[str, dict[str, list[str] | str]] = json.loads(
        _git(repo, "show", "HEAD:tests/evaldata.json")
    )
    listing = _git(repo, "ls-tree", "-r", "--name-only", "HEAD", "tests/eval", "tests/cache")
    present = set(listing.decode("utf-8", "surrogateescape").splitlines())
    pages = []
    for url, item in sorted(evaldata.items()):
        name = str(item["file"])
        path = next(
            (f"tests/{d}/{name}" for d in ("cache", "eval") if f"tests/{d}/{name}" in present), None
        )
        if path is None:
            continue
        data = _git(repo, "show", f"HEAD:{path}")
        with_ = [str(w) for w in item["with"]]
        without = [str(w) for w in item["without"]]
        pages.append(Page(url, data, item={"with": with_, "without": without}))
    return pages


# --- running ---------------------------------------------------------------------------------


def timed(loaders: dict[str, Callable[[bytes], object]], pages: Iterable[Page]) -> dict[str, float]:
    """Pages per second of each loader, taking turns page by page (a busy machine
    slows all of them alike)."""
    spent = dict.fromkeys(loaders, 0.0)
    count = 0
    for page in pages:
        count += 1
        for name, fn in loaders.items():
            start = time.perf_counter()
            with contextlib.suppress(Exception):  # a page that fails still took its time
                fn(page.data)
            spent[name] += time.perf_counter() - start
    return {name: count / seconds for name, seconds in spent.items()}


def score_dev(pages: list[Page], show: bool) -> None:
    print(f"\n## Dev set: {len(pages)} pages, shingle metric (P / R / F1)\n")
    runs: dict[str, list[tuple[float, float, float]]] = {}
    for page in pages:
        article = reader_article(page.data)
        outputs = {
            "trafilatura alone": trafilatura_alone(page.data),
            "Reader body": body_of(article),
            "Reader as shown": shown(article),
        }
        for name, text in outputs.items():
            page_result = page_counts(page.body, text or "")
            runs.setdefault(name, []).append(page_result)
            if show:
                p, r, f = shingle_scores([page_result])
                print(f"  {page.name:45} {name:18} P {p:.3f} R {r:.3f} F1 {f:.3f}")
    print("| extraction | precision | recall | F1 |\n| --- | --- | --- | --- |")
    for name, counts in runs.items():
        p, r, f = shingle_scores(counts)
        print(f"| {name} | {p:.3f} | {r:.3f} | **{f:.3f}** |")


def score_trafilatura(pages: list[Page], show: bool) -> None:
    print(f"\n## trafilatura's evaluation pages: {len(pages)} pages, with/without passages\n")
    runs: dict[str, Confusion] = {}
    for page in pages:
        article = reader_article(page.data)
        outputs = {
            "trafilatura alone": trafilatura_alone(page.data),
            "Reader body": body_of(article),
            "Reader as shown": shown(article),
        }
        for name, text in outputs.items():
            before = Confusion(**vars(runs.setdefault(name, Confusion())))
            runs[name].add(page.item, text)
            if (
                show
                and name == "Reader body"
                and (runs[name].fn > before.fn or runs[name].fp > before.fp)
            ):
                print(
                    f"  {page.name}: missed {runs[name].fn - before.fn}, "
                    f"furniture {runs[name].fp - before.fp}"
                )
    print("| extraction | precision | recall | accuracy | F1 |\n| --- | --- | --- | --- | --- |")
    for name, confusion in runs.items():
        p, r, acc, f = confusion.scores()
        print(f"| {name} | {p:.3f} | {r:.3f} | {acc:.3f} | **{f:.3f}** |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dev", type=Path, default=DEFAULT_DEV, help="the dev set folder")
    ap.add_argument("--trafilatura-repo", type=Path, help="a git copy of adbar/trafilatura")
    ap.add_argument("--limit", type=int, default=0, help="only the first N trafilatura pages")
    ap.add_argument("--speed", action="store_true", help="time one pass against two")
    ap.add_argument("--show", action="store_true", help="per-page figures")
    args = ap.parse_args()
    dev = dev_pages(args.dev) if args.dev.is_dir() else []
    if not dev and not args.trafilatura_repo:
        print(f"no pages: no dev set at {args.dev} and no --trafilatura-repo", file=sys.stderr)
        return 2
    if dev:
        score_dev(dev, args.show)
    others = trafilatura_pages(args.trafilatura_repo) if args.trafilatura_repo else []
    if args.limit:
        others = others[: args.limit]
    if others:
        score_trafilatura(others, args.show)
    if args.speed:
        pages = dev + others
        speeds = timed({"one": reader_article, "two": two_pass}, pages)
        print(f"\n## Speed on {len(pages)} pages\n")
        print("| loader | pages/s |\n| --- | --- |")
        print(f"| Reader, one trafilatura pass (and its clean-up) | {speeds['one']:.1f} |")
        print(f"| former loader, two trafilatura passes | {speeds['two']:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
