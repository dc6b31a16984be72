"""Back and forward behave as in a web browser."""

from __future__ import annotations

from reader.core.history import History


def test_back_forward_and_a_new_visit_drops_what_was_ahead() -> None:
    h: History[str] = History()
    for place in ("a", "b", "c"):
        h.visit(place)
    assert h.back() == "b"
    assert h.back() == "a"
    assert h.back() is None
    assert h.forward() == "b"
    h.visit("d")
    assert not h.can_go_forward()
    assert h.back() == "b"
    h.visit("b")  # the same place is not recorded twice
    assert h.can_go_forward()


def test_replace_updates_the_current_place_and_the_limit_holds() -> None:
    h: History[int] = History(limit=3)
    for place in range(5):
        h.visit(place)
    h.replace(40)
    assert h.current == 40
    assert h.back() == 3
    assert h.back() == 2
    assert h.back() is None
