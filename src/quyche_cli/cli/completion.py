"""Shell completion (Tab) for bash, zsh, fish and PowerShell: installing it, and the values it offers.

The shells call ``quyche`` back with ``_QUYCHE_COMPLETE=complete_<shell>`` (typer's protocol); command names,
options and choices come from the commands themselves, the functions below add agency names (read from the
rules file in use), the committees of the workspace, document kinds, periods, reporting streams and meeting
kinds, attached by parameter name (typer's own ``autocompletion`` keeps only values starting with the very
letters typed, so "so y" could not offer "Sở Y tế"). A completer never fails: a rules file that cannot be read
or does not validate simply offers nothing. The rules file may come from any folder the user stands in, so
names are read only from a validated file (never raw YAML) and a name is offered only when no shell can read
it as code.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer._click.core import Context, Parameter
from typer._click.shell_completion import CompletionItem

from quyche_cli import clock
from quyche_cli import text as vt

if TYPE_CHECKING:
    from quyche_cli.rules.model import Regulation, Stream

PROG, COMPLETE_VAR = "quyche", "_QUYCHE_COMPLETE"
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def enable() -> None:
    """Register typer's completion classes (its scripts call ``complete_bash``, not click's ``bash_complete``)."""
    from typer._completion_classes import completion_init

    completion_init()


def _shell(value: str, option: str) -> str:
    """The shell asked for, or the one running ``quyche``; exit 2 with a Vietnamese message otherwise."""
    from typer._completion_shared import _get_shell_name

    shell = value or _get_shell_name() or ""
    if shell not in SHELLS:
        said = f"Vỏ lệnh '{shell}' không được hỗ trợ" if shell else "Không nhận ra vỏ lệnh đang dùng"
        typer.echo(f"{said}; hãy ghi rõ: {option} bash|zsh|fish|powershell.", err=True)
        raise typer.Exit(2)
    return shell


def option(name: str, action: Callable[[str | None], None], help_text: str) -> Any:
    """The group's option ``name`` [VỎ], run as soon as it is read."""
    return typer.Option(name, metavar="[VỎ]", callback=action, is_eager=True, help=help_text, show_default=False)


def show(value: str | None) -> None:
    """``--show-completion [VỎ]``: print the script that the shell's start-up file should load."""
    if value is None:
        return
    from typer._completion_shared import get_completion_script

    shell = _shell(value, "--show-completion")
    typer.echo(get_completion_script(prog_name=PROG, complete_var=COMPLETE_VAR, shell=shell))
    raise typer.Exit()


def install(value: str | None) -> None:
    """``--install-completion [VỎ]``: install the script where the shell loads it, and say where."""
    if value is None:
        return
    from typer._completion_shared import install as install_script

    shell = _shell(value, "--install-completion")
    _, path = install_script(shell=shell, prog_name=PROG, complete_var=COMPLETE_VAR)
    typer.echo(f"Đã cài gợi ý lệnh cho {shell} vào {path}. Mở cửa sổ dòng lệnh mới để dùng (gõ quyche rồi Tab).")
    raise typer.Exit()


# What a completion may hold: letters (with their marks), digits, dashes, spaces and a few signs that mean
# nothing to any of the four shells inside the quoting each one gets. A name with anything else (a backslash,
# "$", a backtick, a quote, "&", a colon, a newline, an invisible character) is not offered: no quoting is
# trusted with it.
_SAFE_SIGNS = frozenset(" _.,")
MAX_OFFERED = 200  # candidates per Tab, and characters per candidate


def offerable(value: str) -> bool:
    """Whether ``value`` can be handed to every supported shell's completion protocol without being read as
    code or breaking the protocol's lines and separators."""
    import unicodedata

    safe = all(c in _SAFE_SIGNS or unicodedata.category(c) in _SAFE_CATEGORIES for c in value)
    return safe and 0 < len(value) <= MAX_OFFERED and value == value.strip()


_SAFE_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Nd", "Pd"})


def _quoted(value: str) -> str:
    """``value`` (offerable) as one word for the shell asking: bash and PowerShell insert a completion as it
    is, zsh and fish quote it themselves."""
    shell = os.environ.get(COMPLETE_VAR, "").rpartition("_")[2]
    if shell == "bash":
        return shlex.quote(value)
    if shell in ("powershell", "pwsh") and " " in value:
        return "'" + value + "'"
    return value


def _offer(candidates: list[str], incomplete: str) -> list[str]:
    """The offerable candidates whose loose key starts with what was typed ("so y" → "Sở Y tế"), each one
    word for the shell, at most ``MAX_OFFERED``."""
    typed = vt.fold(incomplete.strip("'\""))
    kept = [c for c in dict.fromkeys(candidates) if offerable(c) and vt.fold(c).startswith(typed)]
    return [_quoted(c) for c in kept[:MAX_OFFERED]]


