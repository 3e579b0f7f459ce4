"""The audit as a Rich table for people, and as CSV and XLSX for the office."""

from __future__ import annotations

import csv
import io
import textwrap

from rich.cells import cell_len
from rich.console import Group
from rich.text import Text

from quyche_cli.audit.results import STATUS_VI, Audit, MemberVerdict
from quyche_cli.cli.views import View, reporter
from quyche_cli.cli.views.console import indented

STYLE = {"on_time": "green", "late": "yellow", "missing": "red", "needs_review": "magenta", "not_due": "cyan"}
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
    """One line per member (wrapped by words, never inside a file name), then its files and every note the JSON
    has, indented; no trailing spaces."""
    width = view.width
    wording = f" ({audit.deadline_wording})" if audit.deadline_wording else ""
    parts: list[Text] = [
        indented(
            f"Kỳ {audit.period.label_vi} ({audit.period.label}), suy ra từ: {audit.period_source}.", 0, width, "bold"
        ),
        indented(f"Hạn: hết ngày {audit.deadline:%d/%m/%Y}{wording}.", 0, width, "bold"),
        indented(f"Cách tính: {audit.deadline_rule}", 0, width, "dim"),
    ]
    if audit.as_of:
        parts.append(indented(f"Ngày kiểm tra: {audit.as_of:%d/%m/%Y}.", 0, width))
    title_width = min(30, max(len("Thành viên"), *(len(m.title) for m in audit.members)))
    widths = [title_width, 12, 10, max(width - title_width - 28, 12)]
    parts += [
        Text(""),
        _row([("Thành viên", "bold"), ("Kết quả", "bold"), ("Ngày nộp", "bold"), ("Bằng chứng", "bold")], widths),
    ]
    for m in audit.members:
        cells = [
            (m.title, ""),
            (STATUS_VI[m.status], STYLE[m.status]),
            (f"{m.submitted:%d/%m/%Y}" if m.submitted else "—", ""),
            (m.evidence or "—", ""),
        ]
        parts.append(_row(cells, widths))
        parts += [indented(line, 2, width, "dim") for line in _details(audit, m)]
    parts += [Text(""), Text(summary(audit) + ".", style="bold")]
    if audit.unmatched:
        parts.append(Text("Tệp không gán được cho thành viên nào:", style="bold"))
        parts += [indented(f"{u['file']}: {u['reason']}", 2, width) for u in audit.unmatched]
    return Group(*parts)


def _row(cells: list[tuple[str, str]], widths: list[int]) -> Text:
    """Cells side by side, each wrapped by words to its width, without trailing spaces."""
    wrapped = [
        textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]
        for (text, _), width in zip(cells, widths, strict=True)
    ]
    lines = []
    for i in range(max(map(len, wrapped))):
        line = Text()
        for (_, style), width, pieces in zip(cells, widths, wrapped, strict=True):
            piece = pieces[i] if i < len(pieces) else ""
            line.append(piece, style)
            line.append(" " * (max(width - cell_len(piece), 0) + 2))
        line.rstrip()
        lines.append(line)
    return Text("\n").join(lines)


def _details(audit: Audit, m: MemberVerdict) -> list[str]:
    """The member's files and every note on them, and the points its report does not address."""
    lines = [m.note or "; ".join(m.files)] if m.note or m.files else []
    lines += [
        f"{f.file}: {', '.join(f.notes)}"
        for f in audit.files
        if f.member == m.member and f.notes and f"{f.file}: {', '.join(f.notes)}" not in m.note
    ]
    missing = [f"{c['ref']} ({', '.join(c['terms'])})" for c in m.coverage or [] if not c["addressed"]]
    if missing:
        lines.append("Chưa đề cập: " + "; ".join(missing))
    return lines


@reporter(Audit, "csv")
def audit_csv(audit: Audit, view: View) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(_rows(audit))
    return buffer.getvalue()


@reporter(Audit, "xlsx")
def audit_xlsx(audit: Audit, view: View) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.create_sheet(audit.period.label, 0)
    book.remove(book.worksheets[1])
    sheet.append(COLUMNS)
    for row in _rows(audit):
        sheet.append(row)
    unmatched = book.create_sheet("unmatched")
    unmatched.append(["file", "reason"])
    for item in audit.unmatched:
        unmatched.append([item["file"], item["reason"]])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
