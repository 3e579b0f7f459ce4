"""Making a workspace: splitting a single rules file into the province's registry and one regulation
(``quyche migrate``, ``quyche init``), or a registry that teaches its format (``quyche init --empty``).

A file is split as text, top-level key by top-level key, so that its comments and layout stay where they were;
the result is read back and must give the very same regulation, or nothing is returned.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from quyche_cli.rules.problems import RulesFileError
from quyche_cli.rules.workspace import PROVINCE_KEYS, REGISTRY_FILE

REGISTRY_HEAD = """\
# Sổ tổ chức của tỉnh (to-chuc.yaml): những gì thuộc về tỉnh chứ không riêng một quy chế — mọi cơ quan qua
# thời gian (tên, ký hiệu, kế thừa, chuyển giao, nguồn), lịch làm việc và các sự kiện tổ chức bộ máy.
# Mọi tệp quy chế (.yaml) trong thư mục này gọi cơ quan theo id ghi ở đây. Kiểm tra: quyche validate
"""

EMPTY_REGISTRY = (
    REGISTRY_HEAD
    + """\
#
# Cách ghi (xóa dấu # ở đầu dòng để dùng; mỗi sự kiện tổ chức ghi nguồn, chưa rõ nguồn thì ghi note):
schema_version: 1
# province: Tỉnh Hòa Sơn
agencies: []
# agencies:
#   - id: syt                          # chữ thường không dấu; các quy chế gọi cơ quan bằng id này
#     name: Sở Y tế
#     abbreviation: SYT                # ký hiệu viết hoa, in trong số văn bản
#     head: Giám đốc                   # chức vụ người đứng đầu, in ở chữ ký
#     aliases: [Sở Y tế tỉnh]          # các cách gọi khác
#   - id: stttt
#     name: Sở Thông tin và Truyền thông
#     abbreviation: STTTT
#     valid_to: 2025-02-28             # ngày cuối cùng cơ quan hoạt động
#     successor:                       # cơ quan kế thừa, từ ngày date
#       agency: skhcn
#       date: 2025-03-01
#       source: {document: Nghị định số 45/2025/NĐ-CP, date: 2025-02-28, issuer: Chính phủ}
#       transfers:                     # phần chức năng chuyển cho cơ quan khác
#         - {agency: svhttdl, scope: "báo chí, xuất bản"}
calendar:
  country: VN
  timezone: Asia/Ho_Chi_Minh           # múi giờ quyết định "hôm nay"
  overrides: []                        # ngày nghỉ, ngày làm bù Chính phủ đã quyết định
  # overrides:
  #   - {date: 2026-01-02, kind: day_off, name: Nghỉ bù Tết Dương lịch, source: Công văn 12729/VPCP-KGVX}
  #   - {date: 2026-01-10, kind: working_day, name: Làm bù, source: Công văn 12729/VPCP-KGVX}
  official_years: []                   # các năm đã có quyết định nghỉ lễ chính thức
  # official_years:
  #   - {year: 2026, source: {document: Công văn 12729/VPCP-KGVX, date: 2025-12-25}}
events: []
# events:                              # thay đổi tổ chức mà văn bản quy chế chưa phản ánh
#   - id: province_merger_2025
#     date: 2025-07-01
#     summary: chính quyền địa phương hai cấp, không còn cấp huyện
#     source: {document: Nghị quyết số 202/2025/QH15, date: 2025-06-12, issuer: Quốc hội}
#     outdates_text: true
#     outdated_phrases: [cấp huyện]
"""
)


def with_schemas(files: dict[str, str]) -> dict[str, str]:
    """The files of a new workspace with the JSON Schemas of the registry and of the rules file written beside
    them (``to-chuc.schema.json``, ``quyche.schema.json``), and the registry's first line pointing an editor
    (yaml-language-server) to its schema: every such line quyche writes names a file that is there."""
    from quyche_cli.rules.schema import json_schema_text, schema_file

    registry = f"# yaml-language-server: $schema={schema_file(registry=True)}\n" + files[REGISTRY_FILE]
    return {
        **files,
        REGISTRY_FILE: registry,
        schema_file(registry=True): json_schema_text(registry=True),
        schema_file(): json_schema_text(),
    }


@dataclass(frozen=True)
class Split:
    """A single rules file as a workspace: the registry's text and the regulation's text (its file name)."""

    registry: str
    regulation: str
    name: str

    def files(self) -> dict[str, str]:
        return {REGISTRY_FILE: self.registry, self.name: self.regulation}


def split(path: Path) -> Split:
    """``path`` (a valid schema-1 rules file) as a registry (its agencies, calendar and events) and a regulation
    (the rest), which read together give the same regulation; RulesFileError when it cannot be split."""
    from quyche_cli.rules.validation import load_rules
    from quyche_cli.rules.yamlsource import load_file

    if path.name == REGISTRY_FILE:
        raise RulesFileError(f"'{path}' là sổ tổ chức, không phải tệp quy chế để tách.")
    original = load_rules(path)
    source, _ = load_file(path)
    assert source is not None and isinstance(source.data, dict)
    text = path.read_bytes().decode("utf-8-sig")
    lines = text.splitlines(keepends=True)
    starts = sorted((source.positions[(key,)][0], key) for key in source.data)
    bounds = [_block_start(lines, line) for line, _ in starts] + [len(lines)]
    if len(set(bounds)) != len(bounds):  # several keys on one line (flow style): no text to keep
        raise RulesFileError(f"'{path}' ghi nhiều khóa trên một dòng: hãy viết mỗi khóa chính trên một dòng riêng.")
    head = "".join(lines[: bounds[0]])
    ranges = zip(starts, bounds[:-1], bounds[1:], strict=True)
    blocks = {key: _ended("".join(lines[begin:end])) for (_, key), begin, end in ranges}
    registry = REGISTRY_HEAD + f"# Tách từ '{path.name}' bằng quyche migrate.\nschema_version: 1\n"
    registry += "".join(blocks[key] for key in PROVINCE_KEYS if key in blocks)
    regulation = head + "".join(block for key, block in blocks.items() if key not in PROVINCE_KEYS)
    result = Split(registry, regulation, path.name)
    if _read_back(result) != original.model:
        raise RulesFileError(f"Không tách được '{path}' mà giữ nguyên nội dung; hãy báo lỗi kèm tệp này.")
    return result


def _ended(block: str) -> str:
    return block if block.endswith("\n") else block + "\n"


def _block_start(lines: list[str], line: int) -> int:
    """The index of the first line of a top-level key's block: the key's line, with the comments just above."""
    index = line - 1
    while index > 0 and lines[index - 1].startswith("#"):
        index -= 1
    return index


def _read_back(result: Split) -> object:
    """The regulation the split files give when read together."""
    from quyche_cli.rules.model import Regulation
    from quyche_cli.rules.workspace import assemble
    from quyche_cli.rules.yamlsource import parse_text

    registry, _ = parse_text(result.registry, REGISTRY_FILE)
    regulation, _ = parse_text(result.regulation, result.name)
    if registry is None or regulation is None:
        return None
    return Regulation.model_validate(assemble(registry, regulation).source.data)
