"""Provides ``PatternBlocks``: the lexicon's patterns, applied each in turn to a text as
``Reader.normalise`` does, with the same result sooner.

Most patterns match few texts, and a ``re.sub`` that finds nothing still scans the whole text.
So each pattern is tried only when the text, as that pattern would see it (after every earlier
pattern's substitution), holds a word of each set ``bot.lexneeds.needs_of`` gives for it, or
(for a pattern with no words known: a script written without spaces) one of its strings:
without, the pattern cannot match and would leave the text as it is. The patterns worth a look
are found from the text's words through an index of each pattern's first set, and found again
after each substitution that changes the text. Reading the patterns' words takes some tens of
milliseconds, so the first few texts are read the plain way, each pattern in turn: a process
that answers one question (``pressbot ask``) never pays for it.

Compiling the patterns is some tens of milliseconds too. So what each pattern needs is kept,
by its source, in a cache beside the knowledge (``bot.parsedcache.seed_needs`` fills ``SEEDED``
from it): blocks whose every pattern is known there read even their first text the quick way,
and compile a pattern only when a text has the words it needs. A pattern is in the cache only
once it compiled, so blocks with a pattern not there compile them all when built, as before.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import cast

from bot.lexneeds import Needs, Words, needs_of, text_words

# Texts read the plain way before the patterns' words are read (and every text after, quickly).
PLAIN_FIRST = 16
# A pattern's number, its replacement, the sets of words it needs and, when it needs none
# known, the strings one of which it needs (none known: the pattern is always tried).
Checked = tuple[int, str, tuple[Words, ...], tuple[str, ...]]
Source = tuple[str, str]  # a pattern's source and its replacement

# What patterns need, by their source, read from the cache (at most SEEDED_MAX: a long-running
# process reloading edited lexicons must not grow it without end).
SEEDED: dict[str, Needs] = {}
SEEDED_MAX = 4096


def seed(needs: dict[str, Needs]) -> None:
    """Remember what these patterns need (their sources compiled when the needs were read)."""
    if len(SEEDED) + len(needs) > SEEDED_MAX:
        SEEDED.clear()
    SEEDED.update(needs)


def needs_by_source(patterns: list[re.Pattern[str]]) -> dict[str, Needs]:
    """What each of these compiled patterns needs, by its source (what the cache keeps)."""
    return {p.pattern: needs_of(p) for p in patterns}


class PatternBlocks:
    """The patterns in order, applied to a text; each skipped where it cannot match."""

    def __init__(self, sources: list[Source]) -> None:
        self.sources = sources
        self._compiled: list[re.Pattern[str] | None] = [None] * len(sources)
        known = [SEEDED.get(source) for source, _ in sources]
        self._seeded = None if None in known else cast("list[Needs]", known)
        self._checked: list[Checked] | None = None
        self._always: frozenset[int] = frozenset()  # patterns that need no word known
        self._by_word: dict[str, tuple[int, ...]] = {}  # a word: the patterns its first set has
        self._plain = 0  # texts read the plain way so far
        if self._seeded is None:
            self.patterns()  # compiled now: a pattern that does not compile fails the load

    @property
    def seeded(self) -> bool:
        """Whether every pattern's needs were known from the cache."""
        return self._seeded is not None

    def pattern(self, n: int) -> re.Pattern[str]:
        """The ``n``th pattern, compiled the first time it is wanted."""
        compiled = self._compiled[n]
        if compiled is None:
            compiled = self._compiled[n] = re.compile(self.sources[n][0])
        return compiled

    def patterns(self) -> list[tuple[re.Pattern[str], str]]:
        """Every pattern, compiled, with its replacement, in order."""
        return [(self.pattern(n), words) for n, (_, words) in enumerate(self.sources)]

    def checked(self) -> list[Checked]:
        """Each pattern's number, its replacement and what it needs (in order)."""
        if self._checked is None:
            seeded = self._seeded
            checked: list[Checked] = []
            for n, (_, replacement) in enumerate(self.sources):
                needs, strings = seeded[n] if seeded is not None else needs_of(self.pattern(n))
                checked.append((n, replacement, needs, strings))
            by_word: dict[str, list[int]] = defaultdict(list)
            for n, (_, _, needs, _) in enumerate(checked):
                for word in needs[0] if needs else ():
                    by_word[word].append(n)
            self._always = frozenset(n for n, c in enumerate(checked) if not c[2])
            self._by_word = {w: tuple(ns) for w, ns in by_word.items()}
            self._checked = checked
        return self._checked

    def _worth_trying(self, words: set[str], after: int) -> list[int]:
        """The patterns after ``after`` whose first set of words the text has, in order."""
        by_word = self._by_word
        found = set(self._always).union(*[by_word[w] for w in words & by_word.keys()])
        return sorted(found if after < 0 else (n for n in found if n > after))

    def apply(self, text: str) -> str:
        """The text after every pattern's substitution, in order."""
        if self._checked is None and self._seeded is None and self._plain < PLAIN_FIRST:
            self._plain += 1
            for pattern, replacement in self.patterns():
                text = pattern.sub(replacement, text)
            return text
        checked = self.checked()
        words = text_words(text)
        todo = self._worth_trying(words, -1)
        at = 0
        while at < len(todo):
            n = todo[at]
            at += 1
            _, replacement, needs, strings = checked[n]
            if len(needs) > 1 and any(need.isdisjoint(words) for need in needs[1:]) or (
                    strings and not any(s in text for s in strings)):
                continue  # no word of a later set, or no string: the pattern cannot match
            changed = self.pattern(n).sub(replacement, text)
            if changed != text:
                text = changed
                words = text_words(text)
                todo, at = self._worth_trying(words, n), 0
        return text
