"""Tests for bot.classifier: the features, the pure-Python scoring of a stored model, a clear
error for a broken model file, and answering without scikit-learn or scipy."""

from __future__ import annotations

import gzip
import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import classifier
from bot.classifier import (
    FALLBACK,
    FORMAT,
    KEPT_WORDS,
    Classifier,
    ModelError,
    features,
    words,
)
from bot.parts import MODEL_FILE

ROOT = Path(__file__).resolve().parent.parent


def tiny() -> Classifier:
    """Two classes told apart by one word each."""
    return Classifier.from_dict({
        "format": FORMAT, "labels": [FALLBACK, "rise"], "intercepts": [0.5, 0.0],
        "features": [["w rise", 2.0, 1, 6.0], ["w weather", 2.0, 0, 6.0], ["w the", 1.0]]})


def test_features_are_words_pairs_and_padded_character_grams() -> None:
    f = features("Rise, rise!")
    assert f["w rise"] == 2 and f["w rise rise"] == 1
    assert f["c  r"] == 2 and f["c rise "] == 2 and f["c ise "] == 2
    assert not any(k.startswith("c ") and len(k) - 2 > 5 for k in f)


def test_words_fold_case_and_accents() -> None:
    assert words("Référence NRM") == ["reference", "nrm"]


def test_rank_is_a_probability_distribution_best_first() -> None:
    ranked = tiny().rank("how much did it rise")
    assert ranked[0][0] == "rise"
    assert math.isclose(sum(p for _, p in ranked), 1.0)
    assert tiny().rank("what is the weather")[0][0] == FALLBACK


def test_a_question_with_no_known_feature_gets_the_intercepts() -> None:
    ranked = dict(tiny().rank("zzz qqq"))
    assert ranked[FALLBACK] == pytest.approx(math.exp(0.5) / (math.exp(0.5) + 1))


def test_a_broken_model_file_is_one_readable_error(tmp_path: Path) -> None:
    path = tmp_path / MODEL_FILE
    path.write_bytes(b"not gzip")
    with pytest.raises(ModelError, match="cannot read the classifier model"):
        Classifier.load(path)
    path.write_bytes(gzip.compress(json.dumps({"format": "other"}).encode()))
    with pytest.raises(ModelError, match="not a pressbot-classifier"):
        Classifier.load(path)


def test_the_shipped_model_loads_and_knows_the_question_types() -> None:
    model = Classifier.load(ROOT / "intents" / MODEL_FILE)
    assert FALLBACK in model.labels and "safeguarding" in model.labels
    assert model.rank("by how much did modern slavery referrals grow")[0][0] == "referrals_rise"


def test_answering_imports_neither_scikit_learn_nor_scipy(tmp_path: Path) -> None:
    # (numpy is not checked: sqlite-utils imports it whenever it is installed.)
    code = ("import sys; from bot.cli import main; main(['ask', 'how much did referrals rise?']);"
            "print(sorted(m for m in ('sklearn', 'scipy') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=60,
                          env={"PRESSBOT_LOG_QUESTIONS": "false", "HOME": str(tmp_path),
                               "XDG_CACHE_HOME": str(tmp_path / "cache"),
                               "XDG_DATA_HOME": str(tmp_path / "data")})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def reference_scores(raw: dict[str, Any], text: str) -> list[float]:
    """The class scores straight from the file's rows ([feature, idf, label, weight, ...]),
    summed in the order ``features`` gives the features."""
    rows = {row[0]: row for row in raw["features"]}
    tfidf = {f: (1.0 + math.log(n)) * rows[f][1] for f, n in features(text).items() if f in rows}
    norm = math.sqrt(sum(v * v for v in tfidf.values()))
    scores = list(raw["intercepts"])
    for f, v in tfidf.items():
        row = rows[f]
        for k in range(2, len(row), 2):
            scores[row[k]] += row[k + 1] * (v / norm)
    return scores


SHIPPED = ROOT / "intents" / MODEL_FILE
SHIPPED_RAW = json.loads(gzip.decompress(SHIPPED.read_bytes()))
SHIPPED_MODEL = Classifier.load(SHIPPED)


