"""Provides the reader's bounded memories, shared by every reader of one lexicon in a process:
the texts it has normalised, the last texts read once that memo is full, and a typo's best
correction among the lexicon's own words.

``bot.reading.Reader`` reads and fills them; ``bot.parsedcache`` seeds the normalised texts from
disk at start-up (``normalised_texts``).
"""

from __future__ import annotations

from bot.models import Lexicon

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
