"""Does a report address each of its member's points? By key phrases recorded on the point in the rules
file, or else by the point's opening words (when rare across the regulation) or its most distinctive words."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

from quyche_cli import text as vt
from quyche_cli.rules.index import Provision, Rules
from quyche_cli.rules.model import Point
from quyche_cli.rules.organisation import Organisation

MIN_WORD = 3
DERIVED_WORDS = 3
RARE_OPENING = 2  # the point's first two words count alone when at most this many provisions contain them
COMMON_WORDS = frozenset(
    "cac cua cho voi trong tren theo nhung thuc hien trien khai tham muu de xuat nhiem vu giai phap "
    "dia ban tinh co quan don vi lien quan va la de duoc".split()
)
_WORD = re.compile(r"[^\W_]+")
_CLAUSE = re.compile(r"[,;:.()]")


@cache
def _document_frequency(rules: Rules) -> tuple[Counter[str], int]:
    counts: Counter[str] = Counter()
    for provision in rules.provisions:
        counts.update(set(provision.folded.split()))
    return counts, len(rules.provisions)


@dataclass(frozen=True)
class Terms:
    """What shows that a report addresses a point, as written in the rules file: a recorded key phrase
    (``explicit``); else the point's ``opening`` words alone, or two of its rarest words."""

    phrases: list[str]
    explicit: bool
    opening: str | None = None
    words: frozenset[str] = frozenset()  # the rarest words, folded


def key_terms(rules: Rules, point: Provision) -> Terms:
    """The point's recorded key phrases, else its opening words (when rare) and its rarest content words."""
    node = point.node
    if isinstance(node, Point) and node.key_phrases:
        return Terms(list(node.key_phrases), True)
    counts, total = _document_frequency(rules)
    clauses = [_WORD.findall(clause) for clause in _CLAUSE.split(vt.clean(point.text or ""))]
    words = {vt.fold(w) for clause in clauses for w in clause}
    words = {w for w in words if len(w) >= MIN_WORD and w not in COMMON_WORDS and not w.isdigit()}
    rarest = frozenset(sorted(words, key=lambda w: (-math.log(total / counts[w]), w))[:DERIVED_WORDS])
    opening = " ".join(clauses[0][:2]) if len(clauses[0]) >= 2 else None
    if opening and sum(f" {vt.fold(opening)} " in p.folded for p in rules.provisions) > RARE_OPENING:
        opening = None
    shown = _runs(clauses, rarest - set(vt.words(opening or "")))
    return Terms([opening, *shown] if opening else shown, False, opening, rarest)


def _runs(clauses: list[list[str]], chosen: frozenset[str]) -> list[str]:
    """The ``chosen`` words as the point writes them, neighbours joined ("bồi dưỡng"), each word once."""
    runs: list[str] = []
    seen: set[str] = set()
    for clause in clauses:
        run: list[str] = []
        for word in [*clause, ""]:
            if vt.fold(word) in chosen - seen:
                run.append(word)
            elif run:
                runs.append(" ".join(run))
                seen |= {vt.fold(w) for w in run}
                run = []
    return runs


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
        terms = key_terms(rules, point)
        if terms.explicit:
            addressed = any(f" {vt.fold(t)} " in haystack for t in terms.phrases)
        else:
            hits = sum(f" {w} " in haystack for w in terms.words)
            opened = terms.opening is not None and f" {vt.fold(terms.opening)} " in haystack
            addressed = opened or hits >= min(2, len(terms.words))
        found.append({"id": point.id, "ref": point.citation, "terms": terms.phrases, "addressed": addressed})
    return found