def _regulations(ctx: Context, every: bool = False) -> list[tuple[str, Regulation]]:
    """The regulations in use, each with its committee id: the one of ``--file`` (QUYCHE_FILE, ./quyche.yaml,
    the bundled one) or, in a workspace (``-C``, QUYCHE_WORKSPACE, the current folder or a parent), the one
    ``--committee`` names or else every one; with ``every``, every regulation of the workspace and none
    outside one. Each is read as every command reads it (the cache of validated files or the guarded loader,
    with the workspace's registry) and only when it validates: a completer never fails, a file that cannot be
    used offers nothing."""
    from quyche_cli.rules import workspace as found
    from quyche_cli.rules.locate import choose
    from quyche_cli.rules.opening import Committee, load

    before = found.chosen
    given = ctx.find_root().params.get("workspace")
    found.chosen = Path(given) if given else before
    try:
        file = None if every else ctx.params.get("file")
        choice = choose(Path(file) if file else None)
        paths = choice.paths() if choice.workspace is not None or not every else []
    except Exception:  # a completer must never fail: offer nothing
        return []
    finally:
        found.chosen = before
    wanted = None if every or choice.file is not None else ctx.params.get("committee")
    regulations = []
    for path in paths:
        try:
            committee = Committee(found.committee_id(path), load(path, choice.workspace))
        except Exception:  # a regulation that does not validate offers nothing
            continue
        if not wanted or committee.answers_to(wanted):  # --committee as every command reads it
            regulations.append((committee.id, committee.rules.model))
    return regulations


def agencies(ctx: Context, incomplete: str) -> list[str]:
    """Agency names and their symbols (the agencies existing today first, then those ended or not yet
    created), and the titles of the members without an agency, from every regulation in use."""
    today = clock.today()
    names: list[str] = []
    titles: list[str] = []
    for _, model in _regulations(ctx):
        ordered = sorted(model.agencies, key=lambda a: not a.valid_on(today))
        names += [name for a in ordered for name in (a.name, a.abbreviation)]
        titles += [m.title for m in model.members if not m.agency]
    return _offer(names + titles, incomplete)


def committees(ctx: Context, incomplete: str) -> list[str]:
    """The ids of the committees of the workspace in use: the file names of its regulations that validate
    with the workspace's registry; none outside a workspace."""
    return _offer([ident for ident, _ in _regulations(ctx, every=True)], incomplete)


def meeting_kinds(ctx: Context, incomplete: str) -> list[str]:
    """The ids of the meeting kinds of the regulations in use."""
    kinds = [kind for _, m in _regulations(ctx) if m.meetings is not None for kind in m.meetings.kinds]
    return _offer([kind.id for kind in kinds], incomplete)


def document_kinds(ctx: Context, incomplete: str) -> list[str]:
    from quyche_cli.documents.kinds import KINDS

    return _offer(list(KINDS), incomplete)


def _streams(ctx: Context) -> list[Stream]:
    """The reporting streams of the regulations in use."""
    return [stream for _, m in _regulations(ctx) if m.reporting is not None for stream in m.reporting.streams]


def streams(ctx: Context, incomplete: str) -> list[str]:
    """The ids of the reporting streams of the rules file."""
    return _offer([stream.id for stream in _streams(ctx)], incomplete)


_PERIOD_FORMS: dict[str, Callable[[int], list[str]]] = {
    "monthly": lambda y: [f"{y}-{m:02d}" for m in range(1, 13)],
    "quarterly": lambda y: [f"{y}-Q{q}" for q in range(1, 5)],
    "half_yearly": lambda y: [f"{y}-H1", f"{y}-H2"],
    "yearly": lambda y: [str(y)],
}


def periods(ctx: Context, incomplete: str) -> list[str]:
    """The periods of last year, this year and next year in the forms of the streams' cycles (of
    ``--stream`` when given): 2026-09, 2026-Q4, 2026-H2, 2026; quarters when the file has no such stream."""
    chosen = ctx.params.get("stream")
    cycles = [s.cycle for s in _streams(ctx) if chosen in (None, s.id)]
    forms = [_PERIOD_FORMS[c] for c in _PERIOD_FORMS if c in cycles] or [_PERIOD_FORMS["quarterly"]]
    year = clock.today().year
    return _offer([p for y in (year - 1, year, year + 1) for form in forms for p in form(y)], incomplete)


COMPLETERS: dict[str, Callable[[Context, str], list[str]]] = {
    "agency": agencies,
    "member": agencies,
    "member_name": agencies,
    "members": agencies,
    "period": periods,
    "stream": streams,
    "kind": document_kinds,
    "meeting_kind": meeting_kinds,
    "committee": committees,
}


def attach(param: Parameter) -> None:
    """Give ``param`` its completer, if its name has one."""
    completer = COMPLETERS.get(param.name or "")
    if completer is not None:

        def complete(ctx: Context, param: Parameter, incomplete: str) -> list[CompletionItem]:
            return [CompletionItem(value) for value in completer(ctx, incomplete)]

        param._custom_shell_complete = complete
