"""Benchmark of the ledger (issue 25) on a province-sized history, generated: 30 members × 4 reporting streams
(monthly, quarterly, half-yearly, yearly) × 5 years = 95 periods, 2,850 verdicts, each with evidence as an
audit gives it. Recording one period and re-recording it (replacing its rows), the scoreboard over the five
years in-process (reading the ledger and counting; writing its JSON), the whole `quyche scoreboard` command
(the installed entry point in a subprocess, as JSON and as the default text) and the bare start-up `quyche
--version`, measured in turn round after round in the same run, and the size of the file. Ratios: recording
against a plain SQLite transaction inserting the same rows (the floor of any recording), the command against
the bare start-up.

    python bench/ledger.py            # print the table
    python bench/ledger.py --write    # also record it in bench/RESULTS.md
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from quyche_cli.audit.results import Audit, FileFacts, MemberVerdict
from quyche_cli.cli.views.console import json_text
from quyche_cli.ledger.scoreboard import scoreboard
from quyche_cli.ledger.store import Known, Ledger
from quyche_cli.schedule.periods import Period
from run import ROOT, RULES, quyche, record, run_once

MEMBERS = 30
YEARS = range(2024, 2029)  # within the years the bundled rules file accepts
STREAMS = {"monthly": ("month", 12), "quarterly": ("quarter", 4), "half_yearly": ("half", 2), "yearly": ("year", 1)}
COMMITTEE = Known("quyche", "Ban Chỉ đạo (dữ liệu sinh ra cho đo đạc)", "Ban Chỉ đạo")  # the bundled file's id
TARGETS = {"record": 1.0, "scoreboard": 1.0, "size_mb": 10.0}  # issue 25: under 1 s, under 1 s, under 10 MB


def periods() -> list[tuple[str, Period]]:
    """Every (stream, period) of the five years, in order."""
    return [
        (stream, Period(year, number, kind))  # type: ignore[arg-type]
        for year in YEARS
        for stream, (kind, count) in STREAMS.items()
        for number in range(1, count + 1)
    ]


def audit(stream: str, period: Period, seed: int) -> Audit:
    """An audit of ``period`` as check-reports makes it: a mix of on time, late, missing and needing review,
    each report with the facts read from its file."""
    deadline = period.end - dt.timedelta(days=6)
    members, files = [], []
    for m in range(MEMBERS):
        status = ("on_time", "on_time", "on_time", "late", "missing", "needs_review")[(m + seed) % 6]
        name = f"{period.label} - don vi {m:02d} - bao cao.docx"
        submitted = (
            None if status == "missing" else deadline + dt.timedelta(days=(m % 9) - 4 if status != "late" else 3)
        )
        if submitted is not None:
            files.append(
                FileFacts(
                    name,
                    f"m{m:02d}",
                    "document",
                    f"{100 + m}/BC-DV{m:02d}",
                    submitted,
                    f"Hòa Sơn, ngày {submitted.day} tháng {submitted.month} năm {submitted.year}",
                    period.label,
                    submitted=submitted,
                    evidence="document",
                    sha256=f"{seed:08x}{m:056x}",
                )
            )
        members.append(
            MemberVerdict(
                f"m{m:02d}",
                f"Giám đốc Sở số {m:02d}",
                status,  # type: ignore[arg-type]
                submitted,
                "ngày trên văn bản" if submitted else None,
                [name] if submitted else [],
                "Ngày trên văn bản khác ngày trong tên tệp." if status == "needs_review" else "",
            )
        )
    return Audit(period, "--period", deadline, "chậm nhất …", None, members, [], files, [], stream, deadline)


def plain_floor(db: Path, rows: list[tuple[str, ...]]) -> float:
    """One transaction inserting ``rows`` into a bare table, no logic: the floor of a recording."""
    with sqlite3.connect(db, isolation_level=None) as connection:
        connection.execute("CREATE TABLE IF NOT EXISTS t (a, b, c, d, e, f, g, h)")
        start = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        connection.execute("COMMIT")
        return time.perf_counter() - start


def table(repeat: int) -> list[str]:
    work = Path(tempfile.mkdtemp(prefix="quyche-bench-ledger-"))
    db = work / "so.sqlite"
    history = periods()
    records = []
    with Ledger(db) as book:
        for i, (stream, period) in enumerate(history):
            made = audit(stream, period, i)
            start = time.perf_counter()
            book.record(made, COMMITTEE, {"path": str(RULES), "sha256": "0" * 64})
            records.append(time.perf_counter() - start)
        again = []
        for i in range(repeat):
            stream, period = history[-1 - i]
            made = audit(stream, period, i + 1)
            start = time.perf_counter()
            book.record(made, COMMITTEE, {"path": str(RULES), "sha256": "1" * 64})
            again.append(time.perf_counter() - start)
        boards, writes = [], []
        first, last = dt.date(YEARS[0], 1, 1), dt.date(YEARS[-1], 12, 31)
        for _ in range(repeat):
            start = time.perf_counter()
            board = scoreboard(book.entries([COMMITTEE.id], first, last), first, last, COMMITTEE.id)
            boards.append(time.perf_counter() - start)
            start = time.perf_counter()
            written = json_text(board.as_dict())
            writes.append(time.perf_counter() - start)
        verdicts = book.db.execute("SELECT count(*) FROM verdicts").fetchone()[0]
        evidence = book.db.execute("SELECT avg(length(evidence)) FROM verdicts").fetchone()[0]
    sample = [
        ("x" * 20, "q", "2026-Q4", f"m{m:02d}", "title", "on_time", "2026-12-01", "{}" * 200) for m in range(MEMBERS)
    ]
    floors = [plain_floor(work / "floor.sqlite", sample) for _ in range(repeat)]
    floor = statistics.median(floors)
    size = db.stat().st_size / 1e6
    board_args = ["scoreboard", "--from", f"{YEARS[0]}-Q1", "--to", f"{YEARS[-1]}-Q4", "--db", str(db)]
    cases = {
        "bare start-up: `quyche --version`": [*quyche(), "--version"],
        "`quyche scoreboard --from … --to … --committee quyche --format json`": [
            *quyche(),
            *board_args,
            "--committee",
            COMMITTEE.id,
            "--format",
            "json",
        ],
        "`quyche scoreboard --from … --to …` (text, by year)": [*quyche(), *board_args],
    }
    env = {"QUYCHE_FILE": str(RULES)}
    for argv in cases.values():
        run_once(argv, ROOT, env)  # warm-up: fills the cache of validated rules files
    runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in cases}
    for _ in range(repeat):  # in turn, round after round: a loaded machine slows them alike
        for name, argv in cases.items():
            runs[name].append(run_once(argv, ROOT, env))
    wall = {name: statistics.median(w for w, _, _ in times) for name, times in runs.items()}
    cpu = {name: statistics.median(c for _, _, c in times) for name, times in runs.items()}
    base = next(iter(cases))
    assert board.periods and len(board.totals) == MEMBERS
    rows = [
        "| case | median s | ratio | target |",
        "|---|---:|---:|---|",
        f"| record one period ({MEMBERS} verdicts, {len(history)} periods in turn) | {statistics.median(records):.4f} "
        f"| {statistics.median(records) / floor:.1f} × a bare transaction | < {TARGETS['record']:.0f} s |",
        f"| record a period again (replace, write the changes) | {statistics.median(again):.4f} "
        f"| {statistics.median(again) / floor:.1f} × a bare transaction | < {TARGETS['record']:.0f} s |",
        f"| scoreboard over 5 years, in-process: read the ledger and count ({verdicts} verdicts) | "
        f"{statistics.median(boards):.3f} | | < {TARGETS['scoreboard']:.0f} s |",
        f"| the same board written as JSON, in-process ({len(written) / 1e3:.0f} kB) | {statistics.median(writes):.3f} "
        "| | |",
        "",
        f"The whole command, installed entry point in a subprocess, {repeat} rounds (medians; target: the "
        f"scoreboard under {TARGETS['scoreboard']:.0f} s):",
        "",
        "| case | wall s | × start-up | CPU s | × start-up |",
        "|---|---:|---:|---:|---:|",
        *(
            f"| {name} | {wall[name]:.3f} | {wall[name] / wall[base]:.2f} | {cpu[name]:.3f} | "
            f"{cpu[name] / cpu[base]:.2f} |"
            for name in cases
        ),
        "",
        f"Database after 5 years: {size:.2f} MB ({size * 1e6 / verdicts:.0f} bytes a verdict, evidence JSON "
        f"{evidence:.0f} bytes on average; target < {TARGETS['size_mb']:.0f} MB). A bare transaction of {MEMBERS} "
        f"rows: {floor:.4f} s.",
    ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--write", action="store_true", help="record the table in bench/RESULTS.md")
    args = parser.parse_args()
    compileall.compile_dir(str(ROOT / "src"), quiet=1)  # bytecode as an installed package has it
    rows = table(args.repeat)
    print("\n".join(rows))
    if args.write:
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        note = (
            "Ledger (issue 25): a generated history of 30 members × 4 streams × 5 years, recorded period by "
            f"period into one SQLite file, then the five-year scoreboard. Load average during the run: {load} (the "
            "ratios travel better than the seconds).\n\n"
        )
        record("\n".join(rows), args.repeat, "issue 25, ledger, ", note)


if __name__ == "__main__":
    sys.exit(main())
