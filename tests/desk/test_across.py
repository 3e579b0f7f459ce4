"""One answer per agency across the committees of a workspace, through the front door (the Desk)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from quyche_cli.desk.across import AcrossDuties
from quyche_cli.desk.front import Desk
from quyche_cli.errors import InputError, NotFoundError
from quyche_cli.rules.locate import Choice
from quyche_cli.rules.opening import open_committees
from quyche_cli.rules.workspace import Workspace
from support import DATA, Report, write_docx

WORKSPACE = DATA / "workspace"
FOOD = WORKSPACE / "an-toan-thuc-pham.yaml"
Cli = Callable[..., Result]


def desk(day: dt.date | None = None, clock: Callable[[str], dt.date] | None = None) -> Desk:
    """The test workspace's desk, on a clock that says 07/12/2026 unless another is given."""
    found = open_committees(Choice(Workspace(WORKSPACE), None))
    return Desk(found, day, clock or (lambda timezone: dt.date(2026, 12, 7)), WORKSPACE)


def test_today_is_the_calendars_day_in_its_time_zone() -> None:
    asked: list[str] = []

    def clock(timezone: str) -> dt.date:
        asked.append(timezone)
        return dt.date(2027, 1, 4)

    front = desk(clock=clock)
    assert asked == ["Asia/Ho_Chi_Minh"] and front.today == front.day == dt.date(2027, 1, 4)
    assert desk(dt.date(2025, 5, 1)).day == dt.date(2025, 5, 1)
    with pytest.raises(InputError, match="quá sớm"):
        desk(dt.date(2019, 5, 1))


def test_duties_gathers_every_committee_that_concerns_the_agency() -> None:
    answer = desk().duties("Sở Y tế")
    result = answer.result
    assert isinstance(result, AcrossDuties) and answer.rules is None
    assert [c.committee.id for c in result.committees] == ["an-toan-thuc-pham", "quyche"]
    food, digital = result.committees
    assert food.result.member.role == "standing_deputy_head"
    assert [i.ref for i in food.result.duties] == ["điểm a khoản 2 Điều 2", "điểm b khoản 2 Điều 2"]
    assert digital.result.member.assigned_by == "khoản 15 Điều 6"
    # A predecessor that held no seat in the food-safety committee left nothing to Sở Y tế there.
    assert food.result.succession is None and digital.result.succession is not None
    data = result.as_dict()
    assert data["as_of"] == dt.date(2026, 12, 7)
    assert [c["committee"]["id"] for c in data["committees"]] == ["an-toan-thuc-pham", "quyche"]


def test_an_agency_only_one_committee_names() -> None:
    result = desk().duties("Sở Tư pháp").result
    assert [c.committee.id for c in result.committees] == ["quyche"]


def test_committee_narrows_to_one_committees_own_answer() -> None:
    answer = desk().duties("Sở Y tế", "an toan thuc pham")
    assert answer.rules is not None and answer.result.member.title.startswith("Giám đốc Sở Y tế")
    with pytest.raises(InputError, match="an-toan-thuc-pham"):
        desk().duties("Sở Y tế", "ban khác")


def test_a_name_no_committee_knows() -> None:
    with pytest.raises(NotFoundError):
        desk().duties("Sở Ngoại vụ")


def test_seats_of_one_agency_across_committees() -> None:
    result = desk().members("Sở Tài chính").result
    seats = [(s.committee.id, s.id, s.carried) for s in result.seats]
    assert seats == [("an-toan-thuc-pham", "stc", False), ("quyche", "skhdt", True), ("quyche", "stc", False)]
    before = desk(dt.date(2025, 1, 15)).members("Sở Tài chính").result
    assert [(s.committee.id, s.id) for s in before.seats] == [("an-toan-thuc-pham", "stc"), ("quyche", "stc")]


def test_upcoming_deadlines_are_merged_in_date_order() -> None:
    rows = desk().upcoming(6).result.rows
    dates = [r.obligation.date for r in rows]
    assert dates == sorted(dates) and len(rows) == 6
    assert {r.committee.id for r in rows} == {"an-toan-thuc-pham", "quyche"}
    first = rows[0]
    assert first.committee.id == "an-toan-thuc-pham" and first.obligation.date == dt.date(2026, 12, 21)
    assert first.days_left == 14


