"""Hostile comment letters (issue 26, the gop-y reader): a 1 MB letter whose one comment is wrapped over
25,000 lines is read as one comment (the join was quadratic: 18 s; its growth is measured in bench/), and a
letter full of escape sequences and invisible characters never reaches the terminal raw."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

WRAPPED = "sửa nội dung của đoạn này cho rõ hơn nữa"


def test_a_megabyte_letter_wrapped_over_many_lines_is_one_comment(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "gop-y"
    folder.mkdir()
    lines = ["SỞ Y TẾ", "Kính gửi: Sở Nội vụ", "Sở Y tế góp ý dự thảo Quy chế như sau:", "- Tại Điều 10, đề nghị"]
    lines += [WRAPPED] * 25_000 + ["Nơi nhận:", "- Như trên;"]
    (folder / "so-y-te.txt").write_text("\n".join(lines), encoding="utf-8")
    assert (folder / "so-y-te.txt").stat().st_size > 2**20
    result = cli("gop-y", str(folder), "--format", "json")
    (comment,) = json.loads(result.stdout)["comments"]
    assert comment["member"] == "syt" and comment["refs"] == ["art_10"]
    assert comment["text"] == " ".join(["Tại Điều 10, đề nghị"] + [WRAPPED] * 25_000)


def test_escape_sequences_in_a_letter_never_reach_the_terminal(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "gop-y"
    folder.mkdir()
    hostile = "\x1b]0;PWNED\x07\x1b[2J\u202e\u200b"
    lines = ["SỞ Y TẾ", "Kính gửi: Sở Nội vụ", f"- Tại Điều 10, đề nghị bỏ cụm từ {hostile} cho gọn."]
    (folder / f"so-y-te{hostile}.txt").write_text("\n".join(lines), encoding="utf-8")
    result = cli("gop-y", str(folder))
    assert "\x1b" not in result.output and "\u202e" not in result.output and "\u200b" not in result.output
    assert "<U+202E>" in result.output and "Điều 10" in result.output
