"""Dated obligations of the regulation: each date computed on the working calendar and explained."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from quyche_cli import clock
from quyche_cli.errors import InputError
from quyche_cli.rules.index import Rules
from quyche_cli.rules.model import DataCutoff, Deadline, ReportingStep, Stream
from quyche_cli.rules.organisation import Organisation
from quyche_cli.schedule.periods import KIND_VI, Kind, Period, format_day
from quyche_cli.schedule.workcalendar import WorkCalendar
from quyche_cli.schedule.years import check_year

REPORTERS = "reporters"
CYCLE_KIND: dict[str, Kind | None] = {
    "monthly": "month",
    "quarterly": "quarter",
    "half_yearly": "half",
    "yearly": "year",
    "every_n_days": "days",
    "on_request": None,
    "after_event": None,
}
CYCLE_VI = {
    "monthly": "hằng tháng",
    "quarterly": "hằng quý",
    "half_yearly": "6 tháng một lần",
    "yearly": "hằng năm",
    "every_n_days": "{} ngày một lần",
    "on_request": "theo yêu cầu",
    "after_event": "sau sự kiện",
}
UNDATED_VI = {"on_request": "theo yêu cầu", "meeting_end": "tính từ ngày kết thúc cuộc họp"}


@dataclass
class Obligation:
    """One step of a reporting chain: dated when the text gives a deadline that can be computed, else
    ``date`` is None and ``undated`` says why when the text has a deadline (on request, after an event)."""

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
    anchor: str | None = None  # the meeting's (or event's) end date, for steps counted from it
    stream: str | None = None
    undated: str | None = None


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


def _explained(cal: WorkCalendar, deadline: Deadline, last: dt.date, steps: list[str]) -> tuple[dt.date, str]:
    day = _roll(cal, last, deadline, steps)
    return day, "; ".join(steps) + f". Căn cứ: {deadline.basis}"


def _nominal(deadline: Deadline, period: Period) -> dt.date:
    """The day a day-of-month deadline names for ``period``: day D of its last month (``months_after``
    later), or the fixed day and month; a day the month lacks is its last day."""
    assert deadline.day is not None
    if deadline.anchor == "fixed_date":
        assert deadline.month is not None
        year, month = period.end.year + deadline.years_after, deadline.month
    else:
        index = period.end.year * 12 + period.last_month - 1 + deadline.months_after
        year, month = index // 12, index % 12 + 1
    return dt.date(year, month, min(deadline.day, calendar.monthrange(year, month)[1]))


def period_deadline(cal: WorkCalendar, deadline: Deadline, period: Period) -> tuple[dt.date, str]:
    """Last day of a deadline counted from ``period`` (day D of a month, a fixed date, or N days after the
    period's end), and how it was found."""
    if deadline.anchor == "period_end":
        return event_deadline(cal, deadline, period.end, "kỳ kết thúc ngày")
    if deadline.anchor == "within_period":
        return _explained(cal, deadline, period.end, [f"trong kỳ, chậm nhất ngày cuối kỳ {format_day(period.end)}"])
    nominal = _nominal(deadline, period)
    if deadline.inclusive:
        return _explained(cal, deadline, nominal, [f"chậm nhất ngày {nominal:%d/%m/%Y} (tính cả ngày {nominal.day})"])
    last = nominal - dt.timedelta(days=1)
    day, rule = _explained(cal, deadline, last, [f"trước ngày {nominal:%d/%m/%Y} → hết ngày {last:%d/%m/%Y}"])
    other = _roll(cal, nominal, deadline, [])
    return day, (
        f"{rule}. Cách đọc khác: nếu tính cả ngày {nominal.day} (như Nghị định số 09/2019/NĐ-CP, Điều 13 viết hạn "
        f"“chậm nhất vào ngày {nominal.day}”) thì hạn là {format_day(other)}; quyche áp dụng cách đọc đã ghi trong "
        "tệp quy chế (inclusive: false)"
    )


def event_deadline(
    cal: WorkCalendar, deadline: Deadline, event: dt.date, what: str = "kết thúc ngày"
) -> tuple[dt.date, str]:
    """Last day of an "N days after the event" deadline; the event's day is not counted."""
    assert deadline.days is not None
    steps = [f"{what} {event:%d/%m/%Y}, không tính ngày này"]
    if deadline.day_count == "working":
        last = cal.add_working_days(event, deadline.days)
        steps.append(f"cộng {deadline.days} ngày làm việc → {format_day(last)}")
    else:
        last = event + dt.timedelta(days=deadline.days)
        steps.append(f"cộng {deadline.days} ngày → {format_day(last)}")
    return _explained(cal, deadline, last, steps)


RECURS_IN = {"quarterly": {1, 2, 3, 4}, "half_yearly": {2}, "yearly": {4}, "none": set()}
REVIEWED = {"half_yearly": (6, "6 tháng"), "yearly": (12, "cả năm")}
PERIOD_ANCHORS = ("period_last_month", "fixed_date", "period_end", "within_period")


def stream_label(stream: Stream) -> str:
    """ "quarterly (Báo cáo định kỳ hằng quý, theo quý (2026-Q3 hoặc quý III/2026))"."""
    kind = CYCLE_KIND[stream.cycle]
    cycle = KIND_VI[kind] if kind else CYCLE_VI[stream.cycle]
    if stream.cycle == "every_n_days":
        cycle = f"{CYCLE_VI[stream.cycle].format(stream.every_days)}, từ {stream.starts:%d/%m/%Y}"
    return f"{stream.id} ({stream.name}, {cycle})"


class Planner:
    """Turns the reporting streams of a regulation into obligations for a period or a meeting."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.calendar = WorkCalendar(rules.model.calendar)
        reporting = rules.model.reporting
        self.streams = reporting.streams if reporting else []

    def _label(self, ident: str, day: dt.date) -> str:
        """Who acts, by agency where there is one, naming the successor on ``day`` after a merger."""
        if ident == REPORTERS:
            return self.rules.model.labels.reporters
        seat = Organisation(self.rules, day).seat(ident)
        if seat.agency is None or seat.carrier is None:
            return seat.title
        return f"{seat.carrier.name} (kế thừa {seat.agency.name})" if seat.pending else seat.agency.name

    def _obligation(self, step: ReportingStep, stream: Stream, period: Period | None, day: dt.date) -> Obligation:
        source = self.rules.by_id.get(step.source)
        return Obligation(
            step=step.id,
            what=step.what,
            ref=source.citation if source else step.source,
            actor=None if step.actor == REPORTERS else step.actor,
            actor_label=self._label(step.actor, day),
            recipients=[self._label(r, day) for r in step.recipients],
            period=period.label if period else None,
            wording=step.deadline.wording if step.deadline else None,
            stream=stream.id,
        )

    def steps(self) -> list[ReportingStep]:
        return [step for stream in self.streams for step in stream.steps]

    # -- streams and their periods ---------------------------------------------------------------------
    def stream_named(self, name: str) -> Stream:
        """The stream whose id is ``name``; InputError listing the streams otherwise."""
        found = next((s for s in self.streams if s.id == name), None)
        if found is None:
            raise InputError(f"Luồng báo cáo '{name}' không có trong tệp quy chế. {self._choices()}")
        return found

    def _choices(self, streams: list[Stream] | None = None) -> str:
        listed = "; ".join(stream_label(s) for s in (self.streams if streams is None else streams))
        return f"Các luồng báo cáo: {listed or '(không có)'}."

    def fits(self, stream: Stream, period: Period) -> bool:
        """Whether ``period`` is one of ``stream``'s periods (for a run of days: of its length and start)."""
        kind = CYCLE_KIND[stream.cycle]
        if kind != period.kind:
            return False
        if period.dates is None:
            return True
        return self.period_of(stream, period.start) == period

    def period_of(self, stream: Stream, day: dt.date) -> Period | None:
        """The period of ``stream`` that ``day`` falls in (None for a stream without periods, or a day
        before a run-of-days cycle starts)."""
        kind = CYCLE_KIND[stream.cycle]
        if kind is None:
            return None
        if kind != "days":
            return Period.containing(day, kind)
        assert stream.starts is not None and stream.every_days is not None
        if day < stream.starts:
            return None
        first = stream.starts + (day - stream.starts).days // stream.every_days * dt.timedelta(stream.every_days)
        return Period.of_days(first, first + dt.timedelta(days=stream.every_days - 1))

    def periods_in_year(self, stream: Stream, year: int) -> list[Period]:
        """Every period of ``stream`` ending in ``year``."""
        period = self.period_of(stream, max(dt.date(year, 1, 1), stream.starts or dt.date.min))
        found = []
        while period is not None and period.start.year <= year:
            if period.end.year == year:
                found.append(period)
            period = period.next()
        return found

    def refuse_kind(self, stream: Stream, period: Period) -> InputError:
        kind = CYCLE_KIND[stream.cycle]
        has = f"có kỳ {KIND_VI[kind]}" if kind else f"không theo kỳ ({CYCLE_VI[stream.cycle]})"
        if stream.cycle == "every_n_days":
            has += f", mỗi kỳ {stream.every_days} ngày tính từ {stream.starts:%d/%m/%Y}"
        return InputError(
            f"Kỳ '{period.label_vi}' không phải một kỳ của luồng '{stream.id}' ({stream.name}): luồng này {has}."
        )

    def _no_stream_for(self, period: Period, streams: list[Stream]) -> InputError:
        kind = "khoảng ngày" if period.dates else KIND_VI[period.kind].split(" (")[0]
        return InputError(f"Không luồng báo cáo nào có kỳ {kind} như '{period.label_vi}'. {self._choices(streams)}")

    def select(self, name: str | None, periods: Sequence[Period] = ()) -> list[Stream]:
        """The streams asked for: the one named (which must have ``periods``), or every stream that has
        them and every stream without periods; InputError when no stream has them."""
        if name is not None:
            stream = self.stream_named(name)
            wrong = next((p for p in periods if not self.fits(stream, p)), None)
            if wrong is not None:
                raise self.refuse_kind(stream, wrong)
            return [stream]
        found = [s for s in self.streams if CYCLE_KIND[s.cycle] is None or all(self.fits(s, p) for p in periods)]
        if periods and all(CYCLE_KIND[s.cycle] is None for s in found):
            raise self._no_stream_for(periods[0], self.streams)
        return found

    def report_stream(self, name: str | None, period: Period | None) -> Stream:
        """The one periodic stream whose members report (for an audit or a report form): the one named, or
        the only one that has ``period``; InputError naming the streams otherwise."""
        periodic = self.report_streams()
        if name is not None:
            stream = self.stream_named(name)
            if stream not in periodic:
                why = f"Luồng '{stream.id}' không có hạn nộp báo cáo theo kỳ của các thành viên."
                raise InputError(f"{why} {self._choices(periodic)}")
            if period is not None and not self.fits(stream, period):
                raise self.refuse_kind(stream, period)
            return stream
        found = [s for s in periodic if period is None or self.fits(s, period)]
        if len(found) == 1:
            return found[0]
        if not found and period is not None:
            raise self._no_stream_for(period, periodic)
        if not found:
            raise InputError("Tệp quy chế không có hạn báo cáo định kỳ của các thành viên (reporting.streams).")
        raise InputError(f"Tệp quy chế có {len(found)} luồng báo cáo; chọn một bằng --stream. {self._choices(found)}")

    def report_streams(self) -> list[Stream]:
        """The streams with periods in which the members report by a deadline."""
        return [s for s in self.streams if CYCLE_KIND[s.cycle] and self._report_step(s)]

    @staticmethod
    def _report_step(stream: Stream) -> ReportingStep | None:
        """The members' report of ``stream``: the first step the reporters do with a deadline."""
        return next((s for s in stream.steps if s.actor == REPORTERS and s.deadline), None)

    # -- obligations -----------------------------------------------------------------------------------
    def meetings(self, period: Period, meeting_end: dt.date | None, kind: str | None) -> list[Obligation]:
        """The meetings due in quarter ``period`` (undated: the text leaves the day to the chair), and the
        one held on ``meeting_end`` when given."""
        meetings = self.rules.model.meetings
        if meetings is None or period.kind != "quarter":
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

    def _dated(
        self,
        item: Obligation,
        deadline: Deadline,
        period: Period | None,
        meeting_end: dt.date | None,
        event: dt.date | None,
    ) -> None:
        """Date ``item`` by ``deadline`` where it can be computed; else say what it waits for."""
        if deadline.anchor in PERIOD_ANCHORS and period is not None:
            item.date, item.rule = period_deadline(self.calendar, deadline, period)
            return
        held = meeting_end if deadline.anchor == "meeting_end" else event if deadline.anchor == "event" else None
        if held is not None:
            item.date, item.rule = event_deadline(self.calendar, deadline, held)
            item.anchor = held.isoformat()
        elif deadline.anchor == "on_request":
            item.undated, item.rule = UNDATED_VI["on_request"], f"Không tính được hạn: {deadline.wording}."
        elif deadline.anchor == "meeting_end":
            item.undated = UNDATED_VI["meeting_end"]
            item.rule = f"Tính từ ngày kết thúc cuộc họp ({deadline.wording}): dùng --meeting NGÀY."
        else:
            item.undated = f"tính từ ngày {deadline.event}"
            item.rule = f"Tính từ ngày {deadline.event} ({deadline.wording}): dùng --event NGÀY."

    def _chain(
        self, stream: Stream, period: Period | None, meeting_end: dt.date | None, event: dt.date | None, day: dt.date
    ) -> tuple[list[Obligation], list[Obligation]]:
        """The steps of ``stream`` for ``period``: those before the meeting, and those counted from it."""
        before: list[Obligation] = []
        after: list[Obligation] = []
        for step in stream.steps:
            item = self._obligation(step, stream, period, day)
            if step.deadline:
                self._dated(item, step.deadline, period, meeting_end, event)
            anchor = step.deadline.anchor if step.deadline else None
            (after if anchor in ("meeting_end", "event") else before).append(item)
        return before, after

    def for_period(
        self,
        period: Period,
        meeting_end: dt.date | None = None,
        meeting_kind: str | None = None,
        streams: list[Stream] | None = None,
        event: dt.date | None = None,
    ) -> list[Obligation]:
        """The reporting chains of ``period`` (of ``streams``, by default every stream that has such a
        period) and its meetings, in order; steps counted from a meeting only with ``meeting_end``."""
        before: list[Obligation] = []
        after: list[Obligation] = []
        for stream in streams if streams is not None else [s for s in self.streams if self.fits(s, period)]:
            first, then = self._chain(stream, period, meeting_end, event, period.end)
            before += first
            after += then
        return before + self.meetings(period, meeting_end, meeting_kind) + after

    def unperiodic(
        self, stream: Stream, meeting_end: dt.date | None, event: dt.date | None, day: dt.date
    ) -> list[Obligation]:
        """The steps of a stream without periods (on request, after an event)."""
        first, then = self._chain(stream, None, meeting_end, event, day)
        return first + then

    def for_member(self, obligations: list[Obligation], member: str, day: dt.date) -> list[Obligation]:
        """What ``member`` (a seat, or an agency carrying inherited tasks) must do among ``obligations``; a
        reporting step never goes to the one that receives it."""
        organisation = Organisation(self.rules, day)
        member = organisation.stand_in(member) if member not in self.rules.members else member
        recipients = {step.id: step.recipients for step in self.steps()}
        reporters = {s.id: s for s in self.streams}
        found = []
        for item in obligations:
            if item.actor is None:
                stream = reporters.get(item.stream or "")
                takes_part = member in organisation.reporters(recipients.get(item.step, []), stream)
            else:
                takes_part = item.actor in self.rules.members and organisation.stand_in(item.actor) == member
            if takes_part:
                found.append(item)
        return found

    def report_deadline(self, period: Period, stream: Stream | None = None) -> Obligation | None:
        """The members' periodic report of ``period`` in ``stream`` (by default any stream that has such a
        period): the first dated step done by the reporters."""
        for each in [stream] if stream else [s for s in self.streams if self.fits(s, period)]:
            for item in self.for_period(period, streams=[each]):
                if item.actor is None and item.date is not None:
                    return item
        return None

    def step_of(self, item: Obligation) -> ReportingStep | None:
        """The step of the rules file ``item`` is an obligation of (in its own stream); None for a meeting."""
        streams = [s for s in self.streams if s.id == item.stream] or self.streams
        return next((step for stream in streams for step in stream.steps if step.id == item.step), None)

    def receives(self, item: Obligation, unit: str, organisation: Organisation) -> bool:
        """Whether ``unit`` (on the organisation's day) receives the step of ``item``."""
        step = self.step_of(item)
        return step is not None and any(organisation.stand_in(r) == unit for r in step.recipients)

    def received_by(self, obligations: list[Obligation], member: str, day: dt.date) -> list[Receipt]:
        """What ``member`` (a seat, or an agency carrying inherited tasks) receives among ``obligations`` on
        ``day``, each with who sends it: the units that report in that stream for a members' report, else
        the seat that acts."""
        organisation = Organisation(self.rules, day)
        unit = member if member in self.rules.members else organisation.stand_in(member)
        streams = {s.id: s for s in self.streams}
        found = []
        for item in obligations:
            if not self.receives(item, unit, organisation):
                continue
            step = self.step_of(item)
            if item.actor is None and step is not None:
                senders = organisation.reporters(step.recipients, streams.get(item.stream or ""))
                found.append(Receipt(item, [organisation.name_of(u) for u in senders]))
            else:
                found.append(Receipt(item, [item.actor_label]))
        return found


@dataclass
class Receipt:
    """A step whose report goes to the member asked for: the step, and who sends it on the day."""

    obligation: Obligation
    senders: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self.obligation), "senders": self.senders}


