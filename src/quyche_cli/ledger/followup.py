"""The follow-up loop: who a đôn đốc is addressed to, and what the ledger says of each member after it
(answered by the new deadline, still missing after it, explanations received)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quyche_cli.audit.results import Audit
    from quyche_cli.ledger.store import Entry

# The verdicts a đôn đốc is sent for: no report yet (as the đôn đốc letter lists them).
UNANSWERED = ("missing", "not_due")


def addressees(audit: Audit) -> list[str]:
    """The members (ids) a đôn đốc after ``audit`` is addressed to."""
    return [m.member for m in audit.members if m.status in UNANSWERED]


def followup_note(entry: Entry, as_of: dt.date | None) -> str:
    """What to add to a verdict's note from the ledger: the đôn đốc's outcome and the explanations, or ""."""
    parts = []
    if entry.followup is not None:
        new = f"{entry.followup:%d/%m/%Y}"
        if entry.answered:
            parts.append(f"Nộp sau đôn đốc: đúng hạn mới {new}.")
        elif entry.status == "late":
            parts.append(f"Đã đôn đốc (hạn mới {new}) nhưng nộp sau hạn mới.")
        elif entry.status == "missing" and as_of is not None and as_of > entry.followup:
            parts.append(f"Đã đôn đốc (hạn mới {new}): vẫn chưa nộp.")
        elif entry.status == "missing":
            parts.append(f"Đã đôn đốc: hạn mới {new}.")
    parts += [f"Giải trình ({text})." for text in entry.explanations]
    return " ".join(parts)
