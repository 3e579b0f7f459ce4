"""The roster of members at a date: a table for people, CSV and XLSX for the office."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.text import Text

from quyche_cli.cli.views import View, reporter
from quyche_cli.cli.views.console import columns
from quyche_cli.cli.views.lookup import rules_of
from quyche_cli.cli.views.sheets import Book, Cell, Sheet, spreadsheets
from quyche_cli.lookup.duties import Roster
from quyche_cli.rules.index import Rules


def _validity(row: dict[str, Any]) -> str:
    """ "từ 01/03/2025", "đến 28/02/2025", and who carries a pending seat's tasks."""
    start, end = row["valid_from"], row["valid_to"]
    validity = " ".join(([f"từ {start:%d/%m/%Y}"] if start else []) + ([f"đến {end:%d/%m/%Y}"] if end else []))
    if row["seat"] == "pending":
        validity += f"; ghế chờ kiện toàn, nhiệm vụ nay do {row['carried_by']} thực hiện"
    return validity.strip("; ")


def _points(row: dict[str, Any]) -> str:
    return str(row["points"]) + (f" + {row['inherited_points']} kế thừa" if row["inherited_points"] else "")


def _role(row: dict[str, Any]) -> str:
    """The seat's role as the file labels it, with the sub-body it belongs to."""
    return f"{row['role_label']} ({row['body']})" if row["body"] else str(row["role_label"])


def _roster_title(rules: Rules, roster: Roster) -> str:
    return f"Thành viên {rules.model.document.committee_short} ngày {roster.as_of:%d/%m/%Y}"


@reporter(Roster, "text")
def members_table(roster: Roster, view: View) -> Group:
    """At 80 columns: symbol, agency (or title), role, number of points and a short status; ``--wide`` adds
    the title and the full validity."""
    headers = ["Ký hiệu", "Cơ quan", "Vai trò", "Số mục"]
    rows = []
    for row in roster.rows:
        cells = [row["abbreviation"] or "—", row["agency"] or row["title"] or "—", _role(row), _points(row)]
        if view.wide:
            cells += [row["title"] or "—", _validity(row)]
        else:
            cells.append("chờ kiện toàn" if row["seat"] == "pending" else _validity(row))
        rows.append(cells)
    headers += ["Chức danh", "Hiệu lực"] if view.wide else ["Ghi chú"]
    return Group(
        Text(_roster_title(rules_of(view), roster), style="bold"), Text(""), columns(headers, rows, view.table_width)
    )


def roster_sheet(roster: Roster) -> Sheet:
    headers = ["Mã", "Vai trò", "Chức danh", "Cơ quan", "Ký hiệu", "Số mục", "Số mục kế thừa", "Từ ngày", "Đến ngày"]
    sheet = Sheet(f"{roster.as_of:%d-%m-%Y}", [*headers, "Ghi chú"])
    for row in roster.rows:
        note = f"ghế chờ kiện toàn, nhiệm vụ nay do {row['carried_by']} thực hiện" if row["seat"] == "pending" else ""
        sheet.rows.append(
            [
                row["id"],
                _role(row),
                row["title"],
                row["agency"],
                row["abbreviation"],
                row["points"],
                row["inherited_points"],
                row["valid_from"],
                row["valid_to"],
                note,
            ]
        )
    return sheet


@spreadsheets(Roster)
def members_book(roster: Roster, view: View) -> Book:
    about: list[tuple[str, Cell]] = [
        ("Bảng", _roster_title(rules_of(view), roster)),
        ("Ngày xét", roster.as_of),
        ("Số dòng", len(roster.rows)),
        *(("Lưu ý", notice) for notice in roster.notices),
    ]
    return Book(about, [roster_sheet(roster)])
