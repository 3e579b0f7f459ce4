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
from quyche_cli.errors import InputError, RenderError
from quyche_cli.lookup.resolve import resolve_names
from quyche_cli.rules.index import Provision, Rules
from quyche_cli.rules.model import Agency, Member, ReportingStep
from quyche_cli.rules.organisation import AgencyOnDay, Organisation
from quyche_cli.schedule.periods import WEEKDAYS_VI, Period

INCOMPLETE_MARK = "BẢN CHƯA ĐẦY ĐỦ"


@dataclass(frozen=True)
class Options:
    draft: bool = False
    incomplete: bool = False  # quy-che: leave out the parts not transcribed yet, marked as incomplete
    member: str | None = None
    period: Period | None = None
    stream: str | None = None
    members: tuple[str, ...] = ()
    audit: Audit | None = None
    before_deadline: bool = False
    today: dt.date = dt.date(2000, 1, 1)
    date: dt.date | None = None


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
    """The day a document speaks for (the organisation of that day): its meeting, else its own date
    (``--date`` or the data's), else its period's end, else its audit's period end, else today."""
    meeting = getattr(data, "meeting", None)
    if meeting is not None:
        return meeting.date  # type: ignore[no-any-return]
    day = options.date or getattr(data, "date", None)
    if day:
        return day
    period = options.period or (options.audit.period if options.audit else None)
    return period.end if period else options.today


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
                names.append(organisation.agency(target.id).name)
    if problems:
        raise RenderError(f"Không dùng được tên {what}.", problems)
    return names


def _invited(rules: Rules, day: dt.date, holding: set[str]) -> list[str]:
    """Every seat of the committee on ``day`` (the agency carrying a pending seat's tasks), and every agency
    that carries inherited tasks without a seat; offices for seats without an agency; never the ``holding``
    seats (the chair, the head the letter is written for)."""
    organisation = Organisation(rules, day)
    invited = []
    for ident in organisation.members():
        member = rules.members.get(ident)
        if ident in holding:
            continue
        if member is None:
            invited.append(organisation.agency(ident).name)
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


def head_position(agency: AgencyOnDay) -> str:
    """The position of ``agency``'s head as its signature block prints it ("GIÁM ĐỐC")."""
    if not agency.head:
        raise RenderError(
            f"Tệp quy chế chưa ghi chức vụ người đứng đầu {agency.name} (agencies[].head) để in ở phần chữ ký."
        )
    return agency.head.upper()


def symbol_of(agency: AgencyOnDay) -> str:
    """The symbol ``agency``'s documents carry, or a blank for the clerk when it is unconfirmed."""
    return "……" if agency.symbol is None else agency.symbol


@dataclass(frozen=True)
class Issuing:
    """Who a document comes from and who signs it: the header's two lines, the name the body uses, the
    symbol in its number, the authority lines over the signature (Nghị định 30/2020, Điều 13), the signer's
    name and the drafting unit named in "Lưu: VT, …"."""

    superior: str
    issuer: str
    speaker: str
    symbol: str
    authority: list[str]
    signer: str
    drafting_unit: str
    layout: str = "nd30"
    seat: str | None = None  # the seat whose holder signs


DEPUTIES = ("standing_deputy", "deputy")


def agency_issuing(agency: AgencyOnDay, data: Any, drafting_unit: str = "…") -> Issuing:
    """A document an agency issues in its own name, signed by its head: its own superior body (a central body
    its ministry, a department the province), its full name with the province, its own layout."""
    return Issuing(
        superior=agency.superior_body or "",
        issuer=agency.formal_name,
        speaker=agency.name,
        symbol=symbol_of(agency),
        authority=list(getattr(data, "authority", None) or [head_position(agency)]),
        signer=getattr(data, "signer", None) or "",
        drafting_unit=getattr(data, "drafting_unit", None) or drafting_unit,
        layout=agency.layout,
    )


def head_office(rules: Rules) -> str:
    """The head's position as a signature prints it (Nghị định 30/2020, Điều 13): the label of the head's role
    in the rules file ("Trưởng Ban", "Tổ trưởng"), never the seat's full title ("Thủ tướng Chính phủ – Trưởng
    Ban"); the committee's short name when the file has no head."""
    head = next(iter(rules.seats_of_kind("head")), None)
    return rules.role_label(head.role) if head else rules.model.document.committee_short


