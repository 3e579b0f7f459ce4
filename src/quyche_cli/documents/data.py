"""What each kind of document needs from the user (``--data``), as models with a complete example."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Person(Input):
    name: str = Field(max_length=200)
    title: str = Field(max_length=300)


class Meeting(Input):
    kind: str = "quarterly"
    date: dt.date
    time: str | None = Field(default=None, max_length=100)
    place: str = Field(max_length=500)


class Signed(Input):
    """Number and date of the signed document; left blank in ``--draft``."""

    number: str | None = Field(default=None, max_length=20)
    date: dt.date | None = None
    signer: str | None = Field(default=None, max_length=200)


class Conclusion(Input):
    text: str = Field(max_length=20_000)
    assignee: str | None = Field(default=None, max_length=300)
    deadline: dt.date | None = None


class ThongBao(Signed):
    meeting: Meeting
    chair: Person
    attendees: list[str]
    conclusions: list[Conclusion]


class GiayMoi(Signed):
    meeting: Meeting
    chair: Person
    agenda: list[str]
    members: list[str] | None = None
    contact: str | None = Field(default=None, max_length=500)


class BaoCao(Signed):
    pass


class DonDoc(Signed):
    new_deadline: dt.date | None = None


class QuyChe(Input):
    decision_number: str | None = Field(default=None, max_length=40)
    decision_date: dt.date | None = None


EXAMPLES: dict[str, dict[str, Any]] = {
    "thong-bao": {
        "number": "07",
        "date": "2024-09-30",
        "signer": "Nguyễn Văn A",
        "meeting": {"kind": "quarterly", "date": "2024-09-26", "time": "14 giờ 00", "place": "Hội trường UBND tỉnh"},
        "chair": {"name": "Nguyễn Văn B", "title": "Phó Chủ tịch UBND tỉnh, Phó Trưởng ban Thường trực"},
        "attendees": ["các thành viên Ban Chỉ đạo", "đại diện Văn phòng UBND tỉnh"],
        "conclusions": [
            {
                "text": "Đẩy nhanh liên thông dữ liệu Sổ Sức khỏe điện tử.",
                "assignee": "Sở Y tế",
                "deadline": "2024-12-15",
            },
            {
                "text": "Hoàn thiện báo cáo chỉ số DTI năm 2024.",
                "assignee": "Sở Thông tin và Truyền thông",
                "deadline": "2024-12-20",
            },
            {"text": "Các thành viên gửi báo cáo đúng hạn theo Điều 10 của Quy chế."},
        ],
    },
    "giay-moi": {
        "number": "12",
        "date": "2024-09-20",
        "signer": "Nguyễn Văn A",
        "meeting": {"kind": "quarterly", "date": "2024-09-26", "time": "14 giờ 00", "place": "Hội trường UBND tỉnh"},
        "chair": {"name": "Nguyễn Văn B", "title": "Phó Chủ tịch UBND tỉnh"},
        "agenda": ["Đánh giá kết quả chuyển đổi số quý III năm 2024", "Nhiệm vụ trọng tâm quý IV năm 2024"],
        "contact": "Phòng Công nghệ thông tin, Sở Thông tin và Truyền thông",
    },
    "bao-cao": {"number": "215", "date": "2024-09-20", "signer": "Trần Văn C"},
    "don-doc": {"number": "15", "date": "2024-09-27", "signer": "Nguyễn Văn A", "new_deadline": "2024-10-02"},
    "quy-che": {"decision_number": None, "decision_date": None},
}
