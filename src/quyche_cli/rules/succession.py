"""The 2025-style reorganisations: which agency stands for a dissolved one on a given day, and what a
successor inherited. The regulation's text is never changed; these facts sit beside it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from quyche_cli.rules.index import Rules
from quyche_cli.rules.model import Agency


@dataclass(frozen=True)
class Inheritance:
    """Duties of ``predecessor`` taken over by a successor from ``date`` (all of them unless ``scope``)."""

    predecessor: Agency
    date: dt.date
    source: str
    scope: str | None = None


def current_agency(rules: Rules, agency_id: str, day: dt.date) -> Agency:
    """The agency that stands for ``agency_id`` on ``day``, following successors (bounded, cycle-safe)."""
    agency = rules.agencies[agency_id]
    for _ in range(len(rules.agencies)):
        succession = agency.successor
        if succession is None or day < succession.date or succession.agency not in rules.agencies:
            break
        agency = rules.agencies[succession.agency]
    return agency


def inherited(rules: Rules, agency_id: str, day: dt.date) -> list[Inheritance]:
    """What ``agency_id`` took over from dissolved agencies by ``day``, wholly or in part."""
    found = []
    for agency in rules.model.agencies:
        succession = agency.successor
        if succession is None or day < succession.date or agency.id == agency_id:
            continue
        if current_agency(rules, agency.id, day).id == agency_id:
            found.append(Inheritance(agency, succession.date, succession.source))
        for transfer in succession.transfers:
            if transfer.agency == agency_id:
                found.append(Inheritance(agency, succession.date, succession.source, transfer.scope))
    return found


def stand_in(rules: Rules, member_id: str, day: dt.date) -> str:
    """The member (or, for a new agency holding no role, the agency) answering for ``member_id`` on ``day``."""
    member = rules.members[member_id]
    if not member.agency or member.agency not in rules.agencies:
        return member_id
    agency = current_agency(rules, member.agency, day)
    if agency.id == member.agency:
        return member_id
    holders = rules.members_of(agency.id)
    return holders[0].id if holders else agency.id


def reporters_on(rules: Rules, day: dt.date) -> list[str]:
    """Who must send the periodic report on ``day``: each listed reporter, or whoever succeeded it."""
    reporting = rules.model.reporting
    seen: list[str] = []
    for member_id in reporting.reporters if reporting else []:
        who = stand_in(rules, member_id, day)
        if who not in seen:
            seen.append(who)
    return seen
