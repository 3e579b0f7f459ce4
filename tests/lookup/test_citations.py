"""Citations as people write them: `quyche show` on every form, and a parser that refuses only with its own error."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import Result

from quyche_cli.errors import InputError
from quyche_cli.lookup.citations import find, parse_citation
from quyche_cli.rules.index import Rules


@settings(max_examples=300)
@given(st.text(max_size=60))
def test_citation_parser_raises_only_its_own_error(text: str) -> None:
    try:
        parse_citation(text)
    except InputError:
        pass


def test_every_citation_finds_its_provision(rules: Rules) -> None:
    for provision in rules.provisions:
        assert provision in find(rules, provision.citation.replace(" (lần 2)", "")), provision.citation
        assert find(rules, provision.id) == [provision]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Điều 10", ["Điều 10"]),
        ("khoản 2 Điều 5", ["khoản 2 Điều 5"]),
        ("điểm c khoản 15 Điều 6", ["điểm c khoản 15 Điều 6"]),
        ("Điều 6 khoản 15 điểm c", ["điểm c khoản 15 Điều 6"]),
        ("6.15.c", ["điểm c khoản 15 Điều 6"]),
        ("art_6__para_15__point_c", ["điểm c khoản 15 Điều 6"]),
        ("dieu 6, khoan 15, diem c", ["điểm c khoản 15 Điều 6"]),
        ("điểm đ khoản 2 Điều 5", ["điểm đ khoản 2 Điều 5"]),
        ("5.2.dd", ["điểm đ khoản 2 Điều 5"]),
        ("khoản 5 Điều 5", ["khoản 5 Điều 5", "khoản 5 (lần 2) Điều 5"]),
        ("đoạn 2 Điều 10", ["đoạn 2 Điều 10"]),
        ("Chương II", ["Chương II"]),
    ],
)
def test_show_every_citation_form(cli: Callable[..., Result], typed: str, expected: list[str]) -> None:
    result = cli("show", typed, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [p["ref"] for p in json.loads(result.stdout)["provisions"]] == expected


def test_show_prints_the_text_with_its_children(cli: Callable[..., Result]) -> None:
    result = cli("show", "khoản 5 Điều 5")
    assert "Dự thảo có 2 quy định" in result.stderr
    assert "── khoản 5 (lần 2) Điều 5 (art_5__para_5_2)" in result.stdout
    assert "  o) Thực hiện các nhiệm vụ khác" in result.stdout


def test_show_unknown_and_unreadable(cli: Callable[..., Result]) -> None:
    missing = cli("show", "điểm z khoản 15 Điều 6")
    assert missing.exit_code == 1 and "Quy chế không có" in missing.stderr
    garbage = cli("show", "hello world")
    assert garbage.exit_code == 2 and "Không đọc được trích dẫn" in garbage.stderr
