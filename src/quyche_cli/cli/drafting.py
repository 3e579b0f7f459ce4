"""Drafting commands: compare two versions of the rules file (diff) and read the comments received (gop-y)."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from quyche_cli.cli.days import parse_day
from quyche_cli.cli.files import check_folder
from quyche_cli.cli.options import CommitteeOption, FileOption, ForceOption, OutOption, TableFormat
from quyche_cli.cli.output import answered, emit
from quyche_cli.cli.rulesfile import open_desk
from quyche_cli.errors import OK, PROBLEMS, InputError


class DiffFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"
    github = "github"


def diff(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar="CŨ MỚI", help="Hai tệp quy chế; với --rev: một tệp trong kho git.", show_default=False),
    ] = None,
    rev: Annotated[
        str | None,
        typer.Option(
            "--rev",
            metavar="A..B",
            help="So tệp quy chế ở hai phiên bản git (A..B), hoặc ở A với bản đang sửa.",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        DiffFormat | None,
        typer.Option(
            "--format",
            help="text, markdown (bình luận pull request), json hoặc github (tự chọn khi GITHUB_ACTIONS được đặt).",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option("--year", metavar="NĂM", help="Năm tính các hạn để so (mặc định: năm nay).", show_default=False),
    ] = None,
    committee: CommitteeOption = None,
) -> None:
    """So sánh hai phiên bản Quy chế: quy định thêm, bỏ, sửa, đánh số lại; thành viên, cơ quan, chủ trì/phối hợp;
    các hạn đổi ngày.

    Thư mục làm việc có nhiều ban: --rev không kèm tệp so tệp quy chế của ban chọn bằng --committee.

    Thoát 0 khi không có gì khác, 1 khi có thay đổi, 2 khi đầu vào sai."""
    from quyche_cli.desk.front import Desk

    paths = list(paths or [])
    if rev is None and len(paths) != 2:
        raise InputError("Cần hai tệp: quyche diff CŨ MỚI (hoặc --rev A..B [TỆP] để so hai phiên bản git).")
    if rev is not None and len(paths) > 1:
        raise InputError("Với --rev chỉ ghi một tệp (tệp quy chế trong kho git).")
    if rev is not None and paths:
        result = Desk.revisions(paths[0], rev, year).result
    else:
        desk = open_desk(paths[0] if paths else None, None)
        result = desk.diff(paths[1] if paths else None, rev, year, committee).result
    chosen = format or (DiffFormat.github if os.environ.get("GITHUB_ACTIONS") else DiffFormat.text)
    emit(result, chosen.value)
    raise typer.Exit(PROBLEMS if result.changed else OK)


def gop_y(
    folder: Annotated[
        Path, typer.Argument(metavar="THƯ_MỤC", help="Thư mục chứa các văn bản góp ý đã nhận (.docx, .pdf, .txt, .md).")
    ],
    deadline: Annotated[
        str | None,
        typer.Option(
            "--deadline",
            metavar="NGÀY",
            help="Hạn góp ý: liệt kê thành viên chưa trả lời đến ngày này.",
            show_default=False,
        ),
    ] = None,
    file: FileOption = None,
    committee: CommitteeOption = None,
    format: Annotated[TableFormat, typer.Option("--format", help="text, json, csv hoặc xlsx.")] = TableFormat.text,
    out: OutOption = None,
    force: ForceOption = False,
) -> None:
    """Tổng hợp ý kiến góp ý dự thảo: đọc văn bản góp ý của các thành viên, tách từng ý kiến, tìm quy định được
    nêu; ai nhất trí, ai chưa trả lời, tệp nào không dùng được và vì sao. Thư mục chỉ được đọc, không bị sửa.

    Thoát 0 khi mọi tệp đọc được và mọi thành viên đã trả lời, 1 nếu không, 2 khi đầu vào sai."""
    check_folder(folder, out, force, format.value)
    desk = open_desk(file, None, folder)
    answer = desk.comments(folder, parse_day(deadline, "--deadline"), committee)
    answered(answer, format.value, desk, out=out, force=force)
    result = answer.result
    raise typer.Exit(PROBLEMS if result.no_reply or result.unmatched else OK)
