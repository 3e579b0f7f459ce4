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
    """Every result with ``as_dict()`` is JSON the same way."""
    return json_text(result.as_dict())


def workbook(sheets: dict[str, list[list[Any]]]) -> bytes:
    """An .xlsx with one sheet per entry, in order: the first row of each is its header."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


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
