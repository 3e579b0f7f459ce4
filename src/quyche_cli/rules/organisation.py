"""The organisation as of one day: which agencies exist, who holds each seat of the committee, which agency
carries each provision of the text, who reports, and what the reader must be told about the text itself.

The regulation's text never changes; the rules file records beside it the agencies' successions (with
transfers of specific provisions), the decisions that re-compose the committee's seats, the events that make
the text out of date and the regulation's own status. A successor inherits its predecessor's tasks at once;
it takes over a seat only when a recorded decision says so ("chờ kiện toàn" until then).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from quyche_cli import text as vt
from quyche_cli.rules.index import Provision, Rules
from quyche_cli.rules.model import (
    Agency,
    AgencyKind,
    Event,
    Handover,
    Member,
    Renaming,
    SourceRef,
    Stream,
    Transfer,
    cited,
)


@dataclass(frozen=True)
class Inheritance:
    """What an agency took over from ``predecessor`` on ``date``: all that was not transferred elsewhere
    (``scope`` None) or one transferred part, with the provisions of the text it now carries."""

    predecessor: Agency
    date: dt.date
    source: SourceRef
    scope: str | None
    points: list[Provision] = field(default_factory=list)


@dataclass(frozen=True)
class Seat:
    """A seat of the committee on the day: who holds it, and who carries its tasks."""

    member: Member
    title: str
    agency: Agency | None
    pending: bool = False
    carrier: Agency | None = None
    since: dt.date | None = None
    source: SourceRef | None = None


@dataclass(frozen=True)
class AgencyOnDay:
    """What an agency id stands for on one day: the name answers use, the full name document headers print,
    the symbol its documents carry (None while unconfirmed), its kind, the body above it in its headers and its
    head's title, whether it exists that day (or has ended), and since when these facts hold and on what source (the
    renaming in force, else the agency's own record)."""

    id: str
    day: dt.date
    name: str
    formal_name: str
    symbol: str | None
    kind: AgencyKind
    superior_body: str | None
    head: str | None
    layout: str
    exists: bool
    ended: bool  # its end date passed, or its successor took over (not yet created is neither)
    since: dt.date | None
    source: SourceRef | None
    renaming: Renaming | None = field(default=None, repr=False)
    earlier_names: tuple[str, ...] = ()

    @property
    def confirmed(self) -> bool:
        """Whether a document records these facts (not a note asking for confirmation, not an inference)."""
        return self.source is not None and self.source.document is not None and not self.source.inferred


def agency_on(rules: Rules, agency_id: str, day: dt.date) -> AgencyOnDay:
    """What ``agency_id`` stands for on ``day``: its last renaming by then applied (name, full name, symbol,
    head's title, superior body), the body above it defaulting to the regulation's (``document.superior_body``).
    The one place where an agency's facts of a day are worked out; KeyError for an id the rules lack."""
    agency = rules.agencies[agency_id]
    done = sorted((r for r in agency.renamed if r.date <= day), key=lambda r: r.date)
    last = done[-1] if done else None
    ended = bool(agency.successor and agency.successor.date <= day) or (
        agency.valid_to is not None and agency.valid_to < day
    )
    document = rules.model.document
    name = last.name if last else agency.name
    formal = last.formal_name if last else agency.formal_name
    if last:
        symbol = last.abbreviation
    else:
        symbol = None if agency.symbol_unconfirmed else agency.abbreviation
    return AgencyOnDay(
        id=agency.id,
        day=day,
        name=name,
        formal_name=formal or name,
        symbol=symbol,
        kind=agency.kind,
        superior_body=(last.superior_body if last else None) or agency.superior_body or document.superior_body,
        head=(last.head if last else None) or agency.head,
        layout=agency.layout,
        exists=agency.valid_on(day) and not ended,
        ended=ended,
        since=last.date if last else agency.valid_from,
        source=last.source if last else agency.source,
        renaming=last,
        earlier_names=(agency.name, *(r.name for r in done[:-1])) if last else (),
    )


