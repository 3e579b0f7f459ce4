"""What an audit found: the facts read from each file, the verdict for each member, and the whole result
as it is written to and read back from JSON."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, cast

from quyche_cli.errors import InputError
from quyche_cli.schedule.periods import Period, parse_period

Status = Literal["on_time", "late", "missing", "needs_review", "not_due"]
Evidence = Literal["received", "signature", "timestamp", "mail received", "mail date", "document", "file name", "mtime"]
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
    "received": "ngày nhận (sổ văn bản đến, --received)",
    "signature": "thời gian ký số (sau hạn)",
    "timestamp": "dấu thời gian của chữ ký số (sau hạn)",
    "mail received": "giờ máy chủ thư nhận thư (Received)",
    "mail date": "ngày gửi ghi trong thư (Date)",
    "document": "ngày trên văn bản",
    "file name": "ngày trong tên tệp",
    "mtime": "ngày sửa tệp",
}
# The order in which evidence of the day of submission is weighed, strongest first (docs/thu-ky.md:
# "Thứ tự bằng chứng").
EVIDENCE_ORDER = [
    "1. ngày nhận trong sổ văn bản đến (--received): luôn thắng mọi ngày khác, cho mọi bản sao của cùng báo cáo",
    "2. điều chứng minh nộp muộn: thời gian ký số hoặc dấu thời gian sau hạn (không thể gửi trước khi ký); "
    "ký trước hạn không chứng minh đã gửi",
    "3. thời điểm thư điện tử đến (máy chủ nhận ghi ở Received, nếu không có thì Date của người gửi)",
    "4. ngày trên dòng địa danh, ngày tháng của văn bản",
    "5. ngày trong tên tệp",
    "ngày sửa tệp không bao giờ đủ để kết luận",
]


# Said of every signature: nothing here fetches a CRL or asks an OCSP responder, so a revoked certificate
# looks like any other.
REVOCATION_UNCHECKED = "chưa kiểm tra chứng thư có bị thu hồi hay không (không tra CRL/OCSP)"
CHAIN_UNCHECKED = "chưa xác minh chuỗi chứng thư (không có --trust-roots)"


@dataclass
class Signature:
    """A digital signature found in a PDF, as read (never trusted beyond what was verified)."""

    signer: str | None = None
    organisation: str | None = None
    signed_at: dt.datetime | None = None  # the time the signer's software claims (CMS signingTime, else /M)
    timestamp: dt.datetime | None = None  # the time of an RFC 3161 timestamp token, if the signature has one
    intact: bool | None = None  # the signed bytes are unchanged
    whole_file: bool | None = None  # the signature covers the whole file (nothing appended after it)
    changed_after: str | None = None  # what was changed after signing, in Vietnamese; None when nothing
    chain: str = CHAIN_UNCHECKED
    trusted: bool | None = None  # None: the chain was not verified
    revocation: str = REVOCATION_UNCHECKED  # whether the certificate was checked for revocation, in Vietnamese
    problem: str | None = None

    @property
    def moment(self) -> dt.datetime | None:
        """The time that bounds the sending: the timestamp token's, else the claimed one."""
        return self.timestamp or self.signed_at

    def describe(self) -> str:
        """One Vietnamese line: who signed, when, and what is known of the file since."""
        if self.problem:
            return f"chữ ký số không đọc được: {self.problem}"
        who = self.signer or "không rõ người ký"
        if self.organisation:
            who += f" ({self.organisation})"
        parts = [f"ký số bởi {who}"]
        if self.signed_at:
            parts.append(f"thời gian ký tự khai {self.signed_at:%d/%m/%Y %H:%M}")
        if self.timestamp:
            parts.append(f"dấu thời gian {self.timestamp:%d/%m/%Y %H:%M}")
        if self.intact is False:
            parts.append("nội dung đã ký bị sửa (chữ ký không còn khớp)")
        elif self.changed_after:
            parts.append(f"sửa sau khi ký: {self.changed_after}")
        if self.whole_file is False and not self.changed_after:
            parts.append("chữ ký không phủ toàn bộ tệp")
        parts += [self.chain, self.revocation]
        return ", ".join(parts)


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
    received_time: str | None = None  # the time of day the register wrote ("17:45")
    register_line: int | None = None  # the line of the register that gave ``received``
    mail_sender: str | None = None  # the e-mail that carried the file: its From address,
    mail_sent: dt.datetime | None = None  # its Date header,
    mail_arrived: dt.datetime | None = None  # the receiving server's time in its Received header
    signatures: list[Signature] = field(default_factory=list)
    modified: dt.date | None = None
    submitted: dt.date | None = None
    evidence: Evidence | None = None
    sha256: str | None = None
    duplicate_of: str | None = None
    copy_of: str | None = None  # another copy (converted or identical) of the same report, which it shares dates with
    review: str | None = None  # why the file cannot be credited without a look (a letterhead of a dissolved body…)
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
    reason: str = ""  # why this status, in one Vietnamese sentence
    evidence_used: list[str] = field(default_factory=list)  # every piece of evidence weighed, strongest first


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
            "evidence_order": EVIDENCE_ORDER,
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
                    m.get("reason", ""),
                    list(m.get("evidence_used", [])),
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
_TIMES = {"mail_sent", "mail_arrived", "signed_at", "timestamp"}


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _time(value: Any) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(value)


def _file_facts(data: dict[str, Any]) -> FileFacts:
    values: dict[str, Any] = {
        k: _date(v) if k in _FILE_DATES else _time(v) if k in _TIMES else v for k, v in data.items()
    }
    values["signatures"] = [_signature(s) for s in values.get("signatures", [])]
    return FileFacts(**values)


def _signature(data: dict[str, Any]) -> Signature:
    values: dict[str, Any] = {k: _time(v) if k in _TIMES else v for k, v in data.items()}
    return Signature(**values)


def _status(value: Any) -> Status:
    if value not in STATUS_VI:
        raise ValueError(f"trạng thái '{value}' không có")
    return cast(Status, value)
