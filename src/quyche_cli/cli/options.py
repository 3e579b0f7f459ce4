"""What the commands share: options, the rules file, dates as typed, and sending a result to its reporter."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quyche_cli.errors import InputError, OutputError

if TYPE_CHECKING:
    from quyche_cli.rules.index import Rules
    from quyche_cli.rules.names import Target
    from quyche_cli.schedule.periods import Period

FileOption = Annotated[
    Path | None,
    typer.Option(
        "--file",
        "-f",
        metavar="TỆP",
        envvar="QUYCHE_FILE",
        help="Tệp quy chế YAML (mặc định: biến QUYCHE_FILE, ./quyche.yaml, rồi bản đi kèm gói).",
        show_default=False,
    ),
]
PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        metavar="KỲ",
        help="Kỳ báo cáo: tháng (2026-09, tháng 9/2026, T9/2026), quý (2024-Q3, quý III/2024), 6 tháng "
        "(2026-H1, 6 tháng đầu năm 2026), năm (2026, năm 2026) hoặc khoảng ngày (từ ngày 01/9 đến ngày 03/9/2021).",
        show_default=False,
    ),
]
StreamOption = Annotated[
    str | None,
    typer.Option(
        "--stream",
        metavar="LUỒNG",
        help="Luồng báo cáo (id trong reporting.streams), khi tệp quy chế có nhiều luồng.",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of", metavar="NGÀY", help="Xét tổ chức bộ máy tại ngày này (mặc định: hôm nay).", show_default=False
    ),
]

WorkbookOutOption = Annotated[
    Path | None,
    typer.Option("--out", metavar="TỆP", help="Ghi kết quả vào tệp (bắt buộc với xlsx).", show_default=False),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Cho phép ghi đè tệp --out đã có.")]


class ProblemFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


class DataFormat(str, Enum):
    text = "text"
    json = "json"


class ViewFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


class DeadlineFormat(str, Enum):
    text = "text"
    json = "json"
    ics = "ics"


class AuditFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


def open_rules(file: Path | None) -> Rules:
    """The rules file to work on (RulesFileError, exit 2, when it cannot be used)."""
    from quyche_cli.rules.locate import open_rules as locate_and_load

    return locate_and_load(file)


def member(rules: Rules, typed: str, day: dt.date) -> Target:
    """The one member (or successor agency) ``typed`` names; NotFoundError (exit 1) otherwise, suggesting
    the agencies that exist on ``day`` first."""
    from quyche_cli.lookup.resolve import legacy_warning, resolve_member

    resolution = resolve_member(rules, typed, day)
    warning = legacy_warning(resolution)
    if warning:
        typer.echo(warning, err=True)
    return resolution.targets[0]


def today() -> dt.date:
    """Today in the regulation's time zone (Asia/Ho_Chi_Minh)."""
    from zoneinfo import ZoneInfo

    return dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()


def parse_day(value: str | None, name: str) -> dt.date | None:
    """A date option as typed (26/08/2024 or 2024-08-26); InputError naming the option otherwise."""
    from quyche_cli.schedule.periods import parse_date

    if value is None:
        return None
    try:
        return parse_date(value)
    except InputError as error:
        raise InputError(f"{name}: {error}") from None


def day_asked(as_of: str | None) -> dt.date:
    """The day of ``--as-of``, today by default."""
    return parse_day(as_of, "--as-of") or today()


def check_year(year: int) -> None:
    if not 1900 <= year <= 2200:
        raise InputError(f"Năm {year} không hợp lệ.")


def asked_period(period: str | None, year: int | None) -> Period | None:
    """The period of ``--period``, refusing it beside ``--year``."""
    from quyche_cli.schedule.periods import parse_period

    if period and year:
        raise InputError("Chỉ dùng một trong hai: --period hoặc --year.")
    if year is not None:
        check_year(year)
    return parse_period(period) if period else None


def check_output(out: Path, force: bool) -> None:
    """Refuse, before any work, an ``--out`` that exists (without ``--force``) or cannot be a file."""
    if out.is_dir():
        raise OutputError(f"'{out}' là một thư mục; hãy ghi --out là đường dẫn tới một tệp.")
    if out.exists() and not force:
        raise OutputError(f"Tệp '{out}' đã có; dùng --force để ghi đè.")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"Thư mục '{folder}' không tồn tại; hãy tạo nó trước hoặc chọn --out khác.")


def check_folder(folder: Path, out: Path | None, force: bool, needs_out: bool) -> None:
    """Refuse, before any work, a folder to read that is not one, a workbook without ``--out``, and an
    ``--out`` that cannot be written or lies inside the folder (which is only read)."""
    if not folder.is_dir():
        raise InputError(
            f"Không tìm thấy thư mục '{folder}'." if not folder.exists() else f"'{folder}' không phải thư mục."
        )
    if needs_out and out is None:
        raise InputError("Định dạng xlsx cần --out TỆP.xlsx.")
    if out is not None:
        check_output(out, force)
        if out.resolve().is_relative_to(folder.resolve()):
            raise InputError("Không ghi kết quả vào trong thư mục đang đọc; hãy chọn --out ở nơi khác.")


def print_notices(notices: list[str]) -> None:
    """One "Lưu ý:" line per notice on stderr, so that what goes to stdout or a file stays clean."""
    for notice in notices:
        typer.echo(f"Lưu ý: {notice}", err=True)


def plain_text(renderable: object, width: int) -> str:
    """What the screen would show, without colour and without trailing spaces, for a text file."""
    import io

    from rich.console import Console

    page = Console(file=io.StringIO(), width=width, no_color=True, highlight=False, soft_wrap=False)
    page.print(renderable)
    return "".join(line.rstrip() + "\n" for line in page.file.getvalue().splitlines())  # type: ignore[attr-defined]


def emit(
    result: object, format_name: str, rules: Rules | None = None, out: Path | None = None, saved: str | None = None
) -> None:
    """Hand ``result`` to its reporter for ``format_name`` and send what it makes to the screen or to ``out``
    (then say so on stderr: ``saved``, or "Đã ghi OUT."). The result's notices (draft text, out-of-date text,
    provisional calendar) go to stderr, one "Lưu ý:" line each, except in JSON, which carries them."""
    from quyche_cli.cli.views import View, reporter_for
    from quyche_cli.cli.views.console import console

    if format_name != "json":
        print_notices(getattr(result, "notices", []))
    screen = console()
    made = reporter_for(result, format_name)(result, View(rules, screen.width))
    if out is not None:
        from quyche_cli.safewrite import write_atomic

        if not isinstance(made, str | bytes):
            made = plain_text(made, screen.width)
        data = made.encode("utf-8-sig" if format_name == "csv" else "utf-8") if isinstance(made, str) else made
        write_atomic(out, data)
        typer.echo(saved or f"Đã ghi {out}.", err=True)
    elif isinstance(made, bytes):
        typer.echo(made.decode("utf-8"), nl=False)
    elif isinstance(made, str):
        typer.echo(made, nl=False)
    else:
        screen.print(made)
