"""What is known of a loaded rules file besides its data: where each value came from, and which file it was.

Kept apart from :mod:`.yamlsource` so that rules answered from the cache never import the YAML parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Path_ = tuple[str | int, ...]

MAX_BYTES = 64 * 1024 * 1024


@dataclass
class Source:
    """Data loaded from a YAML file, with the position of every value by its path of keys and indices."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    sha256: str = ""  # of the file's bytes, to name exactly which file an answer comes from
    files: dict[Path_, str] = field(default_factory=dict)  # values under these paths came from another file

    def where(self, path: Path_) -> tuple[str, int | None, int | None]:
        """The file, line and column of ``path``: a regulation read in a workspace takes its agencies and
        calendar from the workspace's registry, whose lines are named in the registry's file."""
        prefixes = [prefix for prefix in self.files if path[: len(prefix)] == prefix]
        file = self.files[max(prefixes, key=len)] if prefixes else self.file
        return (file, *self.position(path))

    def position(self, path: Path_) -> tuple[int | None, int | None]:
        """The line and column of ``path``, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(path[:end])
            if found:
                return found
        return None, None
