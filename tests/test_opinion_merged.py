"""The classifier's ranking with the fallback class's parts read as one class, as
``Opinion.rank`` makes it (``Opinion._merged``, from the probabilities without ranking the
parts): the very floats, in the very order, of ``merged`` over the whole ranking."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.classifier import FALLBACK, FORMAT, Classifier
from bot.engine import Engine
from bot.opinion import Opinion, merged
from bot.thresholds import Thresholds

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = [json.loads(line)["q"] for line in
             (ROOT / "tests" / "devset" / "questions.jsonl").read_text().splitlines() if line]


def test_the_shipped_model_is_merged_as_merged_ranks(engine: Engine) -> None:
    opinion = engine.opinion
    assert opinion is not None and opinion.parts
    for q in QUESTIONS + ["", "zzz qqq", "the the the rise rise"]:
        assert opinion._merged(q) == merged(opinion.classifier.rank(q))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_is_merged_as_merged_ranks(engine: Engine, text: str) -> None:
    opinion = engine.opinion
    assert opinion is not None
    assert opinion._merged(text) == merged(opinion.classifier.rank(text))


def test_ties_keep_the_order_of_labels_and_the_parts_sum_in_ranked_order() -> None:
    """Equal probabilities, parts and labels alike: ranked by label, "fallback" among them."""
    model = Classifier.from_dict({
        "format": FORMAT, "labels": ["zeta", f"{FALLBACK}/b", "alpha", f"{FALLBACK}/a", "mid",
                                     FALLBACK],
        "intercepts": [0.0, 0.0, 0.0, 0.3, 0.0, -2.0],
        "features": [["w rise", 2.0, 4, 6.0], ["w tie", 1.0, 0, 1.0, 2, 1.0]]})
    opinion = Opinion(model, Thresholds(), [])
    for text in ("", "rise", "tie", "rise tie", "weather"):
        ranked = opinion._merged(text)
        assert ranked == merged(model.rank(text))
        assert [label for label, _ in ranked if label == FALLBACK] == [FALLBACK]
        assert len(ranked) == 4
