"""Issue 24, "done when": a folder as reports really arrive in Q4/2026 (a .zip of two reports, an e-mail with the
report attached, a PDF signed after the deadline, the register exported by the document system, a .docx and its
PDF with the register on the .docx, a report on a dissolved body's letterhead beside its successor's own report):
every verdict is the one a careful secretary reaches, and its evidence shows in text, JSON, CSV and XLSX. The same
kinds of files are audited against the second committee (tests/data/other.yaml)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from support import (
    DATA,
    FONT,
    Report,
    TestCA,
    run_all,
    shown_everywhere,
    write_docx,
    write_eml,
    write_pdf,
    write_register,
    write_zip,
)

needs_font = pytest.mark.skipif(not FONT.exists(), reason="DejaVuSans.ttf (fonts-dejavu-core) is not installed")
VN = dt.timezone(dt.timedelta(hours=7))
Q4 = "Kết quả thực hiện nhiệm vụ chuyển đổi số quý IV năm 2026"


def day_line(day: int, place: str = "Bắc Ninh") -> str:
    return f"{place}, ngày {day} tháng 12 năm 2026"


def docx_bytes(tmp_path: Path, report: Report) -> bytes:
    return write_docx(tmp_path / "member.docx", report).read_bytes()


@needs_font
@pytest.mark.parametrize("register_name", ["so-van-ban-den.xlsx", "so-van-ban-den.csv"])
def test_a_q4_folder_as_it_really_arrives(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, register_name: str
) -> None:
    folder = tmp_path / "bao-cao-quy-IV-2026"
    folder.mkdir()
    report = {"period_line": Q4, "superior": "UBND TỈNH BẮC NINH"}
    # A .zip of two reports.
    write_zip(
        folder / "goi-q4.zip",
        {
            "stc.docx": docx_bytes(
                tmp_path, Report(issuer="SỞ TÀI CHÍNH", symbol="STC", date_line=day_line(20), **report)
            ),
            "Sở Tư pháp/stp.docx": docx_bytes(
                tmp_path, Report(issuer="SỞ TƯ PHÁP", symbol="STP", date_line=day_line(23), **report)
            ),
        },
    )
    # An e-mail that reached the committee's server on 25/12, its report dated 23/12.
    sct = docx_bytes(tmp_path, Report(issuer="SỞ CÔNG THƯƠNG", symbol="SCT", date_line=day_line(23), **report))
    write_eml(
        folder / "thu-sct.eml",
        {"SCT_BC_Q4.docx": sct},
        date="Thu, 24 Dec 2026 23:50:00 +0700",
        received="Fri, 25 Dec 2026 02:10:00 +0000",
        sender="Văn thư Sở Công Thương <vanthu.sct@example.gov.vn>",
    )
    # A PDF dated 22/12 in its text but signed on 26/12.
    ca = TestCA(tmp_path)
    signer = ca.issue("Trần Thị Bình", "Sở Giáo dục và Đào tạo")
    signed = write_pdf(
        folder / "SGDDT_BC_Q4.pdf",
        Report(issuer="SỞ GIÁO DỤC VÀ ĐÀO TẠO", symbol="SGDĐT", date_line=day_line(22), **report),
    )
    ca.sign(signed, signer, dt.datetime(2026, 12, 26, 9, 12, tzinfo=VN))
    # A .docx and its PDF, the register on the .docx (28/12); the PDF's own date line says 18/12.
    syt = Report(issuer="SỞ Y TẾ", symbol="SYT", number="312", date_line=day_line(18), **report)
    write_docx(folder / "SYT_BC_Q4.docx", syt)
    write_pdf(folder / "SYT_BC_Q4.pdf", syt)
    # A dissolved body's letterhead, and its successor's own report.
    lao_dong = Report(issuer="SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", symbol="SLĐTBXH", date_line=day_line(20), **report)
    write_docx(folder / "ldtbxh.docx", lao_dong)
    write_docx(folder / "snv.docx", Report(issuer="SỞ NỘI VỤ", symbol="SNV", date_line=day_line(22), **report))
    register = write_register(
        tmp_path / register_name,
        [
            [dt.datetime(2026, 12, 21, 17, 45), "", "Sở Tài chính", "Báo cáo chuyển đổi số quý IV năm 2026", ""],
            [dt.datetime(2026, 12, 28, 9, 15), "312/BC-SYT", "Sở Y tế", "Báo cáo quý IV năm 2026", "SYT_BC_Q4.docx"],
            [dt.datetime(2026, 12, 23, 8, 0), "401/BC-SXD", "Sở Xây dựng", "Báo cáo quý IV năm 2026", ""],
        ],
    )
    found = run_all(cli, folder, "--received", str(register))
    members, files = found["members"], found["files"]
    verdicts = {m: (v["status"], v["submitted"]) for m, v in members.items() if v["status"] != "missing"}
    assert verdicts == {
        "stc": ("on_time", "2026-12-21"),  # the register (by sender and period) wins over the date line 20/12
        "stp": ("on_time", "2026-12-23"),
        "sct": ("late", "2026-12-25"),  # the receiving server's time, not the date line or the sender's clock
        "sgddt": ("late", "2026-12-26"),  # signed after the deadline: it cannot have been sent before
        "syt": ("late", "2026-12-28"),  # the register date wins over the PDF copy's 18/12
        "snv": ("on_time", "2026-12-22"),  # its own report, never hidden by the dissolved body's
    }
    assert found["json"]["deadline"]["last_day"] == "2026-12-24"
    # Every member of the zip is audited, named inside its archive; the e-mail's evidence is kept.
    assert files["goi-q4.zip › stc.docx"]["register_line"] == 4
    assert files["goi-q4.zip › Sở Tư pháp/stp.docx"]["member"] == "stp"
    mail = files["thu-sct.eml › SCT_BC_Q4.docx"]
    assert mail["mail_sender"] == "vanthu.sct@example.gov.vn"
    assert mail["mail_arrived"].startswith("2026-12-25 09:10") and mail["mail_sent"].startswith("2026-12-24 23:50")
    signature = files["SGDDT_BC_Q4.pdf"]["signatures"][0]
    assert signature["signer"] == "Trần Thị Bình" and signature["organisation"] == "Sở Giáo dục và Đào tạo"
    assert signature["signed_at"].startswith("2026-12-26 09:12") and signature["intact"] is True
    assert signature["whole_file"] is True and signature["trusted"] is None
    # The copy pair is one submission: the register's date reaches the PDF too.
    pdf = files["SYT_BC_Q4.pdf"]
    assert (pdf["received"], pdf["copy_of"], pdf["evidence"]) == ("2026-12-28", "SYT_BC_Q4.docx", "received")
    # The dissolved body's letterhead needs review with its successor named; it is not credited in silence.
    assert "Sở Lao động - Thương binh và Xã hội" in files["ldtbxh.docx"]["review"]
    assert "không tự tính cho Sở Nội vụ" in files["ldtbxh.docx"]["review"]
    # The register row that matched nothing is said.
    assert any("dòng 6 (số 401/BC-SXD, Sở Xây dựng) không khớp tệp nào" in n for n in found["json"]["notices"])
    assert "dòng 6 (số 401/BC-SXD" in found["stderr"]
    # The evidence of each verdict, in every format.
    shown_everywhere(found, "stc", "ngày nhận 21/12/2026 17:45 (sổ văn bản đến dòng 4) → dùng")
    shown_everywhere(found, "sct", "thư đến máy chủ nhận 25/12/2026 09:10 (Received) → dùng", "giờ máy chủ thư")
    shown_everywhere(found, "sgddt", "thời gian ký tự khai 26/12/2026 09:12", "thời gian ký số (sau hạn)")
    shown_everywhere(found, "sgddt", "chưa xác minh chuỗi chứng thư", "chưa kiểm tra chứng thư có bị thu hồi")
    assert signature["revocation"] == "chưa kiểm tra chứng thư có bị thu hồi hay không (không tra CRL/OCSP)"
    shown_everywhere(found, "syt", "ngày nhận 28/12/2026 09:15 (sổ văn bản đến dòng 5) → dùng", "muộn 4 ngày")
    shown_everywhere(found, "snv", "không tự tính cho Sở Nội vụ")
    assert "Bằng chứng ngày nộp, mạnh trước: sổ văn bản đến › ký số" in found["text"]
    assert found["json"]["evidence_order"][0].startswith("1. ngày nhận trong sổ văn bản đến")


@needs_font
def test_the_same_kinds_of_files_for_another_committee(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "quy-IV-2026"
    folder.mkdir()
    report = {"period_line": "Báo cáo quý IV năm 2026", "superior": "UBND TỈNH HÒA SƠN"}
    ca = TestCA(tmp_path)
    signed = write_pdf(
        tmp_path / "SKHCN_BC.pdf",
        Report(issuer="SỞ KHOA HỌC VÀ CÔNG NGHỆ", symbol="SKHCN", date_line=day_line(18, "Hòa Sơn"), **report),
    )
    ca.sign(signed, ca.issue("Lê Văn Cường", "Sở Khoa học và Công nghệ"), dt.datetime(2026, 12, 23, 8, 0, tzinfo=VN))
    scd = Report(issuer="SỞ CẢNG VỤ DỮ LIỆU", symbol="SCVDL", number="12", date_line=day_line(15, "Hòa Sơn"), **report)
    write_zip(folder / "goi.zip", {"SKHCN_BC.pdf": signed.read_bytes(), "scd.docx": docx_bytes(tmp_path, scd)})
    write_pdf(folder / "scd.pdf", scd)
    ttdl = Report(issuer="TRUNG TÂM DỮ LIỆU TỈNH", symbol="TTDL", date_line=day_line(19, "Hòa Sơn"), **report)
    write_eml(folder / "thu.eml", {"ttdl.docx": docx_bytes(tmp_path, ttdl)}, received="Sat, 19 Dec 2026 03:00:00 +0000")
    register = write_register(
        tmp_path / "so-den.csv",
        [
            [dt.datetime(2026, 12, 18, 10, 0), "12/BC-SCVDL", "Sở Cảng vụ Dữ liệu", "Báo cáo quý IV", "scd.docx"],
            [dt.datetime(2026, 12, 17, 10, 0), "3/BC-SKHCN", "Sở Khoa học và Công nghệ", "Báo cáo tháng 11", ""],
        ],
    )
    found = run_all(cli, folder, "--file", str(DATA / "other.yaml"), "--received", str(register))
    members, files = found["members"], found["files"]
    assert found["json"]["deadline"]["last_day"] == "2026-12-21"
    assert {m: (v["status"], v["submitted"]) for m, v in members.items()} == {
        "skhcn": ("late", "2026-12-23"),
        "ttdl": ("on_time", "2026-12-18"),
    }
    assert members["ttdl"]["title"] == "Sở Cảng vụ Dữ liệu"
    assert files["scd.pdf"]["received"] == "2026-12-18" and files["scd.pdf"]["copy_of"] == "goi.zip › scd.docx"
    assert "không tự tính cho Sở Cảng vụ Dữ liệu" in files["thu.eml › ttdl.docx"]["review"]
    assert files["thu.eml › ttdl.docx"]["mail_arrived"].startswith("2026-12-19 10:00")
    shown_everywhere(found, "skhcn", "thời gian ký tự khai 23/12/2026 08:00", "thời gian ký số (sau hạn)")
    shown_everywhere(found, "ttdl", "ngày nhận 18/12/2026 10:00 (sổ văn bản đến dòng 4) → dùng")
    shown_everywhere(found, "ttdl", "không tự tính cho Sở Cảng vụ Dữ liệu")
    assert any("dòng 5 (số 3/BC-SKHCN" in n for n in found["json"]["notices"])


@needs_font
def test_before_the_days_on_the_evidence_every_report_needs_review(cli: Callable[..., Result], tmp_path: Path) -> None:
    """Audited on 07/12/2026, days after that cannot be days of sending: nothing is credited, every piece of
    evidence is listed once, and none is said to be used."""
    folder = tmp_path / "q4"
    folder.mkdir()
    syt = Report(issuer="SỞ Y TẾ", symbol="SYT", number="312", date_line=day_line(18), period_line=Q4)
    write_docx(folder / "SYT_BC_Q4.docx", syt)
    write_pdf(folder / "SYT_BC_Q4.pdf", syt)
    register = write_register(tmp_path / "so.csv", [[dt.datetime(2026, 12, 28, 9, 15), "312/BC-SYT", "", "", ""]])
    args = ("check-reports", str(folder), "--received", str(register), "--as-of", "2026-12-07", "--format", "json")
    verdict = next(m for m in json.loads(cli(*args).stdout)["members"] if m["member"] == "syt")
    assert verdict["status"] == "needs_review" and "sau ngày kiểm tra 07/12/2026" in verdict["reason"]
    used = verdict["evidence_used"]
    assert used.count("ngày nhận 28/12/2026 09:15 (sổ văn bản đến dòng 4)") == 1 and not any(
        "→ dùng" in u for u in used
    )
