"""The ledger commands: record audits over time, show what is recorded and what changed, and the follow-up
loop (the new deadline a đôn đốc set, a giải trình received)."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from quyche_cli.cli.days import parse_day
from quyche_cli.cli.files import check_output, load_json
from quyche_cli.cli.framework import Command, Group
from quyche_cli.cli.options import DataFormat, FileOption, ForceOption, OutOption, PeriodOption, StreamOption
from quyche_cli.cli.output import emit
from quyche_cli.cli.rulesfile import open_rules
from quyche_cli.errors import InputError, NotFoundError, OutputError

if TYPE_CHECKING:
    from email.message import EmailMessage

    from quyche_cli.audit.results import Audit
    from quyche_cli.ledger.reminders import Reminder, Round
    from quyche_cli.ledger.scoreboard import ViewKind
    from quyche_cli.ledger.store import Key, Ledger
    from quyche_cli.rules.index import Rules

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="TỆP",
        help="Tệp sổ theo dõi SQLite, hoặc sqlite:///ĐƯỜNG_DẪN (mặc định: biến QUYCHE_LEDGER, rồi "
        "quyche-ledger.sqlite cạnh tệp quy chế đang dùng). Chỉ hỗ trợ SQLite.",
        show_default=False,
    ),
]
CommitteeOption = Annotated[
    str | None,
    typer.Option(
        "--committee",
        metavar="BAN",
        help="Chỉ Ban Chỉ đạo này (tên như trong document.committee của tệp quy chế; mặc định: mọi Ban trong sổ).",
        show_default=False,
    ),
]
AuditArgument = Annotated[
    Path, typer.Argument(metavar="KẾT_QUẢ.json", help="Kết quả JSON của 'quyche check-reports --format json'.")
]

ledger = typer.Typer(
    name="ledger",
    cls=Group,
    no_args_is_help=True,
    add_completion=False,
    help="Sổ theo dõi: ghi kết quả kiểm tra báo cáo qua các kỳ, xem lại, ghi hạn đôn đốc và giải trình.",
)


def open_for(db: str | None, rules: Rules | None, create: bool = False) -> Ledger:
    """The ledger the user means (see :func:`quyche_cli.ledger.store.ledger_path`)."""
    from quyche_cli.ledger.store import ledger_path, open_ledger

    return open_ledger(ledger_path(db, rules), create)


def record_audit(audit: Audit, rules: Rules, db: str | None, origin: dict[str, str] | None = None) -> None:
    """Record ``audit`` in the ledger and say on stderr what it did; the audit's verdicts then carry the
    follow-up the ledger knows (đôn đốc answered in time, giải trình)."""
    from quyche_cli.cli.views.safe import visible
    from quyche_cli.ledger.store import committee_of

    with open_for(db, rules, create=True) as book:
        done = book.record(audit, committee_of(rules), origin or rules.origin)
        annotate(audit, book, done.key)
    how = "ghi lại (thay kết quả trước)" if done.replaced else "ghi"
    typer.echo(
        visible(
            f"Đã {how} kỳ {done.key.period} của {done.key.committee} vào sổ theo dõi {done.path}: {done.members} "
            f"thành viên, {len(done.changes)} thay đổi."
        ),
        err=True,
    )


def annotate(audit: Audit, book: Ledger, key: Key) -> None:
    """Add to each verdict's note what the ledger knows of its follow-up: answered after a đôn đốc, still
    missing after the new deadline, explanations received."""
    from quyche_cli.ledger.followup import followup_note

    found = {e.member: e for e in book.entries(key.committee) if e.key == key}
    for verdict in audit.members:
        entry = found.get(verdict.member)
        note = followup_note(entry, audit.as_of) if entry else ""
        if note:
            verdict.note = f"{verdict.note} {note}".strip()


@ledger.command("record", cls=Command)
def record(audit_file: AuditArgument, db: DbOption = None, file: FileOption = None) -> None:
    """Ghi một kết quả kiểm tra (JSON của check-reports) vào sổ theo dõi; ghi lại một kỳ thì thay kết quả cũ
    của kỳ đó và lưu lịch sử thay đổi."""
    from quyche_cli.audit.results import Audit

    data = load_json(audit_file, "KẾT_QUẢ.json")
    audit = Audit.from_dict(data)
    rules = open_rules(file)
    origin = data.get("rules_file") if isinstance(data, dict) else None
    record_audit(audit, rules, db, origin if isinstance(origin, dict) else None)


@ledger.command("show", cls=Command)
def show(
    committee: CommitteeOption = None,
    db: DbOption = None,
    file: FileOption = None,
    format: Annotated[DataFormat, typer.Option("--format", help="text hoặc json.")] = DataFormat.text,
) -> None:
    """Các kỳ đã ghi trong sổ theo dõi: hạn, ngày ghi, số thành viên theo kết quả."""
    from quyche_cli.ledger.store import Listing

    rules = open_rules(file)
    with open_for(db, rules) as book:
        emit(Listing(book.path, book.periods(committee)), format.value)


@ledger.command("history", cls=Command)
def history(
    member: Annotated[
        str | None, typer.Option("--member", metavar="MÃ", help="Chỉ thành viên này (mã).", show_default=False)
    ] = None,
    period: PeriodOption = None,
    committee: CommitteeOption = None,
    db: DbOption = None,
    file: FileOption = None,
    format: Annotated[DataFormat, typer.Option("--format", help="text hoặc json.")] = DataFormat.text,
) -> None:
    """Lịch sử thay đổi: mỗi lần ghi một kỳ đã đổi kết quả của thành viên nào, từ gì sang gì."""
    from quyche_cli.ledger.store import History
    from quyche_cli.schedule.periods import parse_period

    label = parse_period(period).label if period else None
    rules = open_rules(file)
    with open_for(db, rules) as book:
        emit(History(book.path, book.history(committee, member, label)), format.value)


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
    db: DbOption = None,
    file: FileOption = None,
) -> None:
    """Ghi hạn mới mà công văn đôn đốc đặt cho từng thành viên chưa nộp trong kết quả kiểm tra: báo cáo đến
    trước hạn đó được tính là "nộp sau đôn đốc"."""
    from quyche_cli.audit.results import Audit
    from quyche_cli.cli.views.safe import visible
    from quyche_cli.ledger.followup import addressees
    from quyche_cli.ledger.store import Key, committee_of

    audit = Audit.from_dict(load_json(audit_file, "KẾT_QUẢ.json"))
    day = parse_day(deadline, "--deadline")
    assert day is not None
    if day <= audit.deadline:
        raise InputError(f"--deadline {day:%d/%m/%Y} phải sau hạn nộp báo cáo ({audit.deadline:%d/%m/%Y}).")
    rules = open_rules(file)
    key = Key(committee_of(rules), audit.stream or "", audit.period.label)
    names = addressees(audit)
    if not names:
        raise NotFoundError("Không có thành viên nào chưa nộp trong kết quả kiểm tra: không có gì để đôn đốc.")
    with open_for(db, rules, create=True) as book:
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
    db: DbOption = None,
    file: FileOption = None,
) -> None:
    """Ghi một giải trình của thành viên cho một kỳ báo cáo; lần kiểm tra sau và bảng xếp hạng sẽ nêu."""
    from quyche_cli import clock
    from quyche_cli.cli.days import period_asked
    from quyche_cli.cli.rulesfile import member as resolve
    from quyche_cli.cli.views.safe import visible
    from quyche_cli.ledger.store import committee_of

    rules = open_rules(file)
    chosen = period_asked(rules, period)
    day = parse_day(received, "--received") or clock.today()
    target = resolve(rules, member, chosen.end)  # the member as the period's audit named it
    with open_for(db, rules) as book:
        keys = [k for k in book.keys(committee_of(rules), chosen.label) if stream is None or k.stream == stream]
        if len(keys) != 1:
            found = ", ".join(k.stream or "(một luồng)" for k in keys)
            raise InputError(
                f"Sổ theo dõi chưa ghi kỳ {chosen.label} của Ban này{' ở luồng ' + stream if stream else ''}."
                if not keys
                else f"Kỳ {chosen.label} có nhiều luồng báo cáo ({found}): chọn một bằng --stream."
            )
        if not any(e.member == target.id for e in book.entries(keys[0].committee) if e.key == keys[0]):
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


def scoreboard(
    year: Annotated[
        int | None,
        typer.Option("--year", metavar="NĂM", help="Năm xếp hạng (mặc định: năm nay).", show_default=False),
    ] = None,
    first: Annotated[
        str | None,
        typer.Option("--from", metavar="KỲ", help="Từ kỳ này (ví dụ 2024-Q1), thay cho --year.", show_default=False),
    ] = None,
    last: Annotated[
        str | None, typer.Option("--to", metavar="KỲ", help="Đến kỳ này (ví dụ 2025-Q4).", show_default=False)
    ] = None,
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
    chưa nộp, cần xem lại, tỷ lệ đúng hạn; theo quý, 6 tháng và năm, từ sổ theo dõi.

    Thoát 0 khi in được bảng, 2 khi đầu vào sai hoặc sổ theo dõi chưa có."""
    from quyche_cli.ledger import charts
    from quyche_cli.ledger.scoreboard import scoreboard as compute
    from quyche_cli.safewrite import write_atomic

    if by not in ("quarter", "half", "year"):
        raise InputError(f"--by '{by}' không có: chọn quarter, half hoặc year.")
    check_output(out, force, "xlsx" if format.value in ("xlsx", "png") else format.value)
    rules = open_rules(file)
    start, end = board_range(rules, year, first, last)
    with open_for(db, rules) as book:
        board = compute(book.entries(committee, start, end), start, end, committee)
    if format.value not in ("svg", "png"):
        board.by = cast("ViewKind", by)
        emit(board, format.value, None, out, force=force)
        return
    made: str | bytes
    if format.value == "png":
        if chart is not Chart.rate:
            raise InputError("PNG chỉ có biểu đồ tỷ lệ đúng hạn (--chart rate); bản đồ hạn theo tháng: --format svg.")
        made = charts.rate_png(board)
    else:
        made = charts.rate_svg(board) if chart is Chart.rate else charts.heatmap_svg(board)
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
    format: Annotated[
        RemindFormat, typer.Option("--format", help="text (cho tin nhắn), json, hoặc eml (mỗi thư một tệp, cần --out).")
    ] = RemindFormat.text,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", metavar="THƯ_MỤC", help="Thư mục ghi các tệp .eml (với --format eml).", show_default=False
        ),
    ] = None,
    send: Annotated[bool, typer.Option("--send", help="Gửi thư tới đầu mối qua máy chủ SMTP.")] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Chỉ in những thư sẽ gửi (người nhận, tiêu đề, nội dung), không gửi.")
    ] = False,
    smtp_host: Annotated[
        str | None,
        typer.Option(
            "--smtp-host", metavar="MÁY_CHỦ", envvar="QUYCHE_SMTP_HOST", help="Máy chủ SMTP.", show_default=False
        ),
    ] = None,
    smtp_port: Annotated[
        int, typer.Option("--smtp-port", metavar="CỔNG", envvar="QUYCHE_SMTP_PORT", help="Cổng SMTP.")
    ] = 587,
    starttls: Annotated[
        bool,
        typer.Option("--starttls/--no-starttls", envvar="QUYCHE_SMTP_STARTTLS", help="Mã hóa kết nối bằng STARTTLS."),
    ] = True,
    smtp_user: Annotated[
        str | None,
        typer.Option(
            "--smtp-user",
            metavar="TÀI_KHOẢN",
            envvar="QUYCHE_SMTP_USER",
            help=f"Tài khoản SMTP; mật khẩu chỉ đọc từ biến môi trường {PASSWORD_ENV}.",
            show_default=False,
        ),
    ] = None,
    sender: Annotated[
        str | None,
        typer.Option(
            "--from", metavar="ĐỊA_CHỈ", envvar="QUYCHE_SMTP_FROM", help="Địa chỉ người gửi.", show_default=False
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="NGÀY", help="Ngày nhắc (mặc định: hôm nay).", show_default=False),
    ] = None,
    db: DbOption = None,
    file: FileOption = None,
) -> None:
    """Nhắc hạn báo cáo cho từng thành viên và đầu mối của họ: các hạn còn N ngày (theo Quy chế và lịch làm việc)
    và, với --overdue, các báo cáo quá hạn (theo sổ theo dõi); mỗi mục nêu quy định và cách tính hạn.

    In văn bản (để dán vào nhóm chat), ghi tệp .eml, hoặc gửi qua SMTP (--send; --dry-run để xem trước). Thoát
    1 khi có thành viên cần nhắc mà không có địa chỉ e-mail đầu mối (khi gửi hoặc ghi .eml), 0 khi đủ."""
    from quyche_cli.cli.days import day_asked
    from quyche_cli.cli.views.safe import visible
    from quyche_cli.errors import OK, PROBLEMS
    from quyche_cli.ledger.reminders import reminders
    from quyche_cli.ledger.store import committee_of
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
    rules = open_rules(file)
    day = day_asked(as_of, rules)
    committee = committee_of(rules)
    entries = None
    if overdue:
        with open_for(db, rules) as book:
            entries = book.entries(committee)
    round_ = reminders(rules, committee, day, wanted, entries)
    if not mailing:
        emit(round_, format.value, rules)
        return
    for notice in round_.notices:
        typer.echo(visible(f"Lưu ý: {notice}"), err=True)
    reachable = [r for r in round_.reminders if r.emails]
    unreachable = [r.name for r in round_.reminders if not r.emails]
    messages = [_message(round_, r, sender or "") for r in reachable]
    if format is RemindFormat.eml and out is not None:
        for reminder, message in zip(reachable, messages, strict=True):
            message["X-Unsent"] = "1"  # mail programs open the file as a message ready to send
            write_atomic(out / f"{day:%Y-%m-%d}-{reminder.member}.eml", message.as_bytes(), replace=True)
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
