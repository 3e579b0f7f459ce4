"""The quyche command line: parse options, call the core, format, set the exit code."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from quyche_cli import __version__
from quyche_cli.cli.views.console import console, github_line, print_json, problem_line
from quyche_cli.errors import RulesFileError

if TYPE_CHECKING:
    from quyche_cli.rules.index import Rules
    from quyche_cli.rules.names import Resolution, Target
    from quyche_cli.schedule.periods import Period

app = typer.Typer(
    name="quyche",
    pretty_exceptions_enable=False,
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


PeriodOption = Annotated[
    str | None,
    typer.Option("--period", help="Kỳ báo cáo: 2024-Q3, 2024Q3, Q3/2024 hoặc quý III/2024.", show_default=False),
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


def fail(error: RulesFileError) -> NoReturn:
    """Report a rules file that cannot be used and exit with 2."""
    typer.echo(str(error), err=True)
    for problem in error.problems[:20]:
        typer.echo("  " + problem_line(problem), err=True)
    if len(error.problems) > 20:
        typer.echo(f"  … và {len(error.problems) - 20} lỗi khác.", err=True)
    raise typer.Exit(USAGE)


def _open(file: Path | None) -> Rules:
    """The rules file to work on; a file that cannot be used ends the command with exit code 2."""
    from quyche_cli.rules.locate import open_rules

    try:
        return open_rules(file)
    except RulesFileError as error:
        fail(error)


def _member(rules: Rules, typed: str) -> Target:
    """The member (or successor agency) a typed name resolves to; otherwise say why and exit with 1."""
    resolution = rules.names.resolve(typed)
    if resolution.legacy_encoding:
        typer.echo(
            f"Cảnh báo: '{typed}' có vẻ được gõ bằng {resolution.legacy_encoding}; hãy gõ lại bằng Unicode.", err=True
        )
    if resolution.status != "found":
        typer.echo(_resolution_message(rules, resolution), err=True)
        raise typer.Exit(PROBLEMS)
    return resolution.targets[0]


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
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Tệp cần kiểm tra (mặc định: tệp quy chế đang dùng).", show_default=False),
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
    from quyche_cli.rules.locate import locate
    from quyche_cli.rules.validation import validate_file

    chosen = format or (ProblemFormat.github if os.environ.get("GITHUB_ACTIONS") else ProblemFormat.text)
    results = []
    wanted: list[Path | None] = list(paths) if paths else [file]
    for given in wanted:
        try:
            target = locate(given)
            results.append((target, *validate_file(target)))
        except RulesFileError as error:
            fail(error)
        except OSError as exc:
            fail(RulesFileError(f"Không đọc được '{given}': {exc.strerror or exc}."))
    problems = [p for _, _, found in results for p in found]
    if chosen is ProblemFormat.json:
        print_json(
            {
                "valid": not problems,
                "files": [str(t) for t, _, _ in results],
                "problems": [p.as_dict() for p in problems],
            }
        )
    elif chosen is ProblemFormat.github:
        for problem in problems:
            typer.echo(github_line(problem))
    else:
        for target, rules, found in results:
            for problem in found:
                typer.echo(problem_line(problem))
            if found:
                typer.echo(f"✗ {target}: {len(found)} lỗi.")
            elif rules is not None:
                typer.echo(
                    f"✓ {target} hợp lệ: {len(rules.articles())} điều, {len(rules.provisions)} quy định, "
                    f"{len(rules.members)} thành viên, {len(rules.agencies)} cơ quan."
                )
    raise typer.Exit(PROBLEMS if problems else OK)


@app.command()
def schema() -> None:
    """In JSON Schema (draft-07) của tệp quy chế, dùng cho trình soạn thảo (yaml-language-server)."""
    from quyche_cli.rules.schema import json_schema_text

    typer.echo(json_schema_text(), nl=False)


@app.command()
def lint(
    path: Annotated[
        Path | None, typer.Argument(help="Tệp cần soát (mặc định: tệp quy chế đang dùng).", show_default=False)
    ] = None,
    file: FileOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Thoát 1 khi còn phát hiện chưa được chấp nhận.")] = False,
    format: Annotated[DataFormat, typer.Option("--format", help="text hoặc json.")] = DataFormat.text,
) -> None:
    """Soát lỗi soạn thảo của Quy chế: đánh số, thứ tự điểm, đoạn lặp, chủ trì/phối hợp, dẫn chiếu."""
    from quyche_cli.rules.lint import failing
    from quyche_cli.rules.lint import lint as run_lint

    rules = _open(path or file)
    findings = run_lint(rules)
    if format is DataFormat.json:
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


def _today() -> dt.date:
    """Today in the regulation's time zone (Asia/Ho_Chi_Minh)."""
    from zoneinfo import ZoneInfo

    return dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()


