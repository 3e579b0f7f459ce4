"""Checking a rules file: YAML, then the schema (pydantic), then integrity across the file.

Schema errors do not hide the rest: the items that break the schema are set aside (the innermost list item,
or the field) and the references of everything else are still checked, in the same run."""

from __future__ import annotations

import copy
import gc
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from quyche_cli import text as vt
from quyche_cli.characters import HIDDEN, escape
from quyche_cli.errors import os_reason
from quyche_cli.rules.index import Rules
from quyche_cli.rules.locate import choose
from quyche_cli.rules.model import DEFAULT_ROLES, Deadline, Registry, Regulation, ReportingStep, Stream, Transfer
from quyche_cli.rules.names import name_index
from quyche_cli.rules.problems import Problem, RulesFileError, Severity
from quyche_cli.rules.source import Path_, Source
from quyche_cli.rules.workspace import REGISTRY_FILE, Assembled, Workspace, assemble
from quyche_cli.rules.yamlsource import load_file

_MESSAGES = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường không được phép (gõ sai tên trường?)",
    "string_type": "phải là một chuỗi văn bản",
    "string_too_short": "không được để trống",
    "string_too_long": "quá dài",
    "string_pattern_mismatch": "không đúng dạng",
    "int_type": "phải là một số nguyên",
    "int_parsing": "phải là một số nguyên",
    "int_from_float": "phải là một số nguyên",
    "bool_type": "phải là true hoặc false",
    "bool_parsing": "phải là true hoặc false",
    "date_type": "phải là một ngày dạng YYYY-MM-DD",
    "date_parsing": "phải là một ngày dạng YYYY-MM-DD",
    "date_from_datetime_parsing": "phải là một ngày dạng YYYY-MM-DD",
    "date_from_datetime_inexact": "phải là một ngày (không kèm giờ)",
    "list_type": "phải là một danh sách",
    "dict_type": "phải là một bảng (mapping) các trường",
    "model_type": "phải là một bảng (mapping) các trường",
    "model_attributes_type": "phải là một bảng (mapping) các trường",
    "literal_error": "phải là một trong các giá trị",
    "greater_than_equal": "quá nhỏ",
    "less_than_equal": "quá lớn",
}


def _legal_path(data: Any, loc: Iterable[str | int]) -> str | None:
    """ "Điều 6 › khoản 15 › điểm c" for a location inside the text tree of raw (unvalidated) data."""
    labels = {"articles": "Điều", "clauses": "khoản", "points": "điểm"}
    parts: list[str] = []
    node, previous = data, None
    for item in loc:
        if isinstance(item, int) and isinstance(node, list) and 0 <= item < len(node):
            node = node[item]
            num = node.get("num", "?") if isinstance(node, dict) else "?"
            if previous in labels:
                parts.append(f"{labels[str(previous)]} {num}")
            elif previous == "paragraphs":
                parts.append(f"đoạn {item + 1}")
        elif isinstance(item, str) and isinstance(node, dict):
            node = node.get(item)
        else:
            break
        previous = item
    return " › ".join(parts) or None


def _message(err: Any) -> str:
    """One pydantic error in Vietnamese, prefixed with the dotted field path."""
    field = ".".join(str(p) for p in err["loc"]) or "(gốc)"
    kind = err["type"]
    if kind == "value_error":
        return f"{field}: {str(err['msg']).removeprefix('Value error, ')}"
    if kind in ("literal_error", "enum"):
        shown = err.get("input")
        got = f" (đang là {shown!r})" if isinstance(shown, str | int) else ""
        expected = str(err.get("ctx", {}).get("expected", "")).replace(" or ", " hoặc ")
        return f"{field}: {_MESSAGES['literal_error']} {expected}{got}"
    if kind in _MESSAGES:
        shown = err.get("input")
        if isinstance(shown, str) and len(shown) > 60:
            shown = shown[:57] + "…"
        got = f" (đang là {shown!r})" if isinstance(shown, str | int | float) and kind != "missing" else ""
        return f"{field}: {_MESSAGES[kind]}{got}"
    return f"{field}: giá trị không hợp lệ ({err['msg']})"