@dataclass
class Schedule:
    """The obligations of one or more periods, as ``quyche deadlines`` shows them; ``cutoffs`` gives the
    data period rule of each period (by label) where the text states one."""

    periods: list[Period]
    meeting: dt.date | None
    meeting_kind: str | None
    member: str | None
    obligations: list[Obligation]
    cutoffs: dict[str, DataCutoff] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    streams: list[str] = field(default_factory=list)
    received: list[Receipt] = field(default_factory=list)  # for a member: the reports sent to it

    def as_dict(self) -> dict[str, Any]:
        return {
            "periods": [p.label for p in self.periods],
            "streams": self.streams,
            "meeting": self.meeting,
            "meeting_kind": self.meeting_kind,
            "member": self.member,
            "obligations": [asdict(o) for o in self.obligations],
            "received": [r.as_dict() for r in self.received],
            "notices": self.notices,
        }


@dataclass
class _Found:
    """The obligations of the periods asked (and of the streams without periods), for every member: what
    :func:`plan` filters for one member, worked out once."""

    planner: Planner
    streams: list[Stream]
    asked: dict[Period, list[Stream]]
    periodic: list[tuple[Period, list[Obligation]]]
    unperiodic: list[Obligation]
    meeting_end: dt.date | None
    meeting_kind: str | None
    day: dt.date


