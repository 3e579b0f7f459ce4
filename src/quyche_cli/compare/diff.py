"""What changed between two versions of a rules file: provisions, organisation, and the deadlines' dates."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel

from quyche_cli.compare.provisions import Change, changes, match
from quyche_cli.errors import InputError
from quyche_cli.rules.index import Provision, Rules
from quyche_cli.rules.model import Agency, Duty, Member, Regulation, Succession
from quyche_cli.schedule.deadlines import Obligation, plan
from quyche_cli.schedule.periods import Period

D = TypeVar("D", Agency, Member)
MARKS = {"lead": "chủ trì", "partners": "phối hợp", "applies_to": "áp dụng cho", "exempt": "không áp dụng cho"}
ROLES_VI = {
    "head": "Trưởng ban",
    "standing_deputy_head": "Phó Trưởng ban Thường trực",
    "deputy_head": "Phó Trưởng ban",
    "member": "thành viên",
    "other_members": "các thành viên khác",
    "working_group": "tổ công tác",
}


def _role(rules: Rules, role: str) -> str:
    """A role as the diff names it: the file's own label when it declares the role, else the default's."""
    declared = next((r.label for r in rules.model.roles if r.id == role), None)
    return declared or ROLES_VI.get(role) or role


@dataclass(frozen=True)
class Version:
    """One side of the comparison: where it was read from ("main:quyche.yaml" for a git revision), the rules,
    and the file's path in the working tree (for annotations)."""

    file: str
    rules: Rules
    path: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"file": self.file, "title": self.rules.model.document.title}


@dataclass(frozen=True)
class OrgChange:
    """A change of a member, seat, agency, succession or lead/partner mark, said in one sentence."""

    subject: str  # member, seat, agency, succession, marks
    id: str
    message: str
    path: tuple[str | int, ...] = ()  # where it is in the new file (for annotations)


@dataclass(frozen=True)
class DeadlineChange:
    """A deadline whose date moves (or that appears or goes) in one period."""

    step: str
    what: str
    period: str
    old: dt.date | None
    new: dt.date | None
    message: str


@dataclass(frozen=True)
class FieldChange:
    """A value that differs where the comparisons above do not look (a document's status, a reporting step's
    text, ``lint.accepted``, events, meetings, the calendar…), named by its place in the file."""

    place: str  # reporting.streams[0].steps[1].what
    old: Any  # as JSON; None when absent
    new: Any
    path: tuple[str | int, ...] = ()  # where it is in the new file (for annotations)

    @property
    def message(self) -> str:
        return f"{self.place}: {_value(self.old)} → {_value(self.new)}"


@dataclass
class RulesDiff:
    old: Version
    new: Version
    changes: list[Change]
    organisation: list[OrgChange]
    deadlines: list[DeadlineChange]
    pairs: dict[Provision, Provision] = field(default_factory=dict)
    fields: list[FieldChange] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # how the provisions were paired, when not every pair was

    @property
    def changed(self) -> bool:
        return bool(self.changes or self.organisation or self.deadlines or self.fields)

    def as_dict(self) -> dict[str, Any]:
        return {
            "old": self.old.as_dict(),
            "new": self.new.as_dict(),
            "changes": [c.as_dict() for c in self.changes],
            "organisation": [{k: v for k, v in asdict(o).items() if k != "path"} for o in self.organisation],
            "deadlines": [asdict(d) for d in self.deadlines],
            "fields": [{"place": f.place, "old": f.old, "new": f.new, "message": f.message} for f in self.fields],
            "notices": self.notices,
        }


def _names(rules: Rules, ids: list[str]) -> str:
    return ", ".join(rules.members[i].title if i in rules.members else i for i in ids) or "(không)"


def _marks(old: Rules, new: Rules, pairs: dict[Provision, Provision]) -> list[OrgChange]:
    """Lead, partner, applies-to and exempt marks that differ on a provision present in both versions."""
    found = []
    for o, n in pairs.items():
        if not isinstance(o.node, Duty) or not isinstance(n.node, Duty):
            continue
        for name, label in MARKS.items():
            before, after = getattr(o.node, name), getattr(n.node, name)
            if before != after:
                shown = (
                    (_names(old, before), _names(new, after))
                    if name != "applies_to"
                    else (before or "(không)", after or "(không)")
                )
                found.append(OrgChange("marks", n.id, f"{n.citation}: {label}: {shown[0]} → {shown[1]}", n.path))
    return found


def _succession(succession: Succession | None, rules: Rules) -> str:
    if succession is None:
        return "(không)"
    heir = rules.agencies.get(succession.agency)
    transfers = "".join(f"; {t.scope} → {t.agency}" for t in succession.transfers)
    return f"{heir.name if heir else succession.agency} từ {succession.date:%d/%m/%Y}{transfers}"


