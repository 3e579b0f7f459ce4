"""Citations as people write them: `quyche show` on every form, and a parser that refuses only with its own error."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import Result

from quyche_cli.errors import InputError
from quyche_cli.lookup.citations import find, parse_citations
from quyche_cli.rules.index import Rules


@settings(max_examples=300)
@given(st.text(max_size=60))
def test_citation_parser_raises_only_its_own_error(text: str) -> None:
    try:
        parse_citations(text)
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
        ("điểm a, điểm b khoản 19 Điều 6", ["điểm a khoản 19 Điều 6", "điểm b khoản 19 Điều 6"]),
        ("các điểm a, b và c khoản 15 Điều 6", [f"điểm {p} khoản 15 Điều 6" for p in "abc"]),
        ("từ điểm a đến điểm c khoản 15 Điều 6", [f"điểm {p} khoản 15 Điều 6" for p in "abc"]),
        ("khoản 2 và khoản 3 Điều 5", ["khoản 2 Điều 5", "khoản 3 Điều 5"]),
        ("khoản 2, 3 Điều 5", ["khoản 2 Điều 5", "khoản 3 Điều 5"]),
        ("Điều 5 khoản 2 và khoản 3", ["khoản 2 Điều 5", "khoản 3 Điều 5"]),
        ("khoản 2 Điều 5 và Điều 10", ["khoản 2 Điều 5", "Điều 10"]),
        ("điểm a khoản 15 và khoản 19 Điều 6", ["điểm a khoản 15 Điều 6", "khoản 19 Điều 6"]),
        ("Điều 5 và khoản 2 Điều 6", ["Điều 5", "khoản 2 Điều 6"]),
    ],
)
def test_show_every_citation_form(cli: Callable[..., Result], typed: str, expected: list[str]) -> None:
    result = cli("show", typed, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [p["ref"] for p in json.loads(result.stdout)["provisions"]] == expected


def test_a_list_says_which_of_its_citations_name_nothing(cli: Callable[..., Result]) -> None:
    result = cli("show", "điểm a, điểm z khoản 19 Điều 6", "--format", "json")
    data = json.loads(result.stdout)
    assert [p["ref"] for p in data["provisions"]] == ["điểm a khoản 19 Điều 6"]
    assert "Quy chế không có 'điểm z khoản 19 Điều 6'." in data["notices"]


@pytest.mark.parametrize("typed", ["điểm a đến", "từ điểm c đến điểm a khoản 1 Điều 2", "khoản 2 và", "Điều"])
def test_unreadable_lists_are_refused(typed: str) -> None:
    with pytest.raises(InputError):
        parse_citations(typed)


def test_show_prints_the_text_with_its_children(cli: Callable[..., Result]) -> None:
    result = cli("show", "khoản 5 Điều 5")
    assert "Lưu ý: Dự thảo có 2 quy định cùng số 'khoản 5 Điều 5'; in tất cả." in result.stderr
    assert "── khoản 5 (lần 2) Điều 5 (art_5__para_5_2)" in result.stdout
    assert "  o) Thực hiện các nhiệm vụ khác" in result.stdout


def test_show_unknown_and_unreadable(cli: Callable[..., Result]) -> None:
    missing = cli("show", "điểm z khoản 15 Điều 6")
    assert missing.exit_code == 1 and "Quy chế không có" in missing.stderr
    garbage = cli("show", "hello world")
    assert garbage.exit_code == 2 and "Không đọc được trích dẫn" in garbage.stderr
