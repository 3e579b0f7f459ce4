"""The JSON Schemas of the rules file and of a workspace's registry (``to-chuc.yaml``), generated from the
models in the draft-07 dialect editors read, and the reference pages of their formats."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from quyche_cli.rules.model import Registry, Regulation

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


# The files whose format the models describe: the model, the file's usual name, and where its schema is written.
FORMATS: dict[bool, tuple[type[BaseModel], str, str]] = {
    False: (Regulation, "quyche.yaml", "quyche.schema.json"),
    True: (Registry, "to-chuc.yaml", "to-chuc.schema.json"),
}


def schema_file(registry: bool = False) -> str:
    """The name the schema of the rules file (or of the registry) is written under beside the YAML it checks."""
    return FORMATS[registry][2]


def json_schema(registry: bool = False) -> dict[str, Any]:
    """The schema of the rules file (or of the registry) as a dict, with ``$schema`` set to draft-07 and
    ``definitions`` for shared parts."""
    model, title, _ = FORMATS[registry]
    schema = _draft07(model.model_json_schema())
    return {"$schema": DRAFT_07, **schema, "title": title}


def json_schema_text(registry: bool = False) -> str:
    """The schema as committed in ``quyche.schema.json`` (or written as ``to-chuc.schema.json`` by ``quyche
    init``): stable key order, final newline."""
    return json.dumps(json_schema(registry), ensure_ascii=False, indent=2) + "\n"


# -- the reference page of the file format, for the people who write a rules file ---------------------------

_HOW_TO_READ = (
    'Mỗi mục là một loại đối tượng trong tệp YAML; cột *Bắt buộc* ghi "có" khi thiếu trường đó thì '
    "`quyche validate` báo lỗi, nếu không thì ghi giá trị mặc định.\n"
)
PAGE_INTRO = {
    False: (
        "# Định dạng tệp quy chế (tham chiếu)\n\n"
        "Trang này được tạo tự động từ mô hình dữ liệu của quyche, cùng nguồn với `quyche.schema.json`: "
        "`quyche schema --format markdown > docs/dinh-dang-tep-quy-che.md`. Đừng sửa tay; một kiểm thử báo lỗi khi "
        "trang cũ hơn mô hình. Cách viết một tệp quy chế, từng bước, có ví dụ: [tep-quy-che.md](tep-quy-che.md); "
        "sổ tổ chức của thư mục làm việc: [dinh-dang-so-to-chuc.md](dinh-dang-so-to-chuc.md).\n\n" + _HOW_TO_READ
    ),
    True: (
        "# Định dạng sổ tổ chức `to-chuc.yaml` (tham chiếu)\n\n"
        "Sổ tổ chức là tệp `to-chuc.yaml` của một thư mục làm việc: những gì thuộc về tỉnh chứ không riêng một quy "
        "chế (mọi cơ quan qua thời gian, lịch làm việc, các sự kiện tổ chức bộ máy); mọi tệp quy chế trong thư mục "
        "gọi cơ quan theo id ghi ở đây. Trang này được tạo tự động từ mô hình dữ liệu của quyche, cùng nguồn với "
        "`quyche schema --registry` (tệp `to-chuc.schema.json` mà `quyche init` ghi cạnh sổ): "
        "`quyche schema --registry --format markdown > docs/dinh-dang-so-to-chuc.md`. Đừng sửa tay; một kiểm thử "
        "báo lỗi khi trang cũ hơn mô hình. Các mục dùng chung với tệp quy chế (cơ quan, lịch, sự kiện) được viết "
        "giống hệt trong [dinh-dang-tep-quy-che.md](dinh-dang-tep-quy-che.md).\n\n" + _HOW_TO_READ
    ),
}
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


def format_reference(registry: bool = False) -> str:
    """The Markdown page of every object of the rules file (or of the registry) and its fields (type, required
    or default, the field's description), generated from the same schema as ``quyche.schema.json`` (or
    ``to-chuc.schema.json``)."""
    schema = json_schema(registry)
    top = "Sổ tổ chức (gốc)" if registry else "Tệp quy chế (gốc)"
    parts = [PAGE_INTRO[registry], _section(top, schema)]
    for name, node in sorted(schema.get("definitions", {}).items()):
        parts.append(_section(name, node))
    return "\n".join(parts).rstrip("\n") + "\n"
