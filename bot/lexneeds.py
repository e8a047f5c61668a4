"""Provides ``needed_words``: words one of which is a whole word of every text a regular
expression matches, for each of a few such sets.

A text whose words miss one of the sets cannot match, so the lexicon's patterns can be skipped
by set look-ups on the text's words, far cheaper than a ``re.sub`` that finds nothing
(``bot.lexpatterns`` does so with the very text each pattern would see, so nothing changes).
The words are read from the pattern's parsed form (``re._parser``, the parser ``re`` compiles
with): runs of literals, with small alternations and optional parts expanded, and a word counts
only where the pattern bounds it on both sides (a space, ``\\b``, ``^`` or ``$``), so that it is
a whole word (a maximal ``\\w+`` run) of any text matched. Anything not known for sure (``\\w``,
a back-reference, case-insensitive matching) gives no set, never a wrong one: at worst a
pattern is always tried.
"""

from __future__ import annotations

import functools
import re
from itertools import product
from re import _parser  # type: ignore[attr-defined]  # re's own parser (Python 3.11+)
from typing import Any

# At most this many texts stand for one run of a pattern's items (more: the run is cut).
MAX_TEXTS = 64
# Stands in a run's texts for a zero-width edge of a word (\b, ^, $): like a space, it ends
# the word beside it. A character no question holds (normalised text is printable).
EDGE = "\x00"
_EDGES = frozenset({"AT_BOUNDARY", "AT_BEGINNING", "AT_BEGINNING_STRING", "AT_END",
                    "AT_END_STRING"})
_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})
_WORD = re.compile(r"\w")
_WORDS = re.compile(r"\w+")
_PIECES = re.compile(r"(\W)")
Texts = frozenset[str]
Words = frozenset[str]
# Flags under which a pattern's words are not the text's words as read here (case folded, or
# word edges by another alphabet's rules): such a pattern is always tried.
_OTHER_WORDS = re.IGNORECASE | re.ASCII | re.LOCALE


def needed_words(pattern: re.Pattern[str]) -> list[Words]:
    """Sets of words, each with a word of every text the pattern matches; the most telling
    (longest shortest word) first. Empty when none is known."""
    return list(_needed_words(pattern.pattern, pattern.flags))


@functools.lru_cache(maxsize=4096)  # readers of one lexicon share its patterns' words
def _needed_words(source: str, flags: int) -> tuple[Words, ...]:
    if flags & _OTHER_WORDS:
        return ()
    try:
        parsed = _parser.parse(source, flags)
    except (re.error, RecursionError):
        return ()
    found = set(_needs(parsed))
    return tuple(sorted(found, key=lambda s: (-min(map(len, s)), len(s), sorted(s))))


def text_words(text: str) -> set[str]:
    """The whole words of a text as ``needed_words`` means them: its maximal ``\\w+`` runs."""
    return set(_WORDS.findall(text))


def _exact(op: Any, av: Any) -> Texts | None:
    """Every text this item can match (EDGE for a word's edge), when few, else None."""
    name = str(op)
    if name == "LITERAL":
        return frozenset({chr(av)})
    if name == "AT":
        return frozenset({EDGE if str(av) in _EDGES else ""})
    if name in ("ASSERT", "ASSERT_NOT"):
        return frozenset({""})  # looks around, consumes nothing
    if name == "IN":
        chars: set[str] = set()
        for kind, value in av:
            if str(kind) == "LITERAL":
                chars.add(chr(value))
            elif str(kind) == "RANGE" and value[1] - value[0] < MAX_TEXTS:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            else:  # NEGATE, CATEGORY (\w, \d): not a small set
                return None
        return frozenset(chars) if len(chars) <= MAX_TEXTS else None
    if name == "SUBPATTERN":
        return None if av[1] & _OTHER_WORDS else _exact_seq(av[3])
    if name == "BRANCH":
        alternatives = [_exact_seq(b) for b in av[1]]
        if any(a is None for a in alternatives):
            return None
        union = frozenset().union(*alternatives)  # type: ignore[arg-type]
        return union if len(union) <= MAX_TEXTS else None
    if name in _REPEATS:
        low, high, body = av
        one = _exact_seq(body)
        if one is None or high > 3:
            return None
        texts: set[str] = set()
        for times in range(low, high + 1):
            joined = _joined([one] * times)
            if joined is None or len(texts | joined) > MAX_TEXTS:
                return None
            texts |= joined
        return frozenset(texts)
    return None


def _joined(parts: list[Texts]) -> Texts | None:
    """Every concatenation of one text of each part, when few."""
    texts: Texts = frozenset({""})
    for part in parts:
        if len(texts) * len(part) > MAX_TEXTS:
            return None
        texts = frozenset(a + b for a, b in product(texts, part))
    return texts


def _exact_seq(items: Any) -> Texts | None:
    parts = []
    for op, av in items:
        part = _exact(op, av)
        if part is None:
            return None
        parts.append(part)
    return _joined(parts)


def _bounded(text: str) -> list[str]:
    """The words of a run's text that something ends on both sides within it."""
    pieces = _PIECES.split(text)  # words, and the single non-word characters between them
    return [p for n, p in enumerate(pieces) if n % 2 == 0 and 0 < n < len(pieces) - 1 and p]


def _words(texts: Texts) -> Words | None:
    """A word of each text (its longest whole one), or None when a text has none."""
    words = set()
    for text in texts:
        bounded = [w for w in _bounded(text) if _WORD.fullmatch(w[0])]
        if not bounded:
            return None
        words.add(max(bounded, key=lambda w: (len(w), w)))
    return frozenset(words)


def _needs(items: Any) -> list[Words]:
    """Sets of words, each with a word of any text this sequence of items matches."""
    found: list[Words] = []
    run: Texts = frozenset({""})  # every text the current run of exact items can match

    def close() -> None:
        words = _words(run)
        if words:
            found.append(words)

    for op, av in items:
        part = _exact(op, av)
        if part is not None:
            if len(run) * len(part) <= MAX_TEXTS:
                run = frozenset(a + b for a, b in product(run, part))
            else:  # too many texts: this run ends, a new one starts here
                close()
                run = part
            continue
        close()
        run = frozenset({""})
        found += _inner(op, av)
    close()
    return found


def _inner(op: Any, av: Any) -> list[Words]:
    """What an item that matches no small set of texts still needs."""
    name = str(op)
    if name == "SUBPATTERN":
        return [] if av[1] & _OTHER_WORDS else _needs(av[3])
    if name == "ATOMIC_GROUP":
        return _needs(av)
    if name == "BRANCH":
        union: set[str] = set()
        for branch in av[1]:
            best = _needs(branch)
            if not best:
                return []
            union |= max(best, key=lambda s: min(map(len, s)))
        return [frozenset(union)]
    if name in _REPEATS and av[0] >= 1:
        return _needs(av[2])
    return []
