"""Shell completion through the protocol the shells use (``_QUYCHE_COMPLETE=complete_<shell>``): the
candidates offered for commands, options, agencies, document kinds, periods and meeting kinds."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer._click.shell_completion import split_arg_string
from typer.testing import CliRunner, Result

from quyche_cli.cli import completion
from quyche_cli.cli.app import app
from quyche_cli.clock import today
from support import DATA


@pytest.fixture
def complete(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., list[str]]:
    """What bash (or zsh) gets back when Tab is pressed after ``line``."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("QUYCHE_FILE", raising=False)
    completion.enable()

    def run(line: str, shell: str = "bash", env: dict[str, str] | None = None) -> list[str]:
        words = split_arg_string(line)
        if shell == "bash":
            protocol = {"COMP_WORDS": line, "COMP_CWORD": str(len(words) - (0 if line.endswith(" ") else 1))}
        else:
            protocol = {"_TYPER_COMPLETE_ARGS": line}
        result = CliRunner().invoke(
            app, [], prog_name="quyche", env={"_QUYCHE_COMPLETE": f"complete_{shell}", **protocol, **(env or {})}
        )
        assert result.exit_code == 0, result.output
        return [line for line in result.stdout.splitlines() if line]

    return run


def test_commands_and_options(complete: Callable[..., list[str]]) -> None:
    assert complete("quyche de") == ["deadlines"]
    assert complete("quyche c") == ["calendar", "check-reports"]
    assert {"--upcoming", "--wide", "--full", "--year"} <= set(complete("quyche deadlines --"))
    assert complete("quyche deadlines --format ") == ["text", "json", "ics", "csv", "xlsx"]


def test_agencies_from_the_rules_file_in_use(complete: Callable[..., list[str]]) -> None:
    offered = complete("quyche duties so")
    assert "'Sở Y tế'" in offered and "'Sở Tư pháp'" in offered and all(c.startswith("'Sở") for c in offered)
    # the agencies existing today first: the dissolved Sở Thông tin và Truyền thông came first
    ended = offered.index("'Sở Thông tin và Truyền thông'")
    assert offered.index("'Sở Khoa học và Công nghệ'") < ended and offered.index("'Sở Nội vụ'") < ended
    assert "'Sở Nông nghiệp và Môi trường'" in offered[:ended] and "'Sở Kế hoạch và Đầu tư'" in offered[ended:]
    assert complete("quyche duties SY") == ["SYT"]
    assert complete("quyche search dữ --member 'so y") == ["'Sở Y tế'"]
    other = complete(f"quyche duties --file {DATA / 'other.yaml'} s")
    assert set(other) == {"'Sở Khoa học và Công nghệ'", "'Sở Cảng vụ Dữ liệu'", "SKHCN", "SCVDL"}
    through_env = complete("quyche deadlines --member tr", env={"QUYCHE_FILE": str(DATA / "other.yaml")})
    assert through_env == ["'Trung tâm Dữ liệu tỉnh'"]
    powershell = complete("quyche duties 'so y", shell="powershell", env={"_TYPER_COMPLETE_WORD_TO_COMPLETE": "so y"})
    assert powershell == ["'Sở Y tế'::: "]  # PowerShell inserts the text as it is: quoted here
    zsh = complete("quyche deadlines --member 'so y", shell="zsh")
    assert zsh == ["_arguments '*: :((\"Sở Y tế\"))'"]  # zsh quotes the words itself


def test_a_broken_rules_file_offers_nothing(complete: Callable[..., list[str]], tmp_path: Path) -> None:
    broken = tmp_path / "hong.yaml"
    broken.write_text("agencies: [\n", encoding="utf-8")
    assert complete(f"quyche duties --file {broken} so") == []
    assert complete(f"quyche duties --file {tmp_path / 'khong-co.yaml'} so") == []


def test_kinds_periods_and_meeting_kinds(complete: Callable[..., list[str]]) -> None:
    every = ["thong-bao", "giay-moi", "bao-cao", "don-doc", "quy-che", "bang-so-sanh", "bang-tong-hop"]
    assert complete("quyche render ") == every
    assert complete("quyche render bang-t") == ["bang-tong-hop"]
    assert complete("quyche render g") == ["giay-moi"]
    year = today().year
    assert complete(f"quyche deadlines --period {year}") == [f"{year}-Q{q}" for q in range(1, 5)]
    assert f"{year + 1}-Q1" in complete("quyche check-reports . --period ")
    assert complete("quyche deadlines --meeting-kind ") == ["quarterly", "six_month", "year_end", "ad_hoc"]


