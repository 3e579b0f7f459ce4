"""The quyche command line: the Typer app, its commands, and one place that turns errors into exit codes."""

from __future__ import annotations

import gc
import importlib
import os
from pathlib import Path
from typing import Annotated, Any

import typer
from typer._click.core import Command as ClickCommand
from typer._click.core import Context

from quyche_cli import __version__
from quyche_cli.cli import completion, framework
from quyche_cli.cli.framework import Group
from quyche_cli.errors import USAGE, QuycheError
from quyche_cli.rules.problems import RulesFileError

MAX_PROBLEMS_SHOWN = 20
GC_THRESHOLDS = (50_000, 20, 100)  # Python's default: (700, 10, 10) allocations


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


# Every command, in the order of the help: name -> (module of quyche_cli.cli, function, command class: in
# cli/framework.py, else in that module). Only the command run is built (its module imported, its parameters
# made by typer): building them all took a tenth of the start-up of a look-up.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": ("workspace", "init", "Command"),
    "migrate": ("workspace", "migrate", "Command"),
    "validate": ("rules", "validate", "Command"),
    "schema": ("rules", "schema", "Command"),
    "lint": ("rules", "lint", "Command"),
    "duties": ("lookup", "duties", "Command"),
    "members": ("lookup", "members", "Command"),
    "show": ("lookup", "show", "Command"),
    "search": ("lookup", "search", "Command"),
    "deadlines": ("schedule", "deadlines", "DeadlinesCommand"),
    "calendar": ("schedule", "calendar_", "Command"),
    "check-reports": ("audit", "check_reports", "Command"),
    "ledger": ("ledger", "ledger", "Group"),
    "scoreboard": ("ledger", "scoreboard", "Command"),
    "remind": ("ledger", "remind", "Command"),
    "render": ("documents", "render", "Command"),
    "diff": ("drafting", "diff", "Command"),
    "gop-y": ("drafting", "gop_y", "Command"),
    "site": ("site", "site", "Command"),
    "report-load": ("workspace", "report_load", "Command"),
}


def build_command(name: str) -> ClickCommand:
    """The click command ``name`` of :data:`COMMANDS`, made by typer from its function."""
    module_name, function, cls_name = COMMANDS[name]
    module = importlib.import_module(f"quyche_cli.cli.{module_name}")
    made = getattr(module, function)
    if isinstance(made, typer.Typer):  # a group of commands ("ledger record", "ledger show"…)
        return typer.main.get_command(made)
    cls = getattr(framework, cls_name, None) or getattr(module, cls_name)
    single = typer.Typer()
    single.command(name=name, cls=cls)(made)
    return typer.main.get_command(single)


class _Commands(Group):
    """Builds a command when it is asked for, runs it, and maps every QuycheError it raises to its message
    and exit code."""

    bare_values = {"--install-completion": "", "--show-completion": ""}  # "": the shell running quyche

    def list_commands(self, ctx: Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Context, cmd_name: str) -> ClickCommand | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.commands[cmd_name] = build_command(cmd_name)
        return self.commands.get(cmd_name)

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
    ctx: typer.Context,
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
    workspace: Annotated[
        Path | None,
        typer.Option(
            "--workspace",
            "-C",
            metavar="THƯ_MỤC",
            help="Thư mục làm việc (có to-chuc.yaml); mặc định: biến QUYCHE_WORKSPACE, rồi thư mục hiện tại hoặc "
            "thư mục cha có to-chuc.yaml.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Quy chế của Ban Chỉ đạo dưới dạng dữ liệu: tra cứu, kiểm tra và in văn bản."""
    from quyche_cli.rules import workspace as found

    found.chosen = workspace
    ctx.call_on_close(lambda: setattr(found, "chosen", None))  # for this command only (tests run many in-process)


def run() -> None:
    """Console entry point: an unexpected error becomes a short message and exit code 2, not a traceback
    (set QUYCHE_DEBUG=1 to see the traceback).

    A run is short-lived: the garbage collector runs rarely (by default it walks every object the start-up
    imports again and again: a tenth of a look-up's time) and, at exit, skips the objects alive until then."""
    gc.set_threshold(*GC_THRESHOLDS)
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
    finally:
        gc.freeze()
