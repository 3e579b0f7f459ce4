"""Helpers the tests (and bench/run.py) share; fixtures live in conftest.py.

Paths of the repository, running the installed command, writing a rules file, the seed text's lines, and real
report files: .docx with the official header table (python-docx) and .pdf with a text layer (fpdf2, DejaVu font).
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
RULES_FILE = ROOT / "quyche.yaml"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def examples(rules_file: Path = RULES_FILE) -> dict[str, dict[str, Any]]:
    """What ``render KIND --example`` prints for every kind, for ``rules_file``."""
    from quyche_cli.documents.data import example
    from quyche_cli.documents.kinds import KINDS, Kind
    from quyche_cli.rules.validation import load_rules

    rules = load_rules(rules_file)
    return {name: example(rules, name) for name, kind in KINDS.items() if isinstance(kind, Kind)}


def run_installed(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed package as a separate process (``python -m quyche_cli``)."""
    return subprocess.run(
        [sys.executable, "-m", "quyche_cli", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def write_rules(tmp_path: Path, text: str, name: str = "quyche.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# Lines the document layout prints itself rather than the data (Nghị định 30/2020 national motto).
LAYOUT_LINES = {"CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Nơi nhận:"}


def seed_lines(text: str) -> list[str]:
    """Every non-empty line of the seed, without Markdown artefacts ("**", a "- " before "a)")."""
    lines = []
    for raw in text.splitlines():
        line = raw.replace("**", "").strip()
        line = re.sub(r"^- (?=[a-zđ]\) )", "", line)
        if line and line not in LAYOUT_LINES:
            lines.append(" ".join(line.split()))
    return lines


@dataclass
class Report:
    issuer: str = "SỞ Y TẾ"
    symbol: str = "SYT"
    number: str = "215"
    date_line: str = "Bắc Ninh, ngày 20 tháng 9 năm 2024"
    period_line: str = "Kết quả thực hiện nhiệm vụ chuyển đổi số quý III năm 2024"
    superior: str = "UBND TỈNH BẮC NINH"
    body: list[str] = field(
        default_factory=lambda: [
            "Thực hiện Quyết định số 1267/QĐ-UBND ngày 14/10/2024 của UBND tỉnh, đơn vị báo cáo như sau.",
            "Dự kiến hoàn thành vào ngày 15 tháng 12 năm 2024.",
        ]
    )

    def header_left(self) -> list[str]:
        return [self.superior, self.issuer, f"Số: {self.number}/BC-{self.symbol}"]

    def header_right(self) -> list[str]:
        return ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", self.date_line]


def write_docx(path: Path, report: Report) -> Path:
    from docx import Document

    document = Document()
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (report.header_left(), report.header_right()), strict=True):
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    document.add_paragraph("BÁO CÁO")
    document.add_paragraph(report.period_line)
    for line in report.body:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def write_pdf(path: Path, report: Report) -> Path:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=12)
    for left, right in zip(report.header_left(), report.header_right(), strict=True):
        pdf.cell(80, 7, left)
        pdf.cell(0, 7, right, new_x="LMARGIN", new_y="NEXT")
    for line in ["BÁO CÁO", report.period_line, *report.body]:
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def write_docx_soft_breaks(path: Path, report: Report) -> Path:
    """A .docx whose header cells hold one paragraph each, its lines separated by soft line breaks (w:br),
    as many offices type them (Shift+Enter)."""
    from docx import Document

    document = Document()
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (report.header_left(), report.header_right()), strict=True):
        paragraph = cell.paragraphs[0]
        for index, line in enumerate(lines):
            run = paragraph.add_run(line)
            if index < len(lines) - 1:
                run.add_break()
    for line in ["BÁO CÁO", report.period_line, *report.body]:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def write_pdf_cells(path: Path, report: Report) -> Path:
    """A .pdf laid out as LibreOffice exports the header table: the left cell, then the right cell, each
    wrapped to its column, so that a long date line breaks ("… tháng 9 năm" / "2024")."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=12)
    top = pdf.get_y()
    pdf.multi_cell(80, 7, "\n".join(report.header_left()), new_x="LMARGIN", new_y="NEXT")
    bottom = pdf.get_y()
    pdf.set_xy(100, top)
    pdf.multi_cell(70, 7, "\n".join(report.header_right()), new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(bottom, pdf.get_y()))
    for line in ["BÁO CÁO", report.period_line, *report.body]:
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path
