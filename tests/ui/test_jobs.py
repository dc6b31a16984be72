"""Background jobs: a job the user cancelled is not logged as a failure."""

from __future__ import annotations

import logging

import pytest
from pytestqt.qtbot import QtBot

from reader.core.article import ArticleError
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


def test_a_refusal_the_user_is_told_is_one_line_in_the_log(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    """An empty file once filled reader.log with a WARNING and a traceback."""
    worker: Worker[None] = Worker("test", lambda: None)
    failures: list[BaseException] = []

    def refused(_ctx: None, _c: object) -> None:
        raise ArticleError("/tmp/empty.txt", "the file is empty")

    with caplog.at_level(logging.INFO, logger="reader"):
        worker.submit(refused, failed=failures.append)
        assert worker.wait_idle()
    assert [type(f) for f in failures] == [ArticleError]
    assert [(r.levelno, r.getMessage(), r.exc_info) for r in caplog.records] == [
        (logging.INFO, "test: /tmp/empty.txt: the file is empty", None)
    ]
    worker.stop()
