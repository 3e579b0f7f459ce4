"""`duties` and `members` on the real regulation: what a member must do, as of a date, and names refused."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from quyche_cli.rules.index import Rules
from support import DATA


def test_unknown_name_suggests_at_most_three_and_exits_1(cli: Callable[..., Result]) -> None:
    result = cli("duties", "Sở Ngoại vụ")
    assert result.exit_code == 1
    message = result.stderr
    assert message.startswith(
        "Không tìm thấy 'Sở Ngoại vụ' (không tên nào đã khai báo có từ 'Ngoại'). Có phải ý bạn là: Sở Nội vụ"
    )
    suggested = re.search(r"Có phải ý bạn là: (.*)\?", message)
    assert suggested and len(suggested.group(1).split(", ")) <= 3


def test_ambiguous_name_lists_the_members_and_exits_1(cli: Callable[..., Result]) -> None:
    result = cli("duties", "Sở Giao")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "'Sở Giao' khớp với nhiều thành viên, hãy ghi rõ hơn:",
        "  - Sở Giáo dục và Đào tạo (sgddt)",
        "  - Sở Giao thông vận tải (sgtvt)",
    ]


def test_legacy_encoded_query_is_warned_about(cli: Callable[..., Result]) -> None:
    result = cli("duties", "Së Y tÕ")
    assert "bảng mã cũ" in result.stderr


def test_duties_json_for_so_y_te(cli: Callable[..., Result]) -> None:
    result = cli("duties", "so y te", "--format", "json", "--as-of", "2024-09-01")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["member"] == {
        "id": "syt",
        "title": "Giám đốc Sở Y tế",
        "agency": "Sở Y tế",
        "abbreviation": "SYT",
        "role": "member",
        "assigned_by": "khoản 15 Điều 6",
        "valid_from": None,
        "valid_to": None,
        "seat": "held",
        "role_label": "Thành viên",
        "body": None,
        "seat_from": None,
        "seat_to": None,
        "seat_source": None,
        "holder": None,
    }
    refs = [d["ref"] for d in data["duties"]]
    assert refs == [
        "đoạn 1 khoản 15 Điều 6",
        "điểm a khoản 15 Điều 6",
        "điểm b khoản 15 Điều 6",
        "điểm c khoản 15 Điều 6",
        "điểm d khoản 15 Điều 6",
    ]
    point_c = data["duties"][3]
    assert point_c["involvement"] == "lead" and point_c["text"].startswith("Chủ trì triển khai")
    assert {d["id"] for d in data["common_duties"]} >= {"art_2__para_2", "art_8__para_1", "art_10__subpara_2"}
    assert [(m["ref"], m["involvement"], m["member"]) for m in data["mentions"]] == [
        ("điểm b khoản 18 Điều 6", "lead", "bhxh")
    ]
    assert data["reporting"][0]["next_deadline"] == "2024-09-24"
    assert data["reporting"][0]["recipients"] == ["Sở Thông tin và Truyền thông"]
    assert data["succession"] is None


def test_mentions_as_partner_and_by_name(cli: Callable[..., Result]) -> None:
    data = json.loads(cli("duties", "Công an tỉnh", "--format", "json").stdout)
    assert [(m["ref"], m["involvement"], m["member"]) for m in data["mentions"]] == [
        ("điểm k khoản 5 Điều 5", "partner", "stttt"),
        ("khoản 5 Điều 8", "named", None),
    ]


def test_dissolved_agency_shows_its_successor(cli: Callable[..., Result]) -> None:
    data = json.loads(cli("duties", "Sở Thông tin và Truyền thông", "--format", "json", "--as-of", "2025-06-01").stdout)
    assert data["succession"]["successor"] == "Sở Khoa học và Công nghệ"
    assert len(data["duties"]) == 14
    before = json.loads(cli("duties", "STTTT", "--format", "json", "--as-of", "2025-02-28").stdout)
    assert before["succession"] is None


def test_successor_shows_what_it_inherited(cli: Callable[..., Result]) -> None:
    after = json.loads(cli("duties", "Sở KH&CN", "--format", "json", "--as-of", "2025-03-01").stdout)
    inherited = after["succession"]["inherited"]
    assert [(i["from_id"], i["scope"], len(i["duties"])) for i in inherited] == [("stttt", None, 14)]
    assert len(after["duties"]) == 4
    before = json.loads(cli("duties", "Sở KH&CN", "--format", "json", "--as-of", "2025-02-01").stdout)
    assert before["succession"] is None


def test_new_agency_without_a_role_gets_inherited_duties(cli: Callable[..., Result]) -> None:
    data = json.loads(cli("duties", "Sở Nông nghiệp và Môi trường", "--format", "json", "--as-of", "2025-09-01").stdout)
    assert data["member"]["id"] == "snnmt" and data["duties"] == []
    assert {i["from_id"] for i in data["succession"]["inherited"]} == {"snnptnt", "stnmt"}
    assert data["reporting"][0]["next_deadline"] == "2025-09-24"


def test_partial_transfer_is_shown_separately(cli: Callable[..., Result]) -> None:
    data = json.loads(cli("duties", "Sở Y tế", "--format", "json", "--as-of", "2025-06-01").stdout)
    assert [(i["from_id"], i["scope"]) for i in data["succession"]["inherited"]] == [
        ("sldtbxh", "bảo trợ xã hội, trợ giúp xã hội, trẻ em; chi trả cho đối tượng bảo trợ xã hội, trợ giúp xã hội")
    ]


def test_text_view_fits_80_columns_and_pipes_cleanly(cli: Callable[..., Result]) -> None:
    result = cli("duties", "Sở Y tế", "--as-of", "2024-09-01")
    lines = result.stdout.splitlines()
    assert lines[0] == "Giám đốc Sở Y tế"
    assert all(len(line) <= 80 for line in lines)
    assert "\x1b[" not in result.stdout and not any(line.endswith(" ") for line in lines)
    sections = [line for line in lines if line and not line.startswith(" ") and line != lines[0]]
    assert [s.split(" (")[0] for s in sections[1:]] == [
        "Nhiệm vụ riêng",
        "Nhiệm vụ chung của mọi thành viên",
        "Các quy định khác nêu tên",
        "Chế độ báo cáo",
    ]
    assert "• điểm c khoản 15 Điều 6 [chủ trì]" in result.stdout
    assert "Báo cáo định kỳ hằng quý: hạn Thứ Ba 24/09/2024 (quý III/2024)" in result.stdout


def test_markdown_view(cli: Callable[..., Result]) -> None:
    result = cli("duties", "SYT", "--format", "markdown", "--as-of", "2024-09-01")
    assert result.stdout.startswith("## Giám đốc Sở Y tế\n")
    assert "- **điểm c khoản 15 Điều 6 \\[chủ trì\\]**: Chủ trì triển khai" in result.stdout


def test_bad_as_of_date_is_a_usage_error(cli: Callable[..., Result]) -> None:
    result = cli("duties", "Sở Y tế", "--as-of", "31/02/2025")
    assert result.exit_code == 2 and "không tồn tại" in result.stderr


def test_members_json(cli: Callable[..., Result], rules: Rules) -> None:
    data = json.loads(cli("members", "--format", "json", "--as-of", "2024-10-01").stdout)["members"]
    assert len(data) == 28
    syt = next(m for m in data if m["id"] == "syt")
    assert {k: syt[k] for k in ("title", "agency", "abbreviation", "role", "points")} == {
        "title": "Giám đốc Sở Y tế",
        "agency": "Sở Y tế",
        "abbreviation": "SYT",
        "role": "member",
        "points": 5,
    }
    assert next(m for m in data if m["id"] == "sgtvt")["successor"] == "sxd"
    assert next(m for m in data if m["id"] == "ttpvhcc")["agency"] == "Trung tâm hành chính công tỉnh"
    later = json.loads(cli("members", "--format", "json", "--as-of", "2025-01-22").stdout)["members"]
    centre = next(m for m in later if m["id"] == "ttpvhcc")
    assert centre["agency"] == "Trung tâm Phục vụ hành chính công tỉnh", "renamed on 22/01/2025"
    assert "Trung tâm hành chính công tỉnh" in centre["aliases"]


def test_members_table(cli: Callable[..., Result]) -> None:
    result = cli("members")
    assert result.exit_code == 0 and "STTTT" in result.stdout and "chờ kiện toàn" in result.stdout
    assert "TĐTN" in result.stdout and "Sở Y tế" in result.stdout and "5 + 2 kế thừa" in result.stdout
    wide = cli("members", "--wide", env={"COLUMNS": "200"}).stdout
    assert wide.count("Giám đốc") >= 19 and "đến 28/02/2025; ghế chờ kiện toàn" in wide


def test_the_working_group_is_found_where_the_text_names_it(cli: Callable[..., Result]) -> None:
    data = json.loads(cli("duties", "Tổ công tác giúp việc chuyển đổi số", "--format", "json").stdout)
    assert data["member"]["role"] == "working_group" and len(data["duties"]) == 10
    assert [(m["ref"], m["member"]) for m in data["mentions"]] == [
        ("điểm b khoản 5 Điều 5", "stttt"),
        ("đoạn 1 Điều 11", None),
    ]
    assert data["common_duties"] == [] and data["reporting"] == []


@pytest.mark.parametrize("rules_file", [None, DATA / "other.yaml"], ids=["bundled", "other"])
def test_duties_lists_each_streams_next_deadline_as_deadlines_upcoming_does(
    cli: Callable[..., Result], rules_file: Path | None
) -> None:
    """Every seat's reporting section against ``deadlines --upcoming --stream``, on 04/12/2026."""
    chosen = ["-f", str(rules_file)] if rules_file else []
    day = ["--as-of", "2026-12-04", "--format", "json"]
    roster = json.loads(cli("members", *chosen, *day).stdout)["members"]
    streams = json.loads(cli("deadlines", *chosen, *day).stdout)["streams"]
    for row in roster:
        name = row["agency"] or row["title"]
        reporting = {r["stream"]: r for r in json.loads(cli("duties", name, *chosen, *day).stdout)["reporting"]}
        for stream in streams:
            upcoming = ["deadlines", "--upcoming", "--stream", stream, *chosen, *day]
            own = json.loads(cli(*upcoming[:2], "1", *upcoming[2:], "--member", name).stdout)["upcoming"]
            if own:
                shown = reporting[stream]
                assert not shown["receives"], (name, stream)
                assert (shown["next_deadline"], shown["period"], shown["ref"]) == (
                    own[0]["date"],
                    own[0]["period"],
                    own[0]["ref"],
                ), (name, stream)
            elif stream in reporting:
                shown = reporting[stream]
                listed = json.loads(cli(*upcoming[:2], "10", *upcoming[2:]).stdout)["upcoming"]
                first = next(o for o in listed if o["date"] == shown["next_deadline"] and o["ref"] == shown["ref"])
                assert shown["receives"] and first["period"] == shown["period"], (name, stream)


def test_duties_shows_every_stream_a_member_reports_in(cli: Callable[..., Result]) -> None:
    other = ["-f", str(DATA / "other.yaml"), "--as-of", "2026-12-04"]
    head = cli("duties", "Tổ trưởng", *other).stdout
    assert "Báo cáo nhanh hằng tháng: hạn Thứ Hai 07/12/2026 (tháng 11/2026), tổng hợp," in head
    assert "Thứ Hai 07/12/2026" in cli("deadlines", "--upcoming", "1", *other).stdout
    data = json.loads(cli("duties", "SKHCN", *other, "--format", "json").stdout)["reporting"]
    assert [(r["stream"], r["next_deadline"]) for r in data] == [
        ("quarterly", "2026-12-21"),
        ("monthly", "2026-12-21"),
        ("half_yearly", "2026-12-10"),
    ]