def describe_validation_error(error: ValidationError) -> list[str]:
    """Every error of a pydantic validation, in Vietnamese."""
    return [_message(err) for err in error.errors(include_url=False)]


def schema_problems(source: Source, error: ValidationError) -> list[Problem]:
    problems = []
    for err in error.errors(include_url=False):
        loc = tuple(err["loc"])
        file, line, column = source.where(loc)
        problems.append(
            Problem(f"schema-{err['type']}", _message(err), file, line, column, _legal_path(source.data, loc))
        )
    return problems


class _Checker:
    """Integrity checks on a validated model: references resolve, ids and names are unique."""

    def __init__(self, rules: Rules, source: Source | None, set_aside: _SetAside | None = None) -> None:
        self.rules = rules
        self.source = source
        self.problems: list[Problem] = []
        self.set_aside = set_aside or _SetAside()

    def add(self, code: str, message: str, path: Path_, ref: str | None = None, severity: Severity = "error") -> None:
        file, line, column = self.source.where(path) if self.source else (None, None, None)
        self.problems.append(Problem(code, message, file, line, column, ref, severity=severity))

    def unique(self, what: str, ids: list[str], path: Path_) -> None:
        for ident, count in Counter(ids).items():
            if count > 1:
                self.add(
                    "duplicate-id",
                    f"Id '{ident}' của {what} bị lặp {count} lần; mỗi id phải là duy nhất.",
                    (*path, ids.index(ident), "id"),
                )

    def ref(self, value: str | None, known: Iterable[str], what: str, path: Path_, ref: str | None = None) -> None:
        if value is None or value in known or value in self.set_aside.ids:
            return
        if known is self.rules.by_id and self.set_aside.text:
            return  # it may name a provision set aside for its schema errors
        self.add("unknown-ref", f"'{value}' không phải là {what} đã khai báo.", path, ref)

    def run(self) -> list[Problem]:
        model, rules = self.rules.model, self.rules
        self.unique("cơ quan", [a.id for a in model.agencies], ("agencies",))
        self.unique("thành viên", [m.id for m in model.members], ("members",))
        members, agencies, provisions = rules.members, rules.agencies, rules.by_id
        self.unique("vai trò", [r.id for r in model.roles], ("roles",))
        for i, member in enumerate(model.members):
            self._seat(i, member.id)
        for i, agency in enumerate(model.agencies):
            own = {p.id for m in rules.members_of(agency.id) for node in rules.duties_nodes(m) for p in node.walk()}
            moves: list[tuple[Path_, list[Transfer]]] = [(("agencies", i, "handovers"), list(agency.handovers))]
            if agency.successor:
                path: Path_ = ("agencies", i, "successor")
                self.ref(agency.successor.agency, agencies, "cơ quan", (*path, "agency"))
                if agency.successor.agency == agency.id:
                    self.add("successor-self", "Cơ quan không thể kế thừa chính nó.", (*path, "agency"))
                moves.append(((*path, "transfers"), list(agency.successor.transfers)))
            # A registry's transfer may name provisions of another regulation of the workspace.
            borrowed = self.source is not None and self.source.where(("agencies", i))[0] != self.source.file
            for path, transfers in moves:
                for j, transfer in enumerate(transfers):
                    self.ref(transfer.agency, agencies, "cơ quan", (*path, j, "agency"))
                    for k, point in enumerate([] if borrowed else transfer.points):
                        where: Path_ = (*path, j, "points", k)
                        self.ref(point, provisions, "id quy định", where)
                        if point in provisions and point not in own:
                            self.add(
                                "transfer-not-own",
                                f"'{point}' không thuộc nhiệm vụ của {agency.name}: "
                                "chỉ chuyển được nhiệm vụ của chính cơ quan này.",
                                where,
                            )
        for provision in rules.provisions:
            duty = provision.duty
            if duty is None:
                continue
            for field in ("lead", "partners", "exempt"):
                for j, value in enumerate(getattr(duty, field)):
                    self.ref(value, members, "thành viên", (*provision.path, field, j), provision.legal_path)
            shared = getattr(provision.node, "shared", None)
            self.ref(
                shared, model.shared_texts, "khóa trong shared_texts", (*provision.path, "shared"), provision.legal_path
            )
        self._cover_letter()
        self._rules_of_procedure()
        self._names()
        for i, accepted in enumerate(model.lint.accepted):
            self.ref(accepted.ref, provisions, "id quy định", ("lint", "accepted", i, "ref"))
        for i, event in enumerate(model.events):
            for j, agency_id in enumerate(event.agencies):
                self.ref(agency_id, agencies, "cơ quan", ("events", i, "agencies", j))
        self.unique("sự kiện", [e.id for e in model.events], ("events",))
        years = [y.year for y in model.calendar.official_years]
        self.repeated("duplicate-year", years, ("calendar", "official_years"), "year", "Năm {} được ghi nhiều lần.")
        dates = [f"{o.date:%d/%m/%Y}" for o in model.calendar.overrides]
        message = "Ngày {} được ghi nhiều lần trong overrides."
        self.repeated("duplicate-date", dates, ("calendar", "overrides"), "date", message)
        if self.source is not None:
            self._hidden_characters(self.source.data, ())
        return self.problems

    def _hidden_characters(self, value: Any, path: Path_) -> None:
        """A warning for every text holding a control character or one that acts or hides (a bidirectional
        control, a zero-width or tag character): invisible in an editor, it breaks documents and outputs."""
        if isinstance(value, str):
            found = dict.fromkeys(HIDDEN.findall(value))
            if found:
                shown = ", ".join(escape(char) for char in found)
                self.add(
                    "control-character",
                    f"Văn bản có ký tự điều khiển hoặc ký tự ẩn ({shown}): không nhìn thấy trong trình soạn thảo, "
                    "làm sai văn bản in ra. Hãy xóa các ký tự này.",
                    path,
                    severity="warning",
                )
        elif isinstance(value, dict):
            for key, item in value.items():
                self._hidden_characters(key, (*path, key))
                self._hidden_characters(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self._hidden_characters(item, (*path, index))

    def repeated(self, code: str, values: list[Any], path: Path_, field: str, message: str) -> None:
        """A problem at each item of the list at ``path`` whose ``field`` value appears more than once."""
        counts = Counter(values)
        for i, value in enumerate(values):
            if counts[value] > 1:
                self.add(code, message.format(value), (*path, i, field))

    def _seat(self, i: int, member_id: str) -> None:
        """A seat's references: its agency, role, body and duties."""
        rules = self.rules
        member = rules.members[member_id]
        where: Path_ = ("members", i)
        self.ref(member.agency, rules.agencies, "cơ quan", (*where, "agency"))
        for j, change in enumerate(member.reassigned):
            self.ref(change.agency, rules.agencies, "cơ quan", (*where, "reassigned", j, "agency"))
        duties = member.duty_ids
        for j, ident in enumerate(duties):
            path = (*where, "duties", j) if isinstance(member.duties, list) else (*where, "duties")
            self.ref(ident, rules.by_id, "id điều/khoản (ví dụ art_6__para_15)", path)
        if rules.model.role(member.role) is None:
            known = ", ".join(r.id for r in (*rules.model.roles, *DEFAULT_ROLES))
            self.add(
                "unknown-ref",
                f"Vai trò '{member.role}' chưa được khai báo ở 'roles' (đã có: {known}).",
                (*where, "role"),
            )
        if member.body is not None:
            body = rules.members.get(member.body)
            if body is None:
                self.ref(member.body, rules.members, "ghế (tiểu ban, tổ)", (*where, "body"))
            elif body.id == member.id or (role := rules.model.role(body.role)) is None or role.kind != "body":
                self.add(
                    "not-a-body",
                    f"'{member.body}' không phải ghế của một tiểu ban/tổ (vai trò loại 'body').",
                    (*where, "body"),
                )
            elif member.id in _bodies_above(rules, body.id):
                self.add("body-cycle", f"Ghế '{member.id}' nằm trong chính nó qua 'body' (vòng lặp).", (*where, "body"))

    def _cover_letter(self) -> None:
        letter = self.rules.model.document.cover_letter
        if letter:
            path: Path_ = ("document", "cover_letter")
            self.ref(letter.sender_agency, self.rules.agencies, "cơ quan", (*path, "sender_agency"))
            self.ref(letter.addressee_agency, self.rules.agencies, "cơ quan", (*path, "addressee_agency"))

    def _rules_of_procedure(self) -> None:
        model, members, provisions = self.rules.model, self.rules.members, self.rules.by_id
        if model.meetings:
            self.ref(model.meetings.source, provisions, "id quy định", ("meetings", "source"))
            self.ref(model.meetings.chair, members, "thành viên", ("meetings", "chair"))
            self.unique("loại phiên họp", [k.id for k in model.meetings.kinds], ("meetings", "kinds"))
        if model.reporting:
            reporting = model.reporting
            self.ref(reporting.source, provisions, "id quy định", ("reporting", "source"))
            for j, reporter in enumerate(reporting.reporters):
                self.ref(reporter, members, "thành viên", ("reporting", "reporters", j))
            self.unique("luồng báo cáo", [s.id for s in reporting.streams], ("reporting", "streams"))
            step_ids = [step.id for step in reporting.steps]
            for i, stream in enumerate(reporting.streams):
                where: Path_ = ("reporting", "streams", i)
                self.ref(stream.source, provisions, "id quy định", (*where, "source"))
                for j, reporter in enumerate(stream.reporters or []):
                    self.ref(reporter, members, "thành viên", (*where, "reporters", j))
                for j, step in enumerate(stream.steps):
                    self._step(step, stream, (*where, "steps", j), step_ids.count(step.id) > 1)

    def _step(self, step: ReportingStep, stream: Stream, path: Path_, repeated: bool) -> None:
        members, provisions = self.rules.members, self.rules.by_id
        if repeated:
            self.add("duplicate-id", f"Id '{step.id}' của bước báo cáo bị lặp; mỗi id phải là duy nhất.", (*path, "id"))
        self.ref(step.actor, [*members, "reporters"], "thành viên (hoặc 'reporters')", (*path, "actor"))
        for k, recipient in enumerate(step.recipients):
            self.ref(recipient, members, "thành viên", (*path, "recipients", k))
        self.ref(step.approver, members, "thành viên", (*path, "approver"))
        self.ref(step.source, provisions, "id quy định", (*path, "source"))
        if step.deadline:
            for message in wording_mismatches(step.deadline, stream.cycle, stream.every_days):
                self.add(
                    "deadline-wording",
                    f"Thời hạn không khớp câu chữ '{step.deadline.wording}': {message}.",
                    (*path, "deadline", "wording"),
                )

    def _names(self) -> None:
        index = name_index(self.rules)
        for key, first, second in index.collisions:
            file, line, _ = self.source.where(first.path) if self.source else (None, None, None)
            where = f"dòng {line}" if file == (self.source.file if self.source else None) else f"{file}:{line}"
            self.add(
                "name-collision",
                f"Tên '{second.name}' (khóa '{key}') trùng với '{first.name}' của "
                f"{first.owner.split(':')[1]} ({where}): một tên không được chỉ hai thành viên.",
                second.path,
            )


def _bodies_above(rules: Rules, body_id: str) -> list[str]:
    """The sub-bodies ``body_id`` sits in, innermost first, stopping at a repeat."""
    found: list[str] = []
    member = rules.members.get(body_id)
    while member is not None and member.id not in found:
        found.append(member.id)
        member = rules.members.get(member.body or "")
    return found


_DAY_OF_MONTH = re.compile(r"\bngai (?P<d>[0-9]{1,2})(?: (?:thang )?(?P<m>[0-9]{1,2})\b)?")
_LATEST_ON = re.compile(r"\b(?:cham nhat|den het)(?: la| vao| trong)* ngai [0-9]{1,2}\b")
_DAY_COUNT = re.compile(r"\b(?P<n>[0-9]{1,3}) ngai(?P<working> lam viec)?\b(?! (?:mot )?lan\b)")
_EVERY_N_DAYS = re.compile(r"\b(?P<n>[0-9]{1,3}) ngai (?:mot )?lan\b")
_CYCLE_WORDS = {"hang thang": "monthly", "cuoi qui": "quarterly", "hang qui": "quarterly", "hang nam": "yearly"}
_CYCLE_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}


