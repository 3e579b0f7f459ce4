"""Audit of the reports received for a period: who reported on time, late, or not at all, with the
evidence for every verdict. Reads the folder; never writes to it."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from quyche_cli import text as vt
from quyche_cli.audit.header import (
    date_from_name,
    parse_date_line,
    parse_number_line,
    parse_period_phrase,
    period_from_name,
)
from quyche_cli.audit.reading import Extracted, read_document
from quyche_cli.errors import InputError
from quyche_cli.rules.index import Rules
from quyche_cli.rules.succession import reporters_on, stand_in
from quyche_cli.schedule.deadlines import Planner
from quyche_cli.schedule.periods import Period, parse_date

Status = Literal["on_time", "late", "missing", "needs_review"]
Evidence = Literal["received", "document", "file name", "mtime"]
STATUS_VI = {"on_time": "đúng hạn", "late": "muộn", "missing": "chưa nộp", "needs_review": "cần xem lại"}
EVIDENCE_VI = {
    "received": "ngày nhận (tệp --received)",
    "document": "ngày trên văn bản",
    "file name": "ngày trong tên tệp",
    "mtime": "ngày sửa tệp",
}
SKIPPED = ("~$", "._")
SKIPPED_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}
HEADER_LINES = 15
MOTTO = {"cong hoa xa hoi chu nghia viet nam", "doc lap tu do hanh phuc"}


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

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.label,
            "period_source": self.period_source,
            "deadline": {"last_day": self.deadline, "rule": self.deadline_rule, "wording": self.deadline_wording},
            "members": [asdict(m) for m in self.members],
            "unmatched": self.unmatched,
            "files": [{k: v for k, v in asdict(f).items() if k != "text"} for f in self.files],
        }

    @property
    def all_on_time(self) -> bool:
        return all(m.status == "on_time" for m in self.members)


def list_files(folder: Path) -> tuple[list[Path], list[dict[str, str]]]:
    """Files under ``folder`` (sorted, links not followed) and the entries passed over with a reason."""
    found: list[Path] = []
    passed: list[dict[str, str]] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        base = Path(root)
        for name in sorted(dirs):
            if (base / name).is_symlink():
                passed.append(
                    {"file": str((base / name).relative_to(folder)), "reason": "thư mục liên kết: không theo"}
                )
        dirs.sort()
        for name in sorted(files):
            if name.startswith(SKIPPED) or name.lower() in SKIPPED_NAMES:
                continue
            path = base / name
            if path.is_symlink():
                passed.append({"file": str(path.relative_to(folder)), "reason": "liên kết tượng trưng: không theo"})
            else:
                found.append(path)
    return found, passed


def read_received(path: Path) -> dict[str, dt.date]:
    """``file,received`` rows (as exported from a document-management system), by NFC file name."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(f"Không đọc được tệp ngày nhận '{path}': {exc.strerror or exc}.") from None
    received: dict[str, dt.date] = {}
    with handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"file", "received"} <= {f.strip() for f in reader.fieldnames}:
            raise InputError(f"Tệp '{path}' cần hai cột 'file,received' ở dòng đầu.")
        for line, row in enumerate(reader, start=2):
            try:
                received[vt.clean(row["file"])] = parse_date(row["received"] or "")
            except InputError as error:
                raise InputError(f"{path}:{line}: {error}") from None
    return received


def title_lines(lines: list[str]) -> list[str]:
    """The trích yếu under the type name ("BÁO CÁO"): where a report names its period."""
    for index, line in enumerate(lines[: HEADER_LINES + 10]):
        if vt.fold(line) == "bao cao":
            return [t for t in lines[index + 1 : index + 3] if len(t) < 200]
    return [line for line in lines[:HEADER_LINES] if not parse_date_line(line)]


