"""Deadlines on Vietnam's working calendar: worked examples, full years, properties, CLI and .ics export."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import Result

from quyche_cli.errors import InputError
from quyche_cli.rules.index import Rules
from quyche_cli.rules.model import Calendar, CalendarOverride, Deadline
from quyche_cli.rules.validation import load_rules
from quyche_cli.schedule.deadlines import Planner, event_deadline, period_deadline
from quyche_cli.schedule.periods import Period, parse_date, parse_period
from quyche_cli.schedule.workcalendar import WorkCalendar
from support import DATA, RULES_FILE, write_rules

VN = WorkCalendar(Calendar())
QUARTERLY = Deadline(wording="trước ngày 25", anchor="period_last_month", day=25, inclusive=False, basis="BLDS")
AFTER_MEETING = Deadline(wording="05 ngày", anchor="meeting_end", days=5, basis="BLDS")


@pytest.mark.parametrize(
    ("period", "deadline", "expected"),
    [
        (Period(2024, 3), QUARTERLY, dt.date(2024, 9, 24)),
        (Period(2024, 1), QUARTERLY, dt.date(2024, 3, 25)),
        (Period(2027, 3), QUARTERLY.model_copy(update={"inclusive": True}), dt.date(2027, 9, 27)),
        (Period(2024, 1), QUARTERLY.model_copy(update={"roll_forward": False}), dt.date(2024, 3, 24)),
    ],
    ids=["Q3/2024 exclusive", "Q1/2024 rolls to Monday", "Q3/2027 inclusive", "no roll-forward"],
)
def test_worked_examples_for_periods(period: Period, deadline: Deadline, expected: dt.date) -> None:
    assert period_deadline(VN, deadline, period)[0] == expected


@pytest.mark.parametrize(
    ("meeting", "expected"),
    [
        (dt.date(2024, 9, 20), dt.date(2024, 9, 25)),
        (dt.date(2024, 8, 26), dt.date(2024, 9, 4)),
        (dt.date(2024, 4, 24), dt.date(2024, 5, 2)),
    ],
    ids=["Fri 20/09", "Quốc khánh", "swapped day off 29/04"],
)
def test_worked_examples_after_a_meeting(meeting: dt.date, expected: dt.date) -> None:
    day, rule = event_deadline(VN, AFTER_MEETING, meeting)
    assert day == expected
    assert f"kết thúc ngày {meeting:%d/%m/%Y}, không tính ngày này" in rule


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2024, ["2024-03-25", "2024-06-24", "2024-09-24", "2024-12-24"]),
        (2025, ["2025-03-24", "2025-06-24", "2025-09-24", "2025-12-24"]),
    ],
)
def test_a_full_year_of_quarterly_deadlines(rules: Rules, year: int, expected: list[str]) -> None:
    planner = Planner(rules)
    got = [planner.report_deadline(Period(year, q)).date.isoformat() for q in range(1, 5)]  # type: ignore[union-attr]
    assert got == expected


def test_rule_explains_the_roll_forward(rules: Rules) -> None:
    item = Planner(rules).report_deadline(Period(2024, 1))
    assert item is not None
    assert "Chủ nhật 24/03/2024 là ngày nghỉ cuối tuần" in item.rule
    assert "Thứ Hai 25/03/2024" in item.rule and "Điều 148 khoản 5" in item.rule


deadline_strategy = st.builds(
    Deadline,
    wording=st.just("x"),
    anchor=st.just("period_last_month"),
    day=st.integers(1, 31),
    inclusive=st.booleans(),
    roll_forward=st.just(True),
    basis=st.just("x"),
)
periods = st.builds(Period, st.integers(2020, 2030), st.integers(1, 4))


@settings(max_examples=150, deadline=None)
@given(periods, deadline_strategy)
def test_every_period_deadline_is_a_working_day_never_moved_back(period: Period, deadline: Deadline) -> None:
    day, _ = period_deadline(VN, deadline, period)
    assert VN.is_working_day(day)
    nominal = dt.date(period.year, period.last_month, min(deadline.day or 1, period.end.day))
    last = nominal if deadline.inclusive else nominal - dt.timedelta(days=1)
    assert day >= last
    assert (day - last).days < 15


@settings(max_examples=150, deadline=None)
@given(st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)), st.integers(0, 30), st.booleans())
def test_every_meeting_deadline_is_a_working_day_after_the_meeting(meeting: dt.date, days: int, working: bool) -> None:
    rule = AFTER_MEETING.model_copy(update={"days": days, "day_count": "working" if working else "calendar"})
    day, _ = event_deadline(VN, rule, meeting)
    assert VN.is_working_day(day) and day >= meeting + dt.timedelta(days=days)


@given(st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)), st.booleans())
def test_an_override_beats_the_library(day: dt.date, working: bool) -> None:
    calendar = WorkCalendar(
        Calendar(
            overrides=[
                CalendarOverride(date=day, kind="working_day" if working else "day_off", name="x", source="QĐ thử")
            ]
        )
    )
    info = calendar.info(day)
    assert info.working is working and info.source == "override" and info.reference == "QĐ thử"


def test_the_other_regulations_override_moves_its_deadline() -> None:
    other = load_rules(DATA / "other.yaml")
    item = Planner(other).report_deadline(Period(2025, 2))
    assert item is not None and item.date == dt.date(2025, 6, 23)
    assert "Ngày nghỉ địa phương (giả định)" in item.rule


@pytest.mark.parametrize(
    "typed",
    ["2024-Q3", "2024Q3", "Q3/2024", "quý III/2024", "Quý 3 năm 2024", "quy iii/2024", " q3-2024 ", "2024 - quý III"],
)
def test_period_forms(typed: str) -> None:
    assert parse_period(typed) == Period(2024, 3)


@pytest.mark.parametrize("typed", ["2024-Q5", "Q0/2024", "quý V/2024", "24", "Q3/24", "２０２４-Q3", ""])
def test_bad_periods(typed: str) -> None:
    with pytest.raises(InputError):
        parse_period(typed)


@given(periods)
def test_period_labels_round_trip(period: Period) -> None:
    assert parse_period(period.label) == period
    assert parse_period(period.label_vi) == period


@given(st.text(max_size=30))
def test_parsers_raise_only_their_own_error(text: str) -> None:
    for parser in (parse_period, parse_date):
        try:
            parser(text)
        except InputError:
            pass


def test_dates() -> None:
    assert parse_date("26/08/2024") == parse_date("2024-08-26") == dt.date(2024, 8, 26)
    with pytest.raises(InputError, match="không tồn tại"):
        parse_date("31/02/2024")
    with pytest.raises(InputError):
        parse_date("2024-13-01")


def test_data_cutoff() -> None:
    assert Period(2024, 3).cutoff(15, 14) == (dt.date(2024, 6, 15), dt.date(2024, 9, 14))
    assert Period(2024, 1).cutoff(15, 14) == (dt.date(2023, 12, 15), dt.date(2024, 3, 14))


def test_deadlines_text(cli: Callable[..., Result]) -> None:
    result = cli("deadlines", "--period", "Q3/2024", "--meeting", "26/08/2024")
    assert result.exit_code == 0
    out = result.stdout
    assert "Kỳ quý III/2024 (2024-Q3) — số liệu từ 15/06/2024 đến 14/09/2024" in out
    assert "Thứ Ba 24/09/2024  Các thành viên phải báo cáo → Sở Thông tin và Truyền thông" in out
    assert "(không có hạn)  Sở Thông tin và Truyền thông → Văn phòng Ủy ban nhân dân tỉnh" in out
    assert "Thứ Tư 04/09/2024  Văn phòng Ủy ban nhân dân tỉnh" in out


def test_deadlines_json(cli: Callable[..., Result]) -> None:
    data = json.loads(cli("deadlines", "--year", "2025", "--format", "json").stdout)
    items = data["obligations"]
    reports = [o for o in items if o["step"] == "member_report"]
    assert [o["date"] for o in reports] == ["2025-03-24", "2025-06-24", "2025-09-24", "2025-12-24"]
    assert all({"date", "actor", "what", "ref", "rule"} <= set(o) for o in items)
    steps = {(o["period"], o["step"]) for o in items}
    assert ("2025-Q2", "meeting_six_month") in steps and ("2025-Q4", "meeting_year_end") in steps
    assert ("2025-Q1", "meeting_six_month") not in steps
    undated = [o for o in items if o["step"] == "dx_consolidation"]
    assert all(o["date"] is None for o in undated)
    assert reports[2]["recipients"] == ["Sở Khoa học và Công nghệ (kế thừa Sở Thông tin và Truyền thông)"]


def test_deadlines_for_one_member(cli: Callable[..., Result]) -> None:
    data = json.loads(
        cli(
            "deadlines",
            "--period",
            "2024-Q3",
            "--meeting",
            "2024-09-20",
            "--member",
            "VP UBND tỉnh",
            "--format",
            "json",
        ).stdout
    )
    assert {o["step"] for o in data["obligations"]} == {"general_consolidation", "conclusion_notice"}
    syt = json.loads(cli("deadlines", "--period", "2024-Q3", "--member", "SYT", "--format", "json").stdout)
    assert [o["step"] for o in syt["obligations"]] == ["member_report"]


@pytest.mark.parametrize(
    "args",
    [
        ["--period", "2024-Q5"],
        ["--period", "2024-13"],
        ["--meeting", "abc"],
        ["--meeting", "2024-13-01"],
        ["--period", "2024-Q1", "--year", "2024"],
        ["--meeting-kind", "picnic"],
    ],
)
def test_bad_input_exits_2(cli: Callable[..., Result], args: list[str]) -> None:
    result = cli("deadlines", *args)
    assert result.exit_code == 2 and result.stderr.strip()


def test_ics_export_parses_back_with_stable_uids(cli: Callable[..., Result], tmp_path: Path) -> None:
    from icalendar import Calendar as ICal

    out = tmp_path / "han.ics"
    args = ["deadlines", "--year", "2024", "--meeting", "2024-08-26", "--meeting-kind", "quarterly", "--format", "ics"]
    first = cli(*args, "--out", str(out))
    assert first.exit_code == 0 and "sự kiện" in first.stderr
    parsed = ICal.from_ical(out.read_bytes())
    events = list(parsed.walk("VEVENT"))
    dates = sorted(e.decoded("dtstart") for e in events)
    assert dt.date(2024, 3, 25) in dates and dt.date(2024, 9, 4) in dates and dt.date(2024, 8, 26) in dates
    assert all(list(e.walk("VALARM")) for e in events)
    uids = sorted(str(e["uid"]) for e in events)
    assert len(set(uids)) == len(uids)
    again = ICal.from_ical(cli(*args).stdout.encode("utf-8"))
    assert sorted(str(e["uid"]) for e in again.walk("VEVENT")) == uids
    assert list(tmp_path.iterdir()) == [out]


def test_calendar_lists_days_with_their_source(cli: Callable[..., Result], tmp_path: Path) -> None:
    year = json.loads(cli("calendar", "2024", "--format", "json").stdout)
    assert year["year"] == 2024 and year["official"] is True
    by_date = {d["date"]: d for d in year["days"]}
    assert by_date["2024-09-02"]["working"] is False and by_date["2024-09-03"]["name"] == "Quốc khánh"
    assert by_date["2024-05-04"]["working"] is True
    assert by_date["2024-04-29"]["source"] == "library"
    text = RULES_FILE.read_text(encoding="utf-8").replace(
        "  overrides:\n",
        "  overrides:\n    - {date: 2024-12-31, kind: day_off, name: Nghỉ thử, source: QĐ 9/QĐ-UBND}\n",
    )
    result = cli("calendar", "2024", "--file", str(write_rules(tmp_path, text)))
    assert "Thứ Ba 31/12/2024" in result.stdout and "[tệp quy chế: QĐ 9/QĐ-UBND]" in result.stdout


@pytest.mark.parametrize(
    ("period", "months", "start", "end"),
    [
        (Period(2026, 3), 3, dt.date(2026, 6, 15), dt.date(2026, 9, 14)),
        (Period(2026, 1), 3, dt.date(2025, 12, 15), dt.date(2026, 3, 14)),
        (Period(2026, 2), 6, dt.date(2025, 12, 15), dt.date(2026, 6, 14)),
        (Period(2026, 4), 12, dt.date(2025, 12, 15), dt.date(2026, 12, 14)),
    ],
)
def test_data_periods_follow_decree_09_2019_article_12(
    period: Period, months: int, start: dt.date, end: dt.date
) -> None:
    assert period.cutoff(15, 14, months) == (start, end)


def test_review_meetings_state_their_data_period(rules: Rules) -> None:
    found = {
        o.step: o.rule for o in Planner(rules).for_period(Period(2026, 2)) + Planner(rules).for_period(Period(2026, 4))
    }
    assert "Số liệu 6 tháng: từ 15/12/2025 đến 14/06/2026" in found["meeting_six_month"]
    assert "Số liệu cả năm: từ 15/12/2025 đến 14/12/2026" in found["meeting_year_end"]
    assert "Số liệu" not in found["meeting_quarterly"]


def test_the_shipped_table_equals_the_holidays_package_for_every_year_it_covers() -> None:
    from quyche_cli.schedule.librarytable import FIRST_YEAR, LAST_YEAR, from_library, year_days

    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        assert year_days("VN", year) == from_library("VN", year), f"regenerate the table for {year}"
    assert year_days("VN", LAST_YEAR + 1) == from_library("VN", LAST_YEAR + 1)
    assert year_days("VN", 2024).worked == {dt.date(2024, 5, 4)}


def test_the_calendar_name_is_one_escaped_line(cli: Callable[..., Result], tmp_path: Path) -> None:
    text = (DATA / "other.yaml").read_text(encoding="utf-8")
    rules = tmp_path / "cr.yaml"
    rules.write_text(text.replace("committee_short: Tổ Điều phối", 'committee_short: "Tổ\\rX-INJECT:1"'), "utf-8")
    out = tmp_path / "han.ics"
    assert cli("deadlines", "--year", "2025", "--format", "ics", "--file", str(rules), "--out", str(out)).exit_code == 0
    raw = out.read_bytes()
    assert b"\rX-INJECT" not in raw and b"\r\n" in raw
    assert b"X-WR-CALNAME:H\xe1\xba\xa1n \xe2\x80\x94 T\xe1\xbb\x95 X-INJECT:1\r\n" in raw
