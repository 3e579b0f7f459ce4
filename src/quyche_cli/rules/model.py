"""The rules file as pydantic models: the regulation's text tree, its members and its dated rules.

Field names are the YAML keys; unknown keys are errors. Identifiers of text nodes are not stored: they
are derived from the numbering (see :mod:`quyche_cli.rules.index`), so they cannot drift from the text.
Annotations are evaluated when the classes are made (no ``from __future__ import annotations``): pydantic
then has no strings to evaluate, which shortens every start-up.
"""

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic.json_schema import SkipJsonSchema

from quyche_cli.rules.problems import LintCode

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
RoleKind = Literal["head", "standing_deputy", "deputy", "member", "group", "body", "standing_body", "secretariat"]


class Strict(BaseModel):
    # Validators are built on first use, not on import: a run answered from the cache never needs them.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


UNCONFIRMED = "nguồn cần xác nhận"
INFERRED = "suy luận của công cụ, chưa có văn bản"


def cited(label: str) -> str:
    """A source's label as cited in running text: "nguồn: <label>", or the label alone when it already says
    "nguồn cần xác nhận" or that it is the tool's inference."""
    return label if label.startswith((UNCONFIRMED, INFERRED)) else f"nguồn: {label}"


class SourceRef(Strict):
    """The document that records a change: number and symbol, date, issuer. Without a document the change is
    shown as "nguồn cần xác nhận", so that staff can correct it."""

    document: Text | None = Field(
        default=None, description="Số, ký hiệu và loại văn bản, ví dụ 'Nghị định số 45/2025/NĐ-CP'."
    )
    date: dt.date | None = Field(default=None, description="Ngày của văn bản nguồn.")
    issuer: Text | None = Field(default=None, description="Cơ quan ban hành văn bản nguồn.")
    note: Text | None = Field(default=None, description="Giải thích ngắn (phạm vi, cách hiểu).")
    inferred: bool = Field(
        default=False, description="true khi không văn bản nào nói điều này: công cụ suy luận (ghi lý do ở 'note')."
    )

    @property
    def label(self) -> str:
        """ "Nghị định số 45/2025/NĐ-CP ngày 28/02/2025 của Chính phủ", "nguồn cần xác nhận", or the tool's
        inference with its reason."""
        if self.inferred:
            return INFERRED + (f": {self.note}" if self.note else "")
        if not self.document:
            return UNCONFIRMED + (f": {self.note}" if self.note else "")
        head = self.document + (f" ngày {self.date:%d/%m/%Y}" if self.date else "")
        head += f" của {self.issuer}" if self.issuer else ""
        return head + (f" ({self.note})" if self.note else "")


class Duty(Strict):
    """Who does what in a provision, where the text says so."""

    lead: list[Id] = Field(default_factory=list, description="Thành viên chủ trì (id thành viên).")
    partners: list[Id] = Field(default_factory=list, description="Thành viên phối hợp (id thành viên).")
    applies_to: Literal["all_members"] | None = Field(
        default=None, description="'all_members' khi quy định ràng buộc mọi thành viên."
    )
    exempt: list[Id] = Field(
        default_factory=list,
        description="Thành viên mà nhiệm vụ chung này không ràng buộc (ví dụ Trưởng Ban, cơ quan nhận báo cáo).",
    )


UNTRANSCRIBED_HELP = (
    "Đánh dấu phần văn bản chưa được chép (ghi chú nơi tìm bản gốc, ví dụ 'trang 3 bản scan'): hợp lệ, được "
    "quyche lint đếm, không bao giờ được in như nội dung văn bản."
)


class Transcribed(Duty):
    """A node of the text that may not be transcribed yet (``untranscribed``: a note saying what is missing)."""

    untranscribed: Text | None = Field(default=None, description=UNTRANSCRIBED_HELP)


def _text_or_marker(node: "Point | Clause") -> None:
    if node.text is None and node.untranscribed is None:
        raise ValueError("cần 'text' (nội dung) hoặc 'untranscribed' (phần chưa chép)")


class Paragraph(Transcribed):
    """An unnumbered paragraph (đoạn), optionally a dash item; its text is given or shared (or untranscribed)."""

    marker: Literal["-", "+"] | None = Field(
        default=None, description="Dấu đầu dòng của đoạn ('-' hoặc '+'); đoạn thường thì bỏ."
    )
    text: Text | None = Field(default=None, description="Nội dung đoạn (hoặc 'shared', hoặc 'untranscribed').")
    shared: Id | None = Field(default=None, description="Khóa của một đoạn văn dùng chung (shared_texts).")

    @model_validator(mode="after")
    def _one_text(self) -> "Paragraph":
        given = (self.text is not None) + (self.shared is not None) + (self.untranscribed is not None)
        if given != 1:
            raise ValueError("đoạn văn cần đúng một trong các trường 'text', 'shared' hoặc 'untranscribed'")
        return self


class Point(Transcribed):
    """Điểm: a lettered item of a clause."""

    num: Literal[
        "a",
        "b",
        "c",
        "d",
        "đ",
        "e",
        "g",
        "h",
        "i",
        "k",
        "l",
        "m",
        "n",
        "o",
        "p",
        "q",
        "r",
        "s",
        "t",
        "u",
        "v",
        "x",
        "y",
    ] = Field(description="Chữ cái của điểm, theo bảng chữ cái tiếng Việt.")
    text: Text | None = Field(default=None, description="Nội dung điểm (bắt buộc trừ khi 'untranscribed').")
    key_phrases: list[Text] = Field(
        default_factory=list,
        description="Cụm từ cho biết một báo cáo có đề cập điểm này (quyche check-reports --coverage).",
    )

    @model_validator(mode="after")
    def _has_text(self) -> "Point":
        _text_or_marker(self)
        return self


class Clause(Transcribed):
    """Khoản: a numbered clause, with its lead-in text, unnumbered paragraphs and points."""

    num: Annotated[int, Field(ge=0, le=999)] = Field(description="Số khoản.")
    text: Text | None = Field(default=None, description="Nội dung khoản (bắt buộc trừ khi 'untranscribed').")
    paragraphs: list[Paragraph] = Field(
        default_factory=list, description="Các đoạn không đánh số sau lời dẫn của khoản."
    )
    points: list[Point] = Field(default_factory=list, description="Các điểm a, b, c… của khoản.")

    @model_validator(mode="after")
    def _has_text(self) -> "Clause":
        _text_or_marker(self)
        return self


