"""Sending a result to its reporter, and what the reporter makes to the screen or to ``--out``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from quyche_cli.cli.rulesfile import name_rules_file, print_notices

if TYPE_CHECKING:
    from quyche_cli.desk.front import Answer, Desk
    from quyche_cli.rules.index import Rules


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
        made = visible(made, commands=format_name == "github")
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


def answered(answer: Answer, format_name: str, desk: Desk, **options: object) -> None:
    """Print ``answer``'s warnings, hand its result to its reporter, and name the workspace it comes from when
    it speaks for several committees."""
    from quyche_cli.cli.views.safe import visible

    for warning in answer.warnings:
        typer.echo(visible(warning), err=True)
    emit(answer.result, format_name, answer.rules, **options)  # type: ignore[arg-type]
    if answer.rules is None and format_name != "json":
        files = ", ".join(c.id for c in desk.committees)
        typer.echo(f"Thư mục làm việc: {desk.folder} ({len(desk.committees)} ban: {files})", err=True)
