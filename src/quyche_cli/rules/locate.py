"""Finding the rules file: ``--file`` (or ``QUYCHE_FILE``), then ``./quyche.yaml``, then the bundled copy.

A ``./quyche.yaml`` inside the folder being audited is never picked up: anyone who sends a report could have
put it there. It is used only when named with ``--file`` or ``QUYCHE_FILE``."""

from __future__ import annotations

import os
from pathlib import Path

from quyche_cli.rules.problems import RulesFileError

FILE_NAME = "quyche.yaml"


def bundled_path() -> Path:
    """The regulation shipped inside the package (or, in a source checkout, the repository's file)."""
    packaged = Path(__file__).resolve().parents[1] / "data" / FILE_NAME
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / FILE_NAME


def locate(explicit: Path | None = None, audited: Path | None = None) -> Path:
    """The rules file to use: ``explicit`` (``--file``), else the ``QUYCHE_FILE`` variable, else
    ``./quyche.yaml`` (refused when it lies inside the ``audited`` folder), else the bundled file."""
    if explicit is None and os.environ.get("QUYCHE_FILE"):
        explicit = Path(os.environ["QUYCHE_FILE"])
    if explicit is not None:
        if explicit.is_dir():
            raise RulesFileError(f"'{explicit}' là một thư mục, không phải tệp quy chế YAML.")
        if not explicit.exists():
            raise RulesFileError(f"Không tìm thấy tệp quy chế '{explicit}'. Kiểm tra lại đường dẫn.")
        if not explicit.is_file():
            raise RulesFileError(f"'{explicit}' không phải một tệp thường (thiết bị, FIFO…): không đọc.")
        return explicit
    local = Path.cwd() / FILE_NAME
    if local.is_file():
        if audited is not None and local.resolve().is_relative_to(audited.resolve()):
            raise RulesFileError(
                f"Không dùng '{local}': tệp quy chế này nằm trong thư mục đang kiểm tra, nơi người gửi có thể đặt "
                "tệp vào. Hãy chỉ rõ tệp quy chế bằng --file ĐƯỜNG_DẪN hoặc biến QUYCHE_FILE, hoặc chạy lệnh "
                "từ thư mục khác."
            )
        return Path(FILE_NAME)
    bundled = bundled_path()
    if not bundled.is_file():
        raise RulesFileError("Không tìm thấy tệp quy chế: dùng --file ĐƯỜNG_DẪN hoặc biến môi trường QUYCHE_FILE.")
    return bundled
