"""The ledger for people: the recorded periods, and what each recording changed."""

from __future__ import annotations

from rich.text import Text

from quyche_cli.audit.results import STATUS_VI
from quyche_cli.cli.views import View, reporter
from quyche_cli.cli.views.console import columns
from quyche_cli.ledger.store import History, Listing


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
