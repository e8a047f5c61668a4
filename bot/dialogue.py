"""Provides conversation memory: who is asking and what was last said, so follow-ups work.

A ``Conversation`` holds only what follow-ups need: the last intent and the figures it stated
("and in 2018?", "where is that figure from?"), and who the asker said they are (a journalist,
or not one), so that a later "who do I call?" is routed for them. ``follow`` reads a question in
that light. ``ConversationStore`` keeps one per chat, bounded in size and expiring idle ones, so
memory cannot grow without limit however many people write.
"""

from __future__ import annotations

import dataclasses
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field

from bot.followups import number_alone
from bot.reading import MAX_QUESTION_CHARS, Features, Reader
from bot.safety import SafetyVerdict, SafetyVocabulary, assess

# "his number", "can I call her?": a person's number is a phone number, not a figure.
PRONOUNS = frozenset({"his", "her", "him", "he", "she", "their", "them", "they"})
PHONE_WORDS = frozenset({"number", "phone", "call", "ring", "mobile", "reach", "contact",
                         "email", "dial", "line"})
# The bot speaks for the press office, so "your number" is its phone too; "you" alone only
# with a verb of calling ("can I ring you?"): "can you give me the number?" asks for a figure.
YOURS = frozenset({"your", "yours", "ur"})
YOU = frozenset({"you", "u"})
CALLING = PHONE_WORDS - {"number", "line", "mobile"}
# "that figure", "this number", "is it right?": the figure just given.
POINTING = frozenset({"that", "this", "those", "these", "it", "thats"})
FIGURE_WORDS = frozenset({"figure", "figures", "number", "numbers", "stat", "stats",
                          "statistic", "statistics", "percentage", "percent", "total"})
# "can I talk to him?" after the quote or its speaker: "him" is that person, whom the lexicon
# knows by the concept of the committee's chair, so the question is read with that word.
PERSON_TYPES = frozenset({"speaker", "quote"})
PERSON_PRONOUNS = frozenset({"him", "her", "he", "she"})
PERSON_WORD = "chair"
# "who said that?" after a figure: who gave the figure, its source (after a quote: the speaker).
FIGURE_TYPES = frozenset({"figure", "change", "figures"})
SAYING = frozenset({"said", "say", "says", "claim", "claims", "claimed", "stated", "states"})
SOURCE = "source"
# Who the asker said they are, as the terms that say it, for a later contact question.
AUDIENCE_TERMS = {"public": frozenset({"citizen"}), "media": frozenset({"media"})}
CONTACT = "contact"
MEDIA_LINES = frozenset({"media", "pressoffice"})
# What a follow-up's "one", "it" or "someone" points at, which the safety layer reads as the
# last figure's subject. A request for a number or a line with none of them, and no wish to
# report ("number please", "is there a number I can call?"), names nobody to report: it asks
# whom to call, as "who do I call?" does.
POINTS_AT = frozenset({"one", "ones", "it", "someone", "somebody", "something", "anyone",
                       "anybody", "anything", "them", "they", "this", "that", "these", "those",
                       "thats", "such"})
