"""Provides what the kept stacker (bot.decision ``keeps``) reads of a follow-up's own words,
beside how the matcher read it through the conversation.

A follow-up that is only a question word and words that name nothing ("and who by?", "who is
he?", "by how much?") asks that question of the subject just discussed: it has no subject of its
own, so the classifier, which reads one message alone, has nothing to read in it, and its
ranking of such a message says nothing against the matcher's reading (``bare``).

A follow-up that names someone or something of its own ("isnt it Jane Smith?", "I
thought it was John Brown") or a number ("a paper said over 1000%, is that the same
thing?"; a year asks for that year's figure, so is none) and that the matcher answers with the
very answer just given is a claim to check against that answer, not a new question misread as
the last one: the answer given again is what it asks for (``repeats``). Both are read from the
message's form (its words against the reader's stopwords and the question words, a run of
capitalised words, the reader's numbers), never from what any release or intent says.
"""

from __future__ import annotations

from collections.abc import Collection

from bot.asker import QUESTION_WORDS
from bot.names import capitalised


def bare(tokens: Collection[str], stopwords: Collection[str]) -> bool:
    """Whether the message is a question word and otherwise only words that name nothing (the
    reader's stopwords): "and who by?", "who is he?", "by how much?"."""
    asked = [t for t in tokens if t in QUESTION_WORDS]
    return bool(asked) and all(t in QUESTION_WORDS or t in stopwords for t in tokens)


def names_own(text: str) -> bool:
    """Whether the message names someone or something by a run of capitalised words ("Jane
    Smith", "Home Office"): a name it offers, whether the release has it or not."""
    return bool(capitalised(text))


def repeats(carried: bool, answer: str | None, last: str | None, text: str,
            numbers: Collection[float]) -> bool:
    """Whether a follow-up answered only with the previous topic's words (``carried``) gets the
    very answer just given (``last``) though it offers no name or number of its own
    (``numbers``: the reader's, years apart) to check against it: the kept stacker's sign of a
    new question misread as the last one. A claim that names someone or a number ("isn't it
    X?", "they had 2,000 something") answered with the answer just given is checked by it."""
    return (carried and answer is not None and answer == last and not names_own(text)
            and not numbers)
