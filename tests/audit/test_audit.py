"""`quyche check-reports` on real folders of .docx/.pdf files built here, messy ones included."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from support import DATA, FONT, Report, write_docx, write_pdf

needs_font = pytest.mark.skipif(not FONT.exists(), reason="DejaVuSans.ttf (fonts-dejavu-core) is not installed")


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        for p in sorted(folder.rglob("*"))
        if not p.is_symlink()
    }


@pytest.fixture
def q3(tmp_path: Path) -> Path:
    """A folder of Q3/2024 reports as they arrive: subfolders, NFD names, late, draft, wrong period, junk."""
    folder = tmp_path / "q3"
    (folder / "syt").mkdir(parents=True)
    (folder / "bhxh").mkdir()
    original = write_docx(folder / "syt" / unicodedata.normalize("NFD", "BC Quý III.2024 - Sở Y tế.docx"), Report())
    # a copy is the same bytes: a second save would differ in its zip entries' times (2 s steps) when the clock
    # turns between the two saves, and would rightly not be a copy
    (folder / "syt" / "SYT_BC_QIII_2024_final_v2 (1).docx").write_bytes(original.read_bytes())
    write_pdf(
        folder / "bhxh" / "bao cao.pdf",
        Report(issuer="BẢO HIỂM XÃ HỘI TỈNH", symbol="BHXH", date_line="Bắc Ninh, ngày 26 tháng 9 năm 2024"),
    )
    write_docx(folder / "stc.docx", Report(issuer="SỞ TÀI CHÍNH", symbol="STC", period_line="quý II năm 2024"))
    write_docx(
        folder / "stp.docx", Report(issuer="SỞ TƯ PHÁP", symbol="STP", date_line="Bắc Ninh, ngày    tháng 9 năm 2024")
    )
    write_docx(
        folder / "ct.docx",
        Report(
            issuer="CỤC THUẾ TỈNH",
            symbol="CTBNI",
            date_line="NGÀY 24 THÁNG 9 NĂM 2024",
            period_line="9 tháng đầu năm 2024",
        ),
    )
    (folder / "bc quy3.2024 SNV.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    (folder / "~$BC Quý III.docx").write_bytes(b"lock")
    (folder / "Thumbs.db").write_bytes(b"x")
    (folder / "ghi chu.txt").write_text("Danh sách cần nhắc\n", encoding="utf-8")
    return folder


@needs_font
def test_verdicts_with_evidence(cli: Callable[..., Result], q3: Path) -> None:
    result = cli("check-reports", str(q3), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["period"] == "2024-Q3" and data["period_source"].startswith("tiêu đề của")
    assert data["deadline"]["last_day"] == "2024-09-24"
    rows = {m["member"]: m for m in data["members"]}
    assert len(rows) == 22
    assert (rows["syt"]["status"], rows["syt"]["submitted"], rows["syt"]["evidence"]) == (
        "on_time",
        "2024-09-20",
        "ngày trên văn bản",
    )
    assert len(rows["syt"]["files"]) == 2
    assert (rows["bhxh"]["status"], rows["bhxh"]["submitted"]) == ("late", "2024-09-26")
    assert "muộn 2 ngày" in rows["bhxh"]["note"]
    assert rows["cuc_thue"]["status"] == "on_time"
    assert rows["stc"]["status"] == "missing" and "2024-Q2" in rows["stc"]["note"]
    assert rows["stp"]["status"] == "needs_review" and "chưa ghi ngày" in rows["stp"]["note"]
    assert rows["snv"]["status"] == "needs_review" and ".doc" in rows["snv"]["note"]
    assert rows["sct"]["status"] == "missing" and rows["sct"]["files"] == []
    unmatched = {u["file"]: u["reason"] for u in data["unmatched"]}
    assert set(unmatched) == {"ghi chu.txt"}
    files = {f["file"]: f for f in data["files"]}
    duplicate = files["syt/SYT_BC_QIII_2024_final_v2 (1).docx"]
    assert duplicate["duplicate_of"] == "syt/BC Quý III.2024 - Sở Y tế.docx"
    assert files["syt/BC Quý III.2024 - Sở Y tế.docx"]["matched_by"] == "document"
    assert files["syt/BC Quý III.2024 - Sở Y tế.docx"]["number"] == "Số: 215/BC-SYT"


@needs_font
def test_the_audited_folder_is_never_changed(cli: Callable[..., Result], q3: Path, tmp_path: Path) -> None:
    before = tree_digest(q3)
    cli("check-reports", str(q3))
    cli("check-reports", str(q3), "--format", "xlsx", "--out", str(tmp_path / "audit.xlsx"))
    assert tree_digest(q3) == before


@needs_font
def test_received_dates_are_the_strongest_evidence(cli: Callable[..., Result], q3: Path, tmp_path: Path) -> None:
    received = tmp_path / "received.csv"
    received.write_text("file,received\nbhxh/bao cao.pdf,23/09/2024\nstp.docx,2024-09-30\n", encoding="utf-8")
    data = json.loads(cli("check-reports", str(q3), "--received", str(received), "--format", "json").stdout)
    rows = {m["member"]: m for m in data["members"]}
    assert (rows["bhxh"]["status"], rows["bhxh"]["evidence"]) == ("on_time", "ngày nhận (sổ văn bản đến, --received)")
    assert (rows["stp"]["status"], rows["stp"]["submitted"]) == ("late", "2024-09-30")
    assert not any("received" in notice for notice in data["notices"])


def test_received_rows_naming_no_file_are_a_notice(cli: Callable[..., Result], q3: Path, tmp_path: Path) -> None:
    received = tmp_path / "received.csv"
    received.write_text("file,received\nstp.docx,2024-09-30\nsyt-cu.docx,2024-09-20\n", encoding="utf-8")
    data = json.loads(cli("check-reports", str(q3), "--received", str(received), "--format", "json").stdout)
    assert [n for n in data["notices"] if "--received" in n] == [
        "sổ văn bản đến (--received) received.csv dòng 3 (syt-cu.docx) không khớp tệp nào trong thư mục: "
        "dòng này không dùng"
    ]
    text = cli("check-reports", str(q3), "--received", str(received))
    assert "Lưu ý: sổ văn bản đến (--received) received.csv dòng 3 (syt-cu.docx)" in text.stderr


def test_a_bad_received_file_is_a_usage_error(cli: Callable[..., Result], tmp_path: Path) -> None:
    bad = tmp_path / "r.csv"
    bad.write_text("name,date\nx,1\n", encoding="utf-8")
    result = cli("check-reports", str(tmp_path), "--received", str(bad), "--period", "2024-Q3")
    assert result.exit_code == 2 and "file,received" in result.stderr
    bad.write_bytes("file,received\nstp.docx,2024-09-30\n".encode("utf-16-le"))
    result = cli("check-reports", str(tmp_path), "--received", str(bad), "--period", "2024-Q3")
    assert result.exit_code == 2 and "UTF-16 không có BOM" in result.stderr and "\\x00" not in result.stderr


@needs_font
def test_messy_files_get_a_reason_never_a_crash(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "messy"
    folder.mkdir()
    (folder / "SYT corrupt.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "empty SCT.pdf").write_bytes(b"")
    (folder / "STP mat khau.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    bomb = folder / "SXD bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (50 * 2**20))
    from fpdf import FPDF

    scan = FPDF()
    scan.add_page()
    scan.output(str(folder / "BHXH scan.pdf"))
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "link.docx").symlink_to(folder / "SYT corrupt.docx")
    (folder / "STC broken.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(300))
    traversal = folder / "SNV traversal.docx"
    write_docx(traversal, Report(issuer="SỞ NỘI VỤ", symbol="SNV"))
    with zipfile.ZipFile(traversal, "a") as archive:
        archive.writestr("../../evil.txt", b"never extracted")
    result = cli("check-reports", str(folder), "--period", "2024-Q3", "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    notes = {m["member"]: m["note"] for m in data["members"] if m["status"] == "needs_review"}
    assert "hỏng" in notes["syt"]
    assert "rỗng" in notes["sct"]
    assert "mật khẩu" in notes["stp"]
    assert "zip bomb" in notes["sxd"]
    assert "lớp chữ" in notes["bhxh"]
    assert "hỏng" in notes["stc"]
    passed = {u["file"]: u["reason"] for u in data["unmatched"]}
    assert "liên kết" in passed["loop"] and "liên kết" in passed["link.docx"]
    assert next(m for m in data["members"] if m["member"] == "snv")["status"] == "on_time"
    assert not list(tmp_path.rglob("evil.txt")) and not (tmp_path.parent / "evil.txt").exists()


@needs_font
def test_period_from_the_folder_name_and_successors(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "quy-III-2025"
    folder.mkdir()
    write_docx(
        folder / "a.docx",
        Report(
            issuer="SỞ GIAO THÔNG VẬN TẢI",
            symbol="SGTVT",
            period_line="Báo cáo",
            date_line="Bắc Ninh, ngày 10 tháng 9 năm 2025",
        ),
    )
    write_docx(
        folder / "b.docx",
        Report(
            issuer="SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
            symbol="SNNMT",
            period_line="Báo cáo",
            date_line="Bắc Ninh, ngày 30 tháng 9 năm 2025",
        ),
    )
    data = json.loads(cli("check-reports", str(folder), "--format", "json").stdout)
    assert data["period"] == "2025-Q3" and "tên thư mục" in data["period_source"]
    rows = {m["member"]: m for m in data["members"]}
    # A letterhead of a body dissolved before the document's date is never credited to its successor in silence.
    assert "sgtvt" not in rows and rows["sxd"]["status"] == "needs_review"
    assert "Sở Giao thông vận tải" in rows["sxd"]["reason"] and "Sở Xây dựng" in rows["sxd"]["reason"]
    assert rows["snnmt"]["status"] == "late"


@needs_font
def test_everyone_on_time_exits_0(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, symbol in (("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "SKHCN"), ("TRUNG TÂM DỮ LIỆU TỈNH", "TTDL")):
        write_pdf(
            folder / f"{symbol}.pdf",
            Report(
                issuer=name,
                symbol=symbol,
                superior="UBND TỈNH HÒA SƠN",
                date_line="Hòa Sơn, ngày 19 tháng 6 năm 2025",
                period_line="quý II năm 2025",
            ),
        )
    result = cli("check-reports", str(folder), "--file", str(DATA / "other.yaml"))
    assert result.exit_code == 0, result.output
    assert "2 đúng hạn" in result.stdout


@needs_font
def test_csv_and_xlsx(cli: Callable[..., Result], q3: Path, tmp_path: Path) -> None:
    """The office formats: Vietnamese headers, real dates, the period's deadline and rule on a first sheet,
    statuses in colour, and a file name that a spreadsheet would run as a formula kept as text."""
    from openpyxl import load_workbook

    (q3 / "=HYPERLINK(1).txt").write_text("ghi chú\n", encoding="utf-8")
    printed = cli("check-reports", str(q3), "--format", "csv").stdout
    assert printed.startswith("\ufeffMã,Thành viên,Kết quả,Ngày nộp,Bằng chứng,Lý do,Bằng chứng đã xét,Tệp,Ghi chú\n")
    cli("check-reports", str(q3), "--format", "csv", "--out", str(tmp_path / "audit.csv"))
    written = (tmp_path / "audit.csv").read_bytes()
    assert written.startswith("\ufeffMã,Thành viên,Kết quả".encode()) and b"\r\n" in written
    assert written.decode("utf-8").replace("\r\n", "\n") == printed
    rows = list(csv.DictReader(io.StringIO(printed.lstrip("\ufeff"))))
    bhxh = {r["Mã"]: r for r in rows}["bhxh"]
    assert (bhxh["Kết quả"], bhxh["Ngày nộp"]) == ("muộn", "2024-09-26")
    out = tmp_path / "audit.xlsx"
    assert cli("check-reports", str(q3), "--format", "xlsx", "--out", str(out)).exit_code == 1
    assert out.read_bytes()[:2] == b"PK"
    book = load_workbook(out)
    assert book.sheetnames == ["Tổng quan", "2024-Q3", "Tệp không gán được"]
    about = {row[0].value: row[1] for row in book["Tổng quan"].iter_rows()}
    assert about["Kỳ"].value == "quý III/2024 (2024-Q3)"
    assert about["Hạn (hết ngày)"].value.date() == dt.date(2024, 9, 24)
    assert about["Hạn (hết ngày)"].number_format == "dd/mm/yyyy"
    assert about["Cách tính"].value.startswith("trước ngày 25/09/2024")
    assert (about["Số thành viên phải báo cáo"].value, about["Muộn"].value) == (22, "1")
    sheet = book["2024-Q3"]
    assert [c.value for c in sheet[1]] == [
        "Mã",
        "Thành viên",
        "Kết quả",
        "Ngày nộp",
        "Bằng chứng",
        "Lý do",
        "Bằng chứng đã xét",
        "Tệp",
        "Ghi chú",
    ]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:I{sheet.max_row}"
    by_member = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    submitted = by_member["syt"][3]
    assert submitted.is_date and submitted.value.date() == dt.date(2024, 9, 20)
    assert submitted.number_format == "dd/mm/yyyy"
    assert by_member["syt"][2].value == "đúng hạn" and by_member["syt"][2].fill.fgColor.rgb.endswith("C6EFCE")
    assert by_member["sct"][2].fill.fgColor.rgb.endswith("FFC7CE") and by_member["sct"][3].value is None
    assert all(sheet.column_dimensions[letter].width >= 8 for letter in "ABCDEFG")
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width
    unmatched = [[c.value for c in row] for row in book["Tệp không gán được"].iter_rows()]
    assert unmatched[0] == ["Tệp", "Lý do"]
    assert "'=HYPERLINK(1).txt" in [row[0] for row in unmatched]
    assert all(not str(row[0]).startswith("=") for row in unmatched)


def test_output_rules(cli: Callable[..., Result], tmp_path: Path) -> None:
    inside = cli(
        "check-reports", str(tmp_path), "--period", "2024-Q3", "--format", "csv", "--out", str(tmp_path / "x.csv")
    )
    assert inside.exit_code == 2 and "Không ghi kết quả vào trong thư mục" in inside.stderr
    existing = tmp_path.parent / f"{tmp_path.name}-exists.csv"
    existing.write_text("keep", encoding="utf-8")
    refused = cli("check-reports", str(tmp_path), "--period", "2024-Q3", "--format", "csv", "--out", str(existing))
    assert refused.exit_code == 2 and existing.read_text(encoding="utf-8") == "keep"
    assert cli("check-reports", str(tmp_path), "--format", "xlsx").exit_code == 2
    assert cli("check-reports", str(tmp_path / "nope")).exit_code == 2
    assert cli("check-reports", str(tmp_path), "--period", "2024-Q5").exit_code == 2


@needs_font
def test_coverage_of_points(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "cov"
    folder.mkdir()
    write_docx(folder / "syt.docx", Report(body=["Đã triển khai liên thông dữ liệu Sổ Sức khỏe điện tử với BHXH."]))
    data = json.loads(cli("check-reports", str(folder), "--period", "2024-Q3", "--coverage", "--format", "json").stdout)
    coverage = {c["ref"]: c for c in next(m for m in data["members"] if m["member"] == "syt")["coverage"]}
    assert coverage["điểm c khoản 15 Điều 6"]["addressed"] is True
    assert coverage["điểm c khoản 15 Điều 6"]["terms"] == ["Sổ Sức khỏe điện tử"]
    assert coverage["điểm a khoản 15 Điều 6"]["addressed"] is False
    assert "điểm d khoản 15 Điều 6" not in coverage
    text = cli("check-reports", str(folder), "--period", "2024-Q3", "--coverage").stdout
    assert "Chưa đề cập" in text


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_an_unreadable_file_gets_a_reason(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    locked = folder / "SYT bao cao.docx"
    locked.write_bytes(b"PK")
    locked.chmod(0)
    data = json.loads(cli("check-reports", str(folder), "--period", "2024-Q3", "--format", "json").stdout)
    assert "quyền" in next(m for m in data["members"] if m["member"] == "syt")["note"]


@needs_font
def test_grouped_text_and_markdown(cli: Callable[..., Result], q3: Path, tmp_path: Path) -> None:
    grouped = cli("check-reports", str(q3), "--group").stdout
    headings = [
        line for line in grouped.splitlines() if re.match(r"^(Muộn|Chưa nộp|Cần xem lại|Đúng hạn) \(\d+\)$", line)
    ]
    assert headings[0].startswith("Muộn") and headings[-1].startswith("Đúng hạn") and len(headings) >= 3
    hostile = q3 / "# [bấm](x) <https:example.com> <b>x - www.example.com.docx"
    write_docx(hostile, Report(issuer="SỞ XÂY DỰNG", symbol="SXD", date_line="Không ghi ngày"))
    result = cli("check-reports", str(q3), "--format", "markdown")
    assert result.exit_code == 1
    markdown = result.stdout
    assert markdown.startswith("## Kiểm tra báo cáo kỳ quý III/2024 (2024\\-Q3)\n")
    assert "| Thành viên | Kết quả | Ngày nộp | Bằng chứng | Lý do | Tệp |" in markdown
    assert (
        "\\# \\[bấm\\]\\(x\\) \\<https\\:example" in markdown
        and "\\<b\\>" in markdown
        and "www\\.example\\.com" in markdown
    )
    assert not [line for line in markdown.splitlines()[1:] if re.match(r"^\s*(#|[-*+] |\d+\. |<)", line)
                and not line.startswith("- ")]  # fmt: skip
