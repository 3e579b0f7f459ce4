"""The screen (Rich, no colour into a pipe) and the JSON reporter every result shares."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.text import Text

from quyche_cli.cli.views import View, reporter
from quyche_cli.cli.views.safe import json_escaped, visible


def console(stderr: bool = False) -> Console:
    """A console that wraps at 80 columns or the terminal width, prints no colour into a pipe and reads no
    markup or emoji codes in the text it is given."""
    return Console(stderr=stderr, highlight=False, soft_wrap=False, markup=False, emoji=False)


class Shown:
    """A renderable as Rich lays it out, with the text of every segment made :func:`visible` (print it with
    ``crop=False``: a line that holds an escape is longer than Rich measured, and is kept whole)."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, screen: Console, options: ConsoleOptions) -> Iterator[Segment]:
        for segment in screen.render(self.renderable, options):
            yield segment if segment.control else Segment(visible(segment.text), segment.style)


def json_text(data: Any) -> str:
    """Stable JSON: UTF-8 text as is (but what could act on a terminal), dates in ISO form, two-space indent,
    a final newline."""
    return json_escaped(json.dumps(data, ensure_ascii=False, indent=2, default=str)) + "\n"


@reporter(object, "json")
def as_json(result: Any, view: View) -> str:
    """Every result with ``as_dict()`` is JSON the same way."""
    return json_text(result.as_dict())


def indented(text: str, indent: int, width: int, style: str = "") -> Text:
    """``text`` wrapped to ``width`` with every line indented, without trailing spaces."""
    pad = " " * indent
    lines = [
        textwrap.fill(
            part,
            width=max(width, indent + 20),
            initial_indent=pad,
            subsequent_indent=pad,
            break_long_words=False,
            break_on_hyphens=False,
        )
        for part in text.split("\n")
    ]
    return Text("\n".join(lines), style=style)
