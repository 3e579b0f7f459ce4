"""Hostile rules files, bounded outcomes: mutated files end in problems or success, never a crash; huge lines
are bounded."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from quyche_cli.rules.problems import Problem
from quyche_cli.rules.validation import check_source
from quyche_cli.rules.yamlsource import parse_text
from support import RULES_FILE, write_rules

REAL = RULES_FILE.read_text(encoding="utf-8")
LINES = REAL.splitlines(keepends=True)
KEYS = ["title", "num", "text", "agency", "duties", "lead", "partners", "role", "id", "date", "day", "anchor"]


def mutate(rng: random.Random) -> str:
    """One random damage: bytes flipped, a line dropped or duplicated, a key renamed, an indent broken."""
    lines = list(LINES)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(lines))
        action = rng.choice(["flip", "drop", "dup", "rename", "indent", "truncate"])
        if action == "flip":
            line = lines[i]
            j = rng.randrange(max(len(line), 1))
            lines[i] = line[:j] + rng.choice(":-[]{}&*!|>'\"#%@`\t ") + line[j + 1 :]
        elif action == "drop":
            del lines[i]
        elif action == "dup":
            lines.insert(i, lines[i])
        elif action == "rename":
            key = rng.choice(KEYS)
            lines[i] = lines[i].replace(f"{key}:", f"{key}x:", 1)
        elif action == "indent":
            lines[i] = " " + lines[i]
        else:
            lines = lines[:i]
    return "".join(lines)


def validate_text(text: str) -> list[Problem]:
    source, problems = parse_text(text, "mutant.yaml")
    if source is None or problems:
        return problems
    return check_source(source)[1]


@pytest.mark.slow
def test_a_thousand_mutants_end_in_problems_or_success_never_a_crash() -> None:
    rng = random.Random(20241014)
    outcomes = {"valid": 0, "problems": 0}
    for _ in range(1000):
        text = mutate(rng)
        problems = validate_text(text)
        outcomes["problems" if problems else "valid"] += 1
        assert all(p.message and (p.line is None or p.line >= 1) for p in problems)
    assert outcomes["problems"] > 500


def test_mutants_through_the_command_exit_0_or_1_with_a_message(cli: Callable[..., Result], tmp_path: Path) -> None:
    rng = random.Random(7)
    for index in range(40):
        path = write_rules(tmp_path, mutate(rng), f"m{index}.yaml")
        result = cli("validate", str(path))
        assert result.exit_code in (0, 1)
        assert "Traceback" not in result.output and result.stdout.strip()


def test_a_huge_line_is_bounded(cli: Callable[..., Result], tmp_path: Path) -> None:
    huge = REAL.replace("  status: draft", "  status: draft\n  title_x: " + "x" * 5_000_000, 1)
    result = cli("validate", str(write_rules(tmp_path, huge)))
    assert result.exit_code == 1 and "title_x" in result.stdout
    long_text = REAL.replace("      text: Giám đốc Sở Y tế\n", "      text: " + "y" * 30_000 + "\n", 1)
    result = cli("validate", str(write_rules(tmp_path, long_text, "long.yaml")))
    assert result.exit_code == 1 and "quá dài" in result.stdout
