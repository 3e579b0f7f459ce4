"""Days, periods and years as the user types them, checked against the years the rules file supports."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from quyche_cli import clock
from quyche_cli.errors import InputError
from quyche_cli.schedule import years
from quyche_cli.schedule.years import check_day

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


def day_asked(as_of: str | None, rules: Rules | None = None) -> dt.date:
    """The day of ``--as-of``, today (in the calendar's time zone) by default; with ``rules``, InputError for a
    day before the first year the rules file records (the regulation could not apply then)."""
    day = parse_day(as_of, "--as-of")
    if rules is None:
        return day or clock.today()
    day = day or years.today(rules)
    check_day(rules, day)
    return day


def check_year(year: int, rules: Rules, what: str = "Năm") -> None:
    """InputError unless ``year`` is one the rules file supports (:func:`quyche_cli.schedule.years.check_year`)."""
    years.check_year(rules, year, what)


def asked_period(rules: Rules, period: str | None, year: int | None) -> Period | None:
    """The period of ``--period``, refusing it beside ``--year``; both within the years :func:`check_year`
    supports."""
    if period and year:
        raise InputError("Chỉ dùng một trong hai: --period hoặc --year.")
    if year is not None:
        check_year(year, rules)
    return period_asked(rules, period) if period else None


checked = years.checked_period
period_asked = years.period_of
