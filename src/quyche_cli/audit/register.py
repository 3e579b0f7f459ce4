"""The register of incoming documents (sổ văn bản đến) as the document-management system exports it: CSV (","
or ";" separated, UTF-8 or UTF-16 with its byte-order mark) or XLSX, Vietnamese headers ("Ngày đến", "Số ký
hiệu", "Cơ quan ban hành", "Trích yếu", "Tệp"; the old "file,received" too), title lines above the header,
dates with a time ("24/12/2026 17:45"). Each row is matched to the audited files by file name, else by
number and symbol, else by sender and the period its summary names."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from quyche_cli import text as vt
from quyche_cli.audit.containers import SEPARATOR
from quyche_cli.audit.header import parse_period_phrase
from quyche_cli.audit.results import FileFacts
from quyche_cli.errors import InputError, os_reason
from quyche_cli.saferead import NotRegular, open_regular
from quyche_cli.schedule.periods import parse_date

MAX_REGISTER_BYTES = 8 * 2**20
HEADER_ROWS = 20
# Column -> the headers that name it (compared folded: "Số, ký hiệu", "SỐ KÝ HIỆU" and "so ky hieu" are one).
COLUMNS = {
    "received": (
        "received",
        "Ngày đến",
        "Ngày nhận",
        "Ngày giờ đến",
        "Ngày giờ nhận",
        "Thời gian đến",
        "Thời gian nhận",
    ),
    "file": ("file", "Tệp", "Tên tệp", "Tệp tin", "Tệp đính kèm", "Tệp văn bản"),
    "number": ("Số ký hiệu", "Số và ký hiệu", "Số hiệu", "Ký hiệu", "Số hiệu văn bản", "Số ký hiệu văn bản"),
    "sender": ("Cơ quan ban hành", "Nơi gửi", "Nơi ban hành", "Cơ quan gửi", "Đơn vị gửi", "Đơn vị ban hành"),
    "title": ("Trích yếu", "Trích yếu nội dung", "Tên văn bản", "Nội dung"),
}
_FOLDED = {column: {vt.fold(name) for name in names} for column, names in COLUMNS.items()}
_TIME = re.compile(r"(?<![0-9])([0-9]{1,2}):([0-9]{2})(?::[0-9]{2})?(?![0-9])")


@dataclass
class RegisterRow:
    """One registered document: where it is in the export, when it arrived, and what identifies it."""

    line: int
    received: dt.date
    time: str | None = None
    file: str | None = None
    number: str | None = None
    sender: str | None = None
    title: str | None = None
    matched: list[str] = field(default_factory=list)

    def label(self) -> str:
        what = [f"số {self.number}" if self.number else "", self.sender or "", self.file or ""]
        return f"dòng {self.line} ({', '.join(w for w in what if w) or 'không có số, cơ quan hay tệp'})"


@dataclass
class Register:
    source: str
    rows: list[RegisterRow]


def read_register(path: Path) -> Register:
    """The rows of the export ``path``; InputError naming the file, the line and what to do otherwise."""
    raw = _read_bounded(path)
    if path.suffix.lower() in (".xlsx", ".xlsm") or raw.startswith(b"PK\x03\x04"):
        rows = _xlsx_rows(path, raw)
    else:
        rows = _csv_rows(path, _decoded(path, raw))
    return Register(path.name, _register_rows(path, rows))


def _read_bounded(path: Path) -> bytes:
    try:
        with open_regular(path, follow=True) as handle:
            raw = handle.read(MAX_REGISTER_BYTES + 1)
    except NotRegular as exc:
        raise InputError(f"Không đọc tệp sổ văn bản đến '{path}': {exc}.") from None
    except OSError as exc:
        raise InputError(f"Không đọc được tệp sổ văn bản đến '{path}': {os_reason(exc)}.") from None
    if len(raw) > MAX_REGISTER_BYTES:
        raise InputError(
            f"Tệp sổ văn bản đến '{path}' lớn quá {MAX_REGISTER_BYTES // 2**20} MiB: hãy xuất riêng kỳ cần kiểm tra."
        )
    return raw


def _decoded(path: Path, raw: bytes) -> str:
    """The text of a CSV export, decoded by its byte-order mark (UTF-8 without one)."""
    encoding = "utf-16" if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
    if encoding != "utf-16" and b"\x00" in raw:
        raise InputError(
            f"Tệp ngày nhận '{path}': tệp có vẻ là UTF-16 không có BOM; hãy lưu lại dạng UTF-8 (hoặc UTF-16 có BOM)."
        )
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].decode(encoding, "replace").count("\n") + 1
        name = encoding.upper().removesuffix("-SIG")
        raise InputError(f"{path}:{line}: không phải văn bản {name}; hãy xuất lại tệp dưới dạng CSV UTF-8.") from None


def _csv_rows(path: Path, text: str) -> list[tuple[int, list[object]]]:
    """(line, cells) of a CSV export; the separator is the one of ";", "," and tab its first lines use most."""
    head = text.splitlines()[:HEADER_ROWS]
    delimiter = max((";", ",", "\t"), key=lambda d: sum(line.count(d) for line in head))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [(reader.line_num, list(row)) for row in reader]
    except csv.Error as exc:
        raise InputError(f"{path}:{reader.line_num}: dòng CSV hỏng ({exc}).") from None


def _xlsx_rows(path: Path, raw: bytes) -> list[tuple[int, list[object]]]:
    """(row number, cells) of the first sheet of an XLSX export."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows: list[tuple[int, list[object]]] = [
            (number, list(row)) for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
        workbook.close()
    except Exception as exc:  # openpyxl raises many kinds on a file that is not a workbook
        raise InputError(
            f"Không đọc được tệp sổ văn bản đến '{path}' như bảng tính XLSX ({type(exc).__name__}): hãy xuất lại."
        ) from None
    return rows


