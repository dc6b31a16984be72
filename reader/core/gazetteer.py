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

`world_given_names()` are the first names of some ninety locales that Faker
ships (MIT), without the English ones, common words and known towns: "Nikola
Vukadinović" and "Thandiwe Dlamini" start with given names too.

`company_names()` are the companies of the main stock indices that
`pytickersymbols` lists (MIT): "Morgan Stanley" is a firm wherever the model
calls it a person.

`city_names()` are towns (GeoNames via `geotext`) and provinces and states
(`countryinfo`) whose names are nobody's: the model knows "Texas" but not
"Sinaloa", "Hatay" or "Albay", which it calls groups.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import itertools
import json
import os
import re
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

_FILES = ("dist.male.first", "dist.female.first")
# Census first names that are far more often something else in news text.
_NOT_GIVEN = frozenset(
    """will may june april august mark bill rose grace hope faith joy young page lane
    china paris israel jordan georgia virginia carolina florida dakota india kenya
    asia africa america sydney austin dallas houston denver chelsea phoenix savannah
    memphis orlando cleveland lincoln madison jackson washington eden brooks son
    major sunny summer autumn ivory unknown liga jet philippine santa sky river""".split()
)


def _package_path(package: str, *parts: str) -> Path | None:
    """A data file or folder inside an installed package, found without importing it.

    Importing geotext would build indexes Reader never uses, and Faker's import
    loads every locale; only their data are read.
    """
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent.joinpath(*parts)
    return path if path.exists() else None


@functools.cache
def given_names() -> frozenset[str]:
    """Casefolded first names from the `names` package's census lists (empty if absent)."""
    folder = _package_path("names")
    if folder is None:
        return frozenset()
    found: set[str] = set()
    for filename in _FILES:
        try:
            lines = (folder / filename).read_text("ascii", errors="ignore").splitlines()
        except OSError:
            continue
        found.update(line.split(maxsplit=1)[0].casefold() for line in lines if line.strip())
    return frozenset(found - _NOT_GIVEN)


def _person_providers() -> Path | None:
    return _package_path("faker", "providers", "person")


@functools.cache
def world_given_names() -> frozenset[str]:
    """`_read_world_given_names`, kept in the user's cache folder between runs."""
    return _kept("given", _read_world_given_names)


_LATIN_NAME = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))+")


@functools.cache
def world_surnames() -> frozenset[str]:
    """`_read_world_surnames`, kept in the user's cache folder between runs."""
    return _kept("surnames", _read_world_surnames)


def is_world_surname(word: str) -> bool:
    """A surname of one of Faker's ninety locales ("Kohli", "Scholz", "Erdogan")."""
    return _unaccented(word.casefold()) in world_surnames()


def _read_world_surnames() -> frozenset[str]:
    """Last names of Faker's person providers (MIT), Latin script, unaccented.

    Evidence that a lone word the model took for a person is one, where the
    article never gives a first name. Towns and countries are left out.
    """
    found = _faker_names(("last_names", "last_names_male", "last_names_female"))
    found = {n for n in found if len(n) >= 3}
    return frozenset(found - place_names() - city_names())


def _read_world_given_names() -> frozenset[str]:
    """First names of some ninety locales, from Faker's person providers (MIT).

    The census list is American; news names Nikola, Iñaki, Thandiwe and Pascal
    too. Only names in the Latin script, without accents, and none that is a
    country's or a known town's name. Importing the providers takes 0.2 s, so the
    list is kept (`world_given_names`). Empty if Faker is absent.
    """
    # "en" is a made-up mix ("Justice", "River", "Red"); the census covers English.
    found = _faker_names(("first_names", "first_names_male", "first_names_female"), skip="en")
    found = {n for n in found if len(n) >= 3} - _NOT_GIVEN - _common_surnames()
    return frozenset(found - place_names() - city_names() - _english_words())