class Article(Transcribed):
    """Điều: heading (optional: some instruments print none), unnumbered paragraphs, clauses."""

    num: Annotated[int, Field(ge=0, le=9999)] = Field(description="Số điều.")
    heading: Text | None = Field(default=None, description="Tên điều; có văn bản không ghi tên điều.")
    paragraphs: list[Paragraph] = Field(
        default_factory=list, description="Các đoạn không đánh số của điều, trước các khoản."
    )
    clauses: list[Clause] = Field(default_factory=list, description="Các khoản của điều.")


class Chapter(Strict):
    """Chương, numbered in Roman numerals."""

    num: Annotated[str, StringConstraints(pattern=r"^[IVXLCDM]+$", max_length=20)] = Field(
        description="Số chương, chữ số La Mã (I, II…)."
    )
    heading: Text | None = Field(default=None, description="Tên chương.")
    articles: list[Article] = Field(default_factory=list, description="Các điều của chương.")


ItemNumber = Annotated[str, StringConstraints(pattern=r"^([IVXLCDM]+|[0-9]{1,3}(\.[0-9]{1,3})*|[a-zđ])$")]


class Item(Transcribed):
    """A numbered item of an attachment's list ("I.", "1.", "a)", or a dash), with its items under it; number,
    heading and text all optional (an item may be only a heading, or not transcribed yet)."""

    num: ItemNumber | None = Field(default=None, description="Số của mục: 'I', '1', '1.2' hoặc 'a'; không số thì bỏ.")
    marker: Literal["-", "+"] | None = Field(default=None, description="Gạch đầu dòng của mục không số.")
    heading: Text | None = Field(default=None, description="Đầu đề của mục.")
    text: Text | None = Field(default=None, description="Nội dung mục.")
    items: list["Item"] = Field(default_factory=list, description="Các mục con.")


class LegalBasis(Strict):
    """A căn cứ: a law is cited by name and date ("Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025"), a
    decree or decision by its number too."""

    number: Text | None = Field(default=None, description="Số, ký hiệu; luật thường được dẫn không kèm số.")
    kind: Text = Field(description="Loại văn bản căn cứ, ví dụ 'Luật', 'Nghị định', 'Quyết định'.")
    date: dt.date | None = Field(default=None, description="Ngày ban hành văn bản căn cứ.")
    issuer: Text | None = Field(default=None, description="Cơ quan ban hành văn bản căn cứ.")
    subject: Text | None = Field(default=None, description="Tên hoặc trích yếu của văn bản căn cứ.")


class Signature(Strict):
    authority: Text = Field(description="Dòng thẩm quyền ký, ví dụ 'TM. BAN CHỈ ĐẠO' hoặc 'KT. TRƯỞNG BAN'.")
    position: Text | None = Field(default=None, description="Chức vụ người ký, ví dụ 'PHÓ TRƯỞNG BAN'.")
    signer: Text | None = Field(default=None, description="Họ tên người ký.")


class CoverLetter(Strict):
    superior_body: Text = Field(description="Cơ quan chủ quản in trên dòng đầu của công văn.")
    sender: Text = Field(description="Cơ quan gửi công văn, nguyên văn.")
    sender_agency: Id | None = Field(
        default=None, description="Mã cơ quan gửi (trong agencies), để gọi đúng tên theo ngày."
    )
    number: Text = Field(description="Số và ký hiệu công văn.")
    subject: Text = Field(description="Trích yếu công văn ('V/v …').")
    place_date: Text = Field(description="Dòng địa danh, ngày tháng, nguyên văn.")
    addressee: Text = Field(description="Dòng 'Kính gửi', nguyên văn.")
    addressee_agency: Id | None = Field(default=None, description="Mã cơ quan nhận (trong agencies).")
    body: list[Text] = Field(description="Các đoạn nội dung công văn, nguyên văn.")
    recipients: list[Text] = Field(description="Nơi nhận, nguyên văn.")
    signature: Signature = Field(description="Chữ ký của công văn.")


class Appendix(Strict):
    label: Text = Field(description="Nhãn, ví dụ 'Phụ lục'.")
    title: Text = Field(description="Tên phụ lục, nguyên văn.")
    note: Text | None = Field(default=None, description="Dòng '(Kèm theo …)', nguyên văn.")


class IssuingInstrument(Strict):
    """The instrument that issues the regulation (a Quyết định), as the regulation's own heading prints it,
    with its own articles (Điều 1 ban hành kèm theo…), nơi nhận and signature when transcribed."""

    kind: Text = Field(default="Quyết định", description="Loại văn bản ban hành, ví dụ 'Quyết định'.")
    number: Text | None = Field(default=None, description="Số và ký hiệu, ví dụ '84/QĐ-BCĐ'; chưa có thì để trống.")
    issuer: Text | None = Field(default=None, description="Cơ quan ban hành; mặc định là issuing_body.")
    date: dt.date | None = Field(default=None, description="Ngày ký văn bản ban hành; chưa có thì để trống.")
    subject: Text | None = Field(default=None, description="Trích yếu, ví dụ 'Ban hành Quy chế hoạt động…'.")
    articles: list[Article] = Field(default_factory=list, description="Các điều của chính văn bản ban hành.")
    recipients: list[Text] = Field(default_factory=list, description="Nơi nhận, nguyên văn.")
    signature: Signature | None = Field(
        default=None, description="Chữ ký của văn bản ban hành: thẩm quyền, chức vụ, người ký."
    )


class Attachment(Strict):
    """A document attached to the instrument besides the regulation of ``chapters`` (Bản phân công, Phụ lục),
    with its own numbering: chapters and articles, or lists of items ("I./1./a)")."""

    id: Id = Field(description="Mã văn bản kèm theo, đứng đầu id các quy định của nó.")
    kind: Text = Field(description="Loại văn bản kèm theo, ví dụ 'Bản phân công', 'Phụ lục'.")
    title: Text | None = Field(default=None, description="Tên văn bản kèm theo.")
    note: Text | None = Field(default=None, description="Dòng '(Kèm theo Quyết định số …)', nguyên văn.")
    chapters: list[Chapter] = Field(
        default_factory=list, description="Các chương, khi văn bản kèm theo chia chương, điều."
    )
    articles: list[Article] = Field(default_factory=list, description="Các điều không thuộc chương nào.")
    items: list[Item] = Field(default_factory=list, description="Các mục liệt kê (I., 1., a), gạch đầu dòng).")


