"""Full-text search over the regulation, diacritic-insensitive, exact-diacritic hits first."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from quyche_cli import text as vt
from quyche_cli.rules.index import Rules
from quyche_cli.rules.organisation import Organisation


@dataclass
class Hit:
    id: str
    ref: str
    text: str
    member: str | None
    exact: bool
    spans: list[tuple[int, int]] = field(default_factory=list)
    outdated: list[str] = field(default_factory=list)
    carried_by: str | None = None


@dataclass
class SearchResult:
    query: str
    hits: list[Hit]
    notices: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"query": self.query, "hits": [asdict(h) for h in self.hits], "notices": self.notices}


def _spans(text: str, phrase: str) -> list[tuple[int, int]]:
    """Where the folded ``phrase`` occurs in ``text`` as whole words, as (start, end) in ``text``."""
    folded, origin = vt.fold_with_origin(text)
    spans, start = [], folded.find(phrase)
    while start != -1:
        end = start + len(phrase)
        if (start == 0 or folded[start - 1] == " ") and (end == len(folded) or folded[end] == " "):
            spans.append((origin[start], origin[end - 1] + 1))
        start = folded.find(phrase, start + 1)
    return spans


def search(rules: Rules, query: str, member: str | None = None, as_of: dt.date | None = None) -> SearchResult:
    """Provisions containing ``query`` (as a phrase, whole words), exact-diacritic matches first; with
    ``as_of``, what that day changes (who carries a dissolved agency's provision, what no longer applies)."""
    organisation = Organisation(rules, as_of) if as_of else None
    notices = organisation.notices() if organisation else []
    phrase, exact_key = vt.fold(query), vt.canon(query)
    if not phrase:
        return SearchResult(query, [], notices)
    hits = []
    for provision in rules.provisions:
        text = provision.text or ""
        owner = rules.owner(provision)
        if member and (owner is None or owner.id != member):
            continue
        spans = _spans(text, phrase)
        if spans:
            hits.append(
                Hit(
                    provision.id,
                    provision.citation,
                    text,
                    owner.id if owner else None,
                    exact_key in vt.canon(text),
                    spans,
                    organisation.outdated_notes(provision) if organisation else [],
                    organisation.carried_note(provision) if organisation else None,
                )
            )
    return SearchResult(query, sorted(hits, key=lambda hit: not hit.exact), notices)
