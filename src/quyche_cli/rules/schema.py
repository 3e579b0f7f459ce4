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
