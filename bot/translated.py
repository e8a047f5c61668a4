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

A message read only in part is not answered on the part read (``read_in_part``): where the words
the reader left as typed, in no language it knows, are at least two and as many as the words it
rendered ("¿Quién publicó este comunicado de prensa?" renders "who" and "release" and leaves
"publicó" and "este") and no year is named, the matcher's answer is set aside and the message is
weighed as one it could not read (the help numbers first, then that it was not read; the
classifier's class, heard in the reader's rendering, where the rule answers it). And its
fallback names the media line only to an asker known to be the press (``known_asker``): "press"
read in such a message ("δελτίο τύπου", a press release) is what is asked about, not who asks.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from typing import TYPE_CHECKING

from bot import punctuation
from bot.features import Features
from bot.matching import Match, Matcher
from bot.safety import assess

if TYPE_CHECKING:
    from bot.dialogue import Conversation

_WORD = punctuation.LETTERS  # letters, with the combining marks in a word (Indic scripts)
MIN_WORDS = 2  # one word alone ("gracias") is read as it is
# Fewer letters than this is mostly a language's articles and particles ("el", "ο", "ما"),
# which carry little of what is asked, read or not.
MIN_LETTERS = 3
MIN_UNRENDERED = 2  # one word left ("комитета" beside "who" and "chair") is read around


def _letters_beyond_latin(text: str) -> bool:
    """Whether most letters are of another script than Latin (Greek, Cyrillic, Arabic, ...)."""
    if text.isascii():
        return False  # every ASCII letter is a Latin one (most messages: no names looked up)
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


def _letters(word: str) -> int:
    """How many letters a word has, its combining marks not counted: a vowel sign or a
    virama is part of a letter ("मैं", I, is one letter with two marks, as short as "el")."""
    return sum(c.isalpha() for c in word)


def unrendered(matcher: Matcher, question: str) -> tuple[list[str], int]:
    """The words of a message the reader left as typed in no language it knows, and how many
    words it read (rendered or typed in English or its own vocabulary, the releases' names
    among it, with the years and figures named; none of its stopwords). A misspelling of a word
    it knows, which the reader corrects ("natonal"), is read; a word with a letter English does
    not write ("publicó") is no misspelling of English, whatever word it looks like. Words of
    fewer than ``MIN_LETTERS`` letters (``_letters``) are not counted either way."""
    reader = matcher.reader
    left: list[str] = []
    read = 0
    for word in reader.normalise(question).split():
        if word.isdecimal():
            read += 1  # a year or a figure, the same in any language
        elif (_letters(word) < MIN_LETTERS or not _WORD.fullmatch(word)
              or word in reader.stopwords):
            continue
        elif word in reader.vocab or word in reader.english or word in reader.concepts:
            read += 1  # (the concepts hold the releases' names: "Ciara Mensah")
        elif not word.isascii() or reader.tokens(word) == [word]:
            left.append(word)
        else:
            read += 1  # a misspelling the reader corrects
    return left, read


def read_in_part(matcher: Matcher, question: str, f: Features,
                 match: Match | None) -> tuple[Match | None, bool]:
    """The matcher's answer to weigh, and whether the message is one the reader could not read:
    mostly in another language and unanswered (``Features.foreign``), or answered on a message
    in another language read only in part (``unrendered``: at least ``MIN_UNRENDERED`` words
    left, and as many as it read) that names no year: that answer is set aside, unless it is
    the priority (safeguarding) answer."""
    if match is None or match.intent.priority:
        # Unanswered: not read only if mostly in another language (a message the matcher
        # cannot answer is weighed as before: the rule's safeguarding class stays open to it).
        return match, match is None and f.foreign
    if f.years or not in_another_language(matcher, question):
        # A year is written alike in every language: a figure asked for by its year is asked
        # in the words read (two NRM questions for 2017, in French and Arabic, were answered).
        return match, False
    left, read = unrendered(matcher, question)
    if len(left) >= MIN_UNRENDERED and len(left) >= read:
        return None, True
    return match, False


def known_asker(f: Features, conversation: Conversation | None, unread: bool) -> Features:
    """The reading as its fallback routes it: in a message the reader could not read
    (``unread``), the press only where known (said in the conversation, or in the message's
    own words of who asks, the reader's "journalist"), not a word of the press read in it,
    which may be what is asked about ("who published this press release?")."""
    if (not unread or f.audience != "media" or "journalist" in f.terms
            or conversation is not None and conversation.audience == "media"):
        return f
    return replace(f, audience="")
