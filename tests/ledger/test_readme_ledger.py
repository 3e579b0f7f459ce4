"""The secretary's section (docs/thu-ky.md, linked from the README), run as written: four quarters recorded, a
đôn đốc and a giải trình, the year's scoreboard as a spreadsheet and charts, and a round of reminders sent to a
real SMTP server."""

from __future__ import annotations

import email
import email.policy
import re
import shlex
from pathlib import Path

import pytest
from test_remind import Mailbox, smtp  # noqa: F401 (the fixture)
from typer.testing import CliRunner

from quyche_cli.cli.app import app
from support import DATA, ROOT, Report, write_docx

README = (ROOT / "docs" / "thu-ky.md").read_text(encoding="utf-8")  # the secretary's page
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
SKHCN = ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "SKHCN")
TTDL = ("TRUNG TÂM DỮ LIỆU TỈNH", "TTDL")
SCD = ("SỞ CẢNG VỤ DỮ LIỆU", "SCVDL")


def section_commands() -> list[str]:
    """Every line of the ```sh blocks of the section "Theo dõi qua các kỳ"."""
    start = README.index("## Theo dõi qua các kỳ")
    section = README[start : README.index("\n## ", start + 1)]
    return [line for block in re.findall(r"```sh\n(.*?)```", section, flags=re.S) for line in block.splitlines()]


def report(folder: Path, quarter: int, sender: tuple[str, str], day: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_docx(
        folder / f"{sender[1]}.docx",
        Report(
            issuer=sender[0],
            symbol=sender[1],
            superior="UBND TỈNH HÒA SƠN",
            date_line=f"Hòa Sơn, {day}",
            period_line=f"Báo cáo tình hình khai thác dữ liệu số quý {ROMAN[quarter]} năm 2025",
        ),
    )


def test_the_secretary_section(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    smtp: tuple[Mailbox, int],  # noqa: F811
) -> None:
    box, port = smtp
    workspace = tmp_path / "ban"
    workspace.mkdir()
    (workspace / "quyche.yaml").write_bytes((DATA / "other.yaml").read_bytes())
    folders = workspace / "bao-cao"
    report(folders / "2025-Q1", 1, SKHCN, "ngày 18 tháng 3 năm 2025")
    report(folders / "2025-Q1", 1, TTDL, "ngày 19 tháng 3 năm 2025")
    report(folders / "2025-Q2", 2, SKHCN, "ngày 16 tháng 6 năm 2025")
    report(folders / "2025-Q2", 2, TTDL, "ngày 25 tháng 6 năm 2025")
    (folders / "2025-Q3").mkdir()
    report(folders / "2025-Q4", 4, SKHCN, "ngày 15 tháng 12 năm 2025")
    report(folders / "2025-Q4", 4, SCD, "ngày 18 tháng 12 năm 2025")
    monkeypatch.chdir(workspace)
    monkeypatch.delenv("QUYCHE_FILE", raising=False)
    env = {"COLUMNS": "100", "QUYCHE_SMTP_STARTTLS": "false", "QUYCHE_SMTP_PASSWORD": "s3cret"}
    printed: dict[str, str] = {}
    for line in section_commands():
        if line.startswith("export "):
            env.update(dict(part.split("=", 1) for part in shlex.split(line)[1:]))
            env.update(
                {"QUYCHE_SMTP_HOST": "127.0.0.1", "QUYCHE_SMTP_PORT": str(port), "QUYCHE_SMTP_USER": "secretary"}
            )
            continue
        if "--as-of 2025-10-20" in line:  # Sở Khoa học và Công nghệ answers the đôn đốc on 06/10/2025
            report(folders / "2025-Q3", 3, SKHCN, "ngày 06 tháng 10 năm 2025")
        argv = shlex.split(line)
        assert argv[0] == "quyche"
        result = CliRunner().invoke(app, argv[1:], env=env, catch_exceptions=False)
        assert result.exit_code in (0, 1) and "Lỗi không mong đợi" not in result.output, f"$ {line}\n{result.output}"
        printed[line] = result.output

    assert (workspace / "quyche-ledger.sqlite").is_file()
    again = next(out for line, out in printed.items() if "--as-of 2025-10-20" in line)
    flat = " ".join(again.split())
    assert "Nộp sau đôn đốc: đúng hạn mới 10/10/2025." in flat
    assert "Đã đôn đốc (hạn mới 10/10/2025): vẫn chưa nộp." in flat
    assert "Giải trình (08/10/2025: Công văn 17/TTDL: đang bàn giao nhiệm vụ)." in flat
    board = " ".join(printed["quyche scoreboard --year 2025"].split())
    assert "(4 kỳ đã ghi: 2025-Q1, 2025-Q2, 2025-Q3, 2025-Q4)" in board

    from openpyxl import load_workbook

    book = load_workbook(workspace / "xep-hang-2025.xlsx")
    assert book.sheetnames == ["Tổng quan", "Cả khoảng", "Theo quý", "Theo 6 tháng", "Theo năm"]
    year = {row[1]: row for row in book["Theo năm"].iter_rows(min_row=2, values_only=True)}
    skhcn = year["Sở Khoa học và Công nghệ"]
    assert skhcn[2:7] == (4, 3, 1, 14, 1)  # due, on time, late (06/10 after Monday 22/09: 14 days), answered
    assert (workspace / "ty-le-dung-han-2025.svg").read_text(encoding="utf-8").startswith("<svg")
    assert "<title>" in (workspace / "han-theo-thang-2025.svg").read_text(encoding="utf-8")
    assert (workspace / "xep-hang-2025.csv").read_text(encoding="utf-8-sig").startswith("Kỳ,Thành viên")

    dry = next(out for line, out in printed.items() if line.endswith("--send --dry-run"))
    assert "Sẽ gửi tới" in dry
    received = [email.message_from_bytes(m, policy=email.policy.default) for _, _, m in box.messages]
    assert received and len(received) == dry.count("Sẽ gửi tới")
    overdue = [m for m in received if "2025-Q3" in m.get_body().get_content()]  # type: ignore[union-attr]
    assert overdue and overdue[0]["To"] == "Lê Minh Châu <chau.lm@scd.hoason.example>"
