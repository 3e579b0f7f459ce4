"""Problems found in a rules file: plain data, formatted by the CLI."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One finding, located in the file (1-based line and column) and in the text ("Điều 6 › khoản 15")."""

    code: str
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    ref: str | None = None
    severity: Severity = "error"
    accepted: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
