"""Fixtures shared by every test folder; shared helpers are in support.py.

The tests folders have no ``__init__.py``: pytest puts this folder on ``sys.path`` when it loads this file, which
is how ``from support import …`` works from ``tests/<room>/``; test file names are unique across folders.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from quyche_cli.cli.app import app
from quyche_cli.rules.index import Rules
from quyche_cli.rules.validation import load_rules
from support import RULES_FILE

# The day every test runs on: the machine's clock is never read. CI runs the suite a second time with
# QUYCHE_TODAY set to another day, more than a year away (see .ci/run); every test passes on both.
REFERENCE_DAY = "2026-12-07"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """quyche_cli.clock.today() answers QUYCHE_TODAY (the reference day unless the run set another)."""
    monkeypatch.setenv("QUYCHE_TODAY", os.environ.get("QUYCHE_TODAY") or REFERENCE_DAY)


@pytest.fixture(autouse=True)
def own_cache(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every test has a cache of validated rules files of its own (quyche_cli.rules.cache), never the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def rules() -> Rules:
    return load_rules(RULES_FILE)


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., Result]:
    """Run the Typer app in-process from an empty folder, as a user would from anywhere."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("QUYCHE_FILE", raising=False)
    monkeypatch.delenv("QUYCHE_WORKSPACE", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, list(args), env=env, catch_exceptions=False)

    return invoke
