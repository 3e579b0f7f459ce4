"""The years a regulation's deadlines can be worked out for: from the first year its file records to the last
year the holiday source computes for its country. The command line and the library refuse the same years."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from quyche_cli import clock
from quyche_cli.errors import InputError
from quyche_cli.rules.index import Rules

if TYPE_CHECKING:
    from quyche_cli.schedule.periods import Period


def today(rules: Rules) -> dt.date:
    """Today in the time zone of the regulation's calendar (``QUYCHE_TODAY`` fixes it)."""
    return clock.today(rules.model.calendar.timezone)


def first_year(rules: Rules) -> tuple[int, str]:
    """The first year the regulation can concern (the year of the earliest date its file records), and the
    words that say why."""
    first = rules.first_recorded
    if first is None:
        return today(rules).year, "hôm nay (tệp quy chế không ghi ngày nào)"
    return first[0].year, f"mốc sớm nhất tệp quy chế ghi: {first[0]:%d/%m/%Y} ở {first[1]}"


def check_year(rules: Rules, year: int, what: str = "Năm") -> None:
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


def check_day(rules: Rules, day: dt.date, option: str = "--as-of") -> None:
    """InputError for a day before the first year the rules file records (the regulation could not apply
    then)."""
    year, why = first_year(rules)
    if day.year < year:
        raise InputError(
            f"{option} {day:%d/%m/%Y} quá sớm: Quy chế chưa thể áp dụng; chỉ nhận ngày từ 01/01/{year} (năm của {why})."
        )


def checked_period(rules: Rules, period: Period) -> Period:
    """``period``, if its year is one :func:`check_year` supports (else InputError naming the period)."""
    check_year(rules, period.year, f"Kỳ {period.label}: năm")
    return period


def period_of(rules: Rules, text: str) -> Period:
    """The period ``text`` names (``--period``: "2026-Q3", "quý III/2026"…), within the supported years."""
    from quyche_cli.schedule.periods import parse_period

    return checked_period(rules, parse_period(text))
