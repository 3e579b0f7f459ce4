"""Drafting commands: compare two versions of the rules file (diff) and read the comments received (gop-y)."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quyche_cli.cli.days import check_year, day_asked, parse_day
from quyche_cli.cli.files import check_folder, load_json
from quyche_cli.cli.options import FileOption, ForceOption, OutOption, TableFormat
from quyche_cli.cli.output import emit
from quyche_cli.cli.rulesfile import open_rules
from quyche_cli.errors import OK, PROBLEMS, InputError

if TYPE_CHECKING:
    from quyche_cli.compare.diff import RulesDiff, Version
    from quyche_cli.rules.index import Rules


class DiffFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"
    github = "github"


def versions(paths: list[Path], rev: str | None) -> tuple[Version, Version]:
    """The two versions asked for: two files, or one file (default ``QUYCHE_FILE``, ``quyche.yaml``) at two git
    revisions (``A..B``), or at one revision and in the working tree (``A``)."""
    from quyche_cli.compare.diff import Version
    from quyche_cli.compare.revisions import rules_at, split_range

    if rev is None:
        if len(paths) != 2:
            raise InputError("Cần hai tệp: quyche diff CŨ MỚI (hoặc --rev A..B [TỆP] để so hai phiên bản git).")
        return Version(str(paths[0]), open_rules(paths[0])), Version(str(paths[1]), open_rules(paths[1]))
    if len(paths) > 1:
        raise InputError("Với --rev chỉ ghi một tệp (tệp quy chế trong kho git).")
    file = paths[0] if paths else Path(os.environ.get("QUYCHE_FILE") or "quyche.yaml")
    old_rev, new_rev = split_range(rev)
    old = Version(f"{old_rev}:{file}", rules_at(old_rev, file), str(file))
    if new_rev is None:
        return old, Version(str(file), open_rules(file), str(file))
    return old, Version(f"{new_rev}:{file}", rules_at(new_rev, file), str(file))


def compare_versions(paths: list[Path], rev: str | None, year: int) -> RulesDiff:
    from quyche_cli.compare.diff import compare

    old, new = versions(paths, rev)
    return compare(old, new, year)


def diff(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar="CŨ MỚI", help="Hai tệp quy chế; với --rev: một tệp trong kho git.", show_default=False),
    ] = None,
    rev: Annotated[
        str | None,
        typer.Option(
            "--rev",
            metavar="A..B",
            help="So tệp quy chế ở hai phiên bản git (A..B), hoặc ở A với bản đang sửa.",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        DiffFormat | None,
        typer.Option(
            "--format",
            help="text, markdown (bình luận pull request), json hoặc github (tự chọn khi GITHUB_ACTIONS được đặt).",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option("--year", metavar="NĂM", help="Năm tính các hạn để so (mặc định: năm nay).", show_default=False),
    ] = None,
) -> None:
    """So sánh hai phiên bản Quy chế: quy định thêm, bỏ, sửa, đánh số lại; thành viên, cơ quan, chủ trì/phối hợp;
    các hạn đổi ngày.

    Thoát 0 khi không có gì khác, 1 khi có thay đổi, 2 khi đầu vào sai."""
    from quyche_cli.compare.diff import compare

    old, new = versions(list(paths or []), rev)
    if year is not None:
        check_year(year, new.rules)
    result = compare(old, new, year or day_asked(None).year)
    chosen = format or (DiffFormat.github if os.environ.get("GITHUB_ACTIONS") else DiffFormat.text)
    emit(result, chosen.value)
    raise typer.Exit(PROBLEMS if result.changed else OK)


def gop_y(
    folder: Annotated[
        Path, typer.Argument(metavar="THƯ_MỤC", help="Thư mục chứa các văn bản góp ý đã nhận (.docx, .pdf, .txt, .md).")
    ],
    deadline: Annotated[
        str | None,
        typer.Option(
            "--deadline",
            metavar="NGÀY",
            help="Hạn góp ý: liệt kê thành viên chưa trả lời đến ngày này.",
            show_default=False,
        ),
    ] = None,
    file: FileOption = None,
    format: Annotated[TableFormat, typer.Option("--format", help="text, json, csv hoặc xlsx.")] = TableFormat.text,
    out: OutOption = None,
    force: ForceOption = False,
) -> None:
    """Tổng hợp ý kiến góp ý dự thảo: đọc văn bản góp ý của các thành viên, tách từng ý kiến, tìm quy định được
    nêu; ai nhất trí, ai chưa trả lời, tệp nào không dùng được và vì sao. Thư mục chỉ được đọc, không bị sửa.

    Thoát 0 khi mọi tệp đọc được và mọi thành viên đã trả lời, 1 nếu không, 2 khi đầu vào sai."""
    from quyche_cli.comments.letters import read_round

    check_folder(folder, out, force, format.value)
    rules = open_rules(file, folder)
    result = read_round(rules, folder, day_asked(None), parse_day(deadline, "--deadline"))
    emit(result, format.value, rules, out, force=force)
    raise typer.Exit(PROBLEMS if result.no_reply or result.unmatched else OK)


def comparison_table(
    old: Path | None, new: Path | None, every: bool, from_comments: Path | None, file: Path | None, data: object
) -> tuple[bytes, None]:
    """``render bang-so-sanh --old OLD --new NEW [--data thuyet-minh.yaml] [--all]``."""
    from quyche_cli.documents.tables import comparison

    if old is None or new is None:
        raise InputError("bang-so-sanh cần --old TỆP_CŨ và --new TỆP_MỚI.")
    today = day_asked(None)
    return comparison(compare_versions([old, new], None, today.year), data, every, today), None


def synthesis_table(
    old: Path | None, new: Path | None, every: bool, from_comments: Path | None, file: Path | None, data: object
) -> tuple[bytes, Rules]:
    """``render bang-tong-hop --from-comments FILE.json [--data tiep-thu.yaml]``."""
    from quyche_cli.comments.results import CommentRound
    from quyche_cli.documents.tables import synthesis

    if from_comments is None:
        raise InputError("bang-tong-hop cần --from-comments TỆP.json (kết quả của quyche gop-y --format json).")
    raw = load_json(from_comments, "--from-comments")
    rules = open_rules(file)
    return synthesis(rules, CommentRound.from_dict(raw), data, day_asked(None)), rules


# How the command line gathers the inputs of each table kind (documents.kinds.Table) before building it.
TABLES = {"bang-so-sanh": comparison_table, "bang-tong-hop": synthesis_table}
