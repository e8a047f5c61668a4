"""Tests for bot.crossval: the `pressbot eval --cv` output on a tiny set folder, the threshold
choice on made-up replays, and every safeguarding question of every set answered as such under
leave-one-set-out cross-validation (slow: one fit per set)."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from bot.classifier import FALLBACK
from bot.config import PROJECT_ROOT
from bot.crossval import (
    DEVSET,
    GRID,
    TRAIN_NOW,
    Replay,
    cross_validate,
    question,
    select,
    shipped_rule,
    smoothed,
)
from bot.crossval import replay as replays_of
from bot.decision import Question, heard, keeps, verdict
from bot.engine import Engine
from bot.estimates import capped, least
from bot.evaluate import Case, Report
from bot.intentclasses import Classes
from bot.parts import DECISION_FILE
from bot.render import to_text
from bot.thresholds import NEVER, Thresholds
from tests.conftest import NOW, CliResult, engine_settings
from tests.helpfirst import helped

SAFE = frozenset({"safeguarding"})


def write_set(path: Path, cases: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")


def test_eval_cv_prints_a_line_per_set_then_the_total(
        run_cli: Callable[..., CliResult], tmp_path: Path) -> None:
    folder = tmp_path / "sets"
    folder.mkdir()
    write_set(folder / "alpha.jsonl", [
        {"q": "how much have referrals risen since 2013", "intent": "referrals_rise"},
        {"q": "who wins the cup final", "fallback": True}])
    write_set(folder / "beta.jsonl", [
        {"q": "what did Unmesh Desai say", "intent": "chair_quote"},
        {"q": "my neighbour is locked in and never paid", "intent": "safeguarding"},
        {"q": "and in 2013?", "intent": "referrals_2013", "context": ["referrals in 2018"]}])
    result = run_cli("eval", "--cv", str(folder))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert [line.split()[0] for line in lines[:2]] == ["alpha", "beta"]
    assert re.fullmatch(r"cv accuracy \d+\.\d% wrong \d+\.\d% sets 2 questions 5", lines[-1])
    assert len(lines) == 3


def test_eval_cv_needs_a_folder(run_cli: Callable[..., CliResult], tmp_path: Path) -> None:
    result = run_cli("eval", "--cv", str(tmp_path / "missing"))
    assert result.code == 2 and "not a folder" in result.err


def replay(label: str | None, matched: str | None, ok: bool,
           ranked: list[tuple[str, float]], group: str = "a", priority: bool = False) -> Replay:
    case = Case(q="q", intent=label, fallback=label is None)
    return Replay(case, group, matched, priority, False, ok, ranked, label)


NONE = Classes({}, {})


def test_a_replay_carries_what_the_live_rule_weighs(engine: Engine, tmp_path: Path) -> None:
    """A question asked for study is replayed as the engine decides it: read as study, with the
    classifier's whole ranking, which the rule weighs without the priority classes below
    ``safe`` (bot.decision.heard), and the same verdict."""
    # (Since the retrain on 49 sets the classifier ranks the media line first, a little, for "I'm
    # writing an essay on trafficking for my history class", which this test used before.)
    asked = "I'm doing a school project on trafficking victims"
    write_set(tmp_path / "one.jsonl", [{"q": asked, "fallback": True}])
    opinion = engine.opinion
    assert opinion is not None and opinion.rank(asked)[0][0] in opinion.priority
    (r,) = replays_of(engine, [tmp_path / "one.jsonl"], {"one": opinion.classifier}, None)
    assert r.studies_it and r.ranked == opinion.rank(asked)
    weighed = heard(question(r), opinion.priority).ranked
    assert not {label for label, _ in weighed} & opinion.priority
    assert question(r).studies_it
    assert opinion.decide(question(r)).kind != "classifier"
    assert engine.ask(asked).kind != "safeguarding"


def test_a_replay_says_when_the_layer_read_another_crime_reported(engine: Engine,
                                                                 tmp_path: Path) -> None:
    asked = "where do I report a stolen wallet?"
    write_set(tmp_path / "one.jsonl", [{"q": asked, "fallback": True},
                                       {"q": "I want to report a victim of trafficking",
                                        "intent": "safeguarding"}])
    assert engine.opinion is not None
    wallet, victim = replays_of(engine, [tmp_path / "one.jsonl"],
                                {"one": engine.opinion.classifier}, None)
    assert wallet.elsewhere and question(wallet).elsewhere
    assert not victim.elsewhere
    assert engine.opinion.decide(question(wallet)).kind != "classifier"


def test_a_replay_says_when_another_subject_is_named_apart_from_another_crime(
        engine: Engine, tmp_path: Path) -> None:
    """A word of a subject the release does not cover is not another crime reported: the two
    readings are the replay's own fields (rule 2 is heard on a kept fallback naming another
    subject only with a sign of harm; another crime reported never gets it)."""
    write_set(tmp_path / "one.jsonl", [{"q": "what about scotland specifically",
                                        "fallback": True}])
    assert engine.opinion is not None
    (scotland,) = replays_of(engine, [tmp_path / "one.jsonl"],
                             {"one": engine.opinion.classifier}, None)
    assert scotland.offtopic and not scotland.elsewhere


def test_a_replay_says_how_a_follow_up_was_read(engine: Engine, tmp_path: Path) -> None:
    """A follow-up the matcher answers through the conversation is replayed as one, with how
    it was read: with the previous topic's words, so the very answer just given again, as a
    fragment, after which class; and whether the conversation reread it ("his number")."""
    write_set(tmp_path / "one.jsonl", [
        {"q": "what about scotland specifically", "fallback": True,
         "context": ["how does london compare to the rest of the country"]},
        {"q": "what's his number?", "intent": "contact_media",
         "context": ["what did the chair say?"]},
        {"q": "what about scotland specifically", "fallback": True}])
    assert engine.opinion is not None
    again, number, alone = replays_of(engine, [tmp_path / "one.jsonl"],
                                      {"one": engine.opinion.classifier}, None)
    assert again.follows and again.carried and again.repeat and again.fragment
    assert again.last == again.matched == "regional_comparison" and not again.reread
    assert question(again).follows and question(again).repeat
    assert number.follows and number.reread and not number.repeat
    assert alone.matched is None and alone.last is None and not alone.carried


def test_a_replay_says_when_the_matcher_answered_two_questions(engine: Engine,
                                                                tmp_path: Path) -> None:
    """A message the matcher answers in two parts is replayed as such, so the rule learned and
    scored on the replays keeps that answer the matcher's, as the engine does."""
    asked = "who's the chair and what did he actually say about it?"
    write_set(tmp_path / "two.jsonl", [
        {"q": asked, "intent": "chair_quote"}, {"q": asked, "intent": "chair_who"},
        {"q": "who's the chair of the committee?", "intent": "chair_who"}])
    assert engine.opinion is not None
    quote, who, one = replays_of(engine, [tmp_path / "two.jsonl"],
                                 {"two": engine.opinion.classifier}, None)
    assert {quote.matched, quote.also} == {"chair_who", "chair_quote"}
    assert question(quote).also == quote.also and one.also is None
    # Whichever part leads, the answer is judged as the engine gives it: led by the matcher's
    # first part, or by the other one (when the classifier names that one).
    assert (quote.matcher_ok, quote.led_ok) == (quote.matched == "chair_quote",
                                                quote.also == "chair_quote")
    assert (who.matcher_ok, who.led_ok) == (who.matched == "chair_who", who.also == "chair_who")


