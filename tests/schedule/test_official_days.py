"""The working calendar's facts: an official year counts only days a decision made official, each with its
source; a day announced but not enacted is not counted unless the rules file says to assume it; a weekly rest
day is not a holiday; a deadline that can be read two ways shows the other reading's date."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from typer.testing import Result

from quyche_cli.rules.validation import load_rules
from quyche_cli.schedule.workcalendar import WorkCalendar
from support import RULES_FILE


def year(cli: Callable[..., Result], number: int, *extra: str) -> dict[str, Any]:
    result = cli("calendar", str(number), "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_an_official_year_lists_only_decided_days_each_with_its_source(cli: Callable[..., Result]) -> None:
    data = year(cli, 2026)
    assert data["official"] and data["days"]
    assert all(d["source"] == "override" and d["reference"] for d in data["days"]), "every day has its source"
    days = {d["date"]: d for d in data["days"]}
    assert "2026-11-24" not in days, "announced, not enacted"
    assert days["2026-08-22"]["working"] and days["2026-08-22"]["reference"].startswith("nguồn cần xác nhận")
    assert "12729/VPCP-KGVX" in days["2026-01-02"]["reference"]
    assert any(n.startswith("24/11/2026 Ngày Văn hóa Việt Nam: đã công bố") for n in data["notices"])
    earlier = year(cli, 2025)
    assert "8726/VPCP-KGVX" in {d["date"]: d for d in earlier["days"]}["2025-01-29"]["reference"]
    assert "2025-02-01" not in {d["date"] for d in earlier["days"]}, "a Saturday, not one of the five days of Tết"
    assert any(n.startswith("01/02/2025: Thứ Bảy mùng 4 Tết") for n in earlier["notices"])


def test_an_announced_day_counts_only_when_assumed(tmp_path: Path) -> None:
    culture = dt.date(2026, 11, 24)
    assert WorkCalendar(load_rules(RULES_FILE).model.calendar).is_working_day(culture)
    text = RULES_FILE.read_text(encoding="utf-8").replace(
        "  country: VN\n", "  country: VN\n  assume_announced: true\n"
    )
    assumed = tmp_path / "assumed.yaml"
    assumed.write_text(text, encoding="utf-8")
    calendar = WorkCalendar(load_rules(assumed).model.calendar)
    assert not calendar.is_working_day(culture) and "giả định" in (calendar.info(culture).name or "")


def test_a_deadline_read_literally_shows_the_other_reading(cli: Callable[..., Result]) -> None:
    result = cli("deadlines", "--period", "2026-Q4", "--format", "json")
    [member] = [o for o in json.loads(result.stdout)["obligations"] if o["step"] == "member_report"]
    assert member["date"] == "2026-12-24"
    assert "Cách đọc khác: nếu tính cả ngày 25" in member["rule"] and "Thứ Sáu 25/12/2026" in member["rule"]
