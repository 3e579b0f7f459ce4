"""quyche gop-y on a folder of real comment letters, and the two tables of the drafting round (.docx)."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from typer.testing import Result

from amendment import write_amended
from comment_letters import comment_folder
from quyche_cli import clock
from quyche_cli.comments.letters import paragraphs, read_letter, read_round
from quyche_cli.comments.results import CommentRound
from quyche_cli.rules.index import Rules
from support import DATA, RULES_FILE


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return comment_folder(tmp_path / "gop-y")


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_json_of_a_round(cli: Callable[..., Result], folder: Path, rules: Rules) -> None:
    before = snapshot(folder)
    result = cli("gop-y", str(folder), "--format", "json", "--deadline", "20/10/2024")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert set(data) == {
        "comments",
        "agreed",
        "no_reply",
        "unmatched",
        "day",
        "names",
        "deadline",
        "notices",
        "rules_file",
    }
    assert (data["day"], data["deadline"]) == ("2024-10-20", "2024-10-20")
    # the names of the round's day: Sở Tài chính of 2024, and the 2024 Sở Kế hoạch và Đầu tư, merged since
    assert data["names"]["stc"] == "Sở Tài chính" and data["names"]["skhdt"] == "Sở Kế hoạch và Đầu tư"
    assert data["notices"] == ["sct.docx: đề ngày 25/10/2024, sau hạn 20/10/2024."]
    assert data["rules_file"]["path"].endswith("quyche.yaml")
    assert [(c["member"], c["file"], c["refs"]) for c in data["comments"]] == [
        ("syt", "Góp ý quy chế - Sở Y tế.docx", ["art_6__para_15__point_c"]),
        ("syt", "Góp ý quy chế - Sở Y tế.docx", ["art_5__para_2"]),
        ("sct", "sct.docx", []),
        ("stc", "stc_gopy.pdf", ["art_5__para_2"]),
        ("stc", "stc_gopy.pdf", ["art_10"]),
    ]
    # the PDF wrapped the comment over two lines: it is one comment again
    assert data["comments"][3]["text"].endswith("được quyết định thay Trưởng Ban Chỉ đạo.")
    assert data["comments"][0]["text"].startswith("Tại điểm c khoản 15 Điều 6: đề nghị bổ sung")
    assert data["agreed"] == ["cat", "stp"]  # "nhất trí" (stp) and "không có ý kiến khác" (cat); stc commented
    assert "sct" in data["no_reply"]  # its letter is dated 25/10/2024, after the deadline
    assert not {"syt", "stc", "stp", "cat"} & set(data["no_reply"])
    assert data["unmatched"] == [
        {"file": "sct.docx", "reason": "trích dẫn 'Điều 99' không có trong dự thảo"},
        {"file": "so-xay-dung.docx", "reason": "tệp .docx hỏng (không phải tệp zip hợp lệ)"},
        {"file": "tải về/stp (1).docx", "reason": "bản trùng của stp.docx: không tính lần nữa"},
    ]
    assert "Lưu ý" not in result.stderr  # the JSON carries the notices
    assert CommentRound.from_dict(data) == read_round(rules, folder, clock.today(), date(2024, 10, 20))
    assert snapshot(folder) == before


@pytest.mark.parametrize("format", ["text", "csv", "xlsx"])
def test_each_notice_is_said_once(cli: Callable[..., Result], folder: Path, tmp_path: Path, format: str) -> None:
    out = ["--out", str(tmp_path / "y-kien.xlsx")] if format == "xlsx" else []
    result = cli("gop-y", str(folder), "--format", format, "--deadline", "20/10/2024", *out)
    assert result.stderr.count("Lưu ý: sct.docx: đề ngày 25/10/2024, sau hạn 20/10/2024.") == 1


def test_xlsx_and_text(cli: Callable[..., Result], folder: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "gop-y.xlsx"
    assert cli("gop-y", str(folder), "--format", "xlsx", "--out", str(out)).exit_code == 1
    book = load_workbook(out)
    assert book.sheetnames == ["Tổng quan", "Ý kiến", "Nhất trí", "Chưa có ý kiến", "Tệp cần xem lại"]
    rows = list(book["Ý kiến"].values)
    assert rows[0] == ("Thành viên (id)", "Cơ quan", "Tệp", "Quy định (id)", "Điều, khoản", "Nội dung góp ý")
    assert rows[1][:5] == (
        "syt",
        "Sở Y tế",
        "Góp ý quy chế - Sở Y tế.docx",
        "art_6__para_15__point_c",
        "điểm c khoản 15 Điều 6",
    )
    assert [r[0] for r in book["Nhất trí"].values] == ["Thành viên (id)", "cat", "stp"]
    assert ("Số ý kiến", 5) in list(book["Tổng quan"].values)
    csv_text = cli("gop-y", str(folder), "--format", "csv").stdout
    assert csv_text.startswith("\ufeffThành viên (id),Cơ quan,Tệp,") and "điểm c khoản 15 Điều 6" in csv_text
    text = cli("gop-y", str(folder)).stdout
    assert not [line for line in text.splitlines() if line.endswith(" ")]
    assert "Nhất trí với dự thảo: Công an tỉnh; Sở Tư pháp." in text
    assert cli("gop-y", str(folder), "--format", "xlsx").exit_code == 2
    assert "không phải thư mục" in cli("gop-y", str(out)).stderr


def test_external_citations_and_wrapped_lines_are_not_comments() -> None:
    lines = [
        "SỞ Y TẾ",
        "Kính gửi: Sở Nội vụ",
        "1. Tại khoản 2 Điều 5 của dự thảo, đề nghị",
        "sửa như sau.",
        "Căn cứ Điều 3 Quyết định số 1267/QĐ-UBND, Sở nhất trí.",
        "Nơi nhận:",
        "- Như trên;",
    ]
    assert paragraphs(lines) == [
        "1. Tại khoản 2 Điều 5 của dự thảo, đề nghị sửa như sau.",
        "Căn cứ Điều 3 Quyết định số 1267/QĐ-UBND, Sở nhất trí.",
    ]


def test_the_body_without_addressee_ends_at_the_signature() -> None:
    lines = [
        "SỞ Y TẾ",
        "Số: 3/SYT-VP",
        "V/v đề nghị góp ý dự thảo Quy chế",
        "Bắc Ninh, ngày 10 tháng 10 năm 2024",
        "Giám đốc Sở Y tế đề nghị sửa khoản 2 Điều 5.",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
    ]
    assert paragraphs(lines) == ["Giám đốc Sở Y tế đề nghị sửa khoản 2 Điều 5."]


def cell_texts(path: Path) -> list[list[str]]:
    from docx import Document

    table = Document(str(path)).tables[1]
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_synthesis_table(cli: Callable[..., Result], folder: Path, tmp_path: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT

    comments = tmp_path / "y-kien.json"
    cli("gop-y", str(folder), "--format", "json", "--deadline", "20/10/2024", "--out", str(comments))
    answers = tmp_path / "tiep-thu.yaml"
    answers.write_text("2: Tiếp thu, đã sửa khoản 2 Điều 5.\n", encoding="utf-8")
    out = tmp_path / "bang-tong-hop.docx"
    result = cli("render", "bang-tong-hop", "--from-comments", str(comments), "--data", str(answers), "--out", str(out))
    assert result.exit_code == 0, result.output
    document = Document(str(out))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    rows = cell_texts(out)
    assert rows[0] == ["STT", "Điều, khoản", "Cơ quan góp ý", "Nội dung góp ý", "Ý kiến tiếp thu, giải trình"]
    assert [r[1] for r in rows[1:]] == [
        "Ý kiến chung",
        "Khoản 2 Điều 5",
        "Khoản 2 Điều 5",
        "Điểm c khoản 15 Điều 6",
        "Điều 10",
    ]
    table = document.tables[1]
    assert table.rows[3].cells[1]._tc is table.rows[2].cells[1]._tc  # one merged cell for the group
    assert table.rows[4].cells[1]._tc is not table.rows[3].cells[1]._tc
    assert rows[2][2] == "Sở Y tế" and rows[2][4] == "Tiếp thu, đã sửa khoản 2 Điều 5."
    assert rows[3][2] == "Sở Tài chính" and rows[3][4] == ""
    texts = [p.text for p in document.paragraphs]
    assert "BẢNG TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý" in texts
    assert "Các cơ quan nhất trí với dự thảo: Công an tỉnh; Sở Tư pháp." in texts
    # the round's day and names, read back from its JSON: not today's bodies
    [silent] = [t for t in texts if t.startswith("Các cơ quan chưa có ý kiến")]
    assert silent.startswith("Các cơ quan chưa có ý kiến đến ngày 20/10/2024: ") and "Sở Công Thương" in silent
    named = silent.split(": ", 1)[1].rstrip(".").split("; ")
    assert "Sở Tài chính" not in named and len(named) == len(set(named))
    assert named == [
        json.loads(comments.read_text(encoding="utf-8"))["names"][m]
        for m in json.loads(comments.read_text(encoding="utf-8"))["no_reply"]
    ]
    fonts = {run.font.name for p in document.paragraphs for run in p.runs}
    assert fonts == {"Times New Roman"}


def test_the_comparison_table(cli: Callable[..., Result], tmp_path: Path) -> None:
    from docx import Document

    amended = write_amended(tmp_path)
    notes = tmp_path / "thuyet-minh.yaml"
    notes.write_text(
        "art_6__para_15__point_a: Mở rộng đối tượng tập huấn.\nold_heading: Dự thảo lần 1\n", encoding="utf-8"
    )
    out = tmp_path / "bang-so-sanh.docx"
    result = cli(
        "render",
        "bang-so-sanh",
        "--old",
        str(RULES_FILE),
        "--new",
        str(amended),
        "--data",
        str(notes),
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    table = Document(str(out)).tables[1]
    assert [c.text for c in table.rows[0].cells] == ["STT", "Dự thảo lần 1", "Dự thảo sửa đổi, bổ sung", "Thuyết minh"]
    assert len(table.rows) == 10
    changed = table.rows[7].cells
    assert changed[3].text == "Mở rộng đối tượng tập huấn."
    struck = [r.text for p in changed[1].paragraphs for r in p.runs if r.font.strike]
    bold = [r.text for p in changed[2].paragraphs[1:] for r in p.runs if r.font.bold]
    assert struck == ["bộ"] and bold == ["Tổ chức", "bộ, công chức,"]
    renumbered = table.rows[1].cells
    assert [r.text for p in renumbered[1].paragraphs[1:] for r in p.runs if r.font.strike] == ["2."]
    assert [r.text for p in renumbered[2].paragraphs[1:] for r in p.runs if r.font.bold] == ["1."]
    removed = table.rows[5].cells
    assert removed[2].text.endswith("Bãi bỏ.") and all(r.font.strike for r in removed[1].paragraphs[1].runs)
    every = tmp_path / "all.docx"
    cli("render", "bang-so-sanh", "--old", str(RULES_FILE), "--new", str(amended), "--all", "--out", str(every))
    assert len(Document(str(every)).tables[1].rows) > 190


def test_table_inputs_are_checked(cli: Callable[..., Result], tmp_path: Path) -> None:
    notes = tmp_path / "notes.yaml"
    notes.write_text("art_99: không có\n", encoding="utf-8")
    bad = cli("render", "bang-so-sanh", "--old", str(RULES_FILE), "--new", str(RULES_FILE), "--data", str(notes))
    assert bad.exit_code == 2 and "art_99" in bad.stderr
    notes.write_text("- một danh sách\n", encoding="utf-8")
    listed = cli("render", "bang-so-sanh", "--old", str(RULES_FILE), "--new", str(RULES_FILE), "--data", str(notes))
    assert "Tệp --data phải là một bảng 'id quy định: nội dung'." in listed.stderr
    assert "cần --old" in cli("render", "bang-so-sanh").stderr
    assert "cần --from-comments" in cli("render", "bang-tong-hop").stderr
    broken = tmp_path / "x.json"
    broken.write_text('{"comments": [{"member": "syt"}]}', encoding="utf-8")
    assert "thiếu hoặc sai trường" in cli("render", "bang-tong-hop", "--from-comments", str(broken)).stderr
    assert "bang-so-sanh không có tệp dữ liệu mẫu" in cli("render", "bang-so-sanh", "--example").stderr
    assert "bang-so-sanh, bang-tong-hop (xem --list)" in cli("render", "bang-so-sanh-x").stderr
    assert not (tmp_path / "bang-tong-hop.docx").exists()


@pytest.mark.parametrize(
    ("paragraph", "refs"),
    [
        ("- Tại điểm c khoản 15 Điều 6 đề nghị bỏ cụm từ “liên thông”.", ["art_6__para_15__point_c"]),
        ("- Điều 6, khoản 15, điểm c: đề nghị viết lại.", ["art_6__para_15__point_c"]),
        ("- Đề nghị sửa khoản 2, Điều 5 và Điều 10 của dự thảo.", ["art_5__para_2", "art_10"]),
        ("- ĐỀ NGHỊ BỎ ĐIỀU 11.", ["art_11"]),
        ("- Tại điểm a, điểm b khoản 19 Điều 6: đề nghị gộp.", ["art_6__para_19__point_a", "art_6__para_19__point_b"]),
        ("- Đề nghị sửa khoản 2 và khoản 3 Điều 5.", ["art_5__para_2", "art_5__para_3"]),
        ("- Đề nghị bỏ từ điểm a đến điểm c khoản 15 Điều 6.", [f"art_6__para_15__point_{p}" for p in "abc"]),
        (unicodedata.normalize("NFD", "- Đề nghị sửa đoạn 2 Điều 10."), ["art_10__subpara_2"]),
        ("- Đề nghị dẫn Điều 12 Nghị định số 09/2019/NĐ-CP và Điều 3 Quyết định số 1267/QĐ-UBND.", []),
    ],
)
def test_citation_forms(rules: Rules, paragraph: str, refs: list[str]) -> None:
    letter = read_letter(rules, "syt", "a.docx", ["SỞ Y TẾ", "Kính gửi: Sở Nội vụ", paragraph])
    assert [c.refs for c in letter.comments] == [refs] and not letter.problems and not letter.agrees


def test_a_list_names_each_citation_the_draft_lacks(rules: Rules) -> None:
    letter = read_letter(rules, "syt", "a.docx", ["Kính gửi: Sở Nội vụ", "- Sửa điểm a, điểm z khoản 19 Điều 6."])
    assert [c.refs for c in letter.comments] == [["art_6__para_19__point_a"]]
    assert letter.problems == ["trích dẫn 'điểm z khoản 19 Điều 6' không có trong dự thảo"]


def test_agreement_only(rules: Rules) -> None:
    for text in ("Sở Y tế nhất trí với nội dung dự thảo.", "Sở Y tế không có ý kiến khác.", "Đồng ý với dự thảo."):
        letter = read_letter(rules, "syt", "a.txt", ["Kính gửi: Sở Nội vụ", text])
        assert letter.agrees and letter.comments == []


def test_the_other_regulation_names_the_seat_holder(cli: Callable[..., Result], tmp_path: Path) -> None:
    """Hòa Sơn: the data centre's seat went to the Sở Cảng vụ Dữ liệu on 01/12/2025; its letter counts for it."""
    folder = tmp_path / "thu"
    folder.mkdir()
    head = "UBND TỈNH HÒA SƠN\n{}\nSố: {}\nHòa Sơn, ngày 03 tháng 12 năm 2026\nKính gửi: Tổ trưởng Tổ Điều phối\n"
    (folder / "skhcn.txt").write_text(
        head.format("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "5/SKHCN-VP") + "1. Tại điểm a khoản 2 Điều 2, đề nghị làm rõ.\n",
        encoding="utf-8",
    )
    (folder / "scd.txt").write_text(
        head.format("SỞ CẢNG VỤ DỮ LIỆU", "2/SCVDL") + "Sở Cảng vụ Dữ liệu nhất trí với dự thảo.\n", encoding="utf-8"
    )
    other = str(DATA / "other.yaml")
    result = cli("gop-y", str(folder), "--file", other, "--deadline", "04/12/2026", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [c["refs"] for c in data["comments"]] == [["art_2__para_2__point_a"]]
    assert (data["agreed"], data["no_reply"]) == (["ttdl"], [])
    text = cli("gop-y", str(folder), "--file", other, "--deadline", "04/12/2026").stdout
    assert "Nhất trí với dự thảo: Sở Cảng vụ Dữ liệu." in text
