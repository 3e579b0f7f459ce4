"""The JSON Schema of the rules file, generated from the models, in the draft-07 dialect editors read."""

from __future__ import annotations

import json
from typing import Any

from quyche_cli.rules.model import Regulation

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def _draft07(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            ("definitions" if key == "$defs" else key): (
                value.replace("#/$defs/", "#/definitions/") if key == "$ref" else _draft07(value)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_draft07(item) for item in node]
    return node


def json_schema() -> dict[str, Any]:
    """The schema as a dict, with ``$schema`` set to draft-07 and ``definitions`` for shared parts."""
    schema = _draft07(Regulation.model_json_schema())
    return {"$schema": DRAFT_07, **schema, "title": "quyche.yaml"}


def json_schema_text() -> str:
    """The schema as committed in ``quyche.schema.json`` (stable key order, final newline)."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


# -- the reference page of the file format, for the people who write a rules file ---------------------------

PAGE_INTRO = (
    "# Định dạng tệp quy chế (tham chiếu)\n\n"
    "Trang này được tạo tự động từ mô hình dữ liệu của quyche, cùng nguồn với `quyche.schema.json`: "
    "`quyche schema --format markdown > docs/dinh-dang-tep-quy-che.md`. Đừng sửa tay; một kiểm thử báo lỗi khi "
    "trang cũ hơn mô hình. Cách viết một tệp quy chế, từng bước, có ví dụ: [tep-quy-che.md](tep-quy-che.md).\n\n"
    'Mỗi mục là một loại đối tượng trong tệp YAML; cột *Bắt buộc* ghi "có" khi thiếu trường đó thì '
    "`quyche validate` báo lỗi, nếu không thì ghi giá trị mặc định.\n"
)
_SCALARS = {"string": "chuỗi", "integer": "số nguyên", "number": "số", "boolean": "đúng/sai", "null": "trống"}


def _anchor(name: str) -> str:
    return name.lower()


def _type(node: dict[str, Any]) -> str:
    """A property's type in words, with links to the sections of the objects it holds."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{_anchor(name)})"
    if "const" in node:
        return f"`{node['const']}`"
    if "enum" in node:
        return "một trong: " + ", ".join(f"`{value}`" for value in node["enum"])
    for key in ("anyOf", "oneOf", "allOf"):
        if key in node:
            kinds = [_type(part) for part in node[key] if part.get("type") != "null"]
            return " hoặc ".join(dict.fromkeys(kinds))
    kind = node.get("type")
    if kind == "array":
        return f"danh sách {_type(node.get('items', {}))}".strip()
    if kind == "object":
        values = node.get("additionalProperties")
        return f"bảng (khóa → {_type(values)})" if isinstance(values, dict) else "bảng"
    if kind == "string" and node.get("format") == "date":
        return "ngày (YYYY-MM-DD)"
    if isinstance(kind, list):
        return " hoặc ".join(_SCALARS.get(str(k), str(k)) for k in kind if k != "null")
    return _SCALARS.get(str(kind), "bất kỳ")


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _section(title: str, node: dict[str, Any]) -> str:
    required = set(node.get("required", []))
    rows = []
    for name, prop in node.get("properties", {}).items():
        default = prop.get("default")
        needed = "có" if name in required else "không"
        if name not in required and default not in (None, [], {}):
            needed = f"không (mặc định `{json.dumps(default, ensure_ascii=False)}`)"
        rows.append(f"| `{name}` | {_cell(_type(prop))} | {needed} | {_cell(prop.get('description', ''))} |")
    table = ["| Trường | Kiểu | Bắt buộc | Mô tả |", "|---|---|---|---|", *rows] if rows else []
    values = node.get("additionalProperties")
    if not rows and isinstance(values, dict):
        table = [f"Bảng: mỗi khóa ứng với {_type(values)}."]
    return "\n".join([f"## {title}", "", *table, ""])


def format_reference() -> str:
    """The Markdown page of every object of the rules file and its fields (type, required or default, the
    field's description), generated from the same schema as ``quyche.schema.json``."""
    schema = json_schema()
    parts = [PAGE_INTRO, _section("Tệp quy chế (gốc)", schema)]
    for name, node in sorted(schema.get("definitions", {}).items()):
        parts.append(_section(name, node))
    return "\n".join(parts).rstrip("\n") + "\n"
