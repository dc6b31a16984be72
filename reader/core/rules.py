"""The overlay's word lists and weights, named in one place.

Every rule here must hold for English news in general, not for one article:
the lists are closed-class words (titles, heads, prepositions) and the
weights say how much a kind of evidence counts in the per-article vote.
"""

from __future__ import annotations

import re

# --- evidence weights (the one-sense vote) ------------------------------------------------

MODEL_VOTE = 1.0  # one model span of a name
STRONG_CUE_VOTE = 2.0  # a span whose kind a strong cue fixed ("Brigade" in it, a title before it)
WEAK_CUE_VOTE = 0.5  # a preposition before a name ("in X" hints at a place)
COORDINATION_VOTE = 1.0  # "X and Y": Y is likely of X's kind
KNOWLEDGE_VOTE = 100.0  # the user's knowledge outweighs any amount of model evidence
TEXT_ALIAS_VOTE = 50.0  # "Long Name (ACR)" and a surname after a full name

# --- boundaries ------------------------------------------------------------------------------

# Hyphenated prefixes that are not part of the name ("pro-Hezbollah").
NAME_PREFIXES = ("pro", "anti", "ex", "non", "post", "pre", "neo")

# Plain nouns whose possessive is part of a name ("People's Liberation Army",
# "Kurdistan Workers' Party"), unlike a country's ("Iran's Quds Force").
NAME_POSSESSIVES = frozenset(
    """people peoples workers women woman men children martyrs citizens farmers mothers
    veterans students youth traders nations god saint st lord lords doctors nurses
    teachers journalists""".split()
)

MAX_NAME = 200  # longer "names" are model noise; they would also deepen the regex tree

# --- kind from context ---------------------------------------------------------------------

# A noun right after a name that says the name is an organisation's: "al-Nujaba
# militia", "Al-Akhbar daily" — even when the model thought it a place.
GROUP_HEADS = frozenset(
    """militia militias movement group groups party faction factions brigade brigades
    organisation organization newspaper daily network front coalition alliance company
    corporation battalion channel broadcaster outlet""".split()
)
# Nouns that follow a country as readily as an organisation ("US forces", "Iraqi
# government"): they only move a name that is not a place.
WEAK_GROUP_HEADS = frozenset(
    """army forces council ministry agency union bank committee authority government
    regime rebels insurgents unit units commission court parliament""".split()
)
# Words that make a name an organisation whatever the model said ("African Union").
STRONG_GROUP_WORDS = frozenset(
    """army brigade brigades battalion corps council party front movement ministry
    committee commission authority agency organisation organization union alliance
    coalition league federation association institute university company corporation
    militia parliament assembly senate congress hezbollah hizbullah hizballah
    harakat hizb jaysh jaish kata'ib liwa ansar jabhat""".split()
)
# Words that make a name an organisation unless the model thought it a place
# ("West Bank", "Gaza Strip" stay places).
WEAK_GROUP_WORDS = frozenset(
    """group force forces guard guards police service services network times post news
    press bank court""".split()
)
PLACE_HEADS = frozenset(
    """region province district city town village camp camps county valley river
    airport port base crossing governorate mountains desert strait""".split()
)
PLACE_BEFORE = frozenset("""in near around across outside inside towards toward into via""".split())
PLACE_OF = re.compile(
    r"\b(?:town|city|village|region|province|district|capital|port|county|camp|area|"
    r"governorate|state)\s+of\s+$"
)
PERSON_TITLES = frozenset(
    """president minister ministers premier chancellor general gen. gen colonel col.
    major captain lieutenant commander sheikh shaykh ayatollah imam cleric king
    queen prince princess emir sultan mr mr. mrs mrs. ms ms. dr dr. spokesman
    spokeswoman spokesperson leader chief secretary ambassador envoy senator
    governor mayor judge pope rabbi""".split()
)
MAX_TITLED_NAME_WORDS = 4  # "President X Y Z" is a person; a longer span is not a name
COORDINATION = re.compile(r",? (?:and|or) |, ")

# Numbered military units ("the 12th Brigade", "101st Airborne Division"): the
# model tags the ordinal alone as ORDINAL, which is not shown.
UNIT = re.compile(
    r"\b\d{1,3}(?:st|nd|rd|th)(?: [A-Z][a-z]+){0,2} "
    r"(?:Brigade|Division|Regiment|Battalion|Corps|Army|Fleet|Squadron|Wing)s?\b"
)

# --- names defined by the text ----------------------------------------------------------------

ACRONYM_DEF = re.compile(r"\s*\(\s*([A-Z][A-Za-z&]{1,9})\s*\)")

# Capitalised words that are far more often not a surname ("in May", "on Friday").
AMBIGUOUS_WORDS = frozenset(
    """january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday will mark bill
    rose grace hope faith joy young new north south east west""".split()
)
NAME_SUFFIXES = frozenset("jr sr ii iii iv v".split())
# Arabic articles that start a name in lower case ("al-Sudani").
LOWER_NAME_STARTS = ("al-", "el-", "as-", "ad-")
