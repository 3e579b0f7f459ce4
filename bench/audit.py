"""Benchmark of check-reports on folders as they arrive: .docx (some with soft line breaks), LibreOffice-like
.pdf with wrapped date lines, combined Q4 + year titles, copies beside originals. Speed as files per second
and as a ratio to reading the same bytes in the same run; memory as the peak of each size (flat = the same
peak for 500 and 2,000 files). Then the cost of containers and signatures (issue 24), each as a ratio to the
same reports audited plain in the same run: the 500 reports in one .zip, and PDFs signed with a test CA.

    python bench/audit.py            # print the table
    python bench/audit.py --write    # also record it in bench/RESULTS.md
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import ROOT, RULES, quyche, reading_the_bytes, record, run_once

SIZES = (500, 2000)
TARGET_RATE = 300  # files per second on 2,000 files (issue 12)


def real_folder(count: int, folder: Path) -> Path:
    """``count`` reports of 2026-Q4 from the members: a third .docx, a third soft-broken .docx, a third .pdf
    laid out as LibreOffice does; every tenth file a copy "(1)" of the one before."""
    from quyche_cli.rules.validation import load_rules
    from support import Report, write_docx, write_docx_soft_breaks, write_pdf_cells

    rules = load_rules(RULES)
    agencies = [rules.agencies[m.agency] for m in rules.model.members if m.agency]
    target = folder / f"bao-cao quý 4 năm 2026 ({count})"
    target.mkdir()
    titles = ["quý IV và cả năm 2026, kế hoạch năm 2027", "năm 2026 và phương hướng, nhiệm vụ năm 2027"]
    previous: Path | None = None
    for i in range(count):
        agency = agencies[i % len(agencies)]
        name = target / f"{agency.abbreviation}_{i}"
        if i % 10 == 9 and previous is not None:
            shutil.copyfile(previous, name.with_name(f"{previous.stem} (1){previous.suffix}"))
            continue
        report = Report(
            issuer=agency.name.upper(),
            symbol=agency.abbreviation,
            number=str(i + 1),
            date_line=f"Bắc Ninh, ngày {1 + i % 28} tháng 12 năm 2026" if i % 4 else "Bắc Ninh, ngày 5/12/2026",
            period_line=f"Kết quả thực hiện nhiệm vụ chuyển đổi số {titles[i % 2]}",
        )
        writer, suffix = [(write_docx, "docx"), (write_docx_soft_breaks, "docx"), (write_pdf_cells, "pdf")][i % 3]
        previous = writer(name.with_suffix(f".{suffix}"), report)
    return target


def rows(folder: Path, repeat: int) -> list[str]:
    lines = [
        "| case | median s | CPU s | CPU ratio | rate (wall) | rate (CPU) | peak |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for count in SIZES:
        reports = real_folder(count, folder)
        read_all = reading_the_bytes(reports)
        base, _, base_cpu = measure_cpu(read_all, folder, repeat)
        argv = [*quyche(), "check-reports", str(reports), "--as-of", "2026-12-31", "--format", "json"]
        seconds, memory, cpu = measure_cpu(argv, folder, repeat)
        files = sum(1 for _ in reports.iterdir())
        lines.append(
            f"| check-reports, {files} real-folder reports (.docx/.pdf, copies) | {seconds:.2f} | {cpu:.2f} | "
            f"{cpu / base_cpu:.1f} × reading the bytes | {files / seconds:.0f} files/s | {files / cpu:.0f} files/s | "
            f"{memory:.0f} MiB |"
        )
    return lines


def container_rows(folder: Path, repeat: int) -> list[str]:
    """The 500-report folder audited as it is and packed in one .zip; 60 PDFs unsigned and signed."""
    import datetime as dt
    import zipfile

    from support import Report, TestCA, write_pdf

    (folder / "plain").mkdir()
    plain = real_folder(SIZES[0], folder / "plain")
    packed = folder / "packed"
    packed.mkdir()
    with zipfile.ZipFile(packed / "goi bao cao.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(plain.iterdir()):
            archive.write(path, path.name)
    unsigned, signed = folder / "unsigned", folder / "signed"
    unsigned.mkdir()
    signed.mkdir()
    ca = TestCA(folder)
    signer = ca.issue("Người ký thử", "Sở Y tế")
    for i in range(60):
        report = Report(number=str(i + 1), date_line=f"Bắc Ninh, ngày {1 + i % 20} tháng 12 năm 2026")
        write_pdf(unsigned / f"SYT_{i}.pdf", report)
        at = dt.datetime(2026, 12, 22, 9, i, tzinfo=dt.timezone(dt.timedelta(hours=7)))
        ca.sign(write_pdf(signed / f"SYT_{i}.pdf", report), signer, at)
    lines = []
    for label, base, measured, count in (
        (f"{SIZES[0]} reports in one .zip", plain, packed, SIZES[0]),
        ("60 signed PDFs (pyHanko)", unsigned, signed, 60),
    ):
        argv = [*quyche(), "check-reports", "--period", "2026-Q4", "--as-of", "2026-12-31", "--format", "json"]
        _, base_mem, base_cpu = measure_cpu([*argv, str(base)], folder, repeat)
        seconds, memory, cpu = measure_cpu([*argv, str(measured)], folder, repeat)
        lines.append(
            f"| check-reports, {label} | {seconds:.2f} | {cpu:.2f} | {cpu / base_cpu:.2f} × the same plain | "
            f"{count / seconds:.0f} files/s | {count / cpu:.0f} files/s | {memory:.0f} MiB (plain {base_mem:.0f}) |"
        )
    return lines


def measure_cpu(argv: list[str], cwd: Path, repeat: int) -> tuple[float, float, float]:
    """Median wall time, peak memory (MiB) and median CPU time (user + system) of ``repeat`` runs after a
    warm-up: on a shared machine the CPU time is the steadier figure."""
    run_once(argv, cwd)
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(process.pid, 0)
        runs.append((time.perf_counter() - start, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime))
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), statistics.median(r[2] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="record the table in bench/RESULTS.md")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    with tempfile.TemporaryDirectory() as tmp:
        table = "\n".join([*rows(Path(tmp), args.repeat), *container_rows(Path(tmp), args.repeat)])
    print(table)
    if args.write:
        note = f"Target: at least {TARGET_RATE} files/s on 2,000 files, peak memory flat.\n\n"
        record(table, args.repeat, "audit of real folders (bench/audit.py), ", note)


if __name__ == "__main__":
    main()
