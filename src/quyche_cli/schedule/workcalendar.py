"""Vietnam's working calendar: the ``holidays`` package (VN, Vietnamese names) wrapped by the dated
overrides of the rules file, which always win."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from quyche_cli.rules.model import Calendar

Source = Literal["override", "library", "weekend", "weekday"]


@dataclass(frozen=True)
class DayInfo:
    day: dt.date
    working: bool
    name: str | None
    source: Source
    reference: str | None = None


@cache
def _library(country: str, year: int) -> Any:
    import holidays

    return holidays.country_holidays(country, years=year, language="vi")


@dataclass
class CalendarYear:
    """The special days of one year, as ``quyche calendar`` shows them."""

    year: int
    days: list[DayInfo]

    def as_dict(self) -> list[dict[str, Any]]:
        return [
            {"date": d.day, "working": d.working, "name": d.name, "source": d.source, "reference": d.reference}
            for d in self.days
        ]


class WorkCalendar:
    """Answers "is this a working day, and why" for the rules file's country."""

    def __init__(self, settings: Calendar) -> None:
        self.country = settings.country
        self.overrides = {o.date: o for o in settings.overrides}

    def info(self, day: dt.date) -> DayInfo:
        override = self.overrides.get(day)
        if override:
            return DayInfo(day, override.kind == "working_day", override.name, "override", override.source)
        library = _library(self.country, day.year)
        name = library.get(day)
        if name:
            return DayInfo(day, False, name, "library")
        if day in getattr(library, "weekend_workdays", ()):
            return DayInfo(day, True, "Ngày làm việc bù (thứ Bảy đi làm)", "library")
        if day.weekday() >= 5:
            return DayInfo(day, False, None, "weekend")
        return DayInfo(day, True, None, "weekday")

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
        return CalendarYear(year, found)
