"""Tasks that moved between agencies (a handover by an agency that goes on, a part transferred in a merger):
`duties` of the giver says who does each moved task now, since when and on what source; `duties` of the
receiver lists what it received. What is expected is read from each rules file's own records."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from quyche_cli.rules.model import Agency, Handover, Transfer
from quyche_cli.rules.opening import open_rules as load_rules
from support import DATA, RULES_FILE

FILES = [RULES_FILE, *(DATA / f"{name}.yaml" for name in ("other", "national", "commune", "workspace/quyche"))]
DAY = dt.date(2026, 12, 8)


def moves(path: Path) -> list[tuple[Agency, Transfer]]:
    """Every recorded move of named provisions, with the agency it comes from."""
    rules = load_rules(path)
    found: list[tuple[Agency, Transfer]] = []
    for agency in rules.model.agencies:
        found += [(agency, h) for h in agency.handovers if h.points]
        found += [(agency, t) for t in (agency.successor.transfers if agency.successor else []) if t.points]
    return found


def duties(cli: Callable[..., Result], path: Path, name: str) -> dict:  # type: ignore[type-arg]
    result = cli("duties", name, "--file", str(path), "--as-of", f"{DAY}", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_moved_task_is_told_by_the_giver_and_listed_by_the_receiver(cli: Callable[..., Result], path: Path) -> None:
    rules = load_rules(path)
    for giver, move in moves(path):
        receiver = rules.agencies[move.agency]
        taken = duties(cli, path, receiver.name)
        received = {d["id"]: d for entry in taken["succession"]["inherited"] for d in entry["duties"]}
        entry = next(e for e in taken["succession"]["inherited"] if e["from_id"] == giver.id)
        assert entry["kind"] == ("handover" if isinstance(move, Handover) else "succession")
        for point in move.points:
            assert point in received, (receiver.id, point)
            if move.partial:  # the receiver is told it carries only its part
                assert any(f"{receiver.name} thực hiện phần {move.scope}" in note for note in received[point]["moves"])
        if not isinstance(move, Handover):
            continue  # the giver ended: its own answer is history, told by `duties` of a dissolved agency
        given = {d["id"]: d for d in duties(cli, path, giver.name)["duties"]}
        for point in move.points:
            notes = " ".join(given[point]["moves"])
            assert receiver.name in notes and f"từ {move.date:%d/%m/%Y}" in notes, notes
            assert move.source.label.split(" (")[0] in notes, notes
            assert ("phần " in notes) == move.partial


def test_the_justice_department_and_the_police_on_the_bundled_file(cli: Callable[..., Result]) -> None:
    """Lý lịch tư pháp (6.12.a) went to Công an on 01/03/2025; the driving-licence part of 6.3.b too."""
    text = " ".join(cli("duties", "Sở Tư pháp", "--as-of", f"{DAY}").stdout.split())
    assert "điểm a khoản 12 Điều 6 — nay do Công an tỉnh thực hiện (từ 01/03/2025, nguồn: Nghị định số" in text
    police = " ".join(cli("duties", "Công an tỉnh", "--as-of", f"{DAY}").stdout.split())
    assert "Nhận chuyển giao từ Sở Tư pháp" in police and "điểm a khoản 12 Điều 6: Tham mưu đẩy mạnh" in police
    assert "Công an tỉnh thực hiện phần sát hạch, cấp giấy phép" in police
    before = cli("duties", "Sở Tư pháp", "--as-of", "2025-02-28").stdout
    assert "nay do Công an tỉnh" not in before
