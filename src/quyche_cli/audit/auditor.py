"""Audit of the reports received for a period: who reported on time, late, or not at all, with the
evidence for every verdict. Reads the folder; never writes to it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from quyche_cli import clock
from quyche_cli import text as vt
from quyche_cli.audit.folder import display_name, is_copy_name, list_files
from quyche_cli.audit.header import (
    HEADER_LINES,
    date_from_name,
    parse_date_line,
    parse_period_phrase,
    period_from_name,
    title_lines,
)
from quyche_cli.audit.reading import read_document
from quyche_cli.audit.results import EVIDENCE_VI, Audit, FileFacts, MemberVerdict, Status
from quyche_cli.audit.sender import SenderFinder
from quyche_cli.errors import InputError
from quyche_cli.rules.index import Rules
from quyche_cli.rules.model import Stream
from quyche_cli.rules.organisation import Organisation
from quyche_cli.schedule.deadlines import CYCLE_KIND, Planner
from quyche_cli.schedule.periods import Kind, Period, parse_period, period_phrase


class Auditor:
    """Judges the files of one folder against the reporting rule of one period."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.planner = Planner(rules)
        self.sender = SenderFinder(rules)
        self.stream: Stream | None = None
        self.kind: Kind = "quarter"

    def _choose_stream(self, name: str | None, period: Period | None, files: list[FileFacts], folder: Path) -> Stream:
        """The stream named, or the only one that has ``period``; without either, the only one whose
        periods are of the kind most titles name (or, when none does, a folder name like "quý 4 năm 2026")."""
        if name is None and period is None:
            kinds = Counter(parse_period(f.title_period).kind for f in files if f.title_period)
            if not kinds and period_from_name(folder.resolve().name):
                kinds["quarter"] = 1
            for kind, _ in kinds.most_common(1):
                fitting = [s for s in self.planner.report_streams() if CYCLE_KIND[s.cycle] == kind]
                if len(fitting) == 1:
                    return fitting[0]
        return self.planner.report_stream(name, period)

    # -- one file --------------------------------------------------------------------------------------
    def examine(self, folder: Path, path: Path, received: dict[str, dt.date], full_text: bool) -> FileFacts:
        relative = display_name(path, folder)
        facts = FileFacts(relative)
        document = read_document(path, header_only=not full_text)
        facts.modified, facts.sha256, facts.problem = document.modified, document.sha256, document.problem
        facts.text = document.lines if full_text else []
        stem = path.stem
        if document.lines:
            facts.member, facts.number = self.sender.from_document(document.lines)
            facts.matched_by = "document" if facts.member else None
            date_line = parse_date_line("\n".join(document.lines[: HEADER_LINES + 10]))
            if date_line:
                facts.date_line = date_line.text
                facts.issue_date = date_line.date
                if date_line.error:
                    facts.notes.append(f"dòng ngày tháng sai: {date_line.error}")
                elif date_line.date is None:
                    facts.notes.append("văn bản chưa ghi ngày (bản dự thảo?)")
            titles = title_lines(document.lines)
            period = next(filter(None, map(parse_period_phrase, (" ".join(titles), *titles))), None)
            if period:
                facts.title_period = period.label
                facts.title_year = period.year if period.kind == "year" else None
        if facts.member is None:
            facts.member = self.sender.from_name(relative)
            facts.matched_by = "file name" if facts.member else None
        in_name = period_from_name(stem)
        if in_name:
            facts.name_period = f"{in_name[1] or '?'}-Q{in_name[0]}"
        facts.name_date = date_from_name(stem)
        facts.received = received.get(vt.clean(relative)) or received.get(vt.clean(path.name))
        return facts

    @staticmethod
    def weigh_evidence(files: list[FileFacts]) -> None:
        """Give every identical copy the earliest received date of any of them, then set each file's
        submission date from its strongest evidence: received, the document's date, a date in its name."""
        earliest: dict[str, dt.date] = {}
        for f in files:
            if f.sha256 and f.received and (f.sha256 not in earliest or f.received < earliest[f.sha256]):
                earliest[f.sha256] = f.received
        for f in files:
            f.received = earliest.get(f.sha256 or "", f.received)
            for value, evidence in (
                (f.received, "received"),
                (f.issue_date, "document"),
                (f.name_date, "file name"),
            ):
                if value is not None:
                    f.submitted, f.evidence = value, evidence  # type: ignore[assignment]
                    break
            else:
                f.evidence = "mtime" if f.modified else None

    # -- the period ------------------------------------------------------------------------------------
    def infer_period(self, folder: Path, files: list[FileFacts], today: dt.date) -> tuple[Period, str]:
        titles = Counter(f.title_period for f in files if f.title_period)
        fitting = [(label, n) for label, n in titles.most_common() if parse_period(label).kind == self.kind]
        if fitting:
            label, count = fitting[0]
            return parse_period(label), f"tiêu đề của {count}/{len(files)} tệp"
        if self.kind == "days":  # a run of days named by the folder, or by most of the files
            for written, source in self._named_runs(folder, files):
                return written, source
        named = period_from_name(folder.resolve().name) if self.kind == "quarter" else None
        if named:
            quarter, year = named
            source = f"tên thư mục '{folder.resolve().name}'"
            if year is None:
                this_year = Period(today.year, quarter)
                deadline = self.planner.report_deadline(this_year, self.stream)
                year = today.year if deadline and deadline.date and deadline.date < today else today.year - 1
                source += f" (tên không ghi năm: lấy quý {quarter} gần nhất đã hết hạn tính đến ngày kiểm tra)"
            return Period(year, quarter), source
        assert self.stream is not None
        period = self.planner.period_of(self.stream, max(today, self.stream.starts or today))
        assert period is not None
        for _ in range(4):
            item = self.planner.report_deadline(period, self.stream)
            if item and item.date and item.date < today:
                break
            period = period.previous()
        return period, "kỳ gần nhất đã hết hạn báo cáo"

    @staticmethod
    def _named_runs(folder: Path, files: list[FileFacts]) -> Iterator[tuple[Period, str]]:
        """The runs of days ("từ ngày 06/9 đến ngày 08/9/2021") the folder's name, else its files' names, give."""
        named = period_phrase(folder.resolve().name)
        if named and named.kind == "days":
            yield named, f"tên thư mục '{folder.resolve().name}'"
        runs = Counter(p.label for p in (period_phrase(Path(f.file).stem) for f in files) if p and p.kind == "days")
        for label, count in runs.most_common(1):
            yield parse_period(label), f"tên của {count}/{len(files)} tệp"

    # -- verdicts --------------------------------------------------------------------------------------
    def judge(
        self, period: Period, deadline: dt.date, files: list[FileFacts], today: dt.date
    ) -> tuple[list[MemberVerdict], list[dict[str, str]]]:
        organisation = Organisation(self.rules, period.end)
        reporters = organisation.reporters(stream=self.stream)
        unmatched: list[dict[str, str]] = []
        original: dict[str, str] = {}
        for f in sorted(files, key=lambda f: (is_copy_name(f.file), f.file)):
            if f.sha256:
                original.setdefault(f.sha256, f.file)
        for f in files:
            if f.sha256 and original[f.sha256] != f.file:
                f.duplicate_of, f.counts = original[f.sha256], False
                f.notes.append(f"bản trùng của {original[f.sha256]}")
            if f.member:
                heir = organisation.stand_in(f.member)
                if heir != f.member and f.member in self.rules.members:
                    f.notes.append(f"cơ quan đã hợp nhất; tính cho {organisation.name_of(heir)}")
                f.member = heir
            if f.title_period and f.title_period != period.label:
                f.counts = False
                f.notes.append(f"tiêu đề ghi kỳ {f.title_period}, không phải {period.label}")
            elif f.counts and f.submitted and f.evidence != "mtime":
                doubt = _implausible(f.submitted, period, today)
                if doubt:
                    f.notes.append(f"{EVIDENCE_VI[f.evidence or 'mtime']} {f.submitted:%d/%m/%Y} {doubt}: cần xem lại")
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
                        "reason": f"{organisation.name_of(f.member)} không phải báo cáo kỳ {period.label}",
                    }
                )
        verdicts = [
            self._verdict(
                member, organisation.name_of(member), deadline, [f for f in files if f.member == member], period, today
            )
            for member in reporters
        ]
        return verdicts, unmatched

    def _verdict(
        self, member: str, name: str, deadline: dt.date, files: list[FileFacts], period: Period, today: dt.date
    ) -> MemberVerdict:
        names = [f.file for f in files]
        counting = [f for f in files if f.counts]
        dated = sorted(
            (
                f
                for f in counting
                if f.evidence in ("received", "document", "file name")
                and f.submitted
                and not _implausible(f.submitted, period, today)
            ),
            key=lambda f: f.submitted or dt.date.max,
        )

        def verdict(
            status: Status, submitted: dt.date | None = None, evidence: str | None = None, note: str = ""
        ) -> MemberVerdict:
            return MemberVerdict(member, name, status, submitted, evidence, names, note)

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
        return verdict("not_due" if today <= deadline else "missing", note=note)

    # -- the whole folder ------------------------------------------------------------------------------
    def run(
        self,
        folder: Path,
        period: Period | None = None,
        received: dict[str, dt.date] | None = None,
        today: dt.date | None = None,
        coverage: bool = False,
        progress: Callable[[Iterator[Path], int], Iterator[Path]] | None = None,
        stream: str | None = None,
    ) -> Audit:
        """The audit of ``folder`` for ``period`` (by default inferred) of ``stream`` (by default the only
        stream that has such periods)."""
        paths, passed = list_files(folder)
        iterator: Iterator[Path] = iter(paths)
        if progress:
            iterator = progress(iterator, len(paths))
        files = [self.examine(folder, p, received or {}, coverage) for p in iterator]
        self.weigh_evidence(files)
        self.stream = self._choose_stream(stream, period, files, folder)
        self.kind = CYCLE_KIND[self.stream.cycle] or "quarter"
        for f in files:
            written = parse_period(f.title_period) if f.title_period else None
            f.title_period = (written.as_kind(self.kind) or written).label if written else None
        today = today or clock.today()
        if period is None:
            period, source = self.infer_period(folder, files, today)
        else:
            source = "--period"
        item = self.planner.report_deadline(period, self.stream)
        if item is None or item.date is None:
            raise InputError(f"Luồng báo cáo '{self.stream.id}' không có hạn nộp tính được cho kỳ {period.label_vi}.")
        verdicts, unmatched = self.judge(period, item.date, files, today)
        if coverage:
            from quyche_cli.audit.coverage import coverage_of

            for verdict in verdicts:
                texts = [line for f in files if f.member == verdict.member and f.counts for line in f.text]
                if texts:
                    verdict.coverage = coverage_of(self.rules, verdict.member, texts, period.end)
        notices = Organisation(self.rules, period.end).notices() + self.planner.calendar.provisional([item.date])
        known = {vt.clean(name) for p in paths for name in (display_name(p, folder), p.name)}
        known |= {vt.clean(u["file"]) for u in passed}
        notices += [
            f"tệp --received có dòng '{name}' không khớp tệp nào trong thư mục: dòng này bị bỏ qua"
            for name in sorted(set(received or {}) - known)
        ]
        return Audit(
            period,
            source,
            item.date,
            item.rule,
            item.wording,
            verdicts,
            passed + unmatched,
            files,
            notices,
            self.stream.id,
            today,
        )


def _implausible(day: dt.date, period: Period, today: dt.date) -> str | None:
    """Why ``day`` cannot be the day a report for ``period`` was sent when audited on ``today``, if it cannot."""
    if day < period.start:
        return f"trước khi kỳ {period.label} bắt đầu ({period.start:%d/%m/%Y})"
    if day > today:
        return f"sau ngày kiểm tra {today:%d/%m/%Y}"
    return None
