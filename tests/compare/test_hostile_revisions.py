"""Hostile revisions for ``diff --rev``: a revision that looks like an option never reaches git as one, and a
file at a revision is measured before it is read (the 64 MiB cap every other read has)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from quyche_cli.rules.source import MAX_BYTES
from support import RULES_FILE


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding the bundled rules file in one commit, as the current folder."""
    folder = tmp_path / "repo"
    folder.mkdir()
    git(folder, "init", "-q", "-b", "main")
    (folder / "quyche.yaml").write_text(RULES_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    git(folder, "add", ".")
    git(folder, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "một")
    monkeypatch.chdir(folder)
    return folder


@pytest.mark.parametrize("spec", ["--output=PWNED", "--output=PWNED..HEAD", "HEAD..--output=PWNED", "-p"])
def test_a_revision_like_an_option_is_refused(cli: Callable[..., Result], repo: Path, spec: str) -> None:
    result = cli("diff", f"--rev={spec}")
    assert result.exit_code == 2
    assert "tên phiên bản không được bắt đầu bằng '-'" in result.stderr
    assert not list(repo.rglob("PWNED"))


def test_a_file_larger_than_the_cap_at_a_revision_is_not_read(cli: Callable[..., Result], repo: Path) -> None:
    line = "# " + "x" * 1022 + "\n"
    with (repo / "quyche.yaml").open("w", encoding="utf-8") as huge:
        huge.write(RULES_FILE.read_text(encoding="utf-8"))
        huge.write(line * (MAX_BYTES // len(line) + 1))
    assert (repo / "quyche.yaml").stat().st_size > MAX_BYTES
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "hai")
    (repo / "quyche.yaml").write_text(RULES_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("diff", "--rev", "HEAD")
    assert result.exit_code == 2
    assert "'quyche.yaml' ở phiên bản 'HEAD' lớn hơn 64 MiB: không đọc." in result.stderr
    assert cli("diff", "--rev", "HEAD~1").exit_code == 0  # the file within the cap is read as before
