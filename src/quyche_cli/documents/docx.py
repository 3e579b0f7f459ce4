"""The official layout of an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I), written once.

A :class:`Layout` says what goes where (header, title, body blocks, signature, recipients); :func:`build`
lays it out with python-docx: A4, margins, Times New Roman on every run, the borderless header and
signature tables, page numbers from page 2. Wording never lives here: it comes from the templates.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from quyche_cli.characters import NOT_XML, escape

if TYPE_CHECKING:
    from collections.abc import Sequence

    from docx.document import Document as DocxDocument
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
HEADER_COLUMNS_MM = (62, 103)
LANDSCAPE_HEADER_MM = (95, 150)
BlockKind = Literal["p", "heading", "center", "article", "item", "quote", "field"]


@dataclass
class Block:
    kind: BlockKind
    text: str


@dataclass
class Layout:
    """Everything a document shows, as plain text, in the places the decree gives it."""

    mark: str = ""  # "DỰ THẢO", boxed above the header
    layout: str = ""  # "doan": the Đoàn's layout (its own name on the right instead of the national motto)
    superior: str = ""
    issuer: str = ""
    number: str = ""
    subject: str = ""  # "V/v …" of a công văn, under the number
    place_date: str = ""
    type_name: str = ""
    excerpt: list[str] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    authority: list[str] = field(default_factory=list)
    signer: str = ""
    recipients: list[str] = field(default_factory=list)


def _fonts(element: Any) -> None:
    """Times New Roman for every script (ascii, hAnsi, eastAsia, cs) on a run or a style."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)


def xml_text(text: str) -> str:
    """``text`` with every character a .docx cannot hold shown as an escape (``\\x07``, ``<U+FFFE>``)."""
    return NOT_XML.sub(lambda match: escape(match.group()), text)


def _run(paragraph: Paragraph, text: str, size: float, bold: bool = False, italic: bool = False) -> None:
    """Every text of every document goes through here (:func:`xml_text`)."""
    from docx.shared import Pt

    run = paragraph.add_run(xml_text(text))
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    _fonts(run._r)


def _paragraph(
    container: Any,
    text: str,
    size: float,
    bold: bool = False,
    italic: bool = False,
    align: str = "center",
    first: bool = False,
    indent: bool = False,
    after: float = 0,
) -> Paragraph:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    paragraph: Paragraph = container.paragraphs[0] if first else _add_paragraph(container)
    paragraph.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(after)
    if indent:
        fmt.first_line_indent = Cm(1.27)
        fmt.line_spacing = 1.15
    if text:
        _run(paragraph, text, size, bold, italic)
    return paragraph


def _add_paragraph(container: Any) -> Paragraph:
    """``container.add_paragraph()`` in constant time: for the body of a document, python-docx looks for the
    section properties (its last element) from the start on every call, which is quadratic in paragraphs."""
    from docx.document import Document as DocxDocument
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    if not isinstance(container, DocxDocument):
        added: Paragraph = container.add_paragraph()
        return added
    body, element = container.element.body, OxmlElement("w:p")
    last = next(body.iterchildren(reversed=True), None)  # not len(body) nor body.sectPr: both count from the start
    if last is not None and last.tag == qn("w:sectPr"):
        last.addprevious(element)
    else:
        body.append(element)
    return Paragraph(element, container._body)


def _rule(paragraph: Paragraph, inset_mm: float) -> None:
    """A short horizontal line under ``paragraph`` (a bottom border), inset from both sides."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)
    paragraph.paragraph_format.left_indent = Mm(inset_mm)
    paragraph.paragraph_format.right_indent = Mm(inset_mm)


def _box(paragraph: Paragraph) -> None:
    """A thin border around ``paragraph`` (the "DỰ THẢO" mark), as narrow as its text."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    borders = OxmlElement("w:pBdr")
    for edge in ("top", "left", "bottom", "right"):
        line = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            line.set(qn(key), value)
        borders.append(line)
    paragraph._p.get_or_add_pPr().append(borders)
    paragraph.paragraph_format.left_indent = Mm(125)


