"""Provides reading a message part by part: its one question, or a second one.

A formal letter or a rambling message often holds one plain question among greetings,
introductions and sign-offs, and read as a whole it explains too little of itself to match
anything. When the whole message matches nothing, each sentence (and each pair of neighbouring
sentences, for a question split in two) is read on its own, with what the whole message says
about who is asking and when; the best part that is understood answers, and a part that asks
for help for a possible victim comes first. A message that shows signs of a victim is read part
by part even when the whole matched something else. ``second_question`` finds a second
question in the same message ("what's the 2018 figure and where is it from?"), so that the
answer can cover both.
"""

from __future__ import annotations

import dataclasses
import re
from typing import NamedTuple

from bot.answermodels import Answer
from bot.asker import QUESTION_WORDS, introduction
from bot.dialogue import asked_by
from bot.matching import Match, Matcher
from bot.models import Intent
from bot.preamble import TURN_WORDS, opening_read
from bot.reading import ELLIPSIS_STARTS, PLACES, Features
from bot.safety import assess

# Sentence ends, line breaks, and the joins of a run-on message ("..., also ...").
# A colon before a space ends a preamble ("For my thesis on ...: what did ...?"), not a time.
_BREAKS = re.compile(r"(?<=[.!?])\s+|\s*[\r\n]+\s*|[;:]\s+|\s+(?:-|–|—)\s+|"
                     r",\s+(?=also\b|and also\b|(?i:" + TURN_WORDS + "))")
# A word that turns a rambling message to its question ("... and my editor is on my back,
# anyway what I need is the London share"): what follows is asked on its own, pointing back
# at nothing before it.
_TURN = re.compile(TURN_WORDS, re.IGNORECASE)
# Where a message asks a second question: after "?", or "and"/"also" before a question word.
_CLAUSES = re.compile(r"\?+\s*|[,;]?\s+(?:and|also|plus|&)\s+(?=(?:also\s+)?(?:what|whats|what's|"
                      r"who|whos|who's|whom|whose|where|wheres|where's|when|why|how|is|are|was|"
                      r"were|can|could|does|did|do|which|has|have)\b)", re.IGNORECASE)
# Where a request for a line meets the question beside it or what the call is about ("confirm
# the 2013 number and give me someone to call", "who can I speak to about the visa
# recommendation?"): sentence ends, dashes, "and", and the words that name a call's subject
# (``_SUBJECT``), each kept to say how the next piece is joined.
_JOINS = re.compile(r"((?<=[.!?])\s+|[;:]\s+|\s+(?:-|–|—)\s+|,?\s+(?:and|about|regarding|"
                    r"concerning)\s+)", re.IGNORECASE)
_SUBJECT = re.compile(r"about|regarding|concerning", re.IGNORECASE)
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


def reread(matcher: Matcher, question: str, whole: Features, match: Match | None,
           context: Intent | None = None) -> Match | None:
    """The match for the whole message, or a better one from its parts: when the whole matched
    nothing, or when it shows signs of a victim that a part may ask about on its own (a message
    that also asks about figures is no longer a request for help as a whole). ``context``: the
    last answer's intent, which the question after an opening is read with, as the whole was."""
    safety = matcher.knowledge.safety
    if (match is None or not match.intent.priority) and (
            opened := opening_read(matcher, question, whole)) is not None:
        # "Local radio here. In one line, what's the rise?": the opening says who asks (which
        # routes the answer), the rest what is asked.
        # (Cut to what decides: runners-up matter only when close, ``Matcher.decide``.)
        match = matcher.decide(opened, context, full=context is not None)
    if match is not None and match.intent.priority and assess(question, whole, safety).studies_it:
        # "our charity supports survivors: who do we contact?" asks for work, not for help.
        other = matcher.decide(dataclasses.replace(whole, terms=whole.terms - matcher.urgent_terms),
                               full=False)
        return None if other is None or other.intent.priority else other
    small_talk = match is not None and match.intent.type == "smalltalk"
    if match is not None and not small_talk and (
            match.intent.priority or not _signs_of_need(matcher, whole)):
        return match
    part = best_part(matcher, question, whole)
    if part is None:
        # "Need the stats in one go: referrals 2013, 2018 ... Thanks" is not a thank-you: say
        # what is not understood rather than "you're welcome".
        subject = matcher.reader.domain | {"stats"}
        asks_facts = bool(whole.years or whole.numbers or whole.terms & subject)
        return None if small_talk and asks_facts and len(whole.terms) >= 6 else match
    # "Good day. In my notes the rise is 1.155%. Is that right?" is more than a greeting.
    if match is None or small_talk or part.intent.priority > match.intent.priority:
        return part
    return match


class Second(NamedTuple):
    """A second question the answer also answers: its intent, and the same two answers led by
    it (None when the first must lead: a figure before its source)."""

    intent: str
    led: Answer | None


