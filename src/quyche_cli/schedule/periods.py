"""Reporting periods of any length (a month, a quarter, a half-year, a year, a run of days) and dates as
people type and write them, with Vietnamese error messages."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Literal

from quyche_cli import text as vt
from quyche_cli.errors import InputError

ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
ROMAN = ("I", "II", "III", "IV")
WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")

Kind = Literal["month", "quarter", "half", "year", "days"]
MONTHS: dict[str, int] = {"month": 1, "quarter": 3, "half": 6, "year": 12}
KIND_VI: dict[str, str] = {
    "month": "theo tháng (2026-09 hoặc tháng 9/2026)",
    "quarter": "theo quý (2026-Q3 hoặc quý III/2026)",
    "half": "theo 6 tháng (2026-H1 hoặc 6 tháng đầu năm 2026)",
    "year": "theo năm (2026 hoặc năm 2026)",
    "days": "theo khoảng ngày (từ ngày 01/9 đến ngày 03/9/2026)",
}


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: ``Period(2024, 3)`` is the third quarter of 2024, ``Period(2026, 9, "month")``
    September 2026, ``Period(2026, 1, "half")`` the first half-year, ``Period(2026, 1, "year")`` the year;
    a run of days (``kind="days"``) has its first and last day in ``dates``."""

    year: int
    number: int = 1
    kind: Kind = "quarter"
    dates: tuple[dt.date, dt.date] | None = None

    @classmethod
    def of_days(cls, first: dt.date, last: dt.date) -> Period:
        return cls(first.year, first.timetuple().tm_yday, "days", (first, last))

    @property
    def months(self) -> int | None:
        """How many calendar months the period spans (None for a run of days)."""
        return MONTHS.get(self.kind)

    @property
    def quarter(self) -> int:
        """The quarter the period ends in."""
        return (self.last_month - 1) // 3 + 1

    @property
    def last_month(self) -> int:
        if self.dates:
            return self.dates[1].month
        return self.number * (self.months or 1)

    @property
    def start(self) -> dt.date:
        if self.dates:
            return self.dates[0]
        return dt.date(self.year, self.last_month - (self.months or 1) + 1, 1)

    @property
    def end(self) -> dt.date:
        if self.dates:
            return self.dates[1]
        return dt.date(self.year, self.last_month, calendar.monthrange(self.year, self.last_month)[1])

    @property
    def label(self) -> str:
        """ "2026-09", "2026-Q3", "2026-H1", "2026", "2021-09-01..2021-09-03"."""
        if self.dates:
            return f"{self.dates[0].isoformat()}..{self.dates[1].isoformat()}"
        if self.kind == "year":
            return str(self.year)
        mark = {"month": "", "quarter": "Q", "half": "H"}[self.kind]
        return f"{self.year}-{mark}{self.number:02d}" if self.kind == "month" else f"{self.year}-{mark}{self.number}"

    @property
    def label_vi(self) -> str:
        """ "tháng 9/2026", "quý III/2026", "6 tháng đầu năm 2026", "năm 2026", "từ ngày … đến ngày …"."""
        if self.kind == "quarter":
            return f"quý {ROMAN[self.number - 1]}/{self.year}"
        if self.kind == "month":
            return f"tháng {self.number}/{self.year}"
        return self.phrase

    @property
    def phrase(self) -> str:
        """The period as a report's title names it: "quý III năm 2024", "tháng 9 năm 2026"."""
        if self.dates:
            return f"từ ngày {self.dates[0]:%d/%m/%Y} đến ngày {self.dates[1]:%d/%m/%Y}"
        if self.kind == "month":
            return f"tháng {self.number} năm {self.year}"
        if self.kind == "quarter":
            return f"quý {ROMAN[self.number - 1]} năm {self.year}"
        if self.kind == "half":
            return f"6 tháng {'đầu' if self.number == 1 else 'cuối'} năm {self.year}"
        return f"năm {self.year}"

    def shifted(self, count: int) -> Period:
        """The period ``count`` periods of the same kind later (earlier when negative)."""
        if self.dates:
            length = self.dates[1] - self.dates[0] + dt.timedelta(days=1)
            return Period.of_days(self.dates[0] + count * length, self.dates[1] + count * length)
        months = self.months or 12
        index = self.year * 12 + self.last_month - 1 + count * months
        return replace(self, year=index // 12, number=(index % 12 + 1) // months)

    def next(self) -> Period:
        return self.shifted(1)

    def previous(self) -> Period:
        return self.shifted(-1)

    def cutoff(self, from_day: int, to_day: int, months: int | None = None) -> tuple[dt.date, dt.date]:
        """Data period (Nghị định 09/2019 Điều 12) of the ``months`` ending with this period (by default the
        period itself: 3 for a quarter, 6 for a half-year, 12 for a year): from ``from_day`` of the month
        before them to ``to_day`` of the period's last month."""
        before = self.last_month - (months or self.months or 1)
        start = dt.date(self.year, before, from_day) if before > 0 else dt.date(self.year - 1, before + 12, from_day)
        return start, dt.date(self.end.year, self.last_month, to_day)

    def as_kind(self, kind: Kind) -> Period | None:
        """The period of ``kind`` this one closes, when it is as long or longer and ends with it (a
        six-month report is also the second quarter's report, a yearly one the fourth quarter's)."""
        if self.kind == kind:
            return self
        if self.dates or kind == "days" or (self.months or 0) < MONTHS[kind]:
            return None
        return Period.containing(self.end, kind)

    @classmethod
    def containing(cls, day: dt.date, kind: Kind = "quarter") -> Period:
        """The period of ``kind`` (not a run of days) that ``day`` falls in."""
        months = MONTHS[kind]
        return cls(day.year, (day.month - 1) // months + 1, kind)


_Y, _N = r"(?P<y>[0-9]{4})", r"(?P<n>[0-9]{1,2}|iv|iii|ii|i)"
# Patterns on folded text ("quý III/2024" → "qui iii 2024"), each with the kind it reads; like every pattern here,
# compiled by ``re`` on first use (and kept in its cache), not at every start.
_PATTERNS: list[tuple[str, Kind]] = [
    (rf"^(?:nam )?{_Y}$", "year"),
    (rf"^{_Y} ?q{_N}$", "quarter"),
    (rf"^q{_N} {_Y}$", "quarter"),
    (rf"^qui ?{_N} (?:nam )?{_Y}$", "quarter"),
    (rf"^{_Y} qui ?{_N}$", "quarter"),
    (rf"^{_Y} ?h(?P<n>[0-9]+)$", "half"),
    (rf"^h(?P<n>[0-9]+) {_Y}$", "half"),
    (rf"^(?:6|sau) thang (?P<n>dau|cuoi) nam {_Y}$", "half"),
    (rf"^(?:thang |t ?)?(?P<n>[0-9]{{1,2}}) (?:nam )?{_Y}$", "month"),
    (rf"^{_Y} (?P<n>[0-9]{{1,2}})$", "month"),
]
_RANGES = [
    r"^(?:tu )?(?:ngai )?(?P<d1>[0-9]{1,2}) (?:thang )?(?P<m1>[0-9]{1,2})(?: (?:nam )?(?P<y1>[0-9]{4}))? "
    r"(?:den |toi )?(?:ngai )?(?P<d2>[0-9]{1,2}) (?:thang )?(?P<m2>[0-9]{1,2}) (?:nam )?(?P<y2>[0-9]{4})$",
    r"^(?P<y1>[0-9]{4}) (?P<m1>[0-9]{1,2}) (?P<d1>[0-9]{1,2}) (?:den )?"
    r"(?P<y2>[0-9]{4}) (?P<m2>[0-9]{1,2}) (?P<d2>[0-9]{1,2})$",
]
_LIMITS = {"month": 12, "quarter": 4, "half": 2}
_BOUNDS_VI = {
    "month": "tháng phải từ 1 đến 12",
    "quarter": "quý phải từ 1 đến 4 (I–IV)",
    "half": "nửa năm là H1 hoặc H2",
}


def _number(written: str | None) -> int:
    """The number of a month, quarter or half-year as written: "9", "III", "đầu" (1), "cuối" (2)."""
    if written in (None, "dau", "cuoi"):
        return 2 if written == "cuoi" else 1
    return ROMAN_QUARTERS.get(written) or int(written)


def _range(match: re.Match[str], text: str) -> Period:
    """A run of days; the first date may leave out its year ("từ ngày 01/9 đến ngày 03/9/2021", and
    "từ ngày 28/12 đến ngày 03/01/2022" starts in the year before)."""
    d1, m1, d2, m2, y2 = (int(match.group(g)) for g in ("d1", "m1", "d2", "m2", "y2"))
    y1 = int(match.group("y1")) if match.group("y1") else y2 - (m1 > m2)
    try:
        first, last = dt.date(y1, m1, d1), dt.date(y2, m2, d2)
    except ValueError:
        raise InputError(f"Kỳ '{text}' có ngày không tồn tại trong lịch.") from None
    if first > last:
        raise InputError(f"Kỳ '{text}' không hợp lệ: ngày đầu sau ngày cuối.")
    return Period.of_days(first, last)


def parse_period(text: str) -> Period:
    """Read a period as people type it: "2026-09", "tháng 9/2026", "T9/2026", "2024-Q3", "quý III/2024",
    "2026-H1", "6 tháng đầu năm 2026", "2026", "năm 2026", "từ ngày 01/9 đến ngày 03/9/2021"."""
    typed = vt.fold(text)
    for pattern, kind in _PATTERNS:
        match = re.match(pattern, typed)
        if match:
            number = _number(match.groupdict().get("n"))
            if kind in _LIMITS and not 1 <= number <= _LIMITS[kind]:
                raise InputError(f"Kỳ '{text}' không hợp lệ: {_BOUNDS_VI[kind]}.")
            return Period(int(match.group("y")), number, kind)
    for pattern in _RANGES:
        match = re.match(pattern, typed)
        if match:
            return _range(match, text)
    raise InputError(
        f"Không đọc được kỳ '{text}'. Hãy ghi dạng 2026-09 hoặc tháng 9/2026 (tháng), 2024-Q3 hoặc quý III/2024 "
        "(quý), 2026-H1 hoặc 6 tháng đầu năm 2026, 2026 hoặc năm 2026, hay khoảng ngày 'từ ngày 01/9 đến ngày "
        "03/9/2026'."
    )


_PHRASES: list[tuple[str, Kind]] = [
    (r"\bqui (?P<n>iv|iii|ii|i|[1-4])(?: nam|/| |-|\.)* ?(?P<y>[0-9]{4})\b", "quarter"),
    (r"\bq(?P<n>[1-4])(?: |/|-|\.)*(?P<y>[0-9]{4})\b", "quarter"),
    (r"\b(?:6|sau) thang(?: (?P<n>dau|cuoi))? nam (?P<y>[0-9]{4})\b", "half"),
    # A month, not the month of a date ("ngày 20 tháng 9 năm 2024").
    (r"(?<!ngai [0-9] )(?<!ngai [0-9][0-9] )\bthang (?P<n>[0-9]{1,2}) (?:nam )?(?P<y>[0-9]{4})\b", "month"),
    # A yearly report: a title ending in "năm 2024", not a date ("tháng 12 năm 2024").
    (r"(?<!thang [0-9])(?<!thang [0-9][0-9])(?<![0-9]) nam (?P<y>[0-9]{4})$", "year"),
]


_RANGE_PHRASE = (
    r"\btu ngai (?P<d1>[0-9]{1,2}) (?:thang )?(?P<m1>[0-9]{1,2})(?: (?:nam )?(?P<y1>[0-9]{4}))? "
    r"(?:den|toi) (?:het )?ngai (?P<d2>[0-9]{1,2}) (?:thang )?(?P<m2>[0-9]{1,2}) (?:nam )?(?P<y2>[0-9]{4})\b"
)


def period_phrase(text: str) -> Period | None:
    """The period a report's title (or a file or folder name) names, in its own kind: "từ ngày 06/9 đến
    ngày 08/9/2021" (a run of days), "tháng 9 năm 2026" (a month), "quý III năm 2024", "6 tháng đầu năm 2026"
    (a half-year), a title ending in "năm 2026" (a year)."""
    folded = " " + vt.fold(text)
    days = re.search(_RANGE_PHRASE, folded)
    if days:
        try:
            return _range(days, text)
        except InputError:
            return None
    for pattern, kind in _PHRASES:
        match = re.search(pattern, folded)
        if match:
            number = _number(match.groupdict().get("n"))
            if 1 <= number <= _LIMITS.get(kind, 1):
                return Period(int(match.group("y")), number, kind)
    return None


_DATE_PATTERNS = [
    r"^(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})$",
    r"^(?P<d>[0-9]{1,2})[/.-](?P<m>[0-9]{1,2})[/.-](?P<y>[0-9]{4})$",
]


def parse_date(text: str) -> dt.date:
    """Read "2024-08-26" or "26/08/2024"; an impossible date (31/02) is an error that says so."""
    typed = vt.clean(text)
    for pattern in _DATE_PATTERNS:
        match = re.match(pattern, typed)
        if match:
            try:
                return dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
            except ValueError:
                raise InputError(f"Ngày '{text}' không tồn tại trong lịch.") from None
    raise InputError(f"Không đọc được ngày '{text}'. Hãy ghi dạng 26/08/2024 hoặc 2024-08-26.")


def period_vi(label: str | None) -> str:
    """The Vietnamese name of a period's label ("2026-Q4" → "quý IV/2026"), "không theo kỳ" for none."""
    return parse_period(label).label_vi if label else "không theo kỳ"


def format_day(day: dt.date) -> str:
    """ "Thứ Ba 24/09/2024"."""
    return f"{WEEKDAYS_VI[day.weekday()]} {day:%d/%m/%Y}"
