"""Tests for bot.parsedcache: parsed forms kept by the source's hash, never read when stale or
damaged, and a classifier loaded through it scoring exactly as one parsed from its file."""

from __future__ import annotations

import gzip
import json
import marshal
import sqlite3
from pathlib import Path

import pytest

from bot import classifier, parsedcache
from bot.classifier import FALLBACK, FORMAT, Classifier
from bot.parts import MODEL_FILE

ROOT = Path(__file__).resolve().parent.parent


def write_model(path: Path, weight: float) -> None:
    path.write_bytes(gzip.compress(json.dumps({
        "format": FORMAT, "labels": [FALLBACK, "rise"], "intercepts": [0.5, 0.0],
        "features": [["w rise", 2.0, 1, weight], ["w the", 1.0]]}).encode()))


def test_a_value_is_read_back_under_its_key_only(tmp_path: Path) -> None:
    cache = tmp_path / "parsed.db"
    key = parsedcache.key_of(b"source", "kind")
    parsedcache.write(cache, key, (("a", "b"), {"x": [1, 2.5]}))
    assert parsedcache.read(cache, key) == (("a", "b"), {"x": [1, 2.5]})
    assert parsedcache.read(cache, parsedcache.key_of(b"source!", "kind")) is None
    assert parsedcache.read(cache, parsedcache.key_of(b"source", "other")) is None
    assert parsedcache.read(tmp_path / "missing.db", key) is None


def test_a_damaged_entry_is_not_read(tmp_path: Path) -> None:
    cache = tmp_path / "parsed.db"
    key = parsedcache.key_of(b"source", "kind")
    parsedcache.write(cache, key, {"x": 1})
    with sqlite3.connect(cache) as conn:
        conn.execute("update parsed set value = ?", (b"\xff\x00garbage",))
    conn.close()
    assert parsedcache.read(cache, key) is None
    cache.write_bytes(b"not a database at all")
    assert parsedcache.read(cache, key) is None


def test_an_unwritable_cache_costs_only_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache's folder would be")
    model = tmp_path / MODEL_FILE
    write_model(model, 6.0)
    loaded = Classifier.load(model, blocker / "parsed.db")
    assert loaded.rank("did it rise")[0][0] == "rise"


def test_the_cached_model_scores_as_the_file_does(tmp_path: Path) -> None:
    cache = tmp_path / "parsed.db"
    source = ROOT / "intents" / MODEL_FILE
    fresh = Classifier.load(source)
    first = Classifier.load(source, cache)  # parses and writes the cache
    second = Classifier.load(source, cache)  # reads it
    assert cache.exists()
    for q in ("how many referrals in 2018", "who is the chair", "what is the weather"):
        assert first.rank(q) == fresh.rank(q) == second.rank(q)
    assert second == fresh
    # A cold load keeps the cached form too (the table is never held decoded beside it).
    assert first == fresh and not isinstance(first.table, dict)


def test_a_cached_model_decodes_only_the_features_it_reads(tmp_path: Path) -> None:
    cache = tmp_path / "parsed.db"
    source = ROOT / "intents" / MODEL_FILE
    fresh = Classifier.load(source)
    Classifier.load(source, cache)
    cached = Classifier.load(source, cache)
    assert not isinstance(cached.table, dict) and len(cached.table) == len(fresh.table)
    cached.rank("how many referrals in 2018")
    decoded = cached.table._decoded  # type: ignore[attr-defined]
    assert 0 < len(decoded) < len(fresh.table) // 10
    assert all(fresh.table[f] == entry for f, entry in decoded.items())
    assert "w referrals" in cached.table and "w no such word" not in cached.table
    assert cached.table.get("w no such word") is None
    assert cached.as_dict() == fresh.as_dict()


def test_a_changed_model_file_is_parsed_again(tmp_path: Path) -> None:
    cache, model = tmp_path / "parsed.db", tmp_path / MODEL_FILE
    write_model(model, 6.0)
    strong = dict(Classifier.load(model, cache).rank("rise"))["rise"]
    write_model(model, 0.1)
    weak = dict(Classifier.load(model, cache).rank("rise"))["rise"]
    assert weak < strong
    assert weak == dict(Classifier.load(model).rank("rise"))["rise"]


