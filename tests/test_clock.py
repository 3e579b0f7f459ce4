"""One definition of "today": QUYCHE_TODAY fixes it for a run, else the day in Vietnam, never the machine's day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from typer.testing import Result

from quyche_cli import clock
from quyche_cli.errors import InputError


def test_the_fixed_day_is_used_by_every_command(cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUYCHE_TODAY", "2025-05-02")
    assert clock.today() == dt.date(2025, 5, 2)
    result = cli("duties", "Sở Y tế", "--format", "json")
    assert '"as_of": "2025-05-02"' in result.stdout


def test_without_it_today_is_the_day_in_vietnam(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QUYCHE_TODAY")
    from zoneinfo import ZoneInfo

    before = dt.datetime.now(ZoneInfo(clock.TIMEZONE)).date()
    assert clock.today() in {before, before + dt.timedelta(days=1)}
    assert clock.today("UTC") in {before - dt.timedelta(days=1), before, before + dt.timedelta(days=1)}


def test_a_bad_value_is_an_input_error_naming_the_variable(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUYCHE_TODAY", "07/12/2026")
    with pytest.raises(InputError, match="QUYCHE_TODAY"):
        clock.today()
    result = cli("duties", "Sở Y tế")
    assert result.exit_code == 2
    assert "QUYCHE_TODAY" in result.stderr and "Traceback" not in result.output
