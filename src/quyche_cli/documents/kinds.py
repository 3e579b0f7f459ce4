"""The kinds of document quyche makes: for each, its data model and the template context it builds from
the rules file, ``--data`` and the command-line options."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from quyche_cli import text as vt
from quyche_cli.audit.results import Audit
from quyche_cli.documents import data as rd
from quyche_cli.documents.templating import format_date
from quyche_cli.errors import RenderError
from quyche_cli.lookup.resolve import resolve_names
from quyche_cli.rules.index import Provision, Rules
from quyche_cli.rules.model import Agency, Member
from quyche_cli.rules.organisation import Organisation
from quyche_cli.schedule.periods import Period, format_day


@dataclass(frozen=True)
class Options:
    draft: bool = False
    member: str | None = None
    period: Period | None = None
    stream: str | None = None
    members: tuple[str, ...] = ()
    audit: Audit | None = None
    before_deadline: bool = False
    today: dt.date = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document ``render`` makes: its name, what it is, and what it needs."""

    name: str
    summary: str
    needs: str


@dataclass(frozen=True)
class Kind(DocumentKind):
    """A document written from a Jinja template: its ``--data`` model and how its context is made."""

    model: type[BaseModel]
    context: Callable[[Rules, Any, Options], dict[str, Any]]
    data_required: bool = True


@dataclass(frozen=True)
class Table(DocumentKind):
    """A table of a drafting round (:mod:`quyche_cli.documents.tables`), made from two versions of the rules
    file or from the comments received; its ``--data`` is a free mapping of notes, without an example."""


def place_date(place: str, day: dt.date | None, draft: bool, today: dt.date) -> str:
    """ "Bắc Ninh, ngày 05 tháng 01 năm 2025": a leading zero for days below 10 and for months 1 and 2;
    a draft leaves the day blank."""
    when = day or today
    month = f"{when.month:02d}" if when.month <= 2 else str(when.month)
    if draft:
        return f"{place}, ngày      tháng {month} năm {when.year}"
    return f"{place}, ngày {when.day:02d} tháng {month} năm {when.year}"


def number_line(number: str | None, code: str | None, issuer_symbol: str, draft: bool) -> str:
    """ "Số: 07/TB-BCĐ"; a công văn has no type code ("Số: 12/BCĐ-VP"); a draft leaves the number blank."""
    symbol = f"{code}-{issuer_symbol}" if code else issuer_symbol
    return f"Số: {'     ' if draft or not number else number}/{symbol}"


# -- the kinds -----------------------------------------------------------------------------------------------
def document_day(data: Any, options: Options) -> dt.date:
    """The day a document speaks for: its meeting, else its own date, else its period's end, else today."""
    meeting = getattr(data, "meeting", None)
    if meeting is not None:
        return meeting.date  # type: ignore[no-any-return]
    if getattr(data, "date", None):
        return data.date  # type: ignore[no-any-return]
    return options.period.end if options.period else options.today


def _addressees(rules: Rules, typed: list[str], what: str, day: dt.date) -> list[str]:
    """The agency (or, for a seat without one, the office) each typed member names on ``day``; RenderError
    listing every name that does not resolve or names an agency that does not exist on ``day`` (with who
    carries its tasks then)."""
    organisation = Organisation(rules, day)
    names, problems = [], []
    for name in typed:
        targets, refused = resolve_names(rules, [name], day)
        problems += refused
        for target in targets:
            member = rules.members.get(target.id) if target.kind == "member" else None
            agency = rules.member_agency(member) if member else rules.agencies[target.id]
            gone = organisation.existence(agency) if agency else None
            if gone:
                problems.append(f"'{name}': {gone}")
            elif member:
                names.append(organisation.addressee(member.id) or member.title)
            else:
                names.append(rules.agencies[target.id].name)
    if problems:
        raise RenderError(f"Không dùng được tên {what}.", problems)
    return names


def _invited(rules: Rules, day: dt.date) -> list[str]:
    """Every seat of the committee on ``day`` (the agency carrying a pending seat's tasks), and every agency
    that carries inherited tasks without a seat; offices for seats without an agency."""
    organisation = Organisation(rules, day)
    invited = []
    for ident in organisation.members():
        member = rules.members.get(ident)
        if member is None:
            invited.append(rules.agencies[ident].name)
        elif member.body is None and rules.role(member).kind not in ("group", "body", "secretariat"):
            invited.append(organisation.addressee(ident) or "")
    return [name for name in dict.fromkeys(invited) if name]


def _drafter(rules: Rules) -> Member | None:
    """Who drafts the committee's documents: the actor of the step due after a meeting (the conclusion
    notice), as the rules file records it."""
    reporting = rules.model.reporting
    for step in reporting.steps if reporting else []:
        if step.deadline and step.deadline.anchor == "meeting_end":
            return rules.members.get(step.actor)
    return None


