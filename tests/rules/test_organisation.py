"""The organisation over time, read from the real rules files: successions with partial transfers, seats and
the decisions that re-compose them, who reports, the text's notices, the working calendar's official years."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from quyche_cli.rules.index import Rules
from quyche_cli.rules.model import Calendar
from quyche_cli.rules.names import name_index
from quyche_cli.rules.organisation import Organisation
from quyche_cli.rules.validation import check_source, load_rules
from quyche_cli.rules.yamlsource import parse_text
from quyche_cli.schedule.workcalendar import WorkCalendar, lunar_day_before_new_year
from support import DATA, RULES_FILE

TODAY = dt.date(2026, 11, 28)
BEFORE = dt.date(2024, 10, 1)


@pytest.fixture(scope="module")
def other() -> Rules:
    return load_rules(DATA / "other.yaml")


def carriers(organisation: Organisation, agency: str) -> dict[str, str]:
    """Provision id -> the agency carrying it, for every task of ``agency``'s seat."""
    rules = organisation.rules
    return {p.id: organisation.carrier(agency, p).id for m in rules.members_of(agency) for p in organisation.tasks(m)}


def test_a_dissolved_agency_is_carried_by_its_successor_only_after_the_merger(rules: Rules) -> None:
    assert Organisation(rules, TODAY).successor("skhdt").id == "stc"
    assert Organisation(rules, dt.date(2025, 2, 28)).successor("skhdt").id == "skhdt"
    assert Organisation(rules, dt.date(2025, 3, 1)).successor("skhdt").id == "stc"


def test_a_partial_transfer_sends_each_point_to_its_own_successor(rules: Rules) -> None:
    now = carriers(Organisation(rules, TODAY), "sldtbxh")
    assert now == {
        "art_6__para_7__subpara_1": "snv",
        "art_6__para_7__point_a": "sgddt",
        "art_6__para_7__point_b": "snv",
        "art_6__para_7__point_c": "syt",
        "art_6__para_7__point_d": "snv",
    }
    split = rules.by_id["art_6__para_7__point_b"]
    assert [(a.id, t.scope) for a, t in Organisation(rules, TODAY).sharers("sldtbxh", split)] == [
        ("syt", "chi trả cho đối tượng bảo trợ xã hội, trợ giúp xã hội")
    ], "payments span người có công (Sở Nội vụ) and social protection (Sở Y tế)"
    note = Organisation(rules, TODAY).carried_note(split)
    assert note is not None and note.startswith("Sở Nội vụ (phần còn lại) và Sở Y tế (phần chi trả")
    assert set(carriers(Organisation(rules, BEFORE), "sldtbxh").values()) == {"sldtbxh"}


def test_what_a_successor_inherited_is_only_what_was_transferred_to_it(rules: Rules) -> None:
    organisation = Organisation(rules, TODAY)
    [health] = organisation.inherited("syt")
    assert health.predecessor.id == "sldtbxh" and "bảo trợ xã hội" in (health.scope or "")
    assert [p.id for p in health.points] == ["art_6__para_7__point_b", "art_6__para_7__point_c"]
    [education] = organisation.inherited("sgddt")
    assert [p.id for p in education.points] == ["art_6__para_7__point_a"]
    home = {i.predecessor.id: [p.id for p in i.points] for i in organisation.inherited("snv")}
    assert home == {"sldtbxh": ["art_6__para_7__subpara_1", "art_6__para_7__point_b", "art_6__para_7__point_d"]}
    culture = organisation.inherited("svhttdl")
    assert [(i.predecessor.id, i.scope, i.points) for i in culture] == [("stttt", "báo chí, xuất bản", [])]
    assert Organisation(rules, BEFORE).inherited("syt") == []


def test_a_seat_waits_for_a_decision_while_its_tasks_move_at_once(rules: Rules) -> None:
    seat = Organisation(rules, TODAY).seat("stttt")
    assert seat.pending and seat.agency is not None and seat.agency.id == "stttt"
    assert seat.carrier is not None and seat.carrier.id == "skhcn"
    assert not Organisation(rules, BEFORE).seat("stttt").pending
    assert Organisation(rules, TODAY).seat("truong_ban").agency is None


def test_a_recorded_decision_gives_the_seat_to_the_successor(other: Rules) -> None:
    waiting = Organisation(other, dt.date(2025, 11, 1)).seat("ttdl")
    assert waiting.pending and waiting.carrier is not None and waiting.carrier.id == "scd"
    decided = Organisation(other, dt.date(2025, 12, 1)).seat("ttdl")
    assert not decided.pending and decided.agency is not None and decided.agency.id == "scd"
    assert decided.title == "Giám đốc Sở Cảng vụ Dữ liệu" and decided.source is not None
    assert "9/QĐ-UBND" in decided.source.label


