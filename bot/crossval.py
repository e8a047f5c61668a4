"""Provides leave-one-set-out cross-validation (``pressbot eval --cv DIR``), the learning of the
decision rule from out-of-fold predictions, and ``pressbot train``.

For each labelled set, a classifier is trained on the other sets and the intents' examples; its
rankings of the held-out set's questions are "out of fold". The matcher's answer to every
question is replayed once (it does not depend on the model). The rule of bot.decision (its
stacker and thresholds) is learned on the other sets' out-of-fold rankings and matcher answers,
then the full engine, with that fold's model and rule, answers the held-out set and is judged by
the eval rule. The shipped rule is learned the same way on all the sets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

from bot.choosing import GRID, offer_at, smoothed
from bot.choosing import best as _best
from bot.classifier import Classifier
from bot.config import PROJECT_ROOT
from bot.decision import (
    Question,
    Verdict,
    calls,
    heard,
    heard_when_kept,
    kept_likelihood,
    names_a_part,
    options,
    signals,
    told,
    verdict,
    weighed,
)
from bot.dialogue import Conversation
from bot.engine import Engine
from bot.errors import UsageError
from bot.estimates import capped
from bot.evaluate import Case, Report, case_now, judge, read_cases, run
from bot.followsignals import bare, repeats
from bot.intentclasses import Classes
from bot.models import Intent
from bot.opinion import Opinion
from bot.parts import DECISION_FILE, MODEL_FILE
from bot.preamble import heard_rank
from bot.render import to_text
from bot.thresholds import NEVER, Thresholds
from bot.training import Example, examples, fit, fitting_modules, set_files, to_bytes

# The cost of a wrong answer, in right answers: a product value, declared, not learned. A wrong
# answer (a figure reported wrongly, a caller sent to the wrong line) harms the asker more than
# an honest "I don't know" or "did you mean" disappoints them: answering is worth it only when
# the answer is at least COST / (1 + COST) = 75% likely right. (Learning the cost as the
# cheapest within half a point of the fewest wrong answers let harder data pull it, and every
# threshold with it, towards silence: one threshold for everyone, moved by the hardest sets.)
WRONG_COST = 3.0
STACK_C = 1.0  # the stacker's regularisation (inverse strength)
GIVEN = 2.0  # above every threshold: an answer the rule gives whatever ``answer`` is
DEVSET = PROJECT_ROOT / "tests" / "devset"  # tests/heldout is never trained on
# The time ``train`` replays a case without its own at: a weekday morning, in office hours, as
# the cross-validation is measured (``--now``). The rule learned never depends on the hour it is
# trained (at night the media questions were judged against the out-of-hours line).
TRAIN_NOW = dt.datetime(2020, 2, 3, 10, 0)


@dataclass
class Replay:
    """One labelled question as the matcher alone answers it, and the classifier's ranking."""

    case: Case
    group: str
    matched: str | None  # the matcher's class (None: fallback or "did you mean")
    priority: bool
    # The engine keeps the matcher's answer whatever the classifier says: a follow-up read
    # through the earlier question, or an answer grounded in a figure the question names by
    # its value (bot.parts.grounded; Engine.matcher_answer says which).
    alone: bool
    matcher_ok: bool
    ranked: list[tuple[str, float]]
    label: str | None  # the case's class (None: a fallback case)
    confidence: float = 0.0  # the matcher's confidence in its answer
    years: tuple[int, ...] = ()  # the years the question names, as the reader reads them
    words: int = 0  # how many words the reader found in the question
    studies_it: bool = False  # the safety layer read it as asked for work or study
    also: str | None = None  # the class of a second question the matcher's answer answers
    led_ok: bool = False  # the same two answers led by that second one are right
    harm: bool = False  # the safety layer read a sign of harm in it (SafetyVerdict.harm)
    offtopic: bool = False  # the reader found a word of a subject the release does not cover
    elsewhere: bool = False  # another trouble, no harm (SafetyVerdict.elsewhere): no rule 2
    personal: bool = False  # a particular person or a request read (Question.personal)
    # A follow-up read through the conversation, kept unless the kept stacker finds it unlikely.
    follows: bool = False
    carried: bool = False
    repeat: bool = False
    fragment: bool = False
    bare: bool = False  # only a question word of the subject just discussed (bot.followsignals)
    last: str | None = None
    reread: bool = False  # reread by the conversation: kept whatever the kept stacker says