def _date_option(value: str | None, name: str) -> dt.date | None:
    from quyche_cli.errors import InputError
    from quyche_cli.schedule.periods import parse_date

    if value is None:
        return None
    try:
        return parse_date(value)
    except InputError as error:
        _usage(f"{name}: {error}")


def _check_year(year: int) -> None:
    if not 1900 <= year <= 2200:
        _usage(f"Năm {year} không hợp lệ.")


def _usage(message: str) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(USAGE)


@app.command()
def duties(
    agency: Annotated[
        str,
        typer.Argument(
            help="Tên cơ quan hoặc chức danh, gõ thế nào cũng được: 'Sở Y tế', 'so y te', 'SYT', 'Giám đốc Sở Y tế'."
        ),
    ],
    file: FileOption = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Xét tổ chức bộ máy tại ngày này (mặc định: hôm nay).", show_default=False),
    ] = None,
    format: Annotated[ViewFormat, typer.Option("--format", help="text, json hoặc markdown.")] = ViewFormat.text,
) -> None:
    """Nhiệm vụ của một cơ quan/thành viên: nhiệm vụ riêng, nhiệm vụ chung, nơi được nêu tên, hạn báo cáo."""
    from quyche_cli.cli.views.lookup import duties_markdown, duties_text
    from quyche_cli.lookup.duties import duties_of

    day = _date_option(as_of, "--as-of") or _today()
    rules = _open(file)
    report = duties_of(rules, _member(rules, agency), day)
    if format is ViewFormat.json:
        print_json(report.as_dict())
    elif format is ViewFormat.markdown:
        typer.echo(duties_markdown(rules, report), nl=False)
    else:
        out = console()
        out.print(duties_text(rules, report, out.width))


def _resolution_message(rules: Rules, resolution: Resolution) -> str:
    def name(target: Target) -> str:
        return rules.display_name(target.kind, target.id)

    if resolution.status == "ambiguous":
        listed = "\n".join(f"  - {name(t)} ({t.id})" for t in resolution.targets)
        return f"'{resolution.query}' khớp với nhiều thành viên, hãy ghi rõ hơn:\n{listed}"
    hint = f" Có phải ý bạn là: {', '.join(name(t) for t in resolution.suggestions)}?" if resolution.suggestions else ""
    return f"Không tìm thấy '{resolution.query}'.{hint} Xem danh sách: quyche members."


@app.command()
def members(
    file: FileOption = None,
    format: Annotated[DataFormat, typer.Option("--format", help="text hoặc json.")] = DataFormat.text,
) -> None:
    """Bảng thành viên: vai trò, chức danh, cơ quan, ký hiệu, số mục nhiệm vụ, thời gian hiệu lực."""
    from quyche_cli.cli.views.lookup import members_table
    from quyche_cli.lookup.duties import member_rows

    rules = _open(file)
    rows = member_rows(rules)
    if format is DataFormat.json:
        print_json(rows)
    else:
        console().print(members_table(rules, rows))


