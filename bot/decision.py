"""Provides the decision rule between two independent opinions on a question: the matcher's
answer and the classifier's ranking of question types (``verdict``), with its learned part.

The rule, in order (a "class" is the classifier's label for an intent, see bot.intentclasses):
1. a priority (safeguarding) answer from the matcher is never demoted;
2. the classifier gives the priority answer when it ranks it first at least ``safe`` sure,
   whether or not the matcher has an answer (safety first: bot.crossval caps ``safe`` below
   every safeguarding question nothing else caught; with no ``safe`` learned, whenever the
   matcher has no answer); below ``safe`` it is no option of rule 3 either. Where
   the safety layer read the message as asking for work or study with no sign that anyone is
   harmed (``Question.studies_it``), the classifier's priority classes are set aside (``heard``),
   as the subject's words are the asker's topic, not a sign of need, unless the message is
   personal (a particular person, urgency, suspicion or unease, not a bare request to reach:
   ``Question.personal``) and the classifier ranks one first at least ``safe`` sure, or more
   likely than not: then rule 2 gives it (``told``), as the reading of what the message tells
   of outweighs the layer's reading of who asks (a professional who tells of a victim the
   layer's words miss). Rule 2 never fires where the safety layer read another crime reported
   or seen, with no sign of harm and no word of the subject (``Question.another_crime``: "where
   do I report a stolen wallet?"), or another trouble told with no harm (``Question.elsewhere``:
   another crime or a customer's or a resident's complaint), nor adds the help line below;
3. a matcher's answer to two questions of one message ("who is the chair and what did he
   say?", bot.segments) stands when the classifier's first class is either part's: it reads one
   class per message, so naming either part agrees with the answer (``Question.also``; the
   engine leads with the part it names). Otherwise the options are the matcher's class and the
   classifier's first class (when that is not "none" nor, below ``safe``, a priority class).
   A small logistic model (the *stacker*) gives each option the probability that answering
   with it is right, from signals both opinions give (the classifier's read on its ranking
   without the priority classes, which rule 3 never offers: ``weighed``): the classifier's
   probability of the option and of its first class, its margin and its rank of the option,
   whether each opinion names the option, the matcher's confidence, whether the option's years
   fit the years the question names, the question's length in words, the probability it
   put on the priority classes set aside and on "none of the intents" (wherever that class
   is ranked), the option's margin over the likeliest other class, and whether the
   question is a fragment.
   The most likely option is answered when at least ``answer`` likely; else the options at
   least ``offer`` likely are offered as "did you mean"; else the engine falls back. Where the
   classifier ranks a priority class first less than ``safe`` but at least ``care`` sure, what
   rule 3 gives carries the help numbers in one line (``Verdict.help_line``).
The stacker's weights and the thresholds are learned from out-of-fold predictions by
cross-validation (bot.crossval) and stored in intents/decision.json (bot.thresholds: the
signals' names, the file). Scoring them is a dot product, so answering needs no numeric library.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Literal

from bot.classifier import FALLBACK
from bot.intentclasses import Classes
from bot.safety import PROBABILITY
from bot.thresholds import NEVER, Thresholds, stacked

Kind = Literal["matcher", "classifier", "clarify", "fallback"]


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1.0 - 1e-4)
    return math.log(p / (1.0 - p))


@dataclass(frozen=True)
class Question:
    """What the two opinions said about one question: the matcher's class (None: it fell back)
    and confidence, the classifier's ranked classes, and the years the question names."""

    matched: str | None
    ranked: list[tuple[str, float]]
    confidence: float = 0.0
    years: tuple[int, ...] = ()
    priority: bool = False  # the matcher gave a priority answer
    words: int = 0  # how many words the reader found in it
    # The safety layer read it as asking for work or study, with no sign that anyone is harmed
    # (bot.safetyverdict.SafetyVerdict.studies_it).
    studies_it: bool = False
    # The class of a second question of the message the matcher's answer also answers
    # (bot.segments.second_question), or None.
    also: str | None = None
    # The safety layer read a sign of harm in it as someone's situation, not enough by itself
    # to call for help (bot.safetyverdict.SafetyVerdict.harm): rule 2's net where the matcher
    # fell back.
    harm: bool = False
    # The safety layer read it as another crime reported or seen, with no sign of harm and no
    # word of the subject (bot.safetyverdict.SafetyVerdict.another_crime): rule 2 does not fire.
    another_crime: bool = False
    # Another trouble than the subject told of, with no harm: another crime, or a customer's or a
    # resident's complaint read as no harm (bot.safetyverdict.SafetyVerdict.elsewhere; not a joke
    # nor a copy of a document kept): rule 2 does not fire either.
    elsewhere: bool = False
    # The safety layer read a particular person, urgency, suspicion or unease in it ("what number
    # should she call?"; a bare request to reach someone is not:
    # bot.safetyverdict.SafetyVerdict.personal): read as work or study, a classifier that ranks a
    # priority class first at ``safe``, or more likely than not, still gives the help numbers
    # (``told``).
    personal: bool = False
    # The probability the classifier put on the priority classes, which rule 3's stacker reads
    # apart from the rest of the ranking (``weighed``; 0 where they were set aside or absent).
    aside: float = 0.0
    # A follow-up the matcher answered through the conversation (``keeps``), and how: answered
    # only with the previous topic's words (bot.matching.Match.carried), so with the very
    # answer just given though it names nothing to check against it (``repeat``,
    # bot.followsignals.repeats), as a fragment (the reader's ``elliptical``), only a question
    # word of the subject just discussed (``bare``: bot.followsignals.bare), and the class of
    # the answer just given (``last``). Rule 3 never weighs one: all are 0 there, save
    # ``fragment``, read for every question (a question alone read as a fragment is a signal
    # of rule 3's stacker).
    follows: bool = False
    carried: bool = False
    repeat: bool = False
    fragment: bool = False
    bare: bool = False
    last: str | None = None

    def ranked_as(self, ranked: list[tuple[str, float]], aside: float | None = None) -> Question:
        """The question with another ranking (and ``aside``, if given): what
        ``dataclasses.replace`` makes (no field has a check or a factory), without its look-up
        of every field; the rule reranks most questions it weighs, twice."""
        new = object.__new__(Question)
        new.__dict__.update(self.__dict__, ranked=ranked)
        if aside is not None:
            new.__dict__["aside"] = aside
        return new


