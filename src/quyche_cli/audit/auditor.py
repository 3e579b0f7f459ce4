"""Audit of the reports received for a period: who reported on time, late, or not at all, with the
evidence for every verdict. Reads the folder; never writes to it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from quyche_cli import clock
from quyche_cli import text as vt
from quyche_cli.audit.containers import SEPARATOR, VIETNAM, Item, is_container, read_container, unpack
from quyche_cli.audit.folder import display_name, is_copy_name, list_files
from quyche_cli.audit.header import (
    HEADER_LINES,
    date_from_name,
    parse_date_line,
    parse_period_phrase,
    period_from_name,
    title_lines,
)
from quyche_cli.audit.reading import Extracted, kind_of, read_bytes, read_document
from quyche_cli.audit.register import Register, match_register, number_key
from quyche_cli.audit.results import EVIDENCE_VI, Audit, Evidence, FileFacts, MemberVerdict, Status
from quyche_cli.audit.sender import SenderFinder
from quyche_cli.errors import InputError
from quyche_cli.rules.index import Rules
from quyche_cli.rules.model import Stream
from quyche_cli.rules.organisation import Organisation
from quyche_cli.schedule.deadlines import CYCLE_KIND, Planner
from quyche_cli.schedule.periods import Kind, Period, parse_period, period_phrase


class Auditor:
    """Judges the files of one folder against the reporting rule of one period."""

    def __init__(self, rules: Rules, trust_roots: list[Path] | None = None) -> None:
        self.rules = rules
        self.trust_roots = trust_roots or []
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
    def items(self, folder: Path, path: Path) -> list[Item]:
        """The files to audit that ``path`` is: itself, or what its container holds."""
        name = display_name(path, folder)
        if not is_container(name):
            return [Item(name, None)]
        data = read_container(path)
        if isinstance(data, str):
            return [Item(name, problem=data)]
        return unpack(name, data)

    def examine(self, folder: Path, path: Path, item: Item, full_text: bool) -> FileFacts:
        facts = FileFacts(item.name)
        if item.problem:
            document = Extracted(kind_of(Path(item.name)), problem=item.problem, modified=item.modified)
        elif item.data is None:
            document = read_document(path, header_only=not full_text)
        else:
            document = read_bytes(item.name, item.data, header_only=not full_text)
            document.modified = item.modified
        facts.modified, facts.sha256, facts.problem = document.modified, document.sha256, document.problem
        facts.text = document.lines if full_text else []
        if document.note:
            facts.notes.append(document.note)
        if item.mail:
            facts.mail_sender, facts.mail_sent, facts.mail_arrived = item.mail.sender, item.mail.sent, item.mail.arrived
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
        if document.kind == "pdf" and not facts.problem:
            from quyche_cli.audit.signatures import read_signatures

            facts.signatures, missing = read_signatures(item.data if item.data is not None else path, self.trust_roots)
            if missing:
                facts.notes.append(missing)
            elif not facts.signatures and self.rules.model.reporting and self.rules.model.reporting.signed_reports:
                facts.notes.append("PDF không có chữ ký số, trong khi quy chế yêu cầu báo cáo ký số")
            self._check_signer(facts)
        innermost = item.name.rpartition(SEPARATOR)[2]
        if facts.member is None:
            facts.member = self.sender.from_name(innermost) or self.sender.from_name(item.name)
            facts.matched_by = "file name" if facts.member else None
        stem = Path(innermost).stem
        in_name = period_from_name(stem)
        if in_name:
            facts.name_period = f"{in_name[1] or '?'}-Q{in_name[0]}"
        facts.name_date = date_from_name(stem)
        return facts

    def _check_signer(self, facts: FileFacts) -> None:
        """A signer whose organisation is another body than the letterhead's needs review."""
        if facts.member is None:
            return
        for signature in facts.signatures:
            if not signature.organisation:
                continue
            owners = self.sender.names.owners_in(signature.organisation)
            targets = {t.id for owner in owners for t in self.sender.names.targets(owner)}
            if targets and facts.member not in targets:
                facts.review = (
                    f"người ký số thuộc '{signature.organisation}', không phải cơ quan ở tiêu đề văn bản"
                    f" ({self.rules.display_name('member', facts.member)})"
                )

    @staticmethod
    def submissions(files: list[FileFacts]) -> dict[str, list[FileFacts]]:
        """Files grouped into submissions: identical copies (same SHA-256) and converted ones (a .docx and its
        PDF: the same sender with the same number and date, or the same name but for the extension) are one,
        keyed by the name of its first file (an original before a "(1)" copy)."""
        ordered = sorted(files, key=lambda f: (is_copy_name(f.file), f.file))
        parent = {f.file: f.file for f in ordered}

        def root(name: str) -> str:
            while parent[name] != name:
                name = parent[name]
            return name

        seen: dict[object, str] = {}
        for f in ordered:
            keys: list[object] = [("sha", f.sha256)] if f.sha256 else []
            if f.member and not f.problem and number_key(f.number) and f.issue_date:
                keys.append(("number", f.member, number_key(f.number), f.issue_date))
            if f.member and not f.problem and f.issue_date:
                keys.append(("stem", f.member, vt.clean(f.file.rsplit(".", 1)[0]).casefold(), f.issue_date))
            for key in keys:
                if key in seen:
                    a, b = root(seen[key]), root(f.file)
                    if a != b:
                        parent[b] = a
                else:
                    seen[key] = f.file
        groups: dict[str, list[FileFacts]] = {}
        for f in ordered:
            groups.setdefault(root(f.file), []).append(f)
        return groups

    @classmethod
    def weigh_evidence(cls, files: list[FileFacts], deadline: dt.date) -> None:
        """Set each submission's day from its strongest evidence (docs/thu-ky.md, "Thứ tự bằng chứng"): the register's
        received date; a signing time or timestamp after the deadline; the e-mail's arrival (Received, else
        Date); the date line; a date in the file name. Every copy of a submission shares it."""
        for first, group in cls.submissions(files).items():
            for f in group:
                f.copy_of = first if f.file != first else None
            registered = min((f for f in group if f.received), key=lambda f: f.received or dt.date.max, default=None)
            signed = max(
                (
                    (s.moment.astimezone(VIETNAM).date(), "timestamp" if s.timestamp else "signature")
                    for f in group
                    for s in f.signatures
                    if s.moment
                ),
                default=None,
            )
            arrived = min((f.mail_arrived.astimezone(VIETNAM).date() for f in group if f.mail_arrived), default=None)
            sent = min((f.mail_sent.astimezone(VIETNAM).date() for f in group if f.mail_sent), default=None)
            candidates: list[tuple[dt.date | None, Evidence]] = [
                (registered.received if registered else None, "received"),
                (signed[0], signed[1]) if signed and signed[0] > deadline else (None, "signature"),  # type: ignore[list-item]
                (arrived, "mail received"),
                (sent, "mail date"),
            ]
            for f in group:
                if registered and f.received != registered.received:
                    f.received, f.received_time = registered.received, registered.received_time
                    f.register_line = registered.register_line
                own = [*candidates, (f.issue_date, "document"), (f.name_date, "file name")]
                day, evidence = next(((d, e) for d, e in own if d is not None), (None, None))
                f.submitted, f.evidence = day, evidence or ("mtime" if f.modified else None)

    def _member_named(self, sender: str) -> str | None:
        """The member a register's "Cơ quan ban hành" names, when it names exactly one."""
        resolution = self.sender.names.resolve(sender)
        if resolution.status == "found" and len(resolution.targets) == 1:
            return resolution.targets[0].id
        owners = self.sender.names.owners_in(sender)
        return self.sender._target(owners) if owners else None

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

    def _seat_reporting(self, member_id: str, reporters: list[str]) -> str:
        """The seat a report is from: of an agency holding several seats, the one that reports in this stream
        (a ministry's report to its sub-committee comes from its seat on the sub-committee)."""
        member = self.rules.members.get(member_id)
        if member is None or member.agency is None or member_id in reporters:
            return member_id
        twins = [r for r in reporters if r in self.rules.members and self.rules.members[r].agency == member.agency]
        return twins[0] if len(twins) == 1 else member_id

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
                self._check_letterhead(f, organisation)
                f.member = self._seat_reporting(f.member, reporters)
                heir = organisation.stand_in(f.member)
                if heir != f.member and f.member in self.rules.members and not f.review:
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

    def _check_letterhead(self, f: FileFacts, organisation: Organisation) -> None:
        """A report on the letterhead of a body that did not exist on its date needs review, its successor named:
        it is never credited to the successor in silence."""
        member = self.rules.members.get(f.member or "")
        agency = self.rules.member_agency(member) if member else None
        day = f.issue_date or f.submitted
        if member is None or agency is None or day is None:
            return
        gone = Organisation(self.rules, day).existence(agency)
        if gone:
            heir = organisation.name_of(organisation.stand_in(member.id))
            f.review = (
                f"tiêu đề văn bản là của {agency.name}, cơ quan không còn tồn tại vào ngày {day:%d/%m/%Y} của văn bản"
                f" ({gone.rstrip('.')}): không tự tính cho {heir}, cần xem lại ai gửi"
            )

    def _verdict(
        self, member: str, name: str, deadline: dt.date, files: list[FileFacts], period: Period, today: dt.date
    ) -> MemberVerdict:
        names = [f.file for f in files]
        counting = [f for f in files if f.counts]
        dated = sorted(
            (
                f
                for f in counting
                if f.evidence not in (None, "mtime")
                and f.submitted
                and not f.review
                and not _implausible(f.submitted, period, today)
            ),
            key=lambda f: f.submitted or dt.date.max,
        )
        reviewed = [f for f in counting if f.review]
        others = "; ".join(f"{f.file}: {f.review}" for f in reviewed)

        def verdict(
            status: Status,
            reason: str,
            submitted: dt.date | None = None,
            evidence: str | None = None,
            note: str = "",
            used: list[str] | None = None,
        ) -> MemberVerdict:
            return MemberVerdict(member, name, status, submitted, evidence, names, note, None, reason, used or [])

        if dated:
            first = dated[0]
            assert first.submitted is not None and first.evidence is not None
            status: Status = "on_time" if first.submitted <= deadline else "late"
            late_by = (first.submitted - deadline).days
            note = f"{first.file}" + (f"; muộn {late_by} ngày" if status == "late" else "")
            if others:
                note += f"; cũng có {others}"
            said = f"{EVIDENCE_VI[first.evidence]} {first.submitted:%d/%m/%Y}"
            reason = (
                f"{said}, sau hạn {deadline:%d/%m/%Y} {late_by} ngày"
                if status == "late"
                else f"{said}, không quá hạn {deadline:%d/%m/%Y}"
            )
            copies = [f for f in files if f is first or f.copy_of == (first.copy_of or first.file)]
            return verdict(status, reason, first.submitted, EVIDENCE_VI[first.evidence], note, evidence_of(copies))
        if counting:
            reasons = "; ".join(
                f"{f.file}: {f.review or f.problem or ', '.join(f.notes) or 'không xác định được ngày nộp'}"
                for f in counting
            )
            if all(f.evidence == "mtime" and not f.problem for f in counting):
                reasons += " (chỉ có ngày sửa tệp, không đủ để kết luận)"
            return verdict("needs_review", reasons, note=reasons, used=_unused(counting))
        note = "; ".join(f"{f.file}: {', '.join(f.notes)}" for f in files) if files else ""
        if today <= deadline:
            return verdict("not_due", f"chưa có báo cáo; hạn {deadline:%d/%m/%Y} chưa qua", note=note)
        return verdict("missing", f"không có báo cáo kỳ {period.label} nào được tính cho thành viên này", note=note)

    # -- the whole folder ------------------------------------------------------------------------------
    def run(
        self,
        folder: Path,
        period: Period | None = None,
        register: Register | None = None,
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
        files = [self.examine(folder, p, item, coverage) for p in iterator for item in self.items(folder, p)]
        notices: list[str] = []
        if register:
            notices += match_register(register, files, self._member_named, lambda f: f.sha256)
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
        self.weigh_evidence(files, item.date)
        verdicts, unmatched = self.judge(period, item.date, files, today)
        if coverage:
            from quyche_cli.audit.coverage import coverage_of

            for verdict in verdicts:
                texts = [line for f in files if f.member == verdict.member and f.counts for line in f.text]
                if texts:
                    verdict.coverage = coverage_of(self.rules, verdict.member, texts, period.end)
        notices = (
            Organisation(self.rules, period.end).notices() + self.planner.calendar.provisional([item.date]) + notices
        )
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


def evidence_of(files: list[FileFacts]) -> list[str]:
    """Every piece of evidence of the day ``files`` (copies of one report) were submitted, strongest first,
    the one used marked "→ dùng"."""
    lines: list[tuple[str, str]] = []
    for f in files:
        if f.received:
            at = f" {f.received_time}" if f.received_time else ""
            where = f" dòng {f.register_line}" if f.register_line else ""
            lines.append(("received", f"ngày nhận {f.received:%d/%m/%Y}{at} (sổ văn bản đến{where})"))
        lines += [("signature", f"{f.file}: {s.describe()}") for s in f.signatures]
        if f.mail_arrived:
            lines.append(("mail received", f"thư đến máy chủ nhận {f.mail_arrived:%d/%m/%Y %H:%M} (Received)"))
        if f.mail_sent:
            lines.append(("mail date", f"thư ghi ngày gửi {f.mail_sent:%d/%m/%Y %H:%M} (Date)"))
        if f.mail_sender:
            lines.append(("mail date", f"người gửi thư: {f.mail_sender}"))
        if f.issue_date:
            lines.append(("document", f"{f.file}: ngày trên văn bản {f.issue_date:%d/%m/%Y} ('{f.date_line}')"))
        if f.name_date:
            lines.append(("file name", f"{f.file}: ngày trong tên tệp {f.name_date:%d/%m/%Y}"))
        if f.modified and not lines:
            lines.append(("mtime", f"{f.file}: chỉ có ngày sửa tệp {f.modified:%d/%m/%Y} (không đủ để kết luận)"))
    used = next((f.evidence for f in files if f.evidence), None)
    if used in ("signature", "timestamp"):
        used = "signature"
    shown: list[str] = []
    for kind, line in lines:
        text = line + (" → dùng" if kind == used and not any(s.endswith("→ dùng") for s in shown) else "")
        if text not in shown and line not in [s.removesuffix(" → dùng") for s in shown]:
            shown.append(text)
    return shown


def _unused(files: list[FileFacts]) -> list[str]:
    """The evidence of each of ``files``, once each, none marked used: a verdict to review rests on none."""
    return list(dict.fromkeys(line.removesuffix(" → dùng") for f in files for line in evidence_of([f])))


def _implausible(day: dt.date, period: Period, today: dt.date) -> str | None:
    """Why ``day`` cannot be the day a report for ``period`` was sent when audited on ``today``, if it cannot."""
    if day < period.start:
        return f"trước khi kỳ {period.label} bắt đầu ({period.start:%d/%m/%Y})"
    if day > today:
        return f"sau ngày kiểm tra {today:%d/%m/%Y}"
    return None
