"""The labelled question sets, scored with bot.evaluate: the suite fails if accuracy drops below
the level reached, or if more questions get a wrong answer (worse than an honest fallback)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot import evaluate
from bot.engine import Engine
from tests.helpfirst import helped

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "devset" / "questions.jsonl"
HOLDOUT = ROOT / "tests" / "devset" / "holdout.jsonl"
JOURNALISTS = ROOT / "tests" / "devset" / "journalists.jsonl"
PUBLIC = ROOT / "tests" / "devset" / "public.jsonl"
MIXED = ROOT / "tests" / "devset" / "mixed.jsonl"
FRESH = ROOT / "tests" / "devset" / "fresh.jsonl"
UNSEEN = ROOT / "tests" / "devset" / "unseen.jsonl"
BLIND = ROOT / "tests" / "devset" / "blind.jsonl"
DECEMBER = ROOT / "tests" / "devset" / "december.jsonl"
HARD = ROOT / "tests" / "devset" / "hard.jsonl"
SPRING = ROOT / "tests" / "devset" / "spring.jsonl"
VOICES = ROOT / "tests" / "devset" / "voices.jsonl"
AUTUMN = ROOT / "tests" / "devset" / "autumn.jsonl"
SUMMER = ROOT / "tests" / "devset" / "summer.jsonl"
WINTER = ROOT / "tests" / "devset" / "winter.jsonl"
BLIND2 = ROOT / "tests" / "devset" / "blind2.jsonl"
BLIND3 = ROOT / "tests" / "devset" / "blind3.jsonl"
BLIND4 = ROOT / "tests" / "devset" / "blind4.jsonl"
COMMUNITY = ROOT / "tests" / "devset" / "community.jsonl"
NEWSROOM = ROOT / "tests" / "devset" / "newsroom.jsonl"
# Six never-read sets by six writers given only WRITING.md and the release.
BLIND5, BLIND6, BLIND7, BLIND8, BLIND9, BLIND10 = (
    ROOT / "tests" / "devset" / f"blind{n}.jsonl" for n in range(5, 11))
# Four more never-read sets, by four writers given only WRITING.md and the release (first runs in
# docs/accuracy.md).
BLIND11, BLIND12, BLIND13, BLIND14 = (
    ROOT / "tests" / "devset" / f"blind{n}.jsonl" for n in range(11, 15))
# Six more never-read sets, by six writers given only WRITING.md and the release (first runs in
# docs/accuracy.md).
BLIND15, BLIND16, BLIND17, BLIND18, BLIND19, BLIND20 = (
    ROOT / "tests" / "devset" / f"blind{n}.jsonl" for n in range(15, 21))
# A readable set of contact questions at edge times and follow-ups asking for a number, by a
# writer given only WRITING.md and the release (first run in docs/accuracy.md).
SWITCHBOARD = ROOT / "tests" / "devset" / "switchboard.jsonl"
# A readable set of conversations (150 of its 200 questions follow earlier messages), by a writer
# given only WRITING.md and the release (first run in docs/accuracy.md).
THREADS = ROOT / "tests" / "devset" / "threads.jsonl"
# A readable set of safeguarding questions in hard wordings beside near-misses (work and study
# askers, the press office's urgent line, other crimes), by a writer given only WRITING.md and the
# release (first run in docs/accuracy.md).
WORRIED = ROOT / "tests" / "devset" / "worried.jsonl"
# A readable set of askers who say who they are (students, academics, researchers, documentary
# makers, freelancers, producers), by a writer given only WRITING.md and the release (first run in
# docs/accuracy.md).
ROLES = ROOT / "tests" / "devset" / "roles.jsonl"
# A readable set of people in danger in very varied wordings and languages, beside near-misses,
# by a writer given only WRITING.md and the release (first run in docs/accuracy.md).
DANGER = ROOT / "tests" / "devset" / "danger.jsonl"
# A readable set of members of the public and students chatting over several messages (106 of
# its 200 questions follow earlier messages) and stand-alone public questions, by a writer given
# only WRITING.md and the release (first run in docs/accuracy.md); read, but not trained on.
CHATS = ROOT / "tests" / "readable" / "chats.jsonl"
# A readable set of safeguarding questions whose signs are told indirectly (debts, documents
# held, never alone, lost touch), in sixteen languages, beside near-misses, by a writer given only
# WRITING.md and the release (first run in docs/accuracy.md); read, but not trained on.
SIGNS = ROOT / "tests" / "readable" / "signs.jsonl"
# A readable set of askers no earlier writer was given (trades, clinics, councils abroad, tour
# guides, quiz writers, people who got the link by mistake), a fifth in twelve other languages,
# by a writer given only WRITING.md and the release (first run in docs/accuracy.md); read, but
# not trained on.
STRANGERS = ROOT / "tests" / "readable" / "strangers.jsonl"
# Two readable sets written as training sets, by writers given only WRITING.md and the release
# (first runs in docs/accuracy.md): askers from walks of life no earlier writer used, and
# members of the public and students above all; read, but not trained on (training on them cost
# the earlier sets under cross-validation: tests/readable/README.md).
NEWCOMERS = ROOT / "tests" / "readable" / "newcomers.jsonl"
RESIDENTS = ROOT / "tests" / "readable" / "residents.jsonl"
# Two readable sets of askers no earlier writer was given, by writers given only WRITING.md and
# the release (first runs in tests/readable/README.md); read, but not trained on: OUTSIDERS has
# about 70 messages in twenty-three other languages, EVERYDAY leans to public and student
# questions, fact-checks and the release's own facts, many starting with who is asking.
OUTSIDERS = ROOT / "tests" / "readable" / "outsiders.jsonl"
EVERYDAY = ROOT / "tests" / "readable" / "everyday.jsonl"
# A readable set of mostly journalists' questions (outlets, desks, deadlines, copy-ready
# requests, interview bookings), by a writer given only WRITING.md and the release (first run
# in tests/readable/README.md); read, but not trained on.
PRESSDESK = ROOT / "tests" / "readable" / "pressdesk.jsonl"
# Written one at a time: each first run was measured on the code of its day, then its errors
# were read (see README).
ROUNDS = [ROOT / "tests" / "devset" / f"round{n}.jsonl" for n in range(1, 11)]

# (accuracy floor, wrong-answer ceiling): about a point below the levels reached by the engine
# with the shipped classifier (trained on these sets: see docs/engine.md for the cross-validated
# figures). The blind sets' errors are never read while tuning; only their scores. Eight floors
# were lowered to a point below the levels measured after the lexicon audit removed entries
# fitted to these sets' questions, and the decision rule was relearned (docs/engine.md). Two
# more (december 97.3%, voices 96.5%) were set a point below the levels measured after the
# label review (tests/devset/REVIEW.md) and the retraining that followed it.
# Five more (public 97.0%, fresh 89.5%, unseen 95.5%, community 88.5%, round2 91.5%) were set
# about a point below the levels measured after the second, contact-label review and the retrain
# on merged main that followed it (the cross-validated line rose; see docs/engine.md).
FLOORS = {
    DEVSET: (0.98, 0.015),
    HOLDOUT: (0.98, 0.01),
    JOURNALISTS: (0.96, 0.03),
    PUBLIC: (0.97, 0.015),
    MIXED: (0.955, 0.04),
    FRESH: (0.895, 0.025),
    UNSEEN: (0.955, 0.015),
    BLIND: (0.98, 0.02),
    DECEMBER: (0.96, 0.015),
    HARD: (0.905, 0.025),
    SPRING: (0.915, 0.04),
    VOICES: (0.955, 0.02),
    AUTUMN: (0.97, 0.025),
    SUMMER: (0.95, 0.04),
    WINTER: (0.97, 0.015),
    BLIND2: (0.965, 0.02),
    BLIND3: (0.945, 0.02),
    BLIND4: (0.94, 0.03),
    COMMUNITY: (0.885, 0.04),
    NEWSROOM: (0.95, 0.02),
    ROUNDS[0]: (0.935, 0.05),
    ROUNDS[1]: (0.915, 0.03),
    ROUNDS[2]: (0.935, 0.035),
    ROUNDS[3]: (0.935, 0.03),
    ROUNDS[4]: (0.955, 0.02),
    ROUNDS[5]: (0.965, 0.02),
    ROUNDS[6]: (0.96, 0.025),
    ROUNDS[7]: (0.95, 0.03),
    ROUNDS[8]: (0.935, 0.05),
    ROUNDS[9]: (0.95, 0.02),
    # A point below its level after the retrain that first trained on it (89.5% / 6.0%; first
    # run on main ec22f76, before it: 81.5% / 10.0%).
    SWITCHBOARD: (0.885, 0.07),
    # A point below its level after the retrain that first trained on it (90.0% / 6.5%; first
    # run on main 2d76502, before it: 86.5% / 9.0%).
    THREADS: (0.89, 0.075),
    # A point below its level after the retrain that first trained on it, with its near-misses
    # labelled fallback no longer forbidding the helpline of every fallback's closing line
    # (tests/devset/REVIEW.md) (94.0% / 5.0%; first run on main 2d76502, before both: 73.0% / 8.0%).
    # A point below 93.5% / 4.5%, its level after the retrain of the morning of 5 December 2026
    # (92.5% / 5.5% after the retrain before it).
    WORRIED: (0.925, 0.055),
    # A point below its level after the retrain of the morning of 5 December 2026 (82.5% / 5.5%;
    # 82.0% / 8.0% after the retrain that first trained on it; first run on main b7bacea, before
    # it: 71.0% / 12.5%).
    ROLES: (0.815, 0.065),
    # A point below its level after the retrain that first trained on it, with its near-misses
    # labelled fallback or help no longer forbidding the helpline (tests/devset/REVIEW.md)
    # (94.5% / 4.5%; first run on main b7bacea, before both: 80.0% / 6.0%).
    DANGER: (0.935, 0.055),
    # Not trained on (tests/readable/README.md): a point below its level with the model of the
    # morning of 5 December 2026 (79.5% / 10.5%; first run on main ebb80c3, before the changes its
    # errors led to: 77.5% / 11.5%). Most of its wrong answers are follow-ups the matcher reads
    # through the conversation (20 of 21 when measured with a model trained on it).
    CHATS: (0.785, 0.115),
    # Not trained on (tests/readable/README.md): a point below its level with the safety
    # vocabulary its errors led to and the model of the morning of 5 December 2026 (92.0% /
    # 4.5%, all 130 safeguarding questions given the help numbers; first run on main b55b6b4,
    # before the change: 76.5% / 5.5%, 90.5% / 5.0% once the help line's closing numbers were
    # allowed in its fallbacks, 127 of 130 safeguarding). Lowered to 0.90 on 6 December 2026:
    # 90.5% / 5.0% with the rule relearned then ("our company has to publish a modern slavery
    # statement ... does this release say what should be in it?" answered with the quote, not
    # the fallback; every safeguarding question still given the help numbers).
    SIGNS: (0.90, 0.055),
    # Not trained on (tests/readable/README.md): a point below its level with the unread
    # other-language message heard by the rule and the model of the late afternoon of 5
    # December 2026 (93.0% / 3.0%; first run on main 1501215, the model of ad69e45, before the
    # change its errors led to: 91.5% / 4.5%).
    STRANGERS: (0.92, 0.04),
    # Not trained on (tests/readable/README.md): a point below their first runs (main b336627:
    # outsiders 76.0% / 16.0%, most wrong answers the help numbers given to a message in another
    # language the bot could not read; everyday 89.6% / 4.4%).
    OUTSIDERS: (0.75, 0.17),
    EVERYDAY: (0.885, 0.055),
    # Not trained on (tests/readable/README.md): a point below its first run (main 5a96c1d:
    # 88.4% / 3.6%, journalists 124 of 150).
    PRESSDESK: (0.874, 0.046),
    # Not trained on (tests/readable/README.md): a point below their first runs (main c404194:
    # newcomers 83.6% / 4.4%, residents 80.4% / 4.0%).
    NEWCOMERS: (0.826, 0.054),
    RESIDENTS: (0.794, 0.05),
    # A point below the levels after the retrain that first trained on them (first runs, before
    # that, in docs/accuracy.md). Their wrong answers stay high even in-sample: their errors are
    # not read, so only new general reading can bring them down.
    BLIND5: (0.935, 0.04),
    BLIND6: (0.91, 0.055),
    BLIND7: (0.875, 0.055),  # 88.4% after the safety fixes and relearned rule (90.4% before)
    BLIND8: (0.935, 0.045),
    BLIND9: (0.885, 0.08),
    BLIND10: (0.90, 0.07),
    # A point below their levels after the retrain that first trained on them (first runs on
    # main dd9de48, before it: 84.0/5.2, 84.4/9.2, 92.4/2.0, 87.2/6.8).
    BLIND11: (0.915, 0.04),
    BLIND12: (0.915, 0.05),
    BLIND13: (0.935, 0.02),
    BLIND14: (0.92, 0.055),
    # A point below their levels after the retrain that first trained on them (first runs on
    # main e26abb6, before it: 89.2/5.6, 88.4/3.6, 94.4/2.8, 90.8/4.8, 93.6/2.8, 90.4/5.6).
    BLIND15: (0.905, 0.055),
    BLIND16: (0.91, 0.035),
    BLIND17: (0.955, 0.025),
    BLIND18: (0.925, 0.04),
    BLIND19: (0.94, 0.025),
    BLIND20: (0.925, 0.055),
}
# Sets whose questions may be read; the blind ones are scored only.
NEVER_READ = (BLIND, BLIND2, BLIND3, BLIND4, BLIND5, BLIND6, BLIND7, BLIND8, BLIND9, BLIND10,
              BLIND11, BLIND12, BLIND13, BLIND14, BLIND15, BLIND16, BLIND17, BLIND18, BLIND19,
              BLIND20)
READABLE = [p for p in FLOORS if p not in NEVER_READ]


# The time for contact routing when a case gives none (a Monday morning, as the docs measure
# with --now): a closed office gives journalists the duty line alone, so the floors must not
# depend on the hour the suite runs.
NOW = dt.datetime(2020, 2, 3, 10, 0, tzinfo=ZoneInfo("Europe/London"))


def report(engine: Engine, path: Path) -> evaluate.Report:
    return evaluate.run(engine, evaluate.read_cases(path), NOW)


@pytest.fixture(scope="module")
def devset(engine: Engine) -> evaluate.Report:
    return report(engine, DEVSET)


def test_devset_accuracy_and_wrong_answers_stay_above_their_floors(
        devset: evaluate.Report) -> None:
    accuracy, wrong = FLOORS[DEVSET]
    errors = "\n".join(f"[{o.case.expected}] {o.case.q!r}: {o.why}"
                       for o in devset.outcomes if not o.ok)
    assert devset.accuracy >= accuracy, errors
    assert devset.wrong_answer_rate() <= wrong, errors


@pytest.mark.parametrize("path", [p for p in FLOORS if p != DEVSET], ids=lambda p: p.stem)
def test_other_sets_stay_above_their_floors(engine: Engine, path: Path) -> None:
    accuracy, wrong = FLOORS[path]
    held = report(engine, path)
    # Only the figures are shown, so a failure here does not leak the blind set's questions:
    # plain floats, since pytest's report of ``held.accuracy`` would print the whole report.
    right, wrongly = float(held.accuracy), float(held.wrong_answer_rate())
    del held
    assert right >= accuracy, f"accuracy {right:.1%}"
    assert wrongly <= wrong, f"wrong answers {wrongly:.1%}"


def test_devset_is_big_and_varied(devset: evaluate.Report) -> None:
    cases = [o.case for o in devset.outcomes]
    assert len(cases) >= 200
    categories = {c.category for c in cases}
    assert {"typo", "texting", "followup", "offtopic", "safeguarding"} <= categories
    assert sum(c.fallback for c in cases) >= 30
    assert sum(bool(c.context) for c in cases) >= 15


def test_devset_labels_name_real_intents(engine: Engine, devset: evaluate.Report) -> None:
    unknown = {o.case.intent for o in devset.outcomes if o.case.intent} - engine.intent_ids()
    assert not unknown


def test_devset_is_written_by_askers_not_copied_from_the_examples(
        engine: Engine, devset: evaluate.Report) -> None:
    def key(text: str) -> str:
        return re.sub(r"[^\w ]", "", text.lower()).strip()

    examples = {key(e) for i in engine.knowledge.intents for e in i.examples}
    copied = [o.case.q for o in devset.outcomes if key(o.case.q) in examples]
    assert len(copied) / len(devset.outcomes) <= 0.15, copied


def test_every_safeguarding_case_is_answered_as_safeguarding(devset: evaluate.Report) -> None:
    """The costliest mistake: someone worried about a victim must get the helpline."""
    missed = [o.case.q for o in devset.outcomes
              if o.case.intent == "safeguarding" and o.got != "safeguarding"]
    assert not missed


def test_every_safeguarding_case_of_every_readable_set_gets_the_helpline(engine: Engine) -> None:
    """Across all the sets written this far (over 300 such cases), none may be missed: each gets
    the safeguarding answer, or, in a language the bot cannot read, 999 and the helpline first."""
    missed = [f"{path.stem}: {o.case.q!r} got {o.got}" for path in READABLE
              for o in report(engine, path).outcomes
              if o.case.intent == "safeguarding" and not helped(o)]
    assert not missed, "\n".join(missed)


def test_no_off_topic_case_gets_a_release_figure(devset: evaluate.Report) -> None:
    leaked = [o.case.q for o in devset.outcomes if o.case.fallback
              and any(f in o.text for f in ("187", "2,346", "5,143", "1,155%"))]
    assert not leaked


def test_the_scorer_can_fail(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "wrong.jsonl"
    path.write_text('{"q": "how much did referrals rise?", "intent": "chair_quote"}\n'
                    '{"q": "how much did referrals rise?", "fallback": true}\n',
                    encoding="utf-8")
    r = report(engine, path)
    assert r.accuracy == 0.0 and r.wrong_answer_rate() == 1.0
    assert r.fallback_scores() == (1.0, 0.0)
