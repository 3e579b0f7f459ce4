"""The committed JSON Schema is current and the rules file points editors at it."""

from __future__ import annotations

import json
import typing
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml
from pydantic import BaseModel
from typer.testing import Result

from quyche_cli.rules.schema import format_reference, json_schema_text
from support import DATA, ROOT, RULES_FILE


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


def test_the_format_page_is_generated_from_the_models_and_not_stale(cli: Callable[..., Result]) -> None:
    page = (ROOT / "docs" / "dinh-dang-tep-quy-che.md").read_text(encoding="utf-8")
    assert page == format_reference(), (
        "docs/dinh-dang-tep-quy-che.md is stale: run `quyche schema --format markdown > docs/dinh-dang-tep-quy-che.md`"
    )
    assert cli("schema", "--format", "markdown").stdout == page
    # every object of the file has its section, every field its row, with the field's own description
    schema = json.loads(json_schema_text())
    for name, node in schema["definitions"].items():
        assert f"\n## {name}\n" in page
        for field, prop in node.get("properties", {}).items():
            row = next(
                line for line in page.split(f"\n## {name}\n")[1].splitlines() if line.startswith(f"| `{field}` |")
            )
            assert " ".join(prop.get("description", "").split()) in row
    assert "| `schema_version` |" in page.split("\n## ")[1]  # the top level first


def test_the_schema_of_the_gop_y_result(cli: Callable[..., Result]) -> None:
    schema = json.loads(cli("schema", "--result", "gop-y").stdout)
    assert {"day", "names", "deadline", "notices", "comments", "no_reply"} <= set(schema["properties"])
    assert {"day", "names"} <= set(schema["required"])
    refused = cli("schema", "--result", "gop-y", "--format", "markdown")
    assert refused.exit_code == 2 and "--result chỉ in JSON Schema" in refused.stderr


def test_the_registry_schema_and_its_page(cli: Callable[..., Result]) -> None:
    schema = json.loads(cli("schema", "--registry").stdout)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#" and schema["title"] == "to-chuc.yaml"
    assert {"schema_version", "province", "agencies", "calendar", "events"} == set(schema["properties"])
    assert schema["additionalProperties"] is False and "Agency" in schema["definitions"]
    # The registry of the test workspace is valid against it; a misspelt key is not.
    loaded = yaml.safe_load((DATA / "workspace" / "to-chuc.yaml").read_text(encoding="utf-8"))
    registry = json.loads(json.dumps(loaded, default=str))  # dates as an editor reads them: YYYY-MM-DD text
    jsonschema.validate(registry, schema)
    with pytest.raises(jsonschema.ValidationError, match="agencys"):
        jsonschema.validate({**registry, "agencys": []}, schema)
    page = (ROOT / "docs" / "dinh-dang-so-to-chuc.md").read_text(encoding="utf-8")
    assert page == format_reference(registry=True), (
        "docs/dinh-dang-so-to-chuc.md is stale: run "
        "`quyche schema --registry --format markdown > docs/dinh-dang-so-to-chuc.md`"
    )
    assert cli("schema", "--registry", "--format", "markdown").stdout == page
    assert page.startswith("# Định dạng sổ tổ chức `to-chuc.yaml` (tham chiếu)")
    assert "## Sổ tổ chức (gốc)" in page and "\n## Agency\n" in page and "\n## Member\n" not in page
    refused = cli("schema", "--registry", "--result", "gop-y")
    assert refused.exit_code == 2 and "--registry" in refused.stderr


def test_init_writes_the_schemas_its_modeline_names(cli: Callable[..., Result], tmp_path: Path) -> None:
    assert cli("init", "tinh").exit_code == 0
    folder = tmp_path / "tinh"
    assert sorted(p.name for p in folder.iterdir()) == [
        "quyche.schema.json",
        "quyche.yaml",
        "to-chuc.schema.json",
        "to-chuc.yaml",
    ]
    for name in ("to-chuc.yaml", "quyche.yaml"):
        first = (folder / name).read_text(encoding="utf-8").splitlines()[0]
        named = first.removeprefix("# yaml-language-server: $schema=")
        assert named != first and (folder / named).is_file()
    assert (folder / "to-chuc.schema.json").read_text(encoding="utf-8") == json_schema_text(registry=True)
    assert (folder / "quyche.schema.json").read_text(encoding="utf-8") == json_schema_text()
    assert cli("validate", str(folder)).exit_code == 0


def _input_models(model: type[BaseModel], found: dict[str, type[BaseModel]]) -> dict[str, type[BaseModel]]:
    """``model`` and every model its fields hold (lists, optionals, unions, mappings), by name."""
    found[model.__name__] = model

    def visit(annotation: object) -> None:
        for inner in typing.get_args(annotation):
            visit(inner)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel) and annotation.__name__ not in found:
            _input_models(annotation, found)

    for field in model.model_fields.values():
        visit(field.annotation)
    return found


def test_every_field_of_the_input_models_has_a_description() -> None:
    """The rules file and the registry are written by people: each field says what it is, in Vietnamese, in the
    schema an editor shows and in the generated format pages."""
    from quyche_cli.rules.model import Registry, Regulation

    models = _input_models(Registry, _input_models(Regulation, {}))
    assert {"Regulation", "Registry", "Agency", "Member", "Deadline", "Point", "Renaming"} <= set(models)
    missing = [
        f"{name}.{field}"
        for name, model in sorted(models.items())
        for field, info in model.model_fields.items()
        if not (info.description or "").strip()
    ]
    assert missing == [], f"fields without a description (Field(description=...)): {missing}"
