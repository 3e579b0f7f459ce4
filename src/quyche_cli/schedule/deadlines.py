"""Dated obligations of the regulation: each date computed on the working calendar and explained."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from quyche_cli.errors import InputError
from quyche_cli.rules.index import Rules
from quyche_cli.rules.model import DataCutoff, Deadline, ReportingStep
from quyche_cli.rules.organisation import Organisation
from quyche_cli.schedule.periods import Period, format_day
from quyche_cli.schedule.workcalendar import WorkCalendar

REPORTERS = "reporters"


@dataclass
class Obligation:
    """One step of the reporting chain: dated when the text gives a deadline, else ``date`` is None."""

    step: str
    what: str
    ref: str
    actor: str | None
    actor_label: str
    recipients: list[str] = field(default_factory=list)
    date: dt.date | None = None
    rule: str = "Văn bản không quy định thời hạn cho bước này."
    period: str | None = None
    wording: str | None = None
    anchor: str | None = None  # the meeting's end date, for meeting-anchored steps


def _roll(cal: WorkCalendar, last: dt.date, deadline: Deadline, steps: list[str]) -> dt.date:
    info = cal.info(last)
    if info.working:
        steps.append(f"{last:%d/%m/%Y} là ngày làm việc")
        return last
    reason = info.name or ("ngày nghỉ cuối tuần" if info.source == "weekend" else "ngày nghỉ")
    if not deadline.roll_forward:
        steps.append(f"{format_day(last)} là {reason}, nhưng quy tắc không lùi hạn (roll_forward: false)")
        return last
    moved = cal.next_working_day(last)
    steps.append(f"{format_day(last)} là {reason} → hết hạn vào ngày làm việc tiếp theo, {format_day(moved)}")
    return moved


def period_deadline(cal: WorkCalendar, deadline: Deadline, period: Period) -> tuple[dt.date, str]:
    """Last day of a "day D of the quarter's last month" deadline, and how it was found."""
    assert deadline.day is not None
    month_days = calendar.monthrange(period.year, period.last_month)[1]
    nominal = dt.date(period.year, period.last_month, min(deadline.day, month_days))
    steps = []
    if deadline.inclusive:
        last = nominal
        steps.append(f"chậm nhất ngày {nominal:%d/%m/%Y} (tính cả ngày {nominal.day})")
    else:
        last = nominal - dt.timedelta(days=1)
        steps.append(f"trước ngày {nominal:%d/%m/%Y} → hết ngày {last:%d/%m/%Y}")
    day = _roll(cal, last, deadline, steps)
    return day, "; ".join(steps) + f". Căn cứ: {deadline.basis}"


def event_deadline(cal: WorkCalendar, deadline: Deadline, event: dt.date) -> tuple[dt.date, str]:
    """Last day of an "N days after the event" deadline; the event's day is not counted."""
    assert deadline.days is not None
    steps = [f"kết thúc ngày {event:%d/%m/%Y}, không tính ngày này"]
    if deadline.day_count == "working":
        last = cal.add_working_days(event, deadline.days)
        steps.append(f"cộng {deadline.days} ngày làm việc → {format_day(last)}")
    else:
        last = event + dt.timedelta(days=deadline.days)
        steps.append(f"cộng {deadline.days} ngày → {format_day(last)}")
    day = _roll(cal, last, deadline, steps)
    return day, "; ".join(steps) + f". Căn cứ: {deadline.basis}"


RECURS_IN = {"quarterly": {1, 2, 3, 4}, "half_yearly": {2}, "yearly": {4}, "none": set()}
REVIEWED = {"half_yearly": (6, "6 tháng"), "yearly": (12, "cả năm")}


