"""The Vietnamese text keys: stable under every variation real files bring, tested by property and by table."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quyche_cli.text import canon, clean, fold, fold_with_origin, legacy_encoding

LETTERS = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
vietnamese = st.text(alphabet=LETTERS + LETTERS.upper() + " -", min_size=1, max_size=40)
INVISIBLE = ["\ufeff", "\u200b", "\u00ad", "\u200d", "\u2060"]


@given(vietnamese)
def test_keys_ignore_normalisation_form(text: str) -> None:
    for form in ("NFD", "NFKC", "NFKD"):
        variant = unicodedata.normalize(form, text)
        assert canon(variant) == canon(text)
        assert fold(variant) == fold(text)


@given(vietnamese)
def test_keys_ignore_case(text: str) -> None:
    assert canon(text.upper()) == canon(text.lower())
    assert fold(text.upper()) == fold(text)


@given(vietnamese, st.lists(st.tuples(st.integers(0, 40), st.sampled_from(INVISIBLE)), max_size=4))
def test_keys_ignore_invisible_characters(text: str, inserts: list[tuple[int, str]]) -> None:
    variant = text
    for position, char in inserts:
        variant = variant[:position] + char + variant[position:]
    assert canon(variant) == canon(text)


@given(vietnamese)
def test_keys_are_idempotent(text: str) -> None:
    assert canon(canon(text)) == canon(text)
    assert fold(fold(text)) == fold(text)
    assert clean(clean(text)) == clean(text)


@given(st.one_of(vietnamese, st.text(max_size=40)))
def test_fold_is_canon_without_its_marks(text: str) -> None:
    """fold skips canon's tone placement: the marks it places are dropped anyway."""
    assert fold(canon(text)) == fold(text)


@given(vietnamese)
def test_fold_has_no_diacritics_and_no_d_with_stroke(text: str) -> None:
    folded = fold(text)
    assert folded.isascii()
    assert fold(text.replace(" ", "  ").replace("-", " – ")) == folded


@given(vietnamese)
def test_origin_map_points_inside_the_text(text: str) -> None:
    folded, origin = fold_with_origin(text)
    assert len(folded) == len(origin)
    assert all(0 <= i < len(text) for i in origin)
    assert " ".join(folded.split()) == fold(text)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sở Y tế", unicodedata.normalize("NFD", "Sở Y tế")),
        ("hoà", "hòa"),
        ("thuý", "thúy"),
        ("khoẻ", "khỏe"),
        ("Uỷ ban", "Ủy ban"),
        ("CỘNG HOÀ", "Cộng hòa"),
        ("\ufeffSở\u00a0Y\u200b tế\u00ad", "Sở Y tế"),
        ("Sở  Y\t\ntế", "Sở Y tế"),
        ("SỞ Y TẾ", "sở y tế"),
        ("Ðà Nẵng", "Đà Nẵng"),
        ("ðà nẵng", "Đà Nẵng"),
    ],
)
def test_canon_equal(a: str, b: str) -> None:
    assert canon(a) == canon(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("so y te", "Sở Y tế"),
        ("Ban Quản lí", "Ban Quản lý"),
        ("KH&CN", "KH và CN"),
        ("Sở Văn hoá - Thể thao – Du lịch", "Sở Văn hóa Thể thao Du lịch"),
        ("Sở Lao động-Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội"),
        ("kĩ năng", "kỹ năng"),
    ],
)
def test_fold_equal(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("quý", "qúy"), ("hoàn", "hòan"), ("thuyền", "thúyền"), ("Sở", "Số"), ("d", "đ")],
)
def test_canon_keeps_what_differs(a: str, b: str) -> None:
    assert canon(a) != canon(b)


@pytest.mark.parametrize("text", ["Së Y tÕ", "Sôû Y teá", "Sá»Ÿ Y táº¿"])
def test_legacy_encodings_are_detected(text: str) -> None:
    assert legacy_encoding(text) is not None


@pytest.mark.parametrize("text", ["Sở Y tế", "Ðà Nẵng", "CỘNG HOÀ", "Sở KH&CN", "Tỉnh đoàn «Bắc Ninh»"])
def test_unicode_vietnamese_is_not_flagged(text: str) -> None:
    assert legacy_encoding(text) is None
