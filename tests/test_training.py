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
    rebuilt = to_bytes(fit(examples(set_files(DEVSET), list(engine.knowledge.intents))))
    assert rebuilt == stored, ("intents/classifier.json.gz is stale: run `pressbot train` "
                               f"(C={training.C}, prune={training.PRUNE})")
