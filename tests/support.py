"""Helpers the tests (and bench/run.py) share; fixtures live in conftest.py.

Paths of the repository, running the installed command, writing a rules file, the seed text's lines, and real
report files: .docx with the official header table (python-docx) and .pdf with a text layer (fpdf2, DejaVu font).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
RULES_FILE = ROOT / "quyche.yaml"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def examples(rules_file: Path = RULES_FILE) -> dict[str, dict[str, Any]]:
    """What ``render KIND --example`` prints for every kind, for ``rules_file``."""
    from quyche_cli.documents.data import example
    from quyche_cli.documents.kinds import KINDS, Kind
    from quyche_cli.rules.validation import load_rules

    rules = load_rules(rules_file)
    return {name: example(rules, name) for name, kind in KINDS.items() if isinstance(kind, Kind)}


def run_installed(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed package as a separate process (``python -m quyche_cli``)."""
    return subprocess.run(
        [sys.executable, "-m", "quyche_cli", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def write_rules(tmp_path: Path, text: str, name: str = "quyche.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# Lines the document layout prints itself rather than the data (Nghị định 30/2020 national motto).
LAYOUT_LINES = {"CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Nơi nhận:"}


def seed_lines(text: str) -> list[str]:
    """Every non-empty line of the seed, without Markdown artefacts ("**", a "- " before "a)")."""
    lines = []
    for raw in text.splitlines():
        line = raw.replace("**", "").strip()
        line = re.sub(r"^- (?=[a-zđ]\) )", "", line)
        if line and line not in LAYOUT_LINES:
            lines.append(" ".join(line.split()))
    return lines


@dataclass
class Report:
    issuer: str = "SỞ Y TẾ"
    symbol: str = "SYT"
    number: str = "215"
    date_line: str = "Bắc Ninh, ngày 20 tháng 9 năm 2024"
    period_line: str = "Kết quả thực hiện nhiệm vụ chuyển đổi số quý III năm 2024"
    superior: str = "UBND TỈNH BẮC NINH"
    body: list[str] = field(
        default_factory=lambda: [
            "Thực hiện Quyết định số 1267/QĐ-UBND ngày 14/10/2024 của UBND tỉnh, đơn vị báo cáo như sau.",
            "Dự kiến hoàn thành vào ngày 15 tháng 12 năm 2024.",
        ]
    )

    def header_left(self) -> list[str]:
        return [self.superior, self.issuer, f"Số: {self.number}/BC-{self.symbol}"]

    def header_right(self) -> list[str]:
        return ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", self.date_line]


def write_docx(path: Path, report: Report) -> Path:
    from docx import Document

    document = Document()
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (report.header_left(), report.header_right()), strict=True):
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    document.add_paragraph("BÁO CÁO")
    document.add_paragraph(report.period_line)
    for line in report.body:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def write_pdf(path: Path, report: Report) -> Path:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=12)
    for left, right in zip(report.header_left(), report.header_right(), strict=True):
        pdf.cell(80, 7, left)
        pdf.cell(0, 7, right, new_x="LMARGIN", new_y="NEXT")
    for line in ["BÁO CÁO", report.period_line, *report.body]:
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def write_docx_soft_breaks(path: Path, report: Report) -> Path:
    """A .docx whose header cells hold one paragraph each, its lines separated by soft line breaks (w:br),
    as many offices type them (Shift+Enter)."""
    from docx import Document

    document = Document()
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (report.header_left(), report.header_right()), strict=True):
        paragraph = cell.paragraphs[0]
        for index, line in enumerate(lines):
            run = paragraph.add_run(line)
            if index < len(lines) - 1:
                run.add_break()
    for line in ["BÁO CÁO", report.period_line, *report.body]:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def write_pdf_cells(path: Path, report: Report) -> Path:
    """A .pdf laid out as LibreOffice exports the header table: the left cell, then the right cell, each
    wrapped to its column, so that a long date line breaks ("… tháng 9 năm" / "2024")."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=12)
    top = pdf.get_y()
    pdf.multi_cell(80, 7, "\n".join(report.header_left()), new_x="LMARGIN", new_y="NEXT")
    bottom = pdf.get_y()
    pdf.set_xy(100, top)
    pdf.multi_cell(70, 7, "\n".join(report.header_right()), new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(bottom, pdf.get_y()))
    for line in ["BÁO CÁO", report.period_line, *report.body]:
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    """A .zip holding ``members`` (name -> content), deflated."""
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return path


def write_eml(
    path: Path,
    attachments: dict[str, bytes],
    date: str | None = "Tue, 22 Dec 2026 16:05:00 +0700",
    received: str | None = "Thu, 24 Dec 2026 10:31:02 +0000",
    sender: str = "Văn thư Sở Y tế <vanthu.syt@example.gov.vn>",
) -> Path:
    """An e-mail as a mail client saves it (.eml): From, Date, the receiving server's Received header, a short
    text and the ``attachments``."""
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = sender
    message["To"] = "bcd@example.gov.vn"
    message["Subject"] = "Gửi báo cáo quý IV năm 2026"
    if received:
        message["Received"] = f"from mail.example.gov.vn (10.0.0.5) by mx.bcd.example.gov.vn; {received}"
    if date:
        message["Date"] = date
    message.set_content("Kính gửi Ban Chỉ đạo, đơn vị gửi báo cáo đính kèm.")
    for name, content in attachments.items():
        message.add_attachment(content, maintype="application", subtype="octet-stream", filename=name)
    path.write_bytes(bytes(message))
    return path


def write_msg(
    path: Path,
    attachments: dict[str, bytes],
    submitted: str | None = "2026-12-22T16:05:00+07:00",
    delivered: str | None = "2026-12-24T17:31:02+07:00",
    sender: str = "vanthu.syt@example.gov.vn",
    headers: str | None = None,
    smtp: str | None = None,
) -> Path:
    """An Outlook message as Outlook saves it (.msg: a Compound File with MAPI property streams, written with
    aspose-email-foss): the subject, the sender's address (0C1F), the client's submit time (0039), the delivery
    time (0E06), optionally the transport headers (007D) and the SMTP address (5D01, beside an Exchange sender's
    X.500 name in 0C1F), and the ``attachments`` (3701 data, 3707 long name)."""
    import datetime as dt

    from aspose.email_foss import msg

    message = msg.MapiMessage.create("Gửi báo cáo quý IV năm 2026", "Kính gửi Ban Chỉ đạo, đơn vị gửi báo cáo.")
    message.set_property(msg.PropertyId.SENDER_NAME, "Văn thư")
    message.set_property(msg.PropertyId.SENDER_EMAIL_ADDRESS, sender)
    if submitted:
        message.set_property(0x0039, 0x0040, dt.datetime.fromisoformat(submitted))  # PR_CLIENT_SUBMIT_TIME
    if delivered:
        message.set_property(msg.PropertyId.MESSAGE_DELIVERY_TIME, dt.datetime.fromisoformat(delivered))
    if headers:
        message.set_property(msg.PropertyId.TRANSPORT_MESSAGE_HEADERS, headers)
    if smtp:
        message.set_property(0x5D01, 0x001F, smtp)  # PR_SENDER_SMTP_ADDRESS
    for name, content in attachments.items():
        message.add_attachment(name, content, mime_type="application/octet-stream")
    path.write_bytes(message.to_bytes())
    return path


def write_register(path: Path, rows: list[list[Any]]) -> Path:
    """The register as the document system exports it: a title line, a blank line, Vietnamese headers, rows
    (xlsx with date-time cells, or csv separated by ";")."""
    headers = ["STT", "Ngày đến", "Số ký hiệu", "Cơ quan ban hành", "Trích yếu", "Tệp đính kèm"]
    if path.suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["SỔ VĂN BẢN ĐẾN NĂM 2026"])
        sheet.append([])
        sheet.append(headers)
        for number, row in enumerate(rows, start=1):
            sheet.append([number, *row])
        book.save(path)
    else:
        lines = ["SỔ VĂN BẢN ĐẾN NĂM 2026", "", ";".join(headers)]
        for number, row in enumerate(rows, start=1):
            cells = [f"{v:%d/%m/%Y %H:%M}" if isinstance(v, dt.datetime) else str(v) for v in row]
            lines.append(";".join([str(number), *cells]))
        path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    return path


def run_all(
    cli: Callable[..., Any], folder: Path, *args: str, before: tuple[str, ...] = (), as_of: str = "2027-01-15"
) -> dict[str, Any]:
    """``check-reports`` of ``folder`` on ``as_of`` in every format (``before``: global options, such as a
    workspace's ``-C``): JSON (parsed), text (flattened), CSV rows and XLSX rows by member id; it must exit 1."""
    base = [*before, "check-reports", str(folder), "--as-of", as_of, *args]
    result = cli(*base, "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    text = cli(*base)
    assert text.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(cli(*base, "--format", "csv").stdout.lstrip("\ufeff"))))
    out = folder.parent / "kiem-tra.xlsx"
    assert cli(*base, "--format", "xlsx", "--out", str(out), "--force").exit_code == 1
    from openpyxl import load_workbook

    sheet = load_workbook(out).worksheets[1]
    values = list(sheet.iter_rows(values_only=True))
    xlsx = [dict(zip(values[0], row, strict=True)) for row in values[1:]]
    return {
        "json": data,
        "members": {m["member"]: m for m in data["members"]},
        "files": {f["file"]: f for f in data["files"]},
        "text": " ".join(text.stdout.split()),
        "stderr": text.stderr,
        "csv": {r["Mã"]: r for r in rows},
        "xlsx": {r["Mã"]: r for r in xlsx},
    }