def _faker_names(attrs: tuple[str, ...], skip: str = "") -> set[str]:
    """Names of Faker's person providers (MIT), Latin script, unaccented, lower case."""
    import pkgutil

    folder = _person_providers()
    if folder is None:
        return set()
    found: set[str] = set()
    for module in pkgutil.iter_modules([str(folder)]):
        if module.name == skip:
            continue
        try:
            provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        except Exception:  # a broken locale only loses its names
            continue
        for attr in attrs:
            for name in _listed(provider, attr):
                latin = _LATIN_NAME.fullmatch(name) is not None and max(map(ord, name)) < 0x250
                if latin and name[:1].isupper():
                    found.add(_unaccented(name.casefold()))
    return found


def _english_words() -> frozenset[str]:
    """Common English words (Faker's lorem list): "Green" or "General" are no first names."""
    try:
        from faker.providers.lorem.en_US import Provider

        return frozenset(w.casefold() for w in _listed(Provider, "word_list"))
    except Exception:
        return frozenset()


def _listed(cls: type, attr: str) -> list[str]:
    """The words a class attribute holds (a tuple or a weighted dict), or none."""
    for base in cls.__mro__:
        if attr in base.__dict__:
            value = base.__dict__[attr]
            if isinstance(value, (tuple, list, dict, frozenset, set)):
                return [word for word in value if isinstance(word, str)]
            return []
    return []


def is_given_name(word: str) -> bool:
    """Whether a capitalised word is a common first name ("Letitia", "Marcelo", "Julián").

    The census list is written without accents, so "Rubén" is looked up as "ruben".
    """
    if not word[:1].isupper():
        return False
    folded = word.casefold()
    if not folded.isascii():
        folded = _unaccented(folded)
    if folded in given_names() or folded in world_given_names():
        return True
    inner = _PREFIXED_GIVEN.fullmatch(word)  # "LeSean", "DeAndre", "LaMarcus"
    return inner is not None and inner.group(1).casefold() in given_names()


# A given name written with a capitalised prefix, common in the US: "LeSean" ("Sean"),
# "DeAndre" ("Andre"), "LaMarcus" ("Marcus"); not "DeSantis" or "LaGuardia".
_PREFIXED_GIVEN = re.compile(r"(?:Le|De|La|Da|Ja|Ke|Ty|Ta|Ra|Ka|Sa|Sha)([A-Z][a-z]{2,})")


# Names in common use that CLDR spells otherwise ("Türkiye", "Côte d'Ivoire", "Myanmar").
_PLACE_ALSO = (
    "Turkey", "Ivory Coast", "Czech Republic", "Britain", "Great Britain", "Burma", "Korea",
    "US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "UAE", "U.A.E.", "America", "Holland",
    "England", "Scotland", "Wales", "Northern Ireland", "Hong Kong", "Macau", "Palestine",
)  # fmt: skip
_AMBIGUOUS_PLACES = frozenset("jordan chad georgia israel india world".split())
# CLDR "territories" that are organisations or placeholders, not places.
_NOT_PLACES = frozenset("EU EZ UN XA XB ZZ".split())


@functools.cache
def place_names() -> frozenset[str]:
    """`_read_place_names`, kept in the user's cache folder: loading Babel's data takes 40 ms."""
    return _kept("countries", _read_place_names)


def _babel_english() -> Path | None:
    return _package_path("babel", "locale-data", "en.dat")


def _read_place_names() -> frozenset[str]:
    """Normalized English names of countries and world regions (empty if Babel is absent)."""
    from reader.core.names import normalize

    try:
        from babel import Locale

        territories = Locale("en").territories
    except Exception:  # a missing or broken Babel only turns the rule off
        return frozenset()
    found = {
        normalize(name.split(" - ")[0])
        for code, name in territories.items()
        if code not in _NOT_PLACES
    }
    found.update(normalize(name) for name in _PLACE_ALSO)
    return frozenset(n for n in found if n not in _AMBIGUOUS_PLACES and n not in given_names())


def is_country_also_a_name(name: str) -> bool:
    """Whether a name is a country's that is also a person's ("Jordan", "India", "Georgia")."""
    from reader.core.names import normalize

    return normalize(name) in _AMBIGUOUS_PLACES