def second_question(matcher: Matcher, question: str, whole: Features,
                    match: Match) -> Match | None:
    """A second question asked in the same message ("who is Desai and what did he say?"),
    matched with the first answer as its context; None when there is none."""
    if match.intent.priority or match.intent.type == "smalltalk":
        return None  # a request for help is answered on its own
    found_clauses = clauses(question)
    if len(found_clauses) < 2:
        return None  # most questions: one clause, nothing more to read
    # What the conversation read otherwise in the whole ("says who?" after a figure asks its
    # source, not the quote): a clause read alone on those words is not a second question.
    reread_away = matcher.features(question).terms - whole.terms
    found: list[Match] = []
    for clause in found_clauses[:MAX_PARTS]:
        read = clause_read(matcher, clause, whole)
        # (Its intent and score alone are wanted: the ranking cut to what decides them.)
        other = None if read.terms & reread_away else matcher.decide(
            read, context=match.intent, full=False)
        if (other is not None and other.intent.id != match.intent.id
                and not other.intent.priority and other.intent.type != "smalltalk"
                and other.intent.id not in match.intent.items):
            found.append(other)
    return max(found, key=lambda m: m.score) if found else None


def clause_read(matcher: Matcher, clause: str, whole: Features) -> Features:
    """One clause of a message read as the question it asks: without the words before it that
    only say who is asking ("journalist here: who chairs the committee"), which no answer
    explains, but as asked by whom they say ("researcher at UCL here, who should I contact?" is
    the public's contact question), and with who asks and when as the whole message says."""
    f = matcher.features(clause)
    n = introduction(f.tokens)
    if n:
        f = asked_by(matcher.features(" ".join(f.tokens[n:])), f.audience)
    # A clause that asks for a line, from someone the message says is the press or the public
    # ("I'm a charity researcher. How many ...? And is there someone I can talk to?"), asks
    # for that asker's line, as the same request said in one clause would.
    f = asked_by(f, f.audience or whole.audience)
    return dataclasses.replace(f, after_hours=f.after_hours or whole.after_hours)


def clauses(question: str) -> list[str]:
    """The questions of a message: split after "?", and at "and"/"also" before a question word."""
    return [c.strip() for c in _CLAUSES.split(question) if c and len(c.split()) >= 2]


def joins(question: str) -> list[tuple[str, bool]]:
    """The pieces of a message between its sentence ends, its "and"s and the words that name
    what a call is about (``_JOINS``), where a request for a line may stand beside the rest;
    each with whether it follows such a word (it names a subject: "about the visa
    recommendation")."""
    found: list[tuple[str, bool]] = []
    subject = False
    for n, piece in enumerate(_JOINS.split(question)):
        if n % 2:  # a join: what it says of the piece after it
            subject = bool(_SUBJECT.search(piece))
        elif piece and len(piece.split()) >= MIN_WORDS:  # not a name's half ("crime committee")
            found.append((piece.strip(), subject))
    return found


def _signs_of_need(matcher: Matcher, f: Features) -> bool:
    """Whether the question hits a strong keyword of a priority intent (safeguarding's)."""
    return bool(f.terms & matcher.urgent_terms)


def _about_asker(matcher: Matcher, question: str) -> frozenset[str]:
    """The words of the message's sentences that only say what the asker works on or studies
    (the safety layer's reading of work or study, with no question word and no sign of harm)."""
    words: set[str] = set()
    for text in _BREAKS.split(question):
        f = matcher.features(text) if text and text.strip() else None
        if f is None or set(f.tokens) & QUESTION_WORDS:
            continue
        verdict = assess(text, f, matcher.knowledge.safety)
        if verdict.for_work and not verdict.signs and not verdict.urgent:
            words |= set(f.tokens)
    return frozenset(words)


def best_part(matcher: Matcher, question: str, whole: Features) -> Match | None:
    """The best match among the parts of a message, a priority intent first."""
    found: list[Match] = []
    pieces = parts(question)
    # Most messages are one sentence, with no parts: no need to read who is asking.
    asker = _about_asker(matcher, question) if pieces else frozenset()
    for text in pieces:
        f = matcher.features(text)
        # Who is asking and when may be said in another sentence than the question.
        # So do the facets the release has nothing on ("by gender"); places are left out, as
        # "I am a student from Romania" says who is asking, not what about, and so are the
        # words of a sentence that only says what the asker works on ("my thesis on labour
        # exploitation").
        blockers = tuple(t for t in whole.offtopic if t not in PLACES and t not in f.offtopic
                         and t not in asker)
        f = dataclasses.replace(f, audience=f.audience or whole.audience,
                                after_hours=f.after_hours or whole.after_hours,
                                offtopic=f.offtopic + blockers)
        missing = tuple(y for y in whole.years if y not in matcher.all_years)
        if missing and not f.years:  # "the figure for 2015? I'm plotting the trend"
            f = dataclasses.replace(f, years=missing, terms=f.terms | {"@year"})
        match = matcher.decide(f, full=False)
        if match is None or match.intent.type == "smalltalk":
            continue
        if f.elliptical and not match.intent.priority and not _TURN.match(text) and not (
                asker and not f.text.startswith(ELLIPSIS_STARTS)):
            # "is that right?" means nothing without the sentence before it; a short question
            # that names no subject ("who chairs the committee?") is a question of its own
            # after a sentence that only says who asks ("PhD student researching exploitation."),
            # and so is one after a turn to the question ("... no lunch. anyway what's this about").
            continue
        found.append(match)
    if not found:
        return None
    return max(found, key=lambda m: (m.intent.priority, m.score))
