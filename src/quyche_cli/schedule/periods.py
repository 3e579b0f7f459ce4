"""Reporting periods (quarters) and dates as people type them, with Vietnamese error messages."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from quyche_cli import text as vt
from quyche_cli.errors import InputError

ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


@dataclass(frozen=True, order=True)
class Period:
    """A calendar quarter."""

    year: int
    quarter: int

    @property
    def label(self) -> str:
        return f"{self.year}-Q{self.quarter}"

    @property
    def label_vi(self) -> str:
        return f"quý {'I II III IV'.split()[self.quarter - 1]}/{self.year}"

    @property
    def last_month(self) -> int:
        return self.quarter * 3

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.last_month - 2, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, self.last_month, calendar.monthrange(self.year, self.last_month)[1])

    def next(self) -> Period:
        return Period(self.year + 1, 1) if self.quarter == 4 else Period(self.year, self.quarter + 1)

    def cutoff(self, from_day: int, to_day: int, months: int = 3) -> tuple[dt.date, dt.date]:
        """Data period (Nghị định 09/2019 Điều 12) of the ``months`` ending with this quarter (3: the quarter,
        6: the half-year, 12: the year): from ``from_day`` of the month before them to ``to_day`` of the
        quarter's last month."""
        before = self.last_month - months
        start = dt.date(self.year, before, from_day) if before > 0 else dt.date(self.year - 1, before + 12, from_day)
        return start, dt.date(self.year, self.last_month, to_day)

    @classmethod
    def containing(cls, day: dt.date) -> Period:
        return cls(day.year, (day.month - 1) // 3 + 1)


_PATTERNS = [
    re.compile(r"^(?P<year>[0-9]{4}) ?-? ?q(?P<q>[0-9]+)$"),
    re.compile(r"^q(?P<q>[0-9]+) ?[/ .-] ?(?P<year>[0-9]{4})$"),
    re.compile(r"^(?:quý|quy|qui) (?P<q>[ivx]+|[0-9]+) ?(?:/|-|\.|năm|nam) ?(?P<year>[0-9]{4})$"),
    re.compile(r"^(?P<year>[0-9]{4}) ?- ?(?:quý|quy|qui) ?(?P<q>[ivx]+|[0-9]+)$"),
]


def parse_period(text: str) -> Period:
    """Read "2024-Q3", "2024Q3", "Q3/2024", "quý III/2024", "quý 3 năm 2024"."""
    typed = vt.clean(text).casefold()
    for pattern in _PATTERNS:
        match = pattern.match(typed)
        if match:
            q = match.group("q")
            quarter = ROMAN_QUARTERS.get(q) or (int(q) if q.isdigit() else 0)
            if not 1 <= quarter <= 4:
                raise InputError(f"Kỳ '{text}' không hợp lệ: quý phải từ 1 đến 4 (I–IV).")
            return Period(int(match.group("year")), quarter)
    raise InputError(f"Không đọc được kỳ '{text}'. Hãy ghi dạng 2024-Q3, Q3/2024 hoặc quý III/2024.")


_DATE_PATTERNS = [
    re.compile(r"^(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})$"),
    re.compile(r"^(?P<d>[0-9]{1,2})[/.-](?P<m>[0-9]{1,2})[/.-](?P<y>[0-9]{4})$"),
]


def parse_date(text: str) -> dt.date:
    """Read "2024-08-26" or "26/08/2024"; an impossible date (31/02) is an error that says so."""
    typed = vt.clean(text)
    for pattern in _DATE_PATTERNS:
        match = pattern.match(typed)
        if match:
            try:
                return dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
            except ValueError:
                raise InputError(f"Ngày '{text}' không tồn tại trong lịch.") from None
    raise InputError(f"Không đọc được ngày '{text}'. Hãy ghi dạng 26/08/2024 hoặc 2024-08-26.")


def format_day(day: dt.date) -> str:
    """ "Thứ Ba 24/09/2024"."""
    return f"{WEEKDAYS_VI[day.weekday()]} {day:%d/%m/%Y}"