def is_place_name(name: str) -> bool:
    """Whether a name is a country's or a world region's ("Malawi", "UNITED STATES")."""
    from reader.core.names import normalize

    return normalize(name) in place_names()


# Surnames this common are left to the model and the article: "Lincoln", "Durham" and
# "Santos" are towns and people alike. A city of a million is a city whatever the census
# says; one of 300,000 ("Bristol", "Glasgow", "Cleveland") whatever the surnames say, as
# a person called so is named in full first, and that outvotes the town.
_COMMON_SURNAMES = 10_000
_BIG_CITY = 1_000_000
_CITY = 300_000


def _surnames_file() -> Path | None:
    return _package_path("names", "dist.all.last")


@functools.cache
def _surnames_by_rank() -> tuple[str, ...]:
    """Casefolded US census surnames, commonest first (the `names` package; empty if absent)."""
    path = _surnames_file()
    if path is None:
        return ()
    try:
        # Only the head of the 89,000-line table: reading it all cost 30 ms of a cold start.
        with path.open(encoding="ascii", errors="ignore") as table:
            lines = list(itertools.islice(table, _COMMON_SURNAMES))
    except OSError:
        return ()
    return tuple(line.split(maxsplit=1)[0].casefold() for line in lines if line.strip())


@functools.cache
def _common_surnames() -> frozenset[str]:
    return frozenset(_surnames_by_rank())


def is_common_surname(word: str) -> bool:
    """Whether a word is among the US census's 10,000 commonest surnames ("King", "Major")."""
    return word.casefold() in _common_surnames()


def _cities_file() -> Path | None:
    return _package_path("geotext", "data", "cities15000.txt")


_PLAIN_NAME = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")


_CACHE_FORMAT = "11"  # the kept lists' file format


def _sources() -> tuple[Path | None, ...]:
    return (
        _cities_file(),
        _surnames_file(),
        _regions_folder(),
        _babel_english(),
        _person_providers(),
        _tickers_file(),
    )


@functools.cache
def _code_digest() -> str:
    """A digest of the code that builds the lists (this module and `names.normalize`)."""
    from reader.core import names

    digest = hashlib.sha256()
    for module_file in (__file__, names.__file__):
        try:
            digest.update(Path(module_file).read_bytes())
        except OSError:
            digest.update(module_file.encode())
    return digest.hexdigest()[:16]


def _cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("reader", appauthor=False)


@functools.cache
def city_names() -> frozenset[str]:
    """`_read_city_names`, kept in the user's cache folder between runs.

    Reading the GeoNames table takes 70 ms, a tenth of a cold start; the list it
    gives takes 3 ms to read back.
    """
    return _kept("towns", _read_city_names)


_UNUSED_FOR = 30 * 24 * 3600  # seconds: another version's lists, not read for a month


def _prune(kept: Path, name: str) -> None:
    """Remove the lists of versions not run for a month, and the old single file."""
    (kept.parent / f"{name}.txt").unlink(missing_ok=True)
    now = time.time()
    for other in kept.parent.glob(f"{name}-*.txt"):
        if other != kept and now - other.stat().st_mtime > _UNUSED_FOR:
            other.unlink(missing_ok=True)


def _kept(name: str, build: Callable[[], frozenset[str]]) -> frozenset[str]:
    """A name list built from package files, kept in the user's cache folder.

    The lists feed each other (towns leave out people's names and countries; first
    names leave out towns), so each is keyed by every package file they read and
    by this module's own code: a new package or a changed rule rebuilds them all.
    A cache folder that cannot be written only costs the time to build it again.
    """
    try:
        key = (
            _CACHE_FORMAT
            + " "
            + _code_digest()
            + "".join(
                f" {p.stat().st_size}:{p.stat().st_mtime_ns}" if p is not None else " -"
                for p in _sources()
            )
        )
    except OSError:
        return build()
    # One file per key: two installs of different versions on one machine (a bundle and
    # a pip install) each keep their own lists instead of rebuilding them in turn.
    cache = _cache_dir() / f"{name}-{hashlib.sha256(key.encode()).hexdigest()[:12]}.txt"
    try:
        first, _, rest = cache.read_text("utf-8").partition("\n")
        if first == key:
            return frozenset(rest.split("\n")) - {""}
    except (OSError, UnicodeDecodeError):
        pass
    found = build()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_name(f"{name}.{os.getpid()}.tmp")
        tmp.write_text(key + "\n" + "\n".join(sorted(found)), "utf-8")
        os.replace(tmp, cache)  # whole or not at all, whichever process writes last
        _prune(cache, name)
    except OSError:
        pass
    return found


