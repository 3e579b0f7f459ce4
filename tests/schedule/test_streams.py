"""Reporting streams: every cycle and deadline rule on Vietnam's real working calendar, the periods people
type, the wording check of `validate`, and the Hòa Sơn regulation's monthly and six-monthly streams end to
end through `deadlines` and `check-reports`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import Result

from quyche_cli.errors import InputError
from quyche_cli.rules.index import Rules
from quyche_cli.rules.model import Calendar, Deadline, Stream
from quyche_cli.rules.validation import load_rules, wording_mismatches
from quyche_cli.schedule.deadlines import Planner, event_deadline, period_deadline
from quyche_cli.schedule.periods import Period, parse_period, period_phrase
from quyche_cli.schedule.workcalendar import WorkCalendar
from support import DATA, Report, write_docx, write_rules

VN = WorkCalendar(Calendar())
OTHER = DATA / "other.yaml"


def rule(**fields: object) -> Deadline:
    """A rule with its wording and basis; a day-of-month rule reads "chậm nhất ngày D" unless told."""
    day_of_month = fields.get("anchor") in ("period_last_month", "fixed_date")
    return Deadline.model_validate(
        {"wording": "x", "basis": "Bộ luật Dân sự 2015", **({"inclusive": True} if day_of_month else {}), **fields}
    )


# -- periods people type -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "label"),
    [
        ("2026-09", "2026-09"),
        ("tháng 9/2026", "2026-09"),
        ("Tháng 9 năm 2026", "2026-09"),
        ("T9/2026", "2026-09"),
        ("09/2026", "2026-09"),
        ("6 tháng đầu năm 2026", "2026-H1"),
        ("sáu tháng cuối năm 2026", "2026-H2"),
        ("2026-H1", "2026-H1"),
        ("H2/2026", "2026-H2"),
        ("năm 2026", "2026"),
        ("2026", "2026"),
        ("2024-Q3", "2024-Q3"),
        ("quý III/2024", "2024-Q3"),
        ("từ ngày 01/9 đến ngày 03/9/2021", "2021-09-01..2021-09-03"),
        ("Từ ngày 28/12 đến ngày 03/01/2022", "2021-12-28..2022-01-03"),
        ("01/09/2021 - 03/09/2021", "2021-09-01..2021-09-03"),
        ("2021-09-01..2021-09-03", "2021-09-01..2021-09-03"),
    ],
)
def test_every_form_of_period(typed: str, label: str) -> None:
    assert parse_period(typed).label == label


@pytest.mark.parametrize(
    "typed",
    [
        "tháng 13/2026",
        "2026-00",
        "2026-H3",
        "T9/26",
        "năm 26",
        "từ ngày 05/9 đến ngày 03/9/2021",
        "từ ngày 30/02 đến ngày 03/03/2021",
        "từ ngày 29/02 đến ngày 10/01/2024",
        "ngày 01/9/2021",
        "6 tháng giữa năm 2026",
    ],
)
def test_bad_periods_are_refused(typed: str) -> None:
    with pytest.raises(InputError):
        parse_period(typed)


@pytest.mark.parametrize("typed", ["tháng 13/2026", "2026-H3", "từ ngày 05/9 đến ngày 03/9/2021", "mùa thu 2026"])
def test_bad_periods_exit_2_naming_the_forms(cli: Callable[..., Result], typed: str) -> None:
    result = cli("deadlines", "--file", str(OTHER), "--period", typed)
    assert result.exit_code == 2 and typed in result.stderr and "Traceback" not in result.output


@given(st.lists(st.integers(0, 40), min_size=4, max_size=4), st.integers(1900, 2200))
def test_typed_ranges_are_read_or_refused_never_crash(numbers: list[int], year: int) -> None:
    d1, m1, d2, m2 = numbers
    try:
        period = parse_period(f"từ ngày {d1}/{m1} đến ngày {d2}/{m2}/{year}")
    except InputError:
        return
    assert period.start <= period.end and period.end == dt.date(year, m2, d2)


kinds = st.sampled_from(["month", "quarter", "half", "year"])


@given(st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)), kinds)
def test_periods_of_every_kind_round_trip_and_tile_the_calendar(day: dt.date, kind: str) -> None:
    period = Period.containing(day, kind)  # type: ignore[arg-type]
    assert period.start <= day <= period.end
    assert parse_period(period.label) == period == parse_period(period.label_vi)
    assert period.next().start == period.end + dt.timedelta(days=1)
    assert period.next().previous() == period


def test_a_longer_report_closes_the_shorter_period_it_ends_with() -> None:
    assert parse_period("2026-H1").as_kind("quarter") == Period(2026, 2)
    assert parse_period("2026").as_kind("half") == parse_period("2026-H2")
    assert parse_period("2026-09").as_kind("quarter") is None


@pytest.mark.parametrize(
    ("title", "label"),
    [
        ("Tình hình khai thác dữ liệu tháng 9 năm 2026", "2026-09"),
        ("Sơ kết 6 tháng đầu năm 2026", "2026-H1"),
        ("Kết quả thực hiện nhiệm vụ năm 2026", "2026"),
        ("Kết quả quý III năm 2024", "2024-Q3"),
    ],
)
def test_report_titles_name_periods_of_their_own_kind(title: str, label: str) -> None:
    found = period_phrase(title)
    assert found is not None and found.label == label


def test_a_date_line_is_not_a_month_report() -> None:
    assert period_phrase("Hòa Sơn, ngày 19 tháng 9 năm 2026") is None


# -- every cycle and deadline rule on the real calendar ----------------------------------------------------
@pytest.mark.parametrize(
    ("period", "deadline", "expected"),
    [
        # "trước ngày 20 hằng tháng": Saturday 19/09/2026 rolls to Monday.
        ("2026-09", rule(anchor="period_last_month", day=20, inclusive=False), dt.date(2026, 9, 21)),
        # 19/02/2026 is Mùng ba Tết: the office reopens on Monday 23/02.
        ("2026-02", rule(anchor="period_last_month", day=20, inclusive=False), dt.date(2026, 2, 23)),
        # "trước ngày 05 của tháng sau": December's report is due in January of the next year.
        ("2026-12", rule(anchor="period_last_month", day=5, months_after=1, inclusive=False), dt.date(2027, 1, 4)),
        ("2026-H1", rule(anchor="period_last_month", day=10), dt.date(2026, 6, 10)),
        ("2026-H2", rule(anchor="period_last_month", day=10), dt.date(2026, 12, 10)),
        # A day the month lacks is its last day: 31 → 30/06/2026, a Tuesday.
        ("2026-H1", rule(anchor="period_last_month", day=31), dt.date(2026, 6, 30)),
        ("2026", rule(anchor="fixed_date", day=15, month=12, inclusive=False), dt.date(2026, 12, 14)),
        ("2026", rule(anchor="fixed_date", day=15, month=1, years_after=1, inclusive=False), dt.date(2027, 1, 14)),
        # Quốc khánh 2025 is 01–02/09: a fixed 2 September rolls to Wednesday 03/09.
        ("2025", rule(anchor="fixed_date", day=2, month=9), dt.date(2025, 9, 3)),
        ("2025", rule(anchor="fixed_date", day=2, month=9, roll_forward=False), dt.date(2025, 9, 2)),
        # 5 working days after 31/01/2026 (a Saturday): 02–06/02.
        ("2026-01", rule(anchor="period_end", days=5, day_count="working"), dt.date(2026, 2, 6)),
        # 10 calendar days after 31/01/2026: 10/02/2026, a Tuesday.
        ("2026-01", rule(anchor="period_end", days=10), dt.date(2026, 2, 10)),
        # 5 days after 10/02/2026 is 15/02, inside Tết (14–22/02) → Monday 23/02.
        ("từ ngày 04/02 đến ngày 10/02/2026", rule(anchor="period_end", days=5), dt.date(2026, 2, 23)),
    ],
)
def test_deadline_rules_on_the_working_calendar(period: str, deadline: Deadline, expected: dt.date) -> None:
    assert period_deadline(VN, deadline, parse_period(period))[0] == expected


def test_working_days_after_an_event_skip_the_compensatory_day() -> None:
    """Giỗ Tổ 2026 falls on Sunday 26/04: Monday 27/04 is its nghỉ bù, then 30/04 and 01/05."""
    deadline = rule(anchor="event", event="kết thúc đợt kiểm tra", days=10, day_count="working")
    day, explained = event_deadline(VN, deadline, dt.date(2026, 4, 24))
    assert day == dt.date(2026, 5, 13)
    assert "cộng 10 ngày làm việc" in explained


def test_the_explanation_names_the_holiday_it_rolled_over() -> None:
    _, explained = period_deadline(
        VN, rule(anchor="period_last_month", day=20, inclusive=False), Period(2026, 2, "month")
    )
    assert "Mùng ba Tết Nguyên đán" in explained and "Thứ Hai 23/02/2026" in explained


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"anchor": "period_last_month", "days": 3}, "cần trường 'day'"),
        ({"anchor": "fixed_date", "day": 15}, "cần trường 'month'"),
        ({"anchor": "period_end", "days": 5, "day": 1}, "không dùng trường 'day'"),
        ({"anchor": "event", "days": 5}, "cần trường 'event'"),
        ({"anchor": "on_request", "day": 5}, "không dùng trường 'day'"),
    ],
)
def test_malformed_deadlines(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        rule(**fields)


@pytest.mark.parametrize("anchor", [{"anchor": "period_last_month"}, {"anchor": "fixed_date", "month": 12}])
def test_a_day_of_month_deadline_states_whether_the_day_counts(anchor: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="cần trường 'inclusive': ghi rõ 'inclusive: true'"):
        Deadline.model_validate({"wording": "x", "basis": "x", "day": 15, **anchor})


def test_validate_refuses_a_missing_inclusive_at_its_deadline(cli: Callable[..., Result], tmp_path: Path) -> None:
    """Without 'inclusive', "trước ngày 20 hằng tháng" was read as "chậm nhất ngày 20" and validate passed."""
    text = OTHER.read_text(encoding="utf-8")
    wording = "            wording: trước ngày 20 hằng tháng\n"
    missing = text.replace(
        wording + "            anchor: period_last_month\n            day: 20\n            inclusive: false\n",
        wording + "            anchor: period_last_month\n            day: 20\n",
    )
    assert missing != text
    result = cli("validate", str(write_rules(tmp_path, missing)), "--format", "json")
    assert result.exit_code == 1, result.output
    [problem] = json.loads(result.stdout)["problems"]
    assert problem["code"] == "schema-value_error" and "'inclusive'" in problem["message"]
    assert problem["line"] == missing.splitlines().index(wording.rstrip("\n"))  # the line of "deadline:"


def test_the_schema_requires_inclusive_for_day_of_month_deadlines() -> None:
    rules = json.loads((OTHER.parents[2] / "quyche.schema.json").read_text(encoding="utf-8"))["definitions"]
    required = {
        rule["if"]["properties"]["anchor"]["const"]: rule["then"]["required"] for rule in rules["Deadline"]["allOf"]
    }
    assert "inclusive" in required["period_last_month"] and "inclusive" in required["fixed_date"]
    assert "inclusive" not in required["period_end"]


def test_an_on_request_deadline_needs_no_basis() -> None:
    assert not Deadline(wording="theo yêu cầu", anchor="on_request").computable


def test_streams_refuse_rules_their_cycle_cannot_have() -> None:
    step = {"id": "s", "actor": "reporters", "what": "x", "source": "art_1"}
    with pytest.raises(ValueError, match="fixed_date"):
        Stream.model_validate(
            {"id": "h", "name": "x", "cycle": "half_yearly", "steps": [{**step, "deadline": _fixed()}]}
        )
    with pytest.raises(ValueError, match="every_days"):
        Stream.model_validate({"id": "d", "name": "x", "cycle": "every_n_days", "steps": []})
    with pytest.raises(ValueError, match="không theo kỳ"):
        Stream.model_validate(
            {"id": "r", "name": "x", "cycle": "on_request", "steps": [{**step, "deadline": _fixed()}]}
        )


def _fixed() -> dict[str, object]:
    return {"wording": "x", "anchor": "fixed_date", "day": 15, "month": 6, "inclusive": True, "basis": "x"}


def test_runs_of_days_follow_the_streams_start() -> None:
    planner = Planner(load_rules(OTHER))
    stream = Stream.model_validate(
        {
            "id": "d",
            "name": "Báo cáo 3 ngày",
            "cycle": "every_n_days",
            "every_days": 3,
            "starts": "2021-09-01",
            "steps": [],
        }
    )
    assert planner.period_of(stream, dt.date(2021, 9, 5)) == parse_period("từ ngày 04/9 đến ngày 06/9/2021")
    assert planner.period_of(stream, dt.date(2021, 8, 31)) is None
    assert planner.fits(stream, parse_period("từ ngày 01/9 đến ngày 03/9/2021"))
    assert not planner.fits(stream, parse_period("từ ngày 02/9 đến ngày 04/9/2021"))
    # 01/09 to 31/12 is 122 days: 40 runs end in 2021, the 41st (30/12–01/01) in 2022.
    assert len(planner.periods_in_year(stream, 2021)) == 40


# -- the wording check of validate ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fields", "cycle", "found"),
    [
        (
            {"wording": "trước ngày 25 của tháng cuối quý", "anchor": "period_last_month", "day": 20},
            "quarterly",
            "ngày 25",
        ),
        ({"wording": "trước ngày 20 hằng tháng", "anchor": "period_last_month", "day": 20}, "quarterly", "hang thang"),
        ({"wording": "trước ngày 15/6", "anchor": "period_last_month", "day": 15}, "quarterly", ""),
        ({"wording": "trước ngày 15/6", "anchor": "period_last_month", "day": 15}, "yearly", "tháng 6"),
        ({"wording": "trước ngày 15/12", "anchor": "fixed_date", "day": 15, "month": 6}, "yearly", "tháng 12"),
        ({"wording": "trong 05 ngày làm việc", "anchor": "period_end", "days": 5}, "monthly", "day_count"),
        ({"wording": "trong 07 ngày", "anchor": "period_end", "days": 5}, "monthly", "07 ngày"),
        (
            {"wording": "chậm nhất vào ngày 10 tháng 6 và ngày 10 tháng 12", "anchor": "period_last_month", "day": 10},
            "half_yearly",
            "",
        ),
        (
            {"wording": "chậm nhất vào ngày 20 của tháng cuối quý", "anchor": "period_last_month", "day": 20}
            | {"inclusive": False},
            "quarterly",
            "inclusive",
        ),
        (
            {"wording": "đến hết ngày 15/12", "anchor": "fixed_date", "day": 15, "month": 12, "inclusive": False},
            "yearly",
            "inclusive",
        ),
        (
            {"wording": "trước ngày 20 hằng tháng", "anchor": "period_last_month", "day": 20, "inclusive": False},
            "monthly",
            "",
        ),
    ],
)
def test_wording_against_the_rule(fields: dict[str, object], cycle: str, found: str) -> None:
    mismatches = wording_mismatches(rule(**fields), cycle)
    if found:
        assert len(mismatches) == 1 and found in mismatches[0], mismatches
    else:
        assert mismatches == []


def test_validate_reports_a_rule_against_its_wording_at_its_line(cli: Callable[..., Result], tmp_path: Path) -> None:
    text = OTHER.read_text(encoding="utf-8")
    wrong = text.replace(
        "            wording: trước ngày 20 hằng tháng\n            anchor: period_last_month\n            day: 20",
        "            wording: trước ngày 20 hằng tháng\n            anchor: period_last_month\n            day: 25",
    )
    assert wrong != text
    result = cli("validate", str(write_rules(tmp_path, wrong)), "--format", "json")
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)["problems"]
    assert problem["code"] == "deadline-wording" and "ngày 20" in problem["message"]
    assert problem["line"] == wrong.splitlines().index("            wording: trước ngày 20 hằng tháng") + 1


def test_the_bundled_and_the_other_regulation_agree_with_their_wording(rules: Rules) -> None:
    for each in (rules, load_rules(OTHER)):
        assert each.model.reporting is not None
        for stream in each.model.reporting.streams:
            for step in stream.steps:
                if step.deadline:
                    assert wording_mismatches(step.deadline, stream.cycle) == []


# -- deadlines on the Hòa Sơn streams ---------------------------------------------------------------------
def deadlines(cli: Callable[..., Result], *args: str) -> dict[str, object]:
    result = cli("deadlines", "--file", str(OTHER), "--format", "json", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_a_month_shows_the_monthly_stream(cli: Callable[..., Result]) -> None:
    data = deadlines(cli, "--period", "tháng 9/2026")
    assert data["periods"] == ["2026-09"] and data["streams"] == ["monthly", "ad_hoc"]
    dated = [(o["step"], o["period"], o["date"]) for o in data["obligations"]]  # type: ignore[attr-defined]
    assert dated == [
        ("monthly_report", "2026-09", "2026-09-21"),
        ("monthly_summary", "2026-09", "2026-10-07"),
        ("ad_hoc_report", None, None),
    ]


def test_a_year_of_the_monthly_stream(cli: Callable[..., Result]) -> None:
    data = deadlines(cli, "--year", "2026", "--stream", "monthly")
    assert data["periods"] == [f"2026-{m:02d}" for m in range(1, 13)]
    reports = [o["date"] for o in data["obligations"] if o["step"] == "monthly_report"]  # type: ignore[attr-defined]
    assert reports[1] == "2026-02-23" and reports[8] == "2026-09-21" and len(reports) == 12


def test_the_six_monthly_stream_with_its_data_period(cli: Callable[..., Result]) -> None:
    data = deadlines(cli, "--year", "2026", "--stream", "half_yearly")
    assert data["periods"] == ["2026-H1", "2026-H2"]
    assert [o["date"] for o in data["obligations"]] == ["2026-06-10", "2026-12-10"]  # type: ignore[attr-defined]
    text = cli("deadlines", "--file", str(OTHER), "--period", "6 tháng đầu năm 2026").stdout
    assert "Kỳ 6 tháng đầu năm 2026 (2026-H1) — số liệu từ 15/12/2025 đến 14/06/2026" in text


def test_today_shows_the_current_period_of_every_stream(cli: Callable[..., Result]) -> None:
    data = deadlines(cli, "--as-of", "2026-12-04")
    assert data["periods"] == ["2026-Q4", "2026-12", "2026-H2"]


def test_a_request_is_shown_with_its_wording_never_as_no_deadline(cli: Callable[..., Result]) -> None:
    text = cli("deadlines", "--file", str(OTHER), "--period", "2026-09").stdout
    assert "(theo yêu cầu)  Các thành viên phải báo cáo → Tổ trưởng Tổ Điều phối" in text
    assert "Không tính được hạn: theo thời hạn ghi trong văn bản yêu cầu." in text
    assert "(không có hạn)" not in text


def test_a_step_after_a_meeting_says_what_it_waits_for(cli: Callable[..., Result]) -> None:
    text = cli("deadlines", "--period", "2024-Q3").stdout
    assert "(tính từ ngày kết thúc cuộc họp)  Văn phòng Ủy ban nhân dân tỉnh" in text


INSPECTION = """    - id: inspection
      name: Báo cáo sau kiểm tra
      cycle: after_event
      steps:
        - id: inspection_report
          actor: skhcn
          recipients: [to_truong]
          what: báo cáo kết quả kiểm tra
          source: art_3__para_5
          deadline:
            wording: trong 10 ngày làm việc kể từ ngày kết thúc đợt kiểm tra
            anchor: event
            event: kết thúc đợt kiểm tra
            days: 10
            day_count: working
            basis: Bộ luật Dân sự 2015, Điều 147 khoản 3
