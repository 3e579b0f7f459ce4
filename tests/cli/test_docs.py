"""The README, the pages of docs/ and the help stay true: every command is documented, and the examples of
every page (command lines and Python) print what the page says they print."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from quyche_cli.cli.app import COMMANDS, app, build_command
from support import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
# Every page a reader is sent to: the README, then docs/ (the generated format reference has no examples).
PAGES = {
    path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
}
COMMAND_REFERENCE = PAGES["docs/lenh.md"]


def examples() -> list[tuple[str, str, list[str]]]:
    """(page, command line, expected lines) for every ``$ quyche …`` in the console blocks of every page
    (blank lines left out)."""
    found = []
    for page, text in PAGES.items():
        for block in re.findall(r"```console\n(.*?)```", text, flags=re.S):
            for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
                command, *expected = chunk.rstrip("\n").split("\n")
                found.append((page, command, [line for line in expected if line.strip()]))
    return found


def shown_as(expected: list[str], printed: list[str]) -> bool:
    """Whether the README's lines are what was printed: line for line, except that a line "…" stands for
    one or more lines left out and a "…" within a line for some text left out there."""
    if not expected:
        return not printed
    want, rest = expected[0], expected[1:]
    if want == "…":
        return any(shown_as(rest, printed[skip:]) for skip in range(1, len(printed) + 1))
    if not printed:
        return False
    pattern = ".*".join(re.escape(piece) for piece in want.split("…"))
    return re.fullmatch(pattern, printed[0]) is not None and shown_as(rest, printed[1:])


def test_shortened_examples_say_so() -> None:
    printed = ["a", "b", "c: long line", "d", "x:12:3: y"]
    assert shown_as(["a", "…", "d", "x:…: y"], printed) and shown_as(["a", "b", "c…", "d", "x…"], printed)
    assert not shown_as(["a", "b", "d", "x…"], printed) and not shown_as(["a", "…"], printed[:1])
    assert not shown_as(["a", "b", "c", "…"], printed) and not shown_as(["b", "…"], printed)
    assert shown_as(["…c: long…"], ["…c: long line"])  # a snippet's own "…" is matched too


def test_readme_opens_with_the_two_setup_commands() -> None:
    block = re.search(r"```sh\n(.*?)```", README, flags=re.S)
    assert block and README.index(block.group(0)) < README.index("\n\n", README.index("# quyche") + 9) + 3
    assert block.group(1).splitlines() == [
        'pip install . && quyche duties "Sở Y tế"',
        'pip install -e ".[test]" && pytest',
    ]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_and_is_in_the_reference(name: str) -> None:
    command = build_command(name)
    assert command.help and len(command.help) > 20
    for param in command.params:
        if param.param_type_name == "option" and param.name != "help":
            assert param.help, f"{name} {param.opts} has no help"
    assert f"| `quyche {name}" in COMMAND_REFERENCE


def test_the_readme_and_each_page_for_users_have_examples() -> None:
    pages = {page for page, _, _ in examples()}
    assert len(examples()) >= 9 and {"README.md", "docs/thanh-vien.md", "docs/thu-ky.md"} <= pages


def test_the_readme_is_short_and_links_every_page() -> None:
    assert len(README.splitlines()) < 120
    assert len([page for page, _, _ in examples() if page == "README.md"]) == 3
    for page in PAGES:
        assert page == "README.md" or f"]({page})" in README, page


@pytest.mark.parametrize(("page", "command", "expected"), examples(), ids=[f"{p}: {c}" for p, c, _ in examples()])
def test_page_example(page: str, command: str, expected: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Each example is what the command prints at 80 columns (notices on stderr included, in order): whole,
    or visibly shortened with "…"."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("QUYCHE_FILE", raising=False)
    argv = shlex.split(command)
    assert argv[0] == "quyche"
    result = CliRunner().invoke(app, argv[1:], env={"COLUMNS": "80"}, catch_exceptions=False)
    printed = [line.rstrip() for line in result.output.splitlines() if line.strip()]
    assert shown_as(expected, printed), "\n".join([f"$ {command}", *printed])


def python_examples() -> list[tuple[str, list[str]]]:
    """(code, expected lines) for every ```python block of every page; ``# → …`` comments are what it prints."""
    return [
        (code, re.findall(r"^# → (.*)$", code, flags=re.M))
        for text in PAGES.values()
        for code in re.findall(r"```python\n(.*?)```", text, flags=re.S)
    ]


def test_the_pages_have_python_examples() -> None:
    assert python_examples() and all(expected for _, expected in python_examples())


@pytest.mark.parametrize(
    ("code", "expected"), python_examples(), ids=[f"python block {i + 1}" for i in range(len(python_examples()))]
)
def test_readme_python_example(code: str, expected: list[str]) -> None:
    """exec() the block as a reader's script would run: a fresh interpreter, in the repository, no QUYCHE_FILE."""
    env = {k: v for k, v in os.environ.items() if k != "QUYCHE_FILE"}
    runner = "import sys; exec(compile(sys.stdin.read(), 'README.md', 'exec'), {'__name__': '__main__'})"
    result = subprocess.run(
        [sys.executable, "-c", runner], input=code, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    printed = result.stdout.splitlines()
    assert len(printed) == len(expected), printed
    for want, got in zip(expected, printed, strict=True):
        if want.endswith("…"):
            assert got.startswith(want[:-1]), (want, got)
        else:
            assert got == want
