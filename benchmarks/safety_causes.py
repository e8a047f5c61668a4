"""Provides a count, per set and per cause, of wrong answers that gave the help numbers to
questions not labelled safeguarding, and of safeguarding questions answered without them
(in-sample, shipped model).

Run with ``python -m benchmarks.safety_causes [--show | --cv]``. A question's help numbers
are put down to the first part that gave them: the safety layer on the message alone
(``layer``, with the rules that fired), the layer reading the conversation (``conversation``),
the matcher's priority intent (``matcher``, with the safeguarding concepts it read), the
matcher's fallback for a message in another language (``foreign``), or the classifier and the
decision rule (``classifier``). ``--show`` prints the questions of the readable sets only; the
never-read sets (``blind*``) are only ever counted. ``--cv`` counts the same under
cross-validation, without causes.
"""

from __future__ import annotations

import collections
import datetime as dt
import sys
import tempfile
from pathlib import Path

from benchmarks.common import make_engine
from bot import evaluate
from bot.dialogue import Conversation
from bot.engine import Engine
from bot.render import to_text
from bot.safety import assess

ROOT = Path(__file__).resolve().parent.parent
HELP = ("999", "08000 121 700")
PRESS_LINE = "020 7983 4067"


def never_read(name: str) -> bool:
    return name.startswith("blind")


def cause(engine: Engine, case: evaluate.Case, now: dt.datetime | None) -> str:
    """Which part gave the help numbers (the matcher's answer replayed alone)."""
    f = engine.matcher.features(case.q)
    verdict = assess(case.q, f, engine.knowledge.safety)
    if verdict.urgent:
        v = engine.knowledge.safety
        marks = [name for name, shown in (
            ("figure", f.terms & set(v.figure_concepts)),
            ("particular", set(f.tokens) & (set(v.others) - set(v.people_in_general))),
            ("asker", set(f.tokens) & set(v.askers)), ("work", verdict.for_work)) if shown]
        return ("layer:" + ",".join(verdict.because) + f" [{','.join(verdict.signs)}] "
                + ",".join(marks))
    conversation = Conversation()
    for earlier in case.context:
        engine.ask(earlier, conversation=conversation, now=now)
    answer, *_ = engine.matcher_answer(case.q, conversation=conversation, now=now)
    if answer.kind != "safeguarding":
        return "classifier"
    if case.context:
        alone, *_ = engine.matcher_answer(case.q, now=now)
        if alone.kind != "safeguarding":
            return "conversation"
    if f.foreign and engine.matcher.decide(f, None) is None:
        marks = [name for name, shown in (("years", f.years), ("numbers", f.numbers),
                                          ("stats", f.terms & {"stats", "howmany"})) if shown]
        return "foreign:" + ",".join(marks)
    urgent = engine.matcher.urgent
    keywords = sorted(f.terms & set(urgent.keywords)) if urgent else []
    return "matcher:" + ",".join(keywords)


def main(show: bool = False) -> None:
    totals: dict[str, collections.Counter[str]] = {"readable": collections.Counter(),
                                                   "never-read": collections.Counter()}
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(Path(folder))
        default_now = dt.datetime.fromisoformat("2020-02-03T10:00")
        for path in sorted((ROOT / "tests" / "devset").glob("*.jsonl")):
            hidden = never_read(path.stem)
            counts: collections.Counter[str] = collections.Counter()
            for case in evaluate.read_cases(path):
                now = evaluate.case_now(engine, case, default_now)
                conversation = Conversation()
                for earlier in case.context:
                    engine.ask(earlier, conversation=conversation, now=now)
                answer = engine.ask(case.q, conversation=conversation, now=now)
                text = to_text(answer)
                if case.intent == "safeguarding":
                    if all(n in text for n in HELP) and PRESS_LINE not in text:
                        counts["caught by " + cause(engine, case, now).split(":")[0]] += 1
                    else:
                        counts["missed"] += 1
                        if show and not hidden:
                            print(f"  MISSED {path.stem}: {case.q!r}")
                elif answer.kind == "safeguarding" and not evaluate.judge(
                        case, answer.intent, text)[0]:
                    why = cause(engine, case, now)
                    counts[why] += 1
                    if show and not hidden:
                        print(f"  {why:12} {path.stem} [{case.expected}] "
                              f"{' / '.join(case.context)} {case.q!r}")
            parts = collections.Counter(k.split(":")[0] for k in counts.elements())
            print(f"{path.stem:12} " + " ".join(f"{k} {v}" for k, v in sorted(parts.items())))
            totals["never-read" if hidden else "readable"].update(counts)
    for kind, counts in totals.items():
        print(f"{kind}:")
        for key, n in sorted(counts.items()):
            print(f"  {n:3} {key}")
        parts = collections.Counter(k.split(":")[0] for k in counts.elements())
        print("  total " + " ".join(f"{k} {v}" for k, v in sorted(parts.items())))




def cross_validated() -> None:
    """The same counts under leave-one-set-out cross-validation (``--cv``): wrong answers that
    gave the help numbers, and safeguarding questions that missed them, readable and never-read
    sets apart (about 10 minutes of CPU)."""
    from bot.crossval import cross_validate

    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(Path(folder))
        default_now = dt.datetime.fromisoformat("2020-02-03T10:00")
        reports = cross_validate(engine, ROOT / "tests" / "devset", sys.stdout, sys.stderr,
                                 default_now)
    totals: dict[str, collections.Counter[str]] = {"readable": collections.Counter(),
                                                   "never-read": collections.Counter()}
    for name, report in reports.items():
        counts = totals["never-read" if never_read(name) else "readable"]
        for o in report.outcomes:
            counts["questions"] += 1
            counts["wrong"] += not o.ok and o.got is not None
            if o.case.intent == "safeguarding":
                counts["safeguarding missed"] += not (all(n in o.text for n in HELP)
                                                      and PRESS_LINE not in o.text)
            elif o.got == "safeguarding" and not o.ok:
                counts["help numbers, not asked"] += 1
    for kind, counts in totals.items():
        print(f"cv {kind}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


if __name__ == "__main__":
    if "--cv" in sys.argv[1:]:
        cross_validated()
    else:
        main("--show" in sys.argv[1:])
