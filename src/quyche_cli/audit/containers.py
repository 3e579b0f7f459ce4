"""Reports that arrive inside containers: the members of a .zip and the attachments of an e-mail (.eml), each
read as if it lay in the folder and named "thư.eml › báo cáo.pdf", "gói.zip › SYT.docx".

Containers are opened within bounds: at most ``MAX_MEMBERS`` files and ``MAX_TOTAL_BYTES`` unpacked in all
(nested containers included), ``MAX_NESTING`` levels, a compression ratio of ``MAX_RATIO`` for any member
over a mebibyte, sizes checked against what is really read; a member whose path leaves the archive ("../",
"/etc") or that is encrypted is never unpacked and gets its reason. An e-mail's sender, its ``Date`` (the
sender's clock) and the time its receiving server wrote in the topmost ``Received`` header are kept as
evidence for every attachment. An Outlook .msg is read with extract-msg (the optional extra ``email``): its
transport headers when it kept them (the same evidence as an .eml), else its own properties: the sender's
address (PR_SENDER_SMTP_ADDRESS, else PR_SENDER_EMAIL_ADDRESS), the time the sender's client submitted it
(PR_CLIENT_SUBMIT_TIME, as ``Date``) and the time it was delivered to the mailbox (PR_MESSAGE_DELIVERY_TIME, as
``Received``); a message attached to it is opened in turn. A .7z is opened the same way with py7zr (the optional
extra ``archives``). A .rar is not opened (every reader of it runs an external program for compressed members):
it gets a reason saying what to do.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

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
    if kind == "rar":
        return [Item(name, problem=NOT_OPENED[kind], modified=modified, mail=mail)]
    if kind == "eml":
        return _mail_items(name, data, modified, depth, budget)
    if kind == "msg":
        return _outlook_items(name, data, modified, depth, budget)
    if kind == "7z":
        return _7z_items(name, data, mail, depth, budget)
    return _zip_items(name, data, mail, depth, budget)


def _escapes(path: str) -> bool:
    """Whether a member path would leave the folder it is unpacked into (absolute, a drive, "..")."""
    unified = path.replace("\\", "/")
    return unified.startswith("/") or bool(re.match(r"[A-Za-z]:", unified)) or ".." in unified.split("/")


def _skipped(path: str) -> bool:
    base = PurePosixPath(path.replace("\\", "/")).name
    return path.startswith("__MACOSX/") or base.startswith(SKIPPED) or base.lower() in SKIPPED_NAMES


@dataclass(frozen=True)
class _Entry:
    """A member of an archive as its directory describes it, before anything is unpacked."""

    path: str
    size: int
    packed: int | None  # the compressed size, when the format tells it per member
    encrypted: bool = False
    unsupported: str | None = None  # a compression method this reader does not know
    day: dt.date | None = None


def _archive_items(
    name: str,
    label: str,
    entries: list[_Entry],
    read: Callable[[list[_Entry]], Callable[[_Entry], bytes]],
    mail: Mail | None,
    depth: int,
    budget: _Budget,
) -> list[Item]:
    """The items of an archive ``name`` whose members are ``entries``: each checked against the bounds before
    ``read`` unpacks those allowed (it returns how to get one member's bytes, raising on a broken one)."""
    entries = [e for e in entries if not _skipped(e.path)]
    if not entries:
        return [Item(name, problem=f"tệp {label} không chứa tệp nào")]
    if len(entries) > budget.members:
        return [Item(name, problem=f"tệp {label} có {len(entries)} tệp, quá giới hạn {MAX_MEMBERS}: không mở")]
    budget.members -= len(entries)
    problems = {}
    for entry in entries:
        problem = _member_problem(entry, label, budget)
        if problem:
            problems[entry.path] = problem
        else:
            budget.bytes -= entry.size  # reserved now: the whole archive stays within the bound
    allowed = [e for e in entries if e.path not in problems]
    try:
        content_of = read(allowed)
    except Exception as exc:  # a broken or hostile archive may make its reader raise anything
        return [Item(name, problem=f"tệp {label} hỏng ({type(exc).__name__}): không giải nén được")]
    items: list[Item] = []
    for entry in entries:
        shown = f"{name}{SEPARATOR}{' '.join(entry.path.split())}"
        if entry.path in problems:
            items.append(Item(shown, problem=problems[entry.path]))
            continue
        try:
            content = content_of(entry)
        except Exception as exc:  # one broken member never stops the others
            items.append(Item(shown, problem=f"tệp trong {label} hỏng ({type(exc).__name__}): không giải nén được"))
            continue
        if len(content) != entry.size:
            items.append(Item(shown, problem=f"tệp trong {label} khai sai kích thước: không dùng, cần xem bằng mắt"))
            continue
        items += _unpack(shown, content, entry.day, mail, depth + 1, budget)
    return items


def _member_problem(entry: _Entry, label: str, budget: _Budget) -> str | None:
    """Why a member of an archive is not unpacked, if it is not."""
    if _escapes(entry.path):
        return "đường dẫn trong tệp nén trỏ ra ngoài thư mục (tệp nén độc hại?): không giải nén"
    if entry.encrypted:
        return f"tệp trong {label} được mã hóa (có mật khẩu): không mở được, cần xem bằng mắt"
    if entry.unsupported:
        return f"tệp trong {label} dùng kiểu nén {entry.unsupported} không hỗ trợ: hãy giải nén bằng phần mềm khác"
    if entry.size > MAX_MEMBER_BYTES or entry.size > budget.bytes:
        limits = f"{MAX_MEMBER_BYTES // 2**20} MiB một tệp, {MAX_TOTAL_BYTES // 2**20} MiB cả gói"
        return f"tệp trong {label} quá lớn khi giải nén (giới hạn {limits}): không giải nén"
    if entry.packed is not None and entry.size > RATIO_FROM and entry.size > MAX_RATIO * max(entry.packed, 1):
        return f"tệp trong {label} nén hơn {MAX_RATIO} lần (có thể là 'zip bomb'): không giải nén"
    return None


def _zip_items(name: str, data: bytes, mail: Mail | None, depth: int, budget: _Budget) -> list[Item]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError, OSError, NotImplementedError):
        return [Item(name, problem="tệp .zip hỏng (không mở được)")]
    known = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)
    infos = {info.filename: info for info in archive.infolist() if not info.is_dir()}
    entries = [
        _Entry(
            info.filename,
            info.file_size,
            info.compress_size,
            bool(info.flag_bits & 0x1),
            None if info.compress_type in known else str(info.compress_type),
            _day(*info.date_time[:3]),
        )
        for info in infos.values()
    ]

    def read(_: list[_Entry]) -> Callable[[_Entry], bytes]:
        def content(entry: _Entry) -> bytes:
            with archive.open(infos[entry.path]) as stream:
                return stream.read(entry.size + 1)

        return content

    with archive:
        return _archive_items(name, ".zip", entries, read, mail, depth, budget)


