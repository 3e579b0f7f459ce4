"""An amended copy of the bundled rules file, made by editing its YAML text as a drafter would."""

from __future__ import annotations

from pathlib import Path

from support import RULES_FILE

# Điều 5 numbers its clauses 2, 3, 5, 5: the amendment numbers them 1, 2, 3, 4 (and the seats follow).
RENUMBER = [
    ("    - num: 2\n      text: 'Phó Trưởng ban Thường trực", "    - num: 1\n      text: 'Phó Trưởng ban Thường trực"),
    ("    - num: 3\n      text: 'Phó Trưởng ban phụ trách", "    - num: 2\n      text: 'Phó Trưởng ban phụ trách"),
    ("    - num: 5\n      text: Giám đốc Sở Thông tin", "    - num: 3\n      text: Giám đốc Sở Thông tin"),
    ("    - num: 5\n      text: Giám đốc Công an tỉnh", "    - num: 4\n      text: Giám đốc Công an tỉnh"),
    ("duties: art_5__para_2\n", "duties: art_5__para_1\n"),
    ("duties: art_5__para_3\n", "duties: art_5__para_2\n"),
    ("duties: art_5__para_5\n", "duties: art_5__para_3\n"),
    ("duties: art_5__para_5_2", "duties: art_5__para_4"),
]
CHANGED_POINT = (
    "text: Tập huấn, bồi dưỡng nâng cao kỹ năng số, kỹ năng sử dụng các nền tảng số cho cán bộ viên chức ngành y tế.",
    "text: Tổ chức tập huấn, bồi dưỡng nâng cao kỹ năng số, kỹ năng sử dụng các nền tảng số cho cán bộ, công chức, "
    "viên chức ngành y tế.",
)
# Điểm d khoản 3 Điều 6 goes; điểm e becomes d.
REMOVED_POINT = (
    "      - num: d\n        text: Triển khai kết nối Cơ sở dữ liệu đăng kiểm phương tiện (Bộ Giao thông vận tải).\n"
    "      - num: e\n",
    "      - num: d\n",
)
ADDED_POINT = (
    "        lead: [syt]\n      - num: d\n        text: Thực hiện các nhiệm vụ khác do Trưởng Ban Chỉ đạo phân công.\n"
    "    - num: 16",
    "        lead: [syt]\n      - num: d\n        text: Thực hiện các nhiệm vụ khác do Trưởng Ban Chỉ đạo phân công.\n"
    "      - num: đ\n        text: Chủ trì triển khai bệnh án điện tử tại các bệnh viện trên địa bàn tỉnh.\n"
    "        lead: [syt]\n    - num: 16",
)
# Trung tâm hành chính công merges into the Văn phòng UBND tỉnh on 01/07/2025.
CENTRE = "    aliases: [Trung tâm Phục vụ hành chính công, Trung tâm hành chính công]\n"
MERGED_AGENCY = (
    CENTRE,
    CENTRE + "    valid_to: 2025-06-30\n"
    "    successor:\n      agency: vpubnd\n      date: 2025-07-01\n"
    "      source: {document: Quyết định số 77/QĐ-UBND, date: 2025-06-20, issuer: UBND tỉnh}\n",
)
MOVED_DEADLINE = [
    ("wording: Định kỳ trước ngày 25", "wording: Định kỳ trước ngày 20"),
    ("day: 25\n", "day: 20\n"),
    ("text: Định kỳ trước ngày 25 của tháng cuối Quý,", "text: Định kỳ trước ngày 20 của tháng cuối Quý,"),
]


def amended_text(text: str | None = None) -> str:
    """The bundled file with every amendment above applied (each must apply exactly once)."""
    text = text if text is not None else RULES_FILE.read_text(encoding="utf-8")
    for old, new in [*RENUMBER, CHANGED_POINT, REMOVED_POINT, ADDED_POINT, MERGED_AGENCY, *MOVED_DEADLINE]:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def write_amended(folder: Path, name: str = "quyche-moi.yaml") -> Path:
    path = folder / name
    path.write_text(amended_text(), encoding="utf-8")
    return path
