"""Provides the answer to a question the matcher matched, in two parts when the message asks a
second question the same release answers ("who is Desai and what did he say?"), and the named
result the engine's matcher step hands on (``MatcherAnswer``).

The second question is found by ``bot.segments.second_question``; a figure always leads its
source ("where is the 2018 figure from, and what is it?"). The classifier may name either part
as the message's main question, so the same two answers led by the second part are kept too
(``Second.led``) for the decision rule (``bot.decision``, rule 3a).

A message the matcher declines because a part asks what happened after the release ("what's
the detectives recommendation and has the Met done anything about it yet?") gets the answer to
its other part and a plain note that the release cannot say what came after it, with whom to
ask (``after_release``); never when the other part asks about the present ("is it still ...
now?") or about an action or a change ("what happened to it?"), which the release cannot say
either.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from bot.answermodels import Answer, AnswerKind, Span
from bot.answers import AnswerBuilder
from bot.contactlines import contact_cards, contact_paragraph
from bot.dialogue import Conversation
from bot.factcheck import wrong_place, wrong_year
from bot.features import ACTION_WORDS, AFTER_RELEASE, NOW_WORDS
from bot.matching import Features, Match
from bot.parts import Part
from bot.preamble import ASKERS
from bot.reading import RELATIVE_YEAR
from bot.segments import Second, clause_read, clauses, second_question
from bot.templates import long_date

INTERVIEW = frozenset({"interview"})  # the route of a request to interview the chair


class MatcherAnswer(NamedTuple):
    """The matcher's answer from one release, and what the engine needs of how it was read."""

    answer: Answer
    features: Features  # the question as read (through the conversation, if any)
    leans: bool  # it leans on the conversation: the matcher's alone, never second-guessed
    studies: bool  # the safety layer read it as asked for work or study
    also: Second | None  # a second question of the message that the answer also answers
    harm: bool = False  # the safety layer read a sign of harm (SafetyVerdict.harm)
    another: bool = False  # another crime reported, no harm (SafetyVerdict.another_crime)
    personal: bool = False  # a particular person or a request read (SafetyVerdict.personal)
    carried: bool = False  # a fragment answered only with the previous topic's words
    unread: bool = False  # another language the matcher could not read (see ``not_read``)
    # It leans on the conversation (``leans``, not only grounded) after an earlier answer.
    follows: bool = False
    # Reread by the conversation (who is asking, "his number", "that figure": what a
    # conversation must carry), so never given way to the fallback.
    reread: bool = False
    # A request for help or for someone to reach that the safety layer placed nowhere else
    # (SafetyVerdict.open_request): a reply not sure of it leads with the help numbers.
    request: bool = False
    # Another trouble than the subject told of, with no harm (SafetyVerdict.elsewhere).
    elsewhere: bool = False

    @property
    def not_read(self) -> bool:
        """Another language the matcher could not read, with no sign of harm: heard as if the
        matcher fell back (its answer the fallback with the help numbers first)."""
        return self.unread and not self.harm


def build(builder: AnswerBuilder, part: Part, text: str, f: Features, match: Match,
          conversation: Conversation | None, now: dt.datetime) -> tuple[Answer, Second | None]:
    """The answer, and a second question it also answers (then it is in two parts)."""
    matcher = part.matcher
    named = [fig.id for r in matcher.knowledge.releases for fig in r.figures
             if fig.value in f.numbers] if f.numbers else []  # (most name no number)
    context_figures = named or (conversation.figures_of(part.release) if conversation
                                else None)
    first, second = match, second_question(matcher, text, f, match)
    if second is not None and (first.intent.context_figures or leads(second, first)):
        # "where is the 2018 figure from, and what is it?": the figure, then its source;
        # "what's the 2018 figure, and who can I phone?": the line, then the figure
        first, second = second, first
    answer = builder.build(
        text, first.intent, first.confidence, audience=f.audience,
        after_hours=f.after_hours, now=now,
        context_figures=context_figures, asked_numbers=f.numbers)
    if second is None and (correction := place_check(part, text, f, answer)):
        # "is the 2,346 UK-wide?": a check of the figure's place, said first as a year's is.
        return answer.model_copy(update={"paragraphs": [correction, *answer.paragraphs]}), None
    if second is None:
        return answer, None
    # "who is Desai and what did he say?": answer both
    other = builder.build(
        text, second.intent, second.confidence, audience=f.audience,
        after_hours=f.after_hours, now=now,
        context_figures=context_figures or answer.figures or None, asked_numbers=f.numbers)
    # The same two answers led by the second part, for the classifier to name (rule 3a): not a
    # source led before the figures it is the source of, nor a line this asker is not given.
    led = None if (first.intent.context_figures or second.intent.context_figures and (
        answer.figures) or leads(first, second) or not_theirs(second, f)
    ) else builder.combine(other, answer)
    return builder.combine(answer, other), Second(second.intent.id, led)