class Signing(Strict):
    """Who issues one kind of document and who signs it, under whose authority (Nghị định 30/2020/NĐ-CP,
    Điều 13): by default the committee issues and the drafter's seat signs (KT. for a deputy, TL. otherwise)."""

    kind: Text = Field(description="Loại văn bản: thong-bao, giay-moi, don-doc.")
    issuer: Id | None = Field(
        default=None, description="Id ghế có cơ quan ban hành văn bản; để trống: chính Ban (document.committee)."
    )
    signer: Id | None = Field(default=None, description="Id ghế người ký; mặc định: ghế soạn thảo (bước meeting_end).")
    authority: Literal["TM.", "KT.", "TL.", "TUQ.", "none"] | None = Field(
        default=None, description="Thẩm quyền ký; mặc định suy ra từ vai trò của ghế ký ('none': ký trực tiếp)."
    )
    position: Text | None = Field(default=None, description="Chức vụ in dưới dòng thẩm quyền, ví dụ 'Phó Trưởng ban'.")
    name: Text | None = Field(default=None, description="Họ tên người ký (--data signer được ưu tiên).")


class Document(Strict):
    title: Text = Field(description="Tên văn bản, ví dụ 'Quy chế hoạt động của Ban Chỉ đạo …'.")
    committee: Text = Field(description="Tên đầy đủ của Ban Chỉ đạo; dùng để chọn ban (--committee).")
    committee_short: Text = Field(
        description="Tên gọi tắt của Ban, ví dụ 'Ban Chỉ đạo'; in trong câu trả lời, dùng để chọn ban (--committee)."
    )
    committee_symbol: Text = Field(description="Chữ viết tắt của Ban trong số văn bản, ví dụ 'BCĐ'.")
    issuing_body: Text = Field(description="Cơ quan ban hành Quy chế, ví dụ 'Ủy ban nhân dân tỉnh Bắc Ninh'.")
    superior_body: Text | None = Field(
        default=None, description="Tên cơ quan chủ quản in trên dòng đầu (ví dụ 'UBND TỈNH BẮC NINH'); không có thì bỏ."
    )
    issuing_instrument: IssuingInstrument = Field(
        default_factory=IssuingInstrument,
        description="Văn bản ban hành Quy chế (Quyết định): số, ngày, trích yếu, các điều, nơi nhận, chữ ký.",
    )
    standing_body: Text | None = Field(
        default=None,
        description="Cách văn bản gọi cơ quan thường trực (ghế có vai trò kiểu standing_body), ví dụ 'Cơ quan thường "
        "trực Ban Chỉ đạo'; một bước báo cáo có thể ghi cách gọi riêng (recipient_label).",
    )
    deputy_title: Text | None = Field(
        default=None, description="Chức danh các cấp phó trong Nơi nhận, ví dụ 'Phó Trưởng ban'."
    )
    place: Text = Field(description="Địa danh ở dòng ngày tháng của văn bản, ví dụ 'Bắc Ninh'.")
    status: Literal["draft", "issued", "replaced", "repealed"] = Field(
        description="Tình trạng: draft (dự thảo), issued (đã ban hành), replaced (đã bị thay thế), repealed (đã bãi "
        "bỏ)."
    )
    status_note: Text | None = Field(default=None, description="Văn bản là gì: bản góp ý của ai, gửi ai, khi nào.")
    valid_from: dt.date | None = Field(default=None, description="Ngày văn bản có hiệu lực.")
    valid_to: dt.date | None = Field(default=None, description="Ngày cuối cùng văn bản còn hiệu lực.")
    replaced_by: Text | None = Field(default=None, description="Văn bản thay thế (khi status là replaced).")
    legal_basis: list[LegalBasis] = Field(
        default_factory=list, description="Các căn cứ ban hành, theo thứ tự văn bản ghi."
    )
    signing: list[Signing] = Field(
        default_factory=list, description="Cơ quan ban hành và người ký theo loại văn bản (render)."
    )
    cover_letter: CoverLetter | None = Field(
        default=None, description="Công văn gửi kèm dự thảo để lấy ý kiến, nguyên văn."
    )
    appendix: Appendix | None = Field(
        default=None, description="Phụ lục mà văn bản là một phần: nhãn, tên và dòng 'Kèm theo …'."
    )


class Transfer(Strict):
    """Part of a dissolved agency's functions that went to another agency than its main successor."""

    agency: Id = Field(description="Mã cơ quan nhận phần chức năng này.")
    scope: Text = Field(description="Phần chức năng được chuyển, ví dụ 'báo chí, xuất bản'.")
    points: list[Id] = Field(
        default_factory=list, description="Id các quy định của cơ quan cũ nay do cơ quan này thực hiện."
    )
    partial: bool = Field(
        default=False,
        description="true khi các quy định trong 'points' chỉ chuyển một phần (phần 'scope'): cơ quan kế thừa "
        "chính vẫn thực hiện phần còn lại, câu trả lời nói rõ quy định được chia.",
    )
    source: SourceRef | None = Field(default=None, description="Văn bản chuyển phần này (mặc định: nguồn kế thừa).")


class Handover(Transfer):
    """Part of an agency's functions moved to another agency while it goes on existing (to Công an tỉnh)."""

    date: dt.date = Field(description="Ngày phần nhiệm vụ được chuyển.")
    source: SourceRef = Field(description="Văn bản chuyển phần nhiệm vụ này.")


class Renaming(Strict):
    """From ``date`` the same body bears another name (and possibly another head's title, symbol, header); a
    renaming without ``abbreviation`` leaves the symbol of its documents unconfirmed."""

    date: dt.date = Field(description="Ngày cơ quan mang tên mới.")
    name: Text = Field(description="Tên mới.")
    abbreviation: Annotated[str, StringConstraints(pattern=r"^[A-ZĐ][A-ZĐ0-9&-]*$", max_length=20)] | None = Field(
        default=None, description="Ký hiệu mới; bỏ trống khi chưa xác nhận (văn bản để trống chỗ ký hiệu)."
    )
    head: Text | None = Field(default=None, description="Chức vụ mới của người đứng đầu, khi đổi.")
    formal_name: Text | None = Field(default=None, description="Tên đầy đủ mới in ở đầu văn bản.")
    superior_body: Text | None = Field(default=None, description="Cơ quan chủ quản mới in trên tên cơ quan, khi đổi.")
    source: SourceRef = Field(description="Văn bản quyết định việc đổi tên.")


