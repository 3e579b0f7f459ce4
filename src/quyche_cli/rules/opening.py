"""Opening the rules: locate them, then read them from the cache of validated files or load and validate them
(a regulation of a workspace with the workspace's registry)."""

from __future__ import annotations

from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path
from typing import TYPE_CHECKING

from quyche_cli import text as vt
from quyche_cli.rules import cache
from quyche_cli.rules.locate import Choice, choose, one_path
from quyche_cli.rules.workspace import Workspace, committee_id

if TYPE_CHECKING:
    from quyche_cli.rules.index import Rules


def open_rules(explicit: Path | None = None, audited: Path | None = None) -> Rules:
    """Locate and load a valid rules file (in its workspace, when it is in one), from the cache of validated
    files when it holds this one (:mod:`quyche_cli.rules.cache`); RulesFileError when it cannot be used."""
    choice = choose(explicit, audited)
    return load(one_path(choice), choice.workspace)


@dataclass(frozen=True)
class Committee:
    """One regulation of a workspace, as answers name it: its id (the file name) and its rules."""

    id: str
    rules: Rules

    @property
    def name(self) -> str:
        return self.rules.model.document.committee

    def answers_to(self, typed: str) -> bool:
        """Whether ``typed`` (``--committee``) names this committee: its id, name or short name, however typed."""
        document = self.rules.model.document
        return vt.fold(typed) in (vt.fold(self.id), vt.fold(document.committee), vt.fold(document.committee_short))


def open_committees(choice: Choice) -> list[Committee]:
    """Every regulation a command reads across committees (:func:`~quyche_cli.rules.locate.choose`): the one
    of ``--file``, else every regulation of the workspace, else the single rules file."""
    return [Committee(committee_id(path), load(path, choice.workspace)) for path in choice.paths()]


def load(path: Path, workspace: Workspace | None) -> Rules:
    """The valid rules of ``path`` (read with the registry of ``workspace``), from the cache when it holds them."""
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
