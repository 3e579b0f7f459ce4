"""The ledger, the scoreboard and the reminders on the other shapes of committee: the national committee of
tests/data/national.yaml (person seats, Tiểu ban reporting every 3 days, Ủy viên monthly) and the commune's
Tổ công tác of tests/data/commune.yaml (a monthly stream, a seat without an agency). Real report folders,
recorded with check-reports, then the scoreboard and a round of reminders with the overdue reports."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

from support import DATA, Report, write_docx

NATIONAL = str(DATA / "national.yaml")
COMMUNE = str(DATA / "commune.yaml")


def folder(path: Path, *reports: Report) -> Path:
    path.mkdir(parents=True)
    for report in reports:
        write_docx(path / f"{report.symbol}.docx", report)
    return path


def check(cli: Callable[..., Result], reports: Path, db: Path, *args: str) -> Result:
    result = cli("check-reports", str(reports), "--record", "--db", str(db), "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return result


def test_the_national_committee(cli: Callable[..., Result], tmp_path: Path) -> None:
    """November 2026: Bộ Tài chính reports on 24/11 (the Ủy viên's monthly report, due 25/11), the other Ủy viên
    do not; the 3-day period 09–11/12/2026: neither Tiểu ban reports."""
    db = tmp_path / "so.sqlite"
    common = ["--file", NATIONAL, "--db", str(db)]
    btc = Report(
        issuer="BỘ TÀI CHÍNH",
        symbol="BTC",
        superior="",
        date_line="Hà Nội, ngày 24 tháng 11 năm 2026",
        period_line="Kết quả thực hiện nhiệm vụ về dữ liệu mở tháng 11 năm 2026",
    )
    november = folder(tmp_path / "thang-11", btc)
    month = check(cli, november, db, "--file", NATIONAL, "--period", "2026-11", "--stream", "monthly")
    verdicts = {m["member"]: m["status"] for m in json.loads(month.stdout)["members"]}
    assert verdicts == {"bca": "missing", "btc": "on_time", "vpcp": "missing", "bnnmt": "missing"}
    three = folder(tmp_path / "ba-ngay")
    args = ["--file", NATIONAL, "--period", "từ ngày 09/12/2026 đến ngày 11/12/2026", "--stream", "three_days"]
    days = check(cli, three, db, *args, "--as-of", "2026-12-12")
    assert {m["member"]: m["status"] for m in json.loads(days.stdout)["members"]} == {
        "tb_ha_tang": "missing",
        "tb_phap_ly": "missing",
    }

    board = json.loads(cli("scoreboard", "--year", "2026", *common, "--format", "json").stdout)
    assert board["periods"] == ["2026-11", "2026-12-09..2026-12-11"]
    totals = {s["member"]: s for s in board["totals"]}
    assert (totals["btc"]["due"], totals["btc"]["on_time"], totals["btc"]["rate"]) == (1, 1, 1.0)
    assert (totals["tb_ha_tang"]["title"], totals["tb_ha_tang"]["missing"]) == ("Tiểu ban Hạ tầng dữ liệu", 1)
    assert {s["committee"] for s in board["totals"]} == {"national"}
    quarter = {b["label"]: {s["member"] for s in b["scores"]} for b in board["views"]["quarter"]}
    assert quarter == {"2026-Q4": {"bca", "btc", "vpcp", "bnnmt", "tb_ha_tang", "tb_phap_ly"}}

    # 18/12/2026: the Ủy viên's December report is due on Friday 25/12 (7 days), the Tiểu ban's 3-day report
    # of 18–20/12 on Sunday 20/12 (2 days, not rolled forward); the ledger adds what is overdue
    round_ = cli("remind", "--days", "2,7", "--overdue", "--as-of", "2026-12-18", *common, "--format", "json")
    reminders = {r["recipient"]: r for r in json.loads(round_.stdout)["reminders"]}
    assert set(reminders) == {"bca", "btc", "vpcp", "bnnmt", "tb_ha_tang", "tb_phap_ly"}
    bca = reminders["bca"]["parts"][0]
    assert [d["days_left"] for d in bca["due"]] == [7] and [o["period"] for o in bca["overdue"]] == ["2026-11"]
    assert bca["due"][0]["ref"] == "khoản 2 Điều 9" and bca["due"][0]["wording"] == "chậm nhất vào ngày 25 hằng tháng"
    assert reminders["btc"]["parts"][0]["overdue"] == []  # it reported on time
    sub = reminders["tb_ha_tang"]
    assert sub["name"] == "Tiểu ban Hạ tầng dữ liệu" and sub["contacts"] == []  # a seat without an agency
    assert [(d["days_left"], d["date"]) for d in sub["parts"][0]["due"]] == [(2, "2026-12-20")]
    assert [o["period"] for o in sub["parts"][0]["overdue"]] == ["2026-12-09..2026-12-11"]
    text = cli("remind", "--days", "2,7", "--overdue", "--as-of", "2026-12-18", *common)
    assert "Kính gửi: Tiểu ban Pháp lý dữ liệu" in text.stdout
    assert "Ban Chỉ đạo quốc gia về Dữ liệu mở [national]" in text.stdout
    assert "- Báo cáo kỳ 2026-12-09..2026-12-11: hạn 11/12/2026, quá 7 ngày, chưa nộp." in text.stdout
    assert "Tiểu ban Hạ tầng dữ liệu chưa có đầu mối nhận nhắc hạn" in text.stderr


def test_the_commune_team(cli: Callable[..., Result], tmp_path: Path) -> None:
    """The monthly report is due before the 20th: Công an xã reports October's on 22/10 (late), November's on
    18/11 (on time); the Tổ phó and the Văn phòng – Thống kê seat (no agency) never report."""
    db = tmp_path / "so.sqlite"
    common = ["--file", COMMUNE, "--db", str(db)]
    for number, day in ((10, 22), (11, 18)):
        report = Report(
            issuer="CÔNG AN XÃ TÂN HÒA",
            symbol="CAX",
            superior="CÔNG AN TỈNH",
            date_line=f"Tân Hòa, ngày {day} tháng {number} năm 2026",
            period_line=f"Kết quả thực hiện nhiệm vụ chuyển đổi số tháng {number} năm 2026",
        )
        check(cli, folder(tmp_path / f"thang-{number}", report), db, *common[:2], "--period", f"2026-{number}")
    board = json.loads(cli("scoreboard", "--year", "2026", *common, "--format", "json").stdout)
    totals = {s["member"]: s for s in board["totals"]}
    assert (totals["cax"]["on_time"], totals["cax"]["late"], totals["cax"]["days_late"]) == (
        1,
        1,
        3,
    )  # 22/10 after Monday 19/10
    assert (totals["van_phong"]["missing"], totals["to_pho"]["missing"]) == (2, 2)
    months = {(c["member"], c["month"]): c["worst"] for c in board["months"]}
    assert months[("cax", "2026-10")] == "late" and months[("cax", "2026-11")] == "on_time"
    text = cli("scoreboard", "--year", "2026", "--by", "quarter", *common, env={"COLUMNS": "160"}).stdout
    row = next(line for line in text.splitlines() if line.startswith("Công an xã Tân Hòa"))
    assert "Quý IV/2026" in text and row.split()[5:] == ["2", "1", "1", "(3", "ngày,", "3)", "0", "0", "0", "0", "50%"]

    # 14/12/2026: the December report is due on Monday 21/12, 7 days later ("trước ngày 20" ends on Saturday
    # 19/12, rolled to the next working day)
    round_ = cli("remind", "--days", "7", "--overdue", "--as-of", "2026-12-14", *common, "--format", "json")
    reminders = {r["recipient"]: r for r in json.loads(round_.stdout)["reminders"]}
    assert set(reminders) == {"cax", "to_pho", "van_phong"}
    assert reminders["cax"]["name"] == "Công an xã Tân Hòa" and reminders["cax"]["parts"][0]["overdue"] == []
    office = reminders["van_phong"]["parts"][0]
    assert [o["period"] for o in office["overdue"]] == ["2026-10", "2026-11"]
    assert [(d["days_left"], d["date"], d["ref"]) for d in office["due"]] == [(7, "2026-12-21", "khoản 1 Điều 3")]
