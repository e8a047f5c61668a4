"""Provides the question-type classifier at answer time: pure-Python TF-IDF features and a
stored linear model (``Classifier.load(path).rank(question)``), with no numeric library.

The features are word 1–2-grams and character 2–5-grams within words (each word padded with a
space), sublinear term frequency, idf weights and an L2 norm; the scores are a softmax over
linear class scores. ``bot.training`` fits the weights with scikit-learn from the same
``features`` function, so what is trained is exactly what is scored here.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot import parsedcache
from bot.errors import KnowledgeError

FALLBACK = "fallback"
FORMAT = "pressbot-classifier/1"
_WORD = re.compile(r"\w+")


class ModelError(KnowledgeError):
    """The stored model cannot be read."""


def words(text: str) -> list[str]:
    """Lower-cased word tokens, accents folded (''référence'' reads as ''reference'')."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _WORD.findall(folded)


def features(text: str) -> Counter[str]:
    """The raw counts of every n-gram of the question, tagged by kind (w: word, c: character)."""
    tokens = words(text)
    counts: Counter[str] = Counter()
    for i, token in enumerate(tokens):
        counts["w " + token] += 1
        if i:
            counts["w " + tokens[i - 1] + " " + token] += 1
        padded = f" {token} "
        for n in range(2, 6):
            for start in range(len(padded) - n + 1):
                counts["c " + padded[start:start + n]] += 1
    return counts


@dataclass(frozen=True)
class Classifier:
    """A linear model over TF-IDF features: the labels, and one row per feature holding its idf
    and its class weights (``[feature, idf, label index, weight, label index, weight, ...]``).
    The rows are kept as read, which makes loading a dictionary comprehension and no more."""

    labels: tuple[str, ...]
    intercepts: tuple[float, ...]
    rows: dict[str, list[Any]]
    data_hash: str = ""

    @classmethod
    def load(cls, path: Path, cache: Path | None = None) -> Classifier:
        """The model in ``path``; with ``cache``, its parsed form is kept there (keyed by the
        file's hash, see bot.parsedcache) so later starts skip parsing the JSON."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ModelError(f"cannot read the classifier model {path}: {exc}") from None
        key = parsedcache.key_of(data, FORMAT) if cache is not None else ""
        if cache is not None:
            stored = parsedcache.read(cache, key)
            if (isinstance(stored, tuple) and len(stored) == 4
                    and isinstance(stored[2], dict)):
                labels, intercepts, rows, data_hash = stored
                return cls(labels, intercepts, rows, data_hash)
        try:
            raw = json.loads(gzip.decompress(data).decode("utf-8"))
        except (ValueError, EOFError, OSError) as exc:
            raise ModelError(f"cannot read the classifier model {path}: {exc}") from None
        model = cls.from_dict(raw)
        if cache is not None:
            parsedcache.write(cache, key, (model.labels, model.intercepts, model.rows,
                                           model.data_hash))
        return model

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Classifier:
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise ModelError(f"not a {FORMAT} model")
        return cls(tuple(raw["labels"]), tuple(raw["intercepts"]),
                   {row[0]: row for row in raw["features"]}, raw.get("data_hash", ""))

    def as_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "labels": list(self.labels),
                "intercepts": list(self.intercepts), "data_hash": self.data_hash,
                "features": [self.rows[f] for f in sorted(self.rows)]}

    def vector(self, text: str) -> dict[str, float]:
        """The question's TF-IDF vector over the model's features, L2-normalised."""
        rows = self.rows
        vec = {f: (1.0 + math.log(n)) * rows[f][1] for f, n in features(text).items()
               if f in rows}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {f: v / norm for f, v in vec.items()} if norm else {}

    def rank(self, text: str) -> list[tuple[str, float]]:
        """Every label with its probability, most likely first (ties by label, so stable)."""
        scores = list(self.intercepts)
        rows = self.rows
        for f, v in self.vector(text).items():
            row = rows[f]
            for i in range(2, len(row), 2):
                scores[row[i]] += row[i + 1] * v
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        ranked = [(label, e / total) for label, e in zip(self.labels, exps, strict=True)]
        ranked.sort(key=lambda pair: (-pair[1], pair[0]))
        return ranked
