"""The screen (Rich, no colour into a pipe) and the JSON reporter every result shares."""

from __future__ import annotations

import json
import textwrap
from typing import Any

from rich.console import Console
from rich.text import Text

from quyche_cli.cli.views import View, reporter


def console(stderr: bool = False) -> Console:
    """A console that wraps at 80 columns or the terminal width and prints no colour into a pipe."""
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def json_text(data: Any) -> str:
    """Stable JSON: UTF-8 text as is, dates in ISO form, two-space indent, a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


@reporter(object, "json")
def as_json(result: Any, view: View) -> str:
    """Every result with ``as_dict()`` is JSON the same way, with ``rules_file`` (path and SHA-256) when it
    comes from a rules file."""
    data = result.as_dict()
    origin = view.rules.origin if view.rules is not None else None
    return json_text({**data, "rules_file": origin} if origin else data)


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


def wrapped(text: Text, width: int) -> Text:
    """``text`` wrapped at spaces to ``width``, keeping its styles (highlights), without trailing spaces."""
    lines = text.wrap(Console(width=width), width)
    for line in lines:
        line.rstrip()
    return Text("\n").join(lines)


def columns(headers: list[str], rows: list[list[str]], width: int, keep: int = 1, gap: int = 2) -> Text:
    """A table as plain aligned columns that fits ``width``: cells wrap at spaces (a word is never cut, so a
    column is never narrower than its longest word), the first ``keep`` columns never wrap, the widest of
    the others give way first, no line ends in spaces. The header is bold and underlined by a rule."""
    cells = [headers, *rows]
    natural = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    narrowest = [
        natural[i] if i < keep else max(len(word) for row in cells for word in (row[i].split() or [""]))
        for i in range(len(headers))
    ]
    widths = natural[:]
    while sum(widths) + gap * (len(widths) - 1) > width:
        shrinkable = [i for i in range(len(widths)) if widths[i] > narrowest[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
    lines = Text()
    for index, row in enumerate(cells):
        split = [textwrap.wrap(cell, w, break_long_words=False) or [""] for cell, w in zip(row, widths, strict=True)]
        for depth in range(max(len(c) for c in split)):
            parts = [(c[depth] if depth < len(c) else "").ljust(w) for c, w in zip(split, widths, strict=True)]
            lines.append((" " * gap).join(parts).rstrip() + "\n", style="bold" if index == 0 else "")
        if index == 0:
            lines.append("─" * min(width, sum(widths) + gap * (len(widths) - 1)) + "\n")
    lines.rstrip()
    return lines
