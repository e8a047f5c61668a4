"""Provides the learned part of the decision rule (bot.decision) and its file: the thresholds
(``safe``, ``care``, ``answer``, ``offer``), rule 3's stacker weights and the kept stacker's for
follow-ups, one weight per signal named in ``SIGNALS`` then the intercept, read from and written
to intents/decision.json (``Thresholds.load``, ``Thresholds.dumps``). A stacker's likelihood is
a logistic of a dot product (``stacked``), so answering needs no numeric library.

A file learned before a signal was added reads it with weight 0: the same stacker, until
``pressbot train`` learns one with it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NEVER = 1.01  # a threshold no probability reaches
FORMAT = "pressbot-decision/2"
SIGNALS = ("logit_option", "logit_top", "margin", "classifier_names", "matcher_names",
           "matcher_confidence", "both_name", "matcher_none", "years_clash", "years_fit",
           "logit_type", "same_type", "classifier_rank", "words", "logit_priority",
           "followup_carried", "followup_repeat", "followup_fragment", "followup_same",
           "followup_bare", "logit_none", "option_margin", "fragment")


@dataclass(frozen=True)
class Thresholds:
    """The learned part of the rule. Without ``weights`` (no stacker) the matcher answers alone,
    save for rule 2."""

    safe: float = NEVER
    answer: float = NEVER
    offer: float = NEVER
    weights: tuple[float, ...] = ()  # one per signal, then the intercept
    # Below ``safe``, at least this sure of a priority class first: the answer the rule gives
    # carries the help numbers in one line (``Verdict.help_line``). NEVER: no such line.
    care: float = NEVER
    # A follow-up the matcher answers through the conversation (``keeps``) has a stacker of
    # its own, one weight per signal then the intercept, learned on such follow-ups' replays
    # alone: how often an answer read through the earlier message is right differs from how
    # often one read from the message alone is. Its answer stands when at least ``keep``
    # likely, else the fallback; with no such stacker, always.
    kept: tuple[float, ...] = ()
    keep: float = 0.0

    @classmethod
    def load(cls, path: Path) -> Thresholds:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            named = raw.get("signals")
            # A rule learned before a signal was added reads it with weight 0: the same
            # stacker, until ``pressbot train`` learns one with it.
            if raw.get("format") != FORMAT or not isinstance(named, list) or (
                    named != list(SIGNALS[:len(named)])):
                raise ValueError(f"not a {FORMAT} file with the signals {', '.join(SIGNALS)}")
            weights, kept = (_padded(raw.get(key, []), len(named)) for key in ("weights", "kept"))
            return cls(float(raw["safe"]), float(raw["answer"]), float(raw["offer"]), weights,
                       float(raw.get("care", NEVER)), kept, float(raw.get("keep", 0.0)))
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"cannot read the decision rule {path}: {exc}") from None

    def dumps(self) -> str:
        raw: dict[str, Any] = {"format": FORMAT, "safe": self.safe, "care": self.care,
                               "answer": self.answer, "offer": self.offer,
                               "signals": list(SIGNALS),
                               "weights": list(self.weights)}
        if self.kept:  # a rule learned before the kept stacker reads as without it
            raw.update(keep=self.keep, kept=list(self.kept))
        return json.dumps(raw, indent=2) + "\n"

    def likelihood(self, signals: Sequence[float]) -> float:
        """The stacker's probability that answering with the option is right."""
        return stacked(self.weights, signals)


def stacked(weights: Sequence[float], signals: Sequence[float]) -> float:
    """A stacker's probability (``weights``: one per signal, then the intercept), the logit
    clipped so that no weight overflows it."""
    z = weights[-1] + sum(w * s for w, s in zip(weights, signals, strict=False))
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def _padded(raw: Any, named: int) -> tuple[float, ...]:
    """Stored weights over the first ``named`` signals (then the intercept), the signals added
    since read with weight 0."""
    weights = tuple(float(w) for w in raw)
    if weights and len(weights) != named + 1:
        raise ValueError(f"{len(weights)} weights for {named} signals")
    return weights[:-1] + (0.0,) * (len(SIGNALS) - named) + weights[-1:] if weights else ()
