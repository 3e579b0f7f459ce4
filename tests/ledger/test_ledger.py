"""The ledger: real audits of real report folders recorded in a real SQLite file, re-recorded, migrated, and
written by two processes at once."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from quyche_cli.ledger.store import MIGRATIONS, VERSION, Ledger
from support import ROOT, Report, write_docx

Q3 = "2024-Q3"


def reports(folder: Path, *late: str) -> Path:
    """A folder of Q3/2024 reports: Sở Y tế on time (20/9), and each of ``late`` (issuer, symbol) on 30/9."""
    folder.mkdir(parents=True, exist_ok=True)
    write_docx(folder / "syt.docx", Report())
    for issuer, symbol in (item.split("|") for item in late):
        write_docx(
            folder / f"{symbol}.docx", Report(issuer=issuer, symbol=symbol, date_line="ngày 30 tháng 9 năm 2024")
        )
    return folder


def audit(cli: Callable[..., Result], folder: Path, db: Path, *more: str, period: str = Q3) -> Result:
    """``check-reports FOLDER --period PERIOD --record --db DB`` and ``more``."""
    return cli("check-reports", str(folder), "--period", period, "--record", "--db", str(db), *more)


def rows(db: Path, query: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(query).fetchall()


def test_record_then_record_again_keeps_the_changes(cli: Callable[..., Result], tmp_path: Path) -> None:
    db = tmp_path / "so.sqlite"
    folder = reports(tmp_path / "q3")
    first = audit(cli, folder, db, "--as-of", "2024-10-01")
    assert first.exit_code == 1, first.output
    assert "Đã ghi kỳ 2024-Q3" in first.stderr and "22 thành viên, 22 thay đổi" in first.stderr
    assert rows(db, "SELECT status, submitted FROM verdicts WHERE member='syt'") == [("on_time", "2024-09-20")]
    assert rows(db, "SELECT count(*) FROM verdicts WHERE status='missing'") == [(21,)]
    evidence = json.loads(str(rows(db, "SELECT evidence FROM verdicts WHERE member='syt'")[0][0]))
    assert evidence["files"] == ["syt.docx"] and evidence["file_facts"][0]["number"].endswith("215/BC-SYT")
    assert len(evidence["file_facts"][0]["sha256"]) == 64
    sha = rows(db, "SELECT rules_sha256 FROM periods")[0][0]
    assert isinstance(sha, str) and len(sha) == 64

    reports(folder, "BẢO HIỂM XÃ HỘI TỈNH|BHXH")
    alone = cli("check-reports", str(folder), "--period", Q3, "--db", str(db))
    assert alone.exit_code == 2 and "--db chỉ dùng cùng --record" in alone.stderr
    again = audit(cli, folder, db, "--as-of", "2024-10-02")
    assert "ghi lại (thay kết quả trước)" in again.stderr and "1 thay đổi" in again.stderr
    assert rows(db, "SELECT count(*) FROM periods") == [(1,)]
    assert rows(db, "SELECT status, submitted FROM verdicts WHERE member='bhxh'") == [("late", "2024-09-30")]

    shown = cli("ledger", "history", "--member", "bhxh", "--db", str(db), "--format", "json")
    changes = json.loads(shown.stdout)["changes"]
    assert [(c["old_status"], c["new_status"], c["new_submitted"]) for c in changes] == [
        (None, "missing", None),
        ("missing", "late", "2024-09-30"),
    ]
    assert changes[1]["replaced"] is True
    text = " ".join(
        cli("ledger", "history", "--period", "quý III/2024", "--member", "bhxh", "--db", str(db)).stdout.split()
    )
    assert "chưa nộp (—)" in text and "muộn (30/09/2024)" in text

    listing = cli("ledger", "show", "--db", str(db))
    assert listing.exit_code == 0
    flat = " ".join(listing.stdout.split())
    assert "2024-Q3 quarterly quyche 24/09/2024" in flat and "1 đúng hạn" in flat and "1 muộn" in flat


def test_record_an_audit_file_from_the_json(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = reports(tmp_path / "q3", "SỞ TÀI CHÍNH|STC")
    audit = tmp_path / "q3.json"
    cli("check-reports", str(folder), "--period", Q3, "--format", "json", "--out", str(audit))
    db = tmp_path / "ledger.sqlite"
    result = cli("ledger", "record", str(audit), "--db", f"sqlite:///{db}")
    assert result.exit_code == 0, result.output
    assert rows(db, "SELECT member, status FROM verdicts WHERE status != 'missing' ORDER BY member") == [
        ("stc", "late"),
        ("syt", "on_time"),
    ]
    recorded = rows(db, "SELECT rules_sha256 FROM periods")[0][0]
    assert recorded == json.loads(audit.read_text(encoding="utf-8"))["rules_file"]["sha256"]


def test_default_ledger_beside_the_rules_file(cli: Callable[..., Result], tmp_path: Path) -> None:
    workspace = tmp_path / "ban"
    workspace.mkdir()
    rules = workspace / "quyche.yaml"
    rules.write_bytes((ROOT / "quyche.yaml").read_bytes())
    folder = reports(tmp_path / "q3")
    cli("check-reports", str(folder), "--period", Q3, "--record", "--file", str(rules))
    assert (workspace / "quyche-ledger.sqlite").is_file()
    shown = cli("ledger", "show", "--file", str(rules), "--format", "json")
    assert json.loads(shown.stdout)["periods"][0]["counts"] == {"missing": 21, "on_time": 1}
    moved = cli("ledger", "show", env={"QUYCHE_LEDGER": str(tmp_path / "khac.sqlite")})
    assert moved.exit_code == 2 and "Chưa có sổ theo dõi" in moved.stderr


@pytest.mark.parametrize("url", ["postgresql://u@db/quyche", "mysql://localhost/q"])
def test_only_sqlite(cli: Callable[..., Result], tmp_path: Path, url: str) -> None:
    result = cli("ledger", "show", "--db", url)
    assert result.exit_code == 2
    assert "chỉ hỗ trợ SQLite" in result.stderr and "Traceback" not in result.output


def test_not_a_database(cli: Callable[..., Result], tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not sqlite at all" * 100)
    result = cli("ledger", "show", "--db", str(junk))
    assert result.exit_code == 2 and "không phải cơ sở dữ liệu SQLite" in result.stderr


def test_migrates_an_older_file_and_refuses_a_newer_one(tmp_path: Path) -> None:
    old = tmp_path / "v1.sqlite"
    with sqlite3.connect(old) as connection:
        connection.executescript(MIGRATIONS[0])
        connection.execute(
            "INSERT INTO periods VALUES ('Ban', '', '2024-Q3', '2024-07-01', '2024-09-30', '2024-09-24', 'r', NULL, "
            "NULL, NULL, '2024-10-01', 1)"
        )
        connection.execute("PRAGMA user_version = 1")
    with Ledger(old) as book:
        assert book.version == VERSION == 3
        assert [p.key.period for p in book.periods()] == []  # a period without verdicts lists nothing
        assert rows(old, "SELECT period FROM periods") == [("2024-Q3",)]
        assert rows(old, "SELECT count(*) FROM followups") == [(0,)]
    newer = tmp_path / "v9.sqlite"
    with sqlite3.connect(newer) as connection:
        connection.execute("PRAGMA user_version = 9")
    with pytest.raises(Exception, match="mới hơn bản quyche này hiểu"):
        Ledger(newer)


def test_two_processes_at_once(cli: Callable[..., Result], tmp_path: Path) -> None:
    """Two runs record into one new file at the same moment (each also creating the schema): both succeed,
    and the file holds both periods whole."""
    audits = []
    for period, name in ((Q3, "q3"), ("2024-Q2", "q2")):
        folder = reports(tmp_path / name)
        audit = tmp_path / f"{name}.json"
        cli("check-reports", str(folder), "--period", period, "--format", "json", "--out", str(audit))
        audits.append(audit)
    db = tmp_path / "shared.sqlite"
    env = {**os.environ, "QUYCHE_FILE": str(ROOT / "quyche.yaml")}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "quyche_cli", "ledger", "record", str(audit), "--db", str(db)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for audit in audits * 2
    ]
    outcomes = [(run.wait(timeout=120), run.stderr.read() if run.stderr else "") for run in runs]
    assert [code for code, _ in outcomes] == [0, 0, 0, 0], outcomes
    assert rows(db, "SELECT period, count(*) FROM verdicts GROUP BY period ORDER BY period") == [
        ("2024-Q2", 22),
        ("2024-Q3", 22),
    ]
    assert rows(db, "SELECT count(*), sum(replaced) FROM recordings") == [(4, 2)]
    assert rows(db, "PRAGMA user_version") == [(VERSION,)]


def test_the_followup_loop(cli: Callable[..., Result], tmp_path: Path) -> None:
    """A đôn đốc sets 10/10/2024; Bảo hiểm xã hội answers on 05/10, Sở Tài chính on 15/10, the others never:
    the next audit says who answered in time, and shows the giải trình recorded."""
    db = tmp_path / "so.sqlite"
    folder = reports(tmp_path / "q3")
    first = tmp_path / "q3.json"
    audit(cli, folder, db, "--format", "json", "--out", str(first))
    early = cli("ledger", "followup", str(first), "--deadline", "20/09/2024", "--db", str(db))
    assert early.exit_code == 2 and "phải sau hạn nộp" in early.stderr
    sent = cli(
        "ledger",
        "followup",
        str(first),
        "--deadline",
        "10/10/2024",
        "--document",
        "Công văn số 12/BCĐ",
        "--db",
        str(db),
    )
    assert sent.exit_code == 0 and "cho 21 thành viên" in sent.stderr
    write_docx(
        folder / "bhxh.docx",
        Report(issuer="BẢO HIỂM XÃ HỘI TỈNH", symbol="BHXH", date_line="ngày 05 tháng 10 năm 2024"),
    )
    write_docx(folder / "stc.docx", Report(issuer="SỞ TÀI CHÍNH", symbol="STC", date_line="ngày 15 tháng 10 năm 2024"))
    explained = cli(
        "ledger",
        "explain",
        "Sở Tài chính",
        "--period",
        Q3,
        "--note",
        "Công văn 88/STC: chờ số liệu quý",
        "--received",
        "12/10/2024",
        "--db",
        str(db),
    )
    assert explained.exit_code == 0, explained.output
    unknown = cli("ledger", "explain", "Sở Tài chính", "--period", "2025-Q1", "--note", "x", "--db", str(db))
    assert unknown.exit_code == 2 and "chưa ghi kỳ 2025-Q1" in unknown.stderr

    again = audit(cli, folder, db, "--format", "json", "--as-of", "2024-10-20")
    notes = {m["member"]: m["note"] for m in json.loads(again.stdout)["members"]}
    assert "Nộp sau đôn đốc: đúng hạn mới 10/10/2024." in notes["bhxh"]
    assert (
        "nộp sau hạn mới" in notes["stc"]
        and "Giải trình (12/10/2024: Công văn 88/STC: chờ số liệu quý)" in notes["stc"]
    )
    assert "Đã đôn đốc (hạn mới 10/10/2024): vẫn chưa nộp." in notes["snv"]
    assert "đôn đốc" not in notes["syt"] and "Giải trình" not in notes["syt"]


BAC_NINH = "Ban Chỉ đạo Cải cách hành chính, Chuyển đổi số và Đề án 06 tỉnh Bắc Ninh"  # document.committee


def version_2_file(path: Path) -> Path:
    """A ledger as quyche wrote it before committees were keyed by their workspace id (schema version 2): Q3/2024
    of the Bắc Ninh committee keyed by its name (Sở Y tế on time, Sở Tài chính missing with a đôn đốc and a
    giải trình), and a period of a committee no workspace here has."""
    with sqlite3.connect(path) as connection:
        for step in MIGRATIONS[:2]:
            connection.executescript(step)
        for committee, deadline in ((BAC_NINH, "2024-09-24"), ("Ban đã giải thể", "2024-09-20")):
            connection.execute(
                "INSERT INTO periods VALUES (?, 'quarterly', '2024-Q3', '2024-07-01', '2024-09-30', ?, 'r', "
                "'2024-10-01', NULL, NULL, '2024-10-01', 1)",
                (committee, deadline),
            )
            connection.execute(
                "INSERT INTO recordings VALUES (NULL, ?, 'quarterly', '2024-Q3', '2024-10-01', NULL, 0)", (committee,)
            )
        verdicts = [("syt", "Sở Y tế", "on_time", "2024-09-20"), ("stc", "Sở Tài chính", "missing", None)]
        for member, title, status, submitted in verdicts:
            connection.execute(
                "INSERT INTO verdicts VALUES (?, 'quarterly', '2024-Q3', ?, ?, ?, ?, '{}')",
                (BAC_NINH, member, title, status, submitted),
            )
            connection.execute("INSERT INTO changes VALUES (1, ?, NULL, ?, NULL, ?)", (member, status, submitted))
        connection.execute(
            "INSERT INTO verdicts VALUES ('Ban đã giải thể', 'quarterly', '2024-Q3', 'syt', 'Sở Y tế', 'late', "
            "'2024-09-25', '{}')"
        )
        connection.execute(
            "INSERT INTO followups VALUES (?, 'quarterly', '2024-Q3', 'stc', '2024-10-10', 'CV 12', '2024-09-26')",
            (BAC_NINH,),
        )
        connection.execute(
            "INSERT INTO explanations VALUES (NULL, ?, 'quarterly', '2024-Q3', 'stc', 'chờ số liệu', '2024-10-08')",
            (BAC_NINH,),
        )
        connection.execute("PRAGMA user_version = 2")
    return path


def test_a_version_2_file_is_keyed_by_the_workspace_ids(cli: Callable[..., Result], tmp_path: Path) -> None:
    """Opened from the workspace, the old file's rows of the Bắc Ninh committee move to its id, ``quyche``, in
    every table, in one transaction; the committee no workspace knows keeps its key; the scoreboard, the
    history and the follow-up read the migrated rows by the id, the name or the short name."""
    db = version_2_file(tmp_path / "so-cu.sqlite")
    workspace = ["-C", str(ROOT / "tests" / "data" / "workspace")]
    board = cli(
        *workspace, "scoreboard", "--year", "2024", "--committee", "quyche", "--db", str(db), "--format", "json"
    )
    assert board.exit_code == 0, board.output
    assert rows(db, "PRAGMA user_version") == [(VERSION,)]
    for table in ("periods", "verdicts", "recordings", "followups", "explanations"):
        keys = {key for (key,) in rows(db, f"SELECT DISTINCT committee FROM {table}")}
        assert BAC_NINH not in keys and "quyche" in keys, table
    assert rows(db, "SELECT committee FROM periods ORDER BY committee") == [("Ban đã giải thể",), ("quyche",)]
    assert ("quyche", BAC_NINH, "Ban Chỉ đạo") in rows(db, "SELECT id, name, short FROM committees")
    totals = {s["member"]: s for s in json.loads(board.stdout)["totals"]}
    assert {s["committee"] for s in totals.values()} == {"quyche"}
    assert (totals["syt"]["on_time"], totals["stc"]["missing"], totals["stc"]["explained"]) == (1, 1, 1)
    by_name = cli(
        *workspace, "scoreboard", "--year", "2024", "--committee", BAC_NINH, "--db", str(db), "--format", "json"
    )
    assert json.loads(by_name.stdout)["totals"] == json.loads(board.stdout)["totals"]
    everything = json.loads(cli(*workspace, "scoreboard", "--year", "2024", "--db", str(db), "--format", "json").stdout)
    assert {(s["committee"], s["member"]) for s in everything["totals"]} == {
        ("quyche", "syt"),
        ("quyche", "stc"),
        ("Ban đã giải thể", "syt"),
    }
    history = cli(*workspace, "ledger", "history", "--committee", "quyche", "--db", str(db), "--format", "json")
    assert {c["committee"] for c in json.loads(history.stdout)["changes"]} == {"quyche"}
    other = cli(*workspace, "ledger", "show", "--committee", "an-toan-thuc-pham", "--db", str(db), "--format", "json")
    assert json.loads(other.stdout)["periods"] == []
    unknown = cli(*workspace, "ledger", "show", "--committee", "khong-co", "--db", str(db))
    assert unknown.exit_code == 2 and "Không có ban 'khong-co'" in unknown.stderr
