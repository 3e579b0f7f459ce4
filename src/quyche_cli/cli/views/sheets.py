"""Spreadsheets for the office, shared by every table quyche exports.

CSV: UTF-8 with a byte order mark (on the screen as in a file, so that Excel reads the Vietnamese letters),
comma-separated, dates in ISO form (2024-09-24, which Excel reads as a date whatever the regional settings).
XLSX: Vietnamese headers in bold, real date cells shown dd/mm/yyyy, column widths, the header row frozen,
filters on every column, coloured cells where a table says so, and a first sheet that says what the table is.
In both, a text that a spreadsheet would take for a formula is neutralised (OWASP "CSV injection") and control
characters are shown as escapes (``\\x1b``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from quyche_cli.cli.views import View, reporter
from quyche_cli.cli.views.safe import visible

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "dd/mm/yyyy"
R = TypeVar("R")
MAX_WIDTH = 60
ABOUT_WIDTH = 100


@dataclass(frozen=True)
class Coloured:
    """A cell value shown on a coloured background in XLSX (``fill``: RGB hex, "C6EFCE")."""

    value: str
    fill: str


Cell = str | int | float | dt.date | Coloured | None


@dataclass
class Sheet:
    """One sheet: a title (the sheet's name), Vietnamese headers and rows of cells."""

    title: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)


def neutral(value: str) -> str:
    """``value`` with a leading "'" when a spreadsheet would read it as a formula (=, +, -, @, tab, CR), and
    its control characters visible (line breaks kept): a spreadsheet cell cannot hold them."""
    return ("'" if value.startswith(FORMULA_STARTS) else "") + visible(value)


def _plain(cell: Cell) -> str | int | float | dt.date | None:
    """The value of a cell, text neutralised."""
    value = cell.value if isinstance(cell, Coloured) else cell
    return neutral(value) if isinstance(value, str) else value


def to_csv(table: Sheet) -> str:
    """The table as CSV text for Excel: a BOM, the headers, then the rows (dates as 2024-09-24)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutral(h) for h in table.headers])
    for row in table.rows:
        values = map(_plain, row)
        writer.writerow(["" if v is None else v.isoformat() if isinstance(v, dt.date) else v for v in values])
    return "\ufeff" + buffer.getvalue()


def _width(value: object) -> int:
    if isinstance(value, dt.date):
        return 10
    return max((len(line) for line in str(value or "").splitlines()), default=0)


def _fill(sheet: Worksheet, table: Sheet) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet.append([neutral(h) for h in table.headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_plain(c) for c in row])
        for cell, value in zip(sheet[sheet.max_row], row, strict=True):
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
            if isinstance(value, Coloured):
                cell.fill = PatternFill("solid", start_color=value.fill, end_color=value.fill)
            if _width(_plain(value)) > MAX_WIDTH or "\n" in str(cell.value or ""):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, column in enumerate(sheet.iter_cols(min_row=1, max_row=sheet.max_row), start=1):
        widest = max(_width(cell.value) for cell in column)
        sheet.column_dimensions[get_column_letter(index)].width = min(widest, MAX_WIDTH) + 2
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


@dataclass
class Book:
    """A workbook: what the table is (label, value rows for the sheet "Tổng quan"), then its sheets; as CSV,
    its first sheet."""

    about: list[tuple[str, Cell]]
    sheets: list[Sheet]


def spreadsheets(result_type: type[R]) -> Callable[[Callable[[R, View], Book]], Callable[[R, View], Book]]:
    """Register the decorated function, which lays ``result_type`` out as a :class:`Book`, as the source of
    its ``csv`` and ``xlsx`` reporters."""

    def register(book_of: Callable[[R, View], Book]) -> Callable[[R, View], Book]:
        reporter(result_type, "csv")(lambda result, view: to_csv(book_of(result, view).sheets[0]))
        reporter(result_type, "xlsx")(lambda result, view: to_xlsx(book_of(result, view)))
        return book_of

    return register


def to_xlsx(book: Book) -> bytes:
    """The .xlsx file: the sheet "Tổng quan" (one label and one value a row: period, deadline, counts…),
    then one sheet per table."""
    about = book.about
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.title = "Tổng quan"
    for label, value in about:
        first.append([neutral(label), _plain(value)])
        first.cell(first.max_row, 1).font = Font(bold=True)
        shown = first.cell(first.max_row, 2)
        if isinstance(value, dt.date):
            shown.number_format = DATE_FORMAT
        shown.alignment = Alignment(wrap_text=True, vertical="top")
    first.column_dimensions["A"].width = max((len(label) for label, _ in about), default=10) + 2
    first.column_dimensions["B"].width = min(max((_width(_plain(v)) for _, v in about), default=10), ABOUT_WIDTH) + 2
    for table in book.sheets:
        _fill(workbook.create_sheet(table.title[:31]), table)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
