"""The comparison of two versions: a word diff for people (coloured on a terminal), Markdown for a pull
request, GitHub annotations on the lines of the new YAML file."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from quyche_cli.cli.views import View, reporter
from quyche_cli.cli.views.console import console, indented
from quyche_cli.cli.views.problems import _escape
from quyche_cli.cli.views.safe import markdown
from quyche_cli.compare.diff import RulesDiff
from quyche_cli.compare.provisions import Change, word_diff

KIND_VI = {
    "added": "Thêm",
    "removed": "Bỏ",
    "changed": "Sửa",
    "renumbered": "Đánh số lại",
    "moved": "Chuyển chỗ",
}
SUBJECT_VI = {
    "agency": "Cơ quan",
    "succession": "Kế thừa",
    "member": "Thành viên",
    "seat": "Kiện toàn",
    "marks": "Chủ trì/phối hợp",
}


def summary(diff: RulesDiff) -> str:
    if not diff.changed:
        return "Hai phiên bản giống nhau."
    fields = f", {len(diff.fields)} giá trị khác thay đổi" if diff.fields else ""
    return (
        f"{len(diff.changes)} quy định thay đổi, {len(diff.organisation)} thay đổi về tổ chức, "
        f"{len(diff.deadlines)} hạn đổi ngày{fields}."
    )


FIELDS_VI = "Giá trị khác thay đổi (so nguyên văn trong tệp)"


def _words(change: Change, markers: bool) -> Text:
    if change.kind == "added":
        return Text(f"{{+{change.new.text}+}}" if markers else change.new.text or "", style="green")  # type: ignore[union-attr]
    if change.kind == "removed":
        return Text(f"[-{change.old.text}-]" if markers else change.old.text or "", style="red strike")  # type: ignore[union-attr]
    if change.kind != "changed":
        return Text(change.provision.text or "", style="dim")
    assert change.old is not None and change.new is not None
    shown = Text()
    for op, words in word_diff(change.old.text or "", change.new.text or ""):
        if shown:
            shown.append(" ")
        if op == "equal":
            shown.append(words)
        elif op == "delete":
            shown.append(f"[-{words}-]" if markers else words, style="red strike")
        else:
            shown.append(f"{{+{words}+}}" if markers else words, style="bold green")
    return shown


def _indented(text: Text, width: int) -> Text:
    """Styled ``text`` wrapped four columns in, without trailing spaces."""
    shown = Text()
    for index, line in enumerate(text.wrap(console(), max(width - 4, 20))):
        line.rstrip()
        shown.append("\n    " if index else "    ")
        shown.append_text(line)
    return shown


@reporter(RulesDiff, "text")
def diff_text(diff: RulesDiff, view: View) -> Group:
    """Coloured words on a terminal; ``[-bỏ-]`` and ``{+thêm+}`` when piped or saved, as ``git diff --word-diff``."""
    markers = not console().is_terminal
    parts: list[RenderableType] = [
        indented(f"So sánh {diff.old.file} → {diff.new.file}", 0, view.width, "bold"),
        indented(diff.new.rules.model.document.title, 2, view.width, "dim"),
    ]
    for change in diff.changes:
        parts.append(indented(f"{KIND_VI[change.kind]}: {change.where}", 0, view.width, "bold"))
        parts.append(_indented(_words(change, markers), view.width))
    if diff.organisation:
        parts.append(Text("Tổ chức bộ máy:", style="bold"))
        parts += [indented(f"- {SUBJECT_VI[o.subject]}: {o.message}", 2, view.width) for o in diff.organisation]
    if diff.deadlines:
        parts.append(Text("Hạn:", style="bold"))
        parts += [indented(f"- {d.message}", 2, view.width) for d in diff.deadlines]
    if diff.fields:
        parts.append(Text(f"{FIELDS_VI}:", style="bold"))
        parts += [indented(f"- {f.message}", 2, view.width) for f in diff.fields]
    parts.append(indented(summary(diff), 0, view.width, "bold"))
    return Group(*parts)


def markdown_words(change: Change) -> str:
    """The change in Markdown: ~~removed~~ words and **added** words."""
    if change.kind == "added":
        return f"**{markdown(change.new.text or '')}**"  # type: ignore[union-attr]
    if change.kind == "removed":
        return f"~~{markdown(change.old.text or '')}~~"  # type: ignore[union-attr]
    if change.kind != "changed":
        return markdown(change.provision.text or "")
    assert change.old is not None and change.new is not None
    styled = {"equal": "{}", "delete": "~~{}~~", "insert": "**{}**"}
    return " ".join(styled[op].format(markdown(w)) for op, w in word_diff(change.old.text or "", change.new.text or ""))


@reporter(RulesDiff, "markdown")
def diff_markdown(diff: RulesDiff, view: View) -> str:
    lines = [
        f"### quyche diff: {markdown(diff.new.rules.model.document.title)}",
        "",
        f"{markdown(diff.old.file)} → {markdown(diff.new.file)}: {summary(diff)}",
    ]
    if diff.changes:
        lines += ["", "| Thay đổi | Quy định | Nội dung (~~bỏ~~, **thêm**) |", "|---|---|---|"]
        lines += [f"| {KIND_VI[c.kind]} | {markdown(c.where)} | {markdown_words(c)} |" for c in diff.changes]
    if diff.organisation:
        lines += ["", "#### Tổ chức bộ máy", ""]
        lines += [f"- {SUBJECT_VI[o.subject]}: {markdown(o.message)}" for o in diff.organisation]
    if diff.deadlines:
        lines += ["", "#### Hạn", ""]
        lines += [f"- {markdown(d.message)}" for d in diff.deadlines]
    if diff.fields:
        lines += ["", f"#### {FIELDS_VI}", ""]
        lines += [f"- {markdown(f.message)}" for f in diff.fields]
    return "\n".join(lines) + "\n"


def _annotation(file: str, line: int | None, title: str, message: str) -> str:
    props = [f"file={_escape(file, True)}", *([f"line={line}"] if line else []), f"title={_escape(title, True)}"]
    return f"::notice {','.join(props)}::{_escape(message)}"


@reporter(RulesDiff, "github")
def diff_github(diff: RulesDiff, view: View) -> str:
    """One notice per change, on its line in the new file (a removed provision: on its parent's line)."""
    source = diff.new.rules.source
    file = diff.new.path or diff.new.file

    def line(path: tuple[str | int, ...]) -> int | None:
        return source.position(path)[0] if source and path else None

    out = []
    for change in diff.changes:
        anchor = change.new or (diff.pairs.get(change.old.parent) if change.old and change.old.parent else None)
        text = change.provision.text or ""
        out.append(
            _annotation(file, line(anchor.path) if anchor else None, f"{KIND_VI[change.kind]}: {change.where}", text)
        )
    out += [_annotation(file, line(o.path), SUBJECT_VI[o.subject], o.message) for o in diff.organisation]
    out += [_annotation(file, None, "Hạn", d.message) for d in diff.deadlines]
    out += [_annotation(file, line(f.path), "Giá trị khác", f.message) for f in diff.fields]
    return "".join(f"{entry}\n" for entry in out)
