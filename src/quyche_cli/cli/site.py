"""The site command: the regulation as a static website that works offline."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quyche_cli.cli.ledger import DbOption
from quyche_cli.cli.options import AsOfOption, AssumeOption, FileOption
from quyche_cli.cli.rulesfile import name_rules_file, open_desk, print_notices
from quyche_cli.errors import OutputError

if TYPE_CHECKING:
    from quyche_cli.desk.front import Desk
    from quyche_cli.ledger.scoreboard import Scoreboard
    from quyche_cli.rules.opening import Committee


def _not_ours(folder: Path) -> str | None:
    """Why ``folder`` cannot be replaced: it is not a website this command made (no valid list of the files it
    wrote, ``MANIFEST``), or it holds anything that list does not name; None when every file in it is listed."""
    import json

    from quyche_cli.saferead import open_regular
    from quyche_cli.site.build import GENERATOR, MANIFEST

    invalid = f"không có danh sách tệp {MANIFEST} hợp lệ do quyche ghi"
    try:
        with open_regular(folder / MANIFEST) as stream:
            manifest = json.loads(stream.read(MAX_MANIFEST + 1))
        listed = {str(name) for name in manifest["files"]}
        if manifest["generator"] != GENERATOR:
            return invalid
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return invalid
    kept = {MANIFEST, *listed, *(str(parent) for name in listed for parent in Path(name).parents if parent.name)}
    strangers = []
    for base, folders, files in os.walk(folder):
        for name in [*folders, *files]:
            relative = (Path(base) / name).relative_to(folder).as_posix()
            if relative not in kept:
                strangers.append(relative)
    if strangers:
        shown = ", ".join(sorted(strangers)[:5]) + (f" và {len(strangers) - 5} mục khác" if len(strangers) > 5 else "")
        return f"có nội dung quyche không tạo ra ({shown})"
    return None


MAX_MANIFEST = 16 * 2**20


def dashboard(desk: Desk, committee: Committee, day: dt.date, db: str | None) -> Scoreboard | None:
    """The scoreboard of a committee's dashboard: the latest year up to ``day``'s the ledger records for it;
    None without a ledger (one named with ``--db`` must exist)."""
    from quyche_cli.ledger.scoreboard import scoreboard

    if db is None and not desk.ledger_path(db).exists():
        return None
    with desk.ledger(db) as book:
        years = [p.key.period[:4] for p in book.periods([committee.id]) if int(p.key.period[:4]) <= day.year]
        year = int(max(years)) if years else day.year
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        return scoreboard(book.entries([committee.id], first, last), first, last, committee.id)


def site(
    out: Annotated[
        Path,
        typer.Option(
            "--out", metavar="THƯ_MỤC", help="Thư mục sẽ chứa trang web (mở THƯ_MỤC/index.html).", show_default=False
        ),
    ],
    as_of: AsOfOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Thay toàn bộ một trang web quyche đã tạo trước đó trong THƯ_MỤC.")
    ] = False,
    db: DbOption = None,
    assume_announced: AssumeOption = False,
    file: FileOption = None,
) -> None:
    """Tạo trang web tĩnh của Quy chế, mở được không cần mạng (thư mục chia sẻ, USB, mạng nội bộ): thành viên,
    nhiệm vụ của từng cơ quan, toàn văn, các hạn trong năm (kèm tệp .ics) và tìm kiếm không dấu.

    Khi có sổ theo dõi (--db, hoặc tệp mặc định cạnh tệp quy chế), trang web có thêm bảng xếp hạng nộp báo cáo
    của năm (năm gần nhất sổ có ghi, không sau năm của --as-of) kèm biểu đồ."""
    from quyche_cli.safewrite import check_folder, write_folder

    check_folder(out, force)
    refused = _not_ours(out) if force and out.is_dir() and any(out.iterdir()) else None
    if refused:
        raise OutputError(
            f"Thư mục '{out}' không phải trang web do quyche tạo: {refused}; không xoá nó. "
            "Hãy chọn một thư mục mới hoặc trống."
        )
    desk = open_desk(file, as_of, assume_announced=assume_announced)
    built = desk.site(lambda committee, day: dashboard(desk, committee, day, db))
    print_notices(built.notices)
    write_folder(out, built.files, force)
    typer.echo(
        f"Đã tạo trang web ({built.pages} trang, {built.size / 1024:.0f} KB) trong {out}. "
        f"Mở {out / 'index.html'} bằng trình duyệt.",
        err=True,
    )
    if len(desk.committees) == 1:
        name_rules_file(desk.committees[0].rules)
    else:
        typer.echo(f"Thư mục làm việc: {desk.folder} ({len(desk.committees)} ban)", err=True)