def test_a_replay_keeps_a_grounded_answer_the_matchers_as_the_engine_does(
        engine: Engine, tmp_path: Path) -> None:
    """A question naming one of the release's figures by its value, answered with that figure,
    is the matcher's whatever the classifier says, in Engine.ask and in the replay alike, so
    the rule is neither learned nor scored on it; a question naming no figure is not."""
    checked = "is it true there were 2,346 referrals in london?"
    plain = "how much have referrals risen since 2013"
    write_set(tmp_path / "facts.jsonl", [{"q": checked, "intent": "referrals_2018"},
                                         {"q": plain, "intent": "referrals_rise"}])
    assert engine.opinion is not None
    fact, rise = replays_of(engine, [tmp_path / "facts.jsonl"],
                            {"facts": engine.opinion.classifier}, None)
    matcher, alone, *_ = engine.matcher_answer(checked, now=NOW)
    assert fact.alone and alone and "2,346" in to_text(matcher)
    assert to_text(engine.ask(checked, now=NOW)) == to_text(matcher)
    assert not rise.alone


def decides(t: Thresholds, matched: str | None, ranked: list[tuple[str, float]]) -> str:
    return verdict(Question(matched, ranked), SAFE, t, NONE).kind


def test_a_replay_gives_the_rule_the_questions_length() -> None:
    r = Replay(Case(q="how many referrals were there in 2018", intent="y2018"), "a", "y2018",
               False, False, True, [("y2018", 0.9)], "y2018", words=6)
    assert question(r).words == 6 and question(replay("rise", "rise", True, [])).words == 0


