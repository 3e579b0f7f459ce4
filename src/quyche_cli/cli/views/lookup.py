"""Human-readable views (Rich text, Markdown) of the look-ups' results.

Text is wrapped here (not padded by Rich) so that output piped to a file has no trailing spaces.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from rich.console import Group
from rich.text import Text

from quyche_cli.cli.views import View, reporter
from quyche_cli.cli.views.console import columns, indented, wrapped
from quyche_cli.cli.views.sheets import Book, Cell, Sheet, spreadsheets
from quyche_cli.lookup.citations import Excerpt
from quyche_cli.lookup.duties import INVOLVEMENT_VI, ROLE_VI, SEAT_VI, DutiesReport, Item, ReportingDuty, Roster
from quyche_cli.lookup.search import Hit, SearchResult
from quyche_cli.rules.index import Provision, Rules
from quyche_cli.rules.model import UNCONFIRMED, cited
from quyche_cli.schedule.periods import format_day, period_vi


def _rules(view: View) -> Rules:
    assert view.rules is not None, "look-up views name members from the rules file"
    return view.rules


def _member_label(rules: Rules, member_id: str | None) -> str | None:
    member = rules.members.get(member_id or "")
    return member.title if member else None


def _item_heading(rules: Rules, item: Item, own: bool) -> str:
    heading = item.ref
    if own and item.involvement:
        heading += f" [{INVOLVEMENT_VI[item.involvement]}]"
    if not own:
        whose = _member_label(rules, item.member)
        heading += f" — {INVOLVEMENT_VI[item.involvement or 'named']}"
        heading += f"; nhiệm vụ của {whose}" if whose else ""
    if item.carried_by:
        heading += f" — nay do {item.carried_by} thực hiện"
    for reason in item.outdated:
        heading += f" — {reason}"
    return heading


def _items(rules: Rules, items: list[Item], own: bool, width: int) -> Iterator[Text]:
    if not items:
        yield indented("(không có)", 2, width, "dim")
    for item in items:
        yield indented("• " + _item_heading(rules, item, own), 2, width, "bold")
        yield indented(item.text, 4, width)


def _succession_notes(report: DutiesReport) -> Iterator[tuple[int, str]]:
    """(indent level, sentence) lines about mergers, shared by the text and Markdown views."""
    s = report.succession
    assert s is not None
    if s.successor and s.date:
        source = cited(s.source or UNCONFIRMED)
        yield 0, f"Từ {s.date:%d/%m/%Y}, {report.member.agency} đã chấm dứt hoạt động ({source}); nay thực hiện:"
        for carrier in s.carriers:
            scope = f" (phần {carrier['scope']})" if carrier.get("scope") else ""
            refs = ", ".join(carrier["refs"]) or "không có quy định nào của văn bản thuộc phần này"
            yield 1, f"{carrier['agency']}{scope}: {refs}"
    for inh in s.inherited:
        scope = f" (phần {inh['scope']})" if inh["scope"] else ""
        yield 0, f"Kế thừa từ {inh['from']}{scope}, từ {inh['date']:%d/%m/%Y} ({cited(inh['source'])}):"
        if not inh["duties"]:
            yield 1, "không có quy định nào của văn bản thuộc phần này"
        for duty in inh["duties"]:
            outdated = "".join(f" ({note})" for note in duty["outdated"])
            yield 1, f"{duty['ref']}{outdated}: {duty['text']}"


def _reporting_sentences(duty: ReportingDuty) -> tuple[str, str]:
    """The next deadline of one stream for the member, and its wording and rule."""
    when = format_day(duty.next_deadline) if duty.next_deadline else "chưa xác định"
    task = f"{duty.actor} {duty.what}" if duty.receives else duty.what
    if duty.recipients and not duty.receives:
        task += f"; nơi nhận: {', '.join(duty.recipients)}"
    return (
        f"{duty.stream_name}: hạn {when} ({period_vi(duty.period)}), {task} — {duty.ref}.",
        f"Quy định: {duty.wording}. Cách tính: {duty.rule}",
    )


def _member_facts(report: DutiesReport) -> list[str]:
    """Agency, role and the clause that assigns the duties, as short labelled facts."""
    m = report.member
    facts = []
    if m.agency:
        facts.append(f"Cơ quan: {m.agency}" + (f" ({m.abbreviation})" if m.abbreviation else ""))
    if m.role:
        facts.append(f"Vai trò: {ROLE_VI[m.role]}" + (f" ({SEAT_VI[m.seat]})" if SEAT_VI[m.seat] else ""))
    if m.assigned_by:
        facts.append(f"Nhiệm vụ giao tại {m.assigned_by}")
    return facts


@reporter(DutiesReport, "text")
def duties_text(report: DutiesReport, view: View) -> Group:
    """The duties of one member, wrapped to the screen's width."""
    rules, width = _rules(view), view.width
    m = report.member
    facts = " · ".join(_member_facts(report))
    parts: list[Text] = [Text(m.title or m.agency or m.id, style="bold"), indented(facts, 0, width)]

    def section(title: str) -> None:
        parts.extend([Text(""), Text(title, style="bold underline")])

    section(f"Nhiệm vụ riêng ({len(report.duties)})")
    parts += _items(rules, report.duties, True, width)
    if report.common_duties:
        section(f"Nhiệm vụ chung của mọi thành viên ({len(report.common_duties)})")
        parts += _items(rules, report.common_duties, True, width)
    section(f"Các quy định khác nêu tên ({len(report.mentions)})")
    parts += _items(rules, report.mentions, False, width)
    if report.reporting:
        section("Chế độ báo cáo")
        for duty in report.reporting:
            when, how = _reporting_sentences(duty)
            parts += [indented(when, 2, width), indented(how, 2, width, "dim")]
    if report.succession:
        section("Sắp xếp tổ chức")
        parts += [
            indented(("• " if level else "") + text, 2 + 2 * level, width) for level, text in _succession_notes(report)
        ]
    return Group(*parts)


