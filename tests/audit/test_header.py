"""What a report says about itself: its number line, its place-and-date line, its period, and the dates and
periods written in file names."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from quyche_cli.audit.header import parse_date_line, parse_number_line, parse_period_phrase


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