def _found(
    rules: Rules,
    periods: list[Period] | None,
    meeting_end: dt.date | None,
    meeting_kind: str | None,
    as_of: dt.date | None,
    year: int | None,
    stream: str | None,
    event: dt.date | None,
) -> _Found:
    kinds = [k.id for k in rules.model.meetings.kinds] if rules.model.meetings else []
    if meeting_kind and meeting_kind not in kinds:
        raise InputError(
            f"Loại cuộc họp '{meeting_kind}' không có trong tệp quy chế; chọn: {', '.join(kinds) or '(không có)'}."
        )
    if year is not None:
        check_year(rules, year)
    for period in periods or ():
        check_year(rules, period.year, f"Kỳ {period.label}: năm")
    planner = Planner(rules)
    streams = planner.select(stream, periods or ())
    day = meeting_end or as_of or clock.today()
    asked: dict[Period, list[Stream]] = {}
    for stream_ in (s for s in streams if CYCLE_KIND[s.cycle]):
        current = planner.period_of(stream_, day)
        own = periods or (planner.periods_in_year(stream_, year) if year else [current] if current else [])
        for period in own:
            asked.setdefault(period, []).append(stream_)
    periodic = []
    for each, owners in asked.items():
        held = meeting_end is not None and each.start <= meeting_end <= each.end
        anchor = meeting_end if len(asked) == 1 or held else None
        periodic.append((each, planner.for_period(each, anchor, meeting_kind, owners, event)))
    unperiodic = [
        item
        for stream_ in streams
        if CYCLE_KIND[stream_.cycle] is None
        for item in planner.unperiodic(stream_, meeting_end, event, day)
    ]
    return _Found(planner, streams, asked, periodic, unperiodic, meeting_end, meeting_kind, day)


