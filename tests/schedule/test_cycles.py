"""N-day cycles: the first period starts with the instrument, a report is due within its window, "N ngày/lần" is
the cycle's length, and a run of days is read back from a title or a name."""

from __future__ import annotations

import datetime as dt

import pytest

from quyche_cli.rules.model import Deadline, Regulation
from quyche_cli.rules.validation import load_rules, wording_mismatches
from quyche_cli.schedule.deadlines import Planner
from quyche_cli.schedule.periods import Period, period_phrase
from support import DATA

NATIONAL = DATA / "national.yaml"
AFTER_ONE_DAY = "Định kỳ 03 ngày/lần, chậm nhất 01 ngày sau khi kết thúc kỳ"


def test_an_n_day_cycle_starts_with_the_instrument_and_is_due_within_its_window() -> None:
    rules = load_rules(NATIONAL)
    stream = Planner(rules).stream_named("three_days")
    assert stream.starts == rules.model.document.valid_from == dt.date(2021, 9, 3)
    planner = Planner(rules)
    period = planner.period_of(stream, dt.date(2021, 9, 7))
    assert period == Period.of_days(dt.date(2021, 9, 6), dt.date(2021, 9, 8))
    due = planner.report_deadline(period, stream)
    assert due is not None and due.date == dt.date(2021, 9, 8)
    # a Saturday window end, and the file says not to roll forward: due that Saturday
    saturday = planner.period_of(stream, dt.date(2021, 9, 10))
    assert saturday is not None and saturday.end == dt.date(2021, 9, 11)
    assert planner.report_deadline(saturday, stream).date == dt.date(2021, 9, 11)  # type: ignore[union-attr]


def test_without_any_start_an_n_day_cycle_is_refused() -> None:
    data = {
        "schema_version": 1,
        "document": {
            "title": "T", "committee": "C", "committee_short": "C", "committee_symbol": "C",
            "issuing_body": "B", "place": "P", "status": "draft",
        },
        "members": [],
        "chapters": [],
        "reporting": {
            "source": "x", "reporters": [],
            "streams": [{"id": "s", "name": "S", "cycle": "every_n_days", "every_days": 3, "steps": []}],
        },
    }  # fmt: skip
    with pytest.raises(ValueError, match="every_n_days cần 'every_days' và ngày bắt đầu"):
        Regulation.model_validate(data)
    data["document"]["valid_from"] = "2021-09-03"  # type: ignore[index]
    assert Regulation.model_validate(data).reporting.streams[0].starts == dt.date(2021, 9, 3)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("wording", "anchor", "cycle", "every", "problems"),
    [
        ("Định kỳ 03 ngày/lần", {"anchor": "within_period"}, "every_n_days", 3, 0),
        ("Định kỳ 03 ngày/lần", {"anchor": "within_period"}, "every_n_days", 2, 1),
        ("Định kỳ 03 ngày một lần", {"anchor": "within_period"}, "monthly", None, 1),
        # the cycle's "03 ngày" is not the deadline's count of days
        (AFTER_ONE_DAY, {"anchor": "period_end", "days": 1}, "every_n_days", 3, 0),
        (AFTER_ONE_DAY, {"anchor": "period_end", "days": 3}, "every_n_days", 3, 1),
    ],
)  # fmt: skip
def test_n_days_a_time_is_the_cycle(
    wording: str,
    anchor: dict,  # type: ignore[type-arg]
    cycle: str,
    every: int | None,
    problems: int,
) -> None:
    deadline = Deadline(wording=wording, basis="b", **anchor)
    assert len(wording_mismatches(deadline, cycle, every)) == problems


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("Báo cáo kết quả từ ngày 06/9 đến ngày 08/9/2021", dt.date(2021, 9, 6), dt.date(2021, 9, 8)),
        ("tb_ha_tang báo cáo từ ngày 06.9 đến ngày 08.9.2021", dt.date(2021, 9, 6), dt.date(2021, 9, 8)),
        ("Bao cao tu ngay 28-12 den het ngay 03-01-2022", dt.date(2021, 12, 28), dt.date(2022, 1, 3)),
    ],
)
def test_a_run_of_days_is_read_from_a_title_or_a_name(text: str, first: dt.date, last: dt.date) -> None:
    assert period_phrase(text) == Period.of_days(first, last)


def test_an_impossible_run_of_days_is_no_period() -> None:
    assert period_phrase("từ ngày 30/02 đến ngày 03/03/2021") is None
