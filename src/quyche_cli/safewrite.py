"""Writing output files whole or not at all: a temporary file in the same folder, then published in one step,
either replacing the target (``--force``) or created exclusively, so that two runs never both "succeed"."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from quyche_cli.errors import OutputError, os_reason

# A folder on a file system without hard links (FAT, some network shares) answers os.link with one of these.
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}


def write_atomic(path: Path, data: bytes, replace: bool = False) -> None:
    """Write ``data`` to ``path`` so that a failure never leaves a half-written file behind. Unless
    ``replace``, ``path`` must not exist when it is published (another run may have made it since the
    command started): OutputError then, and nothing is changed. OutputError (in Vietnamese, naming
    ``path``) when it cannot be written."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError(f"Không ghi được '{path}': đó là một thư mục; hãy ghi đường dẫn tới một tệp.")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise OutputError(f"Không ghi được '{path}': thư mục '{folder}' không tồn tại.") from None
    except PermissionError:
        raise OutputError(f"Không ghi được '{path}': không có quyền ghi vào thư mục '{folder}'.") from None
    except OSError as exc:
        raise OutputError(f"Không ghi được '{path}': {os_reason(exc)}.") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~_umask())
        if replace:
            os.replace(temporary, path)
        else:
            _publish_new(Path(temporary), path, data)
    except FileExistsError:
        raise OutputError(
            f"Tệp '{path}' đã có (vừa được tạo bởi một lần chạy khác?); dùng --force để ghi đè."
        ) from None
    except OSError as exc:
        raise OutputError(f"Không ghi được '{path}': {os_reason(exc)}.") from None
    finally:
        Path(temporary).unlink(missing_ok=True)


def _publish_new(temporary: Path, path: Path, data: bytes) -> None:
    """``temporary`` published as ``path``, which must not exist: a hard link (atomic, never follows a link at
    ``path``), or where links are not supported, a file created exclusively and written whole or removed."""
    try:
        os.link(temporary, path)
        return
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process umask (read by setting it and putting it back), so output files get normal permissions."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
