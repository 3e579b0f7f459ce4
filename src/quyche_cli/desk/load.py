"""The reporting load of each agency in a year, across the committees of a workspace: how many dated deadlines
it owes, the weeks where several fall together, the data cut-offs that differ between committees for the same
period, and the deadlines that leave less than one working day after the data cut-off."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from quyche_cli.rules.organisation import Organisation
from quyche_cli.schedule.deadlines import Obligation, Planner, Schedule, plan
from quyche_cli.schedule.workcalendar import WorkCalendar

if TYPE_CHECKING:
    from quyche_cli.rules.index import Rules
    from quyche_cli.rules.model import Agency


@dataclass
class LoadItem:
    """One dated deadline an agency owes: in which committee, for which period, and its data cut-off."""

    committee: str
    step: str
    what: str
    date: dt.date
    period: str | None
    stream: str | None
    ref: str
    data_from: dt.date | None = None
    data_to: dt.date | None = None
    working_days_after_cutoff: int | None = None  # working days after the data's last day, up to the deadline

    @property
    def tight(self) -> bool:
        return self.working_days_after_cutoff is not None and self.working_days_after_cutoff < 1


@dataclass
class CrowdedWeek:
    """A week (ISO) in which the agency owes several deadlines."""

    week: str
    monday: dt.date
    items: list[LoadItem]


@dataclass
class CutoffMismatch:
    """One period whose data the committees cut at different days: (committee, first day, last day) each."""

    period: str
    cutoffs: list[tuple[str, dt.date, dt.date]]


@dataclass
class AgencyLoad:
    id: str
    agency: str
    items: list[LoadItem]
    crowded_weeks: list[CrowdedWeek]
    cutoff_mismatches: list[CutoffMismatch]

    @property
    def by_committee(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for item in sorted(self.items, key=lambda i: i.committee):
            counts[item.committee] = counts.get(item.committee, 0) + 1
        return counts

    @property
    def tight(self) -> list[LoadItem]:
        return [item for item in self.items if item.tight]

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "agency": self.agency,
            "deadlines": len(self.items),
            "by_committee": self.by_committee,
            "items": [asdict(i) for i in self.items],
            "crowded_weeks": [asdict(w) for w in self.crowded_weeks],
            "cutoff_mismatches": [asdict(m) for m in self.cutoff_mismatches],
            "tight": [asdict(i) for i in self.tight],
        }


@dataclass
class ReportLoad:
    """``report-load``: each agency's deadlines of ``year`` across the committees, on the day ``as_of``."""

    year: int
    as_of: dt.date
    committees: list[str]
    agencies: list[AgencyLoad]
    notices: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "as_of": self.as_of,
            "committees": self.committees,
            "agencies": [a.as_dict() for a in self.agencies],
            "notices": self.notices,
        }


def owed(committee: str, rules: Rules, year: int) -> list[tuple[Agency, LoadItem]]:
    """Every dated deadline of ``year``'s periods in one committee, with the agency that owes it (the holder of
    the acting seat, or whoever carries its tasks; each reporter for the members' reports)."""
    schedule = plan(rules, year=year)
    planner = Planner(rules)
    calendar = WorkCalendar(rules.model.calendar)
    periods = {p.label: p for p in schedule.periods}
    recipients = {step.id: step.recipients for step in planner.steps()}
    streams = {s.id: s for s in planner.streams}
    found = []
    for item in schedule.obligations:
        if item.date is None or item.period is None:
            continue
        period = periods[item.period]
        organisation = Organisation(rules, period.end)
        if item.actor is None:
            units = organisation.reporters(recipients.get(item.step, []), streams.get(item.stream or ""))
        else:
            units = [organisation.stand_in(item.actor)] if item.actor in rules.members else []
        entry = _item(committee, item, schedule, calendar)
        for unit in units:
            agency = _agency(organisation, unit)
            if agency is not None:
                found.append((agency, entry))
    return found


def _item(committee: str, item: Obligation, schedule: Schedule, calendar: WorkCalendar) -> LoadItem:
    assert item.date is not None and item.period is not None
    entry = LoadItem(committee, item.step, item.what, item.date, item.period, item.stream, item.ref)
    cutoff = schedule.cutoffs.get(item.period)
    period = next(p for p in schedule.periods if p.label == item.period)
    if cutoff is not None:
        entry.data_from, entry.data_to = period.cutoff(cutoff.from_day, cutoff.to_day)
        days = (entry.data_to + dt.timedelta(days=n) for n in range(1, (item.date - entry.data_to).days + 1))
        entry.working_days_after_cutoff = sum(calendar.is_working_day(day) for day in days)
    return entry


def _agency(organisation: Organisation, unit: str) -> Agency | None:
    """The agency answering for ``unit`` (a seat or an agency) on the organisation's day."""
    rules = organisation.rules
    if unit in rules.members:
        seat = organisation.seat(unit)
        return seat.carrier or seat.agency
    return rules.agencies.get(unit)


def load_of(ident: str, name: str, items: list[LoadItem]) -> AgencyLoad:
    """One agency's load: its deadlines by date, the weeks holding several, the periods cut differently."""
    items = sorted(items, key=lambda i: (i.date, i.committee, i.step))
    weeks: dict[tuple[int, int], list[LoadItem]] = defaultdict(list)
    for item in items:
        weeks[item.date.isocalendar()[:2]].append(item)
    crowded = [
        CrowdedWeek(f"{year}-W{week:02d}", dt.date.fromisocalendar(year, week, 1), found)
        for (year, week), found in weeks.items()
        if len(found) > 1
    ]
    cuts: dict[str, dict[str, tuple[dt.date, dt.date]]] = defaultdict(dict)
    for item in items:
        if item.period and item.data_from and item.data_to:
            cuts[item.period].setdefault(item.committee, (item.data_from, item.data_to))
    mismatches = [
        CutoffMismatch(period, [(c, start, end) for c, (start, end) in sorted(by.items())])
        for period, by in cuts.items()
        if len(set(by.values())) > 1
    ]
    return AgencyLoad(ident, name, items, crowded, mismatches)
