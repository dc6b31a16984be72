"""Synthetic, news-like articles with a realistic spread of names (for benchmarks/scale.py).

Each article is a `.txt` file as Reader reads it (a title line, a date line,
the body) of about 500 words: sentences in the shapes news uses ("X, the
minister of Y, said…", "in Z", quotes), filler sentences without names, and
about a dozen distinct names drawn from a Zipf law over some 15,000 made-up
people, groups and places. So a few names are in thousands of articles, a
few hundred in a hundred or more, and most in one or two, as in a real
library. Deterministic for a seed. For every name written, its character
span and spaCy label are returned too: a stand-in model (`stub_spans`) that
lets a 10,000-article library be built in minutes instead of hours; import
throughput itself is measured with the real model.
"""

from __future__ import annotations

import bisect
import itertools
import random
from dataclasses import dataclass
from pathlib import Path

_SYLLABLES = (
    "ka ri mo ta len vor sa de lin ar bel cor dan el fen gar hal is jor kel "
    "mar nor os pel quin ras sel tor ul ven wes yar zan bro cla dre fal gri "
    "hol ker lom mir nal or pra que rin sto tul var"
).split()
_GIVEN = (
    "James Maria Ahmed Olga Chen Fatima John Aisha David Elena Omar Grace Ivan Sara "
    "Peter Leila Samuel Nadia Carlos Hana Michael Yusuf Anna Tomas Ruth Karim Laura "
    "Daniel Mei Victor Amina Paul Ingrid Hassan Clara Mark Sofia Ali Julia Robert"
).split()
_ORG_HEADS = (
    "Party Ministry Council Front Brigade Airways Bank Union Commission Authority "
    "Agency Institute Movement Alliance Corporation Group League Federation"
).split()
_PLACE_TAILS = ("", "", "", " City", " Province", " Valley", " Bay", " Heights")
_ROLES = (
    "spokesman", "head", "deputy director", "chairman", "finance minister",
    "commander", "chief negotiator", "founder", "senior adviser", "president",
)  # fmt: skip
_VERBS = ("said", "told reporters", "announced", "warned", "confirmed", "denied")
_FILLER = [
    "The talks are expected to continue next week after officials failed to agree on a schedule.",
    "Prices rose sharply in the first quarter, according to figures released on Tuesday.",
    "Several hundred people gathered outside the building late into the evening.",
    "The proposal would require approval from a majority of members before it takes effect.",
    "Analysts said the decision could have consequences for trade across the region.",
    "It was not immediately clear how many people had been affected by the outage.",
    "The report, which runs to more than two hundred pages, was delayed twice last year.",
    "Officials declined to comment on the details of the agreement.",
    "Residents described long queues at fuel stations and shortages of basic goods.",
    "The measure passed by a narrow margin after a debate that lasted most of the night.",
    "Critics argue that the plan does little to address the underlying problems.",
    "Supporters say the changes will make the system fairer and easier to use.",
    "The company reported a loss for the third consecutive quarter.",
    "Heavy rain forced the closure of several roads and delayed flights on Monday.",
    "A spokesperson said an investigation had been opened and would report within weeks.",
    "The figures suggest that growth slowed more than economists had forecast.",
    "Negotiators worked through the weekend in an attempt to reach a compromise.",
    "The court is expected to rule on the case before the end of the month.",
    "Thousands of workers joined the strike, halting production at two plants.",
    "The new rules come into force at the start of next year.",
]
_MONTHS = "January February March April May June July August September October November December"


@dataclass(frozen=True)
class Name:
    """A made-up entity: how it is written and the spaCy label a model would give it."""

    text: str
    label: str  # PERSON, ORG, GPE


@dataclass(frozen=True)
class Generated:
    """One article's file text and the (start, end, label) of every name written in it."""

    text: str
    spans: tuple[tuple[int, int, str], ...]


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables)).capitalize()


