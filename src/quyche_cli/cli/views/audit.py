"""The audit as a Rich table for people, and as CSV and XLSX for the office."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from quyche_cli.audit.results import STATUS_VI, Audit, MemberVerdict
from quyche_cli.cli.views import View, reporter
from quyche_cli.cli.views.console import indented
from quyche_cli.cli.views.sheets import Book, Cell, Coloured, Sheet, spreadsheets

STYLE = {"on_time": "green", "late": "yellow", "missing": "red", "needs_review": "magenta"}
FILL = {"on_time": "C6EFCE", "late": "FFEB9C", "missing": "FFC7CE", "needs_review": "E4DFEC"}
HEADERS = ["Mã", "Thành viên", "Kết quả", "Ngày nộp", "Bằng chứng", "Tệp", "Ghi chú"]


def _missing_points(verdict: MemberVerdict) -> list[str]:
    """The member's points a report does not address (with ``--coverage``)."""
    return [f"{c['ref']} ({', '.join(c['terms'])})" for c in verdict.coverage or [] if not c["addressed"]]


def _sheet(audit: Audit) -> Sheet:
    """One row per member, as the spreadsheets show it."""
    coverage = any(m.coverage is not None for m in audit.members)
    table = Sheet(audit.period.label, HEADERS + (["Chưa đề cập"] if coverage else []))
    for m in audit.members:
        row: list[Cell] = [
            m.member,
            m.title,
            Coloured(STATUS_VI[m.status], FILL[m.status]),
            m.submitted,
            m.evidence,
            "\n".join(m.files),
            m.note,
        ]
        table.rows.append(row + (["\n".join(_missing_points(m))] if coverage else []))
    return table


def summary(audit: Audit) -> str:
    counts = {status: sum(m.status == status for m in audit.members) for status in STATUS_VI}
    return ", ".join(f"{n} {STATUS_VI[s]}" for s, n in counts.items() if n) or "không có thành viên nào phải báo cáo"


@reporter(Audit, "text")
def audit_table(audit: Audit, view: View) -> Group:
    width = view.width
    wording = f" ({audit.deadline_wording})" if audit.deadline_wording else ""
    head = [
        indented(
            f"Kỳ {audit.period.label_vi} ({audit.period.label}), suy ra từ: {audit.period_source}.", 0, width, "bold"
        ),
        indented(f"Hạn: hết ngày {audit.deadline:%d/%m/%Y}{wording}.", 0, width, "bold"),
        indented(f"Cách tính: {audit.deadline_rule}", 0, width, "dim"),
    ]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=False)
    for column in ("Thành viên", "Kết quả", "Ngày nộp", "Bằng chứng", "Tệp / ghi chú"):
        table.add_column(column, overflow="fold")
    for m in audit.members:
        detail = m.note or "; ".join(m.files)
        if m.coverage:
            missing = [f"{c['ref']} ({', '.join(c['terms'])})" for c in m.coverage if not c["addressed"]]
            if missing:
                detail += "\nChưa đề cập: " + "; ".join(missing)
        table.add_row(
            m.title,
            Text(STATUS_VI[m.status], style=STYLE[m.status]),
            f"{m.submitted:%d/%m/%Y}" if m.submitted else "—",
            m.evidence or "—",
            detail,
        )
    parts: list[Text | Table] = [*head, table, Text(summary(audit) + ".", style="bold")]
    if audit.unmatched:
        parts.append(Text("Tệp không gán được cho thành viên nào:", style="bold"))
        parts += [indented(f"{u['file']}: {u['reason']}", 2, width) for u in audit.unmatched]
    return Group(*parts)


@spreadsheets(Audit)
def audit_book(audit: Audit, view: View) -> Book:
    counts = {status: sum(m.status == status for m in audit.members) for status in STATUS_VI}
    about: list[tuple[str, Cell]] = [
        ("Kỳ", f"{audit.period.label_vi} ({audit.period.label})"),
        ("Kỳ suy ra từ", audit.period_source),
        ("Hạn (hết ngày)", audit.deadline),
        ("Quy định", audit.deadline_wording),
        ("Cách tính", audit.deadline_rule),
        ("Số thành viên phải báo cáo", len(audit.members)),
        *((STATUS_VI[s].capitalize(), Coloured(str(n), FILL[s])) for s, n in counts.items()),
        ("Tệp không gán được", len(audit.unmatched)),
        *(("Lưu ý", notice) for notice in audit.notices),
    ]
    unmatched = Sheet("Tệp không gán được", ["Tệp", "Lý do"], [[u["file"], u["reason"]] for u in audit.unmatched])
    return Book(about, [_sheet(audit), unmatched])