@reporter(DutiesReport, "markdown")
def duties_markdown(report: DutiesReport, view: View) -> str:
    """The same content as Markdown, for pasting into a report."""
    rules = _rules(view)
    out = [f"## {report.member.title or report.member.agency}", "", *(f"- {fact}" for fact in _member_facts(report))]

    def block(title: str, items: list[Item], own: bool) -> None:
        out.extend(["", f"### {title}", ""])
        out.extend(f"- **{_item_heading(rules, i, own)}**: {i.text}".replace("\n", " ") for i in items)
        if not items:
            out.append("- (không có)")

    block("Nhiệm vụ riêng", report.duties, True)
    if report.common_duties:
        block("Nhiệm vụ chung của mọi thành viên", report.common_duties, True)
    block("Các quy định khác nêu tên", report.mentions, False)
    if report.reporting:
        out += ["", "### Chế độ báo cáo", ""]
        out += [f"- {when}\n  {how}" for when, how in map(_reporting_sentences, report.reporting)]
    if report.succession:
        out += ["", "### Sắp xếp tổ chức", ""]
        out += [f"{'  ' * level}- {sentence}" for level, sentence in _succession_notes(report)]
    return "\n".join(out) + "\n"


def _validity(row: dict[str, Any]) -> str:
    """ "từ 01/03/2025", "đến 28/02/2025", and who carries a pending seat's tasks."""
    start, end = row["valid_from"], row["valid_to"]
    validity = " ".join(([f"từ {start:%d/%m/%Y}"] if start else []) + ([f"đến {end:%d/%m/%Y}"] if end else []))
    if row["seat"] == "pending":
        validity += f"; ghế chờ kiện toàn, nhiệm vụ nay do {row['carried_by']} thực hiện"
    return validity.strip("; ")


def _points(row: dict[str, Any]) -> str:
    return str(row["points"]) + (f" + {row['inherited_points']} kế thừa" if row["inherited_points"] else "")


def _roster_title(rules: Rules, roster: Roster) -> str:
    return f"Thành viên {rules.model.document.committee_short} ngày {roster.as_of:%d/%m/%Y}"


@reporter(Roster, "text")
def members_table(roster: Roster, view: View) -> Group:
    """At 80 columns: symbol, agency (or title), role, number of points and a short status; ``--wide`` adds
    the title and the full validity."""
    headers = ["Ký hiệu", "Cơ quan", "Vai trò", "Số mục"]
    rows = []
    for row in roster.rows:
        cells = [row["abbreviation"] or "—", row["agency"] or row["title"] or "—", ROLE_VI[row["role"]], _points(row)]
        if view.wide:
            cells += [row["title"] or "—", _validity(row)]
        else:
            cells.append("chờ kiện toàn" if row["seat"] == "pending" else _validity(row))
        rows.append(cells)
    headers += ["Chức danh", "Hiệu lực"] if view.wide else ["Ghi chú"]
    return Group(
        Text(_roster_title(_rules(view), roster), style="bold"), Text(""), columns(headers, rows, view.table_width)
    )


