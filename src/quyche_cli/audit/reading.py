"""Reading the text of a submitted report (.docx, .pdf, .txt/.md), bounded and in document order.

A .docx is a zip: its entries are checked before anything is decompressed (size, ratio) and only
``word/document.xml`` is read, as a stream, up to the first ``max_paragraphs`` paragraphs (header table
cells included, in order). A .pdf is read with pypdf, first pages only. Anything unreadable becomes a
reason, never an exception.
"""

from __future__ import annotations

import codecs
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal, cast
from xml.etree.ElementTree import Element, XMLPullParser

from quyche_cli import text as vt
from quyche_cli.errors import os_reason

MAX_XML_BYTES = 20 * 2**20
MAX_RATIO = 200
MAX_TEXT_BYTES = 2 * 2**20
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

Kind = Literal["docx", "pdf", "text", "doc", "other"]


@dataclass
class Extracted:
    """Lines of text in reading order, or the reason there are none."""

    kind: Kind
    lines: list[str] = field(default_factory=list)
    problem: str | None = None


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
    return "other"


def _docx_lines(path: Path, max_paragraphs: int | None) -> Extracted:
    with path.open("rb") as handle:
        if handle.read(8) == OLE_MAGIC:
            return Extracted("docx", problem="tệp được bảo vệ bằng mật khẩu hoặc là tệp .doc đổi đuôi")
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        return Extracted("docx", problem="tệp .docx hỏng (không phải tệp zip hợp lệ)")
    with archive:
        try:
            info = archive.getinfo("word/document.xml")
        except KeyError:
            return Extracted("docx", problem="tệp .docx hỏng (thiếu word/document.xml)")
        if info.file_size > MAX_XML_BYTES or info.file_size > MAX_RATIO * max(info.compress_size, 1):
            return Extracted("docx", problem="tệp .docx bất thường (nội dung giải nén quá lớn, có thể là 'zip bomb')")
        try:
            with archive.open(info) as stream:
                return Extracted("docx", _paragraphs(stream, max_paragraphs))
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            return Extracted("docx", problem=f"tệp .docx hỏng ({exc})")


def _paragraphs(stream: IO[bytes], limit: int | None) -> list[str]:
    """Text of each ``w:p`` in document order (table cells included), read incrementally."""
    parser: XMLPullParser[Element] = XMLPullParser(events=("end",))
    lines: list[str] = []
    while chunk := stream.read(64 * 1024):
        parser.feed(chunk)
        for _event, element in cast("Iterator[tuple[str, Element]]", parser.read_events()):
            if element.tag == f"{W}p":
                lines += [vt.clean(line) for line in _paragraph_text(element).split("\n") if line.strip()]
                element.clear()
                if limit is not None and len(lines) >= limit:
                    return lines
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


def _pdf_lines(path: Path, max_pages: int | None) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            return Extracted("pdf", problem="tệp PDF được bảo vệ bằng mật khẩu")
        pages = reader.pages if max_pages is None else reader.pages[:max_pages]
        text = "\n".join(page.extract_text() or "" for page in pages)
    except (PdfReadError, OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
        return Extracted("pdf", problem=f"tệp PDF hỏng ({type(exc).__name__})")
    lines = [vt.clean(line) for line in text.splitlines() if line.strip()]
    if not lines:
        return Extracted("pdf", problem="PDF không có lớp chữ (bản quét): cần xem bằng mắt")
    return Extracted("pdf", lines)


def _text_lines(path: Path) -> Extracted:
    with path.open("rb") as handle:
        raw = handle.read(MAX_TEXT_BYTES + 1)
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:  # a text longer than the bound is cut, maybe inside a character: only what follows the cut is dropped
        text = decoder.decode(raw[:MAX_TEXT_BYTES], final=len(raw) <= MAX_TEXT_BYTES)
    except UnicodeDecodeError:
        return Extracted("text", problem="tệp văn bản không phải UTF-8 (có thể là bảng mã cũ)")
    return Extracted("text", [vt.clean(line) for line in text.splitlines() if line.strip()])


def read_document(path: Path, header_only: bool = True) -> Extracted:
    """The text of ``path``: its first paragraphs or page when ``header_only``, else all of it."""
    kind = kind_of(path)
    try:
        if path.stat().st_size == 0:
            return Extracted(kind, problem="tệp rỗng (0 byte)")
        if kind == "docx":
            return _docx_lines(path, 80 if header_only else None)
        if kind == "pdf":
            return _pdf_lines(path, 1 if header_only else None)
        if kind == "text":
            return _text_lines(path)
    except PermissionError:
        return Extracted(kind, problem="không có quyền đọc tệp")
    except OSError as exc:
        return Extracted(kind, problem=f"không đọc được tệp ({os_reason(exc)})")
    if kind == "doc":
        return Extracted(kind, problem="tệp .doc (Word 97–2003) không đọc được: hãy lưu lại thành .docx hoặc PDF")
    return Extracted(kind, problem="định dạng không hỗ trợ (chỉ đọc .docx, .pdf, .txt, .md)")
