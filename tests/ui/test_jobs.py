"""Background jobs: a job the user cancelled is not logged as a failure."""

from __future__ import annotations

import logging

import pytest
from pytestqt.qtbot import QtBot

from reader.core.nlp import Cancelled
from reader.ui.jobs import Worker


def test_a_cancelled_job_is_no_warning_but_a_real_failure_is(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    worker: Worker[None] = Worker("test", lambda: None)
    failures: list[BaseException] = []

    def cancelled(_ctx: None, _c: object) -> None:
        raise Cancelled

    def broken(_ctx: None, _c: object) -> None:
        raise ValueError("broken job")

    with caplog.at_level(logging.WARNING, logger="reader"):
        worker.submit(cancelled, failed=failures.append)
        assert worker.wait_idle()
        assert [type(f) for f in failures] == [Cancelled], "the caller still hears of it"
        assert not caplog.records, "a cancel is no failure in the log"
        worker.submit(broken, failed=failures.append)
        assert worker.wait_idle()
    assert any("job failed" in r.getMessage() and r.exc_info for r in caplog.records)
    worker.stop()
