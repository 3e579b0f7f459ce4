"""The ledger: every recorded audit in one SQLite file, keyed by committee, stream, period and member.

A committee is keyed by its id in the workspace (the regulation's file name without ``.yaml``, as
``--committee`` and every answer across committees name it). Files of schema version 2 keyed it by the
committee's name (``document.committee``); migration 3 rewrites those keys to the ids of the committees the
opening command knows (a name no committee of the workspace carries keeps its old key: nothing is guessed).

Each verdict keeps its evidence (JSON, whatever the audit carried) and the SHA-256 of the rules file that
judged it. Recording a period again replaces that period's rows in one transaction and writes what changed
to the ``changes`` table. Writers take the write lock first (``BEGIN IMMEDIATE``) and wait for one another
(busy timeout), so two runs at once never interleave. The schema's version is ``PRAGMA user_version``; the
migrations below bring an older file up to date, and a file from a newer quyche is refused.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, astuple, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quyche_cli import clock
from quyche_cli.errors import InputError, OutputError, os_reason
from quyche_cli.schedule.periods import Period, parse_period

if TYPE_CHECKING:
    from quyche_cli.audit.results import Audit

FILE_NAME = "quyche-ledger.sqlite"
ENV = "QUYCHE_LEDGER"
SQLITE_URL = "sqlite:///"
BUSY_TIMEOUT_S = 60.0
# Each step brings the file from version i to i + 1 (PRAGMA user_version); never edit a step, add one.
MIGRATIONS = [
    """
    CREATE TABLE periods (
        committee TEXT NOT NULL, stream TEXT NOT NULL, period TEXT NOT NULL,
        first_day TEXT NOT NULL, last_day TEXT NOT NULL,
        deadline TEXT NOT NULL, deadline_rule TEXT NOT NULL, as_of TEXT,
        rules_sha256 TEXT, rules_file TEXT, recorded_on TEXT NOT NULL, recording INTEGER NOT NULL,
        PRIMARY KEY (committee, stream, period)
    );
    CREATE TABLE verdicts (
        committee TEXT NOT NULL, stream TEXT NOT NULL, period TEXT NOT NULL, member TEXT NOT NULL,
        title TEXT NOT NULL, status TEXT NOT NULL, submitted TEXT, evidence TEXT NOT NULL,
        PRIMARY KEY (committee, stream, period, member),
        FOREIGN KEY (committee, stream, period) REFERENCES periods ON DELETE CASCADE
    );
    CREATE TABLE recordings (
        id INTEGER PRIMARY KEY, committee TEXT NOT NULL, stream TEXT NOT NULL, period TEXT NOT NULL,
        recorded_on TEXT NOT NULL, rules_sha256 TEXT, replaced INTEGER NOT NULL
    );
    CREATE TABLE changes (
        recording INTEGER NOT NULL REFERENCES recordings(id), member TEXT NOT NULL,
        old_status TEXT, new_status TEXT, old_submitted TEXT, new_submitted TEXT
    );
    CREATE INDEX verdicts_by_member ON verdicts (member);
    CREATE INDEX changes_by_recording ON changes (recording);
    """,
    """
    CREATE TABLE followups (
        committee TEXT NOT NULL, stream TEXT NOT NULL, period TEXT NOT NULL, member TEXT NOT NULL,
        deadline TEXT NOT NULL, document TEXT NOT NULL, set_on TEXT NOT NULL,
        PRIMARY KEY (committee, stream, period, member)
    );
    CREATE TABLE explanations (
        id INTEGER PRIMARY KEY, committee TEXT NOT NULL, stream TEXT NOT NULL, period TEXT NOT NULL,
        member TEXT NOT NULL, note TEXT NOT NULL, received TEXT NOT NULL
    );
    """,
    # 3: committees keyed by their workspace id (the old keys are rewritten by ``_rekey``), and their names
    """
    CREATE TABLE committees (id TEXT PRIMARY KEY, name TEXT NOT NULL, short TEXT NOT NULL);
    """,
]
VERSION = len(MIGRATIONS)
TABLES = ("periods", "verdicts", "recordings", "followups", "explanations")  # each has a committee column


@dataclass(frozen=True)
class Known:
    """A committee of the workspace, as the ledger keys it (``id``) and names it."""

    id: str
    name: str
    short: str


def ledger_path(given: str | None, folder: Path | None) -> Path:
    """The ledger file: ``given`` (a path or ``sqlite:///PATH``), else ``QUYCHE_LEDGER``, else
    ``quyche-ledger.sqlite`` in ``folder`` (the workspace's, or the one of the rules file in use; the current
    folder when None). InputError for a database URL of any other kind: only SQLite is supported."""
    given = given or os.environ.get(ENV) or None
    if given:
        if "://" in given:
            if not given.lower().startswith(SQLITE_URL):
                raise InputError(
                    f"Không dùng được cơ sở dữ liệu '{given.split('://', 1)[0]}://…': sổ theo dõi chỉ hỗ trợ SQLite. "
                    "Hãy ghi đường dẫn tới một tệp (ví dụ --db so-theo-doi.sqlite) hoặc sqlite:///ĐƯỜNG_DẪN."
                )
            given = given[len(SQLITE_URL) :]  # sqlite:///ledger.sqlite (relative), sqlite:////srv/ledger.sqlite
        return Path(given)
    return (folder or Path()) / FILE_NAME


@dataclass(frozen=True)
class Key:
    """A recorded period of one committee's reporting stream ("" when the rules file has one stream)."""

    committee: str
    stream: str
    period: str


@dataclass
class Entry:
    """One member's verdict for one period, as the ledger keeps it, with the follow-up it got."""

    key: Key
    period: Period
    deadline: dt.date
    member: str
    title: str
    status: str
    submitted: dt.date | None
    evidence_json: str  # read when asked (a scoreboard over years needs none of it)
    followup: dt.date | None = None  # the new deadline a đôn đốc set
    explanations: list[str] = field(default_factory=list)

    @property
    def evidence(self) -> dict[str, Any]:
        """What the audit gave as evidence for the verdict: files, dates, numbers, SHA-256 of each file."""
        data: dict[str, Any] = json.loads(self.evidence_json)
        return data

    @property
    def days_late(self) -> int | None:
        """Calendar days between the deadline and the day the report came, when it came late."""
        if self.status != "late" or self.submitted is None:
            return None
        return max((self.submitted - self.deadline).days, 0)

    @property
    def answered(self) -> bool:
        """Late, but by the new deadline a đôn đốc set ("nộp sau đôn đốc")."""
        return (
            self.status == "late"
            and self.followup is not None
            and self.submitted is not None
            and self.submitted <= self.followup
        )


@dataclass
class Change:
    """What one recording changed for one member (``old_*`` None: new; ``new_*`` None: no longer listed)."""

    recording: int
    key: Key
    recorded_on: dt.date
    replaced: bool
    member: str
    old_status: str | None
    new_status: str | None
    old_submitted: dt.date | None
    new_submitted: dt.date | None


@dataclass
class Recording:
    """What ``record`` did: the period's key, whether it replaced an earlier recording, and what changed."""

    id: int
    key: Key
    recorded_on: dt.date
    replaced: bool
    members: int
    changes: list[Change]
    path: Path

    def as_dict(self) -> dict[str, Any]:
        data = _flat(asdict(self))
        return {**data, "path": str(self.path), "changes": [_flat(asdict(c)) for c in self.changes]}


@dataclass
class PeriodSummary:
    """One recorded period and its verdicts counted by status."""

    key: Key
    deadline: dt.date
    recorded_on: dt.date
    rules_sha256: str | None
    counts: dict[str, int]


def _day(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _evidence(audit: Audit, verdict: Any) -> str:
    """The verdict's evidence as JSON: every field the audit gave it beyond the key columns, and the facts
    read from each of its files (number, dates, SHA-256…)."""
    data = {k: v for k, v in asdict(verdict).items() if k not in ("member", "title", "status", "submitted")}
    facts = {f.file: f for f in audit.files}
    data["file_facts"] = [
        {k: v for k, v in asdict(facts[name]).items() if k != "text" and v not in (None, [], "")}
        for name in verdict.files
        if name in facts
    ]
    return json.dumps(data, ensure_ascii=False, default=str, sort_keys=True)


class Ledger:
    """An open ledger file; use as a context manager (closes the connection). ``known`` are the committees of
    the workspace: an older file's keys are migrated to their ids, and their names are kept in the file."""

    def __init__(self, path: Path, known: Sequence[Known] = ()) -> None:
        self.path = path
        self.known = list(known)
        if path.is_dir():
            raise OutputError(f"'{path}' là một thư mục, không phải tệp sổ theo dõi (SQLite).")
        if not path.parent.is_dir():
            raise OutputError(f"Thư mục '{path.parent}' của sổ theo dõi không tồn tại; hãy tạo nó trước.")
        try:
            self.db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            self.db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise InputError(f"Không mở được sổ theo dõi '{path}': {_reason(exc)}.") from None

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.db.close()

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, begun with the write lock taken (other writers wait up to the busy timeout)."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise OutputError(f"Không ghi được sổ theo dõi '{self.path}': {_reason(exc)}.") from None
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > VERSION:
            raise InputError(
                f"Sổ theo dõi '{self.path}' có lược đồ phiên bản {version}, mới hơn bản quyche này hiểu ({VERSION}): "
                "hãy cập nhật quyche."
            )
        if version == VERSION:
            return
        with self._writing() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]  # another run may have migrated meanwhile
            for step in MIGRATIONS[version:]:
                for statement in step.split(";"):
                    if statement.strip():
                        db.execute(statement)
            if 0 < version < 3:
                self._rekey(db)
            if version < 3:
                db.executemany("INSERT OR REPLACE INTO committees VALUES (?, ?, ?)", map(astuple, self.known))
            db.execute(f"PRAGMA user_version = {VERSION}")

    def _rekey(self, db: sqlite3.Connection) -> None:
        """Version 2 keyed a committee by its name: each name one known committee carries becomes its id (a name
        two committees share, or none, keeps its key)."""
        by_name: dict[str, list[str]] = {}
        for each in self.known:
            by_name.setdefault(each.name, []).append(each.id)
        db.execute("PRAGMA defer_foreign_keys = ON")  # periods and their verdicts change keys in one transaction
        for name, ids in by_name.items():
            if len(ids) == 1 and ids[0] != name:
                for table in TABLES:
                    db.execute(f"UPDATE {table} SET committee = ? WHERE committee = ?", (ids[0], name))

    @property
    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    # -- writing ------------------------------------------------------------------------------------
    def record(self, audit: Audit, committee: Known, origin: dict[str, str] | None) -> Recording:
        """Record ``audit`` for ``committee`` (``origin``: the rules file's path and SHA-256), replacing any
        earlier recording of the same period in the same transaction and writing what changed."""
        key = Key(committee.id, audit.stream or "", audit.period.label)
        today = clock.today()
        sha = origin["sha256"] if origin else None
        with self._writing() as db:
            db.execute(
                "INSERT OR REPLACE INTO committees VALUES (?, ?, ?)", (committee.id, committee.name, committee.short)
            )
            old = {
                row[0]: (row[1], row[2])
                for row in db.execute(
                    "SELECT member, status, submitted FROM verdicts WHERE committee=? AND stream=? AND period=?",
                    (key.committee, key.stream, key.period),
                )
            }
            replaced = (
                db.execute(
                    "DELETE FROM periods WHERE committee=? AND stream=? AND period=?",
                    (key.committee, key.stream, key.period),
                ).rowcount
                > 0
            )
            recording = db.execute(
                "INSERT INTO recordings (committee, stream, period, recorded_on, rules_sha256, replaced) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (key.committee, key.stream, key.period, today.isoformat(), sha, int(replaced)),
            ).lastrowid
            assert recording is not None
            db.execute(
                "INSERT INTO periods VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    key.committee,
                    key.stream,
                    key.period,
                    audit.period.start.isoformat(),
                    audit.period.end.isoformat(),
                    audit.deadline.isoformat(),
                    audit.deadline_rule,
                    audit.as_of.isoformat() if audit.as_of else None,
                    sha,
                    origin["path"] if origin else None,
                    today.isoformat(),
                    recording,
                ),
            )
            db.executemany(
                "INSERT INTO verdicts VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        key.committee,
                        key.stream,
                        key.period,
                        m.member,
                        m.title,
                        m.status,
                        m.submitted.isoformat() if m.submitted else None,
                        _evidence(audit, m),
                    )
                    for m in audit.members
                ],
            )
            new = {m.member: (m.status, m.submitted.isoformat() if m.submitted else None) for m in audit.members}
            changed = [
                (recording, member, *old.get(member, (None, None)), *new.get(member, (None, None)))
                for member in sorted(old.keys() | new.keys())
                if old.get(member) != new.get(member)
            ]
            db.executemany(
                "INSERT INTO changes (recording, member, old_status, old_submitted, new_status, new_submitted) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                changed,
            )
        changes = [
            Change(recording, key, today, replaced, m, old, new, _day(old_day), _day(new_day))
            for _, m, old, old_day, new, new_day in changed
        ]
        return Recording(recording, key, today, replaced, len(audit.members), changes, self.path)

    def set_followup(self, key: Key, member: str, deadline: dt.date, document: str) -> None:
        """Record the new deadline a đôn đốc (``document``) set for ``member`` in the period ``key``."""
        with self._writing() as db:
            db.execute(
                "INSERT OR REPLACE INTO followups VALUES (?, ?, ?, ?, ?, ?, ?)",
                (*_key(key), member, deadline.isoformat(), document, clock.today().isoformat()),
            )

    def explain(self, key: Key, member: str, note: str, received: dt.date) -> None:
        """Record a giải trình (an explanation) ``member`` sent for the period ``key``."""
        with self._writing() as db:
            db.execute(
                "INSERT INTO explanations (committee, stream, period, member, note, received) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (*_key(key), member, note, received.isoformat()),
            )

    # -- reading ------------------------------------------------------------------------------------
    def periods(self, committees: Sequence[str] | None = None) -> list[PeriodSummary]:
        """Every recorded period (of ``committees``, by id), oldest first, with its verdicts counted by status."""
        rows = self.db.execute(
            "SELECT p.committee, p.stream, p.period, p.deadline, p.recorded_on, p.rules_sha256, v.status, count(*) "
            f"FROM periods p JOIN verdicts v USING (committee, stream, period) WHERE {AMONG.format('p')} "
            "GROUP BY 1, 2, 3, 7 ORDER BY p.first_day, p.committee, p.stream",
            (_ids(committees),),
        )
        found: dict[Key, PeriodSummary] = {}
        for c, s, p, deadline, recorded_on, sha, status, count in rows:
            key = Key(c, s, p)
            summary = found.setdefault(
                key, PeriodSummary(key, dt.date.fromisoformat(deadline), dt.date.fromisoformat(recorded_on), sha, {})
            )
            summary.counts[status] = count
        return list(found.values())

    def keys(self, committees: Sequence[str] | None, period: str) -> list[Key]:
        """The recorded streams of ``committees`` (every one when None) for ``period``."""
        rows = self.db.execute(
            f"SELECT p.committee, p.stream FROM periods p WHERE {AMONG.format('p')} AND p.period = ?2 "
            "ORDER BY p.committee, p.stream",
            (_ids(committees), period),
        )
        return [Key(committee, stream, period) for committee, stream in rows]

    def entries(
        self, committees: Sequence[str] | None = None, first: dt.date | None = None, last: dt.date | None = None
    ) -> list[Entry]:
        """Every recorded verdict (of ``committees``, by id; of the periods within ``first``–``last``), with its
        follow-up deadline and explanations, by period then member."""
        query = (
            "SELECT v.committee, v.stream, v.period, p.deadline, v.member, v.title, v.status, v.submitted, "
            "v.evidence, f.deadline FROM verdicts v JOIN periods p USING (committee, stream, period) "
            f"LEFT JOIN followups f USING (committee, stream, period, member) WHERE {AMONG.format('v')} "
            "AND (?2 IS NULL OR p.first_day >= ?2) AND (?3 IS NULL OR p.last_day <= ?3) "
            "ORDER BY p.first_day, v.committee, v.stream, v.member"
        )
        bounds = (_ids(committees), first.isoformat() if first else None, last.isoformat() if last else None)
        notes: dict[tuple[Key, str], list[str]] = {}
        for c, s, p, member, note, received in self.db.execute(
            "SELECT committee, stream, period, member, note, received FROM explanations ORDER BY id"
        ):
            notes.setdefault((Key(c, s, p), member), []).append(f"{dt.date.fromisoformat(received):%d/%m/%Y}: {note}")
        entries = []
        periods: dict[str, Period] = {}
        for c, s, p, deadline, member, title, status, submitted, evidence, followup in self.db.execute(query, bounds):
            key = Key(c, s, p)
            if p not in periods:
                periods[p] = parse_period(p)
            entries.append(
                Entry(
                    key,
                    periods[p],
                    dt.date.fromisoformat(deadline),
                    member,
                    title,
                    status,
                    _day(submitted),
                    evidence,
                    _day(followup),
                    notes.get((key, member), []),
                )
            )
        return entries

    def history(
        self, committees: Sequence[str] | None = None, member: str | None = None, period: str | None = None
    ) -> list[Change]:
        """What each recording changed, oldest first (of ``committees``, ``member``, ``period`` when given)."""
        rows = self.db.execute(
            "SELECT r.id, r.committee, r.stream, r.period, r.recorded_on, r.replaced, c.member, c.old_status, "
            "c.new_status, c.old_submitted, c.new_submitted FROM changes c JOIN recordings r ON r.id = c.recording "
            f"WHERE {AMONG.format('r')} AND (?2 IS NULL OR c.member = ?2) AND (?3 IS NULL OR r.period = ?3) "
            "ORDER BY r.id, c.member",
            (_ids(committees), member, period),
        )
        return [
            Change(rid, Key(c, s, p), dt.date.fromisoformat(on), bool(rep), m, os_, ns, _day(osub), _day(nsub))
            for rid, c, s, p, on, rep, m, os_, ns, osub, nsub in rows
        ]


