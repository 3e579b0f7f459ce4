"""`quyche render`: every kind, checked on the produced .docx against the layout of Nghị định 30/2020."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document
from docx.shared import Pt
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import Result

from quyche_cli.documents.kinds import place_date
from quyche_cli.rules.index import Rules
from support import DATA, ROOT, RULES_FILE, examples, seed_lines
from support import FONT as DEJAVU

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
KIND_TITLES = {
    "thong-bao": "THÔNG BÁO",
    "giay-moi": "GIẤY MỜI",
    "bao-cao": "BÁO CÁO",
    "don-doc": "",
    "quy-che": "QUY CHẾ",
}

EXAMPLES = examples()


def paragraphs(document: Any) -> Iterator[Any]:
    """Every paragraph in document order, table cells included."""
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == f"{W}p":
            yield next(p for p in document.paragraphs if p._p is child)
        elif child.tag == f"{W}tbl":
            for table in document.tables:
                if table._tbl is child:
                    for cell in table.rows[0].cells:
                        yield from cell.paragraphs


def text_of(path: Path) -> str:
    return "\n".join(p.text for p in paragraphs(Document(str(path))))


@pytest.fixture
def render(cli: Callable[..., Result], tmp_path: Path) -> Callable[..., Path]:
    def run(kind: str, *extra: str, data: dict[str, Any] | None = None, name: str | None = None) -> Path:
        out = tmp_path / (name or f"{kind}.docx")
        args = ["render", kind, "--out", str(out), *extra]
        if data is not None:
            data_file = tmp_path / f"{out.stem}.yaml"
            data_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
            args += ["--data", str(data_file)]
        result = cli(*args)
        assert result.exit_code == 0, result.output
        return out

    return run


@pytest.fixture
def audit_json(cli: Callable[..., Result], tmp_path: Path) -> Path:
    result = cli("check-reports", str(ROOT / "examples" / "bao-cao-quy-III-2024"), "--format", "json")
    path = tmp_path / "audit.json"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def every_kind(render: Callable[..., Path], audit_json: Path) -> dict[str, Path]:
    return {
        "thong-bao": render("thong-bao", data=EXAMPLES["thong-bao"]),
        "giay-moi": render("giay-moi", data=EXAMPLES["giay-moi"]),
        "bao-cao": render("bao-cao", "--member", "Sở Y tế", "--period", "2024-Q3", data=EXAMPLES["bao-cao"]),
        "don-doc": render("don-doc", "--from-audit", str(audit_json), data=EXAMPLES["don-doc"]),
        "quy-che": render("quy-che"),
    }


def test_layout_of_every_kind(render: Callable[..., Path], audit_json: Path) -> None:
    for kind, path in every_kind(render, audit_json).items():
        document = Document(str(path))
        section = document.sections[0]
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297), kind
        assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
        assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20
        assert section.different_first_page_header_footer
        assert "PAGE" in section.header._element.xml
        runs = [r for p in paragraphs(document) for r in p.runs if r.text.strip()]
        assert runs and all(r.font.name == "Times New Roman" for r in runs), kind
        assert all(r._r.rPr.rFonts.get(f"{W}eastAsia") == "Times New Roman" for r in runs)
        header = document.tables[0]
        left, right = (cell.paragraphs for cell in header.rows[0].cells)
        assert header._tbl.tblPr.find(f"{W}tblBorders") is not None
        texts = [p.text for p in right]
        assert texts[0] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and right[0].runs[0].font.bold
        assert right[0].runs[0].font.size == Pt(12)
        assert texts[1] == "Độc lập - Tự do - Hạnh phúc" and right[1].runs[0].font.size == Pt(13)
        date_paragraph = next(p for p in right if "ngày" in p.text)
        assert date_paragraph.runs[0].font.italic
        issuer = next(p for p in left if p.runs and p.runs[0].font.bold)
        assert issuer.text == issuer.text.upper()
        if kind != "quy-che":
            assert re.fullmatch(
                r"Bắc Ninh, ngày (0[1-9]|[12][0-9]|3[01]) tháng (0[12]|[3-9]|1[012]) năm 20[0-9]{2}",
                date_paragraph.text,
            ), date_paragraph.text
            assert any(p.text.startswith("Số: ") for p in left)
        title = KIND_TITLES[kind]
        if title:
            paragraph = next(p for p in document.paragraphs if p.text == title)
            assert paragraph.runs[0].font.bold and paragraph.runs[0].font.size == Pt(14)
            assert paragraph.alignment == 1  # centred
        if kind != "quy-che":
            sign = document.tables[-1]
            cc, signature = (cell.paragraphs for cell in sign.rows[0].cells)
            assert cc[0].text == "Nơi nhận:" and cc[0].runs[0].font.bold and cc[0].runs[0].font.italic
            assert cc[0].runs[0].font.size == Pt(12)
            lines = [p for p in cc[1:] if p.text]
            assert all(p.runs[0].font.size == Pt(11) and p.text.startswith("- ") for p in lines)
            assert all(p.text.endswith(";") for p in lines[:-1]) and lines[-1].text.endswith(".")
            assert signature[0].runs[0].font.bold and signature[0].text == signature[0].text.upper()


def test_specific_texts(render: Callable[..., Path], audit_json: Path) -> None:
    docs = {kind: text_of(path) for kind, path in every_kind(render, audit_json).items()}
    notice = docs["thong-bao"]
    assert "Số: 07/TB-BCĐ" in notice and "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\n" in notice, "the Chánh Văn phòng is a deputy"
    assert "Ban Chỉ đạo thông báo để các cơ quan" in notice and "Văn phòng Ủy ban nhân dân tỉnh thông báo" not in notice
    assert "tại phiên họp định kỳ hằng quý Ban Chỉ đạo" in notice
    assert "Giao Công an tỉnh chủ trì thực hiện, hoàn thành chậm nhất ngày 31/03/2025." in notice
    assert "- Trưởng Ban Chỉ đạo, các Phó Trưởng ban (b/c);\n- Công an tỉnh;" in notice
    invitation = docs["giay-moi"]
    assert "Số: 12/GM-BCĐ" in invitation and "Dự phiên họp định kỳ hằng quý Ban Chỉ đạo\n" in invitation
    assert "- Sở Văn hóa, Thể thao và Du lịch;" in invitation and "- Tỉnh đoàn.\n" in invitation
    assert "- Sở Lao động - Thương binh và Xã hội;" in invitation
    assert "- Các nhiệm vụ chuyển đổi số trọng tâm quý I năm 2025.\n" in invitation
    report = docs["bao-cao"]
    assert "SỞ Y TẾ" in report and "Số: 215/BC-SYT" in report and "\nGIÁM ĐỐC\n" in report
    assert "Kết quả thực hiện nhiệm vụ chuyển đổi số quý III năm 2024\n" in report
    assert "Thời gian lấy số liệu: từ ngày 15/06/2024 đến ngày 14/09/2024." in report
    assert "Điểm c khoản 15 Điều 6: Chủ trì triển khai" in report
    reminder = docs["don-doc"]
    assert "Số: 15/BCĐ-VPUBND" in reminder and "V/v đôn đốc gửi báo cáo quý III năm 2024" in reminder
    assert (
        "Quý cơ quan có trách nhiệm gửi báo cáo kết quả thực hiện nhiệm vụ chuyển đổi số quý III năm 2024 về Cơ quan "
        "thường trực Ban Chỉ đạo (Sở Thông tin và Truyền thông) chậm nhất hết ngày 24/09/2024 (quy định “Định kỳ trước "
        "ngày 25 của tháng cuối Quý”, tính không kể ngày 25)." in reminder
    ), "one reading, said"
    assert "khẩn trương" in reminder and "Lưu: VT, VPUBND." in reminder
    assert "Kính gửi: \n- Công an tỉnh;" in reminder and "- Tỉnh đoàn.\n" in reminder
    assert "Sở Tư pháp" not in reminder, "received, to be checked: not addressed, so not named"
    assert "Sở Y tế" not in reminder and "Bảo hiểm xã hội tỉnh" not in reminder, "submitted: neither asked nor listed"
    regulation = docs["quy-che"]
    assert "(Ban hành kèm theo Quyết định số        ngày      tháng      năm của Ủy ban nhân dân tỉnh Bắc Ninh)" in (
        regulation
    )
    assert "THỦ TRƯỞNG" not in "".join(docs.values())


def reminder_data(tmp_path: Path, day: str) -> Path:
    path = tmp_path / f"don-doc-{day}.yaml"
    path.write_text(f"number: '15'\ndate: {day}\n", encoding="utf-8")
    return path


def test_a_reminder_waits_for_the_deadline(cli: Callable[..., Result], audit_json: Path, tmp_path: Path) -> None:
    out = tmp_path / "dd.docx"
    args = ["render", "don-doc", "--from-audit", str(audit_json), "--out", str(out)]
    early = cli(*args, "--data", str(reminder_data(tmp_path, "2024-09-24")))
    assert early.exit_code == 2 and "hết ngày 24/09/2024" in early.stderr and not out.exists()
    assert cli(*args, "--data", str(reminder_data(tmp_path, "2024-09-24")), "--before-deadline").exit_code == 0
    polite = text_of(out)
    assert "V/v nhắc gửi báo cáo" in polite and "trân trọng đề nghị Quý cơ quan gửi báo cáo đúng hạn" in polite
    assert "khẩn trương" not in polite


OTHER = DATA / "other.yaml"


def other_rules(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    """tests/data/other.yaml with ``changes`` (old, new) made, as a new rules file."""
    text = OTHER.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "other.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_kind_speaks_the_words_of_another_regulation(
    cli: Callable[..., Result], render: Callable[..., Path], tmp_path: Path
) -> None:
    other = ("--file", str(OTHER))
    data = examples(OTHER)
    audit = cli("check-reports", str(tmp_path), *other, "--period", "2025-Q4", "--format", "json")
    audit_file = tmp_path / "audit.json"
    audit_file.write_text(audit.stdout, encoding="utf-8")
    docs = {
        "thong-bao": text_of(render("thong-bao", *other, data=data["thong-bao"])),
        "giay-moi": text_of(render("giay-moi", *other, data=data["giay-moi"])),
        "bao-cao": text_of(render("bao-cao", *other, "--member", "skhcn", "--period", "2025-Q4")),
        "don-doc": text_of(render("don-doc", *other, "--from-audit", str(audit_file), data={"date": "2026-01-05"})),
        "quy-che": text_of(render("quy-che", *other)),
    }
    everything = "\n".join(docs.values())
    for foreign in ("Bắc Ninh", "Ban Chỉ đạo", "chuyển đổi số", "Thông tin và Truyền thông", "UBND tỉnh", "THỦ TRƯỞNG"):
        assert foreign not in everything and foreign not in str(data), foreign
    assert "tại phiên họp thường kỳ của Tổ Điều phối\n" in docs["thong-bao"]
    assert "\nTỔ TRƯỞNG\n" in docs["thong-bao"] and "- Tổ trưởng Tổ Điều phối (b/c);" in docs["thong-bao"]
    assert "Dự phiên họp thường kỳ của Tổ Điều phối\n" in docs["giay-moi"]
    assert "Hội trường Ủy ban nhân dân tỉnh Hòa Sơn" in docs["giay-moi"]
    assert "Kết quả thực hiện nhiệm vụ dữ liệu số quý IV năm 2025\n" in docs["bao-cao"]
    assert "Điểm a khoản 3 Điều 2: Vận hành nền tảng tích hợp dữ liệu." in docs["bao-cao"], "transferred on 01/10"
    assert "\nGIÁM ĐỐC\n" in docs["bao-cao"] and "Số:      /BC-SKHCN" in docs["bao-cao"]
    assert "về Tổ trưởng Tổ Điều phối chậm nhất hết ngày 22/12/2025" in docs["don-doc"]
    assert "- Sở Khoa học và Công nghệ;\n- Sở Cảng vụ Dữ liệu." in docs["don-doc"]
    assert (
        "(Ban hành kèm theo Quyết định số 84/QĐ-UBND ngày 20/12/2024 của Chủ tịch Ủy ban nhân dân tỉnh Hòa Sơn)"
        in (docs["quy-che"])
    )


def test_a_clause_without_points_is_one_item_and_the_superior_line_is_optional(
    render: Callable[..., Path], tmp_path: Path
) -> None:
    rules = other_rules(
        tmp_path,
        ("  superior_body: UBND TỈNH HÒA SƠN\n", ""),
        (
            "            text: Giám đốc Sở Khoa học và Công nghệ\n            points:\n"
            "              - {num: a, text: Chủ trì xây dựng kho dữ liệu mở của tỉnh., lead: [skhcn]}\n"
            "              - {num: b, text: Phối hợp với Trung tâm Dữ liệu tỉnh bảo đảm an toàn dữ liệu., "
            "lead: [ttdl], partners: [skhcn]}\n",
            "            text: Sở Khoa học và Công nghệ chủ trì xây dựng kho dữ liệu mở của tỉnh.\n",
        ),
    )
    other = ("--file", str(rules))
    document = Document(str(render("bao-cao", *other, "--member", "Sở KH&CN", "--period", "2025-Q3")))
    text = "\n".join(p.text for p in paragraphs(document))
    assert "1. Khoản 2 Điều 2: Sở Khoa học và Công nghệ chủ trì xây dựng kho dữ liệu mở của tỉnh." in text
    assert "2. Khó khăn" in text, "the clause is the only item"
    assert document.tables[0].rows[0].cells[0].paragraphs[0].text == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"


def test_invitees_are_named_once(render: Callable[..., Path]) -> None:
    text = text_of(render("giay-moi", "--members", "Sở Y tế", "--members", "syt", data=EXAMPLES["giay-moi"]))
    assert text.count("Sở Y tế") == 1 and "- Sở Y tế.\n" in text


def test_the_rendered_regulation_contains_every_paragraph_of_the_seed(render: Callable[..., Path]) -> None:
    text = " ".join(text_of(render("quy-che")).split())
    seed = (DATA / "seed.txt").read_text(encoding="utf-8")
    appendix = seed[seed.index("Phụ lục") :]
    missing = [line for line in seed_lines(appendix) if line not in text]
    assert missing == []


def test_draft_leaves_number_and_day_blank(render: Callable[..., Path]) -> None:
    data = {k: v for k, v in EXAMPLES["thong-bao"].items() if k not in ("number", "date")}
    text = text_of(render("thong-bao", "--draft", data=data))
    assert "Số:      /TB-BCĐ" in text
    assert re.search(r"Bắc Ninh, ngày {6}tháng (0[12]|[3-9]|1[012]) năm", text)


def test_missing_data_names_every_missing_field(cli: Callable[..., Result], tmp_path: Path) -> None:
    data = dict(EXAMPLES["thong-bao"])
    del data["chair"]
    data["meeting"] = {"kind": "quarterly", "place": "x"}
    data_file = tmp_path / "d.json"
    data_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = cli("render", "thong-bao", "--data", str(data_file), "--out", str(tmp_path / "x.docx"))
    assert result.exit_code == 2
    assert "meeting.date: thiếu trường bắt buộc" in result.stderr and "chair: thiếu trường bắt buộc" in result.stderr
    assert not (tmp_path / "x.docx").exists()
    no_number = {k: v for k, v in EXAMPLES["thong-bao"].items() if k != "number"}
    data_file.write_text(json.dumps(no_number, ensure_ascii=False), encoding="utf-8")
    result = cli("render", "thong-bao", "--data", str(data_file), "--out", str(tmp_path / "x.docx"))
    assert result.exit_code == 2 and "number: thiếu" in result.stderr


HOSTILE = "A & B <w:p> \"quoted\" 'single' {{ 7*7 }} {% for x in y %} \x00\x07 end"


def test_hostile_values_are_printed_not_evaluated(render: Callable[..., Path]) -> None:
    data = json.loads(json.dumps(EXAMPLES["thong-bao"]))
    data["attendees"] = [HOSTILE, "x" * 10_000]
    data["conclusions"][0]["text"] = "Một\n@heading GIẢ MẠO\n@cc chèn"
    data["chair"]["name"] = "{{ doc.committee }}"
    text = text_of(render("thong-bao", data=data))
    assert "A & B <w:p> \"quoted\" 'single' {{ 7*7 }} {% for x in y %}  end" in text
    assert "49" not in text.replace("2024", "")
    assert "x" * 10_000 in text
    assert "Một @heading GIẢ MẠO @cc chèn" in text
    assert "{{ doc.committee }}" in text
    assert "- chèn" not in text


@pytest.mark.parametrize("kind", ["thong-bao", "giay-moi", "bao-cao", "don-doc", "quy-che"])
def test_example_prints_a_complete_data_file(cli: Callable[..., Result], kind: str) -> None:
    result = cli("render", kind, "--example")
    assert result.exit_code == 0 and yaml.safe_load(result.stdout) == json.loads(json.dumps(EXAMPLES[kind]))


def test_list_and_usage_errors(cli: Callable[..., Result], tmp_path: Path) -> None:
    listing = cli("render", "--list")
    assert listing.exit_code == 0
    assert [line.split()[0] for line in listing.stdout.splitlines()] == [*KIND_TITLES, "bang-so-sanh", "bang-tong-hop"]
    assert cli("render", "cong-van").exit_code == 2
    assert cli("render", "thong-bao", "--out", str(tmp_path / "x.docx")).exit_code == 2
    assert cli("render", "bao-cao", "--out", str(tmp_path / "b.docx")).exit_code == 2
    assert cli("render", "don-doc", "--out", str(tmp_path / "d.docx")).exit_code == 2
    assert not list(tmp_path.iterdir())


def test_never_overwrites_without_force(cli: Callable[..., Result], tmp_path: Path) -> None:
    target = tmp_path / "quy-che.docx"
    target.write_bytes(b"keep")
    assert cli("render", "quy-che", "--out", str(target)).exit_code == 2
    assert target.read_bytes() == b"keep"
    assert cli("render", "quy-che", "--out", str(target), "--force").exit_code == 0
    assert Document(str(target)).paragraphs


def test_custom_templates(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "mau"
    folder.mkdir()
    bundled = (ROOT / "templates" / "quy-che.j2").read_text(encoding="utf-8")
    (folder / "quy-che.j2").write_text(bundled.replace("@type QUY CHẾ", "@type QUY CHẾ MẪU RIÊNG"), encoding="utf-8")
    out = tmp_path / "q.docx"
    assert cli("render", "quy-che", "--templates", str(folder), "--out", str(out)).exit_code == 0
    assert "QUY CHẾ MẪU RIÊNG" in text_of(out)
    (folder / "quy-che.j2").write_text("@type X\nkhông có chỉ thị\n", encoding="utf-8")
    broken = cli("render", "quy-che", "--templates", str(folder), "--out", str(tmp_path / "b.docx"))
    assert broken.exit_code == 2 and "dòng 2 phải bắt đầu bằng một chỉ thị" in broken.stderr
    (folder / "quy-che.j2").write_text("@type {{ khong_co }}\n", encoding="utf-8")
    undefined = cli("render", "quy-che", "--templates", str(folder), "--out", str(tmp_path / "c.docx"))
    assert undefined.exit_code == 2 and "khong_co" in undefined.stderr
    missing = cli("render", "bao-cao", "--templates", str(folder), "--member", "syt", "--period", "2024-Q3")
    assert missing.exit_code == 2 and "không có tệp bao-cao.j2" in missing.stderr
    nowhere = cli("render", "quy-che", "--templates", str(tmp_path / "khong"), "--out", str(tmp_path / "d.docx"))
    assert nowhere.exit_code == 2 and "không tồn tại" in nowhere.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mau", "q.docx"]


@pytest.mark.skipif(not DEJAVU.exists(), reason="DejaVuSans.ttf is not installed")
def test_a_rendered_report_form_is_read_back_by_the_audit(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "nhan"
    folder.mkdir()
    out = folder / "syt.docx"
    data = tmp_path / "d.yaml"
    data.write_text("number: '215'\ndate: 2024-09-20\n", encoding="utf-8")
    assert (
        cli(
            "render", "bao-cao", "--member", "SYT", "--period", "Q3/2024", "--data", str(data), "--out", str(out)
        ).exit_code
        == 0
    )
    report = json.loads(cli("check-reports", str(folder), "--format", "json").stdout)
    assert report["period"] == "2024-Q3"
    row = next(m for m in report["members"] if m["member"] == "syt")
    assert (row["status"], row["submitted"], row["evidence"]) == ("on_time", "2024-09-20", "ngày trên văn bản")


def test_pdf_without_libreoffice_says_so(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    out = tmp_path / "q.docx"
    result = cli("render", "quy-che", "--pdf", "--out", str(out))
    assert result.exit_code == 2 and "LibreOffice" in result.stderr and out.exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_pdf_with_libreoffice(cli: Callable[..., Result], render: Callable[..., Path]) -> None:
    out = render("quy-che", "--pdf")
    assert out.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    data = json.loads(json.dumps(EXAMPLES["thong-bao"]))
    data["attendees"] = [HOSTILE, "x" * 10_000]
    hostile = render("thong-bao", "--pdf", data=data, name="hostile.docx")
    assert hostile.with_suffix(".pdf").read_bytes().startswith(b"%PDF")


@given(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)))
def test_date_line_leading_zeros(day: dt.date) -> None:
    line = place_date("Hòa Sơn", day, False, day)
    match = re.fullmatch(r"Hòa Sơn, ngày ([0-9]{2}) tháng ([0-9]{1,2}) năm ([0-9]{4})", line)
    assert match and int(match.group(1)) == day.day and int(match.group(2)) == day.month
    assert len(match.group(2)) == (2 if day.month <= 2 or day.month >= 10 else 1)


def test_the_tables_are_kinds_the_template_renderer_refuses(rules: Rules) -> None:
    from quyche_cli.desk.front import Desk, Drafting
    from quyche_cli.documents.kinds import KINDS, Options, Table
    from quyche_cli.documents.render import render
    from quyche_cli.errors import InputError, RenderError

    desk = Desk.open(RULES_FILE)
    tables = [name for name, kind in KINDS.items() if isinstance(kind, Table)]
    assert tables == ["bang-so-sanh", "bang-tong-hop"]
    for name, needs in zip(tables, ["--old TỆP_CŨ và --new TỆP_MỚI", "--from-comments TỆP.json"], strict=True):
        with pytest.raises(InputError, match=f"{name} cần {needs}"):
            desk.render(Drafting(name))
    with pytest.raises(RenderError, match="'bang-tong-hop' không phải loại văn bản làm từ mẫu; chọn một trong: thong"):
        render(rules, "bang-tong-hop", None, Options())
