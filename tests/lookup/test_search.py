"""`quyche search`: diacritic-insensitive phrases, exact-diacritic hits ranked first."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from typer.testing import Result

from quyche_cli.lookup.search import search
from quyche_cli.rules.index import Rules
from support import DATA


def test_search_ignores_diacritics_and_ranks_exact_first(cli: Callable[..., Result]) -> None:
    loose = json.loads(cli("search", "thanh toan khong dung tien mat", "--format", "json").stdout)["hits"]
    assert [(h["ref"], h["member"]) for h in loose] == [
        ("điểm b khoản 2 Điều 6", "sct"),
        ("điểm a khoản 19 Điều 6", "nhnn"),
    ]
    hit = loose[0]
    start, end = hit["spans"][0]
    assert hit["text"][start:end] == "thanh toán không dùng tiền mặt"
    ranked = json.loads(cli("search", "Kỹ năng số", "--format", "json").stdout)["hits"]
    assert ranked[0]["exact"] and not ranked[-1]["exact"] or all(h["exact"] for h in ranked)


def test_search_exact_before_loose(rules: Rules) -> None:
    hits = search(rules, "Sở Tư pháp").hits
    assert hits and all(h.exact for h in hits)
    mixed = search(rules, "công thương").hits
    assert [h.exact for h in mixed] == sorted((h.exact for h in mixed), reverse=True)


def test_search_member_filter_and_no_hits(cli: Callable[..., Result]) -> None:
    narrowed = json.loads(cli("search", "dữ liệu", "--member", "Sở Y tế", "--format", "json").stdout)["hits"]
    assert narrowed and all(h["member"] == "syt" or h["carried_by"] == "Sở Y tế" for h in narrowed)
    before = cli("search", "dữ liệu", "--member", "Sở Y tế", "--as-of", "2024-10-01", "--format", "json").stdout
    assert {h["member"] for h in json.loads(before)["hits"]} == {"syt"}
    nothing = cli("search", "tàu vũ trụ")
    assert nothing.exit_code == 1 and "0 kết quả" in nothing.stdout


@pytest.mark.parametrize(("query", "other"), [("họp", "hợp"), ("hợp", "họp")])
def test_typed_diacritics_are_respected(rules: Rules, query: str, other: str) -> None:
    """ "họp" (meet) and "hợp" (join, fit) fold alike and the regulation has both: a query typed with its
    diacritics finds only its own word, the same query typed bare finds both."""
    result = search(rules, query)
    assert len(result.hits) >= 10 and all(h.exact for h in result.hits)
    for hit in result.hits:
        assert all(hit.text[start:end].lower() == query for start, end in hit.spans)
    bare = search(rules, "hop")
    assert {h.id for h in result.hits} < {h.id for h in bare.hits}
    assert result.other_diacritics == len({h.id for h in bare.hits} - {h.id for h in result.hits}) > 0
    assert any(other in h.text.lower() for h in bare.hits) and any(query in h.text.lower() for h in bare.hits)


def test_a_letter_typed_bare_matches_any_diacritics(rules: Rules) -> None:
    """Letter by letter: those typed with diacritics match only themselves, those typed bare match any."""
    spans = {h.text[a:b].lower() for h in search(rules, "hợp tac").hits for a, b in h.spans}
    assert spans == {"hợp tác"}
    assert not search(rules, "họp tac").hits and search(rules, "họp tac").other_diacritics > 0
    assert not search(rules, "hộp").hits and search(rules, "hộp").other_diacritics == len(search(rules, "hop").hits)


def test_exact_hits_rank_before_the_others(rules: Rules) -> None:
    """ "ban" typed bare finds "Ban Chỉ đạo" exactly and "văn bản" only without diacritics: every provision
    with the exact word comes before every other (this fails if the order is inverted), each kind in
    document order."""
    hits = search(rules, "ban").hits
    exact = [h for h in hits if h.exact]
    loose = [h for h in hits if not h.exact]
    assert len(exact) >= 5 and len(loose) >= 5
    assert hits == exact + loose
    assert all(any(h.text[a:b].lower() == "ban" for a, b in h.spans) for h in exact)
    assert all(all(h.text[a:b].lower() != "ban" for a, b in h.spans) for h in loose)
    order = {p.id: i for i, p in enumerate(rules.provisions)}
    for group in (exact, loose):
        assert [order[h.id] for h in group] == sorted(order[h.id] for h in group)


@pytest.mark.parametrize("query", ["", "   ", "…!?"])
def test_an_empty_query_is_refused(cli: Callable[..., Result], query: str) -> None:
    result = cli("search", query)
    assert result.exit_code == 2 and "không có chữ hay số nào" in result.stderr and not result.stdout


def test_snippet_full_paragraph_and_hint(cli: Callable[..., Result], rules: Rules) -> None:
    env = {"COLUMNS": "80"}
    query = "thanh toan khong dung tien mat"
    short = cli("search", query, env=env).stdout
    assert "…ngành Ngân hàng về chuyển đổi số nói chung và triển khai thanh toán không dùng" in short
    assert rules.by_id["art_6__para_19__point_a"].text not in " ".join(short.split())
    full = cli("search", query, "--full", env=env).stdout
    assert rules.by_id["art_6__para_19__point_a"].text in " ".join(full.split())
    for out in (short, full):
        assert all(len(line) <= 80 and line == line.rstrip() for line in out.splitlines())
    hint = cli("search", "họp", env=env).stdout.splitlines()[-1]
    assert hint.startswith("16 kết quả cho 'họp'; 45 quy định khác chỉ khớp khi bỏ dấu: quyche search 'hop'")


def test_the_match_is_highlighted_on_a_terminal_only(cli: Callable[..., Result]) -> None:
    query = "thanh toan khong dung tien mat"
    coloured = cli("search", query, env={"FORCE_COLOR": "1", "COLUMNS": "80"}).stdout
    assert "các giải pháp \x1b[1;7mthanh toán không dùng tiền mặt\x1b[0m trong" in coloured
    assert "\x1b[" not in cli("search", query, env={"COLUMNS": "80"}).stdout  # into a pipe or a file: plain


@pytest.mark.parametrize(
    ("member", "day", "refs"),
    [
        ("SCVDL", "2026-01-01", ["điểm b khoản 3 Điều 2"]),
        ("SKHCN", "2026-01-01", ["điểm a khoản 2 Điều 2", "điểm b khoản 2 Điều 2", "điểm a khoản 3 Điều 2"]),
        ("SKHCN", "2025-09-01", ["điểm a khoản 2 Điều 2", "điểm b khoản 2 Điều 2"]),
    ],
)
def test_search_member_covers_what_it_inherited_on_the_day(
    cli: Callable[..., Result], member: str, day: str, refs: list[str]
) -> None:
    """What ``duties`` lists under "Sắp xếp tổ chức" is searched with --member too, from the day it passed."""
    args = ("search", "dữ liệu", "--file", str(DATA / "other.yaml"), "--member", member, "--as-of", day)
    result = cli(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [h["ref"] for h in json.loads(result.stdout)["hits"]] == refs


def test_an_unconfirmed_source_is_named_once(cli: Callable[..., Result]) -> None:
    result = cli("search", "dữ liệu", "--file", str(DATA / "other.yaml"))
    assert "(nguồn cần xác nhận: văn bản giả định của bộ dữ liệu thử)" in result.stderr, result.stderr
    assert "nguồn: nguồn" not in result.stderr
