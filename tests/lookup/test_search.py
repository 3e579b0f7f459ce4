"""`quyche search`: diacritic-insensitive phrases, exact-diacritic hits ranked first."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from typer.testing import Result

from quyche_cli.lookup.search import search
from quyche_cli.rules.index import Rules


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
    assert narrowed and {h["member"] for h in narrowed} == {"syt"}
    nothing = cli("search", "tàu vũ trụ")
    assert nothing.exit_code == 1 and "0 kết quả" in nothing.stdout


@pytest.mark.parametrize(("query", "other"), [("họp", "hợp"), ("hợp", "họp")])
def test_every_exact_hit_ranks_before_every_loose_hit(rules: Rules, query: str, other: str) -> None:
    """ "họp" (meet) and "hợp" (join, fit) fold alike: the regulation has both, so each query has both kinds."""
    hits = search(rules, query).hits
    exact = [h for h in hits if h.exact]
    loose = [h for h in hits if not h.exact]
    assert len(exact) >= 5 and len(loose) >= 5
    assert hits == exact + loose
    assert all(query in h.text.lower() for h in exact)
    assert all(query not in h.text.lower() and other in h.text.lower() for h in loose)
    order = {p.id: i for i, p in enumerate(rules.provisions)}
    for group in (exact, loose):
        assert [order[h.id] for h in group] == sorted(order[h.id] for h in group)  # document order within a kind
