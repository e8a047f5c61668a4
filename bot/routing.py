"""Provides contact routing: which phone lines an enquiry gets, by audience and an injectable clock.

The release gives three lines and who they are for, but not office hours. Our assumption, which
is configuration, is Monday to Friday 09:00–18:00 Europe/London, closed on bank holidays in
England (from the maintained ``holidays`` package, not a hand-written list). When it is closed,
the reason is given in words: the bank holiday by name, the weekend, or the time of day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.config import Settings

if TYPE_CHECKING:
    import holidays

    from bot.models import Intent

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@lru_cache(maxsize=8)
def _england_holidays(year: int) -> holidays.HolidayBase:
    # Imported when first needed, not at the top: the package takes about 50 ms to import (and
    # about 10 MB), and most answers (and every command but ``ask`` and ``run``) never ask
    # whether the office is open. ``pressbot run`` reads its years in a child process instead
    # (``bot.bankholidays``, ``use_bank_holidays``).
    from bot.bankholidays import england

    return england(year)


# Years whose bank holidays were read in a child process (``bot.bankholidays``): a date of one
# of them is looked up here, and the package is never imported for it.
_READ: dict[int, dict[dt.date, str]] = {}


def use_bank_holidays(tables: dict[int, dict[dt.date, str]]) -> None:
    """Look these years' bank holidays up in ``tables`` (from ``bot.bankholidays``)."""
    _READ.update(tables)


def _holiday_name(day: dt.date) -> str | None:
    table = _READ.get(day.year)
    name = table.get(day) if table is not None else _england_holidays(day.year).get(day)
    return str(name) if name else None


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
        return _holiday_name(self.localise(now).date())

    def is_open(self, now: dt.datetime) -> bool:
        return self.closed_because(now) is None

    def closed_because(self, now: dt.datetime) -> str | None:
        """Why the office is closed at ``now``, as a clause ("it is Christmas Day, a bank
        holiday in England"), or None when it is open. A bank holiday is named first because it
        is the reason a reader would not guess; then a day the office does not work; then the
        time of day."""
        local = self.localise(now)
        holiday = self.holiday(local)
        if holiday is not None:
            return f"it is {holiday}, a bank holiday in England"
        if local.weekday() not in self.days:
            if local.weekday() >= 5 and not self.days & {5, 6}:
                return "it is the weekend"
            return f"the press office does not open on {_DAY_NAMES[local.weekday()]}s"
        # The hours themselves are said once, in describe(), as our assumption; here only the
        # part of the day, so that no time is stated as if the release gave it.
        if local.time() >= self.close:
            return "it is the evening" if local.time() >= dt.time(17, 0) else "it is after hours"
        if local.time() < self.open:
            return "it is night-time" if local.time() < dt.time(5, 0) else "it is early morning"
        return None

    def describe(self) -> str:
        names = _DAY_NAMES
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
    closed_because: str | None = None  # why the office is closed, as a clause; None when open


MEDIA_ROUTES = ("media", "out_of_hours", "interview")


def redirected(route: str, audience: str) -> bool:
    """Whether the lines of ``route`` are not this audience's to be given: the public asking
    for the press office's lines (or for all of them) gets its own line, and is told whom the
    others are for."""
    return audience == "public" and route in MEDIA_ROUTES + ("all",)


def public_lines(intents: Iterable[Intent]) -> dict[str, str]:
    """The public's own line for each intent whose whole answer is lines the public is not
    given (``redirected``: the press office's, the out-of-hours one, all the lines): the
    intent of the same release and family whose answer is the public's line alone. Who is
    asking decides which line answers a request for a line, not how it was worded."""
    intents = list(intents)
    own = {(i.release, i.family): i.id for i in intents
           if i.route and not i.answer and i.audience == "public"}
    return {i.id: own[(i.release, i.family)] for i in intents
            if i.route and not i.answer and i.audience != "public"
            and redirected(i.route, "public") and (i.release, i.family) in own}


def decide(route: str, audience: str, after_hours_cue: bool, now: dt.datetime,
           hours: OfficeHours) -> Route:
    """Pick the lines for an enquiry. The public never gets the media lines."""
    closed = hours.closed_because(now)
    is_open = closed is None
    media_first = not (route == "out_of_hours" or after_hours_cue or not is_open)
    media: tuple[str, ...] = ("media", "out_of_hours") if media_first else ("out_of_hours",
                                                                            "media")
    if not is_open:
        # A closed office's own line rings out: out of hours a journalist gets the duty line
        # alone (the rule the question sets are written to), not a number to try first.
        media = ("out_of_hours",)
    reason = "" if media_first else ("asked out of hours" if after_hours_cue or
                                     route == "out_of_hours" else "office closed")
    if audience == "public" or route == "non_media":
        return Route(("non_media",), is_open, public_redirect=redirected(route, audience),
                     closed_because=closed)
    if route == "all" and audience != "media":
        return Route((*media, "non_media"), is_open, reason=reason, closed_because=closed)
    return Route(media, is_open, reason=reason, closed_because=closed)
