"""Reminders: for each member and its focal points (đầu mối), what falls due in N days (from the deadlines the
rules compute) and what is overdue (from the ledger), across every committee of the workspace: one message for
each recipient (the agency answering for a seat, wherever it sits), a part for each committee naming it and
its regulation, each item with its rule and the provision it comes from; and the letter that says it, as
plain text for chat or the body of an e-mail."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quyche_cli.ledger.store import Entry
    from quyche_cli.rules.index import Rules
    from quyche_cli.rules.model import Contact
    from quyche_cli.rules.opening import Committee
    from quyche_cli.schedule.deadlines import Obligation

DEFAULT_DAYS = (7, 1)


@dataclass
class Due:
    """A deadline ``days_left`` days away (0: today)."""

    obligation: Obligation
    days_left: int


@dataclass
class Overdue:
    """A report the ledger records as not sent, past its deadline (and past the đôn đốc's, if one was set)."""

    period: str
    stream: str
    deadline: dt.date
    days_over: int
    followup: dt.date | None


@dataclass
class Part:
    """What one committee asks of a recipient: the seat (or agency) ``member`` it holds there, named ``seat``,
    its deadlines ``days`` away and its reports overdue; ``source`` names the regulation its rules come from."""

    committee: str  # the committee's id in the workspace
    committee_name: str
    source: str
    member: str
    seat: str
    due: list[Due] = field(default_factory=list)
    overdue: list[Overdue] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "committee": {"id": self.committee, "name": self.committee_name, "source": self.source},
            "member": self.member,
            "seat": self.seat,
            "due": [{**asdict(d.obligation), "days_left": d.days_left} for d in self.due],
            "overdue": [asdict(o) for o in self.overdue],
        }


@dataclass
class Reminder:
    """One message: to the agency (or the seat without an agency) ``recipient`` and its focal points, with what
    each committee where it sits asks of it."""

    recipient: str
    name: str
    contacts: list[Contact]
    parts: list[Part] = field(default_factory=list)

    @property
    def emails(self) -> list[str]:
        return [c.email for c in self.contacts if c.email]

    @property
    def due(self) -> list[Due]:
        return [d for part in self.parts for d in part.due]

    @property
    def overdue(self) -> list[Overdue]:
        return [o for part in self.parts for o in part.overdue]

    @property
    def subject(self) -> str:
        parts = []
        if self.due:
            first = min(self.due, key=lambda d: d.days_left)
            parts.append(
                f"còn {first.days_left} ngày đến hạn báo cáo" if first.days_left else "hôm nay hết hạn báo cáo"
            )
        if self.overdue:
            parts.append(f"{len(self.overdue)} báo cáo quá hạn")
        return " ".join(f"Nhắc hạn: {self.name}: {', '.join(parts)}".split())  # one line: an e-mail header


@dataclass
class Round:
    """A round of reminders on ``day`` across ``committees`` (ids); ``notices`` say what could not be reminded."""

    committees: list[str]
    day: dt.date
    days: list[int]
    overdue_asked: bool
    reminders: list[Reminder]
    notices: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "committees": self.committees,
            "as_of": self.day,
            "days": self.days,
            "reminders": [
                {
                    "recipient": r.recipient,
                    "name": r.name,
                    "contacts": [c.model_dump(exclude_none=True) for c in r.contacts],
                    "subject": r.subject,
                    "parts": [part.as_dict() for part in r.parts],
                    "text": letter(self, r),
                }
                for r in self.reminders
            ],
            "notices": self.notices,
        }


def source_of(rules: Rules) -> str:
    """The regulation a committee's rules come from, as a reminder cites it: its title, and the instrument that
    issued it when the file records one (a draft says so)."""
    document = rules.model.document
    instrument = document.issuing_instrument
    issued = ""
    if instrument.number:
        when = f" ngày {instrument.date:%d/%m/%Y}" if instrument.date else ""
        issued = f", ban hành kèm theo {instrument.kind} số {instrument.number}{when}"
    draft = " (dự thảo)" if document.status == "draft" else ""
    return f"{document.title}{draft}{issued}"


def _recipient(rules: Rules, unit: str, day: dt.date) -> tuple[str, str, str, list[Contact]]:
    """Who is reminded of ``unit``'s reports (a seat, or an agency carrying inherited tasks) on ``day``: the
    key and name of the agency answering for it (the seat itself when no agency does), how the seat is named,
    and the agency's focal points."""
    from quyche_cli.rules.organisation import Organisation

    organisation = Organisation(rules, day)
    carrier = organisation.seat(unit).carrier if unit in rules.members else rules.agencies.get(unit)
    seat = organisation.name_of(unit)
    if carrier is None:
        return unit, seat, seat, []
    return carrier.id, carrier.name, seat, list(carrier.contacts)