def _7z_items(name: str, data: bytes, mail: Mail | None, depth: int, budget: _Budget) -> list[Item]:
    """The members of a .7z, read with py7zr (the optional extra ``archives``) into memory, never to disk."""
    try:
        import py7zr
        from py7zr.io import BytesIOFactory
    except ImportError:
        extra = " (hoặc cài thêm gói 'archives': pip install \"quyche[archives]\")"
        return [Item(name, problem=NOT_OPENED["7z"] + extra)]
    try:
        archive = py7zr.SevenZipFile(io.BytesIO(data), "r")
        if archive.needs_password():
            archive.close()
            return [Item(name, problem="tệp .7z được mã hóa (có mật khẩu): không mở được, cần xem bằng mắt")]
        listed = [info for info in archive.list() if not info.is_directory]
    except Exception:  # a broken or hostile archive may make py7zr raise anything
        return [Item(name, problem="tệp .7z hỏng (không mở được)")]
    total = sum(info.uncompressed or 0 for info in listed)
    solid = total > RATIO_FROM and total > MAX_RATIO * max(len(data), 1)  # a solid archive has no per-member size
    entries = [_Entry(info.filename, info.uncompressed or 0, 0 if solid else None) for info in listed]

    def read(allowed: list[_Entry]) -> Callable[[_Entry], bytes]:
        factory = BytesIOFactory(MAX_MEMBER_BYTES + 1)
        if allowed:
            archive.extract(targets=[e.path for e in allowed], factory=factory)

        def content(entry: _Entry) -> bytes:
            product = factory.products[entry.path]
            product.seek(0)
            data: bytes = product.read()
            return data

        return content

    with archive:
        return _archive_items(name, ".7z", entries, read, mail, depth, budget)


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _mail_items(name: str, data: bytes, modified: dt.date | None, depth: int, budget: _Budget) -> list[Item]:
    import email
    from email import policy

    try:
        message: EmailMessage = email.message_from_bytes(data, policy=policy.default)
        mail = _mail_of(message)
        parts = [part for part in message.walk() if not part.is_multipart() and part.get_filename()]
        attached = [(str(part.get_filename()), _fetch(partial(part.get_payload, decode=True))) for part in parts]
    except Exception as exc:  # a hostile message may make the parser raise anything: it is this file's reason
        return [Item(name, problem=f"thư .eml hỏng hoặc bất thường ({type(exc).__name__})")]
    return _attachment_items(name, mail, attached, modified, depth, budget)


