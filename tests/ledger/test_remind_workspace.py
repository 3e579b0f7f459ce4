"""`quyche remind` across the committees of a workspace (tests/data/workspace, focal points added to its
registry): one message for each recipient agency, a part for each committee it sits in naming the committee
and its regulation, each deadline quoting its rule; `--committee` narrows. Sent to a real SMTP server the test
starts on 127.0.0.1."""

from __future__ import annotations

import email
import email.policy
import json
import shutil
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

import pytest
from test_remind import Mailbox, smtp  # noqa: F401 (the fixture)
from typer.testing import Result

from support import DATA

# 17/12/2026: the food-safety committee's quarterly report is due on Monday 21/12/2026 (4 days), the Bắc Ninh
# committee's on Thursday 24/12/2026 (7 days).
DAY = "2026-12-17"
SENDER = "van-phong@bacninh.example"
CONTACTS = {
    "stc": ["{name: Phạm Thu Trang, email: trang.pt@stc.bacninh.example, role: Chuyên viên Văn phòng Sở}"],
    "syt": ["{name: Đỗ Văn Long, email: long.dv@syt.bacninh.example, phone: '0222 3822 111'}"],
    "sct": ["{name: Vũ Thị Mai, phone: '0222 3822 333'}"],  # no e-mail address
}
ATTP = "Ban Chỉ đạo liên ngành về an toàn thực phẩm tỉnh [an-toan-thuc-pham]"
BAC_NINH = "Ban Chỉ đạo Cải cách hành chính, Chuyển đổi số và Đề án 06 tỉnh Bắc Ninh [quyche]"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of tests/data/workspace whose registry gives Sở Tài chính, Sở Y tế and Sở Công Thương focal points."""
    folder = tmp_path / "tinh"
    shutil.copytree(DATA / "workspace", folder)
    registry = folder / "to-chuc.yaml"
    text = registry.read_text(encoding="utf-8")
    for agency, lines in CONTACTS.items():
        head = f"  - id: {agency}\n"
        start = text.index(head)
        end = text.index("    head: ", start)
        end = text.index("\n", end) + 1
        text = text[:end] + "    contacts:\n" + "".join(f"      - {line}\n" for line in lines) + text[end:]
    registry.write_text(text, encoding="utf-8")
    return folder


def body(message: EmailMessage) -> str:
    return message.get_body().get_content()  # type: ignore[union-attr,no-any-return]


def test_one_message_per_recipient_across_committees(
    cli: Callable[..., Result],
    workspace: Path,
    smtp: tuple[Mailbox, int],  # noqa: F811
) -> None:
    box, port = smtp
    server = ["--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--no-starttls", "--from", SENDER]
    sent = cli("-C", str(workspace), "remind", "--days", "4,7", "--as-of", DAY, "--send", *server)
    assert sent.exit_code == 1, sent.output  # Sở Công Thương has no e-mail address
    assert f"Đã gửi 2 thư qua 127.0.0.1:{port}." in sent.stderr
    assert "Không có địa chỉ e-mail đầu mối, chưa nhắc được:" in sent.stderr and "Sở Công Thương" in sent.stderr
    received = {to[0]: email.message_from_bytes(data, policy=email.policy.default) for _, to, data in box.messages}
    assert sorted(received) == ["long.dv@syt.bacninh.example", "trang.pt@stc.bacninh.example"]
    finance = received["trang.pt@stc.bacninh.example"]
    assert finance["To"] == "Phạm Thu Trang <trang.pt@stc.bacninh.example>" and finance["From"] == SENDER
    assert finance["Subject"] == "Nhắc hạn: Sở Tài chính: còn 4 ngày đến hạn báo cáo"
    text = body(finance)
    assert text.startswith("Kính gửi: Sở Tài chính\nĐầu mối: Phạm Thu Trang (Chuyên viên Văn phòng Sở, trang.pt@")
    assert text.index(ATTP) < text.index(BAC_NINH)  # both committees in one message, each named
    food, reform = text.split(BAC_NINH)
    assert "Nguồn: Quy chế hoạt động của Ban Chỉ đạo liên ngành về an toàn thực phẩm tỉnh, ban hành kèm theo " in food
    assert "- còn 4 ngày:" in food and "hạn hết ngày 21/12/2026." in food
    assert 'Quy định: "chậm nhất ngày 20 của tháng cuối quý" (khoản 1 Điều 3).' in food
    assert "Nguồn: Quy chế hoạt động và phân công nhiệm vụ thành viên Ban Chỉ đạo Cải cách hành chính" in reform
    assert "(dự thảo)." in reform and "- còn 7 ngày:" in reform and "hạn hết ngày 24/12/2026." in reform
    assert 'Quy định: "Định kỳ trước ngày 25 của tháng cuối Quý" (đoạn 2 Điều 10).' in reform
    health = body(received["long.dv@syt.bacninh.example"])
    # Sở Y tế receives the food-safety reports; its own report there is due on 25/12 (8 days): not in this round
    assert ATTP not in health and BAC_NINH in health and health.count("Kính gửi:") == 1

    listed = json.loads(cli("-C", str(workspace), "remind", "--days", "4,7", "--as-of", DAY, "--format", "json").stdout)
    assert listed["committees"] == ["an-toan-thuc-pham", "quyche"]
    recipients = [r["recipient"] for r in listed["reminders"]]
    assert len(recipients) == len(set(recipients))  # one reminder for each recipient
    stc = next(r for r in listed["reminders"] if r["recipient"] == "stc")
    assert [p["committee"]["id"] for p in stc["parts"]] == ["an-toan-thuc-pham", "quyche"]


@pytest.mark.parametrize("named", ["an-toan-thuc-pham", "Ban Chỉ đạo liên ngành về an toàn thực phẩm tỉnh"])
def test_committee_narrows(
    cli: Callable[..., Result],
    workspace: Path,
    smtp: tuple[Mailbox, int],  # noqa: F811
    named: str,
) -> None:
    box, port = smtp
    server = ["--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--no-starttls", "--from", SENDER, "--send"]
    sent = cli("-C", str(workspace), "remind", "--days", "4,7", "--as-of", DAY, "--committee", named, *server)
    assert f"Đã gửi 1 thư qua 127.0.0.1:{port}." in sent.stderr  # Sở Y tế is not reminded of this committee
    assert [to for _, to, _ in box.messages] == [["trang.pt@stc.bacninh.example"]]
    for _, _, data in box.messages:
        text = body(email.message_from_bytes(data, policy=email.policy.default))  # type: ignore[arg-type]
        assert ATTP in text and BAC_NINH not in text and "còn 7 ngày" not in text
    only = cli("-C", str(workspace), "remind", "--days", "7", "--as-of", DAY, "--committee", named)
    assert only.exit_code == 0 and "không cần nhắc" in only.stdout  # its deadline is 4 days away, not 7
    wrong = cli("-C", str(workspace), "remind", "--as-of", DAY, "--committee", "khong-co")
    assert wrong.exit_code == 2 and "Không có ban 'khong-co'" in wrong.stderr
