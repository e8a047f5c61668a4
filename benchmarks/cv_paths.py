"""Provides the paths by which cross-validation's questions that are not answered right were
decided: each such question's outcome (wrong, fallback, "did you mean", right intent but
patterns missing) and the engine's branch that decided it (rule 1, 2, 3a, 3 with its verdict,
a grounded fact-check, a follow-up kept for the matcher, the safety layer), tabulated per path x
outcome, readable and never-read sets apart.

Run with ``python -m benchmarks.cv_paths [--cache DIR] [--show-readable] [--sets DIR]``. The
folds are ``bot.crossval``'s (its fold models, replays and rule selection, not copies); each
fold's model is cached in ``--cache`` under a hash of its training examples, so a second run
on the same data skips the fits. The branch is recorded by watching the calls ``Engine.ask``
makes into ``bot.weighing`` and ``Opinion.decide`` while the fold's engine answers (nothing in
``bot`` changes). Never-read sets (``blind*``) are only counted; ``--show-readable`` lists the
readable sets' questions not answered right, with the label, the answer, the path and the
stacker's likelihood of each option. ``--record-rules DIR`` writes each fold's learned rule to
DIR (one decision file per held-out set); ``--hold-rules DIR`` answers each fold with the rule
recorded there instead of learning it, so a change to reading is measured by its direct effect,
apart from the relearned rule's moves at the thresholds' edges.
Every safeguarding-labelled question not given the safeguarding answer (999 and the helpline
first) is then counted per set and per deciding path: the branch, the matcher's reading
(fallback, another class, its priority answer), the classifier's rank of safeguarding and how far
below ``safe`` it was, and the safety layer's verdict on the message alone (another crime,
studies it, asked for work, the rules that fired): names and numbers only, never a question's
words.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import gzip
import hashlib
import inspect
import json
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from benchmarks.common import make_engine
from bot import classifier, training, weighing
from bot.answermodels import Answer
from bot.classifier import Classifier
from bot.crossval import DEVSET, fold_models, replay, select
from bot.decision import Question, Verdict, names_a_part
from bot.engine import Engine
from bot.evaluate import Case, Outcome, read_cases, run
from bot.intentclasses import Classes
from bot.opinion import Opinion
from bot.safety import assess
from bot.thresholds import Thresholds
from bot.training import Example, examples, fit_parameters, set_files, to_bytes

NOW = dt.datetime.fromisoformat("2020-02-03T10:00")
HELP = ("999", "08000 121 700")  # the safeguarding answer's numbers
PRESS_LINE = "020 7983 4067"
OUTCOMES = ("wrong", "fallback", "did you mean", "patterns missing")


def never_read(name: str) -> bool:
    return name.startswith("blind")


@dataclass
class Trace:
    """What one ``Engine.ask`` call went through, as the hooks saw it."""

    hook: str = ""  # "second_opinion", "net", "grounded" or "" (neither was called)
    verdict: Verdict | None = None
    question: Question | None = None
    kind: str = ""  # the answer's kind
    # The intents a "did you mean" or a fallback offers, in order.
    offered: list[str] = field(default_factory=list)

    def path(self) -> str:
        """The branch that decided the answer."""
        v, q = self.verdict, self.question
        if self.hook == "grounded":
            return "grounded, both offered" if self.kind == "clarify" else "grounded, kept"
        if self.hook == "":
            return "safety layer" if self.kind == "safeguarding" else "follow-up kept"
        if v is None or q is None:
            return "intent not trained"
        if self.hook == "net":  # rule 2's net on a kept fallback, or a carried fragment
            if self.kind == "safeguarding":
                return "follow-up kept, net (rule 2)"
            return "follow-up, rule fell back" if self.kind == "fallback" and (
                q.matched is not None) else "follow-up kept"
        if v.branch in (1, 2):
            return f"rule {v.branch}"
        return "rule 3a" if names_a_part(q) else f"rule 3: {v.kind}"


@contextmanager
def traced(engine: Engine) -> Iterator[list[Trace]]:
    """Every ``engine.ask`` call's trace, in order, while the block runs."""
    traces: list[Trace] = []
    current = [Trace()]
    second, grounded, decide = (weighing.second_opinion, weighing.grounded_check,
                                Opinion.decide)
    ask = engine.ask

    def second_opinion(*args: Any, **kwargs: Any) -> Answer:
        current[0].hook = "net" if kwargs.get("net_only") else "second_opinion"
        return second(*args, **kwargs)

    def grounded_check(*args: Any, **kwargs: Any) -> Answer:
        current[0].hook = "grounded"
        return grounded(*args, **kwargs)

    def decided(self: Opinion, q: Question) -> Verdict:
        v = decide(self, q)
        current[0].verdict, current[0].question = v, q
        return v

    def asked(*args: Any, **kwargs: Any) -> Answer:
        current[0] = Trace()
        answer = ask(*args, **kwargs)
        current[0].kind = answer.kind
        if answer.kind in ("clarify", "fallback"):  # an answer's own links are no offer
            current[0].offered = [s.intent for s in answer.suggestions]
        traces.append(current[0])
        return answer

    weighing.second_opinion, weighing.grounded_check = second_opinion, grounded_check
    Opinion.decide = decided  # type: ignore[method-assign]
    engine.ask = asked  # type: ignore[method-assign]
    try:
        yield traces
    finally:
        weighing.second_opinion, weighing.grounded_check = second, grounded
        Opinion.decide = decide  # type: ignore[method-assign]
        del engine.ask


