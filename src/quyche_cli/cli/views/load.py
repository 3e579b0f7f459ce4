"""The reporting load: a table per agency for people, its details for one agency, sheets for the office."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from quyche_cli.cli.views import View, reporter
from quyche_cli.cli.views.console import columns, indented
from quyche_cli.cli.views.sheets import Book, Cell, Sheet, spreadsheets
from quyche_cli.desk.load import AgencyLoad, LoadItem, ReportLoad
from quyche_cli.schedule.periods import format_day, period_vi


def _counts(load: AgencyLoad) -> str:
    return ", ".join(f"{committee}: {count}" for committee, count in load.by_committee.items())


def _slack(item: LoadItem) -> str:
    if item.working_days_after_cutoff is None:
        return "—"
    return f"{item.working_days_after_cutoff} ngày làm việc sau {item.data_to:%d/%m/%Y}"


def _details(load: AgencyLoad, width: int) -> list[RenderableType]:
    parts: list[RenderableType] = [Text(""), indented(f"{load.agency}: {len(load.items)} hạn", 0, width, "bold")]
    rows = [[format_day(i.date), i.committee, period_vi(i.period), i.what, _slack(i)] for i in load.items]
    parts.append(columns(["Hạn", "Ban", "Kỳ", "Việc", "Sau kỳ số liệu"], rows, width, keep=2))
    for week in load.crowded_weeks:
        days = ", ".join(f"{i.date:%d/%m} ({i.committee})" for i in week.items)
        parts.append(indented(f"• Tuần từ {week.monday:%d/%m/%Y}: {len(week.items)} hạn — {days}", 2, width))
    for mismatch in load.cutoff_mismatches:
        cuts = "; ".join(f"{c}: {start:%d/%m/%Y}–{end:%d/%m/%Y}" for c, start, end in mismatch.cutoffs)
        parts.append(indented(f"• Kỳ số liệu {period_vi(mismatch.period)} khác nhau giữa các ban — {cuts}", 2, width))
    for item in load.tight:
        parts.append(
            indented(
                f"• Hạn {item.date:%d/%m/%Y} ({item.committee}, {period_vi(item.period)}) không để ngày làm việc nào "
                f"sau ngày chốt số liệu {item.data_to:%d/%m/%Y}",
                2,
                width,
            )
        )
    return parts


@reporter(ReportLoad, "text")
def load_text(result: ReportLoad, view: View) -> Group:
    """One row per agency (most deadlines first); for a single agency, each deadline and each finding."""
    title = f"Tải báo cáo năm {result.year} ({len(result.committees)} ban: {', '.join(result.committees)})"
    headers = ["Cơ quan", "Số hạn", "Theo ban", "Tuần dồn hạn", "Kỳ số liệu lệch", "Hạn sát số liệu"]
    rows = [
        [
            a.agency,
            str(len(a.items)),
            _counts(a),
            str(len(a.crowded_weeks)),
            str(len(a.cutoff_mismatches)),
            str(len(a.tight)),
        ]
        for a in result.agencies
    ]
    parts: list[RenderableType] = [Text(title + ":", style="bold"), columns(headers, rows, view.table_width)]
    if len(result.agencies) == 1 or view.full:
        for load in result.agencies:
            parts += _details(load, view.width)
    return Group(*parts)


@spreadsheets(ReportLoad)
def load_book(result: ReportLoad, view: View) -> Book:
    summary = Sheet(
        "Tải báo cáo", ["Cơ quan", "Số hạn", "Theo ban", "Tuần dồn hạn", "Kỳ số liệu lệch", "Hạn sát số liệu"]
    )
    deadlines = Sheet(
        "Các hạn",
        [
            "Cơ quan",
            "Hạn",
            "Ban",
            "Kỳ",
            "Việc",
            "Căn cứ",
            "Số liệu từ",
            "Số liệu đến",
            "Ngày làm việc sau chốt số liệu",
        ],
    )
    weeks = Sheet("Tuần dồn hạn", ["Cơ quan", "Tuần", "Từ thứ Hai", "Số hạn", "Các hạn"])
    cuts = Sheet("Kỳ số liệu lệch", ["Cơ quan", "Kỳ", "Ban", "Số liệu từ", "Số liệu đến"])
    for load in result.agencies:
        summary.rows.append(
            [
                load.agency,
                len(load.items),
                _counts(load),
                len(load.crowded_weeks),
                len(load.cutoff_mismatches),
                len(load.tight),
            ]
        )
        for i in load.items:
            deadlines.rows.append(
                [
                    load.agency,
                    i.date,
                    i.committee,
                    i.period,
                    i.what,
                    i.ref,
                    i.data_from,
                    i.data_to,
                    i.working_days_after_cutoff,
                ]
            )
        for week in load.crowded_weeks:
            listed = ", ".join(f"{i.date:%d/%m/%Y} ({i.committee})" for i in week.items)
            weeks.rows.append([load.agency, week.week, week.monday, len(week.items), listed])
        for mismatch in load.cutoff_mismatches:
            for committee, start, end in mismatch.cutoffs:
                cuts.rows.append([load.agency, mismatch.period, committee, start, end])
    about: list[tuple[str, Cell]] = [("Năm", result.year), ("Các ban", ", ".join(result.committees))]
    about.append(("Tại ngày", result.as_of))
    about += [("Lưu ý", notice) for notice in result.notices]
    return Book(about, [summary, deadlines, weeks, cuts])
