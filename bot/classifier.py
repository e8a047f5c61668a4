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
import marshal
import math
import operator
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import reduce
from operator import itemgetter
from pathlib import Path
from typing import Any

from bot import parsedcache
from bot.errors import KnowledgeError

FALLBACK = "fallback"
FORMAT = "pressbot-classifier/1"
# The parsed form kept in the cache (bot.parsedcache): a new name whenever its shape changes.
CACHED_FORM = FORMAT + " table/3"
_WORD = re.compile(r"\w+")


class ModelError(KnowledgeError):
    """The stored model cannot be read."""


def words(text: str) -> list[str]:
    """Lower-cased word tokens, accents folded (''référence'' reads as ''reference'')."""
    if text.isascii():  # nothing to decompose or fold: the same tokens, sooner
        return _WORD.findall(text.lower())
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _WORD.findall(folded)


def char_grams(token: str) -> list[str]:
    """One word's character 2–5-grams, the word padded with a space, in the order ``features``
    counts them."""
    padded = f" {token} "
    return ["c " + padded[start:start + n]
            for n in range(2, 6) for start in range(len(padded) - n + 1)]


def features(text: str) -> Counter[str]:
    """The raw counts of every n-gram of the question, tagged by kind (w: word, c: character)."""
    tokens = words(text)
    counts: Counter[str] = Counter()
    for i, token in enumerate(tokens):
        counts["w " + token] += 1
        if i:
            counts["w " + tokens[i - 1] + " " + token] += 1
        for gram in char_grams(token):
            counts[gram] += 1
    return counts


# A feature's entry: its idf, and its (label index, weight) pairs.
Entry = tuple[float, tuple[tuple[int, float], ...]]


class LazyTable(Mapping[str, "Entry"]):
    """The model's table as the cache keeps it: each feature's entry marshalled on its own,
    decoded the first time it is read. A start reads the few hundred features of a question,
    not all 28,000 (decoding them all took about 30 ms of CPU). Decoded pairs, and lists of
    pairs, are shared as ``Classifier.from_dict`` shares them."""

    def __init__(self, encoded: dict[str, bytes]) -> None:
        self._encoded = encoded
        self._decoded: dict[str, Entry] = {}
        self._shared: dict[Any, Any] = {}

    def __getitem__(self, feature: str) -> Entry:
        entry = self._decoded.get(feature)
        if entry is None:
            idf, pairs = marshal.loads(self._encoded[feature])
            shared = self._shared
            pairs = tuple(shared.setdefault(pair, pair) for pair in pairs)
            entry = self._decoded[feature] = (idf, shared.setdefault(pairs, pairs))
        return entry

    def get(self, feature: str, default: Any = None) -> Any:
        return self[feature] if feature in self._encoded else default

    def __contains__(self, feature: object) -> bool:
        return feature in self._encoded

    def __iter__(self) -> Iterator[str]:
        return iter(self._encoded)

    def __len__(self) -> int:
        return len(self._encoded)


# What a word brings to every question it is in, kept between questions (about 1.5 KB each):
# its features (its own word feature and its known character grams, each occurrence), their
# summed idf-weighted rows (one float per label) and their summed squared idfs.
Word = tuple[tuple[str, ...], "array[float]", float]
# How many words are kept between questions (and as many word pairs, and repeated features).
KEPT_WORDS = 2048
# What one feature adds to the totals beyond the words' rows: the labels it has a weight for,
# each with what it adds there, and what it adds to the squared norm. A word pair's: its
# weights times its idf, and its squared idf.
Share = tuple[tuple[tuple[int, float], ...], float]
# A feature that occurs n > 1 times: its correction from n to 1 + log n, as a row of one float
# per label (0.0 where it has no weight: most of these features are character grams with a
# weight for almost every label), and what it adds to the squared norm.
Correction = tuple["array[float]", float]


