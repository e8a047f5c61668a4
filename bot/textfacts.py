"""Provides the facts of a question's text that no reader's release changes, found once per
text: the numbers typed with thousands separators or as phone numbers, and, of its tokens,
the places it may ask about, whether it opens by saying who asks, the years it counts from
another, whether it asks about after the release, the tokens' stems, whether most of its
letters are in another script, and the words written as names.

``bot.reading.Reader.features`` uses them. One question is read by several readers in a row
(the release chooser's, then each release's it is tried against for "which release?"), all of
which would find the same; the last few texts and token lists are remembered, no more.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from bot import numbers as num
from bot.asker import describes_self, places_asked
from bot.features import after_release, stem, year_offset

# Enough for one question's readings (its clauses, with and without a conversation) in each
# of a few threads at once; questions asked later are read afresh.
REMEMBERED = 32


class TokenFacts(NamedTuple):
    """What ``Reader.features`` finds in a token list alone."""

    places: tuple[str, ...]  # ``asker.places_asked``
    describes_self: bool  # ``asker.describes_self``
    year_offset: int  # ``features.year_offset``
    after_release: bool  # ``features.after_release``
    stems: tuple[str, ...]  # ``features.stem`` of each token
    other_script: bool  # most letters are beyond Latin (in the tokens joined)


@lru_cache(maxsize=REMEMBERED)
def numbers_typed(question: str) -> tuple[frozenset[int], frozenset[str]]:
    """``numbers.grouped_values`` and ``numbers.phone_groups`` of the question as typed."""
    return num.grouped_values(num.whole_numbers(question)), num.phone_groups(question)


@lru_cache(maxsize=REMEMBERED)
def token_facts(tokens: tuple[str, ...]) -> TokenFacts:
    """The facts of these tokens (a reader's reading of a question)."""
    listed = list(tokens)
    other = False  # an ASCII text has no letter beyond Latin (most questions: none counted)
    if not "".join(tokens).isascii():
        letters = [c for t in tokens for c in t if c.isalpha()]
        other = sum(c > "\u024f" for c in letters) * 2 > len(letters) > 0
    return TokenFacts(tuple(places_asked(listed)), describes_self(listed), year_offset(tokens),
                      after_release(listed), tuple(stem(t) for t in tokens), other)


# A word written with a capital inside a sentence ("isn't it Sian Berry?", "did Ofsted say"):
# not the sentence's first word, nor one after a quotation mark or bracket, nor in capitals.
_NAMED = re.compile(r"(?<=[\w,;&)-] )[^\W\d_][^\W\dA-Z_]*(?:['’-][^\W\d_]+)*\b")


@lru_cache(maxsize=REMEMBERED)
def unknown_names(question: str, *known: frozenset[str]) -> frozenset[str]:
    """The words the question writes as names (lower case) that are in none of the ``known``
    word lists: someone or something named that the bot need not know to read the rest ("is
    the chair Sian Berry?" asks who the chair is), neither weighed nor counted as not read.
    A known word written as a name ("the Met", "Modern Slavery") is read as that word."""
    if question.islower():
        return frozenset()  # no capital letter (half the questions): no word written as a name
    # "Oyelaran-Whitfield" is read as its parts, and "O'Neil" as one word ("oneil").
    written = [m.group(0).lower() for m in _NAMED.finditer(question) if m.group(0)[0].isupper()]
    words = {w for name in written for w in (*name.split("-"), re.sub(r"['’-]", "", name))}
    return frozenset(w for w in words if not any(w in k for k in known))


def forget() -> None:
    """Compute every text's facts afresh (the speed benchmark's first hearing of a message)."""
    for remembered in (numbers_typed, token_facts, unknown_names):
        remembered.cache_clear()