def not_theirs(line: Match, f: Features) -> bool:
    """Whether ``line`` asks for the press's lines and the message says a member of the public
    is asking ("can i ring the press office? i'm just a curious resident": the resident's line
    leads, whichever line the classifier names; who asks decides the line, as
    ``bot.weighing.theirs`` offers it). A journalist may call the public's line too."""
    return f.audience == "public" and bool(line.intent.route) and line.intent.audience == "media"


def leads(line: Match, other: Match) -> bool:
    """Whether ``line`` leads a two-part answer whatever the classifier names: a request for a
    phone line beside a question about the release ("how many were referred in 2017, and is
    there someone I can talk to about the data?") asks the question in order to follow it up
    with someone, so the line is what the message is for (the question sets' writers label
    such messages by the line, with both answers' facts expected). Only an asker's own line
    (the public's or the press's, not every line), and not an interview, which asks for the
    chair, not a line: "Radio producer here" beside a question names an interview's words and
    asks nothing."""
    return bool(line.intent.route) and not other.intent.route and (
        line.intent.audience in ASKERS) and line.intent.route not in INTERVIEW


def place_check(part: Part, text: str, f: Features, answer: Answer) -> list[Span]:
    """The correction of a figure named by its value with a place it is not for
    (``bot.factcheck.wrong_place``), or nothing; never beside a correction of its year; the
    places asked as ``places_asked`` reads them."""
    release = part.matcher.knowledge.release(answer.release or part.release)
    stated = [fig for fig in release.figures if fig.id in answer.figures]
    if not stated or not f.numbers or wrong_year(text, stated, f.numbers, release):
        return []
    return wrong_place(places_asked(part, f), f.numbers, stated,
                       lambda where: place_terms(part, where), release)


def places_asked(part: Part, f: Features) -> frozenset[str]:
    """The places a question names in its own words, as the reader's concepts (naming a figure
    adds its series' words to the terms, "5,143": the UK, which say nothing of the place
    asked)."""
    reader = part.matcher.reader
    return frozenset(reader.terms(t for t in f.tokens if not t.isdigit())) & part.matcher.places


def place_terms(part: Part, where: str) -> frozenset[str]:
    """A figure's place ("London") as the reader's concepts."""
    reader = part.matcher.reader
    return frozenset(reader.terms(reader.tokens(where, correct=False)))


def probe(part: Part, text: str, f: Features, match: Match) -> Answer:
    """What ``build`` would answer, without its text: the kind, intent and release only (the
    engine's "which release?" probes). The intent is the one that leads the answer."""
    lead = match
    if match.intent.context_figures or not match.intent.route:
        second = second_question(part.matcher, text, f, match)
        if second is not None and (match.intent.context_figures or leads(second, match)):
            lead = second  # a figure leads its source, a line the rest, as ``build`` orders
    kind: AnswerKind = "safeguarding" if lead.intent.type == "safeguarding" else "answer"
    return Answer(question=text, kind=kind, intent=lead.intent.id, confidence=lead.confidence,
                  paragraphs=[], release=lead.intent.release)


def after_release(builder: AnswerBuilder, part: Part, text: str, f: Features,
                  now: dt.datetime) -> Answer | None:
    """For a message with a part about what happened after the release, which the matcher
    declines as a whole: the answer to the part the release answers, then a note that the
    release cannot say what came after it and whom to ask. None when no such part answers, or
    when a part asks about the present ("still", "now", "this year")."""
    if AFTER_RELEASE not in f.terms:
        return None
    matcher, found, after = part.matcher, [], False
    for clause in clauses(text):
        read = matcher.features(clause)
        if AFTER_RELEASE in read.terms or ACTION_WORDS & set(read.tokens):
            # "what happened to it? has it been done yet?": asking about an action or a change
            # beside a question about after the release asks about after it too.
            after = True
            continue
        if NOW_WORDS & set(read.tokens) or RELATIVE_YEAR in read.years:
            return None
        match = matcher.decide(clause_read(matcher, clause, f))
        if match is not None and not match.intent.priority and match.intent.type != "smalltalk":
            found.append(match)
    if not after or not found:
        return None
    best = max(found, key=lambda m: m.score)
    answer = builder.build(text, best.intent, best.confidence, audience=f.audience,
                           after_hours=f.after_hours, now=now,
                           asked_numbers=best.features.numbers)
    release = builder.knowledge.release(best.intent.release or part.release)
    published = f"it was published on {long_date(release.date)}" if release.date else "it"
    ids = ("media", "out_of_hours") if f.audience == "media" else ("non_media",)
    cards = contact_cards(release, ids)
    note = [[Span(text=f"You also asked what has happened since: the release cannot say what "
                       f"has happened since {published}. For that:")],
            *(contact_paragraph(c) for c in cards)]
    known = {c.id for c in answer.contacts}
    return answer.model_copy(update={
        "paragraphs": [*answer.paragraphs, *note],
        "contacts": [*answer.contacts, *(c for c in cards if c.phone_valid and c.id not in known)]})