def outcome(o: Outcome, kind: str) -> str:
    """Why a question not answered right is not: one of OUTCOMES ("" when it is right)."""
    if o.ok:
        return ""
    if (o.case.intent and o.got == o.case.intent) or (o.case.fallback and o.got is None and
                                                      kind == "fallback"):
        return "patterns missing"
    if o.got is not None:
        return "wrong"
    return "did you mean" if kind == "clarify" else "fallback"


@dataclass(frozen=True)
class Row:
    """One question not answered right."""

    group: str
    case: Case
    got: str | None
    outcome: str
    path: str
    offered: tuple[str, ...]
    likelihood: tuple[tuple[str, float], ...]
    top: tuple[str, float]  # the classifier's first class and its probability
    matched: str | None = None  # the matcher's class (None: it fell back, or was not asked)

    @property
    def offer(self) -> str:
        """Where the label is among a "did you mean"'s (or a fallback's) suggestions."""
        want = self.case.intent
        if not self.offered or not want:
            return ""
        if want not in self.offered:
            return "label not offered"
        return "label first" if self.offered[0] == want else "label offered later"


def rows(group: str, report_outcomes: Sequence[Outcome], traces: Sequence[Trace]
         ) -> list[Row]:
    """The questions not answered right, with their paths (``traces``: one per ask, contexts
    included, in order)."""
    found, at = [], 0
    for o in report_outcomes:
        at += len(o.case.context) + 1
        t = traces[at - 1]
        if o.ok:
            continue
        v, q = t.verdict, t.question
        found.append(Row(group, o.case, o.got, outcome(o, t.kind), t.path(), tuple(t.offered),
                         tuple(sorted((v.likelihood if v else {}).items())),
                         q.ranked[0] if q else ("", 0.0), q.matched if q else None))
    return found


def helped(text: str) -> bool:
    """Whether an answer gives 999 and the helpline, and not the press line."""
    return all(n in text for n in HELP) and PRESS_LINE not in text


def led(text: str) -> bool:
    """Whether an answer leads with 999 and the helpline: its first paragraph holds them (and
    not the press line), as a reply not sure of a request for help does (bot.weighing)."""
    return helped(text.split("\n\n", 1)[0])


def miss_path(engine: Engine, case: Case, t: Trace, numbers: str, press: bool = False) -> str:
    """How a safeguarding question not given the safeguarding answer was decided, in names and
    numbers only (``numbers``: how its answer still held 999 and the helpline, "numbers first"
    or "numbers in the answer" (in a line or a fallback's closing words), "" where it did not;
    ``press``: it held them beside the press line, as the fallback to a message not read gives
    them to someone known to be the press): the branch, the matcher's reading, the classifier's
    rank of safeguarding and its distance below ``safe``, and the safety layer's verdict on the
    message alone."""
    opinion = engine.opinion
    ranked = opinion.rank(case.q) if opinion else []
    safe = opinion.thresholds.safe if opinion else 1.01
    priority = opinion.priority if opinion else frozenset()
    rank = next((n for n, (label, _) in enumerate(ranked, 1) if label in priority), 0)
    p = ranked[rank - 1][1] if rank else 0.0
    q = t.question
    matcher = ("not asked" if q is None else "priority" if q.priority else
               "fallback" if q.matched is None else "another class")
    f = engine.matcher.features(case.q)
    v = assess(case.q, f, engine.knowledge.safety)
    layer = [name for name, shown in (
        ("urgent", v.urgent), ("another_crime", v.another_crime), ("studies_it", v.studies_it),
        ("for_work", v.for_work), ("on_subject", v.on_subject), ("on_topic", v.on_topic),
        ("about_release", v.about_release), ("harm", v.harm), ("signs", bool(v.signs)),
        ("asks", v.asks_help), ("follow-up", bool(case.context))) if shown]
    line = numbers or ("numbers and the press line" if press else "no numbers")
    return (f"{t.path()} ({t.kind}, {line}); matcher {matcher}; safeguarding rank {rank or '-'} "
            f"p {p:.2f} safe {safe:.2f} ({p - safe:+.2f}); layer "
            f"{','.join(layer) or '-'} [{','.join(v.because) or '-'}]")


