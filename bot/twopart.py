"""Provides the answer to a question the matcher matched, in two parts when the message asks a
second question the same release answers ("who is Desai and what did he say?"), and the named
result the engine's matcher step hands on (``MatcherAnswer``).

The second question is found by ``bot.segments.second_question``; a figure always leads its
source ("where is the 2018 figure from, and what is it?"). The classifier may name either part
as the message's main question, so the same two answers led by the second part are kept too
(``Second.led``) for the decision rule (``bot.decision``, rule 3a).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from bot.answers import AnswerBuilder
from bot.dialogue import Conversation
from bot.matching import Features, Match
from bot.models import Answer
from bot.parts import Part
from bot.segments import Second, second_question


class MatcherAnswer(NamedTuple):
    """The matcher's answer from one release, and what the engine needs of how it was read."""

    answer: Answer
    features: Features  # the question as read (through the conversation, if any)
    leans: bool  # it leans on the conversation: the matcher's alone, never second-guessed
    studies: bool  # the safety layer read it as asked for work or study
    also: Second | None  # a second question of the message that the answer also answers


def build(builder: AnswerBuilder, part: Part, text: str, f: Features, match: Match,
          conversation: Conversation | None, now: dt.datetime) -> tuple[Answer, Second | None]:
    """The answer, and a second question it also answers (then it is in two parts)."""
    matcher = part.matcher
    named = [fig.id for r in matcher.knowledge.releases for fig in r.figures
             if fig.value in f.numbers]
    context_figures = named or (conversation.figures_of(part.release) if conversation
                                else None)
    first, second = match, second_question(matcher, text, f, match)
    if second is not None and first.intent.context_figures:
        # "where is the 2018 figure from, and what is it?": the figure, then its source
        first, second = second, first
    answer = builder.build(
        text, first.intent, first.confidence, audience=f.audience,
        after_hours=f.after_hours, now=now,
        context_figures=context_figures, asked_numbers=f.numbers)
    if second is None:
        return answer, None
    # "who is Desai and what did he say?": answer both
    other = builder.build(
        text, second.intent, second.confidence, audience=f.audience,
        after_hours=f.after_hours, now=now,
        context_figures=context_figures or answer.figures or None, asked_numbers=f.numbers)
    led = None if first.intent.context_figures or second.intent.context_figures else (
        builder.combine(other, answer))
    return builder.combine(answer, other), Second(second.intent.id, led)