YamlPath = tuple[str | int, ...]


def _shown(value: object) -> str:
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return str(value) if value else "(không)"


def _agency(old: Agency, new: Agency, rules: tuple[Rules, Rules], path: YamlPath) -> list[OrgChange]:
    found = []
    for name, label in (
        ("name", "tên"),
        ("abbreviation", "ký hiệu"),
        ("valid_from", "từ ngày"),
        ("valid_to", "đến ngày"),
    ):
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            found.append(OrgChange("agency", new.id, f"{new.name}: {label}: {_shown(before)} → {_shown(after)}", path))
    if old.successor != new.successor:
        heirs = f"{_succession(old.successor, rules[0])} → {_succession(new.successor, rules[1])}"
        found.append(OrgChange("succession", new.id, f"{new.name}: kế thừa: {heirs}", (*path, "successor")))
    return found


def _member(
    old: Member, new: Member, files: tuple[Rules, Rules], pairs_by_id: dict[str, str], path: YamlPath
) -> list[OrgChange]:
    found = []
    for name, label in (("title", "chức danh"), ("role", "vai trò"), ("agency", "cơ quan"), ("duties", "nhiệm vụ tại")):
        before, after = getattr(old, name), getattr(new, name)
        if name == "duties":
            before, after = ", ".join(old.duty_ids) or None, ", ".join(new.duty_ids) or None
            if [pairs_by_id.get(i) for i in old.duty_ids] == new.duty_ids and old.duty_ids:
                continue  # the provisions were renumbered: the seat follows them
        if name == "role":
            before, after = _role(files[0], before), _role(files[1], after)
        if before != after:
            found.append(OrgChange("member", new.id, f"{new.title}: {label}: {_shown(before)} → {_shown(after)}", path))
    for change in new.reassigned:
        if change not in old.reassigned:
            seat = f"từ {change.date:%d/%m/%Y} ghế giao cho {change.title} ({change.source.label})"
            found.append(OrgChange("seat", new.id, f"{old.title}: {seat}.", path))
    for change in old.reassigned:
        if change not in new.reassigned:
            found.append(OrgChange("seat", new.id, f"{old.title}: bỏ kiện toàn ngày {change.date:%d/%m/%Y}.", path))
    return found


def _entries(
    subject: str,
    section: str,
    olds: dict[str, D],
    news: dict[str, D],
    describe: Callable[[D], str],
    changed: Callable[[D, D, YamlPath], list[OrgChange]],
) -> list[OrgChange]:
    """Entries of a list keyed by id (``section`` of the YAML file): added, removed, or changed field by field."""
    index = {key: i for i, key in enumerate(news)}
    found: list[OrgChange] = []
    for key in [*olds, *(k for k in news if k not in olds)]:
        old, new = olds.get(key), news.get(key)
        if old is None:
            found.append(OrgChange(subject, key, f"Thêm {describe(news[key])}.", (section, index[key])))
        elif new is None:
            found.append(OrgChange(subject, key, f"Bỏ {describe(old)}."))
        else:
            found += changed(old, new, (section, index[key]))
    return found


def organisation_changes(old: Rules, new: Rules, pairs: dict[Provision, Provision]) -> list[OrgChange]:
    """Members and seats, agencies and successions, lead/partner marks that differ."""
    pairs_by_id = {o.id: n.id for o, n in pairs.items()}
    return [
        *_entries(
            "agency",
            "agencies",
            old.agencies,
            new.agencies,
            lambda a: f"cơ quan {a.name} ({a.abbreviation})",
            lambda o, n, path: _agency(o, n, (old, new), path),
        ),
        *_entries(
            "member",
            "members",
            old.members,
            new.members,
            lambda m: f"thành viên {m.title} ({_role(new if m is new.members.get(m.id) else old, m.role)})",
            lambda o, n, path: _member(o, n, (old, new), pairs_by_id, path),
        ),
        *_marks(old, new, pairs),
    ]


