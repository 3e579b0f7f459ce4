"""Hostile rules files against Tab completion: a ``./quyche.yaml`` in the folder the user stands in is anyone's
file. Names are read only from a validated file (through the guarded loader or the cache), an alias bomb costs
nothing, and a name that any shell could read as code is never offered; the real bash, zsh and fish completion
scripts that typer generates are driven through the real shells (.ci/run installs zsh and fish) to show that
nothing runs. PowerShell is not in Debian: it is tested at the protocol level only."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer._completion_shared import get_completion_script
from typer.testing import CliRunner

from quyche_cli.cli import completion
from quyche_cli.cli.app import app
from support import DATA, RULES_FILE

PLANTED = "Sở Y tế\\$(touch PWNED)"
DANGEROUS = ["`touch PWNED`", "'", '"', "\n", ":::", "\u200b", "&", "\\", ";", "(x)", "$HOME", "\t", "\x1b"]
WORDS = ["an", "binh", "cuong", "dung", "giang", "hanh", "khanh", "lam", "minh", "nam", "phuong", "quang", "son"]
HOSTILE = [PLANTED] + [f"Sở Độc {word}{sign}x" for word, sign in zip(WORDS, DANGEROUS, strict=True)]


def hostile_rules(folder: Path, valid: bool = True) -> Path:
    """``folder/quyche.yaml``: the invented committee with agencies named with every dangerous character (a
    valid file), or the same names in a file that does not validate."""
    text = (DATA / "other.yaml").read_text(encoding="utf-8")
    extra = "".join(
        f"  - {{id: h{i}, name: {json.dumps(name, ensure_ascii=False)}, abbreviation: HH{i}, head: Giám đốc}}\n"
        for i, name in enumerate(HOSTILE)
    )
    text = text.replace("agencies:\n", "agencies:\n" + extra, 1)
    if not valid:
        text = text.replace("members:", "members_x:", 1)
    path = folder / "quyche.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def protocol(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[[str, str], list[str]]:
    """What ``shell`` gets back through typer's protocol when Tab is pressed after ``line`` in ``tmp_path``."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("QUYCHE_FILE", raising=False)
    completion.enable()

    def run(line: str, shell: str) -> list[str]:
        words = line.split(" ")
        env = {
            "bash": {"COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)},
            "powershell": {"_TYPER_COMPLETE_ARGS": line, "_TYPER_COMPLETE_WORD_TO_COMPLETE": words[-1]},
        }.get(shell, {"_TYPER_COMPLETE_ARGS": line, "_TYPER_COMPLETE_FISH_ACTION": "get-args"})
        result = CliRunner().invoke(app, [], prog_name="quyche", env={"_QUYCHE_COMPLETE": f"complete_{shell}", **env})
        assert result.exit_code == 0, result.output
        return [line for line in result.stdout.splitlines() if line]

    return run


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_names_a_shell_could_run_are_never_offered(protocol: Callable[[str, str], list[str]], shell: str) -> None:
    hostile_rules(Path.cwd())
    output = "\n".join(protocol("quyche duties S", shell))
    assert "Sở Khoa học và Công nghệ" in output and "SCVDL" in output  # the file is read: safe names offered
    assert "PWNED" not in output and "Độc" not in output


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_a_file_that_does_not_validate_offers_no_name(protocol: Callable[[str, str], list[str]], shell: str) -> None:
    hostile_rules(Path.cwd(), valid=False)
    output = "\n".join(protocol("quyche duties S", shell))
    assert "Sở" not in output and "SKHCN" not in output


def test_an_alias_bomb_is_refused_by_the_guarded_loader_and_offers_nothing(
    protocol: Callable[[str, str], list[str]],
) -> None:
    levels = ["a0: &a0 [" + ", ".join(["Sở Y tế"] * 9) + "]"]
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    Path("quyche.yaml").write_text(
        RULES_FILE.read_text(encoding="utf-8") + "bomb:\n" + "".join(f"  {level}\n" for level in levels),
        encoding="utf-8",
    )
    assert protocol("quyche duties S", "bash") == []
    assert protocol("quyche duties S", "zsh") == ["_files"]
    from quyche_cli.rules.yamlsource import load_file

    source, problems = load_file(Path("quyche.yaml"))
    assert source is None and [p.code for p in problems] == ["yaml-alias-bomb"]


def test_offerable_refuses_every_character_a_shell_reads() -> None:
    assert completion.offerable("Sở Y tế") and completion.offerable("Phó Trưởng ban – Phó Chủ tịch")
    for bad in HOSTILE + ["", " Sở Y tế", "x" * (completion.MAX_OFFERED + 1), "Sở\tY", "Sở\x1bY", "a;b", "a|b"]:
        assert not completion.offerable(bad), bad


def fake_quyche(folder: Path) -> Path:
    """A ``quyche`` on PATH that runs this interpreter's package, as the installed script does."""
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    script = bin_dir / "quyche"
    script.write_text(f'#!/bin/sh\nexec {sys.executable} -m quyche_cli "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    return bin_dir


def shell_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("_QUYCHE", "_TYPER", "QUYCHE_FILE", "COMP_"))}
    env["PATH"] = f"{fake_quyche(tmp_path)}{os.pathsep}{env.get('PATH', '')}"
    return env


