"""Schedule commands: deadlines and the working calendar."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from quyche_cli.cli.days import asked_period, check_year, checked, parse_day
from quyche_cli.cli.files import check_output
from quyche_cli.cli.framework import Command
from quyche_cli.cli.options import (
    AsOfOption,
    AssumeOption,
    CalendarFormat,
    CommitteeOption,
    DeadlineFormat,
    FileOption,
    ForceOption,
    OutOption,
    PeriodOption,
    StreamOption,
    WideOption,
)
from quyche_cli.cli.output import answered, emit
from quyche_cli.cli.rulesfile import member, open_desk
from quyche_cli.errors import InputError

if TYPE_CHECKING:
    from quyche_cli.schedule.deadlines import Schedule

UPCOMING, MAX_UPCOMING = 5, 50


class DeadlinesCommand(Command):
    """``deadlines``: ``--upcoming`` alone means the next five."""

    bare_values = {"--upcoming": str(UPCOMING)}


def deadlines(
    period: PeriodOption = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            metavar="NĂM",
            help="Cả năm: mọi kỳ trong năm của các luồng báo cáo (tháng, quý, 6 tháng, năm), mỗi hạn một dòng.",
            show_default=False,
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
    assume_announced: AssumeOption = False,
    as_of: AsOfOption = None,
    file: FileOption = None,
    committee: CommitteeOption = None,
    upcoming: Annotated[
        int | None,
        typer.Option(
            "--upcoming",
            metavar="[N]",
            help=f"N hạn sắp tới kể từ hôm nay (hoặc --as-of), mỗi hạn một dòng (mặc định N = {UPCOMING}).",
            show_default=False,
        ),
    ] = None,
    wide: WideOption = False,
    full: Annotated[
        bool, typer.Option("--full", help="Mọi bước của từng kỳ, kèm việc, căn cứ và cách tính từng hạn.")
    ] = False,
    format: Annotated[
        DeadlineFormat, typer.Option("--format", help="text, json, ics, csv hoặc xlsx.")
    ] = DeadlineFormat.text,
    out: OutOption = None,
    force: ForceOption = False,
) -> None:
    """Các hạn của Quy chế trong một kỳ (mặc định: kỳ hiện tại của từng luồng báo cáo), cả năm (--year, gọn
    mỗi hạn một dòng) hoặc các hạn sắp tới (--upcoming; gộp mọi ban của thư mục làm việc, theo ngày), tính theo
    lịch làm việc và giải thích cách tính."""
    from quyche_cli.schedule.deadlines import Upcoming, following, plan
    from quyche_cli.schedule.periods import Period

    check_output(out, force, format.value)
    if upcoming is not None and (period or year):
        raise InputError("--upcoming tự chọn các kỳ: không dùng cùng --period hoặc --year.")
    if upcoming is not None and not 1 <= upcoming <= MAX_UPCOMING:
        raise InputError(f"--upcoming {upcoming} nằm ngoài phạm vi: chọn N từ 1 đến {MAX_UPCOMING}.")
    meeting_end = parse_day(meeting, "--meeting")
    event_day = parse_day(event, "--event")
    desk = open_desk(file, as_of, assume_announced=assume_announced)
    chosen = desk.chosen(committee)
    if len(chosen) > 1:
        if not upcoming or format.value not in ("text", "json") or stream:
            raise InputError(
                f"Thư mục làm việc có {len(chosen)} ban: chỉ --upcoming (text, json) gộp các ban; chọn một ban bằng "
                f"--committee ({', '.join(c.id for c in chosen)})."
            )
        answered(desk.upcoming(upcoming, member_name, committee), format.value, desk, out=out, force=force, wide=wide)
        return
    rules, day = chosen[0].rules, desk.day
    asked = asked_period(rules, period, year)
    if asked:
        member_day = asked.end
    elif upcoming:
        member_day = day
    else:
        member_day = dt.date(year, 12, 31) if year else checked(rules, Period.containing(meeting_end or day)).end
    member_id = member(rules, member_name, member_day).id if member_name else None

    def planned(year: int | None) -> Schedule:
        chosen = [asked] if asked else None
        return plan(rules, chosen, meeting_end, meeting_kind, member_id, day, year=year, stream=stream, event=event_day)

    if upcoming:
        check_year(day.year, rules)
    result = following(rules, day, upcoming, planned) if upcoming else planned(year)
    dated = sum(o.date is not None for o in result.obligations)
    saved = f"Đã ghi {dated} sự kiện vào {out}." if format is DeadlineFormat.ics else None
    shown = Upcoming(result, day) if upcoming and format.value in ("text", "json") else result
    # One period: each step with how its date was found; a year (or --wide): one line a deadline.
    emit(shown, format.value, rules, out, saved, force=force, wide=wide, full=full or not (year or wide))


def calendar_(
    year: Annotated[int, typer.Argument(metavar="NĂM", help="Năm cần xem, ví dụ 2025.")],
    assume_announced: AssumeOption = False,
    file: FileOption = None,
    committee: CommitteeOption = None,
    agency: Annotated[
        str | None,
        typer.Option(
            "--agency",
            metavar="TÊN_CƠ_QUAN",
            help="Thay cho lịch nghỉ: các hạn trong năm của cơ quan này ở mọi ban (--format ics: một tệp lịch).",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    format: Annotated[CalendarFormat, typer.Option("--format", help="text, json hoặc ics (với --agency).")] = (
        CalendarFormat.text
    ),
    out: OutOption = None,
    force: ForceOption = False,
) -> None:
    """Ngày nghỉ lễ, nghỉ bù, hoán đổi và ngày thứ Bảy đi làm trong năm, kèm nguồn; năm chưa có quyết định
    chính thức được ghi là dự kiến. Với --agency: các hạn trong năm của một cơ quan ở mọi ban, một tệp .ics."""
    from quyche_cli.rules.organisation import Organisation
    from quyche_cli.schedule.workcalendar import WorkCalendar

    check_output(out, force, format.value)
    desk = open_desk(file, as_of, assume_announced=assume_announced)
    if agency is not None:
        answer = desk.agency_calendar(agency, year, committee)
        saved = f"Đã ghi {len(answer.result.rows)} sự kiện vào {out}." if format is CalendarFormat.ics else None
        answered(answer, format.value, desk, out=out, saved=saved, force=force)
        return
    if format is CalendarFormat.ics:
        raise InputError("--format ics cần --agency TÊN_CƠ_QUAN: lịch các hạn của một cơ quan.")
    rules = desk.committees[0].rules  # the workspace's calendar is its registry's, the same for every committee
    check_year(year, rules)
    result = WorkCalendar(rules.model.calendar).special_days(year)
    if len(desk.committees) == 1:
        result.notices = Organisation(rules, desk.day).notices() + result.notices
    emit(result, format.value, rules if len(desk.committees) == 1 else None, out, force=force)