def test_search_names_the_committee_of_each_hit() -> None:
    result = desk().search("kinh phí").result
    by_committee = {c.committee.id: len(c.result.hits) for c in result.committees}
    assert by_committee["an-toan-thuc-pham"] == 2 and by_committee["quyche"] > 0
    assert {h["committee"]["id"] for h in result.as_dict()["hits"]} == {"an-toan-thuc-pham", "quyche"}


def test_the_cli_names_each_committee(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "tinh"
    shutil.copytree(WORKSPACE, folder)
    shown = cli("-C", str(folder), "duties", "Sở Y tế")
    assert shown.exit_code == 0
    assert "[an-toan-thuc-pham]" in shown.stdout and "[quyche]" in shown.stdout
    assert "Thư mục làm việc:" in shown.stderr
    upcoming = json.loads(cli("-C", str(folder), "deadlines", "--upcoming", "4", "--format", "json").stdout)
    assert [row["committee"]["id"] for row in upcoming["upcoming"]][:1] == ["an-toan-thuc-pham"]
    refused = cli("-C", str(folder), "deadlines", "--year", "2026")
    assert refused.exit_code == 2 and "--committee" in refused.output
    one = cli("-C", str(folder), "deadlines", "--year", "2026", "--committee", "an-toan-thuc-pham")
    assert one.exit_code == 0 and "Sở Y tế" in one.stdout
    seats = cli("-C", str(folder), "members", "--agency", "SYT")
    assert "an-toan-thuc-pham" in seats.stdout and "quyche" in seats.stdout
    both = cli("-C", str(folder), "members")
    assert "[an-toan-thuc-pham]" in both.stdout and both.stdout.count("Thành viên Ban Chỉ đạo") >= 1


def test_members_as_one_spreadsheet_the_committee_first(cli: Cli, tmp_path: Path) -> None:
    import csv

    from openpyxl import load_workbook

    folder = tmp_path / "tinh"
    shutil.copytree(WORKSPACE, folder)
    table = cli("-C", str(folder), "members", "--format", "csv", "--as-of", "2026-12-07")
    assert table.exit_code == 0, table.output
    rows = list(csv.reader(table.stdout.lstrip("\ufeff").splitlines()))
    assert rows[0][:3] == ["Ban", "Mã", "Vai trò"]
    by_committee = {c.committee.id: c.result.rows for c in desk().members().result.committees}
    assert [r[0] for r in rows[1:]] == [ident for ident, seats in by_committee.items() for _ in seats]
    food = [r for r in rows[1:] if r[0] == "an-toan-thuc-pham"]
    assert [r[1] for r in food] == [seat["id"] for seat in by_committee["an-toan-thuc-pham"]]
    out = tmp_path / "ghe.xlsx"
    made = cli(
        "-C",
        str(folder),
        "members",
        "--agency",
        "Sở Tài chính",
        "--as-of",
        "2026-12-07",
        "--format",
        "xlsx",
        "--out",
        str(out),
    )
    assert made.exit_code == 0, made.output
    sheet = load_workbook(out).worksheets[1]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["Ban", "Tên ban", "Mã ghế"]
    assert [(row[0], row[5]) for row in values[1:]] == [
        ("an-toan-thuc-pham", "khoản 3 Điều 2"),
        ("quyche", "khoản 5 Điều 6"),
        ("quyche", "khoản 10 Điều 6"),
    ]
    assert values[2][6] == "mang nhiệm vụ của ghế chờ kiện toàn"


def test_site_has_a_page_per_agency_listing_its_committees() -> None:
    site = desk().site()
    assert "an-toan-thuc-pham/index.html" in site.files and "quyche/index.html" in site.files
    home = site.files["index.html"].decode()
    assert 'href="an-toan-thuc-pham/index.html"' in home and 'href="co-quan/syt.html"' in home
    health = site.files["co-quan/syt.html"].decode()
    links = re.findall(r'href="\.\./([^"]+\.html)"', health)
    assert links == ["index.html", "an-toan-thuc-pham/thanh-vien/syt.html", "quyche/thanh-vien/syt.html"]
    assert all(link in site.files for link in links)
    justice = re.findall(r'href="\.\./([^"]+\.html)"', site.files["co-quan/stp.html"].decode())
    assert justice == ["index.html", "quyche/thanh-vien/stp.html"]
    # The food-safety committee's own site has no page for agencies it does not concern.
    assert "an-toan-thuc-pham/co-quan/stp.html" not in site.files
    assert all(notice.split(":")[0] in ("an-toan-thuc-pham", "quyche") for notice in site.notices)


def test_the_site_command_on_a_workspace(cli: Cli, tmp_path: Path) -> None:
    made = cli("-C", str(WORKSPACE), "site", "--out", "web")
    assert made.exit_code == 0, made.output
    assert (tmp_path / "web" / "co-quan" / "syt.html").is_file()
    again = cli("-C", str(WORKSPACE), "site", "--out", "web", "--force")
    assert again.exit_code == 0  # a portal page names quyche as its generator: the folder is ours to replace


def food_reports(folder: Path) -> Path:
    """Two members' reports of quý III/2026 to the food-safety committee, as .docx files."""
    folder.mkdir()
    for issuer, symbol in (("SỞ TÀI CHÍNH", "STC"), ("CÔNG AN TỈNH", "CAT")):
        report = Report(
            issuer=issuer,
            symbol=symbol,
            date_line="ngày 18 tháng 9 năm 2026",
            period_line="Kết quả bảo đảm an toàn thực phẩm quý III năm 2026",
        )
        write_docx(folder / f"{symbol}.docx", report)
    return folder


def test_check_reports_names_the_committee_it_read_from_the_titles(cli: Cli, tmp_path: Path) -> None:
    folder = food_reports(tmp_path / "nhan")
    found = cli("-C", str(WORKSPACE), "check-reports", str(folder), "--format", "json", "--as-of", "2026-12-07")
    data = json.loads(found.stdout)
    assert data["committee"]["id"] == "an-toan-thuc-pham" and data["committee_chosen_by"] == "tiêu đề của 2/2 tệp"
    assert data["stream"] == "quarterly" and data["period"] == "2026-Q3"
    shown = cli("-C", str(WORKSPACE), "check-reports", str(folder), "--as-of", "2026-12-07")
    assert "Đọc theo Ban Chỉ đạo liên ngành về an toàn thực phẩm tỉnh [an-toan-thuc-pham]" in shown.stdout
    named = cli("-C", str(WORKSPACE), "check-reports", str(folder), "--committee", "quyche", "--format", "json")
    assert json.loads(named.stdout)["committee_chosen_by"] == "--committee"


def test_check_reports_refuses_a_folder_whose_titles_do_not_tell(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "nhan"
    folder.mkdir()
    write_docx(folder / "STC.docx", Report(issuer="SỞ TÀI CHÍNH", symbol="STC", period_line="quý III năm 2026"))
    refused = cli("-C", str(WORKSPACE), "check-reports", str(folder))
    assert refused.exit_code == 2
    assert "--committee: an-toan-thuc-pham (" in refused.output and "quyche (" in refused.output


def test_one_calendar_of_an_agency_across_committees(cli: Cli, tmp_path: Path) -> None:
    from icalendar import Calendar

    made = cli(
        "-C", str(WORKSPACE), "calendar", "2026", "--agency", "Sở Tài chính", "--format", "ics", "--out", "stc.ics"
    )
    assert made.exit_code == 0, made.output
    events = Calendar.from_ical((tmp_path / "stc.ics").read_bytes()).walk("VEVENT")
    days = sorted(event.decoded("dtstart") for event in events)
    assert days[:2] == [dt.date(2026, 3, 20), dt.date(2026, 3, 24)] and len(days) == 8
    assert len({str(event["uid"]) for event in events}) == 8
    listed = cli("-C", str(WORKSPACE), "calendar", "2026", "--agency", "Sở Tài chính")
    assert "an-toan-thuc-pham" in listed.stdout and "quyche" in listed.stdout
    assert cli("-C", str(WORKSPACE), "calendar", "2026", "--format", "ics").exit_code == 2


def test_a_committee_that_cannot_speak_for_the_day_is_left_out_with_the_reason(cli: Cli) -> None:
    """The food-safety file records nothing before 2025: on 01/11/2024 only the other committee answers."""
    answer = desk(dt.date(2024, 11, 1)).duties("Sở Tài chính")
    assert [part.committee.id for part in answer.result.committees] == ["quyche"]
    assert answer.warnings and answer.warnings[0].startswith("an-toan-thuc-pham: --as-of 01/11/2024 quá sớm")
    shown = cli("-C", str(WORKSPACE), "duties", "Sở Tài chính", "--as-of", "2024-11-01")
    assert shown.exit_code == 0 and "an-toan-thuc-pham: --as-of 01/11/2024 quá sớm" in shown.stderr
