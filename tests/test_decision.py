"""Tests for bot.decision: the rule between the matcher's answer and the classifier's ranking,
each branch on its own and the stacker's signals (the decision file: tests/test_thresholds.py)."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from bot.classifier import FALLBACK
from bot.decision import Question, heard, keeps, options, signals, verdict, weighed
from bot.intentclasses import Classes
from bot.thresholds import NEVER, SIGNALS, Thresholds

SAFE = frozenset({"safeguarding"})
YEARS = Classes({"rise": frozenset({2013, 2018}), "y2013": frozenset({2013}),
                 "y2018": frozenset({2018})},
                {"rise": "change", "y2013": "figure", "y2018": "figure", "quote": "quote"})


def weights(**named: float) -> tuple[float, ...]:
    """Stacker weights by signal name (the others 0), then the intercept ``bias``."""
    bias = named.pop("bias", 0.0)
    assert set(named) <= set(SIGNALS)
    return tuple(named.get(s, 0.0) for s in SIGNALS) + (bias,)


# The likelihood of an option is the classifier's probability of it, raised when the matcher
# names it too: enough to try every branch with probabilities one can read.
T = Thresholds(safe=0.6, answer=0.8, offer=0.3,
               weights=weights(logit_option=1.0, matcher_names=2.0))


def ranked(*pairs: tuple[str, float]) -> list[tuple[str, float]]:
    return list(pairs)


def kind(matched: str | None, r: list[tuple[str, float]], priority: bool = False,
         t: Thresholds = T) -> str:
    v = verdict(Question(matched, r, priority=priority), SAFE, t, YEARS)
    return v.kind if v.kind != "clarify" else "clarify:" + "+".join(v.offer)


def test_a_priority_answer_from_the_matcher_is_never_demoted() -> None:
    assert kind("safeguarding", ranked((FALLBACK, 0.99), ("safeguarding", 0.01)),
                priority=True) == "matcher"


def test_the_classifier_gives_the_priority_answer_when_at_least_safe_sure() -> None:
    assert kind(None, ranked(("safeguarding", 0.65), (FALLBACK, 0.25))) == "classifier"
    # Below ``safe`` it is not given, even where the matcher fell back: under cross-validation
    # such answers were wrong, and ``safe`` is capped below every safeguarding question nothing
    # else caught (bot.crossval).
    assert kind(None, ranked(("safeguarding", 0.5), (FALLBACK, 0.45))) != "classifier"
    # Without a learned rule, the classifier's first class still answers a question the
    # matcher has no answer for with the help numbers.
    assert kind(None, ranked(("safeguarding", 0.3), (FALLBACK, 0.25)), t=Thresholds()) \
        == "classifier"


def test_below_safe_the_priority_class_is_no_option_of_rule_3() -> None:
    q = Question("rise", ranked(("safeguarding", 0.55), ("rise", 0.45)))
    assert options(q, SAFE) == ["rise"] and options(q) == ["rise", "safeguarding"]
    assert options(Question(None, ranked(("safeguarding", 0.5), (FALLBACK, 0.5))), SAFE) == []
    sure = Thresholds(safe=0.6, answer=0.1, offer=0.05, weights=weights(logit_option=1.0,
                                                                      bias=5.0))
    assert kind(None, ranked(("safeguarding", 0.5), (FALLBACK, 0.45)), t=sure) == "fallback"
    assert kind("rise", ranked(("safeguarding", 0.55), ("rise", 0.45)), t=sure) == "matcher"


def test_the_stacker_reads_the_ranking_without_the_priority_classes() -> None:
    r = ranked(("safeguarding", 0.55), ("rise", 0.2), (FALLBACK, 0.25))
    assert weighed(Question("rise", r), SAFE).ranked == [("rise", 0.2 / 0.45),
                                                         (FALLBACK, 0.25 / 0.45)]
    assert weighed(Question("rise", r), ()).ranked == r
    assert weighed(Question(None, ranked(("safeguarding", 1.0))), SAFE).ranked == [
        ("safeguarding", 1.0)]  # nothing else to read: as it is
    # The matcher's "rise" at 0.2 of the whole ranking (likelihood 0.65) is 0.44 of what rule 3
    # could answer (0.86): answered, where the safeguarding class it never offers made it a
    # "did you mean".
    assert kind("rise", r) == "matcher"
    assert kind("rise", ranked(("quote", 0.55), ("rise", 0.2), (FALLBACK, 0.25))) \
        == "clarify:matcher+classifier"


def test_the_probability_set_aside_is_a_signal_of_its_own() -> None:
    r = ranked(("safeguarding", 0.55), ("rise", 0.2), (FALLBACK, 0.25))
    read = weighed(Question("rise", r), SAFE)
    assert read.aside == pytest.approx(0.55)
    s = dict(zip(SIGNALS, signals(read, "rise", YEARS), strict=True))
    assert s["logit_priority"] == pytest.approx(math.log(0.55 / 0.45))
    # Nothing set aside: as unlikely as a probability is read.
    plain = weighed(Question("rise", ranked(("rise", 0.6), (FALLBACK, 0.4))), SAFE)
    assert plain.aside == 0.0
    assert dict(zip(SIGNALS, signals(plain, "rise", YEARS), strict=True))[
        "logit_priority"] == pytest.approx(math.log(1e-4 / (1 - 1e-4)))
    # Its weight tells the stacker how much a lean to the help numbers counts against an option.
    t = Thresholds(answer=0.5, offer=NEVER, weights=weights(logit_priority=-1.0))
    assert verdict(Question("rise", r), SAFE, t, YEARS).kind == "fallback"
    assert verdict(Question("rise", ranked(("rise", 0.6), (FALLBACK, 0.4))), SAFE, t,
                   YEARS).kind == "matcher"


def test_over_another_answer_the_classifier_must_be_sure_enough_of_the_priority_one() -> None:
    assert kind("rise", ranked(("safeguarding", 0.65), ("rise", 0.35))) == "classifier"
    assert kind("rise", ranked(("safeguarding", 0.5), ("rise", 0.45))) == "matcher"


def test_agreement_on_a_likely_option_answers() -> None:
    assert kind("rise", ranked(("rise", 0.4), (FALLBACK, 0.35))) == "matcher"  # 0.4 → 0.83


def test_the_likeliest_option_answers_when_likely_enough() -> None:
    assert kind("rise", ranked(("quote", 0.97), ("rise", 0.02))) == "classifier"
    assert kind("rise", ranked(("quote", 0.58), ("rise", 0.4))) == "matcher"  # 0.4 → 0.83
    assert kind(None, ranked(("rise", 0.81), (FALLBACK, 0.19))) == "classifier"


def test_unlikely_options_are_offered_or_the_engine_falls_back() -> None:
    assert kind("rise", ranked(("quote", 0.6), ("total", 0.3), ("rise", 0.1))) \
        == "clarify:classifier+matcher"  # 0.6 and 0.45, likeliest first
    assert kind("rise", ranked(("quote", 0.7), ("total", 0.28), ("rise", 0.02))) \
        == "clarify:classifier"
    assert kind(None, ranked(("rise", 0.2), (FALLBACK, 0.1))) == "fallback"
    assert kind(None, ranked((FALLBACK, 0.9), ("rise", 0.1))) == "fallback"
    assert kind("rise", ranked((FALLBACK, 0.97), ("rise", 0.01))) == "fallback"


def test_a_two_part_answer_is_the_matchers_when_the_classifier_names_a_part() -> None:
    def two_part(matched: str | None, r: list[tuple[str, float]], also: str = "quote") -> str:
        return verdict(Question(matched, r, also=also), SAFE, T, YEARS).kind

    # The classifier names the second part ("quote") or the first ("rise"): agreement.
    assert kind("rise", ranked(("quote", 0.97), ("rise", 0.02))) == "classifier"
    assert two_part("rise", ranked(("quote", 0.97), ("rise", 0.02))) == "matcher"
    assert two_part("rise", ranked(("rise", 0.3), ("total", 0.29))) == "matcher"
    # Another class or none: the rule weighs it as for any answer.
    assert two_part("rise", ranked(("total", 0.97), ("rise", 0.02))) == "classifier"
    assert two_part("rise", ranked((FALLBACK, 0.97), ("rise", 0.01))) == "fallback"
    assert two_part("rise", ranked(("safeguarding", 0.65), ("quote", 0.35))) == "classifier"


def test_without_a_stacker_the_matcher_answers_alone() -> None:
    t = Thresholds()
    for r in (ranked(("quote", 0.99)), ranked((FALLBACK, 0.99))):
        assert kind("rise", r, t=t) == "matcher"
    assert kind(None, ranked(("quote", 0.99)), t=t) == "fallback"
    assert t.answer == NEVER


def test_the_options_are_the_matchers_and_the_classifiers_first_unless_none() -> None:
    assert options(Question("rise", ranked(("quote", 0.6), ("rise", 0.4)))) == ["rise", "quote"]
    assert options(Question("rise", ranked(("rise", 0.6), ("quote", 0.4)))) == ["rise"]
    assert options(Question(None, ranked((FALLBACK, 0.6), ("quote", 0.4)))) == []


def test_the_classifiers_none_of_the_intents_is_a_signal_wherever_it_is_ranked() -> None:
    # "None of the intents" second, 0.3 sure, still says something against both options.
    q = Question("rise", ranked(("y2013", 0.6), (FALLBACK, 0.3), ("rise", 0.1)))
    for option in ("rise", "y2013"):
        s = dict(zip(SIGNALS, signals(q, option, YEARS), strict=True))
        assert s["logit_none"] == pytest.approx(math.log(0.3 / 0.7))
    s = dict(zip(SIGNALS, signals(Question("rise", ranked(("rise", 1.0))), "rise", YEARS),
                  strict=True))
    assert s["logit_none"] == pytest.approx(math.log(1e-4 / (1 - 1e-4)))
    # Read on the ranking rule 3 weighs: without the priority classes, the rest renormalised.
    read = weighed(Question("rise", ranked(("safeguarding", 0.5), ("rise", 0.25),
                                           (FALLBACK, 0.25))), SAFE)
    s = dict(zip(SIGNALS, signals(read, "rise", YEARS), strict=True))
    assert s["logit_none"] == pytest.approx(0.0)
    # With a negative weight the same matcher's answer is answered or not by that probability.
    t = Thresholds(answer=0.5, offer=NEVER, weights=weights(logit_none=-1.0))
    assert verdict(Question("rise", ranked(("rise", 0.9), (FALLBACK, 0.1))), SAFE, t,
                   YEARS).kind == "matcher"
    assert verdict(Question("rise", ranked(("quote", 0.3), (FALLBACK, 0.6), ("rise", 0.1))),
                   SAFE, t, YEARS).kind == "fallback"


def test_the_signals_read_agreement_confidence_and_years() -> None:
    q = Question("rise", ranked(("y2013", 0.5), ("rise", 0.3)), confidence=0.9, years=(2018,))
    s = dict(zip(SIGNALS, signals(q, "y2013", YEARS), strict=True))
    assert s["classifier_names"] == 1.0 and s["matcher_names"] == 0.0
    assert s["years_clash"] == 1.0 and s["years_fit"] == 0.0
    assert s["margin"] == pytest.approx(0.2) and s["logit_option"] == pytest.approx(0.0)
    s = dict(zip(SIGNALS, signals(q, "rise", YEARS), strict=True))
    assert s["matcher_confidence"] == 0.9 and s["both_name"] == 0.0
    assert s["years_clash"] == 0.0 and s["years_fit"] == 1.0
    s = dict(zip(SIGNALS, signals(Question(None, q.ranked), "quote", YEARS), strict=True))
    assert s["years_clash"] == s["years_fit"] == 0.0 and s["matcher_none"] == 1.0


def test_the_signals_read_the_question_type_both_opinions_name() -> None:
    q = Question("y2018", ranked(("y2013", 0.5), ("y2018", 0.4), ("quote", 0.1)))
    s = dict(zip(SIGNALS, signals(q, "y2013", YEARS), strict=True))
    assert s["logit_type"] == pytest.approx(math.log(0.9 / 0.1)) and s["same_type"] == 1.0
    s = dict(zip(SIGNALS, signals(Question("quote", q.ranked), "y2013", YEARS), strict=True))
    assert s["same_type"] == 0.0


def test_the_signals_read_the_classifiers_rank_of_the_option_and_the_questions_length() -> None:
    q = Question("quote", ranked(("y2013", 0.5), ("y2018", 0.3), ("quote", 0.2)), words=7)
    s = dict(zip(SIGNALS, signals(q, "quote", YEARS), strict=True))
    assert s["classifier_rank"] == pytest.approx(math.log(3)) and s["words"] == pytest.approx(
        math.log(8))
    assert dict(zip(SIGNALS, signals(q, "y2013", YEARS), strict=True))["classifier_rank"] == 0.0
    # An option the classifier does not rank at all is below every class it ranks.
    s = dict(zip(SIGNALS, signals(q, "rise", YEARS), strict=True))
    assert s["classifier_rank"] == pytest.approx(math.log(4))


def test_the_signals_read_the_options_margin_over_the_likeliest_other_class() -> None:
    sure = Question("quote", ranked(("y2013", 0.9), ("quote", 0.1)))
    # The first class's margin over the next; any other option's (or one not ranked) below 0.
    assert dict(zip(SIGNALS, signals(sure, "y2013", YEARS), strict=True))[
        "option_margin"] == pytest.approx(0.8)
    assert dict(zip(SIGNALS, signals(sure, "quote", YEARS), strict=True))[
        "option_margin"] == pytest.approx(-0.8)
    assert dict(zip(SIGNALS, signals(sure, "rise", YEARS), strict=True))[
        "option_margin"] == pytest.approx(-0.9)
    tied = Question("quote", ranked(("y2013", 0.4), ("quote", 0.4), (FALLBACK, 0.2)))
    assert dict(zip(SIGNALS, signals(tied, "quote", YEARS), strict=True))["option_margin"] == 0.0
    # Its weight tells the stacker how much the classifier's lead counts for an option.
    t = Thresholds(answer=0.5, offer=NEVER, weights=weights(option_margin=4.0))
    assert verdict(sure, SAFE, t, YEARS).kind == "classifier"
    assert verdict(replace(sure, matched="rise"), SAFE, t, YEARS).kind == "classifier"
    assert verdict(Question("quote", ranked(("quote", 0.7), ("y2013", 0.3))), SAFE, t,
                   YEARS).kind == "matcher"


def test_a_question_alone_read_as_a_fragment_is_a_signal_of_its_own() -> None:
    r = ranked(("quote", 0.6), ("y2013", 0.4))
    whole, fragment = Question("quote", r), Question("quote", r, fragment=True)
    assert dict(zip(SIGNALS, signals(whole, "quote", YEARS), strict=True))["fragment"] == 0.0
    assert dict(zip(SIGNALS, signals(fragment, "quote", YEARS), strict=True))["fragment"] == 1.0
    # A follow-up's fragment is the follow-up's own signal, not this one.
    follow = dict(zip(SIGNALS, signals(replace(fragment, follows=True), "quote", YEARS),
                      strict=True))
    assert follow["fragment"] == 0.0 and follow["followup_fragment"] == 1.0
    # Learned under cross-validation it raises an option's likelihood: a fragment's few words
    # leave the classifier less sure than its answer deserves.
    t = Thresholds(answer=0.5, offer=NEVER, weights=weights(fragment=1.0, bias=-0.5))
    assert verdict(whole, SAFE, t, YEARS).kind == "fallback"
    assert verdict(fragment, SAFE, t, YEARS).kind == "matcher"


def test_a_long_question_is_judged_by_the_words_weight() -> None:
    t = Thresholds(answer=0.5, offer=NEVER, weights=weights(words=-1.0, bias=2.0))
    r = ranked(("y2013", 0.9), (FALLBACK, 0.1))
    assert verdict(Question("y2013", r, words=2), SAFE, t, YEARS).kind == "matcher"
    assert verdict(Question("y2013", r, words=20), SAFE, t, YEARS).kind == "fallback"


def studied(matched: str | None, r: list[tuple[str, float]], priority: bool = False,
            asks: bool = False) -> str:
    """The verdict's kind for a question the safety layer read as asked for work or study
    (``asks``: and as asking to reach someone)."""
    v = verdict(Question(matched, r, priority=priority, studies_it=True, personal=asks),
                SAFE, T, YEARS)
    return v.kind if v.kind != "clarify" else "clarify:" + "+".join(v.offer)


def test_a_question_asked_for_work_or_study_never_gets_the_help_numbers_from_rule_2() -> None:
    # The same ranking gives the priority answer to anyone else without a learned rule (rule 2,
    # above), where the classifier is less than ``safe`` sure of it.
    assert kind(None, ranked(("safeguarding", 0.3), (FALLBACK, 0.25)), t=Thresholds()) \
        == "classifier"
    assert verdict(Question(None, ranked(("safeguarding", 0.3), (FALLBACK, 0.25)),
                            studies_it=True), SAFE, Thresholds(), YEARS).kind == "fallback"
    assert studied(None, ranked(("safeguarding", 0.3), (FALLBACK, 0.25))) == "fallback"
    # Nor from rule 3: the priority class is not on offer, the next class is.
    assert kind(None, ranked(("safeguarding", 0.5), ("rise", 0.45))) == "fallback"
    assert studied(None, ranked(("safeguarding", 0.5), ("rise", 0.45))) == "clarify:classifier"


def test_a_classifier_ranking_priority_first_gives_the_help_numbers_to_work_telling_of_someone(
        ) -> None:
    """Work or study that tells of someone (a particular person, a request to reach someone)
    keeps the classifier's priority class when it is ranked first, at any confidence
    (bot.decision.told): a professional's "what number should she call?", that the classifier
    reads as a victim's, gets 999."""
    r = ranked(("safeguarding", 0.6), ("contact", 0.3))
    assert studied("contact", r, asks=True) == "classifier"
    assert studied(None, ranked(("safeguarding", 0.81), (FALLBACK, 0.1)), asks=True) \
        == "classifier"
    assert studied("rise", ranked(("safeguarding", 0.59), ("rise", 0.41)), asks=True) \
        == "classifier"
    # Not when the priority class is not the classifier's first.
    assert studied("rise", ranked(("rise", 0.51), ("safeguarding", 0.49)), asks=True) == "matcher"


