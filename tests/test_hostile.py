"""Hostile input, bounded outcomes: mutated rules files, huge lines, parsers fed anything, writes confined
to the path the user named."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import Result

from quyche_cli.audit.header import parse_date_line, parse_number_line, parse_period_phrase
from quyche_cli.errors import InputError
from quyche_cli.lookup.citations import find, parse_citation
from quyche_cli.rules.index import Rules
from quyche_cli.rules.problems import Problem
from quyche_cli.rules.validation import check_source
from quyche_cli.rules.yamlsource import parse_text

from conftest import RULES_FILE, write_rules

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


def test_a_thousand_mutants_end_in_problems_or_success_never_a_crash() -> None:
    rng = random.Random(20241014)
    outcomes = {"valid": 0, "problems": 0}
    start = time.perf_counter()
    for _ in range(1000):
        text = mutate(rng)
        problems = validate_text(text)
        outcomes["problems" if problems else "valid"] += 1
        assert all(p.message and (p.line is None or p.line >= 1) for p in problems)
    assert outcomes["problems"] > 500
    assert time.perf_counter() - start < 120


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


@settings(max_examples=300)
@given(st.text(max_size=60))
def test_citation_parser_raises_only_its_own_error(text: str) -> None:
    try:
        parse_citation(text)
    except InputError:
        pass


def test_every_citation_finds_its_provision(rules: Rules) -> None:
    for provision in rules.provisions:
        assert provision in find(rules, provision.citation.replace(" (lần 2)", "")), provision.citation
        assert find(rules, provision.id) == [provision]


@given(st.text(max_size=200))
def test_report_parsers_never_raise(text: str) -> None:
    parse_date_line(text)
    parse_number_line(text)
    parse_period_phrase(text)


@given(
    st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31)),
    st.sampled_from(["Bắc Ninh", "Hòa Sơn", "TP. Hồ Chí Minh"]),
    st.booleans(),
)
def test_date_line_round_trip(day: dt.date, place: str, upper: bool) -> None:
    line = f"{place}, ngày {day.day} tháng {day.month} năm {day.year}"
    parsed = parse_date_line(line.upper() if upper else line)
    assert parsed is not None and parsed.date == day


@given(st.integers(1, 99999), st.sampled_from(["SYT", "SGDĐT", "STTTT", "BHXH"]), st.sampled_from(["BC", "TB", None]))
def test_number_line_round_trip(number: int, issuer: str, code: str | None) -> None:
    text = f"Số: {number}/{code}-{issuer}" if code else f"Số: {number}/{issuer}-VP"
    parsed = parse_number_line(text)
    assert parsed is not None and (parsed.number, parsed.issuer, parsed.type_code) == (number, issuer, code)


def snapshot(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def test_commands_write_only_what_the_user_named(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    before = snapshot(tmp_path)
    for args in (
        ["validate"],
        ["lint"],
        ["schema"],
        ["duties", "Sở Y tế"],
        ["members"],
        ["show", "Điều 10"],
        ["search", "dữ liệu"],
        ["deadlines", "--year", "2025"],
        ["calendar", "2025"],
        ["deadlines", "--format", "ics"],
        ["check-reports", str(work), "--period", "2024-Q3"],
    ):
        cli(*args)
    assert snapshot(tmp_path) == before
    cli("deadlines", "--format", "ics", "--out", "lich.ics")
    cli("render", "quy-che", "--out", "../ra-ngoai.docx")
    assert snapshot(tmp_path) - before == {"work/lich.ics", "ra-ngoai.docx"}


def test_output_through_a_symlink_is_not_followed(cli: Callable[..., Result], tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep", encoding="utf-8")
    link = tmp_path / "out.docx"
    link.symlink_to(precious)
    assert cli("render", "quy-che", "--out", str(link)).exit_code == 2
    assert cli("render", "quy-che", "--out", str(link), "--force").exit_code == 0
    assert precious.read_text(encoding="utf-8") == "keep" and not link.is_symlink()
