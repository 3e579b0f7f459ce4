"""The front door of the core: made from a workspace (its committees), the day asked and the clock, it answers
the questions the commands ask. A command is options → one call here → a reporter.

With one committee (a single rules file, or ``--file``, or ``--committee``) each answer is the one the
committee's own look-up gives, unchanged; with several, an answer gathers every committee that concerns it,
each part naming its committee.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quyche_cli import clock
from quyche_cli import text as vt
from quyche_cli.desk.across import (
    AcrossDuties,
    AcrossLint,
    AcrossRoster,
    AcrossSearch,
    AcrossUpcoming,
    AgencyCalendar,
    AgencySeats,
    CommitteeRef,
    Part,
    Seat,
    UpcomingRow,
)
from quyche_cli.errors import InputError, NotFoundError
from quyche_cli.rules.locate import choose
from quyche_cli.rules.opening import Committee, open_committees
from quyche_cli.rules.organisation import Organisation, agency_on
from quyche_cli.rules.workspace import REGISTRY_FILE
from quyche_cli.schedule import years

if TYPE_CHECKING:
    from quyche_cli.documents.kinds import Options
    from quyche_cli.ledger.reminders import Round
    from quyche_cli.ledger.scoreboard import Scoreboard
    from quyche_cli.ledger.store import Entry, Known, Ledger
    from quyche_cli.rules.index import Rules
    from quyche_cli.site.build import Site


@dataclass
class Answer:
    """What a question gets: the result (for its reporter), the warnings to print before it, and the rules a
    single committee's reporters name members from (None across committees: each part carries its own)."""

    result: Any
    warnings: list[str] = field(default_factory=list)
    rules: Any = None


def _options() -> Options:
    """Default options of a document (the document kinds are imported only when a document is made)."""
    from quyche_cli.documents.kinds import Options

    return Options()


@dataclass(frozen=True)
class Drafting:
    """What ``render`` is asked to make: the kind, its ``--data``, the options of the command line as the
    document kinds take them (the day and the period are the desk's to set), the period as typed, and the
    inputs of the tables (the two files compared, the comments read from their JSON)."""

    kind: str
    data: Any = None
    options: Options = field(default_factory=_options)
    period: str | None = None
    templates: Path | None = None
    old: Path | None = None
    new: Path | None = None
    every: bool = False
    comments: Any = None


def ref(committee: Committee) -> CommitteeRef:
    document = committee.rules.model.document
    source = committee.rules.source
    return CommitteeRef(committee.id, document.committee, document.committee_short, source.file if source else None)


