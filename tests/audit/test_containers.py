"""Reports inside containers (issue 24): every member of a .zip and every attachment of an e-mail is audited as
if it lay in the folder, within bounds; what cannot be opened (an escaping path, an encrypted member, a bomb,
too many files, nesting too deep, .rar) gets its own reason and never stops the audit."""

from __future__ import annotations

import json
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from quyche_cli.audit.containers import MAX_MEMBERS, MAX_NESTING, unpack
from support import Report, write_docx, write_eml, write_msg, write_zip

Q4 = {"period_line": "Báo cáo quý IV năm 2026"}


def docx(tmp_path: Path, issuer: str, symbol: str, day: int = 20) -> bytes:
    report = Report(issuer=issuer, symbol=symbol, date_line=f"Bắc Ninh, ngày {day} tháng 12 năm 2026", **Q4)
    return write_docx(tmp_path / "x.docx", report).read_bytes()


def audit(cli: Callable[..., Result], folder: Path) -> dict[str, Any]:
    result = cli("check-reports", str(folder), "--period", "2026-Q4", "--as-of", "2027-01-15", "--format", "json")
    assert result.exit_code == 1, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    data["by_file"] = {f["file"]: f for f in data["files"]}
    data["by_member"] = {m["member"]: m for m in data["members"]}
    return data


def encrypted(path: Path) -> Path:
    """Set the "encrypted" flag of every entry, in the local headers and the central directory, as a zip made
    with a password has it."""
    raw = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = raw.find(signature)
        while start != -1:
            raw[start + offset] |= 0x1
            start = raw.find(signature, start + 4)
    path.write_bytes(bytes(raw))
    return path


