"""The issue's "done when", with the installed command (``python -m quyche_cli``, as a user runs it): a new user
runs ``quyche init``, copies a second regulation of the same province into the folder, and gets one answer
per agency across both committees, on the reference day and with ``--as-of``; the bundled file alone answers
exactly as ``--file quyche.yaml`` does."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from quyche_cli.rules.locate import bundled_path
from support import DATA, run_installed

FOOD = DATA / "workspace" / "an-toan-thuc-pham.yaml"
COMMITTEES = ["an-toan-thuc-pham", "quyche"]
AS_OF = "2025-06-01"  # after the 2025-03-01 renamings, before the 2025-07-01 ones and the food committee's start


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The user's environment: no rules file or workspace named, a cache of the test's own."""
    made = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    for name in ("QUYCHE_FILE", "QUYCHE_WORKSPACE", "GITHUB_ACTIONS"):
        made.pop(name, None)
    return made


def answer(*args: str, cwd: Path, env: dict[str, str], code: int = 0) -> Any:
    """The JSON the installed command prints for ``args`` (run in ``cwd``), after checking its exit code."""
    done = run_installed(*args, "--format", "json", cwd=cwd, env=env)
    assert done.returncode == code, done.stderr
    return json.loads(done.stdout)


def quarter(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


@pytest.mark.parametrize("as_of", [None, AS_OF], ids=["reference-day", "as-of"])
def test_one_answer_per_agency_across_both_committees(tmp_path: Path, env: dict[str, str], as_of: str | None) -> None:
    made = run_installed("init", "tinh", cwd=tmp_path, env=env)
    assert made.returncode == 0, made.stderr
    folder = tmp_path / "tinh"
    shutil.copy(FOOD, folder / FOOD.name)
    assert run_installed("validate", cwd=folder, env=env).returncode == 0
    day = dt.date.fromisoformat(as_of or os.environ["QUYCHE_TODAY"])
    dated = ["--as-of", as_of] if as_of else []

    duties = answer("duties", "Sở Y tế", *dated, cwd=folder, env=env)
    assert duties["as_of"] == day.isoformat()
    assert [c["committee"]["id"] for c in duties["committees"]] == COMMITTEES
    food = duties["committees"][0]
    assert food["member"]["role"] == "standing_deputy_head"
    assert any("chưa có hiệu lực" in n for n in food["notices"]) == (day < dt.date(2025, 10, 1))
    # The tax office under its name of the day (renamed 01/03/2025 and 01/07/2025).
    tax = answer("duties", "Cục Thuế", *dated, cwd=folder, env=env)
    assert [c["committee"]["id"] for c in tax["committees"]] == ["quyche"]
    assert tax["committees"][0]["member"]["agency"] == ("Chi cục Thuế khu vực" if as_of else "Thuế tỉnh")

    seats = answer("members", "--agency", "Sở Tài chính", *dated, cwd=folder, env=env)
    assert seats["as_of"] == day.isoformat() and seats["agency"] == "Sở Tài chính"
    assert [(s["committee"]["id"], s["carried"]) for s in seats["seats"]] == [
        ("an-toan-thuc-pham", False),
        ("quyche", True),  # the seat of Sở Kế hoạch và Đầu tư, merged into it, waits for a decision
        ("quyche", False),
    ]

    upcoming = answer("deadlines", "--upcoming", "6", *dated, cwd=folder, env=env)
    dates = [row["date"] for row in upcoming["upcoming"]]
    assert upcoming["as_of"] == day.isoformat() and dates == sorted(dates) and dates[0] >= day.isoformat()
    assert {row["committee"]["id"] for row in upcoming["upcoming"]} == set(COMMITTEES)

    for committee in COMMITTEES:
        shown = answer("show", "Điều 1", "--committee", committee, *dated, cwd=folder, env=env)
        alone = answer("show", "Điều 1", "--file", str(folder / f"{committee}.yaml"), *dated, cwd=folder, env=env)
        assert shown == alone and len(shown["provisions"]) == 1
        out = tmp_path / f"{committee}.docx"
        period = quarter(day)
        render = ("render", "bao-cao", "--member", "Công an tỉnh", "--period", period, "--committee", committee)
        done = run_installed(*render, "--out", str(out), cwd=folder, env=env)
        assert done.returncode == 0, done.stderr
        text = "\n".join(p.text for p in Document(str(out)).paragraphs)
        subject = "an toàn thực phẩm" if committee == "an-toan-thuc-pham" else "chuyển đổi số"
        assert f"Kết quả thực hiện nhiệm vụ {subject} quý" in text and "Công an tỉnh báo" in text
    refused = run_installed("show", "Điều 1", cwd=folder, env=env)
    assert refused.returncode == 2 and "--committee" in refused.stderr


@pytest.mark.parametrize("as_of", [None, AS_OF], ids=["reference-day", "as-of"])
def test_the_bundled_file_alone_answers_as_before(tmp_path: Path, env: dict[str, str], as_of: str | None) -> None:
    dated = ["--as-of", as_of] if as_of else []
    bundled = str(bundled_path())
    for question in (
        ["duties", "Sở Y tế"],
        ["members"],
        ["members", "--agency", "Sở Tài chính"],
        ["deadlines", "--upcoming", "6"],
        ["show", "khoản 15 Điều 6"],
        ["search", "dữ liệu"],
    ):
        alone = answer(*question, *dated, cwd=tmp_path, env=env)
        chosen = answer(*question, *dated, "--file", bundled, cwd=tmp_path, env=env)
        assert alone == chosen, question
        assert "committees" not in alone
    lint = answer("lint", cwd=tmp_path, env=env)
    assert lint == answer("lint", "--file", bundled, cwd=tmp_path, env=env) and "committees" not in lint
