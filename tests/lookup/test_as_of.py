"""Every command answers for the date asked and says what the text is, and the commands agree with each other:
the questions of issue #11, asked as a user would on 2026-11-28 and again on 2024-10-01."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document
from typer.testing import Result

from quyche_cli.clock import today
from quyche_cli.rules.model import Calendar
from quyche_cli.schedule.workcalendar import WorkCalendar
from support import DATA, examples

TODAY, BEFORE = "2026-11-28", "2024-10-01"
MERGER = "202/2025/QH15"

EXAMPLES = examples()


def as_json(result: Result) -> Any:
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def duties(cli: Callable[..., Result], name: str, day: str, *extra: str) -> Any:
    return as_json(cli("duties", name, "--as-of", day, "--format", "json", *extra))


def document_text(path: Path) -> str:
    document = Document(str(path))
    cells = [p.text for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_a_dissolved_department_is_history_with_no_deadline(cli: Callable[..., Result]) -> None:
    result = cli("duties", "Sở Kế hoạch và Đầu tư", "--as-of", TODAY, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["reporting"] == [] and data["common_duties"] == [] and data["member"]["seat"] == "ended"
    assert {d["carried_by"] for d in data["duties"]} == {"Sở Tài chính"}
    assert data["succession"]["carriers"][0]["agency_id"] == "stc"
    assert any("chấm dứt hoạt động từ 01/03/2025" in n for n in data["notices"])
    before = duties(cli, "Sở Kế hoạch và Đầu tư", BEFORE)
    assert before["reporting"][0]["next_deadline"] == "2024-12-24" and before["succession"] is None
    assert before["member"]["seat"] == "held" and all(d["carried_by"] is None for d in before["duties"])


def test_the_default_date_is_today(cli: Callable[..., Result]) -> None:
    implicit = as_json(cli("duties", "Sở Y tế", "--format", "json"))
    assert implicit["as_of"] == today().isoformat()
    assert implicit == duties(cli, "Sở Y tế", today().isoformat())


def test_deadlines_of_a_dissolved_member_say_who_does_it_now(cli: Callable[..., Result]) -> None:
    result = cli("deadlines", "--member", "Sở Kế hoạch và Đầu tư", "--period", "2026-Q4")
    assert result.exit_code == 0 and "Sở Tài chính" in result.stderr and "Các thành viên" not in result.stdout
    data = as_json(cli("deadlines", "--member", "Sở KH&ĐT", "--period", "2026-Q4", "--format", "json"))
    assert data["obligations"] == [] and any("Sở Tài chính" in n for n in data["notices"])
    before = as_json(cli("deadlines", "--member", "Sở KH&ĐT", "--period", "2024-Q4", "--format", "json"))
    assert [o["step"] for o in before["obligations"]] == ["member_report"]


def test_the_successor_of_the_standing_agency_does_not_report_to_itself(cli: Callable[..., Result]) -> None:
    now = as_json(cli("deadlines", "--member", "Sở KH&CN", "--period", "2026-Q4", "--format", "json"))
    assert [o["step"] for o in now["obligations"]] == ["dx_consolidation"]
    [received] = duties(cli, "Sở KH&CN", TODAY)["reporting"]
    assert received["receives"] and received["actor"] == "Các thành viên phải báo cáo"
    before = as_json(cli("deadlines", "--member", "Sở KH&CN", "--period", "2024-Q4", "--format", "json"))
    assert [o["step"] for o in before["obligations"]] == ["member_report"]


def test_a_partial_transfer_reaches_each_successor_with_its_own_points(cli: Callable[..., Result]) -> None:
    def inherited(name: str) -> list[tuple[str, list[str]]]:
        data = duties(cli, name, TODAY)
        return [(i["from_id"], [d["id"] for d in i["duties"]]) for i in data["succession"]["inherited"]]

    assert inherited("Sở Y tế") == [("sldtbxh", ["art_6__para_7__point_b", "art_6__para_7__point_c"])]
    assert inherited("Sở Giáo dục và Đào tạo") == [("sldtbxh", ["art_6__para_7__point_a"])]
    home = ("sldtbxh", ["art_6__para_7__subpara_1", "art_6__para_7__point_b", "art_6__para_7__point_d"])
    assert home in inherited("Sở Nội vụ"), "7.b is split: Sở Nội vụ keeps người có công"
    assert duties(cli, "Sở Y tế", BEFORE)["succession"] is None


def test_report_forms_carry_only_the_transferred_points(cli: Callable[..., Result], tmp_path: Path) -> None:
    for name, out in (("Sở Y tế", "syt.docx"), ("Sở Giáo dục và Đào tạo", "sgddt.docx")):
        result = cli("render", "bao-cao", "--member", name, "--period", "2026-Q4", "--out", str(tmp_path / out))
        assert result.exit_code == 0, result.output
    health, education = document_text(tmp_path / "syt.docx"), document_text(tmp_path / "sgddt.docx")
    assert "Kính gửi: Sở Khoa học và Công nghệ\n" in health, "the successor, with no internal annotation"
    assert "Điểm b khoản 7 Điều 6" in health and "Điểm a khoản 7 Điều 6" not in health
    assert "Điểm a khoản 7 Điều 6" in education and "Điểm b khoản 7 Điều 6" not in education


def test_documents_of_2026_sign_and_remind_as_the_rules_file_says(cli: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "snnmt.docx"
    args = ["render", "bao-cao", "--member", "Sở Nông nghiệp và Môi trường", "--period", "2026-Q4", "--out", str(out)]
    assert cli(*args).exit_code == 0
    report = document_text(out)
    assert "\nGIÁM ĐỐC\n" in report and "THỦ TRƯỞNG" not in report
    assert "Kết quả thực hiện nhiệm vụ chuyển đổi số quý IV năm 2026" in report
    assert "Điểm a khoản 9 Điều 6" in report and "Điểm a khoản 11 Điều 6" in report, "both predecessors' points"
    received, audit, day = tmp_path / "q4", tmp_path / "q4.json", tmp_path / "day.yaml"
    received.mkdir()
    audit.write_text(cli("check-reports", str(received), "--period", "2026-Q4", "--format", "json").stdout)
    day.write_text(f"date: {TODAY}\n", encoding="utf-8")
    reminder = ["render", "don-doc", "--from-audit", str(audit), "--data", str(day), "--out", str(tmp_path / "d.docx")]
    early = cli(*reminder)
    assert early.exit_code == 2 and "hết ngày 24/12/2026" in early.stderr and not (tmp_path / "d.docx").exists()


def test_the_head_and_the_standing_agency_do_not_get_the_members_reporting_duty(cli: Callable[..., Result]) -> None:
    reporting_duty = "art_10__subpara_2"
    head = duties(cli, "Trưởng Ban Chỉ đạo", TODAY)
    assert reporting_duty not in [d["id"] for d in head["common_duties"]] and head["reporting"] == []
    owed_to_the_head = {"art_2__para_2", "art_8__para_1"}
    assert not owed_to_the_head & {d["id"] for d in head["common_duties"]}
    assert owed_to_the_head <= {d["id"] for d in duties(cli, "Công an tỉnh", TODAY)["common_duties"]}
    standing = duties(cli, "Sở Thông tin và Truyền thông", BEFORE)
    assert reporting_duty not in [d["id"] for d in standing["common_duties"]]
    assert reporting_duty in [d["id"] for d in duties(cli, "Sở Y tế", TODAY)["common_duties"]]


def test_the_new_agency_is_a_member_with_its_inherited_and_common_duties(cli: Callable[..., Result]) -> None:
    data = duties(cli, "Sở Nông nghiệp và Môi trường", TODAY)
    assert {i["from_id"] for i in data["succession"]["inherited"]} == {"snnptnt", "stnmt"}
    assert data["common_duties"] and data["reporting"][0]["next_deadline"] == "2026-12-24"
    members = as_json(cli("members", "--as-of", TODAY, "--format", "json"))["members"]
    row = next(m for m in members if m["id"] == "snnmt")
    assert row["role"] == "successor" and row["inherited_points"] == 8
    assert next(m for m in members if m["id"] == "stnmt")["seat"] == "pending"
    before = as_json(cli("members", "--as-of", BEFORE, "--format", "json"))["members"]
    assert "snnmt" not in [m["id"] for m in before] and len(before) == 28
    assert "Cơ quan kế thừa" in cli("members", "--as-of", TODAY, env={"COLUMNS": "100"}).stdout


def write_example(tmp_path: Path, kind: str, meeting: str, assignee: str | None = None) -> Path:
    data = json.loads(json.dumps(EXAMPLES[kind], default=str))
    data["meeting"]["date"] = meeting
    data["date"] = meeting
    if assignee:
        for conclusion in data["conclusions"]:
            if conclusion.get("assignee"):
                conclusion["assignee"] = assignee
    path = tmp_path / f"{kind}-{meeting}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_an_invitation_addresses_the_agencies_of_its_meeting_day(cli: Callable[..., Result], tmp_path: Path) -> None:
    for meeting in ("2026-12-18", "2024-09-26"):
        out = tmp_path / f"gm-{meeting}.docx"
        data = write_example(tmp_path, "giay-moi", meeting)
        assert cli("render", "giay-moi", "--data", str(data), "--out", str(out)).exit_code == 0
    now, before = document_text(tmp_path / "gm-2026-12-18.docx"), document_text(tmp_path / "gm-2024-09-26.docx")
    for present in ("Sở Nông nghiệp và Môi trường", "Sở Khoa học và Công nghệ", "Sở Tài chính"):
        assert present in now
    for gone in ("Sở Kế hoạch và Đầu tư", "Sở Thông tin và Truyền thông;", "Sở Giao thông vận tải"):
        assert gone not in now and gone in before


def test_a_dissolved_department_is_refused_as_assignee_and_author(cli: Callable[..., Result], tmp_path: Path) -> None:
    data = write_example(tmp_path, "thong-bao", "2026-12-18", "Sở Thông tin và Truyền thông")
    out = tmp_path / "tb.docx"
    result = cli("render", "thong-bao", "--data", str(data), "--out", str(out))
    assert result.exit_code == 2 and "Sở Khoa học và Công nghệ" in result.stderr and not out.exists()
    earlier = write_example(tmp_path, "thong-bao", "2024-09-26", "Sở Thông tin và Truyền thông")
    assert cli("render", "thong-bao", "--data", str(earlier), "--out", str(out)).exit_code == 0
    report = tmp_path / "bc.docx"
    refused = cli("render", "bao-cao", "--member", "Sở TT&TT", "--period", "2026-Q4", "--out", str(report))
    assert refused.exit_code == 2 and "Sở Khoa học và Công nghệ" in refused.stderr and not report.exists()


@pytest.mark.parametrize("typed", ["Sở Tư pháp Bắc Giang", "Y tế dự phòng", "Sở Y tê bắc"])
def test_names_are_never_guessed_by_any_command(cli: Callable[..., Result], tmp_path: Path, typed: str) -> None:
    result = cli("duties", typed, "--as-of", TODAY)
    assert result.exit_code == 1 and "Không tìm thấy" in result.stderr and "Có phải ý bạn là" in result.stderr
    assert cli("deadlines", "--member", typed).exit_code == 1
    data = write_example(tmp_path, "thong-bao", "2026-12-18", typed)
    assert cli("render", "thong-bao", "--data", str(data), "--out", str(tmp_path / "x.docx")).exit_code == 2


@pytest.mark.parametrize(
    "command",
    [
        ["duties", "Sở Y tế"],
        ["members"],
        ["show", "Điều 10"],
        ["search", "họp"],
        ["deadlines"],
        ["calendar", "2026"],
        ["check-reports", "EXAMPLES"],
    ],
    ids=lambda c: c[0],
)
def test_every_command_says_the_text_is_a_draft_written_before_the_merger(
    cli: Callable[..., Result], command: list[str]
) -> None:
    from support import ROOT

    args = [str(ROOT / "examples" / "bao-cao-quy-III-2024") if a == "EXAMPLES" else a for a in command]
    dated = ["--as-of", TODAY] if command[0] != "check-reports" else ["--period", "2026-Q3"]
    text = cli(*args, *dated)
    assert "Lưu ý: Văn bản là dự thảo" in text.stderr and MERGER in text.stderr
    notices = as_json(cli(*args, *dated, "--format", "json"))["notices"]
    assert any("dự thảo" in n for n in notices) and any(MERGER in n for n in notices)
    if command[0] != "check-reports":
        before = as_json(cli(*args, "--as-of", BEFORE, "--format", "json"))["notices"]
        assert not any(MERGER in n for n in before)


def test_the_district_level_point_is_marked_after_the_merger(cli: Callable[..., Result]) -> None:
    assert "không còn áp dụng" in cli("show", "5.5.dd", "--as-of", TODAY).stderr
    assert "không còn áp dụng" not in cli("show", "5.5.dd", "--as-of", BEFORE).stderr
    items = {d["id"]: d for d in duties(cli, "Sở TT&TT", TODAY)["duties"]}
    assert items["art_5__para_5__point_dd"]["outdated"] and not items["art_5__para_5__point_c"]["outdated"]
    [inherited] = duties(cli, "Sở KH&CN", TODAY)["succession"]["inherited"]
    carried = {d["id"]: d["outdated"] for d in inherited["duties"]}
    assert carried["art_5__para_5__point_dd"] and not carried["art_5__para_5__point_c"]
    hits = {h["id"]: h for h in as_json(cli("search", "cấp huyện", "--as-of", TODAY, "--format", "json"))["hits"]}
    assert hits["art_5__para_5__point_dd"]["outdated"] and hits["art_5__para_5__point_dd"]["carried_by"]
    before = as_json(cli("search", "cấp huyện", "--as-of", BEFORE, "--format", "json"))["hits"]
    assert all(h["outdated"] == [] and h["carried_by"] is None for h in before)
    assert "nay do Sở Khoa học và Công nghệ thực hiện" in cli("show", "5.5.k", "--as-of", TODAY).stderr


def test_the_calendar_shows_the_2026_swap_and_which_years_are_provisional(cli: Callable[..., Result]) -> None:
    year = as_json(cli("calendar", "2026", "--format", "json"))
    assert year["official"] and "12729/VPCP-KGVX" in year["source"]
    days = {d["date"]: d for d in year["days"]}
    assert days["2026-01-02"]["working"] is False and days["2026-01-10"]["working"] is True
    later = cli("calendar", "2027")
    assert "Năm 2027: dự kiến" in later.stdout and "2027 là dự kiến" in later.stderr
    assert "Thứ Hai 27/01/2025     nghỉ    Nghỉ Tết Nguyên đán (28 tháng Chạp)" in cli("calendar", "2025").stdout
    deadlines = as_json(cli("deadlines", "--period", "2027-Q1", "--format", "json"))
    assert any("2027 là dự kiến" in n for n in deadlines["notices"])


def test_holidays_are_spelled_as_vietnamese_writes_them(cli: Callable[..., Result]) -> None:
    """The library writes "Tết Nguyên Đán"; the 28th of tháng Chạp is still found from its Tết (2025, a year
    the bundled file lists day by day, so read here from the library alone)."""
    shown = cli("calendar", "2027").stdout
    assert "Thứ Bảy 06/02/2027     nghỉ    Tết Nguyên đán  [thư viện holidays]" in shown
    assert "Mùng hai Tết Nguyên đán" in shown and "Nguyên Đán" not in shown
    library = WorkCalendar(Calendar())
    assert library.info(dt.date(2025, 1, 27)).name == "28 tháng Chạp"
    assert library.info(dt.date(2025, 1, 29)).name == "Tết Nguyên đán"


def test_audit_and_deadlines_agree_on_who_reports(cli: Callable[..., Result], tmp_path: Path) -> None:
    empty = tmp_path / "q4"
    empty.mkdir()
    audit = as_json(cli("check-reports", str(empty), "--period", "2026-Q4", "--format", "json"))
    audited = {m["member"] for m in audit["members"]}
    assert "snnmt" in audited and "stc" in audited and not {"skhdt", "skhcn", "stnmt"} & audited
    for unit in ("snnmt", "stc", "syt"):
        name = {"snnmt": "Sở Nông nghiệp và Môi trường", "stc": "Sở Tài chính", "syt": "Sở Y tế"}[unit]
        steps = as_json(cli("deadlines", "--member", name, "--period", "2026-Q4", "--format", "json"))
        assert "member_report" in [o["step"] for o in steps["obligations"]]


def test_the_invented_regulation_has_its_own_history(cli: Callable[..., Result]) -> None:
    other = ["--file", str(DATA / "other.yaml")]
    centre = as_json(cli("duties", "Trung tâm Dữ liệu tỉnh", "--as-of", TODAY, "--format", "json", *other))
    assert {c["agency_id"]: c["refs"] for c in centre["succession"]["carriers"]} == {
        "skhcn": ["điểm a khoản 3 Điều 2"],
        "scd": ["điểm b khoản 3 Điều 2"],
    }
    assert any("9/QĐ-UBND" in n for n in centre["notices"])
    waiting = as_json(cli("members", "--as-of", "2025-11-01", "--format", "json", *other))["members"]
    assert [m["id"] for m in waiting] == ["to_truong", "skhcn", "ttdl", "scd"]
    decided = as_json(cli("members", "--as-of", TODAY, "--format", "json", *other))["members"]
    assert [(m["id"], m["agency"]) for m in decided][-1] == ("ttdl", "Sở Cảng vụ Dữ liệu")
    head = as_json(cli("duties", "Tổ trưởng Tổ Điều phối", "--as-of", TODAY, "--format", "json", *other))
    assert head["common_duties"] == []
    assert any("Luật Dữ liệu" in n for n in centre["notices"])
