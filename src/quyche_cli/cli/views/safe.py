"""Text from outside (file names, rules files, error messages) made safe to show, in one place.

:func:`visible` is applied to every text output (screen, text files, error messages): control characters,
escape sequences, bidirectional overrides and undecodable bytes are shown as escapes (``\\x1b``, ``<U+202E>``)
instead of driving the terminal or reordering the line; every spreadsheet cell (``sheets.neutral``, CSV and
XLSX) is visible too, line breaks kept. JSON stays exact:
:func:`json_escaped` writes the characters its encoder leaves raw (C1 controls, bidirectional controls, lone
surrogates) as ``\\uXXXX``, which decodes to the same text.
"""

from __future__ import annotations

import re

# C1 controls (\x9b is a CSI on some terminals), bidirectional controls, lone surrogates (undecodable bytes).
_ACTING = "\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_HIDDEN = re.compile(f"[\x00-\x09\x0b-\x1f{_ACTING}]")
_RAW_IN_JSON = re.compile(f"[{_ACTING}]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"<U+{code:04X}>"


def visible(text: str) -> str:
    """``text`` with every control character but the newline, every bidirectional control and lone surrogate
    replaced by a visible escape."""
    return _HIDDEN.sub(_shown, text)


def json_escaped(text: str) -> str:
    """JSON text (``ensure_ascii=False``) with the characters that could still act on a terminal escaped."""
    return _RAW_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
