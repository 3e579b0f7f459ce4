"""The ledger for people: the recorded periods, what each recording changed, and the scoreboards (as text, and
as spreadsheets ready for the emulation report: one sheet per view, plain values, no formulas)."""

from __future__ import annotations

from rich.text import Text

from quyche_cli.audit.results import STATUS_VI
from quyche_cli.cli.views import View, reporter
from quyche_cli.cli.views.console import columns
from quyche_cli.cli.views.sheets import Book, Cell, Sheet, spreadsheets, to_csv
from quyche_cli.ledger.reminders import Round, letter
from quyche_cli.ledger.scoreboard import VIEW_VI, Score, Scoreboard
from quyche_cli.ledger.store import History, Listing

HEADERS = [
    "Thành viên",
    "Phải nộp",
    "Đúng hạn",
    "Muộn",
    "Số ngày muộn",
    "Nộp sau đôn đốc",
    "Chưa nộp",
    "Cần xem lại",
    "Có giải trình",
    "Tỷ lệ đúng hạn (%)",
]


def _status(status: str | None) -> str:
    return STATUS_VI.get(status or "", status or "—") if status else "—"


def _day(day: object) -> str:
    return f"{day:%d/%m/%Y}" if day else "—"


@reporter(Listing, "text")
def listing_text(listing: Listing, view: View) -> Text:
    if not listing.periods:
        return Text(f"Sổ theo dõi {listing.path} chưa ghi kỳ nào.\n")
    rows = [
        [
            p.key.period,
            p.key.stream or "—",
            p.key.committee,
            _day(p.deadline),
            _day(p.recorded_on),
            ", ".join(f"{n} {STATUS_VI.get(s, s)}" for s, n in sorted(p.counts.items())),
        ]
        for p in listing.periods
    ]
    table = columns(["Kỳ", "Luồng", "Ban", "Hạn", "Ngày ghi", "Kết quả"], rows, view.table_width, keep=2)
    return Text(f"Sổ theo dõi {listing.path}: {len(listing.periods)} kỳ đã ghi.\n\n").append_text(table).append("\n")


@reporter(History, "text")
def history_text(history: History, view: View) -> Text:
    if not history.changes:
        return Text(f"Sổ theo dõi {history.path} chưa ghi thay đổi nào (theo điều kiện đã chọn).\n")
    rows = [
        [
            f"#{c.recording}",
            _day(c.recorded_on),
            c.key.period + (f" ({c.key.stream})" if c.key.stream else ""),
            c.member,
            f"{_status(c.old_status)} ({_day(c.old_submitted)})" if c.old_status else "(chưa ghi)",
            f"{_status(c.new_status)} ({_day(c.new_submitted)})" if c.new_status else "(không còn trong kết quả)",
        ]
        for c in history.changes
    ]
    table = columns(["Lần ghi", "Ngày ghi", "Kỳ", "Thành viên", "Trước", "Sau"], rows, view.table_width, keep=4)
    return table.append("\n")


def _rate(score: Score) -> str:
    return "—" if score.rate is None else f"{score.rate:.0%}"


def _cells(score: Score, several: bool) -> list[str]:
    late = f"{score.late}" + (f" ({score.days_late} ngày, {score.most_days_late})" if score.late else "")
    return [
        *([score.committee] if several else []),
        score.title,
        str(score.due),
        str(score.on_time),
        late,
        str(score.answered),
        str(score.missing),
        str(score.needs_review),
        str(score.explained),
        _rate(score),
    ]


