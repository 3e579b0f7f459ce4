"""The audit as a Rich table for people, and as CSV and XLSX for the office."""

from __future__ import annotations

import textwrap

from rich.cells import cell_len
from rich.console import Group
from rich.text import Text

from quyche_cli.audit.results import STATUS_VI, Audit, MemberVerdict
from quyche_cli.cli.views import View, reporter
from quyche_cli.cli.views.console import indented
from quyche_cli.cli.views.safe import visible
from quyche_cli.cli.views.sheets import Book, Cell, Coloured, Sheet, spreadsheets

STYLE = {"on_time": "green", "late": "yellow", "missing": "red", "needs_review": "magenta", "not_due": "cyan"}
FILL = {"on_time": "C6EFCE", "late": "FFEB9C", "missing": "FFC7CE", "needs_review": "E4DFEC", "not_due": "DDEBF7"}
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
    """Cells side by side, each made :func:`visible` and wrapped by words to its width, without trailing
    spaces."""
    wrapped = [
        textwrap.wrap(visible(text), width, break_long_words=False, break_on_hyphens=False) or [""]
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
    missing = _missing_points(m)
    if missing:
        lines.append("Chưa đề cập: " + "; ".join(missing))
    return lines


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
