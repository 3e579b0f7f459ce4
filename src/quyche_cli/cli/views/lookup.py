"""Human-readable views (Rich text, Markdown) of one member's duties; the helpers the other look-up views share.

Text is wrapped here (not padded by Rich) so that output piped to a file has no trailing spaces. The roster
and the search have their own modules (``members``, ``search``), so that ``duties`` loads neither.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Group
from rich.text import Text

from quyche_cli.cli.views import View, reporter
from quyche_cli.cli.views.console import indented
from quyche_cli.cli.views.safe import markdown
from quyche_cli.lookup.duties import INVOLVEMENT_VI, SEAT_VI, DutiesReport, Item, ReportingDuty
from quyche_cli.rules.index import Rules
from quyche_cli.rules.model import UNCONFIRMED, cited
from quyche_cli.schedule.periods import format_day, period_vi


def rules_of(view: View) -> Rules:
    """The rules file a look-up view names members from."""
    assert view.rules is not None, "look-up views name members from the rules file"
    return view.rules


def member_label(rules: Rules, member_id: str | None) -> str | None:
    """The title of the member ``member_id``, if there is one."""
    member = rules.members.get(member_id or "")
    return member.title if member else None


def _item_heading(rules: Rules, item: Item, own: bool) -> str:
    heading = item.ref
    if own and item.involvement:
        heading += f" [{INVOLVEMENT_VI[item.involvement]}]"
    if not own:
        whose = member_label(rules, item.member)
        heading += f" — {INVOLVEMENT_VI[item.involvement or 'named']}"
        heading += f"; nhiệm vụ của {whose}" if whose else ""
    if item.carried_by:
        heading += f" — nay do {item.carried_by} thực hiện"
    for reason in [*item.moves, *item.outdated]:
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
        received = "Kế thừa từ" if inh["kind"] == "succession" else "Nhận chuyển giao từ"
        yield 0, f"{received} {inh['from']}{scope}, từ {inh['date']:%d/%m/%Y} ({cited(inh['source'])}):"
        if not inh["duties"]:
            yield 1, "không có quy định nào của văn bản thuộc phần này"
        for duty in inh["duties"]:
            outdated = "".join(f" ({note})" for note in [*duty["moves"], *duty["outdated"]])
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
        facts.append(f"Vai trò: {m.role_label}" + (f" ({SEAT_VI[m.seat]})" if SEAT_VI[m.seat] else ""))
    if m.body:
        facts.append(f"Thuộc {m.body}")
    if m.holder:
        facts.append(f"Người giữ ghế: {m.holder}")
    if m.seat_from or m.seat_to:
        since = f" từ {m.seat_from:%d/%m/%Y}" if m.seat_from else ""
        until = f" đến {m.seat_to:%d/%m/%Y}" if m.seat_to else ""
        facts.append(f"Ghế có{since}{until}" + (f" ({cited(m.seat_source)})" if m.seat_source else ""))
    if m.assigned_by:
        facts.append(f"Nhiệm vụ giao tại {m.assigned_by}")
    return facts


@reporter(DutiesReport, "text")
def duties_text(report: DutiesReport, view: View) -> Group:
    """The duties of one member, wrapped to the screen's width."""
    rules, width = rules_of(view), view.width
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
    rules = rules_of(view)
    title = report.member.title or report.member.agency or ""
    out = [f"## {markdown(title)}", "", *(f"- {markdown(fact)}" for fact in _member_facts(report))]

    def block(title: str, items: list[Item], own: bool) -> None:
        out.extend(["", f"### {title}", ""])
        out.extend(f"- **{markdown(_item_heading(rules, i, own))}**: {markdown(i.text)}" for i in items)
        if not items:
            out.append("- (không có)")

    block("Nhiệm vụ riêng", report.duties, True)
    if report.common_duties:
        block("Nhiệm vụ chung của mọi thành viên", report.common_duties, True)
    block("Các quy định khác nêu tên", report.mentions, False)
    if report.reporting:
        out += ["", "### Chế độ báo cáo", ""]
        out += [f"- {markdown(when)}\n  {markdown(how)}" for when, how in map(_reporting_sentences, report.reporting)]
    if report.succession:
        out += ["", "### Sắp xếp tổ chức", ""]
        out += [f"{'  ' * level}- {markdown(sentence)}" for level, sentence in _succession_notes(report)]
    return "\n".join(out) + "\n"
