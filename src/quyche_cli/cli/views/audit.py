"""The audit as a Rich table for people, and as CSV and XLSX for the office."""

from __future__ import annotations

import csv
import io

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from quyche_cli.audit.results import STATUS_VI, Audit
from quyche_cli.cli.views import View, reporter
from quyche_cli.cli.views.console import indented, workbook

STYLE = {"on_time": "green", "late": "yellow", "missing": "red", "needs_review": "magenta"}
COLUMNS = ["member", "title", "status", "status_vi", "submitted", "evidence", "files", "note"]


def _rows(audit: Audit) -> list[list[str]]:
    return [
        [
            m.member,
            m.title,
            m.status,
            STATUS_VI[m.status],
            f"{m.submitted:%d/%m/%Y}" if m.submitted else "",
            m.evidence or "",
            "; ".join(m.files),
            m.note,
        ]
        for m in audit.members
    ]


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


@reporter(Audit, "csv")
def audit_csv(audit: Audit, view: View) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(_rows(audit))
    return buffer.getvalue()


@reporter(Audit, "xlsx")
def audit_xlsx(audit: Audit, view: View) -> bytes:
    unmatched = [[item["file"], item["reason"]] for item in audit.unmatched]
    return workbook({audit.period.label: [COLUMNS, *_rows(audit)], "unmatched": [["file", "reason"], *unmatched]})
