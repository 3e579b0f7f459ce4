"""Jinja templates to a document layout: one ``@directive`` per line; values print as plain one-line text
(never a directive, never evaluated again), in a sandbox that is strict about undefined values."""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from pathlib import Path
from typing import Any

from quyche_cli.documents.docx import Block, Layout
from quyche_cli.errors import RenderError

_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile(r"[\n\r\t\x0b\x0c\x85\u2028\u2029]")
_DIRECTIVE = re.compile(r"^@([a-z_]+)(?: (.*))?$")
LIST_DIRECTIVES = {"excerpt": "excerpt", "to": "addressees", "authority": "authority", "cc": "recipients"}
TEXT_DIRECTIVES = {"superior", "issuer", "number", "subject", "place_date", "type", "signer"}
BODY_DIRECTIVES = {"p", "heading", "center", "article", "item", "quote", "field"}


def plain(value: Any) -> str:
    """What Jinja prints for a value: plain one-line text."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_date(value)
    return _BREAKS.sub(" ", _CONTROL.sub("", str(value)))


def format_date(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def bundled_templates() -> Path:
    packaged = Path(str(resources.files("quyche_cli") / "templates"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"


def render_text(name: str, context: dict[str, Any], templates: Path | None) -> str:
    """The template ``name`` filled with ``context`` (sandboxed, strict about undefined values), from the
    folder ``templates`` when given (RenderError when it or the template is missing), else the bundled one."""
    from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, UndefinedError
    from jinja2.sandbox import SandboxedEnvironment

    if templates is not None and not templates.is_dir():
        raise RenderError(f"Thư mục mẫu '{templates}' không tồn tại.")
    if templates is not None and not (templates / f"{name}.j2").is_file():
        raise RenderError(
            f"Thư mục mẫu '{templates}' không có tệp {name}.j2 (chép mẫu gốc từ {bundled_templates()} để sửa)."
        )
    env = SandboxedEnvironment(
        loader=FileSystemLoader(str(templates or bundled_templates())),
        undefined=StrictUndefined,
        finalize=plain,
        autoescape=False,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    try:
        return env.get_template(f"{name}.j2").render(context)
    except UndefinedError as exc:
        raise RenderError(f"Mẫu {name}.j2 dùng một giá trị không có: {exc.message}.") from None
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = f" (dòng {line})" if line else ""
        raise RenderError(f"Mẫu {name}.j2 lỗi{where}: {exc}.") from None


def parse_layout(text: str, name: str) -> Layout:
    """Turn the directive lines a template produced into a :class:`Layout`."""
    layout = Layout()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _DIRECTIVE.match(line.strip())
        if not match:
            raise RenderError(
                f"{name}: dòng {number} phải bắt đầu bằng một chỉ thị @… (ví dụ @p), đang là '{line[:60]}'."
            )
        directive, value = match.group(1), (match.group(2) or "").strip()
        if directive in TEXT_DIRECTIVES:
            setattr(layout, "type_name" if directive == "type" else directive, value)
        elif directive in LIST_DIRECTIVES:
            if value:
                getattr(layout, LIST_DIRECTIVES[directive]).append(value)
        elif directive in BODY_DIRECTIVES:
            layout.body.append(Block(directive, value))  # type: ignore[arg-type]
        else:
            raise RenderError(f"{name}: dòng {number}: chỉ thị '@{directive}' không tồn tại.")
    return layout
