"""Provides scoring of a labelled question set: accuracy per intent and category, confusions,
and fallback precision and recall (the engine behind `pressbot eval`).

A case is one JSON object per line: ``q``; one of ``intent`` (expected id) or ``fallback: true``;
optional ``patterns`` / ``not_patterns`` (strings that must / must not be in the answer text),
``category``, ``context`` (earlier questions of the same conversation) and ``now`` (ISO time).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from bot.dialogue import Conversation
from bot.engine import Engine
from bot.errors import UsageError
from bot.render import to_text


class Case(BaseModel):
    """One labelled question."""

    model_config = ConfigDict(extra="forbid")

    q: str
    intent: str | None = None
    fallback: bool = False
    patterns: list[str] = []
    not_patterns: list[str] = []
    category: str = "uncategorised"
    context: list[str] = []
    now: dt.datetime | None = None

    @model_validator(mode="after")
    def _one_label(self) -> Case:
        if bool(self.intent) == self.fallback and not self.patterns:
            raise ValueError("give exactly one of 'intent' or 'fallback: true' (or patterns)")
        return self

    @property
    def expected(self) -> str:
        return "(fallback)" if self.fallback else self.intent or "(patterns)"


@dataclass
class Outcome:
    case: Case
    got: str | None
    text: str
    ok: bool
    why: str = ""


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return sum(o.ok for o in self.outcomes) / len(self.outcomes) if self.outcomes else 0.0

    def by(self, key: str) -> dict[str, tuple[int, int]]:
        table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for o in self.outcomes:
            k = o.case.expected if key == "intent" else o.case.category
            table[k][0] += o.ok
            table[k][1] += 1
        return {k: (v[0], v[1]) for k, v in sorted(table.items())}

    def confusions(self, limit: int = 10) -> list[tuple[str, str, int]]:
        pairs = Counter((o.case.expected, o.got or "(fallback)") for o in self.outcomes
                        if not o.ok and (o.got or "(fallback)") != o.case.expected)
        return [(a, b, n) for (a, b), n in pairs.most_common(limit)]

    def fallback_scores(self) -> tuple[float, float]:
        """Precision and recall of falling back, counting a fallback as the positive class."""
        tp = sum(1 for o in self.outcomes if o.case.fallback and o.got is None)
        predicted = sum(1 for o in self.outcomes if o.got is None)
        actual = sum(1 for o in self.outcomes if o.case.fallback)
        return (tp / predicted if predicted else 1.0, tp / actual if actual else 1.0)

    def wrong_answer_rate(self) -> float:
        """Answered with an intent, but wrongly: the failure that matters most."""
        wrong = sum(1 for o in self.outcomes if not o.ok and o.got is not None)
        return wrong / len(self.outcomes) if self.outcomes else 0.0

    def as_dict(self) -> dict[str, Any]:
        precision, recall = self.fallback_scores()
        return {
            "cases": len(self.outcomes), "accuracy": round(self.accuracy, 4),
            "wrong_answer_rate": round(self.wrong_answer_rate(), 4),
            "fallback_precision": round(precision, 4), "fallback_recall": round(recall, 4),
            "by_intent": {k: {"correct": a, "total": b} for k, (a, b) in self.by("intent").items()},
            "by_category": {k: {"correct": a, "total": b}
                            for k, (a, b) in self.by("category").items()},
            "confusions": [{"expected": a, "got": b, "count": n} for a, b, n in self.confusions()],
            "errors": [{"q": o.case.q, "expected": o.case.expected, "got": o.got, "why": o.why}
                       for o in self.outcomes if not o.ok],
        }


def read_cases(path: Path) -> list[Case]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UsageError(f"Cannot read {path}: {exc.strerror or exc}") from None
    cases = []
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            cases.append(Case.model_validate(json.loads(line)))
        except json.JSONDecodeError as exc:
            raise UsageError(f"{path}, line {n}: not a valid case: {exc.msg}") from None
        except ValidationError as exc:
            # pydantic's own text ends with a link to its docs; the first problem, with its
            # field, is the sentence an editor can act on.
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"])
            reason = f"{field}: {err['msg']}" if field else err["msg"]
            raise UsageError(f"{path}, line {n}: not a valid case: {reason}") from None
    if not cases:
        raise UsageError(f"{path}: no cases found")
    return cases


def judge(case: Case, got: str | None, text: str) -> tuple[bool, str]:
    if case.fallback and got is not None:
        return False, f"answered {got} instead of falling back"
    if case.intent and got != case.intent:
        return False, f"got {got or 'a fallback'}"
    missing = [p for p in case.patterns if p not in text]
    if missing:
        return False, f"missing {missing}"
    present = [p for p in case.not_patterns if p in text]
    if present:
        return False, f"must not contain {present}"
    return True, ""


def case_now(engine: Engine, case: Case, default_now: dt.datetime | None) -> dt.datetime | None:
    """The case's own time, else the default; a time without an offset is the office's."""
    now = case.now or default_now
    if now is not None and now.tzinfo is None:
        now = now.replace(tzinfo=engine.hours.tz)
    return now


def run(engine: Engine, cases: list[Case], default_now: dt.datetime | None = None,
        release: str = "") -> Report:
    """Judge every case, each in its own conversation (already on ``release`` when given)."""
    report = Report()
    for case in cases:
        conv = Conversation(release=release)
        now = case_now(engine, case, default_now)
        for earlier in case.context:
            engine.ask(earlier, conversation=conv, now=now)
        answer = engine.ask(case.q, conversation=conv, now=now)
        text = to_text(answer)
        ok, why = judge(case, answer.intent, text)
        report.outcomes.append(Outcome(case, answer.intent, text, ok, why))
    return report


def format_report(report: Report, show_errors: bool = False) -> str:
    precision, recall = report.fallback_scores()
    ok = sum(o.ok for o in report.outcomes)
    lines = [f"Accuracy: {report.accuracy:.1%} ({ok}/{len(report.outcomes)})",
             f"Wrong answers: {report.wrong_answer_rate():.1%}",
             f"Fallback precision: {precision:.1%}   recall: {recall:.1%}", "", "By category:"]
    lines += [f"  {k:<24} {a:>3}/{b:<3} {a / b:6.1%}"
              for k, (a, b) in report.by("category").items()]
    lines += ["", "By intent:"]
    lines += [f"  {k:<24} {a:>3}/{b:<3} {a / b:6.1%}" for k, (a, b) in report.by("intent").items()]
    confusions = report.confusions()
    if confusions:
        lines += ["", "Most confused (expected -> got):"]
        lines += [f"  {a} -> {b}: {n}" for a, b, n in confusions]
    if show_errors:
        lines += ["", "Errors:"]
        lines += [f"  [{o.case.expected}] {o.case.q!r}: {o.why}" for o in report.outcomes
                  if not o.ok]
    return "\n".join(lines)
