"""Provides the safeguarding layer's leave-one-set-out measurement, beside a learned model's.

Run with ``python -m benchmarks.safety_cv``. For each labelled set in ``tests/devset`` (follow-ups
left out: the layer reads one message), it scores ``bot.safety.assess`` (which learns nothing, so
its figure is the same with or without cross-validation), then a multinomial naive Bayes over the
reader's tokens, token pairs and concepts trained on the other sets and tested on the held-out
one, and the two together (either one flags). It prints recall on the safeguarding-labelled
questions and false alarms on all others. The model is not shipped: the figures show what a
learned probability passed to ``assess`` would add.
"""

from __future__ import annotations

import collections
import math
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import make_engine
from bot import evaluate
from bot.engine import Engine
from bot.safety import assess

ROOT = Path(__file__).resolve().parent.parent
Row = tuple[list[str], bool, bool]  # features, labelled safeguarding, flagged by the layer


def rows(engine: Engine, path: Path) -> list[Row]:
    out = []
    for case in evaluate.read_cases(path):
        if case.context:
            continue
        f = engine.matcher.features(case.q)
        tokens = list(f.tokens)
        feats = tokens + [f"{a}_{b}" for a, b in zip(tokens, tokens[1:], strict=False)]
        out.append((feats + sorted(f.terms), case.intent == "safeguarding",
                    assess(case.q, f, engine.knowledge.safety).urgent))
    return out


def train(data: list[Row]) -> Callable[[list[str]], float]:
    """Naive Bayes with add-one smoothing over the features present in a message."""
    counts: dict[bool, collections.Counter[str]] = {True: collections.Counter(),
                                                    False: collections.Counter()}
    n: collections.Counter[bool] = collections.Counter()
    for feats, label, _ in data:
        counts[label].update(set(feats))
        n[label] += 1
    vocab = set(counts[True]) | set(counts[False])
    total = {k: sum(v.values()) + len(vocab) for k, v in counts.items()}

    def probability(feats: list[str]) -> float:
        score = math.log(n[True] / n[False])
        for t in set(feats) & vocab:
            score += (math.log((counts[True][t] + 1) / total[True])
                      - math.log((counts[False][t] + 1) / total[False]))
        return 1 / (1 + math.exp(-max(-50.0, min(50.0, score))))

    return probability


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:  # caches and logs kept out of the user's
        engine = make_engine(Path(folder))
        sets = {p.stem: rows(engine, p)
                for p in sorted((ROOT / "tests" / "devset").glob("*.jsonl"))}
    positives = sum(r[1] for rs in sets.values() for r in rs)
    negatives = sum(not r[1] for rs in sets.values() for r in rs)
    layer = [r for rs in sets.values() for r in rs]
    print(f"layer:            recall {sum(r[1] and r[2] for r in layer)}/{positives}  "
          f"false alarms {sum(r[2] and not r[1] for r in layer)}/{negatives}")
    for threshold in (0.5, 0.9, 0.99):
        nb = both = nb_alarms = both_alarms = 0
        for held, test in sets.items():
            model = train([r for name, rs in sets.items() if name != held for r in rs])
            for feats, label, flagged in test:
                learned = model(feats) >= threshold
                if label:
                    nb += learned
                    both += learned or flagged
                else:
                    nb_alarms += learned
                    both_alarms += learned or flagged
        print(f"NB >= {threshold:<5}       recall {nb}/{positives}  false alarms "
              f"{nb_alarms}/{negatives}  | with the layer: recall {both}/{positives}  "
              f"false alarms {both_alarms}/{negatives}")


if __name__ == "__main__":
    main()