def heard(q: Question, priority_classes: Collection[str], sure: float = NEVER) -> Question:
    """The question as rules 2 and 3 weigh it: for one the safety layer read as work or study
    (``studies_it``), the classifier's ranking without the priority classes (none left: "none"),
    so neither rule turns "I'm writing an essay on trafficking" into the help numbers, unless the
    message is personal and the classifier ranks a priority class first at least ``sure`` (the
    rule's ``safe``) or more likely than not (``told``: rule 2 gives it): a question about the
    subject or the helpline as a topic, asked for work ("who runs the helpline? it's for my
    essay"), asks nobody's help, however sure the classifier is. The safety layer and the
    matcher's priority answer (rule 1) still decide who needs help."""
    if not q.studies_it or told(q, priority_classes, sure):
        return q
    kept = [(label, p) for label, p in q.ranked if label not in priority_classes]
    return q.ranked_as(kept or [(FALLBACK, 1.0)])


def told(q: Question, priority_classes: Collection[str], sure: float = NEVER) -> bool:
    """Whether a message read as work or study tells of someone the classifier reads as calling
    for help: personal (``personal``: a particular person, urgency, suspicion or unease,
    "journalist here, ... what number should she call?"; not a bare request to reach someone,
    "reporter here, who do I ring?", the work's own line), the classifier's first class a
    priority class at least ``sure`` sure (the rule's ``safe``) or at least as sure as the
    safety layer takes a learned probability for a sign by itself (bot.safety.PROBABILITY: more
    likely than not), and no other crime reported. The layer's reading of *who* asks is set
    aside for a reading of *what* the message tells: a worker or a student who tells of a
    colleague or a flatmate in words the layer's signs miss gets 999 and the helpline first
    (rule 2), as a sign with a particular person does. Below it, the classifier's lean was wrong
    more often than right on the held-out sets (docs/engine.md)."""
    top, p = q.ranked[0]
    return (q.studies_it and q.personal and not (q.another_crime or q.elsewhere)
            and top in priority_classes and p >= min(sure, PROBABILITY))


