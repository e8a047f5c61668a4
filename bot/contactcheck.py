"""Provides the check of a contact detail the asker states: a phone number or a contact's name,
against the line asked for, read from the release's contacts alone.

"Is 020 7983 4100 the press number?" states a number; the answer starts "No: 020 7983 4100 is
the release’s line for non-media enquiries (Public Liaison Unit), not for media enquiries: that
is 020 7983 4067 (Aoife Nolan)." A number is read typed with or without spaces, with +44 or 0,
or as its last group or two ("is 4000 the out of hours line?") when that ends one line of the
release only. A number the release does not give is said not to be in it (never guessed, never
repeated); a number the knowledge gives elsewhere (the help numbers) is named as such. A
contact's name ("is Aoife Nolan the press officer?") is checked the same way; a second
contact named beside a number ("I've got 020 7983 4067 for the Public Liaison Unit, right?")
is the line asked for. A question asking what or whose ("whose number is 020 7983 4000?") gets
what the number is, without a "Yes" or "No".
A question stating one number and asking whose or what it is (``asked_whose``) is answered by
that line (bot.parts.whose_line). A person the release does not name, asked for where a person
is ("is John Smith the press officer?", ``unknown_person``), is said not to be named.
Routing still holds: a line the routed answer does not give (the press office's to the public,
or to a journalist when the office is closed) is never written out again, only called "the
number you have"; a member of the public stating a press line is told it is for journalists,
with no "Yes" or "No", and the routed answer gives their own line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from rapidfuzz import fuzz

from bot import numbers, routing
from bot.answermodels import Span
from bot.models import ROUTE_AUDIENCE, Contact, ExternalContact, Release
from bot.templates import long_date

# A number as typed: digits, with spaces, hyphens, brackets or a leading "+" between them.
_RUN = re.compile(r"(?<![\w,.])\+?\d[\d \-()]*\d(?![\w,]|\.\d)")
_DIGIT = re.compile(r"\d")  # a text with none states no number (``_RUN`` needs two)
_ASKING = frozenset({"who", "whose", "what", "whats", "which", "where", "when", "how", "why"})
# Words of a detail being checked: a question opening with one ("is 4100 the press line?"), or
# saying one anywhere ("I've got 4067 for the press office, right?").
_CHECKING = frozenset({"is", "isnt", "was", "are", "does", "do", "did", "should", "has", "have"})
_TAGS = frozenset({"right", "correct", "true"})
_PRONOUNS = frozenset({"i", "it", "we", "you", "they", "he", "she", "that", "this"})
# The words that may follow a number's last digits said alone ("is 4000 the out of hours
# line?", "4067 or 4100 for the press?", "the 4000 line"): a count ("4000 victims", "4000
# pounds") is followed by what it counts.
_AFTER_DIGITS = frozenset({"the", "a", "for", "or", "and", "is", "isnt", "right", "correct",
                           "still", "number", "no", "line", "ext", "extension", "phone", "to",
                           "then", "yes", "ok", "pls", "please"})
_OWN = frozenset({"me", "my", "mine", "us", "our"})  # "call me back on 07700 900123"


def _digits(text: str) -> str:
    """The number as dialled in the UK: digits only, +44 (and "(0)") as 0."""
    d = re.sub(r"\D", "", text)
    if d.startswith("44") and len(d) >= 12:
        d = "0" + d[2:].removeprefix("0")
    return d


def _full(d: str) -> bool:
    return d.startswith("0") and len(d) in (10, 11)


def _endings(c: Contact) -> set[str]:
    """The last group, and the last two, of a line as the release writes it."""
    groups = re.findall(r"\d+", c.phone)
    return {"".join(groups[-k:]) for k in (1, 2) if len(groups) > k}


Stated = Contact | ExternalContact | None  # a release's line, another number, or neither


def stated_numbers(question: str, release: Release,
                   others: Sequence[ExternalContact] = ()) -> list[Stated]:
    """The numbers a question states (``_stated``), without where."""
    return list(dict.fromkeys(s for s, _ in _stated(question, release, others)))


def _stated(question: str, release: Release,
            others: Sequence[ExternalContact] = ()) -> list[tuple[Stated, int]]:
    """The numbers a question states, each as the release's line it is, the knowledge's other
    number it is, or None for a whole number the release does not give. A number's last digits
    count only when they end one line of the release and no other; a year is no number's end."""
    found: list[tuple[Stated, int]] = []
    if not _DIGIT.search(question):  # most questions: no digit, so no number (exactly)
        return found
    for m in _RUN.finditer(question):
        d = _digits(m.group())
        before, after = _words(question[:m.start()]), _words(question[m.end():])
        if _full(d):
            line = next((c for c in release.contacts if _digits(c.phone) == d), None)
            other = next((o for o in others if _digits(o.phone) == d), None)
            if line or other or (before and not _OWN & set(before[-3:]) and (
                    _checking(question, m.start()) or before[0] in _ASKING)):
                found.append((line or other, m.start()))  # (one not given: when checked)
        elif (len(d) >= 3 and not (len(d) == 4 and d[:2] in ("19", "20"))
              and not question[:m.start()].rstrip().endswith(("£", "$", "€"))
              and not (before[-1:] and before[-1] in numbers.APPROXIMATING)
              and (not after or after[0] in _AFTER_DIGITS)):
            ends = [c for c in release.contacts if d in _endings(c)]
            if len(ends) == 1:
                found.append((ends[0], m.start()))
    return found