def fold_models(sets: Sequence[Path], items: Sequence[Example],
                progress: Callable[[str], object]) -> dict[str, Classifier]:
    models = {}
    for path in sets:
        progress(f"training without {path.stem}")
        models[path.stem] = fit([e for e in items if e.group != path.stem])
    return models


def replay(engine: Engine, sets: Sequence[Path], models: dict[str, Classifier],
           default_now: dt.datetime | None) -> list[Replay]:
    """The matcher's answers to every case, with each case's out-of-fold ranking."""
    shipped = engine.opinion
    engine.use_opinion(None)
    intents = list(engine.knowledge.intents)
    found = []
    for path in sets:
        opinion = Opinion(models[path.stem], Thresholds(), intents)
        for case in read_cases(path):
            conv = Conversation()
            now = case_now(engine, case, default_now)
            for earlier in case.context:
                engine.ask(earlier, conversation=conv, now=now)
            last = conv.last_intent
            m = engine.matcher_answer(case.q, conversation=conv, now=now)
            answer, also = m.answer, m.also
            read = engine.matcher.features(case.q.strip())
            ok, _ = judge(case, answer.intent, to_text(answer))
            led = also.led if also else None
            led_ok = judge(case, led.intent, to_text(led))[0] if led else ok
            intent = engine.knowledge.intent(answer.intent) if answer.intent else None
            label = None if case.fallback else opinion.classes.get(case.intent or "")
            # The whole ranking: for a question read as work or study, the rule sets the
            # priority classes aside below ``safe`` (bot.decision.heard), which ``select``
            # chooses, so it weighs them as the live rule does at each threshold.
            found.append(Replay(case, path.stem, opinion.classes.get(intent.id) if intent
                                else None, bool(intent and intent.priority), m.leans, ok,
                                heard_rank(opinion, engine.matcher, case.q), label,
                                answer.confidence, read.years, len(read.tokens), m.studies,
                                opinion.classes.get(also.intent) if also else None, led_ok,
                                m.harm, offtopic=bool(m.features.offtopic),
                                elsewhere=m.elsewhere, personal=m.personal,
                                follows=m.follows, carried=m.carried, fragment=read.elliptical,
                                repeat=repeats(m.carried, answer.intent, last, case.q,
                                               read.numbers),
                                bare=bare(read.tokens, engine.matcher.reader.stopwords),
                                last=opinion.classes.get(last) if last else None, reread=m.reread))
    engine.use_opinion(shipped)
    return found


def question(r: Replay) -> Question:
    return Question(r.matched, r.ranked, r.confidence, r.years, r.priority,
                    words=r.words, studies_it=r.studies_it, also=r.also, harm=r.harm,
                    elsewhere=r.elsewhere, personal=r.personal, follows=r.follows,
                    carried=r.carried, repeat=r.repeat, fragment=r.fragment, bare=r.bare,
                    last=r.last)


def score(r: Replay, v: Verdict, cost: float) -> float:
    """1 for a right answer, -cost for a wrong one, 0 for an honest non-answer."""
    if v.kind == "matcher" or (v.kind == "fallback" and r.matched is None):
        if r.matcher_ok:
            return 1.0
        return -cost if r.matched is not None else 0.0
    if v.kind == "classifier":
        return 1.0 if r.label == r.ranked[0][0] else -cost
    return 1.0 if r.case.fallback else 0.0  # a fallback, or "did you mean" (no intent)


