"""The .ics alarms ring at a working hour: 08:00 (Vietnam time) on the working day before each deadline, on
the working calendar (weekends and holidays skipped); each event names its period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import Result

from quyche_cli.rules.validation import load_rules
from quyche_cli.schedule.workcalendar import WorkCalendar
from support import DATA

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
WORKING = WorkCalendar(load_rules(DATA / "other.yaml").model.calendar)


def events(cli: Callable[..., Result], *args: str) -> list[tuple[dt.date, str, dt.datetime]]:
    """(deadline, summary, alarm time in Vietnam) of each event of ``deadlines … --format ics``."""
    from icalendar import Calendar

    result = cli("deadlines", *args, "--format", "ics")
    assert result.exit_code == 0, result.output
    found = []
    for event in Calendar.from_ical(result.stdout.encode("utf-8")).walk("VEVENT"):
        (alarm,) = event.walk("VALARM")
        trigger = alarm.decoded("trigger")
        assert isinstance(trigger, dt.datetime) and trigger.utcoffset() == dt.timedelta(0)  # absolute, in UTC
        found.append((event.decoded("dtstart"), str(event["summary"]), trigger.astimezone(VIETNAM)))
    return found


def test_alarm_on_the_working_day_before(cli: Callable[..., Result]) -> None:
    found = {
        (day, summary): alarm
        for day, summary, alarm in events(cli, "--year", "2026", "--file", str(DATA / "other.yaml"))
    }
    # Monday 21/12/2026 (the 20th is a Sunday): the Friday before, 18/12, at 08:00
    quarterly = found[(dt.date(2026, 12, 21), "Hạn quý IV/2026: Các thành viên phải báo cáo — gửi báo cáo quý")]
    assert quarterly == dt.datetime(2026, 12, 18, 8, 0, tzinfo=VIETNAM)
    # January 2026: the members' report due Monday 19/01 rings Friday 16/01; the head's, due Friday 06/02,
    # rings Thursday 05/02
    monthly = sorted(alarm for (day, summary), alarm in found.items() if "tháng 1/2026" in summary)
    assert monthly == [dt.datetime(2026, 1, 16, 8, 0, tzinfo=VIETNAM), dt.datetime(2026, 2, 5, 8, 0, tzinfo=VIETNAM)]
    assert found[
        (
            dt.date(2026, 2, 23),
            "Hạn tháng 2/2026: Các thành viên phải báo cáo — gửi báo cáo nhanh tình hình khai thác dữ liệu",
        )
    ] == dt.datetime(2026, 2, 13, 8, 0, tzinfo=VIETNAM)  # Tết: 14–22/02/2026 off
    working = WORKING
    for (day, summary), alarm in found.items():
        between = [alarm.date() + dt.timedelta(days=k) for k in range(1, (day - alarm.date()).days)]
        assert alarm.time() == dt.time(8, 0) and alarm.date() < day and working.is_working_day(alarm.date()), summary
        assert not any(working.is_working_day(d) for d in between), summary


def test_alarm_skips_a_holiday(cli: Callable[..., Result]) -> None:
    """Bắc Ninh's Q2/2025 report is due Tuesday 24/06/2025; the Q1 one on Monday 24/03/2025 rings Friday 21/03.
    The draft's meeting on 26/08/2024 sets its notice for Wednesday 04/09/2024: 02–03/09 are Quốc khánh days
    off, so the alarm rings on Friday 30/08."""
    found = events(cli, "--year", "2024", "--meeting", "2024-08-26", "--meeting-kind", "quarterly")
    alarms = {day: alarm for day, _, alarm in found}
    assert alarms[dt.date(2024, 9, 4)] == dt.datetime(2024, 8, 30, 8, 0, tzinfo=VIETNAM)
    assert alarms[dt.date(2024, 3, 25)] == dt.datetime(2024, 3, 22, 8, 0, tzinfo=VIETNAM)
    assert all(summary.startswith(("Hạn quý", "Hạn 6 tháng", "Hạn năm", "Hạn tháng")) for _, summary, _ in found)


@settings(max_examples=200, deadline=None)
@given(what=st.text(st.sampled_from("aăâ đ—ệ ỹ b  c"), min_size=1, max_size=300).map(str.strip).filter(bool))
def test_folded_lines_are_short_and_never_end_in_a_space(what: str) -> None:
    """Every line at most 75 octets, none ending in a space (a tool trimming blanks would change the text), and
    the text read back whole."""
    from icalendar import Calendar

    from quyche_cli.schedule.deadlines import Obligation
    from quyche_cli.schedule.ics import to_ics

    item = Obligation(
        "step", what, "khoản 1 Điều 3", None, "Các thành viên", date=dt.date(2026, 12, 21), period="2026-Q4"
    )
    data = to_ics([item], "Ban", "Hạn", WORKING)
    lines = data.decode("utf-8").split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 and not line.endswith(" ") for line in lines)
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    assert str(event["summary"]) == f"Hạn quý IV/2026: Các thành viên — {what}"
