"""A document from its kind, ``--data`` and options: data checked, context built, template rendered to .docx."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from quyche_cli.documents.docx import build
from quyche_cli.documents.kinds import KINDS, Kind, Options, document_day
from quyche_cli.documents.templating import parse_layout, render_text
from quyche_cli.errors import RenderError
from quyche_cli.rules.index import Rules
from quyche_cli.rules.organisation import Organisation
from quyche_cli.rules.validation import describe_validation_error
from quyche_cli.schedule.workcalendar import WorkCalendar


def validate_data(kind: Kind, raw: Any, draft: bool, dated: bool = False) -> BaseModel:
    """The ``--data`` of ``kind``, or RenderError naming every missing or wrong field (``dated``: the date
    comes from ``--date``)."""
    if raw is None and kind.data_required:
        raise RenderError(f"Loại {kind.name} cần --data TỆP (xem: quyche render {kind.name} --example).")
    try:
        data = kind.model.model_validate(raw or {})
    except ValidationError as error:
        raise RenderError(f"Dữ liệu cho {kind.name} thiếu hoặc sai:", describe_validation_error(error)) from None
    missing = [
        f"{name}: thiếu (bắt buộc khi không dùng --draft)"
        for name in ("number", "date")
        if name in kind.model.model_fields
        and getattr(data, name) is None
        and not draft
        and kind.data_required
        and not (dated and name == "date")
    ]
    if missing:
        raise RenderError(f"Dữ liệu cho {kind.name} thiếu hoặc sai:", missing)
    return data


@dataclass(frozen=True)
class Rendered:
    """A document's .docx, and what its reader must know about the text on the document's day."""

    content: bytes
    notices: list[str]


def render(rules: Rules, kind_name: str, raw: Any, options: Options, templates: Path | None = None) -> Rendered:
    """The .docx of one document; the organisation is the one of the document's own day."""
    kind = KINDS.get(kind_name)
    if not isinstance(kind, Kind):
        known = ", ".join(name for name, k in KINDS.items() if isinstance(k, Kind))
        raise RenderError(f"'{kind_name}' không phải loại văn bản làm từ mẫu; chọn một trong: {known}.")
    data = validate_data(kind, raw, options.draft, options.date is not None)
    context = kind.context(rules, data, options)
    content = build(parse_layout(render_text(kind.name, context, templates), f"{kind.name}.j2"))
    warnings = [w for w in context.get("warnings", []) if isinstance(w, str)]
    calendar = WorkCalendar(rules.model.calendar).provisional([context.get("deadline_day")])  # the deadline stated
    return Rendered(content, Organisation(rules, document_day(data, options)).notices() + calendar + warnings)
