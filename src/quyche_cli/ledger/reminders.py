"""Reminders: for each member and its focal points (đầu mối), what falls due in N days (from the deadlines the
rules file computes) and what is overdue (from the ledger), each item with its rule and the provision it
comes from; and the letter that says it, as plain text for chat or the body of an e-mail."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quyche_cli.ledger.store import Entry
    from quyche_cli.rules.index import Rules
    from quyche_cli.rules.model import Contact
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
class Reminder:
    """What one member is reminded of, and the focal points the reminder goes to."""

    member: str
    name: str
    contacts: list[Contact]
    due: list[Due] = field(default_factory=list)
    overdue: list[Overdue] = field(default_factory=list)

    @property
    def emails(self) -> list[str]:
        return [c.email for c in self.contacts if c.email]

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
    """A round of reminders on ``day`` for one committee; ``notices`` say what could not be reminded."""

    committee: str
    day: dt.date
    days: list[int]
    overdue_asked: bool
    reminders: list[Reminder]
    notices: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "committee": self.committee,
            "as_of": self.day,
            "days": self.days,
            "reminders": [
                {
                    "member": r.member,
                    "name": r.name,
                    "contacts": [c.model_dump(exclude_none=True) for c in r.contacts],
                    "subject": r.subject,
                    "due": [{**asdict(d.obligation), "days_left": d.days_left} for d in r.due],
                    "overdue": [asdict(o) for o in r.overdue],
                    "text": letter(self, r),
                }
                for r in self.reminders
            ],
            "notices": self.notices,
        }


def _contacts(rules: Rules, unit: str, day: dt.date) -> tuple[str, list[Contact]]:
    """How ``unit`` (a seat, or an agency carrying inherited tasks) is named on ``day``, and the focal points
    of the agency that answers for it."""
    from quyche_cli.rules.organisation import Organisation

    organisation = Organisation(rules, day)
    if unit in rules.members:
        carrier = organisation.seat(unit).carrier
    else:
        carrier = rules.agencies.get(unit)
    return organisation.name_of(unit), list(carrier.contacts) if carrier else []


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


def reminders(rules: Rules, committee: str, day: dt.date, days: list[int], entries: list[Entry] | None = None) -> Round:
    """The round of reminders on ``day``: each member with a deadline ``days`` away or, with ``entries`` (the
    ledger's, for ``--overdue``), a report overdue."""
    from quyche_cli.rules.organisation import Organisation

    overdue = overdue_of(entries, day) if entries is not None else {}
    units = Organisation(rules, day).members()
    found = []
    for unit in dict.fromkeys([*units, *overdue]):
        due = due_in(rules, unit, day, days) if unit in units else []
        if not due and unit not in overdue:
            continue
        if unit not in rules.members and unit not in rules.agencies:
            continue  # a member the ledger knows that this rules file no longer has
        name, contacts = _contacts(rules, unit, day)
        found.append(Reminder(unit, name, contacts, due, overdue.get(unit, [])))
    notices = [
        f"{r.name} chưa có đầu mối nhận nhắc hạn (agencies[].contacts trong tệp quy chế)."
        for r in found
        if not r.contacts
    ]
    return Round(committee, day, sorted(days), entries is not None, found, notices)


def _contact_line(contact: Contact) -> str:
    details = [d for d in (contact.role, contact.email, contact.phone) if d]
    return contact.name + (f" ({', '.join(details)})" if details else "")


def letter(round_: Round, reminder: Reminder) -> str:
    """The reminder as plain text: for a chat message, or as the body of an e-mail."""
    lines = [f"Kính gửi: {reminder.name}"]
    if reminder.contacts:
        lines.append("Đầu mối: " + "; ".join(_contact_line(c) for c in reminder.contacts))
    lines += ["", f"{round_.committee} nhắc hạn báo cáo (ngày {round_.day:%d/%m/%Y}):"]
    if reminder.due:
        lines += ["", "Sắp đến hạn:"]
        for due in reminder.due:
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
    if reminder.overdue:
        lines += ["", "Quá hạn (theo sổ theo dõi):"]
        for over in reminder.overdue:
            followed = f"; đã đôn đốc, hạn mới {over.followup:%d/%m/%Y} cũng đã qua" if over.followup else ""
            late = f"hạn {over.deadline:%d/%m/%Y}, quá {over.days_over} ngày"
            lines.append(f"- Báo cáo kỳ {over.period}: {late}, chưa nộp{followed}.")
    lines += ["", "Tin nhắn tự động từ quyche: các hạn tính theo Quy chế và lịch làm việc; xin đừng trả lời thư này."]
    return "\n".join(lines) + "\n"