class Desk:
    """One workspace on one day. ``today`` is the calendar's day in its time zone, from ``clock`` (injected in
    tests, ``QUYCHE_TODAY`` in CI); ``day`` is the day asked (``--as-of``), today by default."""

    def __init__(
        self,
        committees: list[Committee],
        day: dt.date | None = None,
        clock_today: Callable[[str], dt.date] = clock.today,
        folder: Path | None = None,
    ) -> None:
        self.committees = committees
        self.folder = folder
        self.timezone = committees[0].rules.model.calendar.timezone
        self.today = clock_today(self.timezone)
        self.day = day or self.today
        earliest = min(self.committees, key=lambda c: years.first_year(c.rules)[0])
        years.check_day(earliest.rules, self.day)

    @classmethod
    def open(cls, file: Path | None = None, day: dt.date | None = None, audited: Path | None = None) -> Desk:
        """The desk of the workspace the commands read (:func:`~quyche_cli.rules.opening.open_committees`)."""
        choice = choose(file, audited)
        return cls(open_committees(choice), day, folder=choice.workspace.folder if choice.workspace else None)

    def speaking(self, chosen: list[Committee]) -> tuple[list[Committee], list[str]]:
        """Of ``chosen``, the committees whose regulation can speak for the day (not before the first year its
        file records), and why each other one is left out."""
        kept, left_out = [], []
        for each in chosen:
            try:
                years.check_day(each.rules, self.day)
                years.check_year(each.rules, self.day.year)
            except InputError as error:
                left_out.append(f"{each.id}: {error}")
                continue
            kept.append(each)
        return kept, left_out

    def single(self, committee: str | None, command: str) -> Committee:
        """The one committee a command that reads one regulation works on: the only one, or the one
        ``--committee`` names; InputError listing the committees and how to choose when there are several."""
        chosen = self.chosen(committee)
        if len(chosen) > 1:
            listed = "; ".join(f"{c.id} ({c.name})" for c in chosen)
            raise InputError(
                f"Thư mục làm việc có {len(chosen)} ban; lệnh {command} đọc một quy chế: chọn bằng --committee BAN "
                f"(mã, tên hoặc tên gọi tắt của ban: {listed}) hoặc --file TỆP."
            )
        years.check_day(chosen[0].rules, self.day)
        return chosen[0]

    def chosen(self, committee: str | None) -> list[Committee]:
        """The committees ``--committee`` names (its id, name or short name), every one by default."""
        if committee is None:
            return self.committees
        found = [c for c in self.committees if c.answers_to(committee)]
        if not found:
            choices = ", ".join(f"{c.id} ({c.name})" for c in self.committees)
            raise InputError(f"Không có ban '{committee}' trong thư mục làm việc; chọn một trong: {choices}.")
        return found

    # -- duties ----------------------------------------------------------------------------------------------
    def duties(self, name: str, committee: str | None = None) -> Answer:
        """What ``name`` must do: in one committee, its duties there; across several, in every committee where
        it holds a seat, carries one, or is named (NotFoundError when none)."""
        from quyche_cli.lookup.duties import duties_of
        from quyche_cli.lookup.resolve import legacy_warning, resolve_member

        chosen = self.chosen(committee)
        if len(chosen) == 1:
            rules = chosen[0].rules
            resolution = resolve_member(rules, name, self.day)
            warning = legacy_warning(resolution)
            return Answer(duties_of(rules, resolution.targets[0], self.day), [warning] if warning else [], rules)
        speaking, warnings = self.speaking(chosen)
        parts = []
        for each in speaking:
            try:
                resolution = resolve_member(each.rules, name, self.day)
            except NotFoundError:
                continue
            report = duties_of(each.rules, resolution.targets[0], self.day)
            if (
                report.duties
                or report.mentions
                or report.reporting
                or report.succession
                or report.member.seat != "none"
            ):
                parts.append(Part(ref(each), report, each.rules))
                warning = legacy_warning(resolution)
                warnings += [f"{each.id}: {warning}"] if warning else []
        if not parts:
            raise NotFoundError(
                f"'{name}' không giữ ghế, không mang ghế và không được nêu tên ở ban nào trong thư mục làm việc "
                f"({', '.join(c.id for c in chosen)})."
            )
        return Answer(AcrossDuties(self.day, parts, name), warnings)

    # -- one regulation: show, lint --------------------------------------------------------------------------
    def show(self, typed: str, committee: str | None = None) -> Answer:
        """The provisions ``typed`` cites in the one committee's regulation, on the day."""
        from quyche_cli.lookup.citations import excerpt

        rules = self.single(committee, "show").rules
        return Answer(excerpt(rules, typed, self.day), rules=rules)

    def lint(self, committee: str | None = None) -> Answer:
        """The drafting findings of the one committee's regulation, or of every regulation (one part each)."""
        from quyche_cli.rules.lint import lint

        chosen = self.chosen(committee)
        if len(chosen) == 1:
            return Answer(lint(chosen[0].rules), rules=chosen[0].rules)
        return Answer(AcrossLint(self.day, [Part(ref(c), lint(c.rules), c.rules) for c in chosen]))

    # -- drafting: render, diff, gop-y ------------------------------------------------------------------------
    def render(self, asked: Drafting, committee: str | None = None) -> Answer:
        """The .docx of one document kind (:mod:`quyche_cli.documents.kinds`) for the one committee; the
        comparison table reads its two files (``--old``, ``--new``) and no committee."""
        from quyche_cli.documents.kinds import Table, kind_named
        from quyche_cli.documents.render import Rendered, render

        kind = kind_named(asked.kind)
        if kind.name == "bang-so-sanh":
            return Answer(Rendered(self._comparison(asked), []))
        rules = self.single(committee, f"render {kind.name}").rules
        if isinstance(kind, Table):
            return Answer(Rendered(self._synthesis(rules, asked), []), rules=rules)
        period = years.period_of(rules, asked.period) if asked.period else None
        options = replace(asked.options, period=period, today=self.today)
        return Answer(render(rules, kind.name, asked.data, options, asked.templates), rules=rules)

    def _comparison(self, asked: Drafting) -> bytes:
        """``render bang-so-sanh --old OLD --new NEW [--data thuyet-minh.yaml] [--all]``."""
        from quyche_cli.compare.diff import Version, compare
        from quyche_cli.documents.tables import comparison
        from quyche_cli.rules.opening import open_rules

        if asked.old is None or asked.new is None:
            raise InputError("bang-so-sanh cần --old TỆP_CŨ và --new TỆP_MỚI.")
        old, new = (Version(str(path), open_rules(path)) for path in (asked.old, asked.new))
        return comparison(compare(old, new, self.today.year), asked.data, asked.every, self.today)

    def _synthesis(self, rules: Rules, asked: Drafting) -> bytes:
        """``render bang-tong-hop --from-comments FILE.json [--data tiep-thu.yaml]``."""
        from quyche_cli.comments.results import CommentRound
        from quyche_cli.documents.tables import synthesis

        if asked.comments is None:
            raise InputError("bang-tong-hop cần --from-comments TỆP.json (kết quả của quyche gop-y --format json).")
        return synthesis(rules, CommentRound.from_dict(asked.comments), asked.data, self.today)

    def example(self, kind: str | None, committee: str | None = None) -> Answer:
        """A complete example ``--data`` file for ``kind``, with the names of the one committee."""
        from quyche_cli.documents.data import example
        from quyche_cli.documents.kinds import Example, Table, kind_named

        chosen = kind_named(kind)
        if isinstance(chosen, Table):
            raise InputError(f"{kind} không có tệp dữ liệu mẫu: xem docs/thu-ky.md, mục Soạn thảo.")
        rules = self.single(committee, f"render {kind} --example").rules
        return Answer(Example(chosen.name, example(rules, chosen.name)), rules=rules)

    def diff(self, new: Path | None, rev: str | None, year: int | None, committee: str | None = None) -> Answer:
        """The changes from the one committee's regulation to the file ``new``, or between git revisions of its
        file (:meth:`revisions`; outside a workspace, ``QUYCHE_FILE`` or ``./quyche.yaml`` as before)."""
        from quyche_cli.compare.diff import Version, compare
        from quyche_cli.rules.opening import open_rules

        chosen = self.single(committee, "diff")
        source = chosen.rules.source.file if chosen.rules.source else chosen.id
        if rev is not None:
            if self.folder is None:
                return self.revisions(Path(os.environ.get("QUYCHE_FILE") or "quyche.yaml"), rev, year)
            registry = Path(os.path.relpath(self.folder / REGISTRY_FILE))
            return self.revisions(Path(os.path.relpath(source)), rev, year, registry)
        assert new is not None
        newer = Version(str(new), open_rules(new))
        if year is not None:
            years.check_year(newer.rules, year)
        return Answer(compare(Version(source, chosen.rules), newer, year or self.today.year))

    @staticmethod
    def revisions(file: Path, rev: str, year: int | None, registry: Path | None = None) -> Answer:
        """The changes to ``file`` between two git revisions (``A..B``), or from revision ``A`` to the file as it
        is; deadlines of ``year`` (this year by default) compared. The file is read in the working tree only
        when it is compared with a revision; a workspace's regulation with its ``registry`` of each revision."""
        from quyche_cli.compare.diff import Version, compare
        from quyche_cli.compare.revisions import rules_at, split_range
        from quyche_cli.rules.opening import open_rules

        old_rev, new_rev = split_range(rev)
        old = Version(f"{old_rev}:{file}", rules_at(old_rev, file, registry), str(file))
        if new_rev is None:
            newer = Version(str(file), open_rules(file), str(file))
        else:
            newer = Version(f"{new_rev}:{file}", rules_at(new_rev, file, registry), str(file))
        if year is not None:
            years.check_year(newer.rules, year)
        return Answer(compare(old, newer, year or years.today(newer.rules).year))

    def comments(self, folder: Path, deadline: dt.date | None, committee: str | None = None) -> Answer:
        """The comments on the one committee's draft received in ``folder`` (``gop-y``): who agreed, who did not
        reply by ``deadline``, which files could not be used."""
        from quyche_cli.comments.letters import read_round

        rules = self.single(committee, "gop-y").rules
        return Answer(read_round(rules, folder, self.today, deadline), rules=rules)

    # -- members ---------------------------------------------------------------------------------------------
    def members(self, agency: str | None = None, committee: str | None = None) -> Answer:
        """The seats of each committee on the day; with ``agency``, every seat it holds or carries."""
        from quyche_cli.lookup.duties import roster

        chosen = self.chosen(committee)
        if agency is not None:
            return self._seats_of(agency, chosen)
        if len(chosen) == 1:
            return Answer(roster(chosen[0].rules, self.day), rules=chosen[0].rules)
        speaking, left_out = self.speaking(chosen)
        parts = [Part(ref(c), roster(c.rules, self.day), c.rules) for c in speaking]
        return Answer(AcrossRoster(self.day, parts), left_out)

    def _seats_of(self, name: str, chosen: list[Committee]) -> Answer:
        from quyche_cli.lookup.duties import role_labels, roster
        from quyche_cli.lookup.resolve import resolve_member

        seats, agency_name = [], None
        for each in chosen:
            try:
                target = resolve_member(each.rules, name, self.day).targets[0]
            except NotFoundError:
                continue
            member = each.rules.members.get(target.id) if target.kind == "member" else None
            agency_id = member.agency if member else target.id
            if agency_id is None:
                continue
            agency = agency_on(each.rules, agency_id, self.day)
            agency_name = agency_name or agency.name
            for row in roster(each.rules, self.day).rows:
                if row["agency"] == agency.name or row["carried_by"] == agency.name:
                    role = role_labels(each.rules)[row["role"]]
                    seats.append(Seat.of(ref(each), row, role, carried=row["agency"] != agency.name))
        if agency_name is None:
            raise NotFoundError(f"Không tìm thấy cơ quan '{name}' ở ban nào trong thư mục làm việc.")
        return Answer(AgencySeats(name, agency_name, self.day, seats))

    # -- deadlines -------------------------------------------------------------------------------------------
    def upcoming(self, count: int, member: str | None = None, committee: str | None = None) -> Answer:
        """The next ``count`` dated deadlines on or after the day across the committees, in date order."""
        from quyche_cli.lookup.resolve import resolve_member
        from quyche_cli.schedule.deadlines import Schedule, following, plan

        rows = []
        speaking, notices = self.speaking(self.chosen(committee))
        for each in speaking:
            rules = each.rules
            unit = None
            if member is not None:
                try:
                    unit = resolve_member(rules, member, self.day).targets[0].id
                except NotFoundError:
                    continue

            def planned(year: int | None, rules: Any = rules, unit: str | None = unit) -> Schedule:
                return plan(rules, None, None, None, unit, self.day, year=year)

            found = following(rules, self.day, count, planned)
            rows += [UpcomingRow(ref(each), o, (o.date - self.day).days) for o in found.obligations if o.date]
            notices += [f"{each.id}: {n}" for n in found.notices]
        rows.sort(key=lambda r: (r.obligation.date, r.committee.id))
        return Answer(AcrossUpcoming(self.day, rows[:count], list(dict.fromkeys(notices))))

    # -- search ----------------------------------------------------------------------------------------------
    def search(self, query: str, member: str | None = None, committee: str | None = None) -> Answer:
        """The provisions matching ``query`` in each committee, each hit naming its committee."""
        from quyche_cli.lookup.resolve import resolve_member
        from quyche_cli.lookup.search import search

        chosen = self.chosen(committee)
        if len(chosen) == 1:
            rules = chosen[0].rules
            unit = resolve_member(rules, member, self.day).targets[0].id if member else None
            return Answer(search(rules, query, unit, self.day), rules=rules)
        speaking, left_out = self.speaking(chosen)
        parts = []
        for each in speaking:
            unit = None
            if member is not None:
                try:
                    unit = resolve_member(each.rules, member, self.day).targets[0].id
                except NotFoundError:
                    continue
            parts.append(Part(ref(each), search(each.rules, query, unit, self.day), each.rules))
        return Answer(AcrossSearch(self.day, parts, query), left_out)

    # -- reporting load --------------------------------------------------------------------------------------
    def report_load(self, year: int, name: str | None = None, committee: str | None = None) -> Answer:
        """What each agency (or the one ``name`` names) owes in ``year`` across the committees that cover it."""
        from quyche_cli.desk.load import LoadItem, ReportLoad, load_of, owed

        covered, notices = [], []
        for each in self.chosen(committee):
            try:
                years.check_year(each.rules, year)
            except InputError as error:
                notices.append(f"{each.id}: {error}")
                continue
            covered.append(each)
        if not covered:
            raise InputError(" ".join(notices))
        wanted = self._agency_ids(name, covered) if name else None
        found: dict[str, tuple[str, list[LoadItem]]] = {}
        for each in covered:
            for agency, item in owed(each.id, each.rules, year):
                if wanted is None or agency.id in wanted:
                    found.setdefault(agency.id, (agency.name, []))[1].append(item)
        loads = [load_of(ident, agency, items) for ident, (agency, items) in found.items()]
        loads.sort(key=lambda load: (-len(load.items), vt.fold(load.agency)))
        return Answer(ReportLoad(year, self.day, [c.id for c in covered], loads, notices))

    def _agency_ids(self, name: str, committees: list[Committee]) -> set[str]:
        """The ids of the agency ``name`` names in any of ``committees`` (the agency of a seat named)."""
        from quyche_cli.lookup.resolve import resolve_member

        ids = set()
        for each in committees:
            try:
                target = resolve_member(each.rules, name, self.day).targets[0]
            except NotFoundError:
                continue
            if target.kind == "member":
                seat = Organisation(each.rules, self.day).seat(target.id)
                agency = seat.carrier or seat.agency
                ids.update([agency.id] if agency else [])
            else:
                ids.add(target.id)
        if not ids:
            raise NotFoundError(f"Không tìm thấy cơ quan '{name}' ở ban nào trong thư mục làm việc.")
        return ids

    # -- the website -----------------------------------------------------------------------------------------
    def site(self, board: Callable[[Committee, dt.date], Scoreboard | None] | None = None) -> Site:
        """The website of the day: a committee's own site, or across several, each committee's site in its
        folder, a home page listing them and a page per agency listing every committee it takes part in;
        ``board`` gives a committee's dashboard (its scoreboard from the ledger), if any."""
        from quyche_cli.site.build import Site, assets, build_site, portal_page, with_manifest

        for each in self.committees:
            years.check_year(each.rules, self.day.year)
        if len(self.committees) == 1:
            only = self.committees[0].rules
            return build_site(only, self.day, board(self.committees[0], self.day) if board else None)
        files: dict[str, bytes] = {}
        notices: list[str] = []
        agencies: dict[str, dict[str, Any]] = {}
        for each in self.committees:
            own = build_site(each.rules, self.day, board(each, self.day) if board else None)
            files.update({f"{each.id}/{path}": data for path, data in own.files.items()})
            notices += [f"{each.id}: {notice}" for notice in own.notices]
            for ident, path in own.agency_page.items():
                agency = agency_on(each.rules, ident, self.day) if ident in each.rules.agencies else None
                if agency is not None and agency.exists:
                    entry = agencies.setdefault(ident, {"id": ident, "name": agency.name, "seats": []})
                    entry["seats"].append((ref(each), path))
        listed = sorted(agencies.values(), key=lambda a: vt.fold(a["name"]))
        committees = [ref(c) for c in self.committees]
        files["index.html"] = portal_page(
            "", "Các ban chỉ đạo", committees=committees, agencies=listed, seats=[], as_of=self.day
        )
        for entry in listed:
            files[f"co-quan/{entry['id']}.html"] = portal_page(
                "../", entry["name"], committees=[], agencies=[], seats=entry["seats"], as_of=self.day
            )
        files.update(assets())
        return Site(with_manifest(files), list(dict.fromkeys(notices)))

    # -- check-reports -----------------------------------------------------------------------------------------
    def committee_of(self, folder: Path, committee: str | None = None) -> tuple[Committee, str]:
        """The committee whose reports ``folder`` holds, and how it was chosen: the only one, the one
        ``--committee`` names, or the one whose reporting subject ("an toàn thực phẩm") or name the most report
        titles carry; InputError listing the committees when the titles do not tell."""
        chosen = self.chosen(committee)
        if len(chosen) == 1:
            return chosen[0], "--committee" if committee else "ban duy nhất"
        from quyche_cli.audit.folder import list_files
        from quyche_cli.audit.header import title_lines
        from quyche_cli.audit.reading import read_document

        titles = [f" {vt.fold(' '.join(title_lines(read_document(p).lines)))} " for p in list_files(folder)[0]]
        counts = {}
        for each in chosen:
            subject = each.rules.model.reporting.subject if each.rules.model.reporting else None
            marks = [f" {vt.fold(text)} " for text in (subject, each.name) if text]
            counts[each.id] = sum(any(mark in title for mark in marks) for title in titles)
        best = max(counts.values())
        found = [c for c in chosen if counts[c.id] == best]
        if best == 0 or len(found) > 1:
            listed = ", ".join(f"{c.id} ({c.name})" for c in chosen)
            raise InputError(
                f"Không nhận ra từ tiêu đề các báo cáo trong '{folder}' chúng thuộc ban nào; chọn bằng --committee: "
                f"{listed}."
            )
        return found[0], f"tiêu đề của {best}/{len(titles)} tệp"

    # -- an agency's calendar --------------------------------------------------------------------------------
    def agency_calendar(self, name: str, year: int, committee: str | None = None) -> Answer:
        """The dated deadlines of ``year`` that the agency ``name`` owes in every committee, for one .ics."""
        from quyche_cli.lookup.resolve import resolve_member
        from quyche_cli.schedule.deadlines import plan
        from quyche_cli.schedule.workcalendar import WorkCalendar

        parts, notices, agency = [], [], None
        for each in self.chosen(committee):
            years.check_year(each.rules, year)
            try:
                target = resolve_member(each.rules, name, self.day).targets[0]
            except NotFoundError:
                continue
            schedule = plan(each.rules, None, None, None, target.id, self.day, year=year)
            if any(o.date for o in schedule.obligations):
                parts.append((ref(each), schedule.obligations))
                notices += [f"{each.id}: {n}" for n in schedule.notices]
                agency = agency or Organisation(each.rules, self.day).name_of(target.id)
        if agency is None:
            raise NotFoundError(f"'{name}' không có hạn nào trong năm {year} ở ban nào của thư mục làm việc.")
        working = WorkCalendar(self.chosen(committee)[0].rules.model.calendar)
        return Answer(AgencyCalendar(name, agency, year, self.day, parts, working, list(dict.fromkeys(notices))))

    # -- the ledger --------------------------------------------------------------------------------------------
    def known(self) -> list[Known]:
        """The committees as the ledger keys them: by id, with their names."""
        from quyche_cli.ledger.store import Known

        return [Known(c.id, c.name, c.rules.model.document.committee_short) for c in self.committees]

    def ledger_path(self, given: str | None) -> Path:
        """The ledger file: ``given`` (``--db``), else ``QUYCHE_LEDGER``, else ``quyche-ledger.sqlite`` in the
        workspace's folder, or beside the single rules file in use (in the current folder for the bundled one)."""
        from quyche_cli.ledger.store import ledger_path
        from quyche_cli.rules.locate import bundled_path

        folder = self.folder
        source = self.committees[0].rules.source if len(self.committees) == 1 else None
        if folder is None and source is not None and Path(source.file).resolve() != bundled_path().resolve():
            folder = Path(source.file).parent
        return ledger_path(given, folder)

    def ledger(self, given: str | None, create: bool = False) -> Ledger:
        """The ledger open (migrated to the workspace's committee ids when older); InputError when missing and
        not ``create``."""
        from quyche_cli.ledger.store import open_ledger

        return open_ledger(self.ledger_path(given), self.known(), create)

    def ledger_ids(self, committee: str | None) -> list[str] | None:
        """The ledger keys of the committees ``--committee`` names; None (every committee the ledger holds)
        without it."""
        return None if committee is None else [c.id for c in self.chosen(committee)]

    def one(self, committee: str | None, recorded: str | None = None) -> Committee:
        """The one committee a ledger entry is written for: the one an audit's JSON names (``recorded``, its
        id), else the one ``--committee`` names, else the only one; InputError listing them otherwise."""
        chosen = self.chosen(recorded if recorded is not None and committee is None else committee)
        if len(chosen) != 1:
            listed = ", ".join(f"{c.id} ({c.name})" for c in chosen)
            raise InputError(f"Thư mục làm việc có nhiều ban: chọn một bằng --committee: {listed}.")
        return chosen[0]

    def remind(self, days: list[int], entries: list[Entry] | None, committee: str | None = None) -> Answer:
        """The round of reminders on the day across the committees (``--committee``: some): one message for
        each recipient (the agency answering for a seat, with its focal points), each part naming its
        committee; with ``entries`` (the ledger's), the reports overdue too."""
        from quyche_cli.ledger.reminders import reminders

        speaking, left_out = self.speaking(self.chosen(committee))
        if not speaking:
            raise InputError(" ".join(left_out))
        round_: Round = reminders(speaking, self.day, days, entries)
        return Answer(round_, left_out, speaking[0].rules if len(self.committees) == 1 else None)
