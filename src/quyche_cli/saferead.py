"""Opening files that come from outside: regular files only, never a FIFO, device or socket, never through a link."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO


class NotRegular(OSError):
    """The path is not a regular file (a FIFO, a device, a socket, a folder): it is not opened for reading."""


def not_regular_reason(mode: int) -> str | None:
    """Why a file of this ``st_mode`` is passed over, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "đây là một thư mục, không phải tệp"
    if stat.S_ISFIFO(mode):
        return "ống dẫn (FIFO), không phải tệp thường: không đọc"
    if stat.S_ISSOCK(mode):
        return "socket, không phải tệp thường: không đọc"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "tệp thiết bị, không phải tệp thường: không đọc"
    return "không phải tệp thường: không đọc"


def open_regular(path: Path, follow: bool = False) -> BinaryIO:
    """``path`` opened for reading without blocking on a FIFO, and without following a link at its end unless
    ``follow`` (a file the user named); NotRegular (the file never read) unless it is a regular file."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    flags |= 0 if follow else getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags)
    reason = not_regular_reason(os.fstat(descriptor).st_mode)
    if reason:
        os.close(descriptor)
        raise NotRegular(reason)
    return os.fdopen(descriptor, "rb")
