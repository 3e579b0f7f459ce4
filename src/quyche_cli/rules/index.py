"""The regulation as an index of provisions: derived ids, citations, owners, mentions.

Ids follow Akoma Ntoso (``art_6__para_15__point_c``): chapters ``chp_N``, articles ``art_N``, clauses
``para_N``, points ``point_X`` (``đ`` is ``dd``), unnumbered paragraphs ``subpara_N`` by position. A number
the draft repeats gets ``_2``, ``_3`` for its later occurrences (``art_5__para_5_2``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel

from quyche_cli import text as vt
from quyche_cli.rules.model import Agency, Article, Chapter, Clause, Duty, Member, Paragraph, Point, Regulation
from quyche_cli.rules.source import Path_, Source

Kind = Literal["chapter", "article", "clause", "point", "paragraph"]
K = TypeVar("K", int, str)
D = TypeVar("D")
POINT_ORDER = "a b c d đ e g h i k l m n o p q r s t u v x y".split()
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_to_int(numeral: str) -> int:
    """Value of a Roman numeral, as used for chapters."""
    total = 0
    for i, ch in enumerate(numeral):
        value = _ROMAN[ch]
        total += -value if i + 1 < len(numeral) and _ROMAN[numeral[i + 1]] > value else value
    return total


def _count(counts: Counter[K], key: K) -> int:
    """How many times ``key`` has now been seen (1 for the first): numbers the draft repeats get ``_2``."""
    counts[key] += 1
    return counts[key]


def point_id(letter: str) -> str:
    """The id part of a point letter: ``đ`` becomes ``dd`` so it never collides with ``d``."""
    return "dd" if letter == "đ" else letter


@dataclass(eq=False)
class Provision:
    """One node of the text tree, with everything derived from its place in the tree."""

    id: str
    kind: Kind
    num: str | None
    path: Path_
    node: Chapter | Article | Clause | Point | Paragraph
    parent: Provision | None
    occurrence: int = 1
    text: str | None = None
    children: list[Provision] = field(default_factory=list)

    @property
    def duty(self) -> Duty | None:
        return self.node if isinstance(self.node, Duty) else None

    @property
    def label(self) -> str:
        """How the law names this node alone: "Điều 6", "khoản 15", "điểm c", "đoạn 2"; a number the draft
        repeats is told apart as "khoản 5 (lần 2)"."""
        extra = " (lần 2)" if self.occurrence == 2 else f" (lần {self.occurrence})" if self.occurrence > 2 else ""
        return self.printed_label + extra

    @property
    def printed_label(self) -> str:
        """The label as the text prints it, without the "(lần 2)" that only the tool adds."""
        word = {"chapter": "Chương", "article": "Điều", "clause": "khoản", "point": "điểm", "paragraph": "đoạn"}
        return f"{word[self.kind]} {self.num if self.num is not None else ''}"

    def lineage(self) -> list[Provision]:
        """This node and its ancestors below the chapter, outermost first."""
        chain: list[Provision] = []
        node: Provision | None = self
        while node is not None and node.kind != "chapter":
            chain.append(node)
            node = node.parent
        return chain[::-1] or [self]

    @property
    def citation(self) -> str:
        """Citation in Vietnamese legal order: "điểm c khoản 15 Điều 6"."""
        return " ".join(p.label for p in reversed(self.lineage()))

    @property
    def printed_citation(self) -> str:
        """The citation as an official document writes it: the text's own numbers, never "(lần 2)"."""
        return " ".join(p.printed_label for p in reversed(self.lineage()))

    @property
    def legal_path(self) -> str:
        """Outermost first, for locating a problem: "Điều 6 › khoản 15 › điểm c"."""
        return " › ".join(p.label for p in self.lineage())

    @cached_property
    def folded(self) -> str:
        """The folded text padded with spaces, for whole-word phrase tests (`` phrase `` in folded)."""
        return f" {vt.fold(self.text or '')} "

    def walk(self) -> Iterator[Provision]:
        yield self
        for child in self.children:
            yield from child.walk()


