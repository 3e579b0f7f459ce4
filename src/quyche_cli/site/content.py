"""What the website says, gathered from the core's typed results for one day: the roster, each unit's duties
and deadlines of the year, the year's schedule and the next deadlines. Nothing here is derived anew, so the
site never says other than the command line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from quyche_cli.lookup.duties import DutiesReport, Roster, duties_of, roster
from quyche_cli.rules.index import Rules
from quyche_cli.rules.names import Target
from quyche_cli.rules.organisation import Organisation, concerned_agencies
from quyche_cli.schedule.deadlines import Schedule, Upcoming, following, plan, year_plans

UPCOMING = 5  # deadlines shown on the home page
# Deadlines the home page carries: the first UPCOMING shown, the others hidden until the browser, counting from
# its own today, finds the first ones past (the page is not rebuilt every day).
CARRIED = 3 * UPCOMING


@dataclass
class UnitPage:
    """The page of one seat of the committee, or of an existing agency: its duties and its deadlines."""

    path: str
    report: DutiesReport
    schedule: Schedule

    @property
    def name(self) -> str:
        member = self.report.member
        return member.title or member.agency or member.id

    @property
    def id(self) -> str:
        return self.report.member.id

    @property
    def dated(self) -> int:
        """How many of its obligations of the year have a date (and go into its .ics file)."""
        return sum(o.date is not None for o in self.schedule.obligations)

    @property
    def calendar(self) -> str:
        """Its .ics file, beside its page: ``thanh-vien/syt-han-2026.ics``."""
        return self.path.removesuffix(".html") + f"-han-{self.report.as_of.year}.ics"


@dataclass
class Marks:
    """What the full text says beside a provision: whose duties it assigns, who leads and who takes part, and
    what the reader must be told on the day (carried by a successor, no longer applying as written)."""

    owner: str | None = None
    lead: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    carried_by: str | None = None
    outdated: list[str] = field(default_factory=list)


@dataclass
class SiteContent:
    rules: Rules
    as_of: dt.date
    roster: Roster
    units: list[UnitPage]
    member_page: dict[str, str]  # member id -> its page
    agency_page: dict[str, str]  # agency id -> the page that speaks for it on the day
    year: Schedule
    upcoming: Upcoming  # what ``quyche deadlines --upcoming`` lists on the day, and the next ones
    marks: dict[str, Marks]
    notices: list[str]
    next_year: Schedule | None = None  # shown once the year's deadlines are past (None: the calendar ends)

    @property
    def source(self) -> str | None:
        """The rules file the site comes from, for the footer: "quyche.yaml (SHA-256 a3b268903ac9480b…)"."""
        origin = self.rules.origin
        return f"{Path(origin['path']).name} (SHA-256 {origin['sha256'][:16]}…)" if origin else None

    @cached_property
    def anchor_of(self) -> dict[str, str]:
        """Citation -> provision id, to link the citations that results carry as text."""
        return {p.citation: p.id for p in self.rules.provisions}


def _year(rules: Rules, as_of: dt.date, year: int | None = None) -> Schedule:
    """What ``quyche deadlines --year YEAR --as-of AS_OF`` answers (the year of ``as_of`` by
    default)."""
    return plan(rules, as_of=as_of, year=year or as_of.year)


def _unit(rules: Rules, target: Target, as_of: dt.date, folder: str, year: Schedule) -> UnitPage:
    return UnitPage(f"{folder}/{target.id}.html", duties_of(rules, target, as_of), year)


def _marks(rules: Rules, organisation: Organisation) -> dict[str, Marks]:
    """The marks of every provision that has one; who carries a task is said where it changes down the tree."""
    owners = {ident: m.id for m in reversed(rules.model.members) for ident in m.duty_ids}
    found = {}
    for provision in rules.provisions:
        duty = provision.duty
        carried = organisation.carried_note(provision)
        above = organisation.carried_note(provision.parent) if provision.parent else None
        marks = Marks(
            owner=owners.get(provision.id),
            lead=list(duty.lead) if duty else [],
            partners=list(duty.partners) if duty else [],
            carried_by=carried if carried != above else None,
            outdated=organisation.outdated_notes(provision),
        )
        if marks != Marks():
            found[provision.id] = marks
    return found


def upcoming(rules: Rules, as_of: dt.date, count: int = UPCOMING) -> Upcoming:
    """The next ``count`` dated obligations on or after ``as_of``: ``quyche deadlines --upcoming COUNT``."""
    return Upcoming(following(rules, as_of, count, lambda year: _year(rules, as_of, year=year)), as_of)


def gather(rules: Rules, as_of: dt.date) -> SiteContent:
    """Everything the website shows for ``as_of``: one page per seat and per existing agency (an agency that
    holds a seat is spoken for by the seat's page)."""
    organisation = Organisation(rules, as_of)
    committee = roster(rules, as_of)
    ids = [*rules.members, *(row["id"] for row in committee.rows), *(a.id for a in rules.model.agencies)]
    plans = year_plans(rules, list(dict.fromkeys(ids)), as_of, as_of.year)  # the year's dates once, not per page
    units = [
        _unit(rules, Target("member", row["id"]), as_of, "thanh-vien", plans[row["id"]])
        if row["id"] in rules.members
        else _unit(rules, Target("agency", row["id"]), as_of, "co-quan", plans[row["id"]])
        for row in committee.rows
    ]
    member_page = {m.id: f"thanh-vien/{m.id}.html" for m in rules.model.members}
    agency_page = {page.id: page.path for page in units if page.path.startswith("co-quan/")}
    for member in rules.model.members:
        holder = organisation.seat(member.id).agency
        if holder is not None and organisation.exists(holder):
            agency_page.setdefault(holder.id, member_page[member.id])
    concerned = rules.derived(concerned_agencies)
    for agency in rules.model.agencies:
        if organisation.exists(agency) and agency.id not in agency_page and agency.id in concerned:
            units.append(_unit(rules, Target("agency", agency.id), as_of, "co-quan", plans[agency.id]))
            agency_page[agency.id] = units[-1].path
    for member in rules.model.members:
        if member.agency:  # an ended agency: its seat's page tells its story
            agency_page.setdefault(member.agency, member_page[member.id])
    from quyche_cli.schedule.librarytable import covered

    year = plans[None]
    ahead = upcoming(rules, as_of, CARRIED)
    following_year = (
        _year(rules, as_of, year=as_of.year + 1) if covered(rules.model.calendar.country, as_of.year + 1) else None
    )
    notices = list(dict.fromkeys(committee.notices + year.notices + ahead.notices))
    marks = _marks(rules, organisation)
    return SiteContent(
        rules, as_of, committee, units, member_page, agency_page, year, ahead, marks, notices, following_year
    )
