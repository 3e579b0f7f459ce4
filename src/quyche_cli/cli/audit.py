"""The check-reports command: who reported on time, late, or not at all."""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from quyche_cli.cli.days import period_asked
from quyche_cli.cli.files import check_folder
from quyche_cli.cli.ledger import DbOption
from quyche_cli.cli.options import (
    AssumeOption,
    CommitteeOption,
    FileOption,
    ForceOption,
    OutOption,
    PeriodOption,
    StreamOption,
)
from quyche_cli.cli.output import emit
from quyche_cli.cli.rulesfile import open_desk
from quyche_cli.errors import OK, PROBLEMS, InputError


class AuditFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"
    markdown = "markdown"


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
            help="Sổ văn bản đến xuất từ hệ thống quản lý văn bản (.xlsx hoặc .csv, cột 'Ngày đến', 'Số ký hiệu', "
            "'Cơ quan ban hành', 'Trích yếu' hoặc 'Tệp'): ngày nhận là bằng chứng mạnh nhất.",
            show_default=False,
        ),
    ] = None,
    trust_roots: Annotated[
        list[Path] | None,
        typer.Option(
            "--trust-roots",
            metavar="TỆP",
            help="Chứng thư gốc (PEM hoặc DER) để xác minh chuỗi chứng thư của chữ ký số; lặp lại được. "
            "Không có thì chữ ký vẫn được đọc nhưng chuỗi chứng thư không được xác minh (có ghi rõ).",
            show_default=False,
        ),
    ] = None,
    group: Annotated[
        bool, typer.Option("--group", help="Bảng chữ: nhóm thành viên theo kết quả (muộn, chưa nộp, cần xem lại…).")
    ] = False,
    coverage: Annotated[
        bool, typer.Option("--coverage", help="Cho biết báo cáo đã đề cập những điểm nào của thành viên.")
    ] = False,
    assume_announced: AssumeOption = False,
    file: FileOption = None,
    committee: CommitteeOption = None,
    format: Annotated[
        AuditFormat, typer.Option("--format", help="text, json, csv, xlsx hoặc markdown (để dán vào ghi chú).")
    ] = AuditFormat.text,
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
    tệp quy chế có nhiều luồng báo cáo thì chọn luồng bằng --stream. Trong thư mục làm việc có nhiều ban, ban
    được chọn bằng --committee hoặc nhận ra từ tiêu đề các báo cáo, và được ghi trong kết quả.

    Thoát 1 khi có thành viên nộp muộn, chưa nộp sau hạn hoặc cần xem lại; 0 khi không có (kể cả khi còn thành
    viên "chưa đến hạn"); 2 khi đầu vào sai."""
    from quyche_cli.audit.auditor import Auditor
    from quyche_cli.audit.register import read_register

    check_folder(folder, out, force, format.value)
    if db and not record:
        raise InputError("--db chỉ dùng cùng --record (ghi kết quả vào sổ theo dõi).")
    desk = open_desk(file, as_of, folder, assume_announced)
    committee_, chosen_by = desk.committee_of(folder, committee)
    rules = committee_.rules
    chosen = period_asked(rules, period) if period else None
    register = read_register(received) if received else None
    for root in trust_roots or []:
        if not root.is_file():
            raise InputError(
                f"Không có tệp chứng thư gốc '{root}' (--trust-roots): hãy chỉ tới tệp .pem, .cer hoặc .crt."
            )
    auditor = Auditor(rules, trust_roots)
    result = auditor.run(folder, chosen, register, desk.day, coverage, progress=progress, stream=stream)
    if record:
        from quyche_cli.cli.ledger import record_audit

        record_audit(result, committee_, desk, db, None)
    shown: object = result
    if group and format is AuditFormat.text:
        from quyche_cli.cli.views.audit import Grouped

        shown = Grouped(result)
    if len(desk.committees) > 1:
        from quyche_cli.desk.across import AuditIn
        from quyche_cli.desk.front import ref

        shown = AuditIn(ref(committee_), chosen_by, result.stream, shown)
    emit(shown, format.value, rules, out, force=force)
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
