"""The folder of received reports: which files to read, and the received dates exported alongside them."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
import re
from pathlib import Path

from quyche_cli import text as vt
from quyche_cli.errors import InputError, os_reason
from quyche_cli.schedule.periods import parse_date

SKIPPED = ("~$", "._")
SKIPPED_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}


def list_files(folder: Path) -> tuple[list[Path], list[dict[str, str]]]:
    """Files under ``folder`` (sorted, links not followed) and the entries passed over with a reason."""
    found: list[Path] = []
    passed: list[dict[str, str]] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        base = Path(root)
        for name in sorted(dirs):
            if (base / name).is_symlink():
                passed.append(
                    {"file": str((base / name).relative_to(folder)), "reason": "thư mục liên kết: không theo"}
                )
        dirs.sort()
        for name in sorted(files):
            if name.startswith(SKIPPED) or name.lower() in SKIPPED_NAMES:
                continue
            path = base / name
            if path.is_symlink():
                passed.append({"file": str(path.relative_to(folder)), "reason": "liên kết tượng trưng: không theo"})
            else:
                found.append(path)
    return found, passed


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in chunks (OSError when it cannot be read)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def read_received(path: Path) -> dict[str, dt.date]:
    """``file,received`` rows (as exported from a document-management system), by NFC file name."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(f"Không đọc được tệp ngày nhận '{path}': {os_reason(exc)}.") from None
    received: dict[str, dt.date] = {}
    with handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"file", "received"} <= {f.strip() for f in reader.fieldnames}:
            raise InputError(f"Tệp '{path}' cần hai cột 'file,received' ở dòng đầu.")
        for line, row in enumerate(reader, start=2):
            try:
                received[vt.clean(row["file"])] = parse_date(row["received"] or "")
            except InputError as error:
                raise InputError(f"{path}:{line}: {error}") from None
    return received


_COPY_NAME = re.compile(
    r"(?:\s*\(\d{1,2}\)|\s*-\s*(?:copy|bản sao)(?:\s*\(\d+\))?|\s+copy(?:\s+\d+)?|\s*\((?:another\s+)?copy\))$"
    r"|^(?:copy of|bản sao của)\s",
)


def is_copy_name(name: str) -> bool:
    """Whether a file name is that of a copy made beside the original: "X (1).docx", "X - Copy.docx",
    "X - Bản sao.docx", "X copy.docx", "Copy of X.docx"."""
    return bool(_COPY_NAME.search(vt.clean(Path(name).stem).casefold()))
