"""Build articles/*.txt and gold/*.json from the marked-up sources in src/.

Markup: {p|Name} person, {g|Name} group, {l|Name} place. Nothing else in the
sources uses curly braces. Run: python3 build.py
"""

import hashlib
import json
import pathlib
import re

HERE = pathlib.Path(__file__).resolve().parent
KINDS = {"p": "person", "g": "group", "l": "place"}
MARK = re.compile(r"\{([pgl])\|([^{}|]+)\}")

for src in sorted((HERE / "src").glob("h*.txt")):
    raw = src.read_text(encoding="utf-8")
    out, spans, pos = [], [], 0
    n = 0
    for m in MARK.finditer(raw):
        out.append(raw[pos : m.start()])
        n += len(raw[pos : m.start()])
        name = m.group(2)
        spans.append({"start": n, "end": n + len(name), "text": name, "kind": KINDS[m.group(1)]})
        out.append(name)
        n += len(name)
        pos = m.end()
    out.append(raw[pos:])
    text = "".join(out)
    assert "{" not in text, src.name
    assert "}" not in text, src.name
    text = text.rstrip("\n") + "\n"
    data = text.encode("utf-8")
    (HERE / "articles" / src.name).write_bytes(data)
    gold = {"text_sha256": hashlib.sha256(data).hexdigest(), "spans": spans}
    (HERE / "gold" / (src.stem + ".json")).write_text(
        json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{src.stem}: {len(text.split())} words, {len(spans)} spans")