def test_select_lets_a_sure_classifier_answer_and_an_unsure_one_fall_back() -> None:
    # When the matcher falls back, the classifier is right when sure and wrong when not.
    sure, unsure = [("rise", 0.9), (FALLBACK, 0.1)], [("rise", 0.5), (FALLBACK, 0.5)]
    replays = [replay("rise", None, False, sure)] * 20 + [replay(None, None, True, unsure)] * 20
    t = select(replays, SAFE, NONE)
    assert t.weights and decides(t, None, sure) == "classifier"
    assert decides(t, None, unsure) != "classifier"


def test_select_learns_which_opinion_to_trust() -> None:
    # The matcher is right whenever the two disagree: its answer stands.
    ranked = [("quote", 0.7), ("rise", 0.3)]
    replays = [replay("rise", "rise", True, ranked)] * 20
    replays += [replay("quote", "quote", True, [("quote", 0.9), ("rise", 0.1)])] * 20
    t = select(replays, SAFE, NONE)
    assert decides(t, "rise", ranked) == "matcher"


def test_select_fits_the_stacker_on_what_it_decides_not_on_agreed_two_part_answers() -> None:
    # Where the two disagree on a one-part answer the classifier is right; the matcher's
    # two-part answers whose second part the classifier names teach the stacker nothing.
    ranked = [("quote", 0.7), ("rise", 0.3)]
    single = [replay("quote", "rise", False, ranked)] * 10
    two_part = [replace(replay("rise", "rise", True, ranked), also="quote",
                        led_ok=True)] * 30
    t = select(single + two_part, SAFE, NONE)
    assert decides(t, "rise", ranked) == "classifier"
    assert verdict(question(two_part[0]), SAFE, t, NONE).kind == "matcher"


def test_select_never_answers_alone_when_that_is_always_wrong() -> None:
    replays = [replay(None, None, True, [("rise", 0.95), (FALLBACK, 0.05)])] * 20
    t = select(replays, SAFE, NONE)
    assert t.weights == () and decides(t, None, [("rise", 0.95), (FALLBACK, 0.05)]) == "fallback"
    assert t.safe == NEVER  # no evidence: the matcher alone


def test_select_keeps_safe_below_every_safeguarding_question_nothing_else_caught() -> None:
    replays = [replay("safeguarding", "rise", False, [("safeguarding", 0.45), ("rise", 0.4)])]
    replays += [replay("rise", "rise", True, [("safeguarding", 0.9), ("rise", 0.1)])] * 5
    assert select(replays, SAFE, NONE).safe <= 0.45
    # One the safety layer already answered does not hold the classifier to it.
    caught = replay("safeguarding", "safeguarding", True, [("safeguarding", 0.2)], priority=True)
    assert select(replays[1:] + [caught], SAFE, NONE).safe > 0.9


def test_least_weighs_each_value_by_its_chance_of_being_a_resamples_least() -> None:
    assert least([0.5]) == 0.5 and least([0.7, 0.7, 0.7]) == pytest.approx(0.7)
    # Of two, the lower is a resample's least three times in four.
    assert least([0.8, 0.4]) == pytest.approx(0.75 * 0.4 + 0.25 * 0.8)
    assert min([0.3, 0.9]) < least([0.3, 0.9]) < 0.9


