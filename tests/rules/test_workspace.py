"""A workspace: the registry beside the regulations, found like git finds a repository; init, migrate, validate."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from typer.testing import Result

from quyche_cli.rules.migration import EMPTY_REGISTRY, split
from quyche_cli.rules.model import Registry
from quyche_cli.rules.problems import RulesFileError
from quyche_cli.rules.workspace import REGISTRY_FILE, find
from support import DATA, RULES_FILE

WORKSPACE = DATA / "workspace"
Cli = Callable[..., Result]


def copy_workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "tinh"
    shutil.copytree(WORKSPACE, folder)
    return folder


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_found_from_a_subfolder_as_git_finds_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = copy_workspace(tmp_path)
    deep = folder / "bao-cao" / "2026"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    monkeypatch.delenv("QUYCHE_WORKSPACE", raising=False)
    found = find(None)
    assert found is not None and found.folder == folder
    assert found.committee_ids() == ["an-toan-thuc-pham", "quyche"]
    monkeypatch.chdir(tmp_path)
    assert find(None) is None
    monkeypatch.setenv("QUYCHE_WORKSPACE", str(folder))
    assert find(None) == found
    monkeypatch.setenv("QUYCHE_WORKSPACE", str(tmp_path))
    with pytest.raises(RulesFileError, match="không phải thư mục làm việc"):
        find(None)


def test_a_registry_inside_the_audited_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = copy_workspace(tmp_path)
    monkeypatch.chdir(folder)
    monkeypatch.delenv("QUYCHE_WORKSPACE", raising=False)
    with pytest.raises(RulesFileError, match="nằm trong thư mục đang kiểm tra"):
        find(None, audited=folder)


def test_init_makes_a_workspace_that_answers_as_the_bundled_file(cli: Cli, tmp_path: Path) -> None:
    made = cli("init", "tinh")
    assert made.exit_code == 0, made.output
    made_files = sorted(p.name for p in (tmp_path / "tinh").iterdir())
    assert made_files == ["quyche.schema.json", "quyche.yaml", "to-chuc.schema.json", REGISTRY_FILE]
    bundled = cli("--workspace", "tinh", "duties", "Sở Y tế", "--format", "json")
    alone = cli("duties", "Sở Y tế", "--file", str(RULES_FILE), "--format", "json")
    assert _without_origin(bundled.stdout) == _without_origin(alone.stdout)
    again = cli("init", "tinh")
    assert again.exit_code == 2 and "không ghi đè" in again.output
    assert (tmp_path / "tinh" / "quyche.yaml").read_bytes() == split(RULES_FILE).regulation.encode()


def test_init_empty_teaches_the_format_and_is_valid(cli: Cli, tmp_path: Path) -> None:
    assert cli("init", "--empty").exit_code == 0
    text = (tmp_path / REGISTRY_FILE).read_text(encoding="utf-8")
    assert text == "# yaml-language-server: $schema=to-chuc.schema.json\n" + EMPTY_REGISTRY
    Registry.model_validate(yaml.safe_load(text))
    # Each commented example, uncommented, is valid too.
    examples = {}
    for key, end in (("agencies", "calendar:"), ("events", None)):
        block = text[text.index(f"# {key}:") : text.index(end) if end else None]
        examples[key] = yaml.safe_load("\n".join(line[2:] for line in block.splitlines()))[key]
    overrides = text[text.index("  # overrides:") : text.index("  official_years:")]
    examples["calendar"] = yaml.safe_load("\n".join(line[4:] for line in overrides.splitlines()))
    example = Registry.model_validate({"schema_version": 1, **examples})
    assert [a.id for a in example.agencies] == ["syt", "stttt"] and len(example.calendar.overrides) == 2
    empty = cli("validate")
    assert empty.exit_code == 0, empty.output
    assert "sổ tổ chức" in empty.output


def _without_origin(text: str) -> object:
    data = json.loads(text)
    data.pop("rules_file", None)
    return data


# Every look-up answers the same from the single file and from the workspace migrate makes of it.
QUESTIONS = [
    ("duties", "Sở Y tế"),
    ("duties", "Sở Thông tin và Truyền thông", "--as-of", "2024-11-01"),
    ("duties", "Sở Khoa học và Công nghệ"),
    ("members",),
    ("members", "--as-of", "2025-01-15"),
    ("deadlines", "--year", "2026"),
    ("deadlines", "--upcoming"),
    ("show", "Điều 2"),
    ("search", "báo cáo"),
]


@pytest.mark.parametrize("original", [RULES_FILE, DATA / "other.yaml"], ids=["quyche", "other"])
def test_migrate_round_trip_answers_identically(cli: Cli, tmp_path: Path, original: Path) -> None:
    out = tmp_path / "tinh"
    moved = cli("migrate", str(original), "--out", str(out))
    assert moved.exit_code == 0, moved.output
    assert original.read_bytes() == original.read_bytes()  # the input is never changed
    migrated = out / original.name
    assert "agencies" not in yaml.safe_load(migrated.read_text(encoding="utf-8"))
    for question in QUESTIONS:
        if question[0] == "duties" and original.name == "other.yaml":
            question = ("duties", "Trung tâm Dữ liệu tỉnh")
        before = cli(*question, "--file", str(original), "--format", "json")
        after = cli(*question, "--file", str(migrated), "--format", "json")
        assert before.exit_code == after.exit_code, question
        assert _without_origin(before.stdout) == _without_origin(after.stdout), question
    assert cli("validate", str(out)).exit_code == 0


def test_migrate_never_overwrites(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "tinh").mkdir()
    (tmp_path / "tinh" / REGISTRY_FILE).write_text("cũ", encoding="utf-8")
    refused = cli("migrate", str(RULES_FILE), "--out", "tinh")
    assert refused.exit_code == 2 and "không ghi đè" in refused.output
    assert (tmp_path / "tinh" / REGISTRY_FILE).read_text(encoding="utf-8") == "cũ"
    assert not (tmp_path / "tinh" / "quyche.yaml").exists()


def test_a_schema_1_copy_is_matched_to_the_registry_and_every_conflict_reported(cli: Cli, tmp_path: Path) -> None:
    folder = copy_workspace(tmp_path)
    copy = folder / "ban-sao.yaml"
    text = RULES_FILE.read_text(encoding="utf-8")
    text = text.replace("name: Sở Công Thương", "name: Sở Công thương tỉnh")  # differs from the registry
    text = text.replace("  - id: bqlkcn\n", "  - id: ban_kcn\n").replace("agency: bqlkcn", "agency: ban_kcn")
    text = text.replace("agencies:\n", "agencies:\n  - {id: bdt, name: Ban Dân tộc tỉnh, abbreviation: BDT}\n", 1)
    copy.write_text(text, encoding="utf-8")
    checked = cli("-C", str(folder), "validate", "--format", "json")
    problems = [p for p in json.loads(checked.stdout)["problems"] if p["file"] == str(copy)]
    assert checked.exit_code == 1
    by_code = {p["code"]: p for p in problems}
    assert set(by_code) == {"registry-conflict", "registry-renamed", "registry-missing"}
    assert by_code["registry-conflict"]["line"] == line_of(copy, "name: Sở Công thương tỉnh")
    assert "'sct'" in by_code["registry-conflict"]["message"]
    assert by_code["registry-renamed"]["line"] == line_of(copy, "  - id: ban_kcn")
    assert by_code["registry-missing"]["line"] == line_of(copy, "id: bdt")
    # The copy answers as the registry says: its renamed agency is the registry's.
    asked = cli("duties", "Ban Quản lý các khu công nghiệp", "--file", str(copy), "--format", "json")
    assert json.loads(asked.stdout)["member"]["agency"] == "Ban Quản lý các khu công nghiệp"
    asked = cli("duties", "Sở Công Thương", "--file", str(copy), "--format", "json")
    assert json.loads(asked.stdout)["member"]["agency"] == "Sở Công Thương"


def test_two_regulations_that_disagree_on_an_agency(cli: Cli, tmp_path: Path) -> None:
    folder = copy_workspace(tmp_path)
    extra = "agencies:\n  - {id: ban_moi, name: Ban Mới, abbreviation: BM}\nmembers:"
    for name, title in (("mot", "Ban Mới"), ("hai", "Ban Mới của tỉnh")):
        text = (DATA / "other.yaml").read_text(encoding="utf-8")
        start, end = text.index("agencies:"), text.index("members:")
        text = text[:start] + extra.replace("name: Ban Mới", f"name: {title}") + text[end + len("members:") :]
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    problems = json.loads(cli("validate", str(folder), "--format", "json").stdout)["problems"]
    disagree = [p for p in problems if p["code"] == "regulations-disagree"]
    assert [(Path(p["file"]).name, p["line"]) for p in disagree] == [
        ("mot.yaml", line_of(folder / "mot.yaml", "ban_moi"))
    ]


def test_a_registry_problem_is_reported_once_with_its_line(cli: Cli, tmp_path: Path) -> None:
    folder = copy_workspace(tmp_path)
    registry = folder / REGISTRY_FILE
    text = registry.read_text(encoding="utf-8").replace("agency: skhcn\n", "agency: so_khong_co\n", 1)
    registry.write_text(text, encoding="utf-8")
    result = cli("validate", str(folder), "--format", "json")
    unknown = [p for p in json.loads(result.stdout)["problems"] if "so_khong_co" in p["message"]]
    assert result.exit_code == 1
    assert [(p["file"], p["line"]) for p in unknown] == [(str(registry), line_of(registry, "so_khong_co"))]


def test_a_transfer_naming_no_provision_of_any_regulation(cli: Cli, tmp_path: Path) -> None:
    folder = copy_workspace(tmp_path)
    registry = folder / REGISTRY_FILE
    text = registry.read_text(encoding="utf-8")
    text = text.replace("scope: báo chí, xuất bản\n", "scope: báo chí, xuất bản\n          points: [art_99]\n")
    registry.write_text(text, encoding="utf-8")
    problems = json.loads(cli("-C", str(folder), "validate", "--format", "json").stdout)["problems"]
    assert [(p["code"], p["line"]) for p in problems] == [("unknown-ref", line_of(registry, "points: [art_99]"))]


def test_a_command_reading_one_regulation_asks_which(cli: Cli, tmp_path: Path) -> None:
    folder = copy_workspace(tmp_path)
    refused = cli("-C", str(folder), "show", "Điều 2")
    assert refused.exit_code == 2
    assert "--committee BAN" in refused.output and "an-toan-thuc-pham (" in refused.output
    chosen = cli("-C", str(folder), "show", "Điều 2", "--file", str(folder / "an-toan-thuc-pham.yaml"))
    assert chosen.exit_code == 0 and "Sở Y tế là cơ quan thường trực" in chosen.stdout
    assert "to-chuc.yaml" in cli("show", "Điều 2", "--file", str(folder / REGISTRY_FILE)).output


def test_a_cached_regulation_of_a_workspace_keeps_its_own_lines_only(tmp_path: Path) -> None:
    from quyche_cli.rules.opening import load
    from quyche_cli.rules.workspace import Workspace

    folder = copy_workspace(tmp_path)
    path = folder / "an-toan-thuc-pham.yaml"
    built = load(path, Workspace(folder))
    cached = load(path, Workspace(folder))
    assert cached is not built and cached.model == built.model
    assert cached.first_recorded == built.first_recorded and cached.first_recorded is not None
    assert built.source is not None and cached.source is not None
    assert any(p[:1] == ("agencies",) for p in built.source.positions)
    assert not any(p[:1] == ("agencies",) for p in cached.source.positions)
    chapters = {p: w for p, w in built.source.positions.items() if p[:1] == ("chapters",)}
    assert chapters and all(cached.source.positions[p] == w for p, w in chapters.items())


def test_a_registry_that_is_not_one_is_named_as_the_reason(cli: Cli, tmp_path: Path) -> None:
    folder = copy_workspace(tmp_path)
    (folder / REGISTRY_FILE).write_text("- Sở Y tế\n- Sở Tài chính\n", encoding="utf-8")
    refused = cli("-C", str(folder), "duties", "Sở Y tế")
    assert refused.exit_code == 2
    assert f"{folder / REGISTRY_FILE}:1:1: lỗi [schema-model_type]" in refused.output
    checked = cli("-C", str(folder), "validate")
    assert checked.exit_code == 1 and "✗" in checked.output and "schema-model_type" in checked.output
