"""Characters that text from outside may hold and that must not reach a reader, a terminal or a document raw.

Character classes for regular expressions, shared by the outputs that show them (``cli.views.safe``), the
documents that cannot hold them (``documents.docx``) and ``validate``, which warns about them.
"""

from __future__ import annotations

import re

# C1 controls (\x9b is a CSI on some terminals), bidirectional controls, lone surrogates (undecodable bytes).
ACTING = "\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
# Every format character (Unicode category Cf, as of Unicode 15.1, with the whole tag block U+E0000-E007F),
# which draws nothing and may hide or smuggle text, and the line and paragraph separators (a line break to
# some readers, not to others).
FORMAT = (
    "\u00ad\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200d\u2028\u2029\u2060-\u2065"
    "\u206a-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e007f"
)
# C0 controls but the tab and the newline.
CONTROL = "\x00-\x08\x0b-\x1f"
# What XML 1.0 (a .docx) cannot hold: C0 controls but tab, newline and carriage return; lone surrogates;
# U+FFFE and U+FFFF.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# What a rules file's text should never hold: controls, and the characters that act or hide.
HIDDEN = re.compile(f"[{CONTROL}{ACTING}{FORMAT}]")


def escape(char: str) -> str:
    """One character as it is shown: ``\\x1b`` below U+0100, ``<U+202E>`` above."""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"<U+{code:04X}>"
