"""What the commands share: options, the rules file, dates as typed, and sending a result to its reporter."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quyche_cli import clock
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
    csv = "csv"
    xlsx = "xlsx"


class TableFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out",
        metavar="TỆP",
        help="Ghi kết quả vào tệp (mặc định: in ra màn hình; bắt buộc với xlsx).",
        show_default=False,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Cho phép ghi đè tệp --out đã có.")]
WideOption = Annotated[
    bool,
    typer.Option(
        "--wide", help="Thêm các cột còn lại: bảng rộng theo nội dung, mỗi hàng một dòng (không gói cho vừa màn hình)."
    ),
]


def open_rules(file: Path | None, audited: Path | None = None) -> Rules:
    """The rules file to work on (RulesFileError, exit 2, when it cannot be used); never a ``./quyche.yaml``
    inside the ``audited`` folder."""
    from quyche_cli.rules.locate import open_rules as locate_and_load

    return locate_and_load(file, audited)


def name_rules_file(rules: Rules | None) -> None:
    """One last line on stderr naming the rules file an answer comes from, and its SHA-256 (JSON carries
    them in ``rules_file``)."""
    origin = rules.origin if rules is not None else None
    if origin:
        typer.echo(f"Tệp quy chế: {origin['path']} (SHA-256 {origin['sha256'][:16]}…)", err=True)


def member(rules: Rules, typed: str, day: dt.date) -> Target:
    """The one member (or successor agency) ``typed`` names; NotFoundError (exit 1) otherwise, suggesting
    the agencies that exist on ``day`` first."""
    from quyche_cli.cli.views.safe import visible
    from quyche_cli.lookup.resolve import legacy_warning, resolve_member

    resolution = resolve_member(rules, typed, day)
    warning = legacy_warning(resolution)
    if warning:
        typer.echo(visible(warning), err=True)
    return resolution.targets[0]


def parse_day(value: str | None, name: str) -> dt.date | None:
    """A date option as typed (26/08/2024 or 2024-08-26); InputError naming the option otherwise."""
    from quyche_cli.schedule.periods import parse_date

    if value is None:
        return None
    try:
        return parse_date(value)
    except InputError as error:
        raise InputError(f"{name}: {error}") from None


def _first_year(rules: Rules) -> tuple[int, str]:
    """The first year the regulation can concern (the year of the earliest date its file records), and the
    sentence that says why."""
    first = rules.first_recorded
    if first is None:
        return clock.today().year, "hôm nay (tệp quy chế không ghi ngày nào)"
    return first[0].year, f"mốc sớm nhất tệp quy chế ghi: {first[0]:%d/%m/%Y} ở {first[1]}"


def day_asked(as_of: str | None, rules: Rules | None = None) -> dt.date:
    """The day of ``--as-of``, today by default; with ``rules``, InputError for a day before the first year
    the rules file records (the regulation could not apply then)."""
    day = parse_day(as_of, "--as-of") or clock.today()
    if rules is not None:
        year, why = _first_year(rules)
        if day.year < year:
            raise InputError(
                f"--as-of {day:%d/%m/%Y} quá sớm: Quy chế chưa thể áp dụng; chỉ nhận ngày từ 01/01/{year} (năm của "
                f"{why})."
            )
    return day


def check_year(year: int, rules: Rules, what: str = "Năm") -> None:
    """InputError, saying the supported range, unless ``year`` lies between the first year the rules file
    records and the last year the holiday source computes for its country."""
    from quyche_cli.schedule.librarytable import covered, library_years

    first, why = _first_year(rules)
    country = rules.model.calendar.country
    if year < first or not covered(country, year):
        last = library_years(country)[1]
        raise InputError(
            f"{what} {year} nằm ngoài phạm vi: chỉ hỗ trợ các năm {first}–{last} (từ năm của {why}, đến năm cuối "
            "cùng thư viện holidays tính được lịch nghỉ)."
        )


def asked_period(rules: Rules, period: str | None, year: int | None) -> Period | None:
    """The period of ``--period``, refusing it beside ``--year``; both within the years :func:`check_year`
    supports."""
    if period and year:
        raise InputError("Chỉ dùng một trong hai: --period hoặc --year.")
    if year is not None:
        check_year(year, rules)
    return period_asked(rules, period) if period else None


def checked(rules: Rules, period: Period) -> Period:
    """``period``, if its year is one :func:`check_year` supports."""
    check_year(period.year, rules, f"Kỳ {period.label}: năm")
    return period


def period_asked(rules: Rules, text: str) -> Period:
    """The period typed for ``--period``, within the supported years."""
    from quyche_cli.schedule.periods import parse_period

    return checked(rules, parse_period(text))


def check_output(out: Path | None, force: bool, format_name: str | None = None) -> None:
    """Refuse, before any work, an ``--out`` that exists (without ``--force``) or cannot be a file, and a
    spreadsheet (xlsx) without ``--out``: it is not something to print."""
    if out is None:
        if format_name == "xlsx":
            raise InputError("Định dạng xlsx cần --out TỆP.xlsx.")
        return
    if out.is_dir():
        raise OutputError(f"'{out}' là một thư mục; hãy ghi --out là đường dẫn tới một tệp.")
    if out.exists() and not force:
        raise OutputError(f"Tệp '{out}' đã có; dùng --force để ghi đè.")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"Thư mục '{folder}' không tồn tại; hãy tạo nó trước hoặc chọn --out khác.")


def check_folder(folder: Path, out: Path | None, force: bool, format_name: str) -> None:
    """Refuse, before any work, a folder to read that is not one, an ``--out`` that :func:`check_output`
    refuses, and one inside the folder (which is only read)."""
    if not folder.is_dir():
        raise InputError(
            f"Không tìm thấy thư mục '{folder}'." if not folder.exists() else f"'{folder}' không phải thư mục."
        )
    check_output(out, force, format_name)
    if out is not None and out.resolve().is_relative_to(folder.resolve()):
        raise InputError("Không ghi kết quả vào trong thư mục đang đọc; hãy chọn --out ở nơi khác.")


def print_notices(notices: list[str]) -> None:
    """One "Lưu ý:" line per notice on stderr, so that what goes to stdout or a file stays clean."""
    from quyche_cli.cli.views.safe import visible

    for notice in notices:
        typer.echo(visible(f"Lưu ý: {notice}"), err=True)


def plain_text(renderable: object, width: int) -> str:
    """What the screen would show, without colour and without trailing spaces, for a text file."""
    import io

    from rich.console import Console

    page = Console(
        file=io.StringIO(), width=width, no_color=True, highlight=False, soft_wrap=False, markup=False, emoji=False
    )
    page.print(renderable, crop=False)
    return "".join(line.rstrip() + "\n" for line in page.file.getvalue().splitlines())  # type: ignore[attr-defined]


def emit(
    result: object,
    format_name: str,
    rules: Rules | None = None,
    out: Path | None = None,
    saved: str | None = None,
    *,
    force: bool = False,
    wide: bool = False,
    full: bool = False,
) -> None:
    """Hand ``result`` to its reporter for ``format_name`` and send what it makes to the screen or to ``out``
    (then say so on stderr: ``saved``, or "Đã ghi OUT."; an existing ``out`` replaced only with ``force``);
    ``wide`` and ``full`` are the user's ``--wide`` and ``--full``. The result's notices (draft text,
    out-of-date text, provisional calendar) go to stderr, one "Lưu ý:" line each, and a last line names the
    rules file, except in JSON, which carries them. Text is made :func:`~quyche_cli.cli.views.safe.visible`
    here, for every format but JSON and CSV (exact, and cells)."""
    from quyche_cli.cli.views import View, reporter_for
    from quyche_cli.cli.views.console import Shown, console
    from quyche_cli.cli.views.safe import visible

    if format_name != "json":
        print_notices(getattr(result, "notices", []))
    screen = console()
    made = reporter_for(result, format_name)(result, View(rules, screen.width, wide, full))
    if not isinstance(made, str | bytes):
        made = Shown(made)
    elif isinstance(made, str) and format_name not in ("json", "csv"):
        made = visible(made)
    if out is not None:
        from quyche_cli.safewrite import write_atomic

        if not isinstance(made, str | bytes):
            made = plain_text(made, screen.width)
        data = made.encode("utf-8") if isinstance(made, str) else made
        write_atomic(out, data, replace=force)
        typer.echo(saved or f"Đã ghi {out}.", err=True)
    elif isinstance(made, bytes):
        typer.echo(made.decode("utf-8"), nl=False)
    elif isinstance(made, str):
        typer.echo(made, nl=False)
    else:
        screen.print(made, crop=False)
    if format_name != "json":
        name_rules_file(rules)
