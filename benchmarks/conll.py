"""Real news with gold from CoNLL-2003 (Reuters, 1996), in the layout accuracy.py reads.

Usage: python benchmarks/conll.py CONLL_FILE OUT_DIR
       python benchmarks/accuracy.py OUT_DIR --pipeline NAME

The made-up sets are written by people who introduce everyone in full; CoNLL's
English half is real wire copy (datelines, line-ups, market reports, surnames
alone), so a rule that only fits the made-up sets shows here. The data is not
ours to ship: take `eng.testa` (read its errors freely) and `eng.testb` (keep it
held out) from any public copy, e.g. the GitHub repository
NguyenHoangAn0511/Name-entity-recognition-using-BERT (`conll2003/`).

The file must be the four-column CoNLL format (word, POS, chunk, NER in IOB1 or
IOB2). Stories are split where a line of a date ("1996-08-30") follows the
headline, since copies without -DOCSTART- lines are common. Tables of results
(fewer than 45 % lower-case words) and stories under 80 tokens are left out.
PER, ORG and LOC become person, group and place; MISC (nationalities, events,
products) becomes "ignore", which accuracy.py leaves out of the score with any
prediction that touches it: Reader calls "American" a group, CoNLL does not.
Conventions still differ (CoNLL makes a country's team a place, and a
"White House" a place), so compare commits on these files, not with other sets.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

Token = tuple[str, str]
_DATE = re.compile(r"^\d{4}-\d\d-\d\d$")
_NO_SPACE_BEFORE = frozenset([*",.:;?!)%", "'s", "'S", "'", "n't", "'re", "'m", "'ve", "'d", "'ll"])
_KINDS = {"PER": "person", "ORG": "group", "LOC": "place", "MISC": "ignore"}


def sentences(path: Path) -> list[list[Token]]:
    out: list[list[Token]] = []
    current: list[Token] = []
    for line in path.read_text("utf-8").splitlines():
        fields = line.split()
        if not fields or fields[0] == "-DOCSTART-":
            if current:
                out.append(current)
                current = []
            continue
        current.append((fields[0], fields[-1]))
    if current:
        out.append(current)
    return out


def stories(sents: list[list[Token]]) -> list[list[list[Token]]]:
    """Split where a headline is followed by its dateline ("LONDON 1996-08-30")."""
    docs: list[list[list[Token]]] = []
    doc: list[list[Token]] = []
    for i, sent in enumerate(sents):
        nxt = sents[i + 1] if i + 1 < len(sents) else None
        if nxt is not None and len(nxt) <= 8 and _DATE.match(nxt[-1][0]) and doc:
            docs.append(doc)
            doc = []
        doc.append(sent)
    if doc:
        docs.append(doc)
    return docs


def detokenize(sent: list[Token], quote_open: bool) -> tuple[str, list[tuple[int, int]], bool]:
    """The sentence as a reporter wrote it, each token's offsets, and the quote state."""
    text, offsets, previous = "", [], ""
    for word, _ in sent:
        space = bool(text) and word not in _NO_SPACE_BEFORE and previous not in ("(", "$")
        if word == '"':
            if quote_open:
                space = False
            quote_open = not quote_open
        elif previous == '"' and quote_open:
            space = False
        if space:
            text += " "
        offsets.append((len(text), len(text) + len(word)))
        text += word
        previous = word
    return text, offsets, quote_open


def article(doc: list[list[Token]]) -> tuple[str, list[dict[str, object]]]:
    """Headline, dateline and one sentence a paragraph; spans over the text."""
    text, spans, quote_open = "", [], False
    for k, sent in enumerate(doc):
        if k:
            text += "\n\n"
        line, offsets, quote_open = detokenize(sent, quote_open)
        base = len(text)
        text += line
        i = 0
        while i < len(sent):
            tag = sent[i][1]
            if tag == "O":
                i += 1
                continue
            kind, first = tag[2:], i
            i += 1
            while i < len(sent) and sent[i][1] == "I-" + kind:
                i += 1
            start, end = base + offsets[first][0], base + offsets[i - 1][1]
            spans.append(
                {"start": start, "end": end, "text": text[start:end], "kind": _KINDS[kind]}
            )
    return text + "\n", spans


def prose(doc: list[list[Token]]) -> bool:
    tokens = [word for sent in doc[2:] for word, _ in sent]
    words = [w for w in tokens if w.isalpha()]
    return (
        len(tokens) >= 80 and bool(words) and sum(w.islower() for w in words) >= 0.45 * len(words)
    )


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    source, out = Path(sys.argv[1]), Path(sys.argv[2])
    (out / "articles").mkdir(parents=True, exist_ok=True)
    (out / "gold").mkdir(exist_ok=True)
    docs = stories(sentences(source))
    kept = 0
    for n, doc in enumerate(docs):
        if not prose(doc):
            continue
        text, spans = article(doc)
        stem = f"c{n:03d}"
        (out / "articles" / f"{stem}.txt").write_text(text, "utf-8")
        sha = hashlib.sha256(text.encode()).hexdigest()
        gold = json.dumps({"text_sha256": sha, "spans": spans}, ensure_ascii=False)
        (out / "gold" / f"{stem}.json").write_text(gold, "utf-8")
        kept += 1
    print(f"{source.name}: {len(docs)} stories, {kept} of prose written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
