"""What one member (or an agency carrying inherited tasks) must do under the regulation on a given day."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from quyche_cli.rules.index import Provision, Rules
from quyche_cli.rules.mentions import mentions
from quyche_cli.rules.model import Agency, Member, cited
from quyche_cli.rules.names import Target
from quyche_cli.rules.organisation import Organisation, Seat
from quyche_cli.schedule.deadlines import next_by_stream
from quyche_cli.schedule.workcalendar import WorkCalendar

Involvement = Literal["lead", "partner", "named"]
INVOLVEMENT_VI = {"lead": "chủ trì", "partner": "phối hợp", "named": "được nêu tên"}
SeatState = Literal["held", "pending", "none", "ended"]
SUCCESSOR_ROLE = "Cơ quan kế thừa (chưa có ghế)"


def role_labels(rules: Rules) -> dict[str, str]:
    """The label of every role a seat has in ``rules`` (as the file names it), and of a seatless successor."""
    labels = {m.role: rules.role_label(m.role) for m in rules.model.members}
    return {**labels, "successor": SUCCESSOR_ROLE}


SEAT_VI = {"pending": "chờ kiện toàn", "held": "", "none": "", "ended": "đã chấm dứt"}


@dataclass
class Item:
    """A provision as it concerns the member: verbatim text, citation and how the member takes part."""

    id: str
    ref: str
    text: str
    involvement: Involvement | None = None
    member: str | None = None  # for mentions: whose point it is, if anyone's
    carried_by: str | None = None  # for a dissolved agency's tasks: who carries this one on the day
    outdated: list[str] = field(default_factory=list)  # why it no longer applies as written
    moves: list[str] = field(default_factory=list)  # what of it moved to or from another agency, when, by what


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
    seat: SeatState = "none"
    role_label: str | None = None
    body: str | None = None  # the sub-body (Tiểu ban, Tổ công tác) the seat belongs to
    seat_from: dt.date | None = None  # the seat's own life (a later decision adding it), not the agency's
    seat_to: dt.date | None = None
    seat_source: str | None = None
    holder: str | None = None  # the person holding the seat on the day, when the file names one


@dataclass
class ReportingDuty:
    """The next deadline of one reporting stream for the member: a step it does (``receives`` False) or,
    when it does none, a step sent to it."""

    stream: str
    stream_name: str
    next_deadline: dt.date | None
    period: str | None
    what: str
    actor: str
    recipients: list[str]
    receives: bool
    ref: str
    rule: str
    wording: str | None


@dataclass
class Succession:
    """For a dissolved agency, who carries its tasks (``successor``, ``carriers``); for a successor, what it
    took over (``inherited``)."""

    successor: str | None = None
    successor_id: str | None = None
    date: dt.date | None = None
    source: str | None = None
    carriers: list[dict[str, Any]] = field(default_factory=list)
    inherited: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class DutiesReport:
    member: MemberInfo
    as_of: dt.date
    duties: list[Item]
    common_duties: list[Item]
    mentions: list[Item]
    reporting: list[ReportingDuty]
    succession: Succession | None
    notices: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _involvement(provision: Provision, member: Member | None) -> Involvement | None:
    duty = provision.duty
    if member and duty and member.id in duty.lead:
        return "lead"
    if member and duty and member.id in duty.partners:
        return "partner"
    return None


def _item(
    organisation: Organisation,
    provision: Provision,
    member: Member | None = None,
    involvement: Involvement | None = None,
    agency: Agency | None = None,
) -> Item:
    """``provision`` as it concerns ``member`` (or ``agency``, which carries it), with why it no longer applies
    as written on the day and what of it moved between agencies."""
    involvement = involvement or _involvement(provision, member)
    outdated = organisation.outdated_notes(provision)
    moves = organisation.part_notes(provision, agency.id) if agency is not None else []
    return Item(provision.id, provision.citation, provision.text or "", involvement, outdated=outdated, moves=moves)


def _is_common(provision: Provision) -> bool:
    return any(p.duty is not None and p.duty.applies_to == "all_members" for p in provision.lineage())


def _mentions(organisation: Organisation, member: Member | None, agency: Agency | None) -> list[Item]:
    rules = organisation.rules
    own = set(rules.duties_nodes(member)) if member else set()
    found = []
    for provision in rules.provisions:
        if provision.kind in ("document", "chapter", "article") or _is_common(provision):
            continue
        if own.intersection(provision.lineage()):
            continue
        involvement = _involvement(provision, member)
        if involvement is None and (
            (agency and agency.id in mentions(rules).agencies(provision))
            or (member and not agency and member.id in mentions(rules).groups(provision))
        ):
            involvement = "named"
        if involvement:
            item = _item(organisation, provision, member, involvement)
            owner = rules.owner(provision)
            item.member = owner.id if owner else None
            item.carried_by = organisation.carried_note(provision)
            found.append(item)
    return found


def _common(organisation: Organisation, seats: list[Member]) -> list[Item]:
    """The duties of every member, for a unit answering for ``seats``: a duty that exempts one of them (the
    standing agency, whose tasks a successor now carries) does not bind the unit."""
    rules = organisation.rules
    found = []
    for p in rules.provisions:
        duty = p.duty
        if duty is None or duty.applies_to != "all_members":
            continue
        if not any(s.body is None and rules.role(s).bound for s in seats) or any(s.id in duty.exempt for s in seats):
            continue
        item = _item(organisation, p)
        item.text = "\n".join(rules.full_text(c) if c is not p else p.text or "" for c in p.walk())
        found.append(item)
    return found


def _reporting(organisation: Organisation, unit: str) -> list[ReportingDuty]:
    """The next deadline of every stream ``unit`` has a step in, as ``deadlines --upcoming`` finds it."""
    reporting = organisation.rules.model.reporting
    names = {s.id: s.name for s in reporting.streams} if reporting else {}
    return [
        ReportingDuty(
            o.stream or "",
            names.get(o.stream or "", ""),
            o.date,
            o.period,
            o.what,
            o.actor_label,
            o.recipients,
            receives,
            o.ref,
            o.rule,
            o.wording,
        )
        for o, receives in next_by_stream(organisation.rules, unit, organisation.day)
    ]


def _as_history(organisation: Organisation, agency: Agency, items: list[Item]) -> Succession:
    """A dissolved agency's tasks: who carries each of them on the day."""
    successor = organisation.successor(agency.id)
    assert agency.successor is not None
    notice = Succession(successor.name, successor.id, agency.successor.date, agency.successor.source.label)
    heirs = organisation.heirs(agency.id)
    carrier_of = {p.id: organisation.agency(ident).name for ident, provisions in heirs.items() for p in provisions}
    for item in items:
        item.carried_by = carrier_of.get(item.id)
    scopes = {t.agency: t.scope for t in agency.successor.transfers}
    notice.carriers = [
        {
            "agency": organisation.agency(ident).name,
            "agency_id": ident,
            "refs": [p.citation for p in provisions],
            "scope": scopes.get(ident),
        }
        for ident, provisions in heirs.items()
    ]
    return notice