def test_work_or_study_that_asks_nobody_never_gets_the_help_numbers_from_rule_2() -> None:
    """A question about the subject or the helpline for work or study, with no request to reach
    anyone ("who runs the helpline? it's for my essay"), is no call for help however sure the
    classifier is: its priority class is set aside at any confidence."""
    assert studied("contact", ranked(("safeguarding", 0.6), ("contact", 0.3))) == "clarify:matcher"
    assert studied(None, ranked(("safeguarding", 0.95), (FALLBACK, 0.05))) == "fallback"
    assert studied("rise", ranked(("safeguarding", 0.9), ("rise", 0.1))) != "classifier"
    # Anyone else, the same ranking: rule 2.
    assert kind(None, ranked(("safeguarding", 0.95), (FALLBACK, 0.05))) == "classifier"


def test_a_priority_answer_from_the_matcher_stands_for_work_or_study_too() -> None:
    assert studied("safeguarding", ranked((FALLBACK, 0.9), ("safeguarding", 0.1)),
                   priority=True) == "matcher"


def test_heard_sets_aside_the_priority_classes_only_for_work_or_study() -> None:
    r = ranked(("safeguarding", 0.6), ("rise", 0.3), (FALLBACK, 0.1))
    assert heard(Question(None, r), SAFE).ranked == r
    assert heard(Question(None, r, studies_it=True), SAFE).ranked == r[1:]
    alone = Question(None, ranked(("safeguarding", 1.0)), studies_it=True)
    assert heard(alone, SAFE).ranked == [(FALLBACK, 1.0)]
    # The priority class first, telling of someone: nothing set aside; asking nobody, or the
    # priority class not first, set aside.
    asking = Question(None, r, studies_it=True, personal=True)
    assert heard(asking, SAFE).ranked == r
    second = ranked(("rise", 0.6), ("safeguarding", 0.3), (FALLBACK, 0.1))
    assert heard(replace(asking, ranked=second), SAFE).ranked == [second[0], second[2]]


