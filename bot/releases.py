"""Provides ``ReleaseChooser``: which loaded release a question is about, by what names it.

A question names a release by words distinctive to it (its title, summary, committee, chair,
speakers and the organisations they speak for), by one of its figures' values, or by a year of
its figures or its date. Nothing here is a hand list: each release's names are learned from its
own data, and a name counts in proportion to how few releases share it, so a word every release
has ("chair", "figures") names none of them, and to how rare it is in English, so an everyday
word a release happens to use ("council", "set") names it less than its subject ("slavery",
"damp"). The result is the releases that fit best, equally: one, several (a bare "who is the
chair?" with several loaded), or all of them when nothing was named.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from bot.cards import initials
from bot.figureyears import DATE
from bot.knowledge import Knowledge
from bot.models import GENERAL_TYPES, Release
from bot.reading import Features, Reader, stem

# A name shared by more than this share of the releases says nothing about which one is meant.
MAX_SHARE = 0.5
# The most frequent English words ("more", "must", "done") name no release's subject. Only
# the very commonest: a subject is often an everyday word ("night" buses, "food" banks,
# "street" trees), and words every release shares ("london") weigh nothing anyway.
COMMON_WORDS = 200
# The basic vocabulary: a word among the thousand commonest in English ("questions", "today",
# "full") may be used by a question to any release, so alone it does not leave a conversation
# on one for another release whose headline or summary happens to use it.
EVERYDAY_WORDS = 1000
# Words that point back at what the conversation is about ("who do I contact about this?").
POINTING = frozenset({"this", "that", "it", "these", "those", "thats", "its"})
# Scores this close count as equal.
EPSILON = 1e-9


@dataclass(frozen=True)
class Choice:
    """The releases a question fits best (newest first) and how strongly it named them (0: it
    named none, so every release fits)."""

    releases: tuple[str, ...]
    strength: float

    @property
    def named(self) -> bool:
        return self.strength > 0


def _year_signal(year: int) -> str:
    return f"#year:{year}"


def _value_signal(value: float) -> str:
    return f"#value:{value:g}"


def newest_first(releases: list[Release]) -> list[Release]:
    """Releases newest first; the same date by id, so the order never depends on load order."""
    return sorted(releases, key=lambda r: (-(r.date.toordinal() if r.date else 0), r.id))


def names_only(knowledge: Knowledge) -> Knowledge:
    """The knowledge with each release's text cut to the fields that name it (and only the
    general intents), for the chooser's reader: its vocabulary (what typos are corrected to)
    needs the names, and reading every release's text and intents would make start-up grow
    with the number of releases. Its releases quote nobody and name no committee or contact:
    the chooser reads a person's or a committee's name as a name of the release, never as the
    person quoted, the committee or the press office (bot.names), which a pattern may read away
    ("get Desai on" as an interview)."""
    def names(r: Release) -> str:
        return "\n".join([r.title, r.summary, r.committee, r.chair,
                          *(q.speaker for q in r.quotes),
                          *(f.counts for f in r.figures)])
    return knowledge.model_copy(update={
        "releases": [r.model_copy(update={"text": names(r), "chair": "", "committee": "",
                                          "quotes": [], "contacts": []})
                     for r in knowledge.releases],
        "intents": [i for i in knowledge.intents if i.type in GENERAL_TYPES]})


def _rarity(name: str, rank: dict[str, int], size: int) -> float:
    """How rare a name is in English, from 0 to 1: log of its frequency rank over log of the
    word list's size (by Zipf's law, its inverse document frequency in general English, scaled),
    1 for a word not on the list ("nrm", "desai"), a year or a value. A release's subject
    ("slavery", "damp") is rarer than the everyday words its text also uses ("council", "set")."""
    if name.startswith("#") or size < 2:
        return 1.0
    r = rank.get(name) or rank.get(name + "s")  # a stem ("referral") may be listed plural
    return 1.0 if r is None else min(1.0, math.log(max(r, 2)) / math.log(size))


class ReleaseChooser:
    """Scores a read question against every loaded release's names."""

    def __init__(self, knowledge: Knowledge, reader: Reader,
                 question_words: frozenset[str] = frozenset()) -> None:
        # ``reader``: a reader of ``names_only(knowledge)``, which reads a name as a name.
        self.reader = reader
        # The concepts that tell question types apart ("chair", "stats", "contact"): a
        # release's text may use them ("new figures", "the Chair of ..."), but they name no
        # release, or a bare "who is the chair?" would pick the one whose summary says "Chair".
        self.question_words = question_words
        self.order = [r.id for r in newest_first(knowledge.releases)]
        self.signals: dict[str, set[str]] = {r.id: set() for r in knowledge.releases}
        common = self.common = frozenset(knowledge.english[:COMMON_WORDS])
        # Each release's own words, in all its text (and their stems): how much of a question
        # the release speaks for (``_speaks_for``).
        self.vocabulary = {r.id: frozenset(w for t in reader.tokens(
            "\n".join([r.title, r.summary, r.text]), correct=False) for w in (t, stem(t)))
            for r in knowledge.releases}
        people: set[str] = set()  # names and headline words, never taken for question words
        basic = frozenset(knowledge.english[:EVERYDAY_WORDS])
        for r in knowledge.releases:
            own = self.signals[r.id]
            # Its names: its committee, chair and speaker in full; the less common words of its
            # title, summary and what its figures count (an everyday word names no subject).
            own |= self._words(reader, r.committee)
            # The committee's name is a name too, even where a word of it is a question word
            # ("committee"): not the bare word.
            people |= {stem(t) for t in reader.tokens(r.committee, correct=False)
                       if t not in question_words}
            # A name's words, never a concept ("chair").
            named = {t for name in (r.chair, *(q.speaker for q in r.quotes))
                     for t in reader.tokens(name, correct=False) if len(t) > 2}
            own |= named
            # Its contacts' names name it too ("Jo Bloggs", its press officer), by their words
            # outside the basic vocabulary ("London Assembly duty press officer" by none).
            own |= {t for c in r.contacts for t in reader.tokens(c.name, correct=False)
                    if len(t) > 2 and t not in basic}
            # Names and headline words are names even where the lexicon reads one as a
            # question word ("night" buses, not the out-of-hours line).
            people |= named | {stem(t) for t in reader.tokens(r.title, correct=False)}
            for text in (r.title, r.summary, *(f.counts for f in r.figures)):
                own |= self._words(reader, text) - common
            # Whom its quotes speak for names it too: the organisations in a speaker's role,
            # by their less common words and by their initials ("TfL" responding).
            for q in r.quotes:
                own |= self._words(reader, q.role) - common
                acronyms = {stem(t) for t in initials(q.role).split() if len(t) > 1}
                own |= acronyms
                people |= acronyms
            own |= {t for f in r.figures for t in f.topics}
            own |= {_year_signal(y) for f in r.figures for y in f.years}
            if r.date:
                own.add(_year_signal(r.date.year))
            # A figure's value, when distinctive: not a small number like 3, which could be
            # anything ("the top 3"), unless written as a percentage.
            own |= {_value_signal(f.value) for f in r.figures
                    if f.value >= 100 or f.unit == "percent"}
        n = len(self.signals)
        df: dict[str, int] = defaultdict(int)
        for names in self.signals.values():
            for s in names:
                df[s] += 1
        # A name's weight: how few releases share it, times how rare it is in English; none
        # for one most releases share.
        self.rank = rank = {w: i for i, w in enumerate(knowledge.english, 1)}
        self.weight = {s: math.log(n / d) * _rarity(s, rank, len(knowledge.english))
                       for s, d in df.items()
                       if d <= max(1, int(n * MAX_SHARE)) and not s.startswith("@")
                       and not s.isdigit() and (s in people or not self._asks(s))}
        # Each name's releases, newest first: a question is scored against the releases that
        # have one of its names only, not against every release loaded.
        self.named_by: dict[str, list[str]] = defaultdict(list)
        for r_id in self.order:
            for s in self.signals[r_id]:
                if s in self.weight:
                    self.named_by[s].append(r_id)

    def _asks(self, name: str) -> bool:
        """Whether a name is a question word: one of the question types' concepts, or a word
        the lexicon reads as one ("figures" is "stats")."""
        return name in self.question_words or bool(
            self.reader.terms([name]) & self.question_words)

    @staticmethod
    def _words(reader: Reader, text: str) -> set[str]:
        """A text's words and the concepts they name, without stopwords."""
        tokens = [t for t in reader.tokens(text, correct=False) if t not in reader.stopwords]
        return {stem(t) for t in tokens} | reader.terms(tokens)

    def signals_of(self, f: Features) -> set[str]:
        """The names a read question uses: its words and terms, the years and the numbers it
        gives."""
        found = set(f.terms) | {stem(t) for t in f.tokens}
        found |= {_year_signal(y) for y in f.years if y}
        if DATE in f.terms:  # "the release of 2022": a year said of a release, read as its date
            found |= {_year_signal(y) for y in f.written_years}
        found |= {_value_signal(v) for v in f.numbers}
        return {s for s in found if s in self.weight}

    def choose(self, f: Features) -> Choice:
        """The releases the question fits best, newest first."""
        used = self.signals_of(f)
        if not used or len(self.order) == 1:
            return Choice(tuple(self.order), 0.0)
        # Each release's names in the question, summed in the same order as ``used``.
        scores: dict[str, float] = {}
        for s in used:
            weight = self.weight[s]
            for r in self.named_by[s]:
                scores[r] = scores.get(r, 0) + weight
        best = max(scores.values(), default=0)
        if best <= 0:
            return Choice(tuple(self.order), 0.0)
        # A release none of the names fits scores 0, so it is among the best only when the
        # best is within EPSILON of 0.
        return Choice(tuple(r for r in self.order if scores.get(r, 0) >= best - EPSILON), best)

    def switches(self, f: Features, current: str, choice: Choice) -> bool:
        """Whether a question asked in a conversation on ``current`` is about another release.
        It must name the other release by a word of its own as typed or a figure's value, not
        by a year alone ("and in 2016?" asks the current release, which says whether it has
        that year); a question that points back ("about this"), or names several releases
        equally, or also names the current one, must name it by two of its words. One word
        alone ("questions", "cost") is weaker evidence than the conversation itself: it must
        be a word that only that release of those loaded has, and no basic vocabulary
        (``_distinguishes``), in a question whose own words are mostly that release's
        (``_speaks_for``)."""
        if not choice.named or current in choice.releases:
            return False
        other = choice.releases[0]
        own = self.signals[other]
        # Its own words as typed, or a figure's value: a concept the lexicon read into the
        # question ("tied to" as "neighbour") is too loose a name to leave the conversation.
        used = self.signals_of(f)
        theirs = self.signals.get(current, set())

        def named(signals: Collection[str]) -> set[str]:
            # Evidence is counted by the question's words: "questions" is one word, though it
            # is both itself and its stem.
            return {t for t in f.tokens if any(s in signals and s in used for s in (t, stem(t)))}

        names = {s for s in used if s in own and s.startswith("#value:")}
        words = named(own)
        mine = named(theirs) | {s for s in used if s.startswith("#value:") and s in theirs}
        if mine:
            # The question also names the release being discussed ("desai", its chair): one
            # word of another release ("today") is not enough to leave it.
            return len(words) >= 2 and len(words) + len(names) > len(mine)
        if set(f.tokens) & POINTING or len(choice.releases) > 1:
            # Pointing back, or one word several releases share ("plan"): not a switch.
            return len(words) >= 2
        if names or len(words) >= 2:
            return True
        if not words:
            return False
        return self._distinguishes(next(iter(words)), other, used) and self._speaks_for(
            f, other)

    def _distinguishes(self, word: str, release: str, used: set[str]) -> bool:
        """Whether one word is a name of this release strong enough to leave a conversation on
        another: only this release has it (a word three releases share, "cost", says little of
        which), it is no everyday word ("questions", "today": a question to any release may use
        them), and the lexicon does not read it as a word most releases share ("Londoners" is
        "London")."""
        forms = {s for s in (word, stem(word)) if s in used}
        if not forms or any(self.named_by.get(s) != [release] for s in forms):
            return False
        if any(self.rank.get(s, EVERYDAY_WORDS + 1) <= EVERYDAY_WORDS for s in (word, stem(word))):
            return False
        senses = self.reader.terms([word]) - {word, stem(word)}
        return not senses or any(s in self.weight for s in senses)

    def _speaks_for(self, f: Features, release: str) -> bool:
        """Whether the release's text has most of the question's own words: those that are no
        stopword, question word or one of the commonest English words. One word of its subject
        used in another sense ("my grandad's carer is always late", "foreign desk here, readers
        won't know") comes among words the release never uses; a question about it ("what
        about allotments", "how many potholes were there") is mostly its words."""
        own = self.vocabulary.get(release, frozenset())
        content = [t for t in f.tokens if len(t) > 2 and t not in self.reader.stopwords
                   and t not in self.common and t not in POINTING
                   and not self._asks(t) and not self._asks(stem(t))]
        known = sum(1 for t in content if t in own or stem(t) in own)
        return known > len(content) - known

    def score(self, f: Features, release_id: str) -> float:
        """How strongly the question names one release."""
        return sum(self.weight[s] for s in self.signals_of(f)
                   if s in self.signals.get(release_id, ()))
