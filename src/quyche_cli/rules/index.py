"""The regulation as an index of provisions: derived ids, citations, owners, mentions.

Ids follow Akoma Ntoso (``art_6__para_15__point_c``): chapters ``chp_N``, articles ``art_N``, clauses
``para_N``, points ``point_X`` (``đ`` is ``dd``), unnumbered paragraphs ``subpara_N`` by position. A number
the draft repeats gets ``_2``, ``_3`` for its later occurrences (``art_5__para_5_2``). The instrument's own
articles live under ``dec`` (``dec__art_1``), each attachment under its id (``phan_cong__sec_i__sec_1``:
items numbered "I.", "1.", "a)"; an unnumbered item is ``item_N`` by position).
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
from quyche_cli.rules.model import (
    Agency,
    Article,
    Attachment,
    Chapter,
    Clause,
    Duty,
    IssuingInstrument,
    Item,
    Member,
    Paragraph,
    Point,
    Regulation,
    RoleDef,
    Transcribed,
)
from quyche_cli.rules.source import Path_, Source

Kind = Literal["document", "chapter", "article", "clause", "point", "paragraph", "item"]
INSTRUMENT_ID = "dec"
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


UNTRANSCRIBED_NOTICE = "[phần này chưa được chép vào tệp quy chế]"


def _item_number(provision: Provision) -> str:
    """How an item's number is printed: "I. ", "1. ", "1.2. ", "a) ", a dash, or nothing."""
    num = provision.num
    if num is None:
        marker = provision.node.marker if isinstance(provision.node, Item) else None
        return f"{marker} " if marker else ""
    return f"{num}) " if num.isalpha() and num.islower() else f"{num}. "


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
    node: IssuingInstrument | Attachment | Chapter | Article | Clause | Point | Paragraph | Item
    parent: Provision | None
    occurrence: int = 1
    text: str | None = None
    children: list[Provision] = field(default_factory=list)

    @property
    def duty(self) -> Duty | None:
        return self.node if isinstance(self.node, Duty) else None

    @property
    def untranscribed(self) -> str | None:
        """The note of a node marked as not transcribed yet (its text is then unknown, never printed)."""
        return self.node.untranscribed if isinstance(self.node, Transcribed) else None

    @property
    def label(self) -> str:
        """How the law names this node alone: "Điều 6", "khoản 15", "điểm c", "đoạn 2", "mục I"; an attached
        document or the instrument by its kind ("Bản phân công"); a number the draft repeats is told apart as
        "khoản 5 (lần 2)"."""
        extra = " (lần 2)" if self.occurrence == 2 else f" (lần {self.occurrence})" if self.occurrence > 2 else ""
        return self.printed_label + extra

    @property
    def printed_label(self) -> str:
        """The label as the text prints it, without the "(lần 2)" that only the tool adds."""
        if self.kind == "document":
            return self.num or ""
        word = {
            "chapter": "Chương",
            "article": "Điều",
            "clause": "khoản",
            "point": "điểm",
            "paragraph": "đoạn",
            "item": "mục",
        }
        if self.kind == "item" and self.num and self.num.isalpha() and self.num.islower():
            return f"điểm {self.num}"  # "a)" in a list is a point, as in a clause
        return f"{word[self.kind]} {self.num if self.num is not None else ''}"

    def lineage(self) -> list[Provision]:
        """This node and its ancestors below the chapter, outermost first; an attached document (or the
        instrument) is part of the lineage, so its "Điều 1" is not the regulation's."""
        chain: list[Provision] = []
        node: Provision | None = self
        while node is not None:
            if node.kind == "chapter":
                node = node.parent
                continue
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

    def walk_transcribed(self) -> Iterator[Provision]:
        """:meth:`walk`, but a part not transcribed yet is yielded without what is under it."""
        yield self
        if not self.untranscribed:
            for child in self.children:
                yield from child.walk_transcribed()


