"""Provides what the reader finds in a question (``Features``), the word forms it shares and
the token tests it uses (a year counted from another, a question about after the release).

``bot.reading`` builds ``Features``; the matcher, the release chooser, the safeguarding layer
and the conversation read them. ``stem`` makes one word of a plural or third-person form.
"""

from __future__ import annotations

from dataclasses import dataclass

# What happened after a release was published is never in it: a question about an action or a
# change ("changed", "done", "implemented") said to come after ("yet", "in the end", "after
# this", "so far", "since" at the end or before "then", "this", "it") or still to come ("going
# to implement") asks what the release cannot say. It reads as the lexicon's off-topic marker
# for that (``AFTER_RELEASE``). Not "since the pandemic", "since 2013": a point in the past the
# release may cover; nor "will": "nothing will change", said in passing, asks nothing about it.
AFTER_RELEASE = "afterdata"
ACTION_WORDS = frozenset({"change", "changed", "changes", "happen", "happened", "done",
                          "implement", "implemented", "act", "acted", "adopt", "adopted",
                          "accept", "accepted", "improved", "updated", "gone", "progress"})
LATER_WORDS = frozenset({"yet", "anymore", "eventually", "afterwards"})
SINCE_NOW = frozenset({"", "then", "this", "that", "it", "publication"})
LATER_PHRASES = (("in", "the", "end"), ("so", "far"), ("after", "this"), ("after", "that"),
                 ("after", "it"))


# "Did the mayor do what they asked?", "and did he do any of it?": whether what was asked for was
# done, asked yes or no in the past or the perfect, is after the release too (the release
# asks; it cannot say what was done). What was asked is named after the verb of doing: "did
# they ask the mayor to do anything?" asks what the release says.
DONE_OPENERS = frozenset({"did", "has", "have", "didnt", "hasnt", "havent"})
DOING = ACTION_WORDS | {"do"}
WHAT_WAS_ASKED = frozenset({"asked", "recommended", "wanted", "requested", "demanded"})
OPENING_WORDS = frozenset({"and", "so", "but", "ok", "okay"})
# Words that ask about the present ("is it still", "now", "today"): what no release can say
# either, beside a question about what happened after it.
NOW_WORDS = frozenset({"now", "still", "currently", "today", "nowadays", "anymore", "latest",
                       "current"})


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
    later" (read as "5 years later"), -1 for "a year earlier" or "the year before"; 0 when it
    counts none ("the previous year" is read with the years counted from now)."""
    for n in range(len(tokens) - 2):
        count, unit, side = tokens[n:n + 3]
        if (count == "the" and unit == "year" and side in LATER | EARLIER
                and tuple(tokens[n + 3:n + 4]) != ("last",)):
            return 1 if side in LATER else -1  # "the year before" (not "the year before last")
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

    @property
    def written_years(self) -> set[int]:
        """The four-digit numbers as written, which ``years`` may have read otherwise: as the
        year of the figure named ("187 in 2012?" checks 2013) or as the release's date."""
        return {int(t) for t in self.tokens if t.isdecimal() and len(t) == 4}


def after_release(tokens: list[str]) -> bool:
    """Whether a question asks about an action or a change after the release
    (``AFTER_RELEASE``)."""
    if was_done(tokens):
        return True
    if not ACTION_WORDS & set(tokens):
        return False
    for n, t in enumerate(tokens):
        nxt = tokens[n + 1] if n + 1 < len(tokens) else ""
        if t in LATER_WORDS or t == "since" and nxt in SINCE_NOW:
            return True
        if t == "going" and nxt == "to" and tokens[n + 2:n + 3] and tokens[n + 2] in ACTION_WORDS:
            return True
        if any(tuple(tokens[n:n + len(p)]) == p for p in LATER_PHRASES):
            return True
    return False


def was_done(tokens: list[str]) -> bool:
    """Whether a question asks, yes or no, if what was asked for was done ("did Sadiq Khan do
    what they asked?", "and did he actually do any of it?"): an opener of the past or the
    perfect, a verb of doing, and after it what was asked ("what they asked", "any of it")."""
    words = [t for t in tokens[:2] if t in OPENING_WORDS]
    rest = tokens[len(words):]
    if not rest or rest[0] not in DONE_OPENERS:
        return False
    doing = next((n for n, t in enumerate(rest) if t in DOING), None)
    if doing is None:
        return False
    after = rest[doing + 1:]
    return bool(set(after) & WHAT_WAS_ASKED) or any(
        after[n:n + 3] == ["any", "of", "it"] for n in range(len(after)))
