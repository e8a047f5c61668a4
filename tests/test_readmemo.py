"""Tests for bot.readmemo: the reader's memories are shared by readers of one lexicon, kept
apart for others, and bounded."""

from __future__ import annotations

import pytest

from bot import readmemo
from bot.engine import Engine
from bot.reading import Reader


def test_corrections_and_recent_texts_are_kept_boundedly(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readmemo, "MEMO_SIZE", 0)  # as if many releases had filled the memo
    monkeypatch.setattr(readmemo, "CORRECTED_SIZE", 3)
    reader = Reader(engine.knowledge)
    texts = [f"how many refferals in {n} {w}" for n, w in enumerate(
        ("lodnon", "ratio", "polise", "numbres", "recomend") * 30)]
    for text in texts:
        assert reader.tokens(text) == reader.tokens(text)
        assert reader.normalise(text) == reader._normalise(text)
    assert 0 < len(reader._recent) <= readmemo.RECENT_SIZE
    assert 0 < len(reader._corrected) <= 3
    assert reader.tokens("how many refferals")[-1] == "referrals"


def test_readers_of_one_lexicon_share_their_normalised_texts(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    # The memos are the process's: earlier tests (the generated docs, the claims) may have
    # filled this lexicon's, and a full memo keeps a new text among the recent ones instead.
    # The readers here start from memos of their own, as in a process that has just started.
    monkeypatch.setattr(readmemo, "_MEMOS", {})
    monkeypatch.setattr(readmemo, "_RECENT", {})
    first, second = Reader(engine.knowledge), Reader(engine.knowledge)
    first.normalise("a text only the first reader has read")
    assert "a text only the first reader has read" in second._memo
    assert readmemo.normalised_texts(engine.knowledge.lexicon) is first._memo
    # Full, the memo keeps what is read among the recent texts, shared by both readers alike.
    monkeypatch.setattr(readmemo, "MEMO_SIZE", len(first._memo))
    first.normalise("a text read once the memo is full")
    assert second._recent is first._recent
    assert "a text read once the memo is full" in second._recent


def test_memos_of_other_lexicons_are_apart_and_their_number_bounded() -> None:
    readmemo._MEMOS.clear()
    keys = [(("typo", str(n)),) for n in range(readmemo.MEMO_LEXICONS)]
    for n, key in enumerate(keys):
        readmemo.memo_for(key)[f"text {n}"] = f"read {n}"
    assert readmemo.memo_for(keys[0]) == {"text 0": "read 0"}
    assert len(readmemo._MEMOS) == readmemo.MEMO_LEXICONS
    readmemo.memo_for((("one", "more"),))  # one lexicon too many: start again
    assert len(readmemo._MEMOS) == 1 and not readmemo.memo_for(keys[0])
    readmemo._MEMOS.clear()


def test_corrections_are_kept_per_list_of_words() -> None:
    found = readmemo.corrected_for(("referrals", "slavery"))
    found["refferals"] = ("referrals", 94.7)
    assert readmemo.corrected_for(("referrals", "slavery"))["refferals"] == ("referrals", 94.7)
    assert "refferals" not in readmemo.corrected_for(("potholes",))


def test_a_reader_reads_each_text_once_boundedly_and_afresh_with_swapped_parts(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readmemo, "READINGS_SIZE", 3)
    reader = Reader(engine.knowledge)
    text = "Hi, I'm a student. How many referrals were there in 2018?"
    first = reader.features(text)
    assert reader.features(text) is first  # kept: read once
    assert first == reader._read(text)  # and as it reads afresh
    for n in range(10):
        reader.features(f"how many referrals in {2010 + n}?")
    assert 0 < len(reader._readings) <= 3  # bounded: a long-running bot does not grow
    # The lexicon audit's recording copies must see every text read, so nothing is kept then.
    reader.senses = dict(reader.senses)
    assert reader.features(text) is not reader.features(text)
    assert reader.features(text) == first


def test_a_snapshot_puts_the_memories_back_for_a_first_hearing(engine: Engine) -> None:
    # The speed benchmark times each question as new: after restoring, nothing the question
    # left in the shared memos or a reader's readings is remembered, and what was is kept.
    reader = Reader(engine.knowledge)
    reader.features("how many referrals in 2013")
    restore = readmemo.snapshot()
    text = "how many refferals were there in lodnon in 2017, roughly?"
    reader.features(text)
    assert len(reader._readings) == 2
    remembered = {k: len(m) for k, m in readmemo._MEMOS.items()}
    restore()
    assert len(reader._readings) == 0
    assert all(text not in memo for memo in readmemo._MEMOS.values())
    assert all(len(readmemo._MEMOS[k]) <= n for k, n in remembered.items())
    assert reader.features(text) == reader._read(text)
