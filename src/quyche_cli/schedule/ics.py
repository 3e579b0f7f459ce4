"""RFC 5545 export of dated obligations: one all-day event for each step of each period, the period in its
summary, with a stable UID (importing the file again updates the events instead of duplicating them) and a
reminder at a working hour: 08:00 on the working day before the deadline, per the working calendar (a
reminder one day before, at midnight, would ring at night and on a Sunday)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING

from quyche_cli.clock import TIMEZONE
from quyche_cli.schedule.deadlines import Obligation
from quyche_cli.schedule.periods import period_vi

if TYPE_CHECKING:
    from quyche_cli.schedule.workcalendar import WorkCalendar

ALARM_AT = dt.time(8, 0)  # the start of the working day, in the regulation's time zone


def alarm_time(working: WorkCalendar, deadline: dt.date) -> dt.datetime:
    """08:00 (Vietnam time, given in UTC as RFC 5545 requires of an absolute trigger) on the last working day
    before ``deadline``."""
    from zoneinfo import ZoneInfo

    day = deadline - dt.timedelta(days=1)
    while not working.is_working_day(day):
        day -= dt.timedelta(days=1)
    return dt.datetime.combine(day, ALARM_AT, ZoneInfo(TIMEZONE)).astimezone(dt.timezone.utc)


def stable_uid(namespace: str, obligation: Obligation, member: str | None) -> str:
    """Same regulation, step, period, actor and meeting → same UID, whenever the file is exported."""
    key = "|".join(
        [
            namespace,
            obligation.step,
            obligation.period or "",
            obligation.actor or "",
            member or "",
            obligation.anchor or "",
        ]
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@quyche"


def to_ics(
    obligations: list[Obligation], namespace: str, title: str, working: WorkCalendar, member: str | None = None
) -> bytes:
    """A calendar with one event per dated obligation, its alarm on ``working``'s calendar; ``title`` (from the
    rules file) is one escaped line."""
    return calendar_of([(namespace, obligations)], title, working, member)


def calendar_of(
    parts: list[tuple[str, list[Obligation]]], title: str, working: WorkCalendar, member: str | None = None
) -> bytes:
    """One calendar of the dated obligations of several regulations (``namespace``, obligations), each event
    with the UID of its own regulation and its alarm on ``working``'s calendar."""
    from icalendar import Alarm, Calendar, Event, vText

    calendar = Calendar()
    calendar.add("prodid", "-//quyche//Quy che Ban Chi dao//VI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", vText(" ".join(title.split())))
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    for namespace, obligations in parts:
        for obligation in obligations:
            if obligation.date is None:
                continue
            event = Event()
            event.add("uid", stable_uid(namespace, obligation, member))
            event.add("dtstamp", stamp)
            event.add("dtstart", obligation.date)
            event.add("dtend", obligation.date + dt.timedelta(days=1))
            period = f" {period_vi(obligation.period)}" if obligation.period else ""
            event.add("summary", f"Hạn{period}: {obligation.actor_label} — {obligation.what}")
            recipients = f"\nGửi: {', '.join(obligation.recipients)}" if obligation.recipients else ""
            event.add("description", f"{obligation.ref}{recipients}\nCách tính: {obligation.rule}")
            event.add("transp", "TRANSPARENT")
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"Hạn{period} là hết ngày {obligation.date:%d/%m/%Y}: {obligation.what}")
            alarm.add("trigger", alarm_time(working, obligation.date))
            event.add_component(alarm)
            calendar.add_component(event)
    return _folded(calendar.to_ical())


LINE_OCTETS = 75  # RFC 5545 3.1: lines longer than this are folded


def _folded(data: bytes) -> bytes:
    """``data`` with each content line folded at most every 75 octets, between UTF-8 characters, and no line
    ending in a space (any space before a fold moves after it): a tool that trims trailing blanks would lose
    it."""
    lines = []
    for line in data.decode("utf-8").replace("\r\n ", "").split("\r\n"):
        piece, size = "", 0
        for char in line:
            width = len(char.encode("utf-8"))
            if size + width > LINE_OCTETS:
                kept = piece.rstrip(" ") if piece.strip() else piece
                lines.append(kept)
                piece = " " + piece[len(kept) :]
                size = len(piece.encode("utf-8"))
            piece += char
            size += width
        lines.append(piece)
    return "\r\n".join(lines).encode("utf-8")
