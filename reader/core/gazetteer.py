"""Offline name lists that ship in PyPI packages: evidence for the overlay, never a verdict.

`place_names()` are the English names of the world's countries and regions from
the CLDR data Babel ships (BSD): a country the model calls a person ("Malawi")
is a place, as nobody in the news is called Malawi. Names that are also first
names ("Jordan", "Chad", "Georgia") are left out.

`given_names()` is the US census list of first names that the `names` package
ships (5,494 names, MIT). The overlay uses it only as one piece of evidence: a
two- or three-word name that starts with a given name is a person unless the
words in it or around it say otherwise ("Virginia Beach" stays a place). If the
package is missing, the list is empty and the rule is simply off.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

_FILES = ("dist.male.first", "dist.female.first")
# Census first names that are far more often something else in news text.
_NOT_GIVEN = frozenset(
    """will may june april august mark bill rose grace hope faith joy young page lane
    china paris israel jordan georgia virginia carolina florida dakota india kenya
    asia africa america sydney austin dallas houston denver chelsea phoenix savannah
    memphis orlando cleveland lincoln madison jackson washington eden brooks son
    major sunny summer autumn ivory unknown""".split()
)


@functools.cache
def given_names() -> frozenset[str]:
    """Casefolded first names from the `names` package's census lists (empty if absent)."""
    spec = importlib.util.find_spec("names")
    if spec is None or spec.origin is None:
        return frozenset()
    folder = Path(spec.origin).parent
    found: set[str] = set()
    for filename in _FILES:
        try:
            lines = (folder / filename).read_text("ascii", errors="ignore").splitlines()
        except OSError:
            continue
        found.update(line.split(maxsplit=1)[0].casefold() for line in lines if line.strip())
    return frozenset(found - _NOT_GIVEN)


def is_given_name(word: str) -> bool:
    """Whether a capitalised word is a common first name ("Letitia", "Marcelo")."""
    return word[:1].isupper() and word.casefold() in given_names()


# Names in common use that CLDR spells otherwise ("Türkiye", "Côte d'Ivoire", "Myanmar").
_PLACE_ALSO = ("Turkey", "Ivory Coast", "Czech Republic", "Britain", "Great Britain", "Burma")
_AMBIGUOUS_PLACES = frozenset("jordan chad georgia israel india world".split())


@functools.cache
def place_names() -> frozenset[str]:
    """Normalized English names of countries and world regions (empty if Babel is absent)."""
    from reader.core.names import normalize

    try:
        from babel import Locale

        territories = Locale("en").territories
    except Exception:  # a missing or broken Babel only turns the rule off
        return frozenset()
    found = {normalize(name.split(" - ")[0]) for name in territories.values()}
    found.update(normalize(name) for name in _PLACE_ALSO)
    return frozenset(n for n in found if n not in _AMBIGUOUS_PLACES and n not in given_names())


def is_place_name(name: str) -> bool:
    """Whether a name is a country's or a world region's ("Malawi", "UNITED STATES")."""
    from reader.core.names import normalize

    return normalize(name) in place_names()
