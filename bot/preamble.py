"""Provides the question of a message that opens by saying who is asking.

Journalists often open with who they are and where they work before they ask ("Local radio
here. In one line, what's the rise?", "Sub-editor: need the exact title of the release",
"Hi, I'm a reporter at a local weekly. What can you help with?"). Read as a whole, the opening's
words of the press ("radio", "podcast", "editor") weigh as much as the question's own and pull
the reading towards the press line or an interview, which nobody asked for. The opening says who
asks, which routes the answer; the rest says what is asked. ``opening_read`` reads the rest as
the question, asked by whom the opening says (as ``bot.segments.clause_read`` reads one clause
of a two-part message).

Members of the public and students open the same way, with who they are or what the answer is
for ("I'm doing A level politics and writing about the Assembly's scrutiny role. What was the
trend ...?", "We're running an awareness session for our HR team next week - what did the
Assembly recommend?"). Such an opening, in the first person, asking nothing and telling of no
harm, names the release's own words ("the Assembly", "modern slavery") and drowns the question
after it; when a question follows, that question is what is asked, by the matcher
(``opening_read``) and by the classifier (``heard_rank``, unless the whole message ranks a
priority class first).

The press is heard whole by the classifier, since its words of who asks weigh for the media
line, which is so often what it wants; but where they draw the whole message's first class to a
line and the question after the opening asks only for something the release states ("Local
radio here. In one line, what's the rise?"), that question is what the classifier hears
(``press_rest``).
"""

from __future__ import annotations

import dataclasses
import re

from bot.asker import QUESTION_WORDS
from bot.matching import Matcher
from bot.opinion import Opinion
from bot.parts import LINES
from bot.reading import Features
from bot.safety import assess
from bot.translated import in_another_language, translated

# Where an opening ends: a sentence's end, a line break, a colon or a dash between words
# ("Sub-editor: ...", "Student journalist on a placement - my editor wants ..."), or a comma
# before a question word ("im a journalism student doing an assignment, whats the main point of
# this").
_ASKED_NEXT = r"(?:what|what's|whats|who|who's|whos|how|when|where|which|why)\b"
_ENDS = re.compile(r"(?<=[.!])\s+|\s*[\r\n]+\s*|:\s+|\s+(?:-|–|—)\s+")
_OPENING_ENDS = re.compile(_ENDS.pattern + r"|,\s+(?=" + _ASKED_NEXT + ")", re.IGNORECASE)
# Where a closing begins: after a question or a sentence, a line break, or a dash between words
# ("Can you give me Desai's comment? Trade title, running a short news piece.").
_CLOSES = re.compile(r"(?<=[.!?])\s+|\s*[\r\n]+\s*|\s+(?:-|–|—)\s+")
MIN_REST = 3  # fewer words than this after the opening is no question of its own
MAX_OPENING = 2  # sentences that may only say who is asking before the question
# The reader's concepts of who asks, and of the outlets and greetings they open with ("radio",
# "podcast" are read as an interview's words too): an opening with nothing else says who asks.
WHO_ASKS = frozenset({"journalist", "media", "citizen", "interview", "greeting"})
# Each audience said as the reader reads it at the start of a message.
ASKERS = {"media": "journalist", "public": "member of the public"}
# How a sentence in the first person begins, as typed ("I'm", "we're" and "my" say who asks or
# why; the reader's own text would turn "we're" into "were").
_FIRST_PERSON = re.compile(r"(?:i|i'm|im|i've|ive|i'd|we|we're|we've|my|our|for my|for our)\b",
                           re.IGNORECASE)
# Words that make a first-person sentence a request of its own ("I'd like to request an
# interview with the chair. Who should I speak to?"), not a word about who asks.
_WANTS = frozenset({"want", "wants", "wanted", "like", "would", "need", "needs", "needed",
                    "request", "requesting", "looking", "hope", "hoping", "hoped", "seeking",
                    "wonder", "wondering", "wondered", "wish", "ask", "asking", "interested",
                    "please"})
# Words that point back to what was said before: a short question with one asks about that
# ("isn't it just a recommendation?"). Not "this": "when was this published?" means the release.
_POINTING = frozenset({"it", "its", "that", "those", "they", "them", "he", "she", "him", "her",
                       "his", "then"})


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
    # Only whether anything is understood: the ranking cut to what decides it (``full``).
    return matcher.decide(dataclasses.replace(f, terms=f.terms - WHO_ASKS), full=False) is None


def _says_why(matcher: Matcher, piece: str) -> bool:
    """Whether a sentence only says, in the first person, who asks or what for ("I chair a
    tenants' association and I've been asked to give a short talk", "My daughter is doing a
    project on this"): it asks nothing (no question word, no "?"), names no year or number, and
    shows no sign of harm or call for help ("I work at a car wash and they keep my passport"
    is what the message is about, whatever it asks next)."""
    if "?" in piece or not _FIRST_PERSON.match(piece.strip().replace("’", "'")):
        return False
    f = matcher.features(piece)
    if (set(f.tokens) & (QUESTION_WORDS | _WANTS) or f.years or f.numbers or f.after_hours
            or f.terms & matcher.urgent_terms):
        return False
    verdict = assess(piece, f, matcher.knowledge.safety)
    return not (verdict.urgent or verdict.signs or verdict.asks_help or verdict.someone_at_risk)


