"""Files from other agencies are untrusted: each hostile file built here gets a reason of its own, and the
audit of everyone else goes on (never exit 2, never a hang, never a formula or an escape sequence let through)."""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import stat
import subprocess
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import Result

from support import FONT, Report, run_installed, write_docx, write_pdf

needs_font = pytest.mark.skipif(not FONT.exists(), reason="DejaVuSans.ttf (fonts-dejavu-core) is not installed")
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
BODY = f"<w:document {W}><w:body><w:p><w:r><w:t>SỞ Y TẾ &x;</w:t></w:r></w:p></w:body></w:document>"


def docx_with(path: Path, xml: str, *extra: tuple[str, str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", xml)
        for name, text in extra:
            archive.writestr(name, text)
    return path


def patched_zip(path: Path, flag: int = 0, method: int | None = None) -> Path:
    """A one-entry .docx whose local and central headers carry ``flag`` or compression ``method``."""
    docx_with(path, f"<w:document {W}/>")
    raw = bytearray(path.read_bytes())
    central = raw.find(b"PK\x01\x02")
    raw[6] |= flag
    raw[central + 8] |= flag
    if method is not None:
        raw[8], raw[central + 10] = method, method
    path.write_bytes(bytes(raw))
    return path


def raw_pdf(path: Path, content: bytes, filter_name: str | None) -> Path:
    """A one-page PDF whose content stream is ``content`` under ``filter_name``, with a correct xref."""
    filters = f" /Filter /{filter_name}".encode() if filter_name else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(content), filters, content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def encrypted(source: Path, target: Path, user_password: str) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=source)
    writer.encrypt(user_password=user_password, owner_password="chu-so-huu", algorithm="AES-256")
    writer.write(target)
    return target


@pytest.fixture
def nest() -> Iterator[Callable[[Path, str, int], Path]]:
    """Make ``count`` folders called ``name``, one inside the other, through folder descriptors (such a path may be
    beyond what the system accepts, and pathlib recurses); removed afterwards with ``rm -rf``, since pytest's own
    clean-up (shutil.rmtree) recurses and would fail on them in a later session."""
    made: list[Path] = []

    def make(folder: Path, name: str, count: int) -> Path:
        made.append(folder / name)
        descriptor = os.open(folder, os.O_RDONLY)
        for _ in range(count):
            os.mkdir(name, dir_fd=descriptor)
            inner = os.open(name, os.O_RDONLY, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = inner
        os.close(descriptor)
        return Path(os.path.join(folder, *[name] * count))

    yield make
    for top in made:
        subprocess.run(["rm", "-rf", "--", str(top)], check=True)


def problems(data: dict[str, object]) -> dict[str, str | None]:
    return {f["file"]: f["problem"] for f in data["files"]}  # type: ignore[attr-defined, index]


@needs_font
@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_each_hostile_file_is_one_reason_and_the_audit_goes_on(
    cli: Callable[..., Result], tmp_path: Path, nest: Callable[[Path, str, int], Path]
) -> None:
    folder = tmp_path / "q3"
    folder.mkdir()
    entity = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    docx_with(folder / "SYT xxe.docx", entity + BODY)
    docx_with(folder / "SYT undefined.docx", BODY)
    laughs = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 9))
    docx_with(folder / "SYT laughs.docx", f'<!DOCTYPE d [<!ENTITY e0 "ha">{laughs}]>' + BODY.replace("&x;", "&e8;"))
    docx_with(folder / "SYT unclosed.docx", BODY.replace("&x;", "").removesuffix("</w:document>"))
    patched_zip(folder / "SYT encrypted.docx", flag=0x1)
    patched_zip(folder / "SYT method.docx", method=99)
    docx_with(folder / "SYT twice.docx", BODY.replace("&x;", ""), ("word/document.xml", BODY.replace("&x;", "")))
    raw_pdf(folder / "SYT limit.pdf", zlib.compress(b"BT ET " * 14_000_000, 9), "FlateDecode")
    raw_pdf(folder / "SYT filter.pdf", b"BT ET", "NoSuchDecode")
    plain = write_pdf(tmp_path / "bhxh.pdf", Report(issuer="BẢO HIỂM XÃ HỘI TỈNH", symbol="BHXH"))
    encrypted(plain, folder / "restricted.pdf", "")
    encrypted(plain, folder / "SYT locked.pdf", "mat-khau")
    write_docx(folder / os.fsdecode(b"STP b\xe1o c\xe1o.docx"), Report(issuer="SỞ TƯ PHÁP", symbol="STP"))
    write_docx(folder / "SXD \x01\x1b[31m.docx", Report(issuer="SỞ XÂY DỰNG", symbol="SXD"))
    write_docx(nest(folder, "d", 1100) / "SNV.docx", Report(issuer="SỞ NỘI VỤ", symbol="SNV"))

    result = cli("check-reports", str(folder), "--period", "2024-Q3", "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    found = problems(data)
    assert "thực thể" in (found["SYT xxe.docx"] or "") and "root:" not in result.stdout
    assert "thực thể" in (found["SYT undefined.docx"] or "")
    assert "thực thể" in (found["SYT laughs.docx"] or "")
    assert "XML không hợp lệ" in (found["SYT unclosed.docx"] or "")
    assert "mã hóa" in (found["SYT encrypted.docx"] or "")
    assert "kiểu nén 99" in (found["SYT method.docx"] or "")
    assert "2 mục word/document.xml" in (found["SYT twice.docx"] or "")
    assert "LimitReachedError" in (found["SYT limit.pdf"] or "")
    assert "NotImplementedError" in (found["SYT filter.pdf"] or "")
    assert "được mã hóa" in (found["SYT locked.pdf"] or "")
    rows = {m["member"]: m for m in data["members"]}
    assert rows["syt"]["status"] == "needs_review"
    assert (rows["bhxh"]["status"], rows["bhxh"]["evidence"]) == ("on_time", "ngày trên văn bản")
    assert rows["stp"]["status"] == "on_time" and rows["stp"]["files"] == ["STP b\\xe1o c\\xe1o.docx"]
    assert rows["sxd"]["status"] == "on_time"
    assert "lồng quá sâu" in {u["file"]: u["reason"] for u in data["unmatched"]}["/".join(["d"] * 32)]

    table = cli("check-reports", str(folder), "--period", "2024-Q3", "--format", "csv").stdout
    assert "STP b\\xe1o c\\xe1o.docx" in table and "\x1b" not in table and "SXD \\x01\\x1b[31m.docx" in table
    out = tmp_path / "audit.xlsx"
    assert (
        cli("check-reports", str(folder), "--period", "2024-Q3", "--format", "xlsx", "--out", str(out)).exit_code == 1
    )
    from openpyxl import load_workbook

    cells = [c.value for row in load_workbook(out)["2024-Q3"].iter_rows() for c in row]
    assert "SXD \\x01\\x1b[31m.docx" in cells and "STP b\\xe1o c\\xe1o.docx" in cells


def test_formulas_in_names_are_text_in_every_spreadsheet(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "q3"
    folder.mkdir()
    name = '=HYPERLINK("https:evil.example","Bấm vào đây").docx'
    (folder / name).write_bytes(b"")
    (folder / "@SUM(1+1) SYT.txt").write_text("SỞ Y TẾ\n", encoding="utf-8")
    table = cli("check-reports", str(folder), "--period", "2024-Q3", "--format", "csv").stdout.lstrip("\ufeff")
    rows = {r["Mã"]: r for r in csv.DictReader(io.StringIO(table))}
    assert rows["syt"]["Tệp"] == "'@SUM(1+1) SYT.txt"
    out = tmp_path / "audit.xlsx"
    cli("check-reports", str(folder), "--period", "2024-Q3", "--format", "xlsx", "--out", str(out))
    from openpyxl import load_workbook

    book = load_workbook(out)
    unmatched = book["Tệp không gán được"]["A2"]
    assert (unmatched.value, unmatched.data_type) == ("'" + name, "s")
    files = [c for row in book["2024-Q3"].iter_rows() for c in row if c.value == "'@SUM(1+1) SYT.txt"]
    assert files and files[0].data_type == "s"


def test_special_files_are_never_opened_and_huge_ones_never_read(tmp_path: Path) -> None:
    folder = tmp_path / "q3"
    folder.mkdir()
    os.mkfifo(folder / "SYT fifo.docx")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "SCT socket.pdf"))
    try:
        os.mknod(folder / "STP device.docx", stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except PermissionError:
        pass  # only root may make a device node
    with (folder / "SXD sparse.pdf").open("wb") as sparse:
        sparse.truncate(50 * 2**30)
    result = run_installed("check-reports", str(folder), "--period", "2024-Q3", "--format", "json", cwd=tmp_path)
    server.close()
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    passed = {u["file"]: u["reason"] for u in data["unmatched"]}
    assert "FIFO" in passed["SYT fifo.docx"] and "socket" in passed["SCT socket.pdf"]
    if (folder / "STP device.docx").exists():
        assert "thiết bị" in passed["STP device.docx"]
    assert "quá lớn" in problems(data)["SXD sparse.pdf"]  # type: ignore[operator]


def test_a_folder_that_cannot_be_read_is_reported(
    cli: Callable[..., Result], tmp_path: Path, nest: Callable[[Path, str, int], Path]
) -> None:
    folder = tmp_path / "q3"
    folder.mkdir()
    write_docx(folder / "SYT.docx", Report())
    nest(folder, "x" * 250, 20)  # a path longer than the system allows (ENAMETOOLONG)
    data = json.loads(cli("check-reports", str(folder), "--period", "2024-Q3", "--format", "json").stdout)
    reasons = [u["reason"] for u in data["unmatched"]]
    assert any("không đọc được (tên quá dài)" in r for r in reasons), reasons


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders whatever their permissions")
def test_a_locked_folder_is_reported(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "q3"
    (folder / "khoa").mkdir(parents=True)
    (folder / "khoa").chmod(0)
    data = json.loads(cli("check-reports", str(folder), "--period", "2024-Q3", "--format", "json").stdout)
    assert {
        "file": "khoa",
        "reason": "thư mục không đọc được (không có quyền truy cập): các tệp trong đó chưa được kiểm tra",
    } in data["unmatched"]


def test_escape_sequences_never_reach_the_terminal(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "q3"
    folder.mkdir()
    (folder / "\x1b[2J\x1b]0;pwned\x07 [bold] SYT.txt").write_text("SỞ Y TẾ\n", encoding="utf-8")
    (folder / "\u202excod.docx").symlink_to(folder / "nowhere")
    result = cli("check-reports", str(folder), "--period", "2024-Q3")
    assert result.exit_code == 1, result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\u202e" not in result.stdout
    assert "\\x1b[2J" in result.stdout and "[bold]" in result.stdout
    # shown, not dropped: Rich removes BEL, BS, VT, FF and CR from the text it is given
    assert "\\x1b]0;pwned\\x07 [bold] SYT.txt" in result.stdout
    assert "<U+202E>xcod.docx: liên kết tượng trưng" in result.stdout  # shown, not dropped from the name
    (folder / "SCT \x9b2J.txt").write_text("SỞ CÔNG THƯƠNG\n", encoding="utf-8")
    exact = cli("check-reports", str(folder), "--period", "2024-Q3", "--format", "json").stdout
    assert "\x9b" not in exact and "SCT \\u009b2J.txt" in exact
    files = {m["member"]: m["files"] for m in json.loads(exact)["members"]}
    assert files["syt"] == ["\x1b[2J\x1b]0;pwned\x07 [bold] SYT.txt"] and files["sct"] == ["SCT \x9b2J.txt"]
    assert {"file": "\u202excod.docx", "reason": "liên kết tượng trưng: không theo"} in json.loads(exact)["unmatched"]
    # a line break in a name is a space: the name cannot print a line of its own (a forged verdict)
    (folder / "STP.txt\nSở Y tế    đúng hạn.txt").write_text("SỞ TƯ PHÁP\n", encoding="utf-8")
    lines = cli("check-reports", str(folder), "--period", "2024-Q3").stdout.splitlines()
    assert any(line.startswith("  STP.txt Sở Y tế đúng hạn.txt: ") for line in lines)
    assert not any(line.startswith("Sở Y tế    đúng") for line in lines)
    received = tmp_path / "received.csv"
    received.write_text("file,received\nx.docx,2024-13-45\x1b[2J\n", encoding="utf-8")
    refused = cli("check-reports", str(folder), "--received", str(received))
    assert refused.exit_code == 2 and "2024-13-45\\x1b[2J" in refused.stderr and "\x1b" not in refused.stderr
    missing = cli("validate", str(tmp_path / "\u202elmay.yaml"))
    assert missing.exit_code == 2 and "<U+202E>lmay.yaml" in missing.stderr and "\u202e" not in missing.stderr
