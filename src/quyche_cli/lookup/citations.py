"""Reading a citation as people write it: "điểm c khoản 15 Điều 6", "Điều 6 khoản 15 điểm c", "6.15.c",
"khoản 2 Điều 5", "đoạn 2 Điều 10", "Chương II", or an id. Point letters keep their diacritics (đ ≠ d)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from quyche_cli import text as vt
from quyche_cli.errors import InputError, NotFoundError
from quyche_cli.rules.index import Provision, Rules, roman_to_int
from quyche_cli.rules.organisation import Organisation

_KEYWORDS = {"dieu": "article", "khoan": "clause", "diem": "point", "doan": "paragraph", "chuong": "chapter"}
_DOTTED = re.compile(r"^([0-9]+)(?:\.([0-9]+))?(?:\.([a-zđ]|dd))?\.?$")
_ID = re.compile(r"^(?:chp|art)_[a-z0-9_]+$")


@dataclass(frozen=True)
class Citation:
    article: int | None = None
    clause: int | None = None
    point: str | None = None
    paragraph: int | None = None
    chapter: int | None = None


def _letter(value: str) -> str:
    return "đ" if value in ("đ", "dd") else value


def parse_citation(typed: str) -> Citation:
    """Parse a citation; InputError when it is not one."""
    text = vt.canon(typed).replace(",", " ").strip()
    dotted = _DOTTED.match(text)
    if dotted:
        article, clause, point = dotted.groups()
        return Citation(int(article), int(clause) if clause else None, _letter(point) if point else None)
    tokens = text.split()
    values: dict[str, str] = {}
    for keyword, value in zip(tokens[::2], tokens[1::2], strict=False):
        kind = _KEYWORDS.get(vt.fold(keyword))
        if kind is None or kind in values:
            break
        values[kind] = value
    else:
        if values and len(tokens) % 2 == 0:
            return _from_values(typed, values)
    raise InputError(
        f"Không đọc được trích dẫn '{typed}'. Ví dụ: 'Điều 10', 'khoản 2 Điều 5', 'điểm c khoản 15 Điều 6', "
        "'6.15.c' hoặc một id như art_6__para_15__point_c."
    )


def _from_values(typed: str, values: dict[str, str]) -> Citation:
    def number(kind: str) -> int | None:
        value = values.get(kind)
        if value is None:
            return None
        if not value.isascii() or not value.isdigit():
            raise InputError(f"Trong '{typed}', số '{value}' không hợp lệ.")
        return int(value)

    chapter = values.get("chapter")
    if chapter is not None and not re.fullmatch(r"[ivxlc]+|[0-9]+", chapter):
        raise InputError(f"Trong '{typed}', chương '{chapter}' không hợp lệ (ví dụ: Chương II).")
    point = values.get("point")
    if point is not None and not re.fullmatch(r"[a-zđ]|dd", point):
        raise InputError(f"Trong '{typed}', điểm '{point}' không hợp lệ (một chữ cái: a, b, c, d, đ, …).")
    return Citation(
        article=number("article"),
        clause=number("clause"),
        point=_letter(point) if point else None,
        paragraph=number("paragraph"),
        chapter=(int(chapter) if chapter.isdigit() else roman_to_int(chapter.upper())) if chapter else None,
    )


def _matches(provision: Provision, citation: Citation) -> bool:
    chain: dict[str, Provision] = {p.kind: p for p in provision.lineage()}
    wanted = {
        "article": str(citation.article) if citation.article is not None else None,
        "clause": str(citation.clause) if citation.clause is not None else None,
        "point": citation.point,
        "paragraph": str(citation.paragraph) if citation.paragraph is not None else None,
    }
    deepest = [kind for kind, value in wanted.items() if value is not None]
    if not deepest or provision.kind != deepest[-1] or set(chain) - {"chapter"} != set(deepest):
        return False
    return all(chain[kind].num == value for kind, value in wanted.items() if value is not None)


@dataclass
class Excerpt:
    """The provisions a citation names (several where the draft repeats a number)."""

    query: str
    provisions: list[Provision]
    lines: list[list[str]]
    notices: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        provisions = [
            {"id": p.id, "ref": p.citation, "text": p.text, "lines": lines}
            for p, lines in zip(self.provisions, self.lines, strict=True)
        ]
        return {"query": self.query, "provisions": provisions, "notices": self.notices}


def excerpt(rules: Rules, typed: str, as_of: dt.date) -> Excerpt:
    """What ``quyche show`` prints, with what must be said about the text on ``as_of`` (draft, and the
    provisions a later event made inapplicable as written); NotFoundError when the citation names nothing,
    InputError if unreadable."""
    found = find(rules, typed)
    if not found:
        raise NotFoundError(f"Quy chế không có '{typed}'. Xem mục lục: quyche show 'Chương I' … hoặc quyche search.")
    organisation = Organisation(rules, as_of)
    notices = organisation.notices()
    for provision in (node for p in found for node in p.walk()):
        above = organisation.carried_note(provision.parent) if provision.parent and provision not in found else None
        sentence = organisation.carried_sentence(provision)
        if sentence and organisation.carried_note(provision) != above:
            notices.append(sentence)
        notices += [f"{provision.citation} {note}." for note in organisation.outdated_notes(provision)]
    return Excerpt(typed, found, [list(rules.lines(p)) for p in found], notices)


def find(rules: Rules, typed: str) -> list[Provision]:
    """Every provision the citation names: several where the draft repeats a number. InputError if unreadable."""
    typed_id = vt.clean(typed)
    if typed_id in rules.by_id:  # any id, the instrument's (dec__art_1) and the attachments' included
        return [rules.by_id[typed_id]]
    if _ID.match(typed_id):
        found = rules.by_id.get(typed_id)
        return [found] if found else []
    citation = parse_citation(typed)
    if citation.chapter is not None:
        return [c for c in rules.chapters if roman_to_int(c.num or "") == citation.chapter]
    if citation.paragraph is not None and citation.clause is None and citation.article is None:
        raise InputError(f"'{typed}': hãy ghi đoạn thuộc điều nào, ví dụ 'đoạn 2 Điều 10'.")
    return [p for p in rules.provisions if _matches(p, citation)]