@reporter(Scoreboard, "text")
def scoreboard_text(board: Scoreboard, view: View) -> Text:
    several = len(board.committees) > 1
    headers = [*(["Ban"] if several else []), "Thành viên", "Phải", "Đúng", "Muộn", "Sau ĐĐ", "Chưa", "X.lại", "GT"]
    headers += ["Tỷ lệ"]
    page = Text(f"Bảng xếp hạng nộp báo cáo từ {board.first:%d/%m/%Y} đến {board.last:%d/%m/%Y}", style="bold")
    page.append(f" ({len(board.periods)} kỳ đã ghi: {', '.join(board.periods) or 'không có'}).\n")
    for kind_view in board.views:
        if kind_view.kind != board.by:
            continue
        for bucket in kind_view.buckets:
            page.append(f"\n{bucket.label_vi[:1].upper()}{bucket.label_vi[1:]}\n", style="bold")
            rows = [_cells(s, several) for s in bucket.scores]
            page.append_text(columns(headers, rows, view.table_width, keep=0)).append("\n")
        if not kind_view.buckets:
            page.append(f"\n{VIEW_VI[kind_view.kind]}: không có kỳ nào.\n")
    page.append(
        "\nPhải: phải nộp; Đúng: đúng hạn; Muộn: nộp muộn (tổng số ngày muộn, lâu nhất), kể cả Sau ĐĐ: nộp sau "
        "đôn đốc, trước hạn mới; Chưa: chưa nộp; X.lại: cần xem lại; GT: có giải trình. Tỷ lệ = Đúng / Phải; báo "
        "cáo chưa đến hạn không tính.\n",
        style="dim",
    )
    return page


def _sheet_rows(scores: list[Score], label: str | None, several: bool) -> list[list[Cell]]:
    return [
        [
            *([label] if label else []),
            *([s.committee] if several else []),
            s.title,
            s.due,
            s.on_time,
            s.late,
            s.days_late,
            s.answered,
            s.missing,
            s.needs_review,
            s.explained,
            None if s.rate is None else round(100 * s.rate, 1),
        ]
        for s in scores
    ]


@spreadsheets(Scoreboard)
def scoreboard_book(board: Scoreboard, view: View) -> Book:
    """The sheet of totals over the whole range first (the CSV), then one sheet per view (quarter, half-year,
    year), each row a member in one period; plain values, ready to paste into the emulation report."""
    several = len(board.committees) > 1
    head = ["Ban"] if several else []
    sheets = [Sheet("Cả khoảng", [*head, *HEADERS], _sheet_rows(board.totals, None, several))]
    for kind_view in board.views:
        rows = [row for b in kind_view.buckets for row in _sheet_rows(b.scores, b.label, several)]
        sheets.append(Sheet(VIEW_VI[kind_view.kind], ["Kỳ", *head, *HEADERS], rows))
    about: list[tuple[str, Cell]] = [
        ("Bảng", "Xếp hạng nộp báo cáo của thành viên (từ sổ theo dõi của quyche)"),
        ("Từ ngày", board.first),
        ("Đến ngày", board.last),
        ("Ban Chỉ đạo", board.committee or ", ".join(board.committees) or "—"),
        ("Các kỳ đã ghi", ", ".join(board.periods) or "không có"),
        ("Cách tính", "Tỷ lệ đúng hạn = đúng hạn / phải nộp; muộn gồm cả nộp sau đôn đốc; chưa đến hạn không tính."),
    ]
    return Book(about, sheets)


@reporter(Round, "text")
def round_text(round_: Round, view: View) -> str:
    """Each reminder as the plain text of its message (to paste into a chat group), one after another."""
    if not round_.reminders:
        asked = " hoặc ".join(str(d) for d in round_.days)
        overdue = " và không có báo cáo quá hạn trong sổ theo dõi" if round_.overdue_asked else ""
        return f"Ngày {round_.day:%d/%m/%Y}: không có hạn nào còn {asked} ngày{overdue}; không cần nhắc.\n"
    rule = "─" * min(view.width, 80)
    return f"\n{rule}\n\n".join(letter(round_, r) for r in round_.reminders)


@reporter(Scoreboard, "csv")
def scoreboard_csv(board: Scoreboard, view: View) -> str:
    """The CSV: the sheet of the view ``--by`` chose (the year by default), one row per member and period."""
    return to_csv(next(s for s in scoreboard_book(board, view).sheets if s.title == VIEW_VI[board.by]))
