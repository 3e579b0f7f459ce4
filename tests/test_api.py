"""The public API: every name in ``quyche_cli.__all__`` is what the package documents, whatever a script
imported before it (each test runs a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys

from support import ROOT

MODULES_IN_ALL = "print(' '.join(n for n in qc.__all__ if isinstance(getattr(qc, n), types.ModuleType)) or '-')"


def fresh(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_no_public_name_is_shadowed_by_a_room() -> None:
    rooms = "for room in ('rules', 'schedule', 'lookup', 'audit', 'documents', 'cli'):\n"
    rooms += "    importlib.import_module(f'quyche_cli.{room}')\n"
    assert fresh(f"import importlib, types\nimport quyche_cli as qc\n{rooms}{MODULES_IN_ALL}") == "-"


def test_plan_is_the_function_after_parse_period() -> None:
    code = "import quyche_cli as qc\nqc.parse_period('2024-Q3')\nprint(type(qc.plan).__name__)"
    assert fresh(code) == "function"
