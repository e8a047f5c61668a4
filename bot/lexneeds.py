"""Provides ``needs_of``: what any text a regular expression matches must hold, as sets of
words (each set with a whole word of the text) or, failing those, strings (one of them in it).

A text that lacks a word of each set cannot match, so the lexicon's patterns can be skipped by
set look-ups on the text's words, far cheaper than a ``re.sub`` that finds nothing
(``bot.lexpatterns`` does so with the very text each pattern would see, so nothing changes).
They are read from the pattern's parsed form (``bot.rxparse``, our reader of its syntax):
runs of literals, with small alternations and optional parts expanded, larger alternations each
read in its place. A word counts only where the pattern bounds it on both sides (a non-word
character, ``\\b``, ``^`` or ``$``), so that it is a whole word (a maximal ``\\w+`` run) of
any text matched. Anything not known for sure (``\\w``, a back-reference, case folding) gives
no set, never a wrong one: at worst a pattern is always tried.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from itertools import product
from typing import Any

from bot import rxparse

# At most this many texts stand for one run of a pattern's items (more: the run is cut).
MAX_TEXTS = 64
# How deep alternatives are read each in its place (deeper: each on its own, a weaker set).
MAX_DEPTH = 1
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
Needs = tuple[tuple[Words, ...], tuple[str, ...]]
# Flags under which a pattern's words are not the text's words as read here (case folded, or
# word edges by another alphabet's rules): no words are read from such a pattern.
_OTHER_WORDS = re.IGNORECASE | re.ASCII | re.LOCALE


def needs_of(pattern: re.Pattern[str]) -> Needs:
    """The sets of words a text the pattern matches has a word of each of (the most telling
    first), and, when there are none, strings it holds one of; both empty when none is known."""
    return _needs_of(pattern.pattern, pattern.flags)


def needed_words(pattern: re.Pattern[str]) -> list[Words]:
    """``needs_of``'s sets of words alone."""
    return list(needs_of(pattern)[0])


@functools.lru_cache(maxsize=4096)  # readers of one lexicon share its patterns' needs
def _needs_of(source: str, flags: int) -> Needs:
    if flags & re.IGNORECASE:
        return (), ()
    try:
        parsed = _flat(rxparse.parse(source, flags))
        found = set(_Reading(_words).needs(parsed)) if not flags & _OTHER_WORDS else set()
        strings = [] if found else _Reading(_strings).needs(parsed)
    except (ValueError, IndexError):  # a pattern our reader does not know: nothing known
        return (), ()
    if found:
        return tuple(sorted(found, key=lambda s: (-min(map(len, s)), len(s), sorted(s)))), ()
    return (), tuple(sorted(_best(strings))) if strings else ()


def text_words(text: str) -> set[str]:
    """The whole words of a text as ``needs_of`` means them: its maximal ``\\w+`` runs."""
    return set(_WORDS.findall(text))


def _flat(items: Any) -> list[Any]:
    """The items, each group's own items in its place (a group matches what they match)."""
    flat: list[Any] = []
    for op, av in items:
        if str(op) == "SUBPATTERN" and not av[1] & _OTHER_WORDS:
            flat += _flat(av[3])
        else:
            flat.append((op, av))
    return flat


def _joined(parts: list[Texts]) -> Texts | None:
    """Every concatenation of one text of each part, when few."""
    texts: Texts = frozenset({""})
    for part in parts:
        if len(texts) * len(part) > MAX_TEXTS:
            return None
        texts = frozenset(a + b for a, b in product(texts, part))
    return texts


def _bounded(text: str) -> list[str]:
    """The words of a run's text that something ends on both sides within it."""
    pieces = _PIECES.split(text)  # words, and the single non-word characters between them
    return [p for n, p in enumerate(pieces) if n % 2 == 0 and 0 < n < len(pieces) - 1 and p]


def _words(texts: Texts) -> Words | None:
    """A word of each text (its longest whole one), or None when a text has none."""
    words = set()
    for text in texts:
        bounded = _bounded(text)
        if not bounded:
            return None
        words.add(max(bounded, key=lambda w: (len(w), w)))
    return frozenset(words)


def _strings(texts: Texts) -> Words | None:
    """A string of each text (its longest run of characters), or None when one has none."""
    strings = {max(text.split(EDGE), key=lambda s: (len(s), s)) for text in texts}
    if "" in strings:
        return None
    # A string holding another of the set is found wherever the shorter one is.
    return frozenset(s for s in strings if not any(o != s and o in s for o in strings))


def _ends_words(texts: Texts, at: int) -> bool:
    """Whether every text has a non-word character (or a word's edge) at this end."""
    return all(text and not _WORD.match(text[at]) for text in texts)