def _roster_sheet(roster: Roster) -> Sheet:
    headers = ["Mã", "Vai trò", "Chức danh", "Cơ quan", "Ký hiệu", "Số mục", "Số mục kế thừa", "Từ ngày", "Đến ngày"]
    sheet = Sheet(f"{roster.as_of:%d-%m-%Y}", [*headers, "Ghi chú"])
    for row in roster.rows:
        note = f"ghế chờ kiện toàn, nhiệm vụ nay do {row['carried_by']} thực hiện" if row["seat"] == "pending" else ""
        sheet.rows.append(
            [
                row["id"],
                ROLE_VI[row["role"]],
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
        ("Bảng", _roster_title(_rules(view), roster)),
        ("Ngày xét", roster.as_of),
        ("Số dòng", len(roster.rows)),
        *(("Lưu ý", notice) for notice in roster.notices),
    ]
    return Book(about, [_roster_sheet(roster)])


def _provision_text(rules: Rules, provision: Provision, width: int) -> Group:
    lines = [Text(f"── {provision.citation} ({provision.id})", style="bold")]
    owner = rules.owner(provision)
    if owner:
        lines.append(Text(f"Nhiệm vụ của: {owner.title}", style="dim"))
    for node in provision.walk():
        depth = len(node.lineage()) - len(provision.lineage())
        lines.append(indented(rules.full_text(node), 2 * depth, width))
    return Group(*lines)


SNIPPET_CONTEXT = 60  # characters kept on each side of the first match, cut at a word boundary


def _snippet(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """The whole words around the first match (with "…" where text is left out), and the matches in it."""
    first_start, first_end = spans[0]
    start = 0
    if first_start > SNIPPET_CONTEXT:
        start = text.find(" ", first_start - SNIPPET_CONTEXT, first_start) + 1 or first_start
    end = len(text)
    if end - first_end > SNIPPET_CONTEXT:
        end = max(text.rfind(" ", first_end, first_end + SNIPPET_CONTEXT), first_end)
    lead, shift = ("…", 1 - start) if start else ("", 0)
    snippet = lead + text[start:end] + ("…" if end < len(text) else "")
    return snippet, [(a + shift, b + shift) for a, b in spans if start <= a and b <= end]


def _bare(text: str) -> str:
    """``text`` without its diacritics ("họp" → "hop"), as a user would type it."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _hit_text(rules: Rules, hit: Hit, full: bool, width: int) -> Group:
    """A search hit, a snippet around the match or its whole paragraph, with the matched words highlighted
    (on a terminal; Rich wraps it, no indentation, no padding)."""
    body, spans = (hit.text, hit.spans) if full else _snippet(hit.text, hit.spans)
    shown = Text(body)
    for start, end in spans:
        shown.stylize("bold reverse", start, end)
    owner = _member_label(rules, hit.member)
    heading = hit.ref + (f" — {owner}" if owner else "")
    heading += f" (nay do {hit.carried_by} thực hiện)" if hit.carried_by else ""
    heading += "".join(f" — {note}" for note in hit.outdated)
    return Group(indented(heading, 0, width, "bold"), wrapped(shown, width), Text(""))


@reporter(Excerpt, "text")
def excerpt_text(excerpt: Excerpt, view: View) -> Group:
    return Group(*(_provision_text(_rules(view), p, view.width) for p in excerpt.provisions))


@reporter(SearchResult, "text")
def search_text(result: SearchResult, view: View) -> Group:
    hits = [_hit_text(_rules(view), hit, view.full, view.width) for hit in result.hits]
    summary = f"{len(result.hits)} kết quả cho '{result.query}'"
    if result.other_diacritics:
        summary += (
            f"; {result.other_diacritics} quy định khác chỉ khớp khi bỏ dấu: quyche search '{_bare(result.query)}'"
        )
    return Group(*hits, indented(summary + ".", 0, view.width))
