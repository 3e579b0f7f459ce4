"""RFC 5545 export of dated obligations (one all-day event each, with a reminder and a stable UID, so that
importing the file again updates the events instead of duplicating them)."""

from __future__ import annotations

import datetime as dt
import hashlib

from quyche_cli.schedule.deadlines import Obligation

REMINDER = dt.timedelta(days=-1)


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


def to_ics(obligations: list[Obligation], namespace: str, title: str, member: str | None = None) -> bytes:
    """A calendar with one event per dated obligation; ``title`` (from the rules file) is one escaped line."""
    return calendar_of([(namespace, obligations)], title, member)


def calendar_of(parts: list[tuple[str, list[Obligation]]], title: str, member: str | None = None) -> bytes:
    """One calendar of the dated obligations of several regulations (``namespace``, obligations), each event
    with the UID of its own regulation."""
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
            event.add("summary", f"Hạn: {obligation.actor_label} — {obligation.what}")
            recipients = f"\nGửi: {', '.join(obligation.recipients)}" if obligation.recipients else ""
            event.add("description", f"{obligation.ref}{recipients}\nCách tính: {obligation.rule}")
            event.add("transp", "TRANSPARENT")
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"Ngày mai hết hạn: {obligation.what}")
            alarm.add("trigger", REMINDER)
            event.add_component(alarm)
            calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
