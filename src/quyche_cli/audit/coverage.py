"""Does a report address each of its member's points? By key phrases recorded on the point in the rules
file, or else by the point's most distinctive words (rare across the regulation)."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from functools import cache
from typing import Any

from quyche_cli import text as vt
from quyche_cli.rules.index import Provision, Rules
from quyche_cli.rules.model import Point
from quyche_cli.rules.organisation import Organisation

MIN_WORD = 3
DERIVED_WORDS = 3
COMMON_WORDS = frozenset(
    "cac cua cho voi trong tren theo nhung thuc hien trien khai tham muu de xuat nhiem vu giai phap "
    "dia ban tinh co quan don vi lien quan va la de duoc".split()
)


@cache
def _document_frequency(rules: Rules) -> tuple[Counter[str], int]:
    counts: Counter[str] = Counter()
    for provision in rules.provisions:
        counts.update(set(provision.folded.split()))
    return counts, len(rules.provisions)


def key_terms(rules: Rules, point: Provision) -> tuple[list[str], bool]:
    """(terms, explicit): the point's recorded key phrases, or its rarest content words."""
    node = point.node
    if isinstance(node, Point) and node.key_phrases:
        return list(node.key_phrases), True
    counts, total = _document_frequency(rules)
    words = {w for w in point.folded.split() if len(w) >= MIN_WORD and w not in COMMON_WORDS and not w.isdigit()}
    ranked = sorted(words, key=lambda w: (-math.log(total / counts[w]), w))
    return ranked[:DERIVED_WORDS], False


def _points_of(rules: Rules, unit: str, day: dt.date) -> list[Provision]:
    """The points a reporting unit carries on ``day``: its seat's own, and those it inherited."""
    organisation = Organisation(rules, day)
    member = rules.members.get(unit)
    agency = organisation.seat(unit).agency if member else rules.agencies.get(unit)
    points = organisation.tasks(member) if member else []
    points += [p for i in organisation.inherited(agency.id) for p in i.points] if agency else []
    texts = Counter(vt.canon(p.text or "") for p in rules.provisions if p.kind == "point")
    return [p for p in points if p.kind == "point" and texts[vt.canon(p.text or "")] < 3]


def coverage_of(rules: Rules, member_id: str, lines: list[str], day: dt.date) -> list[dict[str, Any]]:
    """For each own point of ``member_id``: whether the report text ``lines`` addresses it."""
    haystack = f" {vt.fold(' '.join(lines))} "
    found = []
    for point in _points_of(rules, member_id, day):
        terms, explicit = key_terms(rules, point)
        if explicit:
            addressed = any(f" {vt.fold(t)} " in haystack for t in terms)
        else:
            hits = sum(f" {t} " in haystack for t in terms)
            addressed = hits >= min(2, len(terms))
        found.append({"id": point.id, "ref": point.citation, "terms": terms, "addressed": addressed})
    return found