def _outlook_items(name: str, data: bytes, modified: dt.date | None, depth: int, budget: _Budget) -> list[Item]:
    """The attachments of an Outlook .msg, read with extract-msg (the optional extra ``email``) in memory."""
    try:
        import extract_msg
    except ImportError:
        extra = " (hoặc cài thêm gói 'email': pip install \"quyche[email]\")"
        return [Item(name, problem=NOT_OPENED["msg"] + extra)]
    logging.getLogger("extract_msg").setLevel(logging.CRITICAL)  # its log of odd streams is not for the user
    try:
        with extract_msg.openMsg(data, strict=False, delayAttachments=False) as message:
            headers = getattr(message, "headerText", None)
            if headers:
                import email
                from email import policy

                mail = _mail_of(email.message_from_string(headers, policy=policy.default))
            else:
                # PR_SENDER_SMTP_ADDRESS, else PR_SENDER_EMAIL_ADDRESS (an Exchange sender's may be an X.500 name)
                sender = message.getStringStream("__substg1.0_5D01") or message.getStringStream("__substg1.0_0C1F")
                sent, arrived = message.props.date, message.getPropertyVal("0E060040")
                mail = Mail(sender or None, _vietnam(sent), _vietnam(arrived))
            attached = [_outlook_attachment(a) for a in getattr(message, "attachments", [])]
    except Exception as exc:  # a hostile file may make extract-msg (or olefile under it) raise anything
        return [Item(name, problem=f"thư Outlook .msg hỏng hoặc bất thường ({type(exc).__name__})")]
    return _attachment_items(name, mail, attached, modified, depth, budget)


def _outlook_attachment(attachment: Any) -> tuple[str, object]:
    """The name and content of an attachment of an Outlook message; a message attached to it (a forwarded
    one) as the bytes of a .msg of its own, opened in turn."""
    name = str(attachment.longFilename or attachment.shortFilename or attachment.name or "đính kèm")
    data = _fetch(partial(getattr, attachment, "data"))
    if hasattr(data, "exportBytes"):
        data = _fetch(partial(data.exportBytes, allowBadEmbed=True))
        name = name if name.lower().endswith(".msg") else f"{name}.msg"
    return name, data


def _fetch(get: Callable[[], object]) -> object:
    """What ``get`` returns (an attachment's content), or the exception it raised: one broken attachment never
    stops the others."""
    try:
        return get()
    except Exception as exc:  # a broken transfer encoding or stream
        return exc


def _mail_of(message: EmailMessage) -> Mail:
    return Mail(_sender(message), _header_time(message.get("Date")), _arrival(message))


def _attachment_items(
    name: str,
    mail: Mail,
    attached: list[tuple[str, object]],
    modified: dt.date | None,
    depth: int,
    budget: _Budget,
) -> list[Item]:
    """The items of the e-mail ``name``: each attachment (its name, and its bytes or what reading them raised)
    audited with the e-mail's evidence ``mail``."""
    if not attached:
        return [Item(name, problem="thư không có tệp đính kèm: không có báo cáo để đọc", modified=modified, mail=mail)]
    if len(attached) > budget.members:
        limit = f"quá giới hạn {MAX_MEMBERS}"
        return [Item(name, problem=f"thư có {len(attached)} tệp đính kèm, {limit}: cần xem bằng mắt")]
    budget.members -= len(attached)
    items: list[Item] = []
    for filename, content in attached:
        shown = f"{name}{SEPARATOR}{' '.join(filename.split())}"
        if isinstance(content, Exception):
            items.append(Item(shown, problem=f"tệp đính kèm hỏng ({type(content).__name__})", mail=mail))
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
    return _vietnam(moment)


def _vietnam(moment: object) -> dt.datetime | None:
    """``moment`` in Vietnam time; None when it is not a date-time with a zone ("-0000": the day is unknown)."""
    if not isinstance(moment, dt.datetime) or moment.tzinfo is None:
        return None
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
