"""The cache of validated rules files: the same answers with and without it, never stale, never trusted when
corrupt, safe when runs share it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from quyche_cli.rules import cache
from quyche_cli.rules.names import NameIndex, name_index
from quyche_cli.rules.opening import open_rules
from quyche_cli.rules.validation import load_rules
from support import DATA, RULES_FILE, write_rules

QUESTIONS = [
    ("duties", "Sở Y tế", "--as-of", "2024-10-01"),
    ("duties", "Sở Y tế", "--format", "json"),
    ("members", "--format", "json"),
    ("show", "điểm c khoản 15 Điều 6"),
    ("search", "báo cáo", "--format", "json"),
    ("deadlines", "--period", "2024-Q3", "--format", "json"),
    ("lint", "--format", "json"),
]


def entries() -> list[Path]:
    return sorted(cache.folder().glob("*.json"))


def stored(entry: Path) -> Any:
    """The JSON an entry holds after its authentication line (its HMAC)."""
    mac, newline, body = entry.read_bytes().partition(b"\n")
    assert len(mac) == 64 and newline
    return json.loads(body)


@pytest.mark.parametrize("rules_file", [RULES_FILE, DATA / "other.yaml"], ids=["bundled", "other"])
def test_cached_answers_are_the_answers(cli: Callable[..., Result], rules_file: Path) -> None:
    for question in QUESTIONS:
        if rules_file != RULES_FILE and question[0] in ("duties", "show"):
            continue
        args = (*question, "--file", str(rules_file))
        fresh = cli(*args, env={"QUYCHE_NO_CACHE": "1"})
        assert not entries()
        building = cli(*args)
        [entry] = entries()
        cached = cli(*args)
        assert fresh.exit_code == building.exit_code == cached.exit_code
        assert fresh.stdout == building.stdout == cached.stdout, question
        assert fresh.stderr == cached.stderr
        stored(entry)  # JSON, never pickle
        entry.unlink()


def test_the_cached_model_equals_the_validated_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    validated = load_rules(RULES_FILE)
    open_rules(RULES_FILE)
    content = RULES_FILE.read_bytes()
    cached = cache.load(RULES_FILE, content)
    assert cached is not None and cached is not validated
    assert cached.model == validated.model
    assert cached.model.model_dump() == validated.model.model_dump()
    assert cached.source is not None and validated.source is not None
    assert cached.source.positions == validated.source.positions
    assert cached.origin == validated.origin
    assert [p.folded for p in cached.provisions] == [p.folded for p in validated.provisions]
    assert all("folded" in p.__dict__ for p in cached.provisions)  # read from the entry, not folded again


@pytest.mark.parametrize("rules_file", [RULES_FILE, DATA / "other.yaml"], ids=["bundled", "other"])
def test_the_cached_name_index_equals_the_built_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rules_file: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = name_index(load_rules(rules_file))
    open_rules(rules_file)
    cached = cache.load(rules_file, rules_file.read_bytes())
    assert cached is not None
    restored = cached.derived(NameIndex)
    assert restored is not built and restored.rules is cached
    assert (restored.exact, restored.collisions, restored.word_sets) == (built.exact, built.collisions, built.word_sets)
    assert (restored.vocabulary, restored.places) == (built.vocabulary, built.places)
    for query in ("Sở Y tế", "so y te", "SYT", "Giám đốc Sở Y tế", "Sở Tư pháp Bắc Giang", "y te du phong"):
        assert restored.resolve(query) == built.resolve(query), query


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x80\x04garbage",
        b'{"format": 1, "sha256": "0", "model": {}, "positions": []}',
        b'{"format": 1, "model": {"nope": 1}}',
        b"[1, 2, 3]",
    ],
    ids=["empty", "binary", "wrong file", "wrong fields", "not an object"],
)
def test_a_corrupt_entry_is_ignored_and_rebuilt(cli: Callable[..., Result], damage: bytes) -> None:
    first = cli("duties", "Sở Y tế", "--format", "json")
    [entry] = entries()
    good = entry.read_bytes()
    entry.write_bytes(damage)
    again = cli("duties", "Sở Y tế", "--format", "json")
    assert again.exit_code == first.exit_code == 0
    assert again.stdout == first.stdout
    assert entry.read_bytes() == good


def test_an_entry_whose_folded_keys_do_not_fit_is_rebuilt(cli: Callable[..., Result]) -> None:
    first = cli("search", "báo cáo", "--format", "json")
    [entry] = entries()
    kept = stored(entry)
    entry.write_text(json.dumps({**kept, "folded": kept["folded"][:-1]}), encoding="utf-8")
    assert cli("search", "báo cáo", "--format", "json").stdout == first.stdout
    assert stored(entry)["folded"] == kept["folded"]


def test_an_entry_whose_model_was_tampered_with_is_not_used(cli: Callable[..., Result]) -> None:
    """An entry of another file copied under this file's name: its hash does not match, so it is rebuilt."""
    first = cli("members", "--format", "json")
    [entry] = entries()
    kept = stored(entry)
    kept["sha256"] = "0" * 64
    entry.write_text(json.dumps(kept), encoding="utf-8")
    assert cli("members", "--format", "json").stdout == first.stdout


def test_an_edited_file_is_never_answered_from_the_cache(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = write_rules(tmp_path, RULES_FILE.read_text(encoding="utf-8"), "mine.yaml")
    before = cli("duties", "Sở Y tế", "--file", str(path))
    assert "Giám đốc Sở Y tế" in before.stdout
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: Giám đốc Sở Y tế,", "title: Giám đốc Sở Y tế tỉnh,"),
        encoding="utf-8",
    )
    after = cli("duties", "Sở Y tế", "--file", str(path))
    assert "Giám đốc Sở Y tế tỉnh" in after.stdout
    assert len(entries()) == 2


def test_an_invalid_file_is_not_cached(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = write_rules(tmp_path, RULES_FILE.read_text(encoding="utf-8").replace("partners: [bhxh]", "partners: [x]"))
    assert cli("members", "--file", str(path)).exit_code == 2
    assert not entries()


def test_concurrent_runs_share_the_cache_safely(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("QUYCHE_NO_CACHE", None)
    command = [sys.executable, "-m", "quyche_cli", "members", "--file", str(RULES_FILE), "--format", "json"]
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert all(run.returncode == 0 for run in runs)
    assert len(set(outputs)) == 1
    [entry] = (tmp_path / "cache" / "quyche").glob("*.json")
    stored(entry)


def test_the_cache_keeps_only_the_most_recent_entries(cli: Callable[..., Result], tmp_path: Path) -> None:
    text = RULES_FILE.read_text(encoding="utf-8")
    paths = [
        write_rules(tmp_path, text.replace("title: Giám đốc Sở Y tế,", f"title: Giám đốc {i},"), f"r{i}.yaml")
        for i in range(cache.KEEP + 3)
    ]
    for path in paths:
        assert cli("members", "--file", str(path)).exit_code == 0
        for old in entries():  # distinct times, whatever the clock's resolution
            os.utime(old, ns=(old.stat().st_mtime_ns - 10**9, old.stat().st_mtime_ns - 10**9))
    kept = entries()
    assert len(kept) == cache.KEEP
    assert cache.entry(paths[-1].read_bytes()) in kept and cache.entry(paths[0].read_bytes()) not in kept