def issuing(rules: Rules, kind: str, data: Any, day: dt.date) -> Issuing:
    """Who issues a committee document of ``kind`` and who signs it, as ``document.signing`` says, else the
    committee issuing and the drafter's seat signing: directly for the head, KT. for a deputy, TL. for
    anyone else; ``--data`` may give the signer's name and the authority lines."""
    doc = rules.model.document
    organisation = Organisation(rules, day)
    rule = next((s for s in doc.signing if s.kind == kind), None)
    head = next(iter(rules.seats_of_kind("head")), None)
    head_position = head_office(rules)
    drafter = _drafter(rules)
    drafter_agency = organisation.seat(drafter.id).carrier if drafter else None
    unit = symbol_of(organisation.facts(drafter_agency.id)) if drafter_agency else doc.committee_symbol
    if rule and rule.issuer:
        agency = organisation.seat(rule.issuer).carrier
        if agency is None:
            raise RenderError(f"Ghế '{rule.issuer}' (document.signing, {kind}) không có cơ quan ban hành văn bản.")
        found = agency_issuing(organisation.facts(agency.id), data, unit)
        principal, speaker = found.authority[0], found.speaker
    else:
        found = None
        principal, speaker = head_position.upper(), doc.committee_short
    seat_id = (rule.signer if rule else None) or (drafter.id if drafter else head.id if head else None)
    seat = rules.members.get(seat_id or "")
    position = rule.position if rule and rule.position else None
    authority = rule.authority if rule else None
    if found is not None and authority is None:
        authority = "none"
    if seat is None or (authority is None and rules.role(seat).kind == "head"):
        authority, position = authority or "none", position or head_position
    elif authority is None and rules.role(seat).kind in DEPUTIES:
        authority, position = "KT.", position or doc.deputy_title or rules.role_label(seat.role)
    elif authority is None:
        authority = "TL."
        carrier = organisation.seat(seat.id).carrier
        position = position or (carrier.head if carrier and carrier.head else seat.title)
    position = (position or principal).upper()
    if authority == "none":
        lines = [position]
    elif authority == "TM.":
        lines = [f"TM. {(found.issuer if found else doc.committee_short).upper()}", position]
    else:
        lines = [f"{authority} {principal}", position]
    signer = getattr(data, "signer", None) or (rule.name if rule and rule.name else "")
    return Issuing(
        superior=found.superior if found else doc.superior_body or "",
        issuer=found.issuer if found else doc.committee,
        speaker=speaker,
        symbol=found.symbol if found else doc.committee_symbol,
        authority=list(getattr(data, "authority", None) or lines),
        signer=signer,
        drafting_unit=getattr(data, "drafting_unit", None) or unit,
        layout=found.layout if found else "nd30",
        seat=seat.id if seat else None,
    )


def basis(rules: Rules, verb: str, source: Provision | None = None) -> str:
    """The sentence opening that cites the regulation's reporting rule ``source`` (by default the reporting
    section): "Thực hiện Điều 10 Quy chế …" when it is in force, "Theo Điều 10 dự thảo Quy chế … (văn bản
    chưa được ban hành)" when it is a draft, never a draft cited as law."""
    doc = rules.model.document
    reporting = rules.model.reporting
    source = source or (rules.by_id.get(reporting.source) if reporting else None)
    ref = f"{source.printed_citation} " if source else ""
    if doc.status == "draft":
        return f"Theo {ref}dự thảo {doc.title} (văn bản chưa được ban hành)"
    return f"{verb} {ref}{doc.title}"


