"""The YAML holds every paragraph of the seed text, verbatim."""

from __future__ import annotations

from quyche_cli.rules.index import Rules
from support import DATA, seed_lines


def document_lines(rules: Rules) -> list[str]:
    """The regulation as printed: appendix heading, then every chapter with everything under it."""
    appendix = rules.model.document.appendix
    heading = [line for line in (appendix.label, appendix.title, appendix.note) if line] if appendix else []
    return heading + [line for chapter in rules.chapters for line in rules.lines(chapter)]


def rendered(rules: Rules) -> str:
    letter = rules.model.document.cover_letter
    assert letter is not None
    parts = [
        letter.superior_body,
        letter.sender,
        letter.number,
        letter.subject,
        letter.place_date,
        f"Kính gửi: {letter.addressee}",
        *letter.body,
        *(f"- {r}" for r in letter.recipients),
        letter.signature.authority,
        letter.signature.position or "",
        letter.signature.signer or "",
        *document_lines(rules),
    ]
    return "\n".join(" ".join(p.split()) for p in parts)


def missing(seed: str, text: str) -> list[str]:
    return [line for line in seed_lines(seed) if line not in text]


def test_every_seed_line_is_in_the_yaml(rules: Rules) -> None:
    seed = (DATA / "seed.txt").read_text(encoding="utf-8")
    assert len(seed_lines(seed)) > 200
    assert missing(seed, rendered(rules)) == []


def test_a_dropped_point_is_detected(rules: Rules) -> None:
    seed = (DATA / "seed.txt").read_text(encoding="utf-8")
    point = rules.by_id["art_6__para_15__point_c"]
    text = rendered(rules).replace(rules.full_text(point), "")
    assert missing(seed, text) == [rules.full_text(point)]


def test_typos_are_kept_verbatim(rules: Rules) -> None:
    assert "Công dịch vụ công" in (rules.by_id["art_6__para_14__point_b"].text or "")
    assert "đề Trưởng Ban" in (rules.by_id["art_5__para_5__point_m"].text or "")


def test_the_standard_lead_in_is_stored_once(rules: Rules) -> None:
    lead_ins = [p for p in rules.provisions if getattr(p.node, "shared", None) == "member_lead_in"]
    assert len(lead_ins) == 21
    assert all(p.text == rules.model.shared_texts["member_lead_in"] for p in lead_ins)