def table(found: Sequence[Row]) -> str:
    """Counts per path x outcome, with totals (did-you-mean counts split by where the label
    was offered)."""
    counts = collections.Counter((r.path, r.outcome) for r in found)
    paths = sorted({r.path for r in found}, key=lambda p: (-sum(
        n for (q, _), n in counts.items() if q == p), p))
    head = f"{'path':32}" + "".join(f"{c:>18}" for c in OUTCOMES) + f"{'all':>7}"
    lines = [head]
    for p in paths:
        cells = [counts[(p, c)] for c in OUTCOMES]
        lines.append(f"{p:32}" + "".join(f"{n:18}" for n in cells) + f"{sum(cells):7}")
    cells = [sum(counts[(p, c)] for p in paths) for c in OUTCOMES]
    lines.append(f"{'all':32}" + "".join(f"{n:18}" for n in cells) + f"{sum(cells):7}")
    offers = collections.Counter((r.outcome, r.offer) for r in found if r.offer)
    lines += [f"  {c}: {o} {n}" for (c, o), n in sorted(offers.items())]
    agreed = [r for r in found if r.outcome == "did you mean" and r.matched is not None
              and r.matched == r.top[0]]
    lines.append(f"  did you mean where both opinions named the same class: {len(agreed)} "
                 f"(the label's: {sum(r.offer == 'label first' for r in agreed)})")
    return "\n".join(lines)


def show(r: Row) -> str:
    likely = " ".join(f"{k}={p:.2f}" for k, p in r.likelihood)
    earlier = f" (after {len(r.case.context)} earlier)" if r.case.context else ""
    return (f"[{r.group}] {r.case.q!r}{earlier}\n    label {r.case.expected}  got {r.got or '-'}  "
            f"{r.outcome} via {r.path}  matcher {r.matched or '-'}  "
            f"classifier {r.top[0]} {r.top[1]:.2f}  "
            f"stacker {likely or '-'}  offered {list(r.offered) or '-'}")


def fitting_code() -> str:
    """A hash of the code that fits a fold's model (bot.training, bot.classifier): its
    features, settings and sample weights."""
    source = "".join(inspect.getsource(m) for m in (training, classifier))
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:24]


def fold_key(items: Sequence[Example], code: str = "") -> str:
    """A hash of one fold's training examples (their texts, classes and sets: the examples
    carry their class, so a changed class map changes it), of the fit's parameters and of the
    fitting ``code``, so no model fitted on other examples, other classes, with other
    parameters or by other code is read."""
    data = json.dumps([code, fit_parameters(), [(e.text, e.label, e.group) for e in items]],
                      ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:24]


def cached_models(sets: Sequence[Path], items: Sequence[Example], cache: Path | None,
                  progress: Callable[[str], object]) -> dict[str, Classifier]:
    """``bot.crossval.fold_models``, each fold's model read from ``cache`` when one was fitted
    on the same examples, and written there when it is fitted."""
    code = fitting_code()
    files = {p.stem: (cache / f"fold-{fold_key([e for e in items if e.group != p.stem], code)}"
                              ".json.gz") if cache else None for p in sets}
    models: dict[str, Classifier] = {}
    for stem, file in files.items():
        if file is not None and file.exists():
            models[stem] = Classifier.from_dict(json.loads(gzip.decompress(file.read_bytes())))
    missing = [p for p in sets if p.stem not in models]
    for stem, model in fold_models(missing, items, progress).items():
        models[stem] = model
        file = files[stem]
        if file is not None:
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(to_bytes(model))
    return models