"""


def test_a_step_after_an_event_is_dated_from_the_event(cli: Callable[..., Result], tmp_path: Path) -> None:
    text = OTHER.read_text(encoding="utf-8").replace("events:\n", INSPECTION + "events:\n", 1)
    args = ("deadlines", "--file", str(write_rules(tmp_path, text)), "--stream", "inspection")
    waiting = cli(*args)
    assert waiting.exit_code == 0, waiting.output
    assert "(tính từ ngày kết thúc đợt kiểm tra)  Sở Khoa học và Công nghệ" in waiting.stdout
    assert "dùng --event NGÀY" in waiting.stdout
    dated = json.loads(cli(*args, "--event", "24/04/2026", "--format", "json").stdout)
    [item] = dated["obligations"]
    assert (item["date"], item["anchor"], item["period"]) == ("2026-05-13", "2026-04-24", None)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--stream", "quarterly", "--period", "2026-09"], "luồng này có kỳ theo quý"),
        (["--stream", "weekly"], "Các luồng báo cáo: quarterly (Báo cáo quý"),
        (["--period", "2026"], "Không luồng báo cáo nào có kỳ theo năm như 'năm 2026'"),
    ],
)
def test_streams_and_periods_that_do_not_fit_are_refused(
    cli: Callable[..., Result], args: list[str], said: str
) -> None:
    result = cli("deadlines", "--file", str(OTHER), *args)
    assert result.exit_code == 2 and said in result.stderr, result.stderr


def test_the_bundled_quarter_is_unchanged_by_the_stream_option(cli: Callable[..., Result]) -> None:
    plain = cli("deadlines", "--period", "2024-Q3", "--meeting", "26/08/2024")
    chosen = cli("deadlines", "--period", "2024-Q3", "--meeting", "26/08/2024", "--stream", "quarterly")
    assert plain.stdout == chosen.stdout and "Thứ Tư 04/09/2024" in plain.stdout


# -- check-reports on the Hòa Sơn streams ------------------------------------------------------------------
def hoa_son_folder(folder: Path, title: str, *date_lines: str) -> Path:
    """A folder with one report of the title from each Hòa Sơn reporter, dated by ``date_lines``: the seat of
    the Trung tâm Dữ liệu (dissolved on 30/09/2025) reports on its successor's letterhead."""
    folder.mkdir()
    senders = (("SKHCN", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"), ("SCVDL", "SỞ CẢNG VỤ DỮ LIỆU"))
    for (symbol, issuer), date_line in zip(senders, date_lines, strict=False):
        report = Report(issuer, symbol, date_line=date_line, period_line=title, superior="UBND TỈNH HÒA SƠN")
        write_docx(folder / f"{symbol}.docx", report)
    return folder


def test_a_folder_of_monthly_reports(cli: Callable[..., Result], tmp_path: Path) -> None:
    title = "Tình hình khai thác dữ liệu tháng 9 năm 2026"
    days = ("Hòa Sơn, ngày 18 tháng 9 năm 2026", "Hòa Sơn, ngày 22 tháng 9 năm 2026")
    folder = hoa_son_folder(tmp_path / "thang-9", title, *days)
    result = cli("check-reports", str(folder), "--file", str(OTHER), "--as-of", "2026-10-05", "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert (data["period"], data["stream"], data["deadline"]["last_day"]) == ("2026-09", "monthly", "2026-09-21")
    status = {m["member"]: (m["status"], m["submitted"]) for m in data["members"]}
    assert status == {"skhcn": ("on_time", "2026-09-18"), "ttdl": ("late", "2026-09-22")}


def test_a_six_monthly_audit_by_period(cli: Callable[..., Result], tmp_path: Path) -> None:
    days = ("Hòa Sơn, ngày 10 tháng 6 năm 2026", "Hòa Sơn, ngày 09 tháng 6 năm 2026")
    folder = hoa_son_folder(tmp_path / "so-ket", "Sơ kết 6 tháng đầu năm 2026", *days)
    args = ["check-reports", str(folder), "--file", str(OTHER), "--format", "json"]
    result = cli(*args, "--period", "6 tháng đầu năm 2026")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["period"], data["stream"], data["deadline"]["last_day"]) == ("2026-H1", "half_yearly", "2026-06-10")
    # The same reports audited as the second quarter's: a six-month report is also that quarter's report.
    quarter = json.loads(cli(*args, "--stream", "quarterly", "--period", "2026-Q2").stdout)
    assert [f["title_period"] for f in quarter["files"]] == ["2026-Q2", "2026-Q2"]


def test_an_audit_without_a_period_or_titles_asks_for_the_stream(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = hoa_son_folder(tmp_path / "bao-cao", "Tình hình khai thác dữ liệu", "Hòa Sơn, ngày 18 tháng 9 năm 2026")
    result = cli("check-reports", str(folder), "--file", str(OTHER))
    assert result.exit_code == 2
    assert "chọn một bằng --stream" in result.stderr and "monthly (Báo cáo nhanh hằng tháng" in result.stderr
    mismatch = cli("check-reports", str(folder), "--file", str(OTHER), "--stream", "monthly", "--period", "2026-Q3")
    assert mismatch.exit_code == 2 and "luồng này có kỳ theo tháng" in mismatch.stderr


def test_a_monthly_report_form(cli: Callable[..., Result], tmp_path: Path) -> None:
    from docx import Document

    out = tmp_path / "bc.docx"
    args = ["render", "bao-cao", "--file", str(OTHER), "--member", "skhcn", "--period", "T9/2026", "--out", str(out)]
    result = cli(*args)
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "Kết quả thực hiện nhiệm vụ dữ liệu số tháng 9 năm 2026" in text
    assert "Thực hiện khoản 3 Điều 3 Quy chế" in text, "the monthly stream's own provision"
    assert "từ ngày 01/09/2026 đến ngày 30/09/2026" in text


EVERY_THREE_DAYS = """    - id: every_three_days
      name: Báo cáo nhanh 3 ngày một lần
      cycle: every_n_days
      every_days: 3
      starts: 2021-09-01
      steps:
        - id: three_day_report
          actor: reporters
          recipients: [to_truong]
          what: báo cáo nhanh tình hình khai thác dữ liệu
          source: art_3__para_3
          deadline:
            wording: chậm nhất 01 ngày sau khi kết thúc kỳ báo cáo
            anchor: period_end
            days: 1
            basis: Bộ luật Dân sự 2015, Điều 147 khoản 3
"""


def test_a_run_of_days_stream(cli: Callable[..., Result], tmp_path: Path) -> None:
    text = OTHER.read_text(encoding="utf-8").replace("events:\n", EVERY_THREE_DAYS + "events:\n", 1)
    args = ("deadlines", "--file", str(write_rules(tmp_path, text)))
    data = json.loads(cli(*args, "--period", "từ ngày 01/9 đến ngày 03/9/2021", "--format", "json").stdout)
    assert data["periods"] == ["2021-09-01..2021-09-03"]
    # 1 day after Friday 03/09/2021 is Saturday 04/09: Monday 06/09 (Quốc khánh 2021 was 02–03/09).
    assert [(o["step"], o["date"]) for o in data["obligations"]] == [
        ("three_day_report", "2021-09-06"),
        ("ad_hoc_report", None),
    ]
    shifted = cli(*args, "--stream", "every_three_days", "--period", "từ ngày 02/9 đến ngày 04/9/2021")
    assert shifted.exit_code == 2 and "mỗi kỳ 3 ngày tính từ 01/09/2021" in shifted.stderr
    year = json.loads(cli(*args, "--stream", "every_three_days", "--year", "2021", "--format", "json").stdout)
    assert len(year["periods"]) == 40 and year["periods"][-1] == "2021-12-27..2021-12-29"


def test_an_audit_of_a_stream_without_periods_is_refused(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = hoa_son_folder(tmp_path / "dot-xuat", "Báo cáo đột xuất", "Hòa Sơn, ngày 18 tháng 9 năm 2026")
    result = cli("check-reports", str(folder), "--file", str(OTHER), "--stream", "ad_hoc")
    assert result.exit_code == 2 and "không có hạn nộp báo cáo theo kỳ" in result.stderr


def test_a_file_of_the_former_shape_is_told_where_its_steps_go(cli: Callable[..., Result], tmp_path: Path) -> None:
    text = OTHER.read_text(encoding="utf-8")
    start, end = text.index("  streams:\n"), text.index("    - id: monthly\n")
    steps = "".join(line[6:] + "\n" for line in text[start:end].splitlines()[5:])
    former = text[:start] + "  steps:\n" + steps + text[text.index("events:\n") :]
    result = cli("validate", str(write_rules(tmp_path, former)))
    assert result.exit_code == 1
    assert (
        "chuyển 'steps' vào 'streams'" in result.stdout
        and f":{text.count(chr(10), 0, text.index('reporting:')) + 1}:" in result.stdout
    )
