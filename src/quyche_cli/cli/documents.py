"""The render command: official documents (.docx) from Jinja templates and the rules file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quyche_cli.cli.days import parse_day
from quyche_cli.cli.files import check_output, load_data, load_json
from quyche_cli.cli.options import AssumeOption, CommitteeOption, FileOption, PeriodOption, StreamOption
from quyche_cli.cli.output import answered, emit
from quyche_cli.cli.rulesfile import name_rules_file, open_desk, print_notices
from quyche_cli.errors import InputError

if TYPE_CHECKING:
    from quyche_cli.audit.results import Audit


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
    committee: CommitteeOption = None,
) -> None:
    """Tạo văn bản hành chính (.docx) đúng thể thức Nghị định 30/2020 từ mẫu Jinja và tệp quy chế. Thư mục làm
    việc có nhiều ban: chọn ban bằng --committee."""
    from quyche_cli.desk.front import Drafting
    from quyche_cli.documents.kinds import KINDS, Catalogue, Options, kind_named
    from quyche_cli.documents.pdf import to_pdf
    from quyche_cli.safewrite import write_atomic

    if list_kinds:
        emit(Catalogue(list(KINDS.values())), "text")
        return
    if example:
        desk = open_desk(file, None)
        answered(desk.example(kind, committee), "text", desk)
        return
    kind_named(kind)
    target = out or Path(f"{kind}.docx")
    check_output(target, force)
    if target.suffix.lower() != ".docx":
        raise InputError("--out phải là một tệp .docx.")
    if pdf:
        check_output(target.with_suffix(".pdf"), force)
    options = Options(
        draft=draft,
        incomplete=incomplete,
        member=member,
        stream=stream,
        members=tuple(members or ()),
        audit=_load_audit(from_audit) if from_audit else None,
        before_deadline=before_deadline,
        date=parse_day(date, "--date"),
    )
    asked = Drafting(
        kind=kind or "",
        data=load_data(data) if data else None,
        options=options,
        period=period,
        templates=templates,
        old=old,
        new=new,
        every=every,
        comments=load_json(from_comments, "--from-comments") if from_comments else None,
    )
    desk = open_desk(file, None, assume_announced=assume_announced)
    answer = desk.render(asked, committee)
    print_notices(answer.result.notices)
    write_atomic(target, answer.result.content, replace=force)
    typer.echo(f"Đã tạo {target}.", err=True)
    if pdf:
        typer.echo(f"Đã tạo {to_pdf(target, replace=force)}.", err=True)
    name_rules_file(answer.rules)
