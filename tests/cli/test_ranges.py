"""Input outside what the regulation can answer is refused with the supported range (exit 2): years before
the first date the rules file records or past the holiday library, days before the regulation could apply,
an empty query. The range comes from the rules file's data, so another file has another range."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from quyche_cli.errors import USAGE
from support import DATA, RULES_FILE, write_rules

RANGE = "chỉ hỗ trợ các năm 2024–2100"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["calendar", "1900"], f"Năm 1900 nằm ngoài phạm vi: {RANGE}"),
        (["calendar", "2101"], f"Năm 2101 nằm ngoài phạm vi: {RANGE}"),
        (["calendar", "2023"], "mốc sớm nhất tệp quy chế ghi: 14/10/2024 ở document.legal_basis[0].date"),
        (["deadlines", "--year", "1999"], f"Năm 1999 nằm ngoài phạm vi: {RANGE}"),
        (["deadlines", "--period", "2019-Q1"], f"Kỳ 2019-Q1: năm 2019 nằm ngoài phạm vi: {RANGE}"),
        (["deadlines", "--meeting", "2020-05-04"], "Kỳ 2020-Q2: năm 2020 nằm ngoài phạm vi"),
        (["duties", "SYT", "--as-of", "1990-01-01"], "--as-of 01/01/1990 quá sớm: Quy chế chưa thể áp dụng"),
        (["members", "--as-of", "31/12/2023"], "chỉ nhận ngày từ 01/01/2024"),
        (["show", "Điều 1", "--as-of", "2000-01-01"], "chỉ nhận ngày từ 01/01/2024"),
        (["search", "dữ liệu", "--as-of", "2000-01-01"], "chỉ nhận ngày từ 01/01/2024"),
        (["check-reports", ".", "--period", "2010-Q1"], "Kỳ 2010-Q1: năm 2010 nằm ngoài phạm vi"),
        (["render", "bao-cao", "--member", "SYT", "--period", "2010-Q1"], "Kỳ 2010-Q1: năm 2010 nằm ngoài phạm vi"),
        (["deadlines", "--upcoming", "--as-of", "2101-01-01"], "Năm 2101 nằm ngoài phạm vi"),
        (["search", ""], "Cụm từ tìm kiếm '' không có chữ hay số nào"),
        (["search", "  "], "không có chữ hay số nào"),
        (["deadlines", "--upcoming", "-1"], "--upcoming -1 nằm ngoài phạm vi: chọn N từ 1 đến 50"),
    ],
)
def test_out_of_range_input_is_refused_with_the_range(cli: Callable[..., Result], args: list[str], said: str) -> None:
    result = cli(*args)
    assert result.exit_code == USAGE, result.output
    assert said in result.stderr and not result.stdout and "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["duties", "SYT", "--as-of", "2024-10-01"],
        ["duties", "SYT", "--as-of", "2024-01-01"],
        ["calendar", "2024"],
        ["calendar", "2100"],
        ["deadlines", "--period", "2024-Q1"],
    ],
)
def test_the_edges_of_the_range_are_accepted(cli: Callable[..., Result], args: list[str]) -> None:
    assert cli(*args).exit_code == 0


def test_the_range_follows_the_rules_file(cli: Callable[..., Result], tmp_path: Path) -> None:
    """The invented regulation of Hòa Sơn records 20/12/2024 first; adding an older legal basis to the
    bundled file opens its earlier years, with no change in the code."""
    other = cli("calendar", "2023", "--file", str(DATA / "other.yaml"))
    assert other.exit_code == USAGE and "20/12/2024 ở document.issuing_instrument.date" in other.stderr
    text = RULES_FILE.read_text(encoding="utf-8").replace(
        "  legal_basis:\n",
        "  legal_basis:\n"
        "    - {number: 1/QĐ-UBND, kind: Quyết định, date: 2019-03-01, issuer: UBND tỉnh, subject: thử}\n",
    )
    older = write_rules(tmp_path, text)
    assert cli("calendar", "2019", "--file", str(older)).exit_code == 0
    assert cli("duties", "SYT", "--as-of", "2019-06-01", "--file", str(older)).exit_code == 0
    refused = cli("calendar", "2018", "--file", str(older))
    assert refused.exit_code == USAGE and "chỉ hỗ trợ các năm 2019–2100" in refused.stderr


@pytest.mark.parametrize(
    ("asked", "said"),
    [
        ({"year": 2150}, f"Năm 2150 nằm ngoài phạm vi: {RANGE}"),
        ({"year": 2023}, f"Năm 2023 nằm ngoài phạm vi: {RANGE}"),
        ({"periods": ["2150-Q1"]}, f"Kỳ 2150-Q1: năm 2150 nằm ngoài phạm vi: {RANGE}"),
    ],
)
def test_the_library_refuses_the_years_the_command_line_refuses(
    cli: Callable[..., Result], asked: dict[str, Any], said: str
) -> None:
    """The supported years are the schedule's rule: ``plan`` refuses them with the words the CLI prints."""
    import quyche_cli as qc

    rules = qc.open_rules(RULES_FILE)
    arguments = {**asked, "periods": [qc.parse_period(p) for p in asked.get("periods", [])] or None}
    with pytest.raises(qc.InputError) as refused:
        qc.plan(rules, **arguments)
    assert said in str(refused.value)
    option = ["--year", str(asked["year"])] if "year" in asked else ["--period", asked["periods"][0]]
    assert str(refused.value) in cli("deadlines", *option).stderr
