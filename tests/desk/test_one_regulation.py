"""Commands that read one regulation (show, render, diff, gop-y) and lint, in a workspace of several committees:
through the front door, chosen with --committee (its id, name or short name) or --file, refused with the list
of committees otherwise; lint reads every regulation, one section each."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from typer.testing import Result

from comment_letters import comment_folder
from support import DATA

WORKSPACE = DATA / "workspace"
FOOD = WORKSPACE / "an-toan-thuc-pham.yaml"
Cli = Callable[..., Result]
SHORT = "Ban Chỉ đạo liên ngành"  # the food-safety committee's short name (document.committee_short)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the test workspace: two committees over one registry."""
    copied = tmp_path / "tinh"
    shutil.copytree(WORKSPACE, copied)
    return copied


def refused_with_the_list(result: Result, command: str) -> None:
    assert result.exit_code == 2, result.output
    said = " ".join(result.stderr.split())
    assert f"Thư mục làm việc có 2 ban; lệnh {command} đọc một quy chế: chọn bằng --committee BAN" in said
    assert "an-toan-thuc-pham (Ban Chỉ đạo liên ngành về an toàn thực phẩm tỉnh)" in said
    assert "quyche (Ban Chỉ đạo Cải cách hành chính" in said and "hoặc --file TỆP" in said


def test_show_needs_a_committee_named_by_id_name_or_short_name(cli: Cli, folder: Path) -> None:
    refused_with_the_list(cli("-C", str(folder), "show", "khoản 2 Điều 2"), "show")
    by_file = cli("-C", str(folder), "show", "khoản 2 Điều 2", "--file", str(folder / FOOD.name), "--format", "json")
    assert by_file.exit_code == 0
    expected = json.loads(by_file.stdout)
    assert "Sở Y tế là cơ quan thường trực" in json.dumps(expected, ensure_ascii=False)
    for chosen in ("an-toan-thuc-pham", "ban chi dao lien nganh ve an toan thuc pham tinh", SHORT):
        shown = cli("-C", str(folder), "show", "khoản 2 Điều 2", "--committee", chosen, "--format", "json")
        assert shown.exit_code == 0 and json.loads(shown.stdout) == expected
    text = cli("-C", str(folder), "show", "khoản 2 Điều 2", "--committee", "an-toan-thuc-pham")
    assert "Nhiệm vụ của: Giám đốc Sở Y tế" in text.stdout and "an-toan-thuc-pham.yaml" in text.stderr
    unknown = cli("-C", str(folder), "show", "Điều 1", "--committee", "khong-co")
    assert unknown.exit_code == 2 and "Không có ban 'khong-co'" in unknown.stderr


def test_show_on_a_day_before_the_chosen_committee_could_apply(cli: Cli, folder: Path) -> None:
    early = cli("-C", str(folder), "show", "Điều 1", "--committee", "quyche", "--as-of", "2019-06-01")
    assert early.exit_code == 2 and "quá sớm" in early.stderr


def test_lint_reads_every_regulation_one_section_each(cli: Cli, folder: Path) -> None:
    both = cli("-C", str(folder), "lint", "--format", "json")
    assert both.exit_code == 0
    data = json.loads(both.stdout)
    assert [c["committee"]["id"] for c in data["committees"]] == ["an-toan-thuc-pham", "quyche"]
    food, digital = data["committees"]
    assert food["findings"] == [] and {f["code"] for f in digital["findings"]} >= {"numbering-gap", "point-gap"}
    alone = json.loads(cli("lint", "--file", str(folder / "quyche.yaml"), "--format", "json").stdout)
    assert digital["findings"] == alone["findings"]
    text = cli("-C", str(folder), "lint")
    assert "[an-toan-thuc-pham]" in text.stdout and "[quyche]" in text.stdout
    assert "0 phát hiện" in text.stdout and f"{len(digital['findings'])} phát hiện" in text.stdout
    assert "Thư mục làm việc:" in text.stderr
    # --strict fails when any committee has a finding not accepted; one committee alone may pass.
    assert cli("-C", str(folder), "lint", "--strict").exit_code == 1
    assert cli("-C", str(folder), "lint", "--strict", "--committee", "an-toan-thuc-pham").exit_code == 0


