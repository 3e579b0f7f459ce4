"""The comments received on a draft, as typed data: written as JSON by ``gop-y``, read back by the synthesis
table (``render bang-tong-hop --from-comments``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter

from quyche_cli.errors import InputError
from quyche_cli.rules.index import Rules
from quyche_cli.rules.organisation import Organisation


@dataclass
class Comment:
    """One comment of a letter: who sent it, from which file, the provisions it cites (ids), its text."""

    member: str
    file: str
    refs: list[str]
    text: str


@dataclass
class CommentRound:
    """Every letter of a folder read: comments, members that only agreed, members that did not reply, and the
    files that could not be used, each with its reason. ``day`` is the day the round speaks for (its deadline,
    else the day it was read) and ``names`` the name of every member or agency id in it on that day, so that
    what is read back from JSON names the same bodies."""

    comments: list[Comment]
    agreed: list[str]
    no_reply: list[str]
    unmatched: list[dict[str, str]]
    day: dt.date
    names: dict[str, str]
    deadline: dt.date | None = None
    notices: list[str] = field(default_factory=list)

    def name(self, unit: str) -> str:
        """The name of a member or agency id on the round's day; an id the round did not name stays as it is."""
        return self.names.get(unit, unit)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = _ADAPTER.dump_python(self, mode="json")
        return data

    @classmethod
    def from_dict(cls, raw: Any) -> CommentRound:
        """Read back what ``as_dict`` wrote; InputError naming the first thing that is not as written."""
        from pydantic import ValidationError

        if not isinstance(raw, dict):
            raise InputError("Tệp ý kiến góp ý phải là một đối tượng JSON do 'quyche gop-y --format json' ghi.")
        try:
            return _ADAPTER.validate_python(raw)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise InputError(
                f"Tệp ý kiến góp ý thiếu hoặc sai trường '{where}': hãy ghi lại bằng 'quyche gop-y --format json'."
            ) from None

    @staticmethod
    def json_schema() -> dict[str, Any]:
        """The JSON Schema of what ``as_dict`` writes."""
        return _ADAPTER.json_schema(mode="serialization")


def names_on(rules: Rules, day: dt.date, units: Iterable[str]) -> dict[str, str]:
    """The name of each member or agency id of ``units`` on ``day`` (ids the rules file lacks left out)."""
    organisation = Organisation(rules, day)
    return {u: organisation.name_of(u) for u in dict.fromkeys(units) if u in rules.members or u in rules.agencies}


_ADAPTER: TypeAdapter[CommentRound] = TypeAdapter(CommentRound)
