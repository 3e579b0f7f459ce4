"""The files a command is given: checking ``--out`` and a folder to read before any work, reading ``--data`` and
``--from-*`` files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from quyche_cli.errors import InputError, OutputError, os_reason


def check_output(out: Path | None, force: bool, format_name: str | None = None) -> None:
    """Refuse, before any work, an ``--out`` that exists (without ``--force``) or cannot be a file, and a
    spreadsheet (xlsx) without ``--out``: it is not something to print."""
    if out is None:
        if format_name == "xlsx":
            raise InputError("Định dạng xlsx cần --out TỆP.xlsx.")
        return
    if out.is_dir():
        raise OutputError(f"'{out}' là một thư mục; hãy ghi --out là đường dẫn tới một tệp.")
    if out.exists() and not force:
        raise OutputError(f"Tệp '{out}' đã có; dùng --force để ghi đè.")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"Thư mục '{folder}' không tồn tại; hãy tạo nó trước hoặc chọn --out khác.")


def check_folder(folder: Path, out: Path | None, force: bool, format_name: str) -> None:
    """Refuse, before any work, a folder to read that is not one, an ``--out`` that :func:`check_output`
    refuses, and one inside the folder (which is only read)."""
    if not folder.is_dir():
        raise InputError(
            f"Không tìm thấy thư mục '{folder}'." if not folder.exists() else f"'{folder}' không phải thư mục."
        )
    check_output(out, force, format_name)
    if out is not None and out.resolve().is_relative_to(folder.resolve()):
        raise InputError("Không ghi kết quả vào trong thư mục đang đọc; hãy chọn --out ở nơi khác.")


def load_data(path: Path) -> object:
    """A ``--data`` file (YAML or JSON, read safely); InputError when unreadable."""
    from quyche_cli.cli.views.problems import problem_line
    from quyche_cli.rules.yamlsource import load_file

    try:
        source, problems = load_file(path)
    except OSError as exc:
        raise InputError(f"Không đọc được tệp dữ liệu '{path}': {os_reason(exc)}.") from None
    if source is None or problems:
        raise InputError("\n".join(problem_line(p) for p in problems) or f"Tệp dữ liệu '{path}' không đọc được.")
    return source.data


def load_json(path: Path, option: str) -> Any:
    """The JSON file given to ``option`` (what a command wrote with --format json); InputError when unreadable."""
    import json

    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"Không đọc được {option} '{path}': {os_reason(exc)}.") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{option} '{path}' không phải JSON (dòng {exc.lineno}, cột {exc.colno}).") from None
    except UnicodeDecodeError:
        raise InputError(f"{option} '{path}' không phải văn bản UTF-8.") from None
