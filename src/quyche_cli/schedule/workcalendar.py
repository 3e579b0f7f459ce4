"""Vietnam's working calendar: the ``holidays`` package (VN, Vietnamese names) wrapped by the dated
overrides of the rules file, which always win. A year is official when the rules file records the
Government's decision for it, otherwise provisional (the library's estimate)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from quyche_cli.rules.model import Calendar, CalendarOverride
from quyche_cli.schedule.librarytable import YearDays, year_days
from quyche_cli.schedule.periods import format_day

Source = Literal["override", "library", "weekend", "weekday"]
# The library capitalises every word of a name; Vietnamese writes "Tết Nguyên đán" (names are shown so,
# while the library's own names stay the keys of its table).
USUAL_SPELLING = {"Nguyên Đán": "Nguyên đán"}
ASSUMED_VI = "giả định: đã công bố, chưa có văn bản làm ngày nghỉ"


def usual_spelling(name: str) -> str:
    """A holiday's name as Vietnamese writes it ("Mùng hai Tết Nguyên đán")."""
    for library, usual in USUAL_SPELLING.items():
        name = name.replace(library, usual)
    return name


@dataclass(frozen=True)
class DayInfo:
    day: dt.date
    working: bool
    name: str | None
    source: Source
    reference: str | None = None


def _new_moon_day(k: int, zone_hours: float = 7.0) -> int:
    """Julian day number of the ``k``-th new moon after 1900-01-01, in local time (Hồ Ngọc Đức's algorithm
    for the Vietnamese lunar calendar, after Meeus)."""
    t = k / 1236.85
    t2, t3, rad = t * t, t * t * t, math.pi / 180
    jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * rad)
    m = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * rad
    mpr = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * rad
    f = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * rad
    c = (0.1734 - 0.000393 * t) * math.sin(m) + 0.0021 * math.sin(2 * m) - 0.4068 * math.sin(mpr)
    c += 0.0161 * math.sin(2 * mpr) - 0.0004 * math.sin(3 * mpr) + 0.0104 * math.sin(2 * f)
    c += -0.0051 * math.sin(m + mpr) - 0.0074 * math.sin(m - mpr) + 0.0004 * math.sin(2 * f + m)
    c += -0.0004 * math.sin(2 * f - m) - 0.0006 * math.sin(2 * f + mpr) + 0.0010 * math.sin(2 * f - mpr)
    c += 0.0005 * math.sin(2 * mpr + m)
    delta = -0.000278 + 0.000265 * t + 0.000262 * t2 if t >= -11 else 0.001 + 0.000839 * t + 0.0002261 * t2
    return int(jd + c - delta + 0.5 + zone_hours / 24)


def lunar_day_before_new_year(day: dt.date, new_year: dt.date) -> int:
    """The day of tháng Chạp (the twelfth lunar month, of 29 or 30 days) that ``day`` falls on, ``day``
    being within the days before Tết Nguyên đán (``new_year``)."""
    jdn = new_year.toordinal() + 1721425
    k = round((jdn - 2415021.076998695) / 29.530588853)
    month_length = jdn - _new_moon_day(k - 1)
    return month_length - (new_year - day).days + 1


@dataclass
class CalendarYear:
    """The special days of one year, as ``quyche calendar`` shows them, and whether the year is official."""

    year: int
    days: list[DayInfo]
    official: bool = False
    source: str | None = None
    notices: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "official": self.official,
            "source": self.source,
            "days": [
                {"date": d.day, "working": d.working, "name": d.name, "source": d.source, "reference": d.reference}
                for d in self.days
            ],
            "notices": self.notices,
        }


