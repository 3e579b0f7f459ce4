"""What a văn thư checks on the documents each kind of body renders on 08/12/2026 (bundled file): the header
of the body that issues it, the names of the day, the signer under the right authority, the draft status in
the document, and every organisational fact sourced or marked as the tool's inference."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document
from typer.testing import Result

from support import DATA

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DAY = "2026-12-08"
# The kinds of body: a department under the province, the police (its ministry above it), two central bodies
# renamed in 2025, and the Đoàn with its own layout: (typed name, header lines, signature, symbol).
BODIES = {
    "department": ("Sở Y tế", ["UBND TỈNH BẮC NINH", "SỞ Y TẾ"], "GIÁM ĐỐC", "Số: 12/BC-SYT"),
    "police": ("Công an tỉnh", ["BỘ CÔNG AN", "CÔNG AN TỈNH BẮC NINH"], "GIÁM ĐỐC", "Số: 12/BC-CAT"),
    "tax": ("Thuế tỉnh", ["CỤC THUẾ", "THUẾ TỈNH BẮC NINH"], "TRƯỞNG THUẾ TỈNH", "Số: 12/BC-……"),
    "insurance": (
        "Bảo hiểm xã hội tỉnh",
        ["BẢO HIỂM XÃ HỘI VIỆT NAM", "BẢO HIỂM XÃ HỘI TỈNH BẮC NINH"],
        "GIÁM ĐỐC",
        "Số: 12/BC-……",
    ),
    "union": ("Tỉnh đoàn", ["BCH TỈNH BẮC NINH", "***"], "BÍ THƯ", "Số: 12-BC/TĐTN"),
}
FORMER = ("Cục Thuế tỉnh", "Cục trưởng", "CTBNI", "Chi nhánh tỉnh", "Trung tâm hành chính công tỉnh", "(lần")


def cells(document: Any, table: int) -> list[list[str]]:
    return [[p.text for p in cell.paragraphs] for cell in document.tables[table].rows[0].cells]


def body(document: Any) -> list[str]:
    return [p.text for p in document.paragraphs]


def run(cli: Callable[..., Result], tmp_path: Path, *args: str, data: dict[str, Any] | None = None) -> Result:
    if data is not None:
        path = tmp_path / f"data-{len(list(tmp_path.iterdir()))}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        args = (*args, "--data", str(path))
    return cli("render", *args)


def checked_end(document: Any) -> None:
    """No blank page: no page break anywhere, and nothing after the signature table but the 1-pt paragraph a
    body needs after a table."""
    xml = document.element.body.xml
    assert 'w:type="page"' not in xml and "w:pageBreakBefore" not in xml
    last = list(document.element.body.iterchildren())[-2]
    assert last.tag == f"{W}p" and "".join(last.itertext()) == ""
    assert document.paragraphs[-1].paragraph_format.line_spacing.pt == 1
    assert list(document.element.body.iterchildren())[-3].tag == f"{W}tbl"


def checked_pages(path: Path, tmp_path: Path) -> None:
    """No blank page, when LibreOffice is there to make the PDF (.ci/run installs it; without it only the
    structure is checked, by :func:`checked_end`): every page holds more than its page number."""
    if not shutil.which("soffice"):
        return
    from pypdf import PdfReader

    profile = tmp_path / "lo-profile"
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf", "--outdir"]
        + [str(tmp_path), str(path)],
        capture_output=True,
        timeout=180,
        check=False,
    )
    pdf = path.with_suffix(".pdf")
    assert pdf.exists()
    pages = [page.extract_text() or "" for page in PdfReader(str(pdf)).pages]
    assert pages and all(re.sub(r"[\s\d]", "", text) for text in pages), f"a blank page in {path.name}: {pages}"


@pytest.mark.parametrize("kind", sorted(BODIES))
def test_each_kind_of_body_reports_under_its_own_header(cli: Callable[..., Result], tmp_path: Path, kind: str) -> None:
    name, header, position, number = BODIES[kind]
    out = tmp_path / f"{kind}.docx"
    result = run(
        cli,
        tmp_path,
        "bao-cao",
        "--member",
        name,
        "--period",
        "2026-Q4",
        "--date",
        DAY,
        "--out",
        str(out),
        data={"number": "12", "signer": "Nguyễn Văn C"},
    )
    assert result.exit_code == 0, result.output
    document = Document(str(out))
    left, right = cells(document, 0)
    assert [line for line in left if line][:2] == header and number in left
    if kind == "union":
        assert right[0] == "ĐOÀN TNCS HỒ CHÍ MINH" and "CỘNG HÒA" not in "".join(right), "the Đoàn's own layout"
    else:
        assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert "Bắc Ninh, ngày 08 tháng 12 năm 2026" in right
    mark = document.paragraphs[0]
    assert mark.text == "DỰ THẢO" and mark.runs[0].font.bold and "w:pBdr" in mark._p.xml, "draft status visible"
    text = "\n".join(body(document))
    assert "Theo Điều 10 dự thảo Quy chế" in text and "(văn bản chưa được ban hành)" in text
    assert "Thực hiện Điều 10 Quy chế" not in text, "a draft is never cited as law"
    assert "Kính gửi: Sở Khoa học và Công nghệ" in text
    assert not [word for word in FORMER if word in text], "names of the day only"
    headings = [line for line in body(document) if line[:1].isdigit()]
    assert headings and all(line.split(". ", 1)[1][0].isupper() for line in headings), headings
    cc, signature = cells(document, -1)
    assert cc[-1].startswith("- Lưu: VT, ") and cc[-1].endswith(".")
    assert signature[0] == position and signature[-1] == "Nguyễn Văn C"
    assert "suy luận của công cụ" in result.stderr, "the standing body is the tool's inference"
    checked_end(document)
    checked_pages(out, tmp_path)


def test_reports_carry_what_moved_with_its_source(cli: Callable[..., Result], tmp_path: Path) -> None:
    def report(name: str) -> tuple[str, str]:
        out = tmp_path / f"{name}.docx"
        result = run(
            cli, tmp_path, "bao-cao", "--member", name, "--period", "2026-Q4", "--date", DAY, "--out", str(out)
        )
        assert result.exit_code == 0, result.output
        return "\n".join(body(Document(str(out)))), result.stderr

    police, notices = report("Công an tỉnh")
    assert "Đoạn 1 khoản 5 Điều 5: Chủ trì, phối hợp với các cơ quan chức năng" in police, "the duty, not the heading"
    assert "Điểm a khoản 12 Điều 6: Tham mưu đẩy mạnh triển khai cấp phiếu Lý lịch tư pháp" in police
    assert "Công an tỉnh báo cáo phần sát hạch, cấp giấy phép lái xe" in police
    assert "Nghị định số 02/2025/NĐ-CP" in notices
    justice, _ = report("Sở Tư pháp")
    assert "Điểm a khoản 12 Điều 6" not in justice and "Điểm b khoản 12 Điều 6" in justice
    home, _ = report("Sở Nội vụ")
    assert "phần chi trả cho đối tượng bảo trợ xã hội, trợ giúp xã hội do Sở Y tế báo cáo" in home, "7.b is split"
    health, _ = report("Sở Y tế")
    assert "Sở Y tế báo cáo phần chi trả cho đối tượng bảo trợ xã hội" in health
    building, _ = report("Sở Xây dựng")
    assert "Ghi chú: “Bộ Giao thông vận tải”: nay là Bộ Xây dựng (từ 01/03/2025, nguồn: Nghị quyết số 176/2025" in (
        building
    )
    tax, notices = report("Thuế tỉnh")
    assert "Quyết định số 2229/QĐ-BTC" in notices and "Ký hiệu văn bản của Thuế tỉnh chưa được xác nhận" in notices


def meeting(day: str, place: str = "Hội trường Ủy ban nhân dân tỉnh") -> dict[str, Any]:
    return {"kind": "quarterly", "date": day, "time": "14 giờ 00", "place": place}


CHAIR = {"name": "Nguyễn Văn B", "title": "Phó Trưởng ban Thường trực – Phó Chủ tịch Ủy ban nhân dân tỉnh"}


def test_the_committee_invites_and_concludes_in_its_own_name(cli: Callable[..., Result], tmp_path: Path) -> None:
    invitation = tmp_path / "giay-moi.docx"
    data = {"number": "12", "signer": "Nguyễn Văn A", "meeting": meeting("2026-12-15"), "chair": CHAIR}
    result = run(
        cli, tmp_path, "giay-moi", "--date", DAY, "--out", str(invitation), data={**data, "agenda": ["Quý IV"]}
    )
    assert result.exit_code == 0, result.output
    document = Document(str(invitation))
    left, _ = cells(document, 0)
    assert left[:2] == [
        "UBND TỈNH BẮC NINH",
        "BAN CHỈ ĐẠO CẢI CÁCH HÀNH CHÍNH, CHUYỂN ĐỔI SỐ VÀ ĐỀ ÁN 06 TỈNH BẮC NINH",
    ]
    text = "\n".join(body(document))
    invited = [line for line in body(document) if line.startswith("- ")]
    assert "- Trưởng Ban Chỉ đạo;" not in invited and not [i for i in invited if "Phó Trưởng ban" in i], "not the chair"
    assert "- Văn phòng Ủy ban nhân dân tỉnh;" not in invited, "nor the signer's own office"
    assert "- Thuế tỉnh;" in invited and "- Ngân hàng Nhà nước Khu vực;" in invited
    assert "1. Thời gian: 14 giờ 00, thứ Ba, ngày 15/12/2026." in text and "Thứ Ba" not in text
    assert cells(document, -1)[1][:2] == ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"], "the Chánh Văn phòng is a deputy"
    assert cells(document, -1)[0][-1] == "- Lưu: VT, VPUBND."
    checked_end(document)

    notice = tmp_path / "thong-bao.docx"
    conclusions = [{"text": "Đẩy nhanh tiến độ.", "assignee": "Thuế tỉnh", "deadline": "2026-12-31"}]
    result = run(
        cli,
        tmp_path,
        "thong-bao",
        "--out",
        str(notice),
        data={**data, "date": "2026-12-18", "attendees": ["các thành viên"], "conclusions": conclusions},
    )
    assert result.exit_code == 0, result.output
    text = "\n".join(body(Document(str(notice))))
    assert "Giao Thuế tỉnh chủ trì thực hiện, hoàn thành chậm nhất ngày 31/12/2026." in text
    assert (
        "Ban Chỉ đạo thông báo để các cơ quan, đơn vị biết" in text
        and "Văn phòng Ủy ban nhân dân tỉnh thông" not in text
    )


def test_an_invitation_refuses_what_a_clerk_would_refuse(cli: Callable[..., Result], tmp_path: Path) -> None:
    base = {"number": "12", "chair": CHAIR, "agenda": ["Quý IV"]}
    out = ("--date", DAY, "--out", str(tmp_path / "gm.docx"), "--force")
    before = run(cli, tmp_path, "giay-moi", *out, data={**base, "meeting": meeting("2026-12-04")})
    assert before.exit_code == 2 and "trước ngày của giấy mời" in before.stderr
    empty = run(cli, tmp_path, "giay-moi", *out, data={**base, "meeting": meeting("2026-12-15", "  ")})
    assert empty.exit_code == 2 and "meeting.place" in empty.stderr
    chair = run(
        cli,
        tmp_path,
        "giay-moi",
        *out,
        "--members",
        "Trưởng Ban Chỉ đạo",
        data={**base, "meeting": meeting("2026-12-15")},
    )
    assert chair.exit_code == 2 and "không mời người chủ trì" in chair.stderr
    saturday = run(cli, tmp_path, "giay-moi", *out, data={**base, "meeting": meeting("2026-12-19")})
    assert saturday.exit_code == 0 and "Ngày họp 19/12/2026 là ngày nghỉ (Thứ Bảy)" in saturday.stderr
    assert not (tmp_path / "missing-date.docx").exists()
    undated = run(
        cli,
        tmp_path,
        "giay-moi",
        "--out",
        str(tmp_path / "missing-date.docx"),
        data={**base, "meeting": meeting("2026-12-15")},
    )
    assert undated.exit_code == 2 and "date: thiếu" in undated.stderr, "never dated today silently"


def test_a_reminder_is_polite_before_the_deadline_and_firm_after(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "received"
    folder.mkdir()
    for as_of, name in (("2026-12-08", "early"), ("2026-12-28", "late")):
        audit = cli("check-reports", str(folder), "--period", "2026-Q4", "--as-of", as_of, "--format", "json")
        (tmp_path / f"{name}.json").write_text(audit.stdout, encoding="utf-8")
    early = tmp_path / "early.docx"
    args = ("don-doc", "--from-audit", str(tmp_path / "early.json"), "--out", str(early), "--before-deadline")
    result = run(cli, tmp_path, *args, data={"number": "3"})
    assert result.exit_code == 0, result.output
    assert "Công văn đề ngày kiểm tra 08/12/2026" in result.stderr, "dated by its audit, and says so"
    document = Document(str(early))
    text = "\n".join(body(document))
    addressed = [line[2:-1] for line in body(document) if line.startswith("- ")]
    assert "Thuế tỉnh" in addressed and "Ngân hàng Nhà nước Khu vực" in addressed
    assert "V/v nhắc gửi báo cáo quý IV năm 2026" in "\n".join(cells(document, 0)[0])
    assert "khẩn trương" not in text and "trân trọng đề nghị Quý cơ quan gửi báo cáo đúng hạn" in text
    assert "chậm nhất hết ngày 24/12/2026 (quy định “Định kỳ trước ngày 25 của tháng cuối Quý”, tính không kể" in text
    assert not [word for word in FORMER if word in text]
    late = tmp_path / "late.docx"
    result = run(
        cli,
        tmp_path,
        "don-doc",
        "--from-audit",
        str(tmp_path / "late.json"),
        "--out",
        str(late),
        "--date",
        "2026-12-28",
    )
    assert result.exit_code == 0, result.output
    text = "\n".join(body(Document(str(late))))
    assert "V/v đôn đốc" in "\n".join(cells(Document(str(late)), 0)[0]) and "khẩn trương" in text
    checked_end(Document(str(late)))
    checked_pages(late, tmp_path)
    checked_pages(early, tmp_path)


def test_another_committee_signs_as_its_file_says(cli: Callable[..., Result], tmp_path: Path) -> None:
    """tests/data/other.yaml with a signing rule: the Tổ's member signs its invitation for the head (TL.),
    the head chairing is not invited, and nothing of Bắc Ninh appears."""
    text = (DATA / "other.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  status: issued\n",
        "  status: issued\n  signing:\n    - {kind: giay-moi, signer: skhcn, name: Trần Văn D}\n",
    )
    rules = tmp_path / "other.yaml"
    rules.write_text(text, encoding="utf-8")
    out = tmp_path / "gm.docx"
    chair = {"name": "Lê Văn E", "title": "Tổ trưởng Tổ Điều phối"}
    data = {"number": "4", "meeting": {"kind": "regular", "date": "2026-12-15", "place": "Phòng họp số 2"}}
    result = run(
        cli,
        tmp_path,
        "giay-moi",
        "--file",
        str(rules),
        "--date",
        DAY,
        "--out",
        str(out),
        data={**data, "chair": chair, "agenda": ["Dữ liệu mở"]},
    )
    assert result.exit_code == 0, result.output
    document = Document(str(out))
    assert cells(document, -1)[1][:2] == ["TL. TỔ TRƯỞNG", "GIÁM ĐỐC"]
    assert cells(document, -1)[1][-1] == "Trần Văn D"
    everything = "\n".join(body(document) + [t for c in cells(document, 0) for t in c])
    assert "- Tổ trưởng Tổ Điều phối" not in everything and "DỰ THẢO" not in everything, "an issued regulation"
    assert "Bắc Ninh" not in everything and "Ban Chỉ đạo" not in everything
