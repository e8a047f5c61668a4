"""Provides the answer to a question the matcher matched, in two parts when the message asks a
second question the same release answers ("who is Desai and what did he say?"), and the named
result the engine's matcher step hands on (``MatcherAnswer``).

The second question is found by ``bot.segments.second_question``; a figure always leads its
source ("where is the 2018 figure from, and what is it?"). The classifier may name either part
as the message's main question, so the same two answers led by the second part are kept too
(``Second.led``) for the decision rule (``bot.decision``, rule 3a). Where there is none, a
request for the asker's line is read apart from what the rest asks or names (``line_beside``:
"who can I speak to about the visa recommendation?", "need the 2017 total and a press
contact"), so both are answered.

A message the matcher declines because a part asks what happened after the release ("what's
the detectives recommendation and has the Met done anything about it yet?") gets the answer to
its other part and a plain note that the release cannot say what came after it, with whom to
ask (``after_release``); never when the other part asks about the present ("is it still ...
now?") or about an action or a change ("what happened to it?"), which the release cannot say
either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from bot.answermodels import Answer, AnswerKind, Span
from bot.answers import AnswerBuilder
from bot.asker import QUESTION_WORDS
from bot.contactlines import contact_cards, contact_paragraph
from bot.dialogue import POINTING, Conversation
from bot.factcheck import wrong_place, wrong_year
from bot.features import ACTION_WORDS, AFTER_RELEASE, NOW_WORDS
from bot.matching import Features, Match, Matcher
from bot.parts import Part
from bot.preamble import ASKERS, LINE_ASKED, line_terms
from bot.reading import RELATIVE_YEAR
from bot.segments import Second, clause_read, clauses, joins, second_question
from bot.templates import long_date

INTERVIEW = frozenset({"interview"})  # the route of a request to interview the chair
# Words that make a piece a request: a question word, a modal of asking, a verb of wanting or
# of handing over.
ASKING = QUESTION_WORDS | frozenset({"can", "could", "would", "may", "need", "needs", "want",
                                     "wants", "give", "send", "please", "like", "looking"})
MAX_PIECES = 12  # a long message's pieces read for a line beside the rest


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
    given = conversation.last_intent if conversation is not None else None
    (second, fixed), first = second_of(matcher, text, f, match, given), match
    if second is not None and (first.intent.context_figures or fixed and leads(second, first)):
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
        answer.figures) or fixed and leads(first, second) or not_theirs(second, f)
    ) else builder.combine(other, answer)
    return builder.combine(answer, other), Second(second.intent.id, led)


def second_of(matcher: Matcher, text: str, f: Features, match: Match,
              given: str | None = None) -> tuple[Match | None, bool]:
    """The message's second question (``bot.segments.second_question``), else a request for
    the asker's line beside what the rest asks or names (``line_beside``); ``given``: the
    intent the conversation's last answer gave. With it, whether a line leads whatever the
    classifier names (``leads``): so for a second question, and for a message read as a line
    that says what the call is about; not for a line asked beside what the whole was read as
    ("need the NRM total for 2017 and a press contact", "which press officer do I phone about
    the 1,155% rise?"), where the classifier's one class names which the message is for, as
    for any two questions."""
    second = second_question(matcher, text, f, match)
    if second is not None or match.intent.priority or match.intent.type == "smalltalk":
        return second, True
    beside = line_beside(matcher, text, f, match, given)
    return (beside[0], beside[1]) if beside else (None, True)


def line_beside(matcher: Matcher, text: str, f: Features, match: Match,
                given: str | None = None) -> tuple[Match, bool] | None:
    """A request for the asker's line and the rest of the message read apart, where no second
    question was found: "who can I speak to about the visa recommendation?" asks for a line and
    says what the call is about; "confirm the 2013 number and give me someone to call" asks a
    figure and a line. Either may be what the whole was read as; the other is returned, with
    whether the whole was read as the line and the other is what the call is about (said after
    "about" or "regarding" straight after the words of the call, ``calls``): then the line
    leads; else the classifier names which leads. The classifier naming either agrees (rule
    3a). Only a line and something that is not one, the line's piece asking for a
    line in its own words; not what the conversation's last answer just gave (``given``), nor
    a piece pointing back at it in a conversation: "who do I call about that figure?" after it
    asks a line, not the figure again."""
    if not names_line(matcher, f.tokens, f.terms):
        return None
    found: list[tuple[Match, bool]] = []
    pieces = joins(text)[:MAX_PIECES]
    for n, (piece, subject) in enumerate(pieces):
        read = clause_read(matcher, piece, f)
        other = matcher.decide(read, context=match.intent, full=False)  # its intent, score
        if (other is None or other.intent.id == match.intent.id or other.intent.priority
                or other.intent.type == "smalltalk" or other.intent.id in match.intent.items
                or given is not None and (other.intent.id == given
                                          or set(read.tokens) & POINTING)):
            continue
        if leads(match, other):
            found.append((other, subject and n > 0 and calls(matcher, pieces[n - 1][0])))
        elif (leads(other, match) and names_line(matcher, read.tokens, read.terms)
              and asks(piece, read.tokens)):
            # The whole read as the subject, a piece asking for a line: the classifier names
            # which the message is for.
            found.append((other, False))
    return max(found, key=lambda m: m[0].score) if found else None


def names_line(matcher: Matcher, tokens: Sequence[str], terms: frozenset[str]) -> bool:
    """Whether these words ask for a line in a word that means one whatever surrounds it
    ("call", "email", "press office"): not only in a word of two senses, "number" being a phone
    number beside a word of who asks and a figure elsewhere ("our lawyers want every number
    checked" asks figures), nor only in the words of who asks ("journalist": ``ASKERS``).
    ``terms``: the words' terms as already read, so that without a word of two senses the
    words are not read again (every answered question comes here)."""
    senses = matcher.reader.senses
    either = {t for t in tokens if t in senses and senses[t].then in LINE_ASKED}
    if either:
        terms = line_terms(matcher, " ".join(t for t in tokens if t not in either))
    return bool(terms & LINE_ASKED)


def calls(matcher: Matcher, piece: str) -> bool:
    """Whether a piece ends in a word of a line ("who should I call", "can I speak to", "the
    press office"): then "about ..." after it says what the call is about, where after another
    word it says what the asker does ("a reporter writing about ...")."""
    tokens = matcher.features(piece).tokens
    return bool(tokens) and bool(matcher.reader.terms(tokens[-1:]) & LINE_ASKED)


def asks(piece: str, tokens: Sequence[str]) -> bool:
    """Whether a piece of a message asks or requests ("best number to call?", "give me someone
    to call", "who can I speak to"), not tells ("my nan used to talk about the docks")."""
    return "?" in piece or bool(set(tokens) & ASKING)


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
        second, fixed = second_of(part.matcher, text, f, match)
        if second is not None and (match.intent.context_figures or fixed and leads(second,
                                                                                   match)):
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
        # Only the intent and its score are wanted: the ranking cut to what decides them.
        match = matcher.decide(clause_read(matcher, clause, f), full=False)
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
