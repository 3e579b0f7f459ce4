"""Deadlines and the working calendar for people (text) and calendars (.ics)."""

from __future__ import annotations

import datetime as dt

from rich.console import Group
from rich.text import Text

from quyche_cli.cli.views import View, reporter
from quyche_cli.cli.views.console import columns, indented
from quyche_cli.cli.views.sheets import Book, Cell, Sheet, spreadsheets
from quyche_cli.schedule.deadlines import Obligation, Receipt, Schedule, Upcoming
from quyche_cli.schedule.periods import WEEKDAYS_VI, Period, format_day, period_vi
from quyche_cli.schedule.workcalendar import CalendarYear

SOURCE_VI = {"override": "tệp quy chế", "library": "thư viện holidays"}


RECEIVED_VI = "Nhận báo cáo từ"
SENDERS_SHOWN = 3


def _senders(receipt: Receipt) -> str:
    """ "Nhận báo cáo từ Sở Y tế, Công an tỉnh, Sở Tư pháp và 19 nơi khác": who sends a report received."""
    names = receipt.senders
    if len(names) > SENDERS_SHOWN + 1:
        names = [*names[:SENDERS_SHOWN], f"{len(names) - SENDERS_SHOWN} nơi khác (--format json: đủ danh sách)"]
    shown = ", ".join(names[:-1]) + f" và {names[-1]}" if len(names) > 1 else "".join(names)
    return f"{RECEIVED_VI} {shown or '(không có ai phải gửi)'}"


def _lines(schedule: Schedule) -> list[tuple[Obligation, str]]:
    """Each dated step with who acts: the member's own steps, and the reports sent to it (said so)."""
    found = [(o, o.actor_label) for o in schedule.obligations] + [
        (r.obligation, _senders(r)) for r in schedule.received
    ]
    return sorted(((o, who) for o, who in found if o.date), key=lambda pair: pair[0].date or dt.date.min)


def _wide_cells(item: Obligation) -> list[str]:
    return [", ".join(item.recipients) or "—", f"{item.what} ({item.ref})"]


def _compact(schedule: Schedule, view: View) -> Group:
    """One line per dated deadline (the columns wrap at spaces on a narrow screen), then what is left out."""
    headers = ["Hạn", "Kỳ", "Ai làm"] + (["Gửi", "Việc"] if view.wide else [])
    rows = [
        [format_day(o.date), period_vi(o.period), who] + (_wide_cells(o) if view.wide else [])
        for o, who in _lines(schedule)
        if o.date
    ]
    undated = len(schedule.obligations) + len(schedule.received) - len(rows)
    parts: list[Text] = (
        [columns(headers, rows, view.table_width, keep=2)] if rows else [Text("Không có hạn nào có ngày.")]
    )
    if undated:
        parts.append(
            indented(
                f"Và {undated} bước không có hạn cố định (văn bản không ghi hạn, hoặc tính từ ngày họp: --meeting "
                "NGÀY); --full để xem từng bước và cách tính.",
                0,
                view.width,
                "dim",
            )
        )
    return Group(*parts)


@reporter(Schedule, "text")
def schedule_text(schedule: Schedule, view: View) -> Group:
    """``--full`` (a single period by default): each obligation with how its date was found; otherwise (a
    year, ``--wide``) one line per deadline."""
    return _detail(schedule, view) if view.full else _compact(schedule, view)


@reporter(Upcoming, "text")
def upcoming_text(upcoming: Upcoming, view: View) -> Group:
    """The next deadlines, one line each: the day, "còn N ngày", the period, who acts (``--wide``: to whom,
    what)."""
    headers = ["Hạn", "Còn", "Kỳ", "Ai làm"] + (["Gửi", "Việc"] if view.wide else [])
    rows = []
    for item, who in _lines(upcoming.schedule):
        left = upcoming.days_left(item)
        assert item.date is not None
        rows.append(
            [format_day(item.date), "hôm nay" if left == 0 else f"còn {left} ngày", period_vi(item.period), who]
            + (_wide_cells(item) if view.wide else [])
        )
    title = Text(f"Các hạn sắp tới, tính từ {format_day(upcoming.day)}:", style="bold")
    if not rows:
        return Group(title, Text("Không có hạn nào có ngày trong các kỳ tới."))
    return Group(title, columns(headers, rows, view.table_width, keep=3))