class WorkCalendar:
    """Answers "is this a working day, and why" for the rules file's country."""

    def __init__(self, settings: Calendar) -> None:
        self.country = settings.country
        self.overrides = {o.date: o for o in settings.overrides}
        self.official = {y.year: y.source.label for y in settings.official_years}
        self.listed = {y.year for y in settings.official_years if y.listed}
        self.assume_announced = settings.assume_announced

    def provisional(self, days: Iterable[dt.date | None]) -> list[str]:
        """What dates computed on ``days`` rest on beyond decisions: a notice for each of their years whose days
        off are only the library's estimate, and for each day announced but not enacted that is counted as a
        day off (``--assume-announced``) in their years."""
        found = {d.year for d in days if d is not None}
        notices = [
            f"Lịch nghỉ năm {year} là dự kiến (ước tính của thư viện holidays): tệp quy chế chưa ghi quyết định "
            "chính thức của năm này; các hạn rơi vào năm này có thể thay đổi."
            for year in sorted(found - set(self.official))
        ]
        if self.assume_announced:
            chosen = [o for o in self.overrides.values() if o.kind == "announced" and o.date.year in found]
            notices += [self._assumed(o) for o in sorted(chosen, key=lambda o: o.date)]
        return notices

    @staticmethod
    def _assumed(override: CalendarOverride) -> str:
        return (
            f"{override.date:%d/%m/%Y} {override.name}: tính là ngày nghỉ theo giả định (--assume-announced hoặc "
            f"calendar.assume_announced): ngày này đã được công bố nhưng chưa có văn bản làm ngày nghỉ "
            f"({override.source}); các hạn tính qua ngày này có thể sai."
        )

    def info(self, day: dt.date) -> DayInfo:
        """Whether ``day`` is worked and why: a recorded decision first, then (except in a year whose days are
        all listed) the holiday library, then the week."""
        override = self.overrides.get(day)
        if override and override.kind in ("day_off", "working_day"):
            return DayInfo(day, override.kind == "working_day", override.name, "override", override.source)
        if override and override.kind == "announced" and self.assume_announced:
            assumed = f"{override.name} ({ASSUMED_VI})"
            return DayInfo(day, False, assumed, "override", override.source)
        if override or day.year in self.listed:
            weekend = day.weekday() >= 5
            return DayInfo(day, not weekend, None, "weekend" if weekend else "weekday")
        library = year_days(self.country, day.year)
        name = library.days_off.get(day)
        if name:
            return DayInfo(day, False, usual_spelling(self._lunar_name(library, day, name)), "library")
        if day in library.worked:
            return DayInfo(day, True, "Ngày làm việc bù (thứ Bảy đi làm)", "library")
        if day.weekday() >= 5:
            return DayInfo(day, False, None, "weekend")
        return DayInfo(day, True, None, "weekday")

    @staticmethod
    def _lunar_name(library: YearDays, day: dt.date, name: str) -> str:
        """The library calls the day before Giao thừa "29 Tết" even when tháng Chạp has 29 days (then it
        is the 28th): name it by its real lunar day, "28 tháng Chạp"."""
        if name != "29 Tết":
            return name
        new_year = next((d for d, n in sorted(library.days_off.items()) if n == "Tết Nguyên Đán" and d > day), None)
        return f"{lunar_day_before_new_year(day, new_year)} tháng Chạp" if new_year else name

    def is_working_day(self, day: dt.date) -> bool:
        return self.info(day).working

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        while count > 0:
            day += dt.timedelta(days=1)
            count -= self.is_working_day(day)
        return day

    def special_days(self, year: int) -> CalendarYear:
        """Holidays, days off and worked weekend days of ``year`` from the library and the overrides."""
        day, found = dt.date(year, 1, 1), []
        while day.year == year:
            info = self.info(day)
            if info.source in ("override", "library"):
                found.append(info)
            day += dt.timedelta(days=1)
        source = self.official.get(year)
        notices = self.provisional([dt.date(year, 1, 1)]) + self.set_aside(year)
        return CalendarYear(year, found, source is not None, source, notices)

    def set_aside(self, year: int) -> list[str]:
        """What ``year``'s calendar does not count, and why: announced days, weekly rest days the library
        counts as holidays, and in a listed year the library's days no recorded decision confirms."""
        found = []
        for override in sorted(self.overrides.values(), key=lambda o: o.date):
            if override.date.year != year:
                continue
            if override.kind == "announced" and not self.assume_announced:
                found.append(
                    f"{override.date:%d/%m/%Y} {override.name}: đã công bố nhưng chưa là ngày nghỉ chính thức "
                    f"({override.source}); không tính là ngày nghỉ (dùng --assume-announced, hoặc ghi "
                    "calendar.assume_announced: true, để tính)."
                )
            elif override.kind == "rest_day":
                found.append(
                    f"{override.date:%d/%m/%Y}: {override.name} ({override.source}); chỉ là ngày nghỉ hằng tuần."
                )
        if year in self.listed:
            library = year_days(self.country, year)
            days = {**{d: n for d, n in library.days_off.items()}, **{d: "ngày làm bù" for d in library.worked}}
            for day, name in sorted(days.items()):
                if day not in self.overrides:
                    found.append(
                        f"Thư viện holidays ghi {format_day(day)} ({usual_spelling(name)}): không có văn bản trong "
                        f"tệp quy chế cho năm {year}, không tính."
                    )
        return found
