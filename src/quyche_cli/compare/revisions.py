"""A rules file as it stood at a git revision (``git show REV:./FILE``), validated like any rules file."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from quyche_cli.errors import InputError
from quyche_cli.rules.index import Rules
from quyche_cli.rules.problems import RulesFileError
from quyche_cli.rules.source import MAX_BYTES, Source
from quyche_cli.rules.validation import check_source
from quyche_cli.rules.workspace import assemble
from quyche_cli.rules.yamlsource import parse_text

# What git says (run with LC_ALL=C) and what it means.
GIT_REASONS = {
    "not a git repository": "thư mục hiện tại không nằm trong một kho git",
    "invalid object name": "kho git không có phiên bản này",
    "not a valid object name": "kho git không có phiên bản này",
    "unknown revision": "kho git không có phiên bản này",
    "bad revision": "kho git không có phiên bản này",
    "does not exist in": "phiên bản này không có tệp đó",
    "exists on disk, but not in": "phiên bản này không có tệp đó",
}


def split_range(spec: str) -> tuple[str, str | None]:
    """``A..B`` as (A, B); ``A`` alone as (A, None): compare with the file in the working tree."""
    old, dots, new = spec.partition("..")
    if not old or (dots and new.startswith(".")):
        raise InputError(f"--rev '{spec}' không hợp lệ; ví dụ: --rev main..HEAD hoặc --rev main.")
    return old, (new or "HEAD") if dots else None


def _git(*args: str) -> subprocess.Popen[bytes]:
    """``git ARGS`` started with its messages in English (matched against ``GIT_REASONS``)."""
    try:
        return subprocess.Popen(
            ["git", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "LC_ALL": "C"},
        )
    except FileNotFoundError:
        raise InputError("Không tìm thấy lệnh git: cài git hoặc so sánh hai tệp (quyche diff CŨ MỚI).") from None


def _refused(revision: str, file: Path, said: bytes) -> InputError:
    message = said.decode("utf-8", "replace").strip()
    reason = next((vi for english, vi in GIT_REASONS.items() if english in message.lower()), f"git báo: {message}")
    return InputError(f"Không lấy được '{file}' ở phiên bản '{revision}': {reason}.")


def read_at(revision: str, file: Path) -> str:
    """The text of ``file`` (relative to the current folder) at ``revision``; InputError when git cannot give it
    or it is larger than a rules file may be. The revision reaches git after ``--end-of-options`` (never as
    an option), and the size of the file is asked before a byte of it is read."""
    if revision.startswith("-"):
        raise InputError(
            f"Phiên bản '{revision}' không hợp lệ: tên phiên bản không được bắt đầu bằng '-'. Ví dụ: --rev main..HEAD."
        )
    obj = f"{revision}:./{file.as_posix()}"
    sizing = _git("cat-file", "-s", "--end-of-options", obj)
    size, said = sizing.communicate(timeout=60)
    if sizing.returncode != 0:
        raise _refused(revision, file, said)
    too_large = InputError(f"'{file}' ở phiên bản '{revision}' lớn hơn {MAX_BYTES // 2**20} MiB: không đọc.")
    if int(size) > MAX_BYTES:
        raise too_large
    reading = _git("cat-file", "blob", "--end-of-options", obj)
    assert reading.stdout is not None and reading.stderr is not None
    data = reading.stdout.read(MAX_BYTES + 1)  # bounded even if the revision moved meanwhile
    if len(data) > MAX_BYTES:
        reading.kill()
        reading.wait()
        raise too_large
    said = reading.stderr.read()
    if reading.wait(timeout=60) != 0:
        raise _refused(revision, file, said)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"'{file}' ở phiên bản '{revision}' không phải UTF-8.") from None


def rules_at(revision: str, file: Path, registry: Path | None = None) -> Rules:
    """The valid rules of ``file`` at ``revision``, or RulesFileError with its problems; a regulation of a
    workspace is read with the ``registry`` as it stood at the same revision, and in its old shape (a single
    file) when the revision has no registry."""
    name = f"{revision}:{file.as_posix()}"
    source, problems = parse_text(read_at(revision, file), name)
    shared = _registry_at(revision, registry) if registry is not None else None
    if source is not None and shared is not None:
        assembled = assemble(shared, source)
        source, problems = assembled.source, problems + assembled.problems
    rules = None
    if source is not None and not [p for p in problems if p.severity == "error"]:
        rules, found = check_source(source)
        problems += found
    errors = [p for p in problems if p.severity == "error"]
    if rules is None or errors:
        raise RulesFileError(f"Tệp quy chế '{name}' không hợp lệ ({len(errors)} lỗi).", errors)
    return rules


def _registry_at(revision: str, registry: Path) -> Source | None:
    """The registry as it stood at ``revision``, None when the revision has none (the workspace came later)."""
    try:
        text = read_at(revision, registry)
    except InputError:
        return None
    source, problems = parse_text(text, f"{revision}:{registry.as_posix()}")
    if source is None or problems:
        raise RulesFileError(f"Sổ tổ chức '{revision}:{registry.as_posix()}' không đọc được.", problems)
    return source
