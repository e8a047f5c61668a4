"""Provides the series a question asks about, and the years and sources the release has for it.

A series is a run of figures: named by a topic ("the NRM", "the Met") or, for a count asked
("how many referrals were made in London?"), by the place its counts are for. A question that
asks for a series in a year it does not cover ("NRM figures for 2018", "how many referrals were
made in London in 2017?") has no answer among the release's figures, however near another
figure is: London's share of the 2017 NRM cases is a percentage of the UK's count, not a count
of London's referrals, which the release gives for 2013 and 2018. ``Series.gap`` tells the
matcher so, and ``Series.scope`` gives a fallback the sources and years the release has.
"""

from __future__ import annotations

from collections import defaultdict

from bot.clashes import SHARE_ASKING
from bot.features import Features
from bot.knowledge import Knowledge
from bot.reading import Reader

# The reader's concept of a count asked for ("how many", "the number of").
COUNT_ASKING = "howmany"
# Units that are no count of anything: a share, a ratio or a sum of money.
NOT_COUNTS = frozenset({"percent", "times", "money"})


class Series:
    """The years and sources of each series the loaded releases' figures belong to."""

    def __init__(self, knowledge: Knowledge, reader: Reader) -> None:
        self.topic_years: dict[str, set[int]] = defaultdict(set)
        self.topic_sources: dict[str, set[str]] = defaultdict(set)
        # The counts each place has figures for, by the place's terms ("London": "london").
        self.place_years: dict[str, set[int]] = defaultdict(set)
        self.place_sources: dict[str, set[str]] = defaultdict(set)
        for r in knowledge.releases:
            for fig in r.figures:
                for c in fig.topics:
                    self.topic_years[c] |= fig.years
                    self.topic_sources[c].add(fig.source)
                if fig.unit in NOT_COUNTS or not fig.years:
                    continue
                for t in reader.terms(reader.tokens(fig.place, correct=False)):
                    self.place_years[t] |= fig.years
                    self.place_sources[t].add(fig.source)

    def asked(self, terms: frozenset[str] | set[str]) -> tuple[set[int], set[str]] | None:
        """The years and sources of the series the question names: its topics, or, with none,
        the counts of the places it names where it asks how many and for no share."""
        named = [c for c in terms if c in self.topic_years]
        if named:
            return (set().union(*(self.topic_years[c] for c in named)),
                    set().union(*(self.topic_sources[c] for c in named)))
        if COUNT_ASKING not in terms or terms & SHARE_ASKING:
            return None
        places = [t for t in terms if t in self.place_years]
        if not places:
            return None
        return (set().union(*(self.place_years[t] for t in places)),
                set().union(*(self.place_sources[t] for t in places)))

    def gap(self, f: Features, terms: frozenset[str] | set[str]) -> bool:
        """Whether the question names a series for years it does not cover."""
        if not f.years:
            return False
        series = self.asked(terms)
        return series is not None and not series[0] & set(f.years)

    def scope(self, f: Features) -> tuple[list[str], list[int]] | None:
        """For a fallback: the sources of the series asked about, and the years they cover."""
        series = self.asked(f.terms) if f.years else None
        if series is None or series[0] & set(f.years):
            return None
        return sorted(series[1]), sorted(series[0])
