"""Commands on the rules file itself: validate, schema, lint."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from quyche_cli.cli.options import CommitteeOption, DataFormat, FileOption, ProblemFormat
from quyche_cli.cli.output import answered, emit
from quyche_cli.cli.rulesfile import open_desk
from quyche_cli.errors import OK, PROBLEMS, InputError


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar="TỆP", help="Tệp cần kiểm tra (mặc định: tệp quy chế đang dùng).", show_default=False),
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
    from quyche_cli.rules.validation import validate_paths

    chosen = format or (ProblemFormat.github if os.environ.get("GITHUB_ACTIONS") else ProblemFormat.text)
    report = validate_paths(list(paths) if paths else [file])
    emit(report, chosen.value)
    raise typer.Exit(OK if report.valid else PROBLEMS)


class SchemaFormat(str, Enum):
    json = "json"
    markdown = "markdown"


class ResultKind(str, Enum):
    gop_y = "gop-y"


def schema(
    format: Annotated[
        SchemaFormat,
        typer.Option(
            "--format", help="json (JSON Schema draft-07) hoặc markdown (trang tham chiếu định dạng tệp quy chế)."
        ),
    ] = SchemaFormat.json,
    registry: Annotated[
        bool,
        typer.Option(
            "--registry",
            help="Lược đồ (hoặc trang tham chiếu) của sổ tổ chức to-chuc.yaml thay cho tệp quy chế.",
        ),
    ] = False,
    result: Annotated[
        ResultKind | None,
        typer.Option(
            "--result",
            help="In JSON Schema của kết quả một lệnh thay cho tệp quy chế: gop-y (JSON mà render bang-tong-hop "
            "--from-comments đọc lại).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """In JSON Schema (draft-07) của tệp quy chế, dùng cho trình soạn thảo (yaml-language-server); với
    --registry, của sổ tổ chức to-chuc.yaml; với --format markdown, trang tham chiếu định dạng tệp
    (docs/dinh-dang-tep-quy-che.md, docs/dinh-dang-so-to-chuc.md)."""
    import json

    from quyche_cli.comments.results import CommentRound
    from quyche_cli.rules.schema import format_reference, json_schema_text

    if result is not None:
        if format is not SchemaFormat.json or registry:
            raise InputError("--result chỉ in JSON Schema của kết quả: bỏ --format markdown và --registry.")
        typer.echo(json.dumps(CommentRound.json_schema(), ensure_ascii=False, indent=2))
        return
    shown = format_reference(registry) if format is SchemaFormat.markdown else json_schema_text(registry)
    typer.echo(shown, nl=False)


def lint(
    path: Annotated[
        Path | None,
        typer.Argument(metavar="TỆP", help="Tệp cần soát (mặc định: tệp quy chế đang dùng).", show_default=False),
    ] = None,
    file: FileOption = None,
    committee: CommitteeOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Thoát 1 khi còn phát hiện chưa được chấp nhận.")] = False,
    format: Annotated[DataFormat, typer.Option("--format", help="text hoặc json.")] = DataFormat.text,
) -> None:
    """Soát lỗi soạn thảo của Quy chế: đánh số, thứ tự điểm, đoạn lặp, chủ trì/phối hợp, dẫn chiếu. Thư mục làm
    việc có nhiều ban: soát mọi quy chế, mỗi ban một phần (hoặc một ban: --committee)."""
    desk = open_desk(path or file, None)
    answer = desk.lint(committee)
    answered(answer, format.value, desk)
    raise typer.Exit(PROBLEMS if strict and answer.result.failing else OK)
