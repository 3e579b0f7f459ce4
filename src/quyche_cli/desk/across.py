"""Answers across the committees of a workspace: each part is one committee's own answer, named by its
committee; each answer carries the day it speaks for and writes itself as JSON (``as_dict``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quyche_cli.rules.index import Rules
    from quyche_cli.schedule.deadlines import Obligation
    from quyche_cli.schedule.workcalendar import WorkCalendar


@dataclass(frozen=True)
class CommitteeRef:
    """A committee as answers name it: its id (the regulation's file name), its name, its short name."""

    id: str
    name: str
    short: str
    file: str | None = None


@dataclass
class Part:
    """One committee's own answer (a duties report, a roster, search hits), with the rules its reporter names
    members from (not in JSON)."""

    committee: CommitteeRef
    result: Any
    rules: Rules = field(repr=False, compare=False)


@dataclass
class Across:
    """An answer gathered from several committees on ``as_of``, one part each."""

    as_of: dt.date
    committees: list[Part]

    @property
    def notices(self) -> list[str]:
        """Each part's notices, once each, prefixed with its committee's id."""
        found = (f"{part.committee.id}: {notice}" for part in self.committees for notice in part.result.notices)
        return list(dict.fromkeys(found))

    def parts(self) -> list[dict[str, Any]]:
        """Each part as JSON: its committee, then the keys of its own answer."""
        return [{"committee": asdict(part.committee), **part.result.as_dict()} for part in self.committees]


@dataclass
class AcrossDuties(Across):
    """What one agency (``asked``) must do in every committee that concerns it."""

    asked: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"asked": self.asked, "as_of": self.as_of, "committees": self.parts(), "notices": self.notices}


@dataclass
class AcrossRoster(Across):
    """The seats of each committee."""

    def as_dict(self) -> dict[str, Any]:
        return {"as_of": self.as_of, "committees": self.parts(), "notices": self.notices}


@dataclass
class AcrossLint(Across):
    """The drafting findings of every committee's regulation, one part each."""

    @property
    def failing(self) -> list[Any]:
        """The findings of every part that make ``--strict`` fail."""
        return [finding for part in self.committees for finding in part.result.failing]

    def as_dict(self) -> dict[str, Any]:
        return {"as_of": self.as_of, "committees": self.parts()}


@dataclass
class Seat:
    """One seat an agency holds (or whose tasks it carries, ``carried``) in one committee."""

    committee: CommitteeRef
    id: str
    title: str | None
    role: str  # as the committee's file names it ("Phó Trưởng ban Thường trực")
    state: str
    duties: str | None
    carried: bool = False

    @classmethod
    def of(cls, committee: CommitteeRef, row: dict[str, Any], role: str, carried: bool) -> Seat:
        """The seat of a roster's ``row``, its ``role`` as the committee's file names it."""
        return cls(committee, row["id"], row["title"], role, row["seat"], row["duties"], carried)


@dataclass
class AgencySeats:
    """Every seat of one agency across the committees on ``as_of`` (``members --agency``)."""

    asked: str
    agency: str
    as_of: dt.date
    seats: list[Seat]
    notices: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "asked": self.asked,
            "agency": self.agency,
            "as_of": self.as_of,
            "seats": [asdict(s) for s in self.seats],
        }


@dataclass
class UpcomingRow:
    committee: CommitteeRef
    obligation: Obligation
    days_left: int


@dataclass
class AcrossUpcoming:
    """The next deadlines of every committee from ``as_of``, in date order, each naming its committee."""

    as_of: dt.date
    rows: list[UpcomingRow]
    notices: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        upcoming = [
            {"committee": asdict(r.committee), **asdict(r.obligation), "days_left": r.days_left} for r in self.rows
        ]
        return {"as_of": self.as_of, "upcoming": upcoming, "notices": self.notices}


@dataclass
class AcrossSearch(Across):
    """The hits of one query in every committee, each naming its committee."""

    query: str = ""

    @property
    def hits(self) -> int:
        return sum(len(part.result.hits) for part in self.committees)

    def as_dict(self) -> dict[str, Any]:
        hits = [
            {"committee": asdict(part.committee), **asdict(hit)} for part in self.committees for hit in part.result.hits
        ]
        return {"query": self.query, "as_of": self.as_of, "hits": hits, "notices": self.notices}


@dataclass
class AuditIn:
    """An audit of a workspace's folder (or its grouped view), naming the committee and stream it was read
    against and how the committee was chosen."""

    committee: CommitteeRef
    chosen_by: str
    stream: str | None
    audit: Any

    @property
    def notices(self) -> list[str]:
        return list(self.audit.notices)

    def as_dict(self) -> dict[str, Any]:
        return {"committee": asdict(self.committee), "committee_chosen_by": self.chosen_by, **self.audit.as_dict()}


@dataclass
class AgencyCalendar:
    """The dated deadlines an agency owes in ``year`` in every committee, for one calendar (.ics)."""

    asked: str
    agency: str
    year: int
    as_of: dt.date
    committees: list[tuple[CommitteeRef, list[Obligation]]]
    working: WorkCalendar  # the province's working calendar: the events' alarms fall on its working days
    notices: list[str] = field(default_factory=list)

    @property
    def rows(self) -> list[tuple[CommitteeRef, Obligation]]:
        """Every dated deadline, by date."""
        found = [(ref, o) for ref, obligations in self.committees for o in obligations if o.date is not None]
        return sorted(found, key=lambda row: (row[1].date, row[0].id))

    def as_dict(self) -> dict[str, Any]:
        return {
            "asked": self.asked,
            "agency": self.agency,
            "year": self.year,
            "as_of": self.as_of,
            "deadlines": [{"committee": asdict(ref), **asdict(o)} for ref, o in self.rows],
            "notices": self.notices,
        }
