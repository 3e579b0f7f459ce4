from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from quyche_cli.cli.app import app
from quyche_cli.rules.index import Rules
from quyche_cli.rules.validation import load_rules

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
RULES_FILE = ROOT / "quyche.yaml"


@pytest.fixture(scope="session")
def rules() -> Rules:
    return load_rules(RULES_FILE)


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., Result]:
    """Run the Typer app in-process from an empty folder, as a user would from anywhere."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("QUYCHE_FILE", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, list(args), env=env, catch_exceptions=False)

    return invoke


def run_installed(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed package as a separate process (``python -m quyche_cli``)."""
    return subprocess.run(
        [sys.executable, "-m", "quyche_cli", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def write_rules(tmp_path: Path, text: str, name: str = "quyche.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
