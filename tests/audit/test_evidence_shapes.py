"""Issue 24 on the other shapes of committee: the national committee's Tiểu ban reporting every 3 days and its
ministers' seats reporting monthly (tests/data/national.yaml), a commune's working group reporting monthly
(tests/data/commune.yaml), and a committee of the workspace (tests/data/workspace/, ``check-reports
--committee``). Each folder holds the reports as they really arrive: a .zip of two reports, the PDF copy of one
of them signed after the deadline and attached to an Outlook .msg, the PDF copy of the other attached to an
.eml that arrived after the deadline while the register recorded its .docx on the deadline day. Every verdict,
and its evidence, in text, JSON, CSV and XLSX."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import Result

from support import (
    DATA,
    FONT,
    Report,
    TestCA,
    run_all,
    shown_everywhere,
    write_docx,
    write_eml,
    write_msg,
    write_pdf,
    write_register,
    write_zip,
)

needs_font = pytest.mark.skipif(not FONT.exists(), reason="DejaVuSans.ttf (fonts-dejavu-core) is not installed")
VN = dt.timezone(dt.timedelta(hours=7))
WORKSPACE = DATA / "workspace"


@dataclass(frozen=True)
class Sender:
    member: str
    letterhead: str  # the issuer line, as quyche's own `render bao-cao` writes it
    symbol: str
    organisation: str  # the signer's organisation in the certificate


@dataclass(frozen=True)
class Shape:
    name: str
    args: tuple[str, ...]  # how check-reports reaches the regulation and the stream
    before: tuple[str, ...]  # global options (the workspace)
    superior: str
    place: str
    period_line: str
    deadline: dt.date
    signed: Sender  # its PDF copy is signed the day after the deadline and sent in an Outlook .msg
    registered: Sender  # the register records its .docx on the deadline day; its PDF copy comes by e-mail later
    missing: tuple[str, ...]  # the other reporters of the stream

    @property
    def day_before(self) -> dt.date:
        return self.deadline - dt.timedelta(days=1)


SHAPES = [
    Shape(
        "national-tieu-ban-3-ngay",
        ("--file", str(DATA / "national.yaml"), "--stream", "three_days", "--period", "2026-11-18..2026-11-20"),
        (),
        "",
        "Hà Nội",
        "Kết quả thực hiện nhiệm vụ dữ liệu mở từ ngày 18/11/2026 đến ngày 20/11/2026",
        dt.date(2026, 11, 20),
        Sender("tb_ha_tang", "TIỂU BAN HẠ TẦNG DỮ LIỆU", "TBHT-BCĐDLM", "Tiểu ban Hạ tầng dữ liệu"),
        Sender("tb_phap_ly", "TIỂU BAN PHÁP LÝ DỮ LIỆU", "TBPL-BCĐDLM", "Tiểu ban Pháp lý dữ liệu"),
        (),
    ),
    Shape(
        "national-uy-vien-hang-thang",
        ("--file", str(DATA / "national.yaml"), "--stream", "monthly", "--period", "2026-11"),
        (),
        "",
        "Hà Nội",
        "Kết quả thực hiện nhiệm vụ dữ liệu mở tháng 11 năm 2026",
        dt.date(2026, 11, 25),
        Sender("bca", "BỘ CÔNG AN", "BCA", "Bộ Công an"),
        Sender("vpcp", "VĂN PHÒNG CHÍNH PHỦ", "VPCP", "Văn phòng Chính phủ"),
        ("btc", "bnnmt"),
    ),
    Shape(
        "commune-hang-thang",
        ("--file", str(DATA / "commune.yaml"), "--period", "2026-11"),
        (),
        "UBND XÃ TÂN HÒA",
        "Tân Hòa",
        "Kết quả thực hiện nhiệm vụ chuyển đổi số tháng 11 năm 2026",
        dt.date(2026, 11, 19),
        Sender("cax", "CÔNG AN XÃ TÂN HÒA", "CAX", "Công an xã Tân Hòa"),
        Sender("to_pho", "PHÓ CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ – TỔ PHÓ", "TCT", "Ủy ban nhân dân xã Tân Hòa"),
        ("van_phong",),
    ),
    Shape(
        "workspace-an-toan-thuc-pham",
        ("--committee", "an-toan-thuc-pham", "--period", "2026-Q4"),
        ("-C", str(WORKSPACE)),
        "UBND TỈNH",
        "Bắc Ninh",
        "Kết quả bảo đảm an toàn thực phẩm quý IV năm 2026",
        dt.date(2026, 12, 21),
        Sender("cat", "CÔNG AN TỈNH", "CAT", "Công an tỉnh"),
        Sender("stc", "SỞ TÀI CHÍNH", "STC", "Sở Tài chính"),
        ("sct", "snnmt"),
    ),
]


def report(shape: Shape, sender: Sender, number: str) -> Report:
    day = shape.day_before
    return Report(
        issuer=sender.letterhead,
        symbol=sender.symbol,
        number=number,
        superior=shape.superior,
        date_line=f"{shape.place}, ngày {day.day} tháng {day.month} năm {day.year}",
        period_line=shape.period_line,
    )


def build(shape: Shape, tmp_path: Path) -> tuple[Path, Path]:
    """The folder of reports received, and the register exported by the document system."""
    folder = tmp_path / shape.name
    folder.mkdir()
    made = tmp_path / "made"
    made.mkdir()
    signed, registered = report(shape, shape.signed, "31"), report(shape, shape.registered, "32")
    write_zip(
        folder / "goi-bao-cao.zip",
        {
            f"{shape.signed.symbol}_BC.docx": write_docx(made / "a.docx", signed).read_bytes(),
            f"{shape.registered.symbol}_BC.docx": write_docx(made / "b.docx", registered).read_bytes(),
        },
    )
    after = shape.deadline + dt.timedelta(days=1)
    ca = TestCA(tmp_path)
    pdf = write_pdf(made / f"{shape.signed.symbol}_BC.pdf", signed)
    ca.sign(pdf, ca.issue("Nguyễn Văn An", shape.signed.organisation), dt.datetime.combine(after, dt.time(9, 12), VN))
    write_msg(
        folder / "thu-outlook.msg",
        {pdf.name: pdf.read_bytes()},
        submitted=f"{after:%Y-%m-%d}T09:20:00+07:00",
        delivered=f"{after:%Y-%m-%d}T09:21:00+07:00",
        sender="vanthu.a@example.gov.vn",
    )
    copy = write_pdf(made / f"{shape.registered.symbol}_BC.pdf", registered)
    later = shape.deadline + dt.timedelta(days=2)
    write_eml(
        folder / "thu.eml",
        {copy.name: copy.read_bytes()},
        date=f"{later:%a, %d %b %Y} 08:00:00 +0700",
        received=f"{later:%a, %d %b %Y} 01:05:00 +0000",
        sender="Văn thư <vanthu.b@example.gov.vn>",
    )
    register = write_register(
        tmp_path / "so-van-ban-den.csv",
        [
            [
                dt.datetime.combine(shape.deadline, dt.time(16, 45)),
                f"32/BC-{shape.registered.symbol}",
                shape.registered.organisation,
                shape.period_line,
                f"{shape.registered.symbol}_BC.docx",
            ]
        ],
    )
    return folder, register


@needs_font
@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: s.name)
def test_every_kind_of_arrival_on_each_shape(cli: Callable[..., Result], tmp_path: Path, shape: Shape) -> None:
    folder, register = build(shape, tmp_path)
    found = run_all(cli, folder, *shape.args, "--received", str(register), before=shape.before)
    members, files = found["members"], found["files"]
    a, b = shape.signed, shape.registered
    after, deadline = shape.deadline + dt.timedelta(days=1), shape.deadline
    assert found["json"]["deadline"]["last_day"] == f"{deadline:%Y-%m-%d}"
    assert {m: (v["status"], v["submitted"]) for m, v in members.items()} == {
        # Signed the day after the deadline: it cannot have been sent before, whatever its date line says.
        a.member: ("late", f"{after:%Y-%m-%d}"),
        # The register recorded the .docx on the deadline day: it wins over the e-mailed copy's later arrival.
        b.member: ("on_time", f"{deadline:%Y-%m-%d}"),
        **{m: ("missing", None) for m in shape.missing},
    }
    assert members[a.member]["evidence"] == "thời gian ký số (sau hạn)"
    assert members[b.member]["evidence"] == "ngày nhận (sổ văn bản đến, --received)"
    # Each file of the zip, the .msg and the .eml is audited under its container's name, as one submission with
    # its copy.
    signed_pdf = files[f"thu-outlook.msg › {a.symbol}_BC.pdf"]
    assert signed_pdf["copy_of"] == f"goi-bao-cao.zip › {a.symbol}_BC.docx" and signed_pdf["member"] == a.member
    assert signed_pdf["mail_sender"] == "vanthu.a@example.gov.vn"
    assert signed_pdf["mail_arrived"].startswith(f"{after:%Y-%m-%d} 09:21")
    assert signed_pdf["mail_sent"].startswith(f"{after:%Y-%m-%d} 09:20")
    (signature,) = signed_pdf["signatures"]
    assert (signature["signer"], signature["organisation"]) == ("Nguyễn Văn An", a.organisation)
    assert signature["signed_at"].startswith(f"{after:%Y-%m-%d} 09:12") and signature["trusted"] is None
    assert signature["revocation"] == "chưa kiểm tra chứng thư có bị thu hồi hay không (không tra CRL/OCSP)"
    mailed = files[f"thu.eml › {b.symbol}_BC.pdf"]
    assert mailed["copy_of"] == f"goi-bao-cao.zip › {b.symbol}_BC.docx" and mailed["received"] == f"{deadline:%Y-%m-%d}"
    assert files[f"goi-bao-cao.zip › {b.symbol}_BC.docx"]["register_line"] == 4
    # The evidence of each verdict, in every format: what was used, and what was weighed.
    when = f"{after:%d/%m/%Y}"
    shown_everywhere(found, a.member, f"thời gian ký tự khai {when} 09:12", "thời gian ký số (sau hạn)")
    shown_everywhere(found, a.member, "chưa xác minh chuỗi chứng thư", "chưa kiểm tra chứng thư có bị thu hồi")
    shown_everywhere(found, a.member, f"thư đến máy chủ nhận {when} 09:21 (Received)", "người gửi thư: vanthu.a@")
    registered_line = f"ngày nhận {deadline:%d/%m/%Y} 16:45 (sổ văn bản đến dòng 4) → dùng"
    shown_everywhere(
        found, b.member, registered_line, f"thư đến máy chủ nhận {shape.deadline + dt.timedelta(days=2):%d/%m/%Y} 08:05"
    )
    if shape.before:
        assert found["json"]["committee"]["id"] == "an-toan-thuc-pham"
        assert found["json"]["committee_chosen_by"] == "--committee"
    # Grouped by status (--group), in a workspace too.
    base = [*shape.before, "check-reports", str(folder), "--as-of", "2027-01-15", *shape.args]
    grouped = cli(*base, "--received", str(register), "--group")
    assert grouped.exit_code == 1, grouped.output
    assert "Muộn (1)" in grouped.stdout and "Đúng hạn (1)" in grouped.stdout
    assert ("Chưa nộp" in grouped.stdout) == bool(shape.missing)
