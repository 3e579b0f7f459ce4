"""What a report says about itself: its number line, its place-and-date line, its period, and the dates and
periods written in file names."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quyche_cli.audit.folder import is_copy_name
from quyche_cli.audit.header import (
    DateLine,
    date_from_name,
    parse_date_line,
    parse_number_line,
    parse_period_phrase,
    period_from_name,
)
from quyche_cli.schedule.periods import Period


@given(st.text(max_size=200))
def test_report_parsers_never_raise(text: str) -> None:
    parse_date_line(text)
    parse_number_line(text)
    parse_period_phrase(text)


@given(
    st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31)),
    st.sampled_from(["Bắc Ninh", "Hòa Sơn", "TP. Hồ Chí Minh"]),
    st.booleans(),
)
def test_date_line_round_trip(day: dt.date, place: str, upper: bool) -> None:
    line = f"{place}, ngày {day.day} tháng {day.month} năm {day.year}"
    parsed = parse_date_line(line.upper() if upper else line)
    assert parsed is not None and parsed.date == day


@given(st.integers(1, 99999), st.sampled_from(["SYT", "SGDĐT", "STTTT", "BHXH"]), st.sampled_from(["BC", "TB", None]))
def test_number_line_round_trip(number: int, issuer: str, code: str | None) -> None:
    text = f"Số: {number}/{code}-{issuer}" if code else f"Số: {number}/{issuer}-VP"
    parsed = parse_number_line(text)
    assert parsed is not None and (parsed.number, parsed.issuer, parsed.type_code) == (number, issuer, code)


def both_forms(names: list[str]) -> list[str]:
    """Each name as typed on Windows (NFC) and as a Mac writes it (NFD), where the two differ."""
    return names + [unicodedata.normalize("NFD", n) for n in names if unicodedata.normalize("NFD", n) != n]


@pytest.mark.parametrize(
    ("name", "day"),
    [
        ("BC_2024-09-20.docx", dt.date(2024, 9, 20)),  # year-month-day, two-digit month and day
        ("bc_2024_09_20.pdf", dt.date(2024, 9, 20)),
        ("BC 2024.09.20 SYT.docx", dt.date(2024, 9, 20)),
        ("20.09.2024 bao cao.pdf", dt.date(2024, 9, 20)),  # day-month-year, one or two digits
        ("20-09.2024.docx", dt.date(2024, 9, 20)),
        ("5-9-2024.docx", dt.date(2024, 9, 5)),
        ("29.02.2024.pdf", dt.date(2024, 2, 29)),
        ("20240920.docx", dt.date(2024, 9, 20)),  # the compact form of document systems
        ("SYT_BC_20261222_ky so.pdf", dt.date(2026, 12, 22)),
        ("BC 22.12.2026.pdf", dt.date(2026, 12, 22)),
        ("BC 22-12-2026.pdf", dt.date(2026, 12, 22)),
        *((name, dt.date(2024, 9, 20)) for name in both_forms(["Báo cáo ngày 20.09.2024 - Sở Y tế.docx"])),
    ],
)
def test_a_date_in_a_file_name(name: str, day: dt.date) -> None:
    assert date_from_name(name) == day


@pytest.mark.parametrize(
    "name",
    both_forms(
        [
            "2024-9-20.docx",  # year first wants two-digit month and day
            "20 09 2024.docx",  # spaces are not separators
            "1999-09-20.docx",  # years 2000-2099 only
            "120.09.2024.pdf",  # not after a digit
            "20.09.20245.pdf",  # not before a digit
            "31.02.2024.pdf",  # no such day
            "29.02.2023.pdf",
            "2024-13-01.docx",
            "20241301.docx",
            "120240920.docx",
            "BC Quý III.2024 - Sở Y tế.docx",  # a quarter, not a date
            "Báo cáo tháng 9 năm 2024.docx",
        ]
    ),
)
def test_no_date_in_a_file_name(name: str) -> None:
    assert date_from_name(name) is None


@pytest.mark.parametrize(
    ("name", "period"),
    [
        ("BC_Q3_2024.docx", (3, 2024)),
        ("Q3-2024", (3, 2024)),
        ("q12024.pdf", (1, 2024)),
        ("quy1.2025.pdf", (1, 2025)),
        ("bc quy3.2024 SNV.doc", (3, 2024)),
        ("quy-III-2024", (3, 2024)),
        ("quy IV 2024", (4, 2024)),
        ("SYT_BC_QIII_2024_final_v2 (1).docx", (3, 2024)),
        ("QIII.docx", (3, None)),  # the year is optional
        ("BC_Q3_24.docx", (3, None)),  # a two-digit year is not read
        *((name, (3, 2024)) for name in both_forms(["BC Quý III.2024 - Sở Y tế.docx", "QUÝ III-2024.pdf"])),
        *((name, (2, 2025)) for name in both_forms(["Báo cáo quý II-2025.docx", "quý ii 2025.docx"])),
        *((name, (4, None)) for name in both_forms(["Quý IV.docx"])),
        *((name, (4, 2026)) for name in both_forms(["quý 4 năm 2026", "quý IV năm 2026", "2026 Q4", "2026-QIV"])),
        ("BC quy 2 nam 2024", (2, 2024)),
        ("BC Q3 gửi ngày 20.09.2024.docx", (3, 2024)),  # the only year in the name
        ("QIII 2024 (2025).docx", (3, 2024)),  # two years: the one next to the quarter
        ("QIII ban 2024 sua 2025.docx", (3, None)),  # two years, neither next to it: not guessed
    ],
)
def test_a_period_in_a_file_name(name: str, period: tuple[int, int | None]) -> None:
    assert period_from_name(name) == period


@pytest.mark.parametrize(
    "name",
    both_forms(
        [
            "Q5_2024.docx",  # quarters 1 to 4
            "Quý V 2024.docx",
            "Quyết định 2024.docx",  # "quy" starts other words
            "Quy chế.docx",
            "faq1.pdf",  # "q" inside a word
            "IQ3 2024.docx",
            "Q3a.docx",
            "báo cáo tháng 9 năm 2024.docx",
            "2024-09-20.docx",
        ]
    ),
)
def test_no_period_in_a_file_name(name: str) -> None:
    assert period_from_name(name) is None


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("Kết quả thực hiện nhiệm vụ quý IV và cả năm 2026, kế hoạch năm 2027", Period(2026, 1, "year")),
        ("Tình hình năm 2026 và phương hướng, nhiệm vụ năm 2027", Period(2026, 1, "year")),
        ("Kết quả quý IV năm 2026 và nhiệm vụ trọng tâm quý I năm 2027", Period(2026, 4)),
        ("Kết quả thực hiện Kế hoạch số 12/KH-UBND quý III năm 2024", Period(2024, 3)),
        ("Kết quả 6 tháng đầu năm 2025, nhiệm vụ 6 tháng cuối năm 2025", Period(2025, 1, "half")),
        ("Báo cáo tháng 9 năm 2026 và kế hoạch tháng 10 năm 2026", Period(2026, 9, "month")),
    ],
)
def test_a_combined_title_names_the_period_reported_on(title: str, period: Period) -> None:
    """The plan for the next period is not the report's period; a Q4 and whole-year report is the year's,
    which is also the fourth quarter's."""
    assert parse_period_phrase(title) == period
    assert period.kind != "year" or period.as_kind("quarter") == Period(period.year, 4)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Bắc Ninh, ngày 25/9/2026", dt.date(2026, 9, 25)),
        ("TP. Hồ Chí Minh, ngày 05.09.2026", dt.date(2026, 9, 5)),
        ("Số: 12/BC-SYT\nHòa Sơn, NGÀY 25-09-2026", dt.date(2026, 9, 25)),
        ("Bắc Ninh, ngày 23 tháng 9 năm\n2024", dt.date(2024, 9, 23)),  # wrapped by a PDF
    ],
)
def test_numeric_and_wrapped_date_lines(text: str, day: dt.date) -> None:
    parsed = parse_date_line(text)
    assert parsed is not None and parsed.date == day and "\n" not in parsed.text


