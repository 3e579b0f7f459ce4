"""Digital signatures in a PDF (PAdES / CMS), read with pyHanko (the optional extra ``signatures``): who signed,
for which organisation, the time the signer claims, the time of a timestamp token, whether the signed bytes are
intact, whether anything was changed after signing, whether the signature covers the whole file. The signer's
certificate chain is verified only against trust roots the user supplies (``--trust-roots``); otherwise the
answer says it was not. Signatures are only read: nothing here signs."""

from __future__ import annotations

import datetime as dt
import io
import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

from quyche_cli.audit.containers import VIETNAM
from quyche_cli.audit.results import Signature
from quyche_cli.errors import InputError

MISSING = (
    "chưa kiểm tra chữ ký số: cần cài thêm gói 'signatures' (pip install \"quyche[signatures]\") "
    "để đọc chữ ký số trong PDF"
)
CHANGES = {
    "LTA_UPDATES": "chỉ thêm dữ liệu kiểm tra hoặc dấu thời gian (không đổi nội dung)",
    "FORM_FILLING": "điền biểu mẫu hoặc thêm chữ ký khác",
    "ANNOTATIONS": "thêm chú thích",
    "OTHER": "nội dung bị thay đổi sau khi ký",
}


def read_signatures(source: bytes | Path, trust_roots: list[Path]) -> tuple[list[Signature], str | None]:
    """The signatures of the PDF ``source`` (its bytes or its path), and, when pyHanko is not installed, the
    sentence saying they could not be read."""
    try:
        from pyhanko.pdf_utils.reader import PdfFileReader
    except ImportError:
        return [], MISSING
    for name in ("pyhanko", "pyhanko_certvalidator"):  # its log of an unverified chain is not for the user
        logging.getLogger(name).setLevel(logging.CRITICAL)
    data = source if isinstance(source, bytes) else _read(source)
    if data is None or b"/ByteRange" not in data:
        return [], None  # no signature dictionary: nothing to read (a cheap test before parsing)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_regular_signatures)
    except Exception as exc:  # a hostile or broken file may make the parser raise anything
        return [Signature(problem=f"cấu trúc chữ ký trong PDF hỏng ({type(exc).__name__})")], None
    _roots(tuple(trust_roots))  # a roots file that is not a certificate is refused before any signature is read
    return [_one(signature, _context(tuple(trust_roots)), bool(trust_roots)) for signature in embedded], None


def _read(path: Path) -> bytes | None:
    from quyche_cli.audit.reading import MAX_FILE_BYTES
    from quyche_cli.saferead import open_regular

    try:
        with open_regular(path) as handle:
            return handle.read(MAX_FILE_BYTES)
    except OSError:
        return None


def _context(trust_roots: tuple[Path, ...]) -> Any:
    """A validation context that never fetches anything: the user's roots (PEM or DER), or none at all. A new one
    for each signature: a context remembers every certificate it is shown, and one shared across files let
    certificates of the same name from earlier files multiply the paths tried (it ran for minutes)."""
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(trust_roots=list(_roots(trust_roots)), allow_fetching=False)


@lru_cache(maxsize=4)
def _roots(trust_roots: tuple[Path, ...]) -> tuple[Any, ...]:
    """The certificates of the user's trust roots files (PEM or DER), read once."""
    from asn1crypto import pem, x509  # type: ignore[import-untyped]

    roots = []
    for path in trust_roots:
        try:
            raw = path.read_bytes()
            blocks = [der for _, _, der in pem.unarmor(raw, multiple=True)] if pem.detect(raw) else [raw]
            roots += [x509.Certificate.load(der) for der in blocks]
            _ = [root.native for root in roots]  # parse now: what is not a certificate is refused here
        except Exception as exc:  # asn1crypto raises several kinds on what is not a certificate
            raise InputError(
                f"Tệp chứng thư gốc '{path}' (--trust-roots) không đọc được ({type(exc).__name__}): "
                "cần chứng thư X.509 dạng PEM hoặc DER."
            ) from None
    return tuple(roots)


def _one(embedded: Any, context: Any, verify_chain: bool) -> Signature:
    from pyhanko.sign.validation import validate_pdf_signature

    found = Signature()
    try:
        subject = embedded.signer_cert.subject.native
        found.signer = subject.get("common_name")
        found.organisation = subject.get("organization_name")
        found.signed_at = _local(embedded.self_reported_timestamp) or _local(_m_key(embedded))
        status = validate_pdf_signature(embedded, context)
    except Exception as exc:  # a hostile signature may make pyHanko raise anything
        found.problem = f"chữ ký không kiểm tra được ({type(exc).__name__})"
        return found
    found.intact = bool(status.intact and status.valid)
    if status.timestamp_validity is not None:
        found.timestamp = _local(status.timestamp_validity.timestamp)
    level = status.modification_level
    found.whole_file = status.coverage is not None and status.coverage.name == "ENTIRE_FILE"
    found.changed_after = CHANGES.get(level.name) if level is not None else "không xác định được"
    if verify_chain:
        found.trusted = bool(status.trusted)
        found.chain = (
            "chuỗi chứng thư hợp lệ theo --trust-roots"
            if status.trusted
            else "chuỗi chứng thư KHÔNG dẫn tới chứng thư gốc nào trong --trust-roots"
        )
    return found


def _m_key(embedded: Any) -> dt.datetime | None:
    """The signing time in the signature dictionary's /M key (the signer's own clock)."""
    from pyhanko.pdf_utils.generic import pdf_date
    from pyhanko.pdf_utils.misc import PdfReadError

    value = embedded.sig_object.get("/M")
    if value is None:
        return None
    try:
        moment = pdf_date(value)
    except (PdfReadError, ValueError, TypeError):
        return None
    return moment if isinstance(moment, dt.datetime) else None


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)).astimezone(VIETNAM)
