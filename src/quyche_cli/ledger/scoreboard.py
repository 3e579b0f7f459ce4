"""Scoreboards: each member's record over recorded periods, per quarter, half-year and year, as provinces
publish it for the year-end emulation ranking; and the month-by-month map of its deadlines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from quyche_cli.ledger.store import Entry
from quyche_cli.schedule.periods import Period

ViewKind = Literal["quarter", "half", "year"]
VIEW_VI: dict[ViewKind, str] = {"quarter": "Theo quý", "half": "Theo 6 tháng", "year": "Theo năm"}
# The worst outcome first: the heat map shows a month by its worst deadline.
SEVERITY = ("missing", "needs_review", "late", "answered", "on_time", "not_due")
OUTCOME_VI = {
    "on_time": "đúng hạn",
    "late": "muộn",
    "answered": "nộp sau đôn đốc",
    "missing": "chưa nộp",
    "needs_review": "cần xem lại",
    "not_due": "chưa đến hạn",
}


@dataclass
class Score:
    """One member's counts over a set of periods. ``late`` includes ``answered`` (late, but by the new
    deadline a đôn đốc set); ``days_late`` adds up the days late of every late report."""

    committee: str
    member: str
    title: str
    due: int = 0
    on_time: int = 0
    late: int = 0
    answered: int = 0
    days_late: int = 0
    most_days_late: int = 0
    missing: int = 0
    needs_review: int = 0
    explained: int = 0

    @property
    def rate(self) -> float | None:
        """The share of due reports that came on time (None when none was due)."""
        return self.on_time / self.due if self.due else None

    def add(self, entry: Entry) -> None:
        if entry.status == "not_due":
            return
        self.due += 1
        self.explained += bool(entry.explanations)
        if entry.status == "on_time":
            self.on_time += 1
        elif entry.status == "late":
            self.late += 1
            self.answered += entry.answered
            days = entry.days_late or 0
            self.days_late += days
            self.most_days_late = max(self.most_days_late, days)
        elif entry.status == "missing":
            self.missing += 1
        else:
            self.needs_review += 1

    def as_dict(self) -> dict[str, Any]:
        # vars(), not asdict(): a five-year board has thousands of scores, and asdict deep-copies each field
        return {**vars(self), "rate": None if self.rate is None else round(self.rate, 4)}


@dataclass
class Bucket:
    """The scores of one quarter, half-year or year."""

    label: str
    label_vi: str
    scores: list[Score]


@dataclass
class BoardView:
    kind: ViewKind
    buckets: list[Bucket]


@dataclass
class MonthCell:
    """What the deadlines of one member falling in one month came to (outcome -> how many)."""

    committee: str
    member: str
    month: str  # "2024-09"
    outcomes: dict[str, int]

    @property
    def worst(self) -> str:
        return next(o for o in SEVERITY if o in self.outcomes)


@dataclass
class Scoreboard:
    """Every member's record between ``first`` and ``last`` (the periods wholly within), per view, over the
    whole range (``totals``), and month by month (``months``)."""

    first: dt.date
    last: dt.date
    committee: str | None
    periods: list[str]
    totals: list[Score]
    views: list[BoardView]
    months: list[MonthCell]
    month_labels: list[str]
    notices: list[str] = field(default_factory=list)
    by: ViewKind = "year"  # the view a text shows

    @property
    def committees(self) -> list[str]:
        return list(dict.fromkeys(s.committee for s in self.totals))

    def as_dict(self) -> dict[str, Any]:
        return {
            "first": self.first,
            "last": self.last,
            "committee": self.committee,
            "periods": self.periods,
            "totals": [s.as_dict() for s in self.totals],
            "views": {
                v.kind: [{"label": b.label, "scores": [s.as_dict() for s in b.scores]} for b in v.buckets]
                for v in self.views
            },
            "months": [{**vars(c), "worst": c.worst} for c in self.months],
        }


def outcome(entry: Entry) -> str:
    """The verdict as the scoreboard counts it: "answered" for a late report that came by the đôn đốc's date."""
    return "answered" if entry.answered else entry.status


@cache
def _bucket_of(period: Period, kind: ViewKind) -> tuple[str, str] | None:
    """The quarter, half-year or year (label, Vietnamese label) ``period`` falls in, or None when the period is
    longer than that view (a yearly report has no quarter)."""
    months = period.months or 1  # a run of days counts where it ends
    end = period.end
    if kind == "quarter" and months <= 3:
        q = (end.month - 1) // 3 + 1
        return f"{end.year}-Q{q}", f"quý {'I II III IV'.split()[q - 1]}/{end.year}"
    if kind == "half" and months <= 6:
        h = 1 if end.month <= 6 else 2
        return f"{end.year}-H{h}", f"6 tháng {'đầu' if h == 1 else 'cuối'} năm {end.year}"
    if kind == "year":
        return str(end.year), f"năm {end.year}"
    return None


def _scores(entries: list[Entry]) -> list[Score]:
    found: dict[tuple[str, str], Score] = {}
    for entry in entries:
        score = found.setdefault(
            (entry.key.committee, entry.member), Score(entry.key.committee, entry.member, entry.title)
        )
        score.title = entry.title  # the latest recorded title
        score.add(entry)
    return sorted(found.values(), key=_rank)


def _rank(score: Score) -> tuple[str, float, int, int, int, str]:
    """Best first: the on-time rate, then fewer missing, fewer to review, fewer days late; then by name."""
    return score.committee, -(score.rate or 0), score.missing, score.needs_review, score.days_late, score.title


def scoreboard(entries: list[Entry], first: dt.date, last: dt.date, committee: str | None) -> Scoreboard:
    """The scoreboard of the recorded ``entries`` (the periods within ``first``–``last``)."""
    views = []
    for kind in ("quarter", "half", "year"):
        grouped: dict[tuple[str, str], list[Entry]] = {}
        for entry in entries:
            bucket = _bucket_of(entry.period, kind)
            if bucket:
                grouped.setdefault(bucket, []).append(entry)
        views.append(
            BoardView(kind, [Bucket(label, vi, _scores(group)) for (label, vi), group in sorted(grouped.items())])
        )
    cells: dict[tuple[str, str, str], MonthCell] = {}
    for entry in entries:
        month = f"{entry.deadline:%Y-%m}"
        cell = cells.setdefault(
            (entry.key.committee, entry.member, month), MonthCell(entry.key.committee, entry.member, month, {})
        )
        cell.outcomes[outcome(entry)] = cell.outcomes.get(outcome(entry), 0) + 1
    labels = {month for _, _, month in cells}
    day = first.replace(day=1)
    while day <= last:
        labels.add(f"{day:%Y-%m}")
        day = (day + dt.timedelta(days=32)).replace(day=1)
    notices = [] if entries else ["Sổ theo dõi chưa ghi kỳ nào trong khoảng này."]
    periods = list(dict.fromkeys(e.key.period for e in entries))
    return Scoreboard(
        first,
        last,
        committee,
        periods,
        _scores(entries),
        views,
        sorted(cells.values(), key=_cell_order),
        sorted(labels),
        notices,
    )


def _cell_order(cell: MonthCell) -> tuple[str, str, str]:
    return cell.committee, cell.member, cell.month