def wording_mismatches(deadline: Deadline, cycle: str, every_days: int | None = None) -> list[str]:
    """Where a deadline's fields contradict its own wording: the day of the month, the month, whether that
    day counts ("chậm nhất ngày 20" with ``inclusive: false``), the count of (working) days, the cycle
    ("hằng tháng" in a quarterly stream; "03 ngày/lần" is the length of an N-day cycle, never a deadline's
    count of days)."""
    words = " " + vt.fold(deadline.wording) + " "
    found = []
    for match in _EVERY_N_DAYS.finditer(words):
        n = int(match.group("n"))
        if cycle != "every_n_days" or every_days != n:
            has = f"every_n_days, every_days: {every_days}" if cycle == "every_n_days" else cycle
            found.append(f"câu chữ ghi chu kỳ {match.group('n')} ngày một lần nhưng chu kỳ của luồng là {has}")
    for phrase, meant in _CYCLE_WORDS.items():
        if f" {phrase} " in words and cycle != meant:
            found.append(f"câu chữ ghi '{phrase}' nhưng chu kỳ của luồng là {cycle}")
    if deadline.anchor in ("period_last_month", "fixed_date"):
        dates = [(int(m.group("d")), m.group("m")) for m in _DAY_OF_MONTH.finditer(words)]
        if dates and deadline.day not in [d for d, _ in dates]:
            found.append(f"câu chữ ghi ngày {dates[0][0]} nhưng 'day' là {deadline.day}")
        months = {int(m) for _, m in dates if m}
        if months and not months & _deadline_months(deadline, cycle):
            found.append(f"câu chữ ghi tháng {min(months)}, không phải tháng của hạn theo các trường")
        if not deadline.inclusive and _LATEST_ON.search(words):
            found.append("câu chữ 'chậm nhất'/'đến hết' tính cả ngày hạn nhưng 'inclusive' là false")
    elif deadline.days is not None:
        counts = list(_DAY_COUNT.finditer(words))
        if counts and deadline.days not in [int(m.group("n")) for m in counts]:
            found.append(f"câu chữ ghi {counts[0].group('n')} ngày nhưng 'days' là {deadline.days}")
        working = any(m.group("working") for m in counts)
        if counts and working != (deadline.day_count == "working"):
            said = "ngày làm việc" if working else "ngày (theo lịch)"
            found.append(f"câu chữ tính theo {said} nhưng 'day_count' là {deadline.day_count}")
    return found