class Auditor:
    """Judges the files of one folder against the reporting rule of one period."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.planner = Planner(rules)
        superior = rules.model.document.superior_body
        self.skip_lines = {vt.fold(superior), *MOTTO}
        keys = rules.names.exact
        self.phrases = [(f" {k} ", owners) for k, owners in keys.items() if " " in k or len(k) >= 3]

    # -- identifying the sender ----------------------------------------------------------------------
    def _target(self, owners: set[str]) -> str | None:
        targets = {t for owner in owners for t in self.rules.names.targets(owner)}
        return next(iter(targets)).id if len(targets) == 1 else None

    def sender_from_document(self, lines: list[str]) -> tuple[str | None, str | None]:
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

    def sender_from_name(self, name: str) -> str | None:
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

    # -- one file --------------------------------------------------------------------------------------
    def examine(self, folder: Path, path: Path, received: dict[str, dt.date], full_text: bool) -> FileFacts:
        relative = str(path.relative_to(folder))
        facts = FileFacts(vt.clean(relative))
        try:
            stat = path.stat()
            facts.modified = dt.date.fromtimestamp(stat.st_mtime)
            digest = hashlib.sha256()
            with path.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
            facts.sha256 = digest.hexdigest()
        except OSError as exc:
            facts.problem = (
                "không có quyền đọc tệp"
                if isinstance(exc, PermissionError)
                else (f"không đọc được tệp ({exc.strerror or exc})")
            )
        document = read_document(path, header_only=not full_text) if not facts.problem else Extracted("other")
        facts.problem = facts.problem or document.problem
        facts.text = document.lines if full_text else []
        stem = path.stem
        if document.lines:
            facts.member, facts.number = self.sender_from_document(document.lines)
            facts.matched_by = "document" if facts.member else None
            date_line = next((d for d in map(parse_date_line, document.lines[: HEADER_LINES + 10]) if d), None)
            if date_line:
                facts.date_line = date_line.text
                facts.issue_date = date_line.date
                if date_line.error:
                    facts.notes.append(f"dòng ngày tháng sai: {date_line.error}")
                elif date_line.date is None:
                    facts.notes.append("văn bản chưa ghi ngày (bản dự thảo?)")
            period = next(filter(None, map(parse_period_phrase, title_lines(document.lines))), None)
            facts.title_period = period.label if period else None
        if facts.member is None:
            facts.member = self.sender_from_name(relative)
            facts.matched_by = "file name" if facts.member else None
        in_name = period_from_name(stem)
        if in_name:
            facts.name_period = f"{in_name[1] or '?'}-Q{in_name[0]}"
        facts.name_date = date_from_name(stem)
        facts.received = received.get(vt.clean(relative)) or received.get(vt.clean(path.name))
        for value, evidence in (
            (facts.received, "received"),
            (facts.issue_date, "document"),
            (facts.name_date, "file name"),
        ):
            if value is not None:
                facts.submitted, facts.evidence = value, evidence  # type: ignore[assignment]
                break
        else:
            facts.evidence = "mtime" if facts.modified else None
        return facts

    # -- the period ------------------------------------------------------------------------------------
    def infer_period(self, folder: Path, files: list[FileFacts], today: dt.date) -> tuple[Period, str]:
        titles = Counter(f.title_period for f in files if f.title_period)
        if titles:
            label, count = titles.most_common(1)[0]
            written_year, written_quarter = label.split("-Q")
            return Period(int(written_year), int(written_quarter)), f"tiêu đề của {count}/{len(files)} tệp"
        named = period_from_name(folder.resolve().name)
        if named:
            quarter, year = named
            if year is None:
                this_year = Period(today.year, quarter)
                deadline = self.planner.report_deadline(this_year)
                year = today.year if deadline and deadline.date and deadline.date < today else today.year - 1
            return Period(year, quarter), f"tên thư mục '{folder.resolve().name}'"
        period = Period.containing(today)
        for _ in range(4):
            item = self.planner.report_deadline(period)
            if item and item.date and item.date < today:
                break
            period = Period(period.year - 1, 4) if period.quarter == 1 else Period(period.year, period.quarter - 1)
        return period, "quý gần nhất đã hết hạn báo cáo"

    # -- verdicts --------------------------------------------------------------------------------------
    def judge(
        self, period: Period, deadline: dt.date, files: list[FileFacts]
    ) -> tuple[list[MemberVerdict], list[dict[str, str]]]:
        reporters = reporters_on(self.rules, period.end)
        by_hash: dict[str, str] = {}
        unmatched: list[dict[str, str]] = []
        for f in files:
            if f.sha256 and f.sha256 in by_hash:
                f.duplicate_of, f.counts = by_hash[f.sha256], False
                f.notes.append(f"bản trùng của {by_hash[f.sha256]}")
            elif f.sha256:
                by_hash[f.sha256] = f.file
            if f.member and f.member in self.rules.members:
                heir = stand_in(self.rules, f.member, period.end)
                if heir != f.member:
                    f.notes.append(f"cơ quan đã hợp nhất; tính cho {self._name(heir)}")
                    f.member = heir
            if f.title_period and f.title_period != period.label:
                f.counts = False
                f.notes.append(f"tiêu đề ghi kỳ {f.title_period}, không phải {period.label}")
            if f.member is None:
                unmatched.append(
                    {
                        "file": f.file,
                        "reason": f.problem
                        or "không nhận ra cơ quan gửi (tiêu đề văn bản và tên tệp không khớp thành viên nào)",
                    }
                )
            elif f.member not in reporters:
                unmatched.append(
                    {
                        "file": f.file,
                        "reason": f"{self._name(f.member)} không thuộc danh sách phải báo cáo kỳ {period.label}",
                    }
                )
        verdicts = [self._verdict(member, deadline, [f for f in files if f.member == member]) for member in reporters]
        return verdicts, unmatched

    def _name(self, ident: str) -> str:
        """Verdict rows name a member id, or a successor agency that holds no role."""
        return self.rules.display_name("member" if ident in self.rules.members else "agency", ident)

    def _verdict(self, member: str, deadline: dt.date, files: list[FileFacts]) -> MemberVerdict:
        names = [f.file for f in files]
        counting = [f for f in files if f.counts]
        dated = sorted(
            (f for f in counting if f.evidence in ("received", "document", "file name") and f.submitted),
            key=lambda f: f.submitted or dt.date.max,
        )

        def verdict(
            status: Status, submitted: dt.date | None = None, evidence: str | None = None, note: str = ""
        ) -> MemberVerdict:
            return MemberVerdict(member, self._name(member), status, submitted, evidence, names, note)

        if dated:
            first = dated[0]
            assert first.submitted is not None and first.evidence is not None
            status: Status = "on_time" if first.submitted <= deadline else "late"
            late_by = (first.submitted - deadline).days
            note = f"{first.file}" + (f"; muộn {late_by} ngày" if status == "late" else "")
            return verdict(status, first.submitted, EVIDENCE_VI[first.evidence], note)
        if counting:
            reasons = "; ".join(
                f"{f.file}: {f.problem or ', '.join(f.notes) or 'không xác định được ngày nộp'}" for f in counting
            )
            if all(f.evidence == "mtime" and not f.problem for f in counting):
                reasons += " (chỉ có ngày sửa tệp, không đủ để kết luận)"
            return verdict("needs_review", note=reasons)
        note = "; ".join(f"{f.file}: {', '.join(f.notes)}" for f in files) if files else ""
        return verdict("missing", note=note)

    # -- the whole folder ------------------------------------------------------------------------------
    def run(
        self,
        folder: Path,
        period: Period | None = None,
        received: dict[str, dt.date] | None = None,
        today: dt.date | None = None,
        coverage: bool = False,
        progress: Callable[[Iterator[Path], int], Iterator[Path]] | None = None,
    ) -> Audit:
        paths, passed = list_files(folder)
        iterator: Iterator[Path] = iter(paths)
        if progress:
            iterator = progress(iterator, len(paths))
        files = [self.examine(folder, p, received or {}, coverage) for p in iterator]
        today = today or dt.date.today()
        if period is None:
            period, source = self.infer_period(folder, files, today)
        else:
            source = "--period"
        item = self.planner.report_deadline(period)
        if item is None or item.date is None:
            raise InputError("Tệp quy chế không có hạn báo cáo định kỳ (reporting.steps với anchor period_last_month).")
        verdicts, unmatched = self.judge(period, item.date, files)
        if coverage:
            from quyche_cli.audit.coverage import coverage_of

            for verdict in verdicts:
                texts = [line for f in files if f.member == verdict.member and f.counts for line in f.text]
                verdict.coverage = coverage_of(self.rules, verdict.member, texts, period.end)
        return Audit(period, source, item.date, item.rule, item.wording, verdicts, passed + unmatched, files)
