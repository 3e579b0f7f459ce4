"""Hostile text in line-oriented and Markdown outputs: a CI log (GitHub Actions runs every line that starts
with ``::``) and a pull-request comment (Markdown) show the text and nothing else: one line stays one line, no
forged command, no hidden comment, heading, link or image. Invisible characters are shown in text and escaped
in JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from quyche_cli.cli.views.safe import json_escaped, markdown, one_line, visible
from support import DATA, RULES_FILE, write_rules

FORGED = "lý do\n::stop-commands::abc\n  ::error file=quyche.yaml,line=1::giả mạo\r\n::endgroup::"
INVISIBLE = "\u200b\u2060\U000e0041\U000e0042\ufeff\u00ad"
HIDDEN = "Ban\u200bChỉ\u2060đạo\U000e0041\U000e0042\ufeff\u00ad"


def commands(output: str) -> list[str]:
    """The lines GitHub Actions would read as workflow commands."""
    return [line for line in output.splitlines() if line.lstrip().startswith("::")]


@pytest.fixture
def forged_rules(tmp_path: Path) -> Path:
    """The bundled file with an accepted lint finding whose reason forges workflow commands, and a title that
    opens an HTML comment on a new line."""
    text = RULES_FILE.read_text(encoding="utf-8")
    reason = json.dumps(FORGED, ensure_ascii=False)
    text = text.replace(
        "  accepted: []", f"  accepted:\n    - {{code: numbering-gap, ref: art_5__para_2, reason: {reason}}}"
    )
    return write_rules(tmp_path, text, "forged.yaml")


def test_a_forged_reason_stays_on_its_line_of_lint_output(cli: Callable[..., Result], forged_rules: Path) -> None:
    result = cli("lint", "--file", str(forged_rules))
    assert result.exit_code == 0
    assert commands(result.stdout) == []
    [accepted] = [line for line in result.stdout.splitlines() if "đã chấp nhận: lý do" in line]
    assert (
        "\\n\\x3a:stop-commands::abc\\n  \\x3a:error file=quyche.yaml,line=1::giả mạo\\x0d\\n\\x3a:endgroup::"
        in accepted
    )


def test_github_annotations_are_one_line_each(cli: Callable[..., Result], tmp_path: Path) -> None:
    text = (DATA / "other.yaml").read_text(encoding="utf-8")
    text = text.replace("agencies:\n", 'agencies:\n  - {id: x1, name: "Sở Y tế error giả mạo", abbreviation: X1}\n', 1)
    text = text.replace(
        "agencies:\n", 'agencies:\n  - {id: x2, name: "Sở Y tế\\n::error::giả mạo", abbreviation: X2}\n', 1
    )
    path = write_rules(tmp_path, text, "forged.yaml")
    result = cli("validate", str(path), "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines and all(re.match(r"::(error|warning) file=", line) for line in lines)
    assert "'Sở Y tế%0A::error::giả mạo'" in result.stdout  # GitHub's escaping: the message's own line
    plain = cli("validate", str(path))
    assert commands(plain.stdout) == [] and len(plain.stdout.splitlines()) == len(lines) + 1


def test_a_diff_in_a_ci_log_forges_nothing(cli: Callable[..., Result], tmp_path: Path) -> None:
    text = RULES_FILE.read_text(encoding="utf-8")
    changed = text.replace("title: Quy chế", f"title: {json.dumps('Quy chế' + FORGED, ensure_ascii=False)} #", 1)
    new = write_rules(tmp_path, changed, "new.yaml")
    result = cli("diff", str(RULES_FILE), str(new), "--format", "github")
    assert all(line.startswith("::notice ") for line in result.stdout.splitlines())
    text_out = cli("diff", str(RULES_FILE), str(new), "--format", "text")
    assert commands(text_out.stdout) == []


def test_a_markdown_comment_hides_nothing(cli: Callable[..., Result], tmp_path: Path) -> None:
    text = RULES_FILE.read_text(encoding="utf-8")
    title = "Quy chế\n<!--\n# Không có gì thay đổi\n[bấm vào đây](https://example.invalid) ![x](https://example.invalid/p.png)"
    changed = text.replace("title: Quy chế", f"title: {json.dumps(title, ensure_ascii=False)} #", 1)
    changed = changed.replace("            day: 25", "            day: 20", 1)
    changed = changed.replace("Định kỳ trước ngày 25 của tháng cuối Quý", "Định kỳ trước ngày 20 của tháng cuối Quý", 1)
    new = write_rules(tmp_path, changed, "new.yaml")
    result = cli("diff", str(RULES_FILE), str(new), "--format", "markdown", "--year", "2026")
    out = result.stdout
    assert "<!--" not in out.replace("\\<", "") and "](" not in out.replace("\\](", "")
    assert not any(line.startswith(("<", "# ")) for line in out.splitlines())
    assert "- hạn quý III/2026\\: 24/09/2026 → 21/09/2026" in out  # every moved deadline is shown


def test_markdown_of_a_hostile_agency_name(cli: Callable[..., Result], tmp_path: Path) -> None:
    text = (DATA / "other.yaml").read_text(encoding="utf-8")
    assert "    name: Sở Cảng vụ Dữ liệu\n" in text
    text = text.replace(
        "    name: Sở Cảng vụ Dữ liệu\n", '    name: "Sở [Cảng](https://e.invalid) <b>vụ</b> | Dữ liệu"\n', 1
    )
    path = write_rules(tmp_path, text, "hostile.yaml")
    result = cli("duties", "SCVDL", "--file", str(path), "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert "Sở \\[Cảng\\]\\(https\\://e\\.invalid\\) \\<b\\>vụ\\</b\\> \\| Dữ liệu" in result.stdout


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\nb", "a\\nb"),
        ("::warning::x", "\\x3a:warning::x"),
        ("  ::x y ::z", "  \\x3a:x y \\x3a:z"),
        ("a\u2028::b", "a<U+2028>::b"),
        ("file:1: lỗi", "file:1: lỗi"),
    ],
)
def test_one_line(text: str, shown: str) -> None:
    assert one_line(text) == shown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<!-- x -->", "\\<\\!\\-\\- x \\-\\-\\>"),
        ("# x", "\\# x"),
        ("- x", "\\- x"),
        ("12. x", "12\\. x"),
        ("> x\n# y", "\\> x; \\# y"),
        ("[a](b)", "\\[a\\]\\(b\\)"),
        (
            "a | b ~~c~~ *d* _e_ `f` $g$ &amp; @ai",
            "a \\| b \\~\\~c\\~\\~ \\*d\\* \\_e\\_ \\`f\\` \\$g\\$ \\&amp; \\@ai",
        ),
        ("Hạn 24/09/2026, khoản 1 Điều 9", "Hạn 24/09/2026, khoản 1 Điều 9"),
    ],
)
def test_markdown_escapes_what_would_make_markdown(text: str, shown: str) -> None:
    assert markdown(text) == shown


def test_every_format_character_is_shown_and_escaped_in_json() -> None:
    import sys
    import unicodedata

    formats = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    tags = [chr(c) for c in range(0xE0000, 0xE0080)]
    for char in formats + tags + ["\u2028", "\u2029"]:
        assert visible(f"a{char}b") == (f"a<U+{ord(char):04X}>b" if ord(char) > 0xFF else f"a\\x{ord(char):02x}b")
        escaped = json_escaped(json.dumps(f"a{char}b", ensure_ascii=False))
        assert char not in escaped and json.loads(escaped) == f"a{char}b"


def test_invisible_characters_in_names_and_rules_text(cli: Callable[..., Result], tmp_path: Path) -> None:
    text = (DATA / "other.yaml").read_text(encoding="utf-8")
    text = text.replace("cách làm việc của Tổ Điều phối.", f"cách làm việc của {HIDDEN}.", 1)
    path = write_rules(tmp_path, text, f"a{HIDDEN}.yaml")
    shown = cli("show", "Điều 1", "--file", str(path))
    as_json = cli("members", "--file", str(path), "--format", "json")
    for output in (shown.stdout + shown.stderr, as_json.stdout):
        assert not any(char in output for char in INVISIBLE)
    seen = "Ban<U+200B>Chỉ<U+2060>đạo<U+E0041><U+E0042><U+FEFF>\\xad"
    assert f"{seen}." in shown.stdout and f"a{seen}.yaml" in shown.stderr
    assert json.loads(as_json.stdout)["rules_file"]["path"].endswith(f"a{HIDDEN}.yaml")