def due_in(rules: Rules, unit: str, day: dt.date, days: list[int]) -> list[Due]:
    """The dated steps ``unit`` must do that fall exactly ``days`` days after ``day`` (each of them)."""
    from quyche_cli.schedule.deadlines import plan

    wanted = set(days)
    years = sorted({day.year, (day + dt.timedelta(days=max(days))).year})
    found = []
    for year in years:
        for item in plan(rules, member=unit, as_of=day, year=year).obligations:
            if item.date is not None and (item.date - day).days in wanted:
                found.append(Due(item, (item.date - day).days))
    unique = {(d.obligation.step, d.obligation.period, d.obligation.date): d for d in found}
    return sorted(unique.values(), key=lambda d: (d.days_left, d.obligation.what))


def overdue_of(entries: list[Entry], day: dt.date) -> dict[str, list[Overdue]]:
    """The reports the ledger records as missing, by member, whose deadline (or đôn đốc deadline) has passed."""
    found: dict[str, list[Overdue]] = {}
    for entry in entries:
        last = entry.followup or entry.deadline
        if entry.status == "missing" and last < day:
            item = Overdue(
                entry.key.period, entry.key.stream, entry.deadline, (day - entry.deadline).days, entry.followup
            )
            found.setdefault(entry.member, []).append(item)
    return found


def reminders(committees: list[Committee], day: dt.date, days: list[int], entries: list[Entry] | None = None) -> Round:
    """The round of reminders on ``day`` across ``committees``: each member with a deadline ``days`` away or,
    with ``entries`` (the ledger's, for ``--overdue``), a report overdue; one reminder for each recipient (the
    agency answering for the seats, whichever committee they are in), its parts in the committees' order."""
    from quyche_cli.rules.organisation import Organisation

    found: dict[str, Reminder] = {}
    for committee in committees:
        rules = committee.rules
        overdue = overdue_of([e for e in entries or [] if e.key.committee == committee.id], day)
        units = Organisation(rules, day).members()
        source = source_of(rules)
        for unit in dict.fromkeys([*units, *overdue]):
            due = due_in(rules, unit, day, days) if unit in units else []
            if not due and unit not in overdue:
                continue
            if unit not in rules.members and unit not in rules.agencies:
                continue  # a member the ledger knows that this rules file no longer has
            key, name, seat, contacts = _recipient(rules, unit, day)
            reminder = found.setdefault(key, Reminder(key, name, contacts))
            reminder.parts.append(Part(committee.id, committee.name, source, unit, seat, due, overdue.get(unit, [])))
    notices = [
        f"{r.name} chưa có đầu mối nhận nhắc hạn (agencies[].contacts trong sổ tổ chức hoặc tệp quy chế)."
        for r in found.values()
        if not r.contacts
    ]
    return Round([c.id for c in committees], day, sorted(days), entries is not None, list(found.values()), notices)


def _contact_line(contact: Contact) -> str:
    details = [d for d in (contact.role, contact.email, contact.phone) if d]
    return contact.name + (f" ({', '.join(details)})" if details else "")


def letter(round_: Round, reminder: Reminder) -> str:
    """The reminder as plain text: for a chat message, or as the body of an e-mail. Each committee's part names
    the committee and the regulation its rules come from; each deadline quotes its rule and provision."""
    lines = [f"Kính gửi: {reminder.name}"]
    if reminder.contacts:
        lines.append("Đầu mối: " + "; ".join(_contact_line(c) for c in reminder.contacts))
    lines += ["", f"Nhắc hạn báo cáo ngày {round_.day:%d/%m/%Y}."]
    for part in reminder.parts:
        seat = "" if part.seat == reminder.name else f" (ghế: {part.seat})"
        lines += ["", f"{part.committee_name} [{part.committee}]{seat}", f"Nguồn: {part.source}."]
        if part.due:
            lines.append("Sắp đến hạn:")
            for due in part.due:
                item = due.obligation
                when = "hôm nay" if due.days_left == 0 else f"còn {due.days_left} ngày"
                period = f" kỳ {item.period}" if item.period else ""
                to = ", ".join(item.recipients) or "—"
                lines.append(f"- {when}: {item.what}{period}, gửi {to}, hạn hết ngày {item.date:%d/%m/%Y}.")
                if item.wording:
                    lines.append(f'  Quy định: "{item.wording}" ({item.ref}).')
                else:
                    lines.append(f"  Quy định: {item.ref}.")
                lines.append(f"  Cách tính: {item.rule}")
        if part.overdue:
            lines.append("Quá hạn (theo sổ theo dõi):")
            for over in part.overdue:
                followed = f"; đã đôn đốc, hạn mới {over.followup:%d/%m/%Y} cũng đã qua" if over.followup else ""
                late = f"hạn {over.deadline:%d/%m/%Y}, quá {over.days_over} ngày"
                lines.append(f"- Báo cáo kỳ {over.period}: {late}, chưa nộp{followed}.")
    lines += ["", "Tin nhắn tự động từ quyche: các hạn tính theo Quy chế và lịch làm việc; xin đừng trả lời thư này."]
    return "\n".join(lines) + "\n"