def head_position(agency: Agency) -> str:
    """The position of ``agency``'s head as its signature block prints it ("GIÁM ĐỐC")."""
    if not agency.head:
        raise RenderError(
            f"Tệp quy chế chưa ghi chức vụ người đứng đầu {agency.name} (agencies[].head) để in ở phần chữ ký."
        )
    return agency.head.upper()


def _common(rules: Rules, data: Any, options: Options, code: str | None) -> dict[str, Any]:
    """What every document of the committee says: its header, who signs (for the head, by the drafter's
    head, or the head directly when the rules file names no drafter) and who is told."""
    doc = rules.model.document
    head = next(iter(rules.seats_of_kind("head")), None)
    head_title = head.title if head else doc.committee_short
    drafter = _drafter(rules)
    seat = Organisation(rules, document_day(data, options)).seat(drafter.id) if drafter else None
    drafter_agency = seat.carrier if seat else None
    if drafter_agency:
        authority = [f"TL. {head_title.upper()}", head_position(drafter_agency)]
    else:
        authority = [head_title.upper()]
    deputies = bool(rules.seats_of_kind("standing_deputy", "deputy"))
    return {
        "doc": doc,
        "data": data,
        "number_line": number_line(getattr(data, "number", None), code, doc.committee_symbol, options.draft),
        "place_date": place_date(doc.place, getattr(data, "date", None), options.draft, options.today),
        "head_title": head_title,
        "superiors": f"{head_title}, các {doc.deputy_title}" if doc.deputy_title and deputies else head_title,
        "drafter": drafter_agency.name if drafter_agency else doc.committee,
        "drafter_symbol": drafter_agency.abbreviation if drafter_agency else "",
        "authority": authority,
    }


def _meeting_name(rules: Rules, kind: str | None) -> str:
    """How a document names a meeting of ``kind`` (the first kind of the rules file by default): its name
    from the rules file, lower-cased at the start, followed by the committee's short name unless it has it
    ("phiên họp định kỳ hằng quý Ban Chỉ đạo")."""
    kinds = {k.id: k.name for k in rules.model.meetings.kinds} if rules.model.meetings else {}
    if not kinds:
        raise RenderError("Tệp quy chế không ghi loại cuộc họp nào (meetings.kinds).")
    kind = kind or next(iter(kinds))
    if kind not in kinds:
        raise RenderError(f"Loại cuộc họp '{kind}' không có trong tệp quy chế; chọn: {', '.join(kinds)}.")
    name, short = kinds[kind], rules.model.document.committee_short
    phrase = name[0].lower() + name[1:]
    return phrase if vt.fold(short) in vt.fold(name) else f"{phrase} {short}"


def _thong_bao(rules: Rules, data: rd.ThongBao, options: Options) -> dict[str, Any]:
    context = _common(rules, data, options, "TB")
    typed = [c.assignee for c in data.conclusions if c.assignee]
    assignees = _addressees(rules, typed, "người được giao việc", data.meeting.date)
    by_typed = dict(zip(typed, assignees, strict=True))
    context.update(
        meeting=_meeting_name(rules, data.meeting.kind),
        meeting_date=format_day(data.meeting.date),
        conclusions=[
            {"text": c.text, "assignee": by_typed.get(c.assignee or ""), "deadline": c.deadline}
            for c in data.conclusions
        ],
        assignees=list(dict.fromkeys(assignees)),
    )
    return context


def _giay_moi(rules: Rules, data: rd.GiayMoi, options: Options) -> dict[str, Any]:
    context = _common(rules, data, options, "GM")
    typed = list(options.members) or data.members
    day = data.meeting.date
    chosen = _addressees(rules, typed, "thành viên được mời", day) if typed else _invited(rules, day)
    invitees = list(dict.fromkeys(chosen))
    context.update(
        meeting=_meeting_name(rules, data.meeting.kind),
        meeting_date=format_day(data.meeting.date),
        invitees=invitees,
    )
    return context


