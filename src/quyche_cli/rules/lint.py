"""Drafting checks on the regulation itself: numbering, point order, repeated text, chủ trì/phối hợp
phrases the structured data leaves out, references to articles that do not exist.

Findings are warnings; the rules file may accept one (code + provision id) with a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from quyche_cli import text as vt
from quyche_cli.rules.index import POINT_ORDER, Provision, Rules, roman_to_int
from quyche_cli.rules.mentions import mentions
from quyche_cli.rules.problems import LINT_CHECKS, LintCode, Problem

_PARTNER_PHRASE = re.compile(r"phối hợp với (.*?)(?:[;.:]|$)")
_ARTICLE_REF = re.compile(r"\bĐiều (\d+)(?! (?:Quyết định|Nghị định|Luật|Bộ luật|Thông tư|Chỉ thị|Nghị quyết|của))")


class _Linter:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.findings: list[Problem] = []
        self.accepted = {(a.code, a.ref): a.reason for a in rules.model.lint.accepted}

    def add(self, code: LintCode, provision: Provision, message: str) -> None:
        source = self.rules.source
        line, column = source.position(provision.path) if source else (None, None)
        self.findings.append(
            Problem(
                code.value,
                message,
                source.file if source else None,
                line,
                column,
                provision.citation,
                LINT_CHECKS[code].severity,
                self.accepted.get((code, provision.id)),
            )
        )

    def numbering(self, parent: Provision, children: list[Provision], what: str, values: list[int]) -> None:
        """Numbers must run 1, 2, 3… without gaps or repeats."""
        expected = 1
        seen: set[int] = set()
        for child, value in zip(children, values, strict=True):
            if value in seen:
                self.add(LintCode.NUMBERING_REPEAT, child, f"{what} {child.num} bị lặp trong {parent.citation}.")
            elif value != expected:
                gap = f"bắt đầu từ {child.num}" if expected == 1 else f"nhảy từ {expected - 1} lên {child.num}"
                self.add(
                    LintCode.NUMBERING_GAP,
                    child,
                    f"Đánh số {what} trong {parent.citation} {gap} (thiếu {what} {expected}).",
                )
            seen.add(value)
            expected = max(expected, value + 1)

    def point_order(self, clause: Provision) -> None:
        points = [c for c in clause.children if c.kind == "point"]
        expected = 0
        for point in points:
            index = POINT_ORDER.index(point.num or "")
            if index < expected - 1 or (index == expected - 1 and point.occurrence > 1):
                self.add(
                    LintCode.POINT_ORDER,
                    point,
                    f"Điểm {point.num} trong {clause.citation} sai thứ tự "
                    "bảng chữ cái tiếng Việt (a, b, c, d, đ, e, g, h, i, k, …).",
                )
            elif index > expected:
                missing = ", ".join(POINT_ORDER[expected:index])
                self.add(
                    LintCode.POINT_GAP,
                    point,
                    f"Sau điểm {POINT_ORDER[expected - 1] if expected else '(đầu)'} "
                    f"là điểm {point.num} trong {clause.citation}: thiếu điểm {missing}.",
                )
            expected = max(expected, index + 1)

    def repeated_text(self, parent: Provision) -> None:
        """A paragraph that repeats a sibling word for word (standard formulas across members are fine)."""
        first: dict[str, Provision] = {}
        for provision in parent.children:
            if provision.kind == "article" or getattr(provision.node, "shared", None):
                continue
            key = vt.canon(provision.text or "")
            if key in first:
                self.add(LintCode.DUPLICATE_TEXT, provision, f"Đoạn văn lặp lại nguyên văn {first[key].citation}.")
            else:
                first[key] = provision

    def who_does_what(self, provision: Provision) -> None:
        duty = provision.duty
        if duty is None or not provision.text:
            return
        stated = set(duty.lead) | set(duty.partners)
        text = vt.clean(provision.text)
        owner = self.rules.owner(provision)
        folded = vt.fold(text)
        if owner and folded.startswith("chu tri") and owner.id not in duty.lead:
            self.add(LintCode.LEAD_MISSING, provision, f"Văn bản ghi 'chủ trì' nhưng 'lead' không có '{owner.id}'.")
        if owner and folded.startswith("phoi hop") and owner.id not in duty.partners:
            self.add(
                LintCode.PARTNER_MISSING, provision, f"Văn bản ghi 'phối hợp' nhưng 'partners' không có '{owner.id}'."
            )
        for match in _PARTNER_PHRASE.finditer(text.lower()):
            for agency_id in mentions(self.rules).agencies(match.group(1)):
                holders = {m.id for m in self.rules.members_of(agency_id)}
                if holders and not holders & stated:
                    name = self.rules.agencies[agency_id].name
                    self.add(
                        LintCode.PARTNER_MISSING,
                        provision,
                        f"Văn bản ghi 'phối hợp với {name}' nhưng 'lead'/"
                        f"'partners' không có {', '.join(sorted(holders))}.",
                    )

    def article_refs(self, provision: Provision, articles: set[str]) -> None:
        for match in _ARTICLE_REF.finditer(provision.text or ""):
            if match.group(1) not in articles:
                self.add(
                    LintCode.UNKNOWN_ARTICLE,
                    provision,
                    f"Dẫn chiếu tới Điều {match.group(1)} nhưng Quy chế không có điều này.",
                )

    def run(self) -> list[Problem]:
        rules = self.rules
        root = rules.chapters[0] if rules.chapters else None
        if root:
            chapters = rules.chapters
            self.numbering(root, chapters, "Chương", [roman_to_int(c.num or "") for c in chapters])
        articles = rules.articles()
        by_document: dict[str | None, list[Provision]] = {}
        for article in articles:
            by_document.setdefault(_document_of(article), []).append(article)
        for each in by_document.values():  # the instrument and each attachment number their own articles
            self.numbering(each[0], each, "Điều", [int(a.num or 0) for a in each])
        names = {a.num or "" for a in by_document.get(None, [])}
        for provision in rules.provisions:
            if provision.untranscribed:
                self.add(
                    LintCode.UNTRANSCRIBED,
                    provision,
                    f"{provision.citation} chưa được chép vào tệp quy chế ({provision.untranscribed}).",
                )
            clauses = [c for c in provision.children if c.kind == "clause"]
            if provision.kind == "article" and clauses:
                self.numbering(provision, clauses, "khoản", [int(c.num or 0) for c in clauses])
            if provision.kind == "clause":
                self.point_order(provision)
            self.who_does_what(provision)
            self.article_refs(provision, names)
            self.repeated_text(provision)
        return self.findings


@dataclass
class LintReport:
    """Every drafting finding, in document order of the checks."""

    findings: list[Problem]

    @property
    def failing(self) -> list[Problem]:
        """Findings that make ``--strict`` fail: those not accepted."""
        return [f for f in self.findings if not f.accepted]

    def as_dict(self) -> dict[str, Any]:
        keys = ("code", "severity", "ref", "line", "message", "accepted")
        return {"findings": [{k: v for k, v in f.as_dict().items() if k in keys} for f in self.findings]}


def _document_of(provision: Provision) -> str | None:
    """The id of the instrument or attachment ``provision`` belongs to, None for the regulation itself."""
    return next((p.id for p in provision.lineage() if p.kind == "document"), None)


def lint(rules: Rules) -> LintReport:
    """Run every check of the catalogue on ``rules``."""
    return LintReport(_Linter(rules).run())
