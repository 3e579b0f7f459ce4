"""The scoreboard's charts: the on-time rate of each member (bars) and the month-by-month map of its
deadlines (a heat map), as SVG written here (no library: a few rectangles and texts), and both as PNG through
matplotlib, an optional extra (``pip install 'quyche[charts]'``)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from quyche_cli.errors import InputError
from quyche_cli.ledger.scoreboard import OUTCOME_VI, SEVERITY, Scoreboard

COLOURS = {
    "on_time": "#2e7d32",
    "answered": "#9ccc65",
    "late": "#f9a825",
    "needs_review": "#8e24aa",
    "missing": "#c62828",
    "not_due": "#90caf9",
}
FONT = "font-family='DejaVu Sans, Arial, sans-serif' font-size='12'"
ROW, LABEL, BAR, CELL = 22, 280, 360, 18


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' viewBox='0 0 {width} {height}' "
        f"role='img' aria-label='{escape(title)}' {FONT}>\n<title>{escape(title)}</title>\n"
        f"<rect width='100%' height='100%' fill='white'/>\n"
        f"<text x='8' y='18' font-size='14' font-weight='bold'>{escape(title)}</text>\n"
        + "\n".join(body)
        + "\n</svg>\n"
    )


def _range(board: Scoreboard) -> str:
    return f"{board.first:%d/%m/%Y}–{board.last:%d/%m/%Y}"


def rate_svg(board: Scoreboard) -> str:
    """One bar per member: the share of its due reports that came on time, the figure beside it."""
    scores = [s for s in board.totals if s.rate is not None]
    body = []
    for i, score in enumerate(scores):
        y = 34 + i * ROW
        width = round(BAR * (score.rate or 0))
        body += [
            f"<text x='{LABEL - 6}' y='{y + 14}' text-anchor='end'>{escape(score.title)}</text>",
            f"<rect x='{LABEL}' y='{y + 3}' width='{BAR}' height='{ROW - 6}' fill='#eeeeee'/>",
            f"<rect x='{LABEL}' y='{y + 3}' width='{width}' height='{ROW - 6}' fill='{COLOURS['on_time']}'/>",
            f"<text x='{LABEL + BAR + 6}' y='{y + 14}'>{(score.rate or 0):.0%} ({score.on_time}/{score.due})</text>",
        ]
    if not scores:
        body.append("<text x='8' y='50'>Chưa có báo cáo nào đến hạn trong khoảng này.</text>")
    height = 34 + max(len(scores), 1) * ROW + 12
    return _svg(LABEL + BAR + 90, height, f"Tỷ lệ nộp báo cáo đúng hạn, {_range(board)}", body)


def heatmap_svg(board: Scoreboard) -> str:
    """One row per member, one column per month: the colour of the worst outcome of its deadlines that
    month (a legend under the map)."""
    members = list(dict.fromkeys((c.committee, c.member) for c in board.months))
    titles = {(s.committee, s.member): s.title for s in board.totals}
    months = board.month_labels
    body = [
        f"<text x='{LABEL + i * CELL + CELL // 2}' y='44' text-anchor='middle' font-size='9'>{m[5:]}</text>"
        for i, m in enumerate(months)
    ]
    cells = {(c.committee, c.member, c.month): c for c in board.months}
    for row, key in enumerate(members):
        y = 50 + row * CELL
        body.append(f"<text x='{LABEL - 6}' y='{y + 13}' text-anchor='end'>{escape(titles.get(key, key[1]))}</text>")
        for col, month in enumerate(months):
            cell = cells.get((*key, month))
            colour = COLOURS[cell.worst] if cell else "#f5f5f5"
            tip = (
                f"<title>{escape(month)}: {escape(', '.join(f'{n} {OUTCOME_VI[o]}' for o, n in cell.outcomes.items()))}"
                "</title>"
                if cell
                else ""
            )
            body.append(
                f"<rect x='{LABEL + col * CELL}' y='{y}' width='{CELL - 2}' height='{CELL - 2}' fill='{colour}'>{tip}"
                "</rect>"
            )
    legend_y = 50 + max(len(members), 1) * CELL + 16
    for i, name in enumerate(SEVERITY):
        x = 8 + i * 130
        body += [
            f"<rect x='{x}' y='{legend_y}' width='12' height='12' fill='{COLOURS[name]}'/>",
            f"<text x='{x + 16}' y='{legend_y + 11}'>{OUTCOME_VI[name]}</text>",
        ]
    width = max(LABEL + len(months) * CELL + 20, 8 + len(SEVERITY) * 130)
    return _svg(width, legend_y + 24, f"Hạn báo cáo theo tháng, {_range(board)}", body)


def _pyplot() -> Any:
    """matplotlib's pyplot drawing off screen; InputError when the optional extra is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib import pyplot
    except ImportError:
        raise InputError(
            "Biểu đồ PNG cần thư viện matplotlib: cài bằng pip install 'quyche[charts]' (hoặc dùng --format svg)."
        ) from None
    return pyplot


