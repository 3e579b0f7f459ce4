"""Problems found in a rules file (plain data, formatted by the CLI) and the catalogue of lint checks."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any, Literal

from quyche_cli.errors import QuycheError

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


class RulesFileError(QuycheError):
    """The rules file cannot be used: it is missing, unreadable or invalid; ``problems`` says where."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class LintCode(str, Enum):
    """Every drafting check of ``quyche lint``; ``lint.accepted[].code`` must name one of them."""

    NUMBERING_REPEAT = "numbering-repeat"
    NUMBERING_GAP = "numbering-gap"
    POINT_ORDER = "point-order"
    POINT_GAP = "point-gap"
    DUPLICATE_TEXT = "duplicate-text"
    LEAD_MISSING = "lead-missing"
    PARTNER_MISSING = "partner-missing"
    UNKNOWN_ARTICLE = "unknown-article"
    UNTRANSCRIBED = "untranscribed"


@dataclass(frozen=True)
class Check:
    code: LintCode
    severity: Severity
    description: str


LINT_CHECKS: dict[LintCode, Check] = {
    check.code: check
    for check in (
        Check(LintCode.NUMBERING_REPEAT, "warning", "Số chương, điều, khoản bị lặp."),
        Check(LintCode.NUMBERING_GAP, "warning", "Đánh số chương, điều, khoản nhảy cóc hoặc không bắt đầu từ 1."),
        Check(LintCode.POINT_ORDER, "warning", "Điểm sai thứ tự bảng chữ cái tiếng Việt (a, b, c, d, đ, e…)."),
        Check(LintCode.POINT_GAP, "warning", "Thiếu điểm giữa hai điểm liên tiếp."),
        Check(LintCode.DUPLICATE_TEXT, "warning", "Đoạn văn lặp lại nguyên văn một đoạn cùng cấp."),
        Check(LintCode.LEAD_MISSING, "warning", "Văn bản ghi 'chủ trì' nhưng 'lead' không có thành viên đó."),
        Check(LintCode.PARTNER_MISSING, "warning", "Văn bản ghi 'phối hợp' nhưng 'partners' không có thành viên đó."),
        Check(LintCode.UNKNOWN_ARTICLE, "warning", "Dẫn chiếu tới một điều mà Quy chế không có."),
        Check(LintCode.UNTRANSCRIBED, "warning", "Phần văn bản được đánh dấu chưa chép (untranscribed)."),
    )
}