def concerned_agencies(rules: Rules) -> set[str]:
    """The agencies a regulation concerns on any day: those its seats name (in the text or by a recorded
    decision), their successors and the agencies given part of their functions. In a workspace the registry
    holds the province's every agency; a regulation's pages and answers keep to these."""
    found = {m.agency for m in rules.model.members if m.agency}
    found |= {c.agency for m in rules.model.members for c in m.reassigned if c.agency}
    queue = list(found)
    while queue:
        agency = rules.agencies.get(queue.pop())
        succession = agency.successor if agency else None
        heirs = [succession.agency, *(t.agency for t in succession.transfers)] if succession else []
        for heir in heirs + [t.agency for t in agency.handovers] if agency else []:
            if heir not in found:
                found.add(heir)
                queue.append(heir)
    return found


class Organisation:
    """Answers "who is who" for one day, from the history recorded in the rules file."""

    def __init__(self, rules: Rules, day: dt.date) -> None:
        self.rules = rules
        self.day = day
        self._current: dict[str, Agency] = {}

    # -- agencies ----------------------------------------------------------------------------------------
    def current(self, agency: Agency) -> Agency:
        """``agency`` as it is on the day: its last renaming by then (name, symbol, head's title, header) applied,
        the older names kept as aliases. The same object for the same agency, so seats compare by identity."""
        if agency.id not in self._current:
            facts = agency_on(self.rules, agency.id, self.day)
            if facts.renaming is not None:
                last = facts.renaming
                update: dict[str, object] = {
                    "name": facts.name,
                    "formal_name": last.formal_name,
                    "aliases": [*agency.aliases, *facts.earlier_names],
                    "symbol_unconfirmed": facts.symbol is None,
                }
                update.update({k: v for k in ("abbreviation", "head", "superior_body") if (v := getattr(last, k))})
                agency = agency.model_copy(update=update)
            self._current[agency.id] = agency
        return self._current[agency.id]

    def facts(self, agency_id: str) -> AgencyOnDay:
        """What ``agency_id`` stands for on the day (:func:`agency_on`)."""
        return agency_on(self.rules, agency_id, self.day)

    def agency(self, agency_id: str) -> Agency:
        """The agency ``agency_id`` as it is on the day (see :meth:`current`)."""
        return self.current(self.rules.agencies[agency_id])

    def ended(self, agency: Agency) -> bool:
        """Whether ``agency`` no longer exists on the day (its end date passed, or its successor took over)."""
        return self.facts(agency.id).ended

    def exists(self, agency: Agency) -> bool:
        return self.facts(agency.id).exists

    def successor(self, agency_id: str) -> Agency:
        """The agency standing for ``agency_id`` on the day, following main successors (bounded, cycle-safe)."""
        return self.carrier(agency_id, None)

    def carrier(self, agency_id: str, provision: Provision | None) -> Agency:
        """The agency that carries ``provision`` (a task of ``agency_id`` in the text) on the day, following
        the transfers that name it, else the main successors."""
        return self.chain(agency_id, provision)[0]

    def _moves(self, agency: Agency) -> list[Transfer]:
        """The parts of ``agency``'s tasks moved elsewhere by the day: its handovers, then the transfers of its
        succession."""
        moved: list[Transfer] = [h for h in agency.handovers if h.date <= self.day]
        if agency.successor and agency.successor.date <= self.day:
            moved += agency.successor.transfers
        return moved

    def chain(self, agency_id: str, provision: Provision | None) -> tuple[Agency, list[tuple[Agency, Transfer]]]:
        """Who carries ``provision`` of ``agency_id`` on the day, following whole moves (handovers, transfers,
        main successors; bounded, cycle-safe), and who shares it by a partial move, with that move."""
        agencies = self.rules.agencies
        agency = agencies[agency_id]
        wanted = {p.id for p in provision.lineage()} if provision else set()
        shared: list[tuple[Agency, Transfer]] = []
        for _ in range(len(agencies)):
            moves = [t for t in self._moves(agency) if wanted & set(t.points) and t.agency in agencies]
            shared += [(self.agency(t.agency), t) for t in moves if t.partial]
            whole = next((t.agency for t in moves if not t.partial), None)
            succession = agency.successor
            if whole is None and (succession is None or succession.date > self.day):
                break
            moved = whole or (succession.agency if succession else "")
            if moved not in agencies:
                break
            agency = agencies[moved]
        return self.current(agency), shared

    def sharers(self, agency_id: str, provision: Provision) -> list[tuple[Agency, Transfer]]:
        """The agencies that carry part of ``provision`` of ``agency_id`` on the day (a provision split between
        bodies), each with the move that gave it that part."""
        return self.chain(agency_id, provision)[1]

    def inherited(self, agency_id: str) -> list[Inheritance]:
        """What ``agency_id`` carries of other agencies' tasks on the day (of dissolved agencies, and parts handed
        over by agencies that go on), one entry per predecessor."""
        found: list[Inheritance] = []
        for predecessor in self.rules.model.agencies:
            succession = predecessor.successor
            if succession and succession.date > self.day:
                succession = None
            if predecessor.id == agency_id or (succession is None and not self._moves(predecessor)):
                continue
            if not self.rules.members_of(predecessor.id):
                continue  # a registry's agency that held no seat in this regulation left nothing to it
            points = [p for seat in self.rules.members_of(predecessor.id) for p in self.tasks(seat)]
            carried = [
                p
                for p in points
                if self.carrier(predecessor.id, p).id == agency_id
                or any(a.id == agency_id for a, _ in self.sharers(predecessor.id, p))
            ]
            direct = [t for t in self._moves(predecessor) if t.agency == agency_id]
            main = succession is not None and self.successor(predecessor.id).id == agency_id
            if not (carried or direct or main):
                continue
            handed = next((t for t in direct if isinstance(t, Handover)), None)
            if handed and not main:
                date, source = handed.date, handed.source
            elif succession is not None:
                date, source = succession.date, next((t.source for t in direct if t.source), succession.source)
            else:
                continue
            scope = "; ".join(t.scope for t in direct) or None
            found.append(Inheritance(predecessor, date, source, scope, carried))
        return found

    def heirs(self, agency_id: str) -> dict[str, list[Provision]]:
        """Who carries a dissolved agency's tasks on the day: agency id -> the provisions of the text it
        carries, the main successor first; an agency given a part with no provision of the text gets []."""
        agency = self.rules.agencies[agency_id]
        found: dict[str, list[Provision]] = {self.successor(agency_id).id: []}
        for seat in self.rules.members_of(agency_id):
            for provision in self.tasks(seat):
                found.setdefault(self.carrier(agency_id, provision).id, []).append(provision)
        for transfer in agency.successor.transfers if agency.successor else []:
            found.setdefault(transfer.agency, [])
        found.pop(agency_id, None)
        return found

    def heirs_sentence(self, agency_id: str) -> str:
        """ "Sở Nội vụ (đoạn 1 khoản 7 Điều 6, …); Sở Y tế (…)": who carries what, for a message; the
        provisions are named only when they are shared out, a transferred part by its scope."""
        agency = self.rules.agencies[agency_id]
        scopes = {t.agency: t.scope for t in agency.successor.transfers} if agency.successor else {}
        heirs = self.heirs(agency_id)
        shared_out = sum(1 for provisions in heirs.values() if provisions) > 1
        parts = []
        for ident, provisions in heirs.items():
            detail = ", ".join(p.citation for p in provisions) if shared_out else ""
            detail = detail or (f"phần {scopes[ident]}" if ident in scopes else "")
            parts.append(self.agency(ident).name + (f" ({detail})" if detail else ""))
        return "; ".join(parts)

    def existence(self, agency: Agency) -> str | None:
        """Why ``agency`` does not exist on the day, if it does not."""
        if agency.valid_from and self.day < agency.valid_from:
            return f"{agency.name} chỉ được thành lập từ {agency.valid_from:%d/%m/%Y}."
        if not self.ended(agency):
            return None
        if agency.successor is None:
            gone = f"{agency.name} không còn hoạt động vào ngày {self.day:%d/%m/%Y}"
            return f"{gone}; tệp quy chế không ghi cơ quan kế thừa."
        return (
            f"{agency.name} đã chấm dứt hoạt động từ {agency.successor.date:%d/%m/%Y}; nhiệm vụ của cơ quan này "
            f"nay do {self.heirs_sentence(agency.id)} thực hiện."
        )

    def tasks(self, member: Member) -> list[Provision]:
        """The provisions that assign ``member``'s own tasks: the clauses, points and paragraphs under its
        duties node, or that node itself when it is a clause with nothing under it."""
        found: list[Provision] = []
        for root in self.rules.duties_nodes(member):
            below = [p for p in root.walk() if p is not root and p.kind in ("clause", "point", "paragraph", "item")]
            found += below or ([root] if root.kind in ("clause", "point", "paragraph", "item") else [])
        return found

    # -- seats ---------------------------------------------------------------------------------------------
    def seat(self, member_id: str) -> Seat:
        """Who holds seat ``member_id`` on the day; a dissolved holder's seat is pending until a decision."""
        member = self.rules.members[member_id]
        decided = [c for c in member.reassigned if c.date <= self.day]
        if decided:
            change = max(decided, key=lambda c: c.date)
            agency = self.agency(change.agency) if change.agency in self.rules.agencies else None
            title, since, source = change.title, change.date, change.source
        else:
            agency = self.rules.member_agency(member)
            agency = self.current(agency) if agency else None
            title, since, source = member.title, None, None
        if agency is None:
            return Seat(member, title, None, since=since, source=source)
        pending = self.ended(agency)
        carrier = self.successor(agency.id) if pending else agency
        return Seat(member, title, agency, pending, None if self.ended(carrier) else carrier, since, source)

    def addressee(self, member_id: str) -> str | None:
        """How a document addresses seat ``member_id`` on the day: the agency carrying its tasks, the office of
        a seat without an agency, or None when its agency ended and nobody carries its tasks."""
        seat = self.seat(member_id)
        if seat.carrier is not None:
            return seat.carrier.name
        return seat.title if seat.agency is None else None

    def name_of(self, unit: str) -> str:
        """How answers name a unit (a seat, or an agency carrying inherited tasks) on the day."""
        if unit in self.rules.members:
            return self.addressee(unit) or self.rules.members[unit].title
        return self.agency(unit).name

    def distinct_name(self, unit: str) -> str:
        """:meth:`name_of`, or the seat's title when its agency holds several seats (a name that resolves)."""
        member = self.rules.members.get(unit)
        if member and member.agency and len(self.rules.members_of(member.agency)) > 1:
            return self.seat(unit).title
        return self.name_of(unit)

    def seat_held_by(self, agency_id: str) -> str | None:
        """The seat ``agency_id`` holds on the day, if any."""
        for member in self.rules.model.members:
            seat = self.seat(member.id)
            if seat.agency is not None and seat.agency.id == agency_id and not seat.pending and self.seated(member.id):
                return member.id
        return None

    def unit(self, agency_id: str) -> str:
        """How an agency is identified in answers: the seat it holds on the day, else the agency itself."""
        return self.seat_held_by(agency_id) or agency_id

    def stood_in_for(self, member_id: str) -> list[Member]:
        """The pending seats whose tasks the holder of seat ``member_id`` carries on the day."""
        holder = self.seat(member_id).agency
        return [
            m
            for m in self.rules.model.members
            if m.id != member_id and holder is not None and (seat := self.seat(m.id)).pending and seat.carrier is holder
        ]

    def stand_in(self, member_id: str) -> str:
        """The unit answering on the day for seat ``member_id``'s tasks (its holder, or the successor), or
        for an agency (the seat it holds, else itself)."""
        if member_id not in self.rules.members:
            return self.unit(member_id)
        seat = self.seat(member_id)
        if seat.carrier is None or not seat.pending:
            return member_id
        return self.unit(seat.carrier.id)

    def reporters(self, recipients: list[str] | None = None, stream: Stream | None = None) -> list[str]:
        """Who must send the periodic report of ``stream`` (by default, of any stream) on the day (each
        reporter seat, or whoever carries its tasks), without those who would report to themselves: the
        agencies carrying the ``recipients`` seats (by default, the recipients of every step the reporters
        perform in the stream)."""
        reporting = self.rules.model.reporting
        if recipients is None and stream is None and reporting and reporting.streams:
            # every stream's reporters: a sub-body that receives in one stream still reports in another
            every = [unit for each in reporting.streams for unit in self.reporters(stream=each)]
            return list(dict.fromkeys(every))
        if recipients is None:
            steps = stream.steps if stream else reporting.steps if reporting else []
            recipients = [r for step in steps if step.actor == "reporters" for r in step.recipients]
        carriers = [self.seat(r).carrier for r in recipients]
        receiving = {carrier.id for carrier in carriers if carrier is not None}
        found: list[str] = []
        listed = stream.reporters if stream and stream.reporters is not None else None
        if listed is None:
            listed = reporting.reporters if reporting else []
        for member_id in listed:
            if not self.seated(member_id):
                continue
            seat = self.seat(member_id)
            if seat.agency is None:  # a sub-body or an office: it reports itself, unless it receives
                unit = member_id
                if member_id in recipients:
                    continue
            elif seat.carrier is None or seat.carrier.id in receiving:
                continue
            else:
                unit = self.stand_in(member_id)
            if unit not in found:
                found.append(unit)
        return found

    def seated(self, member_id: str) -> bool:
        """Whether seat ``member_id`` exists on the day (set up by then by its decision, not yet abolished)."""
        return self.rules.members[member_id].seated_on(self.day)

    def members(self) -> list[str]:
        """Seats, then the existing agencies that hold no seat but carry inherited tasks (in file order)."""
        extra = [
            a.id
            for a in self.rules.model.agencies
            if self.exists(a) and self.seat_held_by(a.id) is None and any(i.points for i in self.inherited(a.id))
        ]
        return [m.id for m in self.rules.model.members if m.seated_on(self.day)] + extra

    # -- the text ------------------------------------------------------------------------------------------
    @cached_property
    def events(self) -> list[Event]:
        """The recorded events that have happened by the day."""
        return [e for e in self.rules.model.events if e.date <= self.day]

    def outdated(self, provision: Provision) -> list[Event]:
        """Events after which ``provision`` no longer applies as written (it names the district level…)."""
        return [e for e in self.events if any(f" {vt.fold(p)} " in provision.folded for p in e.outdated_phrases)]

    def outdated_notes(self, provision: Provision) -> list[str]:
        """ "không còn áp dụng như văn bản viết từ 01/07/2025 (…)", once per event that outdates ``provision``."""
        return [
            f"không còn áp dụng như văn bản viết từ {e.date:%d/%m/%Y} ({e.summary})" for e in self.outdated(provision)
        ]

    def renamed_notes(self, provision: Provision) -> list[str]:
        """ "“Bộ Giao thông vận tải”: nay là Bộ Xây dựng (từ 01/03/2025, nguồn: …)", for each body the text of
        ``provision`` names under a name it no longer bears on the day."""
        return [
            f"“{r.old}”: {r.now} (từ {e.date:%d/%m/%Y}, {cited(e.source.label)})"
            for e in self.events
            for r in e.renamed_phrases
            if f" {vt.fold(r.old)} " in provision.folded
        ]

    def carried_note(self, provision: Provision) -> str | None:
        """Who carries ``provision`` on the day when its owner's agency no longer does, wholly or in part:
        "Sở Nội vụ; phần 'bảo trợ xã hội' do Sở Y tế (nguồn: …)"."""
        owner = self.rules.owner(provision)
        agency = self.rules.member_agency(owner) if owner else None
        if agency is None:
            return None
        carrier, shared = self.chain(agency.id, provision)
        if carrier.id == agency.id and not shared:
            return None
        if not shared:
            return carrier.name
        parts = [
            f"{sharer.name} (phần {t.scope}" + (f"; {cited(t.source.label)})" if t.source else ")")
            for sharer, t in shared
        ]
        return f"{carrier.name} (phần còn lại) và " + " và ".join(parts)

    def part_notes(self, provision: Provision, agency_id: str, verb: str = "thực hiện") -> list[str]:
        """What of ``provision`` the agency ``agency_id`` carries on the day, when the provision moved: "Công an
        tỉnh thực hiện phần …; phần còn lại do Sở Xây dựng thực hiện" for the body given a part, "phần … do Công
        an tỉnh thực hiện (từ 01/03/2025, nguồn: …)" for the body keeping the rest, "nay do Công an tỉnh thực
        hiện (từ 01/03/2025, nguồn: …)" for one that handed it over whole; each move with its date and source."""
        owner = self.rules.owner(provision)
        original = self.rules.member_agency(owner) if owner else None
        if original is None:
            return []
        carrier, shared = self.chain(original.id, provision)
        notes = []
        for sharer, move in shared:
            if sharer.id == agency_id:
                notes.append(f"{sharer.name} {verb} phần {move.scope}; phần còn lại do {carrier.name} {verb}")
            elif carrier.id == agency_id:
                notes.append(f"phần {move.scope} do {sharer.name} {verb}{_since(move)}")
        if carrier.id != agency_id and all(sharer.id != agency_id for sharer, _ in shared):
            wanted = {p.id for p in provision.lineage()}
            whole = next(
                (h for h in original.handovers if h.date <= self.day and not h.partial and wanted & set(h.points)),
                None,
            )
            notes.append(f"nay do {carrier.name} {verb}{_since(whole) if whole else ''}")
        return notes

    def carried_sentence(self, provision: Provision) -> str | None:
        """ "khoản 7 Điều 6: cơ quan được giao đã chấm dứt hoạt động; nay do … thực hiện.", or for a task handed
        over by an agency that goes on, "…: nhiệm vụ đã được chuyển; nay do … thực hiện."."""
        carrier = self.carried_note(provision)
        if carrier is None:
            return None
        owner = self.rules.owner(provision)
        agency = self.rules.member_agency(owner) if owner else None
        why = "cơ quan được giao đã chấm dứt hoạt động" if agency and self.ended(agency) else "nhiệm vụ đã được chuyển"
        return f"{provision.citation}: {why}; nay do {carrier} thực hiện."

    def notices(self) -> list[str]:
        """What every answer for the day must say about the text: its status and the events it predates."""
        doc = self.rules.model.document
        found = []
        if doc.status == "draft":
            found.append(
                "Văn bản là dự thảo, chưa được ban hành" + (f" ({doc.status_note})." if doc.status_note else ".")
            )
        elif doc.status in ("replaced", "repealed") or (doc.valid_to and doc.valid_to < self.day):
            end = f" từ {doc.valid_to:%d/%m/%Y}" if doc.valid_to else ""
            by = f", được thay thế bởi {doc.replaced_by}" if doc.replaced_by else ""
            found.append(f"Văn bản đã hết hiệu lực{end}{by}.")
        elif doc.valid_from and self.day < doc.valid_from:
            found.append(
                f"Văn bản chưa có hiệu lực vào ngày {self.day:%d/%m/%Y} (hiệu lực từ {doc.valid_from:%d/%m/%Y})."
            )
        found += self.changes()
        written = doc.issuing_instrument.date or doc.valid_from
        for event in self.events:
            if event.outdates_text and (written is None or written < event.date):
                found.append(
                    f"Từ {event.date:%d/%m/%Y}: {event.summary} ({cited(event.source.label)}). Văn bản được soạn "
                    "trước thay đổi này: nội dung giữ nguyên văn, cơ quan thực hiện được xác định theo ngày hỏi."
                )
        return found

    def changes(self) -> list[str]:
        """The renamings and handovers of the file's agencies that have happened by the day, with their sources:
        every answer naming these agencies names them as they are on the day."""
        found = []
        concerned = self.rules.derived(concerned_agencies)
        for agency in (a for a in self.rules.model.agencies if a.id in concerned):
            if agency.source and agency.source.document is None and agency.valid_from and self.exists(agency):
                found.append(f"{self.current(agency).name}: {agency.source.label}.")
            facts = self.facts(agency.id)
            if facts.renaming is not None and facts.source is not None:
                found.append(
                    f"Từ {facts.renaming.date:%d/%m/%Y}, {agency.name} mang tên {facts.formal_name}"
                    f" ({cited(facts.source.label)})."
                )
            for handover in agency.handovers:
                if handover.date <= self.day:
                    part = "một phần " if handover.partial else ""
                    found.append(
                        f"Từ {handover.date:%d/%m/%Y}, {part}nhiệm vụ {handover.scope} của {agency.name} chuyển sang "
                        f"{self.agency(handover.agency).name} ({cited(handover.source.label)})."
                    )
        return found

    def agency_notices(self, agency_id: str) -> list[str]:
        """Events recorded for one agency (a regional reorganisation) that have happened by the day."""
        return [
            f"Từ {e.date:%d/%m/%Y}: {e.summary} ({cited(e.source.label)})."
            for e in self.events
            if agency_id in e.agencies and not e.outdates_text
        ]


def _since(move: Transfer) -> str:
    """ " (từ 01/03/2025, nguồn: …)": when a move happened (a handover has its own date) and its source."""
    when = f"từ {move.date:%d/%m/%Y}" if isinstance(move, Handover) else ""
    source = cited(move.source.label) if move.source else ""
    inside = ", ".join(filter(None, (when, source)))
    return f" ({inside})" if inside else ""
