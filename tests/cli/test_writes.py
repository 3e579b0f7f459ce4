"""Writes confined to the path the user named: no command leaves files behind, and no output follows a symlink."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result


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
