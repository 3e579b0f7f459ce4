"""The README and the help stay true: every command is documented, and the README's examples print what
the README says they print."""

from __future__ import annotations

import re
import shlex

import pytest
import typer
from typer.testing import CliRunner

from quyche_cli.cli.app import app
from support import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]


def examples() -> list[tuple[str, list[str]]]:
    """(command line, expected lines) for every ``$ quyche …`` in the README's console blocks."""
    found = []
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, *expected = chunk.rstrip("\n").split("\n")
            found.append((command, [line for line in expected if line.strip()]))
    return found


def test_readme_opens_with_the_two_setup_commands() -> None:
    block = re.search(r"```sh\n(.*?)```", README, flags=re.S)
    assert block and README.index(block.group(0)) < README.index("\n\n", README.index("# quyche") + 9) + 3
    assert block.group(1).splitlines() == [
        'pip install . && quyche duties "Sở Y tế"',
        'pip install -e ".[test]" && pytest',
    ]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_and_is_in_the_reference(name: str) -> None:
    command = COMMANDS[name]
    assert command.help and len(command.help) > 20
    for param in command.params:
        if param.param_type_name == "option" and param.name != "help":
            assert param.help, f"{name} {param.opts} has no help"
    assert f"| `quyche {name}" in README


def test_the_readme_has_examples() -> None:
    assert len(examples()) >= 9


@pytest.mark.parametrize(("command", "expected"), examples(), ids=[c for c, _ in examples()])
def test_readme_example(command: str, expected: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("QUYCHE_FILE", raising=False)
    argv = shlex.split(command)
    assert argv[0] == "quyche"
    result = CliRunner().invoke(app, argv[1:], env={"COLUMNS": "80"}, catch_exceptions=False)
    lines = (result.stdout + result.stderr).splitlines()
    for want in expected:
        assert any(want.strip() in line for line in lines), f"{want!r} not printed by {command!r}"
