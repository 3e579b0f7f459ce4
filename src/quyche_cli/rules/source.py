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

    def position(self, path: Path_) -> tuple[int | None, int | None]:
        """The line and column of ``path``, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(path[:end])
            if found:
                return found
        return None, None