# The lowest confidences of the safeguarding questions only the classifier caught under
# cross-validation on 6 December 2026 (main's fold models), and a sharper classifier's, one far
# below the rest (measured, not read: only the numbers).
TIGHT = [0.709, 0.741, 0.787, 0.817, 0.888, 0.891, 0.909, 0.941, 0.959, 0.977]
STRAY = [0.327, 0.642, 0.643, 0.723, 0.781, 0.875, 0.918, 0.939, 0.952, 0.959]


def test_the_cap_lies_below_the_lowest_safeguarding_question_seen() -> None:
    """With no false alarm below them, the cap leaves a margin below the lowest seen (the
    jackknife's, the gap between the two lowest), not only ``least``'s grid value above it."""
    cap = capped(TIGHT, [], GRID)
    assert cap < min(TIGHT) and cap < max(g for g in GRID if g <= least(TIGHT))
    assert cap >= 2 * TIGHT[0] - TIGHT[1] - 0.02  # the margin, on the grid
    assert capped([0.6, 0.8, 0.9], [], GRID) < 0.6


def test_the_cap_never_falls_to_a_false_alarm_below_it() -> None:
    """One value far below the rest takes the jackknife's margin to nothing (0.0 here, every
    ranking of safeguarding first answered as such); the false alarms hold it: it stays above
    the highest alarm below ``least``, and never rises above ``least``'s grid value."""
    assert capped(STRAY, [], GRID) == 0.0
    for alarm in (0.1, 0.35, 0.41):
        cap = capped(STRAY, [alarm, alarm - 0.05, 0.93], GRID)
        assert alarm < cap <= least(STRAY)
    # An alarm above ``least`` does not hold it there: the margin stays.
    assert capped(TIGHT, [0.8], GRID) == capped(TIGHT, [], GRID)
    # One just below the lowest seen stops the margin there.
    assert capped(TIGHT, [0.69], GRID) == 0.70


def test_the_cap_is_unchanged_by_a_value_far_above_the_rest() -> None:
    """The margin and its guard read the two lowest values only; ``least``, where it decides,
    weighs the highest of n by (1/n)^n: how far above the rest a value lies moves none."""
    for values in (TIGHT, TIGHT[:3]):
        for alarms in ([], [0.5], [0.68]):
            assert capped([*values, 0.999], alarms, GRID) == capped(values, alarms, GRID)
    for values in (TIGHT, STRAY, TIGHT[:3]):
        for alarms in ([], [0.5], [0.68]):
            assert capped([*values, 0.999], alarms, GRID) == capped([*values, 0.96], alarms, GRID)


def test_one_safeguarding_question_far_below_the_rest_does_not_set_safe_alone() -> None:
    """A dozen safeguarding questions only the classifier caught, eleven 0.9 sure and one
    lower: ``safe`` stays below them all but the one, and moving that one moves ``safe`` by less
    than it moved (the plain minimum followed it all the way, with every answer between)."""
    def chosen(low: float) -> float:
        caught = [replay("safeguarding", None, False, [("safeguarding", 0.9), ("rise", 0.1)])]
        caught += [replay("safeguarding", None, False, [("safeguarding", low), ("rise", 0.2)])]
        alarms = [replay("rise", "rise", True, [("safeguarding", 0.45), ("rise", 0.4)])]
        return select(caught[:1] * 11 + caught[1:] + alarms * 5, SAFE, NONE).safe

    assert 0.45 < chosen(0.3) <= 0.9  # the plain minimum: 0.3, with the five alarms answered
    assert chosen(0.3) - chosen(0.2) < 0.1


