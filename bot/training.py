"""Provides training of the question-type classifier (``pressbot train``): the labelled examples,
a deterministic fit with scikit-learn, and the compact model file the engine scores with.

scikit-learn, scipy and numpy are imported only inside the functions that fit, so answering
never loads them (they are the ``train`` extra). The model is rounded and pruned, and written
as gzip without a timestamp, so the same data always gives the same bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib
import json
import math
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot import knowledge as kb
from bot.classifier import FALLBACK, FORMAT, Classifier, features
from bot.errors import UsageError
from bot.evaluate import Case, read_cases
from bot.intentclasses import class_map
from bot.models import Intent

if TYPE_CHECKING:
    from bot.matching import Matcher

MODEL_NAME = "classifier.json.gz"
DECISION_NAME = "decision.json"
# Regularisation of the logistic regression (inverse strength) and the compact model's
# precision: weights below PRUNE are dropped, the rest rounded to DIGITS decimals.
C = 10.0
PRUNE = 0.1
TOL = 1e-3
DIGITS = 3
MIN_DF = 2  # a feature seen in one question only says nothing general
# The weight of a fallback-labelled example in the fit (the others weigh 1). "None of the
# intents" is a catch-all class with very varied examples, so a weight below 1 might take back
# probability it draws from questions the release answers; under cross-validation 0.5 and 0.75
# both lost never-read right answers and added wrong ones, and the class's probabilities are
# calibrated at 1 (docs/engine.md, "The classifier", 5 December 2026). Kept as a declared
# parameter so a cache of fitted models keys on it.
FALLBACK_WEIGHT = 1.0


@dataclass(frozen=True)
class Example:
    text: str
    label: str
    group: str  # the set it comes from ("intents" for the intents' examples)


def label_of(case: Case, classes: dict[str, str]) -> str | None:
    """A case's class, or None for a follow-up (its meaning depends on the earlier message,
    which the classifier does not see) or an unknown intent."""
    if case.context:
        return None
    if case.fallback:
        return FALLBACK
    return classes.get(case.intent or "")


def set_files(folder: Path) -> list[Path]:
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        raise UsageError(f"{folder}: no labelled sets (*.jsonl) found")
    return files


def examples(sets: Iterable[Path], intents: Sequence[Intent],
             matcher: Matcher | None = None) -> list[Example]:
    """The intents' examples plus every labelled question of the sets (follow-ups left out);
    with ``matcher``, each fallback example labelled with its part (``fallback_part``)."""
    classes = class_map(intents)
    found = [Example(e, classes[i.id], "intents") for i in intents for e in i.examples]
    for path in sets:
        for case in read_cases(path):
            label = label_of(case, classes)
            if label is not None:
                found.append(Example(case.q, label, path.stem))
    if matcher is None:
        return found
    return [replace(e, label=fallback_part(matcher, e.text)) if e.label == FALLBACK else e
            for e in found]


def fallback_part(matcher: Matcher, text: str) -> str:
    """The part of the fallback class a question the release does not answer is fitted as: the
    type of the intent the matcher ranks first for it, whether or not it would answer with it
    ("fallback/figure" for another year's or another place's figure, "fallback/recommendation"
    for what the Met or the Home Office did), or "fallback" where it ranks none or a priority
