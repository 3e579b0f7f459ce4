"""What one member (or a successor agency) must do under the regulation, as plain data."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from quyche_cli.rules.index import Provision, Rules
from quyche_cli.rules.mentions import mentions
from quyche_cli.rules.model import Agency, Member
from quyche_cli.rules.names import Target
from quyche_cli.rules.succession import current_agency, inherited
from quyche_cli.schedule.deadlines import Planner

Involvement = Literal["lead", "partner", "named"]
INVOLVEMENT_VI = {"lead": "chủ trì", "partner": "phối hợp", "named": "được nêu tên"}
BOUND_BY_COMMON_DUTIES = {"head", "standing_deputy_head", "deputy_head", "member", "other_members"}


@dataclass
class Item:
    """A provision as it concerns the member: verbatim text, citation and how the member takes part."""

    id: str
    ref: str
    text: str
    involvement: Involvement | None = None
    member: str | None = None  # for mentions: whose point it is, if anyone's


@dataclass
class MemberInfo:
    id: str
    title: str | None
    agency: str | None
    abbreviation: str | None
    role: str | None
    assigned_by: str | None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


@dataclass
class ReportingDuty:
    next_deadline: dt.date | None
    period: str | None
    recipients: list[str]
    ref: str
    rule: str
    wording: str | None


@dataclass
class Succession:
    """Notice for a dissolved agency (``successor``) or what a successor took over (``inherited``)."""

    successor: str | None = None
    successor_id: str | None = None
    date: dt.date | None = None
    source: str | None = None
    inherited: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class DutiesReport:
    member: MemberInfo
    as_of: dt.date
    duties: list[Item]
    common_duties: list[Item]
    mentions: list[Item]
    reporting: ReportingDuty | None
    succession: Succession | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _own_items(rules: Rules, member: Member) -> list[Item]:
    root = rules.by_id[member.duties]
    items = []
    for provision in root.walk():
        if provision is root or provision.kind not in ("clause", "point", "paragraph"):
            continue
        duty = provision.duty
        involvement: Involvement | None = None
        if duty and member.id in duty.lead:
            involvement = "lead"
        elif duty and member.id in duty.partners:
            involvement = "partner"
        items.append(Item(provision.id, provision.citation, provision.text or "", involvement))
    return items


def _is_common(provision: Provision) -> bool:
    return any(p.duty is not None and p.duty.applies_to == "all_members" for p in provision.lineage())


def _mentions(rules: Rules, member: Member | None, agency: Agency | None) -> list[Item]:
    own = rules.by_id[member.duties] if member else None
    found = []
    for provision in rules.provisions:
        if provision.kind in ("chapter", "article") or _is_common(provision):
            continue
        if own and own in provision.lineage():
            continue
        duty = provision.duty
        involvement: Involvement | None = None
        if member and duty and member.id in duty.lead:
            involvement = "lead"
        elif member and duty and member.id in duty.partners:
            involvement = "partner"
        elif agency and agency.id in mentions(rules).agencies(provision):
            involvement = "named"
        elif member and not agency and member.id in mentions(rules).groups(provision):
            involvement = "named"
        if involvement:
            owner = rules.owner(provision)
            found.append(
                Item(provision.id, provision.citation, provision.text or "", involvement, owner.id if owner else None)
            )
    return found


def _reporting(rules: Rules, member_id: str, as_of: dt.date) -> ReportingDuty | None:
    reporting = rules.model.reporting
    if reporting is None or member_id not in reporting.reporters:
        return None
    upcoming = Planner(rules).next_report_deadline(as_of)
    if upcoming is None:
        return None
    return ReportingDuty(
        upcoming.date, upcoming.period, upcoming.recipients, upcoming.ref, upcoming.rule, upcoming.wording
    )


def _succession(rules: Rules, agency: Agency | None, as_of: dt.date) -> Succession | None:
    if agency is None:
        return None
    notice = Succession()
    now = current_agency(rules, agency.id, as_of)
    if now is not agency and agency.successor:
        notice.successor, notice.successor_id = now.name, now.id
        notice.date, notice.source = agency.successor.date, agency.successor.source
    for inheritance in inherited(rules, agency.id, as_of):
        predecessors = rules.members_of(inheritance.predecessor.id)
        notice.inherited.append(
            {
                "from": inheritance.predecessor.name,
                "from_id": inheritance.predecessor.id,
                "date": inheritance.date,
                "source": inheritance.source,
                "scope": inheritance.scope,
                "duties": [asdict(item) for m in predecessors for item in _own_items(rules, m)],
            }
        )
    return notice if notice.successor or notice.inherited else None


def duties_of(rules: Rules, target: Target, as_of: dt.date) -> DutiesReport:
    """Everything the regulation asks of ``target`` as of ``as_of`` (which agencies are current)."""
    member = rules.members.get(target.id) if target.kind == "member" else None
    agency = rules.member_agency(member) if member else rules.agencies[target.id]
    info = MemberInfo(
        id=target.id,
        title=member.title if member else None,
        agency=agency.name if agency else None,
        abbreviation=agency.abbreviation if agency else None,
        role=member.role if member else None,
        assigned_by=rules.by_id[member.duties].citation if member else None,
        valid_from=agency.valid_from if agency else None,
        valid_to=agency.valid_to if agency else None,
    )
    common: list[Item] = []
    if member and member.role in BOUND_BY_COMMON_DUTIES:
        common = [
            Item(p.id, p.citation, "\n".join(rules.full_text(c) if c is not p else p.text or "" for c in p.walk()))
            for p in rules.provisions
            if p.duty is not None and p.duty.applies_to == "all_members"
        ]
    succession = _succession(rules, agency, as_of)
    reporting = _reporting(rules, member.id, as_of) if member else None
    if reporting is None and succession:
        heirs = [i["from_id"] for i in succession.inherited if i["scope"] is None]
        for predecessor in heirs:
            for held in rules.members_of(predecessor):
                reporting = reporting or _reporting(rules, held.id, as_of)
    return DutiesReport(
        member=info,
        as_of=as_of,
        duties=_own_items(rules, member) if member else [],
        common_duties=common,
        mentions=_mentions(rules, member, agency),
        reporting=reporting,
        succession=succession,
    )


@dataclass
class Roster:
    """One row per member for ``quyche members``."""

    rows: list[dict[str, Any]]

    def as_dict(self) -> list[dict[str, Any]]:
        return self.rows


def roster(rules: Rules) -> Roster:
    """Every member: identity, names, how many items it is assigned."""
    rows = []
    for member in rules.model.members:
        agency = rules.member_agency(member)
        rows.append(
            {
                "id": member.id,
                "title": member.title,
                "agency": agency.name if agency else None,
                "abbreviation": agency.abbreviation if agency else None,
                "aliases": [*member.aliases, *(agency.aliases if agency else [])],
                "role": member.role,
                "duties": rules.by_id[member.duties].citation,
                "points": len(_own_items(rules, member)),
                "valid_from": agency.valid_from if agency else None,
                "valid_to": agency.valid_to if agency else None,
                "successor": agency.successor.agency if agency and agency.successor else None,
            }
        )
    return Roster(rows)