def test_nobody_reports_to_itself_and_successors_report_for_the_dissolved(rules: Rules) -> None:
    now = Organisation(rules, TODAY).reporters()
    assert "skhcn" not in now, "Sở KH&CN receives the reports as successor of the standing agency"
    assert {"stc", "snnmt", "sxd", "snv"} <= set(now)
    assert not {"skhdt", "sgtvt", "stnmt", "snnptnt", "sldtbxh"} & set(now)
    before = Organisation(rules, BEFORE).reporters()
    assert "skhcn" in before and "skhdt" in before and "snnmt" not in before


def test_new_agencies_carrying_inherited_tasks_join_the_members(rules: Rules, other: Rules) -> None:
    assert Organisation(rules, TODAY).members()[-2:] == ["snnmt", "nhnn_kv"]
    assert "snnmt" not in Organisation(rules, BEFORE).members()
    assert Organisation(other, dt.date(2025, 11, 1)).members()[-1:] == ["scd"]
    assert "scd" not in Organisation(other, dt.date(2025, 12, 1)).members(), "it holds the seat by then"


def test_the_text_says_what_it_is_on_the_day_asked(rules: Rules, other: Rules) -> None:
    now, before = Organisation(rules, TODAY).notices(), Organisation(rules, BEFORE).notices()
    assert any("dự thảo" in n for n in now) and any("dự thảo" in n for n in before)
    assert any("202/2025/QH15" in n for n in now) and not any("202/2025/QH15" in n for n in before)
    assert Organisation(other, dt.date(2025, 6, 1)).notices() == []
    assert any("chưa có hiệu lực" in n for n in Organisation(other, dt.date(2024, 6, 1)).notices())


def test_provisions_about_the_district_level_are_out_of_date_after_the_merger(rules: Rules) -> None:
    point = rules.by_id["art_5__para_5__point_dd"]
    assert [e.id for e in Organisation(rules, TODAY).outdated(point)] == ["province_merger_2025"]
    assert Organisation(rules, BEFORE).outdated(point) == []
    assert Organisation(rules, TODAY).outdated(rules.by_id["art_6__para_15__point_c"]) == []


def test_agency_events_are_reported_for_that_agency_only(rules: Rules) -> None:
    organisation = Organisation(rules, TODAY)
    assert any("khu vực" in n for n in organisation.agency_notices("cuc_thue"))
    assert organisation.agency_notices("syt") == []
    assert Organisation(rules, BEFORE).agency_notices("cuc_thue") == []


@pytest.mark.parametrize(
    "typed", ["Sở Tư pháp Bắc Giang", "Y tế dự phòng", "Sở Y tê bắc", "Sở Y tế Công an", "Giám đốc Sở Y tế Hà Nội"]
)
def test_a_name_with_words_of_no_declared_name_is_never_guessed(rules: Rules, typed: str) -> None:
    for form in (typed, unicodedata.normalize("NFD", typed)):
        resolution = name_index(rules).resolve(form, TODAY)
        assert resolution.status == "not_found", (form, resolution.targets)


@pytest.mark.parametrize(
    ("typed", "member"),
    [("Sở Y tế tỉnh Bắc Ninh", "syt"), ("SỞ Y TẾ", "syt"), ("so y te", "syt"), ("Sở Tư pháp", "stp"), ("Y tế", "syt")],
)
def test_names_with_only_generic_extra_words_resolve(rules: Rules, typed: str, member: str) -> None:
    resolution = name_index(rules).resolve(unicodedata.normalize("NFD", typed), TODAY)
    assert resolution.status == "found" and resolution.targets[0].id == member


def test_suggestions_after_a_merger_name_the_successor_first(rules: Rules) -> None:
    query = "Sở Tài nguyên Môi trường Bắc Giang"
    now = name_index(rules).resolve(query, TODAY)
    assert now.suggestions[0].id == "snnmt" and "stnmt" not in [t.id for t in now.suggestions]
    before = name_index(rules).resolve(query, BEFORE)
    assert before.suggestions[0].id == "stnmt"
    assert now.unknown_words == ["Bắc", "Giang"]