def run_shell(argv: list[str], tmp_path: Path) -> str:
    """What the shell command ``argv`` prints, run in a folder whose ``quyche.yaml`` has the hostile names; it
    must succeed and leave no PWNED behind."""
    work = tmp_path / "work"
    work.mkdir()
    hostile_rules(work)
    done = subprocess.run(argv, cwd=work, env=shell_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert not (work / "PWNED").exists()
    return done.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_real_bash_completion_inserts_words_that_run_nothing(tmp_path: Path) -> None:
    script = get_completion_script(prog_name="quyche", complete_var="_QUYCHE_COMPLETE", shell="bash")
    driver = f"""{script}
COMP_WORDS=(quyche duties "S")
COMP_CWORD=2
_quyche_completion quyche
for word in "${{COMPREPLY[@]}}"; do
  eval "printf '%s\\n' $word"  # what the command line holds once the word is inserted and Enter pressed
done
"""
    inserted = run_shell(["bash", "--norc", "--noprofile", "-c", driver], tmp_path)
    assert inserted.splitlines() == ["Sở Khoa học và Công nghệ", "SKHCN", "Sở Cảng vụ Dữ liệu", "SCVDL"]


def completion_script(folder: Path, shell: str) -> Path:
    """The completion script typer generates for ``shell`` (as ``--show-completion`` prints it), in a file."""
    path = folder / f"quyche-completion.{shell}"
    path.write_text(get_completion_script(prog_name="quyche", complete_var="_QUYCHE_COMPLETE", shell=shell))
    return path


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed (.ci/run installs it)")
def test_real_zsh_completion_evaluates_nothing_planted(tmp_path: Path) -> None:
    """An interactive zsh in a pseudo-terminal (zsh/zpty), compinit and typer's script loaded as its start-up
    file would, "quyche duties S" and Tab typed: zsh lists the safe names and runs nothing planted (with every
    name offered, this very test created PWNED)."""
    script = completion_script(tmp_path, "zsh")
    # Ctrl-T: complete as Tab does, then print a mark (computed, so the echo of the typing never holds it); the
    # list is drawn when the widget returns, before the next line typed is run.
    setup = (
        f"PROMPT='' RPROMPT=''; LISTMAX=0; autoload -Uz compinit; compinit -u -D; source {script}; "
        "tab() { zle expand-or-complete; print -n TAB-$((20+6))-DONE }; zle -N tab; bindkey '^T' tab"
    )
    driver = f"""zmodload zsh/zpty
zpty -b shell zsh -f -i
zpty -w shell {shlex.quote(setup)}
zpty -w -n shell $'quyche duties S\x14'
zpty -r shell listed '*TAB-26-DONE*'
zpty -w shell $'\x15print LISTED-$((40+2))'
zpty -r shell more '*LISTED-42*'
print -r -- "$listed$more"
zpty -d shell
"""
    listed = run_shell(["zsh", "-f", "-c", driver], tmp_path)
    assert "Sở Khoa học và Công nghệ" in listed and "SKHCN" in listed and "Sở Cảng vụ Dữ liệu" in listed
    assert "Độc" not in listed and "PWNED" not in listed


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed (.ci/run installs it)")
def test_real_fish_completion_offers_only_safe_names(tmp_path: Path) -> None:
    """fish loads typer's script and completes "quyche duties S" itself (``complete -C``): the safe names, one
    per line, none planted (a name with a newline would have forged a second candidate)."""
    script = completion_script(tmp_path, "fish")
    offered = run_shell(
        ["fish", "--no-config", "-c", f"source {shlex.quote(str(script))}; complete -C 'quyche duties S'"], tmp_path
    )
    assert offered.splitlines() == ["SCVDL", "SKHCN", "Sở Cảng vụ Dữ liệu", "Sở Khoa học và Công nghệ"]
