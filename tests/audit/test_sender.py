"""Who sent a report: the symbol of its number line or its upper-case agency line, else its file name; never a
guess between two members. Real Vietnamese headers and file names, composed (NFC) and decomposed (NFD)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from quyche_cli.audit.sender import SenderFinder
from quyche_cli.rules.index import Rules
from quyche_cli.rules.validation import load_rules
from support import RULES_FILE, write_rules

SUPERIOR = "UBND TỈNH BẮC NINH"
MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
DATE_LINE = "Bắc Ninh, ngày 20 tháng 9 năm 2024"


def nfd(lines: list[str]) -> list[str]:
    return [unicodedata.normalize("NFD", line) for line in lines]


@pytest.fixture(scope="module")
def finder(rules: Rules) -> SenderFinder:
    return SenderFinder(rules)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ([SUPERIOR, "SỞ Y TẾ", "Số: 12/BC-SYT", *MOTTO, DATE_LINE], ("syt", "Số: 12/BC-SYT")),
        (["Số: 12/BC-SYT"], ("syt", "Số: 12/BC-SYT")),
        (["BẢO HIỂM XÃ HỘI TỈNH", "Số: 215/BC-BHXH"], ("bhxh", "Số: 215/BC-BHXH")),
        (["SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Số: 5/BC-STTTT"], ("stttt", "Số: 5/BC-STTTT")),
        # the symbol of the number speaks first; an unknown symbol leaves the agency line to decide
        (["SỞ Y TẾ", "Số: 12/BC-STC"], ("stc", "Số: 12/BC-STC")),
        (["SỞ Y TẾ", "Số: 12/BC-XYZ"], ("syt", "Số: 12/BC-XYZ")),
        # a draft's blank number still has its symbol
        (["SỞ Y TẾ", "Số:      /BC-SYT"], ("syt", "Số: /BC-SYT")),
    ],
    ids=["full header", "number line only", "BHXH", "STTTT", "number beats agency line", "unknown symbol", "draft"],
)
def test_the_number_line_names_the_sender(finder: SenderFinder, header: list[str], expected: tuple[str, str]) -> None:
    assert finder.from_document(header) == expected
    assert finder.from_document(nfd(header)) == expected


@pytest.mark.parametrize(
    "header",
    [
        ["SỞ Y TẾ"],
        [SUPERIOR, "SỞ Y TẾ", *MOTTO, DATE_LINE],
        [SUPERIOR, *MOTTO, "ĐỘC LẬP - TỰ DO - HẠNH PHÚC", "SỞ Y TẾ"],
        ["", "  SỞ Y TẾ  ", "Số: BC-không số"],
    ],
    ids=["agency line", "under the superior body and beside the motto", "upper-case motto", "padded"],
)
def test_an_upper_case_agency_line_names_the_sender(finder: SenderFinder, header: list[str]) -> None:
    assert finder.from_document(header) == ("syt", None)
    assert finder.from_document(nfd(header)) == ("syt", None)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ([SUPERIOR, "SỞ NGOẠI VỤ", "Số: 3/BC-SNGV", *MOTTO], (None, "Số: 3/BC-SNGV")),
        (["CÔNG TY TNHH PHẦN MỀM ABC", "Số: 3/CV-ABC"], (None, "Số: 3/CV-ABC")),
        ([SUPERIOR, *MOTTO, DATE_LINE], (None, None)),
        (["Sở Y tế"], (None, None)),  # a sentence-case line is body text, not the issuer
        (["Kính gửi: Sở Y tế"], (None, None)),
        (["BÁO CÁO"] * 15 + ["SỞ Y TẾ"], (None, None)),  # past the header
        ([], (None, None)),
    ],
    ids=["unknown agency", "not a member", "superior and motto", "sentence case", "addressee", "too late", "empty"],
)
def test_an_unknown_sender_is_none(finder: SenderFinder, header: list[str], expected: tuple[None, str | None]) -> None:
    assert finder.from_document(header) == expected
    assert finder.from_document(nfd(header)) == expected


def test_the_superior_body_line_is_skipped_even_when_it_is_a_name(tmp_path: Path) -> None:
    """A rules file where the head of the committee is also called "UBND tỉnh" (its chair's body): the superior
    body line above every member's name must not make every report the head's."""
    text = RULES_FILE.read_text(encoding="utf-8")
    aliases = "aliases: [Trưởng Ban, Trưởng ban Ban Chỉ đạo]"
    assert text.count(aliases) == 1
    head_is_ubnd = text.replace(aliases, "aliases: [Trưởng Ban, Trưởng ban Ban Chỉ đạo, UBND tỉnh]")
    rules = load_rules(write_rules(tmp_path, head_is_ubnd))
    finder = SenderFinder(rules)
    assert finder.names.resolve(SUPERIOR).targets[0].id == "truong_ban"  # the line is a name here
    assert finder.from_document([SUPERIOR, "SỞ Y TẾ", *MOTTO]) == ("syt", None)
    assert finder.from_document(nfd([SUPERIOR, "SỞ Y TẾ", *MOTTO])) == ("syt", None)
    assert finder.from_document([SUPERIOR, *MOTTO]) == (None, None)


@pytest.mark.parametrize(
    ("name", "member"),
    [
        ("BC quy 3 - So Y te.docx", "syt"),
        ("SYT_baocao.pdf", "syt"),
        ("BC-SYT-Q3.docx", "syt"),
        ("syt.docx", "syt"),
        ("SO Y TE.PDF", "syt"),
        ("BC Quý III.2024 - Sở Y tế.docx", "syt"),
        ("Báo cáo Y tế quý 3.docx", "syt"),
        ("STTTT bao cao.docx", "stttt"),
        ("Cong an tinh.pdf", "cat"),
        ("BHXH.pdf", "bhxh"),
    ],
)
def test_a_file_name_names_its_sender(finder: SenderFinder, name: str, member: str) -> None:
    assert finder.from_name(name) == member
    assert finder.from_name(unicodedata.normalize("NFD", name)) == member


@pytest.mark.parametrize(
    "name",
    [
        "bao cao.pdf",
        "BC So Y te va So Tai chinh.docx",  # two members
        "So Giao.docx",  # Giáo dục or Giao thông
        "Sở Ngoại vụ.docx",  # no such member
        "hsyt.docx",  # a symbol only as a whole word
        "SYTE.docx",
        "systems.docx",
    ],
)
def test_an_ambiguous_or_unknown_file_name_is_none(finder: SenderFinder, name: str) -> None:
    assert finder.from_name(name) is None
    assert finder.from_name(unicodedata.normalize("NFD", name)) is None