def test_the_2026_new_year_swap_is_recorded_with_its_source(rules: Rules) -> None:
    calendar = WorkCalendar(rules.model.calendar)
    off, worked = calendar.info(dt.date(2026, 1, 2)), calendar.info(dt.date(2026, 1, 10))
    assert not off.working and off.source == "override" and "12729/VPCP-KGVX" in (off.reference or "")
    assert worked.working and worked.source == "override"
    assert calendar.add_working_days(dt.date(2025, 12, 31), 1) == dt.date(2026, 1, 5)


def test_years_without_a_recorded_decision_are_provisional(rules: Rules, other: Rules) -> None:
    calendar = WorkCalendar(rules.model.calendar)
    assert calendar.provisional([dt.date(2026, 12, 24)]) == []
    [notice] = calendar.provisional([dt.date(2027, 3, 24), None, dt.date(2026, 3, 24)])
    assert "2027" in notice and "dự kiến" in notice
    assert calendar.special_days(2026).official and not calendar.special_days(2027).official
    assert WorkCalendar(other.model.calendar).provisional([dt.date(2025, 6, 20)]), "no official year recorded"


@pytest.mark.parametrize(
    ("day", "new_year", "lunar_day"),
    [
        (dt.date(2025, 1, 27), dt.date(2025, 1, 29), 28),  # tháng Chạp of Giáp Thìn has 29 days
        (dt.date(2025, 1, 28), dt.date(2025, 1, 29), 29),
        (dt.date(2024, 2, 8), dt.date(2024, 2, 10), 29),  # tháng Chạp of Quý Mão has 30 days
        (dt.date(2024, 2, 9), dt.date(2024, 2, 10), 30),
        (dt.date(2023, 1, 21), dt.date(2023, 1, 22), 30),
    ],
)
def test_lunar_days_before_tet(day: dt.date, new_year: dt.date, lunar_day: int) -> None:
    assert lunar_day_before_new_year(day, new_year) == lunar_day


def test_the_day_before_giao_thua_is_labelled_by_its_lunar_day(rules: Rules) -> None:
    calendar = WorkCalendar(Calendar())  # the library alone: the bundled file lists 2025 day by day
    assert calendar.info(dt.date(2025, 1, 27)).name == "28 tháng Chạp"
    assert WorkCalendar(rules.model.calendar).info(dt.date(2024, 2, 8)).name == "29 tháng Chạp"


@pytest.mark.parametrize(
    ("edit", "code"),
    [
        ("          points: [art_6__para_7__point_a]", "          points: [art_6__para_15__point_a]"),
        ("      exempt: [truong_ban, pho_truong_ban_thuong_truc, vpubnd, stttt]", "      exempt: [truong_ban, nobody]"),
        ("    agencies: [cuc_thue, bhxh, nhnn]", "    agencies: [cuc_thue, bhxh, nowhere]"),
    ],
    ids=["transfer of another agency's point", "unknown exempt member", "unknown event agency"],
)
def test_history_references_are_checked(edit: str, code: str) -> None:
    text = RULES_FILE.read_text(encoding="utf-8")
    assert edit in text
    source, problems = parse_text(text.replace(edit, code), "quyche.yaml")
    assert source is not None and not problems
    _rules, found = check_source(source)
    assert [p.code for p in found] in (["transfer-not-own"], ["unknown-ref"])
    assert found[0].line == text.splitlines().index(edit) + 1


def test_an_agency_that_ends_without_a_successor_leaves_nobody_to_report(other: Rules) -> None:
    text = (DATA / "other.yaml").read_text(encoding="utf-8")
    ended = text.replace(
        "    head: Giám đốc\n    aliases: [Sở KH&CN]\n",
        "    head: Giám đốc\n    valid_to: 2026-01-31\n",
    )
    assert ended != text
    source, problems = parse_text(ended, "other.yaml")
    assert source is not None and not problems
    rules, found = check_source(source)
    assert rules is not None and found == []
    organisation = Organisation(rules, TODAY)
    seat = organisation.seat("skhcn")
    assert seat.pending and seat.carrier is None and organisation.addressee("skhcn") is None
    assert organisation.reporters() == ["ttdl"]
    assert Organisation(rules, dt.date(2026, 1, 31)).reporters() == ["skhcn", "ttdl"]


def test_a_clause_with_nothing_under_it_is_itself_the_task(other: Rules, rules: Rules) -> None:
    organisation = Organisation(other, TODAY)
    assert [p.id for p in organisation.tasks(other.members["to_truong"])] == ["art_2__para_1"]
    assert [p.id for p in organisation.tasks(other.members["skhcn"])] == [
        "art_2__para_2__point_a",
        "art_2__para_2__point_b",
    ]
    assert len(Organisation(rules, TODAY).tasks(rules.members["syt"])) == 5
