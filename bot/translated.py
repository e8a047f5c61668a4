"""Provides what the classifier hears of a message in another language: the reader's rendering.

The classifier is fitted on the labelled sets' questions as typed, most of them in English; its
few examples in each other language are mostly a victim's own words. Given a question in a
language it has few examples of, it reads the letters it knows and leans towards safeguarding or
the press line ("Gibt es eine Nummer für Presseanfragen am Wochenende?": safeguarding 0.38,
the press line 0.22; "chi è il presidente della commissione?": the fallback 0.57). The reader
knows more of those languages' words than the classifier (the lexicon's translations: "nummer"
is "number", "wochenende" "weekend", "presidente" "chair"), and renders the message in English
words where it knows them ("gibt es eine number für presseanfragen am weekend"). Of a message
mostly in words English does not know, that the reader rendered in part, the classifier hears
that rendering (``translated``), as it hears the question after an opening (``bot.preamble``).

A message in which the safety layer reads a sign of harm or someone at risk is heard as typed:
the classifier's lean to the help numbers on such words is what the rule weighs for a possible
victim, in whatever language.
"""

from __future__ import annotations

import re
import unicodedata

from bot.matching import Matcher
from bot.safety import assess

_WORD = re.compile(r"[^\W\d_]+")
MIN_WORDS = 2  # one word alone ("gracias") is read as it is


def _letters_beyond_latin(text: str) -> bool:
    """Whether most letters are of another script than Latin (Greek, Cyrillic, Arabic, ...)."""
    letters = [c for c in text if c.isalpha()]
    other = sum(not unicodedata.name(c, "LATIN").startswith("LATIN") for c in letters)
    return bool(letters) and other * 2 > len(letters)


def in_another_language(matcher: Matcher, question: str) -> bool:
    """Whether a message is mostly in words neither English nor the bot's vocabulary knows, as
    typed (before the lexicon translates them), or mostly in another script."""
    reader = matcher.reader
    words = _WORD.findall(question.lower())
    if len(words) < MIN_WORDS:
        return False
    if _letters_beyond_latin(question):
        return True
    strange = [w for w in words if w not in reader.english and w not in reader.vocab]
    return len(strange) * 2 >= len(words)


def translated(matcher: Matcher, question: str) -> str:
    """The reader's English rendering of a message in another language that it rendered in
    part, when the safety layer reads no sign of harm or person at risk in it; else the message
    as typed. A request for a number ("what is the press office's number?") is heard rendered:
    it is what most such messages ask, and the layer has already given the help numbers to one
    that calls for help."""
    if not in_another_language(matcher, question):
        return question
    rendered = matcher.reader.normalise(question)
    typed = set(_WORD.findall(question.lower()))
    if not set(_WORD.findall(rendered)) - typed:
        return question  # nothing rendered: the classifier reads it as typed
    f = matcher.features(question)
    verdict = assess(question, f, matcher.knowledge.safety)
    if verdict.urgent or verdict.signs or verdict.someone_at_risk or verdict.harm:
        return question
    return rendered
