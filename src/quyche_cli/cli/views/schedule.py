"""Deadlines and the working calendar for people (text) and calendars (.ics)."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from quyche_cli.cli.views import View, reporter
from quyche_cli.cli.views.console import indented
from quyche_cli.schedule.deadlines import Obligation, Schedule
from quyche_cli.schedule.periods import format_day
from quyche_cli.schedule.workcalendar import CalendarYear

SOURCE_VI = {"override": "tệp quy chế", "library": "thư viện holidays"}


@reporter(Schedule, "text")
def schedule_text(schedule: Schedule, view: View) -> Group:
    """Each period's header (with the data cut-off), then each obligation with how its date was found; the
    steps of streams without periods (on request, after an event) last."""
    width, parts = view.width, []

    def obligations(items: list[Obligation]) -> None:
        for item in items:
            when = format_day(item.date) if item.date else f"({item.undated or 'không có hạn'})"
            to = f" → {', '.join(item.recipients)}" if item.recipients else ""
            parts.append(indented(f"{when}  {item.actor_label}{to}", 2, width, "bold"))
            parts.append(indented(f"{item.what} ({item.ref})", 4, width))
            parts.append(indented(f"Cách tính: {item.rule}", 4, width, "dim"))
        parts.append(Text(""))

    for each in schedule.periods:
        header = f"Kỳ {each.label_vi} ({each.label})"
        cutoff = schedule.cutoffs.get(each.label)
        if cutoff:
            start, end = each.cutoff(cutoff.from_day, cutoff.to_day)
            header += f" — số liệu từ {start:%d/%m/%Y} đến {end:%d/%m/%Y} ({cutoff.source})"
        parts.append(indented(header, 0, width, "bold"))
        obligations([o for o in schedule.obligations if o.period == each.label])
    unperiodic = [o for o in schedule.obligations if o.period is None]
    if unperiodic:
        parts.append(indented("Không theo kỳ (theo yêu cầu, sau sự kiện)", 0, width, "bold"))
        obligations(unperiodic)
    return Group(*parts)


@reporter(Schedule, "ics")
def schedule_ics(schedule: Schedule, view: View) -> bytes:
    from quyche_cli.schedule.ics import to_ics

    assert view.rules is not None
    document = view.rules.model.document
    return to_ics(schedule.obligations, document.committee, f"Hạn — {document.committee_short}", schedule.member)


@reporter(CalendarYear, "text")
def calendar_text(year: CalendarYear, view: View) -> str:
    status = f"chính thức ({year.source})" if year.official else "dự kiến (ước tính của thư viện holidays)"
    lines = [f"Năm {year.year}: {status}.\n"]
    for d in year.days:
        kind = "đi làm" if d.working else "nghỉ"
        where = SOURCE_VI[d.source] + (f": {d.reference}" if d.reference else "")
        lines.append(f"{format_day(d.day):<22} {kind:<7} {d.name}  [{where}]\n")
    lines.append(
        f"{sum(not d.working for d in year.days)} ngày nghỉ, {sum(d.working for d in year.days)} ngày đi làm bù.\n"
    )
    return "".join(lines)
