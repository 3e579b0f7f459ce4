"""The check-reports command: who reported on time, late, or not at all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from quyche_cli.cli.days import day_asked, period_asked
from quyche_cli.cli.files import check_folder
from quyche_cli.cli.ledger import DbOption
from quyche_cli.cli.options import FileOption, ForceOption, OutOption, PeriodOption, StreamOption, TableFormat
from quyche_cli.cli.output import emit
from quyche_cli.cli.rulesfile import open_rules
from quyche_cli.errors import OK, PROBLEMS


def check_reports(
    folder: Annotated[
        Path, typer.Argument(metavar="THƯ_MỤC", help="Thư mục chứa các báo cáo đã nhận (có thể có thư mục con).")
    ],
    period: PeriodOption = None,
    stream: StreamOption = None,
    received: Annotated[
        Path | None,
        typer.Option(
            "--received",
            metavar="TỆP",
            help="Tệp CSV 'file,received' xuất từ hệ thống quản lý văn bản: ngày nhận là bằng chứng mạnh nhất.",
            show_default=False,
        ),
    ] = None,
    coverage: Annotated[
        bool, typer.Option("--coverage", help="Cho biết báo cáo đã đề cập những điểm nào của thành viên.")
    ] = False,
    file: FileOption = None,
    format: Annotated[TableFormat, typer.Option("--format", help="text, json, csv hoặc xlsx.")] = TableFormat.text,
    out: OutOption = None,
    force: ForceOption = False,
    record: Annotated[
        bool,
        typer.Option(
            "--record", help="Ghi kết quả vào sổ theo dõi (SQLite), để lập bảng xếp hạng và theo dõi đôn đốc."
        ),
    ] = False,
    db: DbOption = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="NGÀY",
            help="Ngày kiểm tra (mặc định: hôm nay): để suy ra kỳ gần nhất đã hết hạn, biết ai chưa đến hạn.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Ai nộp báo cáo đúng hạn, muộn, chưa nộp: đọc thư mục báo cáo đã nhận, kèm bằng chứng cho từng kết luận.

    Không có --period thì kỳ được suy ra từ tiêu đề các báo cáo, rồi tên thư mục, rồi kỳ gần nhất đã hết hạn;
    tệp quy chế có nhiều luồng báo cáo thì chọn luồng bằng --stream.

    Thoát 1 khi có thành viên nộp muộn, chưa nộp sau hạn hoặc cần xem lại; 0 khi không có (kể cả khi còn thành
    viên "chưa đến hạn"); 2 khi đầu vào sai."""
    from quyche_cli.audit.auditor import Auditor
    from quyche_cli.audit.folder import read_received

    check_folder(folder, out, force, format.value)
    rules = open_rules(file, folder)
    chosen = period_asked(rules, period) if period else None
    dates = read_received(received) if received else None
    day = day_asked(as_of, rules)
    result = Auditor(rules).run(folder, chosen, dates, day, coverage, progress=progress, stream=stream)
    if record or db:
        from quyche_cli.cli.ledger import record_audit

        record_audit(result, rules, db)
    emit(result, format.value, rules, out, force=force)
    raise typer.Exit(PROBLEMS if result.action_needed else OK)


def progress(paths: Iterator[Path], total: int, after: float = 1.0) -> Iterator[Path]:
    """A progress bar on stderr once reading has taken more than ``after`` seconds, only on a terminal."""
    import sys
    import time

    if not sys.stderr.isatty():
        yield from paths
        return
    from rich.progress import Progress

    from quyche_cli.cli.views.console import console

    start = time.monotonic()
    bar = Progress(console=console(stderr=True), transient=True)
    task = bar.add_task("Đang đọc báo cáo…", total=total)
    try:
        for path in paths:
            if not bar.live.is_started and time.monotonic() - start > after:
                bar.start()
            yield path
            bar.advance(task)
    finally:
        bar.stop()
