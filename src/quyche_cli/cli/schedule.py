"""Schedule commands: deadlines and the working calendar."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from quyche_cli.cli.options import (
    AsOfOption,
    DataFormat,
    DeadlineFormat,
    FileOption,
    PeriodOption,
    StreamOption,
    asked_period,
    check_output,
    check_year,
    day_asked,
    emit,
    member,
    open_rules,
    parse_day,
)


def deadlines(
    period: PeriodOption = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year", metavar="NĂM", help="Cả năm: bốn quý, sơ kết 6 tháng và tổng kết năm.", show_default=False
        ),
    ] = None,
    meeting: Annotated[
        str | None,
        typer.Option(
            "--meeting",
            metavar="NGÀY",
            help="Ngày kết thúc cuộc họp (26/08/2024), để tính các hạn sau cuộc họp.",
            show_default=False,
        ),
    ] = None,
    meeting_kind: Annotated[
        str | None,
        typer.Option(
            "--meeting-kind",
            metavar="LOẠI",
            help="Loại cuộc họp (id trong tệp quy chế, ví dụ quarterly, ad_hoc).",
            show_default=False,
        ),
    ] = None,
    event: Annotated[
        str | None,
        typer.Option(
            "--event",
            metavar="NGÀY",
            help="Ngày của sự kiện mà một hạn được tính từ đó (ngoài cuộc họp), ví dụ ngày kết thúc đợt kiểm tra.",
            show_default=False,
        ),
    ] = None,
    stream: StreamOption = None,
    member_name: Annotated[
        str | None,
        typer.Option(
            "--member", metavar="TÊN_CƠ_QUAN", help="Chỉ những việc cơ quan này phải làm.", show_default=False
        ),
    ] = None,
    as_of: AsOfOption = None,
    file: FileOption = None,
    format: Annotated[DeadlineFormat, typer.Option("--format", help="text, json hoặc ics.")] = DeadlineFormat.text,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", metavar="TỆP", help="Ghi kết quả vào tệp (mặc định: in ra màn hình).", show_default=False
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Cho phép ghi đè tệp --out đã có.")] = False,
) -> None:
    """Các hạn của Quy chế trong một kỳ (mặc định: kỳ hiện tại của từng luồng báo cáo), tính theo lịch làm
    việc và giải thích cách tính."""
    import datetime as dt

    from quyche_cli.schedule.deadlines import plan
    from quyche_cli.schedule.periods import Period

    if out is not None:
        check_output(out, force)
    meeting_end = parse_day(meeting, "--meeting")
    event_day = parse_day(event, "--event")
    day = day_asked(as_of)
    asked = asked_period(period, year)
    rules = open_rules(file)
    if asked:
        member_day = asked.end
    else:
        member_day = dt.date(year, 12, 31) if year else Period.containing(meeting_end or day).end
    member_id = member(rules, member_name, member_day).id if member_name else None
    chosen = [asked] if asked else None
    result = plan(rules, chosen, meeting_end, meeting_kind, member_id, day, year=year, stream=stream, event=event_day)
    dated = sum(o.date is not None for o in result.obligations)
    saved = f"Đã ghi {dated} sự kiện vào {out}." if format is DeadlineFormat.ics else None
    emit(result, format.value, rules, out, saved)


def calendar_(
    year: Annotated[int, typer.Argument(metavar="NĂM", help="Năm cần xem, ví dụ 2025.")],
    file: FileOption = None,
    as_of: AsOfOption = None,
    format: Annotated[DataFormat, typer.Option("--format", help="text hoặc json.")] = DataFormat.text,
) -> None:
    """Ngày nghỉ lễ, nghỉ bù, hoán đổi và ngày thứ Bảy đi làm trong năm, kèm nguồn; năm chưa có quyết định
    chính thức được ghi là dự kiến."""
    from quyche_cli.rules.organisation import Organisation
    from quyche_cli.schedule.workcalendar import WorkCalendar

    check_year(year)
    day = day_asked(as_of)
    rules = open_rules(file)
    result = WorkCalendar(rules.model.calendar).special_days(year)
    result.notices = Organisation(rules, day).notices() + result.notices
    emit(result, format.value, rules)
