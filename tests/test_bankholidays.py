"""Tests for bot.bankholidays: England's bank holidays read in a child process are the package's
own, office hours read from them say what they said before, a bot that read its years aside
never imports the package for them, and a child that fails changes nothing."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot import bankholidays, routing
from bot.routing import OfficeHours

ROOT = Path(__file__).resolve().parent.parent
LONDON = ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def nothing_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(routing, "_READ", {})


def test_the_child_reads_what_the_package_gives() -> None:
    years = [2020, 2026, 2027]
    found = bankholidays.read_aside(years)()
    assert sorted(found) == years
    for year in years:
        package = routing._england_holidays(year)
        assert found[year] == {day: str(name) for day, name in package.items()}
        assert found[year] and routing._READ[year] == found[year]
    assert found[2026][dt.date(2026, 12, 28)] == "Boxing Day (observed)"


def test_office_hours_say_the_same_with_the_years_read_aside() -> None:
    hours = OfficeHours()
    days = [dt.datetime(2020, 1, 1, 11, tzinfo=LONDON) + dt.timedelta(days=n) for n in range(366)]
    days += [dt.datetime(2026, 1, 1, 23, 30, tzinfo=dt.UTC) + dt.timedelta(days=n)
             for n in range(365)]
    before = [(hours.holiday(d), hours.closed_because(d)) for d in days]
    routing.use_bank_holidays(bankholidays.tables([2020, 2026, 2027]))
    assert [(hours.holiday(d), hours.closed_because(d)) for d in days] == before
    assert sum(1 for name, _ in before if name) == 9 + 9  # each year with Boxing Day observed


def test_a_bot_that_read_its_years_aside_never_imports_the_package() -> None:
    code = ("import datetime as dt, sys\n"
            "from bot.bankholidays import read_aside\n"
            "from bot.routing import OfficeHours\n"
            "read_aside([2026])()\n"
            "hours = OfficeHours()\n"
            "print(hours.holiday(dt.datetime(2026, 12, 28, 11)), 'holidays' in sys.modules)\n"
            "print(hours.holiday(dt.datetime(2031, 12, 25, 11)), 'holidays' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, cwd=ROOT, check=True).stdout.splitlines()
    assert out == ["Boxing Day (observed) False", "Christmas Day True"]


@pytest.mark.parametrize("command", [
    [sys.executable, "-c", "raise SystemExit(3)"],
    [sys.executable, "-c", "print('not json')"],
    [sys.executable, "-c", "print('{\"2025\": {}}')"],  # another year than asked for
    [str(ROOT / "no-such-program")],
])
def test_a_child_that_fails_changes_nothing(command: list[str]) -> None:
    assert bankholidays.read_aside([2026], command=command)() == {}
    assert routing._READ == {}
    assert OfficeHours().holiday(dt.datetime(2026, 12, 25, 11)) == "Christmas Day"


def test_the_years_read_are_this_year_and_the_next_two() -> None:
    years = bankholidays.years_from("Europe/London")
    assert years == list(range(years[0], years[0] + 3))
    assert years[0] in (dt.date.today().year - 1, dt.date.today().year,
                        dt.date.today().year + 1)
