"""Provides the reader's bounded memories, shared by every reader of one lexicon in a process:
the texts it has normalised, the last texts read once that memo is full, and a typo's best
correction among the lexicon's own words; and each reader's own last readings of whole
messages (``Readings``).

``bot.reading.Reader`` reads and fills them; ``bot.parsedcache`` seeds the normalised texts from
disk at start-up (``normalised_texts``).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from bot.models import Lexicon

K = TypeVar("K", bound=Hashable)
R = TypeVar("R")

# Normalised texts remembered per lexicon (see ``memo_for``): the intents' examples and the
# release texts are read by every reader built on a lexicon, and again for the intents'
# profiles; a question by the release chooser's reader and each release's. Bounded (at most
# about 10 MB of the longest questions): once full, further texts are read each time.
MEMO_SIZE = 5_000
MEMO_LEXICONS = 8
_MEMOS: dict[tuple[object, ...], dict[str, str]] = {}
# Once the memo is full (many releases' examples fill it), the last few texts read are still
# remembered apart: one question is read by the chooser's reader and by each release's it is
# tried against ("which release?"), all sharing the lexicon. Cleared when full.
RECENT_SIZE = 64
_RECENT: dict[tuple[object, ...], dict[str, str]] = {}
# A typo's best correction among the lexicon's own words, shared by every reader with the same
# such words (each release's reader corrects a question it is tried against). Bounded.
CORRECTED_SIZE = 2_048
_CORRECTED: dict[tuple[str, ...], dict[str, tuple[str, float] | None]] = {}
# A reader's readings of whole messages (``Readings``): one message is read several times while
# it is answered (by the engine, the check of its opening, the classifier's heard text, a second
# question's), and a long-running bot hears the same short messages again ("thanks", "hi").
# Per reader (each release's matcher has one), so bounded small: a reading is a few KB.
READINGS_SIZE = 512


def memo_key(lex: Lexicon) -> tuple[object, ...]:
    """What ``Reader.normalise`` depends on in a lexicon: its typos, phrases and patterns."""
    return (tuple(lex.typos.items()), tuple({k.lower(): v for k, v in lex.phrases.items()}
                                            .items()), tuple(lex.patterns.items()))


def normalised_texts(lex: Lexicon) -> dict[str, str]:
    """The texts normalised so far by readers of this lexicon (live: later reads add to it)."""
    return memo_for(memo_key(lex))


def memo_for(key: tuple[object, ...]) -> dict[str, str]:
    """The normalised texts of readers with these typos, phrases and patterns (all that
    ``Reader.normalise`` depends on), shared by every such reader in the process: the release
    chooser's, each release's matcher's. The key is the lexicon parts themselves, compared in
    full, so readers of different lexicons never share."""
    memo = _MEMOS.get(key)
    if memo is None:
        if len(_MEMOS) >= MEMO_LEXICONS:
            _MEMOS.clear()  # many lexicons in one process (tests): start again
            _RECENT.clear()
        memo = _MEMOS[key] = {}
        _RECENT[key] = {}
    return memo


def corrected_for(choices: tuple[str, ...]) -> dict[str, tuple[str, float] | None]:
    """The corrections found so far among these (the lexicon's) words, by every reader."""
    found = _CORRECTED.get(choices)
    if found is None:
        if len(_CORRECTED) >= MEMO_LEXICONS:
            _CORRECTED.clear()
        found = _CORRECTED[choices] = {}
    return found


def recent_for(key: tuple[object, ...]) -> dict[str, str]:
    """The last texts read by readers of this lexicon once its memo is full (``memo_for``
    first)."""
    return _RECENT.setdefault(key, {})


class Readings(Generic[K, R]):
    """One reader's last readings of whole texts (``Reader.features``), each text read once:
    the reading is a function of the text alone while the reader reads with the parts it was
    built with; or any other such function's last results by their key (a matcher's rankings
    of readings: ``Matcher.rank``). Bounded (``size``, else ``READINGS_SIZE``): once full it
    starts again (one look-up or assignment at a time, so threads sharing a reader see a whole
    reading or none)."""

    __slots__ = ("_read", "_kept", "_size", "__weakref__")

    def __init__(self, read: Callable[[K], R], size: int | None = None) -> None:
        self._read = read
        self._kept: dict[K, R] = {}
        self._size = size
        _ALL_READINGS.add(self)

    def forget(self) -> None:
        """Read every text afresh from now on."""
        self._kept.clear()

    def __len__(self) -> int:
        return len(self._kept)

    def kept(self, text: K) -> R | None:
        """The reading of ``text`` if it is kept, else None (nothing is read)."""
        return self._kept.get(text)

    def get(self, text: K) -> R:
        """The reading of ``text``, read now only if it is not kept."""
        kept = self._kept
        try:
            return kept[text]
        except KeyError:
            pass
        reading = self._read(text)
        if len(kept) >= (self._size or READINGS_SIZE):
            kept.clear()
        kept[text] = reading
        return reading


# Every reader's readings, for ``snapshot`` (weak: a reader's lifetime is its own).
_ALL_READINGS: weakref.WeakSet[Readings[Any, Any]] = weakref.WeakSet()


def snapshot() -> Callable[[], None]:
    """A way back to this module's memories as they are now: the speed benchmark times each
    message as heard for the first time (a batch of new questions), not as remembered from an
    earlier pass. The memos are put back in place, since each reader holds the dicts
    themselves; every reader's readings are forgotten."""
    tables: tuple[dict[Any, dict[Any, Any]], ...] = (_MEMOS, _RECENT, _CORRECTED)
    kept = [{key: dict(memo) for key, memo in table.items()} for table in tables]

    def restore() -> None:
        for table, before in zip(tables, kept, strict=True):
            for key, memo in table.items():
                memo.clear()  # a memo begun since is emptied: the same first hearing
                memo.update(before.get(key, {}))
        for readings in list(_ALL_READINGS):
            readings.forget()
    return restore

