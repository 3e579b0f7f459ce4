"""A folder of comment letters on the draft, as members send them: .docx with the official header table,
a text-layer PDF, plain text, agreement-only letters, and one that cannot be read."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from support import FONT


def header(issuer: str, number: str, day: str) -> tuple[list[str], list[str]]:
    left = ["UBND TỈNH BẮC NINH", issuer, f"Số: {number}", "V/v góp ý dự thảo Quy chế hoạt động của Ban Chỉ đạo"]
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", f"Bắc Ninh, ngày {day}"]
    return left, right


def write_letter_docx(path: Path, issuer: str, number: str, day: str, body: list[str]) -> Path:
    from docx import Document

    document = Document()
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, header(issuer, number, day), strict=True):
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    document.add_paragraph("Kính gửi: Sở Nội vụ")
    for line in body:
        document.add_paragraph(line)
    sign = document.add_table(rows=1, cols=2)
    sign.rows[0].cells[0].paragraphs[0].text = "Nơi nhận:"
    sign.rows[0].cells[0].add_paragraph("- Như trên;")
    sign.rows[0].cells[1].paragraphs[0].text = "KT. GIÁM ĐỐC"
    document.save(str(path))
    return path


def write_letter_pdf(path: Path, issuer: str, number: str, day: str, body: list[str]) -> Path:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=12)
    left, right = header(issuer, number, day)
    for one, two in zip(left, right + [""], strict=True):
        pdf.cell(80, 7, one[:40])
        pdf.cell(0, 7, two, new_x="LMARGIN", new_y="NEXT")
    for line in ["Kính gửi: Sở Nội vụ", *body, "Nơi nhận:", "- Như trên;"]:
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


SYT = [
    "Phúc đáp Công văn số 1225/SNV-TCBM&CCHC ngày 18/10/2024 của Sở Nội vụ, Sở Y tế có ý kiến như sau:",
    "1. Tại điểm c khoản 15 Điều 6: đề nghị bổ sung cụm từ “và Cổng dịch vụ công quốc gia” sau cụm từ “Bảo hiểm xã "
    "hội Việt Nam”.",
    "2. Đề nghị viết lại khoản 2 Điều 5 của dự thảo cho rõ trách nhiệm của Phó Trưởng ban Thường trực.",
    "Trên đây là ý kiến của Sở Y tế, trân trọng gửi Sở Nội vụ tổng hợp./.",
]
STC = [
    "Sở Tài chính cơ bản nhất trí với dự thảo, đồng thời có một số ý kiến sau:",
    "- Tại khoản 2 Điều 5 của dự thảo, đề nghị làm rõ phạm vi các công việc mang tính thường xuyên mà Phó Trưởng ban "
    "Thường trực được quyết định thay Trưởng Ban Chỉ đạo.",
    "- Điều 10: đề nghị quy định rõ thời hạn Sở Thông tin và Truyền thông gửi báo cáo tổng hợp cho Văn phòng Ủy ban "
    "nhân dân tỉnh.",
]
STP = ["Sở Tư pháp nhất trí với nội dung dự thảo Quy chế."]
CAT = "\n".join(
    ["CÔNG AN TỈNH", "Số: 88/CAT-PV01", "Bắc Ninh, ngày 12 tháng 10 năm 2024", "Kính gửi: Sở Nội vụ"]
    + ["Công an tỉnh không có ý kiến khác.", ""]
)
SCT = ["1. Tại Điều 99 của dự thảo, đề nghị bỏ cụm từ “định kỳ”."]


def comment_folder(folder: Path) -> Path:
    """Seven files: three letters with comments (.docx, .pdf, one citing an article the draft lacks), two
    agreements (.docx, .txt in NFD), the same agreement saved twice, one broken .docx."""
    folder.mkdir(parents=True, exist_ok=True)
    syt = unicodedata.normalize("NFD", "Góp ý quy chế - Sở Y tế.docx")  # a file name from macOS
    write_letter_docx(folder / syt, "SỞ Y TẾ", "321/SYT-VP", "10 tháng 10 năm 2024", SYT)
    write_letter_pdf(folder / "stc_gopy.pdf", "SỞ TÀI CHÍNH", "45/STC-NS", "11 tháng 10 năm 2024", STC)
    write_letter_docx(folder / "stp.docx", "SỞ TƯ PHÁP", "12/STP-VP", "09 tháng 10 năm 2024", STP)
    (folder / "tải về").mkdir()
    (folder / "tải về" / "stp (1).docx").write_bytes((folder / "stp.docx").read_bytes())  # saved twice
    (folder / "cong-an.txt").write_text(unicodedata.normalize("NFD", CAT), encoding="utf-8")  # as macOS tools save
    write_letter_docx(folder / "sct.docx", "SỞ CÔNG THƯƠNG", "7/SCT-VP", "25 tháng 10 năm 2024", SCT)
    (folder / "so-xay-dung.docx").write_bytes(b"PK\x03\x04 this is not a complete zip")
    return folder