def _read_city_names() -> frozenset[str]:
    """Normalized names of towns, provinces and states that are nobody's name.

    GeoNames' cities15000 table as the `geotext` package ships it (CC BY 4.0): the
    towns of 15,000 people or more. A town whose name is a common first name or
    surname is left out, unless it has a million people; so is one whose name is a
    country's. Provinces and states come from `countryinfo` (see `_region_names`),
    under the same rule as small towns. Empty if geotext is absent.
    """
    from reader.core.names import normalize

    if _cities_file() is None:
        return frozenset()
    given = given_names()
    people = given | _common_surnames()
    found: set[str] = set()

    def add(norm: str) -> None:
        found.add(norm)
        if "-" in norm:
            found.add(norm.replace("-", " "))  # "Monte-Carlo" as "Monte Carlo"

    for cols in _town_rows():
        big = int(cols[14]) >= _BIG_CITY
        city = int(cols[14]) >= _CITY
        for raw in {cols[1], cols[2]}:
            text = raw.decode("utf-8", "replace")
            # GeoNames spells names plainly: casefolding is their normal form but for a few.
            norm = normalize(text) if "'" in text or text[:4] == "The " else text.casefold()
            if len(norm) >= 4 and (big or norm not in (given if city else people)):
                add(norm)
        if big:  # other spellings in the news ("Kyiv", "Bombay"), for the big cities only
            found.update(
                alias.casefold()
                for alias in cols[3].decode("utf-8", "replace").split(",")
                if _PLAIN_NAME.fullmatch(alias) and alias.casefold() not in people
            )
    for region in _region_names():
        norm = normalize(region)
        if norm not in people and norm not in _NOT_REGIONS:
            add(norm)
    return frozenset(found - place_names())


# Regions whose name is also a common English word, a compass point or a company's:
# "Store", "Plateau", "Antique" are no evidence of a place.
_NOT_REGIONS = frozenset(
    """central centre store coast eastern western northern southern north-west north-east
    south-west south-east north-western south-western north-eastern south-eastern drama
    gulf batman maritime reunion acre bury saga antique para bikini pest plateau bale mono
    cascade midland afar ascension tata mascara littoral dorado volta medea freeport smiths
    ruse puke makin bled luce seti amara cortes brava valle nord sud formosa capital
    federal interior islands lakota paget woodville dauphin pita lira mila agri norte sur
    sul este oeste leste""".split()
)


def _tickers_file() -> Path | None:
    return _package_path("pytickersymbols", "indices_data.py")


@functools.cache
def company_names() -> frozenset[str]:
    """`_read_company_names`, kept in the user's cache folder between runs."""
    return _kept("companies", _read_company_names)


# A company's entry in the indices' data (an index's own entry is followed by its companies).
_COMPANY_ENTRY = re.compile(r"""\{'name': (['"])((?:(?!\1).)*)\1, '(?!companies)""")
_LEGAL_FORM = re.compile(
    r"(?:,?\s+(?:Inc\.?|Incorporated|Corp\.?|Corporation|Company|Co\.?|Ltd\.?|Limited|plc|PLC|"
    r"Plc|AG|SE|S\.A\.|SA|N\.V\.|NV|Holdings?|Group|KGaA|ASA|AB|Oyj|A/S|S\.p\.A\.|& Co\.?|"
    r"Class [A-C]|\(The\)|\([a-z ]+\)|and|&))+$"
)
# A listed company's one-word name that is far more often a word or a place in the news.
_NOT_COMPANIES = frozenset(
    """continental northern southern universal progressive partners employers investor
    everest redwood hub integer interface evolution harmonic match pool disco deluxe mosaic
    stride cactus hexagon griffon kingfisher admiral rational radian hilltop diploma diodes
    enact block booking compass toto generac plexus informa ventas""".split()
)
_FAMILIAR_SURNAMES = 1_000  # "Ford", "Williams": a person's name first, whatever is listed


