"""Which member sent a report: from the agency or symbol in its header, else from its file name."""

from __future__ import annotations

from quyche_cli import text as vt
from quyche_cli.audit.header import HEADER_LINES, parse_number_line
from quyche_cli.rules.index import Rules

MOTTO = {"cong hoa xa hoi chu nghia viet nam", "doc lap tu do hanh phuc"}


class SenderFinder:
    """Recognises the sender of a report among the members of the rules file."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        superior = rules.model.document.superior_body
        self.skip_lines = {vt.fold(superior), *MOTTO}
        keys = rules.names.exact
        self.phrases = [(f" {k} ", owners) for k, owners in keys.items() if " " in k or len(k) >= 3]

    def _target(self, owners: set[str]) -> str | None:
        targets = {t for owner in owners for t in self.rules.names.targets(owner)}
        return next(iter(targets)).id if len(targets) == 1 else None

    def from_document(self, lines: list[str]) -> tuple[str | None, str | None]:
        """(member, number line) from the header: the symbol after "Số: …/BC-", else an agency line."""
        header = lines[:HEADER_LINES]
        number = next((n for n in map(parse_number_line, header) if n), None)
        if number and vt.fold(number.issuer) in self.rules.names.exact:
            member = self._target(self.rules.names.exact[vt.fold(number.issuer)])
            if member:
                return member, number.text
        for line in header:
            folded = vt.fold(line)
            if not folded or folded in self.skip_lines or line != line.upper():
                continue
            resolution = self.rules.names.resolve(line)
            if resolution.status == "found" and resolution.stage == "exact":
                return resolution.targets[0].id, number.text if number else None
        return None, number.text if number else None

    def from_name(self, name: str) -> str | None:
        """The one member whose name, symbol or short form appears in a file name, else None."""
        haystack = f" {vt.fold(name)} "
        owners = set()
        for phrase, phrase_owners in self.phrases:
            if phrase in haystack:
                owners |= phrase_owners
        words = set(haystack.split())
        for core, owner in self.rules.names.word_sets:
            if len(core) > 1 and core <= words:
                owners.add(owner)
        return self._target(owners) if owners else None
