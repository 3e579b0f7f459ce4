"""A workspace: one province's folder, with its registry of agencies and calendar and any number of regulations.

The registry (``to-chuc.yaml``) holds what belongs to the province: every agency over time, the calendar
decisions and the events of the organisation. Each other ``*.yaml`` file of the folder is a regulation that
refers to the agencies by id. A regulation is read *assembled*: its own data, with the registry's agencies,
calendar and events put in, so that everything below reads one regulation as before. A schema-1 file that
still carries its own agencies is read too: each agency is matched to the registry's by id, else by name (its
id is then read as the registry's), and every difference is reported, with its file and line.

A workspace is found as git finds a repository: ``--workspace DIR``, ``QUYCHE_WORKSPACE``, else the current
folder or a parent holding the registry. Without one, a single rules file is a workspace of one.
"""

from __future__ import annotations

import copy
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quyche_cli import text as vt
from quyche_cli.rules.problems import Problem, RulesFileError
from quyche_cli.rules.source import Path_, Source

REGISTRY_FILE = "to-chuc.yaml"
ENV = "QUYCHE_WORKSPACE"
PROVINCE_KEYS = ("agencies", "calendar", "events")
# Where a regulation names an agency by id (renamed when its own agency is matched to the registry's by name).
_AGENCY_REFS: tuple[Path_, ...] = (
    ("members", "*", "agency"),
    ("members", "*", "reassigned", "*", "agency"),
    ("document", "cover_letter", "sender_agency"),
    ("document", "cover_letter", "addressee_agency"),
    ("events", "*", "agencies", "*"),
    ("agencies", "*", "successor", "agency"),
    ("agencies", "*", "handovers", "*", "agency"),
    ("agencies", "*", "successor", "transfers", "*", "agency"),
)
chosen: Path | None = None  # ``--workspace`` of the command line, when given


@dataclass(frozen=True)
class Workspace:
    """A folder holding a registry and regulations; ``committee`` ids are the regulations' file names."""

    folder: Path

    @property
    def registry(self) -> Path:
        return self.folder / REGISTRY_FILE

    @property
    def regulations(self) -> list[Path]:
        """Every regulation of the folder (its ``*.yaml`` files but the registry), by file name."""
        found = [p for p in self.folder.iterdir() if p.suffix in (".yaml", ".yml") and p.name != REGISTRY_FILE]
        return sorted((p for p in found if p.is_file()), key=lambda p: p.name)

    def committee_ids(self) -> list[str]:
        return [p.stem for p in self.regulations]


def committee_id(path: Path) -> str:
    """How a regulation is named in answers and chosen with ``--committee``: its file name without ``.yaml``."""
    return path.stem


def holding_registry(start: Path) -> Path | None:
    """``start`` or the nearest parent holding a registry."""
    here = start.absolute()
    for folder in (here, *here.parents):
        if (folder / REGISTRY_FILE).is_file():
            return folder
    return None


def given() -> Path | None:
    """The workspace named by ``--workspace`` or ``QUYCHE_WORKSPACE``, refused when it holds no registry."""
    folder = chosen or (Path(os.environ[ENV]) if os.environ.get(ENV) else None)
    if folder is None:
        return None
    if not (folder / REGISTRY_FILE).is_file():
        raise RulesFileError(
            f"'{folder}' không phải thư mục làm việc: không có tệp {REGISTRY_FILE}. Tạo một thư mục làm việc bằng "
            f"'quyche init {folder}', hoặc chỉ đúng thư mục bằng --workspace / biến {ENV}."
        )
    return folder


def find(file: Path | None, audited: Path | None = None) -> Workspace | None:
    """The workspace to read: the one given, else the one holding ``file`` (when a file is named), else the
    current folder or a parent holding a registry — never one inside the ``audited`` folder, where anyone who
    sends a report could have put a registry. None: no workspace (a single file is read alone)."""
    folder = given()
    if folder is None:
        folder = holding_registry(file.parent if file is not None else Path.cwd())
        if folder is not None and file is None and audited is not None and _inside(folder, audited):
            raise RulesFileError(
                f"Không dùng thư mục làm việc '{folder}': nó nằm trong thư mục đang kiểm tra, nơi người gửi có thể "
                f"đặt tệp vào. Hãy chỉ rõ bằng --workspace THƯ_MỤC, --file hoặc chạy lệnh từ thư mục khác."
            )
    return Workspace(folder) if folder is not None else None


def _inside(folder: Path, audited: Path) -> bool:
    return folder.resolve().is_relative_to(audited.resolve())


# -- assembling a regulation -----------------------------------------------------------------------------------
def _places(data: Any, pattern: Path_, path: Path_ = ()) -> Iterator[tuple[Any, str | int, Path_]]:
    """Each (container, key, path) that ``pattern`` ("*" for any list index) reaches in ``data``."""
    head, rest = pattern[0], pattern[1:]
    keys: list[str | int] = []
    if head == "*" and isinstance(data, list):
        keys = list(range(len(data)))
    elif isinstance(data, dict) and head in data:
        keys = [head]
    for key in keys:
        if not rest:
            if data[key] is not None:
                yield data, key, (*path, key)
        else:
            yield from _places(data[key], rest, (*path, key))


@dataclass
class Assembled:
    """A regulation with the registry's facts put in, and what matching its own agencies found."""

    source: Source
    problems: list[Problem]
    extra: dict[str, tuple[Any, int | None]]  # its own agencies the registry lacks: id -> (raw data, line)