def right(r: Replay, option: str) -> bool:
    """Whether answering ``r`` with ``option`` is right (the matcher's answer is judged whole)."""
    return r.matcher_ok if option == r.matched else r.label == option


def stack(replays: Sequence[Replay], classes: Classes, priority: frozenset[str] = frozenset()
          ) -> tuple[float, ...]:
    """The stacker's weights (then its intercept): a logistic regression of whether answering
    with an option is right, over every option of every replay (deterministic: lbfgs, one
    thread, rounded). No weights when the replays give no right or no wrong option."""
    rows: list[list[float]] = []
    ys: list[int] = []
    for r in replays:
        q = heard(question(r), priority)  # the ranking rule 3 weighs
        read = weighed(q, priority)  # the ranking its stacker reads
        for o in options(q, priority):
            rows.append(signals(read, o, classes))
            ys.append(int(right(r, o)))
    if len(set(ys)) < 2:
        return ()
    np, _, logistic_regression, threadpool_limits = fitting_modules()
    with threadpool_limits(limits=1):
        model = logistic_regression(C=STACK_C, max_iter=1000)
        model.fit(np.array(rows), np.array(ys))
    return tuple(round(float(w), 4) for w in model.coef_[0]) + (
        round(float(model.intercept_[0]), 4),)


def select(replays: Sequence[Replay], priority: frozenset[str],
           classes: Classes) -> Thresholds:
    """The stacker fitted on the replays, then ``answer`` and ``safe`` over GRID, each the value
    with the best smoothed total of right answers less WRONG_COST for each wrong one. ``offer``
    is then chosen on the questions left unanswered, by the same smoothing: the value whose "did
    you mean" holds the right answer most often, net of those that hold none
    (bot.choosing.offer_at); ``safe`` is then capped below every safeguarding question nothing
    else caught."""
    relevant = [r for r in replays if not r.alone and not (r.matched and r.priority)]
    # A two-part answer whose part the classifier names is the matcher's unless rule 2 gives the
    # priority answer: the stacker never weighs it, so it is not fitted on it.
    weights = stack([r for r in relevant if not names_a_part(heard(question(r), priority))],
                    classes, priority)
    base = Thresholds(weights=weights)
    # Each replay once: the classifier's confidence in a priority class it ranks first (-1:
    # none; rule 2 gives it at ``safe``, whether or not the matcher fell back, never for another
    # crime reported, and rule 3 never offers it), whether that priority answer is right, the
    # likeliest option's likelihood and whether it is right (for a two-part answer: the
    # matcher's, always given), and the score of not answering.
    cases: list[tuple[float, bool, float, bool, float]] = []
    likely: list[list[tuple[float, bool]]] = []
    for r in relevant:
        top, p = r.ranked[0]
        # Below ``safe``, work or study sets the priority classes aside (bot.decision.heard).
        q = heard(question(r), priority)
        if names_a_part(q):  # led by the part the classifier names (bot.engine)
            opts = [(GIVEN, r.led_ok if q.ranked[0][0] == r.also != r.matched
                     else r.matcher_ok)]
        else:
            v = verdict(q, priority, replace(base, answer=NEVER, offer=0.0), classes)
            order = sorted(v.likelihood, key=lambda o: (-v.likelihood[o], o != r.matched))
            opts = [(v.likelihood[o], right(r, o)) for o in order]
            likely.append(opts)
        # On the ranking before ``heard``: its ``p`` is the threshold's to weigh (``told``: none).
        cases.append((2.0 if told(q, priority) else p if calls(question(r), priority) else -1.0,
                      r.label == top, opts[0][0] if opts else -1.0, bool(opts and opts[0][1]),
                      1.0 if r.case.fallback or (r.matched is None and r.matcher_ok) else 0.0))

    # A fallback the matcher keeps (a fragment, a follow-up) is rule 2's alone, as the engine
    # hears it (bot.decision.heard_when_kept): the matcher's fallback stands below ``safe``.
    for r in replays:
        if r.alone and r.matched is None and heard_when_kept(r.harm, r.offtopic):
            top, p = r.ranked[0]
            cases.append((p if top in priority and not r.elsewhere else -1.0,
                          r.label == top, -1.0, False, 1.0 if r.case.fallback or r.matcher_ok
                          else 0.0))

    def total(safe: float, answer: float, cost: float) -> tuple[float, int]:
        points, wrong = 0.0, 0
        for p_safe, safe_ok, p_best, best_ok, idle in cases:
            if p_safe >= safe:
                ok = safe_ok
            elif p_best >= answer:
                ok = best_ok
            else:
                points += idle
                continue
            points, wrong = (points + 1.0, wrong) if ok else (points - cost, wrong + 1)
        return points, wrong

    totals = smoothed([total(NEVER, g, WRONG_COST)[0] for g in GRID])
    answer = _best(totals, GRID, NEVER)
    totals = smoothed([total(g, answer, WRONG_COST)[0] for g in GRID])
    best = replace(base, safe=_best(totals, GRID, NEVER), answer=answer)
    # A "did you mean" helps when it holds the right answer, and only delays when it does not.
    best = replace(best, offer=offer_at(likely, best.answer))
    return kept_rule(replays, priority, classes, replace(best, safe=min(best.safe, safe_cap(
        replays, priority, [p for p, ok, *_ in cases if 0.0 <= p <= 1.0 and not ok]))))


