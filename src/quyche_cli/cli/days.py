"""Days, periods and years as the user types them, checked against the years the rules file supports."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from quyche_cli import clock
from quyche_cli.errors import InputError

if TYPE_CHECKING:
    from quyche_cli.rules.index import Rules
    from quyche_cli.schedule.periods import Period


def parse_day(value: str | None, name: str) -> dt.date | None:
    """A date option as typed (26/08/2024 or 2024-08-26); InputError naming the option otherwise."""
    from quyche_cli.schedule.periods import parse_date

    if value is None:
        return None
    try:
        return parse_date(value)
    except InputError as error:
        raise InputError(f"{name}: {error}") from None


def _first_year(rules: Rules) -> tuple[int, str]:
    """The first year the regulation can concern (the year of the earliest date its file records), and the
    sentence that says why."""
    first = rules.first_recorded
    if first is None:
        return clock.today().year, "hôm nay (tệp quy chế không ghi ngày nào)"
    return first[0].year, f"mốc sớm nhất tệp quy chế ghi: {first[0]:%d/%m/%Y} ở {first[1]}"


def day_asked(as_of: str | None, rules: Rules | None = None) -> dt.date:
    """The day of ``--as-of``, today by default; with ``rules``, InputError for a day before the first year
    the rules file records (the regulation could not apply then)."""
    day = parse_day(as_of, "--as-of") or clock.today()
    if rules is not None:
        year, why = _first_year(rules)
        if day.year < year:
            raise InputError(
                f"--as-of {day:%d/%m/%Y} quá sớm: Quy chế chưa thể áp dụng; chỉ nhận ngày từ 01/01/{year} (năm của "
                f"{why})."
            )
    return day


def check_year(year: int, rules: Rules, what: str = "Năm") -> None:
    """InputError, saying the supported range, unless ``year`` lies between the first year the rules file
    records and the last year the holiday source computes for its country."""
    from quyche_cli.schedule.librarytable import covered, library_years

    first, why = _first_year(rules)
    country = rules.model.calendar.country
    if year < first or not covered(country, year):
        last = library_years(country)[1]
        raise InputError(
            f"{what} {year} nằm ngoài phạm vi: chỉ hỗ trợ các năm {first}–{last} (từ năm của {why}, đến năm cuối "
            "cùng thư viện holidays tính được lịch nghỉ)."
        )


def asked_period(rules: Rules, period: str | None, year: int | None) -> Period | None:
    """The period of ``--period``, refusing it beside ``--year``; both within the years :func:`check_year`
    supports."""
    if period and year:
        raise InputError("Chỉ dùng một trong hai: --period hoặc --year.")
    if year is not None:
        check_year(year, rules)
    return period_asked(rules, period) if period else None


def checked(rules: Rules, period: Period) -> Period:
    """``period``, if its year is one :func:`check_year` supports."""
    check_year(period.year, rules, f"Kỳ {period.label}: năm")
    return period


def period_asked(rules: Rules, text: str) -> Period:
    """The period typed for ``--period``, within the supported years."""
    from quyche_cli.schedule.periods import parse_period

    return checked(rules, parse_period(text))