def _read_company_names() -> frozenset[str]:
    """Normalized names of the companies in the world's main stock indices.

    From `pytickersymbols` (MIT), which lists the members of the S&P 500, the
    FTSE 100, the DAX, the Nikkei 225 and sixteen more: "Morgan Stanley",
    "Berkshire Hathaway" and "Adidas" are companies wherever the model calls them
    people. Each name counts with and without its legal form ("Inc.", "plc"). One
    word that is a first name, a familiar surname or an English word is left
    out ("Ford", "Continental"); a name that is also a town's or a region's
    ("Dover", "Toyota") is kept apart (`is_company_also_town`). Read as text,
    not imported: the package also pulls in a web client.
    """
    from reader.core.names import normalize

    path = _tickers_file()
    if path is None:
        return frozenset()
    try:
        data = path.read_text("utf-8", errors="replace")
    except OSError:
        return frozenset()
    familiar = given_names() | frozenset(_surnames_by_rank()[:_FAMILIAR_SURNAMES])
    words = _english_words() | _NOT_COMPANIES
    places = place_names() | _all_town_names()
    found: set[str] = set()
    for m in _COMPANY_ENTRY.finditer(data):
        full = m.group(2).strip()
        short = _LEGAL_FORM.sub("", full).strip().rstrip(",")
        for name in {full, short.removeprefix("The ")}:
            norm = normalize(name)
            if len(norm) < 2:
                continue
            if " " not in norm and (norm in familiar or norm in words or len(norm) < 3):
                continue
            found.add(_TOWN_MARK + norm if norm in places else norm)
    return frozenset(found)


_TOWN_MARK = "~"  # a listed company that is also a town's name ("Toyota", "Dover")


def _all_town_names() -> frozenset[str]:
    """Every town's name in the GeoNames table, people's names too ("Dover", "Hartford")."""
    from reader.core.names import normalize

    if _cities_file() is None:
        return frozenset()
    found = {normalize(region) for region in _region_names()}
    for cols in _town_rows():
        found.update(normalize(col.decode("utf-8", "replace")) for col in cols[1:3])
    return frozenset(found)


def _town_rows() -> Iterator[list[bytes]]:
    """The GeoNames table's rows, as bytes split at tabs (the 15th field is the population).

    Bytes, decoding only the names a caller wants: half the time and a fifth of the
    memory. Nothing if geotext is absent.
    """
    path = _cities_file()
    if path is None:
        return
    try:
        data = path.read_bytes()
    except OSError:
        return
    for row in data.split(b"\n"):
        cols = row.split(b"\t", 15)
        if len(cols) >= 16 and cols[14].isdigit():
            yield cols


def is_company_name(name: str) -> bool:
    """Whether a name is a listed company's ("Morgan Stanley", "Nvidia", "Adidas")."""
    from reader.core.names import normalize

    return normalize(name) in company_names()


def is_company_also_town(name: str) -> bool:
    """Whether a name is a listed company's and a town's ("Toyota", "Honda", "Dover")."""
    from reader.core.names import normalize

    return _TOWN_MARK + normalize(name) in company_names()


def _regions_folder() -> Path | None:
    return _package_path("countryinfo", "data")


def _region_names() -> Iterator[str]:
    """The names of the world's provinces and states ("Sinaloa", "Albay", "Hatay").

    From the `countryinfo` package's country files (MIT); a name given with its
    capital in brackets ("Orlovskaya (Orel)") counts as both. Nothing if absent.
    """
    folder = _regions_folder()
    if folder is None:
        return
    for path in sorted(folder.glob("*.json")):
        try:
            provinces = json.loads(path.read_bytes()).get("provinces") or []
        except (OSError, ValueError, AttributeError):
            continue
        for province in provinces:
            if not isinstance(province, str):
                continue
            for part in re.split(r"\s*[()]\s*", province):
                if len(part) >= 4 and part[:1].isupper():
                    yield part
                    short = part.split(" de ")[0]  # "Michoacan de Ocampo" is "Michoacán"
                    if short != part and len(short) >= 4:
                        yield short
    yield from _REGIONS_IN_ENGLISH


