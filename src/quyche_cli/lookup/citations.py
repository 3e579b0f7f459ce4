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
# From the smallest unit to the largest: a list at the smallest level shares the larger ones that follow it.
_LEVEL = {"point": 0, "paragraph": 1, "clause": 2, "article": 3, "chapter": 4}
_DOTTED = re.compile(r"^([0-9]+)(?:\.([0-9]+))?(?:\.([a-zđ]|dd))?\.?$")
_ID = re.compile(r"^(?:chp|art)_[a-z0-9_]+$")
_TOKEN = re.compile(r"[^\W_]+|[,;]")
_LETTERS = "abcdđeghiklmnopqrstuvxy"  # the order of points in a Vietnamese legal text
_MOST = 200  # a range longer than this is a typing error, not a citation

# A citation in running text: one or more "unit value" groups, lists ("điểm a, điểm b", "khoản 2 và khoản 3",
# "các điểm a, b và c") and ranges ("từ điểm a đến điểm c"), not followed by another document's name
# ("Điều 3 Quyết định số 1267/QĐ-UBND" cites that decision, not the draft).
_UNIT = r"(?:điểm|khoản|đoạn|điều|chương)"
_VALUE = r"(?:\d{1,4}|[a-zđ]\b|[ivxlc]{1,6}\b)"
_GROUP = rf"(?:(?:các|từ)\s+)?{_UNIT}\s+{_VALUE}"
_LINK = r"(?:\s*[,;]?\s*(?:(?:và|hoặc|đến)\s+)?(?:(?:các|từ)\s+)?)"
CITATION = re.compile(
    rf"{_GROUP}(?:{_LINK}(?:{_UNIT}\s+)?{_VALUE})*"
    r"(?![\d/])(?!\s*(?:của\s+)?(?:bộ\s+luật|luật|nghị\s+định|nghị\s+quyết|quyết\s+định|thông\s+tư|chỉ\s+thị))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Citation:
    article: int | None = None
    clause: int | None = None
    point: str | None = None
    paragraph: int | None = None
    chapter: int | None = None

    def __str__(self) -> str:
        """The citation as a Vietnamese text writes it: "điểm a khoản 19 Điều 6", "Chương 2"."""
        parts = [
            f"điểm {self.point}" if self.point else "",
            f"đoạn {self.paragraph}" if self.paragraph is not None else "",
            f"khoản {self.clause}" if self.clause is not None else "",
            f"Điều {self.article}" if self.article is not None else "",
            f"Chương {_roman(self.chapter)}" if self.chapter is not None else "",
        ]
        return " ".join(part for part in parts if part)


def _roman(number: int) -> str:
    numerals = (("C", 100), ("XC", 90), ("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))
    written = ""
    for numeral, value in numerals:
        count, number = divmod(number, value)
        written += numeral * count
    return written


def _letter(value: str) -> str:
    return "đ" if value in ("đ", "dd") else value


def _unreadable(typed: str) -> InputError:
    return InputError(
        f"Không đọc được trích dẫn '{typed}'. Ví dụ: 'Điều 10', 'khoản 2 Điều 5', 'điểm c khoản 15 Điều 6', "
        "'điểm a, điểm b khoản 19 Điều 6', 'khoản 2 và khoản 3 Điều 5', '6.15.c' hoặc một id như "
        "art_6__para_15__point_c."
    )


def parse_citations(typed: str) -> list[Citation]:
    """Every provision a citation names, as people write it: one ("điểm c khoản 15 Điều 6", "Điều 6 khoản 15
    điểm c", "6.15.c"), a list ("điểm a, điểm b khoản 19 Điều 6", "khoản 2 và khoản 3 Điều 5", "các điểm a, b
    và c khoản 1 Điều 2", "khoản 2 Điều 5 và Điều 10") or a range ("từ điểm a đến điểm c khoản 1 Điều 2");
    InputError when it is not one."""
    text = vt.canon(typed).strip()
    dotted = _DOTTED.match(text)
    if dotted:
        article, clause, point = dotted.groups()
        return [Citation(int(article), int(clause) if clause else None, _letter(point) if point else None)]
    return [_from_values(typed, chain) for chain in _chains(_groups(typed, _TOKEN.findall(text)))]


Group = tuple[str, list[str], bool]


def _groups(typed: str, tokens: list[str]) -> list[Group]:
    """The "unit values" groups of the tokens: each unit (``article``…), its values (a list or a range read
    out), and whether "và"/"hoặc" joined it to the group before (then it starts a citation of its own)."""
    groups: list[Group] = []
    joined = listed = ranged = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        word = token if token in ",;" else vt.fold(token)
        kind = _KEYWORDS.get(word)
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if word in (",", ";"):
            listed = True
        elif word in ("va", "hoac"):
            joined = listed = True
        elif word in ("cac", "tu"):
            ranged = ranged or word == "tu"
        elif word == "den" and groups and ranged and following is not None:
            if _KEYWORDS.get(vt.fold(following)) == groups[-1][0]:
                index += 1
                following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following is None:
                raise _unreadable(typed)
            index += 1
            groups[-1][1].extend(_between(typed, groups[-1][1][-1], following))
            ranged = listed = joined = False
        elif kind is not None and following is not None and following not in ",;":
            index += 1
            if groups and groups[-1][0] == kind and listed:
                groups[-1][1].append(following)  # "điểm a, điểm b": one list
            else:
                groups.append((kind, [following], joined))
            listed = joined = False
        elif kind is None and groups and listed:
            groups[-1][1].append(token)  # "điểm a, b và c"
            listed = joined = False
        else:
            raise _unreadable(typed)
        index += 1
    if not groups or joined or ranged:
        raise _unreadable(typed)
    return groups


def _between(typed: str, first: str, last: str) -> list[str]:
    """The values after ``first`` up to ``last`` of a range: numbers, or point letters in their order."""
    if first.isdigit() and last.isdigit() and 0 < int(last) - int(first) <= _MOST:
        return [str(n) for n in range(int(first) + 1, int(last) + 1)]
    start, end = _LETTERS.find(_letter(first)), _LETTERS.find(_letter(last))
    if len(first) <= 2 and len(last) <= 2 and 0 <= start < end:
        return list(_LETTERS[start + 1 : end + 1])
    raise InputError(f"Trong '{typed}', khoảng '{first} đến {last}' không đọc được (ví dụ: từ điểm a đến điểm c).")


def _chains(groups: list[Group]) -> list[dict[str, str]]:
    """The citations the groups make. From the smallest unit up ("điểm a, điểm b khoản 19 Điều 6") a list
    shares the larger units that follow it, and the values after the first of a larger unit's list start
    citations of their own ("khoản 2 Điều 5 và Điều 10"); from the largest down ("Điều 6 khoản 15 điểm c")
    each smaller unit's values divide the citation before it. A unit joined by "và" starts a new citation."""
    done: list[dict[str, str]] = []
    chains: list[dict[str, str]] = []
    upward: bool | None = None
    last = -1
    for kind, values, joined in groups:
        level = _LEVEL[kind]
        continues = bool(chains) and not joined and all(kind not in chain for chain in chains)
        if continues and upward is None:
            upward = level > last
        if not continues or (level > last) != upward:
            done += chains
            chains, upward = [{kind: v} for v in values], None
        elif upward:
            chains = [{**chain, kind: values[0]} for chain in chains] + [{kind: v} for v in values[1:]]
        else:
            chains = [{**chain, kind: v} for chain in chains for v in values]
        last = level
    return done + chains


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
    notices = [] if _is_id(rules, typed) else _unmatched(rules, typed)
    organisation = Organisation(rules, as_of)
    notices += organisation.notices()
    for provision in (node for p in found for node in p.walk()):
        above = organisation.carried_note(provision.parent) if provision.parent and provision not in found else None
        sentence = organisation.carried_sentence(provision)
        if sentence and organisation.carried_note(provision) != above:
            notices.append(sentence)
        notices += [f"{provision.citation} {note}." for note in organisation.outdated_notes(provision)]
    return Excerpt(typed, found, [list(rules.lines(p)) for p in found], notices)


def _unmatched(rules: Rules, typed: str) -> list[str]:
    """What to say of the citations of ``typed`` that name several provisions (a number the draft repeats) or,
    in a list, none."""
    said = []
    for citation in parse_citations(typed):
        count = len(cited(rules, typed, citation))
        if count > 1:
            said.append(f"Dự thảo có {count} quy định cùng số '{citation}'; in tất cả.")
        elif not count:
            said.append(f"Quy chế không có '{citation}'.")
    return said


def _is_id(rules: Rules, typed: str) -> bool:
    """Whether ``typed`` is a provision id: any id of the file (the instrument's dec__art_1 and the
    attachments' included), or one in the form of an id."""
    typed_id = vt.clean(typed)
    return typed_id in rules.by_id or _ID.match(typed_id) is not None


def find(rules: Rules, typed: str) -> list[Provision]:
    """Every provision the citation names: several where the draft repeats a number. InputError if unreadable."""
    if _is_id(rules, typed):
        named = rules.by_id.get(vt.clean(typed))
        return [named] if named else []
    found: list[Provision] = []
    for citation in parse_citations(typed):
        found += [p for p in cited(rules, typed, citation) if p not in found]
    return found


def cited(rules: Rules, typed: str, citation: Citation) -> list[Provision]:
    """The provisions one citation of ``typed`` names (several where the draft repeats a number)."""
    if citation.chapter is not None:
        return [c for c in rules.chapters if roman_to_int(c.num or "") == citation.chapter]
    if citation.paragraph is not None and citation.clause is None and citation.article is None:
        raise InputError(f"'{typed}': hãy ghi đoạn thuộc điều nào, ví dụ 'đoạn 2 Điều 10'.")
    return [p for p in rules.provisions if _matches(p, citation)]
