"""Writing output files and folders whole or not at all: a temporary file (or folder) beside the target, then
published in one step; a file either replaces the target (``--force``) or is created exclusively, so that two
runs never both "succeed"."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Mapping
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


def check_folder(folder: Path, force: bool) -> None:
    """Refuse, before any work, an output folder that is not a folder (or is a symbolic link), whose parent is
    missing, or that already holds files (without ``force``)."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise OutputError(f"'{folder}' không phải một thư mục thật (là tệp hoặc liên kết); hãy chọn --out khác.")
    target, here = _absolute(folder), Path.cwd()
    if target in (here, *here.parents):
        raise OutputError(
            f"Không dùng được '{folder}' làm thư mục kết quả (là thư mục đang làm việc hoặc chứa nó); "
            "hãy chọn một thư mục con, ví dụ --out trang-web."
        )
    parent = target.parent
    if not parent.is_dir():
        raise OutputError(f"Thư mục '{parent}' không tồn tại; hãy tạo nó trước hoặc chọn --out khác.")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise OutputError(f"Thư mục '{folder}' đã có nội dung; dùng --force để thay toàn bộ nội dung.")


def write_folder(folder: Path, files: Mapping[str, bytes], force: bool = False) -> None:
    """Write ``files`` (relative path -> bytes) as the folder ``folder``, whole or not at all: into a new
    temporary folder beside it, then renamed into place; an existing folder with files in it is replaced only
    with ``force`` (and removed only once the new one is in place). OutputError when it cannot be written."""
    check_folder(folder, force)
    target = _absolute(folder)
    parent = target.parent
    try:
        temporary = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    except PermissionError:
        raise OutputError(f"Không ghi được '{folder}': không có quyền ghi vào thư mục '{parent}'.") from None
    except OSError as exc:
        raise OutputError(f"Không ghi được '{folder}': {os_reason(exc)}.") from None
    try:
        for relative, data in files.items():
            assert not Path(relative).is_absolute() and ".." not in Path(relative).parts, relative
            path = temporary / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        os.chmod(temporary, 0o777 & ~_umask())
        _swap(temporary, target)
    except OSError as exc:
        shutil.rmtree(temporary, ignore_errors=True)
        raise OutputError(f"Không ghi được '{folder}': {os_reason(exc)}.") from None
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def _absolute(folder: Path) -> Path:
    """``folder`` as an absolute path without ``.`` or ``..``, so that its parent and name are real ones."""
    return Path(os.path.abspath(folder))


def _swap(new: Path, folder: Path) -> None:
    """Put the folder ``new`` in the place of ``folder``; the old one is set aside first, and put back if the
    new one cannot take its place."""
    if not folder.exists():
        os.rename(new, folder)
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".old", dir=new.parent)) / folder.name
    os.rename(folder, aside)
    try:
        os.rename(new, folder)
    except OSError:
        os.rename(aside, folder)
        raise
    shutil.rmtree(aside.parent, ignore_errors=True)
