"""The rules file a command works on: opening it, naming it on stderr, its notices, and a member named in it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from quyche_cli.desk.front import Desk
    from quyche_cli.rules.index import Rules
    from quyche_cli.rules.names import Target


def open_rules(file: Path | None, audited: Path | None = None, assume_announced: bool = False) -> Rules:
    """The rules file to work on (RulesFileError, exit 2, when it cannot be used); never a ``./quyche.yaml``
    inside the ``audited`` folder; with ``assume_announced`` (``--assume-announced``), its announced days are
    counted as days off."""
    from quyche_cli.rules.opening import open_rules as locate_and_load

    rules = locate_and_load(file, audited)
    return rules.assuming_announced() if assume_announced else rules


def name_rules_file(rules: Rules | None) -> None:
    """One last line on stderr naming the rules file an answer comes from, and its SHA-256 (JSON carries
    them in ``rules_file``)."""
    origin = rules.origin if rules is not None else None
    if origin:
        from quyche_cli.cli.views.safe import one_line

        typer.echo(one_line(f"Tệp quy chế: {origin['path']} (SHA-256 {origin['sha256'][:16]}…)"), err=True)


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


def print_notices(notices: list[str]) -> None:
    """One "Lưu ý:" line per notice on stderr, so that what goes to stdout or a file stays clean."""
    from quyche_cli.cli.views.safe import visible

    for notice in notices:
        typer.echo(visible(f"Lưu ý: {notice}"), err=True)


def open_desk(
    file: Path | None, as_of: str | None, audited: Path | None = None, assume_announced: bool = False
) -> Desk:
    """The front door on the workspace the command reads (every regulation of it, or the one of ``--file``),
    on the day of ``--as-of`` (today in the calendar's time zone by default); with ``assume_announced``
    (``--assume-announced``), the announced days of every regulation's calendar are counted as days off."""
    from quyche_cli.cli.days import parse_day
    from quyche_cli.desk.front import Desk
    from quyche_cli.rules.opening import Committee

    desk = Desk.open(file, parse_day(as_of, "--as-of"), audited)
    if assume_announced:
        desk.committees = [Committee(c.id, c.rules.assuming_announced()) for c in desk.committees]
    return desk
