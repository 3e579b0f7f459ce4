"""A rendered .docx converted to PDF with LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from quyche_cli.errors import RenderError


def to_pdf(docx: Path, timeout: int = 180, replace: bool = False) -> Path:
    """Convert with LibreOffice (headless, a private profile per run) to the .pdf beside ``docx`` (replacing one
    only when ``replace``); RenderError when LibreOffice is missing."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise RenderError("Không tìm thấy LibreOffice (soffice) để chuyển sang PDF; tệp .docx đã được tạo.")
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as outdir:
        try:
            subprocess.run(
                [
                    office,
                    "--headless",
                    f"-env:UserInstallation=file://{profile}",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    outdir,
                    str(docx),
                ],
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise RenderError(f"LibreOffice không chuyển xong trong {timeout} giây.") from None
        produced = Path(outdir) / f"{docx.stem}.pdf"
        if not produced.is_file():
            raise RenderError("LibreOffice không tạo được tệp PDF.")
        target = docx.with_suffix(".pdf")
        from quyche_cli.safewrite import write_atomic

        write_atomic(target, produced.read_bytes(), replace=replace)
        return target