def reference_rank(text: str) -> list[tuple[str, float]]:
    scores = reference_scores(SHIPPED_RAW, text)
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    return sorted(((label, e / sum(exps)) for label, e in zip(SHIPPED_RAW["labels"], exps,
                                                               strict=True)),
                  key=lambda pair: (-pair[1], pair[0]))


def assert_same_ranking(ranked: list[tuple[str, float]],
                        reference: list[tuple[str, float]]) -> None:
    """The same probabilities up to the last bits of a float: ``rank`` adds the same terms
    in another order (word by word), so only rounding may differ."""
    assert dict(ranked).keys() == dict(reference).keys()
    for label, p in reference:
        assert math.isclose(dict(ranked)[label], p, rel_tol=1e-9, abs_tol=1e-12), label
    order = [label for label, _ in ranked]
    # Labels whose probabilities differ by more than rounding are in the reference's order.
    for (a, p), (b, q) in zip(reference, reference[1:], strict=False):
        if p - q > 1e-9:
            assert order.index(a) < order.index(b)


def test_the_shared_form_scores_as_the_stored_rows() -> None:
    assert SHIPPED_MODEL.as_dict()["features"] == SHIPPED_RAW["features"]
    for q in ("How much did modern slavery referrals rise in London between 2013 and 2018?",
              "who do i call, my neighbour is kept locked in and works for no money",
              "the the the rise rise", "zzz qqq"):
        assert_same_ranking(SHIPPED_MODEL.rank(q), reference_rank(q))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["referrals", "rise", "the", "ré", "2018", "met", "chair",
                                 "x", "slavery", "modern", "!", " ", "who", "ca"]),
                max_size=30).map(" ".join) | st.text(max_size=60))
def test_scoring_word_by_word_gives_the_features_scores(text: str) -> None:
    assert_same_ranking(SHIPPED_MODEL.rank(text), reference_rank(text))


def test_the_words_kept_between_questions_are_bounded() -> None:
    model = Classifier.load(SHIPPED)
    for n in range(KEPT_WORDS + 10):
        model.rank(f"w{n}")
    assert 0 < len(model._words) <= KEPT_WORDS
    assert_same_ranking(model.rank("how many referrals w1 w2"),
                        reference_rank("how many referrals w1 w2"))


def test_the_rows_kept_between_questions_are_bounded_and_change_no_score(
        monkeypatch: pytest.MonkeyPatch) -> None:
    model = Classifier.load(SHIPPED)
    pairs = sorted(f[2:] for f in model.table if f.startswith("w ") and " " in f[2:])[:40]
    monkeypatch.setattr(classifier, "KEPT_WORDS", 8)
    for text in pairs + [p + " " + p for p in pairs]:  # word pairs, and features said twice
        assert_same_ranking(model.rank(text), reference_rank(text))
        assert 0 < len(model._rows) <= 8 and len(model._repeats) <= 8
    assert model._repeats  # the features said twice: their corrections were kept


def test_ranking_never_adds_up_with_sum(monkeypatch: pytest.MonkeyPatch) -> None:
    """The totals are added in an order of our own: ``sum`` rounds differently from Python
    3.12 (it compensates), which would move the probabilities with the Python version."""
    def no_sum(*args: object) -> float:
        raise AssertionError("sum used")
    monkeypatch.setattr(classifier, "sum", no_sum, raising=False)
    model = Classifier.load(SHIPPED)
    for q in ("How much did modern slavery referrals rise in London between 2013 and 2018?",
              "the the the rise rise", "zzz qqq", ""):
        assert_same_ranking(model.rank(q), reference_rank(q))


def test_equal_probabilities_are_ranked_by_label() -> None:
    model = Classifier.from_dict({
        "format": FORMAT, "labels": ["zeta", FALLBACK, "alpha", "mid"],
        "intercepts": [0.0, 1.0, 0.0, 0.0], "features": [["w rise", 2.0, 3, 6.0]]})
    assert [label for label, _ in model.rank("weather")] == [FALLBACK, "alpha", "mid", "zeta"]
    assert [label for label, _ in model.rank("rise")] == ["mid", FALLBACK, "alpha", "zeta"]
