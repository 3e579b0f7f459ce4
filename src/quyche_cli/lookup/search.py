"""Full-text search over the regulation: the letters typed without diacritics match any diacritics, those
typed with diacritics match only the same ones; exact matches first."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

from quyche_cli import text as vt
from quyche_cli.errors import InputError
from quyche_cli.rules.index import Rules
from quyche_cli.rules.organisation import Organisation

_WORD = re.compile(r"\w+")


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
    other_diacritics: int = 0  # provisions that match only when the typed diacritics are ignored

    def as_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "hits": [asdict(h) for h in self.hits],
            "other_diacritics": self.other_diacritics,
            "notices": self.notices,
        }


def _marks(letter: str) -> str:
    """The diacritics of one letter (``đ`` counts as one): empty for a bare letter."""
    combining = "".join(c for c in unicodedata.normalize("NFD", letter) if unicodedata.combining(c))
    return combining + ("đ" if letter == "đ" else "")


def _respects(typed: list[str], found: list[str]) -> bool:
    """Whether the words ``found`` carry every diacritic of the words ``typed`` (both ``canon``), letter by
    letter; a letter typed bare matches any diacritics."""
    if len(typed) != len(found):
        return True  # "KH&CN" folds to three words: nothing to compare letter by letter
    for want, got in zip(typed, found, strict=True):
        if len(want) == len(got) and any(_marks(w) and _marks(w) != _marks(g) for w, g in zip(want, got, strict=True)):
            return False
    return True


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


def _inherited(rules: Rules, organisation: Organisation, member: str) -> set[str]:
    """The ids of the provisions (and their parts) that ``member`` (a member or an agency id) carries on the
    day for dissolved agencies, as ``duties`` lists them under "Sắp xếp tổ chức"."""
    seat = rules.members.get(member)
    agency = rules.member_agency(seat) if seat else rules.agencies.get(member)
    if agency is None:
        return set()
    return {part.id for i in organisation.inherited(agency.id) for p in i.points for part in p.walk()}


def search(rules: Rules, query: str, member: str | None = None, as_of: dt.date | None = None) -> SearchResult:
    """Provisions containing ``query`` as a phrase of whole words. Letters typed with diacritics must carry
    the same diacritics ("họp" does not find "hợp"; "hop" finds both); provisions containing the phrase
    exactly as typed (ignoring case and tone-mark placement) come first, then document order. With
    ``as_of``, what that day changes (who carries a dissolved agency's provision, what no longer applies;
    ``member`` then also covers the provisions it inherited).
    InputError for a query with no letter or digit."""
    phrase = vt.fold(query)
    if not phrase:
        raise InputError(f"Cụm từ tìm kiếm '{query}' không có chữ hay số nào: hãy gõ ít nhất một từ.")
    organisation = Organisation(rules, as_of) if as_of else None
    typed = _WORD.findall(vt.canon(query))
    inherited = _inherited(rules, organisation, member) if member and organisation else set()
    hits, other = [], 0
    for provision in rules.provisions:
        text = provision.text or ""
        owner = rules.owner(provision)
        if member and (owner is None or owner.id != member) and provision.id not in inherited:
            continue
        found = [(span, _WORD.findall(vt.canon(text[span[0] : span[1]]))) for span in _spans(text, phrase)]
        kept = [(span, words) for span, words in found if _respects(typed, words)]
        other += bool(found) and not kept
        if kept:
            hits.append(
                Hit(
                    provision.id,
                    provision.citation,
                    text,
                    owner.id if owner else None,
                    any(words == typed for _, words in kept),
                    [span for span, _ in kept],
                    organisation.outdated_notes(provision) if organisation else [],
                    organisation.carried_note(provision) if organisation else None,
                )
            )
    notices = organisation.notices() if organisation else []
    return SearchResult(query, sorted(hits, key=lambda hit: not hit.exact), notices, other)
