"""Provides contact routing: which phone lines an enquiry gets, by audience and an injectable clock.

The release gives three lines and who they are for, but not office hours. Our assumption, which
is configuration, is Monday to Friday 09:00–18:00 Europe/London, closed on bank holidays in
England (from the maintained ``holidays`` package, not a hand-written list).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from bot.config import Settings


@lru_cache(maxsize=8)
def _england_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


@dataclass(frozen=True)
class OfficeHours:
    """When the press office is open, in local time."""

    open: dt.time = dt.time(9, 0)
    close: dt.time = dt.time(18, 0)
    days: frozenset[int] = field(default_factory=lambda: frozenset(range(5)))
    timezone: str = "Europe/London"

    @classmethod
    def from_settings(cls, settings: Settings) -> OfficeHours:
        return cls(open=settings.office_open, close=settings.office_close,
                   days=settings.working_days, timezone=settings.timezone)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def localise(self, now: dt.datetime) -> dt.datetime:
        """Aware local time; a naive time is taken to be local already."""
        return now.replace(tzinfo=self.tz) if now.tzinfo is None else now.astimezone(self.tz)

    def holiday(self, now: dt.datetime) -> str | None:
        local = self.localise(now).date()
        name = _england_holidays(local.year).get(local)
        return str(name) if name else None

    def is_open(self, now: dt.datetime) -> bool:
        local = self.localise(now)
        return (local.weekday() in self.days and self.holiday(local) is None
                and self.open <= local.time() < self.close)

    def describe(self) -> str:
        names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        days = sorted(self.days)
        contiguous = days == list(range(days[0], days[-1] + 1))
        span = (f"{names[days[0]]} to {names[days[-1]]}" if contiguous
                else ", ".join(names[d] for d in days))
        return f"{span}, {self.open:%H:%M}–{self.close:%H:%M} London time"


@dataclass(frozen=True)
class Route:
    """The contact lines to give, in order, and why."""

    contacts: tuple[str, ...]
    office_open: bool
    public_redirect: bool = False
    reason: str = ""


MEDIA_ROUTES = ("media", "out_of_hours", "interview")


def decide(route: str, audience: str, after_hours_cue: bool, now: dt.datetime,
           hours: OfficeHours) -> Route:
    """Pick the lines for an enquiry. The public never gets the media lines."""
    is_open = hours.is_open(now)
    media_first = not (route == "out_of_hours" or after_hours_cue or not is_open)
    media = ("media", "out_of_hours") if media_first else ("out_of_hours", "media")
    reason = "" if media_first else ("asked out of hours" if after_hours_cue or
                                     route == "out_of_hours" else "office closed")
    if audience == "public" or route == "non_media":
        return Route(("non_media",), is_open, public_redirect=route in MEDIA_ROUTES + ("all",)
                     and audience == "public")
    if route == "all" and audience != "media":
        return Route((*media, "non_media"), is_open, reason=reason)
    return Route(media, is_open, reason=reason)
