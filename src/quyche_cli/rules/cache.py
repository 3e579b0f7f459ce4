"""A cache of validated rules files, so that a look-up does not parse, validate and check the file each time.

An entry is JSON (never pickle) in the user's cache folder (``$XDG_CACHE_HOME/quyche``, else
``~/.cache/quyche``), named by the SHA-256 of the file's bytes and of the code that validates it (this
package's version, its ``rules`` modules and its text keys), so an edited file or another release never reads
a stale entry. Only a file without problems is cached; the entry also keeps the folded text of every provision
(the key look-ups and searches compare) and the index of names (its keys, folded). Entries are written
atomically (a temporary file, then a rename), so concurrent runs are safe; an entry that cannot be read or does
not fit the models is ignored and rebuilt. Writing an entry keeps only the ``KEEP`` most recently used ones (a
hit refreshes an entry's time).
``QUYCHE_NO_CACHE=1`` bypasses the cache.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
import types
import typing
from collections.abc import Callable
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from quyche_cli import __version__
from quyche_cli.rules.index import Rules
from quyche_cli.rules.model import Regulation
from quyche_cli.rules.names import NameIndex, name_index
from quyche_cli.rules.source import Source

FORMAT = 3
TOUCH_AFTER = 3600  # seconds: an entry used again within the hour is not touched again
KEEP = 64  # a workspace reads all its regulations at each look-up: they must all stay


def folder() -> Path:
    """Where entries are kept."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "quyche"


@cache
def _code_digest() -> str:
    """What decides how a file is read, validated and folded: the version, the source of the ``rules``
    modules and of the text keys."""
    digest = hashlib.sha256(f"{FORMAT} {__version__}".encode())
    for module in [*sorted(Path(__file__).parent.glob("*.py")), Path(__file__).parents[1] / "text.py"]:
        digest.update(module.read_bytes())
    return digest.hexdigest()


def entry(content: bytes) -> Path:
    """The entry for a rules file with these bytes."""
    return folder() / f"{hashlib.sha256(content + _code_digest().encode()).hexdigest()}.json"


def enabled() -> bool:
    return os.environ.get("QUYCHE_NO_CACHE", "") in ("", "0")


def load(path: Path, content: bytes) -> Rules | None:
    """The rules cached for ``content`` (read from ``path``), or None when there is no usable entry."""
    try:
        path_of_entry = entry(content)
        stored = json.loads(path_of_entry.read_bytes())
        if stored["format"] != FORMAT or stored["sha256"] != hashlib.sha256(content).hexdigest():
            return None
        model = _construct(Regulation, stored["model"])
        positions = {tuple(where[0]): (where[1], where[2]) for where in stored["positions"]}
        rules = Rules(model, Source(str(path), None, positions, stored["sha256"]))
        for provision, folded in zip(rules.provisions, stored["folded"], strict=True):
            provision.__dict__["folded"] = folded  # the value of its cached property, folded when it was stored
        rules.keep(NameIndex, NameIndex.restored(rules, stored["names"]))
        first = stored["first_recorded"]  # the earliest date the file records, found by walking the whole model
        rules.__dict__["first_recorded"] = (dt.date.fromisoformat(first[0]), first[1]) if first else None
        if time.time() - path_of_entry.stat().st_mtime > TOUCH_AFTER:
            os.utime(path_of_entry)  # recently used: kept when older entries are pruned
        return rules
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None  # missing, unreadable or corrupt: rebuilt by the caller


def save(rules: Rules, content: bytes) -> None:
    """Keep ``rules`` (read from ``content``) for the next run; a cache that cannot be written is skipped."""
    assert rules.source is not None
    stored = {
        "format": FORMAT,
        "sha256": rules.source.sha256,
        "model": rules.model.model_dump(mode="json"),  # every field: construct then calls no default factory
        # Where the file's own values are (lint and diff name their lines); a workspace's registry is not kept.
        "positions": [
            [list(path), line, column]
            for path, (line, column) in rules.source.positions.items()
            if rules.source.where(path)[0] == rules.source.file
        ],
        "folded": [provision.folded for provision in rules.provisions],  # searched by every look-up
        "names": name_index(rules).state(),  # every name folded, for resolving the one asked
        "first_recorded": [rules.first_recorded[0].isoformat(), rules.first_recorded[1]]
        if rules.first_recorded
        else None,
    }
    import tempfile

    target = entry(content)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".entry.", suffix=".tmp", dir=target.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(stored, stream, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, target)
    except OSError:
        return
    _prune(target.parent)


def _prune(where: Path) -> None:
    """Remove all but the ``KEEP`` most recent entries; one that another run removes meanwhile is skipped."""
    dated = []
    for candidate in where.glob("*.json"):
        try:
            dated.append((candidate.stat().st_mtime_ns, candidate))
        except OSError:
            continue
    for _, old in sorted(dated, reverse=True)[KEEP:]:
        try:
            old.unlink()
        except OSError:
            continue


# How each field of a model is rebuilt, worked out once per model (not once per value: a rules file has
# thousands).
_FIELD_READERS: dict[type[BaseModel], dict[str, Callable[[Any], Any]]] = {}


def _construct(model: type[BaseModel], value: dict[str, Any]) -> Any:
    """``value`` (as ``model_dump(mode="json")`` wrote it) rebuilt as ``model`` without validating it again:
    it was validated before it was stored."""
    fields = _FIELD_READERS.get(model)
    if fields is None:
        fields = _FIELD_READERS[model] = {name: _reader(f.annotation) for name, f in model.model_fields.items()}
    return model.model_construct(**{key: fields[key](item) for key, item in value.items()})


def _reader(annotation: Any) -> Callable[[Any], Any]:
    """The function that rebuilds a JSON value as ``annotation``."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _reader(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        kind = _reader(next(a for a in typing.get_args(annotation) if a is not type(None)))
        return lambda value: None if value is None else kind(value)
    if origin is list:
        item = _reader(typing.get_args(annotation)[0])
        return lambda value: [item(v) for v in value]
    if origin is dict:
        entry = _reader(typing.get_args(annotation)[1])
        return lambda value: {key: entry(v) for key, v in value.items()}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return lambda value: _construct(annotation, value)
    if annotation is dt.date:
        return dt.date.fromisoformat
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation
    return _as_is


def _as_is(value: Any) -> Any:
    return value