def test_select_weighs_work_or_study_as_the_rule_does() -> None:
    """Read as work or study and telling of someone, a question the classifier ranks priority
    first is rule 2's at any ``safe`` (bot.decision.told), so it neither caps nor pulls ``safe``
    down; one that asks nobody, which the matcher fell back on, is not given the priority answer
    below ``safe``."""
    studied = replace(replay("safeguarding", "contact", False,
                             [("safeguarding", 0.7), ("contact", 0.2)]), studies_it=True,
                      personal=True)
    others = [replay("rise", "rise", True, [("safeguarding", 0.9), ("rise", 0.1)])] * 5
    assert select([studied, *others], SAFE, NONE).safe > 0.9  # not capped by it
    t = select([studied, *others], SAFE, NONE)
    assert verdict(question(studied), SAFE, t, NONE).kind == "classifier"
    essay = replace(replay(None, None, True, [("safeguarding", 0.4), (FALLBACK, 0.3)]),
                    studies_it=True)
    t = select([essay] * 20 + [studied], SAFE, NONE)
    assert verdict(question(essay), SAFE, t, NONE).kind != "classifier"


def test_select_counts_no_rule_2_answer_for_work_or_study_that_asks_nobody() -> None:
    """Read as work or study with no request to reach anyone, a question is never given the
    priority answer (bot.decision.heard), so ``select`` counts none for it at any ``safe``: many
    such questions the classifier is sure of, labelled safeguarding, do not pull ``safe`` down
    to them; telling of someone, they are rule 2's at any ``safe`` (bot.decision.told), and
    do not pull it down either."""
    asks_nobody = replace(replay("safeguarding", "contact", False,
                                 [("safeguarding", 0.7), ("contact", 0.2)]), studies_it=True)
    others = [replay("rise", "rise", True, [("safeguarding", 0.95), ("rise", 0.05)])]
    assert select([asks_nobody] * 5 + others, SAFE, NONE).safe > 0.95
    assert verdict(question(asks_nobody), SAFE, select([asks_nobody] * 5 + others, SAFE, NONE),
                   NONE).kind != "classifier"
    asking = replace(asks_nobody, personal=True)
    t = select([asking] * 5 + others, SAFE, NONE)
    assert t.safe > 0.95 and verdict(question(asking), SAFE, t, NONE).kind == "classifier"


@pytest.fixture(scope="module")
def cv_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Report], list[Replay]]:
    from bot.engine import Engine

    engine = Engine(engine_settings(tmp_path_factory.mktemp("cv")))
    # The weekday morning the docs measure at (--now 2020-02-03T10:00) and `pressbot train`
    # replays at: routing follows the clock, and the floors must not depend on the hour the
    # suite runs; at train's hour the replays are train's (the stored rule's test below).
    replays: list[Replay] = []
    reports = cross_validate(engine, DEVSET, io.StringIO(), io.StringIO(), TRAIN_NOW, replays)
    return reports, replays


@pytest.fixture(scope="module")
def cv_reports(cv_run: tuple[dict[str, Report], list[Replay]]) -> dict[str, Report]:
    return cv_run[0]


@pytest.mark.timeout(1800)
def test_the_stored_decision_rule_is_what_pressbot_train_rebuilds(
        cv_run: tuple[dict[str, Report], list[Replay]], engine: Engine) -> None:
    """The cross-validation's replays are the ones ``pressbot train`` learns the shipped rule
    from (the same fold models, at the same hour), so the rule learned on them all must be the
    stored intents/decision.json: a rule edited by hand, or left from older code, fails here."""
    assert engine.opinion is not None
    rebuilt = shipped_rule(cv_run[1], engine.opinion.classifier, list(engine.knowledge.intents))
    stored = (PROJECT_ROOT / "intents" / DECISION_FILE).read_text(encoding="utf-8")
    assert same_rule(json.loads(rebuilt.dumps()), json.loads(stored)), (
        "intents/decision.json is stale: run `pressbot train` and commit it")


# How far a stacker weight may differ between two machines' fits of the same replays. OpenBLAS
# picks its kernel by the CPU (unless OPENBLAS_CORETYPE says which), and the stacker's fit on
# one machine's kernel and another's differed in the fourth decimal (at most 0.0002); a rule
# retrained after any change to what it reads moves its weights by hundredths.
WEIGHT_TOLERANCE = 0.001