def _end(document: DocxDocument) -> None:
    """The paragraph a body needs after its last table, 1 pt high with no spacing, so that it can never
    push an empty page (with only its page number) after the signature."""
    from docx.shared import Pt

    _paragraph(document, "", 1).paragraph_format.line_spacing = Pt(1)


def _table(document: DocxDocument, widths_mm: tuple[float, float]) -> tuple[_Cell, _Cell]:
    """A borderless one-row, two-column table with fixed grid and cell widths."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "nil")
        borders.append(line)
    tbl_pr.append(borders)
    _fixed_widths(table, widths_mm)
    cells = table.rows[0].cells
    return cells[0], cells[1]


def _fixed_widths(table: Table, widths_mm: Sequence[float]) -> None:
    """Fixed layout, table and grid widths, and the width of every cell of the rows so far (Word and
    LibreOffice read different ones)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tbl_pr.append(width)
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(int(Mm(sum(widths_mm)).twips)))
    for column, each in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=True):
        column.set(qn("w:w"), str(int(Mm(each).twips)))
    for row in table.rows:
        for cell, each in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(each)


def _page_numbers(document: DocxDocument) -> None:
    """Arabic page numbers centred in the top margin, none on the first page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    section = document.sections[0]
    section.different_first_page_header_footer = True
    paragraph = _paragraph(section.header, "", 13, first=True)
    run = paragraph.add_run()
    _fonts(run._r)
    for kind, instruction in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            text = OxmlElement("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = instruction
            run._r.append(text)


@dataclass
class Run:
    """A piece of a table cell's text: struck through (removed words) or bold (added words, headings)."""

    text: str
    bold: bool = False
    strike: bool = False
    italic: bool = False


Cell = list[list[Run]]  # paragraphs of runs


@dataclass
class Grid:
    """A bordered table on a landscape page (bảng so sánh, bảng tổng hợp): column titles and widths, rows (a
    cell that is None is merged with the one above it), and the paragraphs that follow it."""

    titles: list[str]
    widths_mm: list[float]
    rows: list[list[Cell | None]]
    after: list[Block] = field(default_factory=list)
    left: int = 1  # the first columns (number, citation…) are aligned left, the others justified


