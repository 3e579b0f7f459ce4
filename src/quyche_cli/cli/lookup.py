"""Look-up commands: duties, members, show, search."""

from __future__ import annotations

from typing import Annotated

import typer

from quyche_cli.cli.files import check_output
from quyche_cli.cli.options import (
    AsOfOption,
    AssumeOption,
    CommitteeOption,
    DataFormat,
    FileOption,
    ForceOption,
    OutOption,
    TableFormat,
    ViewFormat,
    WideOption,
)
from quyche_cli.cli.output import answered
from quyche_cli.cli.rulesfile import open_desk
from quyche_cli.errors import OK, PROBLEMS


def duties(
    agency: Annotated[
        str,
        typer.Argument(
            metavar="TÊN_CƠ_QUAN",
            help="Tên cơ quan hoặc chức danh, gõ thế nào cũng được: 'Sở Y tế', 'so y te', 'SYT', 'Giám đốc Sở Y tế'.",
        ),
    ],
    assume_announced: AssumeOption = False,
    file: FileOption = None,
    committee: CommitteeOption = None,
    as_of: AsOfOption = None,
    format: Annotated[ViewFormat, typer.Option("--format", help="text, json hoặc markdown.")] = ViewFormat.text,
) -> None:
    """Nhiệm vụ của một cơ quan/thành viên: nhiệm vụ riêng, nhiệm vụ chung, nơi được nêu tên, hạn báo cáo; trong
    thư mục làm việc có nhiều ban: ở mọi ban mà cơ quan giữ ghế, mang ghế hoặc được nêu tên, theo từng ban."""
    desk = open_desk(file, as_of, assume_announced=assume_announced)
    answered(desk.duties(agency, committee), format.value, desk)


def members(
    file: FileOption = None,
    committee: CommitteeOption = None,
    agency: Annotated[
        str | None,
        typer.Option("--agency", metavar="TÊN_CƠ_QUAN", help="Mọi ghế của một cơ quan, ở mọi ban.", show_default=False),
    ] = None,
    as_of: AsOfOption = None,
    wide: WideOption = False,
    format: Annotated[TableFormat, typer.Option("--format", help="text, json, csv hoặc xlsx.")] = TableFormat.text,
    out: OutOption = None,
    force: ForceOption = False,
) -> None:
    """Bảng thành viên tại một ngày: ghế, người giữ ghế (hoặc chờ kiện toàn), cơ quan kế thừa, số mục nhiệm vụ;
    mỗi ban một bảng trong thư mục làm việc có nhiều ban (csv, xlsx: một bảng, cột đầu là ban); --agency: mọi ghế
    của một cơ quan."""
    check_output(out, force, format.value)
    desk = open_desk(file, as_of)
    answered(desk.members(agency, committee), format.value, desk, out=out, force=force, wide=wide)


def show(
    ref: Annotated[
        str,
        typer.Argument(
            metavar="TRÍCH_DẪN",
            help="Trích dẫn: 'Điều 10', 'khoản 2 Điều 5', 'điểm c khoản 15 Điều 6', "
            "'Điều 6 khoản 15 điểm c', '6.15.c' hoặc id.",
        ),
    ],
    file: FileOption = None,
    committee: CommitteeOption = None,
    as_of: AsOfOption = None,
    format: Annotated[DataFormat, typer.Option("--format", help="text hoặc json.")] = DataFormat.text,
) -> None:
    """In một phần của Quy chế theo trích dẫn; số bị lặp trong dự thảo thì in tất cả, có ghi rõ. Thư mục làm
    việc có nhiều ban: chọn ban bằng --committee."""
    desk = open_desk(file, as_of)
    answered(desk.show(ref, committee), format.value, desk)


def search(
    query: Annotated[str, typer.Argument(metavar="CỤM_TỪ", help="Cụm từ cần tìm, có dấu hoặc không dấu.")],
    file: FileOption = None,
    committee: CommitteeOption = None,
    member_name: Annotated[
        str | None,
        typer.Option(
            "--member",
            metavar="TÊN_CƠ_QUAN",
            help="Chỉ tìm trong nhiệm vụ của thành viên này, kể cả nhiệm vụ kế thừa tại ngày --as-of.",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    full: Annotated[bool, typer.Option("--full", help="In cả đoạn văn thay vì một đoạn trích quanh chỗ khớp.")] = False,
    format: Annotated[DataFormat, typer.Option("--format", help="text hoặc json.")] = DataFormat.text,
) -> None:
    """Tìm trong toàn văn Quy chế (mọi ban của thư mục làm việc, mỗi kết quả ghi ban). Chữ gõ không dấu khớp mọi
    dấu ("hop" tìm cả "họp", "hợp"); chữ gõ có dấu chỉ khớp đúng dấu đó ("họp" không tìm "hợp"). Kết quả đúng
    nguyên cụm từ đã gõ xếp trước."""
    desk = open_desk(file, as_of)
    answer = desk.search(query, member_name, committee)
    answered(answer, format.value, desk, full=full)
    raise typer.Exit(OK if answer.result.hits else PROBLEMS)
