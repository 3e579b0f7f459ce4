"""Finding the rules: ``--file`` (or ``QUYCHE_FILE``), then a workspace (:mod:`.workspace`), then
``./quyche.yaml``, then the bundled copy.

A ``./quyche.yaml`` inside the folder being audited is never picked up: anyone who sends a report could have
put it there. It is used only when named with ``--file`` or ``QUYCHE_FILE``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path
from typing import TYPE_CHECKING

from quyche_cli.rules.problems import RulesFileError
from quyche_cli.rules.workspace import REGISTRY_FILE, Workspace, committee_id, find

if TYPE_CHECKING:
    from quyche_cli.rules.index import Rules

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
    return _one(choose(explicit, audited))


def _one(choice: Choice) -> Path:
    paths = choice.paths()
    if len(paths) > 1:
        names = ", ".join(p.name for p in paths)
        raise RulesFileError(
            f"Thư mục làm việc có {len(paths)} quy chế ({names}); lệnh này đọc một quy chế: chọn bằng --file TỆP."
        )
    return paths[0]


def open_rules(explicit: Path | None = None, audited: Path | None = None) -> Rules:
    """Locate and load a valid rules file (in its workspace, when it is in one), from the cache of validated
    files when it holds this one (:mod:`quyche_cli.rules.cache`); RulesFileError when it cannot be used."""
    choice = choose(explicit, audited)
    return load(_one(choice), choice.workspace)


@dataclass(frozen=True)
class Committee:
    """One regulation of a workspace, as answers name it: its id (the file name) and its rules."""

    id: str
    rules: Rules

    @property
    def name(self) -> str:
        return self.rules.model.document.committee


def open_committees(explicit: Path | None = None, audited: Path | None = None) -> list[Committee]:
    """Every regulation a command reads across committees: the one of ``--file``, else every regulation of
    the workspace, else the single rules file."""
    choice = choose(explicit, audited)
    return [Committee(committee_id(path), load(path, choice.workspace)) for path in choice.paths()]


def load(path: Path, workspace: Workspace | None) -> Rules:
    """The valid rules of ``path`` (read with the registry of ``workspace``), from the cache when it holds them."""
    from quyche_cli.rules import cache

    registry = workspace.registry if workspace is not None else None
    content = _bytes(path) if cache.enabled() else None
    if content is not None and registry is not None:
        shared = _bytes(registry)
        content = None if shared is None else f"{sha256(shared).hexdigest()} {sha256(content).hexdigest()}".encode()
    if content is not None:
        cached = cache.load(path, content)
        if cached is not None:
            return cached
    from quyche_cli.rules.validation import load_rules

    rules = load_rules(path, registry)
    if content is not None and rules.source is not None and rules.source.sha256 == sha256(content).hexdigest():
        cache.save(rules, content)
    return rules


def _bytes(path: Path) -> bytes | None:
    """The file's bytes when they can be read and are not too many to be a rules file (else the loader
    reports why)."""
    from quyche_cli.rules.source import MAX_BYTES

    try:
        with path.open("rb") as handle:
            content = handle.read(MAX_BYTES + 1)
    except OSError:
        return None
    return content if len(content) <= MAX_BYTES else None
