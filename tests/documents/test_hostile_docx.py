"""Hostile characters in what goes into a .docx: a control character in a comment letter or a provision is
shown in the cell (``\\x07``) and the document is made; ``validate`` warns about such characters with their
line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from comment_letters import CAT, comment_folder
from quyche_cli.documents.docx import xml_text
from support import DATA, RULES_FILE, write_rules

BAD = "\x07\x1b[31m\x00\ufffe"
SHOWN = "\\x07\\x1b[31m\\x00<U+FFFE>"


def all_text(path: Path) -> str:
    from docx import Document

    document = Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_a_control_character_in_a_comment_letter(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = comment_folder(tmp_path / "gop-y")
    letter = CAT.replace("Công an tỉnh không có ý kiến khác.", f"- Tại Điều 10, đề nghị sửa{BAD} câu chữ.")
    (folder / "cong-an.txt").write_text(letter, encoding="utf-8")
    comments = tmp_path / "y-kien.json"
    cli("gop-y", str(folder), "--format", "json", "--deadline", "20/10/2024", "--out", str(comments))
    assert any("\x07" in c["text"] for c in json.loads(comments.read_text(encoding="utf-8"))["comments"])
    answers = tmp_path / "tiep-thu.yaml"
    answers.write_text('1: "Tiếp thu\\a, đã sửa."\n', encoding="utf-8")
    out = tmp_path / "bang-tong-hop.docx"
    result = cli("render", "bang-tong-hop", "--from-comments", str(comments), "--data", str(answers), "--out", str(out))
    assert result.exit_code == 0, result.output
    text = all_text(out)
    assert f"đề nghị sửa{SHOWN} câu chữ." in text and "Tiếp thu\\x07, đã sửa." in text


def test_a_control_character_in_a_provision(cli: Callable[..., Result], tmp_path: Path) -> None:
    old = RULES_FILE.read_text(encoding="utf-8")
    target = "text: Tập huấn, bồi dưỡng nâng cao kỹ năng số"
    new = write_rules(
        tmp_path, old.replace(target, 'text: "Tập huấn\\a\\e, bồi dưỡng nâng cao kỹ năng số', 1), "new.yaml"
    )
    text = new.read_text(encoding="utf-8")
    line_end = text.index("\n", text.index('text: "Tập huấn'))
    new.write_text(text[:line_end] + '"' + text[line_end:], encoding="utf-8")
    validated = cli("validate", str(new))
    line = text[: text.index('text: "Tập huấn')].count("\n") + 1
    assert f"new.yaml:{line}:" in validated.stdout
    assert "cảnh báo [control-character] Văn bản có ký tự điều khiển hoặc ký tự ẩn (\\x07, \\x1b)" in validated.stdout
    out = tmp_path / "bang-so-sanh.docx"
    result = cli("render", "bang-so-sanh", "--old", str(RULES_FILE), "--new", str(new), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "Tập huấn\\x07\\x1b, bồi dưỡng" in all_text(out)


def test_every_document_kind_with_control_characters_in_the_rules(cli: Callable[..., Result], tmp_path: Path) -> None:
    text = (DATA / "other.yaml").read_text(encoding="utf-8")
    line = "- text: Quy chế này quy định cách làm việc của Tổ Điều phối."
    path = write_rules(
        tmp_path, text.replace(line, line.replace("text: Quy chế này", 'text: "Quy chế này\\a') + '"'), "r.yaml"
    )
    out = tmp_path / "quy-che.docx"
    result = cli("render", "quy-che", "--file", str(path), "--out", str(out))
    assert result.exit_code == 0, result.output
    made = all_text(out)  # dropped by the template's text or shown: never raw, never a failed document
    assert "\x07" not in made and ("Quy chế này\\x07 quy định" in made or "Quy chế này quy định" in made)


@pytest.mark.parametrize(
    ("text", "shown"),
    [("a\x00b", "a\\x00b"), ("a\tb\nc\rd", "a\tb\nc\rd"), ("\ud800", "<U+D800>"), ("Sở Y tế", "Sở Y tế")],
)
def test_xml_text(text: str, shown: str) -> None:
    assert xml_text(text) == shown
