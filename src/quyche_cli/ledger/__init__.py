"""Audits over time: the SQLite ledger of recorded verdicts (``store``), the follow-up loop (đôn đốc deadlines
and giải trình), and the scoreboards computed from it (``scoreboard``)."""
