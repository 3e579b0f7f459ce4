"""The committed JSON Schema is current and the rules file points editors at it."""

from __future__ import annotations

import json
from collections.abc import Callable

from typer.testing import Result

from quyche_cli.rules.schema import json_schema_text
from support import ROOT, RULES_FILE


def test_committed_schema_is_not_stale() -> None:
    committed = (ROOT / "quyche.schema.json").read_text(encoding="utf-8")
    assert committed == json_schema_text(), "quyche.schema.json is stale: run `quyche schema > quyche.schema.json`"


def test_schema_command_prints_draft07(cli: Callable[..., Result]) -> None:
    result = cli("schema")
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in result.stdout and "#/definitions/Member" in result.stdout
    assert schema["additionalProperties"] is False


def test_rules_file_starts_with_the_editor_modeline() -> None:
    first = RULES_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=quyche.schema.json"
