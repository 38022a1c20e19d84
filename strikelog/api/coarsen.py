"""Coordinate coarsening: round the published position of fresh incidents.

A live deployment should not hand out the precise impact point of a strike that happened
hours ago. An incident is *fresh* when its reference time is less than `hours` old; its
reference time is the end of its date (the strike may have been at any hour of that day),
else the report's publication time, else the time the report was ingested. Fresh
coordinates are snapped to a grid of `degrees`.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta


def _as_datetime(value: object, *, end_of_day: bool) -> datetime | None:
    """A timezone-aware datetime from an ISO string, date or datetime; None if unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, time.max if end_of_day else time.min)
    else:
        text = str(value).strip()
        try:
            if len(text) == 10:
                day = date.fromisoformat(text)
                parsed = datetime.combine(day, time.max if end_of_day else time.min)
            else:
                parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def reference_time(
    incident_date: object, published: object = None, ingested_at: object = None
) -> datetime | None:
    """The time an incident's freshness is judged by (see module docstring)."""
    for value, end_of_day in ((incident_date, True), (published, True), (ingested_at, False)):
        moment = _as_datetime(value, end_of_day=end_of_day)
        if moment is not None:
            return moment
    return None


def is_fresh(reference: datetime | None, hours: float, now: datetime | None = None) -> bool:
    """True when `reference` is less than `hours` old. Unknown times count as fresh (safe side)."""
    if hours <= 0:
        return False
    if reference is None:
        return True
    now = now or datetime.now(UTC)
    return now - reference < timedelta(hours=hours)


def snap(value: float, degrees: float) -> float:
    """`value` rounded to the nearest multiple of `degrees`, without float noise."""
    decimals = max(0, -math.floor(math.log10(degrees)) + 1)
    return round(round(value / degrees) * degrees, decimals)


class Coarsener:
    """Applies one deployment's coarsening setting to coordinates."""

    def __init__(self, hours: float, degrees: float, now: datetime | None = None) -> None:
        self.hours = hours
        self.degrees = degrees
        self._now = now  # fixed clock for tests; None = the real clock

    def apply(
        self, lat: float | None, lon: float | None, reference: datetime | None
    ) -> tuple[float | None, float | None, bool]:
        """(lat, lon, coarsened) as they may be published."""
        if lat is None or lon is None or not is_fresh(reference, self.hours, self._now):
            return lat, lon, False
        return snap(lat, self.degrees), snap(lon, self.degrees), True