def make_names(count: int = 15_000, seed: int = 8) -> list[Name]:
    """`count` distinct names, people, groups and places mixed, in Zipf rank order."""
    rng = random.Random(seed)
    names: list[Name] = []
    seen: set[str] = set()
    while len(names) < count:
        r = rng.random()
        if r < 0.45:
            text = f"{rng.choice(_GIVEN)} {_word(rng, rng.randint(2, 3))}"
            label = "PERSON"
        elif r < 0.75:
            text = f"{_word(rng, rng.randint(2, 3))} {rng.choice(_ORG_HEADS)}"
            label = "ORG"
        else:
            text = _word(rng, rng.randint(2, 3)) + rng.choice(_PLACE_TAILS)
            label = "GPE"
        if text not in seen:
            seen.add(text)
            names.append(Name(text, label))
    return names


class Corpus:
    """Draws articles: names by a Zipf law (exponent `s`) over `names`."""

    def __init__(self, names: list[Name], s: float = 1.0, seed: int = 8) -> None:
        self.names = names
        self.rng = random.Random(seed)
        weights = [1.0 / (r + 1) ** s for r in range(len(names))]
        self._cumulative = list(itertools.accumulate(weights))

    def _draw(self, k: int) -> list[Name]:
        picked: dict[str, Name] = {}
        total = self._cumulative[-1]
        while len(picked) < k:
            i = bisect.bisect_left(self._cumulative, self.rng.random() * total)
            name = self.names[min(i, len(self.names) - 1)]
            picked[name.text] = name
        return list(picked.values())

    def article(self, index: int, words: int = 500) -> Generated:
        """Article number `index`: about `words` words, a dozen names."""
        rng = self.rng
        cast = self._draw(rng.randint(8, 16))
        people = [n for n in cast if n.label == "PERSON"] or [cast[0]]
        groups = [n for n in cast if n.label == "ORG"] or [cast[0]]
        places = [n for n in cast if n.label == "GPE"] or [cast[0]]
        parts: list[str] = []
        spans: list[tuple[int, int, str]] = []
        length = 0

        def put(piece: str, name: Name | None = None) -> None:
            nonlocal length
            if name is not None:
                spans.append((length, length + len(piece), name.label))
            parts.append(piece)
            length += len(piece)

        lead = cast[0]
        put(f"{rng.choice(['New', 'Fresh', 'Growing'])} pressure on ")
        put(lead.text, lead)
        put(f" as talks {rng.choice(['stall', 'resume', 'collapse'])}\n")
        put(f"{rng.randint(1, 28)} {rng.choice(_MONTHS.split())} 2024\n\n")
        count = 0
        while count < words:
            sentences = []
            for _ in range(rng.randint(3, 5)):
                sentences.append(rng.random())
            for r in sentences:
                p, g, pl = rng.choice(people), rng.choice(groups), rng.choice(places)
                if r < 0.25:
                    put(p.text, p)
                    put(f", the {rng.choice(_ROLES)} of ")
                    put(g.text, g)
                    put(f", {rng.choice(_VERBS)} in ")
                    put(pl.text, pl)
                    put(" that the plan would go ahead despite objections. ")
                elif r < 0.45:
                    put(f"“We will not accept this,” {rng.choice(_VERBS)} ")
                    put(p.text, p)
                    put(". ")
                elif r < 0.6:
                    put("Officials in ")
                    put(pl.text, pl)
                    put(" said the ")
                    put(g.text, g)
                    put(" had been informed of the decision. ")
                else:
                    put(rng.choice(_FILLER) + " ")
                count += 14
            parts[-1] = parts[-1].rstrip()
            length = sum(map(len, parts))
            put("\n\n")
        return Generated("".join(parts).rstrip() + "\n", tuple(spans))


def write_corpus(folder: Path, count: int, seed: int = 8, start: int = 0) -> dict[str, Generated]:
    """Write articles `start`..`start+count-1` into `folder`; their texts by file name."""
    folder.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(make_names(seed=seed), seed=seed)
    out: dict[str, Generated] = {}
    for i in range(start + count):
        generated = corpus.article(i)
        if i < start:
            continue
        path = folder / f"{i:05d}.txt"
        path.write_text(generated.text, encoding="utf-8")
        out[path.name] = generated
    return out
