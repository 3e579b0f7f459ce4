"""Matching the provisions of two versions of a regulation, so that numbering does not fool the comparison.

Provisions are matched kind by kind, outermost first (attached documents, chapters, articles, clauses, points,
paragraphs, items): identical
texts first, then identical ids, then similar texts (RapidFuzz on the folded text). A matched pair whose number
or parent differs is a renumbering or a move; a child that keeps its number under its matched parent just
follows it and is not reported.

Similar texts are found by comparing every remaining old text with every remaining new one while there are at
most ``EXHAUSTIVE`` such pairs (every real regulation: a few hundred provisions of a kind). Beyond that, the
time would grow with the square of the texts, so each old text is compared only with the ``SHORTLIST`` new
texts that share most of its ``RARE`` rarest words (words found in more than ``COMMON`` new texts are no
clue): the work grows in proportion to the texts, and a text whose rewrite shares no rare word is shown as
removed and added, with a notice saying so.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Literal

from quyche_cli import text as vt
from quyche_cli.rules.index import Provision, Rules

ChangeKind = Literal["added", "removed", "changed", "renumbered", "moved", "unchanged"]
KIND_ORDER = ("document", "chapter", "article", "clause", "point", "paragraph", "item")
KIND_VI = {
    "document": "văn bản kèm theo",
    "chapter": "chương",
    "article": "điều",
    "clause": "khoản",
    "point": "điểm",
    "paragraph": "đoạn",
    "item": "mục",
}
BEST = 5  # candidates kept for each old text
ROUNDS = 4  # passes over the old texts whose candidates were taken
SIMILAR = 80  # RapidFuzz score (0-100) from which two unmatched texts are the same provision rewritten
EXHAUSTIVE = 250_000  # old × new texts of a kind up to which every pair is compared
RARE = 8  # the rarest words of an old text that look for its candidates
COMMON = 64  # a word in more new texts than this says nothing about which one a text became
SHORTLIST = 16  # the new texts, sharing most rare words, that an old text is compared with (more on a tie)


@dataclass(frozen=True)
class Change:
    """One provision that differs between the two versions."""

    kind: ChangeKind
    old: Provision | None
    new: Provision | None

    @property
    def provision(self) -> Provision:
        """The provision as it stands in the new version, or the removed one."""
        found = self.new or self.old
        assert found is not None
        return found

    @property
    def where(self) -> str:
        """ "khoản 2 Điều 5 → khoản 1 Điều 5", or the one citation when it did not change."""
        if self.old and self.new and self.old.citation != self.new.citation:
            return f"{self.old.citation} → {self.new.citation}"
        return self.provision.citation

    def as_dict(self) -> dict[str, str | None]:
        return {
            "kind": self.kind,
            "old_id": self.old.id if self.old else None,
            "new_id": self.new.id if self.new else None,
            "old_ref": self.old.citation if self.old else None,
            "new_ref": self.new.citation if self.new else None,
            "old_text": self.old.text if self.old else None,
            "new_text": self.new.text if self.new else None,
        }


def _key(provision: Provision) -> str:
    return vt.canon(provision.text or "")


def _pair_identical(olds: list[Provision], news: list[Provision], pairs: dict[Provision, Provision]) -> None:
    """Pair identical texts: a text found once on each side; a repeated text ("Thực hiện các nhiệm vụ khác…")
    where the number under the matched parent, or the id, is the same, then in document order."""
    by_text: dict[str, list[Provision]] = defaultdict(list)
    for new in news:
        by_text[_key(new)].append(new)
    groups: dict[str, list[Provision]] = defaultdict(list)
    for old in olds:
        groups[_key(old)].append(old)
    for text, old_group in groups.items():
        new_group = by_text.get(text, [])
        for same in (
            lambda o, n: pairs.get(o.parent) is n.parent and o.num == n.num,
            lambda o, n: o.id == n.id,
            lambda o, n: True,
        ):
            for old in list(old_group):
                found = next((n for n in new_group if same(old, n)), None)
                if found is not None:
                    pairs[old] = found
                    old_group.remove(old)
                    new_group.remove(found)


def _pair_similar(olds: list[Provision], news: list[Provision], pairs: dict[Provision, Provision]) -> bool:
    """Pair the most similar remaining texts first, from a score of ``SIMILAR``. Only the ``BEST`` candidates
    of each old text are kept (memory in proportion to the texts, not to the pairs); an old text whose
    candidates were all taken by better pairs is tried again against what is left, up to ``ROUNDS`` times.
    Returns whether the texts were too many to compare every pair (each was compared with its shortlist)."""
    from rapidfuzz import fuzz, process

    old_texts = [vt.fold(o.text or "") for o in olds]
    new_texts = [vt.fold(n.text or "") for n in news]
    shortlists = None if len(olds) * len(news) <= EXHAUSTIVE else _shortlists(old_texts, new_texts)
    left_old, left_new = list(range(len(olds))), list(range(len(news)))
    for _round in range(ROUNDS):
        if not left_old or not left_new:
            break
        everything = {j: new_texts[j] for j in left_new}
        ranked = sorted(
            (
                (score, i, j)
                for i in left_old
                for _text, score, j in process.extract(
                    old_texts[i],
                    everything if shortlists is None else {j: everything[j] for j in shortlists[i] if j in everything},
                    scorer=fuzz.ratio,
                    score_cutoff=SIMILAR,
                    limit=BEST,
                )
            ),
            reverse=True,
        )
        hopeful = {i for _score, i, _j in ranked}  # an old text with no candidate now never gets one
        taken_old: set[int] = set()
        taken_new: set[int] = set()
        for _score, i, j in ranked:
            if i not in taken_old and j not in taken_new:
                pairs[olds[i]] = news[j]
                taken_old.add(i)
                taken_new.add(j)
        left_old = [i for i in left_old if i in hopeful and i not in taken_old]
        left_new = [j for j in left_new if j not in taken_new]
    return shortlists is not None


def _shortlists(old_texts: list[str], new_texts: list[str]) -> list[list[int]]:
    """For each old text, the ``SHORTLIST`` new texts that share most of its ``RARE`` rarest words, and those that
    share as many as the last of them (a text repeated in many places), at most ``COMMON``: the work is at most
    ``RARE × COMMON`` steps and ``COMMON`` comparisons per old text."""
    holders: dict[str, list[int]] = defaultdict(list)
    for j, text in enumerate(new_texts):
        for word in set(text.split()):
            holders[word].append(j)
    shortlists = []
    for text in old_texts:
        rare = sorted((len(holders[w]), w) for w in set(text.split()) if 0 < len(holders.get(w, ())) <= COMMON)
        shared = Counter(j for _count, word in rare[:RARE] for j in holders[word])
        ranked = sorted(shared, key=lambda j: (-shared[j], j))
        least = shared[ranked[SHORTLIST - 1]] if len(ranked) >= SHORTLIST else 0
        best = [j for j in ranked[:COMMON] if shared[j] >= least]  # as many as the last one share: kept too
        shortlists.append(sorted(best))  # in the texts' order, as every pair is: ties are broken the same way
    return shortlists


def match(old: Rules, new: Rules) -> tuple[dict[Provision, Provision], list[str]]:
    """Each old provision that still exists, mapped to its new version; and the notices of how it was found
    (the kinds whose texts were too many to compare every pair)."""
    pairs: dict[Provision, Provision] = {}
    notices: list[str] = []
    for kind in KIND_ORDER:
        olds = [p for p in old.provisions if p.kind == kind]
        news = [p for p in new.provisions if p.kind == kind]
        _pair_identical(olds, news, pairs)
        taken = set(pairs.values())
        by_id = {n.id: n for n in news if n not in taken}
        for o in olds:
            if o not in pairs and o.id in by_id:
                pairs[o] = by_id.pop(o.id)
        taken = set(pairs.values())
        left_old, left_new = [o for o in olds if o not in pairs], [n for n in news if n not in taken]
        if _pair_similar(left_old, left_new, pairs):
            unpaired = sum(o not in pairs for o in left_old)
            notices.append(
                f"{len(left_old)} {KIND_VI[kind]} cũ và {len(left_new)} {KIND_VI[kind]} mới khác nguyên văn: quá "
                f"nhiều để so từng cặp, mỗi {KIND_VI[kind]} cũ chỉ được so với các {KIND_VI[kind]} mới có chung "
                f"từ hiếm; {unpaired} {KIND_VI[kind]} không ghép được hiện là bỏ và thêm (có thể là cùng một "
                f"{KIND_VI[kind]} viết lại)."
            )
    return pairs, notices


def changes(old: Rules, new: Rules, pairs: dict[Provision, Provision], every: bool = False) -> list[Change]:
    """Every change, in the order of the new text (a removed provision after the one it followed);
    with ``every``, the unchanged provisions too."""
    position = {p: i for i, p in enumerate(new.provisions)}
    order: list[tuple[float, int, Change]] = []
    last = -1.0  # where the last old provision that still exists stands in the new text
    for o in old.provisions:
        n = pairs.get(o)
        if n is not None:
            last = position[n]
        if n is None and o.parent is not None and o.parent.kind != "chapter" and o.parent not in pairs:
            continue  # inside a removed provision: shown with it
        if n is None:
            order.append((last + 0.5, len(order), Change("removed", o, None)))
            continue
        follows = pairs.get(o.parent) is n.parent if o.parent else n.parent is None
        if _key(o) != _key(n):
            kind: ChangeKind = "changed"
        elif o.num != n.num and follows:
            kind = "renumbered"
        elif not follows:
            kind = "moved"
        elif every:
            kind = "unchanged"
        else:
            continue
        order.append((position[n], len(order), Change(kind, o, n)))
    matched = set(pairs.values())
    order += [
        (position[n], len(order), Change("added", None, n))
        for n in new.provisions
        if n not in matched and (n.parent is None or n.parent.kind == "chapter" or n.parent in matched)
    ]
    return [change for _, _, change in sorted(order, key=lambda item: (item[0], item[1]))]


Segment = tuple[Literal["equal", "delete", "insert"], str]


def word_diff(old: str, new: str) -> list[Segment]:
    """The words of ``old`` and ``new`` as kept, deleted and inserted runs (compared on their canonical form)."""
    before, after = vt.clean(old).split(), vt.clean(new).split()
    matcher = difflib.SequenceMatcher(None, [vt.canon(w) for w in before], [vt.canon(w) for w in after], autojunk=False)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(("equal", " ".join(after[j1:j2])))
            continue
        if i2 > i1:
            segments.append(("delete", " ".join(before[i1:i2])))
        if j2 > j1:
            segments.append(("insert", " ".join(after[j1:j2])))
    return segments
