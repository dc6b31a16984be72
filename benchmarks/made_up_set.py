"""Build and check a made-up news set (benchmarks/news-made-up-N) with its gold.

Usage:
    python benchmarks/made_up_set.py build DIR   # articles/ and gold/ from src/
    python benchmarks/made_up_set.py check DIR [-q]

Sources in DIR/src mark names inline: {p|Name} person, {g|Name} group, {l|Name}
place; nothing else in them uses curly braces. `build` writes the texts and their
gold in the format of shared/corpus/dev (offsets are Python str indices), so
offsets and hashes never drift from the text. `check` verifies the hashes, the
spans against the text, kinds, order and overlaps, and lists for review
capitalised words left unmarked, names marked in one place but bare in another,
and names given two kinds (-q: errors only).
"""

from __future__ import annotations

import hashlib
import json
import pathlib
import re
import sys

MARK_KINDS = {"p": "person", "g": "group", "l": "place"}
MARK = re.compile(r"\{([pgl])\|([^{}|]+)\}")


def render(raw: str) -> tuple[str, list[dict[str, object]]]:
    """Strip the markup from one source and return the text and its spans."""
    out: list[str] = []
    spans: list[dict[str, object]] = []
    pos = 0
    n = 0
    for m in MARK.finditer(raw):
        out.append(raw[pos : m.start()])
        n += m.start() - pos
        name = m.group(2)
        spans.append(
            {"start": n, "end": n + len(name), "text": name, "kind": MARK_KINDS[m.group(1)]}
        )
        out.append(name)
        n += len(name)
        pos = m.end()
    out.append(raw[pos:])
    text = "".join(out)
    if "{" in text or "}" in text:
        raise ValueError("stray brace left after markup")
    return text.rstrip("\n") + "\n", spans


def build(here: pathlib.Path) -> None:
    """Write every article and its gold file from `src/`, and print word and span counts."""
    (here / "articles").mkdir(exist_ok=True)
    (here / "gold").mkdir(exist_ok=True)
    for src in sorted((here / "src").glob("*.txt")):
        text, spans = render(src.read_text(encoding="utf-8"))
        data = text.encode("utf-8")
        (here / "articles" / src.name).write_bytes(data)
        gold = {"text_sha256": hashlib.sha256(data).hexdigest(), "spans": spans}
        (here / "gold" / (src.stem + ".json")).write_text(
            json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(f"{src.stem}: {len(text.split())} words, {len(spans)} spans")


KINDS = {"person", "group", "place"}
STOP = set(
    """
A An The This That These Those It Its In On At For From By With Without Of To And But Or Nor
So If As
After Before When While Where What Who Why How Under Over Since Until Some Many Most More
One Two Three Four Five Six Seven Eight Nine Ten Half Both Each Every All Any No Not Our We
I He She They You Your His Her Their My Me Us Them Today Now Last Next Early Earlier
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
President Prime Minister Chief Executive Colonel Dr Mr Mrs Ms King Sheriff Judge Special Agent
GMT
""".split()
)


def check(here: pathlib.Path, quiet: bool) -> int:
    """Check the set's gold against its texts; list possible misses unless `quiet`."""
    errors = 0
    totals = {k: 0 for k in KINDS}
    for gp in sorted((here / "gold").glob("*.json")):
        tp = here / "articles" / (gp.stem + ".txt")
        data = tp.read_bytes()
        text = data.decode("utf-8")
        gold = json.loads(gp.read_text(encoding="utf-8"))
        errs = []
        if hashlib.sha256(data).hexdigest() != gold["text_sha256"]:
            errs.append("sha256 mismatch")
        if not text.endswith("\n") or text.endswith("\n\n"):
            errs.append("text must end with exactly one newline")
        prev_end = -1
        covered = [False] * len(text)
        for s in gold["spans"]:
            st, en = s["start"], s["end"]
            if text[st:en] != s["text"]:
                errs.append(f"text mismatch at {st}: {text[st:en]!r} != {s['text']!r}")
            if s["kind"] not in KINDS:
                errs.append(f"bad kind {s['kind']!r} at {st}")
            if st < prev_end:
                errs.append(f"unsorted/overlapping span at {st} {s['text']!r}")
            if s["text"] != s["text"].strip() or not s["text"]:
                errs.append(f"whitespace at span edge {s['text']!r}")
            if re.match(r"(?i)the\s", s["text"]):
                errs.append(f"leading 'the' in {s['text']!r}")
            if re.search(r"['’]s?$", s["text"]):
                errs.append(f"trailing apostrophe/possessive in {s['text']!r}")
            if (st > 0 and text[st - 1].isalnum()) or (en < len(text) and text[en].isalnum()):
                errs.append(f"span cuts a word: {text[max(0, st - 3) : en + 3]!r}")
            prev_end = en
            for i in range(st, en):
                covered[i] = True
            totals[s["kind"]] = totals.get(s["kind"], 0) + 1
        for e in errs:
            print(f"ERROR {gp.stem}: {e}")
        errors += len(errs)
        if quiet:
            continue
        # capitalised words not covered
        bare = []
        for m in re.finditer(r"[^\W\d_][\w'’.\-]*", text):
            w = m.group(0).rstrip(".'’-")
            if not w[0].isupper() or any(covered[m.start() : m.start() + len(w)]):
                continue
            base = re.sub(r"['’]s$", "", w)
            if base in STOP:
                continue
            bare.append(f"{w}")
        if bare:
            print(f"{gp.stem}: uncovered capitalised: {', '.join(sorted(set(bare)))}")
        # annotated strings that also occur bare; kind conflicts
        kinds: dict[str, set[str]] = {}
        for s in gold["spans"]:
            kinds.setdefault(s["text"], set()).add(s["kind"])
        for name, ks in kinds.items():
            if len(ks) > 1:
                print(f"{gp.stem}: NOTE {name!r} has kinds {sorted(ks)}")
            for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
                if not all(covered[m.start() : m.end()]):
                    print(
                        f"{gp.stem}: NOTE bare occurrence of {name!r} at {m.start()}: "
                        f"{text[max(0, m.start() - 30) : m.end() + 30]!r}"
                    )
    print(
        f"{'FAIL' if errors else 'OK'}: {errors} errors; spans per kind: "
        + ", ".join(f"{k} {totals[k]}" for k in sorted(totals))
    )
    return 1 if errors else 0


def main() -> int:
    if len(sys.argv) < 3 or sys.argv[1] not in ("build", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    here = pathlib.Path(sys.argv[2]).resolve()
    if sys.argv[1] == "build":
        build(here)
        return 0
    return check(here, "-q" in sys.argv[3:])


if __name__ == "__main__":
    raise SystemExit(main())