def safe_cap(replays: Sequence[Replay], priority: frozenset[str], alarms: list[float]) -> float:
    """The highest ``safe`` may be (bot.estimates ``capped``): from the confidences at which the
    classifier ranks the priority class first for a question labelled with it that nothing else
    answered so, and ``alarms``, those at which rule 2 gave it to one labelled otherwise."""
    # One read as asked for work or study is left to the grid: the layer's reading holds below
    # ``safe``, as the matcher's answer does (capping by them cost right answers under CV).
    # (``care``, the help numbers in a line below ``safe``, is not learned: with it capped and
    # ``safe`` left to the grid, more never-read safeguarding questions lost the safeguarding
    # answer under cross-validation than the line reached; docs/engine.md.)
    # One read as another trouble told of, with no harm (``elsewhere``: another crime reported
    # or a complaint), is none rule 2 could catch (bot.decision).
    sure = [r.ranked[0][1] for r in replays if r.label in priority and not r.priority
            and r.ranked[0][0] in priority and not r.studies_it and not r.elsewhere]
    return capped(sure, alarms, GRID) if sure else NEVER


def kept_rule(replays: Sequence[Replay], priority: frozenset[str], classes: Classes,
              t: Thresholds) -> Thresholds:
    """``t`` with the stacker of a follow-up the matcher answers through the conversation
    (bot.decision ``keeps``), fitted on those replays alone, and ``keep``, the grid value with
    the best smoothed total (a right answer 1, a wrong one ``WRONG_COST``, the fallback 1 where
    it is right) over those the conversation did not reread (which stand, as in the engine);
    with no evidence, every such answer stands."""
    kept = [r for r in replays if r.follows and r.matched is not None and not r.priority]
    weights = stack(kept, classes, priority)
    if not weights:
        return t
    # Each replay once: the likelihood of the matcher's answer, its score, the fallback's.
    rule = replace(t, kept=weights)
    cases = [(kept_likelihood(question(r), priority, rule, classes),
              1.0 if r.matcher_ok else -WRONG_COST, 1.0 if r.case.fallback else 0.0)
             for r in kept if not r.reread]
    totals = [sum(given if p >= g else idle for p, given, idle in cases) for g in GRID]
    return replace(t, kept=weights, keep=_best(smoothed(totals), GRID, 0.0))