def _schedule(rules: Rules, found: _Found, member: str | None, as_of: dt.date | None) -> Schedule:
    """The schedule of ``found`` for ``member`` (everyone when None), with its notices."""
    planner, chosen = found.planner, list(found.asked)
    obligations, received = [], []
    for period, items in found.periodic:
        obligations += planner.for_member(items, member, period.end) if member else items
        received += planner.received_by(items, member, period.end) if member else []
    obligations += planner.for_member(found.unperiodic, member, found.day) if member else found.unperiodic
    received += planner.received_by(found.unperiodic, member, found.day) if member else []
    last = chosen[-1].end if chosen else found.day
    reporting = rules.model.reporting
    default = reporting.data_cutoff if reporting else None
    cutoffs = {}
    for period, owners in found.asked.items():
        cutoff = next((s.data_cutoff for s in owners if s.data_cutoff), default)
        if cutoff and period.months:
            cutoffs[period.label] = cutoff
    notices = Organisation(rules, as_of or last).notices()
    if member:
        notices += _member_notices(Organisation(rules, last), member)
    notices += planner.calendar.provisional(o.date for o in [*obligations, *(r.obligation for r in received)])
    streams = [s.id for s in found.streams]
    return Schedule(
        chosen, found.meeting_end, found.meeting_kind, member, obligations, cutoffs, notices, streams, received
    )


