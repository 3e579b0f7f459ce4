"""Reports that arrive inside containers: the members of a .zip and the attachments of an e-mail (.eml), each
read as if it lay in the folder and named "thư.eml › báo cáo.pdf", "gói.zip › SYT.docx".

Containers are opened within bounds: at most ``MAX_MEMBERS`` files and ``MAX_TOTAL_BYTES`` unpacked in all
(nested containers included), ``MAX_NESTING`` levels, a compression ratio of ``MAX_RATIO`` for any member
over a mebibyte, sizes checked against what is really read; a member whose path leaves the archive ("../",
"/etc") or that is encrypted is never unpacked and gets its reason. An e-mail's sender, its ``Date`` (the
sender's clock) and the time its receiving server wrote in the topmost ``Received`` header are kept as
evidence for every attachment. .msg, .7z and .rar are not opened: each gets a reason saying what to do.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from quyche_cli.audit.folder import SKIPPED, SKIPPED_NAMES
from quyche_cli.audit.reading import CONTAINERS, MAX_FILE_BYTES, MAX_RATIO, kind_of

if TYPE_CHECKING:
    from email.message import EmailMessage

SEPARATOR = " › "
MAX_MEMBERS = 500
MAX_TOTAL_BYTES = 512 * 2**20
MAX_MEMBER_BYTES = 64 * 2**20
MAX_NESTING = 3
RATIO_FROM = 2**20  # a small member may compress far (a text of spaces); only larger ones are held to MAX_RATIO
VIETNAM = dt.timezone(dt.timedelta(hours=7), "giờ Việt Nam")
NOT_OPENED = {
    "msg": "thư Outlook (.msg) chưa mở được: hãy lưu thư dạng .eml (hoặc lưu các tệp đính kèm vào thư mục)",
    "7z": "tệp nén .7z chưa mở được: hãy giải nén vào thư mục (hoặc nén lại dạng .zip) rồi kiểm tra lại",
    "rar": "tệp nén .rar chưa mở được: hãy giải nén vào thư mục (hoặc nén lại dạng .zip) rồi kiểm tra lại",
}


@dataclass(frozen=True)
class Mail:
    """What an e-mail says about its sending and arrival: evidence for each of its attachments."""

    sender: str | None
    sent: dt.datetime | None  # the Date header: the sender's clock
    arrived: dt.datetime | None  # the topmost Received header: the receiving server's clock


@dataclass
class Item:
    """One file to audit: on disk (``data`` None), or unpacked from a container; or the reason it cannot be."""

    name: str
    data: bytes | None = None
    problem: str | None = None
    modified: dt.date | None = None
    mail: Mail | None = None


@dataclass
class _Budget:
    """What a container and the containers inside it may still unpack."""

    members: int = MAX_MEMBERS
    bytes: int = MAX_TOTAL_BYTES


def is_container(name: str) -> bool:
    return kind_of(Path(name)) in CONTAINERS


def unpack(name: str, data: bytes, modified: dt.date | None = None) -> list[Item]:
    """The files inside the container ``name`` (its bytes ``data``), each an :class:`Item` to audit; a
    container that cannot be opened is one item with its reason."""
    return _unpack(name, data, modified, None, 0, _Budget())


def _unpack(
    name: str, data: bytes, modified: dt.date | None, mail: Mail | None, depth: int, budget: _Budget
) -> list[Item]:
    kind = kind_of(Path(name))
    if kind not in CONTAINERS:
        return [Item(name, data, modified=modified, mail=mail)]
    if depth >= MAX_NESTING:
        return [Item(name, problem=f"tệp chứa lồng quá sâu (hơn {MAX_NESTING} cấp): không mở, cần xem bằng mắt")]
    if kind in NOT_OPENED:
        return [Item(name, problem=NOT_OPENED[kind], modified=modified, mail=mail)]
    if kind == "eml":
        return _mail_items(name, data, modified, depth, budget)
    return _zip_items(name, data, mail, depth, budget)


def _escapes(path: str) -> bool:
    """Whether a member path would leave the folder it is unpacked into (absolute, a drive, "..")."""
    unified = path.replace("\\", "/")
    return unified.startswith("/") or bool(re.match(r"[A-Za-z]:", unified)) or ".." in unified.split("/")


def _skipped(path: str) -> bool:
    base = PurePosixPath(path.replace("\\", "/")).name
    return path.startswith("__MACOSX/") or base.startswith(SKIPPED) or base.lower() in SKIPPED_NAMES


def _zip_items(name: str, data: bytes, mail: Mail | None, depth: int, budget: _Budget) -> list[Item]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [info for info in archive.infolist() if not info.is_dir() and not _skipped(info.filename)]
    except (zipfile.BadZipFile, ValueError, EOFError, OSError, NotImplementedError):
        return [Item(name, problem="tệp .zip hỏng (không mở được)")]
    if not infos:
        return [Item(name, problem="tệp .zip không chứa tệp nào")]
    if len(infos) > budget.members:
        return [
            Item(name, problem=f"tệp .zip có {len(infos)} tệp, quá giới hạn {MAX_MEMBERS}: không mở, cần xem bằng mắt")
        ]
    budget.members -= len(infos)
    items: list[Item] = []
    with archive:
        for info in infos:
            shown = f"{name}{SEPARATOR}{' '.join(info.filename.split())}"
            problem = _member_problem(info, budget)
            if problem:
                items.append(Item(shown, problem=problem))
                continue
            try:
                with archive.open(info) as stream:
                    content = stream.read(info.file_size + 1)
            except (zipfile.BadZipFile, EOFError, ValueError, OSError, NotImplementedError, RuntimeError) as exc:
                items.append(Item(shown, problem=f"tệp trong .zip hỏng ({type(exc).__name__}): không giải nén được"))
                continue
            if len(content) != info.file_size:
                items.append(Item(shown, problem="tệp trong .zip khai sai kích thước: không dùng, cần xem bằng mắt"))
                continue
            budget.bytes -= len(content)
            items += _unpack(shown, content, _zip_day(info), mail, depth + 1, budget)
    return items


def _member_problem(info: zipfile.ZipInfo, budget: _Budget) -> str | None:
    """Why a member of a .zip is not unpacked, if it is not."""
    if _escapes(info.filename):
        return "đường dẫn trong tệp nén trỏ ra ngoài thư mục (tệp nén độc hại?): không giải nén"
    if info.flag_bits & 0x1:
        return "tệp trong .zip được mã hóa (có mật khẩu): không mở được, cần xem bằng mắt"
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
        return f"tệp trong .zip dùng kiểu nén {info.compress_type} không hỗ trợ: hãy giải nén bằng phần mềm khác"
    if info.file_size > MAX_MEMBER_BYTES or info.file_size > budget.bytes:
        limits = f"{MAX_MEMBER_BYTES // 2**20} MiB một tệp, {MAX_TOTAL_BYTES // 2**20} MiB cả gói"
        return f"tệp trong .zip quá lớn khi giải nén (giới hạn {limits}): không giải nén"
    if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        return f"tệp trong .zip nén hơn {MAX_RATIO} lần (có thể là 'zip bomb'): không giải nén"
    return None


def _zip_day(info: zipfile.ZipInfo) -> dt.date | None:
    try:
        return dt.date(*info.date_time[:3])
    except ValueError:
        return None


def _mail_items(name: str, data: bytes, modified: dt.date | None, depth: int, budget: _Budget) -> list[Item]:
    import email
    from email import policy

    try:
        message: EmailMessage = email.message_from_bytes(data, policy=policy.default)
        mail = Mail(_sender(message), _header_time(message.get("Date")), _arrival(message))
        parts = [part for part in message.walk() if not part.is_multipart() and part.get_filename()]
    except Exception as exc:  # a hostile message may make the parser raise anything: it is this file's reason
        return [Item(name, problem=f"thư .eml hỏng hoặc bất thường ({type(exc).__name__})")]
    if not parts:
        return [Item(name, problem="thư không có tệp đính kèm: không có báo cáo để đọc", modified=modified, mail=mail)]
    if len(parts) > budget.members:
        return [Item(name, problem=f"thư có {len(parts)} tệp đính kèm, quá giới hạn {MAX_MEMBERS}: cần xem bằng mắt")]
    budget.members -= len(parts)
    items: list[Item] = []
    for part in parts:
        shown = f"{name}{SEPARATOR}{' '.join(str(part.get_filename()).split())}"
        try:
            content = part.get_payload(decode=True)
        except Exception as exc:  # a broken transfer encoding
            items.append(Item(shown, problem=f"tệp đính kèm hỏng ({type(exc).__name__})", mail=mail))
            continue
        if not isinstance(content, bytes) or len(content) > min(MAX_MEMBER_BYTES, budget.bytes):
            items.append(Item(shown, problem="tệp đính kèm quá lớn hoặc không đọc được: cần xem bằng mắt", mail=mail))
            continue
        budget.bytes -= len(content)
        items += _unpack(shown, content, modified, mail, depth + 1, budget)
    return items


def _sender(message: EmailMessage) -> str | None:
    from email.utils import parseaddr

    _, address = parseaddr(str(message.get("From", "")))
    return address or None


def _header_time(value: object) -> dt.datetime | None:
    """A date-time of an e-mail header (RFC 5322), in Vietnam time; None when absent or unreadable."""
    from email.utils import parsedate_to_datetime

    if value is None:
        return None
    try:
        moment = parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        return None  # "-0000": the zone is unknown, so the day is too
    return moment.astimezone(VIETNAM)


def _arrival(message: EmailMessage) -> dt.datetime | None:
    """The time the receiving server wrote in the topmost Received header (after its last ";")."""
    received = message.get_all("Received") or []
    if not received:
        return None
    return _header_time(str(received[0]).rpartition(";")[2].strip())


def read_container(path: Path) -> bytes | str:
    """The bytes of a container file on disk (at most ``MAX_FILE_BYTES``), or the reason they cannot be read."""
    from quyche_cli.errors import os_reason
    from quyche_cli.saferead import NotRegular, open_regular

    try:
        with open_regular(path) as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except NotRegular as exc:
        return str(exc)
    except PermissionError:
        return "không có quyền đọc tệp"
    except OSError as exc:
        return f"không đọc được tệp ({os_reason(exc)})"
    if len(data) > MAX_FILE_BYTES:
        return f"tệp quá lớn (quá giới hạn {MAX_FILE_BYTES // 2**20} MiB): không mở, cần xem bằng mắt"
    return data
