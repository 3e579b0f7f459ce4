"""Workspace commands: init (make one), migrate (split a single rules file into one) and report-load (what
each agency owes across the committees)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from quyche_cli.cli.options import (
    AsOfOption,
    CommitteeOption,
    FileOption,
    ForceOption,
    OutOption,
    TableFormat,
    WideOption,
)
from quyche_cli.errors import OutputError


def _write_new(folder: Path, files: dict[str, str]) -> None:
    """Write ``files`` into ``folder`` (made if missing), each created new: nothing is written when one exists."""
    from quyche_cli.safewrite import write_atomic

    if folder.exists() and not folder.is_dir():
        raise OutputError(f"'{folder}' không phải thư mục; hãy chọn một thư mục mới hoặc có sẵn.")
    existing = [name for name in files if (folder / name).exists()]
    if existing:
        raise OutputError(
            f"Thư mục '{folder}' đã có {', '.join(existing)}: không ghi đè. Hãy chọn thư mục khác hoặc chuyển tệp cũ "
            "đi nơi khác."
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from quyche_cli.errors import os_reason

        raise OutputError(f"Không tạo được thư mục '{folder}': {os_reason(exc)}.") from None
    for name, text in files.items():
        write_atomic(folder / name, text.encode("utf-8"))
        typer.echo(f"Đã ghi {folder / name}.", err=True)


def init(
    folder: Annotated[
        Path,
        typer.Argument(metavar="THƯ_MỤC", help="Thư mục làm việc sẽ tạo (mặc định: thư mục hiện tại)."),
    ] = Path("."),
    empty: Annotated[
        bool,
        typer.Option(
            "--empty", help="Chỉ tạo sổ tổ chức trống, có chú thích hướng dẫn cách ghi, không kèm quy chế nào."
        ),
    ] = False,
) -> None:
    """Tạo thư mục làm việc của một tỉnh: sổ tổ chức (to-chuc.yaml: cơ quan qua thời gian, lịch làm việc) và
    quy chế đi kèm gói, tách bằng migrate, cùng JSON Schema của hai loại tệp cho trình soạn thảo
    (to-chuc.schema.json, quyche.schema.json); chép thêm tệp quy chế khác của tỉnh vào cùng thư mục. Không ghi
    đè."""
    from quyche_cli.rules.locate import bundled_path
    from quyche_cli.rules.migration import EMPTY_REGISTRY, split, with_schemas
    from quyche_cli.rules.workspace import REGISTRY_FILE

    files = {REGISTRY_FILE: EMPTY_REGISTRY} if empty else split(bundled_path()).files()
    _write_new(folder, with_schemas(files))
    typer.echo(
        f"Đã tạo thư mục làm việc {folder}. Chép các tệp quy chế khác của tỉnh vào đó, rồi chạy 'quyche validate' "
        "trong thư mục này.",
        err=True,
    )


def migrate(
    file: Annotated[Path, typer.Argument(metavar="TỆP", help="Tệp quy chế một tệp (schema 1) cần tách.")],
    out: Annotated[
        Path,
        typer.Option("--out", metavar="THƯ_MỤC", help="Thư mục làm việc sẽ nhận hai tệp.", show_default=False),
    ],
) -> None:
    """Tách một tệp quy chế thành sổ tổ chức (to-chuc.yaml: cơ quan, lịch, sự kiện) và tệp quy chế gọi cơ quan
    theo id, giữ nguyên chú thích; hai tệp đọc cùng nhau cho đúng quy chế cũ, kèm JSON Schema của hai loại tệp
    cho trình soạn thảo. Tệp gốc không bị sửa."""
    from quyche_cli.rules.migration import split, with_schemas

    _write_new(out, with_schemas(split(file).files()))


def report_load(
    agency: Annotated[
        str | None,
        typer.Argument(metavar="[TÊN_CƠ_QUAN]", help="Chỉ một cơ quan (mặc định: mọi cơ quan).", show_default=False),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option("--year", metavar="NĂM", help="Năm cần xét (mặc định: năm nay).", show_default=False),
    ] = None,
    file: FileOption = None,
    committee: CommitteeOption = None,
    as_of: AsOfOption = None,
    wide: WideOption = False,
    full: Annotated[bool, typer.Option("--full", help="In chi tiết từng cơ quan, kể cả khi xem mọi cơ quan.")] = False,
    format: Annotated[TableFormat, typer.Option("--format", help="text, json, csv hoặc xlsx.")] = TableFormat.text,
    out: OutOption = None,
    force: ForceOption = False,
) -> None:
    """Tải báo cáo của từng cơ quan trong một năm, qua mọi ban của thư mục làm việc: số hạn phải nộp, tuần có
    nhiều hạn dồn, kỳ số liệu khác nhau giữa các ban cho cùng một kỳ, hạn không để ngày làm việc nào sau ngày chốt
    số liệu."""
    from quyche_cli.cli.files import check_output
    from quyche_cli.cli.output import answered
    from quyche_cli.cli.rulesfile import open_desk

    check_output(out, force, format.value)
    desk = open_desk(file, as_of)
    answer = desk.report_load(year or desk.day.year, agency, committee)
    answered(answer, format.value, desk, out=out, force=force, wide=wide, full=full)
