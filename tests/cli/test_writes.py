"""Writes confined to the path the user named: no command leaves files behind, and no output follows a symlink."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from quyche_cli.cli.files import check_output
from quyche_cli.errors import PROBLEMS, USAGE, OutputError
from quyche_cli.safewrite import write_atomic


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


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (["deadlines", "--period", "2024-Q3", "--format", "json"], "{"),
        (["deadlines", "--period", "2024-Q3"], "Kỳ quý III/2024"),
        (["deadlines", "--period", "2024-Q3", "--format", "ics"], "BEGIN:VCALENDAR"),
    ],
)
def test_out_is_honoured_in_every_format_and_never_overwritten_without_force(
    cli: Callable[..., Result], tmp_path: Path, args: list[str], start: str
) -> None:
    out = tmp_path / "han.out"
    written = cli(*args, "--out", str(out))
    assert written.exit_code == 0 and written.stdout == "" and out.read_text(encoding="utf-8").startswith(start)
    assert not any(line.endswith(" ") for line in out.read_text(encoding="utf-8").splitlines())
    out.write_text("giữ", encoding="utf-8")
    refused = cli(*args, "--out", str(out))
    assert refused.exit_code == USAGE and "--force" in refused.stderr and out.read_text(encoding="utf-8") == "giữ"
    assert cli(*args, "--out", str(out), "--force").exit_code == 0 and out.read_text(encoding="utf-8") != "giữ"


def test_check_reports_writes_its_text_table_to_out(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    out = tmp_path / "q3.txt"
    result = cli("check-reports", str(folder), "--period", "2024-Q3", "--as-of", "2024-12-01", "--out", str(out))
    assert result.exit_code == PROBLEMS and "Đã ghi" in result.stderr and result.stdout == ""
    assert "Sở" in out.read_text(encoding="utf-8")


def test_an_out_made_meanwhile_by_another_run_is_never_replaced(tmp_path: Path) -> None:
    out = tmp_path / "bien-ban.docx"
    check_output(out, force=False)  # the command starts: no such file yet
    out.write_bytes(b"another run")  # another run publishes first
    with pytest.raises(OutputError, match="đã có"):
        write_atomic(out, b"this run")
    assert out.read_bytes() == b"another run" and sorted(tmp_path.iterdir()) == [out]
    write_atomic(out, b"this run", replace=True)
    assert out.read_bytes() == b"this run"


def test_two_renders_to_the_same_out_one_wins(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "quyche_cli", "render", "quy-che", "--out", "quy-che.docx"]
    runs = [subprocess.Popen(command, cwd=tmp_path, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(run.wait(timeout=120), run.stderr.read() if run.stderr else "") for run in runs]
    assert sorted(code for code, _ in results) == [0, USAGE], results
    assert "đã có" in next(message for code, message in results if code == USAGE)
    assert [p.name for p in tmp_path.iterdir()] == ["quy-che.docx"]


def test_an_existing_pdf_is_not_replaced_without_force(cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "quy-che.pdf").write_bytes(b"%PDF keep")
    refused = cli("render", "quy-che", "--pdf", "--out", str(tmp_path / "quy-che.docx"))
    assert refused.exit_code == USAGE and "quy-che.pdf' đã có" in refused.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["quy-che.pdf"]
