"""Text from outside (file names, rules files, error messages) made safe to show, in one place.

:func:`visible` is applied to every text output (screen, text files, error messages): control characters,
escape sequences, bidirectional overrides, invisible format characters (zero-width, tags of the U+E0000 block,
every Unicode ``Cf``), line separators and undecodable bytes are shown as escapes (``\\x1b``, ``<U+202E>``)
instead of driving the terminal, reordering the line or hiding text; every spreadsheet cell
(``sheets.neutral``, CSV and XLSX) is visible too, line breaks kept. JSON stays exact: :func:`json_escaped`
writes the characters its encoder leaves raw (C1 controls, bidirectional and format characters, lone
surrogates) as ``\\uXXXX``, which decodes to the same text. :func:`one_line` keeps a line-oriented format
(``file:line: message``, a CI log) one line that no CI runner reads as a command; :func:`markdown` makes text
literal in Markdown (no heading, list, quote, HTML comment, link or image of its own).
"""

from __future__ import annotations

import re

from quyche_cli.characters import ACTING, CONTROL, FORMAT, escape

_HIDDEN = re.compile(f"[\t{CONTROL}{ACTING}{FORMAT}]")
_RAW_IN_JSON = re.compile(f"[{ACTING}{FORMAT}]")
# "::command" at a line's start (after spaces) is run by GitHub Actions; wrapping breaks lines at spaces only,
# so "::" after a space may start a line too.
_COMMAND = re.compile(r"(?<!\S)::")
# Every character that could start a heading, a list or a quote, open HTML, make a link, an autolink or a
# mention, emphasise, end a table cell or open maths in GitHub's Markdown: each is escaped with a backslash.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~:@&=$])")


def _shown(match: re.Match[str]) -> str:
    return escape(match.group())


def _json_escape(match: re.Match[str]) -> str:
    """``\\uXXXX`` (a surrogate pair beyond the basic plane), as JSON writes a character."""
    encoded = match.group().encode("utf-16-le", "surrogatepass")
    units = [int.from_bytes(encoded[i : i + 2], "little") for i in range(0, len(encoded), 2)]
    return "".join(f"\\u{unit:04x}" for unit in units)


def visible(text: str, commands: bool = False) -> str:
    """``text`` with every control character but the newline, every bidirectional control, format character,
    line separator and lone surrogate replaced by a visible escape, and a ``::`` that could start a line (a
    CI runner's workflow command) shown as ``\\x3a:``, unless ``commands`` (the GitHub format's own)."""
    shown = _HIDDEN.sub(_shown, text)
    return shown if commands else _COMMAND.sub("\\\\x3a:", shown)


def one_line(text: str) -> str:
    """``text`` :func:`visible` on one line (a newline shown as ``\\n``), for line-oriented formats."""
    return visible(text).replace("\n", "\\n")


def markdown(text: str) -> str:
    """``text`` :func:`visible` as literal Markdown on one line (line breaks become "; "): it shows as itself and
    makes nothing (no heading, list, quote, table cell, emphasis, HTML comment, link, mention or image)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", "; ".join(visible(text).splitlines()))


def json_escaped(text: str) -> str:
    """JSON text (``ensure_ascii=False``) with the characters that could still act on a terminal or hide text
    escaped."""
    return _RAW_IN_JSON.sub(_json_escape, text)
