"""Safe YAML loading that keeps the line and column of every value.

PyYAML's loaders lose positions and keep the last of two duplicate keys silently; this module composes
the node graph with the C parser when available, builds plain Python data from it, and records where
every mapping key and sequence item came from. Duplicate keys, tags outside YAML's core schema, alias
bombs (too many expansions, or too much text expanded), cycles, deep nesting, bad UTF-8 and empty files are
reported as problems, never raised; syntax errors are said in Vietnamese (:mod:`.yamlerrors`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import yaml

from quyche_cli.rules.problems import Problem
from quyche_cli.rules.source import MAX_BYTES, Path_, Source

MAX_DEPTH = 100
MAX_ALIAS_EXPANSION = 100_000
# Text (characters of scalars, one per node) that aliases may add to the file: a 20 KB paragraph may be
# repeated 50 times, not 5,000 times (100 MB for every command to read).
MAX_ALIAS_VOLUME = 2**20

_CORE_TAGS = {
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}

try:
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Loader = yaml.SafeLoader


class _Stop(Exception):
    """Ends a walk that cannot go on (cycle, bomb, depth)."""


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.constructor = yaml.constructor.SafeConstructor()
        self.seen: set[int] = set()
        self.expanded = 0
        self.volume = 0
        self.aliased = 0  # > 0 while building the value of an alias

    def problem(self, node: yaml.Node, code: str, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(code, message, self.file, mark.line + 1, mark.column + 1))

    def build(self, node: yaml.Node, path: Path_, stack: tuple[int, ...]) -> Any:
        if id(node) in stack:
            self.problem(node, "yaml-cycle", "Tham chiếu (alias) vòng tròn: nút chứa chính nó.")
            raise _Stop
        if len(stack) > MAX_DEPTH:
            self.problem(node, "yaml-depth", f"Lồng nhau quá {MAX_DEPTH} cấp.")
            raise _Stop
        alias = id(node) in self.seen
        if alias:
            self.expanded += 1
            if self.expanded > MAX_ALIAS_EXPANSION:
                self.problem(
                    node,
                    "yaml-alias-bomb",
                    "Quá nhiều tham chiếu (alias) được mở rộng: tệp có thể là một 'alias bomb'.",
                )
                raise _Stop
        else:
            self.seen.add(id(node))
        if alias or self.aliased:
            self.volume += 1 + (len(node.value) if isinstance(node, yaml.ScalarNode) else 0)
            if self.volume > MAX_ALIAS_VOLUME:
                self.problem(
                    node,
                    "yaml-alias-bomb",
                    f"Giá trị được neo (&) ở đây bị tham chiếu (*) lặp lại quá nhiều: phần mở rộng vượt "
                    f"{MAX_ALIAS_VOLUME // 2**20} MiB văn bản. Hãy ghi đoạn dùng chung một lần (shared_texts) "
                    "thay vì lặp tham chiếu.",
                )
                raise _Stop
        self.aliased += alias
        value = self._build(node, path, stack)
        self.aliased -= alias
        return value

    def _build(self, node: yaml.Node, path: Path_, stack: tuple[int, ...]) -> Any:
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _CORE_TAGS:
            self.problem(node, "yaml-tag", f"Thẻ YAML '{node.tag}' không được phép; hãy bỏ thẻ và ghi giá trị thường.")
            return None
        stack = (*stack, id(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, stack)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), stack) for i, item in enumerate(node.value)]
        try:
            return self.constructor.construct_object(node)
        except (ValueError, yaml.YAMLError) as exc:  # e.g. the timestamp 2024-13-14
            self.problem(node, "yaml-value", f"Giá trị '{node.value}' không đọc được ({exc}).")
            return None

    def _mapping(self, node: yaml.MappingNode, path: Path_, stack: tuple[int, ...]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(key_node, "yaml-merge", "Khóa gộp '<<' không được hỗ trợ; hãy ghi đầy đủ các trường.")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, "yaml-key", "Khóa phải là một chuỗi đơn giản.")
                continue
            key = str(key_node.value)
            if key in result:
                first = self.positions.get(path + (key,), (0, 0))[0]
                self.problem(
                    key_node,
                    "yaml-duplicate-key",
                    f"Khóa '{key}' bị lặp (đã có ở dòng {first}); YAML sẽ lặng lẽ bỏ giá trị trước, "
                    "hãy xóa một trong hai.",
                )
                continue
            result[key] = self.build(value_node, (*path, key), stack)
            self.positions[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return result


def parse_text(text: str, file: str) -> tuple[Source | None, list[Problem]]:
    """Parse YAML text; return the data with positions, or None and the problems found."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        from quyche_cli.rules.yamlerrors import syntax_problem

        return None, [syntax_problem(exc, file, text)]
    finally:
        loader.dispose()
    if node is None:
        return None, [Problem("empty", "Tệp rỗng: không có dữ liệu YAML nào.", file, 1, 1)]
    builder = _Builder(file)
    try:
        data = builder.build(node, (), ())
    except _Stop:
        return None, builder.problems
    return Source(file, data, builder.positions), builder.problems


def load_file(path: Path) -> tuple[Source | None, list[Problem]]:
    """Read and parse a YAML file. Missing files and folders raise OSError for the caller to report."""
    file = str(path)
    with path.open("rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        return None, [Problem("too-large", f"Tệp lớn hơn {MAX_BYTES // 2**20} MiB.", file)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(
                "encoding",
                "Tệp không phải UTF-8 (có thể là bảng mã cũ như TCVN3/VNI hoặc Windows-1258): "
                "hãy lưu lại tệp với bảng mã UTF-8.",
                file,
                line,
                column,
            )
        ]
    if not text.strip():
        return None, [Problem("empty", "Tệp rỗng: không có dữ liệu YAML nào.", file, 1, 1)]
    source, problems = parse_text(text, file)
    if source is not None:
        source.sha256 = hashlib.sha256(raw).hexdigest()
    return source, problems
