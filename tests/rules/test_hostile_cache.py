"""A hostile cache folder: entries planted by someone else, a folder others can write, links, FIFOs, devices,
huge and deeply nested entries. The answers stay the genuine file's, no command hangs or crashes, and pruning
never touches a file the cache did not write."""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from quyche_cli.rules import cache
from quyche_cli.rules.opening import open_rules
from support import RULES_FILE, write_rules

QUESTION = ("deadlines", "--period", "2024-Q3", "--file", str(RULES_FILE))
GENUINE, FORGED = "Thứ Ba 24/09/2024", "04/09/2024"


@pytest.fixture
def planted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """The JSON of an entry that answers 04/09/2024 for the Q3 report while claiming the genuine file's
    SHA-256: the entry of an edited copy, relabelled."""
    edited = RULES_FILE.read_text(encoding="utf-8").replace("            day: 25", "            day: 5", 1)
    edited = edited.replace("Định kỳ trước ngày 25 của tháng cuối Quý", "Định kỳ trước ngày 5 của tháng cuối Quý", 1)
    copy = write_rules(tmp_path, edited, "forged.yaml")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "scratch"))
    open_rules(copy)
    [entry] = cache.folder().glob("*.json")
    body = entry.read_bytes().partition(b"\n")[2]
    genuine = hashlib.sha256(RULES_FILE.read_bytes()).hexdigest()
    forged = hashlib.sha256(copy.read_bytes()).hexdigest()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return body.replace(forged.encode(), genuine.encode())


def genuine_entry() -> Path:
    return cache.entry(RULES_FILE.read_bytes())


def sign(body: bytes, key: bytes) -> bytes:
    return hmac.new(key, body, hashlib.sha256).hexdigest().encode() + b"\n" + body


def assert_genuine(result: Result) -> None:
    assert result.exit_code == 0, result.output
    assert GENUINE in result.stdout and FORGED not in result.stdout


def test_the_forged_entry_would_change_the_answer(cli: Callable[..., Result], planted: bytes) -> None:
    """The attack is real: the same entry, authenticated with the user's own key, is used and answers wrong."""
    cli(*QUESTION)  # makes the folder, the key and the genuine entry
    key = (cache.folder() / cache.KEY_NAME).read_bytes()
    genuine_entry().write_bytes(sign(planted, key))
    assert FORGED in cli(*QUESTION).stdout


def test_an_entry_planted_without_the_users_key_is_ignored_and_rebuilt(
    cli: Callable[..., Result], planted: bytes
) -> None:
    cli(*QUESTION)
    for forged in (planted, sign(planted, b"k" * cache.KEY_BYTES), b"0" * 64 + b"\n" + planted):
        genuine_entry().write_bytes(forged)
        assert_genuine(cli(*QUESTION))
        assert genuine_entry().read_bytes() != forged  # rebuilt


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o1777])
def test_a_folder_others_can_write_is_not_used(cli: Callable[..., Result], planted: bytes, mode: int) -> None:
    cli(*QUESTION)
    key = (cache.folder() / cache.KEY_NAME).read_bytes()
    genuine_entry().write_bytes(sign(planted, key))  # even an entry that authenticates
    cache.folder().chmod(mode)
    assert_genuine(cli(*QUESTION))
    assert genuine_entry().read_bytes() == sign(planted, key)  # nothing written there either


def test_a_key_others_can_read_is_not_a_key(cli: Callable[..., Result], planted: bytes) -> None:
    cli(*QUESTION)
    key_file = cache.folder() / cache.KEY_NAME
    genuine_entry().write_bytes(sign(planted, key_file.read_bytes()))
    key_file.chmod(0o644)
    assert_genuine(cli(*QUESTION))


def test_a_new_folder_and_key_are_the_users_alone(cli: Callable[..., Result]) -> None:
    cli(*QUESTION)
    assert cache.folder().stat().st_mode & 0o777 == 0o700
    assert (cache.folder() / cache.KEY_NAME).stat().st_mode & 0o777 == 0o600
    assert genuine_entry().stat().st_mode & 0o077 == 0


def test_a_link_as_the_folder_is_not_followed_and_a_strangers_files_survive(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    stranger = tmp_path / "stranger"
    stranger.mkdir(mode=0o700)
    theirs = [stranger / f"{i:064x}.json" for i in range(cache.KEEP + 4)] + [stranger / "notes.json"]
    for index, path in enumerate(theirs):
        path.write_text("{}", encoding="utf-8")
        os.utime(path, ns=(index, index))  # older than any entry
    cache.folder().parent.mkdir(parents=True, exist_ok=True)
    cache.folder().symlink_to(stranger)
    for i in range(3):
        text = RULES_FILE.read_text(encoding="utf-8").replace("title: Giám đốc Sở Y tế,", f"title: Giám đốc {i},")
        assert cli("members", "--file", str(write_rules(tmp_path, text, f"r{i}.yaml"))).exit_code == 0
    assert sorted(stranger.iterdir()) == sorted(theirs)


def test_pruning_removes_only_entries_it_names(cli: Callable[..., Result], tmp_path: Path) -> None:
    cli(*QUESTION)
    others = [cache.folder() / "notes.json", cache.folder() / "ABC.json", cache.folder() / f"{'f' * 64}.json.bak"]
    for path in others:
        path.write_text("{}", encoding="utf-8")
        os.utime(path, ns=(1, 1))
    target = tmp_path / "target.json"
    target.write_text("{}", encoding="utf-8")
    link = cache.folder() / f"{'e' * 64}.json"
    link.symlink_to(target)  # a link with an entry's name: not an entry, its target untouched
    os.utime(link, ns=(1, 1), follow_symlinks=False)
    for i in range(cache.KEEP + 2):
        text = RULES_FILE.read_text(encoding="utf-8").replace("title: Giám đốc Sở Y tế,", f"title: Giám đốc {i},")
        assert cli("members", "--file", str(write_rules(tmp_path, text, f"r{i}.yaml"))).exit_code == 0
    assert all(path.exists() for path in others) and target.exists()
    assert len([p for p in cache.folder().glob("*.json") if not p.is_symlink()]) <= cache.KEEP + 2


def test_a_fifo_entry_does_not_hang(cli: Callable[..., Result]) -> None:
    cli(*QUESTION)
    genuine_entry().unlink()
    os.mkfifo(genuine_entry())
    assert_genuine(cli(*QUESTION))


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_a_device_is_not_read(cli: Callable[..., Result], target: str) -> None:
    cli(*QUESTION)
    genuine_entry().unlink()
    genuine_entry().symlink_to(target)
    assert_genuine(cli(*QUESTION))


def test_an_entry_larger_than_the_cap_is_not_read(cli: Callable[..., Result]) -> None:
    cli(*QUESTION)
    with genuine_entry().open("r+b") as sparse:
        sparse.truncate(cache.MAX_ENTRY_BYTES + 1)  # no data written: a read would take the memory
    assert_genuine(cli(*QUESTION))


def test_deeply_nested_json_ends_in_a_rebuild_not_a_recursion_error(cli: Callable[..., Result]) -> None:
    cli(*QUESTION)
    key = (cache.folder() / cache.KEY_NAME).read_bytes()
    genuine_entry().write_bytes(sign(b"[" * 200_000 + b"]" * 200_000, key))
    assert_genuine(cli(*QUESTION))
    genuine_entry().write_bytes(b"[" * 200_000 + b"]" * 200_000)
    assert_genuine(cli(*QUESTION))