def test_each_member_of_a_zip_is_audited_under_its_archive_name(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "q4"
    folder.mkdir()
    inner = write_zip(tmp_path / "inner.zip", {"stp.docx": docx(tmp_path, "SỞ TƯ PHÁP", "STP", 23)})
    write_zip(
        folder / "bao cao.zip",
        {
            "SYT.docx": docx(tmp_path, "SỞ Y TẾ", "SYT"),
            "con/inner.zip": inner.read_bytes(),
            "__MACOSX/._SYT.docx": b"\x00\x05",
            "~$SYT.docx": b"lock",
            "../../etc/passwd.docx": b"x",
            "/abs.docx": b"x",
        },
    )
    data = audit(cli, folder)
    files, members = data["by_file"], data["by_member"]
    assert members["syt"]["status"] == "on_time" and members["syt"]["files"] == ["bao cao.zip › SYT.docx"]
    assert members["stp"]["status"] == "on_time"
    assert files["bao cao.zip › con/inner.zip › stp.docx"]["member"] == "stp"
    assert "trỏ ra ngoài thư mục" in files["bao cao.zip › ../../etc/passwd.docx"]["problem"]
    assert "trỏ ra ngoài thư mục" in files["bao cao.zip › /abs.docx"]["problem"]
    assert not [name for name in files if "MACOSX" in name or "~$" in name]
    assert not (tmp_path / "etc").exists()


def test_what_a_zip_may_not_do_gets_a_reason(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "q4"
    folder.mkdir()
    encrypted(write_zip(folder / "SYT mat khau.zip", {"SYT.docx": docx(tmp_path, "SỞ Y TẾ", "SYT")}))
    write_zip(folder / "bomb.zip", {"STC.docx": b"\x00" * (4 * 2**20)})
    (folder / "hong.zip").write_bytes(b"PK\x03\x04 not a zip")
    many = {f"{i}.txt": b"x" for i in range(MAX_MEMBERS + 1)}
    write_zip(folder / "nhieu.zip", many)
    nested = write_zip(tmp_path / "l0.zip", {"STP.docx": docx(tmp_path, "SỞ TƯ PHÁP", "STP")})
    for level in range(MAX_NESTING):
        nested = write_zip(tmp_path / f"l{level + 1}.zip", {nested.name: nested.read_bytes()})
    (folder / nested.name).write_bytes(nested.read_bytes())
    data = audit(cli, folder)
    files, members = data["by_file"], data["by_member"]
    assert "được mã hóa (có mật khẩu)" in files["SYT mat khau.zip › SYT.docx"]["problem"]
    # The member is guessed from the names and needs review: the report is there, unread.
    assert members["syt"]["status"] == "needs_review" and "mật khẩu" in members["syt"]["reason"]
    assert "zip bomb" in files["bomb.zip › STC.docx"]["problem"]
    assert files["hong.zip"]["problem"] == "tệp .zip hỏng (không mở được)"
    assert f"quá giới hạn {MAX_MEMBERS}" in files["nhieu.zip"]["problem"]
    deepest = next(name for name in files if name.startswith(nested.name))
    assert "lồng quá sâu" in files[deepest]["problem"]


def test_archives_and_messages_not_opened_say_what_to_do(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "q4"
    folder.mkdir()
    (folder / "SYT_BC.7z").write_bytes(b"7z\xbc\xaf\x27\x1c")
    (folder / "STC_BC.rar").write_bytes(b"Rar!\x1a\x07\x01\x00")
    (folder / "STP thu.msg").write_bytes(b"\xd0\xcf\x11\xe0")
    data = audit(cli, folder)
    files, members = data["by_file"], data["by_member"]
    assert files["SYT_BC.7z"]["problem"] == "tệp .7z hỏng (không mở được)"
    assert "hãy giải nén vào thư mục" in files["STC_BC.rar"]["problem"]
    assert files["STP thu.msg"]["problem"].startswith("thư Outlook .msg hỏng hoặc bất thường")
    assert {members[m]["status"] for m in ("syt", "stc", "stp")} == {"needs_review"}


def test_an_email_attachment_with_the_evidence_of_its_message(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "q4"
    folder.mkdir()
    syt = docx(tmp_path, "SỞ Y TẾ", "SYT", 22)
    # Received on the deadline day in Vietnam (17:31), though the server wrote UTC.
    write_eml(folder / "thu syt.eml", {"Báo cáo quý IV.docx": syt}, received="Thu, 24 Dec 2026 10:31:02 +0000")
    # Without a Received header, the sender's Date is the e-mail's evidence.
    stc = docx(tmp_path, "SỞ TÀI CHÍNH", "STC", 22)
    write_eml(folder / "stc.eml", {"stc.docx": stc}, date="Sat, 26 Dec 2026 08:00:00 +0700", received=None)
    # An e-mail with a zip attached; another with no attachment at all; one whose dates cannot be read.
    zipped = write_zip(tmp_path / "stp.zip", {"stp.docx": docx(tmp_path, "SỞ TƯ PHÁP", "STP", 21)}).read_bytes()
    write_eml(folder / "stp.eml", {"stp.zip": zipped}, date="not a date", received="garbage")
    write_eml(folder / "trong.eml", {})
    data = audit(cli, folder)
    files, members = data["by_file"], data["by_member"]
    assert (members["syt"]["status"], members["syt"]["submitted"]) == ("on_time", "2026-12-24")
    assert members["syt"]["evidence"] == "giờ máy chủ thư nhận thư (Received)"
    attached = files["thu syt.eml › Báo cáo quý IV.docx"]
    assert attached["mail_arrived"].startswith("2026-12-24 17:31:02+07:00")
    assert attached["mail_sender"] == "vanthu.syt@example.gov.vn"
    assert (members["stc"]["status"], members["stc"]["evidence"]) == ("late", "ngày gửi ghi trong thư (Date)")
    assert members["stp"]["evidence"] == "ngày trên văn bản" and members["stp"]["status"] == "on_time"
    assert files["stp.eml › stp.zip › stp.docx"]["mail_sent"] is None
    assert "không có tệp đính kèm" in files["trong.eml"]["problem"]


def test_an_outlook_message_is_opened_like_an_email(cli: Callable[..., Result], tmp_path: Path) -> None:
    import extract_msg

    folder = tmp_path / "q4"
    folder.mkdir()
    # Delivered to the mailbox on the deadline day, though the attached report is dated earlier.
    syt = write_msg(folder / "thu syt.msg", {"Báo cáo quý IV.docx": docx(tmp_path, "SỞ Y TẾ", "SYT", 22)})
    with extract_msg.openMsg(str(syt)) as check:  # the file is a real .msg: extract-msg reads it as Outlook would
        assert check.subject == "Gửi báo cáo quý IV năm 2026" and len(check.attachments) == 1
    # Without a delivery time, the time the sender's client submitted it is the evidence (as an .eml's Date).
    write_msg(
        folder / "stc.msg",
        {"stc.docx": docx(tmp_path, "SỞ TÀI CHÍNH", "STC", 22)},
        submitted="2026-12-26T08:00:00+07:00",
        delivered=None,
        sender="/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=VANTHU.STC",
        smtp="vanthu.stc@example.gov.vn",
    )
    # A message that kept its transport headers: they are read as an .eml's (Received first, then Date, From).
    headers = (
        "Received: from mail.example.gov.vn by mx.bcd.example.gov.vn; Mon, 28 Dec 2026 02:00:00 +0000\r\n"
        "From: Van thu So Tu phap <vanthu.stp@example.gov.vn>\r\nDate: Wed, 23 Dec 2026 09:00:00 +0700\r\n\r\n"
    )
    zipped = write_zip(tmp_path / "stp.zip", {"stp.docx": docx(tmp_path, "SỞ TƯ PHÁP", "STP", 21)}).read_bytes()
    write_msg(folder / "stp.msg", {"stp.zip": zipped}, headers=headers, sender="other@example.com")
    write_msg(folder / "trong.msg", {})
    data = audit(cli, folder)
    files, members = data["by_file"], data["by_member"]
    attached = files["thu syt.msg › Báo cáo quý IV.docx"]
    assert (members["syt"]["status"], members["syt"]["submitted"]) == ("on_time", "2026-12-24")
    assert members["syt"]["evidence"] == "giờ máy chủ thư nhận thư (Received)"
    assert attached["mail_arrived"].startswith("2026-12-24 17:31:02+07:00")
    assert attached["mail_sent"].startswith("2026-12-22 16:05:00+07:00")
    assert attached["mail_sender"] == "vanthu.syt@example.gov.vn"
    assert (members["stc"]["status"], members["stc"]["evidence"]) == ("late", "ngày gửi ghi trong thư (Date)")
    assert files["stc.msg › stc.docx"]["mail_arrived"] is None
    assert files["stc.msg › stc.docx"]["mail_sender"] == "vanthu.stc@example.gov.vn"  # the SMTP address, not X.500
    stp = files["stp.msg › stp.zip › stp.docx"]
    assert (stp["mail_sender"], stp["mail_arrived"][:10]) == ("vanthu.stp@example.gov.vn", "2026-12-28")
    assert (members["stp"]["status"], members["stp"]["submitted"]) == ("late", "2026-12-28")
    assert "không có tệp đính kèm" in files["trong.msg"]["problem"]


def test_a_broken_outlook_message_gets_a_reason_and_a_forwarded_one_is_opened(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    from aspose.email_foss import msg

    folder = tmp_path / "q4"
    folder.mkdir()
    whole = write_msg(tmp_path / "whole.msg", {"SYT.docx": docx(tmp_path, "SỞ Y TẾ", "SYT")}).read_bytes()
    (folder / "SYT cut.msg").write_bytes(whole[: len(whole) // 2])  # a download that stopped half-way
    outer = msg.MapiMessage.create("Chuyển tiếp", "x")
    outer.add_embedded_message_attachment(msg.MapiMessage.from_file(tmp_path / "whole.msg"))
    (folder / "STC chuyen tiep.msg").write_bytes(outer.to_bytes())
    files = audit(cli, folder)["by_file"]
    assert files["SYT cut.msg"]["problem"].startswith("thư Outlook .msg hỏng hoặc bất thường")
    forwarded = files["STC chuyen tiep.msg › Gửi báo cáo quý IV năm 2026.msg › SYT.docx"]
    assert forwarded["member"] == "syt" and forwarded["mail_arrived"].startswith("2026-12-24 17:31")


def test_without_extract_msg_an_outlook_message_says_how_to_read_it(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "q4"
    folder.mkdir()
    write_msg(folder / "SYT thu.msg", {"SYT.docx": docx(tmp_path, "SỞ Y TẾ", "SYT")})
    monkeypatch.setitem(sys.modules, "extract_msg", None)  # as if the extra were not installed
    problem = audit(cli, folder)["by_file"]["SYT thu.msg"]["problem"]
    assert "hãy lưu thư dạng .eml" in problem and 'pip install "quyche[email]"' in problem


def test_unpacking_keeps_names_as_written() -> None:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Báo cáo\nquý IV.docx", b"")
    items = unpack("a.zip", buffer.getvalue())
    assert [(i.name, i.data) for i in items] == [("a.zip › Báo cáo quý IV.docx", b"")]


def test_a_word_signature_is_seen_and_said_unchecked(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "q4"
    folder.mkdir()
    signed = folder / "syt.docx"
    signed.write_bytes(docx(tmp_path, "SỞ Y TẾ", "SYT"))
    with zipfile.ZipFile(signed, "a") as archive:  # the parts Word adds when a document is signed
        archive.writestr("_xmlsignatures/sig1.xml", "<Signature xmlns='http://www.w3.org/2000/09/xmldsig#'/>")
        archive.writestr("_xmlsignatures/origin.sigs", "")
    data = audit(cli, folder)
    assert any(
        "chữ ký số (XML-DSig của Word) nhưng chữ ký này chưa được kiểm tra" in n
        for n in data["by_file"]["syt.docx"]["notes"]
    )
    assert data["by_member"]["syt"]["status"] == "on_time"


def test_a_7z_is_opened_within_the_same_bounds(cli: Callable[..., Result], tmp_path: Path) -> None:
    import py7zr

    folder = tmp_path / "q4"
    folder.mkdir()
    with py7zr.SevenZipFile(folder / "goi.7z", "w") as archive:
        archive.writestr(docx(tmp_path, "SỞ Y TẾ", "SYT"), "bao cao/SYT.docx")
        archive.writestr(docx(tmp_path, "SỞ TƯ PHÁP", "STP", 23), "STP.docx")
    with py7zr.SevenZipFile(folder / "STC mat khau.7z", "w", password="bí mật") as archive:
        archive.writestr(docx(tmp_path, "SỞ TÀI CHÍNH", "STC"), "STC.docx")
    with py7zr.SevenZipFile(folder / "bomb.7z", "w") as archive:
        archive.writestr(b"\x00" * (4 * 2**20), "SCT.docx")
    data = audit(cli, folder)
    files, members = data["by_file"], data["by_member"]
    assert members["syt"]["status"] == "on_time" and members["syt"]["files"] == ["goi.7z › bao cao/SYT.docx"]
    assert members["stp"]["status"] == "on_time"
    assert "mã hóa (có mật khẩu)" in files["STC mat khau.7z"]["problem"] and members["stc"]["status"] == "needs_review"
    assert "zip bomb" in files["bomb.7z › SCT.docx"]["problem"]
    assert sorted(p.name for p in folder.iterdir()) == ["STC mat khau.7z", "bomb.7z", "goi.7z"]  # nothing unpacked


def test_without_py7zr_a_7z_says_how_to_read_it(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "q4"
    folder.mkdir()
    (folder / "SYT.7z").write_bytes(b"7z\xbc\xaf\x27\x1c")
    monkeypatch.setitem(sys.modules, "py7zr", None)  # as if the extra were not installed
    problem = audit(cli, folder)["by_file"]["SYT.7z"]["problem"]
    assert "hãy giải nén vào thư mục" in problem and 'pip install "quyche[archives]"' in problem
