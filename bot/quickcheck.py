"""Provides ``found`` (and ``found_in``): whether a regular expression matches somewhere in a
text, with a quick "no" for most texts that hold none of what any match needs.

The safety layer's cues of other languages are one alternation of hundreds of strings, many in
scripts written without spaces, so they are looked for anywhere in the text: one ``search``
tries all of them at every position (about a fiftieth of a millisecond for a short question).
What every match holds (``bot.lexneeds``: whole words, or else strings) is looked up first;
the strings, when many, each filed under one of their three-character pieces, the
rarest-looking, so that a text is cut into its pieces once rather than searched for each
string. Only a text that may match is searched, so the answer is the regular expression's own.
(For a small pattern a search costs no more than the check: the layer checks only its largest
this way.) ``found_in`` checks the whole words a pattern needs against a text's words found
once, for the many patterns the safety layer looks for in one message.
"""

from __future__ import annotations

import re

from bot.lexneeds import needs_of, text_words
from bot.lexpatterns import PLAIN_FIRST  # searches made the plain way before a check is made

GRAM = 3
# So few strings are looked for each in turn, without cutting the text into pieces.
FEW = 8
# English letters from the most to the least common: a piece with rarer letters (or letters of
# another alphabet) is found in fewer English questions, so fewer are searched in full.
_COMMON = " etaoinsrhldcumfpgwybvkxjqz"


def _rarity(piece: str) -> int:
    return sum(_COMMON.index(c) if c in _COMMON else len(_COMMON) * 2 for c in piece)


class Check:
    """What any match of one pattern needs, arranged for quick look-ups."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.words, strings = needs_of(pattern)
        self.known = bool(self.words or strings)
        self.short = tuple(s for s in strings if len(s) < GRAM)
        self.by_piece: dict[str, list[str]] = {}
        for s in strings:
            if len(s) >= GRAM:
                pieces = [s[n:n + GRAM] for n in range(len(s) - GRAM + 1)]
                self.by_piece.setdefault(max(pieces, key=lambda p: (_rarity(p), p)), []).append(s)
        self.pieces = frozenset(self.by_piece)

    def may_match(self, text: str) -> bool:
        """False only when no match can be in the text."""
        if not self.known:
            return True
        if self.words:
            words = text_words(text)
            return all(not need.isdisjoint(words) for need in self.words)
        if any(s in text for s in self.short):
            return True
        if len(self.by_piece) <= FEW:
            return any(s in text for strings in self.by_piece.values() for s in strings)
        pieces = {text[n:n + GRAM] for n in range(len(text) - GRAM + 1)} & self.pieces
        return any(s in text for p in pieces for s in self.by_piece[p])


def check_of(pattern: re.Pattern[str]) -> Check | None:
    """The pattern's check, made at its ``PLAIN_FIRST``-th search (None before: a process
    that answers one question never pays for reading the pattern). Looked up by identity: a
    pattern's own hash reads its whole compiled program, longer than a search of a short text."""
    kept = _CHECKS.get(id(pattern))
    if kept is None or kept[0] is not pattern:  # (the pattern is kept: its id is not reused)
        if len(_CHECKS) >= MAX_CHECKS:
            _CHECKS.clear()
        kept = _CHECKS[id(pattern)] = (pattern, 0)
    check = kept[1]
    if isinstance(check, Check):
        return check
    if check + 1 < PLAIN_FIRST:
        _CHECKS[id(pattern)] = (pattern, check + 1)
        return None
    made = Check(pattern)
    _CHECKS[id(pattern)] = (pattern, made)
    return made


MAX_CHECKS = 512
_CHECKS: dict[int, tuple[re.Pattern[str], Check | int]] = {}


def found(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``pattern.search(text)`` finds a match."""
    check = check_of(pattern)
    return (check is None or check.may_match(text)) and pattern.search(text) is not None


def found_in(pattern: re.Pattern[str], text: str, words: set[str]) -> bool:
    """Whether ``pattern.search(text)`` finds a match, for a text whose words are known
    (``words``: ``bot.lexneeds.text_words(text)``, found once for many patterns): a pattern
    with whole words it needs is searched only in a text with a word of each of their sets (a
    text without cannot match it); any other pattern is searched, as a search of its strings
    costs about what the search does."""
    check = check_of(pattern)
    if check is not None and (needs := check.words) and (needs[0].isdisjoint(words) or any(
            w.isdisjoint(words) for w in needs[1:])):
        return False
    return pattern.search(text) is not None