REPORTING = "report"  # the reader's concept of reporting (to someone)
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
                self.last_figures = list(figures)
                self.figures_release = release

    def figures_of(self, release: str) -> list[str]:
        """The last figures given, when they are this release's (else none: "that figure"
        never means a figure of another release)."""
        return self.last_figures if self.figures_release in ("", release) else []

    def heard(self, text: str) -> None:
        """Keep one of the asker's messages (the last ``KEPT_MESSAGES``; "": none)."""
        if text:
            self.said = (*self.said, text)[-KEPT_MESSAGES:]

    def safety(self, text: str, f: Features, verdict: SafetyVerdict, reader: Reader,
               vocabulary: SafetyVocabulary, subject: str) -> SafetyVerdict:
        """The safety layer's verdict on a message read with this conversation, when the
        message alone did not call for the help numbers. A message that asks what to do or whom
        to call is read with the asker's earlier messages, as if said in one ("the lads at the
        car wash sleep in the back room" ... "what should I do?"); a short follow-up is read
        with ``subject``, what the last answer's figures count, which its "one", "it" or
        "someone" points at ("how do I report one?" after the number of people referred as
        victims). The safety layer still weighs who asks and why (a reporter's "who do I call
        for a comment?" stays theirs)."""
        if verdict.urgent:
            return verdict
        readings = []
        if verdict.asks_help and self.said:
            readings.append(" ".join((*self.said, text)))
        words = set(f.tokens)
        only_a_line = bool(words & PHONE_WORDS or CONTACT in f.terms) and not (
            words & POINTS_AT or REPORTING in f.terms)
        if subject and f.elliptical and not f.years and not f.numbers and not only_a_line:
            readings.append(f"{text} {subject}")
        for reading in readings:
            reading = reading[-MAX_QUESTION_CHARS:]
            again = assess(reading, reader.features(reading), vocabulary)
            if again.urgent:
                return again
        return verdict

    def follow(self, f: Features, reader: Reader, values: Mapping[str, float],
               release: str = "", about: str = "") -> Features:
        """The question read with what this conversation already knows: who is asking, whose
        number "his number" is, who "him" is, and which figure "that figure" is (``values``:
        figure id -> value, of ``release``, the release the question is put to; ``about``: the
        question type of the last answer)."""
        said = bool(f.terms & {"journalist", "citizen"}) or "nonmedia" in f.tokens
        if said and f.audience:
            self.audience = f.audience  # "I'm a reporter", "I'm not a journalist"
        elif self.audience and not said:
            f = self._as_theirs(f)
        if f.numbers or f.years:
            return f
        words = set(f.tokens)
        if ((words & (PRONOUNS | YOURS) and words & PHONE_WORDS or words & YOU and words & CALLING)
                and not words & POINTING - {"they", "them"}):
            # "what's his number?" after the quote: a person's phone, so the press contacts.
            terms = (f.terms - {"stats", "howmany", "@figure"}) | {"contact"}
            return dataclasses.replace(f, terms=frozenset(terms))
        if about in PERSON_TYPES and words & PERSON_PRONOUNS:
            # "can I talk to him for a piece?" after the quote: talking to the chair.
            named = " ".join(PERSON_WORD if t in PERSON_PRONOUNS else t for t in f.tokens)
            reread = dataclasses.replace(reader.features(named), audience=f.audience)
            return self._as_theirs(reread) if self.audience and not said else reread
        figures = self.figures_of(release)
        if about in FIGURE_TYPES and "who" in words and words & SAYING and words & POINTING:
            return dataclasses.replace(f, terms=f.terms | {SOURCE})  # "who said that?"
        phone = number_alone(f, reader.stopwords) if figures else None
        if phone is not None:
            # "number please" after a figure: the figure was just given; a phone number now.
            return self._as_theirs(phone) if self.audience and not said else phone
        # "number" beside a verb of calling is a phone number ("what number do I call if I've
        # seen it?"), so it names no figure, and "it" is not the figure just given.
        naming = words & FIGURE_WORDS - ({"number", "numbers"} if words & CALLING else set())
        if (self.last_intent is not None and words & POINTING and naming
                and "source" not in f.terms and figures and figures[0] in values):
            return reader.naming(f, values[figures[0]])
        return f

    def _as_theirs(self, f: Features) -> Features:
        """The question as asked by whom the asker said they are: "who do I ring?" from
        someone who said earlier they are a student is read as if they had said it again."""
        f = dataclasses.replace(f, audience=self.audience)
        # Not when the question names the press lines itself: the public asking for them are
        # told whom those lines are for (the answer's redirect), which needs that question.
        if CONTACT in f.terms and not f.terms & MEDIA_LINES:
            f = dataclasses.replace(f, terms=f.terms | AUDIENCE_TERMS[self.audience])
        return f

    def refers_back(self, f: Features) -> bool:
        """Whether the question points at something said before ("him", "that figure"), so
        only a reader that sees the conversation can take its meaning."""
        return self.last_intent is not None and bool(set(f.tokens) & (PRONOUNS | POINTING))

    def reset(self) -> None:
        self.last_intent = None
        self.last_figures = []
        self.figures_release = ""
        self.audience = ""
        self.release = ""
        self.pending = ""
        self.pending_card = ("", "")
        self.said = ()


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
