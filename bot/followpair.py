"""Provides the reading of a follow-up that asks the difference between the two figures just
given ("what's the difference between those two?", "how many more is that?", "and the gap?").

A short follow-up about "that figure" refers to the last figure given (bot/dialogue.py), and
"those two", "the two figures" or "between them" to the last two. What decides is the figures
the conversation actually gave (the last answer's, then the one's before it), never the words
alone: after the 2013 and the 2018 referrals, the two years of one series, the difference is the
series' change between those years (the release's own change, whose answer states it calculated
and labelled); after the NRM total, whose answer gives a count and a share of one year, there is
no change between them to give, so the bot gives those figures again and invents none (the
words alone read it as the London referrals' rise before). Read from the structured knowledge
(figure intents' slots, families and years), never intent names.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.knowledge import Knowledge
from bot.models import Intent
from bot.reading import Features

FIGURE, CHANGE = "figure", "change"  # the question types of one figure, and of a change
# "difference", "diff", "gap", and the reader's "difference between" (read as "definitionq",
# the phrase of "what is the difference between X and Y"): the words of a difference asked for.
DIFFERENCE = frozenset({"difference", "differences", "diff", "gap", "definitionq"})
# "how many more is that?", "how much bigger?": a count of how far one is above the other.
MORE = frozenset({"more", "fewer", "less", "bigger", "higher", "larger", "smaller", "lower"})
HOW_MUCH = frozenset({"howmany", "howmuch"})
# The reader's concepts such a follow-up may carry beside it and still name nothing of its own
# ("the two figures", "between them", "how much did it go up by"): anything else (a place, a
# source, another measure) is a question of its own.
ALONGSIDE = frozenset({"rise", "between", "stats", "fewer", "shortfall", "diff", "definitionq",
                       *HOW_MUCH})


def asks_difference(f: Features) -> bool:
    """Whether a short message asks only how far apart the figures just given are ("what's the
    difference between those two?", "how many more is that?"), naming no year, number or
    subject of its own."""
    words = set(f.tokens)
    asked = bool(words & DIFFERENCE) or bool(words & MORE and f.terms & HOW_MUCH)
    return (asked and f.elliptical and not f.years and not f.numbers and not f.year_offset
            and not f.terms - ALONGSIDE)


def figures_given(knowledge: Knowledge, release: str, given: Sequence[Sequence[str]]
                  ) -> list[Intent]:
    """The one-year figure intents of the figures the conversation gave, the last answer's
    first: the last answer's alone when it gave two or more, else with the answer's before."""
    by_slot = {i.slot: i for i in knowledge.intents
               if i.type == FIGURE and len(i.years) == 1 and i.release == release}
    found: list[Intent] = []
    for answer in given:
        for slot in answer:
            intent = by_slot.get(slot)
            if intent is not None and intent not in found:
                found.append(intent)
        if len(found) >= 2:
            break
    return found


def between_given(knowledge: Knowledge, f: Features, context: Intent,
                  given: Sequence[Sequence[str]]) -> Intent | None:
    """'what's the difference between those two?' after figures (or a change): when the two
    figures last given are one series in two years (one ``family``), the one change of that
    series between those years. When they are not (a count and a share, two measures) or the
    release states no change between them, the answer that gave them, which offers the figures
    and invents no difference; with fewer than two figures given, none."""
    if context.type not in (FIGURE, CHANGE) or not asks_difference(f):
        return None
    pair = figures_given(knowledge, context.release, given)[:2]
    if len(pair) != 2:
        return None
    first, second = pair
    years = {first.years[0], second.years[0]}
    changes = [i for i in knowledge.intents if i.type == CHANGE and i.family == first.family
               and i.release == context.release and set(i.years) == years]
    if first.family and first.family == second.family and len(years) == 2 and len(changes) == 1:
        return changes[0]
    return context  # no change of one series: the figures again, never a difference guessed
