"""The comments received on a draft, as typed data: written as JSON by ``gop-y``, read back by the synthesis
table (``render bang-tong-hop --from-comments``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

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
    files that could not be used, each with its reason."""

    comments: list[Comment]
    agreed: list[str]
    no_reply: list[str]
    unmatched: list[dict[str, str]]
    deadline: dt.date | None = None
    day: dt.date | None = None  # the organisation the members are named by (the deadline, else the day read)
    notices: list[str] = field(default_factory=list)

    def namer(self, rules: Rules, today: dt.date) -> Callable[[str], str]:
        """How to name a member or agency id of this round: by the agency holding the seat on the round's day
        (``today`` when the round was read back from JSON); an id the rules file lacks stays as it is."""
        organisation = Organisation(rules, self.day or today)
        return lambda unit: organisation.name_of(unit) if unit in rules.members or unit in rules.agencies else unit

    def as_dict(self) -> dict[str, Any]:
        return {
            "comments": [asdict(c) for c in self.comments],
            "agreed": self.agreed,
            "no_reply": self.no_reply,
            "unmatched": self.unmatched,
        }

    @classmethod
    def from_dict(cls, raw: Any) -> CommentRound:
        """Read back what ``as_dict`` wrote; InputError naming the first thing that is not as written."""
        if not isinstance(raw, dict):
            raise InputError("Tệp ý kiến góp ý phải là một đối tượng JSON do 'quyche gop-y --format json' ghi.")
        try:
            comments = [
                Comment(str(c["member"]), str(c["file"]), [str(r) for r in c["refs"]], str(c["text"]))
                for c in raw["comments"]
            ]
            lists = [[str(m) for m in raw[key]] for key in ("agreed", "no_reply")]
            unmatched = [{"file": str(u["file"]), "reason": str(u["reason"])} for u in raw.get("unmatched", [])]
        except (KeyError, TypeError) as error:
            raise InputError(
                f"Tệp ý kiến góp ý thiếu hoặc sai trường {error}: hãy ghi lại bằng 'quyche gop-y'."
            ) from None
        return cls(comments, lists[0], lists[1], unmatched)