class Rules:
    """A validated regulation with its derived index."""

    def __init__(self, model: Regulation, source: Source | None = None) -> None:
        self.model = model
        self.source = source
        self._article_counts: Counter[int] = Counter()
        self.chapters = [self._chapter(i, ch) for i, ch in enumerate(model.chapters)]
        instrument = model.document.issuing_instrument
        self.instrument = self._document(INSTRUMENT_ID, instrument.kind, ("document", "issuing_instrument"), instrument)
        self.attachments = [
            self._document(att.id, att.kind, ("attachments", i), att) for i, att in enumerate(model.attachments)
        ]
        self.provisions = [
            *(self.instrument.walk() if self.instrument.children else ()),
            *(p for ch in self.chapters for p in ch.walk()),
            *(p for att in self.attachments for p in att.walk()),
        ]
        self.by_id = {p.id: p for p in self.provisions}
        self.members = {m.id: m for m in model.members}
        self.agencies = {a.id: a for a in model.agencies}
        self._derived: dict[Callable[[Rules], Any], Any] = {}

    # -- building the index -------------------------------------------------------------------------
    def _document(self, ident: str, kind: str, path: Path_, node: IssuingInstrument | Attachment) -> Provision:
        """The instrument or an attachment as the root of its own numbering."""
        root = Provision(ident, "document", kind, path, node, None, text=getattr(node, "title", None) or kind)
        counts: Counter[int] = Counter()
        chapters = node.chapters if isinstance(node, Attachment) else []
        for i, chapter in enumerate(chapters):
            root.children.append(self._chapter(i, chapter, root, counts))
        for j, article in enumerate(node.articles):
            root.children.append(self._article(root, j, article, counts))
        if isinstance(node, Attachment):
            self._items(root, node.items)
        return root

    def _items(self, parent: Provision, items: list[Item]) -> None:
        counts: Counter[str] = Counter()
        for i, item in enumerate(items):
            key = item.num.lower().replace(".", "_").replace("đ", "dd") if item.num else None
            n = _count(counts, key) if key else 1
            ident = f"{parent.id}__sec_{key}" + (f"_{n}" if n > 1 else "") if key else f"{parent.id}__item_{i + 1}"
            text = " ".join(t for t in (item.heading, item.text) if t) or None
            child = Provision(ident, "item", item.num, (*parent.path, "items", i), item, parent, n, text)
            parent.children.append(child)
            self._items(child, item.items)

    def _chapter(
        self, index: int, chapter: Chapter, root: Provision | None = None, counts: Counter[int] | None = None
    ) -> Provision:
        prefix = f"{root.id}__" if root else ""
        node = Provision(
            f"{prefix}chp_{roman_to_int(chapter.num)}",
            "chapter",
            chapter.num,
            (*(root.path if root else ()), "chapters", index),
            chapter,
            root,
            text=chapter.heading,
        )
        for j, article in enumerate(chapter.articles):
            node.children.append(self._article(node, j, article, counts))
        return node

    def _article(
        self, parent: Provision, index: int, article: Article, counts: Counter[int] | None = None
    ) -> Provision:
        occurrence = _count(self._article_counts if counts is None else counts, article.num)
        suffix = f"_{occurrence}" if occurrence > 1 else ""
        root = next((p for p in (parent, parent.parent) if p is not None and p.kind == "document"), None)
        node = Provision(
            f"{root.id + '__' if root else ''}art_{article.num}{suffix}",
            "article",
            str(article.num),
            (*parent.path, "articles", index),
            article,
            parent,
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

    def assuming_announced(self) -> Rules:
        """These rules with every day announced but not yet made a day off counted as one
        (``calendar.assume_announced``, the ``--assume-announced`` option); the same rules when already so."""
        calendar = self.model.calendar
        if calendar.assume_announced:
            return self
        assumed = calendar.model_copy(update={"assume_announced": True})
        return Rules(self.model.model_copy(update={"calendar": assumed}), self.source)

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
        """The (first) member whose duties node is this provision or one of its ancestors."""
        return next(iter(self.owners(provision)), None)

    def owners(self, provision: Provision) -> list[Member]:
        """Every seat whose duties node is this provision or its nearest ancestor assigned to any seat (a
        provision may be shared by several seats)."""
        node: Provision | None = provision
        while node is not None:
            found = self._owners.get(node.id)
            if found:
                return found
            node = node.parent
        return []

    @cached_property
    def _owners(self) -> dict[str, list[Member]]:
        owners: dict[str, list[Member]] = {}
        for member in self.model.members:
            for ident in member.duty_ids:
                owners.setdefault(ident, []).append(member)
        return owners

    def duties_nodes(self, member: Member) -> list[Provision]:
        """The provisions assigning ``member``'s own tasks (none when the file gives none yet)."""
        return [self.by_id[i] for i in member.duty_ids if i in self.by_id]

    def role(self, member: Member) -> RoleDef:
        """The role of a seat (validation guarantees it is declared or a default one)."""
        return self.model.role(member.role) or RoleDef(id=member.role, label=member.role, kind="member")

    def role_label(self, role: str) -> str:
        found = self.model.role(role)
        return found.label if found else role

    def seats_of_kind(self, *kinds: str, body: str | None = None) -> list[Member]:
        """The seats of the committee (or of sub-body ``body``) whose role is of one of ``kinds``, in file order."""
        return [m for m in self.model.members if m.body == body and self.role(m).kind in kinds]

    def body_of(self, member: Member) -> Member | None:
        """The sub-body seat that ``member`` sits in, None for a seat of the committee itself."""
        return self.members.get(member.body) if member.body else None

    def seats_in(self, body_id: str) -> list[Member]:
        """The seats of sub-body ``body_id`` (its head, deputies, members)."""
        return [m for m in self.model.members if m.body == body_id]

    def member_agency(self, member: Member) -> Agency | None:
        return self.agencies.get(member.agency) if member.agency else None

    def display_name(self, kind: Literal["member", "agency"], ident: str) -> str:
        """How people name a member or agency: the agency's name where there is one, else the role's title;
        a seat of an agency that holds several is named by its title with the agency."""
        member = self.members[ident] if kind == "member" else None
        if member and not member.agency:
            return member.title
        agency = self.agencies[member.agency if member and member.agency else ident]
        if member and len(self.members_of(agency.id)) > 1:
            return (
                f"{member.title} ({agency.name})" if vt.fold(agency.name) not in vt.fold(member.title) else member.title
            )
        return agency.name

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
        # The working calendar is the province's, not the regulation's: a decision on the 2025 holidays issued
        # in November 2024 says nothing about when the regulation can apply.
        skipped = ("chapters", "shared_texts", "calendar")
        recorded = {k: v for k, v in fields(self.model).items() if k not in skipped}
        return min(dates(recorded, ""), default=None)

    def members_of(self, agency_id: str) -> list[Member]:
        return [m for m in self.model.members if m.agency == agency_id]

    def full_text(self, provision: Provision) -> str:
        """The provision's own text with its number, as printed in the regulation; a part not transcribed
        yet shows its number and a bracketed notice, never a text."""
        body = provision.text or ""
        if provision.untranscribed:
            kept = body and provision.kind in ("article", "item")  # a heading, not the missing text
            body = (body + " " if kept else "") + UNTRANSCRIBED_NOTICE
        if provision.kind == "document":
            return body
        if provision.kind == "chapter":
            return f"Chương {provision.num}" + (f"\n{body}" if body else "")
        if provision.kind == "article":
            return f"Điều {provision.num}." + (f" {body}" if body else "")
        if provision.kind == "clause":
            return f"{provision.num}. {body}"
        if provision.kind == "point":
            return f"{provision.num}) {body}"
        if provision.kind == "item":
            return _item_number(provision) + body
        marker = provision.node.marker if isinstance(provision.node, Paragraph) else None
        return f"{marker} {body}" if marker else body

    def lines(self, provision: Provision) -> Iterator[str]:
        """The provision and everything under it, one printed paragraph per line."""
        for node in provision.walk():
            yield self.full_text(node)