def _asks(text: str, f: Features) -> bool:
    """Whether the text (read as ``f``) is a question of its own: a "?" or a question word, and
    words that do not point back to the opening ("isn't it just a recommendation?" asks about
    the opening's claim, "what's it saying?" about the link it named)."""
    back = f.elliptical and bool(set(f.tokens) & _POINTING)
    return ("?" in text or bool(set(f.tokens) & QUESTION_WORDS)) and not back


def opening_read(matcher: Matcher, question: str, whole: Features) -> Features | None:
    """The question after an opening that only says who is asking, read as asked by them (as
    "journalist: ..." or "member of the public: ...": a number asked for by someone who said
    who they are is a phone number) and at the time the whole message says; None when the
    message has no such opening, or nothing after it long enough to be a question."""
    asker = whole.audience in ASKERS
    if not asker and not _OPENING_ENDS.search(question.strip()):
        return None  # one sentence, no asker said: no opening to read (and no work done)
    rest, said, why = question.strip(), 0, False
    while said < MAX_OPENING:
        found = _OPENING_ENDS.search(rest)
        if found is None:
            break
        piece = rest[:found.start()]
        if not (asker and _says_who(matcher, piece)):
            if not _says_why(matcher, piece):
                break
            why = True
        rest, said = rest[found.end():].strip(), said + 1
    if not said or len(rest.split()) < MIN_REST:
        return None
    if why or not asker:  # the rest read once, for the check and as the question
        read = matcher.features(rest)
        if why and not _asks(rest, read):
            return None
        if not asker:  # what the opening said is for: the question after it, as asked
            # The reading itself when the time is the same (the matcher's last rankings are
            # kept by the reading ranked: ``Matcher.rank``).
            return read if read.after_hours == whole.after_hours else dataclasses.replace(
                read, after_hours=whole.after_hours)
    # An opening that only says who asks: the rest is read as asked by them, not on its own.
    f = matcher.features(f"{ASKERS[whole.audience]}: {rest}")
    return dataclasses.replace(f, audience=whole.audience,
                               after_hours=f.after_hours or whole.after_hours)


def _heard_alone(matcher: Matcher, question: str, rest: str, said: int) -> str:
    """The rest of a message, once ``said`` sentences of who asks or what for are set apart
    (before it or after it), if it is one question of its own; else the whole message."""
    if not said or len(rest.split()) < MIN_REST:
        return question
    read = matcher.features(rest)  # the rest read once, for every check below
    if not _asks(rest, read) or sum(t in QUESTION_WORDS for t in read.tokens) > 1:
        # Two questions ("which recommendations ..., and which one ...?"): the classifier names
        # one, and the opening's subject may be what tells which the asker is after.
        return question
    # A phone line is asked for by who asks: "I run a community group, not a journalist. Phone
    # number for the assembly?" is the public's line, which the classifier hears in the opening.
    # Only the intent is wanted, not the runners-up: the ranking cut to what decides it.
    line = matcher.decide(read, full=False)
    return question if line is not None and line.intent.type == "contacts" else rest


def heard_text(matcher: Matcher, question: str) -> str:
    """What the classifier hears of a message: the question after an opening in the first
    person that only says what the answer is for ("I'm a charity caseworker preparing a
    briefing for trustees. How many NRM referrals were there across the UK in 2017?"), whose
    words of the subject drown the question's few; else the whole message. A message from the
    press is heard whole (its words weigh for the media line), and so is a request for a phone
    line (who asks chooses the line) and a rest that asks two questions."""
    text = question.strip()
    if not _ENDS.search(text) or matcher.features(text).audience == "media":
        return question
    rest, said = text, 0
    while said < MAX_OPENING and (found := _ENDS.search(rest)) is not None and _says_why(
            matcher, rest[:found.start()]):
        rest, said = rest[found.end():].strip(), said + 1
    return _heard_alone(matcher, question, rest, said)


def closing_text(matcher: Matcher, question: str) -> str:
    """What the classifier hears of a message that asks first and then says who asks or what
    for ("How does this work? My grandson set it up for me.", "Can you give me Desai's comment?
    Trade title, running a short news piece."): the question before that closing, whose words
    of who asks ("trade title", "my grandson") weigh as much as the question's own; else the
    whole message. As for an opening, a request for a phone line is heard whole (who asks
    chooses the line), and so is a question of one or two words or two questions."""
    rest, said = question.strip(), 0
    while said < MAX_OPENING:
        ends = list(_CLOSES.finditer(rest))
        if not ends:
            break
        tail = rest[ends[-1].end():]
        if not (_says_why(matcher, tail) or _says_who(matcher, tail)):
            break
        rest, said = rest[:ends[-1].start()].strip(), said + 1
    return _heard_alone(matcher, question, rest, said)


