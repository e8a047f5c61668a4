"""Provides fact-checks: a figure of the release named with the wrong year, corrected.

"Did the Met record 2,346 referrals in 2017?" names a figure the release gives, but for 2018:
the answer starts "No: 2,346 ... is the figure for 2018, not 2017, according to Met data."
When the release has a figure of the same kind for the year asked ("187 in 2018?"), that
figure is given first. Only the release's figures and the year asked are ever stated.
"""

from __future__ import annotations

import re

from bot import numbers
from bot.models import Figure, Release, Span


def wrong_year(question: str, stated: list[Figure], asked: tuple[float, ...],
               release: Release) -> list[Span]:
    """The correction to put first, or nothing: ``stated`` are the answer's figures, ``asked``
    the numbers the question names."""
    # "in twenty seventeen": years said in words too.
    plain = re.sub(r"[^\w\s,.%]|(?<!\d)[,.]|[,.](?!\d)", " ", question.lower())
    years = numbers.years_in(numbers.words_to_numbers(plain))
    named = [f for f in stated if f.value in asked and (f.value >= 100 or f.unit == "percent")]
    if len(years) != 1 or len(named) != 1:
        return []
    fig, year = named[0], years[0]
    if fig.period is None or year in fig.years:
        return []  # a figure without a year cannot be for the wrong one
    right = next((f for f in stated if f.unit == fig.unit and set(f.topics) & set(fig.topics)
                  and f.years == {year}), None)
    if right is not None:  # "187 in 2018?": the 2018 figure, then the year 187 is for
        return [Span(text=f"No: the figure for {year} is "),
                Span(text=right.display, style="figure"),
                Span(text=f" ({right.counts}), according to {_source(release, right)}; "),
                Span(text=fig.display, style="figure"),
                Span(text=f" is the figure for {fig.period.label()}.")]
    return [Span(text=f"No: {fig.qualifier} " if fig.qualifier else "No: "),
            Span(text=fig.display, style="figure"),
            Span(text=f" ({fig.counts}) is the figure for {fig.period.label()}, not {year}, "
                 f"according to {_source(release, fig)}.")]


def _source(release: Release, fig: Figure) -> str:
    return next((s.short for s in release.sources if s.id == fig.source), "the release")
