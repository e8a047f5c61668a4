"""Provides intent scoring with rapidfuzz: ``Matcher.best(question) -> Match | None``.

The matcher tries to understand a question rather than recognise a phrasing. ``bot.reading``
reads it (canonical words, concepts such as ``met`` for "cops" and "police", the years, the
figures named and who is asking); each intent is then scored on three things: how much of its
keywords the question hits, how much of the question it explains (weighted by how distinctive
each word is among its release's intents), and a fuzzy comparison with its example questions.
Years gate intents: a question about 2022 never matches an intent whose figures are from 2018.
Whether an intent is the kind of answer asked for (type, unit, place) is ``bot.clashes``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from bot import followups as fu
from bot import readmemo
from bot.clashes import (
    PERSONAL,
    asks_about_subject,
    other_figure,
    other_type,
    place_clash,
    unasked_shortfall,
    unit_clash,
)
from bot.followlines import number_alone, other_line
from bot.followpair import between_given
from bot.knowledge import Knowledge
from bot.models import SMALL_TALK, Intent
from bot.profiles import Asked, Profile, build_profiles
from bot.reading import MAX_QUESTION_CHARS, PLACES, Features, Reader, words_to_numbers
from bot.series import Series
from bot.shortlist import build_postings, decisive, shortlist, terms_hit, top
from bot.timecue import CUE, line_asked

# These names stay importable from here (reading a question: bot.reading; Asked: bot.profiles).
__all__ = ["MAX_QUESTION_CHARS", "Asked", "Features", "Match", "Matcher", "words_to_numbers"]

# Words with which a follow-up asks for more than the answer it follows ("who else", "the
# other members", "any more", "has it happened yet", "since"): that answer, given again, is not
# the reply.
BEYOND = frozenset({"else", "other", "others", "more", "further", "yet", "since", "still",
                    "anymore"})
# Words before "report" that make it a document, not reporting ("the committee's report").
DETERMINERS = frozenset({"the", "this", "that", "your", "their", "its", "full", "whole", "s",
                         "committee", "committees", "assembly", "assemblys", "new", "latest"})
# Off-topic markers that only a question about the statistics makes (lexicon patterns).
STATISTICAL = frozenset({"facet", "causeq"})
# Question types about the release itself rather than its figures.
FACT_TYPES = frozenset({"release_fact", "accessible_formats"})
# How much less an answer of another type than the one asked for fits.
OTHER_TYPE = 0.7
# Rankings kept by the reading ranked (``Matcher.rank``): a message's clauses and pieces are
# read again by each step that looks for a second question or a line, each time as a new but
# equal reading, and all of one message's fit in this many.
RANKINGS_KEPT = 32


def _chatter(intent: Intent) -> int:
    """How little an intent says: 0 for content, 1 for small talk, 2 for a bare greeting."""
    return 0 if intent.type != "smalltalk" else 2 if intent.slot == "greeting" else 1


@dataclass(frozen=True)
class Match:
    """The best intent for a question, how sure the matcher is, and the runners-up."""

    intent: Intent
    confidence: float
    features: Features
    score: float = 0.0
    alternatives: tuple[tuple[Intent, float], ...] = field(default=())  # raw scores
    carried: bool = False  # read only with the previous topic's words ("and in 2018?")
    through: bool = False  # read from the conversation's last answer (bot.followups)


class Matcher:
    """Scores questions against the intents of one knowledge base."""

    threshold = 0.46
    ambiguity_margin = 0.04
    # With more candidates than this, only the most promising are scored (see ``rank``).
    max_scored = 64

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.reader = Reader(knowledge)
        self.normalise = self.reader.normalise
        self.features = self.reader.features
        # The last readings ranked, by their value: a fallback's closest topics rank the same
        # reading again, and a second question's search and the line beside it each read one
        # clause anew (a ranking is a function of the reading alone, every field of it).
        self._rankings: readmemo.Readings[tuple[Features, frozenset[str]],
                                          list[tuple[Intent, float]]] = readmemo.Readings(
            self._rank, RANKINGS_KEPT)
        # And the rankings cut to what decides the intent (``decisive``), as often asked again.
        self._decided: readmemo.Readings[Features, list[tuple[Intent, float]] | None] = (
            readmemo.Readings(lambda f: decisive(self, f), RANKINGS_KEPT))
        self.series = Series(knowledge, self.reader)  # what a year is asked of (bot.series)
        self.topic_years = self.series.topic_years
        # Years the release has data points for: a span's ends, not the years between them.
        self.release_years = frozenset(
            y for r in knowledge.releases for f in r.figures for y in f.years)
        self.all_years = self.release_years | {r.date.year for r in knowledge.releases if r.date}
        self.figure_values = frozenset(f.value for r in knowledge.releases for f in r.figures)
        self.profiles = build_profiles(knowledge, self.reader)
        # The people quoted: "what did <the chair, a speaker> say about X" asks for a quote.
        self.speakers = frozenset(
            t for r in knowledge.releases for name in (r.chair, *(q.speaker for q in r.quotes))
            for t in self.reader.tokens(name, correct=False)
            if len(t) > 2 and t not in self.reader.stopwords)
        # Strong keywords of priority intents (safeguarding's): a message with one of them is
        # read part by part (bot.segments).
        self.urgent_terms = frozenset(k for p in self.profiles if p.intent.priority
                                      for k, w in p.intent.keywords.items() if w >= 2)
        self.urgent = max((p.intent for p in self.profiles if p.intent.priority),
                          key=lambda i: i.priority, default=None)
        self.by_id = {p.intent.id: p for p in self.profiles}
        # The words that ask for a list of items (the recommendations' "recommend").
        self.list_asking = frozenset(k for p in self.profiles if p.intent.items for k in p.asking)
        # The places the release states figures for (as the reader's terms).
        self.places = frozenset(t for p in self.profiles for t in p.places)
        self.index: dict[str, list[int]] = defaultdict(list)
        for n, p in enumerate(self.profiles):
            for t in p.weights:
                self.index[t].append(n)
        self.postings = build_postings(self.profiles)

    def names_a_report(self, f: Features) -> bool:
        """Whether every word of reporting is the noun "report" after a determiner: a document."""
        said = [n for n, t in enumerate(f.tokens) if "report" in self.reader.concepts.get(t, {t})]
        return bool(said) and all(f.tokens[n] == "report" and f.tokens[n - 1] in DETERMINERS
                                  for n in said if n) and 0 not in said

    # ------------------------------------------------------------------ scoring

    def score(self, profile: Profile, f: Features, extra: frozenset[str] = frozenset()) -> float:
        """How well the intent explains the question: about 0–1, a little above 1 with bonuses."""
        return self.score_with(profile, f, Asked(f.terms | extra))

    @staticmethod
    def asked(terms: frozenset[str], hits: dict[int, list[str]] | None = None) -> Asked:
        """What ``score_with`` shares between the candidates of one ranking."""
        return Asked(terms, hits)

    def score_with(self, profile: Profile, f: Features, shared: Asked) -> float:
        """``score``, with what depends on the question alone (``Asked``) shared by every
        candidate of a ranking."""
        intent = profile.intent
        if intent.priority and self.names_a_report(f):
            shared = shared.without_report()  # "what does the report say?": a document
        terms = shared.terms
        hit = shared.hit(profile)  # the terms it has a weight for, in the order of ``terms``
        if not hit and not (f.years and profile.years and set(f.years) <= profile.years):
            return 0.0
        cov_i = min(1.0, sum(map(profile.keyword_of.__getitem__, hit)) / profile.top)
        q_weight = shared.weights.get(profile.release)
        if q_weight is None:  # the same for every intent of a release (they share its idf)
            q_weight = shared.weights[profile.release] = self.question_weight(profile, terms)
        cov_q = sum(map(profile.coverage.__getitem__, hit)) / q_weight  # idf × capped weight
        # The best example's score, the loop in rapidfuzz's C rather than Python's.
        # (``token_sort_ratio`` of the examples: ``ratio`` of both sides' words sorted, once.)
        best = process.extractOne(shared.sorted_canon, profile.sorted_examples, scorer=fuzz.ratio)
        fuzzy = (best[1] if best else 0.0) / 100
        score = 0.45 * cov_i + 0.35 * cov_q + 0.20 * fuzzy
        # Bonuses add; penalties multiply afterwards, so a bonus never rescues a penalised intent.
        penalty = 1.0
        # Naming one of its own figures ("1,155% of what?") says what the question is about.
        named = profile.home_values.intersection(f.numbers) if f.numbers else frozenset()
        # An intent about whichever figure was asked (its source) fits any figure named, but
        # naming one does not say the question is about sources.
        own = profile.own_values & named if not intent.context_figures else set()
        # (``isdisjoint``, here and below: the same answers as intersecting with a new set of
        # the other side, made for every candidate.)
        for group in intent.requires:
            if terms.isdisjoint(group) and not own:
                penalty *= 0.4
                break
        if not terms.isdisjoint(intent.excludes):
            # Less so when it names its own figure: "is 2,346 national?" is about that figure.
            penalty *= 0.75 if own else 0.35
        if f.audience and intent.audience not in ("any", f.audience):
            penalty *= 0.6  # a resident asking for "the press office" wants the public line
        if f.years:
            asked = set(f.years)
            if profile.years:
                if asked.isdisjoint(profile.years):
                    # "2,346 victims in 2019?" checks its own figure with the wrong year.
                    penalty *= 0.5 if own and not asked & self.all_years else 0.15
                elif asked == set(intent.years or profile.years) and (
                        cov_i > 0 or not terms - {"@year"}):
                    # The right year, for an intent the question is about (or a bare year).
                    score += 0.25
                elif intent.years and not asked.issubset(intent.years):
                    penalty *= 0.85  # "2013 and 2018": a one-year intent answers half of it
                elif asked <= profile.years and intent.years:
                    score += 0.03
                elif asked < profile.years:
                    penalty *= 0.85  # a narrower question: a year-specific intent fits better
            elif not intent.priority and not self.all_years.issuperset(f.years):
                penalty *= 0.3  # a year the release does not cover, asked of a yearless intent
        elif len(intent.years) == 1 and intent.type not in FACT_TYPES:
            # A one-year intent needs some sign of its year; a bare question is broader.
            penalty *= 0.85
        if named and intent.context_figures:
            score += 0.2
        elif named:
            # Naming figures points at the intents about them; less so at a list of them all.
            score += 0.1 * len(named) / len(profile.home_values)
            score += 0.25 * len(own) / len(profile.own_values) if own else 0.0
        # Other places, named or as a concept, only matter to figures ("calling from the US" is
        # who asks, not what about). Nor is a word listed as off-topic, for an intent whose
        # keywords name its concept ("cost" for a sum of money's card).
        blockers = [t for t in f.offtopic if t not in intent.keywords and (profile.figure_values
                    or not {t, *self.reader.concepts.get(t, ())}.intersection(PLACES))
                    and not self.reader.concepts.get(t, set()) & intent.keywords.keys()
                    ] if f.offtopic else []  # (most questions name nothing off-topic)
        # A sign of harm or the subject named with nobody at risk, no worry, no wish to report
        # and no helpline ("is county lines slavery?", "did it keep rising?") is the subject.
        about_subject = intent.priority and (asks_about_subject(f, terms, self.speakers)
                                             or not terms & PERSONAL)
        if intent.priority and f.audience and not terms & PERSONAL:
            # A student or a journalist naming the subject ("researching labour exploitation")
            # is not reporting a victim unless they speak of a person or a worry.
            penalty *= 0.4
        elif about_subject:
            penalty *= 0.4  # nor are strong signs of the subject a call for help (below)
        if not STATISTICAL.isdisjoint(blockers):
            penalty *= 0.35  # "broken down by type", "why has it risen": never a victim's words
        elif blockers and not intent.priority:  # "rent" or "drugs" don't make a victim off-topic
            penalty *= 0.5 if terms & self.reader.domain else 0.35
            if profile.figure_values and set(blockers) & set(PLACES) and not own:
                penalty *= 0.5  # London's figures are no answer for Newham or Manchester
        if f.unknown:
            penalty *= 0.9 ** min(3, len(f.unknown))
        if not intent.priority and intent.type != "smalltalk" and other_type(
                profile, f, terms, self.speakers, self.list_asking):
            penalty *= OTHER_TYPE
        elif not intent.priority and (
                # (Each check only where it can hold: these are asked of every candidate.)
                profile.units and unit_clash(profile, f, terms)
                or profile.shortfall and unasked_shortfall(profile, terms)
                or profile.places and place_clash(profile, terms, self.places) and not own
                or profile.figure_values and f.numbers and other_figure(
                    profile, self.figure_values.intersection(f.numbers))):
            # A figure, but in another unit or for another place (unless the question names
            # it: "is the 2,346 UK-wide?" checks its place), or a gap not asked for; or a
            # figure's answer stating none of the figures the question names ("is 187 the
            # national total?" asks about the 187, not the UK total).
            penalty *= OTHER_TYPE
        if profile.figure_values and f.years and self.series.gap(f, terms):
            penalty *= 0.15  # e.g. NRM figures asked for 2018: the release has them for 2017
        score *= penalty
        if intent.trigger and self._weight(intent, hit) >= intent.trigger and not any(
                terms.isdisjoint(g) for g in intent.requires) and terms.isdisjoint(
                intent.excludes) and not about_subject:
            score = max(score, self.threshold + 0.15)  # strong signals, however long the text
        if intent.priority and score >= self.threshold * 0.8:
            score += 0.05 * intent.priority
        return max(0.0, score)

    @staticmethod
    def question_weight(profile: Profile, terms: frozenset[str] | set[str]) -> float:
        """The question's total distinctiveness, in the terms of the intent's release."""
        return sum(profile.idf.get(t, profile.max_idf) for t in terms) or 1.0

    @staticmethod
    def _weight(intent: Intent, hit: list[str]) -> float:
        return sum(intent.keywords.get(t, 0.0) for t in hit)

    def scope_gap(self, f: Features) -> tuple[list[str], list[int]] | None:
        """For a fallback: the sources of the series asked about, and the years they cover."""
        return self.series.scope(f)

    def rank(self, f: Features, extra: frozenset[str] = frozenset()) -> list[tuple[Intent, float]]:
        """The candidate intents (sharing a term or a year with the question) with their scores,
        best first. Beyond ``max_scored`` candidates only a shortlist is scored (bot.shortlist)."""
        return list(self._rankings.get((f, extra)))

    def _ranked(self, f: Features) -> list[tuple[Intent, float]] | None:
        """``rank(f)`` if that ranking is kept, else ``decisive``'s (None: rank them all)."""
        kept = self._rankings.kept((f, frozenset()))
        if kept is None:
            kept = self._decided.get(f)
        return None if kept is None else list(kept)

    def _rank(self, asked: tuple[Features, frozenset[str]]) -> list[tuple[Intent, float]]:
        f, extra = asked
        terms = f.terms | extra
        candidates, hits = terms_hit(self, f, terms)
        if len(candidates) > self.max_scored:
            scored = shortlist(self, candidates, terms, f, extra)
        else:
            shared = Asked(terms, hits)
            scored = [(self.profiles[n].intent, self.score_with(self.profiles[n], f, shared))
                      for n in candidates]
        scored.sort(key=lambda pair: (-pair[1], pair[0].id))
        return [s for s in scored if s[1] > 0]

    def best(self, question: str, context: Intent | None = None) -> Match | None:
        """The best intent for the question, or None when nothing is good enough."""
        return self.decide(self.features(question), context)

    def decide(self, f: Features, context: Intent | None = None, full: bool = True,
               given: Sequence[Sequence[str]] = ()) -> Match | None:
        """``best`` for a question already read (the engine reads each question once). Not
        ``full``: the same intent and score, but runners-up only if close (``decisive``),
        with a ``context`` too;
        ``given``: the figures the conversation's last answers gave, the last first
        (``Conversation.given``), which "the difference between those two" is between."""
        if context is not None and f.year_offset and not f.years:
            # "and five years later?" after a question about 2013 asks about 2018.
            years = self.by_id[context.id].years if context.id in self.by_id else frozenset()
            if len(years) == 1:
                year = next(iter(years)) + f.year_offset
                f = replace(f, years=(year,), terms=f.terms | {"@year"})
        # "number?" names no figure (the release has many): a phone number; where the
        # classifier reads a figure, the rule offers both (bot.decision).
        f = number_alone(f, self.reader.stopwords) or f
        ranked = None
        if not full and not (context is not None and context.items and f.elliptical):
            # A ranking made already is reused; else only what decides the intent is scored.
            # (A fragment after a list is read by its best fit even below the threshold:
            # ``followups.item_named``. Below it the rest reads no score: a carried reading
            # replaces none, or one whose best it beats, both then no answer.)
            ranked = self._ranked(f)
        if ranked is None:
            ranked = self.rank(f)
        if context is not None:
            know = self.knowledge
            item = (fu.ordinal_item(know, f, context) or fu.item_named(f, context, ranked)
                    or fu.whole_of(know, f, context) or between_given(know, f, context, given)
                    or fu.change_with(know, f, context)
                    or fu.series_step(know, f, context) or other_line(know, f, context)
                    or fu.same_figure(f, context) or fu.restated(f, context))
            if item is not None:
                return Match(intent=item, confidence=0.9, features=f, score=0.9, through=True)
        understood, carried_over = ranked and ranked[0][1] >= self.threshold, False
        # Only a message that could carry a topic over is read for small talk first.
        chat = (context is not None and f.elliptical and bool(understood)
                and fu.after_small_talk(f, ranked[0][0], self.reader.terms))
        if (context is not None and f.elliptical and (not understood or chat)
                and context.type != SMALL_TALK):
            # "and in 2018?": carry the previous topic over, but only when the question cannot
            # be understood on its own, or only as small talk ("thanks, and in 2013?"); small
            # talk itself ("hi", "thanks") is no topic.
            carried = frozenset(t for t, w in context.keywords.items() if w >= 1)
            with_context = fu.at_year_of(self.rank(f, carried), f, context, self.places)
            # Unless it asks for more than was said ("who else sits on it?" after the
            # committee, "has any of it happened yet?" after the recommendations) and its only
            # fit is the answer just given: repeating that answer as if it were the reply
            # would be a wrong answer, not an honest "I don't know". Not after the help
            # numbers: "what do I do now?" is answered with them again.
            if (with_context and with_context[0][0].id == context.id
                    and not context.priority and BEYOND & set(f.tokens)):
                with_context = []
            if with_context and (not ranked or with_context[0][1] > ranked[0][1] or chat):
                ranked, carried_over = with_context, True
        if not ranked or ranked[0][1] < self.threshold:
            alone = fu.year_alone(self.knowledge, f) if context is None else None
            return Match(intent=alone, confidence=0.6, features=f, score=0.6) if alone else None
        if ranked[0][0].type == "smalltalk" and any(
                _chatter(i) < _chatter(ranked[0][0]) and s >= self.threshold for i, s in ranked):
            # "Hi, who's the press officer?": small talk wins only when nothing else is
            # understood, and a greeting only when nothing but a greeting is ("hi, what can
            # you do?" asks for help).
            ranked.sort(key=lambda pair: (_chatter(pair[0]) if pair[1] >= self.threshold
                                          else 3, -pair[1]))
        raw = ranked[0][1]  # the line a time cue asks for ("on call"), of the routed lines:
        intent = line_asked(self.knowledge.intents, ranked[0][0], CUE in f.terms)
        return Match(intent=intent, confidence=round(min(1.0, raw), 3), features=f, score=raw,
                     alternatives=tuple(ranked[1:4]), carried=carried_over)

    def urgent_match(self, f: Features) -> Match | None:
        """The highest-priority intent (safeguarding), for a message that cannot be read."""
        if self.urgent is None:
            return None
        return Match(intent=self.urgent, confidence=0.3, features=f, score=0.3)

    def covers(self, broad: Intent, narrow: Intent) -> bool:
        """Whether one intent's answer states the figures the other is about."""
        a, b = self.by_id.get(broad.id), self.by_id.get(narrow.id)
        return bool(a and b and b.own_values and b.own_values <= a.figure_values)

    def close_topics(self, question: str | Features, limit: int = 3) -> list[Intent]:
        """The nearest intents, for 'closest topics' in a fallback, even below the threshold."""
        f = self.features(question) if isinstance(question, str) else question
        kept = self._rankings.kept((f, frozenset()))  # else only what could be among them
        closest = kept[:limit] if kept is not None else top(self, f, limit)
        close = [i for i, s in closest if s > 0.08 and i.type != "smalltalk"]
        # A bare year ("and in 2018?") still points at the intents about that year.
        close += [p.intent for p in self.profiles if f.years and set(f.years) <= set(
            p.intent.years) and p.intent not in close]
        return close[:limit]
