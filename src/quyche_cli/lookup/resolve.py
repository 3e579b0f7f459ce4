"""The one rule for typed names: a name resolves to exactly one member (or successor agency), or it is refused
with the reason and suggestions; it is never guessed."""

from __future__ import annotations

import datetime as dt

from quyche_cli.errors import NotFoundError
from quyche_cli.rules.index import Rules
from quyche_cli.rules.names import Resolution, Target, name_index


def legacy_warning(resolution: Resolution) -> str | None:
    """A warning when the query looks typed in a pre-Unicode Vietnamese encoding (TCVN3, VNI)."""
    if not resolution.legacy_encoding:
        return None
    return f"Cảnh báo: '{resolution.query}' có vẻ được gõ bằng {resolution.legacy_encoding}; hãy gõ lại bằng Unicode."


def refusal(rules: Rules, resolution: Resolution) -> str:
    """Why ``resolution`` names no single member, with the candidates or suggestions to choose from."""
    warning = legacy_warning(resolution)
    return f"{warning}\n{_refusal(rules, resolution)}" if warning else _refusal(rules, resolution)


def _refusal(rules: Rules, resolution: Resolution) -> str:

    def name(target: Target) -> str:
        return rules.display_name(target.kind, target.id)

    if resolution.status == "ambiguous":
        listed = "\n".join(f"  - {name(t)} ({t.id})" for t in resolution.targets)
        return f"'{resolution.query}' khớp với nhiều thành viên, hãy ghi rõ hơn:\n{listed}"
    hint = f" Có phải ý bạn là: {', '.join(name(t) for t in resolution.suggestions)}?" if resolution.suggestions else ""
    unknown = ", ".join(f"'{w}'" for w in resolution.unknown_words)
    why = f" (không tên nào đã khai báo có từ {unknown})" if unknown else ""
    return f"Không tìm thấy '{resolution.query}'{why}.{hint} Xem danh sách: quyche members."


def resolve_member(rules: Rules, typed: str, day: dt.date | None = None) -> Resolution:
    """The resolution of ``typed`` when it names exactly one target; NotFoundError (exit 1) otherwise, with
    suggestions (agencies existing on ``day`` first)."""
    resolution = name_index(rules).resolve(typed, day)
    if resolution.status != "found":
        raise NotFoundError(refusal(rules, resolution))
    return resolution


def resolve_names(rules: Rules, names: list[str], day: dt.date | None = None) -> tuple[list[Target], list[str]]:
    """The targets of several typed names, and a reason for each name that did not resolve."""
    found, problems = [], []
    for typed in names:
        resolution = name_index(rules).resolve(typed, day)
        if resolution.status == "found":
            found.append(resolution.targets[0])
        else:
            problems.append(refusal(rules, resolution).replace("\n", " "))
    return found, problems
