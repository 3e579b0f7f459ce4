"""Reading a submitted report (.docx, .pdf, .txt/.md): its fingerprint and its text, bounded and in document order.

Every file is opened once, and only if it is a regular file (a FIFO, a device or a socket is never read); a file
over ``MAX_FILE_BYTES`` is not read at all. A .docx is a zip: its entries are checked before anything is
decompressed (size, ratio, encryption, one ``word/document.xml``) and only that entry is read, as a stream, up
to the first ``max_paragraphs`` paragraphs (header table cells included, in order). A .pdf is read with pypdf,
first pages only; an ordinary restricted PDF (empty user password) is decrypted. Each format has one guarded
reader: whatever a hostile file makes the parser raise becomes a reason for that file, never an exception.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, BinaryIO, Literal
from xml.etree.ElementTree import Element, ParseError, TreeBuilder, XMLParser

from quyche_cli import text as vt
from quyche_cli.errors import os_reason
from quyche_cli.saferead import NotRegular, open_regular

MAX_FILE_BYTES = 256 * 2**20
MAX_XML_BYTES = 20 * 2**20
MAX_RATIO = 200
MAX_TEXT_BYTES = 2 * 2**20
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DOCUMENT_XML = "word/document.xml"
SIGNATURES_PART = "_xmlsignatures/"
DOCX_SIGNED = "tệp .docx có chữ ký số (XML-DSig của Word) nhưng chữ ký này chưa được kiểm tra: hãy xem trong Word"

Kind = Literal["docx", "pdf", "text", "doc", "zip", "eml", "msg", "7z", "rar", "other"]
CONTAINERS: frozenset[Kind] = frozenset({"zip", "eml", "msg", "7z", "rar"})


@dataclass
class Extracted:
    """Lines of text in reading order, or the reason there are none; the file's date and fingerprint when read."""

    kind: Kind
    lines: list[str] = field(default_factory=list)
    problem: str | None = None
    modified: dt.date | None = None
    sha256: str | None = None
    note: str | None = None  # what was seen but not checked (a Word digital signature)


def kind_of(path: Path) -> Kind:
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return "docx"
    if suffix == ".pdf":
        return "pdf"
    if suffix in (".txt", ".md"):
        return "text"
    if suffix == ".doc":
        return "doc"
    if suffix in (".zip", ".eml", ".msg", ".7z", ".rar"):
        return suffix[1:]  # type: ignore[return-value]
    return "other"


def _fingerprint(handle: BinaryIO, size: int) -> str:
    """SHA-256 of the first ``size`` bytes (the size when opened: a file that grows is not followed)."""
    digest = hashlib.sha256()
    while size > 0 and (chunk := handle.read(min(1 << 20, size))):
        digest.update(chunk)
        size -= len(chunk)
    handle.seek(0)
    return digest.hexdigest()


def _docx_lines(handle: BinaryIO, max_paragraphs: int | None) -> Extracted:
    if handle.read(8) == OLE_MAGIC:
        return Extracted("docx", problem="tệp được bảo vệ bằng mật khẩu hoặc là tệp .doc đổi đuôi")
    handle.seek(0)
    try:
        archive = zipfile.ZipFile(handle)
    except zipfile.BadZipFile:
        return Extracted("docx", problem="tệp .docx hỏng (không phải tệp zip hợp lệ)")
    with archive:
        entries = [info for info in archive.infolist() if info.filename == DOCUMENT_XML]
        if not entries:
            return Extracted("docx", problem=f"tệp .docx hỏng (thiếu {DOCUMENT_XML})")
        if len(entries) > 1:
            return Extracted("docx", problem=f"tệp .docx bất thường (có {len(entries)} mục {DOCUMENT_XML})")
        info = entries[0]
        if info.flag_bits & 0x1:
            return Extracted("docx", problem="tệp .docx được mã hóa (mục trong zip có cờ mã hóa)")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return Extracted("docx", problem=f"tệp .docx bất thường (kiểu nén {info.compress_type} không hỗ trợ)")
        if info.file_size > MAX_XML_BYTES or info.file_size > MAX_RATIO * max(info.compress_size, 1):
            return Extracted("docx", problem="tệp .docx bất thường (nội dung giải nén quá lớn, có thể là 'zip bomb')")
        signed = any(name.startswith(SIGNATURES_PART) for name in archive.namelist())
        try:
            with archive.open(info) as stream:
                return Extracted("docx", _paragraphs(stream, max_paragraphs), note=DOCX_SIGNED if signed else None)
        except DoctypeRefused:
            return Extracted("docx", problem=DOCTYPE_REASON)
        except ParseError as exc:
            line, column = exc.position
            what = (
                "tệp .docx bất thường: XML dùng thực thể (entity) không cho phép"
                if "entit" in str(exc)
                else "tệp .docx hỏng: XML không hợp lệ"
            )
            return Extracted("docx", problem=f"{what} (dòng {line}, cột {column})")
        except (zipfile.BadZipFile, EOFError, ValueError) as exc:
            return Extracted("docx", problem=f"tệp .docx hỏng ({type(exc).__name__})")


class DoctypeRefused(Exception):
    """A DOCTYPE in a part of a .docx: Word never writes one, and its entities could expand without bound."""


DOCTYPE_REASON = "tệp .docx bất thường: XML có khai báo DOCTYPE/thực thể (entity) không cho phép (Word không tạo)"


class _Paragraphs(TreeBuilder):
    """A tree builder that refuses any DOCTYPE and keeps each closed ``w:p`` for the caller."""

    def __init__(self) -> None:
        super().__init__()
        self.closed: list[Element] = []

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise DoctypeRefused(name)

    def end(self, tag: str) -> Element:
        element = super().end(tag)
        if element.tag == f"{W}p":
            self.closed.append(element)
        return element


