"""A templates folder may come from a pull request: templates are read only from regular files inside it, run
with loops, values and output bounded, and every failure is a template error naming the template."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from quyche_cli.documents.templating import render_text
from quyche_cli.errors import RenderError
from support import ROOT

BOMBS = {
    "loops": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}@p x",
    "doubling": '{% set ns = namespace(s="x") %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}@p x',
    "macro": '{% macro d(s, n) %}{{ d(s ~ s, n - 1) if n else s }}{% endmacro %}@p {{ d("x", 40)|length }}',
    "repeat": '@p {{ "x" * 10**10 }}',
    "width": '@p {{ "x"|center(10**10) }}',
    "format": '@p {{ "{:>9999999999}".format(1) }}',
    "percent": '@p {{ "%0999999999d" % 1 }}',
    "power": "@p {{ 9 ** 999999999 }}",
    "output": '{% for i in range(3000) %}@p {{ "y" * 9000 }}\n{% endfor %}',
    "replace": '{% set s = "x" * 1000000 %}@p {{ s.replace("x", "y" * 1000)|length }}',
    "join": '@p {{ ("x" * 1000000).join(["a"] * 10000)|length }}',
    "upper": '{% set s = "x" * 16000000 %}{% for i in range(100000) %}{% set t = s.upper() %}{% endfor %}@p x',
    "filter": '{% set s = "x" * 16000000 %}{% for i in range(100000) %}{% set t = s|upper %}{% endfor %}@p x',
}


@pytest.mark.parametrize("name", BOMBS)
def test_loops_values_and_output_are_bounded(tmp_path: Path, name: str) -> None:
    (tmp_path / f"{name}.j2").write_text(BOMBS[name], encoding="utf-8")
    with pytest.raises(
        RenderError, match=rf"Mẫu {name}\.j2 không dùng được: .*(vòng lặp|dài quá|quá lớn|quá nhiều việc)"
    ):
        render_text(name, {}, tmp_path)


def test_ordinary_templates_still_work(tmp_path: Path) -> None:
    (tmp_path / "ok.j2").write_text(
        '@p {{ "%5d"|format(3) }} {{ ("a" ~ "b") * 3 }} '
        '{% for x in xs %}{{ loop.index }}/{{ loop.length }} {% endfor %}{% include "part.j2" %}',
        encoding="utf-8",
    )
    (tmp_path / "part.j2").write_text("{{ xs|join(',') }}", encoding="utf-8")
    assert render_text("ok", {"xs": [1, 2]}, tmp_path) == "@p     3 ababab 1/2 2/2 1,2"
    (tmp_path / "money.j2").write_text(
        '@p {{ "{:,}".format(amount * 2) }} {{ "%d" % (amount + 1) }} {{ amount|round|int }}', encoding="utf-8"
    )
    assert render_text("money", {"amount": 50_000_000_000}, tmp_path) == "@p 100,000,000,000 50000000001 50000000000"


@pytest.mark.parametrize("source", ["@p {{ 1 / 0 }}", '@p {{ "a" + 1 }}', "{% for i in range(10**10) %}{% endfor %}"])
def test_a_template_that_fails_as_it_runs_is_a_template_error(tmp_path: Path, source: str) -> None:
    (tmp_path / "x.j2").write_text(source, encoding="utf-8")
    with pytest.raises(RenderError, match=r"Mẫu x\.j2 lỗi khi chạy: \w+Error"):
        render_text("x", {}, tmp_path)


def test_templates_come_only_from_regular_files_inside_the_folder(cli: Callable[..., Result], tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("mật khẩu kho lưu trữ", encoding="utf-8")
    folder = tmp_path / "mau"
    folder.mkdir()
    (folder / "leak.txt").symlink_to(secret)
    bundled = (ROOT / "templates" / "quy-che.j2").read_text(encoding="utf-8")
    (folder / "quy-che.j2").write_text(bundled + '@p {% include "leak.txt" %}\n', encoding="utf-8")
    out = tmp_path / "q.docx"
    leaked = cli("render", "quy-che", "--templates", str(folder), "--out", str(out))
    assert leaked.exit_code == 2 and "nằm ngoài thư mục mẫu" in leaked.stderr and not out.exists()
    (folder / "quy-che.j2").unlink()
    os.mkfifo(folder / "quy-che.j2")
    fifo = cli("render", "quy-che", "--templates", str(folder), "--out", str(out))
    assert fifo.exit_code == 2 and "Mẫu quy-che.j2" in fifo.stderr and "FIFO" in fifo.stderr
    (folder / "quy-che.j2").unlink()
    (folder / "quy-che.j2").mkdir()
    directory = cli("render", "quy-che", "--templates", str(folder), "--out", str(out))
    assert directory.exit_code == 2 and "thư mục" in directory.stderr and not out.exists()


def test_template_errors_are_template_errors(cli: Callable[..., Result], tmp_path: Path) -> None:
    audit = tmp_path / "audit.json"
    audit.write_text(
        cli("check-reports", str(ROOT / "examples" / "bao-cao-quy-III-2024"), "--format", "json").stdout,
        encoding="utf-8",
    )
    folder = tmp_path / "mau"
    folder.mkdir()
    (folder / "don-doc.j2").write_text("@p {% for %}\n", encoding="utf-8")
    data = tmp_path / "d.yaml"
    data.write_text("date: 2026-12-04\nnumber: '12'\n", encoding="utf-8")
    args = ["render", "don-doc", "--from-audit", str(audit), "--data", str(data), "--templates", str(folder)]
    result = cli(*args, "--out", str(tmp_path / "d.docx"))
    assert result.exit_code == 2 and result.stderr.startswith("Mẫu don-doc.j2 lỗi (dòng 1)"), result.stderr
    assert "--from-audit" not in result.stderr
