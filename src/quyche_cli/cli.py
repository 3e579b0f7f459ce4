"""The quyche command line: parse options, call the core, format, set the exit code."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import __version__
from .output import github_line, print_json, problem_line
from .problems import RulesFileError

app = typer.Typer(
    name="quyche",
    help="Quy chế của Ban Chỉ đạo dưới dạng dữ liệu: tra cứu, kiểm tra và in văn bản.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

OK, PROBLEMS, USAGE = 0, 1, 2

FileOption = Annotated[
    Path | None,
    typer.Option(
        "--file",
        "-f",
        envvar="QUYCHE_FILE",
        help="Tệp quy chế YAML (mặc định: biến QUYCHE_FILE, ./quyche.yaml, rồi bản đi kèm gói).",
        show_default=False,
    ),
]


class ProblemFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


class LintFormat(str, Enum):
    text = "text"
    json = "json"


def fail(error: RulesFileError) -> NoReturn:
    """Report a rules file that cannot be used and exit with 2."""
    typer.echo(str(error), err=True)
    for problem in error.problems[:20]:
        typer.echo("  " + problem_line(problem), err=True)
    if len(error.problems) > 20:
        typer.echo(f"  … và {len(error.problems) - 20} lỗi khác.", err=True)
    raise typer.Exit(USAGE)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"quyche {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="In phiên bản rồi thoát.")
    ] = False,
) -> None:
    """Quy chế của Ban Chỉ đạo dưới dạng dữ liệu: tra cứu, kiểm tra và in văn bản."""


@app.command()
def validate(
    path: Annotated[
        Path | None, typer.Argument(help="Tệp cần kiểm tra (mặc định: tệp quy chế đang dùng).", show_default=False)
    ] = None,
    file: FileOption = None,
    format: Annotated[
        ProblemFormat | None,
        typer.Option(
            "--format", help="text, json hoặc github (tự chọn github khi GITHUB_ACTIONS được đặt).", show_default=False
        ),
    ] = None,
) -> None:
    """Kiểm tra tệp quy chế: cú pháp YAML, lược đồ, và các tham chiếu bên trong. Thoát 0 nếu hợp lệ, 1 nếu có lỗi."""
    from .rulesfile import locate
    from .validation import validate_file

    chosen = format or (ProblemFormat.github if os.environ.get("GITHUB_ACTIONS") else ProblemFormat.text)
    try:
        target = locate(path or file)
        rules, problems = validate_file(target)
    except RulesFileError as error:
        fail(error)
    except OSError as exc:
        fail(RulesFileError(f"Không đọc được '{path or file}': {exc.strerror or exc}."))
    if chosen is ProblemFormat.json:
        print_json({"file": str(target), "valid": not problems, "problems": [p.as_dict() for p in problems]})
    elif chosen is ProblemFormat.github:
        for problem in problems:
            typer.echo(github_line(problem))
    else:
        for problem in problems:
            typer.echo(problem_line(problem))
        if problems:
            typer.echo(f"✗ {target}: {len(problems)} lỗi.")
        elif rules is not None:
            typer.echo(
                f"✓ {target} hợp lệ: {len(rules.articles())} điều, {len(rules.provisions)} quy định, "
                f"{len(rules.members)} thành viên, {len(rules.agencies)} cơ quan."
            )
    raise typer.Exit(PROBLEMS if problems else OK)


@app.command()
def schema() -> None:
    """In JSON Schema (draft-07) của tệp quy chế, dùng cho trình soạn thảo (yaml-language-server)."""
    from .schema import json_schema_text

    typer.echo(json_schema_text(), nl=False)


@app.command()
def lint(
    file: FileOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Thoát 1 khi còn phát hiện chưa được chấp nhận.")] = False,
    format: Annotated[LintFormat, typer.Option("--format", help="text hoặc json.")] = LintFormat.text,
) -> None:
    """Soát lỗi soạn thảo của Quy chế: đánh số, thứ tự điểm, đoạn lặp, chủ trì/phối hợp, dẫn chiếu."""
    from .lint import failing
    from .lint import lint as run_lint
    from .rulesfile import open_rules

    try:
        rules = open_rules(file)
    except RulesFileError as error:
        fail(error)
    findings = run_lint(rules)
    if format is LintFormat.json:
        print_json(
            {
                "findings": [
                    {
                        k: v
                        for k, v in f.as_dict().items()
                        if k in ("code", "severity", "ref", "line", "message", "accepted")
                    }
                    for f in findings
                ]
            }
        )
    else:
        for finding in findings:
            typer.echo(problem_line(finding))
        open_count = sum(1 for _ in failing(findings))
        typer.echo(f"{len(findings)} phát hiện, {len(findings) - open_count} đã được chấp nhận.")
    raise typer.Exit(PROBLEMS if strict and any(failing(findings)) else OK)
