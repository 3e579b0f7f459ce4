"""The reporting load across committees: counts, crowded weeks, cut-offs that differ, deadlines without slack."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import Result

from quyche_cli.desk.front import Desk
from quyche_cli.rules.locate import Choice
from quyche_cli.rules.opening import open_committees
from quyche_cli.rules.workspace import Workspace
from support import DATA

WORKSPACE = DATA / "workspace"
Cli = Callable[..., Result]


def load(year: int, name: str | None = None) -> object:
    desk = Desk(
        open_committees(Choice(Workspace(WORKSPACE), None)), dt.date(2026, 12, 7), lambda zone: dt.date(2026, 12, 7)
    )
    return desk.report_load(year, name).result


def test_an_agency_in_both_committees_owes_both_streams() -> None:
    result = load(2026)
    police = next(a for a in result.agencies if a.id == "cat")
    assert police.by_committee == {"an-toan-thuc-pham": 4, "quyche": 4}
    # quý I/2026: food safety is due Friday 20/03 (the day its data closes), the other Tuesday 24/03.
    march = [(i.committee, i.date) for i in police.items if i.period == "2026-Q1"]
    assert march == [("an-toan-thuc-pham", dt.date(2026, 3, 20)), ("quyche", dt.date(2026, 3, 24))]
    mismatch = next(m for m in police.cutoff_mismatches if m.period == "2026-Q1")
    assert mismatch.cutoffs == [
        ("an-toan-thuc-pham", dt.date(2025, 12, 21), dt.date(2026, 3, 20)),
        ("quyche", dt.date(2025, 12, 15), dt.date(2026, 3, 14)),
    ]
    # 20/06/2026 is a Saturday: the deadline rolls to Monday 22/06, one working day after the cut-off.
    assert [(i.date, i.working_days_after_cutoff) for i in police.tight] == [(dt.date(2026, 3, 20), 0)]
    crowded = [w.monday for w in police.crowded_weeks]
    assert dt.date(2026, 6, 22) in crowded and dt.date(2026, 3, 16) not in crowded


def test_one_agency_and_its_successor_seat() -> None:
    result = load(2026, "Sở Tài chính")
    assert [a.id for a in result.agencies] == ["stc"]
    assert len(result.agencies[0].items) == 8  # carrying the pending seat of Sở Kế hoạch và Đầu tư is not counted twice


def test_an_agency_in_one_committee_has_no_finding() -> None:
    justice = next(a for a in load(2026).agencies if a.id == "stp")
    assert len(justice.items) == 4 and not justice.crowded_weeks and not justice.cutoff_mismatches


def test_a_year_only_one_committee_covers() -> None:
    result = load(2024)
    assert result.committees == ["quyche"]
    assert result.notices and result.notices[0].startswith("an-toan-thuc-pham: Năm 2024 nằm ngoài phạm vi")


def test_the_command_writes_json_and_xlsx(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "tinh"
    shutil.copytree(WORKSPACE, folder)
    shown = cli("-C", str(folder), "report-load", "Công an tỉnh", "--year", "2026")
    assert shown.exit_code == 0 and "Kỳ số liệu quý I/2026 khác nhau" in shown.stdout
    data = json.loads(cli("-C", str(folder), "report-load", "--year", "2026", "--format", "json").stdout)
    assert data["year"] == 2026 and data["committees"] == ["an-toan-thuc-pham", "quyche"]
    assert {a["id"]: a["deadlines"] for a in data["agencies"]}["syt"] == 8
    made = cli("-C", str(folder), "report-load", "--year", "2026", "--format", "xlsx", "--out", "tai.xlsx")
    assert made.exit_code == 0
    book = load_workbook(tmp_path / "tai.xlsx")
    assert book.sheetnames == ["Tổng quan", "Tải báo cáo", "Các hạn", "Tuần dồn hạn", "Kỳ số liệu lệch"]
    assert book["Tải báo cáo"]["A2"].value in {"Công an tỉnh", "Sở Công Thương"}
    assert cli("-C", str(folder), "report-load", "--year", "2150").exit_code == 2
