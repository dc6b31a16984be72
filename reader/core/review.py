"""Review mode's bookkeeping: which highlights were accepted, which are left, what is next.

Review mode steps through an article's highlights and takes one decision per
key. Every decision that changes something is an ordinary correction; the one
that changes nothing, accepting, is remembered here, keyed by the article's
text hash and the highlight's exact extent and kind, so a highlight whose kind
or extent changes afterwards is up for review again. The window keeps the
acceptances in the library too (`persist`), so a review goes on after a restart.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence

from reader.core.corrections import word_span
from reader.core.kinds import Kind
from reader.core.overlay import Mention

Key = tuple[int, int, Kind]


def key_of(mention: Mention) -> Key:
    """What acceptance is remembered by: the extent and the kind."""
    return (mention.start, mention.end, mention.kind)


class ReviewLog:
    """The highlights accepted, per article (by text hash).

    `persist(sha256, key, accepted)` is told of every change, to store it.
    """

    def __init__(self, persist: Callable[[str, Key, bool], object] | None = None) -> None:
        self._accepted: dict[str, set[Key]] = {}
        self._persist = persist

    def has(self, sha256: str) -> bool:
        """Whether this article's acceptances were loaded (or made) already."""
        return sha256 in self._accepted

    def load(self, sha256: str, keys: Iterable[Key]) -> None:
        """The stored acceptances of an article (those made since stay)."""
        self._accepted.setdefault(sha256, set()).update(keys)

    def accepted(self, sha256: str) -> frozenset[Key]:
        """The accepted highlights of one article."""
        return frozenset(self._accepted.get(sha256, ()))

    def accept(self, sha256: str, key: Key) -> None:
        """Remember a highlight as right."""
        self._accepted.setdefault(sha256, set()).add(key)
        if self._persist is not None and sha256:
            self._persist(sha256, key, True)

    def forget(self, sha256: str, key: Key) -> None:
        """Take an acceptance back."""
        self._accepted.get(sha256, set()).discard(key)
        if self._persist is not None and sha256:
            self._persist(sha256, key, False)

    def left(self, sha256: str, mentions: Sequence[Mention]) -> list[Mention]:
        """The highlights not accepted yet, in text order."""
        done = self._accepted.get(sha256, set())
        return [m for m in mentions if key_of(m) not in done]


def next_left(
    left: Sequence[Mention], position: int, forward: bool = True, inclusive: bool = False
) -> Mention | None:
    """The highlight left to review after (or before) `position`, wrapping around.

    `left` is in text order. `inclusive` also takes one starting at `position`.
    """
    if not left:
        return None
    starts = [m.start for m in left]
    if forward:
        i = (bisect.bisect_left if inclusive else bisect.bisect_right)(starts, position)
        return left[i % len(left)]
    i = (bisect.bisect_right if inclusive else bisect.bisect_left)(starts, position) - 1
    return left[i]


def next_word_end(text: str, end: int) -> int | None:
    """Where a highlight ending at `end` ends once extended by the next word.

    The next word is on the same line, after spaces only: extending never
    crosses a paragraph or punctuation ("Port Amira, Harbour" stays apart).
    """
    i = end
    while i < len(text) and text[i] in " \t\u00a0":
        i += 1
    if i >= len(text):
        return None
    word = word_span(text, i)
    if word is None or word[1] <= end:
        return None
    return word[1]