# Asking whose or what a number is ("whose number is 020 7983 4100?", "who answers 07700
# 900123?"); a number's last digits alone only beside "who" or a word of a line ("what's this
# number, 4100?"), not "what was the figure, 4000?".
_WHOSE = frozenset({"who", "whose", "whos", "what", "whats", "which"})
_LINE_WORDS = frozenset({"who", "whose", "whos", "number", "numbers", "line", "phone", "ring",
                         "call", "dial", "extension", "ext", "tel", "mobile"})


def asked_whose(question: str, release: Release,
                others: Sequence[ExternalContact] = ()) -> list[Contact | None]:
    """The one number a question states and asks whose or what it is: the release's line it
    is, or None for a whole number the release does not give. Empty when it states none, or
    several, or one of the knowledge's other numbers (the help numbers), or checks one ("is
    4100 the press line?", "... 4067, right?"), or asks nothing of it."""
    last = _LAST_WHOSE[0]
    if last[0] == question and last[1] is release and last[2] is others:
        return list(last[3])  # asked again of the same message (bot.parts.whose_line)
    said = _whose(question, release, others)
    _LAST_WHOSE[0] = (question, release, others, tuple(said))
    return said


def _whose(question: str, release: Release,
           others: Sequence[ExternalContact]) -> list[Contact | None]:
    if not _DIGIT.search(question):  # no digit: no number stated, nothing to ask of one
        return []
    words = set(_words(question))
    if not _WHOSE & words:  # asks no "who", "whose" or "what": nothing asked of a number
        return []
    where = _stated(question, release, others)
    said = list(dict.fromkeys(s for s, _ in where))
    if len(said) != 1 or isinstance(said[0], ExternalContact) or _checking(question):
        return []
    whole = any(_full(_digits(m.group())) for m in _RUN.finditer(question))
    return [s for s in said if not isinstance(s, ExternalContact)] if whole or (
        _LINE_WORDS & words) else []


# The last question ``asked_whose`` read, of which release and other numbers, and its answer:
# the matcher's step and the grounding check (bot.parts) both ask it of the same message.
_LAST_WHOSE: list[tuple[str, Release | None, Sequence[ExternalContact],
                        tuple[Contact | None, ...]]] = [("", None, (), ())]


# A name of two capitalised words ("Sarah Jones", "O'Neil", "Smith-Jones"), not one of a longer
# run ("Tower Hamlets Council"), said where a person is: after a word that takes one ("is",
# "call", "speak to", "ask for") or before "'s".
_WORD = r"(?:[A-Z]['’])?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?"  # O'Neil, McKay
_NAME = re.compile(rf"(?<![\w'’-])({_WORD}) ({_WORD})(?![\w-]|['’](?!s\b)| [A-Z])")
_BEFORE_ONE = frozenset({"is", "isnt", "was", "does", "did", "call", "ring", "phone", "contact",
                         "reach", "email", "named", "called"})
