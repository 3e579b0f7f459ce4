"""Vietnamese text keys: one place where every comparison of text is normalised.

Three keys, from strict to loose (see ``shared/reference/vietnamese-text.md``):

- :func:`clean` for display and parsing: NFC, look-alike letters unified, invisible characters dropped,
  whitespace collapsed.
- :func:`canon` for exact matching: ``clean`` + casefold + one tone-mark placement.
- :func:`fold` for loose lookup and search: ``canon`` without diacritics, ``đ`` as ``d``, ``&`` as "và",
  punctuation as spaces, ``y`` as ``i``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

_LOOKALIKES = str.maketrans({"\u00f0": "đ", "\u00d0": "Đ", "\u0189": "Đ", "\u0111": "đ"})
_WHITESPACE = re.compile(r"\s+")
_TONES = "\u0300\u0301\u0303\u0309\u0323"
# Old-style placement puts the tone on the second vowel of an open "oa", "oe", "uy" syllable
# (hoà, khoẻ, thuý); the canonical key keeps it on the first (hòa, khỏe, thúy). "qu" + "y" is not
# such a syllable (quý), and closed syllables (hoàn, thuyền) never match because a letter follows.
_OLD_TONE = re.compile(
    rf"(?<![qQ])([oO][aAeE]|[uU][yY])([{_TONES}])(?![^\W\d_])",
)
_NON_WORD = re.compile(r"[^\w]+|_+")
_Y = re.compile(r"y")


def clean(text: str) -> str:
    """NFC text with look-alikes unified, format characters dropped and whitespace collapsed."""
    text = unicodedata.normalize("NFC", text)
    if any(chr(code) in text for code in _LOOKALIKES):  # translate is slow on Vietnamese text: only when needed
        text = text.translate(_LOOKALIKES)
    if not text.isprintable():  # format characters (Cf) are never printable: most lines skip the scan
        text = _without(text, lambda ch: unicodedata.category(ch) == "Cf")
    return _WHITESPACE.sub(" ", text).strip()


def _without(text: str, dropped: Callable[[str], object]) -> str:
    """``text`` without the characters for which ``dropped`` is true (each distinct character tested once:
    this runs on every provision at every start)."""
    gone = {ord(ch): None for ch in set(text) if dropped(ch)}
    return text.translate(gone) if gone else text


def canon(text: str) -> str:
    """Exact-match key: ``clean``, casefolded, with one tone-mark placement; keeps diacritics."""
    decomposed = unicodedata.normalize("NFD", clean(text).casefold())
    decomposed = _OLD_TONE.sub(lambda m: m.group(1)[0] + m.group(2) + m.group(1)[1], decomposed)
    return unicodedata.normalize("NFC", decomposed)


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Loose key: no diacritics, ``đ``→``d``, ``&``→"và", punctuation as spaces, ``y``→``i``. It is ``canon``
    without its diacritics, computed without ``canon``'s tone placement (marks are dropped anyway). Kept for
    the texts seen last: the name index folds each name several times."""
    decomposed = unicodedata.normalize("NFD", clean(text).casefold().replace("&", " và "))
    bare = _without(decomposed, unicodedata.combining).replace("đ", "d")
    bare = _Y.sub("i", bare)
    return " ".join(_NON_WORD.sub(" ", bare).split())


def words(text: str) -> tuple[str, ...]:
    """The folded words of ``text``."""
    return tuple(fold(text).split())


# Letters of the Vietnamese alphabet with every tone, as NFC characters.
_VIETNAMESE_LETTERS = frozenset(
    unicodedata.normalize("NFC", base + tone) for base in "aăâeêioôơuưy" for tone in ("", *_TONES)
) | frozenset("bcdđghklmnpqrstvxfjwz")
_MOJIBAKE = re.compile("[\u00c0-\u00ff][\u0080-\u00bf\u2018-\u203a\u0152-\u0178]")


def legacy_encoding(text: str) -> str | None:
    """Name the legacy encoding ``text`` seems to be in (TCVN3, VNI, mis-decoded UTF-8), else None.

    Detection only: such text is reported, never converted by guess.
    """
    nfc = unicodedata.normalize("NFC", text).translate(_LOOKALIKES)
    if _MOJIBAKE.search(nfc):
        try:
            nfc.encode("cp1252").decode("utf-8")
        except UnicodeError:
            pass
        else:
            return "UTF-8 bị đọc nhầm thành cp1252"
    strange = [
        ch for ch in nfc.casefold() if "\u00a1" <= ch <= "\u024f" and ch.isalpha() and ch not in _VIETNAMESE_LETTERS
    ]
    strange += [ch for ch in nfc if ch in "¸µ¶·¹¨©ª¬®"]  # TCVN3 letters; « » are real quotes
    if strange:
        return "bảng mã cũ (TCVN3 hoặc VNI)"
    return None


def fold_with_origin(text: str) -> tuple[str, list[int]]:
    """``fold`` of ``text`` character by character, with the index in ``text`` each folded character came
    from, so that a match on the folded text can be highlighted in the text as written."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        piece = fold(char) if char.strip() else ""
        piece = piece or " "
        for out in piece:
            if out == " " and (not folded or folded[-1] == " "):
                continue
            folded.append(out)
            origin.append(index)
    return "".join(folded), origin