def plan(
    rules: Rules,
    periods: list[Period] | None = None,
    meeting_end: dt.date | None = None,
    meeting_kind: str | None = None,
    member: str | None = None,
    as_of: dt.date | None = None,
    *,
    year: int | None = None,
    stream: str | None = None,
    event: dt.date | None = None,
) -> Schedule:
    """The obligations of ``periods`` (by default, for each stream, the period of ``year``'s or of the
    meeting's or ``as_of``'s day), of ``stream`` only when named and of ``member`` only when given; then
    the steps of the streams without periods. A meeting belongs to the period asked for, or in a whole year
    to the quarter it falls in. The notices say what the text is on ``as_of`` (by default the end of the
    last period), why a dissolved member has nothing to do, and which dates rest on a provisional
    calendar."""
    found = _found(rules, periods, meeting_end, meeting_kind, as_of, year, stream, event)
    return _schedule(rules, found, member, as_of)


def year_plans(rules: Rules, members: list[str], as_of: dt.date, year: int) -> dict[str | None, Schedule]:
    """``plan(rules, member=m, as_of=as_of, year=year)`` for every member of ``members`` and for everyone
    (the key None), the year's dates worked out once (not once per member)."""
    found = _found(rules, None, None, None, as_of, year, None, None)
    return {member: _schedule(rules, found, member, as_of) for member in [None, *members]}


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


