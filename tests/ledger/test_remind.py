"""`quyche remind` on the invented committee of tests/data/other.yaml (its agencies have focal points): text
for chat, .eml files, a dry run, and a round sent to a real SMTP server the test starts on 127.0.0.1."""

from __future__ import annotations

import email
import email.policy
import json
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from support import DATA

OTHER = str(DATA / "other.yaml")
# 14/12/2026: the quarterly report (khoản 1 Điều 3) and the monthly one (khoản 3 Điều 3) are both due on
# Monday 21/12/2026, seven days later.
DAY = "2026-12-14"
SENDER = "to-dieu-phoi@hoason.example"


@dataclass
class Mailbox:
    """What the test server received: each message's envelope and bytes, and each login."""

    messages: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    logins: list[tuple[bytes, bytes]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's name)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Mailbox, int]]:
    """A real SMTP server on 127.0.0.1 that accepts the login secretary / s3cret (without TLS: a test)."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    box = Mailbox()

    def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        assert isinstance(data, LoginPassword)
        box.logins.append((data.login, data.password))
        return AuthResult(success=data.login == b"secretary" and data.password == b"s3cret")

    with socket.socket() as probe:  # a free port (the controller checks its own port by connecting to it)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(box, hostname="127.0.0.1", port=port, authenticator=authenticate, auth_require_tls=False)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


def test_text_for_chat(cli: Callable[..., Result]) -> None:
    result = cli("remind", "--file", OTHER, "--days", "7", "--as-of", DAY)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.count("Kính gửi:") == 2
    assert "Kính gửi: Sở Khoa học và Công nghệ" in text and "Kính gửi: Sở Cảng vụ Dữ liệu" in text  # ttdl's seat
    assert text.count("Tổ Điều phối Dữ liệu số tỉnh Hòa Sơn [other]\nNguồn: Quy chế làm việc của Tổ Điều phối") == 2
    assert "ban hành kèm theo Quyết định số 84/QĐ-UBND ngày 20/12/2024." in text
    assert "Đầu mối: Nguyễn Thị Hoa (Chuyên viên Văn phòng Sở, hoa.nt@skhcn.hoason.example, 0203 3812 345)" in text
    assert "- còn 7 ngày: gửi báo cáo quý kỳ 2026-Q4, gửi Tổ trưởng Tổ Điều phối, hạn hết ngày 21/12/2026." in text
    assert 'Quy định: "chậm nhất vào ngày 20 của tháng cuối quý" (khoản 1 Điều 3).' in text
    assert "Chủ nhật 20/12/2026 là ngày nghỉ cuối tuần" in text
    assert 'Quy định: "trước ngày 20 hằng tháng" (khoản 3 Điều 3).' in text
    quiet = cli("remind", "--file", OTHER, "--days", "7,1", "--as-of", "2026-12-15")
    assert quiet.exit_code == 0 and "không cần nhắc" in quiet.stdout
    data = json.loads(cli("remind", "--file", OTHER, "--days", "7", "--as-of", DAY, "--format", "json").stdout)
    assert [r["recipient"] for r in data["reminders"]] == ["skhcn", "scd"]  # the agency holding ttdl's seat
    assert [[p["member"] for p in r["parts"]] for r in data["reminders"]] == [["skhcn"], ["ttdl"]]
    assert data["reminders"][0]["parts"][0]["committee"]["id"] == "other" and data["committees"] == ["other"]
    assert {d["ref"] for d in data["reminders"][0]["parts"][0]["due"]} == {"khoản 1 Điều 3", "khoản 3 Điều 3"}


def test_bad_days(cli: Callable[..., Result]) -> None:
    result = cli("remind", "--file", OTHER, "--days", "7,x")
    assert result.exit_code == 2 and "--days '7,x' không hợp lệ" in result.stderr


def test_eml_files(cli: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "thu"
    out.mkdir()
    result = cli(
        "remind", "--file", OTHER, "--days", "7", "--as-of", DAY, "--format", "eml", "--out", str(out), "--from", SENDER
    )
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.iterdir())
    assert files == ["2026-12-14-scd.eml", "2026-12-14-skhcn.eml"]  # one file for each recipient agency
    message = email.message_from_bytes((out / files[1]).read_bytes(), policy=email.policy.default)
    assert message["To"] == "Nguyễn Thị Hoa <hoa.nt@skhcn.hoason.example>" and message["From"] == SENDER
    assert message["Subject"] == "Nhắc hạn: Sở Khoa học và Công nghệ: còn 7 ngày đến hạn báo cáo"
    body = message.get_body().get_content()  # type: ignore[union-attr]
    assert "(khoản 1 Điều 3)" in body and "hạn hết ngày 21/12/2026" in body
    missing = cli("remind", "--file", OTHER, "--format", "eml", "--from", SENDER)
    assert missing.exit_code == 2 and "cần --out THƯ_MỤC" in missing.stderr


def test_send_a_round(cli: Callable[..., Result], smtp: tuple[Mailbox, int]) -> None:
    box, port = smtp
    server = ["--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--no-starttls", "--from", SENDER]
    args = ["remind", "--file", OTHER, "--days", "7", "--as-of", DAY, "--send", *server, "--smtp-user", "secretary"]
    refused = cli(*args)
    assert refused.exit_code == 2 and "QUYCHE_SMTP_PASSWORD" in refused.stderr and not box.messages
    dry = cli(*args, "--dry-run", env={"QUYCHE_SMTP_PASSWORD": "s3cret"})
    assert dry.exit_code == 0 and "Sẽ gửi tới Lê Minh Châu <chau.lm@scd.hoason.example>" in dry.stdout
    assert not box.messages
    sent = cli(*args, env={"QUYCHE_SMTP_PASSWORD": "s3cret"})
    assert sent.exit_code == 0, sent.output
    assert f"Đã gửi 2 thư qua 127.0.0.1:{port}." in sent.stderr
    assert box.logins[-1] == (b"secretary", b"s3cret")
    assert [(sender, to) for sender, to, _ in box.messages] == [
        (SENDER, ["hoa.nt@skhcn.hoason.example"]),
        (SENDER, ["chau.lm@scd.hoason.example"]),
    ]
    received = email.message_from_bytes(box.messages[1][2], policy=email.policy.default)
    assert received["Subject"] == "Nhắc hạn: Sở Cảng vụ Dữ liệu: còn 7 ngày đến hạn báo cáo"
    assert "(khoản 3 Điều 3)" in received.get_body().get_content()  # type: ignore[union-attr]
    no_password_option = cli(*args, "--smtp-password", "s3cret")
    assert no_password_option.exit_code == 2 and len(box.messages) == 2
    closed_port = ["--smtp-host", "127.0.0.1", "--smtp-port", "1", "--no-starttls", "--from", SENDER]
    closed = cli("remind", "--file", OTHER, "--days", "7", "--as-of", DAY, "--send", *closed_port)
    assert closed.exit_code == 2 and "Gửi thư qua 127.0.0.1:1 không được sau 0/2 thư" in closed.stderr


def test_overdue_from_the_ledger(cli: Callable[..., Result], tmp_path: Path, smtp: tuple[Mailbox, int]) -> None:
    """Q3/2026 recorded with nobody reporting, a đôn đốc to 05/10/2026 unanswered: on 14/12/2026 each member is
    reminded of it too; a member without an e-mail address is named and the exit code is 1."""
    db = tmp_path / "so.sqlite"
    empty = tmp_path / "q3"
    empty.mkdir()
    audit = tmp_path / "q3.json"
    common = ["--file", OTHER, "--db", str(db)]
    cli(
        "check-reports",
        str(empty),
        "--period",
        "2026-Q3",
        "--stream",
        "quarterly",
        "--record",
        "--format",
        "json",
        "--out",
        str(audit),
        *common,
    )
    cli("ledger", "followup", str(audit), "--deadline", "05/10/2026", *common)
    text = cli("remind", "--days", "7", "--overdue", "--as-of", DAY, *common).stdout
    assert "Quá hạn (theo sổ theo dõi):" in text
    assert (
        "- Báo cáo kỳ 2026-Q3: hạn 21/09/2026, quá 84 ngày, chưa nộp; đã đôn đốc, hạn mới 05/10/2026 cũng đã qua."
        in text
    )
    only_overdue = cli("remind", "--days", "0", "--overdue", "--as-of", "2026-12-15", *common)
    assert only_overdue.stdout.count("Kính gửi:") == 2 and "Sắp đến hạn" not in only_overdue.stdout

    box, port = smtp
    edited = tmp_path / "sua"  # the same committee (its id is the file's name), one e-mail address removed
    edited.mkdir()
    rules = edited / "other.yaml"
    rules.write_text(
        Path(OTHER).read_text(encoding="utf-8").replace("email: chau.lm@scd.hoason.example, ", ""), encoding="utf-8"
    )
    server = ["--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--no-starttls", "--from", SENDER, "--send"]
    partly = cli("remind", "--days", "7", "--overdue", "--as-of", DAY, "--file", str(rules), "--db", str(db), *server)
    assert partly.exit_code == 1
    assert "Không có địa chỉ e-mail đầu mối, chưa nhắc được: Sở Cảng vụ Dữ liệu." in partly.stderr
    assert [to for _, to, _ in box.messages] == [["hoa.nt@skhcn.hoason.example"]]
    subject = email.message_from_bytes(box.messages[0][2], policy=email.policy.default)["Subject"]
    assert subject == "Nhắc hạn: Sở Khoa học và Công nghệ: còn 7 ngày đến hạn báo cáo, 1 báo cáo quá hạn"


def test_a_name_on_two_lines_stays_one_header(cli: Callable[..., Result], tmp_path: Path) -> None:
    rules = tmp_path / "hoa-son.yaml"
    text = Path(OTHER).read_text(encoding="utf-8")
    rules.write_text(
        text.replace("    name: Sở Khoa học và Công nghệ\n", '    name: "Sở Khoa học\\nvà Công nghệ"\n'), "utf-8"
    )
    out = tmp_path / "thu"
    out.mkdir()
    args = ["--days", "7", "--as-of", DAY, "--format", "eml", "--out", str(out), "--from", SENDER]
    result = cli("remind", "--file", str(rules), *args)
    assert result.exit_code == 0, result.output
    message = email.message_from_bytes((out / "2026-12-14-skhcn.eml").read_bytes(), policy=email.policy.default)
    assert message["Subject"] == "Nhắc hạn: Sở Khoa học và Công nghệ: còn 7 ngày đến hạn báo cáo"