def _page(document: DocxDocument, landscape: bool) -> None:
    """A4 with the decree's margins, Times New Roman, page numbers from page 2."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    section = document.sections[0]
    width, height = PAGE_MM[::-1] if landscape else PAGE_MM
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    _fonts(normal.element)
    _page_numbers(document)


def _head(document: DocxDocument, layout: Layout, widths_mm: tuple[float, float]) -> None:
    """The header table, then the type name and the excerpt under it."""
    from docx.shared import Pt

    if layout.mark:
        _box(_paragraph(document, layout.mark, 13, bold=True, align="right", after=6))
    left, right = _table(document, widths_mm)
    if layout.layout == "doan":
        _paragraph(left, layout.issuer.upper(), 13, bold=True, first=True)
        _paragraph(left, "***", 13)
        _paragraph(left, layout.number, 13)
        _rule(_paragraph(right, layout.superior.upper(), 15, bold=True, first=True), (widths_mm[1] - 70) / 2)
        _paragraph(right, "", 6)
        _paragraph(right, layout.place_date, 13, italic=True)
    else:
        if layout.superior:
            _paragraph(left, layout.superior.upper(), 13, first=True)
        _paragraph(left, layout.issuer.upper(), 13, bold=True, first=not layout.superior)
        _rule(_paragraph(left, "", 6), widths_mm[0] / 3)
        _paragraph(left, layout.number, 13)
        _paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True, first=True)
        _paragraph(right, "Độc lập - Tự do - Hạnh phúc", 13, bold=True)
        _rule(_paragraph(right, "", 4, after=6), (widths_mm[1] - 61) / 2)
        _paragraph(right, layout.place_date, 13, italic=True)
    if layout.subject:
        _paragraph(left, layout.subject, 12)

    if layout.type_name:
        _paragraph(document, layout.type_name.upper(), 14, bold=True).paragraph_format.space_before = Pt(18)
    for line in layout.excerpt:
        _paragraph(document, line, 14, bold=True)
    if layout.type_name or layout.excerpt:
        _rule(_paragraph(document, "", 6, after=12), 60)


def _save(document: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build(layout: Layout) -> bytes:
    """The .docx bytes of ``layout``."""
    from docx import Document

    document = Document()
    _page(document, landscape=False)
    _head(document, layout, HEADER_COLUMNS_MM)
    if layout.addressees:
        intro = "Kính gửi: "
        if len(layout.addressees) == 1:
            _paragraph(document, intro + layout.addressees[0], 14, after=6)
        else:
            _paragraph(document, intro, 14)
            for index, name in enumerate(layout.addressees, start=1):
                end = "." if index == len(layout.addressees) else ";"
                _paragraph(document, f"- {name}{end}", 14, align="center")
    _blocks(document, layout.body)
    if layout.authority or layout.recipients:
        _paragraph(document, "", 6)
        cc, sign = _table(document, (80, 85))
        _paragraph(cc, "Nơi nhận:" if layout.recipients else "", 12, bold=True, italic=True, align="left", first=True)
        for line in layout.recipients:
            _paragraph(cc, f"- {line}", 11, align="left")
        for index, line in enumerate(layout.authority):
            _paragraph(sign, line.upper(), 13, bold=True, first=index == 0)
        for _ in range(4):
            _paragraph(sign, "", 13)
        _paragraph(sign, layout.signer, 14, bold=True)
        _end(document)
    return _save(document)


def _blocks(document: DocxDocument, blocks: list[Block]) -> None:
    for block in blocks:
        if block.kind == "center":
            _paragraph(document, block.text, 14, bold=True, after=6)
        elif block.kind in ("heading", "article"):
            _paragraph(document, block.text, 14, bold=True, align="justify", indent=True, after=6)
        elif block.kind == "field":
            _paragraph(document, block.text, 14, align="left", indent=True, after=6)
        elif block.kind == "quote":
            _paragraph(document, block.text, 14, italic=True, align="justify", indent=True, after=6)
        else:
            _paragraph(document, block.text, 14, align="justify", indent=True, after=6)


def _grid_table(document: DocxDocument, grid: Grid) -> None:
    """The bordered table, its title row repeated on every page, fixed column widths."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    table = document.add_table(rows=1 + len(grid.rows), cols=len(grid.titles))
    table.style = document.styles["Table Grid"]
    table.autofit = False
    _fixed_widths(table, grid.widths_mm)
    header = table.rows[0]
    header_pr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_pr.append(repeat)
    for cell, title in zip(header.cells, grid.titles, strict=True):
        _paragraph(cell, title, 13, bold=True, first=True)
    for contents, table_row in zip(grid.rows, table.rows[1:], strict=True):
        for column, (cell, content) in enumerate(zip(table_row.cells, contents, strict=True)):
            if content is None:
                above = table.cell(table_row._index - 1, column)
                above.merge(cell)
                continue
            align = "left" if column < grid.left else "justify"
            for index, runs in enumerate(content or [[]]):
                paragraph = _paragraph(cell, "", 13, align=align, first=index == 0, after=3)
                for run in runs:
                    _run(paragraph, run.text, 13, run.bold, run.italic)
                    paragraph.runs[-1].font.strike = run.strike
    _paragraph(document, "", 6).paragraph_format.space_after = Pt(6)


def build_grid(layout: Layout, grid: Grid) -> bytes:
    """A landscape document: the decree's header, title and excerpt, then ``grid`` and what follows it."""
    from docx import Document

    document = Document()
    _page(document, landscape=True)
    _head(document, layout, LANDSCAPE_HEADER_MM)
    _grid_table(document, grid)
    _blocks(document, grid.after)
    return _save(document)