class Rules:
    """A validated regulation with its derived index."""

    def __init__(self, model: Regulation, source: Source | None = None) -> None:
        self.model = model
        self.source = source
        self._article_counts: Counter[int] = Counter()
        self.chapters = [self._chapter(i, ch) for i, ch in enumerate(model.chapters)]
        self.provisions = [p for ch in self.chapters for p in ch.walk()]
        self.by_id = {p.id: p for p in self.provisions}
        self.members = {m.id: m for m in model.members}
        self.agencies = {a.id: a for a in model.agencies}
        self._derived: dict[Callable[[Rules], Any], Any] = {}

    # -- building the index -------------------------------------------------------------------------
    def _chapter(self, index: int, chapter: Chapter) -> Provision:
        node = Provision(
            f"chp_{roman_to_int(chapter.num)}",
            "chapter",
            chapter.num,
            ("chapters", index),
            chapter,
            None,
            text=chapter.heading,
        )
        for j, article in enumerate(chapter.articles):
            node.children.append(self._article(node, j, article))
        return node

    def _article(self, chapter: Provision, index: int, article: Article) -> Provision:
        occurrence = _count(self._article_counts, article.num)
        suffix = f"_{occurrence}" if occurrence > 1 else ""
        node = Provision(
            f"art_{article.num}{suffix}",
            "article",
            str(article.num),
            (*chapter.path, "articles", index),
            article,
            chapter,
            occurrence,
            article.heading,
        )
        self._paragraphs(node, article.paragraphs)
        clause_counts: Counter[int] = Counter()
        for k, clause in enumerate(article.clauses):
            n = _count(clause_counts, clause.num)
            cid = f"{node.id}__para_{clause.num}" + (f"_{n}" if n > 1 else "")
            child = Provision(cid, "clause", str(clause.num), (*node.path, "clauses", k), clause, node, n, clause.text)
            node.children.append(child)
            self._paragraphs(child, clause.paragraphs)
            point_counts: Counter[str] = Counter()
            for m, point in enumerate(clause.points):
                p = _count(point_counts, point.num)
                pid = f"{cid}__point_{point_id(point.num)}" + (f"_{p}" if p > 1 else "")
                child.children.append(
                    Provision(pid, "point", point.num, (*child.path, "points", m), point, child, p, point.text)
                )
        return node

    def _paragraphs(self, parent: Provision, paragraphs: list[Paragraph]) -> None:
        for i, para in enumerate(paragraphs, start=1):
            body = para.text if para.text is not None else self.model.shared_texts.get(para.shared or "")
            parent.children.append(
                Provision(
                    f"{parent.id}__subpara_{i}",
                    "paragraph",
                    str(i),
                    (*parent.path, "paragraphs", i - 1),
                    para,
                    parent,
                    text=body,
                )
            )

    @property
    def origin(self) -> dict[str, str] | None:
        """The rules file these rules were read from: its absolute path and the SHA-256 of its bytes."""
        if self.source is None or not self.source.sha256:
            return None
        return {"path": str(Path(self.source.file).absolute()), "sha256": self.source.sha256}

    def derived(self, build: Callable[[Rules], D]) -> D:
        """What ``build(self)`` returns, built once per rules file (name index, mention phrases…), so that
        the modules deriving data from the rules sit above this one and import it, never the reverse."""
        if build not in self._derived:
            self._derived[build] = build(self)
        return self._derived[build]  # type: ignore[no-any-return]

    def keep(self, build: Callable[[Rules], D], value: D) -> None:
        """Take ``value`` as what ``build(self)`` returns (the rules cache restoring what it stored)."""
        self._derived[build] = value

    # -- queries ------------------------------------------------------------------------------------
    def articles(self) -> list[Provision]:
        return [p for p in self.provisions if p.kind == "article"]

    def owner(self, provision: Provision) -> Member | None:
        """The member whose duties node is this provision or one of its ancestors."""
        node: Provision | None = provision
        while node is not None:
            member = self._owners.get(node.id)
            if member:
                return member
            node = node.parent
        return None

    @cached_property
    def _owners(self) -> dict[str, Member]:
        return {m.duties: m for m in self.model.members}

    def member_agency(self, member: Member) -> Agency | None:
        return self.agencies.get(member.agency) if member.agency else None

    def display_name(self, kind: Literal["member", "agency"], ident: str) -> str:
        """How people name a member or agency: the agency's name where there is one, else the role's title."""
        member = self.members[ident] if kind == "member" else None
        if member and not member.agency:
            return member.title
        return self.agencies[member.agency if member and member.agency else ident].name

    @cached_property
    def first_recorded(self) -> tuple[dt.date, str] | None:
        """The earliest date the rules file records anywhere, and where (``document.legal_basis[0].date``):
        the regulation cannot apply before that date's year."""

        def fields(model: BaseModel) -> dict[str, Any]:
            return {name: getattr(model, name) for name in type(model).model_fields}

        def dates(value: Any, where: str) -> Iterator[tuple[dt.date, str]]:
            if isinstance(value, dt.date):
                yield value, where
            elif isinstance(value, BaseModel):
                yield from dates(fields(value), where)
            elif isinstance(value, dict):
                for key, item in value.items():
                    yield from dates(item, f"{where}.{key}" if where else str(key))
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    yield from dates(item, f"{where}[{index}]")

        # The fields themselves, not model_dump(): dumping would build the models' serialisers at every start.
        recorded = {k: v for k, v in fields(self.model).items() if k not in ("chapters", "shared_texts")}
        return min(dates(recorded, ""), default=None)

    def members_of(self, agency_id: str) -> list[Member]:
        return [m for m in self.model.members if m.agency == agency_id]

    def full_text(self, provision: Provision) -> str:
        """The provision's own text with its number, as printed in the regulation."""
        if provision.kind == "chapter":
            return f"Chương {provision.num}\n{provision.text}"
        if provision.kind == "article":
            return f"Điều {provision.num}. {provision.text}"
        if provision.kind == "clause":
            return f"{provision.num}. {provision.text}"
        if provision.kind == "point":
            return f"{provision.num}) {provision.text}"
        marker = provision.node.marker if isinstance(provision.node, Paragraph) else None
        return f"{marker} {provision.text}" if marker else provision.text or ""

    def lines(self, provision: Provision) -> Iterator[str]:
        """The provision and everything under it, one printed paragraph per line."""
        for node in provision.walk():
            yield self.full_text(node)