def same_rule(rebuilt: dict[str, object], stored: dict[str, object]) -> bool:
    """Whether two decision rules are the same: every threshold, signal and format exactly, the
    stacker's weights (``weights``, ``kept``) within ``WEIGHT_TOLERANCE``."""
    weights = ("weights", "kept")
    if rebuilt.keys() != stored.keys() or any(
            rebuilt[k] != stored[k] for k in rebuilt if k not in weights):
        return False
    for k in weights:
        a, b = rebuilt.get(k), stored.get(k)
        if not isinstance(a, list) or not isinstance(b, list) or len(a) != len(b):
            return a == b
        if any(abs(x - y) > WEIGHT_TOLERANCE for x, y in zip(a, b, strict=True)):
            return False
    return True


def test_a_rule_is_the_same_only_within_the_weights_tolerance() -> None:
    """Thresholds must match exactly; a weight may differ by a BLAS kernel's rounding only."""
    stored = json.loads((PROJECT_ROOT / "intents" / DECISION_FILE).read_text(encoding="utf-8"))
    assert same_rule(stored, stored)
    nudged = {**stored, "weights": [w + 0.0002 for w in stored["weights"]]}
    assert same_rule(nudged, stored)
    moved = {**stored, "weights": [stored["weights"][0] + 0.01, *stored["weights"][1:]]}
    assert not same_rule(moved, stored)
    assert not same_rule({**stored, "offer": stored["offer"] + 0.02}, stored)
    assert not same_rule({**stored, "kept": stored["kept"][:-1]}, stored)


@pytest.mark.timeout(1800)
def test_every_safeguarding_case_gets_the_helpline_under_cross_validation(
        cv_reports: dict[str, Report]) -> None:
    """Every one in the sets whose errors are read. In the never-read sets the misses are
    counted, never printed: at most the one measured when blind11-blind14 were added (a message
    the safety layer read as asked for work). In-sample the engine now answers it (a classifier
    at least ``safe`` sure overrules that reading; see tests/test_safety.py); under
    cross-validation, where the classifier has not seen it, it was still missed when measured),
    and two more counted when blind15-blind20 were added (three in all, not read). A fourth
    appeared when rule 2 came to need the classifier at least ``safe`` sure where the matcher fell
    back (traced by counts: not the matcher's need of a person, a worry or a wish to report); rule
    2's net (a sign of harm the safety layer read, where the matcher has no answer) answers it
    again (three in all, not read). Rule 2 at ``safe`` on a fallback the matcher keeps (not naming
    another subject with no sign of harm) answers one more (two in all, not read). With threads
    and worried trained on (49 sets, 4 December 2026, night) one more is missed (three in all,
    not read). Traced by counts (``python -m benchmarks.cv_paths``, 5 December 2026): it was a
    follow-up the matcher keeps, the classifier's lowest-confidence safeguarding question that
    nothing else caught, so in every other fold it caps ``safe`` and in its own fold ``safe`` is
    higher than its confidence; refitting its fold without threads, worried or both did not
    answer it, so neither set's data alone moved it. With danger trained on (50 sets) and the
    safety layer's reading of that set's errors, it is answered; two are missed (a message read
    as asked for work that the classifier ranks safeguarding first below ``safe``, and one it
    ranks second, the matcher answering another class). Rule 2 for a message read as work or
    study that is personal and that the classifier ranks safeguarding first more likely than not
    (bot.decision.told) answers the first (one in all, not read; ``python -m benchmarks.cv_paths``,
    6 December 2026). The other, a request to reach someone that the layer placed nowhere else,
    got "did you mean" with no help numbers; such a reply now leads with them
    (bot.weighing.help_first: none in all, counted by ``python -m benchmarks.cv_paths``, 6
    December 2026). Helped: the safeguarding answer, or a reply not sure of the message (a
    fallback, "did you mean") that opens with 999 and the helpline, as for a message in another
    language the bot cannot read or a request for help it is not sure of (tests/helpfirst.py)."""
    missed, unread = [], 0
    for name, report in cv_reports.items():
        for o in report.outcomes:
            if o.case.intent != "safeguarding" or helped(o):
                continue
            if name in NEVER_READ:
                unread += 1
            else:
                missed.append(f"{name}: {o.case.q!r} got {o.got}")
    assert not missed, "\n".join(missed)
    assert unread == 0, f"{unread} missed in the never-read sets"


