"""`quyche check-reports` on folders as they really arrive (issue 12): combined Q4 + year titles, folder names
with the year anywhere, dates that cannot be the day of sending, copies beside originals with --received,
numeric and wrapped date lines, soft line breaks, members not yet due, every note on screen, coverage in the
point's own words, the progress bar, and the reminder workflow of docs/thu-ky.md."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from quyche_cli.audit.results import Audit
from support import FONT, ROOT, Report, write_docx, write_docx_soft_breaks, write_pdf_cells

needs_font = pytest.mark.skipif(not FONT.exists(), reason="DejaVuSans.ttf (fonts-dejavu-core) is not installed")
SYT = {"issuer": "SỞ Y TẾ", "symbol": "SYT"}
STC = {"issuer": "SỞ TÀI CHÍNH", "symbol": "STC"}


def audit(cli: Callable[..., Result], folder: Path, *args: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    result = cli("check-reports", str(folder), "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    return data, {m["member"]: m for m in data["members"]}


def test_a_combined_title_is_the_report_period_not_the_plan_year(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "bao-cao"
    folder.mkdir()
    day = "Bắc Ninh, ngày 15 tháng 12 năm 2026"
    write_docx(
        folder / "syt.docx",
        Report(**SYT, date_line=day, period_line="Kết quả quý IV và cả năm 2026, kế hoạch năm 2027"),
    )
    write_docx(
        folder / "stc.docx",
        Report(**STC, date_line=day, period_line="Tình hình năm 2026 và phương hướng, nhiệm vụ năm 2027"),
    )
    data, rows = audit(cli, folder, "--as-of", "2026-12-31")
    assert data["period"] == "2026-Q4" and data["period_source"] == "tiêu đề của 2/2 tệp"
    assert rows["syt"]["status"] == rows["stc"]["status"] == "on_time"
    assert {f["file"]: (f["title_period"], f["title_year"]) for f in data["files"]} == {
        "syt.docx": ("2026-Q4", 2026),
        "stc.docx": ("2026-Q4", 2026),
    }


@needs_font
@pytest.mark.parametrize(
    ("name", "period"),
    [
        ("quý 4 năm 2026", "2026-Q4"),
        ("quý IV năm 2026", "2026-Q4"),
        ("2026 Q4", "2026-Q4"),
        ("BC quy 2 nam 2024", "2024-Q2"),
        ("Báo cáo quý III (nhận đủ) 2025", "2025-Q3"),
    ],
)
def test_the_year_of_a_folder_name_is_read_wherever_it_stands(
    cli: Callable[..., Result], tmp_path: Path, name: str, period: str
) -> None:
    folder = tmp_path / name
    folder.mkdir()
    write_pdf_cells(folder / "syt.pdf", Report(**SYT, period_line="Báo cáo công tác"))
    data, _ = audit(cli, folder, "--as-of", "2027-06-01")
    assert data["period"] == period and name in data["period_source"]


def test_a_date_before_the_period_or_after_the_audit_date_needs_review(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    folder = tmp_path / "q3"
    folder.mkdir()
    write_docx(
        folder / "syt.docx", Report(**SYT, date_line="Bắc Ninh, ngày 20 tháng 9 năm 2025", period_line="Báo cáo")
    )
    write_docx(
        folder / "stc.docx", Report(**STC, date_line="Bắc Ninh, ngày 20 tháng 9 năm 2027", period_line="Báo cáo")
    )
    result = cli("check-reports", str(folder), "--period", "2026-Q3", "--as-of", "2026-10-05", "--format", "json")
    assert result.exit_code == 1
    rows = {m["member"]: m for m in json.loads(result.stdout)["members"]}
    assert (
        rows["syt"]["status"] == "needs_review" and "trước khi kỳ 2026-Q3 bắt đầu (01/07/2026)" in rows["syt"]["note"]
    )
    assert rows["stc"]["status"] == "needs_review" and "sau ngày kiểm tra 05/10/2026" in rows["stc"]["note"]
    assert "muộn" not in rows["stc"]["note"]


def test_received_dates_reach_every_identical_copy_and_the_original_is_the_one_without_suffix(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    folder = tmp_path / "q3"
    folder.mkdir()
    late = Report(**SYT, date_line="Bắc Ninh, ngày 30 tháng 9 năm 2024")
    for name in ("BC SYT.docx", "BC SYT (1).docx", "BC SYT - Copy.docx"):
        write_docx(folder / name, late)
    shutil.copyfile(folder / "BC SYT.docx", folder / "BC SYT (1).docx")
    shutil.copyfile(folder / "BC SYT.docx", folder / "BC SYT - Copy.docx")
    received = tmp_path / "nhan.csv"
    received.write_text("file,received\nBC SYT (1).docx,24/09/2024\nBC SYT - Copy.docx,2024-09-23\n", encoding="utf-8")
    data, rows = audit(cli, folder, "--period", "2024-Q3", "--received", str(received))
    assert (rows["syt"]["status"], rows["syt"]["submitted"]) == ("on_time", "2024-09-23")
    assert rows["syt"]["evidence"] == "ngày nhận (sổ văn bản đến, --received)" and rows["syt"]["note"] == "BC SYT.docx"
    files = {f["file"]: f for f in data["files"]}
    assert {f["received"] for f in files.values()} == {"2024-09-23"}
    assert files["BC SYT.docx"]["duplicate_of"] is None
    assert files["BC SYT (1).docx"]["duplicate_of"] == files["BC SYT - Copy.docx"]["duplicate_of"] == "BC SYT.docx"


@needs_font
def test_numeric_wrapped_and_soft_broken_header_lines(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "q3"
    folder.mkdir()
    write_docx(folder / "a.docx", Report(**SYT, date_line="Bắc Ninh, ngày 19/9/2024"))
    write_pdf_cells(folder / "b.pdf", Report(**STC, date_line="Bắc Ninh, ngày 23 tháng 9 năm 2024"))
    write_docx_soft_breaks(
        folder / "c.docx", Report(issuer="SỞ TƯ PHÁP", symbol="STP", number="12", date_line="Bắc Ninh, ngày 5/9/2024")
    )
    data, rows = audit(cli, folder, "--as-of", "2024-10-01")
    assert data["period"] == "2024-Q3"
    assert (rows["syt"]["status"], rows["syt"]["submitted"]) == ("on_time", "2024-09-19")
    assert (rows["stc"]["status"], rows["stc"]["submitted"]) == ("on_time", "2024-09-23")
    assert (rows["stp"]["status"], rows["stp"]["submitted"]) == ("on_time", "2024-09-05")
    files = {f["file"]: f for f in data["files"]}
    assert files["b.pdf"]["date_line"] == "Bắc Ninh, ngày 23 tháng 9 năm 2024"
    assert (files["c.docx"]["number"], files["c.docx"]["matched_by"]) == ("Số: 12/BC-STP", "document")


@pytest.fixture
def early(tmp_path: Path) -> Path:
    folder = tmp_path / "q3"
    folder.mkdir()
    write_docx(folder / "syt.docx", Report(**SYT, date_line="Bắc Ninh, ngày 16 tháng 9 năm 2024"))
    return folder


def test_before_the_deadline_members_without_a_report_are_not_due(cli: Callable[..., Result], early: Path) -> None:
    before = cli("check-reports", str(early), "--as-of", "2024-09-20", "--format", "json")
    assert before.exit_code == 0, before.output
    data = json.loads(before.stdout)
    assert data["as_of"] == "2024-09-20"
    statuses = {m["member"]: m["status"] for m in data["members"]}
    assert statuses.pop("syt") == "on_time" and set(statuses.values()) == {"not_due"}
    on_the_day = cli("check-reports", str(early), "--as-of", "2024-09-24")
    assert on_the_day.exit_code == 0 and "1 đúng hạn, 21 chưa đến hạn." in on_the_day.stdout
    after = cli("check-reports", str(early), "--as-of", "2024-09-25", "--format", "json")
    assert after.exit_code == 1
    assert {m["status"] for m in json.loads(after.stdout)["members"]} == {"on_time", "missing"}


def test_reminders_from_an_audit_made_before_the_deadline(
    cli: Callable[..., Result], early: Path, tmp_path: Path
) -> None:
    report = tmp_path / "early.json"
    assert (
        cli("check-reports", str(early), "--as-of", "2024-09-20", "--format", "json", "--out", str(report)).exit_code
        == 0
    )
    written = json.loads(report.read_text(encoding="utf-8"))
    written.pop("rules_file")
    assert json.loads(json.dumps(Audit.from_dict(written).as_dict(), default=str)) == written  # nothing lost
    day = tmp_path / "day.yaml"
    day.write_text("date: 2024-09-21\n", encoding="utf-8")
    out = tmp_path / "nhac.docx"
    made = cli(
        "render", "don-doc", "--from-audit", str(report), "--data", str(day), "--before-deadline", "--out", str(out)
    )
    assert made.exit_code == 0, made.output
    from docx import Document

    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "Sở Tài chính" in text and "Sở Y tế" not in text
    day.write_text("date: 2024-10-02\n", encoding="utf-8")
    stale = cli("render", "don-doc", "--from-audit", str(report), "--data", str(day), "--out", str(tmp_path / "x.docx"))
    assert stale.exit_code == 2 and "chạy lại 'quyche check-reports'" in stale.stderr
    assert not (tmp_path / "x.docx").exists()


def test_the_text_table_shows_every_note_whole_at_80_columns(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "quy-III-2025"
    folder.mkdir()
    long_name = "SYT_BaoCao_KetQua_ChuyenDoiSo_QuyIII_2025_ban_chinh_thuc_da_ky_so.docx"
    write_docx(folder / long_name, Report(**SYT, date_line="Bắc Ninh, ngày 10 tháng 9 năm 2025", period_line="Báo cáo"))
    shutil.copyfile(folder / long_name, folder / "SYT (1).docx")
    write_docx(
        folder / "sgtvt.docx",
        Report(
            issuer="SỞ GIAO THÔNG VẬN TẢI",
            symbol="SGTVT",
            period_line="Báo cáo",
            date_line="Bắc Ninh, ngày 10 tháng 9 năm 2025",
        ),
    )
    text = cli("check-reports", str(folder), "--as-of", "2025-10-01", env={"COLUMNS": "80"}).stdout
    data, _ = audit(cli, folder, "--as-of", "2025-10-01")
    notes = [note for f in data["files"] for note in f["notes"]]
    assert any("bản trùng của" in n for n in notes)
    flat = " ".join(text.split())
    review = next(f["review"] for f in data["files"] if f["file"] == "sgtvt.docx")
    assert "Sở Xây dựng" in review and " ".join(f"sgtvt.docx: {review}".split()) in flat
    for f in data["files"]:
        for note in f["notes"]:
            assert " ".join(f"{f['file']}: {note}".split()) in flat
    lines = text.splitlines()
    assert all(line == line.rstrip() for line in lines)
    assert all(len(line) <= 80 for line in lines if long_name not in line)
    assert any(long_name in line for line in lines)


def test_coverage_in_the_points_own_words_for_members_who_reported(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "cov"
    folder.mkdir()
    write_docx(folder / "syt.docx", Report(**SYT, body=["Tập huấn cho cán bộ viên chức ngành y tế về kỹ năng số."]))
    data, rows = audit(cli, folder, "--period", "2024-Q3", "--coverage", "--as-of", "2024-10-01")
    coverage = {c["ref"]: c for c in rows["syt"]["coverage"]}
    assert coverage["điểm a khoản 15 Điều 6"]["addressed"] is True
    assert coverage["điểm a khoản 15 Điều 6"]["terms"][:2] == ["Tập huấn", "bồi dưỡng"]
    assert coverage["điểm b khoản 15 Điều 6"]["addressed"] is False
    assert all(re.search(r"[^\x00-\x7f]", term) for c in coverage.values() for term in c["terms"][:1])
    assert rows["stc"]["coverage"] is None and rows["stc"]["status"] == "missing"
    text = cli("check-reports", str(folder), "--period", "2024-Q3", "--coverage", "--as-of", "2024-10-01").stdout
    assert "Chưa đề cập: điểm b khoản 15 Điều 6 (Ưu tiên, chăm sóc, bệnh)" in " ".join(text.split())
    assert text.count("Chưa đề cập") == 1


def test_no_progress_bar_into_a_pipe(cli: Callable[..., Result], early: Path) -> None:
    assert "Đang đọc" not in cli("check-reports", str(early), "--as-of", "2024-10-01").stderr


def drawn_on_a_terminal(after: float) -> str:
    """What the progress of check-reports draws on a real terminal (a pty) while two files are read."""
    code = (
        "from pathlib import Path\nfrom quyche_cli.cli.audit import progress\n"
        f"print(len(list(progress(iter([Path('a'), Path('b')]), 2, after={after}))))\n"
    )
    master, slave = pty.openpty()
    done = subprocess.run([sys.executable, "-c", code], stderr=slave, stdout=subprocess.PIPE, text=True, timeout=60)
    os.close(slave)
    drawn = b""
    while True:
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:
            break
        if not chunk:
            break
        drawn += chunk
    os.close(master)
    assert done.stdout == "2\n"
    return drawn.decode("utf-8", "replace")


def test_a_progress_bar_on_a_terminal_only_once_reading_takes_long() -> None:
    """With the wait set to zero the bar is drawn; with a long wait (a quick folder) nothing is."""
    assert "Đang đọc báo cáo" in drawn_on_a_terminal(0)
    assert drawn_on_a_terminal(60) == ""


def test_the_secretariat_page_reminder_workflow_runs_as_written(tmp_path: Path) -> None:
    line = next(
        line
        for line in (ROOT / "docs" / "thu-ky.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("quyche check-reports ./q3") and "don-doc" in line
    )
    shutil.copytree(ROOT / "examples" / "bao-cao-quy-III-2024", tmp_path / "q3")
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "QUYCHE_FILE": str(ROOT / "quyche.yaml"), "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", "-c", line], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "q3.json").exists() and (tmp_path / "don-doc.docx").exists()


@needs_font
def test_the_other_regulation_numeric_dates_and_not_due(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "quý 2 năm 2025"
    folder.mkdir()
    write_pdf_cells(
        folder / "skhcn.pdf",
        Report(
            issuer="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            symbol="SKHCN",
            superior="UBND TỈNH HÒA SƠN",
            date_line="Hòa Sơn, ngày 10/6/2025",
            period_line="Báo cáo",
        ),
    )
    other = str(ROOT / "tests" / "data" / "other.yaml")
    result = cli(
        "check-reports",
        str(folder),
        "--file",
        other,
        "--stream",
        "quarterly",
        "--as-of",
        "2025-06-12",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["period"] == "2025-Q2" and data["deadline"]["last_day"] == "2025-06-23"
    assert {m["member"]: m["status"] for m in data["members"]} == {"skhcn": "on_time", "ttdl": "not_due"}
    late = cli("check-reports", str(folder), "--file", other, "--stream", "quarterly", "--as-of", "2025-06-24")
    assert late.exit_code == 1 and "1 đúng hạn, 1 chưa nộp." in late.stdout