def paths(engine: Engine, folder: Path, cache: Path | None, err: TextIO,
          default_now: dt.datetime | None = NOW,
          misses: dict[str, list[str]] | None = None, record: Path | None = None,
          hold: Path | None = None) -> dict[str, list[Row]]:
    """Each set's questions not answered right under leave-one-set-out cross-validation, as
    ``bot.crossval.cross_validate`` answers them (its models, replays and rule); ``misses``,
    if given, gets each set's safeguarding questions answered without the help numbers, as
    their paths (``miss_path``). Each fold's rule is written to ``record`` if given, and read
    from ``hold`` (not learned) if given."""
    sets = set_files(folder)
    intents = list(engine.knowledge.intents)
    items = examples(sets, intents, engine.matcher)
    shipped = engine.opinion
    models = cached_models(sets, items, cache, lambda m: err.write(f"cv: {m}\n"))
    # Held rules need no replays: those are only what the rule is learned from.
    replays = [] if hold else replay(engine, sets, models, default_now)
    priority = Opinion(models[sets[0].stem], Thresholds(), intents).priority
    found: dict[str, list[Row]] = {}
    totals = collections.Counter[str]()
    try:
        for path in sets:
            t = (Thresholds.load(hold / f"{path.stem}.json") if hold else
                 select([r for r in replays if r.group != path.stem], priority,
                        Classes.of(intents)))
            if record:
                record.mkdir(parents=True, exist_ok=True)
                (record / f"{path.stem}.json").write_text(t.dumps(), encoding="utf-8")
            engine.use_model(models[path.stem], t)
            with traced(engine) as traces:
                report = run(engine, read_cases(path), default_now)
            found[path.stem] = rows(path.stem, report.outcomes, traces)
            if misses is not None:
                at = 0
                for o in report.outcomes:
                    at += len(o.case.context) + 1
                    if o.case.intent == "safeguarding" and o.got != "safeguarding":
                        misses.setdefault(path.stem, []).append(
                            miss_path(engine, o.case, traces[at - 1], "numbers first" if led(
                                o.text) else "numbers in the answer" if helped(o.text) else "",
                                all(n in o.text for n in HELP)))
            totals["questions"] += len(report.outcomes)
            totals["right"] += sum(o.ok for o in report.outcomes)
            totals["wrong"] += sum(1 for r in found[path.stem] if r.outcome == "wrong")
    finally:
        engine.use_opinion(shipped)
    n = totals["questions"]
    err.write(f"cv accuracy {totals['right'] / n:.1%} wrong {totals['wrong'] / n:.1%} "
              f"right {totals['right']} wrong {totals['wrong']} questions {n}\n")
    return found


def report(found: dict[str, list[Row]], out: TextIO, show_readable: bool = False,
           misses: dict[str, list[str]] | None = None) -> None:
    """The tables, readable and never-read sets apart (the never-read ones counted only), and
    the safeguarding questions answered without the help numbers, counted per set and path."""
    for hidden in (False, True):
        kind = "never-read" if hidden else "readable"
        sets = [s for s in sorted(found) if never_read(s) == hidden]
        chosen = [r for s in sets for r in found[s]]
        out.write(f"\n{kind} sets ({len(sets)}): {len(chosen)} not right\n{table(chosen)}\n")
    if misses is not None:
        for hidden in (False, True):
            kind = "never-read" if hidden else "readable"
            missed = {s: m for s, m in sorted(misses.items()) if never_read(s) == hidden}
            out.write(f"\n{kind} safeguarding questions not given the safeguarding answer: "
                      f"{sum(map(len, missed.values()))}, without 999 and the helpline first: "
                      f"{sum('numbers first' not in m for f in missed.values() for m in f)}\n")
            for s, found_paths in missed.items():
                out.writelines(f"  {s}: {n} x {how}\n"
                               for how, n in sorted(collections.Counter(found_paths).items()))
    if show_readable:
        out.write("\nreadable sets' questions not answered right:\n")
        for s in sorted(found):
            if not never_read(s):
                out.writelines(show(r) + "\n" for r in found[s])


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--sets", type=Path, default=DEVSET, help="folder of labelled sets")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/pressbot-cv-models"),
                    help="where the fold models are kept between runs")
    ap.add_argument("--show-readable", action="store_true",
                    help="list the readable sets' questions not answered right")
    ap.add_argument("--record-rules", type=Path, metavar="DIR",
                    help="write each fold's learned rule to DIR")
    ap.add_argument("--hold-rules", type=Path, metavar="DIR",
                    help="answer each fold with the rule recorded in DIR, not a relearned one")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(Path(folder))
        misses: dict[str, list[str]] = {}
        found = paths(engine, args.sets, args.cache, sys.stderr, misses=misses,
                      record=args.record_rules, hold=args.hold_rules)
    report(found, sys.stdout, args.show_readable, misses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