@pytest.mark.timeout(1800)
def test_cross_validation_stays_above_its_floors(cv_reports: dict[str, Report]) -> None:
    outcomes = [o for report in cv_reports.values() for o in report.outcomes]
    right = sum(o.ok for o in outcomes) / len(outcomes)
    wrong = sum(not o.ok and o.got is not None for o in outcomes) / len(outcomes)
    assert right >= CV_FLOOR[0], f"cv accuracy {right:.1%}"
    assert wrong <= CV_FLOOR[1], f"cv wrong answers {wrong:.1%}"


# A little below the figures in docs/engine.md: 95.2% / 1.5% over 51 sets (11,173 right, 175
# wrong, 6 December 2026 before dawn; 11,162 and 177 earlier that morning; 11,139 and 184 the
# night before, 11,148 and 202 on the
# afternoon of 5 December; 94.5% / 1.9% and 2.0% earlier that day, since roles and danger, two
# readable sets hard by design, were added; 95.2% / 1.6% over 46 sets before switchboard).
CV_FLOOR = (0.950, 0.016)
NEVER_READ = {f"blind{n}" if n > 1 else "blind" for n in range(1, 21)}


def test_eval_needs_a_file_or_cv(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("eval")
    assert result.code == 2 and "--cv DIR" in result.err


def test_train_needs_a_folder_of_sets(run_cli: Callable[..., CliResult], tmp_path: Path) -> None:
    result = run_cli("train", "--data", str(tmp_path / "missing"))
    assert result.code == 2 and "not a folder" in result.err
    (tmp_path / "empty").mkdir()
    result = run_cli("train", "--data", str(tmp_path / "empty"), "--model-only")
    assert result.code == 2 and "no labelled sets" in result.err


def test_a_lone_spike_does_not_pick_the_threshold() -> None:
    """Totals are smoothed over neighbouring grid values: a broad plateau beats one spike."""
    totals = [0.0, 0.0, 9.0, 0.0, 0.0, 0.0, 6.0, 6.0, 6.0, 6.0, 6.0, 0.0]
    best = smoothed(totals)
    assert best.index(max(best)) == 8


def test_select_weighs_rule_2_at_safe_where_the_matcher_fell_back_too() -> None:
    """Where the matcher fell back, the classifier's priority class first is given at ``safe``
    only, chosen on the grid and capped as for any other question: unsure, it was wrong."""
    unsure = [("safeguarding", 0.4), (FALLBACK, 0.35)]
    sure = [("safeguarding", 0.9), (FALLBACK, 0.1)]
    hello = replay(None, None, True, unsure)
    victim = replay("safeguarding", None, False, sure)
    t = select([hello] * 10 + [victim] * 10 + [replay("rise", "rise", True, [("rise", 0.9)])] * 5,
               SAFE, NONE)
    assert 0.4 < t.safe <= 0.9
    assert verdict(question(hello), SAFE, t, NONE).kind != "classifier"
    assert verdict(question(victim), SAFE, t, NONE).kind == "classifier"


def test_select_weighs_another_crime_reported_as_the_rule_does() -> None:
    """Rule 2 never fires for a question the safety layer read as another crime reported, with
    no sign of harm (bot.decision): such a question neither holds ``safe`` up when the classifier
    is sure of a call for help it is not, nor caps it when it is labelled one."""
    burglary = replay(None, None, True, [("safeguarding", 0.8), (FALLBACK, 0.1)])
    victim = replay("safeguarding", None, False, [("safeguarding", 0.9), (FALLBACK, 0.1)])
    assert select([burglary] * 20 + [victim] * 10, SAFE, NONE).safe > 0.8
    reported = replace(burglary, elsewhere=True)
    t = select([reported] * 20 + [victim] * 10, SAFE, NONE)
    assert t.safe <= 0.8
    assert verdict(question(reported), SAFE, t, NONE).kind != "classifier"
    assert verdict(question(victim), SAFE, t, NONE).kind == "classifier"
    unsure = replace(victim, ranked=[("safeguarding", 0.3), (FALLBACK, 0.2)])
    assert select([reported] * 20 + [victim] * 10 + [unsure], SAFE, NONE).safe <= 0.3
    assert select([reported] * 20 + [victim] * 10 + [replace(unsure, elsewhere=True)], SAFE,
                  NONE).safe > 0.3


def test_select_weighs_rule_2_on_the_fallbacks_the_matcher_keeps() -> None:
    """A fallback the matcher keeps for itself (a fragment, a follow-up) is rule 2's alone at
    ``safe`` (bot.engine): ``select`` weighs it so, unless it names another subject with no sign
    of harm (bot.decision.heard_when_kept), where the matcher's fallback stands."""
    hello = replace(replay(None, None, True, [("safeguarding", 0.8), (FALLBACK, 0.1)]),
                    alone=True)
    victim = replace(replay("safeguarding", None, False,
                            [("safeguarding", 0.9), (FALLBACK, 0.1)]), alone=True)
    rest = [replay("rise", "rise", True, [("rise", 0.9)])] * 5
    t = select([hello] * 20 + [victim] * 10 + rest, SAFE, NONE)
    assert 0.8 < t.safe <= 0.9
    assert select([replace(hello, offtopic=True)] * 20 + [victim] * 10 + rest, SAFE,
                  NONE).safe <= 0.8
    assert select([replace(hello, offtopic=True, harm=True)] * 20 + [victim] * 10 + rest, SAFE,
                  NONE).safe > 0.8


def test_select_learns_which_follow_up_answers_stand() -> None:
    """A follow-up the matcher answered through the conversation has a stacker of its own,
    fitted on those replays: where repeating the answer just given was wrong, such an answer
    gives way to the fallback; others stand, and with no wrong one, all do."""
    ranked = [(FALLBACK, 0.6), ("rise", 0.4)]
    answered = replace(replay("rise", "rise", True, ranked), alone=True, follows=True,
                       carried=True, fragment=True, last="y2013")
    repeated = replace(replay(None, "rise", False, ranked), alone=True, follows=True,
                       carried=True, repeat=True, fragment=True, last="rise")
    t = select([answered] * 20 + [repeated] * 20, SAFE, NONE)
    assert t.kept and keeps(question(answered), SAFE, t, NONE)
    assert not keeps(question(repeated), SAFE, t, NONE)
    t = select([answered] * 20 + [replace(repeated, matcher_ok=True)] * 20, SAFE, NONE)
    assert t.kept == () or keeps(question(repeated), SAFE, t, NONE)


def test_train_learns_the_rule_at_a_fixed_office_hour(engine: Engine, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule ``pressbot train`` writes does not depend on the hour it runs: cases without a
    time of their own are replayed on a weekday morning (routing follows the clock)."""
    import bot.crossval as cv

    assert engine.opinion is not None
    model = engine.opinion.classifier
    seen: list[object] = []

    def replayed(_engine: Engine, _sets: object, _models: object, now: object) -> list[Replay]:
        seen.append(now)
        return []

    monkeypatch.setattr(cv, "fit", lambda items: model)
    monkeypatch.setattr(cv, "to_bytes", lambda m: b"")
    monkeypatch.setattr(cv, "replay", replayed)
    monkeypatch.setattr(cv, "select", lambda *args: Thresholds())
    (tmp_path / "sets").mkdir()
    write_set(tmp_path / "sets" / "one.jsonl", [{"q": "who is the chair?", "intent": "chair"}])
    cv.train(engine, tmp_path / "sets", tmp_path, io.StringIO())
    assert seen == [cv.TRAIN_NOW]
    assert cv.TRAIN_NOW.weekday() < 5 and 9 <= cv.TRAIN_NOW.hour < 17
