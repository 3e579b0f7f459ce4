"""The comments of a drafting round: a list for people, a workbook for the drafting office."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from quyche_cli.cli.views import View, reporter
from quyche_cli.cli.views.console import indented
from quyche_cli.cli.views.sheets import Book, Cell, Sheet, spreadsheets
from quyche_cli.comments.results import CommentRound
from quyche_cli.rules.index import Rules


def _refs(rules: Rules | None, refs: list[str]) -> str:
    return "; ".join(rules.by_id[r].citation if rules and r in rules.by_id else r for r in refs) or "ý kiến chung"


@reporter(CommentRound, "text")
def comments_text(result: CommentRound, view: View) -> Group:
    rules, width = view.rules, view.width
    name = result.name
    parts: list[Text] = []
    for comment in result.comments:
        parts.append(
            indented(f"{name(comment.member)} — {_refs(rules, comment.refs)} ({comment.file})", 0, width, "bold")
        )
        parts.append(indented(comment.text, 4, width))
    agreed = "; ".join(name(m) for m in result.agreed) or "không có"
    by = f" đến ngày {result.deadline:%d/%m/%Y}" if result.deadline else ""
    silent = "; ".join(name(m) for m in result.no_reply) or "không có"
    parts += [
        indented(f"Nhất trí với dự thảo: {agreed}.", 0, width, "green"),
        indented(f"Chưa có ý kiến{by}: {silent}.", 0, width, "yellow"),
    ]
    if result.unmatched:
        parts.append(Text("Tệp cần xem lại:", style="bold"))
        parts += [indented(f"{u['file']}: {u['reason']}", 2, width) for u in result.unmatched]
    counts = f"{len(result.comments)} ý kiến, {len(result.agreed)} nhất trí, {len(result.no_reply)} chưa trả lời."
    parts.append(indented(counts, 0, width, "bold"))
    return Group(*parts)


@spreadsheets(CommentRound)
def comments_book(result: CommentRound, view: View) -> Book:
    """The comments first (the CSV), then who agreed, who did not reply, and the files to look at again."""
    rules = view.rules
    name = result.name
    members = ["Thành viên (id)", "Cơ quan"]
    comments = Sheet(
        "Ý kiến",
        [*members, "Tệp", "Quy định (id)", "Điều, khoản", "Nội dung góp ý"],
        [[c.member, name(c.member), c.file, ", ".join(c.refs), _refs(rules, c.refs), c.text] for c in result.comments],
    )
    about: list[tuple[str, Cell]] = [
        ("Số ý kiến", len(result.comments)),
        ("Nhất trí với dự thảo", len(result.agreed)),
        ("Hạn góp ý", result.deadline or "không ghi"),
        ("Chưa có ý kiến", len(result.no_reply)),
        ("Tệp cần xem lại", len(result.unmatched)),
        *(("Lưu ý", notice) for notice in result.notices),
    ]
    return Book(
        about,
        [
            comments,
            Sheet("Nhất trí", members, [[m, name(m)] for m in result.agreed]),
            Sheet("Chưa có ý kiến", members, [[m, name(m)] for m in result.no_reply]),
            Sheet("Tệp cần xem lại", ["Tệp", "Lý do"], [[u["file"], u["reason"]] for u in result.unmatched]),
        ],
    )