def _common(
    rules: Rules,
    data: Any,
    options: Options,
    code: str | None,
    kind: str,
    day: dt.date | None,
    who: Issuing | None = None,
) -> dict[str, Any]:
    """What every document says: its header (issued by ``who``, by default as ``document.signing`` says), its
    date ``day`` (blank in a draft), who signs and who is told, and whether the regulation it rests on is
    only a draft (then the document carries a visible "DỰ THẢO" mark)."""
    doc = rules.model.document
    head = next(iter(rules.seats_of_kind("head")), None)
    head_title = head.title if head else doc.committee_short
    who = who or issuing(rules, kind, data, document_day(data, options))
    deputies = bool(rules.seats_of_kind(*DEPUTIES))
    return {
        "doc": doc,
        "data": data,
        "issuing": who,
        "mark": "DỰ THẢO" if doc.status == "draft" else "",
        "basis": basis(rules, "Thực hiện"),
        "number_line": number_line(getattr(data, "number", None), code, who.symbol, options.draft),
        "place_date": place_date(doc.place, day, options.draft or day is None, day or options.today),
        "head_title": head_title,
        "superiors": f"{head_title}, các {doc.deputy_title}" if doc.deputy_title and deputies else head_title,
        "drafter": who.speaker,
        "drafter_symbol": who.drafting_unit,
        "authority": who.authority,
        "warnings": [],
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


def letter_day(day: dt.date) -> str:
    """A day inside a sentence of a letter: "thứ Ba, ngày 15/12/2026" (no capital mid-sentence)."""
    weekday = WEEKDAYS_VI[day.weekday()]
    return f"{weekday[0].lower()}{weekday[1:]}, ngày {day:%d/%m/%Y}"


def signed_day(data: Any, options: Options) -> dt.date | None:
    """The document's own date: ``--date``, else its data's ``date``."""
    return options.date or getattr(data, "date", None)


def _meeting_seats(rules: Rules, data: rd.GiayMoi | rd.ThongBao) -> set[str]:
    """The seats that hold the meeting rather than attend it: the head in whose name the letter is written,
    the chair the rules file names, and the seat the ``chair`` of the data names when it names one."""
    seats = {m.id for m in rules.seats_of_kind("head")}
    if rules.model.meetings:
        seats.add(rules.model.meetings.chair)
    for typed in (data.chair.title, f"{data.chair.title} {data.chair.name}"):
        targets, _ = resolve_names(rules, [typed], data.meeting.date)
        seats |= {t.id for t in targets if t.kind == "member"}
    return seats


def _thong_bao(rules: Rules, data: rd.ThongBao, options: Options) -> dict[str, Any]:
    context = _common(rules, data, options, "TB", "thong-bao", signed_day(data, options))
    typed = [c.assignee for c in data.conclusions if c.assignee]
    assignees = _addressees(rules, typed, "người được giao việc", data.meeting.date)
    by_typed = dict(zip(typed, assignees, strict=True))
    day = signed_day(data, options)
    if day and day < data.meeting.date:
        raise RenderError(
            f"Thông báo kết luận đề ngày {format_date(day)}, trước cuộc họp ngày {format_date(data.meeting.date)}."
        )
    context.update(
        meeting=_meeting_name(rules, data.meeting.kind),
        meeting_date=format_date(data.meeting.date),
        conclusions=[
            {"text": c.text, "assignee": by_typed.get(c.assignee or ""), "deadline": c.deadline}
            for c in data.conclusions
        ],
        assignees=list(dict.fromkeys(assignees)),
    )
    return context


def _meeting_warnings(rules: Rules, meeting: rd.Meeting, day: dt.date | None, today: dt.date) -> list[str]:
    """What the clerk must check about a meeting's day: a day off, a day already past."""
    from quyche_cli.schedule.workcalendar import WorkCalendar

    found = []
    calendar = WorkCalendar(rules.model.calendar)
    if not calendar.is_working_day(meeting.date):
        why = calendar.info(meeting.date).name or WEEKDAYS_VI[meeting.date.weekday()]
        found.append(f"Ngày họp {format_date(meeting.date)} là ngày nghỉ ({why}): kiểm tra lại ngày họp.")
    if meeting.date < today:
        found.append(f"Ngày họp {format_date(meeting.date)} đã qua (hôm nay {format_date(today)}).")
    return found


def _giay_moi(rules: Rules, data: rd.GiayMoi, options: Options) -> dict[str, Any]:
    day = signed_day(data, options)
    if day and data.meeting.date < day:
        raise RenderError(
            f"Ngày họp {format_date(data.meeting.date)} trước ngày của giấy mời ({format_date(day)}): "
            "kiểm tra lại meeting.date và date."
        )
    context = _common(rules, data, options, "GM", "giay-moi", day)
    typed = list(options.members) or data.members
    meeting_day = data.meeting.date
    holding = _meeting_seats(rules, data) | {context["issuing"].seat}
    if typed:
        chosen = _addressees(rules, typed, "thành viên được mời", meeting_day)
        organisation = Organisation(rules, meeting_day)
        chairs = {organisation.addressee(seat) for seat in holding}
        refused = [name for name in chosen if name in chairs]
        if refused:
            raise RenderError(
                "Giấy mời không mời người chủ trì, người ký hoặc người mà giấy mời được ký thay: "
                + ", ".join(refused)
                + "."
            )
    else:
        chosen = _invited(rules, meeting_day, holding)
    context.update(
        meeting=_meeting_name(rules, data.meeting.kind),
        meeting_date=letter_day(data.meeting.date),
        invitees=list(dict.fromkeys(chosen)),
    )
    context["warnings"] += _meeting_warnings(rules, data.meeting, day, options.today)
    return context


def recipient_phrase(organisation: Organisation, step: ReportingStep) -> str:
    """How a letter names where the reports of ``step`` go, in the file's words and with who receives them on
    the day: the step's ``recipient_label`` ("Cơ quan thường trực Ban Chỉ đạo (Sở Khoa học và Công nghệ)"),
    else each recipient seat by its role when the role is a standing body or a secretariat, by its title when
    it has no agency (a sub-body, an office), else by the agency that receives."""
    rules = organisation.rules
    labels, addressees = [], []
    for ident in step.recipients:
        member, addressee = rules.members[ident], organisation.addressee(ident) or ""
        role = rules.role(member)
        if role.kind == "standing_body":
            label = rules.model.document.standing_body or role.label
        elif role.kind == "secretariat" or member.agency is None:
            label = role.label if member.agency else organisation.seat(ident).title
        else:
            label = ""
        labels.append(_named(label, addressee))
        addressees.append(addressee)
    if step.recipient_label:
        return _named(step.recipient_label, ", ".join(name for name in dict.fromkeys(addressees) if name))
    return ", ".join(name for name in dict.fromkeys(labels) if name)


def _named(label: str, addressee: str) -> str:
    """ "Cơ quan thường trực Ban Chỉ đạo (Sở Khoa học và Công nghệ)"; the label alone when it names the addressee."""
    if not label or not addressee:
        return label or addressee
    return label if vt.fold(addressee) in vt.fold(label) else f"{label} ({addressee})"


def _period_context(rules: Rules, period: Period, stream_name: str | None) -> dict[str, Any]:
    """What a report form or a reminder says of ``period`` of the stream (the one named, or the only one
    with such periods): its deadline and how it was read, recipients (with a note when a successor receives
    in place of the seat the text names), data period and the provision that requires it."""
    from quyche_cli.schedule.deadlines import Planner

    planner = Planner(rules)
    stream = planner.report_stream(stream_name, period)
    reporting = rules.model.reporting
    item = planner.report_deadline(period, stream)
    steps = {step.id: step for step in stream.steps}
    organisation = Organisation(rules, period.end)
    seats = steps[item.step].recipients if item else []
    recipients = [organisation.addressee(r) or "" for r in seats]
    notes = [
        f"{seat.carrier.name} nhận báo cáo thay {seat.agency.name} (ghế '{seat.title}' chờ kiện toàn; "
        "suy luận của công cụ từ việc kế thừa nhiệm vụ, chưa có quyết định giao)."
        for seat in (organisation.seat(r) for r in seats)
        if seat.pending and seat.carrier and seat.agency
    ]
    cutoff = stream.data_cutoff or (reporting.data_cutoff if reporting else None)
    if cutoff and period.months:
        start, end = period.cutoff(cutoff.from_day, cutoff.to_day)
    else:
        start, end = period.start, period.end
    source = rules.by_id.get(stream.source or reporting.source) if reporting else None
    step = steps[item.step] if item else None
    rule = step.deadline if step else None
    reading = f"quy định “{rule.wording}”" if rule else ""
    if rule and rule.inclusive is not None and rule.day:
        reading += f", tính {'cả' if rule.inclusive else 'không kể'} ngày {rule.day}"
    return {
        "period_vi": period.phrase,
        "subject": reporting.subject if reporting else None,
        "cutoff_from": format_date(start),
        "cutoff_to": format_date(end),
        "deadline": format_date(item.date) if item and item.date else "",
        "deadline_day": item.date if item else None,
        "deadline_reading": reading,
        "source": source,
        "recipient": ", ".join(name for name in dict.fromkeys(recipients) if name),
        "recipient_phrase": recipient_phrase(organisation, steps[item.step]) if item else "",
        "recipient_notes": notes,
    }


def _reported(provisions: list[Provision]) -> list[Provision]:
    """What a report form asks about: each point; each paragraph of a clause that has no points (its clause
    text is only its heading then); a clause with neither (the clause itself)."""
    found = []
    for p in provisions:
        if p.kind == "point":
            found.append(p)
        elif p.kind == "clause" and not any(c.kind == "point" for c in p.walk()):
            paragraphs = [c for c in p.children if c.kind == "paragraph"]
            found += paragraphs or [p]
    return list(dict.fromkeys(found))


def _carries(organisation: Organisation, provision: Provision, agency: Agency | None) -> bool:
    """Whether ``agency`` (None: a seat without one) carries ``provision`` on the day, wholly or the part of
    it handed to it."""
    owner = organisation.rules.owner(provision)
    original = organisation.rules.member_agency(owner) if owner else None
    if original is None or agency is None:
        return True
    carrier, shared = organisation.chain(original.id, provision)
    return carrier.id == agency.id or any(sharer.id == agency.id for sharer, _ in shared)


def _item(rules: Rules, organisation: Organisation, provision: Provision, agency: Agency | None) -> dict[str, Any]:
    """One item of ``agency``'s report form: its citation as the text numbers it (capitalised: it opens the
    heading), its full text, and notes: the part ``agency`` reports on when the provision is split between
    bodies, the bodies the text names under their former names."""
    ref = provision.printed_citation
    notes = organisation.part_notes(provision, agency.id, "báo cáo") if agency is not None else []
    if provision.untranscribed:  # the form names the provision; its text is unknown and never made up
        text = ""
    else:
        text = rules.full_text(provision) if provision.kind == "paragraph" else provision.text or ""
    return {
        "ref": ref[0].upper() + ref[1:],
        "text": text,
        "notes": notes + organisation.renamed_notes(provision),
    }


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
    agency = organisation.seat(member.id).carrier if member else organisation.agency(target.id)
    if agency is None and member is None:
        raise RenderError(f"{author} không phải là một cơ quan: không có mẫu báo cáo.")
    report = duties_of(rules, target, options.period.end)
    ids = list(member.duty_ids) if member else []
    ids += [d.id for d in report.duties]
    ids += [d["id"] for i in report.succession.inherited for d in i["duties"]] if report.succession else []
    period = _period_context(rules, options.period, options.stream)
    day = signed_day(data, options)
    warnings = list(period["recipient_notes"])
    if day is None and not options.draft and period["deadline_day"]:
        day = period["deadline_day"]
        warnings.append(
            f"Báo cáo đề ngày {format_date(day)}, hạn nộp của kỳ; dùng --date hoặc 'date' trong --data để đổi."
        )
    if agency is not None:
        facts = organisation.facts(agency.id)
        who = agency_issuing(facts, data)
        if facts.symbol is None:
            warnings.append(f"Ký hiệu văn bản của {agency.name} chưa được xác nhận: để trống cho văn thư điền.")
    else:  # a seat without an agency (a sub-committee, an office) reports under its own title
        assert member is not None
        doc = rules.model.document
        who = Issuing(
            superior=doc.superior_body or "",
            issuer=member.title,
            speaker=member.title,
            symbol="-".join(filter(None, (member.symbol, doc.committee_symbol))),
            authority=list(data.authority or [_seat_authority(rules, member)]),
            signer=data.signer or "",
            drafting_unit=data.drafting_unit or "…",
        )
    code = f"-BC/{who.symbol}" if who.layout == "doan" else "BC"
    context = _common(rules, data, options, code, "bao-cao", day, who)
    if who.layout == "doan":
        number = "     " if options.draft or not data.number else data.number
        context["number_line"] = f"Số: {number}-BC/{who.symbol}"
    provisions = _reported([rules.by_id[i] for i in dict.fromkeys(ids)])
    points = [_item(rules, organisation, p, agency) for p in provisions if _carries(organisation, p, agency)]
    warnings += [
        f"{p.citation} chưa được chép vào tệp quy chế: mẫu báo cáo chỉ ghi số hiệu, không có nội dung quy định."
        for p in provisions
        if p.untranscribed and _carries(organisation, p, agency)
    ]
    context.update(period, agency=who.speaker, points=points, basis=basis(rules, "Thực hiện", period["source"]))
    context["warnings"] += warnings
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
    day = signed_day(data, options) or audit.as_of
    if day is None:
        raise RenderError("Công văn đôn đốc cần ngày: dùng --date hoặc 'date' trong --data.")
    overdue = day > audit.deadline
    if not overdue and not options.before_deadline:
        raise RenderError(
            f"Hạn gửi báo cáo {audit.period.label_vi} là hết ngày {format_date(audit.deadline)}: chưa đến lúc đôn đốc "
            f"vào ngày {format_date(day)} (dùng --before-deadline để lập công văn nhắc trước hạn)."
        )
    if overdue and any(m.status == "not_due" for m in audit.members):
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
    if data.new_deadline and data.new_deadline <= day:
        raise RenderError(f"Hạn mới {format_date(data.new_deadline)} phải sau ngày công văn ({format_date(day)}).")
    context = _common(rules, data, options, None, "don-doc", day)
    who: Issuing = context["issuing"]
    issuer = "-".join(dict.fromkeys(filter(None, (who.symbol, who.drafting_unit))))
    period = _period_context(rules, audit.period, audit.stream)
    context.update(
        period,
        deadline=format_date(audit.deadline),
        missing=missing,
        overdue=overdue,
        day=format_date(day),
        number_line=number_line(data.number, None, issuer, options.draft),
        new_deadline=format_date(data.new_deadline) if data.new_deadline else "",
        basis=basis(rules, "Theo", period["source"]),
    )
    context["warnings"] += [*period["recipient_notes"]] + [
        f"{title}: đã gửi nhưng cần xác minh (không ghi trong công văn)." for title in review
    ]
    if not signed_day(data, options):
        context["warnings"].append(f"Công văn đề ngày kiểm tra {format_date(day)}; dùng --date để đổi.")
    return context


def _untranscribed(rules: Rules) -> list[str]:
    """ "mục III Bản phân công: trang 4–5 bản scan…": each part of the regulation and its attachments not
    transcribed yet, with the file's note."""
    roots = [*rules.chapters, *rules.attachments]
    return [f"{p.citation}: {p.untranscribed}" for root in roots for p in root.walk() if p.untranscribed]


def _quy_che(rules: Rules, data: rd.QuyChe, options: Options) -> dict[str, Any]:
    """The full text, refused while part of it is not transcribed (the document would not be the text);
    with ``options.incomplete`` those parts are left out and the document is marked as incomplete."""
    doc = rules.model.document
    missing = _untranscribed(rules)
    if missing and not options.incomplete:
        raise RenderError(
            f"Tệp quy chế còn {len(missing)} phần chưa chép (untranscribed): bản toàn văn sẽ thiếu nội dung. Chép nốt "
            "các phần này, hoặc dùng --incomplete để in bản chưa đầy đủ (bỏ các phần này, có dấu BẢN CHƯA ĐẦY ĐỦ).",
            missing,
        )
    lines = []
    kinds = {"chapter": "center", "article": "article", "clause": "p", "point": "p", "paragraph": "p", "item": "p"}
    for root in [*rules.chapters, *rules.attachments]:  # the regulation, then each attached document
        for node in (n for n in root.walk_transcribed() if not n.untranscribed):
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
    marks = ["DỰ THẢO" if doc.status == "draft" else "", INCOMPLETE_MARK if missing else ""]
    return {
        "doc": doc,
        "data": data,
        "mark": " – ".join(filter(None, marks)),
        "warnings": [f"Bản in chưa đầy đủ (mang dấu {INCOMPLETE_MARK}), không có: {'; '.join(missing)}."]
        if missing
        else [],
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


def kind_named(name: str | None) -> DocumentKind:
    """The kind of document ``name`` names; InputError listing the kinds otherwise."""
    found = KINDS.get(name or "")
    if found is None:
        raise InputError(f"Loại văn bản '{name or ''}' không có; chọn một trong: {', '.join(KINDS)} (xem --list).")
    return found
