"""Provides ``PhraseJoiner``: the lexicon's phrases joined in a text, as the one alternation
``(?<!\\w)(longest|...|shortest)(?!\\w)`` would join them, with a dictionary look-up per word
instead of trying hundreds of phrases at every position.

A phrase that begins with a word character can only start where a word of the text starts
(nothing of a word before it), and the text's word there is the phrase's first word (the
phrase goes on with a non-word character, or ends, followed by no word character). So only the
phrases filed under that word are tried there, longest first, as the alternation tries them,
and the scan goes on after a match as ``re.sub`` does. A phrase that begins otherwise (none
does in the bundled lexicon) makes the joiner use the alternation itself.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable

_WORD_START = re.compile(r"\w+")
MANY = 4  # phrases starting with one word, from which they are tried as one pattern


class PhraseJoiner:
    """Joins phrases: each key found (as a whole, words on neither side) becomes its value."""

    def __init__(self, keys: Iterable[str], value: Callable[[str], str]) -> None:
        ordered = sorted(keys, key=len, reverse=True)  # the alternation's order
        self._value = value
        self._regex: re.Pattern[str] | None = None  # the alternation, only where it is used
        self._by_first: dict[str, list[str]] | None = defaultdict(list)
        for key in ordered:
            first = _WORD_START.match(key)
            if first is None or first.start() != 0:
                self._by_first = None  # a phrase starting with no word: the alternation
                break
            self._by_first[first.group()].append(key)
        if self._by_first is not None:
            self._by_first = dict(self._by_first)
        else:
            self._regex = re.compile(
                r"(?<![\w])(" + "|".join(map(re.escape, ordered)) + r")(?![\w])")
        # A word many phrases start with ("what", "who"): its phrases tried as one
        # ``(?:longest|...|shortest)(?!\w)`` at the word, which finds the key the loop below
        # would (the first, in that order, that the text has there with no word character
        # after it), in one call. Each is compiled when a text first has its word: compiling
        # them all is tens of milliseconds of a one-question process's start.
        self._many = frozenset(
            first for first, keys in (self._by_first or {}).items() if len(keys) >= MANY)
        self._tried: dict[str, re.Pattern[str]] = {}  # at most one per word of _many

    def _tried_at(self, first: str) -> re.Pattern[str]:
        """The one pattern of the phrases that start with ``first``, longest first."""
        tried = self._tried.get(first)
        if tried is None:
            keys = (self._by_first or {})[first]
            tried = re.compile("(?:" + "|".join(map(re.escape, keys)) + r")(?!\w)")
            self._tried[first] = tried
        return tried

    def join(self, text: str) -> str:
        """The text with every phrase found replaced by its value, left to right."""
        by_first = self._by_first
        if by_first is None:
            assert self._regex is not None  # compiled whenever there is no index
            return self._regex.sub(lambda m: self._value(m.group(1)), text)
        pieces: list[str] = []
        done = 0  # the text before this is copied or replaced
        many = self._many
        for word in _WORD_START.finditer(text):
            start = word.start()
            if start < done:
                continue  # inside the last phrase joined
            first = word.group()
            if first in many:
                found = self._tried_at(first).match(text, start)
                if found is not None:
                    pieces += (text[done:start], self._value(found.group()))
                    done = found.end()
                continue
            for key in by_first.get(first, ()):
                end = start + len(key)
                if text.startswith(key, start) and not _WORD_START.match(text, end):
                    pieces += (text[done:start], self._value(key))
                    done = end
                    break
        if not pieces:
            return text
        pieces.append(text[done:])
        return "".join(pieces)
