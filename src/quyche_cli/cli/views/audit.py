"""The audit as a Rich table for people (grouped by status with ``--group``), as CSV and XLSX for the office,
and as Markdown for a note."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Group
from rich.text import Text

from quyche_cli.audit.results import STATUS_VI, Audit, MemberVerdict
from quyche_cli.cli.views import View, reporter
from quyche_cli.cli.views.console import indented
from quyche_cli.cli.views.safe import markdown, visible
from quyche_cli.cli.views.sheets import Book, Cell, Coloured, Sheet, spreadsheets

STYLE = {"on_time": "green", "late": "yellow", "missing": "red", "needs_review": "magenta", "not_due": "cyan"}
FILL = {"on_time": "C6EFCE", "late": "FFEB9C", "missing": "FFC7CE", "needs_review": "E4DFEC", "not_due": "DDEBF7"}
HEADERS = ["Mã", "Thành viên", "Kết quả", "Ngày nộp", "Bằng chứng", "Lý do", "Bằng chứng đã xét", "Tệp", "Ghi chú"]
ORDER_LINE = (
    "Bằng chứng ngày nộp, mạnh trước: sổ văn bản đến › ký số hoặc dấu thời gian sau hạn › thư điện tử đến "
    "(Received, rồi Date) › ngày trên văn bản › ngày trong tên tệp; ngày sửa tệp không đủ để kết luận."
)
GROUP_ORDER = ["late", "missing", "needs_review", "not_due", "on_time"]


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
            m.reason,
            "\n".join(m.evidence_used),
            "\n".join(m.files),
            "\n".join(_details(audit, m, reasons=False)),
        ]
        table.rows.append(row + (["\n".join(_missing_points(m))] if coverage else []))
    return table


def summary(audit: Audit) -> str:
    counts = {status: sum(m.status == status for m in audit.members) for status in STATUS_VI}
    return ", ".join(f"{n} {STATUS_VI[s]}" for s, n in counts.items() if n) or "không có thành viên nào phải báo cáo"


def _head(audit: Audit, width: int) -> list[Text]:
    """The period, the deadline and how it was computed, the audit date and the order of evidence."""
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
    return [*parts, indented(ORDER_LINE, 0, width, "dim")]


def _tail(audit: Audit, width: int) -> list[Text]:
    """The counts, then the files no member was found for."""
    parts = [Text(""), Text(summary(audit) + ".", style="bold")]
    if audit.unmatched:
        parts.append(Text("Tệp không gán được cho thành viên nào:", style="bold"))
        parts += [indented(f"{u['file']}: {u['reason']}", 2, width) for u in audit.unmatched]
    return parts


@reporter(Audit, "text")
def audit_table(audit: Audit, view: View) -> Group:
    """One line per member (wrapped by words, never inside a file name), then its files and every note the JSON
    has, indented; no trailing spaces."""
    return Group(*_head(audit, view.width), *_members(audit, audit.members, view.width), *_tail(audit, view.width))


@dataclass
class Grouped:
    """An audit to show grouped by status (``--group``)."""

    audit: Audit

    @property
    def notices(self) -> list[str]:
        return self.audit.notices


@reporter(Grouped, "text")
def grouped_table(grouped: Grouped, view: View) -> Group:
    """The text table with the members under one heading per status: late, missing, to review first."""
    audit, width = grouped.audit, view.width
    parts = _head(audit, width)
    for status in GROUP_ORDER:
        members = [m for m in audit.members if m.status == status]
        if members:
            parts += [
                Text(""),
                Text(f"{STATUS_VI[status].capitalize()} ({len(members)})", style=f"bold {STYLE[status]}"),
            ]
            parts += _members(audit, members, width)[1:]
    return Group(*parts, *_tail(audit, width))


def _members(audit: Audit, members: list[MemberVerdict], width: int) -> list[Text]:
    """A blank line, the column heads, then one row per member with its details indented."""
    title_width = min(30, max(len("Thành viên"), *(len(m.title) for m in members or audit.members), 0))
    widths = [title_width, 12, 10, max(width - title_width - 28, 12)]
    parts = [
        Text(""),
        _row([("Thành viên", "bold"), ("Kết quả", "bold"), ("Ngày nộp", "bold"), ("Bằng chứng", "bold")], widths),
    ]
    for m in members:
        cells = [
            (m.title, ""),
            (STATUS_VI[m.status], STYLE[m.status]),
            (f"{m.submitted:%d/%m/%Y}" if m.submitted else "—", ""),
            (m.evidence or "—", ""),
        ]
        parts.append(_row(cells, widths))
        parts += [indented(line, 2, width, "dim") for line in _details(audit, m)]
    return parts


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


def _details(audit: Audit, m: MemberVerdict, reasons: bool = True) -> list[str]:
    """The member's files, why its status (with ``reasons``: the spreadsheets have columns for them) and every
    piece of evidence weighed, every problem or note on its files, and the points its report does not address."""
    lines = [m.note or "; ".join(m.files)] if m.note or m.files else []
    if reasons:
        if m.reason and m.reason not in m.note and m.status not in ("missing", "not_due"):
            lines.append(f"Lý do: {m.reason}")
        lines += [f"Bằng chứng: {line}" for line in m.evidence_used]
    said = [
        f"{f.file}: {'; '.join(filter(None, [f.review, f.problem, *f.notes]))}"
        for f in audit.files
        if f.member == m.member
    ]
    lines += [line for line in said if not line.endswith(": ") and line not in m.note]
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


@reporter(Audit, "markdown")
def audit_markdown(audit: Audit, view: View) -> str:
    """A heading, the deadline, one table row per member (status, day, evidence, reason, files), the files not
    assigned: every text from the folder escaped (:func:`~quyche_cli.cli.views.safe.markdown`)."""
    m = markdown
    lines = [
        f"## Kiểm tra báo cáo kỳ {m(audit.period.label_vi)} ({m(audit.period.label)})",
        "",
        f"Hạn: hết ngày {audit.deadline:%d/%m/%Y}"
        + (f" ({m(audit.deadline_wording)})" if audit.deadline_wording else "")
        + "\\",
        m(ORDER_LINE),
        "",
        "| Thành viên | Kết quả | Ngày nộp | Bằng chứng | Lý do | Tệp |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for v in audit.members:
        day = f"{v.submitted:%d/%m/%Y}" if v.submitted else "—"
        cells = [
            m(v.title),
            f"**{STATUS_VI[v.status]}**",
            day,
            m(v.evidence or "—"),
            m(v.reason),
            m("; ".join(v.files)),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"**{m(summary(audit))}**\\"]
    if audit.unmatched:
        lines += ["", "Tệp không gán được cho thành viên nào:", ""]
        lines += [f"- {m(u['file'])}: {m(u['reason'])}" for u in audit.unmatched]
    return "\n".join(lines) + "\n"
