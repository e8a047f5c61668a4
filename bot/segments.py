"""Provides reading a long message part by part: ``best_part(matcher, question, features)``.

A formal letter or a rambling message often holds one plain question among greetings,
introductions and sign-offs, and read as a whole it explains too little of itself to match
anything. When the whole message matches nothing, each sentence (and each pair of neighbouring
sentences, for a question split in two) is read on its own, with what the whole message says
about who is asking and when; the best part that is understood answers, and a part that asks
for help for a possible victim comes first. A message that shows signs of a victim is read part
by part even when the whole matched something else.
"""

from __future__ import annotations

import dataclasses
import re

from bot.matching import Match, Matcher
from bot.reading import PLACES, Features

# Sentence ends, line breaks, and the joins of a run-on message ("..., also ...").
_BREAKS = re.compile(r"(?<=[.!?])\s+|\s*[\r\n]+\s*|;\s+|\s+(?:-|–|—)\s+|,\s+(?=also\b|and also\b)")
_WRAPPED = re.compile(r"(?<=[\w,])[ \t]*\n(?=[ \t]*[a-z])")
MIN_WORDS = 3  # fewer words than this is a greeting, a name or a sign-off, not a question
MAX_PARTS = 12


def parts(question: str) -> list[str]:
    """The message's sentences and neighbouring pairs of them, when it has more than one."""
    # A line that runs on in lower case is a wrapped line of the same sentence.
    question = _WRAPPED.sub(" ", question)
    pieces = [p.strip() for p in _BREAKS.split(question) if p and p.strip()]
    pieces = [p for p in pieces if len(p.split()) >= MIN_WORDS][:MAX_PARTS]
    if len(pieces) < 2:
        return []
    return pieces + [f"{a} {b}" for a, b in zip(pieces, pieces[1:], strict=False)]


def reread(matcher: Matcher, question: str, whole: Features, match: Match | None) -> Match | None:
    """The match for the whole message, or a better one from its parts: when the whole matched
    nothing, or when it shows signs of a victim that a part may ask about on its own (a message
    that also asks about figures is no longer a request for help as a whole)."""
    small_talk = match is not None and match.intent.family == "smalltalk"
    if match is not None and not small_talk and (
            match.intent.priority or not _signs_of_need(matcher, whole)):
        return match
    part = best_part(matcher, question, whole)
    if part is None:
        return match
    # "Good day. In my notes the rise is 1.155%. Is that right?" is more than a greeting.
    if match is None or small_talk or part.intent.priority > match.intent.priority:
        return part
    return match


def _signs_of_need(matcher: Matcher, f: Features) -> bool:
    """Whether the question hits a strong keyword of a priority intent (safeguarding's)."""
    return any(f.terms & {k for k, w in p.intent.keywords.items() if w >= 2}
               for p in matcher.profiles if p.intent.priority)


def best_part(matcher: Matcher, question: str, whole: Features) -> Match | None:
    """The best match among the parts of a message, a priority intent first."""
    found: list[Match] = []
    for text in parts(question):
        f = matcher.features(text)
        # Who is asking and when may be said in another sentence than the question.
        # So do the facets the release has nothing on ("by gender"); places are left out, as
        # "I am a student from Romania" says who is asking, not what about.
        blockers = tuple(t for t in whole.offtopic if t not in PLACES and t not in f.offtopic)
        f = dataclasses.replace(f, audience=f.audience or whole.audience,
                                after_hours=f.after_hours or whole.after_hours,
                                offtopic=f.offtopic + blockers)
        if f.elliptical:
            continue  # "is that right?" means nothing without the sentence before it
        match = matcher.decide(f)
        if match is not None and match.intent.family != "smalltalk":
            found.append(match)
    if not found:
        return None
    return max(found, key=lambda m: (m.intent.priority, m.score))