@dataclass
class Upcoming:
    """The next obligations from a day, as ``deadlines --upcoming`` lists them (``schedule`` holds only them)."""

    schedule: Schedule
    day: dt.date

    @property
    def notices(self) -> list[str]:
        return self.schedule.notices

    def days_left(self, item: Obligation) -> int:
        assert item.date is not None
        return (item.date - self.day).days

    def as_dict(self) -> dict[str, Any]:
        upcoming = [{**asdict(o), "days_left": self.days_left(o)} for o in self.schedule.obligations]
        received = [{**r.as_dict(), "days_left": self.days_left(r.obligation)} for r in self.schedule.received]
        return {"as_of": self.day, "upcoming": upcoming, "received": received, "notices": self.notices}


def next_obligations(schedule: Schedule, day: dt.date, count: int) -> Schedule:
    """``schedule`` with only its first ``count`` dated obligations (and reports it receives) on or after
    ``day``, by date."""
    coming = sorted((o for o in schedule.obligations if o.date and o.date >= day), key=lambda o: o.date or day)
    dated = [r for r in schedule.received if r.obligation.date and r.obligation.date >= day]
    received = sorted(dated, key=lambda r: r.obligation.date or day)
    return replace(schedule, obligations=coming[:count], received=received[:count])


def following(rules: Rules, day: dt.date, count: int, planned: Callable[[int], Schedule]) -> Schedule:
    """The first ``count`` dated deadlines on or after ``day``, from the plans of ``day``'s year and the
    following ones (at most a year per deadline asked, within the years the calendar covers)."""
    from quyche_cli.schedule.librarytable import covered

    def steps(schedule: Schedule) -> list[Obligation]:
        return [*schedule.obligations, *(r.obligation for r in schedule.received)]

    years = [planned(day.year)]
    found = sum(o.date is not None and o.date >= day for o in steps(years[0]))
    year = day.year + 1
    while found < count and year <= day.year + count and covered(rules.model.calendar.country, year):
        years.append(planned(year))
        found += sum(o.date is not None for o in steps(years[-1]))
        year += 1
    later = [o for schedule in years[1:] for o in schedule.obligations if o.period is not None]
    received = [r for schedule in years[1:] for r in schedule.received if r.obligation.period is not None]
    merged = replace(
        years[0],
        periods=[p for schedule in years for p in schedule.periods],
        obligations=years[0].obligations + later,
        received=years[0].received + received,
        notices=list(dict.fromkeys(n for schedule in years for n in schedule.notices)),
    )
    return next_obligations(merged, day, count)


def next_by_stream(rules: Rules, unit: str, day: dt.date) -> list[tuple[Obligation, bool]]:
    """For each periodic stream in which ``unit`` has a step, its next dated step on or after ``day``: the
    first one ``unit`` does (``deadlines --upcoming 1 --stream S --member UNIT``), else the first one it
    receives (the first of ``deadlines --upcoming --stream S`` sent to it), with whether it receives it."""
    planner = Planner(rules)
    organisation = Organisation(rules, day)
    found = []
    for stream in (s for s in planner.streams if CYCLE_KIND[s.cycle]):

        def planned(year: int, member: str | None, stream_id: str = stream.id) -> Schedule:
            return plan(rules, member=member, as_of=day, year=year, stream=stream_id)

        own = following(rules, day, 1, lambda year: planned(year, unit)).obligations
        sent = following(rules, day, 2 * len(stream.steps), lambda year: planned(year, None)).obligations
        received = [(o, True) for o in sent if planner.receives(o, unit, organisation)]
        found += [(o, False) for o in own][:1] or received[:1]
    return found