def test_render_a_document_for_the_committee_chosen(cli: Cli, folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "bc.docx"
    args = ("-C", str(folder), "render", "bao-cao", "--member", "Công an tỉnh", "--period", "2026-Q3")
    args += ("--out", str(out))
    refused_with_the_list(cli(*args), "render bao-cao")
    assert not out.exists()
    made = cli(*args, "--committee", "an-toan-thuc-pham")
    assert made.exit_code == 0, made.output
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "an toàn thực phẩm" in text.lower() and "Quý III năm 2026".lower() in text.lower()
    assert "an-toan-thuc-pham.yaml" in made.stderr
    example = cli("-C", str(folder), "render", "giay-moi", "--example", "--committee", "quyche")
    assert example.exit_code == 0 and "meeting:" in example.stdout
    refused_with_the_list(cli("-C", str(folder), "render", "giay-moi", "--example"), "render giay-moi --example")


def test_the_two_tables_in_a_workspace(cli: Cli, folder: Path, tmp_path: Path) -> None:
    letters = comment_folder(tmp_path / "gop-y")
    refused_with_the_list(cli("-C", str(folder), "gop-y", str(letters)), "gop-y")
    round_json = tmp_path / "round.json"
    read = cli(
        "-C", str(folder), "gop-y", str(letters), "--committee", "quyche", "--deadline", "20/10/2024",
        "--format", "json", "--out", str(round_json),
    )  # fmt: skip
    assert read.exit_code == 1 and round_json.exists()
    single = folder / "quyche.yaml"
    alone = cli("gop-y", str(letters), "--file", str(single), "--deadline", "20/10/2024", "--format=json")
    assert json.loads(round_json.read_text(encoding="utf-8")) == json.loads(alone.stdout)
    table = tmp_path / "th.docx"
    args = ("-C", str(folder), "render", "bang-tong-hop", "--from-comments", str(round_json), "--out", str(table))
    refused_with_the_list(cli(*args), "render bang-tong-hop")
    assert cli(*args, "--committee", "quyche").exit_code == 0 and table.stat().st_size > 0
    # The comparison table compares the two files it is given: no committee to choose.
    compared = tmp_path / "ss.docx"
    made = cli(
        "-C", str(folder), "render", "bang-so-sanh", "--old", str(folder / "quyche.yaml"),
        "--new", str(folder / "quyche.yaml"), "--all", "--out", str(compared),
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    assert len(Document(str(compared)).tables[1].rows) > 190  # every provision of the bundled draft, unchanged


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def test_diff_of_a_committees_file_between_revisions(cli: Cli, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", ".")
    git(folder, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "một")
    text = FOOD.read_text(encoding="utf-8")
    assert "thanh tra, kiểm tra liên ngành" in text
    (folder / FOOD.name).write_text(text.replace("thanh tra, kiểm tra liên ngành", "kiểm tra liên ngành"), "utf-8")
    monkeypatch.chdir(folder)
    refused_with_the_list(cli("diff", "--rev", "HEAD"), "diff")
    changed = cli("diff", "--rev", "HEAD", "--committee", "an-toan-thuc-pham", "--format", "json")
    assert changed.exit_code == 1, changed.output
    data = json.loads(changed.stdout)
    assert data["old"]["file"] == f"HEAD:{FOOD.name}" and data["new"]["file"] == FOOD.name
    assert len(data["changes"]) == 1
    assert cli("diff", "--rev", "HEAD", "--committee", "quyche").exit_code == 0
    two = cli("diff", str(folder / "quyche.yaml"), str(folder / "quyche.yaml"), "--format", "json")
    assert two.exit_code == 0 and json.loads(two.stdout)["changes"] == []