def calls(q: Question, priority_classes: Collection[str]) -> bool:
    """Whether rule 2 may give the classifier's first class, whatever its probability: a
    priority class, not for another crime reported with no sign of harm, and not set aside as
    work or study about nobody in particular (``heard``; the same on its result)."""
    return (q.ranked[0][0] in priority_classes and not (q.another_crime or q.elsewhere)
            and (not q.studies_it or q.personal))


def weighed(q: Question, priority_classes: Collection[str]) -> Question:
    """The ranking rule 3's stacker reads: the priority classes set aside and the rest
    renormalised. Rule 3 never offers a priority class (rule 2 gives it at ``safe``, the safety
    layer and the matcher's priority answer below), so the probability the classifier puts on
    it is no rival of the options: "as a parent I want to know what is being done to stop this"
    ranked safeguarding first, 0.33 sure, and the matcher's answer only looked unsure beside it.
    What rule 3 offers is still chosen on the whole ranking (``options``). The probability set
    aside is kept as a signal of its own (``Question.aside``): a question that leans to the
    help numbers is no plain question about the release either."""
    kept = [(label, p) for label, p in q.ranked if label not in priority_classes]
    total = sum(p for _, p in kept)
    if len(kept) == len(q.ranked) or total <= 0.0:
        return q
    aside = sum(p for label, p in q.ranked if label in priority_classes)
    return q.ranked_as([(label, p / total) for label, p in kept], aside)


def heard_when_kept(harm: bool, offtopic: bool) -> bool:
    """Whether rule 2 is heard on a fallback the matcher keeps for itself (a fragment, a
    follow-up): not where the message names another subject (a word the reader knows as
    off-topic: "am I entitled to housing benefit") and the safety layer read no sign of harm."""
    return harm or not offtopic


def signals(q: Question, option: str, classes: Classes) -> list[float]:
    """The stacker's inputs for answering ``q`` with ``option`` (in the order of
    bot.thresholds.SIGNALS)."""
    top, p_top = q.ranked[0]
    second = q.ranked[1][1] if len(q.ranked) > 1 else 0.0
    # How far down the classifier's ranking the option is (the matcher's option may be far
    # below its first class), and its probability there.
    rank, p = next(((k, prob) for k, (label, prob) in enumerate(q.ranked) if label == option),
                   (len(q.ranked), 0.0))
    own = classes.years.get(option, frozenset())
    named = own.intersection(q.years)
    by_classifier, by_matcher = float(option == top), float(option == q.matched)
    kind = classes.types.get(option, option)
    p_kind = sum(prob for label, prob in q.ranked if classes.types.get(label, label) == kind)
    same = q.matched is not None and classes.types.get(q.matched) == classes.types.get(top, top)
    # The rank and how long the question is (a long message says more than either opinion
    # reads) are read on a log scale.
    follows = float(q.follows)
    # The option's probability less the likeliest other class's (the ranking is most likely
    # first: for the first class its margin over the second; below 0 for any other), and a
    # question alone read as a fragment.
    rival = second if option == top else p_top
    return [_logit(p), _logit(p_top), p_top - second, by_classifier, by_matcher,
            by_matcher * q.confidence, by_classifier * by_matcher, float(q.matched is None),
            float(bool(q.years and own) and not named), float(bool(named)),
            _logit(p_kind), float(same), math.log1p(rank), math.log1p(q.words),
            _logit(q.aside), follows * by_matcher * q.carried,
            follows * by_matcher * q.carried * q.repeat, follows * q.fragment,
            follows * float(option == q.last), follows * by_matcher * q.bare,
            _logit(sum(prob for label, prob in q.ranked if label == FALLBACK)), p - rival,
            (1.0 - follows) * q.fragment]


def names_a_part(q: Question) -> bool:
    """Whether the matcher's answer is in two parts and the classifier's first class is either
    part's (the classifier reads one class per message: that is agreement, not a rival)."""
    return q.also is not None and q.matched is not None and q.ranked[0][0] in (q.matched, q.also)