def test_below_safe_but_at_least_care_sure_the_answer_carries_the_help_line() -> None:
    """Between ``care`` and ``safe`` the classifier's safeguarding class first does not take the
    answer (rule 2 is at ``safe``), but the answer given carries the help numbers in one line: a
    person in need who reads like the asker of a plain question still gets them, and one who
    asked a plain question still gets the answer."""
    t = replace(T, care=0.3)
    v = verdict(Question("rise", ranked(("safeguarding", 0.5), ("rise", 0.45))), SAFE, t, YEARS)
    assert v.kind == "matcher" and v.help_line
    assert verdict(Question(None, ranked(("safeguarding", 0.4), (FALLBACK, 0.35))), SAFE, t,
                   YEARS).help_line
    # Under ``care``: no line; at ``safe``: the safeguarding answer itself.
    assert not verdict(Question("rise", ranked(("safeguarding", 0.25), ("rise", 0.2))), SAFE, t,
                       YEARS).help_line
    assert verdict(Question(None, ranked(("safeguarding", 0.65), (FALLBACK, 0.3))), SAFE, t,
                   YEARS).kind == "classifier"
    # Asked for work or study: the classifier's priority classes are set aside below ``safe``.
    assert not verdict(Question("rise", ranked(("safeguarding", 0.5), ("rise", 0.45)),
                                studies_it=True), SAFE, t, YEARS).help_line
    # With no ``care`` learned (an older decision file), no line.
    assert not verdict(Question("rise", ranked(("safeguarding", 0.5), ("rise", 0.45))), SAFE, T,
                       YEARS).help_line


