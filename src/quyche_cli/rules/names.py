"""Resolving a typed agency or member name, staged and never guessed.

0. the place's name ("Bắc Ninh") is dropped; a query word that belongs to no declared name and is not
   generic ("sở", "và", "tỉnh") makes the query unresolved ("Sở Tư pháp Bắc Giang");
1. exact key (full name, title, alias or symbol, folded; also without generic words or spaces);
2. the query's words inside exactly one name (never a name's words inside a longer query: "Y tế dự phòng"
   is not Sở Y tế);
3. otherwise suggestions only (RapidFuzz), existing agencies first on the day asked, never an answer.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any, Literal

from quyche_cli import text as vt
from quyche_cli.rules.index import Rules

GENERIC_WORDS = frozenset({"so", "va", "tinh"})
MAX_SUGGESTIONS = 3
FUZZY_CUTOFF = 75


@dataclass(frozen=True, order=True)
class Target:
    """What a name resolves to: a member, or an agency that holds no member role (a successor)."""

    kind: Literal["member", "agency"]
    id: str


@dataclass
class Resolution:
    query: str
    status: Literal["found", "ambiguous", "not_found"]
    stage: Literal["exact", "words", "none"]
    targets: list[Target] = field(default_factory=list)
    suggestions: list[Target] = field(default_factory=list)
    legacy_encoding: str | None = None
    unknown_words: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Declaration:
    """A name as declared in the rules file, and who declared it."""

    name: str
    owner: str  # "agency:<id>" or "member:<id>"
    path: tuple[str | int, ...]


def core_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """Words of a folded name without the generic ones ("sở", "và", "tỉnh")."""
    return tuple(w for w in words if w not in GENERIC_WORDS)


def declarations(rules: Rules) -> list[Declaration]:
    """Every name the rules file gives to an agency or a member, with the YAML path it comes from."""
    found: list[Declaration] = []
    for i, agency in enumerate(rules.model.agencies):
        owner = f"agency:{agency.id}"
        found.append(Declaration(agency.name, owner, ("agencies", i, "name")))
        found.append(Declaration(agency.abbreviation, owner, ("agencies", i, "abbreviation")))
        found += [Declaration(a, owner, ("agencies", i, "aliases", j)) for j, a in enumerate(agency.aliases)]
        for j, renaming in enumerate(agency.renamed):
            where = ("agencies", i, "renamed", j)
            found.append(Declaration(renaming.name, owner, (*where, "name")))
            if renaming.abbreviation:
                found.append(Declaration(renaming.abbreviation, owner, (*where, "abbreviation")))
    seats = defaultdict(int, Counter(m.agency for m in rules.model.members if m.agency))
    for i, member in enumerate(rules.model.members):
        # A seat's own names name the seat; those of an agency's only seat name the agency (and so the seat).
        one_seat = member.agency and seats[member.agency] == 1
        owner = f"agency:{member.agency}" if one_seat else f"member:{member.id}"
        found.append(Declaration(member.title, owner, ("members", i, "title")))
        found += [Declaration(a, owner, ("members", i, "aliases", j)) for j, a in enumerate(member.aliases)]
        if member.symbol:
            found.append(Declaration(member.symbol, owner, ("members", i, "symbol")))
    return found


def explicit_keys(name: str) -> set[str]:
    """Keys a declared name is indexed under, each of which must name one owner only."""
    words = vt.words(name)
    return {k for k in (" ".join(words), " ".join(core_words(words))) if k}


def derived_keys(name: str) -> set[str]:
    """Looser keys (no spaces, acronym); dropped where two owners share one."""
    words = core_words(vt.words(name))
    keys = {"".join(words)} if len(words) > 1 else set()
    all_words = vt.words(name)
    if len(all_words) > 1:
        keys.add("".join(w[0] for w in all_words))
    return keys


class NameIndex:
    """Keys of every declared name, mapped to their owners."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.exact: dict[str, set[str]] = defaultdict(set)
        self.collisions: list[tuple[str, Declaration, Declaration]] = []
        self.word_sets: list[tuple[frozenset[str], str]] = []
        first_by_key: dict[str, Declaration] = {}
        derived: dict[str, set[str]] = defaultdict(set)
        for decl in declarations(rules):
            for key in explicit_keys(decl.name):
                earlier = first_by_key.setdefault(key, decl)
                if earlier.owner != decl.owner:
                    self.collisions.append((key, earlier, decl))
                self.exact[key].add(decl.owner)
            for key in derived_keys(decl.name):
                derived[key].add(decl.owner)
            core = frozenset(core_words(vt.words(decl.name)))
            if core and decl.name != decl.name.upper():  # symbols are not names to search words in
                self.word_sets.append((core, decl.owner))
        for key, owners in derived.items():
            if key not in self.exact and len(owners) == 1:
                self.exact[key] = owners
        self.vocabulary = {w for decl in declarations(rules) for w in vt.words(decl.name)}
        self.places = [vt.words(rules.model.document.place)]

    def state(self) -> dict[str, Any]:
        """The index as JSON, for the rules cache (folding every name costs a few milliseconds a start)."""
        return {
            "exact": {key: sorted(owners) for key, owners in self.exact.items()},
            "collisions": [[key, asdict(first), asdict(second)] for key, first, second in self.collisions],
            "word_sets": [[sorted(core), owner] for core, owner in self.word_sets],
            "vocabulary": sorted(self.vocabulary),
            "places": [list(place) for place in self.places],
        }

    @classmethod
    def restored(cls, rules: Rules, state: dict[str, Any]) -> NameIndex:
        """The index of ``rules`` from its :meth:`state`, without folding a name."""

        def declaration(fields: dict[str, Any]) -> Declaration:
            return Declaration(fields["name"], fields["owner"], tuple(fields["path"]))

        index = cls.__new__(cls)
        index.rules = rules
        index.exact = defaultdict(set, {key: set(owners) for key, owners in state["exact"].items()})
        index.collisions = [(key, declaration(a), declaration(b)) for key, a, b in state["collisions"]]
        index.word_sets = [(frozenset(core), owner) for core, owner in state["word_sets"]]
        index.vocabulary = set(state["vocabulary"])
        index.places = [tuple(place) for place in state["places"]]
        return index

    def _without_places(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """``words`` without the place's name ("bac ninh"), which says nothing about who is meant."""
        for place in self.places:
            size = len(place)
            i = 0
            while size and i + size <= len(words):
                if words[i : i + size] == place:
                    words = words[:i] + words[i + size :]
                else:
                    i += 1
        return words

    def owners_of(self, key: str) -> set[str]:
        """The owners of an exact (folded) key, empty when no name has it."""
        return self.exact.get(key, set())

    def owners_in(self, text: str) -> set[str]:
        """Owners of every name that ``text`` contains: whole names or symbols, or all the core words of a
        name of two words or more (as in a file name)."""
        haystack = f" {vt.fold(text)} "
        owners = {owner for phrase, found in self._phrases for owner in found if phrase in haystack}
        words = set(haystack.split())
        owners |= {owner for core, owner in self.word_sets if len(core) > 1 and core <= words}
        return owners

    @cached_property
    def _phrases(self) -> list[tuple[str, set[str]]]:
        return [(f" {k} ", owners) for k, owners in self.exact.items() if " " in k or len(k) >= 3]

    def targets(self, owner: str) -> list[Target]:
        kind, ident = owner.split(":", 1)
        if kind == "member":
            return [Target("member", ident)]
        members = self.rules.members_of(ident)
        return [Target("member", m.id) for m in members] or [Target("agency", ident)]

    def _resolve_owners(self, owners: set[str]) -> list[Target]:
        return sorted({t for owner in owners for t in self.targets(owner)})

    def resolve(self, query: str, day: dt.date | None = None) -> Resolution:
        """The member or agency ``query`` names; suggestions (existing agencies first on ``day``) otherwise."""
        legacy = vt.legacy_encoding(query)
        ident = query.strip()
        if ident in self.rules.members or ident in self.rules.agencies:  # an id, as printed in answers
            kind: Literal["member", "agency"] = "member" if ident in self.rules.members else "agency"
            targets = [Target(kind, ident)] if kind == "member" else self._resolve_owners({f"agency:{ident}"})
            return self._result(query, "exact", targets, legacy)
        words = self._without_places(vt.words(query))
        for key in (" ".join(words), " ".join(core_words(words)), "".join(core_words(words))):
            if key and key in self.exact:
                return self._result(query, "exact", self._resolve_owners(self.exact[key]), legacy)
        wanted = frozenset(core_words(words))
        unknown = [w for w in core_words(words) if w not in self.vocabulary]
        if wanted and not unknown:
            owners = {owner for core, owner in self.word_sets if wanted <= core}
            if owners:
                return self._result(query, "words", self._resolve_owners(owners), legacy)
        typed = [token for token in query.split() if vt.fold(token) in unknown] or unknown
        return Resolution(query, "not_found", "none", [], self.suggest(query, day), legacy, typed)

    @staticmethod
    def _result(query: str, stage: Literal["exact", "words"], targets: list[Target], legacy: str | None) -> Resolution:
        status: Literal["found", "ambiguous"] = "found" if len(targets) == 1 else "ambiguous"
        return Resolution(query, status, stage, targets=targets, legacy_encoding=legacy)

    def suggest(self, query: str, day: dt.date | None = None) -> list[Target]:
        """At most three close names, one per target, best first (those existing on ``day`` before the
        others); never used as an answer."""
        from rapidfuzz import fuzz, process

        choices = {key: owners for key, owners in self.exact.items() if len(key) > 3}
        keys = list(choices)
        ranked = process.extract(vt.fold(query), keys, scorer=fuzz.WRatio, score_cutoff=FUZZY_CUTOFF, limit=50)
        picked: list[Target] = []
        for key, _score, _index in ranked:
            for target in self._resolve_owners(choices[key]):
                if target not in picked:
                    picked.append(target)
        if day is not None:
            picked = self._existing_first(picked, day)
        return picked[:MAX_SUGGESTIONS]

    def _existing_first(self, picked: list[Target], day: dt.date) -> list[Target]:
        """``picked`` with each dissolved agency's successor on ``day`` in its place, and the dissolved ones
        after every existing one."""
        from quyche_cli.rules.organisation import Organisation

        organisation = Organisation(self.rules, day)
        existing: list[Target] = []
        dissolved: list[Target] = []
        for target in picked:
            member = self.rules.members.get(target.id) if target.kind == "member" else None
            agency = self.rules.member_agency(member) if member else self.rules.agencies.get(target.id)
            if agency is None or organisation.exists(agency):
                existing.append(target)
                continue
            heir = organisation.successor(agency.id)
            existing += [t for t in self.targets(f"agency:{heir.id}") if organisation.exists(heir)]
            dissolved.append(target)
        return list(dict.fromkeys(existing + dissolved))


def name_index(rules: Rules) -> NameIndex:
    """The name index of ``rules``, built once."""
    return rules.derived(NameIndex)
