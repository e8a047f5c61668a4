"""Provides England's bank holidays read in a child process, so that a long-running bot need not
import the ``holidays`` package: asked for one country, it imports every country's calendar
(about 10 MB that the process would keep for good).

``python -m bot.bankholidays YEAR…`` prints each year's bank holidays as JSON, from the same
call ``bot.routing`` makes. ``read_aside(years)`` starts that child at once and returns what to
call later (``pressbot run`` calls it after loading the engine, so the two overlap): it waits
for the child and gives the tables to ``bot.routing``. A child that fails, is slow or prints
something else changes nothing: routing then imports the package itself, as it always did.
This module imports nothing of the bot's, so the child starts in a few tens of milliseconds.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import subprocess
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import holidays

log = logging.getLogger(__name__)

WAIT = 10.0  # seconds to wait for the child once its tables are wanted
YEARS = 3  # this year and the next two: a later one is read in the process, as before
# A year's bank holidays: each date with its name, as ``HolidayBase.get`` gives it.
Table = dict[dt.date, str]


def england(year: int) -> holidays.HolidayBase:
    """England's bank holidays of ``year`` from the ``holidays`` package: the one place the
    package is asked, by the child and by ``bot.routing``."""
    import holidays

    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def tables(years: Iterable[int]) -> dict[int, Table]:
    """Each year's bank holidays, read from the package in this process."""
    found: dict[int, Table] = {}
    for year in years:
        found[year] = {day: str(name) for day, name in england(year).items()}
    return found


def years_from(timezone: str) -> list[int]:
    """The years a bot started now will most likely be asked about: this year (in
    ``timezone``, where the office is) and the next ``YEARS - 1``."""
    from zoneinfo import ZoneInfo

    year = dt.datetime.now(ZoneInfo(timezone)).year
    return list(range(year, year + YEARS))


def _encode(found: dict[int, Table]) -> str:
    return json.dumps({str(y): {d.isoformat(): n for d, n in t.items()}
                       for y, t in found.items()})


def _decode(text: str, years: list[int]) -> dict[int, Table]:
    raw = json.loads(text)
    found = {int(y): {dt.date.fromisoformat(d): n for d, n in t.items()} for y, t in raw.items()}
    if sorted(found) != sorted(years) or not all(
            isinstance(n, str) for t in found.values() for n in t.values()):
        raise ValueError("not the years asked for")
    return found


def read_aside(years: Iterable[int],
               command: list[str] | None = None) -> Callable[[], dict[int, Table]]:
    """Start the child that reads ``years``; the function returned waits for it and gives its
    tables to ``bot.routing`` (and returns them; empty when the child failed)."""
    wanted = sorted(set(years))
    argv = command or [sys.executable, "-m", "bot.bankholidays", *map(str, wanted)]
    try:
        child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, text=True)
    except OSError as exc:
        log.info("bank holidays are read in this process (no child: %s)", exc)
        return dict

    def finish() -> dict[int, Table]:
        from bot import routing

        try:
            out, _ = child.communicate(timeout=WAIT)
            if child.returncode:
                raise ValueError(f"exit code {child.returncode}")
            found = _decode(out, wanted)
        except (subprocess.TimeoutExpired, ValueError, TypeError, AttributeError) as exc:
            child.kill()
            child.wait()
            log.info("bank holidays are read in this process (the child failed: %s)", exc)
            return {}
        routing.use_bank_holidays(found)
        return found

    return finish


def main(argv: list[str]) -> int:
    sys.stdout.write(_encode(tables(int(a) for a in argv)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
