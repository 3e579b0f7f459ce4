"""Typed names resolve to their member in every form people type them, on the real regulation."""

from __future__ import annotations

import unicodedata

import pytest

from quyche_cli.rules.names import NameIndex, Target, declarations
from quyche_cli.rules.validation import load_rules
from support import RULES_FILE

RULES = load_rules(RULES_FILE)
INDEX = NameIndex(RULES)


def owner_targets(owner: str) -> list[Target]:
    return INDEX.targets(owner)


def strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d").replace("Đ", "D")


def old_tones(text: str) -> str:
    return text.replace("hóa", "hoá").replace("Ủy", "Uỷ").replace("khỏe", "khoẻ")


def variants(name: str) -> list[str]:
    return [
        name,
        unicodedata.normalize("NFD", name),
        name.upper(),
        name.lower(),
        strip_marks(name),
        old_tones(name),
        f"  {name}\u200b ",
        name.replace("-", " - ").replace(" và ", " & "),
    ]


CASES = [(d.name, d.owner) for d in declarations(RULES)]


@pytest.mark.parametrize(("name", "owner"), CASES, ids=[f"{o}:{n}" for n, o in CASES])
def test_every_name_in_every_form_resolves_to_its_member(name: str, owner: str) -> None:
    expected = owner_targets(owner)
    for typed in variants(name):
        result = INDEX.resolve(typed)
        assert (result.status, result.targets) == ("found", expected), (typed, result)


@pytest.mark.parametrize(
    ("typed", "member"),
    [
        ("so y te", "syt"),
        ("SYT", "syt"),
        ("Giám đốc Sở Y tế", "syt"),
        ("Y tế", "syt"),
        ("Sở Giáo dục", "sgddt"),
        ("STTTT", "stttt"),
        ("Lao động - Thương binh", "sldtbxh"),
        ("Sở KH&CN", "skhcn"),
        ("So VH TT DL", "svhttdl"),
        ("Sở Tài chính tỉnh Bắc Ninh", "stc"),
        ("Trung tâm hành chính công tỉnh", "ttpvhcc"),
        ("Trưởng Ban", "truong_ban"),
        ("Sở Văn hoá, Thể thao & Du lịch", "svhttdl"),
    ],
)
def test_typical_queries(typed: str, member: str) -> None:
    assert INDEX.resolve(typed).targets == [Target("member", member)]
