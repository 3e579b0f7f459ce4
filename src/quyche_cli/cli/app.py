"""The quyche command line: the Typer app, its commands, and one place that turns errors into exit codes."""

from __future__ import annotations

import os
from typing import Annotated, Any

import typer
from typer._click.core import Context

from quyche_cli import __version__
from quyche_cli.cli import audit, completion, documents, drafting, lookup, rules, schedule, site
from quyche_cli.cli.framework import Command, Group
from quyche_cli.errors import USAGE, QuycheError
from quyche_cli.rules.problems import RulesFileError

MAX_PROBLEMS_SHOWN = 20


def report_error(error: QuycheError) -> None:
    """The Vietnamese message of ``error`` on stderr, with its details or the rules file's problems."""
    from quyche_cli.cli.views.problems import problem_line
    from quyche_cli.cli.views.safe import visible

    typer.echo(visible(str(error)), err=True)
    for detail in error.details:
        typer.echo(visible(f"  - {detail}"), err=True)
    if isinstance(error, RulesFileError):
        for problem in error.problems[:MAX_PROBLEMS_SHOWN]:
            typer.echo(visible("  " + problem_line(problem)), err=True)
        if len(error.problems) > MAX_PROBLEMS_SHOWN:
            typer.echo(f"  … và {len(error.problems) - MAX_PROBLEMS_SHOWN} lỗi khác.", err=True)


class _Commands(Group):
    """Runs a command and maps every QuycheError it raises to its message and exit code."""

    bare_values = {"--install-completion": "", "--show-completion": ""}  # "": the shell running quyche

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except QuycheError as error:
            report_error(error)
            raise typer.Exit(error.exit_code) from None


app = typer.Typer(
    name="quyche",
    cls=_Commands,
    pretty_exceptions_enable=False,
    help="Quy chế của Ban Chỉ đạo dưới dạng dữ liệu: tra cứu, kiểm tra và in văn bản.",
    no_args_is_help=True,
    add_completion=False,  # our own options below, in Vietnamese
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"quyche {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="In phiên bản rồi thoát.")
    ] = False,
    install_completion: Annotated[
        str | None,
        completion.option(
            "--install-completion",
            completion.install,
            "Cài gợi ý lệnh bằng phím Tab cho vỏ lệnh đang dùng (hoặc VỎ: bash, zsh, fish, powershell).",
        ),
    ] = None,
    show_completion: Annotated[
        str | None,
        completion.option(
            "--show-completion",
            completion.show,
            "In đoạn mã gợi ý lệnh của vỏ lệnh đang dùng (hoặc VỎ), để chép hoặc tự cài.",
        ),
    ] = None,
) -> None:
    """Quy chế của Ban Chỉ đạo dưới dạng dữ liệu: tra cứu, kiểm tra và in văn bản."""


app.command(cls=Command)(rules.validate)
app.command(cls=Command)(rules.schema)
app.command(cls=Command)(rules.lint)
app.command(cls=Command)(lookup.duties)
app.command(cls=Command)(lookup.members)
app.command(cls=Command)(lookup.show)
app.command(cls=Command)(lookup.search)
app.command(cls=schedule.DeadlinesCommand)(schedule.deadlines)
app.command(name="calendar", cls=Command)(schedule.calendar_)
app.command(name="check-reports", cls=Command)(audit.check_reports)
app.command(cls=Command)(documents.render)
app.command(cls=Command)(drafting.diff)
app.command(name="gop-y", cls=Command)(drafting.gop_y)
app.command(cls=Command)(site.site)


def run() -> None:
    """Console entry point: an unexpected error becomes a short message and exit code 2, not a traceback
    (set QUYCHE_DEBUG=1 to see the traceback)."""
    completion.enable()
    try:
        app(prog_name="quyche")
    except Exception as exc:
        if os.environ.get("QUYCHE_DEBUG"):
            raise
        from quyche_cli.cli.views.safe import visible

        typer.echo(
            visible(
                f"Lỗi không mong đợi: {type(exc).__name__}: {exc}. Chạy lại với QUYCHE_DEBUG=1 và báo lỗi kèm "
                "lệnh đã chạy."
            ),
            err=True,
        )
        raise SystemExit(USAGE) from None
