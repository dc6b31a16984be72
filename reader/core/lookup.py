"""Finding an entity by a few typed letters, forgiving typos and word order (rapidfuzz)."""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.names import normalize
from reader.core.store import EntitySummary

MIN_SCORE = 75  # below this a match is noise: "Eur" is not "Dawa River"
SHORT = 4  # a query this short matches only names with a word that starts with it


def rank_entities(
    query: str, entities: Sequence[EntitySummary], limit: int = 50
) -> list[EntitySummary]:
    """Entities whose name or any alias matches `query`, best first.

    An empty query lists them all, by name.
    """
    query = normalize(query)
    if not query:
        return list(entities)[:limit]
    from rapidfuzz import fuzz, process, utils

    choices: list[str] = []
    owners: list[int] = []
    for i, entity in enumerate(entities):
        for name in (entity.name, *entity.aliases):
            choices.append(normalize(name))
            owners.append(i)
    if len(query) <= SHORT:
        # Three letters say too little for fuzzy matching: a word must start with them.
        starts = {
            owners[i]: choice.startswith(query)
            for i, choice in enumerate(choices)
            if any(word.startswith(query) for word in choice.replace("-", " ").split())
        }
        ranked = sorted(starts, key=lambda i: (not starts[i], entities[i].name.casefold()))
        return [entities[i] for i in ranked[:limit]]
    best: dict[int, float] = {}
    for _, score, index in process.extract(
        query,
        choices,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=None,
        score_cutoff=MIN_SCORE,
    ):
        owner = owners[index]
        # A name that starts with what was typed beats a fuzzy look-alike.
        bonus = 20.0 if choices[index].startswith(query) else 0.0
        best[owner] = max(best.get(owner, 0.0), score + bonus)
    ranked = sorted(best, key=lambda i: (-best[i], entities[i].name.casefold()))
    return [entities[i] for i in ranked[:limit]]
