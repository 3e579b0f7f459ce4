"""A cache of validated rules files, so that a look-up does not parse, validate and check the file each time.

An entry is JSON (never pickle) in the user's cache folder (``$XDG_CACHE_HOME/quyche``, else
``~/.cache/quyche``), named by the SHA-256 of the file's bytes and of the code that validates it (this
package's version, its ``rules`` modules and its text keys), so an edited file or another release never reads
a stale entry. Only a file without problems is cached; the entry also keeps the folded text of every provision
(the key look-ups and searches compare) and the index of names (its keys, folded).

The rules file is public but the cache decides answers, so it is trusted only as far as it is the user's own:
the folder is used only when it is a real folder (not a link) owned by the user that no one else can write
(else the cache is bypassed), and every operation goes through the folder's descriptor, never through a link.
Each entry starts with an HMAC-SHA256 of its JSON under a per-user secret key (``key``, mode 0600, in the
folder), so an entry planted or altered by anyone else is ignored and rebuilt; entries are read as regular
files of bounded size (no FIFO, no device). Entries are written atomically (a temporary file, then a rename),
so concurrent runs are safe. Writing an entry keeps only the ``KEEP`` most recently used ones (a hit refreshes
an entry's time); pruning removes only entry names the cache writes.
``QUYCHE_NO_CACHE=1`` bypasses the cache.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import re
import stat
import types
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from quyche_cli import __version__
from quyche_cli.rules.index import Rules
from quyche_cli.rules.model import Regulation
from quyche_cli.rules.names import NameIndex, name_index
from quyche_cli.rules.source import MAX_BYTES, Source

FORMAT = 4
KEEP = 64  # a workspace reads all its regulations at each look-up: they must all stay
KEY_NAME = "key"
KEY_BYTES = 32
MAX_ENTRY_BYTES = 8 * MAX_BYTES  # the model, the positions, the folded texts and the names of the largest file
# Every operation on the folder goes through its descriptor and never follows a link: where the system cannot
# do that (or has no owners), there is no cache.
_SAFE_PLATFORM = (
    hasattr(os, "getuid")
    and hasattr(os, "O_NOFOLLOW")
    and {os.open, os.unlink, os.rename, os.utime} <= os.supports_dir_fd  # os.replace is os.rename's twin
    and os.utime in os.supports_follow_symlinks
    and os.scandir in os.supports_fd
)
ENTRY_NAME = re.compile(r"[0-9a-f]{64}\.json")
_OPEN = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


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
    return folder() / _entry_name(content)


def _entry_name(content: bytes) -> str:
    return f"{hashlib.sha256(content + _code_digest().encode()).hexdigest()}.json"


def enabled() -> bool:
    return os.environ.get("QUYCHE_NO_CACHE", "") in ("", "0")


@contextmanager
def _own_folder(create: bool) -> Iterator[int | None]:
    """A descriptor of the cache folder when it is the user's own: a real folder (not a link) owned by the
    user, writable by no one else; None (the cache bypassed) otherwise. ``create`` makes it (mode 0700)."""
    where = folder()
    descriptor = None
    try:
        if not _SAFE_PLATFORM:
            raise OSError("no descriptor-relative operations without following links here: no cache")
        if create:
            where.parent.mkdir(parents=True, exist_ok=True)
            try:
                where.mkdir(mode=0o700)
            except FileExistsError:
                pass
        descriptor = os.open(where, os.O_RDONLY | os.O_DIRECTORY | _OPEN)
        status = os.fstat(descriptor)
        if status.st_uid != os.getuid() or status.st_mode & 0o022:
            os.close(descriptor)
            descriptor = None
    except OSError:
        descriptor = None
    try:
        yield descriptor
    finally:
        if descriptor is not None:
            os.close(descriptor)


def _read_own(directory: int, name: str, limit: int, private: bool = False) -> bytes:
    """The bytes of ``name`` in ``directory``: a regular file of the user's (never a link, FIFO or device),
    readable by no one else when ``private``, of at most ``limit`` bytes; OSError otherwise."""
    descriptor = os.open(name, os.O_RDONLY | _OPEN, dir_fd=directory)
    try:
        status = os.fstat(descriptor)
        mine = stat.S_ISREG(status.st_mode) and status.st_uid == os.getuid()
        if not mine or status.st_size > limit or (private and status.st_mode & 0o077):
            raise OSError(f"{name}: not a regular file of the user's within {limit} bytes")
        with os.fdopen(os.dup(descriptor), "rb") as stream:
            data = stream.read(limit + 1)
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise OSError(f"{name}: larger than {limit} bytes")
    return data


def _write_own(directory: int, name: str, data: bytes) -> None:
    """Write ``name`` in ``directory`` atomically (mode 0600): a temporary file, then a rename."""
    import secrets

    temporary = f".entry.{secrets.token_hex(8)}.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _OPEN, 0o600, dir_fd=directory)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        os.replace(temporary, name, src_dir_fd=directory, dst_dir_fd=directory)
    except OSError:
        os.unlink(temporary, dir_fd=directory)
        raise


def _key(directory: int, create: bool) -> bytes | None:
    """The user's secret key (made when ``create`` and missing); None when there is none usable (a key that
    others can read is not secret: the cache is bypassed)."""
    try:
        key = _read_own(directory, KEY_NAME, KEY_BYTES, private=True)
        return key if len(key) == KEY_BYTES else None
    except FileNotFoundError:
        if not create:
            return None
    except OSError:
        return None
    import secrets

    try:
        _write_own(directory, KEY_NAME, secrets.token_bytes(KEY_BYTES))
    except OSError:
        return None
    return _key(directory, create=False)  # another run may have written its own meanwhile: use the one kept


def _mac(key: bytes, body: bytes) -> bytes:
    return hmac.new(key, body, hashlib.sha256).hexdigest().encode()


def load(path: Path, content: bytes) -> Rules | None:
    """The rules cached for ``content`` (read from ``path``), or None when there is no usable entry."""
    with _own_folder(create=False) as directory:
        if directory is None:
            return None
        key = _key(directory, create=False)
        if key is None:
            return None
        name = _entry_name(content)
        try:
            mac, _, body = _read_own(directory, name, MAX_ENTRY_BYTES).partition(b"\n")
            if not hmac.compare_digest(mac, _mac(key, body)):
                return None  # not written by this user's quyche: planted or damaged
            rules = _restore(path, content, json.loads(body))
            if rules is not None:  # recently used: kept when others are pruned
                os.utime(name, dir_fd=directory, follow_symlinks=False)
            return rules
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
            return None  # missing, unreadable or corrupt: rebuilt by the caller


def _restore(path: Path, content: bytes, stored: Any) -> Rules | None:
    """The rules an entry's JSON holds, or None when it was stored for other bytes or another format."""
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
    return rules


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
    body = json.dumps(stored, ensure_ascii=False, separators=(",", ":")).encode()
    with _own_folder(create=True) as directory:
        if directory is None:
            return
        key = _key(directory, create=True)
        if key is None or len(body) > MAX_ENTRY_BYTES:
            return
        try:
            _write_own(directory, _entry_name(content), _mac(key, body) + b"\n" + body)
        except OSError:
            return
        _prune(directory)


def _prune(directory: int) -> None:
    """Remove all but the ``KEEP`` most recent entries (regular files named as the cache names them, nothing
    else); one that another run removes meanwhile is skipped."""
    dated = []
    with os.scandir(directory) as listing:
        for candidate in listing:
            try:
                if ENTRY_NAME.fullmatch(candidate.name) and candidate.is_file(follow_symlinks=False):
                    dated.append((candidate.stat(follow_symlinks=False).st_mtime_ns, candidate.name))
            except OSError:
                continue
    for _, old in sorted(dated, reverse=True)[KEEP:]:
        try:
            os.unlink(old, dir_fd=directory)
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
