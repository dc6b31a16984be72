"""The three kinds of entity Reader highlights, and how model labels map to them."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """What an entity is; the value is what JSON output and the store use."""

    GROUP = "group"
    PERSON = "person"
    PLACE = "place"

    @property
    def label(self) -> str:
        """Singular name shown to the user."""
        return _LABELS[self][0]

    @property
    def plural(self) -> str:
        """Plural name shown in the legend."""
        return _LABELS[self][1]


_LABELS = {
    Kind.GROUP: ("Group", "Groups"),
    Kind.PERSON: ("Person", "People"),
    Kind.PLACE: ("Place", "Places"),
}

# OntoNotes labels (what the English spaCy pipelines predict). Everything else —
# dates, numbers, events, products, laws, works — is deliberately not shown.
LABEL_TO_KIND: dict[str, Kind] = {
    "ORG": Kind.GROUP,
    "NORP": Kind.GROUP,
    "PERSON": Kind.PERSON,
    "PER": Kind.PERSON,  # WikiNER-style pipelines (e.g. xx_ent_wiki_sm)
    "GPE": Kind.PLACE,
    "LOC": Kind.PLACE,
    "FAC": Kind.PLACE,
}

# Display order everywhere (legend, panel, JSON stays sorted by offset).
ORDER: tuple[Kind, ...] = (Kind.GROUP, Kind.PERSON, Kind.PLACE)


def kind_for_label(label: str) -> Kind | None:
    """Map a model label to a Kind, or None when Reader does not show it."""
    return LABEL_TO_KIND.get(label.upper())
