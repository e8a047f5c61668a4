"""Provides ``PatternBlocks``: the lexicon's patterns, applied each in turn to a text as
``Reader.normalise`` does, with the same result sooner.

Most patterns match few texts, and a ``re.sub`` that finds nothing still scans the whole text.
So each pattern is tried only when the text, as that pattern would see it (after every earlier
pattern's substitution), holds a word of each set ``bot.lexneeds.needed_words`` gives for it:
without one, the pattern cannot match and would leave the text as it is. The words are read
from the patterns at the first text, not at start-up.
"""

from __future__ import annotations

import re

from bot.lexneeds import Words, needed_words, text_words

Checked = tuple["re.Pattern[str]", str, tuple[Words, ...]]


class PatternBlocks:
    """The patterns in order, applied to a text; each skipped where it cannot match."""

    def __init__(self, patterns: list[tuple[re.Pattern[str], str]]) -> None:
        self.patterns = patterns
        self._checked: list[Checked] | None = None

    def checked(self) -> list[Checked]:
        """Each pattern, its replacement and the sets of words it needs (in order)."""
        if self._checked is None:
            self._checked = [(p, w, tuple(needed_words(p))) for p, w in self.patterns]
        return self._checked

    def apply(self, text: str) -> str:
        """The text after every pattern's substitution, in order."""
        words = text_words(text)
        for pattern, replacement, needs in self.checked():
            for need in needs:
                if need.isdisjoint(words):
                    break  # no word of this set: the pattern cannot match this text
            else:
                changed = pattern.sub(replacement, text)
                if changed != text:
                    text = changed
                    words = text_words(text)
        return text
