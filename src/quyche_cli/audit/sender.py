"""Which member sent a report: from the agency or symbol in its header, else from its file name."""

from __future__ import annotations

from functools import cached_property

from quyche_cli import text as vt
from quyche_cli.audit.header import HEADER_LINES, parse_number_line
from quyche_cli.rules.index import Rules
from quyche_cli.rules.names import name_index

MOTTO = {"cong hoa xa hoi chu nghia viet nam", "doc lap tu do hanh phuc"}


class SenderFinder:
    """Recognises the sender of a report among the members of the rules file."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.names = name_index(rules)
        superior = rules.model.document.superior_body
        self.skip_lines = {vt.fold(superior or ""), *MOTTO} - {""}

    def _target(self, owners: set[str]) -> str | None:
        """The one member ``owners`` name; for an agency holding several seats, its seat that reports (the
        first listed among the reporters of any stream, else its first seat)."""
        targets = {t for owner in owners for t in self.names.targets(owner)}
        if len(targets) == 1:
            return next(iter(targets)).id
        seats = [m for m in self.rules.model.members if m.id in {t.id for t in targets if t.kind == "member"}]
        if len(seats) != len(targets) or len({m.agency for m in seats}) != 1 or seats[0].agency is None:
            return None
        return next((m.id for m in seats if m.id in self._listed), seats[0].id)

    @cached_property
    def _listed(self) -> set[str]:
        """Every seat that some stream lists as a reporter."""
        reporting = self.rules.model.reporting
        if reporting is None:
            return set()
        return {*reporting.reporters, *(r for s in reporting.streams for r in s.reporters or [])}

    def from_document(self, lines: list[str]) -> tuple[str | None, str | None]:
        """(member, number line) from the header: the symbol after "Số: …/BC-", else an agency line."""
        header = lines[:HEADER_LINES]
        number = next((n for n in map(parse_number_line, header) if n), None)
        if number:
            member = self._target(self.names.owners_of(vt.fold(number.issuer)))
            if member:
                return member, number.text
        for line in map(_left_column, header):
            folded = vt.fold(line)
            if not folded or folded in self.skip_lines or line != line.upper():
                continue
            resolution = self.names.resolve(line)
            if resolution.status == "found" and resolution.stage == "exact":
                return resolution.targets[0].id, number.text if number else None
        return None, number.text if number else None

    def from_name(self, name: str) -> str | None:
        """The one member whose name, symbol or short form appears in a file name, else None."""
        owners = self.names.owners_in(name)
        return self._target(owners) if owners else None


def _left_column(line: str) -> str:
    """A header line without the motto that a PDF's text layer often puts on the same line (the right column of
    the header table): "PHÓ CHỦ TỊCH UBND XÃ – TỔ PHÓ Độc lập - Tự do - Hạnh phúc" is the letterhead's line."""
    folded, origin = vt.fold_with_origin(line)
    starts = [folded.find(motto) for motto in MOTTO if motto in folded]
    if not starts or min(starts) == 0:
        return line
    return line[: origin[min(starts)]].strip()
