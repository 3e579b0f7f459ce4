"""Views of the answers across a workspace's committees: each committee's part shown by that committee's own
reporter, under a heading naming the committee; merged lists (deadlines, seats) name the committee per row."""

from __future__ import annotations

from dataclasses import replace

from rich.console import Group, RenderableType
from rich.text import Text

from quyche_cli.cli.views import Output, View, reporter, reporter_for
from quyche_cli.cli.views.console import columns, indented
from quyche_cli.cli.views.members import roster_sheet
from quyche_cli.cli.views.sheets import Book, Cell, Sheet, spreadsheets
from quyche_cli.desk.across import (
    Across,
    AcrossDuties,
    AcrossLint,
    AcrossRoster,
    AcrossSearch,
    AcrossUpcoming,
    AgencyCalendar,
    AgencySeats,
    AuditIn,
    CommitteeRef,
    Seat,
)
from quyche_cli.lookup.duties import SEAT_VI
from quyche_cli.rules.index import Rules
from quyche_cli.schedule.periods import format_day, period_vi


def _own(result: object, view: View, rules: Rules) -> RenderableType:
    """``result`` as its own committee's text reporter shows it, naming members from ``rules``."""
    shown = reporter_for(result, "text")(result, replace(view, rules=rules))
    assert not isinstance(shown, bytes)
    return shown


def heading(committee: CommitteeRef, width: int) -> Text:
    return indented(f"══ {committee.name} [{committee.id}] ══", 0, width, "bold reverse")


@reporter(AcrossDuties, "text")
def duties_across_text(result: AcrossDuties, view: View) -> Group:
    """One section per committee, each the committee's own duties view."""
    names = ", ".join(c.committee.id for c in result.committees)
    parts: list[RenderableType] = [
        indented(
            f"'{result.asked}' tại ngày {result.as_of:%d/%m/%Y}: {len(result.committees)} ban ({names})",
            0,
            view.width,
            "bold",
        )
    ]
    for part in result.committees:
        parts += [Text(""), heading(part.committee, view.width), _own(part.result, view, part.rules)]
    return Group(*parts)


@reporter(AcrossDuties, "markdown")
def duties_across_markdown(result: AcrossDuties, view: View) -> str:
    sections = [f"# {result.asked} — ngày {result.as_of:%d/%m/%Y}"]
    for part in result.committees:
        own = reporter_for(part.result, "markdown")(part.result, replace(view, rules=part.rules))
        sections += [f"# {part.committee.name} [{part.committee.id}]", str(own)]
    return "\n\n".join(sections)


def sections_text(result: Across, view: View) -> Group:
    """One section per committee, each its own answer (a roster, lint findings) under its heading."""
    parts: list[RenderableType] = []
    for part in result.committees:
        parts += [heading(part.committee, view.width), _own(part.result, view, part.rules), Text("")]
    return Group(*parts)


reporter(AcrossRoster, "text")(sections_text)
reporter(AcrossLint, "text")(sections_text)


@spreadsheets(AcrossRoster)
def roster_across_book(result: AcrossRoster, view: View) -> Book:
    """Every committee's roster in one table, the committee first on each row."""
    sheet = Sheet(f"{result.as_of:%d-%m-%Y}", ["Ban"])
    for part in result.committees:
        own = roster_sheet(part.result)
        sheet.headers[1:] = own.headers
        sheet.rows += [[part.committee.id, *row] for row in own.rows]
    about: list[tuple[str, Cell]] = [
        ("Bảng", f"Thành viên các ban ngày {result.as_of:%d/%m/%Y}"),
        ("Ngày xét", result.as_of),
        ("Các ban", ", ".join(f"{p.committee.id} ({p.committee.name})" for p in result.committees)),
        ("Số dòng", len(sheet.rows)),
        *(("Lưu ý", notice) for notice in result.notices),
    ]
    return Book(about, [sheet])


def _seat_note(seat: Seat) -> str:
    return "mang nhiệm vụ của ghế chờ kiện toàn" if seat.carried else SEAT_VI.get(seat.state, "")


@spreadsheets(AgencySeats)
def seats_book(result: AgencySeats, view: View) -> Book:
    """Every seat of one agency, the committee first on each row."""
    sheet = Sheet(f"{result.as_of:%d-%m-%Y}", ["Ban", "Tên ban", "Mã ghế", "Ghế", "Vai trò", "Nhiệm vụ tại", "Ghi chú"])
    for seat in result.seats:
        ref = seat.committee
        sheet.rows.append([ref.id, ref.name, seat.id, seat.title, seat.role, seat.duties, _seat_note(seat)])
    about: list[tuple[str, Cell]] = [
        ("Bảng", f"Các ghế của {result.agency} ngày {result.as_of:%d/%m/%Y}"),
        ("Ngày xét", result.as_of),
        ("Số dòng", len(sheet.rows)),
    ]
    return Book(about, [sheet])