def deadline_changes(old: Rules, new: Rules, year: int) -> list[DeadlineChange]:
    """The deadlines of ``year``'s periods, in every reporting stream, whose date differs, as ``quyche
    deadlines`` computes them (a deadline counted from a meeting: for a meeting ending on the period's last day)."""

    def dated(rules: Rules, period: Period) -> dict[tuple[str | None, str], Obligation]:
        try:
            return {(o.stream, o.step): o for o in plan(rules, [period], meeting_end=period.end).obligations}
        except InputError:  # this version has no stream with such periods
            return {}

    periods = {p.label: p for rules in (old, new) for p in plan(rules, year=year).periods}
    found = []
    for period in sorted(periods.values(), key=lambda p: (p.end, p.start)):
        before, after = dated(old, period), dated(new, period)
        for key in [*before, *(k for k in after if k not in before)]:
            b, a = before.get(key), after.get(key)
            old_day, new_day = b.date if b else None, a.date if a else None
            if old_day != new_day:
                either = a or b
                assert either is not None
                shown = [f"{d:%d/%m/%Y}" if d else "(không có)" for d in (old_day, new_day)]
                meeting = f", họp kết thúc ngày {period.end:%d/%m/%Y}" if either.anchor else ""
                message = f"hạn {period.label_vi}{meeting}: {shown[0]} → {shown[1]} ({either.what})"
                found.append(DeadlineChange(either.step, either.what, period.label, old_day, new_day, message))
    return found


# What the comparisons above show of a provision (its text, number, marks; its children are provisions of their
# own), of an agency and of a member; every other value of the file is compared as it is written.
_SHOWN = {
    "provision": {
        *("text", "heading", "title", "num", "shared"),
        *("chapters", "articles", "clauses", "points", "paragraphs", "items"),
        *MARKS,
    },
    "agencies": {"id", "name", "abbreviation", "valid_from", "valid_to", "successor"},
    "members": {"id", "title", "role", "agency", "duties", "reassigned"},
}
MAX_VALUE = 80  # characters of a value shown in a field change


def _value(value: Any) -> str:
    if value is None:
        return "(không có)"
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= MAX_VALUE else shown[: MAX_VALUE - 1] + "…"


def _leaves(old: Any, new: Any, path: YamlPath, place: str, found: list[FieldChange]) -> None:
    """Every leaf value that differs between two JSON values, by place (lists compared position by position)."""
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            _leaves(old.get(key), new.get(key), (*path, key), f"{place}.{key}" if place else key, found)
    elif isinstance(old, list) and isinstance(new, list):
        for i in range(max(len(old), len(new))):
            before, after = (old[i] if i < len(old) else None), (new[i] if i < len(new) else None)
            _leaves(before, after, (*path, i), f"{place}[{i}]", found)
    else:
        found.append(FieldChange(place, old, new, path))


def _dumped(model: BaseModel, leave_out: set[str]) -> dict[str, Any]:
    return {k: v for k, v in model.model_dump(mode="json").items() if k not in leave_out}


def _by_id(section: str, olds: list[D], news: list[D], found: list[FieldChange]) -> None:
    """The fields not shown elsewhere of the entries kept (same id) in a list of agencies or members."""
    by_id = {item.id: item for item in olds}
    for index, item in enumerate(news):
        if item.id in by_id:
            before, after = _dumped(by_id[item.id], _SHOWN[section]), _dumped(item, _SHOWN[section])
            _leaves(before, after, (section, index), f"{section}[{item.id}]", found)


def field_changes(old: Rules, new: Rules, pairs: dict[Provision, Provision]) -> list[FieldChange]:
    """Every value that differs and that the provisions, the organisation and the deadlines do not show: the
    other fields of paired provisions, agencies and members, and every other part of the file."""
    found: list[FieldChange] = []
    leave_out = _SHOWN["provision"]
    for before, after in pairs.items():
        if after.path != INSTRUMENT_PATH:  # its own fields are compared with the document's below
            _leaves(_dumped(before.node, leave_out), _dumped(after.node, leave_out), after.path, after.citation, found)
    _by_id("agencies", old.model.agencies, new.model.agencies, found)
    _by_id("members", old.model.members, new.model.members, found)
    top = {"chapters", "attachments", "agencies", "members"}  # the provisions, and the lists compared by id
    _leaves(_top(old.model, top), _top(new.model, top), (), "", found)
    return found


INSTRUMENT_PATH: YamlPath = ("document", "issuing_instrument")


def _top(model: Regulation, leave_out: set[str]) -> dict[str, Any]:
    """The model's top-level fields but ``leave_out``, the instrument's articles (provisions) left out too."""
    dumped = _dumped(model, leave_out)
    instrument = dumped.get("document", {}).get("issuing_instrument")
    if isinstance(instrument, dict):
        instrument.pop("articles", None)
    return dumped


def compare(old: Version, new: Version, year: int) -> RulesDiff:
    """Everything that differs from ``old`` to ``new``; deadline dates are compared over ``year``."""
    pairs, notices = match(old.rules, new.rules)
    return RulesDiff(
        old,
        new,
        changes(old.rules, new.rules, pairs),
        organisation_changes(old.rules, new.rules, pairs),
        deadline_changes(old.rules, new.rules, year),
        pairs,
        field_changes(old.rules, new.rules, pairs),
        notices,
    )
