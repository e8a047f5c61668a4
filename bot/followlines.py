"""Provides the readings of short messages about the phone lines, in and out of a conversation.

Read from the question types, audiences and routes of the intents, never their names. A whole
message that names only who is asking ("press", "journalist", "member of the public") asks for
that audience's line (``audience_alone``). A bare "number" ("number?", "a number pls") names no
figure, as the release has many: it is read as a phone number (``number_alone``); where the
classifier reads a figure, the rule offers both. Right after the lines were given, a message
that says who is asking ("I'm a freelance photographer") asks for that audience's line
(``audience_after_line``), and one that says only when ("it's saturday tho, will anyone pick
up?") the line for that time (``line_at_time``); "is there another number?" after a routed line
is its other line (``other_line``). Moved from bot/followups.py on 7 December 2026.
"""

from __future__ import annotations

import dataclasses

from bot.knowledge import Knowledge
from bot.models import Intent
from bot.reading import Features
from bot.timecue import OUT_OF_HOURS_ROUTE, line_asked, routed_sibling

# "is there another number?", "the other one": the other of two routed lines.
ANOTHER = frozenset({"another", "other", "different", "alternative", "backup", "else"})
# "and the normal daytime one?" after the night line: the line of office hours.
DAYTIME = frozenset({"daytime", "day", "normal", "usual", "regular", "weekday", "main"})
# Words for a line ("one" is read as the number 1).
LINE = frozenset({"number", "numbers", "line", "phone", "one", "1"})
# The routes of the press office's two lines, the daytime one and the out-of-hours one, which
# the router gives in either order (bot.routing.decide).
DAY_ROUTE, NIGHT_ROUTE = "media", OUT_OF_HOURS_ROUTE


def other_line(knowledge: Knowledge, f: Features, context: Intent) -> Intent | None:
    """'is there another number?' after a routed line (the press office's, or its out-of-hours
    line): the other line of the same family, audience and release; 'and the daytime one?'
    after the out-of-hours line: the line of office hours. Read from the intents' routes."""
    words = set(f.tokens)
    pair = {DAY_ROUTE, NIGHT_ROUTE}
    if context.route not in pair or f.years or f.numbers or not words & LINE:
        return None
    if not (words & ANOTHER or context.route == NIGHT_ROUTE and words & DAYTIME):
        return None
    (other,) = pair - {context.route}
    return routed_sibling(knowledge.intents, context, other)


CONTACTS = "contacts"  # the question type of the phone lines
# The contacts slot for each audience the reader knows, and the concepts that only say who is
# asking or that they want a line ("press", "member of the public", "media enquiries").
AUDIENCE_SLOTS = {"media": "media", "public": "public"}
AUDIENCE_CONCEPTS = frozenset({"journalist", "media", "citizen", "contact", "pressoffice"})
# Words of an asker describing themselves ("I'm a student", "journalist here"): an introduction,
# which a question usually follows, not a request for a line.
SELF = frozenset({"i", "im", "am", "we", "my", "our", "here"})
# The reader's concept for each audience, which the contacts intents of that audience require.
AUDIENCE_TERM = {"media": "media", "public": "citizen"}
# "number?", "a number pls": a bare number (the message's only words, stopwords aside).
BARE_NUMBER = frozenset({"number", "pls", "plz"})
FIGURE_CONCEPTS = frozenset({"stats", "howmany", "@figure"})
CONTACT = "contact"
POINTING = frozenset({"that", "this", "those", "these", "it", "thats"})


def audience_alone(knowledge: Knowledge, f: Features) -> Intent | None:
    """A whole message that names only who is asking ("press", "journalists", "member of the
    public") asks for that audience's line: the one contacts intent of that audience's slot (not
    a message's part, such as a letter's signature: the engine asks it of whole messages; not an
    introduction, "I'm a student", "journalist here", which a question usually follows)."""
    slot = AUDIENCE_SLOTS.get(f.audience)
    if (slot is None or not f.elliptical or f.years or f.numbers
            or f.terms - AUDIENCE_CONCEPTS or set(f.tokens) & SELF):
        return None
    found = [i for i in knowledge.intents if i.type == CONTACTS and i.slot == slot]
    return found[0] if len(found) == 1 else None


# The reader's concepts of someone saying who they are ("I'm a reporter", "I'm a student").
SAYING_WHO = frozenset({"journalist", "citizen"})
SELF_BEING = "am"  # "I am", "I'm" (read as "i am")


# The reader's concepts of an audience named alone ("what about the press?").
AUDIENCE_ONLY = frozenset({"journalist", "media", "citizen"})


def says_who(f: Features) -> bool:
    """Whether the message says who is asking: "I'm a reporter", "I'm not a journalist", an
    audience named after "am", whatever word names it ("(if) I am press"), or a fragment that
    names only an audience ("what about the press?", "and for journalists?")."""
    return (bool(f.terms & SAYING_WHO) or "nonmedia" in f.tokens
            or bool(f.audience) and SELF_BEING in f.tokens
            or f.elliptical and bool(f.audience) and bool(f.terms) and f.terms <= AUDIENCE_ONLY)


def audience_after_line(knowledge: Knowledge, f: Features, context: Intent | None
                        ) -> Intent | None:
    """A message that says who is asking ("i'm a freelance photographer covering this"), right
    after an answer that gave the lines, says whose line they want: that audience's contacts
    intent of the same release. The engine asks it only of a message the matcher found no other
    question in."""
    slot = AUDIENCE_SLOTS.get(f.audience)
    if (context is None or context.type != CONTACTS or slot is None or f.years or f.numbers
            or not says_who(f)):
        return None
    found = [i for i in knowledge.intents if i.type == CONTACTS and i.slot == slot
             and i.release == context.release]
    return found[0] if len(found) == 1 else None


def line_at_time(knowledge: Knowledge, f: Features, context: Intent | None) -> Intent | None:
    """A time said right after a line was given, with nothing else the matcher reads ("it's
    saturday tho, will anyone pick up?"): the line for that time, the out-of-hours member of the
    routed lines when there is one (else the same line)."""
    if context is None or not context.route or not f.after_hours or f.years or f.numbers:
        return None
    return line_asked(knowledge.intents, context, True)


def number_alone(f: Features, stopwords: frozenset[str]) -> Features | None:
    """A message that is only "number" ("number?", "a number pls"): its reading as a phone
    number (the figure concepts set aside, a contact asked for), to offer beside its reading as
    a figure. None for anything more ("the 2013 number", "that number")."""
    words = set(f.tokens)
    if ("number" not in words or words - stopwords - BARE_NUMBER or words & POINTING
            or f.years or f.numbers):
        return None
    said = {AUDIENCE_TERM[f.audience]} if f.audience in AUDIENCE_TERM else set()
    return dataclasses.replace(f, terms=frozenset((f.terms - FIGURE_CONCEPTS) | {CONTACT} | said))