def _png(figure: Any, pyplot: Any) -> bytes:
    import io

    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=120, bbox_inches="tight")
    pyplot.close(figure)
    return buffer.getvalue()


def rate_png(board: Scoreboard) -> bytes:
    """The on-time rate bars as a PNG (matplotlib, the optional extra ``charts``)."""
    pyplot = _pyplot()
    scores = [s for s in board.totals if s.rate is not None][::-1]
    figure, axes = pyplot.subplots(figsize=(9, 0.35 * max(len(scores), 1) + 1.2))
    axes.barh([s.title for s in scores], [100 * (s.rate or 0) for s in scores], color=COLOURS["on_time"])
    axes.set_xlim(0, 100)
    axes.set_xlabel("Tỷ lệ đúng hạn (%)")
    axes.set_title(f"Tỷ lệ nộp báo cáo đúng hạn, {_range(board)}")
    return _png(figure, pyplot)


def heatmap_png(board: Scoreboard) -> bytes:
    """The month-by-month map as a PNG: one row per member, one column per month, each cell the colour of the
    worst outcome of its deadlines that month (as :func:`heatmap_svg`), a legend under it."""
    from matplotlib.colors import to_rgb
    from matplotlib.patches import Patch

    pyplot = _pyplot()
    members = list(dict.fromkeys((c.committee, c.member) for c in board.months))
    titles = {(s.committee, s.member): s.title for s in board.totals}
    months = board.month_labels
    cells = {(c.committee, c.member, c.month): c for c in board.months}
    empty = to_rgb("#f5f5f5")
    grid = [
        [to_rgb(COLOURS[cells[(c, m, month)].worst]) if (c, m, month) in cells else empty for month in months]
        for c, m in members
    ] or [[empty for _ in months]]
    figure, axes = pyplot.subplots(figsize=(max(6, 0.45 * len(months) + 4), 0.35 * max(len(members), 1) + 2))
    axes.imshow(grid, aspect="auto", interpolation="nearest")
    axes.set_xticks(range(len(months)), [m[5:] for m in months], fontsize=8)
    axes.set_yticks(range(len(members)), [titles.get(key, key[1]) for key in members] or [""], fontsize=8)
    axes.set_title(f"Hạn báo cáo theo tháng, {_range(board)}")
    legend = [Patch(color=COLOURS[name], label=OUTCOME_VI[name]) for name in SEVERITY]
    axes.legend(handles=legend, loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=3, fontsize=8, frameon=False)
    return _png(figure, pyplot)


DRAWN: dict[tuple[str, str], Callable[[Scoreboard], str | bytes]] = {
    ("rate", "svg"): rate_svg,
    ("heatmap", "svg"): heatmap_svg,
    ("rate", "png"): rate_png,
    ("heatmap", "png"): heatmap_png,
}


def drawn(board: Scoreboard, chart: str, format_name: str) -> str | bytes:
    """The ``chart`` (rate or heatmap) of ``board`` as SVG text or PNG bytes."""
    return DRAWN[(chart, format_name)](board)