@reporter(AgencySeats, "text")
def seats_text(result: AgencySeats, view: View) -> Group:
    """Every seat of one agency, one line each, naming its committee."""
    title = Text(f"Các ghế của {result.agency} ngày {result.as_of:%d/%m/%Y}:", style="bold")
    if not result.seats:
        return Group(title, Text("Không giữ ghế nào trong các ban của thư mục làm việc."))
    rows = [[s.committee.id, s.title or "—", s.role, s.duties or "—", _seat_note(s)] for s in result.seats]
    return Group(title, columns(["Ban", "Ghế", "Vai trò", "Nhiệm vụ tại", "Ghi chú"], rows, view.table_width))


@reporter(AcrossUpcoming, "text")
def upcoming_across_text(result: AcrossUpcoming, view: View) -> Group:
    """The next deadlines of every committee, in date order, each naming its committee."""
    headers = ["Hạn", "Còn", "Ban", "Kỳ", "Ai làm"] + (["Gửi", "Việc"] if view.wide else [])
    rows = []
    for row in result.rows:
        item = row.obligation
        assert item.date is not None
        rows.append(
            [
                format_day(item.date),
                "hôm nay" if row.days_left == 0 else f"còn {row.days_left} ngày",
                row.committee.id,
                period_vi(item.period),
                item.actor_label,
            ]
            + ([", ".join(item.recipients), item.what] if view.wide else [])
        )
    title = Text(f"Các hạn sắp tới của mọi ban, tính từ {format_day(result.as_of)}:", style="bold")
    if not rows:
        return Group(title, Text("Không có hạn nào có ngày trong các kỳ tới."))
    return Group(title, columns(headers, rows, view.table_width, keep=3))


@reporter(AcrossSearch, "text")
def search_across_text(result: AcrossSearch, view: View) -> Group:
    parts: list[RenderableType] = []
    for part in result.committees:
        if part.result.hits:
            parts += [heading(part.committee, view.width), _own(part.result, view, part.rules), Text("")]
    parts.append(
        indented(f"Tổng cộng {result.hits} kết quả cho '{result.query}' ở {len(result.committees)} ban.", 0, view.width)
    )
    return Group(*parts)


@reporter(AuditIn, "text")
def audit_in_text(result: AuditIn, view: View) -> Group:
    """The audit as its own view shows it, under a line naming the committee and stream it was read against."""
    said = f"Đọc theo {result.committee.name} [{result.committee.id}] ({result.chosen_by}), luồng '{result.stream}'."
    assert view.rules is not None
    return Group(indented(said, 0, view.width, "bold"), _own(result.audit, view, view.rules))


@reporter(AuditIn, "csv")
def audit_in_csv(result: AuditIn, view: View) -> Output:
    """The audit's own table (the committee is named in the text and JSON forms)."""
    return reporter_for(result.audit, "csv")(result.audit, view)


@reporter(AuditIn, "xlsx")
def audit_in_xlsx(result: AuditIn, view: View) -> Output:
    return reporter_for(result.audit, "xlsx")(result.audit, view)


@reporter(AuditIn, "markdown")
def audit_in_markdown(result: AuditIn, view: View) -> Output:
    said = f"Đọc theo {result.committee.name} [{result.committee.id}] ({result.chosen_by}), luồng '{result.stream}'."
    own = reporter_for(result.audit, "markdown")(result.audit, view)
    assert isinstance(own, str)
    return f"{said}\n\n{own}"


@reporter(AgencyCalendar, "ics")
def agency_ics(result: AgencyCalendar, view: View) -> bytes:
    """One calendar of the agency's deadlines in every committee; each event keeps its committee's UID."""
    from quyche_cli.schedule.ics import calendar_of

    return calendar_of(
        [(ref.name, obligations) for ref, obligations in result.committees], f"Hạn — {result.agency}", result.working
    )


@reporter(AgencyCalendar, "text")
def agency_calendar_text(result: AgencyCalendar, view: View) -> Group:
    title = Text(f"Các hạn năm {result.year} của {result.agency} ở {len(result.committees)} ban:", style="bold")
    rows = [[format_day(o.date), ref.id, period_vi(o.period), o.what] for ref, o in result.rows if o.date]
    return Group(title, columns(["Hạn", "Ban", "Kỳ", "Việc"], rows, view.table_width, keep=2))