_BEFORE_TWO = frozenset({("speak", "to"), ("talk", "to"), ("through", "to"), ("hold", "of"),
                         ("ask", "for"), ("asking", "for"), ("looking", "for"),
                         ("speak", "with"), ("talk", "with"), ("number", "for"), ("line", "for")})
Known = Callable[[str], bool]  # whether the reader reads words as something it knows


def unknown_person(question: str, release: Release, known: Known) -> str:
    """A person a question names where a person is ("is John Smith the press officer?", "can I
    speak to Sarah Jones?") whom the release does not name: two capitalised words, neither a
    word the reader knows (a place, an outlet, a greeting, the release's own people and lines:
    ``known``) nor in the release's text; "" when there is none, or more than one."""
    found, placed = [], []
    for m in _NAME.finditer(question):
        name = m.group()
        if known(name) or name.lower() in release.text.lower() or named_contacts(name, release):
            continue
        found.append(name)
        before = _words(question[:m.start()])
        if before[-1:] and before[-1] in _BEFORE_ONE or tuple(before[-2:]) in _BEFORE_TWO or (
                re.match(r"['’]s?\b", question[m.end():m.end() + 3])):
            placed.append(name)
    return placed[0] if len(found) == len(placed) == 1 else ""


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.lower().replace("’", "").replace("'", ""))


def _who(question: str, c: Contact) -> bool:
    """Whether a question asks who a contact is ("who is Aoife Nolan?"), and no more of them
    ("who is Aoife Nolan's line manager?")."""
    words = _words(question)
    return (words[:2] in (["who", "is"], ["who", "s"]) or words[:1] == ["whos"]) and (
        words[-1:] == _words(c.name)[-1:])


def _checking(question: str, at: int = -1, opening: bool = True) -> bool:
    """Whether a question checks a detail: it opens with "is", "does" and the like, or says
    "right", "correct" or "true", or ends in a tag ("can't I?"), or (not opening with "who",
    "what" and the like) says the detail, at ``at``, right after "is" or "was". A name is
    checked only so (not ``opening``): "is there a number for the duty press officer?" asks
    for a line by its name."""
    words = _words(question)
    tag = len(words) > 2 and words[-2].endswith("nt") and words[-1] in _PRONOUNS  # "can't I?"
    after_is = at > 0 and words[:1] != [] and words[0] not in _ASKING and bool(
        set(_words(question[:at])[-1:]) & {"is", "isnt", "was"})
    return (opening and bool(words[:1]) and words[0] in _CHECKING or bool(_TAGS & set(words))
            or tag or after_is)


def _at(question: str, c: Contact) -> int:
    """Where a contact's name (or a slip of it) starts in a question, roughly: its first three
    letters."""
    return question.lower().find(c.name.lower()[:3])


def named_contacts(question: str, release: Release) -> list[Contact]:
    """The release's contacts a question names (a name of two words or more, typed with a slip
    or two: "Aiofe Nolan")."""
    words = re.findall(r"[^\W_]+", question.lower())
    out = []
    for c in release.contacts:
        name = re.findall(r"[^\W_]+", c.name.lower())
        if len(name) < 2:
            continue
        windows = (" ".join(words[n:n + len(name)]) for n in range(len(words) - len(name) + 1))
        if any(fuzz.ratio(" ".join(name), w) >= 88 for w in windows):
            out.append(c)
    return out


def _what(c: Contact) -> str:
    label = c.label[:1].lower() + c.label[1:]
    return f"{label} ({c.name})"