@app.command()
def show(
    ref: Annotated[
        str,
        typer.Argument(
            help="Trích dẫn: 'Điều 10', 'khoản 2 Điều 5', 'điểm c khoản 15 Điều 6', "
            "'Điều 6 khoản 15 điểm c', '6.15.c' hoặc id."
        ),
    ],
    file: FileOption = None,
    format: Annotated[DataFormat, typer.Option("--format", help="text hoặc json.")] = DataFormat.text,
) -> None:
    """In một phần của Quy chế theo trích dẫn; số bị lặp trong dự thảo thì in tất cả, có ghi rõ."""
    from quyche_cli.cli.views.lookup import provision_text
    from quyche_cli.errors import InputError
    from quyche_cli.lookup.citations import find

    rules = _open(file)
    try:
        found = find(rules, ref)
    except InputError as error:
        _usage(str(error))
    if not found:
        typer.echo(f"Quy chế không có '{ref}'. Xem mục lục: quyche show 'Chương I' … hoặc quyche search.", err=True)
        raise typer.Exit(PROBLEMS)
    if len(found) > 1:
        typer.echo(f"Dự thảo có {len(found)} quy định cùng số '{ref}'; in tất cả:", err=True)
    if format is DataFormat.json:
        print_json([{"id": p.id, "ref": p.citation, "text": p.text, "lines": list(rules.lines(p))} for p in found])
    else:
        out = console()
        for provision in found:
            out.print(provision_text(rules, provision, out.width))


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Cụm từ cần tìm, có dấu hoặc không dấu.")],
    file: FileOption = None,
    member: Annotated[
        str | None, typer.Option("--member", help="Chỉ tìm trong nhiệm vụ của thành viên này.", show_default=False)
    ] = None,
    format: Annotated[DataFormat, typer.Option("--format", help="text hoặc json.")] = DataFormat.text,
) -> None:
    """Tìm trong toàn văn Quy chế, không phân biệt dấu; kết quả đúng dấu xếp trước."""
    from dataclasses import asdict

    from quyche_cli.cli.views.lookup import hit_text
    from quyche_cli.lookup.search import search as run_search

    rules = _open(file)
    hits = run_search(rules, query, _member(rules, member).id if member else None)
    if format is DataFormat.json:
        print_json({"query": query, "hits": [asdict(h) for h in hits]})
    else:
        out = console()
        for hit in hits:
            out.print(hit_text(rules, hit))
        out.print(f"{len(hits)} kết quả cho '{query}'.", markup=False)
    raise typer.Exit(OK if hits else PROBLEMS)


def run() -> None:
    """Console entry point: an unexpected error becomes a short message and exit code 2, not a traceback
    (set QUYCHE_DEBUG=1 to see the traceback)."""
    try:
        app(prog_name="quyche")
    except Exception as exc:
        if os.environ.get("QUYCHE_DEBUG"):
            raise
        typer.echo(
            f"Lỗi không mong đợi: {type(exc).__name__}: {exc}. Chạy lại với QUYCHE_DEBUG=1 và báo lỗi kèm "
            "lệnh đã chạy.",
            err=True,
        )
        raise SystemExit(USAGE) from None


class DeadlineFormat(str, Enum):
    text = "text"
    json = "json"
    ics = "ics"


def _periods(period: str | None, year: int | None, meeting: dt.date | None) -> list[Period]:
    from quyche_cli.errors import InputError
    from quyche_cli.schedule.periods import Period, parse_period

    if period and year:
        _usage("Chỉ dùng một trong hai: --period hoặc --year.")
    if year is not None:
        _check_year(year)
        return [Period(year, q) for q in range(1, 5)]
    if period:
        try:
            return [parse_period(period)]
        except InputError as error:
            _usage(str(error))
    return [Period.containing(meeting or _today())]


