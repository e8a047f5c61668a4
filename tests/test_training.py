"""Tests for bot.training: the labelled examples, and a rebuild of the shipped model from the
data that gives the very same bytes as the stored file (else: run `pressbot train`)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from bot import training
from bot.classifier import FALLBACK
from bot.crossval import DEVSET
from bot.engine import Engine
from bot.opinion import merged
from bot.parts import MODEL_FILE
from bot.training import Example, examples, fit, set_files, to_bytes

ROOT = Path(__file__).resolve().parent.parent


def write_set(path: Path, cases: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    return path


def test_examples_leave_out_follow_ups_and_merge_the_media_lines(engine: Engine,
                                                                tmp_path: Path) -> None:
    path = write_set(tmp_path / "s.jsonl", [
        {"q": "and in 2013?", "intent": "referrals_2013", "context": ["how many in 2018"]},
        {"q": "night press line please", "intent": "contact_out_of_hours"},
        {"q": "weather tomorrow?", "fallback": True}])
    found = [e for e in examples([path], list(engine.knowledge.intents)) if e.group == "s"]
    assert found == [Example("night press line please", "contact_media", "s"),
                     Example("weather tomorrow?", FALLBACK, "s")]


def test_with_the_matcher_a_fallback_example_is_fitted_as_the_part_it_is_nearest(
        engine: Engine, tmp_path: Path) -> None:
    path = write_set(tmp_path / "s.jsonl", [
        {"q": "how many referrals were there in leeds in 2016?", "fallback": True},
        {"q": "weather tomorrow?", "fallback": True},
        {"q": "how many referrals in 2018?", "intent": "referrals_2018"}])
    intents = list(engine.knowledge.intents)
    split, whole = examples([path], intents, engine.matcher), examples([path], intents)
    assert [e.label for e in split if e.group == "s"] == [
        f"{FALLBACK}/figure", FALLBACK, "referrals_2018"]
    # Without the matcher the class is one, and the intents' own examples are never split.
    assert [e.label for e in whole if e.group == "s"][:2] == [FALLBACK] * 2
    assert [e for e in split if e.group == "intents"] == [
        e for e in whole if e.group == "intents"]


def test_the_fallback_parts_are_read_as_one_class() -> None:
    items = ([Example("how many referrals in london", "count", "s")] * 3
             + [Example("how many people in leeds", f"{FALLBACK}/count", "s")] * 3
             + [Example("what is the weather", FALLBACK, "s")] * 3)
    model = fit(items)
    assert set(model.labels) == {"count", f"{FALLBACK}/count", FALLBACK}
    ranked = merged(model.rank("how many people in leeds"))
    assert [label for label, _ in ranked] == [FALLBACK, "count"]
    assert sum(p for _, p in ranked) == pytest.approx(1.0)
    whole = dict(model.rank("how many people in leeds"))
    assert ranked[0][1] == pytest.approx(whole[FALLBACK] + whole[f"{FALLBACK}/count"])


def test_every_intent_example_is_training_data(engine: Engine) -> None:
    found = examples([], list(engine.knowledge.intents))
    assert len(found) == sum(len(i.examples) for i in engine.knowledge.intents)


def test_train_reads_the_devset_and_never_the_heldout_folder() -> None:
    assert DEVSET == ROOT / "tests" / "devset"
    assert all(p.parent == DEVSET for p in set_files(DEVSET))
    assert (ROOT / "tests" / "heldout" / "README.md").exists()


def test_the_model_file_has_no_timestamp(engine: Engine) -> None:
    model = fit(examples([], list(engine.knowledge.intents)))
    data = to_bytes(model)
    assert data == to_bytes(model)
    assert data[4:8] == b"\0\0\0\0"  # gzip's mtime field
    assert json.loads(gzip.decompress(data))["format"] == "pressbot-classifier/1"


def test_a_lighter_fallback_weight_takes_probability_from_fallback(
        monkeypatch: pytest.MonkeyPatch) -> None:
    items = ([Example("how many referrals in london", "count", "s")] * 3
             + [Example("who said the quote in london", "quote", "s")] * 3
             + [Example("how many people in the weather", FALLBACK, "s")] * 3)
    asked = "how many in london weather"
    before = dict(fit(items).rank(asked))[FALLBACK]
    monkeypatch.setattr(training, "FALLBACK_WEIGHT", 0.25)
    assert dict(fit(items).rank(asked))[FALLBACK] < before - 0.05


def test_the_stored_model_is_what_pressbot_train_rebuilds(engine: Engine) -> None:
    stored = (ROOT / "intents" / MODEL_FILE).read_bytes()
    rebuilt = to_bytes(fit(examples(set_files(DEVSET), list(engine.knowledge.intents),
                                    engine.matcher)))
    assert rebuilt == stored, ("intents/classifier.json.gz is stale: run `pressbot train` "
                               f"(C={training.C}, prune={training.PRUNE})")