# The rows of the committees whose ids ?1 lists as JSON (every committee when ?1 is NULL).
AMONG = "(?1 IS NULL OR {}.committee IN (SELECT value FROM json_each(?1)))"


def _ids(committees: Sequence[str] | None) -> str | None:
    return None if committees is None else json.dumps(list(committees))


def _key(key: Key) -> tuple[str, str, str]:
    return key.committee, key.stream, key.period


def _reason(exc: sqlite3.Error) -> str:
    """Why SQLite refused, in Vietnamese where the reason is a common one."""
    text = str(exc)
    if "locked" in text:
        return "tệp đang bị một lượt chạy khác khóa quá lâu; hãy thử lại"
    if "not a database" in text or "malformed" in text:
        return "tệp không phải cơ sở dữ liệu SQLite hoặc đã hỏng"
    if "readonly" in text or "unable to open" in text:
        return "không mở được tệp để ghi (quyền truy cập hoặc ổ đĩa chỉ đọc)"
    return f"lỗi SQLite: {text}"


def open_ledger(path: Path, known: Sequence[Known] = (), create: bool = False) -> Ledger:
    """The ledger at ``path``, migrated when needed (``known``: the workspace's committees) and, with
    ``create``, made when missing; InputError for a missing one otherwise, OutputError when the file cannot be
    used."""
    if not create and not path.exists():
        raise InputError(
            f"Chưa có sổ theo dõi '{path}': hãy ghi kết quả kiểm tra vào sổ trước (quyche check-reports THƯ_MỤC "
            "--record, hoặc quyche ledger record KẾT_QUẢ.json), hoặc chỉ đúng tệp bằng --db."
        )
    try:
        return Ledger(path, known)
    except OSError as exc:
        raise OutputError(f"Không mở được sổ theo dõi '{path}': {os_reason(exc)}.") from None


@dataclass
class Listing:
    """The recorded periods of a ledger (``ledger show``)."""

    path: Path
    periods: list[PeriodSummary]

    def as_dict(self) -> dict[str, Any]:
        return {
            "ledger": str(self.path),
            "periods": [{**asdict(p.key), **{k: v for k, v in asdict(p).items() if k != "key"}} for p in self.periods],
        }


@dataclass
class History:
    """What each recording changed (``ledger history``)."""

    path: Path
    changes: list[Change]

    def as_dict(self) -> dict[str, Any]:
        return {"ledger": str(self.path), "changes": [_flat(asdict(c)) for c in self.changes]}


def _flat(data: dict[str, Any]) -> dict[str, Any]:
    """A dataclass's fields with its ``key`` spread into committee, stream and period."""
    return {**data.pop("key"), **data}