def _period_context(rules: Rules, period: Period, stream_name: str | None) -> dict[str, Any]:
    """What a report form or a reminder says of ``period`` of the stream (the one named, or the only one
    with such periods): its deadline, recipients, data period and the provision that requires it."""
    from quyche_cli.schedule.deadlines import Planner

    planner = Planner(rules)
    stream = planner.report_stream(stream_name, period)
    reporting = rules.model.reporting
    item = planner.report_deadline(period, stream)
    steps = {step.id: step for step in stream.steps}
    organisation = Organisation(rules, period.end)
    recipients = [organisation.addressee(r) or "" for r in steps[item.step].recipients] if item else []
    cutoff = stream.data_cutoff or (reporting.data_cutoff if reporting else None)
    if cutoff and period.months:
        start, end = period.cutoff(cutoff.from_day, cutoff.to_day)
    else:
        start, end = period.start, period.end
    source = rules.by_id.get(stream.source or reporting.source) if reporting else None
    return {
        "period_vi": period.phrase,
        "subject": reporting.subject if reporting else None,
        "cutoff_from": format_date(start),
        "cutoff_to": format_date(end),
        "deadline": format_date(item.date) if item and item.date else "",
        "recipient": ", ".join(name for name in dict.fromkeys(recipients) if name),
        "reporting_ref": source.citation if source else "",
    }


def _reported(provisions: list[Provision]) -> list[Provision]:
    """What a report form asks about: each point, and each clause that has no points (the clause itself)."""
    return [
        p
        for p in provisions
        if p.kind == "point" or (p.kind == "clause" and not any(c.kind == "point" for c in p.walk()))
    ]


def _bao_cao(rules: Rules, data: rd.BaoCao, options: Options) -> dict[str, Any]:
    from quyche_cli.lookup.duties import duties_of
    from quyche_cli.schedule.deadlines import Planner

    if not options.member or not options.period:
        raise RenderError("Mẫu báo cáo cần --member TÊN và --period KỲ.")
    [author] = _addressees(rules, [options.member], "thành viên", options.period.end)
    target = resolve_names(rules, [options.member], options.period.end)[0][0]
    organisation = Organisation(rules, options.period.end)
    stream = Planner(rules).report_stream(options.stream, options.period)
    if organisation.stand_in(target.id) not in organisation.reporters(stream=stream):
        raise RenderError(
            f"{author} không phải gửi báo cáo định kỳ {options.period.label_vi}: cơ quan này không thuộc danh sách "
            "phải báo cáo (reporting.reporters), hoặc chính là nơi nhận báo cáo."
        )
    member = rules.members.get(target.id)
    agency = organisation.seat(member.id).carrier if member else rules.agencies.get(target.id)
    if agency is None and member is None:
        raise RenderError(f"{author} không phải là một cơ quan: không có mẫu báo cáo.")
    report = duties_of(rules, target, options.period.end)
    ids = list(member.duty_ids) if member else []
    ids += [d.id for d in report.duties]
    ids += [d["id"] for i in report.succession.inherited for d in i["duties"]] if report.succession else []
    context = _common(rules, data, options, "BC")
    context.update(
        _period_context(rules, options.period, options.stream),
        points=[{"ref": p.citation, "text": p.text} for p in _reported([rules.by_id[i] for i in dict.fromkeys(ids)])],
    )
    if agency is not None:
        context.update(
            number_line=number_line(data.number, "BC", agency.abbreviation, options.draft),
            agency=agency.name,
            authority=[head_position(agency)],
        )
    else:  # a seat without an agency (a sub-committee, an office) reports under its own title
        assert member is not None
        symbol = "-".join(filter(None, (member.symbol, rules.model.document.committee_symbol)))
        context.update(
            number_line=number_line(data.number, "BC", symbol, options.draft),
            agency=member.title,
            authority=[_seat_authority(rules, member)],
        )
    return context


def _seat_authority(rules: Rules, member: Member) -> str:
    """Who signs for a seat without an agency: the head of the sub-body it is (its role's label), else the
    office itself."""
    head = next(iter(rules.seats_of_kind("head", body=member.id)), None)
    return (rules.role_label(head.role) if head else member.title).upper()


def _don_doc(rules: Rules, data: rd.DonDoc, options: Options) -> dict[str, Any]:
    audit = options.audit
    if audit is None:
        raise RenderError("Công văn đôn đốc cần --from-audit TỆP.json (kết quả 'quyche check-reports --format json').")
    day = data.date or options.today
    if day <= audit.deadline and not options.before_deadline:
        raise RenderError(
            f"Hạn gửi báo cáo {audit.period.label_vi} là hết ngày {format_date(audit.deadline)}: chưa đến lúc đôn đốc "
            f"vào ngày {format_date(day)} (dùng --before-deadline nếu vẫn cần lập công văn)."
        )
    if day > audit.deadline and any(m.status == "not_due" for m in audit.members):
        raise RenderError(
            f"Kết quả kiểm tra lập ngày {format_date(audit.as_of or audit.deadline)}, khi chưa hết hạn nộp: hãy chạy "
            "lại 'quyche check-reports' để biết ai vẫn chưa gửi báo cáo."
        )
    missing = [m.title for m in audit.members if m.status in ("missing", "not_due")]
    review = [m.title for m in audit.members if m.status == "needs_review"]
    if not missing:
        raise RenderError(
            "Không có thành viên nào chưa gửi báo cáo: không cần công văn đôn đốc.",
            [f"{title}: cần xác minh hồ sơ đã gửi" for title in review],
        )
    context = _common(rules, data, options, None)
    issuer = "-".join(filter(None, (rules.model.document.committee_symbol, context["drafter_symbol"])))
    period = _period_context(rules, audit.period, audit.stream)
    context.update(
        period,
        deadline=format_date(audit.deadline),
        standing=rules.model.document.standing_body or period["recipient"],
        missing=missing,
        review=review,
        day=format_date(day),
        number_line=number_line(data.number, None, issuer, options.draft),
        new_deadline=format_date(data.new_deadline) if data.new_deadline else "",
    )
    return context