def reported(matched: str | None, r: list[tuple[str, float]], t: Thresholds = T) -> str:
    """The verdict's kind for a message the safety layer read as another crime reported."""
    v = verdict(Question(matched, r, another_crime=True), SAFE, t, YEARS)
    return v.kind if v.kind != "clarify" else "clarify:" + "+".join(v.offer)


def test_another_crime_reported_never_gets_the_help_numbers_from_rule_2() -> None:
    """"Where do I report a stolen wallet?": however sure the classifier is of a call for help,
    the layer's reading of another crime reported with no sign of harm holds; rule 3 decides,
    and the priority class is no option of it."""
    sure = ranked(("safeguarding", 0.99), (FALLBACK, 0.01))
    assert kind(None, sure) == "classifier"
    assert reported(None, sure) == "fallback"
    assert reported(None, sure, t=Thresholds()) == "fallback"  # no rule learned: the matcher's
    # The matcher's answer is the one option (here likely enough only to be offered).
    assert reported("rise", ranked(("safeguarding", 0.9), (FALLBACK, 0.07), ("rise", 0.03))) \
        == "clarify:matcher"
    # The net (the matcher fell back and the layer read a sign of harm) does not fire either.
    assert verdict(Question(None, ranked(("safeguarding", 0.3), (FALLBACK, 0.25)), harm=True,
                            another_crime=True), SAFE, T, YEARS).kind == "fallback"
    # Nor is the help line added below ``safe``.
    assert not verdict(Question("rise", ranked(("safeguarding", 0.5), ("rise", 0.45)),
                                another_crime=True), SAFE, replace(T, care=0.3),
                       YEARS).help_line