@dataclass(frozen=True)
class Classifier:
    """A linear model over TF-IDF features: the labels, and for each feature its idf and its
    (label index, weight) pairs.

    Equal pairs, and equal lists of pairs, are one object each, shared by every feature that has
    them: the rounded weights repeat a great deal (about 85,000 pairs, 23,000 of them distinct),
    so the model takes less memory than as read (a ``LazyTable`` read from the cache shares
    them likewise).
    Scoring adds up each word's share of the linear scores, kept between questions (see
    ``rank``)."""

    labels: tuple[str, ...]
    intercepts: tuple[float, ...]
    table: Mapping[str, Entry]
    data_hash: str = ""
    # Each word's share of a question's features and scores (``Word``): most of a question's
    # features, and the same for every question with the word.
    _words: dict[str, Word] = field(default_factory=dict, compare=False, repr=False)
    # Each known word pair's share (``_pair``).
    _rows: dict[str, Share] = field(default_factory=dict, compare=False, repr=False)
    # Each repeated feature's correction, by how often it occurs (``_repeat``).
    _repeats: dict[tuple[str, int], Correction] = field(default_factory=dict, compare=False,
                                                        repr=False)
    # The labels' indices in the order of the labels (the order ``rank`` gives ties in).
    _by_label: tuple[int, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_label", tuple(sorted(range(len(self.labels)),
                                                           key=self.labels.__getitem__)))

    @classmethod
    def load(cls, path: Path, cache: Path | None = None) -> Classifier:
        """The model in ``path``; with ``cache``, its parsed form is kept there (keyed by the
        file's hash, see bot.parsedcache) so later starts skip parsing the JSON, and read its
        table lazily (``LazyTable``)."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ModelError(f"cannot read the classifier model {path}: {exc}") from None
        key = parsedcache.key_of(data, CACHED_FORM) if cache is not None else ""
        if cache is not None:
            stored = parsedcache.read(cache, key)
            if (isinstance(stored, tuple) and len(stored) == 4
                    and isinstance(stored[2], dict)):
                labels, intercepts, encoded, data_hash = stored
                return cls(labels, intercepts, LazyTable(encoded), data_hash)
        try:
            raw = json.loads(gzip.decompress(data).decode("utf-8"))
        except (ValueError, EOFError, OSError) as exc:
            raise ModelError(f"cannot read the classifier model {path}: {exc}") from None
        if cache is None:
            return cls.from_dict(raw)
        # Straight to the cached form, as a warm start reads it: the table is never held
        # decoded beside the parsed JSON (about 5 MB more at a cold start's peak).
        labels, intercepts, data_hash = cls._head(raw)
        # Each row let go once encoded: the parsed rows and their encoded form are never both
        # held whole (about 2 MB less at a cold start's peak, with 146,000 pairs).
        rows = raw.pop("features")
        del raw
        rows.reverse()
        encoded, row = {}, []
        while rows:
            row = rows.pop()
            encoded[row[0]] = marshal.dumps((row[1], tuple(zip(row[2::2], row[3::2],
                                                               strict=True))))
        del rows, row  # the last row too: marshal writes a string held twice as a reference
        parsedcache.write(cache, key, (labels, intercepts, encoded, data_hash))
        return cls(labels, intercepts, LazyTable(encoded), data_hash)

    @staticmethod
    def _head(raw: dict[str, Any]) -> tuple[tuple[str, ...], tuple[float, ...], str]:
        """A stored model's labels, intercepts and data hash, once its format is checked."""
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise ModelError(f"not a {FORMAT} model")
        return tuple(raw["labels"]), tuple(raw["intercepts"]), raw.get("data_hash", "")

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Classifier:
        labels, intercepts, data_hash = cls._head(raw)
        shared: dict[Any, Any] = {}  # one object for each distinct pair and list of pairs
        table: dict[str, Entry] = {}
        for row in raw["features"]:
            pairs = tuple(shared.setdefault(pair, pair)
                          for pair in zip(row[2::2], row[3::2], strict=True))
            table[row[0]] = (row[1], shared.setdefault(pairs, pairs))
        return cls(labels, intercepts, table, data_hash)

    def as_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "labels": list(self.labels),
                "intercepts": list(self.intercepts), "data_hash": self.data_hash,
                "features": [[f, self.table[f][0], *(x for pair in self.table[f][1]
                                                      for x in pair)]
                             for f in sorted(self.table)]}

    def _word(self, token: str) -> Word:
        """A word's features (its word feature and its character grams that the model knows,
        as often as they occur in it), the sum of their rows each times its idf, and the sum
        of their squared idfs."""
        kept = self._words.get(token)
        if kept is not None:
            return kept
        table = self.table
        found = [f for f in ("w " + token, *char_grams(token)) if f in table]
        row = [0.0] * len(self.labels)
        squares = 0.0
        for f in found:
            idf, pairs = table[f]
            squares += idf * idf
            for i, w in pairs:
                row[i] += w * idf
        if len(self._words) >= KEPT_WORDS:
            self._words.clear()
        kept = self._words[token] = (tuple(found), array("d", row), squares)
        return kept

    def _pair(self, bigram: str) -> Share | None:
        """A known word pair's share (``Share``), kept between questions; None if the model
        does not know it."""
        kept = self._rows.get(bigram)
        if kept is None:
            entry = self.table.get(bigram)
            if entry is None:
                return None
            idf, pairs = entry
            if len(self._rows) >= KEPT_WORDS:
                self._rows.clear()
            kept = self._rows[bigram] = (self._labelled(pairs, idf), idf * idf)
        return kept

    def _repeat(self, feature: str, n: int) -> Correction:
        """The correction of a feature that occurs ``n`` > 1 times (``Correction``), kept
        between questions."""
        kept = self._repeats.get((feature, n))
        if kept is None:
            idf, pairs = self.table[feature]
            tf = 1.0 + math.log(n)
            if len(self._repeats) >= KEPT_WORDS:
                self._repeats.clear()
            row = array("d", [0.0] * len(self.labels))
            for i, v in self._labelled(pairs, (tf - n) * idf):
                row[i] = v
            kept = self._repeats[feature, n] = (row, (tf * tf - n) * idf * idf)
        return kept

    def _labelled(self, pairs: tuple[tuple[int, float], ...], scale: float
                  ) -> tuple[tuple[int, float], ...]:
        """Each label a feature has a weight for, with the weight times ``scale``, as a dense
        row of them would hold it (a label given twice: the last), the 0.0s left out. Adding
        those only gives the floats the dense row would: adding 0.0 leaves a total as it was
        (a total is never -0.0: it starts at 0.0)."""
        row = [0.0] * len(self.labels)
        for i, w in pairs:
            row[i] = w * scale
        return tuple((i, v) for i, v in enumerate(row) if v)

    def vector(self, text: str) -> dict[str, float]:
        """The question's TF-IDF vector over the model's features, L2-normalised."""
        table = self.table
        weights = {f: (1.0 + math.log(n)) * table[f][0] for f, n in features(text).items()
                   if f in table}
        norm = math.sqrt(sum(v * v for v in weights.values()))
        return {f: v / norm for f, v in weights.items()} if norm else {}

    def rank(self, text: str) -> list[tuple[str, float]]:
        """Every label with its probability, most likely first (ties by label, so stable)."""
        probabilities = self.probabilities(text)
        # Most likely first, ties by label: laid out by label, then sorted (stably) by
        # probability, the order a sort on (-probability, label) gives.
        labels = self.labels
        ranked = [(labels[i], probabilities[i]) for i in self._by_label]
        ranked.sort(key=itemgetter(1), reverse=True)
        return ranked

    def probabilities(self, text: str) -> list[float]:
        """Each label's probability, in the order of ``labels``.

        The linear score of a label is its intercept plus the sum, over the question's
        features, of weight × (1 + log count) × idf, over the L2 norm of those tf-idf values.
        Each feature counted once, that sum is the sum of the words' own shares (``_word``),
        kept between questions, plus the word pairs' (``_pair``); a feature that occurs n > 1
        times is then corrected from n to 1 + log n (``_repeat``). The result is ``vector``'s
        product with the weights up to the last bits of a float (the additions are in another
        order).

        Each label's total is added up left to right from 0.0 in the order the rows are read
        (a word, the pair it ends, the next word, ...; the corrections last): never with
        ``sum``, whose rounding differs between Python versions (3.12 compensates). A word's
        row has a weight for almost every label and is added as a new list of totals (summing
        each label's column at the end with ``functools.reduce`` was no faster: each addition
        makes a float either way), and so is a correction's (27 of 31 labels on average: its
        0.0s leave a total as it was, ``_labelled``); a word pair, most of a long question's
        rows, has a few labels and is added at those only."""
        totals = [0.0] * len(self.labels)
        add = operator.add
        squares = 0.0
        occurrences: list[str] = []
        previous = ""
        for token in words(text):
            found, row, word_squares = self._word(token)
            occurrences += found
            totals = list(map(add, totals, row))
            squares += word_squares
            if previous:
                bigram = "w " + previous + " " + token
                pair = self._pair(bigram)
                if pair is not None:
                    occurrences.append(bigram)
                    for i, v in pair[0]:
                        totals[i] += v
                    squares += pair[1]
            previous = token
        counts = Counter(occurrences)
        if len(counts) < len(occurrences):  # some feature occurs more than once
            for f, n in [item for item in counts.items() if item[1] > 1]:
                correction, extra_squares = self._repeat(f, n)
                squares += extra_squares
                totals = list(map(add, totals, correction))
        scores = list(self.intercepts)
        if squares > 0:
            norm = math.sqrt(squares)
            scores = [b + t / norm for b, t in zip(scores, totals, strict=True)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = reduce(add, exps, 0.0)  # (as ``sum`` added them up to 3.11)
        return [e / total for e in exps]
