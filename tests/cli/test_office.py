"""Spreadsheets people open in Excel: the deadlines of a year and the members as .xlsx and CSV, and the one
helper that keeps a cell from being run as a formula."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import Result

from quyche_cli.cli.views.sheets import Book, Sheet, neutral, to_csv, to_xlsx
from support import DATA


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("=1+1", "'=1+1"),
        ("+84 912", "'+84 912"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\\x09x"),
        ("\rx", "'\\x0dx"),
        ("a\x1b[2Jb\nc", "a\\x1b[2Jb\nc"),
        ("Sở Y tế", "Sở Y tế"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_a_formula_is_kept_as_text(value: str, kept: str) -> None:
    assert neutral(value) == kept


def test_both_formats_neutralise_every_text_cell(tmp_path: Path) -> None:
    sheet = Sheet("Thử", ["=Tiêu đề", "Ngày"], [["=cmd|' /C calc'!A0", dt.date(2026, 1, 2)], ["@x", None]])
    rows = list(csv.reader(io.StringIO(to_csv(sheet).lstrip("\ufeff"))))
    assert rows == [["'=Tiêu đề", "Ngày"], ["'=cmd|' /C calc'!A0", "2026-01-02"], ["'@x", ""]]
    path = tmp_path / "x.xlsx"
    path.write_bytes(to_xlsx(Book([("+nhãn", "-giá trị")], [sheet])))
    book = load_workbook(path)
    assert [[c.value for c in row] for row in book["Tổng quan"].iter_rows()] == [["'+nhãn", "'-giá trị"]]
    cells = [[c.value for c in row] for row in book["Thử"].iter_rows()]
    assert cells[0] == ["'=Tiêu đề", "Ngày"] and cells[1][0] == "'=cmd|' /C calc'!A0" and cells[2][0] == "'@x"
    assert all(c.data_type != "f" for row in book["Thử"].iter_rows() for c in row)


def test_deadlines_of_a_year_as_xlsx(cli: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "han-2026.xlsx"
    result = cli("deadlines", "--year", "2026", "--format", "xlsx", "--out", str(out))
    assert result.exit_code == 0 and f"Đã ghi {out}." in result.stderr
    book = load_workbook(out)
    assert book.sheetnames == ["Tổng quan", "Hạn"]
    about = {row[0].value: row[1].value for row in book["Tổng quan"].iter_rows()}
    assert about["Kỳ"].startswith("quý I/2026 (2026-Q1), quý II/2026") and about["Số hạn có ngày"] == 4
    sheet = book["Hạn"]
    assert [c.value for c in sheet[1]][:4] == ["Kỳ", "Hạn", "Thứ", "Ai làm"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:I{sheet.max_row}"
    dated = [row for row in sheet.iter_rows(min_row=2) if row[1].value is not None]
    assert [row[1].value.date() for row in dated] == [
        dt.date(2026, 3, 24),
        dt.date(2026, 6, 24),
        dt.date(2026, 9, 24),
        dt.date(2026, 12, 24),
    ]
    assert {row[1].number_format for row in dated} == {"dd/mm/yyyy"} and dated[0][2].value == "Thứ Ba"
    assert cli("deadlines", "--year", "2026", "--format", "xlsx").exit_code == 2


@pytest.mark.parametrize("rules_file", [None, DATA / "other.yaml"])
def test_members_as_xlsx_and_csv(cli: Callable[..., Result], tmp_path: Path, rules_file: Path | None) -> None:
    chosen = ["--file", str(rules_file)] if rules_file else []
    out = tmp_path / "tv.xlsx"
    assert cli("members", "--as-of", "2025-06-01", "--format", "xlsx", "--out", str(out), *chosen).exit_code == 0
    book = load_workbook(out)
    about = {row[0].value: row[1] for row in book["Tổng quan"].iter_rows()}
    assert about["Ngày xét"].value.date() == dt.date(2025, 6, 1) and about["Ngày xét"].number_format == "dd/mm/yyyy"
    sheet = book["01-06-2025"]
    assert [c.value for c in sheet[1]][:4] == ["Mã", "Vai trò", "Chức danh", "Cơ quan"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    printed = cli("members", "--as-of", "2025-06-01", "--format", "csv", *chosen).stdout
    assert printed.startswith("\ufeffMã,Vai trò,Chức danh,Cơ quan")
    assert len(list(csv.reader(io.StringIO(printed)))) == sheet.max_row
    assert cli("members", "--format", "xlsx", "--out", str(out), *chosen).exit_code == 2  # exists, no --force
