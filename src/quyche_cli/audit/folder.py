"""The folder of received reports: which files to read, how they are named, which are copies."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from quyche_cli import text as vt
from quyche_cli.errors import InputError, os_reason
from quyche_cli.saferead import not_regular_reason

SKIPPED = ("~$", "._")
SKIPPED_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}
MAX_DEPTH = 32


def display_name(path: Path, folder: Path) -> str:
    """``path`` relative to ``folder`` as text: NFC (a name written on a Mac reads as one written on Windows),
    every run of whitespace (line breaks included) one space, so that a name never starts a line of its own;
    control, format and bidirectional characters kept for the views to show as escapes (``<U+202E>``); a
    name that is not UTF-8 keeps its bytes visible (``\\xe1``)."""
    relative = os.fsencode(path.relative_to(folder)).decode("utf-8", "backslashreplace")
    return " ".join(unicodedata.normalize("NFC", relative).split())


def list_files(folder: Path) -> tuple[list[Path], list[dict[str, str]]]:
    """Regular files under ``folder`` (sorted, links not followed, at most ``MAX_DEPTH`` folders deep) and
    every other entry passed over with a reason (a link, a FIFO or device, a folder that cannot be read)."""
    found: list[Path] = []
    passed: list[dict[str, str]] = []

    def pass_over(path: Path, reason: str) -> None:
        passed.append({"file": display_name(path, folder), "reason": reason})

    pending = [(folder, 0)]
    while pending:
        base, depth = pending.pop()
        try:
            with os.scandir(base) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            if base == folder:
                raise InputError(f"Không đọc được thư mục '{folder}': {os_reason(exc)}.") from None
            pass_over(base, f"thư mục không đọc được ({os_reason(exc)}): các tệp trong đó chưa được kiểm tra")
            continue
        folders = []
        for entry in entries:
            path = base / entry.name
            if entry.name.startswith(SKIPPED) or entry.name.lower() in SKIPPED_NAMES:
                continue
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as exc:
                pass_over(path, f"không đọc được ({os_reason(exc)}): chưa được kiểm tra")
                continue
            if entry.is_symlink():
                kind = "thư mục liên kết" if entry.is_dir() else "liên kết tượng trưng"
                pass_over(path, f"{kind}: không theo")
            elif entry.is_dir(follow_symlinks=False):
                folders.append(path)
            elif reason := not_regular_reason(mode):
                pass_over(path, reason)
            else:
                found.append(path)
        if folders and depth >= MAX_DEPTH:
            pass_over(base, f"thư mục lồng quá sâu (hơn {MAX_DEPTH} cấp): các thư mục con chưa được kiểm tra")
            continue
        pending += [(sub, depth + 1) for sub in reversed(folders)]
    return found, passed


_COPY_NAME = re.compile(
    r"(?:\s*\(\d{1,2}\)|\s*-\s*(?:copy|bản sao)(?:\s*\(\d+\))?|\s+copy(?:\s+\d+)?|\s*\((?:another\s+)?copy\))$"
    r"|^(?:copy of|bản sao của)\s",
)


def is_copy_name(name: str) -> bool:
    """Whether a file name is that of a copy made beside the original: "X (1).docx", "X - Copy.docx",
    "X - Bản sao.docx", "X copy.docx", "Copy of X.docx"."""
    return bool(_COPY_NAME.search(vt.clean(Path(name).stem).casefold()))
