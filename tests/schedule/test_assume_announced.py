"""`--assume-announced`: a day announced but not enacted (24/11/2026, Ngày Văn hóa Việt Nam) is a working day
unless the user asks; asked, every command that computes a deadline counts it as a day off and says so.

The bundled file records the day; a commune's monthly report due "trước ngày 25" (the 24th) makes it move a
deadline: 24/11/2026 → 25/11/2026."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from typer.testing import Result

from support import DATA, RULES_FILE

ASSUMED = "24/11/2026 Ngày Văn hóa Việt Nam: tính là ngày nghỉ theo giả định (--assume-announced"
WORKSPACE = DATA / "workspace" / "quyche.yaml"


@pytest.fixture
def commune(tmp_path: Path) -> Path:
    """tests/data/commune.yaml with its report due before the 25th and the announced day of the bundled file."""
    culture = next(line for line in RULES_FILE.read_text(encoding="utf-8").splitlines() if "2026-11-24" in line)
    text = (DATA / "commune.yaml").read_text(encoding="utf-8")
    text = text.replace("wording: trước ngày 20 hằng tháng", "wording: trước ngày 25 hằng tháng")
    text = text.replace("            day: 20\n", "            day: 25\n", 1)
    text = text.replace("reporting:\n", f"calendar:\n  overrides:\n{culture}\nreporting:\n", 1)
    path = tmp_path / "xa.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def as_json(result: Result) -> Any:
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("path", [RULES_FILE, WORKSPACE], ids=["quyche", "workspace"])
def test_the_calendar_counts_the_day_only_when_asked(cli: Callable[..., Result], path: Path) -> None:
    plain = as_json(cli("calendar", "2026", "--file", str(path), "--format", "json"))
    assert "2026-11-24" not in {d["date"] for d in plain["days"]}
    assert any("dùng --assume-announced" in n for n in plain["notices"])
    assumed = as_json(cli("calendar", "2026", "--file", str(path), "--format", "json", "--assume-announced"))
    day = {d["date"]: d for d in assumed["days"]}["2026-11-24"]
    assert not day["working"] and "giả định" in day["name"] and "80-NQ/TW" in day["reference"]
    assert any(n.startswith(ASSUMED) for n in assumed["notices"])
    text = cli("calendar", "2026", "--file", str(path), "--assume-announced").stdout
    assert "24/11/2026" in text and "giả định" in text


def test_every_command_that_computes_the_deadline_moves_it_and_says_so(
    cli: Callable[..., Result], commune: Path, tmp_path: Path
) -> None:
    file = ("--file", str(commune))

    def due(*extra: str) -> tuple[str, str]:
        result = cli("deadlines", *file, "--period", "2026-11", "--format", "json", *extra)
        [report] = [o for o in as_json(result)["obligations"] if o["step"] == "member_report"]
        return report["date"], " ".join(as_json(result)["notices"])

    date, notices = due()
    assert date == "2026-11-24" and "giả định" not in notices
    date, notices = due("--assume-announced")
    assert date == "2026-11-25" and ASSUMED in notices

    duties = cli("duties", "Tổ phó", *file, "--as-of", "2026-11-10", "--format", "json", "--assume-announced")
    assert [r["next_deadline"] for r in as_json(duties)["reporting"]] == ["2026-11-25"]
    assert any(n.startswith(ASSUMED) for n in as_json(duties)["notices"])

    folder = tmp_path / "nhan"
    folder.mkdir()
    args = ("check-reports", str(folder), *file, "--period", "2026-11", "--as-of", "2026-11-30", "--format", "json")
    assert as_json(cli(*args))["deadline"]["last_day"] == "2026-11-24"
    assumed = as_json(cli(*args, "--assume-announced"))
    assert assumed["deadline"]["last_day"] == "2026-11-25" and any(n.startswith(ASSUMED) for n in assumed["notices"])

    out = tmp_path / "bao-cao.docx"
    report = cli(
        "render", "bao-cao", *file, "--member", "Tổ phó", "--period", "2026-11", "--out", str(out), "--assume-announced"
    )
    assert report.exit_code == 0, report.stderr
    assert f"Lưu ý: {ASSUMED}" in report.stderr
    header = "\n".join(p.text for cell in Document(str(out)).tables[0].rows[0].cells for p in cell.paragraphs)
    assert "ngày 25 tháng 11 năm 2026" in header, "dated on the deadline, read with the assumption"

    site = cli("site", *file, "--out", str(tmp_path / "site"), "--as-of", "2026-11-10", "--assume-announced")
    assert site.exit_code == 0, site.stderr
    assert f"Lưu ý: {ASSUMED}" in site.stderr