def _schedule_sheet(schedule: Schedule) -> Sheet:
    headers = ["Kỳ", "Hạn", "Thứ", "Ai làm", "Gửi", "Việc", "Căn cứ", "Quy định", "Cách tính"]
    sheet = Sheet("Hạn", headers)
    for o in schedule.obligations:
        weekday = WEEKDAYS_VI[o.date.weekday()] if o.date else None
        sheet.rows.append(
            [o.period, o.date, weekday, o.actor_label, ", ".join(o.recipients), o.what, o.ref, o.wording, o.rule]
        )
    return sheet


@spreadsheets(Schedule)
def schedule_book(schedule: Schedule, view: View) -> Book:
    about: list[tuple[str, Cell]] = [
        ("Kỳ", ", ".join(f"{p.label_vi} ({p.label})" for p in schedule.periods)),
        ("Thành viên", schedule.member or "mọi thành viên"),
        ("Ngày họp", schedule.meeting),
        ("Số hạn có ngày", sum(o.date is not None for o in schedule.obligations)),
        ("Số bước không có hạn", sum(o.date is None for o in schedule.obligations)),
        *(
            (f"Số liệu {p.label_vi}", _data_period(schedule, p))
            for p in schedule.periods
            if p.label in schedule.cutoffs
        ),
        *(("Lưu ý", notice) for notice in schedule.notices),
    ]
    return Book(about, [_schedule_sheet(schedule)])


def _data_period(schedule: Schedule, period: Period) -> str:
    """ "từ 15/06/2024 đến 14/09/2024 (source)": the data a period's reports cover."""
    cutoff = schedule.cutoffs[period.label]
    start, end = period.cutoff(cutoff.from_day, cutoff.to_day)
    return f"từ {start:%d/%m/%Y} đến {end:%d/%m/%Y} ({cutoff.source})"


def _detail(schedule: Schedule, view: View) -> Group:
    """Each period's header (with the data cut-off), then each obligation with how its date was found; the
    steps of streams without periods (on request, after an event) last."""
    width, parts = view.width, []

    def obligations(period: str | None) -> None:
        own = [(o, o.actor_label) for o in schedule.obligations if o.period == period]
        sent = [(r.obligation, _senders(r)) for r in schedule.received if r.obligation.period == period]
        if sent:  # a member's own steps and the reports sent to it, by day (undated last)
            own = sorted(own + sent, key=lambda pair: pair[0].date or dt.date.max)
        for item, who in own:
            when = format_day(item.date) if item.date else f"({item.undated or 'không có hạn'})"
            to = f" → {', '.join(item.recipients)}" if item.recipients else ""
            parts.append(indented(f"{when}  {who}{to}", 2, width, "bold"))
            parts.append(indented(f"{item.what} ({item.ref})", 4, width))
            parts.append(indented(f"Cách tính: {item.rule}", 4, width, "dim"))
        parts.append(Text(""))

    for each in schedule.periods:
        header = f"Kỳ {each.label_vi} ({each.label})"
        if each.label in schedule.cutoffs:
            header += f" — số liệu {_data_period(schedule, each)}"
        parts.append(indented(header, 0, width, "bold"))
        obligations(each.label)
    if any(o.period is None for o in [*schedule.obligations, *(r.obligation for r in schedule.received)]):
        parts.append(indented("Không theo kỳ (theo yêu cầu, sau sự kiện)", 0, width, "bold"))
        obligations(None)
    if schedule.member and not schedule.obligations and not schedule.received:
        parts.append(indented("Không có bước nào phải làm hay báo cáo nào gửi đến trong các kỳ trên.", 0, width))
    return Group(*parts)


@reporter(Schedule, "ics")
def schedule_ics(schedule: Schedule, view: View) -> bytes:
    from quyche_cli.schedule.ics import to_ics
    from quyche_cli.schedule.workcalendar import WorkCalendar

    assert view.rules is not None
    document = view.rules.model.document
    working = WorkCalendar(view.rules.model.calendar)
    title = f"Hạn — {document.committee_short}"
    return to_ics(schedule.obligations, document.committee, title, working, schedule.member)


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
