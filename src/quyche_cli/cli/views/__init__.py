"""The reporters: one function per (result type, output format), found through one registry.

A reporter turns a typed result into text (``str``), a file's bytes (``bytes``) or something Rich prints;
:func:`quyche_cli.cli.output.emit` sends it to the screen or to ``--out``. A new format is one function here,
not an edit of every command.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, Union

if TYPE_CHECKING:
    from rich.console import RenderableType

    from quyche_cli.rules.index import Rules

Output = Union[str, bytes, "RenderableType"]
R = TypeVar("R")
# The view module that holds the reporters of a result (imported only when one is needed), found by the
# result's type ("room.module.Type"), else its module ("room.module"), else its room: a command loads only
# the views it may print.
VIEWS_OF = {
    "rules": "problems",
    "lookup": "lookup",
    "lookup.duties.Roster": "members",
    "lookup.citations": "search",
    "lookup.search": "search",
    "schedule": "schedule",
    "audit": "audit",
    "documents": "documents",
    "compare": "compare",
    "comments": "comments",
    "desk.load": "load",
    "desk": "across",
    "ledger": "ledger",
}


def _views_of(result_type: type) -> list[str]:
    """The view modules to import for a result of ``result_type``: the shared one and its own, if any."""
    path = result_type.__module__.split(".")[1:]
    keys = (".".join([*path, result_type.__name__]), ".".join(path), *path[:1])
    return ["console", *[VIEWS_OF[key] for key in keys if key in VIEWS_OF][:1]]


@dataclass(frozen=True)
class View:
    """What a reporter may use besides the result: the rules file (for names), the screen's width, and how
    much the user asked to see (``--wide``: every column; ``--full``: every detail)."""

    rules: Rules | None
    width: int
    wide: bool = False
    full: bool = False

    @property
    def table_width(self) -> int | None:
        """The width a table must fit: the screen's, or none with ``--wide`` (as wide as its content)."""
        return None if self.wide else self.width


REPORTERS: dict[tuple[type, str], Callable[[Any, View], Output]] = {}


def reporter(
    result_type: type[R], *formats: str
) -> Callable[[Callable[[R, View], Output]], Callable[[R, View], Output]]:
    """Register the decorated function as the reporter of ``result_type`` for each of ``formats``."""

    def register(function: Callable[[R, View], Output]) -> Callable[[R, View], Output]:
        for name in formats:
            REPORTERS[(result_type, name)] = function
        return function

    return register


def reporter_for(result: object, format_name: str) -> Callable[[Any, View], Output]:
    """The reporter of ``result``'s type (or the nearest base type) for ``format_name``."""
    for module in _views_of(type(result)):
        importlib.import_module(f"{__name__}.{module}")
    for cls in type(result).__mro__:
        found = REPORTERS.get((cls, format_name))
        if found is not None:
            return found
    raise LookupError(f"no reporter for {type(result).__name__} as {format_name}")
