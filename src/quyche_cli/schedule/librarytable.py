"""Vietnam's days off and worked Saturdays as the ``holidays`` package gives them, shipped as a table so that
start-up does not import the package (130–250 ms) for the years the table covers.

Regenerate after upgrading ``holidays``: ``python -m quyche_cli.schedule.librarytable``; a test fails
while the table and the installed package disagree.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

TABLE = "vn-days.json"
COUNTRY = "VN"
FIRST_YEAR, LAST_YEAR = 2020, 2035


@dataclass(frozen=True)
class YearDays:
    """One year of one country's calendar: named days off and worked weekend days."""

    days_off: dict[dt.date, str]
    worked: frozenset[dt.date]


def from_library(country: str, year: int) -> YearDays:
    """The year as the ``holidays`` package computes it, with Vietnamese names."""
    import holidays

    library = holidays.country_holidays(country, years=year, language="vi")
    worked = frozenset(d for d in getattr(library, "weekend_workdays", ()) if d.year == year)
    return YearDays(dict(library.items()), worked)


@cache
def library_years(country: str) -> tuple[int, int]:
    """The first and last year the ``holidays`` package computes for ``country``."""
    import holidays

    library = holidays.country_holidays(country)
    return library.start_year, library.end_year


def covered(country: str, year: int) -> bool:
    """Whether the days off of ``year`` can be known (the shipped table answers without the package)."""
    if country == COUNTRY and FIRST_YEAR <= year <= LAST_YEAR:
        return True
    start, end = library_years(country)
    return start <= year <= end


@cache
def _table() -> dict[str, Any]:
    return json.loads(Path(__file__).with_name(TABLE).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def year_days(country: str, year: int) -> YearDays:
    """The shipped table for Vietnam's covered years, the ``holidays`` package otherwise."""
    entry = _table().get(str(year)) if country == COUNTRY else None
    if entry is None:
        return from_library(country, year)
    days_off = {dt.date.fromisoformat(d): n for d, n in entry["days_off"].items()}
    return YearDays(days_off, frozenset(dt.date.fromisoformat(d) for d in entry["worked"]))


def write_table(path: Path) -> None:
    """Write the table of Vietnam's years FIRST_YEAR..LAST_YEAR from the installed ``holidays`` package."""
    from importlib.metadata import version

    table: dict[str, object] = {"holidays": version("holidays")}
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        days = from_library(COUNTRY, year)
        table[str(year)] = {
            "days_off": {d.isoformat(): n for d, n in sorted(days.days_off.items())},
            "worked": sorted(d.isoformat() for d in days.worked),
        }
    path.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_table(Path(__file__).with_name(TABLE))