def test_normalised_texts_are_stored_once_and_read_back(tmp_path: Path) -> None:
    from bot import readmemo
    from bot.config import load_settings
    from bot.knowledge import load
    from bot.reading import Reader

    settings = load_settings()
    k = load(settings.knowledge_dir, settings.intents_dir, None)
    cache = tmp_path / "normalised.db"
    readmemo._MEMOS.clear()  # a fresh process: no reader has read anything yet
    save = parsedcache.seed_normalised(k.lexicon, k.content_hash, cache)
    reader = Reader(k)
    save()
    stored = readmemo.normalised_texts(k.lexicon)
    assert cache.exists() and stored
    reader.normalise("a question asked after start-up, never stored")
    readmemo._MEMOS.clear()
    parsedcache.seed_normalised(k.lexicon, k.content_hash, cache)()
    seeded = readmemo.normalised_texts(k.lexicon)
    assert seeded == {t: n for t, n in stored.items() if "never stored" not in t}
    assert all(Reader(k)._normalise(t) == n for t, n in seeded.items())
    # Other knowledge (another hash) reads nothing from it.
    readmemo._MEMOS.clear()
    parsedcache.seed_normalised(k.lexicon, "another hash", cache)
    assert not readmemo.normalised_texts(k.lexicon)


def test_a_process_that_has_read_questions_stores_nothing(tmp_path: Path) -> None:
    from bot import readmemo
    from bot.config import load_settings
    from bot.knowledge import load
    from bot.reading import Reader

    settings = load_settings()
    k = load(settings.knowledge_dir, settings.intents_dir, None)
    cache = tmp_path / "normalised.db"
    readmemo._MEMOS.clear()
    Reader(k).normalise("someone's question")
    save = parsedcache.seed_normalised(k.lexicon, k.content_hash, cache)
    Reader(k)
    save()
    assert not cache.exists()


def test_the_normalised_texts_key_covers_the_code_that_normalises() -> None:
    # A change to how punctuation, phrases or patterns are read changes every normalised text:
    # stored under the old code's key, they would be read back stale.
    from bot import lexpatterns, numbers, phrasing, punctuation, reading

    code = parsedcache._reading_code()
    for module in (reading, numbers, punctuation, phrasing, lexpatterns):
        assert module.__file__ is not None and Path(module.__file__).read_bytes() in code


def test_a_cold_start_stores_each_row_as_a_warm_start_reads_it(tmp_path: Path) -> None:
    """The cached table: every row of the file, in its order, each encoded on its own (the cold
    start encodes the rows one by one, letting each go)."""
    model = ROOT / "intents" / MODEL_FILE
    data = model.read_bytes()
    Classifier.load(model, tmp_path / "parsed.db")
    raw = json.loads(gzip.decompress(data))
    stored = parsedcache.read(tmp_path / "parsed.db",
                              parsedcache.key_of(data, classifier.CACHED_FORM))
    assert isinstance(stored, tuple)
    labels, intercepts, encoded, data_hash = stored
    assert (list(labels), list(intercepts), data_hash) == (
        raw["labels"], raw["intercepts"], raw["data_hash"])
    assert list(encoded) == [row[0] for row in raw["features"]]
    assert all(marshal.loads(encoded[row[0]])
               == (row[1], tuple(zip(row[2::2], row[3::2], strict=True)))
               for row in raw["features"])


def test_the_patterns_needs_are_stored_once_and_seed_a_later_start(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot import lexpatterns
    from bot.config import load_settings
    from bot.knowledge import load
    from bot.reading import Reader

    settings = load_settings()
    k = load(settings.knowledge_dir, settings.intents_dir, None)
    cache = tmp_path / "needs.db"
    monkeypatch.setattr(lexpatterns, "SEEDED", {})  # a fresh process
    save = parsedcache.seed_needs(k.content_hash, cache)
    reader = Reader(k)
    assert not reader._blocks.seeded and None not in reader._blocks._compiled
    save(lambda: reader.patterns)
    assert cache.exists() and not lexpatterns.SEEDED
    parsedcache.seed_needs(k.content_hash, cache)(lambda: [])  # the next start
    later = Reader(k)
    # Compiled only where a text it read had a pattern's words (most patterns, none).
    assert later._blocks.seeded and None in later._blocks._compiled
    question = "they took my passport and i work for nothing, please help"
    assert later.normalise(question) == reader.normalise(question)
    # Other knowledge (another hash) reads nothing from it.
    monkeypatch.setattr(lexpatterns, "SEEDED", {})
    parsedcache.seed_needs("another hash", cache)
    assert not lexpatterns.SEEDED
