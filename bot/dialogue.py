"""Provides conversation memory: who is asking and what was last said, so follow-ups work.

A ``Conversation`` holds only what follow-ups need: the last intent and the figures it stated
("and in 2018?", "where is that figure from?"), and who the asker said they are (a journalist,
or not one), so that a later "who do I call?" is routed for them. ``follow`` reads a question in
that light. ``ConversationStore`` keeps one per chat, bounded in size and expiring idle ones, so
memory cannot grow without limit however many people write.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field

from bot.followlines import number_alone, says_who
from bot.names import PERSON
from bot.reading import ELLIPSIS_STARTS, MAX_QUESTION_CHARS, Features, Reader
from bot.safety import assess, names_another
from bot.safetyverdict import SafetyVerdict
from bot.safetywords import SafetyVocabulary

# "his number", "can I call her?": a person's number is a phone number, not a figure.
PRONOUNS = frozenset({"his", "her", "him", "he", "she", "their", "them", "they"})
PHONE_WORDS = frozenset({"number", "phone", "call", "ring", "mobile", "reach", "contact",
                         "email", "dial", "line"})
# "Unmesh Desai's number", "the chair's mobile": a line named right after the person (the reader's
# concept of the committee's chair) is theirs, a phone; "line" is left out ("the chair's line
# on the visa" is a position).
THEIR_LINE = frozenset({"number", "phone", "mobile", "email", "contact"})
# The bot speaks for the press office, so "your number" is its phone too; "you" alone only
# with a verb of calling ("can I ring you?"): "can you give me the number?" asks for a figure.
YOURS = frozenset({"your", "yours", "ur"})
YOU = frozenset({"you", "u"})
CALLING = PHONE_WORDS - {"number", "line", "mobile"}
# "who can I speak to about that figure?": a person to talk to, so a line to ring.
SOMEONE = frozenset({"who", "whom", "someone", "somebody", "anyone", "anybody"})
TALKING = frozenset({"speak", "talk", "chat"})
# "that figure", "this number", "is it right?": the figure just given.
POINTING = frozenset({"that", "this", "those", "these", "it", "thats"})
FIGURE_WORDS = frozenset({"figure", "figures", "number", "numbers", "stat", "stats",
                          "statistic", "statistics", "percentage", "percent", "total"})
# "is there a number? need it tonight": a figure word after "a" or "any" is some number, not
# the one just given, which is definite ("that number", "the number again").
INDEFINITE = frozenset({"a", "an", "any"})
# The reader's concepts of a figure asked for, set aside when a number means a phone number.
FIGURE_TERMS = frozenset({"stats", "howmany", "@figure"})
# "can I talk to him?" after the quote or its speaker: "him" is that person, whom the reader
# knows by the concept of the committee's chair (as it reads their name), so the question is
# read with that word.
PERSON_TYPES = frozenset({"speaker", "quote"})
PERSON_PRONOUNS = frozenset({"him", "her", "he", "she", "his", "hers"})
# "who said that?" after a figure: who gave the figure, its source (after a quote: the speaker).
FIGURE_TYPES = frozenset({"figure", "change", "figures"})
SAYING = frozenset({"said", "say", "says", "claim", "claims", "claimed", "stated", "states"})
SOURCE = "source"
QUOTE = "quote"  # the reader's concept of the quote, which "said" also reads as
SOURCE_TYPE = "figure_source"  # the question type of where figures come from
# "wasn't it 2019?" after when the release came out: a year claimed of its date (the question
# type and slot of the release's date, and the reader's concept of it: bot.figureyears.DATE).
DATE_ASKED = ("release_fact", "date")
# Who the asker said they are, as the terms that say it, for a later contact question.
AUDIENCE_TERMS = {"public": frozenset({"citizen"}), "media": frozenset({"media"})}
CONTACT = "contact"
CONTACTS = "contacts"  # the question type of the phone lines
MEDIA_LINES = frozenset({"media", "pressoffice"})
# What a follow-up's "one", "it" or "someone" points at, which the safety layer reads as the
# last figure's subject. A request for a number or a line with none of them, and no wish to
# report ("number please", "is there a number I can call?"), names nobody to report: it asks
# whom to call, as "who do I call?" does.
POINTS_AT = frozenset({"one", "ones", "it", "someone", "somebody", "something", "anyone",
                       "anybody", "anything", "them", "they", "this", "that", "these", "those",
                       "thats", "such"})
REPORTING = "report"  # the reader's concept of reporting (to someone)
# What a witness's "I think I've seen it" saw: a thing, not a person (the safety layer reads
# people itself). "this", "that" and the like are that thing only when no noun follows them
# ("I've seen this at work", not "I saw that figure").
SEEN_THINGS = POINTS_AT - {"someone", "somebody", "anyone", "anybody", "them", "they"}
DETERMINERS = frozenset({"this", "that", "these", "those", "any", "some", "such"})
# How far after "it" a word of an account or a medium says where it was seen ("on the news").
ACCOUNT_WORDS = 5
# How many of the asker's own messages a conversation keeps, for the safety layer to read a
# later "who do I call?" with them.
KEPT_MESSAGES = 3


@dataclass
class Conversation:
    """The state one conversation carries between questions."""

    last_intent: str | None = None
    last_figures: list[str] = field(default_factory=list)
    # The release the last figures are from: figure ids are a release's own, and two releases
    # may both have, say, "count_2022".
    figures_release: str = ""
    # The figures the answer before those gave, and their release: "the difference between
    # those two" may be one figure from each of the last two answers (bot.followpair).
    earlier_figures: list[str] = field(default_factory=list)
    earlier_release: str = ""
    turns: int = 0
    audience: str = ""  # "media" or "public", once the asker has said which they are
    release: str = ""  # the id of the release being discussed, once one has answered
    pending: str = ""  # a question waiting for "which release?" to be answered
    pending_card: tuple[str, str] = ("", "")  # or a command's (question type, slot)
    said: tuple[str, ...] = ()  # the asker's last few messages, oldest first

    def remember(self, intent: str | None, figures: list[str], release: str = "") -> None:
        """Record an answered question (and the release its figures are from); fallbacks keep
        the earlier topic."""
        self.turns += 1
        if intent is not None:
            self.last_intent = intent
            if figures:
                self.earlier_figures, self.earlier_release = (self.last_figures,
                                                              self.figures_release)
                self.last_figures = list(figures)
                self.figures_release = release

    def figures_of(self, release: str) -> list[str]:
        """The last figures given, when they are this release's (else none: "that figure"
        never means a figure of another release)."""
        return self.last_figures if self.figures_release in ("", release) else []

    def given(self, release: str) -> list[list[str]]:
        """The figures the last two answers that gave any gave, the last first, of this
        release only (a figure of another release is none of "those two")."""
        return [figures for figures, of in ((self.last_figures, self.figures_release),
                                            (self.earlier_figures, self.earlier_release))
                if figures and of in ("", release)]

    def heard(self, text: str) -> None:
        """Keep one of the asker's messages (the last ``KEPT_MESSAGES``; "": none)."""
        if text:
            self.said = (*self.said, text)[-KEPT_MESSAGES:]

    def safety(self, text: str, f: Features, verdict: SafetyVerdict, reader: Reader,
               vocabulary: SafetyVocabulary, subject: str, topic: str = "") -> SafetyVerdict:
        """The safety layer's verdict on a message read with this conversation, when the
        message alone did not call for the help numbers. A message that asks what to do or whom
        to call is read with the asker's earlier messages, as if said in one ("the lads at the
        car wash sleep in the back room" ... "what should I do?"); a short follow-up is read
        with ``subject``, what the last answer's figures count, which its "one", "it" or
        "someone" points at ("how do I report one?" after the number of people referred as
        victims). A witness's "I think I've seen it" or "if I come across this" is read with what
        was seen named by the subject the conversation is about (``topic``: the last figures'
        subject, else the release's title), when that is the safety layer's subject. The safety
        layer still weighs who asks and why (a reporter's "who do I call for a comment?" stays
        theirs)."""
        if verdict.urgent:
            return verdict
        readings = []
        if verdict.asks_help and self.said:
            readings.append(" ".join((*self.said, text)))
        words = set(f.tokens)
        only_a_line = bool(words & PHONE_WORDS or CONTACT in f.terms) and not (
            words & POINTS_AT or REPORTING in f.terms)
        # What it reports or saw named as another subject ("how do I report a burglary?"):
        # the conversation's subject is not what it is about.
        other = names_another(text, f, vocabulary)
        if (subject and f.elliptical and not f.years and not f.numbers and not only_a_line
                and not other):
            readings.append(f"{text} {subject}")
        seen = "" if other else _seen_it(text, f, reader, vocabulary, subject or topic)
        if seen:
            readings.append(seen)
        for reading in readings:
            reading = reading[-MAX_QUESTION_CHARS:]
            again = assess(reading, reader.features(reading), vocabulary)
            if again.urgent:
                return again
        return verdict

    def follow(self, f: Features, reader: Reader, values: Mapping[str, float],
               release: str = "", about: str = "", line: str = "", own: str = "") -> Features:
        """The question read with what this conversation already knows: who is asking, whose
        number "his number" is, who "him" is, and which figure "that figure" is (``values``:
        figure id -> value, of ``release``, the release the question is put to; ``about``: the
        question type of the last answer; ``line``: the audience of the line it gave, when it
        gave one, whose person "her number" then names; ``own``: the figure the last answer is
        about, its slot, which "that figure" names when that answer gave several, such as a
        change and the two figures it is between)."""
        said = says_who(f)  # "I'm a reporter", "I'm not a journalist", "if I am press"
        if said and f.audience:
            self.audience = f.audience  # "I'm a reporter", "I'm not a journalist"
        elif self.audience and not said:
            f = self._as_theirs(f)
        if about == SOURCE_TYPE and f.elliptical and f.numbers and not f.years:
            # "and the 5,143?" after where a figure is from: where that one is from.
            return dataclasses.replace(f, terms=f.terms | {SOURCE})
        if (about, own) == DATE_ASKED and f.elliptical and len(set(f.years)) == 1 and not (
                f.numbers or f.terms & FIGURE_TERMS or f.text.startswith(ELLIPSIS_STARTS)):
            # "my lecturer said it was 2019" after when it came out: its date, checked, as
            # "was this release from 2019?" is (bot.figureyears.dated), not that year's figures
            # ("and in 2018?" asks for that year's).
            return dataclasses.replace(f, years=(), terms=(f.terms - {"@year"}) | {DATE_ASKED[1]})
        if f.numbers or f.years:
            return f
        words = set(f.tokens)
        if ((words & (PRONOUNS | YOURS) and words & PHONE_WORDS or words & YOU and words & CALLING
             or _persons_line(f, reader)) and not words & POINTING - {"they", "them"}):
            # "what's his number?" after the quote: a person's phone, so the press contacts.
            terms = (f.terms - FIGURE_TERMS) | {CONTACT}
            f = dataclasses.replace(f, terms=frozenset(terms))
            if about == CONTACTS and line in AUDIENCE_TERMS and not (said or self.audience):
                # "and her number?" after the press officer's line: hers is that line.
                f = asked_by(f, line)
            return f
        asks_who_said = "who" in words and bool(words & SAYING and words & POINTING)
        if about in PERSON_TYPES and (words & PERSON_PRONOUNS or asks_who_said):
            # "can I talk to him for a piece?", "what's his title?" after the quote: the chair;
            # "who said that?" after it asks who its speaker is.
            named = " ".join(PERSON if t in PERSON_PRONOUNS or asks_who_said and t in
                             POINTING else t for t in f.tokens
                             if not (asks_who_said and t in SAYING))
            reread = dataclasses.replace(reader.features(named), audience=f.audience)
            return self._as_theirs(reread) if self.audience and not said else reread
        figures = self.figures_of(release)
        if own in figures:  # "that" is what the answer was about, not the first it named
            figures = [own, *(fig for fig in figures if fig != own)]
        if about in FIGURE_TYPES and "who" in words and words & SAYING and (
                asks_who_said or f.elliptical or SOURCE in f.terms):
            # "who said that?", "says who?", "says who? where's that from": who gave the
            # figure, its source, not the chair's quote (the reader's "said").
            return dataclasses.replace(f, terms=(f.terms - {QUOTE}) | {SOURCE})
        phone = number_alone(f, reader.stopwords) if figures else None
        if phone is not None:
            # "number please" after a figure: the figure was just given; a phone number now.
            return self._as_theirs(phone) if self.audience and not said else phone
        # "number" beside a verb of calling is a phone number ("what number do I call if I've
        # seen it?"), so it names no figure, and "it" is not the figure just given.
        naming = {t for n, t in enumerate(f.tokens) if t in FIGURE_WORDS and not (
            n and f.tokens[n - 1] in INDEFINITE)} - ({"number", "numbers"} if words & CALLING
                                                     else set())
        if (self.last_intent is not None and words & POINTING and naming
                and "source" not in f.terms and figures and figures[0] in values):
            if words & CALLING or words & SOMEONE and words & TALKING:
                # "who do I call to check that figure?", "who can I talk to about that number?":
                # the figure is what the call is about; the question asks for a line to ring,
                # routed for who the asker said they are.
                phone = dataclasses.replace(f, terms=frozenset(
                    (f.terms - FIGURE_TERMS) | {CONTACT}))
                return self._as_theirs(phone) if self.audience and not said else phone
            return reader.naming(f, values[figures[0]])
        return f

    def _as_theirs(self, f: Features) -> Features:
        """The question as asked by whom the asker said they are: "who do I ring?" from
        someone who said earlier they are a student is read as if they had said it again."""
        return asked_by(f, self.audience)

    def reset(self) -> None:
        self.last_intent = None
        self.last_figures = []
        self.figures_release = ""
        self.earlier_figures = []
        self.earlier_release = ""
        self.audience = ""
        self.release = ""
        self.pending = ""
        self.pending_card = ("", "")
        self.said = ()


