"""`duties`, `members`, `show`, `search` on the real regulation, with every way people type names."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from quyche_cli.rules.index import Rules
from quyche_cli.rules.names import NameIndex, Target, declarations
from quyche_cli.rules.validation import load_rules

from conftest import RULES_FILE, run_installed

RULES = load_rules(RULES_FILE)
INDEX = NameIndex(RULES)


def owner_targets(owner: str) -> list[Target]:
    return INDEX.targets(owner)


def strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d").replace("Đ", "D")


def old_tones(text: str) -> str:
    return text.replace("hóa", "hoá").replace("Ủy", "Uỷ").replace("khỏe", "khoẻ")


def variants(name: str) -> list[str]:
    return [
        name,
        unicodedata.normalize("NFD", name),
        name.upper(),
        name.lower(),
        strip_marks(name),
        old_tones(name),
        f"  {name}\u200b ",
        name.replace("-", " - ").replace(" và ", " & "),
    ]


CASES = [(d.name, d.owner) for d in declarations(RULES)]


@pytest.mark.parametrize(("name", "owner"), CASES, ids=[f"{o}:{n}" for n, o in CASES])
def test_every_name_in_every_form_resolves_to_its_member(name: str, owner: str) -> None:
    expected = owner_targets(owner)
    for typed in variants(name):
        result = INDEX.resolve(typed)
        assert (result.status, result.targets) == ("found", expected), (typed, result)


@pytest.mark.parametrize(
    ("typed", "member"),
    [
        ("so y te", "syt"),
        ("SYT", "syt"),
        ("Giám đốc Sở Y tế", "syt"),
        ("Y tế", "syt"),
        ("Sở Giáo dục", "sgddt"),
        ("STTTT", "stttt"),
        ("Lao động - Thương binh", "sldtbxh"),
        ("Sở KH&CN", "skhcn"),
        ("So VH TT DL", "svhttdl"),
        ("Sở Tài chính tỉnh Bắc Ninh", "stc"),
        ("Trung tâm hành chính công tỉnh", "ttpvhcc"),
        ("Trưởng Ban", "truong_ban"),
        ("Sở Văn hoá, Thể thao & Du lịch", "svhttdl"),
    ],
)
def test_typical_queries(typed: str, member: str) -> None:
    assert INDEX.resolve(typed).targets == [Target("member", member)]


def test_unknown_name_suggests_at_most_three_and_exits_1(cli: Callable[..., Result]) -> None:
    result = cli("duties", "Sở Ngoại vụ")
    assert result.exit_code == 1
    message = result.stderr
    assert message.startswith("Không tìm thấy 'Sở Ngoại vụ'. Có phải ý bạn là: Sở Nội vụ")
    suggested = re.search(r"Có phải ý bạn là: (.*)\?", message)
    assert suggested and len(suggested.group(1).split(", ")) <= 3


def test_ambiguous_name_lists_the_members_and_exits_1(cli: Callable[..., Result]) -> None:
    result = cli("duties", "Sở Giao")
    assert result.exit_code == 1
    assert "nhiều thành viên" in result.stderr
    assert "Sở Giao thông vận tải" not in result.stderr or "(sgtvt)" in result.stderr
    assert "(sgddt)" in result.stderr and "(sgtvt)" in result.stderr


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
    assert data["reporting"]["next_deadline"] == "2024-09-24"
    assert data["reporting"]["recipients"] == ["Sở Thông tin và Truyền thông"]
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
    assert data["reporting"]["next_deadline"] == "2025-09-24"


def test_partial_transfer_is_shown_separately(cli: Callable[..., Result]) -> None:
    data = json.loads(cli("duties", "Sở Y tế", "--format", "json", "--as-of", "2025-06-01").stdout)
    assert [(i["from_id"], i["scope"]) for i in data["succession"]["inherited"]] == [
        ("sldtbxh", "bảo trợ xã hội, trẻ em")
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
    assert "Hạn gần nhất: Thứ Ba 24/09/2024" in result.stdout


def test_markdown_view(cli: Callable[..., Result]) -> None:
    result = cli("duties", "SYT", "--format", "markdown", "--as-of", "2024-09-01")
    assert result.stdout.startswith("## Giám đốc Sở Y tế\n")
    assert "- **điểm c khoản 15 Điều 6 [chủ trì]**: Chủ trì triển khai" in result.stdout


def test_bad_as_of_date_is_a_usage_error(cli: Callable[..., Result]) -> None:
    result = cli("duties", "Sở Y tế", "--as-of", "31/02/2025")
    assert result.exit_code == 2 and "không tồn tại" in result.stderr


def test_members_json(cli: Callable[..., Result], rules: Rules) -> None:
    data = json.loads(cli("members", "--format", "json").stdout)
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
    assert "Trung tâm Phục vụ hành chính công tỉnh" in next(m for m in data if m["id"] == "ttpvhcc")["aliases"]


def test_members_table(cli: Callable[..., Result]) -> None:
    result = cli("members")
    assert result.exit_code == 0 and "STTTT" in result.stdout and "28/02/2025" in result.stdout
    assert result.stdout.count("Giám đốc") >= 19 and "TĐTN" in result.stdout


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Điều 10", ["Điều 10"]),
        ("khoản 2 Điều 5", ["khoản 2 Điều 5"]),
        ("điểm c khoản 15 Điều 6", ["điểm c khoản 15 Điều 6"]),
        ("Điều 6 khoản 15 điểm c", ["điểm c khoản 15 Điều 6"]),
        ("6.15.c", ["điểm c khoản 15 Điều 6"]),
        ("art_6__para_15__point_c", ["điểm c khoản 15 Điều 6"]),
        ("dieu 6, khoan 15, diem c", ["điểm c khoản 15 Điều 6"]),
        ("điểm đ khoản 2 Điều 5", ["điểm đ khoản 2 Điều 5"]),
        ("5.2.dd", ["điểm đ khoản 2 Điều 5"]),
        ("khoản 5 Điều 5", ["khoản 5 Điều 5", "khoản 5 (lần 2) Điều 5"]),
        ("đoạn 2 Điều 10", ["đoạn 2 Điều 10"]),
        ("Chương II", ["Chương II"]),
    ],
)
def test_show_every_citation_form(cli: Callable[..., Result], typed: str, expected: list[str]) -> None:
    result = cli("show", typed, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [p["ref"] for p in json.loads(result.stdout)] == expected


def test_show_prints_the_text_with_its_children(cli: Callable[..., Result]) -> None:
    result = cli("show", "khoản 5 Điều 5")
    assert "Dự thảo có 2 quy định" in result.stderr
    assert "── khoản 5 (lần 2) Điều 5 (art_5__para_5_2)" in result.stdout
    assert "  o) Thực hiện các nhiệm vụ khác" in result.stdout


def test_show_unknown_and_unreadable(cli: Callable[..., Result]) -> None:
    missing = cli("show", "điểm z khoản 15 Điều 6")
    assert missing.exit_code == 1 and "Quy chế không có" in missing.stderr
    garbage = cli("show", "hello world")
    assert garbage.exit_code == 2 and "Không đọc được trích dẫn" in garbage.stderr


def test_search_ignores_diacritics_and_ranks_exact_first(cli: Callable[..., Result]) -> None:
    loose = json.loads(cli("search", "thanh toan khong dung tien mat", "--format", "json").stdout)["hits"]
    assert [(h["ref"], h["member"]) for h in loose] == [
        ("điểm b khoản 2 Điều 6", "sct"),
        ("điểm a khoản 19 Điều 6", "nhnn"),
    ]
    hit = loose[0]
    start, end = hit["spans"][0]
    assert hit["text"][start:end] == "thanh toán không dùng tiền mặt"
    ranked = json.loads(cli("search", "Kỹ năng số", "--format", "json").stdout)["hits"]
    assert ranked[0]["exact"] and not ranked[-1]["exact"] or all(h["exact"] for h in ranked)


def test_search_exact_before_loose(rules: Rules) -> None:
    from quyche_cli.lookup.search import search

    hits = search(rules, "Sở Tư pháp").hits
    assert hits and all(h.exact for h in hits)
    mixed = search(rules, "công thương").hits
    assert [h.exact for h in mixed] == sorted((h.exact for h in mixed), reverse=True)


def test_search_member_filter_and_no_hits(cli: Callable[..., Result]) -> None:
    narrowed = json.loads(cli("search", "dữ liệu", "--member", "Sở Y tế", "--format", "json").stdout)["hits"]
    assert narrowed and {h["member"] for h in narrowed} == {"syt"}
    nothing = cli("search", "tàu vũ trụ")
    assert nothing.exit_code == 1 and "0 kết quả" in nothing.stdout


def test_installed_command_from_an_empty_folder(tmp_path: Path) -> None:
    result = run_installed("duties", "so y te", "--as-of", "2024-09-01", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Giám đốc Sở Y tế\n")


def test_the_working_group_is_found_where_the_text_names_it(cli: Callable[..., Result]) -> None:
    data = json.loads(cli("duties", "Tổ công tác giúp việc chuyển đổi số", "--format", "json").stdout)
    assert data["member"]["role"] == "working_group" and len(data["duties"]) == 10
    assert [(m["ref"], m["member"]) for m in data["mentions"]] == [
        ("điểm b khoản 5 Điều 5", "stttt"),
        ("đoạn 1 Điều 11", None),
    ]
    assert data["common_duties"] == [] and data["reporting"] is None