@app.command()
def deadlines(
    period: PeriodOption = None,
    year: Annotated[
        int | None, typer.Option("--year", help="Cả năm: bốn quý, sơ kết 6 tháng và tổng kết năm.", show_default=False)
    ] = None,
    meeting: Annotated[
        str | None,
        typer.Option(
            "--meeting", help="Ngày kết thúc cuộc họp (26/08/2024), để tính các hạn sau cuộc họp.", show_default=False
        ),
    ] = None,
    meeting_kind: Annotated[
        str | None,
        typer.Option(
            "--meeting-kind", help="Loại cuộc họp (id trong tệp quy chế, ví dụ quarterly, ad_hoc).", show_default=False
        ),
    ] = None,
    member: Annotated[
        str | None, typer.Option("--member", help="Chỉ những việc cơ quan này phải làm.", show_default=False)
    ] = None,
    file: FileOption = None,
    format: Annotated[DeadlineFormat, typer.Option("--format", help="text, json hoặc ics.")] = DeadlineFormat.text,
    out: Annotated[
        Path | None, typer.Option("--out", help="Ghi tệp .ics vào đây (mặc định: in ra màn hình).", show_default=False)
    ] = None,
) -> None:
    """Các hạn của Quy chế trong một kỳ (mặc định: quý hiện tại), tính theo lịch làm việc và giải thích cách tính."""
    from quyche_cli.safewrite import write_atomic
    from quyche_cli.schedule.deadlines import Planner
    from quyche_cli.schedule.ics import to_ics
    from quyche_cli.schedule.periods import Period, format_day

    meeting_end = _date_option(meeting, "--meeting")
    rules = _open(file)
    kinds = {k.id: k for k in rules.model.meetings.kinds} if rules.model.meetings else {}
    if meeting_kind and meeting_kind not in kinds:
        _usage(f"Loại cuộc họp '{meeting_kind}' không có trong tệp quy chế; chọn: {', '.join(kinds) or '(không có)'}.")
    member_id = _member(rules, member).id if member else None
    planner = Planner(rules)
    periods = _periods(period, year, meeting_end)
    obligations = []
    meeting_period = Period.containing(meeting_end) if meeting_end else None
    for each in periods:
        # A meeting belongs to the period asked for, or in a whole year to the quarter it falls in.
        anchor = meeting_end if len(periods) == 1 or each == meeting_period else None
        found = planner.for_period(each, anchor, meeting_kind)
        obligations += planner.for_member(found, member_id, each) if member_id else found
    if format is DeadlineFormat.ics:
        namespace = rules.model.document.committee
        data = to_ics(obligations, namespace, f"Hạn — {rules.model.document.committee_short}", member_id)
        if out:
            write_atomic(out, data)
            typer.echo(f"Đã ghi {sum(o.date is not None for o in obligations)} sự kiện vào {out}.", err=True)
        else:
            typer.echo(data.decode("utf-8"), nl=False)
        return
    if format is DeadlineFormat.json:
        from dataclasses import asdict

        print_json(
            {
                "periods": [p.label for p in periods],
                "meeting": meeting_end,
                "meeting_kind": meeting_kind,
                "member": member_id,
                "obligations": [asdict(o) for o in obligations],
            }
        )
        return
    console_out = console()
    width = console_out.width
    from quyche_cli.cli.views.lookup import indented

    for each in periods:
        header = f"Kỳ {each.label_vi} ({each.label})"
        cutoff = rules.model.reporting.data_cutoff if rules.model.reporting else None
        if cutoff:
            start, end = each.cutoff(cutoff.from_day, cutoff.to_day)
            header += f" — số liệu từ {start:%d/%m/%Y} đến {end:%d/%m/%Y} ({cutoff.source})"
        console_out.print(indented(header, 0, width, "bold"))
        for item in (o for o in obligations if o.period == each.label):
            when = format_day(item.date) if item.date else "(không có hạn)"
            to = f" → {', '.join(item.recipients)}" if item.recipients else ""
            console_out.print(indented(f"{when}  {item.actor_label}{to}", 2, width, "bold"))
            console_out.print(indented(f"{item.what} ({item.ref})", 4, width))
            console_out.print(indented(f"Cách tính: {item.rule}", 4, width, "dim"))
        console_out.print("")


@app.command(name="calendar")
def calendar_(
    year: Annotated[int, typer.Argument(help="Năm cần xem, ví dụ 2025.")],
    file: FileOption = None,
    format: Annotated[DataFormat, typer.Option("--format", help="text hoặc json.")] = DataFormat.text,
) -> None:
    """Ngày nghỉ lễ, nghỉ bù, hoán đổi và ngày thứ Bảy đi làm trong năm, kèm nguồn (thư viện hay tệp quy chế)."""
    from quyche_cli.schedule.periods import format_day
    from quyche_cli.schedule.workcalendar import WorkCalendar

    _check_year(year)
    rules = _open(file)
    days = WorkCalendar(rules.model.calendar).special_days(year)
    source_vi = {"override": "tệp quy chế", "library": "thư viện holidays"}
    if format is DataFormat.json:
        print_json(
            [
                {"date": d.day, "working": d.working, "name": d.name, "source": d.source, "reference": d.reference}
                for d in days
            ]
        )
        return
    for d in days:
        kind = "đi làm" if d.working else "nghỉ"
        where = source_vi[d.source] + (f": {d.reference}" if d.reference else "")
        typer.echo(f"{format_day(d.day):<22} {kind:<7} {d.name}  [{where}]")
    typer.echo(f"{sum(not d.working for d in days)} ngày nghỉ, {sum(d.working for d in days)} ngày đi làm bù.")


class AuditFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


@app.command(name="check-reports")
def check_reports(
    folder: Annotated[Path, typer.Argument(help="Thư mục chứa các báo cáo đã nhận (có thể có thư mục con).")],
    period: PeriodOption = None,
    received: Annotated[
        Path | None,
        typer.Option(
            "--received",
            help="Tệp CSV 'file,received' xuất từ hệ thống quản lý văn bản: ngày nhận là bằng chứng mạnh nhất.",
            show_default=False,
        ),
    ] = None,
    coverage: Annotated[
        bool, typer.Option("--coverage", help="Cho biết báo cáo đã đề cập những điểm nào của thành viên.")
    ] = False,
    file: FileOption = None,
    format: Annotated[AuditFormat, typer.Option("--format", help="text, json, csv hoặc xlsx.")] = AuditFormat.text,
    out: Annotated[
        Path | None, typer.Option("--out", help="Ghi kết quả vào tệp (bắt buộc với xlsx).", show_default=False)
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Cho phép ghi đè tệp --out đã có.")] = False,
) -> None:
    """Ai nộp báo cáo đúng hạn, muộn, chưa nộp: đọc thư mục báo cáo đã nhận, kèm bằng chứng cho từng kết luận.

    Không có --period thì kỳ được suy ra từ tiêu đề các báo cáo, rồi tên thư mục, rồi quý gần nhất đã hết hạn.

    Thoát 0 khi mọi thành viên nộp đúng hạn, 1 nếu không, 2 khi đầu vào sai."""
    from quyche_cli.audit.auditor import Auditor, read_received
    from quyche_cli.cli.views.audit import audit_csv, audit_table, audit_xlsx
    from quyche_cli.errors import InputError
    from quyche_cli.safewrite import write_atomic
    from quyche_cli.schedule.periods import parse_period

    if not folder.is_dir():
        _usage(f"Không tìm thấy thư mục '{folder}'." if not folder.exists() else f"'{folder}' không phải thư mục.")
    if format is AuditFormat.xlsx and out is None:
        _usage("Định dạng xlsx cần --out TỆP.xlsx.")
    if out is not None:
        if out.exists() and not force:
            _usage(f"Tệp '{out}' đã có; dùng --force để ghi đè.")
        if out.resolve().is_relative_to(folder.resolve()):
            _usage("Không ghi kết quả vào trong thư mục đang kiểm tra; hãy chọn --out ở nơi khác.")
    rules = _open(file)
    try:
        chosen = parse_period(period) if period else None
        dates = read_received(received) if received else None
        auditor = Auditor(rules)
        result = auditor.run(folder, chosen, dates, _today(), coverage, progress=_progress)
    except InputError as error:
        _usage(str(error))
    if format is AuditFormat.json:
        from json import dumps

        data = (dumps(result.as_dict(), ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8")
    elif format is AuditFormat.csv:
        data = audit_csv(result).encode("utf-8-sig")
    elif format is AuditFormat.xlsx:
        data = audit_xlsx(result)
    else:
        data = b""
        screen = console()
        screen.print(audit_table(result, coverage, screen.width))
    if out is not None and data:
        write_atomic(out, data)
        typer.echo(f"Đã ghi {out}.", err=True)
    elif data:
        typer.echo(data.decode("utf-8-sig"), nl=False)
    raise typer.Exit(OK if result.all_on_time else PROBLEMS)


def _progress(paths: Iterator[Path], total: int) -> Iterator[Path]:
    """A progress bar on stderr for folders that take more than a moment, only on a terminal."""
    import sys

    if total < 50 or not sys.stderr.isatty():
        yield from paths
        return
    from rich.progress import track

    yield from track(paths, total=total, description="Đang đọc báo cáo…", console=console(stderr=True), transient=True)


def _load_data(path: Path) -> object:
    """A ``--data`` file (YAML or JSON, read safely); usage error when unreadable."""
    from quyche_cli.rules.yamlsource import load_file

    try:
        source, problems = load_file(path)
    except OSError as exc:
        _usage(f"Không đọc được tệp dữ liệu '{path}': {exc.strerror or exc}.")
    if source is None or problems:
        _usage("\n".join(problem_line(p) for p in problems) or f"Tệp dữ liệu '{path}' không đọc được.")
    return source.data


@app.command()
def render(
    kind: Annotated[
        str | None,
        typer.Argument(help="Loại văn bản: thong-bao, giay-moi, bao-cao, don-doc, quy-che.", show_default=False),
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help="Tệp YAML/JSON chứa dữ liệu mà tệp quy chế không có (ngày họp, kết luận…).",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Tệp .docx cần tạo (mặc định: KIND.docx).", show_default=False)
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Cho phép ghi đè tệp đã có.")] = False,
    draft: Annotated[bool, typer.Option("--draft", help="Bản dự thảo: để trống số và ngày cho văn thư điền.")] = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="Chuyển thêm sang PDF bằng LibreOffice (nếu đã cài).")] = False,
    templates: Annotated[
        Path | None, typer.Option("--templates", help="Thư mục mẫu riêng của đơn vị (tệp KIND.j2).", show_default=False)
    ] = None,
    example: Annotated[bool, typer.Option("--example", help="In một tệp dữ liệu mẫu đầy đủ cho loại văn bản.")] = False,
    list_kinds: Annotated[
        bool, typer.Option("--list", help="Liệt kê các loại văn bản và dữ liệu mỗi loại cần.")
    ] = False,
    member: Annotated[
        str | None, typer.Option("--member", help="Thành viên (cho bao-cao).", show_default=False)
    ] = None,
    period: PeriodOption = None,
    members: Annotated[
        list[str] | None,
        typer.Option(
            "--members", help="Thành viên được mời (giay-moi); lặp lại cho nhiều thành viên.", show_default=False
        ),
    ] = None,
    from_audit: Annotated[
        Path | None,
        typer.Option("--from-audit", help="Kết quả JSON của check-reports (cho don-doc).", show_default=False),
    ] = None,
    file: FileOption = None,
) -> None:
    """Tạo văn bản hành chính (.docx) đúng thể thức Nghị định 30/2020 từ mẫu Jinja và tệp quy chế."""
    import json

    from quyche_cli.documents.data import EXAMPLES
    from quyche_cli.documents.render import KINDS, Options, to_pdf
    from quyche_cli.documents.render import render as make
    from quyche_cli.errors import InputError, RenderError
    from quyche_cli.safewrite import write_atomic
    from quyche_cli.schedule.periods import parse_period

    if list_kinds:
        for spec in KINDS.values():
            typer.echo(f"{spec.name:<10} {spec.summary}. Cần: {spec.needs}.")
        return
    if kind not in KINDS:
        _usage(f"Loại văn bản '{kind or ''}' không có; chọn một trong: {', '.join(KINDS)} (xem --list).")
    if example:
        import yaml

        typer.echo(yaml.safe_dump(EXAMPLES[kind], allow_unicode=True, sort_keys=False), nl=False)
        return
    target = out or Path(f"{kind}.docx")
    if target.exists() and not force:
        _usage(f"Tệp '{target}' đã có; dùng --force để ghi đè.")
    if target.suffix.lower() != ".docx":
        _usage("--out phải là một tệp .docx.")
    rules = _open(file)
    try:
        audit = json.loads(from_audit.read_text(encoding="utf-8")) if from_audit else None
        options = Options(
            draft=draft,
            member=member,
            period=parse_period(period) if period else None,
            members=tuple(members or ()),
            audit=audit,
            today=_today(),
        )
        document = make(rules, kind, _load_data(data) if data else None, options, templates)
    except (InputError, RenderError) as error:
        details = error.details
        _usage("\n".join([str(error), *(f"  - {d}" for d in details)]))
    except (OSError, ValueError) as error:
        _usage(f"Không đọc được --from-audit: {error}.")
    write_atomic(target, document)
    typer.echo(f"Đã tạo {target}.", err=True)
    if pdf:
        try:
            typer.echo(f"Đã tạo {to_pdf(target)}.", err=True)
        except RenderError as error:
            _usage(str(error))
