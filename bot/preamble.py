"""Provides the question of a message that opens by saying who is asking.

Journalists often open with who they are and where they work before they ask ("Local radio
here. In one line, what's the rise?", "Sub-editor: need the exact title of the release",
"Hi, I'm a reporter at a local weekly. What can you help with?"). Read as a whole, the opening's
words of the press ("radio", "podcast", "editor") weigh as much as the question's own and pull
the reading towards the press line or an interview, which nobody asked for. The opening says who
asks, which routes the answer; the rest says what is asked. ``opening_read`` reads the rest as
the question, asked by whom the opening says (as ``bot.segments.clause_read`` reads one clause
of a two-part message).
"""

from __future__ import annotations

import dataclasses
import re

from bot.asker import QUESTION_WORDS
from bot.matching import Matcher
from bot.reading import Features

# Where an opening ends: a sentence's end, a line break, a colon or a dash between words
# ("Sub-editor: ...", "Student journalist on a placement - my editor wants ...").
_ENDS = re.compile(r"(?<=[.!])\s+|\s*[\r\n]+\s*|:\s+|\s+(?:-|–|—)\s+")
MIN_REST = 3  # fewer words than this after the opening is no question of its own
MAX_OPENING = 2  # sentences that may only say who is asking before the question
# The reader's concepts of who asks, and of the outlets and greetings they open with ("radio",
# "podcast" are read as an interview's words too): an opening with nothing else says who asks.
WHO_ASKS = frozenset({"journalist", "media", "citizen", "interview", "greeting"})
# Each audience said as the reader reads it at the start of a message.
ASKERS = {"media": "journalist", "public": "member of the public"}


def _says_who(matcher: Matcher, piece: str) -> bool:
    """Whether a sentence only says who is asking ("Lobby correspondent", "Greek community paper
    here", "Hi, I'm a reporter at a local weekly in east London"): it names an audience, asks
    nothing (no question word, no "?"), names no year or number, and without the words of who
    asks it reads as nothing ("Duty press officer at the London Assembly", "I'm subbing a piece
    that says the Met must hire detectives" ask for a line or name a recommendation)."""
    if "?" in piece:
        return False
    f = matcher.features(piece)
    if not f.audience or set(f.tokens) & QUESTION_WORDS or f.years or f.numbers:
        return False
    return matcher.decide(dataclasses.replace(f, terms=f.terms - WHO_ASKS)) is None


def opening_read(matcher: Matcher, question: str, whole: Features) -> Features | None:
    """The question after an opening that only says who is asking, read as asked by them (as
    "journalist: ..." or "member of the public: ...": a number asked for by someone who said
    who they are is a phone number) and at the time the whole message says; None when the
    message has no such opening, or nothing after it long enough to be a question."""
    if whole.audience not in ASKERS:  # no asker said: no opening to read (and no work done)
        return None
    rest, said = question.strip(), 0
    while said < MAX_OPENING:
        found = _ENDS.search(rest)
        if found is None or not _says_who(matcher, rest[:found.start()]):
            break
        rest, said = rest[found.end():].strip(), said + 1
    if not said or len(rest.split()) < MIN_REST:
        return None
    f = matcher.features(f"{ASKERS[whole.audience]}: {rest}")
    return dataclasses.replace(f, audience=whole.audience,
                               after_hours=f.after_hours or whole.after_hours)
