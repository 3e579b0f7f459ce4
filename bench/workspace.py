"""Benchmark of a workspace: one registry (the bundled file's) and N generated regulations of the same province
(the test workspace's food-safety committee, each with its own name, deadline day and one member agency
changed). ``duties`` across all against ``duties`` on the bundled single file in the same run; ``validate`` of
workspaces of growing size (linear: the time per regulation stays flat); ``report-load`` and ``site`` across all.

    python bench/workspace.py            # print the table
    python bench/workspace.py --write    # also record it in bench/RESULTS.md
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import tempfile
from pathlib import Path

from run import ROOT, RULES, quyche, record, run_once

TEMPLATE = ROOT / "tests" / "data" / "workspace" / "an-toan-thuc-pham.yaml"
# Agencies of the registry that take the place of Sở Công Thương in the generated committees, in turn.
SWAPS = ["sct", "sgddt", "snv", "stp", "svhttdl", "sxd", "skhcn", "bhxh", "cuc_thue", "tinhdoan"]
SIZE = 20
TARGET = 1.5  # duties across the 20 within 1.5 × duties on the bundled file
SITE_BUDGET = 5.0  # seconds of CPU


def generated(count: int, folder: Path) -> Path:
    """A workspace of the bundled file's registry and regulation and ``count`` generated regulations."""
    from quyche_cli.rules.migration import split

    folder.mkdir()
    for name, text in split(RULES).files().items():
        (folder / name).write_text(text, encoding="utf-8")
    template = TEMPLATE.read_text(encoding="utf-8")
    for i in range(count):
        swap = SWAPS[i % len(SWAPS)]
        text = template.replace("an toàn thực phẩm tỉnh", f"an toàn thực phẩm số {i + 1}")
        day = 10 + i % 15
        text = text.replace("agency: sct", f"agency: {swap}").replace("day: 20\n", f"day: {day}\n")
        text = text.replace("wording: chậm nhất ngày 20", f"wording: chậm nhất ngày {day}")
        (folder / f"ban-{i + 1:02d}.yaml").write_text(text, encoding="utf-8")
    return folder


def cpu(argv: list[str], cwd: Path, repeat: int) -> float:
    """Median CPU time of ``argv`` (after a warm-up that fills the rules cache)."""
    run_once(argv, cwd)
    return statistics.median(run_once(argv, cwd)[2] for _ in range(repeat))


def table(repeat: int) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        os.environ["XDG_CACHE_HOME"] = str(base / "cache")
        os.environ.pop("QUYCHE_WORKSPACE", None)
        folder = generated(SIZE, base / "tinh")
        alone = cpu([*quyche(), "duties", "Sở Y tế", "--file", str(RULES)], base, repeat)
        across = cpu([*quyche(), "-C", str(folder), "duties", "Sở Y tế"], base, repeat)
        ratio = across / alone
        rows = [
            "| case | CPU s | × duties on the bundled file |",
            "|---|---:|---:|",
            f'| `duties "Sở Y tế"` on the bundled file | {alone:.3f} | 1.00 |',
            f'| `duties "Sở Y tế"` across {SIZE + 1} regulations | {across:.3f} | **{ratio:.2f}** '
            f"({'within' if ratio <= TARGET else 'OVER'} {TARGET:g} ×) |",
        ]
        load = cpu([*quyche(), "-C", str(folder), "report-load", "--year", "2026"], base, repeat)
        rows.append(f"| `report-load --year 2026` across {SIZE + 1} regulations | {load:.3f} | {load / alone:.2f} |")
        site = cpu([*quyche(), "-C", str(folder), "site", "--out", str(base / "web"), "--force"], base, repeat)
        verdict = "within" if site < SITE_BUDGET else "OVER"
        rows.append(f"| `site` across {SIZE + 1} regulations | {site:.3f} | {verdict} {SITE_BUDGET:g} s of CPU |")
        rows += [
            "",
            "`validate` of the workspace (every file read and checked; linear: the cost of one more regulation",
        ]
        rows += ["stays flat):", "", "| regulations | CPU s | CPU s added per regulation |", "|---:|---:|---:|"]
        previous: tuple[int, float] | None = None
        for size in (10, 20, 40, 80):
            grown = generated(size, base / f"tinh-{size}")
            seconds = cpu([*quyche(), "validate", str(grown)], base, repeat)
            added = f"{(seconds - previous[1]) / (size - previous[0]):.4f}" if previous else "—"
            rows.append(f"| {size + 1} | {seconds:.3f} | {added} |")
            previous = (size, seconds)
            shutil.rmtree(grown)
        return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="record the table in bench/RESULTS.md")
    args = parser.parse_args()
    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    rows = "\n".join(table(args.repeat))
    print(rows)
    if args.write:
        note = (
            f"A workspace of the bundled file's registry and regulation and {SIZE} generated regulations (bench/"
            "workspace.py), CPU time (user + system) medians, each case after one unmeasured run that fills the "
            "rules cache; the machine was running two test suites meanwhile.\n\n"
        )
        record(rows, args.repeat, "issue 21, workspace: ", note)


if __name__ == "__main__":
    main()