AgencyKind = Literal["provincial", "central", "mass_organisation", "other"]


class Succession(Strict):
    agency: Id = Field(description="Cơ quan kế thừa chính: nhận mọi nhiệm vụ không nêu trong transfers.")
    date: dt.date = Field(description="Ngày cơ quan kế thừa nhận nhiệm vụ.")
    source: SourceRef = Field(description="Văn bản quy định việc kế thừa.")
    transfers: list[Transfer] = Field(
        default_factory=list, description="Các phần chức năng chuyển cho cơ quan khác với cơ quan kế thừa chính."
    )


# A focal point's details go into e-mail headers: one line each, no control characters.
OneLine = Annotated[str, StringConstraints(pattern=r"^[^\x00-\x1f\x7f]{1,200}$")]
Email = Annotated[str, StringConstraints(pattern=r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$", max_length=254)]
Phone = Annotated[str, StringConstraints(pattern=r"^\+?[0-9 .()-]{6,20}$")]


class Contact(Strict):
    """A focal point (đầu mối) of an agency: who reminders and đôn đốc are sent to."""

    name: OneLine = Field(description="Họ tên đầu mối.")
    email: Email | None = Field(default=None, description="E-mail nhận nhắc hạn và đôn đốc.")
    phone: Phone | None = Field(default=None, description="Số điện thoại.")
    role: OneLine | None = Field(
        default=None, description="Chức vụ hoặc việc phụ trách, ví dụ 'Chuyên viên Văn phòng'."
    )


class Agency(Strict):
    id: Id = Field(
        description="Mã cơ quan: chữ thường không dấu, số và gạch dưới; quy chế và sổ tổ chức gọi cơ quan bằng mã này."
    )
    name: Text = Field(description="Tên cơ quan như câu trả lời và văn bản gọi, ví dụ 'Sở Y tế'.")
    abbreviation: Annotated[str, StringConstraints(pattern=r"^[A-ZĐ][A-ZĐ0-9&-]*$", max_length=20)] = Field(
        description="Ký hiệu viết tắt in trong số văn bản của cơ quan, chữ hoa, ví dụ 'SYT'."
    )
    head: Text | None = Field(
        default=None, description="Chức vụ người đứng đầu, in ở chữ ký văn bản của cơ quan, ví dụ 'Giám đốc'."
    )
    aliases: list[Text] = Field(default_factory=list, description="Các cách gọi khác, để tra cứu theo tên gõ vào.")
    kind: AgencyKind = Field(
        default="provincial",
        description="provincial: cơ quan của UBND tỉnh; central: cơ quan trung ương đặt tại tỉnh (Công an, Thuế, "
        "Bảo hiểm xã hội, Ngân hàng Nhà nước); mass_organisation: tổ chức chính trị - xã hội (Đoàn).",
    )
    superior_body: Text | None = Field(
        default=None,
        description="Dòng cơ quan chủ quản trên tên cơ quan ở đầu văn bản của cơ quan này ('BỘ CÔNG AN'); "
        "mặc định: document.superior_body.",
    )
    formal_name: Text | None = Field(
        default=None, description="Tên đầy đủ in ở đầu văn bản, có tên tỉnh ('Công an tỉnh Bắc Ninh'); mặc định: name."
    )
    layout: Literal["nd30", "doan"] = Field(
        default="nd30",
        description="Thể thức văn bản: nd30 (Nghị định 30/2020) hoặc doan (Hướng dẫn 29-HD/TWĐTN-VP của Đoàn).",
    )
    symbol_unconfirmed: bool = Field(
        default=False,
        description="true khi chưa xác nhận ký hiệu viết tắt dùng trong số văn bản: văn bản để trống chỗ ký hiệu.",
    )
    source: SourceRef | None = Field(
        default=None,
        description="Văn bản thành lập hoặc xác nhận thông tin cơ quan; chưa xác nhận thì ghi lý do ở 'note' (in "
        "thành lưu ý trong mọi câu trả lời).",
    )
    renamed: list[Renaming] = Field(default_factory=list, description="Các lần đổi tên, theo thứ tự ngày.")
    handovers: list[Handover] = Field(
        default_factory=list, description="Phần nhiệm vụ chuyển sang cơ quan khác khi cơ quan này vẫn hoạt động."
    )
    valid_from: dt.date | None = Field(default=None, description="Ngày cơ quan được thành lập.")
    valid_to: dt.date | None = Field(default=None, description="Ngày cuối cùng cơ quan hoạt động.")
    successor: Succession | None = Field(
        default=None,
        description="Cơ quan kế thừa từ một ngày (hợp nhất, sáp nhập), nguồn và các phần chức năng chuyển cho cơ quan "
        "khác.",
    )
    contacts: list[Contact] = Field(
        default_factory=list, description="Đầu mối nhận nhắc hạn và đôn đốc: họ tên, e-mail, điện thoại, chức vụ."
    )

    @model_validator(mode="after")
    def _dates(self) -> "Agency":
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ValueError("valid_from phải trước hoặc bằng valid_to")
        if self.successor and self.valid_to and self.successor.date <= self.valid_to:
            raise ValueError("ngày kế thừa (successor.date) phải sau valid_to")
        return self

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class SeatChange(Strict):
    """A decision that re-composes the committee (kiện toàn): from ``date`` the seat is held by ``agency``."""

    date: dt.date = Field(description="Ngày quyết định kiện toàn có hiệu lực.")
    agency: Id | None = Field(default=None, description="Mã cơ quan nay giữ ghế; bỏ trống khi ghế không gắn cơ quan.")
    title: Text = Field(description="Chức danh mới của ghế.")
    source: SourceRef = Field(description="Quyết định kiện toàn.")


class Holder(Strict):
    """A person holding a seat for a time, as a decision names them."""

    name: Text = Field(description="Họ tên người giữ ghế.")
    valid_from: dt.date | None = Field(default=None, description="Ngày bắt đầu giữ ghế.")
    valid_to: dt.date | None = Field(default=None, description="Ngày thôi giữ ghế.")
    source: SourceRef | None = Field(default=None, description="Quyết định phân công người này.")


DutiesRef = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class Member(Strict):
    """A seat: a role in the committee (or in one of its sub-bodies, ``body``), held by an agency's head
    (``agency``), a named office (the title alone), a sub-body (a seat whose role is of kind 'body'), or the
    committee itself. A seat lives from ``valid_from`` to ``valid_to`` by the decision in ``source``; its
    holder's own life is the agency's (``agencies``), never the seat's."""

    id: Id = Field(
        description="Mã ghế: chữ thường không dấu; các quy định (lead, partners) và các bước báo cáo gọi ghế bằng mã "
        "này."
    )
    title: Text = Field(description="Chức danh của ghế như văn bản ghi, ví dụ 'Giám đốc Sở Y tế'.")
    role: Id = Field(description="Vai trò: một trong các vai trò mặc định hoặc khai báo ở 'roles'.")
    duties: DutiesRef | list[DutiesRef] | None = Field(
        default=None,
        description="Id các điều/khoản giao nhiệm vụ riêng, ví dụ art_6__para_15; chưa có thì bỏ; một quy "
        "định có thể giao cho nhiều ghế.",
    )
    agency: Id | None = Field(
        default=None,
        description="Mã cơ quan có người đứng đầu giữ ghế; ghế không gắn cơ quan (văn phòng, tiểu ban) thì bỏ.",
    )
    symbol: Annotated[str, StringConstraints(pattern=r"^[A-ZĐ][A-ZĐ0-9&-]*$", max_length=20)] | None = Field(
        default=None, description="Ký hiệu viết tắt của ghế không gắn cơ quan (ví dụ tiểu ban), để tra cứu."
    )
    body: Id | None = Field(default=None, description="Ghế của tiểu ban/tổ mà ghế này thuộc về (mặc định: Ban).")
    aliases: list[Text] = Field(default_factory=list, description="Các cách gọi khác của ghế, để tra cứu.")
    valid_from: dt.date | None = Field(default=None, description="Ngày ghế được lập (quyết định bổ sung).")
    valid_to: dt.date | None = Field(
        default=None, description="Ngày cuối cùng ghế tồn tại (quyết định bãi bỏ hoặc thay thế)."
    )
    source: SourceRef | None = Field(default=None, description="Quyết định lập, bổ sung hoặc thay thế ghế này.")
    holders: list[Holder] = Field(default_factory=list, description="Người giữ ghế theo thời gian, khi biết.")
    reassigned: list[SeatChange] = Field(
        default_factory=list,
        description="Quyết định kiện toàn giao ghế này cho cơ quan khác; chưa có thì ghế 'chờ kiện toàn'.",
    )

    @model_validator(mode="after")
    def _dates(self) -> "Member":
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ValueError("valid_from phải trước hoặc bằng valid_to")
        return self

    @property
    def duty_ids(self) -> list[str]:
        """The ids of the provisions assigning this seat's own tasks (none yet, one, or several)."""
        if self.duties is None:
            return []
        return [self.duties] if isinstance(self.duties, str) else list(self.duties)

    def seated_on(self, day: dt.date) -> bool:
        """Whether the seat exists on ``day`` (set up by then, not yet abolished)."""
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class RoleDef(Strict):
    """A role a seat can have, with the label every answer and document prints for it."""

    id: Id = Field(
        description="Mã vai trò, dùng ở members[].role; trùng mã một vai trò mặc định thì thay nhãn của vai trò đó."
    )
    label: Text = Field(description="Tên vai trò in ra, ví dụ 'Trưởng Tiểu ban', 'Tổ trưởng'.")
    kind: RoleKind = Field(
        description="head: người đứng đầu; standing_deputy/deputy: cấp phó; member: thành viên; group: nhóm "
        "thành viên gọi chung; body: tiểu ban, tổ công tác, hội đồng; standing_body: cơ quan thường trực; "
        "secretariat: thư ký, tổ giúp việc."
    )
    bound_by_common_duties: bool | None = Field(
        default=None,
        description="Nhiệm vụ chung ('all_members') có ràng buộc vai trò này không (mặc định: có, trừ body, "
        "standing_body, secretariat).",
    )

    @property
    def bound(self) -> bool:
        if self.bound_by_common_duties is not None:
            return self.bound_by_common_duties
        return self.kind not in ("body", "standing_body", "secretariat")


DEFAULT_ROLES = (
    RoleDef(id="head", label="Trưởng Ban", kind="head"),
    RoleDef(id="standing_deputy_head", label="Phó Trưởng ban Thường trực", kind="standing_deputy"),
    RoleDef(id="deputy_head", label="Phó Trưởng ban", kind="deputy"),
    RoleDef(id="member", label="Thành viên", kind="member"),
    RoleDef(id="other_members", label="Các thành viên khác", kind="group"),
    RoleDef(id="working_group", label="Tổ công tác giúp việc", kind="body", bound_by_common_duties=False),
)


class Labels(Strict):
    """Words the answers and documents print, as this regulation says them."""

    reporters: Text = Field(
        default="Các thành viên phải báo cáo", description="Cách gọi chung những ai phải gửi báo cáo định kỳ."
    )


class CalendarOverride(Strict):
    """One day as a decision made it: off, worked, a weekly rest day the holiday library counts as a holiday
    (rest_day), or a day announced but not yet made a paid holiday by law (announced: not counted unless
    ``calendar.assume_announced``)."""

    date: dt.date = Field(description="Ngày được quyết định.")
    kind: Literal["day_off", "working_day", "rest_day", "announced"] = Field(
        description="day_off: nghỉ; working_day: đi làm (làm bù); rest_day: ngày nghỉ hằng tuần mà thư viện tính là "
        "lễ; announced: đã công bố, chưa có văn bản."
    )
    name: Text = Field(description="Tên ngày, ví dụ 'Nghỉ bù Tết Dương lịch'.")
    source: Text = Field(description="Văn bản quyết định ngày này, ví dụ 'Công văn 12729/VPCP-KGVX'.")


class OfficialYear(Strict):
    """A year whose days off the Government has decided; other years are the holiday library's estimates."""

    year: Annotated[int, Field(ge=1900, le=2200)] = Field(description="Năm có quyết định chính thức.")
    source: SourceRef = Field(description="Văn bản quyết định các ngày nghỉ của năm.")
    listed: bool = Field(
        default=False,
        description="true: chỉ các ngày ghi trong calendar.overrides (mỗi ngày một nguồn) được tính cho năm này; "
        "thư viện holidays không được dùng.",
    )


class Calendar(Strict):
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] = Field(
        default="VN", description="Mã quốc gia (ISO 3166-1) của lịch nghỉ lễ."
    )
    timezone: Text = Field(default="Asia/Ho_Chi_Minh", description="Múi giờ (IANA) quyết định 'hôm nay'.")
    overrides: list[CalendarOverride] = Field(
        default_factory=list, description="Các ngày nghỉ, làm bù, hoán đổi đã có quyết định, mỗi ngày một nguồn."
    )
    official_years: list[OfficialYear] = Field(
        default_factory=list, description="Các năm đã có quyết định nghỉ lễ chính thức; năm khác được ghi là dự kiến."
    )
    assume_announced: bool = Field(
        default=False,
        description="true: tính các ngày 'announced' (đã công bố, chưa có văn bản) là ngày nghỉ.",
    )


class MeetingKind(Strict):
    id: Id = Field(description="Mã loại cuộc họp, dùng ở --meeting-kind, ví dụ 'quarterly'.")
    name: Text = Field(description="Tên loại cuộc họp, ví dụ 'Họp định kỳ hằng quý'.")
    recurrence: Literal["quarterly", "half_yearly", "yearly", "none"] = Field(
        description="Nhịp họp: quarterly, half_yearly, yearly, hoặc none (họp khi cần)."
    )


class Meetings(Strict):
    source: Text = Field(description="Id quy định về chế độ họp.")
    chair: Id = Field(description="Mã ghế chủ trì cuộc họp.")
    kinds: list[MeetingKind] = Field(description="Các loại cuộc họp.")


Anchor = Literal["period_last_month", "fixed_date", "period_end", "within_period", "meeting_end", "event", "on_request"]
Cycle = Literal["monthly", "quarterly", "half_yearly", "yearly", "every_n_days", "on_request", "after_event"]
# What each anchor needs (True) and must not have (False); other fields are free.
_ANCHOR_FIELDS: dict[str, dict[str, bool]] = {
    "period_last_month": {"day": True, "inclusive": True, "days": False, "month": False},
    "fixed_date": {"day": True, "month": True, "inclusive": True, "days": False},
    "period_end": {"days": True, "day": False, "month": False},
    "within_period": {"days": False, "day": False, "month": False},
    "meeting_end": {"days": True, "day": False, "month": False},
    "event": {"days": True, "event": True, "day": False, "month": False},
    "on_request": {"day": False, "days": False, "month": False},
}
_FIELD_HINTS = {
    "inclusive": ": ghi rõ 'inclusive: true' nếu tính cả ngày hạn ('chậm nhất ngày D') hoặc 'inclusive: false' "
    "nếu không kể ngày hạn ('trước ngày D')"
}


def _required_per_anchor(schema: dict[str, Any]) -> None:
    """State in the JSON Schema the fields each anchor needs (draft-07 if/then)."""
    schema["allOf"] = [
        {
            "if": {"properties": {"anchor": {"const": anchor}}, "required": ["anchor"]},
            "then": {"required": [name for name, needed in fields.items() if needed]},
        }
        for anchor, fields in _ANCHOR_FIELDS.items()
        if any(fields.values())
    ]


class Deadline(Strict):
    """A deadline as the text words it, with its reading stated explicitly. ``anchor`` says what it counts
    from: day ``day`` of the period's last month (``months_after`` months later: 1 is the month after the
    period), a fixed ``day``/``month`` (``years_after`` years after the period's year), ``days`` (calendar
    or working) days after the end of the period, of a meeting or of another ``event``, within the period
    itself (``within_period``: by its last day, as "báo cáo định kỳ 03 ngày/lần" reads when the text gives
    no other day), or nothing that can be computed (``on_request``: shown with its wording)."""

    model_config = ConfigDict(json_schema_extra=_required_per_anchor)

    wording: Text = Field(description="Nguyên văn câu quy định thời hạn.")
    anchor: Anchor = Field(
        description="Mốc tính hạn: period_last_month, fixed_date, period_end, within_period, meeting_end, event hoặc "
        "on_request."
    )
    day: Annotated[int, Field(ge=1, le=31)] | None = Field(
        default=None, description="Ngày trong tháng của hạn (period_last_month, fixed_date)."
    )
    month: Annotated[int, Field(ge=1, le=12)] | None = Field(default=None, description="Tháng của ngày cố định.")
    months_after: Annotated[int, Field(ge=-11, le=12)] = Field(
        default=0, description="period_last_month: số tháng sau tháng cuối kỳ (0: chính tháng cuối kỳ)."
    )
    years_after: Annotated[int, Field(ge=0, le=1)] = Field(
        default=0, description="fixed_date: 1 khi ngày cố định thuộc năm sau năm của kỳ."
    )
    days: Annotated[int, Field(ge=0, le=366)] | None = Field(
        default=None, description="Số ngày sau mốc (period_end, meeting_end, event)."
    )
    day_count: Literal["calendar", "working"] = Field(
        default="calendar", description="Cách đếm 'days': calendar (ngày lịch) hoặc working (ngày làm việc)."
    )
    event: Text | None = Field(
        default=None, description="anchor event: sự kiện tính hạn, ví dụ 'kết thúc đợt kiểm tra'."
    )
    inclusive: bool | SkipJsonSchema[None] = Field(
        default=None,
        description="Bắt buộc với hạn vào ngày D (period_last_month, fixed_date): true khi tính cả ngày D "
        "('chậm nhất ngày D'), false khi không kể ngày D ('trước ngày D').",
    )
    roll_forward: bool = Field(
        default=True, description="true: hạn rơi vào ngày nghỉ thì dời sang ngày làm việc kế tiếp."
    )
    basis: Text | None = Field(default=None, description="Căn cứ của cách tính (bắt buộc trừ khi on_request).")

    @model_validator(mode="after")
    def _well_formed(self) -> "Deadline":
        for name, needed in _ANCHOR_FIELDS[self.anchor].items():
            if needed and getattr(self, name) is None:
                raise ValueError(f"hạn kiểu '{self.anchor}' cần trường '{name}'{_FIELD_HINTS.get(name, '')}")
            if not needed and getattr(self, name) is not None:
                raise ValueError(f"hạn kiểu '{self.anchor}' không dùng trường '{name}'")
        if self.anchor != "on_request" and self.basis is None:
            raise ValueError(f"hạn kiểu '{self.anchor}' cần trường 'basis' (căn cứ của cách tính)")
        return self

    @property
    def computable(self) -> bool:
        return self.anchor != "on_request"


class ReportingStep(Strict):
    id: Id = Field(description="Mã bước, ví dụ 'member_report'.")
    actor: Id = Field(description="Id thành viên, hoặc 'reporters' cho mọi thành viên phải báo cáo.")
    recipients: list[Id] = Field(default_factory=list, description="Mã các ghế nhận.")
    recipient_label: Text | None = Field(
        default=None,
        description="Cách văn bản gọi nơi nhận của bước này, ví dụ 'Cơ quan thường trực Ban Chỉ đạo'; văn bản in kèm "
        "tên cơ quan nhận vào ngày đó (mặc định: vai trò của ghế nhận, hoặc chức danh ghế, hoặc tên cơ quan).",
    )
    approver: Id | None = Field(default=None, description="Mã ghế duyệt trước khi gửi, nếu có.")
    what: Text = Field(description="Việc phải làm, theo văn bản, ví dụ 'gửi báo cáo về Sở Y tế'.")
    source: Text = Field(description="Id quy định giao bước này.")
    deadline: Deadline | None = Field(default=None, description="Hạn của bước; văn bản không ghi hạn thì bỏ.")


class DataCutoff(Strict):
    from_day: Annotated[int, Field(ge=1, le=28)] = Field(
        description="Ngày bắt đầu kỳ số liệu, trong tháng trước tháng đầu kỳ (21: từ ngày 21)."
    )
    to_day: Annotated[int, Field(ge=1, le=28)] = Field(
        description="Ngày chốt số liệu, trong tháng cuối kỳ (20: đến hết ngày 20)."
    )
    source: Text = Field(description="Id quy định về kỳ số liệu.")


class Stream(Strict):
    """One reporting obligation: its cycle and its chain of steps (who reports, to whom, what, by when)."""

    id: Id = Field(description="Mã luồng báo cáo, dùng ở --stream.")
    name: Text = Field(description="Tên luồng báo cáo, ví dụ 'Báo cáo định kỳ hằng quý'.")
    cycle: Cycle = Field(
        description="Chu kỳ: monthly, quarterly, half_yearly, yearly, every_n_days, on_request (khi được yêu cầu) hoặc "
        "after_event (sau một sự kiện)."
    )
    every_days: Annotated[int, Field(ge=1, le=366)] | None = Field(
        default=None, description="every_n_days: độ dài mỗi kỳ (ngày)."
    )
    starts: dt.date | None = Field(
        default=None,
        description="every_n_days: ngày đầu của kỳ đầu tiên (mặc định: ngày văn bản có hiệu lực, valid_from, "
        "hoặc ngày của văn bản ban hành).",
    )
    source: Text | None = Field(default=None, description="Id quy định của luồng (mặc định: reporting.source).")
    reporters: list[Id] | None = Field(
        default=None, description="Thành viên phải báo cáo trong luồng này (mặc định: reporting.reporters)."
    )
    data_cutoff: DataCutoff | None = Field(
        default=None, description="Kỳ số liệu của luồng, khi văn bản quy định (mặc định: reporting.data_cutoff)."
    )
    steps: list[ReportingStep] = Field(description="Các bước của luồng theo thứ tự: ai làm, gửi ai, việc gì, hạn nào.")

    @model_validator(mode="after")
    def _well_formed(self) -> "Stream":
        if (self.cycle == "every_n_days") != (self.every_days is not None and self.starts is not None):
            raise ValueError(
                "chu kỳ every_n_days cần 'every_days' và ngày bắt đầu ('starts', mặc định là document.valid_from "
                "hoặc ngày của văn bản ban hành); các chu kỳ khác không dùng hai trường này"
            )
        periodic = self.cycle not in ("on_request", "after_event")
        for step in self.steps:
            anchor = step.deadline.anchor if step.deadline else None
            if not periodic and anchor in ("period_last_month", "fixed_date", "period_end", "within_period"):
                raise ValueError(f"bước '{step.id}': luồng không theo kỳ ({self.cycle}) không có hạn tính theo kỳ")
            if anchor == "fixed_date" and self.cycle != "yearly":
                raise ValueError(f"bước '{step.id}': hạn vào ngày cố định (fixed_date) chỉ dùng cho chu kỳ yearly")
        return self


class Reporting(Strict):
    source: Text = Field(description="Id quy định về chế độ báo cáo.")
    subject: Text | None = Field(
        default=None, description="Lĩnh vực của báo cáo, in ở tên báo cáo, ví dụ 'chuyển đổi số'."
    )
    reporters: list[Id] = Field(description="Mã các ghế phải gửi báo cáo định kỳ.")
    data_cutoff: DataCutoff | None = Field(default=None, description="Kỳ số liệu của báo cáo, khi văn bản quy định.")
    signed_reports: bool = Field(
        default=False,
        description="Báo cáo phải được ký số: check-reports ghi chú mỗi báo cáo PDF không có chữ ký số.",
    )
    streams: list[Stream] = Field(description="Các luồng báo cáo: mỗi luồng một chu kỳ và một chuỗi bước.")

    @model_validator(mode="before")
    @classmethod
    def _steps_belong_to_a_stream(cls, data: Any) -> Any:
        if isinstance(data, dict) and "steps" in data and "streams" not in data:
            raise ValueError(
                "các bước báo cáo nay nằm trong từng luồng: chuyển 'steps' vào 'streams' "
                "(mỗi luồng có id, name, cycle và steps; xem docs/tep-quy-che.md, mục Luồng báo cáo)"
            )
        return data

    @property
    def steps(self) -> list[ReportingStep]:
        """Every step of every stream."""
        return [step for stream in self.streams for step in stream.steps]


class AcceptedFinding(Strict):
    code: LintCode = Field(description="Mã phát hiện của quyche lint (xem danh mục trong docs/tep-quy-che.md).")
    ref: Text = Field(description="Id của quy định mà phát hiện nói tới.")
    reason: Text = Field(description="Lý do chấp nhận.")


class LintSettings(Strict):
    accepted: list[AcceptedFinding] = Field(
        default_factory=list,
        description="Các phát hiện đã xem xét và chấp nhận (không làm --strict thất bại), mỗi phát hiện một lý do.",
    )


class RenamedPhrase(Strict):
    """A body the text names that bears another name from an event's date (a ministry merged in 2025)."""

    old: Text = Field(description="Tên như văn bản viết, ví dụ 'Bộ Giao thông vận tải'.")
    now: Text = Field(description="Tình trạng hiện nay, ví dụ 'nay là Bộ Xây dựng'.")


class Event(Strict):
    """A change of the organisation or territory that the text does not reflect (a province merger)."""

    id: Id = Field(description="Mã sự kiện.")
    date: dt.date = Field(description="Ngày thay đổi có hiệu lực.")
    summary: Text = Field(description="Tóm tắt thay đổi, in trong lưu ý.")
    source: SourceRef = Field(description="Văn bản quyết định thay đổi.")
    agencies: list[Id] = Field(default_factory=list, description="Cơ quan chịu ảnh hưởng (thêm lưu ý khi tra cứu).")
    outdates_text: bool = Field(default=False, description="Từ ngày này văn bản không còn khớp với tổ chức bộ máy.")
    outdated_phrases: list[Text] = Field(
        default_factory=list, description="Quy định chứa các cụm từ này không còn áp dụng từ ngày này ('cấp huyện')."
    )
    renamed_phrases: list[RenamedPhrase] = Field(
        default_factory=list,
        description="Tên cơ quan trong văn bản đã đổi từ ngày này; văn bản trích dẫn giữ nguyên và ghi chú tên mới.",
    )


class Regulation(Strict):
    """The whole rules file."""

    schema_version: Literal[1] = Field(description="Phiên bản định dạng tệp; hiện chỉ có 1.")
    document: Document = Field(
        description="Thông tin văn bản: tên, Ban Chỉ đạo, cơ quan ban hành, tình trạng, hiệu lực, căn cứ."
    )
    agencies: list[Agency] = Field(
        default_factory=list,
        description="Các cơ quan quy chế nhắc tới, qua thời gian (tên, ký hiệu, kế thừa, nguồn); trong thư mục làm "
        "việc, ghi ở sổ tổ chức to-chuc.yaml.",
    )
    roles: list[RoleDef] = Field(
        default_factory=list,
        description="Vai trò và nhãn của chúng; một vai trò trùng id vai trò mặc định (head, member…) thay nhãn.",
    )
    labels: Labels = Field(
        default_factory=Labels, description="Các từ mà câu trả lời và văn bản in ra theo cách quy chế này gọi."
    )
    members: list[Member] = Field(
        description="Các ghế của Ban Chỉ đạo (và của tiểu ban, tổ công tác): chức danh, vai trò, cơ quan, nhiệm vụ."
    )
    calendar: Calendar = Field(
        default_factory=Calendar,
        description="Lịch làm việc để tính hạn: quốc gia, múi giờ, ngày nghỉ và ngày làm bù đã quyết định; trong thư "
        "mục làm việc, ghi ở sổ tổ chức.",
    )
    meetings: Meetings | None = Field(default=None, description="Chế độ họp: ghế chủ trì và các loại cuộc họp.")
    reporting: Reporting | None = Field(
        default=None, description="Chế độ báo cáo: ai báo cáo, kỳ số liệu, các luồng báo cáo và hạn của từng bước."
    )
    events: list[Event] = Field(
        default_factory=list,
        description="Thay đổi tổ chức bộ máy, địa giới mà văn bản chưa phản ánh (sáp nhập tỉnh, bỏ cấp huyện), kèm "
        "nguồn.",
    )
    lint: LintSettings = Field(
        default_factory=LintSettings,
        description="Thiết lập của quyche lint: các phát hiện đã được chấp nhận, kèm lý do.",
    )
    shared_texts: dict[Id, Text] = Field(
        default_factory=dict,
        description="Đoạn văn dùng chung, theo khóa: đoạn lặp nguyên văn ở nhiều chỗ được ghi một lần, gọi bằng "
        "'shared'.",
    )
    chapters: list[Chapter] = Field(description="Toàn văn Quy chế: các chương, mỗi chương các điều.")
    attachments: list[Attachment] = Field(
        default_factory=list, description="Các văn bản kèm theo khác (Bản phân công, Phụ lục), sau Quy chế."
    )

    @model_validator(mode="before")
    @classmethod
    def _cycles_start_with_the_instrument(cls, data: Any) -> Any:
        """An N-day cycle without ``starts`` starts the day the regulation takes effect (``valid_from``, else
        the instrument's date), as the text reads when it gives no other day."""
        try:
            doc = data["document"]
            start = doc.get("valid_from") or (doc.get("issuing_instrument") or {}).get("date")
            streams = data["reporting"]["streams"]
        except (KeyError, TypeError, AttributeError):
            return data
        if start is None or not isinstance(streams, list):
            return data
        filled = [
            {**s, "starts": start}
            if isinstance(s, dict) and s.get("cycle") == "every_n_days" and "starts" not in s
            else s
            for s in streams
        ]
        if filled == streams:
            return data
        return {**data, "reporting": {**data["reporting"], "streams": filled}}

    def role(self, ident: str) -> RoleDef | None:
        """The role ``ident`` as declared in the file, else the default one of that id."""
        return next((r for r in self.roles if r.id == ident), None) or next(
            (r for r in DEFAULT_ROLES if r.id == ident), None
        )


class Registry(Strict):
    """A province's registry (``to-chuc.yaml`` of a workspace): the facts that belong to the province, not to
    one regulation. Every regulation of the workspace refers to these agencies by id and counts deadlines on
    this calendar; the events apply to every regulation."""

    schema_version: Literal[1] = Field(description="Phiên bản định dạng sổ; hiện chỉ có 1.")
    province: Text | None = Field(default=None, description="Tên tỉnh, thành phố của các cơ quan trong sổ.")
    agencies: list[Agency] = Field(
        default_factory=list, description="Mọi cơ quan của tỉnh qua thời gian: tên, ký hiệu, kế thừa, nguồn."
    )
    calendar: Calendar = Field(
        default_factory=Calendar, description="Lịch làm việc của tỉnh, chung cho mọi quy chế của thư mục."
    )
    events: list[Event] = Field(
        default_factory=list,
        description="Sự kiện tổ chức bộ máy, địa giới của tỉnh, áp dụng cho mọi quy chế của thư mục.",
    )