class Planner:
    """Turns the reporting rules of a regulation into obligations for a period or a meeting."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.calendar = WorkCalendar(rules.model.calendar)

    def _label(self, ident: str, day: dt.date) -> str:
        """Who acts, by agency where there is one, naming the successor on ``day`` after a merger."""
        if ident == REPORTERS:
            return "Các thành viên phải báo cáo"
        seat = Organisation(self.rules, day).seat(ident)
        if seat.agency is None or seat.carrier is None:
            return seat.title
        return f"{seat.carrier.name} (kế thừa {seat.agency.name})" if seat.pending else seat.agency.name

    def _obligation(self, step: ReportingStep, period: Period) -> Obligation:
        source = self.rules.by_id.get(step.source)
        return Obligation(
            step=step.id,
            what=step.what,
            ref=source.citation if source else step.source,
            actor=None if step.actor == REPORTERS else step.actor,
            actor_label=self._label(step.actor, period.end),
            recipients=[self._label(r, period.end) for r in step.recipients],
            period=period.label,
            wording=step.deadline.wording if step.deadline else None,
        )

    def steps(self) -> list[ReportingStep]:
        reporting = self.rules.model.reporting
        return reporting.steps if reporting else []

    def meetings(self, period: Period, meeting_end: dt.date | None, kind: str | None) -> list[Obligation]:
        """The meetings due in ``period`` (undated: the text leaves the day to the chair), and the one held on
        ``meeting_end`` when given."""
        meetings = self.rules.model.meetings
        if meetings is None:
            return []
        source = self.rules.by_id.get(meetings.source)
        ref = source.citation if source else meetings.source
        found = []
        cutoff = self.rules.model.reporting.data_cutoff if self.rules.model.reporting else None
        for each in meetings.kinds:
            held = meeting_end if meeting_end and kind == each.id else None
            rule = "Ngày họp theo --meeting." if held else f"Văn bản không ấn định ngày họp ({ref})."
            if cutoff and each.recurrence in REVIEWED:
                months, span = REVIEWED[each.recurrence]
                start, end = period.cutoff(cutoff.from_day, cutoff.to_day, months)
                rule += f" Số liệu {span}: từ {start:%d/%m/%Y} đến {end:%d/%m/%Y} ({cutoff.source})."
            if period.quarter in RECURS_IN[each.recurrence] or held:
                found.append(
                    Obligation(
                        step=f"meeting_{each.id}",
                        what=each.name,
                        ref=ref,
                        actor=meetings.chair,
                        actor_label=self._label(meetings.chair, period.end),
                        period=period.label,
                        date=held,
                        rule=rule,
                        anchor=held.isoformat() if held else None,
                    )
                )
        return found

    def for_period(
        self, period: Period, meeting_end: dt.date | None = None, meeting_kind: str | None = None
    ) -> list[Obligation]:
        """The reporting chain of ``period`` and its meetings, in order; meeting-anchored steps only with
        ``meeting_end``."""
        before: list[Obligation] = []
        after: list[Obligation] = []
        for step in self.steps():
            item = self._obligation(step, period)
            deadline = step.deadline
            if deadline and deadline.anchor == "period_last_month":
                item.date, item.rule = period_deadline(self.calendar, deadline, period)
            elif deadline and deadline.anchor == "meeting_end":
                if meeting_end is None:
                    item.rule = f"Tính từ ngày kết thúc cuộc họp ({deadline.wording}): dùng --meeting NGÀY."
                else:
                    item.date, item.rule = event_deadline(self.calendar, deadline, meeting_end)
                    item.anchor = meeting_end.isoformat()
            (after if deadline and deadline.anchor == "meeting_end" else before).append(item)
        return before + self.meetings(period, meeting_end, meeting_kind) + after

    def for_member(self, obligations: list[Obligation], member: str, period: Period) -> list[Obligation]:
        """What ``member`` (a seat, or an agency carrying inherited tasks) must do among ``obligations``; a
        reporting step never goes to the one that receives it."""
        organisation = Organisation(self.rules, period.end)
        member = organisation.stand_in(member) if member not in self.rules.members else member
        recipients = {step.id: step.recipients for step in self.steps()}
        found = []
        for item in obligations:
            if item.actor is None:
                takes_part = member in organisation.reporters(recipients.get(item.step, []))
            else:
                takes_part = item.actor in self.rules.members and organisation.stand_in(item.actor) == member
            if takes_part:
                found.append(item)
        return found

    def report_deadline(self, period: Period) -> Obligation | None:
        """The members' periodic report of ``period`` (the first step done by the reporters)."""
        for item in self.for_period(period):
            if item.actor is None and item.date is not None:
                return item
        return None

    def next_report_deadline(self, today: dt.date) -> Obligation | None:
        """The members' next report deadline on or after ``today``."""
        period = Period.containing(today)
        for _ in range(2):
            item = self.report_deadline(period)
            if item is None:
                return None
            if item.date and item.date >= today:
                return item
            period = period.next()
        return None


@dataclass
class Schedule:
    """The obligations of one or more periods, as ``quyche deadlines`` shows them."""

    periods: list[Period]
    meeting: dt.date | None
    meeting_kind: str | None
    member: str | None
    obligations: list[Obligation]
    data_cutoff: DataCutoff | None = None
    notices: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "periods": [p.label for p in self.periods],
            "meeting": self.meeting,
            "meeting_kind": self.meeting_kind,
            "member": self.member,
            "obligations": [asdict(o) for o in self.obligations],
            "notices": self.notices,
        }


def plan(
    rules: Rules,
    periods: list[Period],
    meeting_end: dt.date | None = None,
    meeting_kind: str | None = None,
    member: str | None = None,
    as_of: dt.date | None = None,
) -> Schedule:
    """The obligations of ``periods`` (of ``member`` only, when given); a meeting belongs to the period asked
    for, or in a whole year to the quarter it falls in. The notices say what the text is on ``as_of`` (by
    default the end of the last period), why a dissolved member has nothing to do, and which dates rest on
    a provisional calendar."""
    kinds = [k.id for k in rules.model.meetings.kinds] if rules.model.meetings else []
    if meeting_kind and meeting_kind not in kinds:
        raise InputError(
            f"Loại cuộc họp '{meeting_kind}' không có trong tệp quy chế; chọn: {', '.join(kinds) or '(không có)'}."
        )
    planner = Planner(rules)
    meeting_period = Period.containing(meeting_end) if meeting_end else None
    obligations = []
    for each in periods:
        anchor = meeting_end if len(periods) == 1 or each == meeting_period else None
        found = planner.for_period(each, anchor, meeting_kind)
        obligations += planner.for_member(found, member, each) if member else found
    cutoff = rules.model.reporting.data_cutoff if rules.model.reporting else None
    organisation = Organisation(rules, as_of or periods[-1].end)
    notices = organisation.notices()
    if member:
        notices += _member_notices(Organisation(rules, periods[-1].end), member)
    notices += planner.calendar.provisional(o.date for o in obligations)
    return Schedule(periods, meeting_end, meeting_kind, member, obligations, cutoff, notices)


def _member_notices(organisation: Organisation, unit: str) -> list[str]:
    """Why a member has no obligation of its own at the end of the last period asked (its agency did not
    exist then), or whose obligations these are (its seat was given to another agency)."""
    rules = organisation.rules
    member = rules.members.get(unit)
    agency = rules.member_agency(member) if member else rules.agencies.get(unit)
    gone = organisation.existence(agency) if agency else None
    if gone:
        return [f"Cuối kỳ ({organisation.day:%d/%m/%Y}): {gone}"]
    seat = organisation.seat(unit) if member else None
    if seat and seat.agency is not None and agency is not None and seat.agency is not agency:
        return [f"Ghế của {agency.name} nay do {seat.agency.name} giữ: các việc dưới đây là của {seat.agency.name}."]
    return []
