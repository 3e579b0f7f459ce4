"""Issue 26, diff's similarity pairing at scale: beyond ``EXHAUSTIVE`` pairs of a kind, each old text is compared
only with the new texts sharing its rare words (work in proportion to the texts, measured in bench/), with a
notice; on every real regulation that shortlist finds exactly the pairs that comparing every pair finds."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from amendment import write_amended
from quyche_cli.compare import provisions
from quyche_cli.compare.provisions import COMMON, KIND_ORDER, ROUNDS, _pair_similar
from quyche_cli.rules.index import Provision
from quyche_cli.rules.validation import load_rules
from support import DATA, RULES_FILE

# Every provision of a kind rewritten a little, so that none keeps its text and the similarity pairing does the
# work: words replaced all through the file.
REWRITES = [(" các ", " những "), (" và ", " cùng "), (" tỉnh", " Tỉnh"), (" theo ", " căn cứ ")]


def paragraphs(texts: list[str], prefix: str = "p") -> list[Provision]:
    return [Provision(f"{prefix}{i}", "paragraph", None, (), None, None, text=t) for i, t in enumerate(texts)]  # type: ignore[arg-type]


def pairing(olds: list[Provision], news: list[Provision], exhaustive: int, monkeypatch: pytest.MonkeyPatch) -> dict:
    monkeypatch.setattr(provisions, "EXHAUSTIVE", exhaustive)
    pairs: dict[Provision, Provision] = {}
    _pair_similar(olds, news, pairs)
    return {o.id: n.id for o, n in pairs.items()}


@pytest.mark.parametrize(
    "path", [RULES_FILE, DATA / "other.yaml", DATA / "national.yaml", DATA / "commune.yaml"], ids=lambda p: p.name
)
def test_the_shortlist_pairs_real_regulations_as_comparing_every_pair_does(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in REWRITES:
        text = text.replace(old, new)
    rewritten = tmp_path / path.name
    rewritten.write_text(text, encoding="utf-8")
    before, after = load_rules(path), load_rules(rewritten)
    paired = 0
    for kind in KIND_ORDER:
        # Reversed: the new texts in another order than the old ones, as if every provision had moved.
        olds = [p for p in before.provisions if p.kind == kind and p.text]
        news = [p for p in reversed(after.provisions) if p.kind == kind and p.text]
        every = pairing(olds, news, 10**12, monkeypatch)
        assert pairing(olds, news, 0, monkeypatch) == every, kind
        paired += len(every)
    assert paired >= 10  # the rewrites reached many provisions: the comparison is not of empty pairings


def test_the_diff_of_an_amendment_is_the_same_with_the_shortlist(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    amended = write_amended(tmp_path)
    args = ("diff", str(RULES_FILE), str(amended), "--format", "json", "--year", "2026")
    every = json.loads(cli(*args).stdout)
    assert every["notices"] == []
    monkeypatch.setattr(provisions, "EXHAUSTIVE", 0)  # as if the texts were too many to compare every pair
    shortlisted = json.loads(cli(*args).stdout)
    assert shortlisted["changes"] == every["changes"] and shortlisted["changes"]
    assert any("quá nhiều để so từng cặp" in n for n in shortlisted["notices"])
    text = cli(*args[:3], "--year", "2026")
    assert "Lưu ý:" in text.stderr and "chung từ hiếm" in text.stderr


def test_thousands_of_similar_paragraphs_are_paired_with_bounded_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """3,000 paragraphs that all score 80 or more against each other (the issue's case): each is paired with its
    own rewrite, and the scorer runs at most ``COMMON × ROUNDS`` times per paragraph (it ran 9 million times)."""
    from rapidfuzz import fuzz

    count = 3_000
    sentence = "Thực hiện {} nhiệm vụ chuyển đổi số tại cơ quan, đơn vị theo kế hoạch năm số {}"
    olds = paragraphs([sentence.format("các", i) for i in range(count)])
    news = paragraphs([sentence.format("những", i) for i in reversed(range(count))])
    calls = 0
    ratio = fuzz.ratio

    def counted(*args: object, **kwargs: object) -> float:
        nonlocal calls
        calls += 1
        return ratio(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fuzz, "ratio", counted)
    pairs: dict[Provision, Provision] = {}
    assert _pair_similar(olds, news, pairs) is True
    assert all(n.text == o.text.replace("các", "những") for o, n in pairs.items()) and len(pairs) == count
    assert calls <= count * COMMON * ROUNDS


def test_a_rewrite_sharing_no_rare_word_is_removed_and_added_with_a_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    """The limit of the shortlist, said: two texts alike letter by letter but with no word in common are paired
    when every pair is compared, not when only shortlists are; the notice counts what stayed unpaired."""
    from quyche_cli.compare.provisions import match

    olds = paragraphs(["Rà soát hạ tầng", "nangcaochatluong dichvucong"])
    news = paragraphs(["Rà soát hạ tầng số", "nangcaochatluongdichvu cong"], "n")
    assert pairing(olds, news, 10**12, monkeypatch) == {"p0": "n0", "p1": "n1"}
    assert pairing(olds, news, 0, monkeypatch) == {"p0": "n0"}

    class Texts:
        def __init__(self, items: list[Provision]) -> None:
            self.provisions = items

    pairs, notices = match(Texts(olds), Texts(news))  # type: ignore[arg-type]
    assert len(pairs) == 1
    assert notices == [
        "2 đoạn cũ và 2 đoạn mới khác nguyên văn: quá nhiều để so từng cặp, mỗi đoạn cũ chỉ được so với các đoạn "
        "mới có chung từ hiếm; 1 đoạn không ghép được hiện là bỏ và thêm (có thể là cùng một đoạn viết lại)."
    ]
