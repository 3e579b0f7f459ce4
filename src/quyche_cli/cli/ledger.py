"""The ledger commands: record audits over time, show what is recorded and what changed, and the follow-up
loop (the new deadline a đôn đốc set, a giải trình received)."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from quyche_cli.cli.days import parse_day
from quyche_cli.cli.files import check_output, load_json
from quyche_cli.cli.framework import Command, Group
from quyche_cli.cli.options import (
    CommitteeOption,
    DataFormat,
    FileOption,
    ForceOption,
    OutOption,
    PeriodOption,
    StreamOption,
)
from quyche_cli.cli.output import emit
from quyche_cli.cli.rulesfile import open_desk
from quyche_cli.errors import InputError, NotFoundError, OutputError

if TYPE_CHECKING:
    from email.message import EmailMessage

    from quyche_cli.audit.results import Audit
    from quyche_cli.desk.front import Desk
    from quyche_cli.ledger.reminders import Reminder, Round
    from quyche_cli.ledger.scoreboard import ViewKind
    from quyche_cli.ledger.store import Key, Ledger
    from quyche_cli.rules.index import Rules
    from quyche_cli.rules.opening import Committee

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="TỆP",
        help="Tệp sổ theo dõi SQLite, hoặc sqlite:///ĐƯỜNG_DẪN (mặc định: biến QUYCHE_LEDGER, rồi "
        "quyche-ledger.sqlite trong thư mục làm việc, hoặc cạnh tệp quy chế đang dùng). Chỉ hỗ trợ SQLite.",
        show_default=False,
    ),
]
AuditArgument = Annotated[
    Path, typer.Argument(metavar="KẾT_QUẢ.json", help="Kết quả JSON của 'quyche check-reports --format json'.")
]
FormatOption = Annotated[DataFormat, typer.Option("--format", help="text hoặc json.")]

ledger = typer.Typer(
    name="ledger",
    cls=Group,
    no_args_is_help=True,
    add_completion=False,
    help="Sổ theo dõi: ghi kết quả kiểm tra báo cáo qua các kỳ, xem lại, ghi hạn đôn đốc và giải trình.",
)


def record_audit(audit: Audit, committee: Committee, desk: Desk, db: str | None, origin: dict[str, str] | None) -> None:
    """Record ``audit`` of ``committee`` in the ledger and say on stderr what it did; the audit's verdicts then
    carry the follow-up the ledger knows (đôn đốc answered in time, giải trình)."""
    from quyche_cli.cli.views.safe import visible
    from quyche_cli.ledger.store import Known

    known = Known(committee.id, committee.name, committee.rules.model.document.committee_short)
    with desk.ledger(db, create=True) as book:
        done = book.record(audit, known, origin or committee.rules.origin)
        annotate(audit, book, done.key)
    how = "ghi lại (thay kết quả trước)" if done.replaced else "ghi"
    typer.echo(
        visible(
            f"Đã {how} kỳ {done.key.period} của ban {done.key.committee} vào sổ theo dõi {done.path}: {done.members} "
            f"thành viên, {len(done.changes)} thay đổi."
        ),
        err=True,
    )


def annotate(audit: Audit, book: Ledger, key: Key) -> None:
    """Add to each verdict's note what the ledger knows of its follow-up: answered after a đôn đốc, still
    missing after the new deadline, explanations received."""
    from quyche_cli.ledger.followup import followup_note

    found = {e.member: e for e in book.entries([key.committee]) if e.key == key}
    for verdict in audit.members:
        entry = found.get(verdict.member)
        note = followup_note(entry, audit.as_of) if entry else ""
        if note:
            verdict.note = f"{verdict.note} {note}".strip()


def read_audit(audit_file: Path, desk: Desk, committee: str | None) -> tuple[Audit, Committee, dict[str, object]]:
    """The audit of a check-reports JSON, the committee it was read against (the one its JSON names in a
    workspace, else ``--committee``, else the only one), and the JSON itself."""
    from quyche_cli.audit.results import Audit

    data = load_json(audit_file, "KẾT_QUẢ.json")
    named = data.get("committee") if isinstance(data, dict) else None
    recorded = named.get("id") if isinstance(named, dict) else None
    return Audit.from_dict(data), desk.one(committee, recorded if isinstance(recorded, str) else None), data


@ledger.command("record", cls=Command)
def record(
    audit_file: AuditArgument, committee: CommitteeOption = None, db: DbOption = None, file: FileOption = None
) -> None:
    """Ghi một kết quả kiểm tra (JSON của check-reports) vào sổ theo dõi; ghi lại một kỳ thì thay kết quả cũ
    của kỳ đó và lưu lịch sử thay đổi. Trong thư mục làm việc, ban là ban ghi trong JSON (hoặc --committee)."""
    desk = open_desk(file, None)
    audit, chosen, data = read_audit(audit_file, desk, committee)
    origin = data.get("rules_file")
    record_audit(audit, chosen, desk, db, origin if isinstance(origin, dict) else None)


@ledger.command("show", cls=Command)
def show(
    committee: CommitteeOption = None,
    db: DbOption = None,
    file: FileOption = None,
    format: FormatOption = DataFormat.text,
) -> None:
    """Các kỳ đã ghi trong sổ theo dõi: ban, hạn, ngày ghi, số thành viên theo kết quả."""
    from quyche_cli.ledger.store import Listing

    desk = open_desk(file, None)
    with desk.ledger(db) as book:
        emit(Listing(book.path, book.periods(desk.ledger_ids(committee))), format.value)


@ledger.command("history", cls=Command)
def history(
    member: Annotated[
        str | None, typer.Option("--member", metavar="MÃ", help="Chỉ thành viên này (mã).", show_default=False)
    ] = None,
    period: PeriodOption = None,
    committee: CommitteeOption = None,
    db: DbOption = None,
    file: FileOption = None,
    format: FormatOption = DataFormat.text,
) -> None:
    """Lịch sử thay đổi: mỗi lần ghi một kỳ đã đổi kết quả của thành viên nào, từ gì sang gì."""
    from quyche_cli.ledger.store import History
    from quyche_cli.schedule.periods import parse_period

    label = parse_period(period).label if period else None
    desk = open_desk(file, None)
    with desk.ledger(db) as book:
        emit(History(book.path, book.history(desk.ledger_ids(committee), member, label)), format.value)


@ledger.command("followup", cls=Command)
def followup(
    audit_file: AuditArgument,
    deadline: Annotated[
        str, typer.Option("--deadline", metavar="NGÀY", help="Hạn mới công văn đôn đốc đặt ra (ví dụ 10/10/2024).")
    ],
    document: Annotated[
        str,
        typer.Option("--document", metavar="VĂN_BẢN", help="Công văn đôn đốc (số, ngày), để dẫn nguồn."),
    ] = "công văn đôn đốc",
    committee: CommitteeOption = None,
    db: DbOption = None,
    file: FileOption = None,
) -> None:
    """Ghi hạn mới mà công văn đôn đốc đặt cho từng thành viên chưa nộp trong kết quả kiểm tra: báo cáo đến
    trước hạn đó được tính là "nộp sau đôn đốc"."""
    from quyche_cli.cli.views.safe import visible
    from quyche_cli.ledger.followup import addressees
    from quyche_cli.ledger.store import Key

    desk = open_desk(file, None)
    audit, chosen, _ = read_audit(audit_file, desk, committee)
    day = parse_day(deadline, "--deadline")
    assert day is not None
    if day <= audit.deadline:
        raise InputError(f"--deadline {day:%d/%m/%Y} phải sau hạn nộp báo cáo ({audit.deadline:%d/%m/%Y}).")
    key = Key(chosen.id, audit.stream or "", audit.period.label)
    names = addressees(audit)
    if not names:
        raise NotFoundError("Không có thành viên nào chưa nộp trong kết quả kiểm tra: không có gì để đôn đốc.")
    with desk.ledger(db, create=True) as book:
        for member in names:
            book.set_followup(key, member, day, document)
    typer.echo(
        visible(f"Đã ghi hạn đôn đốc {day:%d/%m/%Y} ({document}) cho {len(names)} thành viên: {', '.join(names)}."),
        err=True,
    )


@ledger.command("explain", cls=Command)
def explain(
    member: Annotated[str, typer.Argument(metavar="THÀNH_VIÊN", help="Thành viên giải trình (tên hoặc mã).")],
    period: Annotated[str, typer.Option("--period", metavar="KỲ", help="Kỳ báo cáo được giải trình.")],
    note: Annotated[str, typer.Option("--note", metavar="NỘI_DUNG", help="Nội dung giải trình (tóm tắt, số văn bản).")],
    received: Annotated[
        str | None,
        typer.Option(
            "--received", metavar="NGÀY", help="Ngày nhận giải trình (mặc định: hôm nay).", show_default=False
        ),
    ] = None,
    stream: StreamOption = None,
    committee: CommitteeOption = None,
    db: DbOption = None,
    file: FileOption = None,
) -> None:
    """Ghi một giải trình của thành viên cho một kỳ báo cáo; lần kiểm tra sau và bảng xếp hạng sẽ nêu."""
    from quyche_cli import clock
    from quyche_cli.cli.days import period_asked
    from quyche_cli.cli.rulesfile import member as resolve
    from quyche_cli.cli.views.safe import visible

    desk = open_desk(file, None)
    chosen = period_asked(desk.committees[0].rules, period)
    day = parse_day(received, "--received") or clock.today()
    with desk.ledger(db) as book:
        keys = [k for k in book.keys(desk.ledger_ids(committee), chosen.label) if stream in (None, k.stream)]
        if len(keys) != 1:
            found = ", ".join(f"{k.committee} {k.stream or '(một luồng)'}" for k in keys)
            raise InputError(
                f"Sổ theo dõi chưa ghi kỳ {chosen.label}{' ở luồng ' + stream if stream else ''}."
                if not keys
                else f"Kỳ {chosen.label} đã ghi ở nhiều ban hoặc luồng ({found}): chọn bằng --committee, --stream."
            )
        rules = desk.one(keys[0].committee).rules
        target = resolve(rules, member, chosen.end)  # the member as the period's audit named it
        if not any(e.member == target.id for e in book.entries([keys[0].committee]) if e.key == keys[0]):
            raise NotFoundError(f"Kết quả đã ghi của kỳ {chosen.label} không có thành viên '{target.id}'.")
        book.explain(keys[0], target.id, note, day)
    typer.echo(
        visible(f"Đã ghi giải trình của {target.id} cho kỳ {chosen.label} (nhận ngày {day:%d/%m/%Y})."), err=True
    )


class BoardFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"
    svg = "svg"
    png = "png"


class Chart(str, Enum):
    rate = "rate"
    heatmap = "heatmap"


def board_range(rules: Rules, year: int | None, first: str | None, last: str | None) -> tuple[dt.date, dt.date]:
    """The days a scoreboard covers: ``--year`` (this year by default), or ``--from``/``--to`` periods."""
    from quyche_cli import clock
    from quyche_cli.cli.days import period_asked

    if year is not None and (first or last):
        raise InputError("Chỉ dùng một trong hai: --year hoặc --from/--to.")
    if first or last:
        start = period_asked(rules, first).start if first else dt.date(1, 1, 1)
        end = period_asked(rules, last).end if last else dt.date(9999, 12, 31)
        if start > end:
            raise InputError("--from phải trước --to.")
        return start, end
    year = year or clock.today().year
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _flag(name: str, metavar: str, help: str, env: str | None = None) -> Any:
    """An option with a value and no default shown (read from the environment variable ``env`` too)."""
    return typer.Option(name, metavar=metavar, envvar=env, help=help, show_default=False)


def scoreboard(
    year: Annotated[int | None, _flag("--year", "NĂM", "Năm xếp hạng (mặc định: năm nay).")] = None,
    first: Annotated[str | None, _flag("--from", "KỲ", "Từ kỳ này (ví dụ 2024-Q1), thay cho --year.")] = None,
    last: Annotated[str | None, _flag("--to", "KỲ", "Đến kỳ này (ví dụ 2025-Q4).")] = None,
    committee: CommitteeOption = None,
    by: Annotated[
        str, typer.Option("--by", metavar="CÁCH", help="Văn bản: xếp theo quarter (quý), half (6 tháng) hoặc year.")
    ] = "year",
    format: Annotated[
        BoardFormat, typer.Option("--format", help="text, json, csv, xlsx (mỗi cách xếp một trang), svg hoặc png.")
    ] = BoardFormat.text,
    chart: Annotated[
        Chart, typer.Option("--chart", help="Biểu đồ svg/png: rate (tỷ lệ đúng hạn) hoặc heatmap (hạn theo tháng).")
    ] = Chart.rate,
    out: OutOption = None,
    force: ForceOption = False,
    db: DbOption = None,
    file: FileOption = None,
) -> None:
    """Bảng xếp hạng nộp báo cáo của từng thành viên: phải nộp, đúng hạn, muộn (số ngày), nộp sau đôn đốc,
    chưa nộp, cần xem lại, tỷ lệ đúng hạn; theo quý, 6 tháng và năm, từ sổ theo dõi. Trong thư mục làm việc,
    mọi ban (mỗi dòng ghi ban), hoặc các ban --committee chọn.

    Thoát 0 khi in được bảng, 2 khi đầu vào sai hoặc sổ theo dõi chưa có."""
    from quyche_cli.ledger.scoreboard import scoreboard as compute

    if by not in ("quarter", "half", "year"):
        raise InputError(f"--by '{by}' không có: chọn quarter, half hoặc year.")
    check_output(out, force, "xlsx" if format.value in ("xlsx", "png") else format.value)
    desk = open_desk(file, None)
    start, end = board_range(desk.committees[0].rules, year, first, last)
    ids = desk.ledger_ids(committee)
    with desk.ledger(db) as book:
        board = compute(book.entries(ids, start, end), start, end, ", ".join(ids) if ids else None)
    if format.value not in ("svg", "png"):
        board.by = cast("ViewKind", by)
        emit(board, format.value, None, out, force=force)
        return
    from quyche_cli.ledger.charts import drawn  # only for a chart: the tables need none of it
    from quyche_cli.safewrite import write_atomic

    made = drawn(board, chart.value, format.value)
    if out is None:
        typer.echo(made if isinstance(made, str) else made.decode("latin-1"), nl=False)
        return
    write_atomic(out, made.encode("utf-8") if isinstance(made, str) else made, replace=force)
    typer.echo(f"Đã ghi {out}.", err=True)


class RemindFormat(str, Enum):
    text = "text"
    json = "json"
    eml = "eml"


def _days(text: str) -> list[int]:
    try:
        days = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        days = []
    if not days or any(d < 0 or d > 366 for d in days):
        raise InputError(
            f"--days '{text}' không hợp lệ: ghi các số ngày từ 0 đến 366, cách nhau bởi dấu phẩy (ví dụ 7,1)."
        )
    return days


def _message(round_: Round, reminder: Reminder, sender: str) -> EmailMessage:
    """The reminder as an e-mail to its focal points that have an address."""
    from email.message import EmailMessage
    from email.utils import formataddr

    from quyche_cli.ledger.reminders import letter

    message = EmailMessage()
    message["From"] = sender
    message["To"] = ", ".join(formataddr((c.name, c.email)) for c in reminder.contacts if c.email)
    message["Subject"] = reminder.subject
    message.set_content(letter(round_, reminder))
    return message


def _send(messages: list[EmailMessage], host: str, port: int, starttls: bool, user: str | None) -> None:
    """Send ``messages`` through one SMTP connection; the password only from QUYCHE_SMTP_PASSWORD."""
    import os
    import smtplib
    import ssl

    password = os.environ.get(PASSWORD_ENV)
    if user and not password:
        raise InputError(f"--smtp-user cần mật khẩu trong biến môi trường {PASSWORD_ENV} (không nhận trên dòng lệnh).")
    sent = 0
    try:
        with smtplib.SMTP(host, port, timeout=60) as server:
            if starttls:
                server.starttls(context=ssl.create_default_context())
            if user and password:
                server.login(user, password)
            for message in messages:
                server.send_message(message)
                sent += 1
    except (smtplib.SMTPException, OSError) as exc:
        reason = exc.smtp_error if isinstance(exc, smtplib.SMTPResponseException) else exc
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise OutputError(
            f"Gửi thư qua {host}:{port} không được sau {sent}/{len(messages)} thư: {reason}. Kiểm tra máy chủ, cổng, "
            "STARTTLS và tài khoản."
        ) from None


PASSWORD_ENV = "QUYCHE_SMTP_PASSWORD"


def remind(
    days: Annotated[
        str,
        typer.Option("--days", metavar="NGÀY", help="Nhắc các hạn còn đúng chừng này ngày, ví dụ 7,1 (0: hôm nay)."),
    ] = "7,1",
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Nhắc cả báo cáo quá hạn mà sổ theo dõi ghi là chưa nộp.")
    ] = False,
    committee: CommitteeOption = None,
    format: Annotated[
        RemindFormat, typer.Option("--format", help="text (cho tin nhắn), json, hoặc eml (mỗi thư một tệp, cần --out).")
    ] = RemindFormat.text,
    out: Annotated[Path | None, _flag("--out", "THƯ_MỤC", "Thư mục ghi các tệp .eml (với --format eml).")] = None,
    send: Annotated[bool, typer.Option("--send", help="Gửi thư tới đầu mối qua máy chủ SMTP.")] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Chỉ in những thư sẽ gửi (người nhận, tiêu đề, nội dung), không gửi.")
    ] = False,
    smtp_host: Annotated[str | None, _flag("--smtp-host", "MÁY_CHỦ", "Máy chủ SMTP.", "QUYCHE_SMTP_HOST")] = None,
    smtp_port: Annotated[
        int, typer.Option("--smtp-port", metavar="CỔNG", envvar="QUYCHE_SMTP_PORT", help="Cổng SMTP.")
    ] = 587,
    starttls: Annotated[
        bool,
        typer.Option("--starttls/--no-starttls", envvar="QUYCHE_SMTP_STARTTLS", help="Mã hóa kết nối bằng STARTTLS."),
    ] = True,
    smtp_user: Annotated[
        str | None,
        _flag(
            "--smtp-user",
            "TÀI_KHOẢN",
            f"Tài khoản SMTP; mật khẩu chỉ đọc từ biến môi trường {PASSWORD_ENV}.",
            "QUYCHE_SMTP_USER",
        ),
    ] = None,
    sender: Annotated[str | None, _flag("--from", "ĐỊA_CHỈ", "Địa chỉ người gửi.", "QUYCHE_SMTP_FROM")] = None,
    as_of: Annotated[str | None, _flag("--as-of", "NGÀY", "Ngày nhắc (mặc định: hôm nay).")] = None,
    db: DbOption = None,
    file: FileOption = None,
) -> None:
    """Nhắc hạn báo cáo cho từng thành viên và đầu mối của họ, qua mọi ban của thư mục làm việc (--committee để
    chọn): các hạn còn N ngày (theo Quy chế và lịch làm việc) và, với --overdue, các báo cáo quá hạn (theo sổ
    theo dõi). Mỗi cơ quan nhận một thư, mỗi ban một phần nêu tên ban và quy chế; mỗi mục trích quy định và
    cách tính hạn.

    In văn bản (để dán vào nhóm chat), ghi tệp .eml, hoặc gửi qua SMTP (--send; --dry-run để xem trước). Thoát
    1 khi có thành viên cần nhắc mà không có địa chỉ e-mail đầu mối (khi gửi hoặc ghi .eml), 0 khi đủ."""
    from quyche_cli.cli.output import answered
    from quyche_cli.cli.views.safe import visible
    from quyche_cli.errors import OK, PROBLEMS
    from quyche_cli.safewrite import write_atomic

    wanted = _days(days)
    mailing = send or dry_run or format is RemindFormat.eml
    if format is RemindFormat.eml and out is None:
        raise InputError("--format eml cần --out THƯ_MỤC để ghi các tệp .eml.")
    if out is not None and not out.is_dir():
        raise InputError(f"Thư mục '{out}' không tồn tại; hãy tạo nó trước.")
    if mailing and not sender:
        raise InputError("Cần địa chỉ người gửi: --from ĐỊA_CHỈ hoặc biến môi trường QUYCHE_SMTP_FROM.")
    if send and not dry_run and not smtp_host:
        raise InputError("--send cần máy chủ SMTP: --smtp-host MÁY_CHỦ hoặc biến môi trường QUYCHE_SMTP_HOST.")
    desk = open_desk(file, as_of)
    entries = None
    if overdue:
        with desk.ledger(db) as book:
            entries = book.entries(desk.ledger_ids(committee))
    answer = desk.remind(wanted, entries, committee)
    round_: Round = answer.result
    if not mailing:
        answered(answer, format.value, desk)
        return
    for notice in [*answer.warnings, *round_.notices]:
        typer.echo(visible(f"Lưu ý: {notice}"), err=True)
    reachable = [r for r in round_.reminders if r.emails]
    unreachable = [r.name for r in round_.reminders if not r.emails]
    messages = [_message(round_, r, sender or "") for r in reachable]
    if format is RemindFormat.eml and out is not None:
        for reminder, message in zip(reachable, messages, strict=True):
            message["X-Unsent"] = "1"  # mail programs open the file as a message ready to send
            write_atomic(out / f"{desk.day:%Y-%m-%d}-{reminder.recipient}.eml", message.as_bytes(), replace=True)
        typer.echo(f"Đã ghi {len(messages)} tệp .eml vào {out}.", err=True)
    if dry_run:
        for message in messages:
            typer.echo(visible(f"Sẽ gửi tới {message['To']}: {message['Subject']}"))
            typer.echo(visible(message.get_content()))
        typer.echo(f"(Chạy thử: {len(messages)} thư chưa gửi.)", err=True)
    elif send:
        assert smtp_host is not None
        _send(messages, smtp_host, smtp_port, starttls, smtp_user)
        typer.echo(f"Đã gửi {len(messages)} thư qua {smtp_host}:{smtp_port}.", err=True)
    if unreachable:
        typer.echo(visible(f"Không có địa chỉ e-mail đầu mối, chưa nhắc được: {', '.join(unreachable)}."), err=True)
    raise typer.Exit(PROBLEMS if unreachable else OK)
