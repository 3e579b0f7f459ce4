"""The two tables of a drafting round, in the Nghị định 30 layout on landscape pages: the comparison table
(bảng so sánh) and the comment synthesis table (bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from quyche_cli.comments.results import CommentRound
from quyche_cli.compare.diff import RulesDiff
from quyche_cli.compare.provisions import Change, changes, word_diff
from quyche_cli.documents.docx import Block, Cell, Grid, Layout, Run, build_grid
from quyche_cli.documents.kinds import place_date
from quyche_cli.errors import InputError
from quyche_cli.rules.index import Provision, Rules

COMPARISON_WIDTHS = (15.0, 94.0, 94.0, 49.0)
SYNTHESIS_WIDTHS = (15.0, 35.0, 45.0, 85.0, 72.0)
KIND_VI = {
    "added": "Bổ sung",
    "removed": "Bãi bỏ",
    "changed": "Sửa đổi",
    "renumbered": "Đánh số lại",
    "moved": "Chuyển",
}


def _layout(rules: Rules, title: str, excerpt: str, today: dt.date) -> Layout:
    doc = rules.model.document
    return Layout(
        superior=doc.superior_body or "",
        issuer=doc.committee,
        place_date=place_date(doc.place, None, True, today),
        type_name=title,
        excerpt=[excerpt],
    )


def _notes(raw: Any, known: set[str], what: str) -> dict[str, str]:
    """A ``--data`` mapping of keys to explanations; InputError naming the keys the documents do not have."""
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(isinstance(v, str | int) for v in raw.values()):
        raise InputError(f"Tệp --data phải là một bảng '{what}: nội dung'.")
    notes = {str(k): str(v) for k, v in raw.items()}
    unknown = sorted(set(notes) - known)
    if unknown:
        raise InputError(f"Tệp --data có {what} không có trong văn bản: {', '.join(unknown)}.")
    return notes


UNTRANSCRIBED_CELL = "(chưa chép vào tệp quy chế: không so sánh được)"


def _whole(rules: Rules, provision: Provision, strike: bool = False, bold: bool = False) -> Cell:
    """A provision with everything under it (added or removed, or not transcribed on one side): a part not
    transcribed yet is named with the tool's note in italics, never a text."""
    lines: Cell = []
    for node in provision.walk_transcribed():
        if node.untranscribed:
            lines.append([Run(_capital(node.citation) + " ", bold=True), Run(UNTRANSCRIBED_CELL, italic=True)])
        else:
            lines.append([Run(rules.full_text(node), bold=bold, strike=strike)])
    return lines


def _diff_cells(diff: RulesDiff, change: Change) -> tuple[Cell, Cell]:
    """Old and new text: removed words struck through on the left, added words in bold on the right."""
    old, new = change.old, change.new
    if old is None:
        return [[Run("(chưa có)", italic=True)]], _whole(diff.new.rules, new, bold=True)  # type: ignore[arg-type]
    if new is None:
        return _whole(diff.old.rules, old, strike=True), [[Run("Bãi bỏ.", italic=True)]]
    if old.untranscribed or new.untranscribed:
        return _whole(diff.old.rules, old), _whole(diff.new.rules, new)
    left: list[Run] = []
    right: list[Run] = []
    segments = word_diff(diff.old.rules.full_text(old), diff.new.rules.full_text(new))
    for op, words in segments:
        if op != "insert":
            left += [Run(" " if left else ""), Run(words, strike=op == "delete")]
        if op != "delete":
            right += [Run(" " if right else ""), Run(words, bold=op == "insert")]
    return [left], [right]


def comparison(diff: RulesDiff, raw_notes: Any, every: bool, today: dt.date) -> bytes:
    """The comparison table: one row per changed provision (every provision with ``every``), in the order of
    the new text; explanations from ``raw_notes`` keyed by provision id."""
    known = {p.id for p in diff.old.rules.provisions} | {p.id for p in diff.new.rules.provisions} | {"old_heading"}
    notes = _notes(raw_notes, known, "id quy định")
    shown = changes(diff.old.rules, diff.new.rules, diff.pairs, every) if every else diff.changes
    rows: list[list[Cell | None]] = []
    for number, change in enumerate(shown, start=1):
        left, right = _diff_cells(diff, change)
        note = notes.get(change.new.id if change.new else "") or notes.get(change.old.id if change.old else "") or ""
        label = f"{KIND_VI[change.kind]}: " if change.kind in KIND_VI else ""
        title = [Run(label, italic=True), Run(_capital(change.where), bold=True)]
        rows.append([[[Run(str(number))]], [title, *left], [title, *right], [[Run(note)]] if note else []])
    old_doc = diff.old.rules.model.document
    heading = notes.get("old_heading") or ("Quy định hiện hành" if old_doc.status != "draft" else "Dự thảo trước")
    grid = Grid(["STT", heading, "Dự thảo sửa đổi, bổ sung", "Thuyết minh"], list(COMPARISON_WIDTHS), rows)
    excerpt = diff.new.rules.model.document.title
    return build_grid(_layout(diff.new.rules, "Bảng so sánh", excerpt, today), grid)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def synthesis(rules: Rules, round_: CommentRound, raw_answers: Any, today: dt.date) -> bytes:
    """The synthesis table: comments grouped by the first provision each cites, in the order of the text
    (general comments first); answers from ``raw_answers`` keyed by row number; then who agreed and who did
    not reply."""
    unknown = sorted({r for c in round_.comments for r in c.refs if r not in rules.by_id})
    if unknown:
        raise InputError(f"Tệp ý kiến dẫn chiếu quy định không có trong tệp quy chế: {', '.join(unknown)}.")
    answers = _notes(raw_answers, {str(i) for i in range(1, len(round_.comments) + 1)}, "số thứ tự")
    position = {p.id: i for i, p in enumerate(rules.provisions)}
    ordered = sorted(round_.comments, key=lambda c: min((position[r] for r in c.refs), default=-1))
    name = round_.name
    rows: list[list[Cell | None]] = []
    previous = None
    for number, comment in enumerate(ordered, start=1):
        refs = [_capital(rules.by_id[r].citation) for r in sorted(comment.refs, key=position.__getitem__)]
        cited = "; ".join(refs) or "Ý kiến chung"
        answer = answers.get(str(number), "")
        rows.append(
            [
                [[Run(str(number))]],
                None if cited == previous else [[Run(cited, bold=bool(refs), italic=not refs)]],  # one cell a group
                [[Run(name(comment.member))]],
                [[Run(comment.text)]],
                [[Run(answer)]] if answer else [],
            ]
        )
        previous = cited
    after = [
        Block("p", "Các cơ quan nhất trí với dự thảo: " + ("; ".join(map(name, round_.agreed)) or "không có") + "."),
    ]
    by = f" đến ngày {round_.deadline:%d/%m/%Y}" if round_.deadline else ""
    after.append(
        Block("p", f"Các cơ quan chưa có ý kiến{by}: " + ("; ".join(map(name, round_.no_reply)) or "không có") + ".")
    )
    titles = ["STT", "Điều, khoản", "Cơ quan góp ý", "Nội dung góp ý", "Ý kiến tiếp thu, giải trình"]
    grid = Grid(titles, list(SYNTHESIS_WIDTHS), rows, after, left=3)
    excerpt = f"đối với dự thảo {rules.model.document.title}"
    return build_grid(_layout(rules, "Bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý", excerpt, today), grid)
