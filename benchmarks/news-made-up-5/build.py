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
        spans.append({"start": n, "end": n + len(name), "text": name, "kind": KINDS[m.group(1)]})
        out.append(name)
        n += len(name)
        pos = m.end()
    out.append(raw[pos:])
    text = "".join(out)
    if "{" in text or "}" in text:
        raise ValueError("stray brace left after markup")
    return text.rstrip("\n") + "\n", spans


def main() -> None:
    """Write every article and its gold file, and print word and span counts."""
    (HERE / "articles").mkdir(exist_ok=True)
    (HERE / "gold").mkdir(exist_ok=True)
    for src in sorted((HERE / "src").glob("i*.txt")):
        text, spans = render(src.read_text(encoding="utf-8"))
        data = text.encode("utf-8")
        (HERE / "articles" / src.name).write_bytes(data)
        gold = {"text_sha256": hashlib.sha256(data).hexdigest(), "spans": spans}
        (HERE / "gold" / (src.stem + ".json")).write_text(
            json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(f"{src.stem}: {len(text.split())} words, {len(spans)} spans")


if __name__ == "__main__":
    main()
