"""What each kind of document needs from the user (``--data``), as models with a complete example."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from quyche_cli.rules.index import Rules
from quyche_cli.rules.organisation import Organisation
from quyche_cli.schedule.periods import Period


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Person(Input):
    name: str = Field(max_length=200)
    title: str = Field(max_length=300)


class Meeting(Input):
    kind: str | None = Field(default=None, max_length=64, description="Id loại cuộc họp; mặc định loại đầu tiên.")
    date: dt.date
    time: str | None = Field(default=None, max_length=100)
    place: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)] = Field(
        description="Địa điểm họp (không được để trống)."
    )


class Signed(Input):
    """Number and date of the signed document; left blank in ``--draft``."""

    number: str | None = Field(default=None, max_length=20)
    date: dt.date | None = None
    signer: str | None = Field(default=None, max_length=200)
    authority: list[Annotated[str, StringConstraints(max_length=200)]] | None = Field(
        default=None,
        max_length=4,
        description="Các dòng thẩm quyền ký, ví dụ ['KT. TRƯỞNG BAN', 'PHÓ TRƯỞNG BAN']; mặc định theo tệp quy chế.",
    )
    drafting_unit: str | None = Field(
        default=None, max_length=40, description="Đơn vị soạn thảo, in ở 'Lưu: VT, …'; mặc định theo tệp quy chế."
    )


class Conclusion(Input):
    text: str = Field(max_length=20_000)
    assignee: str | None = Field(default=None, max_length=300)
    deadline: dt.date | None = None


class ThongBao(Signed):
    meeting: Meeting
    chair: Person
    attendees: list[str]
    conclusions: list[Conclusion]


class GiayMoi(Signed):
    meeting: Meeting
    chair: Person
    agenda: list[str]
    members: list[str] | None = None
    contact: str | None = Field(default=None, max_length=500)


class BaoCao(Signed):
    pass


class DonDoc(Signed):
    new_deadline: dt.date | None = None


class QuyChe(Input):
    decision_number: str | None = Field(default=None, max_length=40)
    decision_date: dt.date | None = None


def example_period(rules: Rules) -> tuple[Period, dt.date]:
    """The period the examples speak of and its members' report deadline: the period of the first reporting
    stream some weeks after the regulation starts (its validity, its decision, else the earliest date it
    records), so that every example is dated in the regulation's own life and speaks of its own periods."""
    from quyche_cli.schedule.deadlines import CYCLE_KIND, Planner

    doc = rules.model.document
    recorded = rules.first_recorded
    start = doc.valid_from or doc.issuing_instrument.date or (recorded[0] if recorded else dt.date(2000, 1, 1))
    day = start + dt.timedelta(days=40)
    planner = Planner(rules)
    stream = next((s for s in planner.report_streams() if CYCLE_KIND[s.cycle]), None)
    period = (planner.period_of(stream, day) if stream else None) or Period.containing(day)
    due = planner.report_deadline(period, stream) if stream else None
    return period, due.date if due and due.date else planner.calendar.next_working_day(period.end)


def example(rules: Rules, kind: str) -> dict[str, Any]:
    """A complete ``--data`` file for ``kind`` in the words of the rules file: its first meeting kind, its
    issuing body's hall, its chair and its first reporting members, in the period :func:`example_period`
    gives (the meeting a few working days after the reports are due, the letters dated around it)."""
    from quyche_cli.schedule.workcalendar import WorkCalendar

    doc, model = rules.model.document, rules.model
    period, due = example_period(rules)
    calendar = WorkCalendar(model.calendar)
    day = calendar.add_working_days(due, 3)  # the meeting
    organisation = Organisation(rules, day)
    chair = next(iter(rules.seats_of_kind("standing_deputy") or rules.seats_of_kind("head")), None)
    meeting: dict[str, Any] = {"date": f"{day}", "time": "14 giờ 00", "place": f"Hội trường {doc.issuing_body}"}
    if model.meetings:
        meeting = {"kind": model.meetings.kinds[0].id, **meeting}
    assignees = [organisation.distinct_name(unit) for unit in organisation.reporters()[:2]]
    reporting = model.reporting
    work = f"nhiệm vụ {reporting.subject}" if reporting and reporting.subject else "nhiệm vụ"
    rule = rules.by_id.get(reporting.source) if reporting else None
    basis = f"{rule.citation} của Quy chế" if rule else "Quy chế"
    signed = {"number": "07", "date": f"{calendar.add_working_days(day, 2)}", "signer": "Nguyễn Văn A"}
    person = {"name": "Nguyễn Văn B", "title": chair.title if chair else doc.committee_short}
    following = period.next()
    finished = f"{following.end}"
    examples: dict[str, dict[str, Any]] = {
        "thong-bao": {
            **signed,
            "meeting": meeting,
            "chair": person,
            "attendees": [f"các thành viên {doc.committee_short}"],
            "conclusions": [
                *(
                    {"text": f"Đẩy nhanh tiến độ các {work} được giao.", "assignee": name, "deadline": finished}
                    for name in assignees
                ),
                {"text": f"Các thành viên gửi báo cáo đúng hạn theo {basis}."},
            ],
        },
        "giay-moi": {
            **signed,
            "number": "12",
            "date": f"{due}",
            "meeting": meeting,
            "chair": person,
            "agenda": [
                f"Đánh giá kết quả thực hiện {work} {period.phrase}",
                f"Các {work} trọng tâm {following.phrase}",
            ],
            "contact": "Nguyễn Văn D, điện thoại 0000.000.000",
        },
        "bao-cao": {"number": "215", "date": f"{due}", "signer": "Trần Văn C"},
        "don-doc": {
            "number": "15",
            "date": f"{calendar.add_working_days(due, 2)}",
            "signer": "Nguyễn Văn A",
            "new_deadline": f"{calendar.add_working_days(due, 5)}",
        },
        "quy-che": {"decision_number": None, "decision_date": None},
    }
    return examples[kind]
