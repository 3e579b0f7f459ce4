"""What a submitted report says about itself: its number and symbol, the place-and-date line, the period
its title names. Patterns run on ``clean`` text, never on folded keys ("Số" and "Sở" fold alike)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from quyche_cli import text as vt
from quyche_cli.schedule.periods import ROMAN_QUARTERS, Period, period_phrase

# Type codes of Nghị định 30/2020 Phụ lục III that may precede the issuer in a number ("215/BC-SYT").
TYPE_CODES = frozenset("BC TB GM QĐ QC KH TTR CTR BB CV TTR NQ CT HD PA ĐA TP GUQ GGT GNP TC QY".split())

_NUMBER = re.compile(
    r"\b[Ss][ốỐ]\s*(?:/\s*[Kk][Hh]\s*)?:?\s*(?P<num>[0-9]*)\s*/\s*(?:(?P<year>[0-9]{4})\s*/\s*)?"
    r"(?P<parts>[A-ZĐ][A-ZĐ0-9&]*(?:\s*-\s*[A-ZĐ][A-ZĐ0-9&]*){0,3})",
)
# The layout of the Đoàn and the Party puts the type code first: "Số: 12-BC/TĐTN".
_PARTY_NUMBER = re.compile(
    r"\b[Ss][ốỐ]\s*:?\s*(?P<num>[0-9]*)\s*-\s*(?P<code>[A-ZĐ]{1,4})\s*/\s*(?P<issuer>[A-ZĐ][A-ZĐ0-9&]*)"
    r"(?:\s*-\s*(?P<unit>[A-ZĐ][A-ZĐ0-9&]*))?"
)
_DATE_LINE = re.compile(
    # A place starts a word and holds no "/": not the number "Số: 12/BC-SYT" a PDF's text layer puts beside it.
    r"(?:(?<![\w/-])(?P<place>[^\W\d_][^\n,;:/]{0,40}),\s*)?"
    r"ngày\s+(?P<d>[0-9]{1,2}|[.…_\s]*)\s*tháng\s+(?P<m>[0-9]{1,2}|[.…_\s]*)"
    r"\s*năm\s+(?P<y>[0-9]{4})"
    # The numeric form ("Bắc Ninh, ngày 25/9/2026") only after a place: body text cites other documents so.
    r"|(?<![\w/-])(?P<nplace>[^\W\d_]+(?:[ .-]+[^\W\d_]+){0,5}),\s*ngày\s+"
    r"(?P<nd>[0-9]{1,2})\s*[/.-]\s*(?P<nm>[0-9]{1,2})\s*[/.-]\s*(?P<ny>[0-9]{4})(?![0-9])",
    re.IGNORECASE,
)
HEADER_LINES = 15
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")  # a decimal digit of another script


@dataclass(frozen=True)
class NumberLine:
    number: int | None
    type_code: str | None
    issuer: str
    unit: str | None
    text: str


@dataclass(frozen=True)
class DateLine:
    """``date`` is None for a draft (blank day or month); ``error`` says why a written date is impossible."""

    date: dt.date | None
    text: str
    error: str | None = None


def _ascii_digits(text: str) -> str:
    """Decimal digits of any script (full-width "２０２４") as ASCII; other characters unchanged."""
    return _OTHER_DIGIT.sub(lambda m: str(unicodedata.decimal(m.group())), text)


def parse_number_line(text: str) -> NumberLine | None:
    """The first "Số: 215/BC-SYT" (or, in the Đoàn's layout, "Số: 12-BC/TĐTN") of ``text``; blank numbers
    (drafts) give ``number=None``."""
    match = _NUMBER.search(vt.clean(text))
    if not match:
        party = _PARTY_NUMBER.search(vt.clean(text))
        if not party:
            return None
        number = party.group("num")
        return NumberLine(
            int(number) if number else None, party.group("code"), party.group("issuer"), party.group("unit"), party[0]
        )
    parts = [p.strip() for p in match.group("parts").split("-")]
    type_code = parts[0] if parts[0].upper() in TYPE_CODES and len(parts) > 1 else None
    rest = parts[1:] if type_code else parts
    number = match.group("num")
    return NumberLine(
        int(number) if number else None, type_code, rest[0], rest[1] if len(rest) > 1 else None, match.group(0)
    )


def parse_date_line(text: str) -> DateLine | None:
    """The first place-and-date line ("Bắc Ninh, ngày 20 tháng 9 năm 2024", "Bắc Ninh, ngày 25/9/2026") in
    ``text``, which may span lines (a PDF wraps "… năm" / "2024")."""
    text = "\n".join(vt.clean(line) for line in text.splitlines())
    match = _DATE_LINE.search(_ascii_digits(text))
    if not match:
        return None
    written = " ".join(match.group(0).split())
    numeric = match.group("nd") is not None
    day, month, year = (match.group(k).strip() for k in (("nd", "nm", "ny") if numeric else ("d", "m", "y")))
    if not day.isdigit() or not month.isdigit():
        return DateLine(None, written)
    try:
        return DateLine(dt.date(int(year), int(month), int(day)), written)
    except ValueError:
        return DateLine(None, written, f"ngày {day}/{month}/{year} không tồn tại")


def title_lines(lines: list[str]) -> list[str]:
    """The trích yếu under the type name ("BÁO CÁO"): where a report names its period."""
    for index, line in enumerate(lines[: HEADER_LINES + 10]):
        if len(line) <= 12 and vt.fold(line) == "bao cao":
            return [t for t in lines[index + 1 : index + 3] if len(t) < 200]
    return [line for line in lines[:HEADER_LINES] if not parse_date_line(line)]


_NINE_MONTHS = re.compile(r"\b(?:9|chin) thang(?: dau)? nam (?P<y>[0-9]{4})\b")
# What a combined title adds after its period's year is the next period's plan, not the report's period:
# "… năm 2026 và phương hướng, nhiệm vụ năm 2027", "… quý IV và cả năm 2026, kế hoạch năm 2027".
_PLAN_TAIL = re.compile(r"(?<=[0-9]{4}) (?:va )?(?:ke hoach|phuong huong|dinh huong|nhiem vu|muc tieu|du kien)\b.*$")


def parse_period_phrase(text: str) -> Period | None:
    """The period a report title line names, in its own kind (see :func:`period_phrase`: "tháng 9 năm
    2026", "quý III năm 2024", "6 tháng đầu năm 2024", "… năm 2024"); "9 tháng đầu năm 2024" is the third
    quarter's report; "quý IV và cả năm 2026" is the year's (so also the fourth quarter's); the plan for the
    next period after it ("…, kế hoạch năm 2027") is not the report's period."""
    folded = _PLAN_TAIL.sub("", vt.fold(text))
    nine = _NINE_MONTHS.search(folded)
    return Period(int(nine.group("y")), 3) if nine else period_phrase(folded)


_FILE_QUARTER = re.compile(r"(?:^|[^a-z])(?:q|qui ?)(?P<q>iv|iii|ii|i|[1-4])(?![a-z])")
_FILE_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")
_FILE_DATE = re.compile(
    r"(?<![0-9])(?:(?P<y1>20[0-9]{2})[-_.]?(?P<m1>[01][0-9])[-_.]?(?P<d1>[0-3][0-9])|"
    r"(?P<d2>[0-9]{1,2})[-_.](?P<m2>[0-9]{1,2})[-_.](?P<y2>20[0-9]{2}))(?![0-9])"
)


def period_from_name(name: str) -> tuple[int, int | None] | None:
    """(quarter, year or None) written in a file or folder name: "Q3_2024", "quy1.2025", "QIII", "quy-III-2024",
    "quý 4 năm 2026", "2026 Q4". The year is the one next to the quarter, else the only year in the name."""
    folded = vt.fold(name)
    match = _FILE_QUARTER.search(folded)
    if not match:
        return None
    q = match.group("q")
    after = re.match(r"[^0-9a-z]{0,3}(?:nam[^0-9a-z]{0,3})?((?:19|20)[0-9]{2})(?![0-9])", folded[match.end() :])
    before = re.search(r"(?<![0-9])((?:19|20)[0-9]{2})[^0-9a-z]{0,3}$", folded[: match.start() + 1])
    years = set(_FILE_YEAR.findall(folded))
    year = after.group(1) if after else before.group(1) if before else next(iter(years)) if len(years) == 1 else None
    return ROMAN_QUARTERS.get(q) or int(q), int(year) if year else None


def date_from_name(name: str) -> dt.date | None:
    """A date written in a file name: "2024-09-20", "20240920", "20.09.2024", "20-09-2024", "20_9_2024"."""
    match = _FILE_DATE.search(name)
    if not match:
        return None
    y, m, d = (
        (match.group("y1"), match.group("m1"), match.group("d1"))
        if match.group("y1")
        else (match.group("y2"), match.group("m2"), match.group("d2"))
    )
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None