def test_periods_and_streams_follow_the_streams_of_the_rules_file(complete: Callable[..., list[str]]) -> None:
    other = {"QUYCHE_FILE": str(DATA / "other.yaml")}
    assert complete("quyche deadlines --stream ", env=other) == ["quarterly", "monthly", "half_yearly", "ad_hoc"]
    assert complete("quyche check-reports . --stream m", env=other) == ["monthly"]
    assert complete("quyche deadlines --stream ") == ["quarterly"]
    year = today().year
    offered = complete(f"quyche deadlines --period {year}", env=other)
    assert offered == [
        *(f"{year}-{m:02d}" for m in range(1, 13)),
        *(f"{year}-Q{q}" for q in range(1, 5)),
        f"{year}-H1",
        f"{year}-H2",
    ]
    halves = complete(f"quyche render bao-cao --stream half_yearly --period {year}", env=other)
    assert halves == [f"{year}-H1", f"{year}-H2"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_show_completion_prints_each_shells_script(cli: Callable[..., Result], shell: str) -> None:
    result = cli("--show-completion", shell)
    assert result.exit_code == 0 and "_QUYCHE_COMPLETE" in result.stdout and "quyche" in result.stdout


def test_completion_options_in_vietnamese(cli: Callable[..., Result], tmp_path: Path) -> None:
    help_text = " ".join(cli("--help").stdout.split())
    assert "--install-completion [VỎ] Cài gợi ý lệnh bằng phím Tab" in help_text
    assert "--show-completion [VỎ] In đoạn mã gợi ý lệnh" in help_text
    refused = cli("--show-completion", "tcsh")
    assert refused.exit_code == 2
    said = "Vỏ lệnh 'tcsh' không được hỗ trợ; hãy ghi rõ: --show-completion bash|zsh|fish|powershell.\n"
    assert refused.stderr == said
    home = tmp_path / "home"
    home.mkdir()
    installed = cli("--install-completion", "fish", env={"HOME": str(home)})
    assert installed.exit_code == 0 and installed.stdout.startswith("Đã cài gợi ý lệnh cho fish vào ")
    assert "_QUYCHE_COMPLETE" in (home / ".config/fish/completions/quyche.fish").read_text(encoding="utf-8")


def test_committees_of_the_workspace_in_use(complete: Callable[..., list[str]], tmp_path: Path) -> None:
    folder = tmp_path / "tinh"
    shutil.copytree(DATA / "workspace", folder)
    assert complete(f"quyche -C {folder} show --committee ") == ["an-toan-thuc-pham", "quyche"]
    assert complete(f"quyche -C {folder} duties SYT --committee an") == ["an-toan-thuc-pham"]
    assert complete("quyche lint --committee ", env={"QUYCHE_WORKSPACE": str(folder)}) == [
        "an-toan-thuc-pham",
        "quyche",
    ]
    # A regulation that does not validate is not offered; a name no shell may be handed is never offered.
    shutil.copy(folder / "quyche.yaml", folder / "hong.yaml")
    (folder / "hong.yaml").write_text("document: [\n", encoding="utf-8")
    shutil.copy(folder / "an-toan-thuc-pham.yaml", folder / "x$(touch PWNED).yaml")
    assert complete(f"quyche -C {folder} render bao-cao --committee ") == ["an-toan-thuc-pham", "quyche"]
    assert not list(tmp_path.rglob("PWNED"))
    # Outside a workspace (a single rules file) there is no committee to offer.
    assert complete("quyche show --committee ") == []
    assert complete(f"quyche -C {tmp_path / 'khong-co'} show --committee ") == []


def test_agencies_and_meeting_kinds_across_the_workspace(complete: Callable[..., list[str]], tmp_path: Path) -> None:
    """In a workspace of several regulations, names come from every one that validates, or from the one
    ``--committee`` chooses."""
    folder = tmp_path / "tinh"
    shutil.copytree(DATA / "workspace", folder)
    both = complete(f"quyche -C {folder} duties so-y")
    assert any("Y tế" in c for c in both)
    every = complete(f"quyche -C {folder} deadlines --meeting-kind ")
    food = complete(f"quyche -C {folder} deadlines --committee an-toan-thuc-pham --meeting-kind ")
    bundled = complete(f"quyche -C {folder} deadlines --committee quyche --meeting-kind ")
    assert food == ["half_year", "urgent"] and "year_end" in bundled and "urgent" not in bundled
    assert set(every) == set(food) | set(bundled)
    # --committee by its name, as every command reads it, not only by its id.
    named = "'Ban Chỉ đạo liên ngành về an toàn thực phẩm tỉnh'"
    assert complete(f"quyche -C {folder} deadlines --committee {named} --meeting-kind ") == food
    # A regulation that does not validate offers nothing; the others still do.
    (folder / "hong.yaml").write_text("document: [\n", encoding="utf-8")
    assert complete(f"quyche -C {folder} duties so-y") == both
