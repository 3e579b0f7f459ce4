"""Real report files for tests and benchmarks: .docx with the official header table (python-docx) and .pdf
with a text layer (fpdf2, DejaVu font)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


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
