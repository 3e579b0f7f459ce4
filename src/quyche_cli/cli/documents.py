"""The render command: official documents (.docx) from Jinja templates and the rules file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quyche_cli import clock
from quyche_cli.cli.days import parse_day, period_asked
from quyche_cli.cli.files import check_output, load_data, load_json
from quyche_cli.cli.options import AssumeOption, FileOption, PeriodOption, StreamOption
from quyche_cli.cli.output import emit
from quyche_cli.cli.rulesfile import name_rules_file, open_rules, print_notices
from quyche_cli.errors import InputError

if TYPE_CHECKING:
    from quyche_cli.audit.results import Audit
    from quyche_cli.rules.index import Rules


def _load_audit(path: Path) -> Audit:
    """The JSON that ``check-reports --format json`` wrote, read back as a typed audit."""
    from quyche_cli.audit.results import Audit

    return Audit.from_dict(load_json(path, "--from-audit"))


def render(
    kind: Annotated[
        str | None,
        typer.Argument(
            metavar="LOẠI",
            help="Loại văn bản: thong-bao, giay-moi, bao-cao, don-doc, quy-che; bảng: bang-so-sanh, bang-tong-hop.",
            show_default=False,
        ),
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            metavar="TỆP",
            help="Tệp YAML/JSON chứa dữ liệu mà tệp quy chế không có (ngày họp, kết luận…).",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="TỆP",
            help="Tệp .docx cần tạo (mặc định: LOẠI.docx, ví dụ bao-cao.docx).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Cho phép ghi đè tệp đã có.")] = False,
    draft: Annotated[bool, typer.Option("--draft", help="Bản dự thảo: để trống số và ngày cho văn thư điền.")] = False,
    incomplete: Annotated[
        bool,
        typer.Option(
            "--incomplete",
            help="quy-che: vẫn in khi tệp còn phần chưa chép: bỏ các phần đó, văn bản mang dấu BẢN CHƯA ĐẦY ĐỦ.",
        ),
    ] = False,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="NGÀY",
            help="Ngày của văn bản (mặc định: 'date' trong --data; báo cáo: hạn nộp của kỳ; đôn đốc: ngày kiểm tra).",
            show_default=False,
        ),
    ] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Chuyển thêm sang PDF bằng LibreOffice (nếu đã cài).")] = False,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            metavar="THƯ_MỤC",
            help="Thư mục mẫu riêng của đơn vị (tệp LOẠI.j2, ví dụ bao-cao.j2).",
            show_default=False,
        ),
    ] = None,
    example: Annotated[bool, typer.Option("--example", help="In một tệp dữ liệu mẫu đầy đủ cho loại văn bản.")] = False,
    list_kinds: Annotated[
        bool, typer.Option("--list", help="Liệt kê các loại văn bản và dữ liệu mỗi loại cần.")
    ] = False,
    member: Annotated[
        str | None,
        typer.Option("--member", metavar="TÊN_CƠ_QUAN", help="Thành viên (cho bao-cao).", show_default=False),
    ] = None,
    period: PeriodOption = None,
    stream: StreamOption = None,
    members: Annotated[
        list[str] | None,
        typer.Option(
            "--members",
            metavar="TÊN_CƠ_QUAN",
            help="Thành viên được mời (giay-moi); lặp lại cho nhiều thành viên.",
            show_default=False,
        ),
    ] = None,
    from_audit: Annotated[
        Path | None,
        typer.Option(
            "--from-audit", metavar="TỆP", help="Kết quả JSON của check-reports (cho don-doc).", show_default=False
        ),
    ] = None,
    before_deadline: Annotated[
        bool, typer.Option("--before-deadline", help="Vẫn lập công văn đôn đốc khi chưa hết hạn nộp báo cáo.")
    ] = False,
    old: Annotated[
        Path | None,
        typer.Option("--old", metavar="TỆP", help="Bản quy chế trước (cho bang-so-sanh).", show_default=False),
    ] = None,
    new: Annotated[
        Path | None,
        typer.Option("--new", metavar="TỆP", help="Bản sửa đổi, bổ sung (cho bang-so-sanh).", show_default=False),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="bang-so-sanh: mọi quy định, không chỉ quy định thay đổi.")
    ] = False,
    from_comments: Annotated[
        Path | None,
        typer.Option(
            "--from-comments", metavar="TỆP", help="Kết quả JSON của gop-y (cho bang-tong-hop).", show_default=False
        ),
    ] = None,
    assume_announced: AssumeOption = False,
    file: FileOption = None,
) -> None:
    """Tạo văn bản hành chính (.docx) đúng thể thức Nghị định 30/2020 từ mẫu Jinja và tệp quy chế."""
    from quyche_cli.cli.drafting import TABLES
    from quyche_cli.documents.data import example as example_data
    from quyche_cli.documents.kinds import KINDS, Catalogue, Example, Options, Table
    from quyche_cli.documents.pdf import to_pdf
    from quyche_cli.documents.render import render as make
    from quyche_cli.safewrite import write_atomic

    if list_kinds:
        emit(Catalogue(list(KINDS.values())), "text")
        return
    chosen = KINDS.get(kind or "")
    if chosen is None:
        raise InputError(f"Loại văn bản '{kind or ''}' không có; chọn một trong: {', '.join(KINDS)} (xem --list).")
    if example:
        if isinstance(chosen, Table):
            raise InputError(f"{kind} không có tệp dữ liệu mẫu: xem docs/thu-ky.md, mục Soạn thảo.")
        shown = open_rules(file)
        emit(Example(chosen.name, example_data(shown, chosen.name)), "text", shown)
        return
    target = out or Path(f"{kind}.docx")
    check_output(target, force)
    if target.suffix.lower() != ".docx":
        raise InputError("--out phải là một tệp .docx.")
    if pdf:
        check_output(target.with_suffix(".pdf"), force)
    raw = load_data(data) if data else None
    rules: Rules | None
    if isinstance(chosen, Table):
        content, rules = TABLES[chosen.name](old, new, every, from_comments, file, raw)
    else:
        rules = open_rules(file, assume_announced=assume_announced)
        options = Options(
            draft=draft,
            incomplete=incomplete,
            member=member,
            period=period_asked(rules, period) if period else None,
            stream=stream,
            members=tuple(members or ()),
            audit=_load_audit(from_audit) if from_audit else None,
            before_deadline=before_deadline,
            today=clock.today(),
            date=parse_day(date, "--date"),
        )
        document = make(rules, chosen.name, raw, options, templates)
        print_notices(document.notices)
        content = document.content
    write_atomic(target, content, replace=force)
    typer.echo(f"Đã tạo {target}.", err=True)
    if pdf:
        typer.echo(f"Đã tạo {to_pdf(target, replace=force)}.", err=True)
    name_rules_file(rules)