def assemble(registry: Source, regulation: Source) -> Assembled:
    """``regulation``'s data with the registry's agencies, calendar and events; its own agencies matched to the
    registry's by id, else by name (their ids then read as the registry's), those the registry lacks kept after
    the registry's; the positions of each value kept with the file it came from."""
    reg, own = registry.data if isinstance(registry.data, dict) else {}, regulation.data
    if not isinstance(own, dict):
        return Assembled(regulation, [], {})  # not a mapping: the schema check says so
    data = dict(own)
    problems: list[Problem] = []

    def problem(code: str, message: str, path: Path_) -> None:
        line, column = regulation.position(path)
        problems.append(Problem(code, message, regulation.file, line, column, severity="warning"))

    registered = [a for a in reg.get("agencies") or [] if isinstance(a, dict)]
    by_id = {a.get("id"): a for a in registered}
    by_name = {vt.canon(str(n)): a for a in registered for n in [*(a.get("aliases") or []), a.get("name", "")]}
    renamed: dict[str, str] = {}
    extra: list[tuple[int, dict[str, Any]]] = []
    for j, agency in enumerate(own.get("agencies") or []):
        if not isinstance(agency, dict):
            continue
        ident, name = agency.get("id"), str(agency.get("name", ""))
        match = by_id.get(ident)
        if match is None and vt.canon(name) in by_name:
            match = by_name[vt.canon(name)]
            renamed[str(ident)] = str(match.get("id"))
            problem(
                "registry-renamed",
                f"Cơ quan '{ident}' ({name}) được hiểu là '{match.get('id')}' của {REGISTRY_FILE} (trùng tên gọi); "
                f"hãy đổi id trong tệp này thành '{match.get('id')}'.",
                ("agencies", j, "id"),
            )
        if match is None:
            extra.append((j, agency))
            problem(
                "registry-missing",
                f"Cơ quan '{ident}' ({name}) không có trong {REGISTRY_FILE}: hãy thêm vào sổ tổ chức của tỉnh để mọi "
                "quy chế dùng chung.",
                ("agencies", j, "id"),
            )
            continue
        for key in sorted(set(agency) | set(match)):
            if key != "id" and agency.get(key) != match.get(key):
                problem(
                    "registry-conflict",
                    f"Cơ quan '{match.get('id')}': trường '{key}' trong tệp này khác với {REGISTRY_FILE} "
                    f"({_short(agency.get(key))} ≠ {_short(match.get(key))}); dùng giá trị của {REGISTRY_FILE}.",
                    ("agencies", j, key) if key in agency else ("agencies", j, "id"),
                )
    if "calendar" in own and "calendar" in reg and own["calendar"] != reg["calendar"]:
        problem(
            "registry-conflict",
            f"Lịch làm việc (calendar) trong tệp này khác với {REGISTRY_FILE}; dùng lịch của {REGISTRY_FILE}.",
            ("calendar",),
        )
    events = [e for e in reg.get("events") or []]
    known_events = {e.get("id"): e for e in events if isinstance(e, dict)}
    own_events: list[tuple[int, Any]] = []
    for j, event in enumerate(own.get("events") or []):
        ident = event.get("id") if isinstance(event, dict) else None
        if ident in known_events:
            if event != known_events[ident]:
                problem(
                    "registry-conflict",
                    f"Sự kiện '{ident}' trong tệp này khác với {REGISTRY_FILE}; dùng bản của {REGISTRY_FILE}.",
                    ("events", j, "id"),
                )
            continue
        own_events.append((j, event))
    if renamed:
        data = copy.deepcopy(data)
    data["agencies"] = [*registered, *(a for _, a in extra)]
    data["events"] = [*events, *(e for _, e in own_events)]
    borrowed = {key for key in PROVINCE_KEYS if key in reg or key not in own}
    if "calendar" in borrowed:
        data["calendar"] = reg.get("calendar", {})
    moved: dict[Path_, Path_] = {("agencies", j): ("agencies", len(registered) + k) for k, (j, _) in enumerate(extra)}
    moved |= {("events", j): ("events", len(events) + k) for k, (j, _) in enumerate(own_events)}
    positions = {p: w for p, w in registry.positions.items() if p and p[0] in borrowed}
    files: dict[Path_, str] = {(key,): registry.file for key in borrowed}
    for path, where in regulation.positions.items():
        head = moved.get(path[:2])
        if head is not None:
            positions[head + path[2:]] = where
            files[head] = regulation.file
        elif not path or path[0] not in borrowed:
            positions.setdefault(path, where)
    for pattern in _AGENCY_REFS:
        for container, key, _ in _places(data, pattern):
            if isinstance(container[key], str) and container[key] in renamed:
                container[key] = renamed[container[key]]
    digest = hashlib.sha256(f"{registry.sha256} {regulation.sha256}".encode()).hexdigest()
    merged = Source(regulation.file, data, positions, digest, files)
    return Assembled(
        merged, problems, {str(a.get("id")): (a, regulation.position(("agencies", j))[0]) for j, a in extra}
    )


def _short(value: Any) -> str:
    shown = "trống" if value is None else repr(value) if not isinstance(value, str) else f"'{value}'"
    return shown if len(shown) <= 60 else shown[:57] + "…"
