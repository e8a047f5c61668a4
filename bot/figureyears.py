"""Provides the release figures a question can name: their values, series and years.

``FigureYears`` indexes the distinctive figures of the loaded releases (values of 100 or more,
and every percentage) with the series and years they belong to, so the reader can tell a
figure stated with a year it is not for ("2,346 referrals in 2017?": a check of that figure)
from a year asked about, and can read a question as naming a figure an answer gave.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from bot import numbers as num
from bot.features import Features
from bot.knowledge import Knowledge
from bot.models import Lexicon

# In a lexicon pattern, where the years after a release's data go ("gone up since 2019?"):
# from the last year its figures cover to its publication; no release can say what changed
# since then. Each release's matcher reads its own; the release chooser, reading every release,
# reads the years after any release's data as such, so a year no nearer names no other release.
AFTER_DATA = "{after_data}"
# The word the years after the data follow in the lexicon's pattern ("gone up since 2019").
SINCE = "since"
# The lexicon's word for a figure for the whole country ("the national figure", "the UK
# total"), read also as what the figures whose place the lexicon reads as the country (a
# concept of the word's own: "the UK") count: the NRM's total in a release whose one UK-wide
# figure is that.
NATIONAL_FIGURE = "nationalfigure"
# The lexicon's concepts for the release itself ("this release", "is it from") and for when it
# was published ("published", "came out"): a year said of the release with no word of a figure
# ("was this release from 2019?") asks when it was published, not for figures of that year.
RELEASE_ITSELF = frozenset({"release", "publisher", "date"})
DATE = "date"  # (also among RELEASE_ITSELF: "was it published in 2019?")
# Words of a figure: a year said beside them asks for that year's figures.
FIGURE_WORDS = frozenset({"stats", "@figure"})
# A regular expression that matches nothing: the pattern's years when no release has figures.
NOTHING = "(?!x)x"


class FigureYears:
    """The release figures a question may name, by value, with their series and years."""

    def __init__(self, knowledge: Knowledge) -> None:
        # Distinctive figures (not small numbers like 30, which could be a time) and the
        # series they belong to.
        self.value_topics: dict[float, set[str]] = defaultdict(set)
        self.value_years: dict[float, set[int]] = defaultdict(set)
        for r in knowledge.releases:
            for fig in r.figures:
                if fig.value >= 100:
                    self.value_topics[fig.value] |= set(fig.topics)
                    self.value_years[fig.value] |= fig.years
        # Percentages, which are distinctive however small when written as one ("30%").
        self.percent_figures: dict[float, tuple[set[int], set[str]]] = {
            fig.value: (set(fig.years), set(fig.topics))
            for r in knowledge.releases for fig in r.figures if fig.unit == "percent"}
        # The years of each series, and the years up to publication: a later year ("2,346 in
        # 2023?") is asked about, not mistyped; the release cannot say what came after it.
        self.topic_years: dict[str, set[int]] = defaultdict(set)
        for r in knowledge.releases:
            for fig in r.figures:
                for topic in fig.topics:
                    self.topic_years[topic] |= fig.years
        last = max((y for ys in self.topic_years.values() for y in ys), default=num.LAST_YEAR)
        self.checkable_years = range(num.FIRST_YEAR, max(
            (r.date.year for r in knowledge.releases if r.date), default=last) + 1)
        latest = [max(y for f in r.figures for y in f.years) for r in knowledge.releases
                  if any(f.years for f in r.figures)]
        self.after_data = range(min(latest), self.checkable_years.stop) if latest else range(0)
        self.places = [(fig.place, frozenset(fig.topics)) for r in knowledge.releases
                       for fig in r.figures if fig.place]

    def filled(self, lexicon: Lexicon) -> list[tuple[str, str]]:
        """The lexicon's patterns and their words, ``{after_data}`` standing for the years after
        its release's data (``after_data``: 2018, 2019 and 2020 for a release of 2020 whose
        last figures are for 2018)."""
        years = f"(?:{'|'.join(map(str, self.after_data)) or NOTHING})"
        return [(p.replace(AFTER_DATA, years), w) for p, w in lexicon.patterns.items()]

    @staticmethod
    def afresh(lexicon: Lexicon) -> list[str]:
        """The words a text holds where a pattern with ``{after_data}`` may read it (each
        release's reader fills in its own years): "since", and what the typos read as it."""
        if not any(AFTER_DATA in p for p in lexicon.patterns):
            return []
        return sorted({SINCE, *(typo for typo, word in lexicon.typos.items()
                                if SINCE in word.split())})

    def at(self, places: Iterable[str], read: Callable[[str], Iterable[str]]) -> frozenset[str]:
        """The topics of the figures whose place ``read`` reads as one of these concepts (those
        of ``NATIONAL_FIGURE``: a figure of "the UK")."""
        places = frozenset(places)
        return frozenset().union(*(topics for where, topics in self.places
                                   if places.intersection(read(where))))

    def figure_years(self, years: list[int], numbers: list[float],
                     percents: list[float], compared: set[float]) -> list[int]:
        """The years of a figure stated with a year it is not for: "2,346 referrals in 2017?"
        or "187 in 2012?" checks the figure, whose year the release gives (the answer says
        which was asked). A figure named only as what a year is compared with ("2012, before
        the 187", "higher than 2,346": ``compared``) states nothing: the year is asked about."""
        named = {v: (self.value_years[v], self.value_topics[v]) for v in numbers
                 if v in self.value_years}
        named |= {v: self.percent_figures[v] for v in percents if v in self.percent_figures}
        if len(set(years)) != 1 or len(named) != 1 or years[0] not in self.checkable_years or (
                set(named) & compared):
            return years
        own, topics = next(iter(named.values()))
        series = set().union(*(self.topic_years[t] for t in topics))
        if years[0] in series:
            return years  # "187 in 2018?": the series has a 2018 figure, which answers it
        return sorted(own)

    def dated(self, terms: set[str], years: list[int], tokens: Sequence[str] = ()
              ) -> tuple[list[int], set[str]]:
        """The years asked about and the question's concepts with what the years add: "@year"
        (lets broad intents step aside for year-specific ones); but one year said of the
        release itself, with no word of a figure or of a series ("was this release from
        2019?", "is this from 2021?"), or two given as its choices ("is this release from
        2020 or 2021?", in ``tokens``), is when it was published: the release's date is asked
        (checked), not figures for those years, so they are no years asked about."""
        if (len(set(years)) == 1 or len(set(years)) == 2 and either_year(tokens)) and (
                terms & RELEASE_ITSELF and not terms & FIGURE_WORDS
                and not terms & self.topic_years.keys()):
            return [], terms | {DATE}
        return years, terms | {"@year"} if years else terms

    def asked_years(self, years: list[int], reference: set[int]) -> list[int]:
        """The years asked about: a year named only as what another is compared with ("in
        2012, before the 2013 numbers", "was 2016 higher than 2013?") is not asked about when
        the release has no figure for the other, which is the year the question asks about."""
        asked = [y for y in years if y not in reference]
        known = set().union(*self.topic_years.values())
        if not asked or len(asked) == len(years) or any(
                y in known or y not in self.checkable_years for y in asked):
            return years
        return asked

    def naming(self, f: Features, value: float) -> Features:
        """The features as if the question had named this figure ("is that number right?"
        after an answer that gave it)."""
        if value in f.numbers:
            return f
        terms = f.terms | self.value_topics.get(value, set()) | {"stats", "@figure"}
        return dataclasses.replace(f, numbers=(*f.numbers, value), terms=frozenset(terms))


def either_year(tokens: Sequence[str]) -> bool:
    """Whether two years are set side by side as choices: "2020 or 2021"."""
    return any(a.isdecimal() and len(a) == 4 and b == "or" and c.isdecimal() and len(c) == 4
               for a, b, c in zip(tokens, tokens[1:], tokens[2:], strict=False))
