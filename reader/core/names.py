"""Name helpers: the matching form of a name, surnames, acronyms, finding names in text.

Small pure functions with their own tests; the overlay, the store and the
library all compare names through `normalize`, so "the U.S.", "U.S." and
"U.S.'s" are one name everywhere.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from reader.core import rules

APOSTROPHES = "'’‘ʼ`´"
APOS_CLASS = "['’‘ʼ`´]"
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")


@functools.lru_cache(maxsize=1 << 16)  # the overlay asks for the same few names again and again
def normalize(name: str) -> str:
    """Matching form of a name: casefolded, one apostrophe, no "the", no possessive."""
    s = " ".join(name.split())
    for ch in APOSTROPHES[1:]:
        s = s.replace(ch, "'")
    s = s.casefold()
    if s.startswith("the "):
        s = s[4:]
    if s.endswith("'s"):
        s = s[:-2]
    return s.rstrip("'").strip()


def acronym_of(name: str, acronym: str) -> bool:
    """Whether `acronym` abbreviates `name`: its capitals are the name's initials, in order.

    "Joint Border Security Commission (JBSC)" yes; "KABUL (Reuters)" no.
    """
    caps = [c for c in acronym if c.isupper()]
    if len(caps) < 2:
        return False
    # Every word counts, small ones too: "al-Qaeda in the Arabian Peninsula (AQAP)".
    initials = [
        part[0].upper()
        for word in name.replace("-", " ").split()
        for part in [word.strip("'’")]
        if part and part[0].isalpha()
    ]
    if not initials or initials[0] != caps[0]:
        return False
    it = iter(initials)
    return all(any(c == i for i in it) for c in caps)


def surname_of(name: str) -> str | None:
    """The word of a multi-word person name that can stand for the person alone.

    Mostly the last word; the first where a Chinese or Korean name puts the
    family name first ("Wang Donghai" is later "Wang", "Lee Jae-myung" "Lee").
    """
    words = name.split()
    family = family_name_first(words)
    if family is not None:
        return family
    while len(words) > 2 and normalize(words[-1]).rstrip(".,") in rules.NAME_SUFFIXES:
        words = words[:-1]  # "Robert Lee Thompson Jr." is called "Thompson"
    last = words[-1].rstrip(",") if len(words) >= 2 else ""
    if len(last) < 3 or last.islower() or normalize(last) in rules.AMBIGUOUS_WORDS:
        return None
    if normalize(last) in rules.PERSON_TITLES:
        return None  # "Martin Luther King Jr.": "King" alone is as often the title
    if normalize(last).rstrip(".") in rules.NAME_SUFFIXES or re.search(r"-[a-z]", last):
        return None  # "Jr." after a single name, "III"; "Kim Jong-un" is not "Jong-un"
    return last


_PINYIN_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|an|ao|ei|en|er|ia|ie|in|iu|ou|"
    r"ua|ue|ui|un|uo|a|e|i|o|u)"
)
_PINYIN_NAME = re.compile(rf"(?:{_PINYIN_SYLLABLE}){{1,3}}")
# A given name spelt with a hyphen: "Ing-wen", "Jae-myung", "In-so".
_HYPHENATED_GIVEN = re.compile(r"[A-Z][a-z]{1,5}-[a-z]{1,5}")


def family_name_first(words: Sequence[str]) -> str | None:
    """The family name that opens a Chinese or Korean name, or None.

    Only where the rest reads as such a given name (a pinyin word, a hyphenated
    pair, or a Korean two-syllable pair), so "Lee Anderson" and "Long John" keep
    their Western order.
    """
    if not 2 <= len(words) <= 3 or not words[0][:1].isupper() or not words[0].isalpha():
        return None
    family, rest = words[0].casefold(), words[1:]
    chinese = family in rules.CHINESE_SURNAMES
    korean = family in rules.KOREAN_SURNAMES
    if not (chinese or korean):
        return None
    if len(rest) == 1 and _HYPHENATED_GIVEN.fullmatch(rest[0]):
        return words[0]
    if chinese and len(rest) == 1 and _PINYIN_NAME.fullmatch(rest[0].casefold()):
        return words[0] if rest[0][:1].isupper() and rest[0][1:].islower() else None
    if (
        korean
        and len(rest) == 2
        and all(w[:1].isupper() and w[1:].islower() and 2 <= len(w) <= 5 for w in rest)
        and rest[-1].casefold() not in rules.KOREAN_SURNAMES
    ):
        return words[0]  # "Yoon Suk Yeol", "Kim Jong Un"; not "Sung Hyun Park" (Western order)
    return None


# --- finding many names in a text at once ---------------------------------------------------


@functools.lru_cache(maxsize=1 << 14)  # an article's names are searched for in others too
def _alias_atoms(alias: str) -> tuple[tuple[str, ...], bool] | None:
    """Regex pieces for a name (one per character), and whether case must match."""
    alias = _LEADING_THE.sub("", " ".join(alias.split()))
    if not 2 <= len(alias) <= rules.MAX_NAME:
        return None
    # Acronyms and short names must match case exactly ("US" is not "us"). Others
    # keep their own letters and rely on IGNORECASE: casefolding would turn
    # "Strauß" into "strauss", which the text does not contain.
    exact = alias.isupper() or len(alias) <= 4
    atoms = tuple(
        APOS_CLASS if ch in APOSTROPHES else r"\s+" if ch == " " else re.escape(ch) for ch in alias
    )
    return atoms, exact


def _trie_regex(names: Iterable[Sequence[str]]) -> str:
    """One regex for many names, shaped as a prefix tree.

    A flat alternation of 30,000 names is tried name by name at every position
    (48 s on a 2 MB article); the tree shares prefixes, so each position costs
    only the length of the longest match. Longer names win: optional tails are greedy.
    """
    trie: dict[str, Any] = {}
    for atoms in names:
        node = trie
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        chain = []
        while len(node) == 1 and "" not in node:  # one way on: no group needed (and no call)
            ((atom, node),) = node.items()
            chain.append(atom)
        ends = "" in node
        branches = [atom + emit(child) for atom, child in node.items() if atom]
        if not branches:
            return "".join(chain)
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "".join(chain) + f"(?:{body})?"
        return "".join(chain) + body

    return emit(trie)


# Not inside another word, but "Hezbollah" in "pro-Hezbollah" counts. The usual case
# first, and the prefixes only after a hyphen: inside a word, where most positions a
# scan tries are, two lookbehinds fail instead of eight (issue 8: 40% of the scan).
# The branches exclude each other, so their order changes no match.
_BEFORE_NAME = (
    r"(?:(?<![\w-])|(?<=-)(?:" + "|".join(f"(?<={p}-)" for p in rules.NAME_PREFIXES) + "))"
)


def find_names(text: str, names: Iterable[str]) -> Iterator[tuple[int, int, str]]:
    """Every occurrence of any of `names` as (start, end, normalized name).

    One prefix-tree regex per case mode, so an article is scanned twice however
    many names the knowledge base holds. Matches must contain a capital letter,
    so "brown" is not "Brown".
    """
    for pattern in _name_patterns(tuple(names)):
        for m in pattern.finditer(text):
            if any(ch.isupper() for ch in m.group()):
                yield m.start(), m.end(), normalize(m.group())


@functools.lru_cache(maxsize=16)
def _name_patterns(names: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """The compiled regexes for a set of names, exact-case ones first.

    Kept: the knowledge base's names are the same for every article a
    correction refreshes, and building their tree cost more than the rest of
    the overlay (issue 8: 5 ms per article with 300 entities).
    """
    groups: dict[bool, list[Sequence[str]]] = {True: [], False: []}
    for name in names:
        found = _alias_atoms(name)
        if found is not None:
            groups[found[1]].append(found[0])
    return tuple(
        re.compile(
            rf"{_first_letters(group, exact)}{_BEFORE_NAME}(?:{_trie_regex(group)})(?![\w])",
            0 if exact else re.IGNORECASE,
        )
        for exact, group in groups.items()
        if group
    )


def _first_letters(names: list[Sequence[str]], exact: bool) -> str:
    """A lookahead for the characters names start with ("" when one starts otherwise).

    Without it the lookbehinds of _BEFORE_NAME are tried at every position of the
    text; a character class rejects most positions at once (a third of the overlay).
    """
    firsts: set[str] = set()
    for atoms in names:
        first = atoms[0]
        plain = first[1:] if first.startswith("\\") and len(first) == 2 else first
        if len(plain) != 1:
            return ""
        firsts.add(plain)
        if not exact:
            firsts.update({plain.lower(), plain.upper()})
    return "(?=[" + "".join(re.escape(c) for c in sorted(firsts)) + "])"


def longest_first(matches: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Longer matches claim their text before the shorter names inside them."""
    return sorted(matches, key=lambda c: (c[0] - c[1], c[0]))
