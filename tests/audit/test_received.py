"""The --received file comes from another system: trimmed headers and UTF-16 exports read right, anything else
refused with its line, implausible dates flagged, and its size bounded."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from support import Report, write_docx


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "q3"
    folder.mkdir()
    write_docx(folder / "syt.docx", Report())
    write_docx(folder / "stp.docx", Report(issuer="SỞ TƯ PHÁP", symbol="STP"))
    return folder


def audit(cli: Callable[..., Result], folder: Path, received: Path) -> dict[str, dict[str, object]]:
    result = cli("check-reports", str(folder), "--period", "2024-Q3", "--received", str(received), "--format", "json")
    assert result.exit_code == 1, result.output
    return {m["member"]: m for m in json.loads(result.stdout)["members"]}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_exports_with_spaces_in_the_header_or_in_utf16(
    cli: Callable[..., Result], folder: Path, tmp_path: Path, encoding: str
) -> None:
    received = tmp_path / "received.csv"
    received.write_text("file ,  Received\r\nsyt.docx, 23/09/2024\r\nstp.docx,2024-09-30\r\n", encoding=encoding)
    link = tmp_path / "latest.csv"
    link.symlink_to(received)  # a file the user names may be a link
    rows = audit(cli, folder, link)
    assert (rows["syt"]["status"], rows["syt"]["submitted"]) == ("on_time", "2024-09-23")
    assert (rows["stp"]["status"], rows["stp"]["submitted"]) == ("late", "2024-09-30")


def test_what_cannot_be_read_is_refused_with_its_line(cli: Callable[..., Result], folder: Path, tmp_path: Path) -> None:
    received = tmp_path / "received.csv"
    for content, expected in (
        (b"file,received\nsyt.docx,23/09/2024\nst\xe1.docx,2024-09-30\n", "received.csv:3: không phải văn bản UTF-8"),
        (b"ten,ngay\nsyt.docx,23/09/2024\n", "received.csv:1: không thấy cột ngày nhận"),
        (b"file,received\nsyt.docx\n", "received.csv:2: dòng thiếu cột"),
        (b"file,received\nsyt.docx,31/02/2024\n", "received.csv:2: Ngày '31/02/2024' không tồn tại"),
    ):
        received.write_bytes(content)
        result = cli("check-reports", str(folder), "--period", "2024-Q3", "--received", str(received))
        assert result.exit_code == 2 and expected in result.stderr, result.stderr


def test_implausible_received_dates_need_review(cli: Callable[..., Result], folder: Path, tmp_path: Path) -> None:
    received = tmp_path / "received.csv"
    received.write_text("file,received\nsyt.docx,01/01/1900\nstp.docx,2099-01-01\n", encoding="utf-8")
    rows = audit(cli, folder, received)
    assert rows["syt"][
        "status"
    ] == "needs_review" and "ngày nhận (sổ văn bản đến, --received) 01/01/1900 trước khi kỳ 2024-Q3 bắt đầu" in str(
        rows["syt"]["note"]
    )
    assert rows["stp"][
        "status"
    ] == "needs_review" and "ngày nhận (sổ văn bản đến, --received) 01/01/2099 sau ngày kiểm tra" in str(
        rows["stp"]["note"]
    )


def test_a_huge_or_special_received_file_is_refused(cli: Callable[..., Result], folder: Path, tmp_path: Path) -> None:
    received = tmp_path / "received.csv"
    with received.open("wb") as handle:
        handle.write(b"file,received\n")
        handle.truncate(2 * 2**30)  # 2 GB without a newline (sparse): never read whole
    result = cli("check-reports", str(folder), "--period", "2024-Q3", "--received", str(received))
    assert result.exit_code == 2 and "lớn quá 8 MiB" in result.stderr
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    result = cli("check-reports", str(folder), "--period", "2024-Q3", "--received", str(fifo))
    assert result.exit_code == 2 and "FIFO" in result.stderr


def test_a_register_export_as_the_document_system_writes_it(
    cli: Callable[..., Result], folder: Path, tmp_path: Path
) -> None:
    received = tmp_path / "so-den.csv"
    received.write_text(
        "Sổ văn bản đến\n"
        "STT,Số ký hiệu,Cơ quan ban hành,Trích yếu,Ngày đến\n"
        '1,215 / BC - SYT,Sở Y tế,"Báo cáo quý III năm 2024",17:45 24/09/2024\n'
        "2,,Sở Tư pháp,Báo cáo quý III năm 2024,2024-09-26T08:30:00\n",
        encoding="utf-8",
    )
    rows = audit(cli, folder, received)
    assert (rows["syt"]["status"], rows["syt"]["submitted"]) == ("on_time", "2024-09-24")
    assert "ngày nhận 24/09/2024 17:45 (sổ văn bản đến dòng 3) → dùng" in rows["syt"]["evidence_used"]
    assert (rows["stp"]["status"], rows["stp"]["submitted"]) == ("late", "2024-09-26")


def test_register_rows_that_cannot_be_matched_are_said(
    cli: Callable[..., Result], folder: Path, tmp_path: Path
) -> None:
    write_docx(folder / "stp-bo-sung.docx", Report(issuer="SỞ TƯ PHÁP", symbol="STP", number="230"))
    received = tmp_path / "so-den.csv"
    received.write_text(
        "Ngày đến;Cơ quan ban hành;Số ký hiệu\n24/09/2024;Sở Tư pháp;\n24/09/2024;Cơ quan lạ;\n", encoding="utf-8"
    )
    result = cli("check-reports", str(folder), "--period", "2024-Q3", "--received", str(received), "--format", "json")
    notices = json.loads(result.stdout)["notices"]
    assert any("dòng 2 (Sở Tư pháp) khớp nhiều báo cáo khác nhau" in n for n in notices)
    assert any("dòng 3 (Cơ quan lạ) không khớp tệp nào" in n for n in notices)
    for content, expected in (
        ("Ngày đến;Trích yếu\n24/09/2024;x\n", "thiếu cột nhận ra văn bản"),
        ("Ngày đến;Số ký hiệu\n;215/BC-SYT\n", "so-den.csv:2: dòng không có ngày nhận"),
        ("Ngày đến;Số ký hiệu\nhôm qua;215/BC-SYT\n", "so-den.csv:2: Không đọc được ngày 'hôm qua'"),
    ):
        received.write_text(content, encoding="utf-8")
        result = cli("check-reports", str(folder), "--period", "2024-Q3", "--received", str(received))
        assert result.exit_code == 2 and expected in result.stderr, result.stderr
    received = tmp_path / "so-den.xlsx"
    received.write_bytes(b"PK\x03\x04 not a workbook")
    result = cli("check-reports", str(folder), "--period", "2024-Q3", "--received", str(received))
    assert result.exit_code == 2 and "như bảng tính XLSX" in result.stderr
