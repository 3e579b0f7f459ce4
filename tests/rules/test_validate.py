"""`quyche validate`: every kind of broken file is reported at its line, with exit 1 and no traceback."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from support import DATA, RULES_FILE, write_rules

REAL = RULES_FILE.read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_the_bundled_regulation_is_valid(cli: Callable[..., Result]) -> None:
    result = cli("validate")
    assert result.exit_code == 0, result.output
    assert "hợp lệ: 12 điều" in result.stdout
    assert "28 thành viên" in result.stdout


def test_another_committee_validates(cli: Callable[..., Result]) -> None:
    result = cli("validate", str(DATA / "other.yaml"))
    assert result.exit_code == 0, result.output
    assert "3 thành viên" in result.stdout


def broken(edit: Callable[[str], str]) -> Callable[[Path], Path]:
    return lambda tmp: write_rules(tmp, edit(REAL), "broken.yaml")


DUP_KEY = REAL.replace("  status: draft\n", "  status: draft\n  status: issued\n", 1)
UNKNOWN_FIELD = REAL.replace(
    "    title: Giám đốc Sở Thông tin và Truyền thông\n",
    "    title: Giám đốc Sở Thông tin và Truyền thông\n    titel: x\n",
    1,
)
BAD_POINT = REAL.replace("      - num: đ\n", "      - num: w\n", 1)
BAD_REF = REAL.replace("partners: [bhxh]", "partners: [bhxhh]")
COLLISION = REAL.replace("aliases: [Cục Thuế]", "aliases: [Cục Thuế, Sở Y tế]")
BAD_DUTIES = REAL.replace("duties: art_6__para_15}", "duties: art_6__para_99}")
BAD_DEADLINE = REAL.replace("            day: 25\n", "            day: 25\n            days: 3\n", 1)
BAD_DATE = REAL.replace("date: 2024-10-14", "date: 2024-13-14")
TAG = REAL.replace("status: draft", "status: !!python/object:os.system draft")

CASES = [
    ("duplicate key", DUP_KEY, "yaml-duplicate-key", "  status: issued"),
    ("unknown field", UNKNOWN_FIELD, "schema-extra_forbidden", "    titel: x"),
    ("point letter", BAD_POINT, "schema-literal_error", "      - num: w"),
    ("unknown member", BAD_REF, "unknown-ref", "partners: [bhxhh]"),
    ("alias collision", COLLISION, "name-collision", "aliases: [Cục Thuế, Sở Y tế]"),
    ("unknown duties clause", BAD_DUTIES, "unknown-ref", "duties: art_6__para_99}"),
    ("malformed deadline", BAD_DEADLINE, "schema-value_error", "          deadline:\n            wording: Định kỳ"),
    ("impossible date", BAD_DATE, "yaml-value", "date: 2024-13-14"),
    ("python tag", TAG, "yaml-tag", "status: !!python"),
]


@pytest.mark.parametrize(("name", "text", "code", "anchor"), CASES, ids=[c[0] for c in CASES])
def test_broken_file_is_reported_at_its_line(
    cli: Callable[..., Result], tmp_path: Path, name: str, text: str, code: str, anchor: str
) -> None:
    assert text != REAL, f"the {name} edit did not apply"
    path = write_rules(tmp_path, text, "broken.yaml")
    result = cli("validate", str(path), "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    codes = {p["code"]: p for p in report["problems"]}
    assert code in codes, report
    # Every case is reported on the line where its anchor starts. For the malformed deadline that is the
    # key line "deadline:", not the line of the mapping's first entry "wording:" (where the YAML node of the
    # value starts): a value is located at its key.
    assert codes[code]["line"] == line_of(text, anchor), (codes[code], anchor)
    assert "Traceback" not in result.output


def test_the_legal_path_is_given_for_text_errors(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = write_rules(
        tmp_path,
        REAL.replace(
            "      - num: c\n        text: Chủ trì triển khai thực hiện liên thông",
            "      - num: c\n        txt: Chủ trì triển khai thực hiện liên thông",
        ),
        "broken.yaml",
    )
    result = cli("validate", str(path))
    assert result.exit_code == 1
    assert "Điều 6 › khoản 15 › điểm c" in result.stdout
    assert (
        f"broken.yaml:{line_of(path.read_text(encoding='utf-8'), '        txt: Chủ trì triển khai')}:" in result.stdout
    )


def test_all_problems_are_reported_in_one_run(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = write_rules(tmp_path, BAD_REF.replace("duties: art_6__para_15}", "duties: art_6__para_99}"))
    result = cli("validate", str(path), "--format", "json")
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)["problems"]) == 2


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty"),
        (b"# only a comment\n", "empty"),
        ("schema_version: 1\ndocument:\n  title: S\xe1\xbb\x9f\n".encode("latin-1") + b"  bad: \xff\xfe\n", "encoding"),
        (b"a: [1, 2\nb: 3\n", "yaml-syntax"),
        (
            b"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
            b"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
            "yaml-alias-bomb",
        ),
        (b"a: !custom 3\n", "yaml-tag"),
        (b"a: &x\n  b: 1\nc:\n  <<: *x\n", "yaml-merge"),
        (b"- 1\n- 2\n", "schema-model_type"),
        (b"[" * 200 + b"]" * 200, "yaml-depth"),
    ],
    ids=[
        "empty",
        "comment only",
        "not utf-8",
        "syntax",
        "alias bomb",
        "custom tag",
        "merge key",
        "not a mapping",
        "deep nesting",
    ],
)
def test_hostile_files_fail_cleanly(cli: Callable[..., Result], tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    result = cli("validate", str(path), "--format", "json")
    assert result.exit_code == 1, result.output
    problems = json.loads(result.stdout)["problems"]
    assert code in {p["code"] for p in problems}
    assert all(p["line"] is None or p["line"] >= 1 for p in problems)


def test_non_utf8_is_located(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "cp1258.yaml"
    path.write_bytes(b"schema_version: 1\ndocument:\n  title: S\xd5 Y t\xd2\n")
    result = cli("validate", str(path))
    assert result.exit_code == 1
    assert "cp1258.yaml:3:" in result.stdout and "UTF-8" in result.stdout


def test_a_folder_or_missing_file_cannot_run(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = cli("validate", str(tmp_path))
    assert folder.exit_code == 2 and "thư mục" in folder.stderr
    missing = cli("validate", str(tmp_path / "nope.yaml"))
    assert missing.exit_code == 2 and "Không tìm thấy" in missing.stderr


def test_github_annotations(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = write_rules(tmp_path, BAD_REF, "broken.yaml")
    result = cli("validate", str(path), env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    line = line_of(BAD_REF, "partners: [bhxhh]")
    assert result.stdout.startswith(f"::error file={path},line={line},")
    assert "title=unknown-ref::" in result.stdout


def test_duplicate_key_names_the_first_line(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = write_rules(tmp_path, DUP_KEY)
    result = cli("validate", str(path))
    assert f"đã có ở dòng {line_of(DUP_KEY, '  status: draft')}" in result.stdout


def test_other_commands_refuse_an_invalid_file(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = write_rules(tmp_path, BAD_REF)
    result = cli("lint", "--file", str(path))
    assert result.exit_code == 2
    assert "không hợp lệ" in result.stderr and "quyche validate" in result.stderr
