"""Tests for bot/ingest: unusable input, and extraction compared with the hand-made modern
slavery release. Text and HTML reading are tested in test_ingest_text.py, phone checks in
test_ingest_phones.py, how answers show an ingested release's contacts in test_answers.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import load_settings
from bot.engine import Engine
from bot.ingest import draft
from bot.ingest.command import read_text
from bot.ingest.text import UnusableInput
from bot.models import Release
from bot.provenance import squash

ROOT = Path(__file__).resolve().parent.parent
MODERN_SLAVERY = ROOT / "knowledge" / "releases" / "2020-01-30-modern-slavery"


@pytest.fixture(scope="module")
def hand_made(engine: Engine) -> Release:
    return engine.knowledge.release("2020-01-30-modern-slavery")


@pytest.fixture(scope="module")
def drafted() -> Release:
    text = read_text((MODERN_SLAVERY / "release.txt").read_bytes(), "release.txt")
    d = draft.build(text, load_settings(), "release.txt")
    return draft.validate(d, Path("unused"))


# --------------------------------------------------------------------------- the hand-made one


def test_ingesting_the_modern_slavery_text_finds_its_figures(drafted: Release,
                                                             hand_made: Release) -> None:
    def figures(r: Release) -> list[tuple[float, str, tuple[int, int] | None, str]]:
        return [(f.value, f.as_written, (f.period.start, f.period.end) if f.period else None,
                 f.qualifier) for f in r.figures]

    assert figures(drafted) == figures(hand_made)
    assert [f.unit for f in drafted.figures] == ["count", "percent", "times", "count", "count",
                                                 "percent"]


def test_ingesting_the_modern_slavery_text_finds_the_rest(drafted: Release,
                                                          hand_made: Release) -> None:
    assert [r.sentence for r in drafted.recommendations] == [
        squash(r.sentence) for r in hand_made.recommendations]
    assert [r.addressee for r in drafted.recommendations] == [
        r.addressee for r in hand_made.recommendations]
    assert drafted.quote is not None and hand_made.quote is not None
    assert (drafted.quote.speaker, drafted.quote.role) == (hand_made.quote.speaker,
                                                           hand_made.quote.role)
    assert drafted.quote.paragraphs == [squash(p) for p in hand_made.quote.paragraphs]
    assert {c.id: (c.phone, c.audience) for c in drafted.contacts} == {
        c.id: (c.phone, c.audience) for c in hand_made.contacts}
    assert not any(c.standing for c in drafted.contacts)
    assert (drafted.title, drafted.date, drafted.committee, drafted.chair, drafted.category) == (
        hand_made.title, hand_made.date, hand_made.committee, hand_made.chair,
        hand_made.category)
    assert [n.text for n in drafted.notes] == [squash(n.text) for n in hand_made.notes]
    assert drafted.recommendations_complete is False
    assert drafted.accessibility is not None and drafted.accessibility.response_days == 5


# --------------------------------------------------------------------------- unusable input


def test_binary_and_empty_input_are_unusable() -> None:
    with pytest.raises(UnusableInput, match="binary"):
        read_text(b"\x00\x01" * 100, "x.pdf")
    with pytest.raises(UnusableInput, match="empty"):
        read_text(b"\n\n", "x.txt")
    with pytest.raises(UnusableInput, match="no sentences"):
        draft.build("Home\nMenu\n", load_settings(), "x.txt")
