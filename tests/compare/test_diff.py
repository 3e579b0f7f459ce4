"""quyche diff on an amended copy of the bundled file: renumbering is not a change, the rest is said precisely."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from amendment import amended_text, write_amended
from quyche_cli.compare.diff import Version, compare
from quyche_cli.compare.provisions import word_diff
from quyche_cli.rules.validation import load_rules
from support import DATA, RULES_FILE


@pytest.fixture
def amended(tmp_path: Path) -> Path:
    return write_amended(tmp_path)


def kinds(data: dict) -> list[tuple[str, str | None, str | None]]:
    return [(c["kind"], c["old_id"], c["new_id"]) for c in data["changes"]]


def test_the_json_says_each_change_once(cli: Callable[..., Result], amended: Path) -> None:
    result = cli("diff", str(RULES_FILE), str(amended), "--format", "json", "--year", "2026")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["old"] == {"file": str(RULES_FILE), "title": load_rules(RULES_FILE).model.document.title}
    assert set(data) == {"old", "new", "changes", "organisation", "deadlines", "fields", "notices"}
    assert all(
        set(c) == {"kind", "old_id", "new_id", "old_ref", "new_ref", "old_text", "new_text"} for c in data["changes"]
    )
    assert kinds(data) == [
        ("renumbered", "art_5__para_2", "art_5__para_1"),
        ("renumbered", "art_5__para_3", "art_5__para_2"),
        ("renumbered", "art_5__para_5", "art_5__para_3"),
        ("renumbered", "art_5__para_5_2", "art_5__para_4"),
        ("removed", "art_6__para_3__point_d", None),
        ("renumbered", "art_6__para_3__point_e", "art_6__para_3__point_d"),
        ("changed", "art_6__para_15__point_a", "art_6__para_15__point_a"),
        ("added", None, "art_6__para_15__point_dd"),
        ("changed", "art_10__subpara_2", "art_10__subpara_2"),
    ]
    first = data["changes"][0]
    assert (first["old_ref"], first["new_ref"]) == ("khoản 2 Điều 5", "khoản 1 Điều 5")
    assert first["old_text"] == first["new_text"]
    # the seats that follow the renumbered clauses are not reported; the merged agency is
    messages = [o["message"] for o in data["organisation"]]
    assert messages == [
        "Trung tâm hành chính công tỉnh: đến ngày: (không) → 30/06/2025",
        "Trung tâm hành chính công tỉnh: kế thừa: (không) → Văn phòng Ủy ban nhân dân tỉnh từ 01/07/2025",
    ]
    q3 = next(d for d in data["deadlines"] if d["period"] == "2026-Q3")
    assert (q3["old"], q3["new"]) == ("2026-09-24", "2026-09-21")  # 19/09/2026 is a Saturday
    assert q3["message"].startswith("hạn quý III/2026: 24/09/2026 → 21/09/2026")
    assert len(data["deadlines"]) == 4


def test_identical_files_exit_zero(cli: Callable[..., Result]) -> None:
    result = cli("diff", str(RULES_FILE), str(RULES_FILE))
    assert result.exit_code == 0
    assert "Hai phiên bản giống nhau." in result.stdout


def test_text_is_plain_when_piped(cli: Callable[..., Result], amended: Path) -> None:
    result = cli("diff", str(RULES_FILE), str(amended), "--year", "2026")
    assert "\x1b[" not in result.stdout
    assert not [line for line in result.stdout.splitlines() if line.endswith(" ")]
    assert "Đánh số lại: khoản 5 (lần 2) Điều 5 → khoản 4 Điều 5" in result.stdout
    assert "{+Tổ chức+} tập huấn" in result.stdout
    assert "Định kỳ trước ngày [-25-] {+20+} của tháng cuối Quý" in result.stdout


def test_text_is_coloured_on_a_terminal(cli: Callable[..., Result], amended: Path) -> None:
    result = cli("diff", str(RULES_FILE), str(amended), "--year", "2026", env={"FORCE_COLOR": "1"})
    assert "\x1b[" in result.stdout and "{+" not in result.stdout
    assert "\x1b[9;31mbộ\x1b[0m" in result.stdout  # struck through, red


def test_markdown_for_a_pull_request(cli: Callable[..., Result], amended: Path) -> None:
    result = cli("diff", str(RULES_FILE), str(amended), "--format", "markdown", "--year", "2026")
    assert "| Sửa | điểm a khoản 15 Điều 6 | **Tổ chức** tập huấn" in result.stdout
    assert "| Bỏ | điểm d khoản 3 Điều 6 | ~~Triển khai kết nối" in result.stdout
    assert "- hạn quý III/2026\\: 24/09/2026 → 21/09/2026" in result.stdout


def test_github_annotations_point_at_the_new_yaml_lines(cli: Callable[..., Result], amended: Path) -> None:
    result = cli("diff", str(RULES_FILE), str(amended), "--year", "2026", env={"GITHUB_ACTIONS": "true"})
    lines = result.stdout.splitlines()
    yaml_lines = amended.read_text(encoding="utf-8").splitlines()
    added = next(line for line in lines if "Thêm%3A điểm đ khoản 15 Điều 6" in line)
    number = int(added.split("line=")[1].split(",")[0])
    assert yaml_lines[number - 1].strip() == "- num: đ"
    assert all(line.startswith(f"::notice file={amended}") for line in lines)


def test_word_diff_compares_canonical_words() -> None:
    assert word_diff("Sở Văn hoá cũ", "Sở Văn hóa mới") == [
        ("equal", "Sở Văn hóa"),
        ("delete", "cũ"),
        ("insert", "mới"),
    ]


def test_the_other_regulation(tmp_path: Path) -> None:
    """A point moved to another clause is a move; the quarterly day 20 → 15 and the monthly day 20 → 18 move the
    dates of both streams."""
    text = (DATA / "other.yaml").read_text(encoding="utf-8")
    text = text.replace("day: 20\n            inclusive: true", "day: 15\n            inclusive: true")  # quarterly
    text = text.replace("wording: chậm nhất vào ngày 20 của", "wording: chậm nhất vào ngày 15 của")
    text = text.replace("day: 20\n            inclusive: false", "day: 18\n            inclusive: false")  # monthly
    text = text.replace("wording: trước ngày 20 hằng tháng", "wording: trước ngày 18 hằng tháng")
    moved = "              - {num: b, text: Quản lý kho dữ liệu dùng chung của tỉnh.}\n"
    text = text.replace(moved, "").replace(
        "partners: [skhcn]}\n", "partners: [skhcn]}\n" + moved.replace("num: b", "num: c")
    )
    changed = tmp_path / "other.yaml"
    changed.write_text(text, encoding="utf-8")
    diff = compare(Version("a", load_rules(DATA / "other.yaml")), Version("b", load_rules(changed)), 2026)
    assert [(c.kind, c.where) for c in diff.changes] == [("moved", "điểm b khoản 3 Điều 2 → điểm c khoản 2 Điều 2")]
    messages = [d.message.split(" (")[0] for d in diff.deadlines]
    assert [m for m in messages if "quý" in m][:2] == [
        "hạn quý I/2026: 20/03/2026 → 16/03/2026",  # 15/03/2026 is a Sunday
        "hạn quý II/2026: 22/06/2026 → 15/06/2026",
    ]
    assert "hạn tháng 9/2026: 21/09/2026 → 17/09/2026" in messages  # before the 20th: 19/09 is a Saturday
    assert not any(m.startswith("hạn tháng 1/2026") for m in messages)  # 17/01 is a Saturday: still Monday 19/01


def test_lead_and_seat_changes(tmp_path: Path) -> None:
    text = amended_text().replace(
        "        lead: [sct]\n      - num: b", "        lead: [sct]\n        partners: [stc]\n      - num: b"
    )
    text = text.replace(
        "{id: stp, title: Giám đốc Sở Tư pháp, agency: stp, role: member, duties: art_6__para_12}",
        "{id: stp, title: Giám đốc Sở Tư pháp, agency: stp, role: member, duties: art_6__para_12, reassigned: "
        "[{date: 2025-09-01, agency: snv, title: Giám đốc Sở Nội vụ, source: {document: Quyết định số 9/QĐ-UBND}}]}",
    )
    text = text.replace("        days: 5\n", "        days: 3\n").replace(
        "wording: Chậm nhất 05", "wording: Chậm nhất 03"
    )
    path = tmp_path / "b.yaml"
    path.write_text(text, encoding="utf-8")
    diff = compare(Version("a", load_rules(RULES_FILE)), Version("b", load_rules(path)), 2026)
    after_meeting = [d.message for d in diff.deadlines if d.step == "conclusion_notice"]
    # 5 → 3 days after a meeting ending 30/06/2026; in quý III both land on Monday 05/10 (03/10 is a Saturday)
    assert len(after_meeting) == 3
    assert after_meeting[1].startswith("hạn quý II/2026, họp kết thúc ngày 30/06/2026: 06/07/2026 → 03/07/2026")
    messages = {o.subject: o.message for o in diff.organisation}
    assert messages["marks"] == "điểm a khoản 2 Điều 6: phối hợp: (không) → Giám đốc Sở Tài chính"
    assert messages["seat"].startswith("Giám đốc Sở Tư pháp: từ 01/09/2025 ghế giao cho Giám đốc Sở Nội vụ")


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def test_two_git_revisions(cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "quyche.yaml").write_text(RULES_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "một")
    write_amended(repo, "quyche.yaml")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "hai")
    monkeypatch.chdir(repo)
    result = cli("diff", "--rev", "HEAD~1..HEAD", "--format", "json", "--year", "2026")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["old"]["file"] == "HEAD~1:quyche.yaml" and len(data["changes"]) == 9
    assert cli("diff", "--rev", "HEAD").exit_code == 0  # the working tree is HEAD
    missing = cli("diff", "--rev", "nope..HEAD")
    assert missing.exit_code == 2
    assert "Không lấy được 'quyche.yaml' ở phiên bản 'nope': kho git không có phiên bản này." in missing.stderr
    absent = cli("diff", "--rev", "HEAD~1..HEAD", "khac.yaml")
    assert "Không lấy được 'khac.yaml' ở phiên bản 'HEAD~1': phiên bản này không có tệp đó." in absent.stderr
    monkeypatch.chdir(tmp_path)
    outside = cli("diff", "--rev", "HEAD")
    assert "thư mục hiện tại không nằm trong một kho git" in outside.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["a.yaml"], "Cần hai tệp"),
        (["--rev", "..x"], "--rev '..x' không hợp lệ"),
        (["--rev", "a..b", "x.yaml", "y.yaml"], "Với --rev chỉ ghi một tệp"),
        (["--year", "3000", str(RULES_FILE), str(RULES_FILE)], "Năm 3000 nằm ngoài phạm vi"),
    ],
)
def test_bad_input_exits_two(cli: Callable[..., Result], args: list[str], message: str) -> None:
    result = cli("diff", *args)
    assert result.exit_code == 2 and message in result.stderr


def test_an_invalid_version_is_refused(cli: Callable[..., Result], tmp_path: Path) -> None:
    broken = tmp_path / "hong.yaml"
    broken.write_text(
        RULES_FILE.read_text(encoding="utf-8").replace("duties: art_4", "duties: art_44"), encoding="utf-8"
    )
    result = cli("diff", str(RULES_FILE), str(broken))
    assert result.exit_code == 2
    assert f"Tệp quy chế '{broken}' không hợp lệ" in result.stderr and result.stdout == ""