def check(question: str, release: Release, route: str, audience: str, after_hours: bool,
          now: dt.datetime, hours: routing.OfficeHours,
          others: Sequence[ExternalContact] = (), known: Known | None = None) -> list[Span]:
    """The check to put first in a contact answer, or nothing when the question states no
    contact detail of the release's, nor (with ``known``) a person it does not name."""
    decision = routing.decide(route, audience, after_hours, now, hours)
    given = {c.id for c in release.contacts if c.id in decision.contacts or c.audience == "public"}
    where = _stated(question, release, others)
    said_numbers = list(dict.fromkeys(s for s, _ in where))
    names = named_contacts(question, release)
    asked = release.contact(route) if route in ROUTE_AUDIENCE else None
    by_name = named_asked = False
    if said_numbers:
        stated: Stated = said_numbers[0]
        if len(said_numbers) == 1 and len(names) == 1 and names[0] is not stated:
            # "I've got 020 7983 4067 for the Public Liaison Unit, right?": the line asked for
            # is named, so a verdict is safe for the public too
            asked, named_asked = names[0], True
    elif len(names) == 1 and (_checking(question, _at(question, names[0]), opening=False)
                              or _who(question, names[0])):
        # "is Aoife Nolan still the contact?", "who is Aoife Nolan?"
        stated, by_name = names[0], True
    elif known is not None and (person := unknown_person(question, release, known)):
        # "is John Smith the press officer?": nobody the release names; the lines follow
        when = f" of {long_date(release.date)}" if release.date else ""
        said = f"the release{when} names no {person}."
        return [Span(text="No: " + said if _checking(question) else _up(said))]
    else:
        return []
    # "whose number is ...", "can I call 020 7983 4100?": what it is, no verdict
    when = f" of {long_date(release.date)}" if release.date else ""
    at = _at(question, names[0]) if by_name else where[0][1]
    plain = _words(question)[:1] in [[w] for w in _ASKING] or not _checking(question, at,
                                                                            not by_name)
    phones = [c.phone for c in release.contacts if c.phone_valid] + [o.phone for o in others]
    if len(said_numbers) > 1:
        return _spans(" ".join(_up(_said(s, given, audience, False)) for s in said_numbers), phones)
    if not isinstance(stated, Contact):
        return _spans(_up(_said(stated, given, audience, False)), phones)
    if plain or asked is None or (stated.id not in given and audience == "public"
                                  and not named_asked):
        return _spans(_up(_said(stated, given, audience, by_name, when)), phones)
    fits = {asked.id}
    if asked.audience != "public" and decision.contacts and audience != "public":
        fits.add(decision.contacts[0])  # out of hours, the duty line is the press number
    if stated.id in fits:
        return _spans("Yes: " + _said(stated, given, audience, by_name, when), phones)
    right = f": that is {asked.phone} ({asked.name})" if asked.id in given else ""
    return _spans("No: " + _said(stated, given, audience, by_name, when)[:-1]
                  + f", not for {asked.label[:1].lower() + asked.label[1:]}{right}.", phones)


def _spans(text: str, phones: list[str]) -> list[Span]:
    """The check as spans, each number of the release's (or the knowledge's) a ``phone`` span
    as the contact lines show it."""
    if not phones:
        return [Span(text=text)]
    parts = re.split("(" + "|".join(map(re.escape, phones)) + ")", text)
    return [Span(text=t, style="phone" if t in phones else "plain") for t in parts if t]


def _said(stated: Stated, given: set[str], audience: str, by_name: bool,
          when: str = "") -> str:
    """What a stated detail is, as a sentence; ``when``: " of" and the release's date."""
    if stated is None:
        return "the release does not give the number you have."
    if isinstance(stated, ExternalContact):
        return (f"{stated.phone} is not in the release: it is the {stated.label} "
                f"({stated.when}).")
    who = ", for journalists" if stated.id not in given and audience == "public" else ""
    if by_name:
        phone = f", on {stated.phone}" if stated.id in given else ""
        label = stated.label[:1].lower() + stated.label[1:]
        # (the release's date: "is Aoife Nolan still the contact?" asks past what it can say)
        return f"the release{when} names {stated.name} for {label}{phone}{who}."
    number = stated.phone if stated.id in given else "the number you have"
    return f"{number} is the release’s line for {_what(stated)}{who}."


def _up(text: str) -> str:
    return text[:1].upper() + text[1:]