def _column_of(header: object) -> str | None:
    folded = vt.fold(str(header or ""))
    return next((column for column, names in _FOLDED.items() if folded in names), None)


def _register_rows(path: Path, rows: list[tuple[int, list[object]]]) -> list[RegisterRow]:
    header_at = next(
        (i for i, (_, cells) in enumerate(rows[:HEADER_ROWS]) if "received" in map(_column_of, cells)), None
    )
    if header_at is None:
        first = rows[0][1] if rows else []
        shown = ", ".join(str(c).strip() for c in first if c is not None and str(c).strip()) or "trống"
        raise InputError(
            f"{path}:1: không thấy cột ngày nhận ('Ngày đến' hoặc 'received') trong {HEADER_ROWS} dòng đầu "
            f"(dòng đầu là: {shown}). Cần cột 'Ngày đến' và ít nhất một cột 'Tệp', 'Số ký hiệu' hoặc "
            "'Cơ quan ban hành' (hoặc hai cột 'file,received')."
        )
    columns: dict[str, int] = {}
    for index, cell in enumerate(rows[header_at][1]):
        column = _column_of(cell)
        if column and column not in columns:
            columns[column] = index
    if not {"file", "number", "sender"} & set(columns):
        raise InputError(
            f"{path}:{rows[header_at][0]}: có cột ngày nhận nhưng thiếu cột nhận ra văn bản: cần 'Tệp' (file), "
            "'Số ký hiệu' hoặc 'Cơ quan ban hành'."
        )
    found: list[RegisterRow] = []
    for line, cells in rows[header_at + 1 :]:
        values = {c: _cell_text(cells[i]) if i < len(cells) else None for c, i in columns.items()}
        if not any(values.values()):
            continue
        if len(cells) <= columns["received"]:
            raise InputError(f"{path}:{line}: dòng thiếu cột (cần {len(rows[header_at][1])} cột, có {len(cells)}).")
        if values.get("received") is None:
            raise InputError(f"{path}:{line}: dòng không có ngày nhận.")
        try:
            day, time = _received(cells[columns["received"]])
        except InputError as error:
            raise InputError(f"{path}:{line}: {error}") from None
        found.append(
            RegisterRow(
                line, day, time, values.get("file"), values.get("number"), values.get("sender"), values.get("title")
            )
        )
    return found


def _cell_text(value: object) -> str | None:
    if value is None:
        return None
    text = vt.clean(value.isoformat() if isinstance(value, dt.date) else str(value))
    return text or None


def _received(value: object) -> tuple[dt.date, str | None]:
    """The day (and time of day, "17:45", when written) of a received cell: a date or date-time cell of a
    workbook, or text such as "24/12/2026 17:45", "17:45 24/12/2026", "2026-12-24T17:45:00"."""
    if isinstance(value, dt.datetime):
        return value.date(), (f"{value:%H:%M}" if value.time() != dt.time() else None)
    if isinstance(value, dt.date):
        return value, None
    text = vt.clean(str(value))
    time = _TIME.search(text)
    day = _TIME.sub(" ", text) if time else text
    day = day.replace("T", " ").strip(" -,")
    return parse_date(day), (f"{int(time.group(1)):02d}:{time.group(2)}" if time else None)


def number_key(text: str | None) -> str | None:
    """A number and symbol as compared: "Số: 215/BC-SYT", "215/BC-SYT" and "215 / BC - SYT" are one key."""
    if not text:
        return None
    key = re.sub(r"\s+", "", vt.clean(text).upper())
    key = re.sub(r"^SỐ(?:/KH)?:?", "", key)
    return key if re.match(r"[0-9]+/", key) else None


def match_register(
    register: Register,
    files: list[FileFacts],
    member_of: Callable[[str], str | None],
    same: Callable[[FileFacts], object],
) -> list[str]:
    """Give each file the earliest received date of the rows that name it (by file name, else number, else
    sender and period) and return a notice for every row that names no file, or more than one report."""
    notices: list[str] = []
    for row in register.rows:
        candidates = _by_file(row.file, files) if row.file else []
        if not candidates and number_key(row.number):
            candidates = [f for f in files if number_key(f.number) == number_key(row.number)]
        if not candidates and row.sender and not row.file:
            member = member_of(row.sender)
            period = parse_period_phrase(row.title or "")
            candidates = [
                f
                for f in files
                if member
                and f.member == member
                and not f.problem
                and (period is None or f.title_period in (None, period.label))
                and None in (number_key(row.number), number_key(f.number))  # two numbers that differ: two documents
            ]
            if len({same(f) for f in candidates}) > 1:
                shown = "; ".join(f.file for f in candidates)
                notices.append(
                    f"sổ văn bản đến (--received) {register.source} {row.label()} khớp nhiều báo cáo khác nhau "
                    f"({shown}): dòng này không dùng; hãy ghi số ký hiệu hoặc tên tệp vào dòng này"
                )
                continue
        if not candidates:
            notices.append(
                f"sổ văn bản đến (--received) {register.source} {row.label()} không khớp tệp nào trong thư mục: "
                "dòng này không dùng"
            )
            continue
        for f in candidates:
            row.matched.append(f.file)
            if f.received is None or row.received < f.received:
                f.received, f.received_time = row.received, row.time
                f.register_line = row.line
    return notices


def _by_file(name: str, files: Iterable[FileFacts]) -> list[FileFacts]:
    wanted = vt.clean(name).casefold()
    return [
        f
        for f in files
        if wanted in (vt.clean(f.file).casefold(), vt.clean(f.file.rpartition(SEPARATOR)[2]).casefold())
        or wanted == vt.clean(Path(f.file).name).casefold()
    ]
