"""Answers across the committees of a workspace: each part is one committee's own answer, named by its
committee; each answer carries the day it speaks for and writes itself as JSON (``as_dict``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quyche_cli.lookup.duties import DutiesReport, Roster
    from quyche_cli.lookup.search import SearchResult
    from quyche_cli.rules.index import Rules
    from quyche_cli.schedule.deadlines import Obligation


@dataclass(frozen=True)
class CommitteeRef:
    """A committee as answers name it: its id (the regulation's file name), its name, its short name."""

    id: str
    name: str
    short: str
    file: str | None = None


def _notices(parts: list[tuple[CommitteeRef, list[str]]]) -> list[str]:
    """Each committee's notices, once each, prefixed with the committee's id."""
    return list(dict.fromkeys(f"{ref.id}: {notice}" for ref, notices in parts for notice in notices))


@dataclass
class CommitteeDuties:
    committee: CommitteeRef
    report: DutiesReport
    rules: Rules = field(repr=False, compare=False)  # names in the committee's own reporters; not in JSON


@dataclass
class AcrossDuties:
    """What one agency must do in every committee that concerns it, on ``as_of``."""

    asked: str
    as_of: dt.date
    committees: list[CommitteeDuties]

    @classmethod
    def of(cls, asked: str, as_of: dt.date, parts: list[tuple[CommitteeRef, DutiesReport, Rules]]) -> AcrossDuties:
        return cls(asked, as_of, [CommitteeDuties(*part) for part in parts])

    @property
    def notices(self) -> list[str]:
        return _notices([(c.committee, c.report.notices) for c in self.committees])

    def as_dict(self) -> dict[str, Any]:
        return {
            "asked": self.asked,
            "as_of": self.as_of,
            "committees": [{"committee": asdict(c.committee), **c.report.as_dict()} for c in self.committees],
            "notices": self.notices,
        }


@dataclass
class CommitteeRoster:
    committee: CommitteeRef
    roster: Roster
    rules: Rules = field(repr=False, compare=False)


@dataclass
class AcrossRoster:
    """The seats of each committee on ``as_of``."""

    as_of: dt.date
    committees: list[CommitteeRoster]

    @property
    def notices(self) -> list[str]:
        return _notices([(c.committee, c.roster.notices) for c in self.committees])

    def as_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "committees": [{"committee": asdict(c.committee), "members": c.roster.rows} for c in self.committees],
            "notices": self.notices,
        }


@dataclass
class Seat:
    """One seat an agency holds (or whose tasks it carries, ``carried``) in one committee."""

    committee: CommitteeRef
    id: str
    title: str | None
    role: str
    state: str
    duties: str | None
    carried: bool = False

    @classmethod
    def of(cls, committee: CommitteeRef, row: dict[str, Any], carried: bool) -> Seat:
        return cls(committee, row["id"], row["title"], row["role"], row["seat"], row["duties"], carried)


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
class CommitteeHits:
    committee: CommitteeRef
    result: SearchResult
    rules: Rules = field(repr=False, compare=False)


@dataclass
class AcrossSearch:
    """The hits of one query in every committee, each naming its committee."""

    query: str
    as_of: dt.date
    committees: list[CommitteeHits]

    @classmethod
    def of(cls, query: str, as_of: dt.date, parts: list[tuple[CommitteeRef, SearchResult, Rules]]) -> AcrossSearch:
        return cls(query, as_of, [CommitteeHits(*part) for part in parts])

    @property
    def hits(self) -> int:
        return sum(len(c.result.hits) for c in self.committees)

    @property
    def notices(self) -> list[str]:
        return _notices([(c.committee, c.result.notices) for c in self.committees if c.result.hits])

    def as_dict(self) -> dict[str, Any]:
        hits = [{"committee": asdict(c.committee), **asdict(hit)} for c in self.committees for hit in c.result.hits]
        return {"query": self.query, "as_of": self.as_of, "hits": hits, "notices": self.notices}