def _quy_che(rules: Rules, data: rd.QuyChe, options: Options) -> dict[str, Any]:
    doc = rules.model.document
    lines = []
    kinds = {"chapter": "center", "article": "article", "clause": "p", "point": "p", "paragraph": "p", "item": "p"}
    for root in [*rules.chapters, *rules.attachments]:  # the regulation, then each attached document
        for node in root.walk():
            if node.kind in ("chapter", "document"):
                heading = [f"Chương {node.num}"] if node.kind == "chapter" else []
                lines += [{"kind": "center", "text": t} for t in (*heading, node.text) if t]
                note = getattr(node.node, "note", None) if node.kind == "document" else None
                lines += [{"kind": "center", "text": note}] if note else []
            else:
                lines.append({"kind": kinds[node.kind], "text": rules.full_text(node)})
    instrument = doc.issuing_instrument
    number = data.decision_number or instrument.number or "      "
    day = data.decision_date or instrument.date
    when = f"ngày {day:%d/%m/%Y}" if day else "ngày      tháng      năm"
    issuer = instrument.issuer or doc.issuing_body
    return {
        "doc": doc,
        "data": data,
        "lines": lines,
        "appendix": doc.appendix if doc.status == "draft" else None,
        "place_date": place_date(doc.place, day, options.draft or not day, options.today),
        "decision_line": f"(Ban hành kèm theo {instrument.kind} số {number} {when} của {issuer})",
    }


@dataclass(frozen=True)
class Catalogue:
    """The kinds of document and what each needs, for ``render --list``."""

    kinds: list[DocumentKind]


@dataclass(frozen=True)
class Example:
    """A complete ``--data`` file for one kind, for ``render --example``."""

    kind: str
    data: dict[str, Any]


# Every kind ``render`` makes, in the order ``render --list`` and completion show them.
KINDS: dict[str, DocumentKind] = {
    k.name: k
    for k in (
        Kind(
            "thong-bao",
            "Thông báo kết luận cuộc họp",
            "cuộc họp (loại, ngày, địa điểm), người chủ trì, "
            "thành phần, các kết luận (nội dung, cơ quan được giao, hạn)",
            rd.ThongBao,
            _thong_bao,
        ),
        Kind(
            "giay-moi",
            "Giấy mời họp",
            "cuộc họp (loại, ngày, giờ, địa điểm), người chủ trì, nội dung; --members để mời một số thành viên",
            rd.GiayMoi,
            _giay_moi,
        ),
        Kind(
            "bao-cao",
            "Mẫu báo cáo định kỳ của một thành viên",
            "--member và --period; --data tùy chọn (số, ngày, người ký)",
            rd.BaoCao,
            _bao_cao,
            data_required=False,
        ),
        Kind(
            "don-doc",
            "Công văn đôn đốc nộp báo cáo",
            "--from-audit (JSON của check-reports), sau hạn nộp (hoặc --before-deadline); "
            "--data tùy chọn (số, ngày, người ký, hạn mới)",
            rd.DonDoc,
            _don_doc,
            data_required=False,
        ),
        Kind(
            "quy-che",
            "Toàn văn Quy chế từ tệp quy chế",
            "không cần dữ liệu; --data tùy chọn (số và ký hiệu, ngày của văn bản ban hành)",
            rd.QuyChe,
            _quy_che,
            data_required=False,
        ),
        Table(
            "bang-so-sanh",
            "Bảng so sánh dự thảo sửa đổi, bổ sung với quy định hiện hành",
            "--old TỆP_CŨ và --new TỆP_MỚI; --all cho mọi quy định; --data tùy chọn (thuyết minh theo id quy định)",
        ),
        Table(
            "bang-tong-hop",
            "Bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý",
            "--from-comments (JSON của gop-y); --data tùy chọn (ý kiến tiếp thu, giải trình theo số thứ tự)",
        ),
    )
}
