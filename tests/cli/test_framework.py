"""Typer's own words come out in Vietnamese: usage errors, the usage line, help texts, panel titles and
placeholders, in-process and from the installed command; and a file the system refuses says why in Vietnamese."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from quyche_cli.errors import USAGE
from support import run_installed

ENGLISH = re.compile(r"Usage|Try '|No such|Missing|Invalid value|Did you mean|Got unexpected|requires|Error|Show this")
MISTAKES = [
    (["dutie"], "Không có lệnh 'dutie'. Có phải ý bạn là 'duties'?"),
    (["duties"], "Thiếu đối số 'TÊN_CƠ_QUAN'."),
    (
        ["deadlines", "--format", "pdf"],
        "Giá trị không hợp lệ cho '--format': chọn một trong text, json, ics, csv, xlsx.",
    ),
    (["deadlines", "--bogus"], "Không có tùy chọn --bogus."),
    (["deadlines", "--format"], "Tùy chọn '--format' cần một giá trị."),
    (["check-reports", ".", "--coverage=yes"], "Tùy chọn '--coverage' không nhận giá trị."),
    (["members", "x"], "Thừa đối số: x."),
    (["calendar", "abc"], "Giá trị không hợp lệ cho 'NĂM': cần một số nguyên."),
]


def _flat(text: str) -> str:
    """The text without rich's panel borders and line wrapping."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


@pytest.mark.parametrize(("args", "message"), MISTAKES)
def test_a_usage_mistake_is_told_in_vietnamese(cli: Callable[..., Result], args: list[str], message: str) -> None:
    result = cli(*args)
    said = _flat(result.stderr)
    assert result.exit_code == USAGE
    assert message in said and "Cách dùng: quyche" in said and "để biết cách dùng." in said and "Lỗi" in said
    assert not ENGLISH.search(said), said


def test_the_installed_command_speaks_vietnamese_too(tmp_path: Path) -> None:
    env = {**os.environ, "COLUMNS": "200"}
    for args, message in MISTAKES[:3]:
        done = run_installed(*args, cwd=tmp_path, env=env)
        assert done.returncode == USAGE and message in _flat(done.stderr), done.stderr
    helped = run_installed("check-reports", "-h", cwd=tmp_path, env=env)
    assert "In hướng dẫn này rồi thoát." in helped.stdout and "Show this" not in helped.stdout


@pytest.mark.parametrize(
    ("command", "placeholder"),
    [
        ("duties", "TÊN_CƠ_QUAN"),
        ("show", "TRÍCH_DẪN"),
        ("search", "CỤM_TỪ"),
        ("calendar", "NĂM"),
        ("check-reports", "THƯ_MỤC"),
        ("render", "LOẠI"),
        ("validate", "TỆP"),
        ("deadlines", "KỲ"),
    ],
)
def test_help_is_vietnamese_with_placeholders_and_no_python_types(
    cli: Callable[..., Result], command: str, placeholder: str
) -> None:
    shown = cli(command, "-h").stdout
    assert "Cách dùng: quyche " + command in shown and "Tùy chọn" in shown and placeholder in shown
    assert f"Cách dùng: quyche {command} [TÙY_CHỌN] " in shown and "{" not in shown.splitlines()[1], shown
    assert "In hướng dẫn này rồi thoát." in _flat(shown) and not ENGLISH.search(shown), shown
    assert not re.search(r"<(bool|str|int|path|list\[)", shown, re.IGNORECASE), shown


def test_a_required_argument_is_written_bare_in_the_usage_line(cli: Callable[..., Result]) -> None:
    """Like standard tools: ``TÊN_CƠ_QUAN``, not typer's ``{TÊN_CƠ_QUAN}``; an optional one in brackets."""
    assert "Cách dùng: quyche duties [TÙY_CHỌN] TÊN_CƠ_QUAN\n" in cli("duties").stderr
    assert "Cách dùng: quyche render [TÙY_CHỌN] [LOẠI]" in cli("render", "-h").stdout


def test_render_help_names_the_kind_placeholder_in_vietnamese(cli: Callable[..., Result]) -> None:
    shown = _flat(cli("render", "-h", env={"COLUMNS": "200"}).stdout)
    assert "KIND" not in shown and "LOẠI.docx" in shown and "LOẠI.j2" in shown, shown


def test_deadlines_year_help_speaks_of_every_stream_not_of_one_regulation(cli: Callable[..., Result]) -> None:
    shown = _flat(cli("deadlines", "-h", env={"COLUMNS": "200"}).stdout)
    assert "bốn quý" not in shown and "mọi kỳ trong năm của các luồng báo cáo" in shown, shown


def test_the_group_help_names_its_commands_in_vietnamese(cli: Callable[..., Result]) -> None:
    shown = cli("-h").stdout
    assert "Cách dùng: quyche [TÙY_CHỌN] LỆNH [ĐỐI_SỐ]..." in shown and "Lệnh" in shown and "<bool>" not in shown


def test_help_sentences_are_not_cut_where_the_docstring_wraps(cli: Callable[..., Result]) -> None:
    listed = cli("-h", env={"COLUMNS": "80"}).stdout
    # the command list kept the source's line breaks: "… chữ gõ có dấu" / "chỉ khớp đúng dấu đó"
    assert not re.search(r"dấu +│\n│ +chỉ khớp", listed) and not re.search(r"gọn +│\n│ +mỗi hạn", listed), listed
    own = cli("check-reports", "-h", env={"COLUMNS": "80"}).stdout
    assert not re.search(r"hết hạn;\s*\n\s*tệp quy chế", own), own


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "không có tệp hoặc thư mục này"),
        ("{", "không phải JSON (dòng 1, cột 2)"),
        ('{"period": "2024-Q3"}', "thiếu trường"),
    ],
)
def test_an_unreadable_audit_file_says_why_in_vietnamese(
    cli: Callable[..., Result], tmp_path: Path, content: str | None, message: str
) -> None:
    audit = tmp_path / "audit.json"
    if content is not None:
        audit.write_text(content, encoding="utf-8")
    result = cli("render", "don-doc", "--from-audit", str(audit))
    assert result.exit_code == USAGE and message in result.stderr, result.stderr
    assert "No such file" not in result.stderr and "Expecting" not in result.stderr


def test_a_folder_given_as_a_data_file_is_named_a_folder(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli("render", "thong-bao", "--data", str(tmp_path))
    assert result.exit_code == USAGE and "đây là một thư mục" in result.stderr and "Is a directory" not in result.stderr