def options(q: Question, priority_classes: Collection[str] = ()) -> list[str]:
    """The answers on offer: the matcher's class, and the classifier's first unless it is none
    or a priority class (those are rule 2's alone, at ``safe``: below it, the classifier's
    safeguarding answers that rule 3 gave were wrong under cross-validation)."""
    found = [q.matched] if q.matched is not None else []
    top = q.ranked[0][0]
    if top != FALLBACK and top != q.matched and top not in priority_classes:
        found.append(top)
    return found


@dataclass(frozen=True)
class Verdict:
    """What to do: answer with one opinion, ask which was meant, or fall back. ``offer`` lists
    the opinions a "did you mean" offers, as "matcher" and/or "classifier", likeliest first."""

    kind: Kind
    offer: tuple[str, ...] = ()
    branch: int = 0  # which rule decided (1-3), for selection and diagnostics
    help_line: bool = False  # the answer given carries the help numbers in one line (``care``)
    likelihood: dict[str, float] = field(default_factory=dict, compare=False)


def verdict(q: Question, priority_classes: Collection[str], t: Thresholds,
            classes: Classes) -> Verdict:
    """Decide between the matcher's and the classifier's opinions on ``q``."""
    if q.matched is not None and q.priority:
        return Verdict("matcher", branch=1)
    q = heard(q, priority_classes, t.safe)
    top, p = q.ranked[0]
    # At least ``safe`` sure, whether or not the matcher answered (with no ``safe`` learned:
    # when it has no answer). Below ``safe`` the priority class is no option of rule 3 either,
    # save where the matcher has no answer and the safety layer read a sign of harm: two
    # readings that lean to the help numbers, and nothing else to answer with (the net).
    # Never for another crime reported with no sign of harm ("where do I report a stolen
    # wallet?"): the classifier's reading of a wish to report is not this subject's.
    # Read as work or study, telling of someone the classifier reads as calling for help
    # more likely than not (``told``): below ``safe`` too.
    may_call = calls(q, priority_classes)
    if may_call and (p >= t.safe or told(q, priority_classes)
                     or (q.matched is None and (t.safe >= NEVER or q.harm))):
        return Verdict("classifier", branch=2)
    # Less than ``safe`` but at least ``care`` sure (not set aside as work or study): whatever
    # rule 3 decides carries the help numbers too.
    line = may_call and p >= t.care
    if names_a_part(q):
        return Verdict("matcher", branch=3, help_line=line)
    if not t.weights:  # no stacker: the matcher alone
        return Verdict("matcher" if q.matched is not None else "fallback", branch=3,
                       help_line=line)
    read = weighed(q, priority_classes)
    likely = {o: t.likelihood(signals(read, o, classes)) for o in options(q, priority_classes)}
    if not likely:
        return Verdict("fallback", branch=3, help_line=line)
    ranked = sorted(likely, key=lambda o: (-likely[o], o != q.matched))

    def who(option: str) -> Literal["matcher", "classifier"]:
        return "matcher" if option == q.matched else "classifier"

    if likely[ranked[0]] >= t.answer:
        return Verdict(who(ranked[0]), branch=3, likelihood=likely, help_line=line)
    offer = tuple(who(o) for o in ranked if likely[o] >= t.offer)
    return Verdict("clarify" if offer else "fallback", offer, branch=3, likelihood=likely,
                   help_line=line)


def keeps(q: Question, priority_classes: Collection[str], t: Thresholds,
          classes: Classes) -> bool:
    """Whether the matcher's answer to a follow-up it read through the conversation stands
    (``Question.follows``): the kept stacker (``Thresholds.kept``) finds it at least ``keep``
    likely, on rule 3's signals and the follow-up's own. A new question read as a follow-up
    ("what about scotland specifically" answered again with the regional comparison just given)
    gets the fallback instead, as a fragment answered with the previous topic's words does
    where the rule would not even offer it."""
    return not t.kept or q.matched is None or kept_likelihood(
        q, priority_classes, t, classes) >= t.keep


def kept_likelihood(q: Question, priority_classes: Collection[str], t: Thresholds,
                    classes: Classes) -> float:
    """The kept stacker's likelihood that the matcher's answer to ``q`` is right."""
    heard_q = heard(q, priority_classes, t.safe)
    return stacked(t.kept, signals(weighed(heard_q, priority_classes), q.matched or "",
                                       classes))
