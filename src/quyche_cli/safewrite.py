"""Writing output files whole or not at all: a temporary file in the same folder, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from quyche_cli.errors import OutputError, os_reason


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a failure never leaves a half-written file behind; OutputError
    (in Vietnamese, naming ``path``) when it cannot be written."""
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
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"Không ghi được '{path}': {os_reason(exc)}.") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process umask (read by setting it and putting it back), so output files get normal permissions."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
