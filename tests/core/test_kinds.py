"""Model labels map to the three kinds Reader highlights; everything else is not shown."""

from __future__ import annotations

import pytest

from reader.core.kinds import Kind, kind_for_label


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("ORG", Kind.GROUP),
        ("NORP", Kind.GROUP),
        ("PERSON", Kind.PERSON),
        ("GPE", Kind.PLACE),
        ("LOC", Kind.PLACE),
        ("FAC", Kind.PLACE),
        ("gpe", Kind.PLACE),  # labels are matched whatever their case
    ],
)
def test_shown_labels(label: str, kind: Kind) -> None:
    assert kind_for_label(label) is kind


@pytest.mark.parametrize(
    "label",
    [
        "DATE",
        "TIME",
        "CARDINAL",
        "ORDINAL",
        "QUANTITY",
        "MONEY",
        "PERCENT",
        "EVENT",
        "PRODUCT",
        "LAW",
        "WORK_OF_ART",
        "LANGUAGE",
        "MISC",
        "",
    ],
)
def test_other_labels_are_not_shown(label: str) -> None:
    assert kind_for_label(label) is None


def test_kind_values_are_what_json_and_the_store_use() -> None:
    assert {k.value for k in Kind} == {"group", "person", "place"}
    assert Kind("place") is Kind.PLACE
    assert [Kind.GROUP.plural, Kind.PERSON.plural, Kind.PLACE.plural] == [
        "Groups",
        "People",
        "Places",
    ]