# English names of regions and islands that `countryinfo` gives in their own language
# ("Thueringen", "Sumatera Barat") or not at all.
_REGIONS_IN_ENGLISH = tuple(
    name.strip()
    for name in """Bavaria, Thuringia, Saxony, Lower Saxony, Saxony-Anhalt, Hesse,
    North Rhine-Westphalia, Rhineland-Palatinate, Baden-Württemberg,
    Mecklenburg-Western Pomerania, Carinthia, Styria, Tyrol, Lower Austria, Upper Austria,
    Lombardy, Tuscany, Piedmont, Apulia, Sicily, Sardinia, Campania, Calabria, Umbria,
    Liguria, Veneto, Emilia-Romagna, Catalonia, Andalusia, Castile and León,
    Castilla-La Mancha, Basque Country, Navarre, Galicia, Asturias, Aragon, Brittany,
    Normandy, Burgundy, Provence, Alsace, Lorraine, Corsica, Occitania, Flanders, Wallonia,
    Bohemia, Moravia, Silesia, Pomerania, Masovia, Transylvania, Dalmatia, Crete, Java,
    West Java, Central Java, East Java, Sumatra, West Sumatra, North Sumatra, South Sumatra,
    Borneo, Kalimantan, Sulawesi, South Sulawesi, Mindanao, Luzon, Visayas, Hokkaido,
    Honshu, Kyushu, Shikoku, Okinawa, Tasmania, Buryatia, Chechnya, Dagestan, Tatarstan,
    Bashkortostan, Siberia, Crimea, Donbas, Kurdistan, Balochistan, Khyber Pakhtunkhwa,
    Patagonia, Tibet, Xinjiang, Inner Mongolia, Manchuria, Anatolia, Kashmir""".split(",")
)


@functools.cache
def demonyms() -> frozenset[str]:
    """`_read_demonyms`, kept in the user's cache folder between runs."""
    return _kept("demonyms", _read_demonyms)


def load_all() -> None:
    """Read every name list now, while waiting for something else: the overlay needs them soon."""
    for names in (
        given_names,
        world_given_names,
        world_surnames,
        place_names,
        _common_surnames,
        city_names,
        company_names,
        demonyms,
    ):
        names()


def _read_demonyms() -> frozenset[str]:
    """The world's nationality words and their plurals ("Chinese", "Filipinos"), from countryinfo.

    Nothing if the package is absent. Written as the files give them, one form each.
    """
    folder = _regions_folder()
    if folder is None:
        return frozenset()
    found: set[str] = set()
    for path in sorted(folder.glob("*.json")):
        try:
            value = json.loads(path.read_bytes()).get("demonym")
        except (OSError, ValueError, AttributeError):
            continue
        if not isinstance(value, str):
            continue
        for word in value.split(","):
            word = word.strip()
            if re.fullmatch(r"[A-Z][a-z]+", word):
                found.add(word)
                if not word.endswith(("ese", "ss", "ch", "sh", "i")):
                    found.add(word + "s")
    return frozenset(found)


def is_city_name(name: str) -> bool:
    """Whether a name is a town's or a region's and nobody's ("Karachi", "Sinaloa"; not "Durham").

    The region lists are written without accents, so "Chocó" is also looked up as "Choco".
    """
    from reader.core.names import normalize

    norm = normalize(name)
    names = city_names()
    # Not a Turkish capital İ, which casefolds to "i̇": "TOKİ" is an agency, not "Toki".
    accented = not norm.isascii() and "\u0307" not in norm
    return norm in names or (accented and _unaccented(norm) in names)


def _unaccented(word: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch)
    )
