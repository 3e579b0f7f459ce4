"""The years a regulation can speak for, and the day it is asked about: one rule for the command line and
the Python API.

The first year is that of the earliest date the rules file records (a regulation cannot apply before it);
the last is the last year the holiday source computes for the calendar's country. "Today" is the calendar's
day, in its time zone (:func:`quyche_cli.clock.today`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from quyche_cli import clock
from quyche_cli.errors import InputError

if TYPE_CHECKING:
    from quyche_cli.rules.index import Rules


def today(rules: Rules) -> dt.date:
    """Today in the time zone of the regulation's calendar (``QUYCHE_TODAY`` fixes it)."""
    return clock.today(rules.model.calendar.timezone)


def first_year(rules: Rules) -> tuple[int, str]:
    """The first year the regulation can concern, and the sentence that says why."""
    first = rules.first_recorded
    if first is None:
        return today(rules).year, "hôm nay (tệp quy chế không ghi ngày nào)"
    return first[0].year, f"mốc sớm nhất tệp quy chế ghi: {first[0]:%d/%m/%Y} ở {first[1]}"


def check_day(day: dt.date, rules: Rules) -> dt.date:
    """``day`` (the day of ``--as-of``), or InputError when it lies before the first year of the regulation."""
    year, why = first_year(rules)
    if day.year < year:
        raise InputError(
            f"--as-of {day:%d/%m/%Y} quá sớm: Quy chế chưa thể áp dụng; chỉ nhận ngày từ 01/01/{year} (năm của {why})."
        )
    return day


def check_year(year: int, rules: Rules, what: str = "Năm") -> None:
    """InputError, saying the supported range, unless ``year`` lies between the first year the rules file
    records and the last year the holiday source computes for its country."""
    from quyche_cli.schedule.librarytable import covered, library_years

    first, why = first_year(rules)
    country = rules.model.calendar.country
    if year < first or not covered(country, year):
        last = library_years(country)[1]
        raise InputError(
            f"{what} {year} nằm ngoài phạm vi: chỉ hỗ trợ các năm {first}–{last} (từ năm của {why}, đến năm cuối "
            "cùng thư viện holidays tính được lịch nghỉ)."
        )