def _persons_line(f: Features, reader: Reader) -> bool:
    """Whether the message names a person's line: a word the reader reads as the person
    (``PERSON``) right before a word for a line ("Desai's number", "the chair's phone")."""
    return any(PERSON in reader.concepts.get(t, ()) and nxt in THEIR_LINE
               for t, nxt in zip(f.tokens, f.tokens[1:], strict=False))


def asked_by(f: Features, audience: str) -> Features:
    """The question as asked by that audience ("media" or "public"; "": as it is)."""
    if audience not in AUDIENCE_TERMS:
        return f
    f = dataclasses.replace(f, audience=audience)
    # Not when the question names the press lines itself: the public asking for them are
    # told whom those lines are for (the answer's redirect), which needs that question.
    if CONTACT in f.terms and not f.terms & MEDIA_LINES:
        f = dataclasses.replace(f, terms=f.terms | AUDIENCE_TERMS[audience])
    return f


def _seen_it(text: str, f: Features, reader: Reader, vocabulary: SafetyVocabulary,
             topic: str) -> str:
    """The message with the thing the asker says they saw or came across, given only as "it"
    or "this", named by the safety layer's subject when ``topic`` names it ("I think I've seen
    it at work" after the figures on modern slavery: "... seen slavery at work"); "" when the
    message says no such thing, or says it was seen in the news."""
    c = vocabulary.compiled()
    if not topic or c.witnessing is None or f.terms & c.seen_in:
        return ""
    plain = " ".join(re.findall(r"\w+", text.lower()))
    for seen in c.witnessing.finditer(plain):
        rest = plain[seen.end():].split()
        if not rest or rest[0] not in SEEN_THINGS:
            continue
        if rest[0] in DETERMINERS and len(rest) > 1 and not (
                rest[1] in reader.stopwords or rest[1].endswith("ing")):
            continue  # "that figure": a noun after it, not a thing pointed at
        if set(rest[1:ACCOUNT_WORDS]) & c.accounts:
            return ""  # "I saw it on twitter", "... in the release": read about, not seen
        named = [t for t in reader.features(topic).tokens if t in c.subject]
        return " ".join([plain[:seen.end()], named[0], *rest[1:]]) if named else ""
    return ""


class ConversationStore:
    """Conversations by key (a chat id), least recently used dropped first, idle ones expired."""

    def __init__(self, max_entries: int = 10_000, ttl_seconds: float = 1800.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_entries = max_entries
        self.ttl = ttl_seconds
        self.clock = clock
        self._items: OrderedDict[Hashable, tuple[float, Conversation]] = OrderedDict()

    def get(self, key: Hashable) -> Conversation:
        """The conversation for this key, new if it was unknown or had expired."""
        now = self.clock()
        found = self._items.pop(key, None)
        conv = found[1] if found and now - found[0] <= self.ttl else Conversation()
        self._items[key] = (now, conv)
        self._evict(now)
        return conv

    def _evict(self, now: float) -> None:
        while len(self._items) > self.max_entries:
            self._items.popitem(last=False)
        # Oldest first, so stop at the first one still fresh.
        while self._items:
            key, (seen, _) = next(iter(self._items.items()))
            if now - seen <= self.ttl:
                break
            del self._items[key]

    def __len__(self) -> int:
        return len(self._items)
