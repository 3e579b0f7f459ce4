"""Rules and data files from outside: amplification bounded, syntax errors in Vietnamese at the right line, a
rules file planted in the audited folder never used, and the rules file named in every output."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from typer.testing import Result

from quyche_cli.audit.reading import MAX_TEXT_BYTES, read_document
from quyche_cli.rules.locate import bundled_path
from quyche_cli.rules.yamlerrors import syntax_problem, vietnamese
from quyche_cli.rules.yamlsource import parse_text
from support import DATA, RULES_FILE, Report, write_docx, write_rules

REAL = RULES_FILE.read_text(encoding="utf-8")
PARAGRAPH = "Đoạn văn dùng chung rất dài của một quy chế gửi đến. " * 370  # 20 KB


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def aliased_rules(copies: int) -> str:
    """The real regulation with one 20 KB paragraph anchored in Điều 1 and aliased ``copies`` times."""
    anchor = "    paragraphs:\n"
    assert anchor in REAL
    paragraphs = f"{anchor}    - text: &p '{PARAGRAPH}'\n" + "    - {text: *p}\n" * copies
    return REAL.replace(anchor, paragraphs, 1)


def test_aliases_are_bounded_by_the_text_they_expand(cli: Callable[..., Result], tmp_path: Path) -> None:
    text = aliased_rules(5000)
    path = write_rules(tmp_path, text, "amplified.yaml")
    assert path.stat().st_size < 200_000
    result = cli("validate", str(path), "--format", "json")
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)["problems"]
    assert problem["code"] == "yaml-alias-bomb"
    assert problem["line"] == line_of(text, "&p")
    assert "tham chiếu (*) lặp lại quá nhiều" in problem["message"] and "1 MiB" in problem["message"]
    refused = cli("search", "dùng chung", "--file", str(path))
    assert refused.exit_code == 2 and "không hợp lệ" in refused.stderr


def test_a_few_aliases_of_a_paragraph_are_still_fine(tmp_path: Path) -> None:
    from quyche_cli.rules.validation import load_rules

    rules = load_rules(write_rules(tmp_path, aliased_rules(10)))
    assert sum(p.text == PARAGRAPH for p in rules.provisions) == 11


def test_an_amplified_data_file_is_refused(cli: Callable[..., Result], tmp_path: Path) -> None:
    conclusion = {"text": "Kết luận. " * 700, "assignee": "Sở Y tế"}
    data = {
        "number": "07",
        "date": "2024-09-30",
        "meeting": {"date": "2024-09-26", "place": "Hội trường"},
        "chair": {"name": "Nguyễn Văn B", "title": "Phó Trưởng ban"},
        "attendees": ["các thành viên"],
        "conclusions": [conclusion] * 20_000,
    }
    path = tmp_path / "data.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert path.stat().st_size < 700_000 and "*id" in path.read_text(encoding="utf-8")
    result = cli("render", "thong-bao", "--data", str(path), "--out", str(tmp_path / "tb.docx"))
    assert result.exit_code == 2
    assert "data.yaml:" in result.stderr and "[yaml-alias-bomb]" in result.stderr
    assert not (tmp_path / "tb.docx").exists()


def test_an_unclosed_quote_is_reported_where_it_opens(cli: Callable[..., Result], tmp_path: Path) -> None:
    needle = "        text: Tham gia chỉ đạo, điều hành hoạt động chung"
    at = REAL.index(needle) + len("        text: ")
    text = REAL[:at] + '"' + REAL[at:]  # no double quote after this one: the scalar runs to the end
    path = write_rules(tmp_path, text)
    result = cli("validate", str(path))
    assert result.exit_code == 1
    opened = line_of(text, '"Tham gia chỉ đạo')
    assert opened < text.count("\n") * 0.6  # in the middle of the file, far from its end
    assert f"quyche.yaml:{opened}:15: lỗi [yaml-syntax]" in result.stdout
    assert "chuỗi trong dấu nháy bắt đầu ở đây" in result.stdout and "tệp hết ở dòng" in result.stdout


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("a: 1\n\tb: 2\n", 2, "có ký tự Tab"),
        ("a: b: c\n", 1, "không được có dấu ':' ở đây"),
        ("a: 1\nb\nc: 2\n", 3, "thiếu dấu ':' sau khóa (hoặc dòng trước chưa kết thúc) (khóa bắt đầu ở dòng 2"),
        ("a: [1, 2\nb: 3\n", 2, "thiếu dấu ',' hoặc ']'"),
        ("- a\nb: 1\n", 2, "thiếu dấu '-' của mục danh sách"),
        ("a: *x\n", 1, "tham chiếu (*) tới một neo (&) chưa khai báo"),
        ("a: @x\n", 1, "không được mở đầu một giá trị"),
        ("---\na\n---\nb\n", 3, "chỉ được có một tài liệu YAML"),
        ("a: ok\nb: x\x01y\n", 2, "ký tự điều khiển U+0001"),
    ],
)
def test_syntax_errors_are_said_in_vietnamese(text: str, line: int, words: str) -> None:
    _, [problem] = parse_text(text, "f.yaml")
    assert problem.code == "yaml-syntax" and problem.line == line
    assert words in problem.message


def test_the_pure_python_wording_is_translated_too() -> None:
    for text, words in [("a: @x\n", "ký tự '@' không được mở đầu"), ("a: 1\n\tb: 2\n", "có ký tự Tab")]:
        with pytest.raises(yaml.YAMLError) as raised:
            yaml.load(text, Loader=yaml.SafeLoader)
        assert words in syntax_problem(raised.value, "f.yaml", text).message


def test_an_unknown_message_keeps_the_original_in_a_vietnamese_sentence() -> None:
    mark = yaml.Mark("f.yaml", 0, 4, 2, None, None)
    error = yaml.MarkedYAMLError(None, None, "found a brand new problem", mark)
    assert vietnamese("found a brand new problem") is None
    problem = syntax_problem(error, "f.yaml", "")
    assert problem.message == "Lỗi cú pháp YAML: cú pháp không hợp lệ (PyYAML: found a brand new problem)."
    assert (problem.line, problem.column) == (5, 3)


def test_text_cut_at_the_bound_inside_a_character_is_still_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.txt"
    line = "Sở Y tế báo cáo kết quả chuyển đổi số quý III năm 2024.\n"
    body = (line * (MAX_TEXT_BYTES // len(line.encode()) + 10)).encode()
    cut = MAX_TEXT_BYTES
    while body[cut] & 0xC0 != 0x80:  # move the bound inside a multi-byte character
        cut += 1
    path.write_bytes(body[: cut - MAX_TEXT_BYTES] + body)
    read = read_document(path)
    assert read.problem is None
    assert read.lines[0] == line.strip()
    broken = tmp_path / "tcvn3.txt"
    broken.write_bytes(b"S\xd5 Y t\xd2\n")
    assert read_document(broken).problem is not None


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    """A folder of received reports in which a sender put a quyche.yaml of their own."""
    folder = tmp_path / "q3"
    folder.mkdir()
    write_docx(folder / "BC SYT.docx", Report())
    (folder / "quyche.yaml").write_text((DATA / "other.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def test_a_rules_file_inside_the_audited_folder_is_never_picked_up(
    cli: Callable[..., Result], planted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(planted)
    refused = cli("check-reports", ".", "--period", "2024-Q3")
    assert refused.exit_code == 2
    assert "nằm trong thư mục đang kiểm tra" in refused.stderr and "--file" in refused.stderr
    monkeypatch.chdir(planted.parent)
    bundled = cli("check-reports", "q3", "--period", "2024-Q3", "--format", "json")
    assert bundled.exit_code in (0, 1), bundled.output
    origin = json.loads(bundled.stdout)["rules_file"]
    assert origin == {
        "path": str(bundled_path().absolute()),
        "sha256": hashlib.sha256(bundled_path().read_bytes()).hexdigest(),
    }
    chosen = cli("check-reports", "q3", "--period", "2024-Q3", "--file", "q3/quyche.yaml")
    assert chosen.exit_code in (0, 1), chosen.output
    assert chosen.stderr.splitlines()[-1].startswith(f"Tệp quy chế: {planted / 'quyche.yaml'} (SHA-256 ")


@pytest.mark.parametrize(
    "args",
    [
        ("duties", "Sở Y tế"),
        ("members",),
        ("show", "Điều 10"),
        ("search", "báo cáo"),
        ("deadlines", "--period", "2024-Q3"),
        ("calendar", "2024"),
        ("lint",),
    ],
)
def test_every_answer_names_its_rules_file(cli: Callable[..., Result], args: tuple[str, ...]) -> None:
    digest = hashlib.sha256(RULES_FILE.read_bytes()).hexdigest()
    text = cli(*args, "--file", str(RULES_FILE))
    assert text.stderr.splitlines()[-1] == f"Tệp quy chế: {RULES_FILE} (SHA-256 {digest[:16]}…)"
    as_json = cli(*args, "--file", str(RULES_FILE), "--format", "json")
    assert json.loads(as_json.stdout)["rules_file"] == {"path": str(RULES_FILE), "sha256": digest}


def test_references_are_checked_despite_schema_errors(cli: Callable[..., Result], tmp_path: Path) -> None:
    text = (
        REAL.replace("agency: bqlkcn, role: member", "agency: bqlkcn, role: membre")
        .replace("agency: nhnn, role: member", "agency: nhnnn, role: member")
        .replace("partners: [bhxh]", "partners: [bhxhh]")
        .replace("    title: Giám đốc Sở Thông tin và Truyền thông\n", "    titel: Giám đốc Sở Thông tin\n", 1)
    )
    path = write_rules(tmp_path, text)
    result = cli("validate", str(path), "--format", "json")
    assert result.exit_code == 1
    found = {(p["code"], p["line"]) for p in json.loads(result.stdout)["problems"]}
    assert found == {
        ("unknown-ref", line_of(text, "role: membre")),  # roles are data: an undeclared one is a reference
        ("schema-extra_forbidden", line_of(text, "    titel: Giám đốc")),
        ("schema-missing", line_of(text, "    titel: Giám đốc") - 1),
        ("unknown-ref", line_of(text, "agency: nhnnn")),  # located after the member set aside
        ("unknown-ref", line_of(text, "partners: [bhxhh]")),
    }


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_never_read_as_a_rules_file(cli: Callable[..., Result], tmp_path: Path) -> None:
    fifo = tmp_path / "quyche.yaml"
    os.mkfifo(fifo)
    result = cli("members", "--file", str(fifo))  # would block for ever if opened
    assert result.exit_code == 2 and "không phải một tệp thường" in result.stderr


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (("    body: tb_ha_tang\n", "    body: bca\n"), "not-a-body"),
        (("    symbol: TBHT\n", "    symbol: TBHT\n    body: tb_phap_ly\n"), None),
        (("    role: sub_committee_head\n", "    role: truong_tieu_ban\n"), "unknown-ref"),
        (("    duties: art_7__para_1\n", "    duties: [art_7__para_1, art_99]\n"), "unknown-ref"),
    ],
)
def test_seats_refer_to_declared_roles_bodies_and_provisions(
    cli: Callable[..., Result], tmp_path: Path, change: tuple[str, str], code: str | None
) -> None:
    text = (DATA / "national.yaml").read_text(encoding="utf-8")
    assert change[0] in text
    path = write_rules(tmp_path, text.replace(change[0], change[1], 1))
    result = cli("validate", str(path), "--format", "json")
    found = [p["code"] for p in json.loads(result.stdout)["problems"]]
    assert found == ([code] if code else [])
    assert result.exit_code == (1 if code else 0)


def test_a_body_inside_itself_is_refused(cli: Callable[..., Result], tmp_path: Path) -> None:
    text = (DATA / "national.yaml").read_text(encoding="utf-8")
    text = text.replace("    symbol: TBHT\n", "    symbol: TBHT\n    body: tb_phap_ly\n", 1)
    text = text.replace("    symbol: TBPL\n", "    symbol: TBPL\n    body: tb_ha_tang\n", 1)
    result = cli("validate", str(write_rules(tmp_path, text)), "--format", "json")
    assert result.exit_code == 1
    assert {p["code"] for p in json.loads(result.stdout)["problems"]} == {"body-cycle"}
