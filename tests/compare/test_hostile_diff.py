"""Blind spots of ``quyche diff``: a change anywhere in the model (each top-level field of the rules file, one
value at a time) is shown, and ``diff`` never says the two versions are the same when they are not."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from quyche_cli.cli.views.compare import summary
from quyche_cli.compare.diff import Version, compare
from quyche_cli.rules.index import Rules
from quyche_cli.rules.model import Regulation
from quyche_cli.rules.source import Source
from quyche_cli.rules.validation import check_source, load_rules
from quyche_cli.rules.yamlsource import parse_text
from support import DATA, RULES_FILE, write_rules

SAME = "Hai phiên bản giống nhau."
ACCEPTED = "  accepted: [{code: numbering-gap, ref: art_5__para_2, reason: Văn bản gốc đánh số như vậy.}]"


def _with_accepted() -> Regulation:
    text = RULES_FILE.read_text(encoding="utf-8").replace("  accepted: []", ACCEPTED, 1)
    source, problems = parse_text(text, "accepted.yaml")
    assert source is not None and not problems
    rules, problems = check_source(source)
    assert rules is not None and not problems
    return rules.model


BUNDLED, OTHER, ACCEPTED = load_rules(RULES_FILE).model, load_rules(DATA / "other.yaml").model, _with_accepted()
COMMUNE, NATIONAL = load_rules(DATA / "commune.yaml").model, load_rules(DATA / "national.yaml").model
# Each model changed field by field, taking whole fields from the other of its pair.
PAIRS = [(OTHER, BUNDLED), (BUNDLED, OTHER), (COMMUNE, NATIONAL), (NATIONAL, COMMUNE), (BUNDLED, ACCEPTED)]


def leaves(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, (*path, index))
    else:
        yield path, value


def changed(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + " sửa"
    return None


def put(data: Any, path: tuple[str | int, ...], value: Any) -> Any:
    copy = json.loads(json.dumps(data))
    target = copy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return copy


def mutants(model: Regulation, other: Regulation, name: str, tries: int = 4) -> Iterator[Regulation]:
    """Valid rules (the schema and every reference) that differ from ``model`` in the field ``name`` only: one
    value changed (of the first ``tries`` values), or the whole field taken from ``other``."""
    data = model.model_dump(mode="json")
    candidates = [
        put(data, path, changed(value)) for path, value in itertools.islice(leaves(data[name], (name,)), tries)
    ]
    for candidate in [*candidates, {**data, name: other.model_dump(mode="json")[name]}]:
        rules, problems = check_source(Source("mới.yaml", candidate))
        if rules is not None and not [p for p in problems if p.severity == "error"] and rules.model != model:
            yield rules.model


@pytest.mark.parametrize("name", [n for n in Regulation.model_fields if n != "schema_version"])  # one value
def test_a_change_of_any_field_is_shown(name: str) -> None:
    tried = 0
    for model, their in PAIRS:
        for mutant in mutants(model, their, name, tries=1 if model is BUNDLED else 4):
            diff = compare(Version("cũ", Rules(model)), Version("mới", Rules(mutant)), 2026)
            assert diff.changed and summary(diff) != SAME, name
            tried += 1
    assert tried, f"no valid change of '{name}' was made"


@pytest.mark.parametrize(
    ("old", "new", "shown"),
    [
        ("  status: draft", "  status: issued", 'document.status: "draft" → "issued"'),
        (
            "what: gửi báo cáo tình hình triển khai thực hiện nhiệm vụ cho Cơ quan thường trực Ban Chỉ đạo",
            "what: gửi báo cáo cho Văn phòng",
            'reporting.streams[0].steps[0].what: "gửi báo cáo tình hình',
        ),
        ("  accepted: []", "  accepted: [{code: numbering-gap, ref: art_5__para_2, reason: ok}]", "lint.accepted[0]"),
    ],
)
def test_the_cli_says_what_else_changed(
    cli: Callable[..., Result], tmp_path: Path, old: str, new: str, shown: str
) -> None:
    text = RULES_FILE.read_text(encoding="utf-8")
    assert old in text
    path = write_rules(tmp_path, text.replace(old, new, 1), "moi.yaml")
    result = cli("diff", str(RULES_FILE), str(path))
    assert result.exit_code == 1, result.output
    assert SAME not in result.stdout and "Giá trị khác thay đổi (so nguyên văn trong tệp):" in result.stdout
    assert shown in " ".join(result.stdout.split())
    github = cli("diff", str(RULES_FILE), str(path), "--format", "github")
    assert "title=Giá trị khác::" in github.stdout and ",line=" in github.stdout
