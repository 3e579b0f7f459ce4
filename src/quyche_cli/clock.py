"""The one definition of "today": the current day in the regulation's time zone.

``QUYCHE_TODAY=YYYY-MM-DD`` fixes the day for a whole run (the tests and CI's second-date run set it), so no
answer ever depends on the machine's clock where that matters. The core asks :func:`today`; nothing else in
the package reads the clock for a day.
"""

from __future__ import annotations

import datetime as dt
import os

from quyche_cli.errors import InputError

TIMEZONE = "Asia/Ho_Chi_Minh"
ENV = "QUYCHE_TODAY"


def today(timezone: str = TIMEZONE) -> dt.date:
    """The day ``QUYCHE_TODAY`` names, else today's date in ``timezone`` (the calendar's, Vietnam by default)."""
    fixed = os.environ.get(ENV, "").strip()
    if fixed:
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError:
            raise InputError(
                f"Biến môi trường {ENV}={fixed!r} không phải một ngày dạng NNNN-TT-NN (ví dụ 2026-12-07); "
                f"hãy sửa hoặc bỏ biến này."
            ) from None
    from zoneinfo import ZoneInfo

    return dt.datetime.now(ZoneInfo(timezone)).date()
