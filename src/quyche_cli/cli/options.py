"""The options the commands share (their Typer types) and the formats they offer."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

FileOption = Annotated[
    Path | None,
    typer.Option(
        "--file",
        "-f",
        metavar="TỆP",
        envvar="QUYCHE_FILE",
        help="Tệp quy chế YAML (mặc định: biến QUYCHE_FILE, mọi quy chế của thư mục làm việc, ./quyche.yaml, rồi "
        "bản đi kèm gói).",
        show_default=False,
    ),
]
CommitteeOption = Annotated[
    str | None,
    typer.Option(
        "--committee",
        metavar="BAN",
        help="Chỉ một ban của thư mục làm việc: tên tệp quy chế (không có .yaml), tên ban hoặc tên gọi tắt.",
        show_default=False,
    ),
]
PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        metavar="KỲ",
        help="Kỳ báo cáo: tháng (2026-09, tháng 9/2026, T9/2026), quý (2024-Q3, quý III/2024), 6 tháng "
        "(2026-H1, 6 tháng đầu năm 2026), năm (2026, năm 2026) hoặc khoảng ngày (từ ngày 01/9 đến ngày 03/9/2021).",
        show_default=False,
    ),
]
StreamOption = Annotated[
    str | None,
    typer.Option(
        "--stream",
        metavar="LUỒNG",
        help="Luồng báo cáo (id trong reporting.streams), khi tệp quy chế có nhiều luồng.",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of", metavar="NGÀY", help="Xét tổ chức bộ máy tại ngày này (mặc định: hôm nay).", show_default=False
    ),
]


class ProblemFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


class DataFormat(str, Enum):
    text = "text"
    json = "json"


class ViewFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


class DeadlineFormat(str, Enum):
    text = "text"
    json = "json"
    ics = "ics"
    csv = "csv"
    xlsx = "xlsx"


class CalendarFormat(str, Enum):
    text = "text"
    json = "json"
    ics = "ics"


class TableFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out",
        metavar="TỆP",
        help="Ghi kết quả vào tệp (mặc định: in ra màn hình; bắt buộc với xlsx).",
        show_default=False,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Cho phép ghi đè tệp --out đã có.")]
WideOption = Annotated[
    bool,
    typer.Option(
        "--wide", help="Thêm các cột còn lại: bảng rộng theo nội dung, mỗi hàng một dòng (không gói cho vừa màn hình)."
    ),
]
AssumeOption = Annotated[
    bool,
    typer.Option(
        "--assume-announced",
        help="Tính là ngày nghỉ cả những ngày đã công bố nhưng chưa có văn bản làm ngày nghỉ (calendar.overrides "
        "kiểu announced, ví dụ 24/11 Ngày Văn hóa Việt Nam); câu trả lời ghi rõ đó là giả định.",
    ),
]
