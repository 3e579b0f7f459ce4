"""Derived ids are stable and unique; lint finds the draft's defects and honours accepted findings."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from quyche_cli.rules.index import Rules
from quyche_cli.rules.validation import load_rules
from support import DATA, RULES_FILE, write_rules

REAL = RULES_FILE.read_text(encoding="utf-8")


def test_ids_are_unique_and_akoma_ntoso_style(rules: Rules) -> None:
    ids = [p.id for p in rules.provisions]
    assert len(ids) == len(set(ids))
    assert "art_6__para_15__point_c" in rules.by_id
    assert rules.by_id["art_10__subpara_6"].text.startswith("Chậm nhất 05 ngày")  # type: ignore[union-attr]


def test_point_dd_never_collides_with_d(rules: Rules) -> None:
    d, dd = rules.by_id["art_5__para_5__point_d"], rules.by_id["art_5__para_5__point_dd"]
    assert (d.num, dd.num) == ("d", "đ")
    assert dd.citation == "điểm đ khoản 5 Điều 5"


def test_repeated_clause_numbers_get_distinct_ids(rules: Rules) -> None:
    first, second = rules.by_id["art_5__para_5"], rules.by_id["art_5__para_5_2"]
    assert first.text.startswith("Giám đốc Sở Thông tin")  # type: ignore[union-attr]
    assert second.text.startswith("Giám đốc Công an tỉnh")  # type: ignore[union-attr]
    assert second.citation == "khoản 5 (lần 2) Điều 5"


def test_every_member_has_its_clause_and_the_21_agencies_of_article_6(rules: Rules) -> None:
    article_6 = [m for m in rules.model.members if m.duties.startswith("art_6__") and m.agency]
    assert len(article_6) == 21
    assert {m.role for m in rules.model.members} == {
        "head",
        "standing_deputy_head",
        "deputy_head",
        "member",
        "other_members",
        "working_group",
    }
    assert rules.owner(rules.by_id["art_6__para_15__point_c"]).id == "syt"  # type: ignore[union-attr]


@pytest.mark.parametrize("path", [RULES_FILE, DATA / "other.yaml"], ids=["bundled", "other"])
def test_the_first_recorded_date_is_the_earliest_date_of_the_file(path: Path) -> None:
    """Read from the model's fields (a dump would build the serialisers at every start): the earliest date
    anywhere in the file's data outside the text, where it is."""

    def dates(value: object, where: str) -> list[tuple[dt.date, str]]:
        if isinstance(value, dt.date):
            return [(value, where)]
        if isinstance(value, dict):
            return [d for key, item in value.items() for d in dates(item, f"{where}.{key}" if where else key)]
        if isinstance(value, list):
            return [d for index, item in enumerate(value) for d in dates(item, f"{where}[{index}]")]
        return []

    rules = load_rules(path)
    assert rules.first_recorded == min(dates(rules.model.model_dump(exclude={"chapters", "shared_texts"}), ""))


def test_lint_finds_the_drafts_defects(cli: Callable[..., Result]) -> None:
    result = cli("lint", "--format", "json")
    assert result.exit_code == 0
    found = {(f["code"], f["ref"]) for f in json.loads(result.stdout)["findings"]}
    assert found == {
        ("numbering-gap", "khoản 2 Điều 5"),
        ("numbering-gap", "khoản 5 Điều 5"),
        ("numbering-repeat", "khoản 5 (lần 2) Điều 5"),
        ("numbering-gap", "khoản 2 Điều 7"),
        ("point-gap", "điểm e khoản 3 Điều 6"),
        ("point-gap", "điểm e khoản 12 Điều 6"),
        ("duplicate-text", "đoạn 5 Điều 10"),
    }


def test_lint_strict_fails_until_findings_are_accepted(cli: Callable[..., Result], tmp_path: Path) -> None:
    assert cli("lint", "--strict").exit_code == 1
    accepted = "\n".join(
        f"    - {{code: {code}, ref: {ref}, reason: Bản dự thảo giữ nguyên như được gửi.}}"
        for code, ref in [
            ("numbering-gap", "art_5__para_2"),
            ("numbering-gap", "art_5__para_5"),
            ("numbering-repeat", "art_5__para_5_2"),
            ("numbering-gap", "art_7__para_2"),
            ("point-gap", "art_6__para_3__point_e"),
            ("point-gap", "art_6__para_12__point_e"),
        ]
    )
    partly = write_rules(tmp_path, REAL.replace("lint:\n  accepted: []", "lint:\n  accepted:\n" + accepted))
    result = cli("lint", "--strict", "--file", str(partly))
    assert result.exit_code == 1 and "6 đã được chấp nhận" in result.stdout
    assert "[đã chấp nhận: Bản dự thảo giữ nguyên như được gửi.]" in result.stdout
    everything = accepted + "\n    - {code: duplicate-text, ref: art_10__subpara_5, reason: Chờ Sở Nội vụ sửa.}"
    full = write_rules(tmp_path, REAL.replace("lint:\n  accepted: []", "lint:\n  accepted:\n" + everything))
    assert cli("lint", "--strict", "--file", str(full)).exit_code == 0


def test_lint_finds_partner_lead_and_article_defects(cli: Callable[..., Result], tmp_path: Path) -> None:
    text = REAL.replace("        partners: [cat, snv]\n", "        partners: [cat]\n")
    text = text.replace(
        "      - text: Theo nhiệm vụ được phân công", "      - text: Theo Điều 15, theo nhiệm vụ được phân công"
    )
    text = text.replace("Triển khai ứng dụng VssID", "Chủ trì triển khai ứng dụng VssID")
    result = cli("lint", "--format", "json", "--file", str(write_rules(tmp_path, text)))
    found = {(f["code"], f["ref"]) for f in json.loads(result.stdout)["findings"]}
    assert ("partner-missing", "điểm k khoản 5 Điều 5") in found
    assert ("unknown-article", "đoạn 1 khoản 1 Điều 12") in found
    assert ("lead-missing", "điểm a khoản 18 Điều 6") in found