def _consumes(op: Any, av: Any) -> bool:
    """Whether the item always consumes: a repeat at least once (a group is flat here)."""
    return str(op) in _REPEATS and av[0] >= 1


def _best(needs: list[Words]) -> Words:
    """The most telling set: the longest shortest word, then the fewest words."""
    return max(needs, key=lambda s: (min(map(len, s)), -len(s)))


class _Reading:
    """One reading of a parsed pattern, turning runs of texts into sets with ``read``; each
    item's texts worked out once (an alternation read in its place reads its neighbours
    again)."""

    def __init__(self, read: Callable[[Texts], Words | None]) -> None:
        self.read = read
        self._exact: dict[int, Texts | None] = {}
        self._keep: list[Any] = []  # the items memoised by id, alive while this reading is

    def exact(self, op: Any, av: Any) -> Texts | None:
        """Every text this item can match (EDGE for a word's edge), when few, else None."""
        key = id(av)
        if key not in self._exact:
            self._keep.append(av)
            self._exact[key] = self._exact_of(str(op), av)
        return self._exact[key]

    def _exact_of(self, name: str, av: Any) -> Texts | None:
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
            return None if av[1] & _OTHER_WORDS else self.exact_seq(av[3])
        if name == "BRANCH":
            alternatives = [self.exact_seq(b) for b in av[1]]
            if any(a is None for a in alternatives):
                return None
            union = frozenset().union(*alternatives)  # type: ignore[arg-type]
            return union if len(union) <= MAX_TEXTS else None
        if name in _REPEATS:
            low, high, body = av
            one = self.exact_seq(body)
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

    def exact_seq(self, items: Any) -> Texts | None:
        parts = []
        for op, av in items:
            part = self.exact(op, av)
            if part is None:
                return None
            parts.append(part)
        return _joined(parts)

    def needs(self, items: list[Any], depth: int = 0) -> list[Words]:
        """Sets, each with a word (or string) of any text this sequence of items matches."""
        found: list[Words] = []
        run: Texts = frozenset({""})  # every text the current run of exact items can match

        def close(texts: Texts) -> None:
            words = self.read(texts)
            if words:
                found.append(words)

        for n, (op, av) in enumerate(items):
            part = self.exact(op, av)
            if part is not None:
                if len(run) * len(part) <= MAX_TEXTS:
                    run = frozenset(a + b for a, b in product(run, part))
                    continue
                # Too many texts: this run ends and a new one starts here, each ending a word
                # where the other surely has a non-word character beside it.
                close(frozenset(t + EDGE for t in run) if _ends_words(part, 0) else run)
                run = frozenset(EDGE + t for t in part) if _ends_words(run, -1) else part
                continue
            close(run)
            # What follows an item whose every match ends with a non-word character, when the
            # run before it did too (or the item always consumes), starts a word: "victim" in
            # "(?:a|my) (?:\\w+ )?victim\\b" is a whole word whether or not the group matched.
            run = (frozenset({EDGE}) if self.ends_apart(op, av)
                   and (_ends_words(run, -1) or _consumes(op, av)) else frozenset({""}))
            name = str(op)
            if name == "BRANCH":
                # Each alternative read in its place, between the items around it (what ends
                # its words, and a start the parser took out of every one: "w(?:ant|hat)"),
                # or, deeper, on its own.
                found += self.either([items[:n] + _flat(b) + items[n + 1:] if depth < MAX_DEPTH
                                      else _flat(b) for b in av[1]], depth)
            elif name == "ATOMIC_GROUP":
                found += self.needs(_flat(av), depth)
            elif name in _REPEATS and av[0] >= 1:
                found += self.needs(_flat(av[2]), depth)
        close(run)
        return found

    def ends_apart(self, op: Any, av: Any) -> bool:
        """Whether every match of this item that consumes a character ends with a non-word
        one: a repeat (or group) whose last item's texts all do."""
        name = str(op)
        if name in _REPEATS:
            body = _flat(av[2])
        elif name == "SUBPATTERN" and not av[1] & _OTHER_WORDS:
            body = _flat(av[3])
        else:
            return False
        if not body:
            return False
        last = self.exact(*body[-1])
        return last is not None and "" not in last and _ends_words(last, -1)

    def either(self, sequences: list[list[Any]], depth: int) -> list[Words]:
        """What one of these sequences, whichever matches, needs: a set of each one's best."""
        union: set[str] = set()
        for sequence in sequences:
            needs = self.needs(sequence, depth + 1)
            if not needs:
                return []
            union |= _best(needs)
        return [frozenset(union)]
