"""Opening the rules file: locate it, then read it from the cache of validated files or load and validate it."""

from __future__ import annotations

from hashlib import sha256
from pathlib import Path
from typing import TYPE_CHECKING

from quyche_cli.rules import cache
from quyche_cli.rules.locate import locate

if TYPE_CHECKING:
    from quyche_cli.rules.index import Rules


def open_rules(explicit: Path | None = None, audited: Path | None = None) -> Rules:
    """Locate and load a valid rules file, from the cache of validated files when it holds this one
    (:mod:`quyche_cli.rules.cache`); RulesFileError when it cannot be used."""
    path = locate(explicit, audited)
    content = _bytes(path) if cache.enabled() else None
    if content is not None:
        cached = cache.load(path, content)
        if cached is not None:
            return cached
    from quyche_cli.rules.validation import load_rules

    rules = load_rules(path)
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
