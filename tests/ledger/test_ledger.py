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
    assert "2024-Q3" in listing.stdout and "1 đúng hạn" in listing.stdout and "1 muộn" in listing.stdout


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
        assert book.version == VERSION == 2
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
