"""What an agency id stands for on a day is worked out in one place (rules.organisation.agency_on): every answer
that names an agency (members, duties, comments' names, document headers, answers across committees) agrees
with it, on days before, between and after the renamings the registry records."""

from __future__ import annotations

import datetime as dt

import pytest

from quyche_cli.desk.front import Desk
from quyche_cli.documents.kinds import agency_issuing, symbol_of
from quyche_cli.lookup.duties import duties_of, roster
from quyche_cli.rules.locate import Choice
from quyche_cli.rules.names import Target
from quyche_cli.rules.opening import open_committees
from quyche_cli.rules.organisation import Organisation, agency_on
from quyche_cli.rules.workspace import Workspace
from support import DATA

WORKSPACE = DATA / "workspace"
# Before the 2025 reorganisation, between its two steps (Chi cục Thuế khu vực), and after (Thuế tỉnh).
DAYS = [dt.date(2025, 1, 10), dt.date(2025, 6, 1), dt.date(2026, 12, 7)]


def committees() -> list:  # type: ignore[type-arg]
    return open_committees(Choice(Workspace(WORKSPACE), None))


def test_the_tax_office_through_its_two_renamings() -> None:
    rules = next(c.rules for c in committees() if c.id == "quyche")
    before, between, after = (agency_on(rules, "cuc_thue", day) for day in DAYS)
    assert (before.name, before.formal_name, before.symbol) == ("Cục Thuế tỉnh", "Cục Thuế tỉnh Bắc Ninh", "CTBNI")
    assert (before.superior_body, before.head, before.kind) == ("TỔNG CỤC THUẾ", "Cục trưởng", "central")
    assert before.renaming is None and before.earlier_names == ()
    assert (between.name, between.superior_body, between.head) == ("Chi cục Thuế khu vực", "CỤC THUẾ", "Chi cục trưởng")
    assert between.since == dt.date(2025, 3, 1) and between.source is not None
    assert between.source.document == "Quyết định số 381/QĐ-BTC" and between.confirmed
    assert (after.name, after.formal_name, after.head) == ("Thuế tỉnh", "Thuế tỉnh Bắc Ninh", "Trưởng Thuế tỉnh")
    assert after.symbol is None  # the renaming records no symbol: documents leave it blank for the clerk
    assert after.earlier_names == ("Cục Thuế tỉnh", "Chi cục Thuế khu vực")
    assert all(f.exists and not f.ended for f in (before, between, after))


def test_an_agency_without_its_own_superior_body_takes_the_regulations() -> None:
    for each in committees():
        health = agency_on(each.rules, "syt", DAYS[-1])
        assert health.superior_body == each.rules.model.document.superior_body and health.kind == "provincial"
        assert health.source is None and not health.confirmed


def test_an_agency_merged_away_has_ended() -> None:
    rules = next(c.rules for c in committees() if c.id == "quyche")
    planning = agency_on(rules, "skhdt", DAYS[-1])
    assert planning.ended and not planning.exists
    assert agency_on(rules, "skhdt", DAYS[0]).exists


@pytest.mark.parametrize("day", DAYS)
def test_every_place_that_names_an_agency_agrees(day: dt.date) -> None:
    found = committees()
    desk = Desk(found, day, lambda zone: DAYS[-1], WORKSPACE)
    for each in found:
        rules, organisation = each.rules, Organisation(each.rules, day)
        for ident in rules.agencies:
            facts = agency_on(rules, ident, day)
            shown = organisation.agency(ident)
            assert (shown.name, shown.formal_name or shown.name) == (facts.name, facts.formal_name)
            if facts.symbol is not None:
                assert shown.abbreviation == facts.symbol
            assert shown.symbol_unconfirmed == (facts.symbol is None)
            assert organisation.facts(ident) == facts
            issued = agency_issuing(facts, None) if facts.head else None
            if issued is not None:
                assert (issued.issuer, issued.speaker, issued.superior) == (
                    facts.formal_name,
                    facts.name,
                    facts.superior_body or "",
                )
                assert issued.symbol == symbol_of(facts) == (facts.symbol or "……")
        for row in roster(rules, day).rows:
            member = rules.members.get(row["id"])
            if member is None or member.agency is None or row["seat"] == "pending":
                continue
            facts = agency_on(rules, organisation.seat(member.id).agency.id, day)  # type: ignore[union-attr]
            assert (row["agency"], row["abbreviation"]) == (facts.name, facts.symbol)
            info = duties_of(rules, Target("member", member.id), day).member
            assert (info.agency, info.abbreviation) == (facts.name, facts.symbol)
    seats = desk.members("cuc_thue").result
    assert seats.agency == agency_on(found[-1].rules, "cuc_thue", day).name
    assert {s.committee.id for s in seats.seats} == {"quyche"}