def cross_validate(engine: Engine, folder: Path, out: TextIO, err: TextIO,
                   default_now: dt.datetime | None = None,
                   replays_seen: list[Replay] | None = None) -> dict[str, Report]:
    """Leave-one-set-out over the sets in ``folder``: a line per set, then the total line.
    ``replays_seen`` receives every set's out-of-fold replays (at ``TRAIN_NOW`` they are the
    ones ``train`` learns the shipped rule from)."""
    sets = set_files(folder)
    intents = list(engine.knowledge.intents)
    items = examples(sets, intents, engine.matcher)
    shipped = engine.opinion
    models = fold_models(sets, items, lambda m: err.write(f"cv: {m}\n"))
    replays = replay(engine, sets, models, default_now)
    if replays_seen is not None:
        replays_seen.extend(replays)
    priority = Opinion(models[sets[0].stem], Thresholds(), intents).priority
    right = wrong = total = 0
    reports = {}
    for path in sets:
        t = select([r for r in replays if r.group != path.stem], priority, Classes.of(intents))
        engine.use_model(models[path.stem], t)
        report = reports[path.stem] = run(engine, read_cases(path), default_now)
        n = len(report.outcomes)
        ok = sum(o.ok for o in report.outcomes)
        bad = sum(1 for o in report.outcomes if not o.ok and o.got is not None)
        right, wrong, total = right + ok, wrong + bad, total + n
        out.write(f"{path.stem:<14} accuracy {ok / n:6.1%}  wrong {bad / n:5.1%}  "
                  f"questions {n}\n")
        out.flush()
    out.write(f"cv accuracy {right / total:.1%} wrong {wrong / total:.1%} sets {len(sets)} "
              f"questions {total}\n")
    engine.use_opinion(shipped)  # no fold's model outlives the run
    return reports


def train(engine: Engine, folder: Path, intents_dir: Path, err: TextIO,
          thresholds: bool = True) -> Classifier:
    """Fit the shipped model on every set in ``folder`` (and the intents' examples) and write it,
    with thresholds chosen from out-of-fold predictions, into ``intents_dir``."""
    sets = set_files(folder)
    intents = list(engine.knowledge.intents)
    items = examples(sets, intents, engine.matcher)
    model = fit(items)
    (intents_dir / MODEL_FILE).write_bytes(to_bytes(model))
    err.write(f"train: wrote {intents_dir / MODEL_FILE} ({len(items)} examples)\n")
    if thresholds:
        models = fold_models(sets, items, lambda m: err.write(f"train: {m}\n"))
        replays = replay(engine, sets, models, TRAIN_NOW)
        chosen = shipped_rule(replays, model, intents)
        (intents_dir / DECISION_FILE).write_text(chosen.dumps(), encoding="utf-8")
        err.write(f"train: wrote {intents_dir / DECISION_FILE}\n")
    return model


def shipped_rule(replays: Sequence[Replay], model: Classifier,
                 intents: Sequence[Intent]) -> Thresholds:
    """The rule ``train`` ships: learned on every set's out-of-fold replays (at ``TRAIN_NOW``)."""
    return select(replays, Opinion(model, Thresholds(), intents).priority, Classes.of(intents))


def cv_command(folder: str, engine: Engine, out: TextIO, err: TextIO,
               default_now: dt.datetime | None) -> int:
    """`pressbot eval --cv DIR`."""
    path = Path(folder)
    if not path.is_dir():
        raise UsageError(f"--cv: {folder} is not a folder of labelled sets (*.jsonl)")
    cross_validate(engine, path, out, err, default_now)
    return 0


def train_command(folder: str | None, engine: Engine, intents_dir: Path, err: TextIO,
                  model_only: bool) -> int:
    """`pressbot train`: the shipped model is trained on tests/devset, never tests/heldout."""
    path = Path(folder) if folder else DEVSET
    if not path.is_dir():
        raise UsageError(f"--data: {path} is not a folder of labelled sets (*.jsonl)")
    train(engine, path, intents_dir, err, thresholds=not model_only)
    return 0
