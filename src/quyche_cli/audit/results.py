"""What an audit found: the facts read from each file, the verdict for each member, and the whole result
as it is written to and read back from JSON."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, cast

from quyche_cli.errors import InputError
from quyche_cli.schedule.periods import Period, parse_period

Status = Literal["on_time", "late", "missing", "needs_review", "not_due"]
Evidence = Literal["received", "document", "file name", "mtime"]
STATUS_VI = {
    "on_time": "đúng hạn",
    "late": "muộn",
    "missing": "chưa nộp",
    "needs_review": "cần xem lại",
    "not_due": "chưa đến hạn",
}
# The verdicts that ask for action (exit code 1): nobody has to act for "on_time" or, yet, for "not_due".
ACTION_NEEDED = frozenset({"late", "missing", "needs_review"})
EVIDENCE_VI = {
    "received": "ngày nhận (tệp --received)",
    "document": "ngày trên văn bản",
    "file name": "ngày trong tên tệp",
    "mtime": "ngày sửa tệp",
}


@dataclass
class FileFacts:
    """What one file says, and how it was judged."""

    file: str
    member: str | None = None
    matched_by: Literal["document", "file name"] | None = None
    number: str | None = None
    issue_date: dt.date | None = None
    date_line: str | None = None
    title_period: str | None = None
    title_year: int | None = None  # the year, when the title reports on the whole year too ("quý IV và cả năm")
    name_period: str | None = None
    name_date: dt.date | None = None
    received: dt.date | None = None
    modified: dt.date | None = None
    submitted: dt.date | None = None
    evidence: Evidence | None = None
    sha256: str | None = None
    duplicate_of: str | None = None
    counts: bool = True
    notes: list[str] = field(default_factory=list)
    problem: str | None = None
    text: list[str] = field(default_factory=list, repr=False)


@dataclass
class MemberVerdict:
    member: str
    title: str
    status: Status
    submitted: dt.date | None
    evidence: str | None
    files: list[str]
    note: str = ""
    coverage: list[dict[str, Any]] | None = None


@dataclass
class Audit:
    period: Period
    period_source: str
    deadline: dt.date
    deadline_rule: str
    deadline_wording: str | None
    members: list[MemberVerdict]
    unmatched: list[dict[str, str]]
    files: list[FileFacts]
    notices: list[str] = field(default_factory=list)
    stream: str | None = None
    as_of: dt.date | None = None  # the audit date (today or --as-of): before the deadline, "not_due"

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.label,
            "stream": self.stream,
            "period_source": self.period_source,
            "deadline": {"last_day": self.deadline, "rule": self.deadline_rule, "wording": self.deadline_wording},
            "members": [asdict(m) for m in self.members],
            "unmatched": self.unmatched,
            "files": [{k: v for k, v in asdict(f).items() if k != "text"} for f in self.files],
            "notices": self.notices,
            "as_of": self.as_of,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Audit:
        """The audit that :meth:`as_dict` wrote, read back from JSON (dates as ISO strings, period "2024-Q3")."""
        try:
            period = parse_period(str(data["period"]))
            deadline = data["deadline"]
            members = [
                MemberVerdict(
                    m["member"],
                    m["title"],
                    _status(m["status"]),
                    _date(m["submitted"]),
                    m["evidence"],
                    list(m["files"]),
                    m["note"],
                    m["coverage"],
                )
                for m in data["members"]
            ]
            files = [_file_facts(f) for f in data["files"]]
            return cls(
                period,
                data["period_source"],
                dt.date.fromisoformat(deadline["last_day"]),
                deadline["rule"],
                deadline["wording"],
                members,
                list(data["unmatched"]),
                files,
                list(data.get("notices", [])),
                data.get("stream"),
                _date(data.get("as_of")),
            )
        except (KeyError, TypeError, ValueError, AttributeError, InputError) as exc:
            why = f"thiếu trường '{exc.args[0]}'" if isinstance(exc, KeyError) else "có giá trị sai kiểu"
            raise InputError(f"Tệp --from-audit không đúng dạng kết quả của check-reports ({why}).") from None

    @property
    def action_needed(self) -> bool:
        """Whether a member is late, missing after the deadline, or needs review."""
        return any(m.status in ACTION_NEEDED for m in self.members)


_FILE_DATES = {"issue_date", "name_date", "received", "modified", "submitted"}


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _file_facts(data: dict[str, Any]) -> FileFacts:
    values: dict[str, Any] = {k: _date(v) if k in _FILE_DATES else v for k, v in data.items()}
    return FileFacts(**values)


def _status(value: Any) -> Status:
    if value not in STATUS_VI:
        raise ValueError(f"trạng thái '{value}' không có")
    return cast(Status, value)
