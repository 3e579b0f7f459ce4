"""The screen (Rich, no colour into a pipe) and the JSON reporter every result shares."""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Iterator, Sequence
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
    """Every result with ``as_dict()`` is JSON the same way, with ``rules_file`` (path and SHA-256) when it
    comes from a rules file."""
    data = result.as_dict()
    origin = view.rules.origin if view.rules is not None else None
    return json_text({**data, "rules_file": origin} if origin else data)


def indented(text: str, indent: int, width: int, style: str = "") -> Text:
    """``text`` made :func:`visible` (before Rich, which would drop BEL, BS, VT, FF and CR) and wrapped to
    ``width`` with every line indented, without trailing spaces."""
    pad = " " * indent
    text = visible(text)
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


def wrapped(text: Text, width: int) -> Text:
    """``text`` wrapped at spaces to ``width``, keeping its styles (highlights), without trailing spaces."""
    lines = text.wrap(Console(width=width), width)
    for line in lines:
        line.rstrip()
    return Text("\n").join(lines)


def columns(
    headers: list[str], rows: Sequence[Sequence[str | Text]], width: int | None, keep: int = 1, gap: int = 2
) -> Text:
    """A table as plain aligned columns that fits ``width``: cells wrap at spaces and at their own line
    breaks (a word is never cut, so a column is never narrower than its longest word), the first ``keep``
    columns never wrap, the widest of the others give way first, no line ends in spaces. The header is bold
    and underlined by a rule; a cell given as ``Text`` keeps its style (a status in colour). With no
    ``width`` (``--wide``) the table is as wide as its content and no cell wraps but at its own breaks."""
    cells = [headers, *rows]
    plain = [[cell.plain if isinstance(cell, Text) else cell for cell in row] for row in cells]
    natural = [max(len(line) for row in plain for line in row[i].split("\n")) for i in range(len(headers))]
    narrowest = [
        natural[i] if i < keep else max(len(word) for row in plain for word in (row[i].split() or [""]))
        for i in range(len(headers))
    ]
    widths = natural[:]
    while width is not None and sum(widths) + gap * (len(widths) - 1) > width:
        shrinkable = [i for i in range(len(widths)) if widths[i] > narrowest[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
    lines = Text(no_wrap=width is None, overflow="ignore")
    for index, (row, texts) in enumerate(zip(plain, cells, strict=True)):
        styles = [cell.style if isinstance(cell, Text) else ("bold" if index == 0 else "") for cell in texts]
        split = [
            [line for part in cell.split("\n") for line in textwrap.wrap(part, w, break_long_words=False) or [""]]
            for cell, w in zip(row, widths, strict=True)
        ]
        for depth in range(max(len(c) for c in split)):
            line = Text(" " * gap).join(
                Text((c[depth] if depth < len(c) else "").ljust(w), style=style)
                for c, w, style in zip(split, widths, styles, strict=True)
            )
            line.rstrip()
            lines.append_text(line)
            lines.append("\n")
        if index == 0:
            lines.append("─" * min(width or sys.maxsize, sum(widths) + gap * (len(widths) - 1)) + "\n")
    lines.rstrip()
    return lines