# The reader's words of a line itself, not of who asks for it ("a press contact", "the press
# officer"; ``bot.parts.LINES`` has both); "who" with a word of the press ("who's on press
# duty?") asks for one too.
LINE_ASKED = LINES - {"media"}


def line_terms(matcher: Matcher, text: str) -> frozenset[str]:
    """Of the terms ``matcher.features(text)`` reads, those of a line asked for
    (``LINE_ASKED``), from the words' own terms (``Reader.terms``) without the rest of a
    reading, whose names, years, audience and time cues add and take away none of a line's
    words; read in full only where a number is named (its series adds its words) or a capital
    letter may write a name (a name's words are taken away)."""
    reader = matcher.reader
    tokens = reader.tokens(text)
    if any(t.isdigit() for t in tokens) or any(c.isupper() for c in text):
        return matcher.features(text).terms & LINE_ASKED
    return frozenset(reader.terms(tokens)) & LINE_ASKED


def press_rest(matcher: Matcher, question: str, rendered: bool = False) -> str | None:
    """The question after an opening from the press that only says who asks ("Local radio here.
    In one line, what's the rise?", "freelance journo, on deadline, whats the rise?"), when it
    asks only for something the release states (a figure, a recommendation, the quote, the
    release itself) as the matcher reads it alone, with no line asked for beside it ("... need
    the NRM total and a press contact"); else None. Not
    for another language, whose rest is rendered in part, unless ``rendered``: the caller hears
    the rest's rendering ("Buongiorno, sono una giornalista italiana. Cosa ha dichiarato ...?")."""
    text = question.strip()
    if not _OPENING_ENDS.search(text) or matcher.features(text).audience != "media":
        return None
    rest, said = text, 0
    while said < MAX_OPENING and (found := _OPENING_ENDS.search(rest)) is not None and _says_who(
            matcher, rest[:found.start()]):
        rest, said = rest[found.end():].strip(), said + 1
    if not said or len(rest.split()) < MIN_REST or (
            not rendered and in_another_language(matcher, text)):
        return None
    if line_terms(matcher, rest):  # a line asked for: the rest need not be read in full
        return None
    f = matcher.features(rest)
    if {"media", "who"} <= f.terms or not _asks(rest, f):
        return None
    asked = matcher.decide(f, full=False)
    return rest if asked is not None and asked.intent.type != "contacts" else None


# A turn to the question after a sentence or a clause ("... my editor is on my back, anyway what
# I need is the London share"), as bot.segments splits a run-on message (with these words).
TURN_WORDS = r"(?:anyway|anyhow)\b"
_TURN = re.compile(r"(?:[.!?,;]|\s(?:-|–|—))\s*" + TURN_WORDS + r"[\s,:]*", re.IGNORECASE)


def turn_text(matcher: Matcher, question: str) -> str:
    """What the classifier hears of a message that turns to its question: the question after
    the last turn, if it is one question of its own that asks for no line; else the message."""
    turns = list(_TURN.finditer(question))
    if not turns:
        return question
    return _heard_alone(matcher, question, question[turns[-1].end():].strip(), 1)


def heard_rank(opinion: Opinion, matcher: Matcher, question: str) -> list[tuple[str, float]]:
    """The classifier's ranking of a message: of the question after an opening that only says
    what the answer is for (``heard_text``), unless the whole message ranks a priority
    (safeguarding) class first. The opening of "My neighbour's nanny never goes out. What are
    the signs to look for?" may tell of harm in words the safety layer does not know, and the
    part never takes the help numbers away."""
    whole = opinion.rank(question)
    if opinion.info.types.get(whole[0][0]) == "contacts" and (
            rest := press_rest(matcher, question)) is not None:
        # The press's words of who asks drew the classifier to a line nobody asked for.
        return opinion.rank(rest)
    asked = heard_text(matcher, question)
    if asked == question:
        asked = closing_text(matcher, question)  # the question before who asks or what for
    if asked == question:
        asked = turn_text(matcher, question)  # the question after a turn to it
    if asked == question and (rendered := translated(matcher, question)) != question:
        # Another language, no harm read in it: the reader's English rendering, unless the
        # letters as typed lean to a priority class more surely than the rendering is read
        # (what made them lean so, "handlu ludźmi" for trafficking, may be what the reader
        # did not render). Most such leans are the classifier's few examples in the language.
        heard = opinion.rank(rendered)
        if opinion.info.types.get(heard[0][0]) == "contacts" and (
                rest := press_rest(matcher, question, rendered=True)) is not None:
            heard = opinion.rank(translated(matcher, rest))  # as for an opening in English
        return whole if whole[0][0] in opinion.priority and whole[0][1] >= heard[0][1] else heard
    if asked == question or whole[0][0] in opinion.priority:
        return whole
    return opinion.rank(asked)
