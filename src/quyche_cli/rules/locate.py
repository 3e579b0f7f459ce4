"""Finding the rules: ``--file`` (or ``QUYCHE_FILE``), then a workspace (:mod:`.workspace`), then
``./quyche.yaml``, then the bundled copy.

A ``./quyche.yaml`` inside the folder being audited is never picked up: anyone who sends a report could have
put it there. It is used only when named with ``--file`` or ``QUYCHE_FILE``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from quyche_cli.rules.problems import RulesFileError
from quyche_cli.rules.workspace import REGISTRY_FILE, Workspace, find

FILE_NAME = "quyche.yaml"


def bundled_path() -> Path:
    """The regulation shipped inside the package (or, in a source checkout, the repository's file)."""
    packaged = Path(__file__).resolve().parents[1] / "data" / FILE_NAME
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / FILE_NAME


@dataclass(frozen=True)
class Choice:
    """What a command reads: a workspace (or None: a single file alone) and one regulation of it (or None:
    every regulation of the workspace)."""

    workspace: Workspace | None
    file: Path | None

    def paths(self) -> list[Path]:
        """The regulations to read."""
        if self.file is not None:
            return [self.file]
        assert self.workspace is not None
        found = self.workspace.regulations
        if not found:
            raise RulesFileError(
                f"Thư mục làm việc '{self.workspace.folder}' chưa có tệp quy chế nào: hãy chép một tệp quy chế "
                "(.yaml) vào thư mục này."
            )
        return found


def choose(explicit: Path | None = None, audited: Path | None = None) -> Choice:
    """What to read: ``explicit`` (``--file``, else the ``QUYCHE_FILE`` variable), in the workspace holding it
    (or given with ``--workspace``), else the workspace found from the current folder (every regulation of it),
    else ``./quyche.yaml`` (refused when it lies inside the ``audited`` folder), else the bundled file."""
    if explicit is None and os.environ.get("QUYCHE_FILE"):
        explicit = Path(os.environ["QUYCHE_FILE"])
    if explicit is not None:
        if explicit.is_dir():
            raise RulesFileError(f"'{explicit}' là một thư mục, không phải tệp quy chế YAML.")
        if not explicit.exists():
            raise RulesFileError(f"Không tìm thấy tệp quy chế '{explicit}'. Kiểm tra lại đường dẫn.")
        if not explicit.is_file():
            raise RulesFileError(f"'{explicit}' không phải một tệp thường (thiết bị, FIFO…): không đọc.")
        if explicit.name == REGISTRY_FILE:
            raise RulesFileError(
                f"'{explicit}' là sổ tổ chức của thư mục làm việc, không phải một quy chế: chọn một tệp quy chế "
                "khác bằng --file, hoặc kiểm tra cả thư mục bằng 'quyche validate THƯ_MỤC'."
            )
        return Choice(find(explicit), explicit)
    workspace = find(None, audited)
    if workspace is not None:
        return Choice(workspace, None)
    local = Path.cwd() / FILE_NAME
    if local.is_file():
        if audited is not None and local.resolve().is_relative_to(audited.resolve()):
            raise RulesFileError(
                f"Không dùng '{local}': tệp quy chế này nằm trong thư mục đang kiểm tra, nơi người gửi có thể đặt "
                "tệp vào. Hãy chỉ rõ tệp quy chế bằng --file ĐƯỜNG_DẪN hoặc biến QUYCHE_FILE, hoặc chạy lệnh "
                "từ thư mục khác."
            )
        return Choice(None, Path(FILE_NAME))
    bundled = bundled_path()
    if not bundled.is_file():
        raise RulesFileError("Không tìm thấy tệp quy chế: dùng --file ĐƯỜNG_DẪN hoặc biến môi trường QUYCHE_FILE.")
    return Choice(None, bundled)


def locate(explicit: Path | None = None, audited: Path | None = None) -> Path:
    """The one rules file to use (:func:`choose`); in a workspace of several regulations, RulesFileError
    listing them unless one is chosen with ``--file``."""
    return one_path(choose(explicit, audited))


def one_path(choice: Choice) -> Path:
    """The one regulation ``choice`` reads; RulesFileError listing them when it reads several."""
    paths = choice.paths()
    if len(paths) > 1:
        names = ", ".join(p.name for p in paths)
        raise RulesFileError(
            f"Thư mục làm việc có {len(paths)} quy chế ({names}); lệnh này đọc một quy chế: chọn bằng --file TỆP."
        )
    return paths[0]