def _paragraphs(stream: IO[bytes], limit: int | None) -> list[str]:
    """Text of each ``w:p`` in document order (table cells included), read incrementally; a DOCTYPE raises
    ``DoctypeRefused`` before any entity of it is used."""
    builder = _Paragraphs()
    parser = XMLParser(target=builder)
    lines: list[str] = []
    while chunk := stream.read(64 * 1024):
        parser.feed(chunk)
        for element in builder.closed:
            lines += [vt.clean(line) for line in _paragraph_text(element).split("\n") if line.strip()]
            element.clear()
            if limit is not None and len(lines) >= limit:
                return lines
        builder.closed.clear()
    parser.close()
    return lines


def _paragraph_text(paragraph: Element) -> str:
    """The text of a ``w:p``: soft line breaks (``w:br``, ``w:cr``) as new lines, tabs as spaces."""
    parts = []
    for node in paragraph.iter():
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif node.tag == f"{W}tab":
            parts.append(" ")
    return "".join(parts)


def _pdf_lines(handle: BinaryIO, max_pages: int | None) -> Extracted:
    from pypdf import PasswordType, PdfReader

    reader = PdfReader(handle)
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        return Extracted("pdf", problem="tệp PDF được mã hóa bằng mật khẩu: không đọc được, cần xem bằng mắt")
    pages = reader.pages if max_pages is None else reader.pages[:max_pages]
    text = "\n".join(page.extract_text() or "" for page in pages)
    lines = [vt.clean(line) for line in text.splitlines() if line.strip()]
    if not lines:
        return Extracted("pdf", problem="PDF không có lớp chữ (bản quét): cần xem bằng mắt")
    return Extracted("pdf", lines)


def _text_lines(handle: BinaryIO, _limit: int | None) -> Extracted:
    raw = handle.read(MAX_TEXT_BYTES + 1)
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:  # a text longer than the bound is cut, maybe inside a character: only what follows the cut is dropped
        text = decoder.decode(raw[:MAX_TEXT_BYTES], final=len(raw) <= MAX_TEXT_BYTES)
    except UnicodeDecodeError:
        return Extracted("text", problem="tệp văn bản không phải UTF-8 (có thể là bảng mã cũ)")
    return Extracted("text", [vt.clean(line) for line in text.splitlines() if line.strip()])


READERS: dict[Kind, tuple[str, Callable[[BinaryIO, int | None], Extracted], int]] = {
    "docx": (".docx", _docx_lines, 80),
    "pdf": ("PDF", _pdf_lines, 1),
    "text": ("văn bản", _text_lines, 0),
}
NOT_READ = {
    "doc": "tệp .doc (Word 97–2003) không đọc được: hãy lưu lại thành .docx hoặc PDF",
    "other": "định dạng không hỗ trợ (chỉ đọc .docx, .pdf, .txt, .md, và các tệp trong .zip, .eml)",
}


def read_bytes(name: str, data: bytes, header_only: bool = True) -> Extracted:
    """The text of a file held in memory (a member of an archive, an e-mail attachment) named ``name``, and
    its SHA-256; whatever it holds, a reason instead of an exception."""
    kind = kind_of(Path(name))
    if not data:
        return Extracted(kind, problem="tệp rỗng (0 byte)", sha256=hashlib.sha256(data).hexdigest())
    result = _guarded(kind, io.BytesIO(data), header_only)
    result.sha256 = hashlib.sha256(data).hexdigest()
    return result


def read_document(path: Path, header_only: bool = True) -> Extracted:
    """The text of ``path`` (its first paragraphs or page when ``header_only``, else all of it), its
    modification date and SHA-256; whatever the file holds, a reason instead of an exception."""
    kind = kind_of(path)
    try:
        with open_regular(path) as handle:
            info = os.fstat(handle.fileno())
            modified = dt.date.fromtimestamp(info.st_mtime)
            if info.st_size > MAX_FILE_BYTES:
                size = f"{info.st_size // 2**20} MiB, quá giới hạn {MAX_FILE_BYTES // 2**20} MiB"
                return Extracted(kind, problem=f"tệp quá lớn ({size}): không đọc, cần xem bằng mắt", modified=modified)
            digest = _fingerprint(handle, info.st_size)
            result = (
                _guarded(kind, handle, header_only) if info.st_size else Extracted(kind, problem="tệp rỗng (0 byte)")
            )
    except NotRegular as exc:
        return Extracted(kind, problem=str(exc))
    except PermissionError:
        return Extracted(kind, problem="không có quyền đọc tệp")
    except OSError as exc:
        return Extracted(kind, problem=f"không đọc được tệp ({os_reason(exc)})")
    result.modified, result.sha256 = modified, digest
    return result


def _guarded(kind: Kind, handle: BinaryIO, header_only: bool) -> Extracted:
    """The reader of ``kind`` on ``handle``: anything it raises on a hostile file becomes this file's reason."""
    if kind not in READERS:
        return Extracted(kind, problem=NOT_READ[kind])
    label, reader, header_part = READERS[kind]
    try:
        return reader(handle, header_part if header_only else None)
    except MemoryError:
        return Extracted(kind, problem=f"tệp {label} quá lớn để đọc")
    except Exception as exc:  # a hostile file may make a parser raise anything: one file never stops the audit
        return Extracted(kind, problem=f"tệp {label} hỏng hoặc bất thường ({type(exc).__name__})")