def _deadline_months(deadline: Deadline, cycle: str) -> set[int]:
    """The months a day-of-month deadline can fall in over a year of ``cycle``."""
    if deadline.anchor == "fixed_date":
        return {deadline.month or 0}
    step = _CYCLE_MONTHS.get(cycle, 1)
    return {(last - 1 + deadline.months_after) % 12 + 1 for last in range(step, 13, step)}


class _SetAside:
    """What was taken out of a file with schema errors: raw ids and keys, and whether text was."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.text = False


MAX_SETTING_ASIDE_ROUNDS = 20


def _without_schema_errors(source: Source, error: ValidationError) -> tuple[Rules, _SetAside] | None:
    """The rules of ``source`` with every item that breaks the schema set aside (the innermost list item
    holding the error, else the field; a missing field takes its parent), or None when a required part of
    the file would have to go."""
    data, removed, aside = copy.deepcopy(source.data), [], _SetAside()
    for _ in range(MAX_SETTING_ASIDE_ROUNDS):
        targets = set()
        for err in error.errors(include_url=False):
            loc = tuple(err["loc"])[: -1 if err["type"] == "missing" else None]
            items = [i for i, part in enumerate(loc) if isinstance(part, int)]
            target = loc[: items[-1] + 1] if items else loc
            if not target:  # the whole file, or a part every file must have
                return None
            targets.add(target)
        for target in sorted(targets, key=lambda t: (len(t), t[-1] if isinstance(t[-1], int) else -1), reverse=True):
            container = _at(data, target[:-1])
            if _has(container, target[-1]):
                item = container.pop(target[-1])
                raw_id = item.get("id") if isinstance(item, dict) else None
                aside.ids.update(str(x) for x in (raw_id, target[-1]) if isinstance(x, str))
                aside.text = aside.text or target[0] == "chapters"
                removed.append(target)
        try:
            model = Regulation.model_validate(data)
        except ValidationError as again:
            error = again
            continue
        positions = {}
        for path, where in source.positions.items():
            moved = _after_removals(path, removed)
            if moved is not None:
                positions[moved] = where
        return Rules(model, Source(source.file, data, positions, source.sha256, source.files)), aside
    return None


def _at(data: Any, path: Path_) -> Any:
    for part in path:
        if not _has(data, part):
            return None
        data = data[part]
    return data


def _has(container: Any, key: str | int) -> bool:
    if isinstance(container, list):
        return isinstance(key, int) and 0 <= key < len(container)
    return isinstance(container, dict) and key in container


def _after_removals(path: Path_, removed: list[Path_]) -> Path_ | None:
    """Where ``path`` of the original data is once the items in ``removed`` are gone (None: gone with them)."""
    for target in removed:
        head, last = target[:-1], target[-1]
        if path[: len(target)] == target:
            return None
        if isinstance(last, int) and path[: len(head)] == head and len(path) > len(head):
            index = path[len(head)]
            if isinstance(index, int) and index > last:
                path = (*head, index - 1, *path[len(head) + 1 :])
    return path


def check_source(source: Source) -> tuple[Rules | None, list[Problem]]:
    """Validate loaded data; return the rules (when the schema holds) and every problem found, the broken
    references of a file with schema errors included."""
    try:
        model = Regulation.model_validate(source.data)
    except ValidationError as error:
        problems = schema_problems(source, error)
        rest = _without_schema_errors(source, error)
        if rest is not None:
            rules, aside = rest
            problems += _Checker(rules, rules.source, aside).run()
        return None, problems
    rules = Rules(model, source)
    return rules, _Checker(rules, source).run()


@contextmanager
def _without_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building a large acyclic tree: it halves load time on big
    files (each collection rescans every object built so far)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def validate_file(path: Path) -> tuple[Rules | None, list[Problem]]:
    """Every problem of the file at ``path``; OSError when it cannot be read at all."""
    with _without_gc():
        source, problems = load_file(path)
        if source is None or problems:
            return None, problems
        return check_source(source)


def validate_assembled(registry: Source, path: Path) -> tuple[Rules | None, list[Problem], Assembled]:
    """Every problem of the regulation at ``path`` read in the workspace of ``registry`` (its own agencies
    matched to the registry's); OSError when it cannot be read at all."""
    with _without_gc():
        source, problems = load_file(path)
        if source is None or problems:
            return None, problems, Assembled(Source(str(path), None), [], {})
        assembled = assemble(registry, source)
        rules, found = check_source(assembled.source)
        return rules, assembled.problems + found, assembled


def check_registry(source: Source) -> tuple[Registry | None, list[Problem]]:
    """A registry (when its schema holds) and what is wrong in it on its own: its schema, repeated ids,
    references to unknown agencies."""
    try:
        registry = Registry.model_validate(source.data)
    except ValidationError as error:
        return None, schema_problems(source, error)
    problems: list[Problem] = []

    def add(code: str, message: str, path: Path_) -> None:
        file, line, column = source.where(path)
        problems.append(Problem(code, message, file, line, column))

    ids = [a.id for a in registry.agencies]
    for ident, count in Counter(ids).items():
        if count > 1:
            add(
                "duplicate-id",
                f"Id '{ident}' của cơ quan bị lặp {count} lần; mỗi id phải là duy nhất.",
                ("agencies", ids.index(ident), "id"),
            )
    known = set(ids)
    refs: list[tuple[str | None, Path_]] = []
    for i, agency in enumerate(registry.agencies):
        refs += [(t.agency, ("agencies", i, "handovers", j, "agency")) for j, t in enumerate(agency.handovers)]
        if agency.successor:
            refs.append((agency.successor.agency, ("agencies", i, "successor", "agency")))
            refs += [
                (t.agency, ("agencies", i, "successor", "transfers", j, "agency"))
                for j, t in enumerate(agency.successor.transfers)
            ]
    for i, event in enumerate(registry.events):
        refs += [(a, ("events", i, "agencies", j)) for j, a in enumerate(event.agencies)]
    for value, path in refs:
        if value is not None and value not in known:
            add("unknown-ref", f"'{value}' không phải là cơ quan đã khai báo.", path)
    return registry, problems


def load_rules(path: Path, registry: Path | None = None) -> Rules:
    """A valid rules file (read in the workspace of ``registry``, when given), or RulesFileError with its
    problems."""
    try:
        if registry is None:
            rules, problems = validate_file(path)
        else:
            rules, problems = _assembled(registry, path)
    except OSError as exc:
        raise RulesFileError(f"Không đọc được tệp quy chế '{path}': {os_reason(exc)}.") from exc
    errors = [p for p in problems if p.severity == "error"]
    if rules is None or errors:
        raise RulesFileError(
            f"Tệp quy chế '{path}' không hợp lệ ({len(errors)} lỗi). Chạy 'quyche validate {path}' để xem chi tiết.",
            errors,
        )
    return rules


@dataclass
class FileCheck:
    """The outcome of validating one file: its rules (when the schema holds) and every problem."""

    path: Path
    rules: Rules | None
    problems: list[Problem]
    registry: Registry | None = None  # the workspace's registry, when this file is it


@dataclass
class ValidationReport:
    """What ``quyche validate`` found in one or more files."""

    files: list[FileCheck]

    @property
    def problems(self) -> list[Problem]:
        return [p for f in self.files for p in f.problems]

    @property
    def valid(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "files": [str(f.path) for f in self.files],
            "problems": [p.as_dict() for p in self.problems],
        }


def _assembled(registry: Path, path: Path) -> tuple[Rules | None, list[Problem]]:
    """The regulation at ``path`` read with the registry at ``registry``; a registry that is not one (its YAML
    or its schema broken) is reported first, as the reason."""
    source, problems = load_file(registry)
    if source is None or problems:
        return None, problems
    schema = [p for p in check_registry(source)[1] if p.code.startswith("schema-")]
    if schema:
        return None, schema
    rules, found, _ = validate_assembled(source, path)
    return rules, found


def check_workspace(workspace: Workspace) -> ValidationReport:
    """Every problem of a workspace: its registry, each regulation read with it, an agency a regulation names
    that the registry lacks, two regulations that disagree on an agency the registry lacks. A problem of the
    registry is reported once, not once per regulation."""
    try:
        registry, problems = load_file(workspace.registry)
    except OSError as exc:
        raise RulesFileError(f"Không đọc được '{workspace.registry}': {os_reason(exc)}.") from None
    model = None
    if registry is not None and not problems:
        model, problems = check_registry(registry)
    checks = [FileCheck(workspace.registry, None, problems, model if not problems else None)]
    if registry is None or any(p.code.startswith("schema-") for p in problems):
        return ValidationReport(checks)
    seen = set(problems)
    declared: dict[str, tuple[Any, Path]] = {}
    provisions: set[str] = set()
    for path in workspace.regulations:
        try:
            rules, found, assembled = validate_assembled(registry, path)
        except OSError as exc:
            raise RulesFileError(f"Không đọc được '{path}': {os_reason(exc)}.") from None
        fresh = [p for p in found if p not in seen]
        seen.update(found)
        for ident, (data, line) in assembled.extra.items():
            first = declared.setdefault(ident, (data, path))
            if first[0] != data:
                fresh.append(
                    Problem(
                        "regulations-disagree",
                        f"Cơ quan '{ident}' được khai báo khác nhau ở '{first[1].name}' và tệp này; hãy ghi một lần "
                        f"trong {REGISTRY_FILE}.",
                        str(path),
                        line,
                        severity="warning",
                    )
                )
        checks.append(FileCheck(path, rules, fresh))
        provisions.update(rules.by_id if rules else ())
    if model is not None:
        checks[0].problems.extend(_unknown_transfer_points(model, registry, provisions))
    return ValidationReport(checks)


def _unknown_transfer_points(registry: Registry, source: Source, provisions: set[str]) -> list[Problem]:
    """The provisions a registry's transfers and handovers name that no regulation of the workspace has."""
    found = []
    for i, agency in enumerate(registry.agencies):
        moves: list[tuple[Path_, list[Transfer]]] = [(("agencies", i, "handovers"), list(agency.handovers))]
        if agency.successor:
            moves.append((("agencies", i, "successor", "transfers"), agency.successor.transfers))
        for where, transfers in moves:
            for j, transfer in enumerate(transfers):
                for k, point in enumerate(transfer.points):
                    if point not in provisions:
                        line, column = source.position((*where, j, "points", k))
                        message = f"'{point}' không phải id quy định của quy chế nào trong thư mục làm việc."
                        found.append(Problem("unknown-ref", message, source.file, line, column))
    return found


def validate_paths(paths: list[Path | None]) -> ValidationReport:
    """Validate each file (``None``: what the commands read, a whole workspace included; a folder: the
    workspace it holds), a file of a workspace with its registry; RulesFileError when one cannot be read."""
    checks = []
    for given in paths:
        if given is not None and given.is_dir():
            if not (given / REGISTRY_FILE).is_file():
                raise RulesFileError(
                    f"'{given}' là một thư mục nhưng không có {REGISTRY_FILE}: không phải thư mục làm việc. Tạo bằng "
                    f"'quyche init {given}'."
                )
            checks += check_workspace(Workspace(given)).files
            continue
        choice = choose(given)
        if choice.file is None:
            assert choice.workspace is not None
            checks += check_workspace(choice.workspace).files
            continue
        try:
            if choice.workspace is None:
                rules, problems = validate_file(choice.file)
            else:
                rules, problems = _assembled(choice.workspace.registry, choice.file)
        except OSError as exc:
            raise RulesFileError(f"Không đọc được '{given}': {os_reason(exc)}.") from None
        checks.append(FileCheck(choice.file, rules, problems))
    return ValidationReport(checks)
