"""Typer's own words in Vietnamese: the usage line, the help option, panel titles, type labels, usage errors.

typer 0.29 vendors click without gettext: its messages are plain English strings. They are translated at the
one place they all pass through, our command classes: ``Vietnamese`` rebuilds each usage error from the
exception's fields (never from its English text) before typer prints it, and sets the titles typer's rich
help reads just before it prints (importing typer's rich help costs a fifth of the start-up of a command that
prints neither help nor a usage error)."""

from __future__ import annotations

import inspect
from difflib import get_close_matches
from functools import partial
from typing import Any, ClassVar

from typer._click import exceptions as click_errors
from typer._click.core import Context, Parameter
from typer._click.formatting import HelpFormatter
from typer.core import TyperArgument, TyperCommand, TyperGroup, _TyperParameter

from quyche_cli.cli import completion

USAGE_PREFIX = "Cách dùng: "
HELP_TEXT = "In hướng dẫn này rồi thoát."
TITLES = {
    "ARGUMENTS_PANEL_TITLE": "Đối số",
    "OPTIONS_PANEL_TITLE": "Tùy chọn",
    "COMMANDS_PANEL_TITLE": "Lệnh",
    "ERRORS_PANEL_TITLE": "Lỗi",
    "ABORTED_TEXT": "Đã dừng.",
    "DEFAULT_STRING": "[mặc định: {}]",
    "ENVVAR_STRING": "[biến môi trường: {}]",
    "REQUIRED_LONG_STRING": "[bắt buộc]",
    "RICH_HELP": "Xem [blue]'{command_path} {help_option}'[/] để biết cách dùng.",
}


def vietnamese_titles() -> None:
    """Set the titles typer's rich help and error panels read, just before one is printed."""
    from typer import rich_utils

    for name, title in TITLES.items():
        setattr(rich_utils, name, title)


def _label(param: _TyperParameter, ctx: Context) -> str | None:
    """The type column of the help: an option's placeholder or its choices, never a Python type."""
    if param.type_descriptor.is_choice:
        return param.display_type(ctx)
    return None if isinstance(param, TyperArgument) else param.metavar


def _usage_piece(argument: TyperArgument, ctx: Context) -> list[str]:
    """An argument in the usage line as standard tools write it: ``NAME`` when required (typer writes
    ``{NAME}``), ``[NAME]`` when optional, ``...`` after one that takes several values."""
    name = argument.display_name_raw if argument.required else f"[{argument.display_name_raw}]"
    return [name + ("..." if argument.nargs != 1 else "")]


def _message(error: click_errors.UsageError, ctx: Context) -> str:
    """The Vietnamese wording of a usage error, from its fields."""
    if isinstance(error, click_errors.MissingParameter) and error.param is not None:
        kind = "đối số" if isinstance(error.param, TyperArgument) else "tùy chọn"
        return f"Thiếu {kind} {error.param.get_error_hint()}."
    if isinstance(error, click_errors.BadParameter) and isinstance(error.param, _TyperParameter):
        descriptor = error.param.type_descriptor
        hint = error.param.get_error_hint()
        if descriptor.is_choice:
            choices = ", ".join(str(getattr(c, "value", c)) for c in descriptor.choices or ())
            return f"Giá trị không hợp lệ cho {hint}: chọn một trong {choices}."
        expected = "một số nguyên" if descriptor.annotation is int else "một giá trị khác"
        return f"Giá trị không hợp lệ cho {hint}: cần {expected}."
    if isinstance(error, click_errors.NoSuchOption):
        suggestion = f" Có phải ý bạn là {', '.join(error.possibilities)}?" if error.possibilities else ""
        return f"Không có tùy chọn {error.option_name}.{suggestion}"
    if isinstance(error, click_errors.BadOptionUsage):
        flag = any(error.option_name in p.opts and getattr(p, "is_flag", False) for p in ctx.command.params)
        return f"Tùy chọn '{error.option_name}' {'không nhận' if flag else 'cần một'} giá trị."
    return error.message


def _paragraphs(text: str) -> str:
    """A docstring's paragraphs each on one line: typer's rich help keeps the line breaks of the source in
    the command list and after the first paragraph, which then cut sentences in the middle."""
    return "\n\n".join(" ".join(part.split()) for part in inspect.cleandoc(text).split("\n\n"))


class Vietnamese:
    """Mixed into our command and group classes: usage line, help option and usage errors in Vietnamese."""

    options_metavar: str | None
    help: str | None
    # Options whose value may be left out ("--upcoming" alone means "--upcoming 5"): option -> value then.
    bare_values: ClassVar[dict[str, str]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options_metavar = "[TÙY_CHỌN]"
        if self.help:
            self.help = _paragraphs(self.help)

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        vietnamese_titles()
        super().format_help(ctx, formatter)  # type: ignore[misc]

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE_PREFIX)

    def get_params(self, ctx: Context) -> list[Parameter]:
        params: list[Parameter] = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if isinstance(param, _TyperParameter):
                param.display_type_rich = partial(_label, param)  # type: ignore[method-assign]
            if isinstance(param, TyperArgument):
                param.get_usage_pieces = partial(_usage_piece, param)  # type: ignore[method-assign]
            completion.attach(param)
        help_option = self.get_help_option(ctx)  # type: ignore[attr-defined]
        if help_option is not None:
            help_option.help = HELP_TEXT
        return params

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        """Parse as typer does, with an extra argument refused in Vietnamese."""
        args = self._fill_bare_values(args)
        strict = not ctx.allow_extra_args
        ctx.allow_extra_args = True
        try:
            rest: list[str] = super().parse_args(ctx, args)  # type: ignore[misc]
        except click_errors.UsageError as error:
            vietnamese_titles()
            if isinstance(error, click_errors.NoArgsIsHelpError):
                raise
            raise click_errors.UsageError(_message(error, ctx), error.ctx or ctx) from None
        finally:
            ctx.allow_extra_args = not strict
        if strict and rest and not ctx.resilient_parsing:
            vietnamese_titles()
            ctx.fail(f"Thừa đối số: {' '.join(rest)}.")
        return rest

    def _fill_bare_values(self, args: list[str]) -> list[str]:
        """``args`` with the value of each option of :attr:`bare_values` written without one."""
        filled: list[str] = []
        for index, arg in enumerate(args):
            filled.append(arg)
            following = args[index + 1] if index + 1 < len(args) else None
            if arg in self.bare_values and (following is None or _is_option(following)):
                filled.append(self.bare_values[arg])
        return filled


def _is_option(arg: str) -> bool:
    """``arg`` is an option, not a (negative) number given as a value."""
    return arg.startswith("-") and not arg[1:].isdigit()


class Command(Vietnamese, TyperCommand):
    """Every quyche command."""


class Group(Vietnamese, TyperGroup):
    """The quyche group: also says which command was meant."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.subcommand_metavar = "LỆNH [ĐỐI_SỐ]..."

    def resolve_command(self, ctx: Context, args: list[str]) -> tuple[str | None, Any, list[str]]:
        name = args[0]
        if self.get_command(ctx, name) is None and not name.startswith("-") and not ctx.resilient_parsing:
            close = get_close_matches(name, self.list_commands(ctx))
            suggestion = f" Có phải ý bạn là {', '.join(repr(c) for c in close)}?" if close else ""
            vietnamese_titles()
            ctx.fail(f"Không có lệnh '{name}'.{suggestion}")
        return super().resolve_command(ctx, args)