def _inherited(organisation: Organisation, agency: Agency) -> list[dict[str, Any]]:
    return [
        {
            "from": i.predecessor.name,
            "from_id": i.predecessor.id,
            "kind": "succession" if organisation.ended(i.predecessor) else "handover",
            "date": i.date,
            "source": i.source.label,
            "scope": i.scope,
            "duties": [asdict(_item(organisation, p, agency=agency)) for p in i.points],
        }
        for i in organisation.inherited(agency.id)
    ]


def duties_of(rules: Rules, target: Target, as_of: dt.date) -> DutiesReport:
    """Everything the regulation asks of ``target`` on ``as_of``: its own tasks (as history, with who carries
    them now, when its agency has ended), the common duties, mentions, what it inherited, its next report."""
    organisation = Organisation(rules, as_of)
    member = rules.members.get(target.id) if target.kind == "member" else None
    agency = rules.member_agency(member) if member else rules.agencies[target.id]
    agency = organisation.current(agency) if agency else None
    gone = organisation.existence(agency) if agency else None
    held = None if member else organisation.seat_held_by(target.id)
    seat_id = member.id if member else held
    seat = organisation.seat(seat_id) if seat_id else None
    if member and seat and not gone and seat.agency is not agency:
        agency = seat.agency  # the seat was given to another agency by a recorded decision
    holder = agency if agency is not None and not gone else None  # an agency that goes on: what it handed over
    own = [_item(organisation, p, member, agency=holder) for p in organisation.tasks(member)] if member else []
    inherited = _inherited(organisation, agency) if agency and not gone else []
    seat_state: SeatState = "none"
    if gone:
        seat_state = "ended"
    elif seat:
        seat_state = "pending" if seat.pending else "held"
    role = rules.members[held].role if held else member.role if member else "successor" if inherited else None
    info = MemberInfo(
        id=target.id,
        title=(member.title if gone or not seat else seat.title) if member else seat.title if seat else None,
        agency=agency.name if agency else None,
        abbreviation=organisation.facts(agency.id).symbol if agency else None,
        role=role,
        assigned_by=_assigned_by(rules, member),
        valid_from=agency.valid_from if agency else None,
        valid_to=agency.valid_to if agency else None,
        seat=seat_state,
        role_label=role_labels(rules).get(role) if role else None,
        **_seat_facts(rules, rules.members.get(seat_id or "") or member, as_of),
    )
    notices = organisation.notices() + (organisation.agency_notices(agency.id) if agency else [])
    if member and not member.seated_on(as_of):
        notices.append(_unseated(member, as_of))
    succession = Succession(inherited=inherited) if inherited else None
    if gone:
        notices.append(gone + (" Các nhiệm vụ dưới đây là lịch sử theo văn bản." if own else ""))
        if agency is not None and agency.successor and organisation.ended(agency):
            succession = _as_history(organisation, agency, own)
            notices += _seat_notice(seat)
    if member:
        seats = [member, *organisation.stood_in_for(member.id)]
    elif held:
        seats = [rules.members[held], *organisation.stood_in_for(held)]
    else:
        seats = [s for i in organisation.inherited(target.id) for s in rules.members_of(i.predecessor.id)]
    reporting = [] if gone else _reporting(organisation, held or target.id)
    notices += WorkCalendar(rules.model.calendar).provisional(r.next_deadline for r in reporting)
    return DutiesReport(
        member=info,
        as_of=as_of,
        duties=own,
        common_duties=[] if gone else _common(organisation, seats),
        mentions=_mentions(organisation, member, agency),
        reporting=reporting,
        succession=succession,
        notices=notices,
    )