(safeguarding) intent first: a part of its own there took probability from the help numbers
for someone at risk under cross-validation. "None of the
    intents" is one label of very varied questions; as one class, the words its near misses
    share with the intents they are near ("victims", "position") weigh for it against every
    intent. Fitted in parts, each part is told apart from its neighbours by what differs (the
    year, the place, the count), and the parts are summed as one class again wherever the
    model is read (``bot.opinion.merged``)."""
    ranked = matcher.rank(matcher.features(text.strip()))
    return f"{FALLBACK}/{ranked[0][0].type}" if ranked and not ranked[0][0].priority else FALLBACK


def fit_parameters() -> dict[str, float]:
    """The parameters ``fit`` uses besides the examples (what a cache of fitted models must
    key on as well)."""
    return {"C": C, "TOL": TOL, "PRUNE": PRUNE, "DIGITS": DIGITS, "MIN_DF": MIN_DF,
            "FALLBACK_WEIGHT": FALLBACK_WEIGHT}


def data_hash(items: Sequence[Example]) -> str:
    digest = hashlib.sha256()
    for e in items:
        digest.update(f"{e.label}\t{e.text}\n".encode())
    return digest.hexdigest()[:16]


# OpenBLAS picks its kernels for the CPU it detects unless told (OPENBLAS_CORETYPE,
# OPENBLAS_L2_SIZE). The stacker's weights, fitted with numpy, then differ in their last digits
# between a shell that sets them and one that does not, by more than tests/test_crossval.py
# allows, and `pressbot train` would not rebuild the stored rule. Pinned as the stored rule
# was fitted, where the CPU has the kernels' instructions (AVX2) and numpy is not yet loaded.
BLAS_PINS = {"OPENBLAS_CORETYPE": "Haswell", "OPENBLAS_L2_SIZE": "512"}


def pin_blas() -> None:
    """Set ``BLAS_PINS`` in the environment (where unset) before numpy loads OpenBLAS."""
    if "numpy" in sys.modules:
        return
    try:
        cpu = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    if " avx2" in cpu:
        for name, value in BLAS_PINS.items():
            os.environ.setdefault(name, value)


def fitting_modules() -> tuple[Any, Any, Any, Any]:
    """numpy, scipy's csr_matrix, scikit-learn's LogisticRegression and threadpool_limits.

    They are the optional `train` extra, never needed to answer: they are imported by name, at
    training time only, so the deployed image (which tests/test_deploy.py checks against the
    runtime dependencies) does not carry them; without them `pressbot train` says what to install.
    """
    pin_blas()
    try:
        np = importlib.import_module("numpy")
        sparse = importlib.import_module("scipy.sparse")
        linear = importlib.import_module("sklearn.linear_model")
        threads = importlib.import_module("threadpoolctl")
    except ImportError as exc:
        raise UsageError(f"training needs scikit-learn ({exc.name} is missing): "
                         "pip install -e '.[train]'") from None
    return np, sparse.csr_matrix, linear.LogisticRegression, threads.threadpool_limits


def fit(items: Sequence[Example]) -> Classifier:
    """Fit the model on the examples (deterministic: fixed order, one thread, lbfgs)."""
    np, csr_matrix, logistic_regression, threadpool_limits = fitting_modules()

    counts = [features(e.text) for e in items]
    df: dict[str, int] = {}
    for c in counts:
        for f in c:
            df[f] = df.get(f, 0) + 1
    vocab = sorted(f for f, n in df.items() if n >= MIN_DF)
    index = {f: k for k, f in enumerate(vocab)}
    n = len(items)
    idf = [round(math.log((1 + n) / (1 + df[f])) + 1.0, 4) for f in vocab]
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for r, c in enumerate(counts):
        cells = [(index[f], (1.0 + math.log(k)) * idf[index[f]]) for f, k in sorted(c.items())
                 if f in index]
        norm = math.sqrt(sum(v * v for _, v in cells)) or 1.0
        for col, v in cells:
            rows.append(r)
            cols.append(col)
            vals.append(v / norm)
    x = csr_matrix((np.array(vals), (np.array(rows), np.array(cols))), shape=(n, len(vocab)))
    labels = sorted({e.label for e in items})
    y = np.array([labels.index(e.label) for e in items])
    weight = np.array([FALLBACK_WEIGHT if e.label.split("/")[0] == FALLBACK else 1.0
                       for e in items])
    with threadpool_limits(limits=1):
        model = logistic_regression(C=C, max_iter=1000, tol=TOL)
        model.fit(x, y, sample_weight=weight)
    coef = model.coef_
    rows_out: list[list[Any]] = []
    for k, f in enumerate(vocab):
        row: list[Any] = [f, idf[k]]
        for j in range(len(labels)):
            w = round(float(coef[j, k]), DIGITS)
            if abs(w) >= PRUNE:
                row += [j, w]
        rows_out.append(row)
    raw = {"format": FORMAT, "labels": labels,
           "intercepts": [round(float(b), DIGITS) for b in model.intercept_],
           "data_hash": data_hash(items), "features": rows_out}
    return Classifier.from_dict(raw)


def to_bytes(model: Classifier) -> bytes:
    """The model file: gzip of one JSON object with no timestamp, so rebuilds are identical."""
    text = json.dumps(model.as_dict(), ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def load_intents(knowledge_dir: Path, intents_dir: Path) -> list[Intent]:
    return list(kb.load_from_files(knowledge_dir, intents_dir).intents)
