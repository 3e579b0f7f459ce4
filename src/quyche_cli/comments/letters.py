"""Reading the comment letters of a drafting round: who wrote, what each comment says, which provisions it
cites, who only agreed, who did not reply. The letters are read like the reports of ``check-reports`` (same
readers, same sender recognition); the folder is never changed."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from quyche_cli import text as vt
from quyche_cli.audit.folder import display_name, list_files
from quyche_cli.audit.header import HEADER_LINES, parse_date_line
from quyche_cli.audit.reading import read_document
from quyche_cli.audit.sender import SenderFinder
from quyche_cli.comments.results import Comment, CommentRound, names_on
from quyche_cli.errors import InputError
from quyche_cli.lookup.citations import CITATION, cited, parse_citations
from quyche_cli.rules.index import Rules
from quyche_cli.rules.organisation import Organisation

AGREEMENT = ("nhat tri", "thong nhat voi", "dong i voi", "khong co i kien", "khong co gop i")
ITEM = re.compile(r"^(?:[-–+•*]|\d{1,2}[.)]|[a-zđ]\))\s*", re.IGNORECASE)
PROPOSAL = ("de nghi", "kien nghi", "de xuat", "bo sung", "sua doi", "sua lai", "thay the", "bo cum tu", "bo diem")


@dataclass
class Letter:
    """What one readable letter says."""

    member: str
    file: str
    date: dt.date | None
    comments: list[Comment] = field(default_factory=list)
    agrees: bool = False
    problems: list[str] = field(default_factory=list)


# The signature block: an authority line in capitals ("KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", "CHÁNH VĂN PHÒNG").
SIGNATURE = (
    "tm ",
    "kt ",
    "tl ",
    "tuq ",
    "q ",
    "giam doc",
    "pho giam doc",
    "truong ban",
    "chanh van phong",
    "cuc truong",
)


def _body(lines: list[str], folded: list[str]) -> tuple[int, int]:
    """Where the body starts (after "Kính gửi", else after the date line of the header) and ends (at "Nơi
    nhận" or the signature)."""
    head = range(min(len(lines), HEADER_LINES + 10))
    start = next((i + 1 for i in head if folded[i].startswith("kinh gui")), None)
    if start is None:
        start = next((i + 1 for i in head if parse_date_line(lines[i])), 0)
    end = next(
        (
            i
            for i in range(start, len(lines))
            if folded[i].startswith("noi nhan") or (lines[i] == lines[i].upper() and folded[i].startswith(SIGNATURE))
        ),
        len(lines),
    )
    return start, end


def paragraphs(lines: list[str]) -> list[str]:
    """The letter's body as paragraphs; a line that a PDF wrapped (it starts in lower case after a line without
    final punctuation) joins the one before."""
    start, end = _body(lines, [vt.fold(line) for line in lines])
    found: list[list[str]] = []  # the lines of each paragraph, joined once at the end (linear in the letter)
    for line in lines[start:end]:
        if found and not found[-1][-1].endswith((".", ":", ";", "!", "?")) and line[:1].islower():
            found[-1].append(line)
        else:
            found.append([line])
    return [" ".join(paragraph) for paragraph in found]


def _cited(rules: Rules, paragraph: str) -> tuple[list[str], list[str]]:
    """The ids of the provisions a paragraph cites, and the citations that name nothing in the draft."""
    ids: list[str] = []
    missing: list[str] = []
    for match in CITATION.finditer(paragraph):
        phrase = vt.clean(match.group(0))
        try:
            citations = parse_citations(phrase)
        except InputError:
            missing.append(phrase)
            continue
        for citation in citations:
            try:
                found = cited(rules, phrase, citation)
            except InputError:
                found = []
            if not found:
                missing.append(str(citation) if len(citations) > 1 else phrase)
            ids += [p.id for p in found if p.id not in ids]
    return ids, missing


def read_letter(rules: Rules, member: str, file: str, lines: list[str]) -> Letter:
    """Split a letter into comments: a paragraph that cites the draft, or an item or proposal that does not
    (a general comment); agreement phrases make a letter without comments an agreement."""
    lines = [vt.clean(line) for line in lines]
    date_line = next((d for d in map(parse_date_line, lines[: HEADER_LINES + 10]) if d), None)
    letter = Letter(member, file, date_line.date if date_line else None)
    for paragraph in paragraphs(lines):
        folded = vt.fold(paragraph)
        refs, missing = _cited(rules, paragraph)
        letter.problems += [f"trích dẫn '{m}' không có trong dự thảo" for m in missing]
        agreeing = any(f" {phrase} " in f" {folded} " for phrase in AGREEMENT)
        proposal = ITEM.match(paragraph) or any(f" {p} " in f" {folded} " for p in PROPOSAL)
        if refs or missing or (proposal and not agreeing):
            letter.comments.append(Comment(member, file, refs, ITEM.sub("", paragraph, count=1)))
        elif agreeing:
            letter.agrees = True
    return letter


def expected(rules: Rules, day: dt.date) -> list[str]:
    """The members asked for comments on ``day``: every seat held by an agency (or whoever carries it)."""
    organisation = Organisation(rules, day)
    found: list[str] = []
    for member in rules.model.members:
        seat = organisation.seat(member.id)
        unit = organisation.stand_in(member.id)
        if member.agency and seat.carrier is not None and unit not in found:
            found.append(unit)
    return found


def read_round(rules: Rules, folder: Path, today: dt.date, deadline: dt.date | None = None) -> CommentRound:
    """Every letter of ``folder``: comments in file order, agreements, members without a reply (by
    ``deadline`` when given: a letter dated later does not count), unusable files with their reason."""
    paths, unmatched = list_files(folder)
    day = deadline or today
    organisation = Organisation(rules, day)
    finder = SenderFinder(rules)
    letters: list[Letter] = []
    notices: list[str] = []
    seen: dict[str, str] = {}
    for path in paths:
        file = display_name(path, folder)
        document = read_document(path, header_only=False)
        if document.sha256 in seen:
            unmatched.append({"file": file, "reason": f"bản trùng của {seen[document.sha256]}: không tính lần nữa"})
            continue
        if document.sha256:
            seen[document.sha256] = file
        if document.problem:
            unmatched.append({"file": file, "reason": document.problem})
            continue
        member = finder.from_document(document.lines)[0] or finder.from_name(file)
        if member is None:
            reason = "không nhận ra cơ quan gửi (tiêu đề văn bản và tên tệp không khớp thành viên nào)"
            unmatched.append({"file": file, "reason": reason})
            continue
        letter = read_letter(rules, organisation.stand_in(member), file, document.lines)
        unmatched += [{"file": file, "reason": problem} for problem in letter.problems]
        if not letter.comments and not letter.agrees:
            unmatched.append({"file": file, "reason": "không tìm thấy ý kiến góp ý hay câu nhất trí trong văn bản"})
            continue
        letters.append(letter)
    replied = set()
    for letter in letters:
        if deadline and letter.date and letter.date > deadline:
            notices.append(f"{letter.file}: đề ngày {letter.date:%d/%m/%Y}, sau hạn {deadline:%d/%m/%Y}.")
            continue
        if deadline and letter.date is None:
            notices.append(f"{letter.file}: văn bản không ghi ngày; coi như đã trả lời đúng hạn.")
        replied.add(letter.member)
    commented = {letter.member for letter in letters if letter.comments}
    agreed = [m for m in dict.fromkeys(letter.member for letter in letters if letter.agrees) if m not in commented]
    comments = [c for letter in letters for c in letter.comments]
    no_reply = [m for m in expected(rules, day) if m not in replied]
    units = [*(c.member for c in comments), *agreed, *no_reply]
    return CommentRound(comments, agreed, no_reply, unmatched, day, names_on(rules, day, units), deadline, notices)
