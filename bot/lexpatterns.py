"""Provides ``PatternBlocks``: the lexicon's patterns, applied each in turn to a text as
``Reader.normalise`` does, with the same result sooner for a long text.

In a long text, a few patterns at a time are first looked for as one alternation: where none
of them matches, each would leave the text as it is, so they are skipped (about half the time
of trying each pattern over a long message). The alternations are compiled at the first long
text, not at start-up.
"""

from __future__ import annotations

import re

# A text this long (normalised, in characters) has the lexicon's patterns looked for a block
# at a time first (``pattern_blocks``); a shorter one is quicker to read pattern by pattern.
LONG_TEXT = 120
PATTERN_BLOCK = 4
# One alternation of a few patterns (None: always try them), and the patterns themselves.
PatternBlock = tuple["re.Pattern[str] | None", list[tuple["re.Pattern[str]", str]]]
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")


def pattern_blocks(patterns: list[tuple[re.Pattern[str], str]]) -> list[PatternBlock]:
    """The patterns in order, in blocks of up to ``PATTERN_BLOCK``, each with one regex that
    matches where any of them does. A pattern that refers back to a group of its own (whose
    number would change in an alternation) is a block of its own, always tried."""
    blocks: list[PatternBlock] = []
    run: list[tuple[re.Pattern[str], str]] = []

    def close() -> None:
        if run:
            try:
                either = re.compile("|".join(f"(?:{p.pattern})" for p, _ in run))
            except re.error:
                either = None
            blocks.append((either, list(run)))
            run.clear()

    for pattern, words in patterns:
        if _BACKREFERENCE.search(pattern.pattern) or pattern.flags & ~re.UNICODE:
            close()
            blocks.append((None, [(pattern, words)]))
            continue
        run.append((pattern, words))
        if len(run) == PATTERN_BLOCK:
            close()
    close()
    return blocks


class PatternBlocks:
    """The patterns in order, applied to a text; blocks are built at the first long text."""

    def __init__(self, patterns: list[tuple[re.Pattern[str], str]]) -> None:
        self.patterns = patterns
        self._blocks: list[PatternBlock] | None = None

    def apply(self, text: str) -> str:
        """The text after every pattern's substitution, in order."""
        if len(text) < LONG_TEXT:
            for pattern, words in self.patterns:
                text = pattern.sub(words, text)
            return text
        if self._blocks is None:
            self._blocks = pattern_blocks(self.patterns)
        for block, members in self._blocks:
            if block is None or block.search(text):
                for pattern, words in members:
                    text = pattern.sub(words, text)
        return text