def test_a_date_cited_in_the_body_is_not_a_date_line() -> None:
    assert parse_date_line("Thực hiện Quyết định số 1267/QĐ-UBND ngày 14/10/2024 của UBND tỉnh") is None
    assert parse_date_line("Bắc Ninh, ngày 31/2/2026") == DateLine(
        None, "Bắc Ninh, ngày 31/2/2026", "ngày 31/2/2026 không tồn tại"
    )


@pytest.mark.parametrize(
    ("name", "copy"),
    [
        ("BC SYT.docx", False),
        ("BC Quý III (2024).docx", False),
        ("BC SYT (1).docx", True),
        ("BC SYT - Copy.docx", True),
        ("BC SYT - Copy (2).docx", True),
        ("BC SYT - Bản sao.docx", True),
        ("BC SYT copy.docx", True),
        ("Copy of BC SYT.docx", True),
    ],
)
def test_copies_are_told_by_their_names(name: str, copy: bool) -> None:
    assert is_copy_name(name) is copy


@pytest.mark.parametrize(
    "line",
    ["Số: 32/BC-CAT Bắc Ninh, ngày 20 tháng 12 năm 2026", "Số 12/BC-TBHT-BCĐDLM Bắc Ninh, ngày 20 tháng 12 năm 2026"],
)
def test_the_number_beside_the_date_line_in_a_pdf_is_not_its_place(line: str) -> None:
    found = parse_date_line(line)
    assert found is not None and found.text == "Bắc Ninh, ngày 20 tháng 12 năm 2026"
