"""Provides what the reader finds in a question (``Features``) and the word forms it shares.

``bot.reading`` builds ``Features``; the matcher, the release chooser, the safeguarding layer
and the conversation read them. ``stem`` makes one word of a plural or third-person form.
"""

from __future__ import annotations

from dataclasses import dataclass


def stem(word: str) -> str:
    """A word without its plural or third-person "s", so that "recommends" and "recommend",
    "drivers" and "driver", "libraries" and "library" are one word."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"  # "libraries", "library"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


# "five years later", "a year on", "5 years before that": a span counted from the year being
# discussed, forwards or backwards.
LATER = frozenset({"later", "after", "on", "afterwards"})
EARLIER = frozenset({"earlier", "before", "previously", "prior"})


def year_offset(tokens: tuple[str, ...] | list[str]) -> int:
    """How many years a question counts from the year being discussed: +5 for "five years
    later" (read as "5 years later"), -1 for "a year earlier"; 0 when it counts none."""
    for n in range(len(tokens) - 2):
        count, unit, side = tokens[n:n + 3]
        # A count of years is small ("2013 years" is no span); "a year later" counts one.
        if unit not in ("year", "years") or not (
                count in ("a", "one") or count.isdecimal() and len(count) <= 2):
            continue
        years = int(count) if count.isdecimal() else 1
        if side in LATER:
            return years
        if side in EARLIER:
            return -years
    return 0


@dataclass(frozen=True)
class Features:
    """What the reader found in a question."""

    text: str
    tokens: tuple[str, ...]
    terms: frozenset[str]
    years: tuple[int, ...]
    numbers: tuple[float, ...]
    audience: str
    after_hours: bool
    unknown: tuple[str, ...]
    offtopic: tuple[str, ...]
    elliptical: bool
    foreign: bool = False  # mostly words of another language, or another script
    # Its words that name the release's topic (its headline's or figures' words: "carers",
    # "bus", "driver"), as typed: the safeguarding layer reads a sign of harm beside
    # them ("unpaid carers", "bus driver safety") as the topic, not as a person harmed.
    topics: frozenset[str] = frozenset()
    # Years counted from the year being discussed ("five years later": +5; ``year_offset``).
    year_offset: int = 0