def shown_everywhere(found: dict[str, Any], member: str, *needles: str) -> None:
    """Each of ``needles`` is in the member's verdict as JSON, as text, and in its CSV and XLSX row."""
    verdict = json.dumps(found["members"][member], ensure_ascii=False)
    for needle in needles:
        assert needle in verdict, (member, needle, verdict)
        assert needle in found["text"], (member, needle)
        assert needle in " ".join(str(v) for v in found["csv"][member].values()), (member, needle)
        assert needle in " ".join(str(v) for v in found["xlsx"][member].values()), (member, needle)


class TestCA:
    """A certificate authority made in the test (cryptography), with signer certificates it issues and PDFs it
    signs for real with pyHanko (optionally with an RFC 3161 timestamp from a test timestamp authority)."""

    __test__ = False  # not a test class

    def __init__(self, folder: Path) -> None:
        import datetime as dt

        from cryptography import x509
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import rsa
        from cryptography.x509.oid import NameOID

        self.folder = folder
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CA thử nghiệm")])
        self.start = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
        self.cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(self.start)
            .not_valid_after(self.start.replace(year=2040))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
            .sign(self.key, hashes.SHA256())
        )
        self.root = self._pem("ca.pem", self.cert)

    def _pem(self, name: str, cert: Any) -> Path:
        from cryptography.hazmat.primitives import serialization

        path = self.folder / name
        path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        return path

    def issue(self, common_name: str, organisation: str, time_stamping: bool = False) -> tuple[Path, Path]:
        """(key file, certificate file) of a new certificate for ``common_name`` of ``organisation``."""
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import rsa
        from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        subject = x509.Name(
            [
                x509.NameAttribute(NameOID.COMMON_NAME, common_name),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            ]
        )
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(self.cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(self.start)
            .not_valid_after(self.start.replace(year=2039))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        )
        if time_stamping:
            builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        cert = builder.sign(self.key, hashes.SHA256())
        stem = "".join(ch for ch in common_name if ch.isascii() and ch.isalnum()) or "signer"
        key_path = self.folder / f"{stem}.key.pem"
        key_path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        return key_path, self._pem(f"{stem}.pem", cert)

    def sign(
        self,
        pdf: Path,
        signer: tuple[Path, Path],
        at: Any,
        timestamp: Any = None,
    ) -> Path:
        """Sign ``pdf`` in place with ``signer``, the signer's clock reading ``at`` (an aware datetime), and a
        timestamp token of ``timestamp`` when given (from a timestamp authority this CA certifies)."""
        import datetime as dt

        import pytest
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import signers
        from pyhanko.sign.signers import pdf_signer
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

        class SignerClock(dt.datetime):
            @classmethod
            def now(cls, tz: Any = None) -> Any:  # the signing software's clock
                return at

        key, cert = signer
        loaded = signers.SimpleSigner.load(str(key), str(cert), ca_chain_files=(str(self.root),))
        stamper = None
        if timestamp is not None:
            from pyhanko.keys import load_cert_from_pemder, load_private_key_from_pemder

            tsa_key, tsa_cert = self.issue("TSA thử nghiệm", "Tổ chức cấp dấu thời gian", time_stamping=True)
            stamper = DummyTimeStamper(
                load_cert_from_pemder(str(tsa_cert)),
                load_private_key_from_pemder(str(tsa_key), None),
                fixed_dt=timestamp,
            )
        with pdf.open("rb") as handle, pytest.MonkeyPatch.context() as clock:
            clock.setattr(pdf_signer, "datetime", SignerClock)
            writer = IncrementalPdfFileWriter(handle, strict=False)
            signed = signers.sign_pdf(
                writer, signers.PdfSignatureMetadata(field_name="Signature1"), signer=loaded, timestamper=stamper
            )
            data = signed.getvalue()
        pdf.write_bytes(data)
        return pdf


def change_after_signing(pdf: Path) -> Path:
    """Append an incremental update to a signed ``pdf`` that changes its page's text (as an editor would)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with pdf.open("rb") as handle:
        writer = IncrementalPdfFileWriter(handle, strict=False)
        page_ref = writer.root["/Pages"]["/Kids"][0]
        page = page_ref.get_object()
        stream = generic.StreamObject(stream_data=b"BT /F1 12 Tf 72 72 Td (sua sau khi ky) Tj ET")
        page["/Contents"] = writer.add_object(stream)
        writer.update_container(page)
        buffer = io.BytesIO()
        writer.write(buffer)
    pdf.write_bytes(buffer.getvalue())
    return pdf