def _seat_facts(rules: Rules, member: Member | None, day: dt.date) -> dict[str, Any]:
    """A seat's own life and holder: the sub-body it belongs to, when it was set up or ended and by which
    decision, and who holds it on ``day``."""
    if member is None:
        return dict.fromkeys(("body", "seat_from", "seat_to", "seat_source", "holder"))
    body = rules.body_of(member)
    holder = next(
        (h.name for h in member.holders if (h.valid_from or day) <= day and (h.valid_to is None or day <= h.valid_to)),
        None,
    )
    return {
        "body": body.title if body else None,
        "seat_from": member.valid_from,
        "seat_to": member.valid_to,
        "seat_source": member.source.label if member.source else None,
        "holder": holder,
    }


def _unseated(member: Member, day: dt.date) -> str:
    """Why seat ``member`` is not on the committee on ``day``: not yet set up, or abolished."""
    source = f" ({cited(member.source.label)})" if member.source else ""
    if member.valid_from and day < member.valid_from:
        return (
            f"Ngày {day:%d/%m/%Y} ghế '{member.title}' chưa được lập: ghế có từ {member.valid_from:%d/%m/%Y}{source}."
        )
    assert member.valid_to is not None
    return f"Ghế '{member.title}' không còn từ sau ngày {member.valid_to:%d/%m/%Y}{source}."


def _assigned_by(rules: Rules, member: Member | None) -> str | None:
    """ "khoản 15 Điều 6": where the seat's own tasks are assigned (several joined by "; "), None if nowhere yet."""
    return "; ".join(p.citation for p in rules.duties_nodes(member)) or None if member else None


def _seat_notice(seat: Seat | None) -> list[str]:
    """What became of a dissolved agency's seat: pending, or given to another agency by a decision."""
    if seat is None or seat.agency is None:
        return []
    if seat.pending:
        return [f"Ghế '{seat.title}' chờ kiện toàn: chưa có quyết định giao ghế cho cơ quan kế thừa."]
    assert seat.since is not None and seat.source is not None
    return [
        f"Ghế này nay do {seat.agency.name} giữ ('{seat.title}') từ {seat.since:%d/%m/%Y} ({cited(seat.source.label)})."
    ]


@dataclass
class Roster:
    """The committee on one day: one row per seat, then agencies carrying inherited tasks without a seat."""

    as_of: dt.date
    rows: list[dict[str, Any]]
    notices: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"as_of": self.as_of, "members": self.rows, "notices": self.notices}


def roster(rules: Rules, as_of: dt.date) -> Roster:
    """Every seat and who holds it on ``as_of`` ("chờ kiện toàn" when its agency has ended), and every new
    agency that carries inherited tasks."""
    organisation = Organisation(rules, as_of)
    rows = []
    for ident in organisation.members():
        member = rules.members.get(ident)
        seat = organisation.seat(ident) if member else None
        agency = seat.agency if seat else organisation.agency(ident)
        inherited = organisation.inherited(agency.id) if agency and not (seat and seat.pending) else []
        rows.append(
            {
                "id": ident,
                "title": seat.title if seat else None,
                "agency": agency.name if agency else None,
                "abbreviation": organisation.facts(agency.id).symbol if agency else None,
                "aliases": [*(member.aliases if member else []), *(agency.aliases if agency else [])],
                "role": member.role if member else "successor",
                "role_label": role_labels(rules)[member.role if member else "successor"],
                **_seat_facts(rules, member, as_of),
                "seat": ("pending" if seat.pending else "held") if seat else "none",
                "carried_by": seat.carrier.name if seat and seat.pending and seat.carrier else None,
                "duties": _assigned_by(rules, member),
                "points": len(organisation.tasks(member))
                if member and (agency.id if agency else None) == member.agency
                else 0,
                "inherited_points": sum(len(i.points) for i in inherited),
                "valid_from": agency.valid_from if agency else None,
                "valid_to": agency.valid_to if agency else None,
                "successor": agency.successor.agency if agency and agency.successor else None,
            }
        )
    return Roster(as_of, rows, organisation.notices())