def test_a_follow_ups_answer_stands_unless_its_own_stacker_finds_it_unlikely() -> None:
    """A follow-up the matcher answered through the conversation is weighed by a stacker of its
    own (``Thresholds.kept``): its answer stands at least ``keep`` likely, else the fallback;
    with no such stacker, always. The follow-up's signals read how it was answered: with the
    previous topic's words, the very answer just given again, as a fragment, the last class,
    only a question word of the subject just discussed."""
    t = replace(T, kept=weights(followup_repeat=-3.0, bias=1.0), keep=0.5)
    follow = Question("y2018", ranked((FALLBACK, 0.6), ("y2018", 0.4)), follows=True,
                      carried=True, fragment=True, last="y2018")
    assert not keeps(replace(follow, repeat=True), SAFE, t, YEARS)
    assert keeps(follow, SAFE, t, YEARS)
    assert keeps(replace(follow, repeat=True), SAFE, T, YEARS)  # no kept stacker learned
    named = ("followup_carried", "followup_repeat", "followup_fragment", "followup_same",
             "followup_bare")

    def read(q: Question, option: str) -> list[float]:
        s = dict(zip(SIGNALS, signals(q, option, YEARS), strict=True))
        return [s[n] for n in named]

    assert read(replace(follow, repeat=True, bare=True), "y2018") == [1.0, 1.0, 1.0, 1.0, 1.0]
    assert read(replace(follow, repeat=True, bare=True), "rise") == [0.0, 0.0, 1.0, 0.0, 0.0]
    # Rule 3's questions are no follow-ups: their follow-up signals are all 0.
    assert read(replace(follow, follows=False, bare=True), "y2018") == [0.0] * 5


def test_a_question_reranked_is_the_one_dataclasses_replace_makes() -> None:
    q = Question("a", [("a", 0.6), ("b", 0.4)], 0.7, (2018,), words=5, studies_it=True,
                 also="b", follows=True, last="a")
    ranked = [("b", 1.0)]
    assert q.ranked_as(ranked) == replace(q, ranked=ranked)
    assert q.ranked_as(ranked, 0.25) == replace(q, ranked=ranked, aside=0.25)
    assert repr(q.ranked_as(ranked, 0.25)) == repr(replace(q, ranked=ranked, aside=0.25))
    assert q.ranked == [("a", 0.6), ("b", 0.4)] and q.aside == 0.0  # the question is as it was
