"""Tables that read on an 80-column terminal and in a file: no line wider than the screen, no trailing
spaces, no name cut inside a word; the short answers to "what is due soon"; ``--wide`` tables as wide as
their content."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from typer.testing import Result

from support import DATA, ROOT

EIGHTY = {"COLUMNS": "80"}


def check_lines(text: str, width: int = 80) -> list[str]:
    lines = text.splitlines()
    assert lines
    for line in lines:
        assert len(line) <= width, line
        assert line == line.rstrip(), f"trailing spaces: {line!r}"
    return lines


@pytest.mark.parametrize(
    "args",
    [
        ["members"],
        ["members", "--as-of", "2024-10-01"],
        ["members", "--file", str(DATA / "other.yaml")],
        ["deadlines", "--year", "2026"],
        ["deadlines", "--year", "2026", "--full"],
        ["deadlines", "--upcoming", "--as-of", "2026-11-28"],
        ["deadlines", "--period", "2024-Q3", "--meeting", "26/08/2024"],
        ["search", "họp"],
    ],
)
def test_lines_fit_80_columns_without_trailing_spaces(cli: Callable[..., Result], args: list[str]) -> None:
    result = cli(*args, env=EIGHTY)
    assert result.exit_code == 0, result.output
    check_lines(result.stdout)


@pytest.mark.parametrize(
    "args",
    [
        ["members", "--wide"],
        ["deadlines", "--year", "2026", "--wide"],
        ["deadlines", "-f", str(DATA / "other.yaml"), "--upcoming", "3", "--wide", "--as-of", "2026-12-07"],
    ],
)
def test_wide_tables_are_as_wide_as_their_content(cli: Callable[..., Result], args: list[str]) -> None:
    """``--wide`` at 80 columns: one line per row, every cell whole (it was squeezed, "Việc" one word a line)."""
    lines = cli(*args, env=EIGHTY).stdout.splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith("─"))
    rows = lines[rule + 1 :]
    assert all(line == line.rstrip() for line in lines)
    assert all(re.match(r"\S", row) for row in rows), "a row continued on a second line"
    assert 80 < max(map(len, rows)) <= len(lines[rule])
    if "--upcoming" in args:
        assert rows[0].endswith("tổng hợp, báo cáo Chủ tịch Ủy ban nhân dân tỉnh (khoản 3 Điều 3)")


def test_members_names_are_never_cut_inside_a_word(cli: Callable[..., Result]) -> None:
    import json

    rows = json.loads(cli("members", "--format", "json").stdout)["members"]
    words = {word for row in rows for word in (row["agency"] or row["title"]).split()}
    lines = check_lines(cli("members", env=EIGHTY).stdout)
    header = next(i for i, line in enumerate(lines) if line.startswith("Ký hiệu"))
    agency, role = lines[header].index("Cơ quan"), lines[header].index("Vai trò")
    shown = [word for line in lines[header + 2 :] for word in line[agency:role].split()]
    assert shown and set(shown) <= words
    assert len(lines) < 70  # was 124 lines with the wrapped six-column table


def test_a_year_is_one_line_per_deadline(cli: Callable[..., Result]) -> None:
    lines = check_lines(cli("deadlines", "--year", "2026", env=EIGHTY).stdout)
    dated = [line for line in lines if re.match(r"Thứ \w+ \d\d/\d\d/2026", line)]
    assert [line.split()[2] for line in dated] == ["24/03/2026", "24/06/2026", "24/09/2026", "24/12/2026"]
    assert all("Các thành viên phải báo cáo" in line for line in dated)
    assert len(lines) <= 8 and "--full" in lines[-1]
    undated = int(re.search(r"Và (\d+) bước", lines[-2] + lines[-1]).group(1))  # type: ignore[union-attr]
    full = cli("deadlines", "--year", "2026", "--full", env=EIGHTY).stdout
    assert full.count("Cách tính:") == len(dated) + undated


def test_upcoming_counts_the_days_left(cli: Callable[..., Result]) -> None:
    result = cli("deadlines", "--upcoming", "--as-of", "2024-09-20", env=EIGHTY)
    lines = check_lines(result.stdout)
    assert lines[0] == "Các hạn sắp tới, tính từ Thứ Sáu 20/09/2024:"
    rows = lines[3:]
    assert len(rows) == 5
    assert re.split(r"  +", rows[0])[:2] == ["Thứ Ba 24/09/2024", "còn 4 ngày"]
    assert rows[1].startswith("Thứ Ba 24/12/2024   còn 95 ngày")
    three = check_lines(cli("deadlines", "--upcoming", "3", "--as-of", "2024-09-24", env=EIGHTY).stdout)
    assert len(three) == 3 + 3 and "hôm nay" in three[3]
    other = cli("deadlines", "--upcoming", "2", "--as-of", "2025-06-01", "--file", str(DATA / "other.yaml"))
    days = [line for line in check_lines(other.stdout) if re.match(r"(Thứ \w+|Chủ nhật) \d\d/\d\d/\d{4}", line)]
    assert other.exit_code == 0 and len(days) == 2  # a long name wraps at a space, onto a line of its own


def test_upcoming_as_json_and_refusals(cli: Callable[..., Result]) -> None:
    import json

    data = json.loads(cli("deadlines", "--upcoming", "2", "--as-of", "2024-09-20", "--format", "json").stdout)
    assert [(o["date"], o["days_left"]) for o in data["upcoming"]] == [("2024-09-24", 4), ("2024-12-24", 95)]
    for args, said in (
        (["--upcoming", "0"], "chọn N từ 1 đến 50"),
        (["--upcoming", "--year", "2026"], "không dùng cùng --period hoặc --year"),
    ):
        refused = cli("deadlines", *args)
        assert refused.exit_code == 2 and said in refused.stderr


def test_the_audit_table_fits_80_columns_and_keeps_file_names_whole(cli: Callable[..., Result]) -> None:
    result = cli("check-reports", str(ROOT / "examples" / "bao-cao-quy-III-2024"), env=EIGHTY)
    assert result.exit_code == 1, result.output
    text = " ".join(check_lines(result.stdout))
    # the names were folded inside the word ("BHXH_BC_Q3_2024" / ".pdf", "STP du" / "thao.docx")
    assert "BHXH_BC_Q3_2024.pdf;" in text and "STP du thao.docx:" in text and "Y tế.docx" in text
