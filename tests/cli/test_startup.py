"""Start-up: a command imports what it needs and builds only itself (its speed is measured in bench/)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Run as the ``quyche`` command runs, then list the modules the run imported.
PROBE = """
import json, sys
from quyche_cli.cli.app import run
try:
    run()
finally:
    with open({out!r}, "w", encoding="utf-8") as out:
        json.dump(sorted(sys.modules), out)
"""
# What a look-up never needs: the other commands, the other look-ups' views, the heavy libraries, typer's rich
# help.
NEVER_IN_DUTIES = [
    "quyche_cli.cli.views.members",
    "quyche_cli.cli.views.search",
    "quyche_cli.cli.views.sheets",
    "quyche_cli.lookup.search",
    "quyche_cli.lookup.citations",
    "quyche_cli.cli.rules",
    "quyche_cli.cli.schedule",
    "quyche_cli.cli.audit",
    "quyche_cli.cli.documents",
    "quyche_cli.cli.site",
    "quyche_cli.documents",
    "quyche_cli.site",
    "quyche_cli.audit",
    "typer.rich_utils",
    "rich.markdown",
    "markdown_it",
    "jinja2",
    "docx",
    "openpyxl",
    "pypdf",
    "icalendar",
    "holidays",
    "rapidfuzz",
]


def imported(tmp_path: Path, *args: str) -> set[str]:
    """The modules a run of ``quyche args`` imports, from an empty folder, with its own rules cache."""
    listing = tmp_path / "modules.json"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "QUYCHE_NO_CACHE": ""}
    env.pop("QUYCHE_FILE", None)
    probe = PROBE.format(out=str(listing))
    result = subprocess.run(
        [sys.executable, "-c", probe, *args], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(listing.read_text(encoding="utf-8")))


def test_duties_imports_only_what_a_look_up_needs(tmp_path: Path) -> None:
    first = imported(tmp_path, "duties", "Sở Y tế")
    assert "yaml" in first  # the first run reads the YAML file and fills the cache
    cached = imported(tmp_path, "duties", "Sở Y tế")
    assert "quyche_cli.cli.lookup" in cached and "quyche_cli.lookup.duties" in cached
    assert "yaml" not in cached  # answered from the cache
    present = [name for name in NEVER_IN_DUTIES if any(m == name or m.startswith(name + ".") for m in cached)]
    assert present == []


@pytest.mark.parametrize("args", [("--help",), ("render", "--help")], ids=["help", "render help"])
def test_help_still_builds_what_it_shows(tmp_path: Path, args: tuple[str, ...]) -> None:
    modules = imported(tmp_path, *args)
    assert "quyche_cli.cli.documents" in modules
    assert ("quyche_cli.cli.audit" in modules) == (args == ("--help",))  # every command is listed in the help


def test_a_scoreboard_table_imports_no_chart_nor_spreadsheet(tmp_path: Path) -> None:
    """`scoreboard --format json` (the five-year board measured in bench/ledger.py) reads the ledger and writes
    JSON: the chart code, matplotlib, openpyxl and the mail modules stay out of its start-up."""
    from quyche_cli.ledger.store import Ledger

    with Ledger(tmp_path / "so.sqlite"):
        pass  # an empty ledger, of the current schema
    modules = imported(
        tmp_path, "scoreboard", "--year", "2026", "--db", str(tmp_path / "so.sqlite"), "--format", "json"
    )
    assert "quyche_cli.ledger.scoreboard" in modules and "quyche_cli.ledger.store" in modules
    for name in ("quyche_cli.ledger.charts", "matplotlib", "openpyxl", "smtplib", "jinja2", "docx"):
        assert not any(m == name or m.startswith(name + ".") for m in modules), name
