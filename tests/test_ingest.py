"""Tests for bot/ingest: unusable input, extraction compared with the hand-made modern slavery
release, and how answers show contacts an ingested release can have. Text and HTML reading are
tested in test_ingest_text.py, phone checks in test_ingest_phones.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.answers import AnswerBuilder
from bot.config import load_settings
from bot.engine import Engine
from bot.ingest import draft
from bot.ingest.command import read_text
from bot.ingest.text import UnusableInput
from bot.models import Citation, Contact, Release
from bot.provenance import squash
from bot.render import to_html, to_text

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


# --------------------------------------------------------------------------- answers


def contact(**changes: object) -> Contact:
    data: dict[str, object] = {"id": "media", "label": "Media enquiries", "name": "Ann Lee",
                               "phone": "020 7946 0101", "audience": "media",
                               "sentence": "Call Ann Lee on 020 7946 0101."}
    data.update(changes)
    return Contact.model_validate(data)


def test_a_wrong_number_is_shown_as_printed_with_a_warning_and_never_tappable(
        engine: Engine) -> None:
    release = Release(id="r", contacts=[contact(phone="020 7946 01011", phone_valid=False)])
    b = AnswerBuilder(engine.knowledge, engine.hours)
    paras, cards = b.route_paragraphs(release, "media", "media", False,
                                      dt.datetime(2024, 3, 14, 10, tzinfo=dt.UTC))
    text = " ".join(s.text for p in paras for s in p)
    assert "020 7946 01011 as printed" in text and "looks wrong" in text
    assert "+44" not in text
    assert not any(s.style == "phone" for p in paras for s in p)
    assert cards == []


def test_a_standing_line_says_it_is_not_from_the_release(engine: Engine) -> None:
    release = Release(id="r", contacts=[contact(standing=True, sentence="")])
    b = AnswerBuilder(engine.knowledge, engine.hours)
    paras, cards = b.route_paragraphs(release, "media", "media", False,
                                      dt.datetime(2024, 3, 14, 10, tzinfo=dt.UTC))
    assert "standing line" in " ".join(s.text for p in paras for s in p)
    assert [c.standing for c in cards] == [True]


def test_a_release_without_contacts_says_so(engine: Engine) -> None:
    b = AnswerBuilder(engine.knowledge, engine.hours)
    paras, cards = b.route_paragraphs(Release(id="r"), "media", "media", False,
                                      dt.datetime(2024, 3, 14, 10, tzinfo=dt.UTC))
    assert cards == [] and "gives no contact" in " ".join(s.text for p in paras for s in p)


def test_an_undated_untitled_release_is_cited_as_such() -> None:
    assert Citation(publisher="London Assembly").sentence() == (
        "an undated London Assembly release (untitled)")
    dated = Citation(publisher="London Assembly", release_title="T",
                     release_date=dt.date(2024, 3, 4), source="S")
    assert dated.sentence() == "S, cited in the London Assembly release “T” of 4 March 2024"


def test_renderers_cope_with_an_answer_about_a_bare_release(engine: Engine) -> None:
    b = AnswerBuilder(engine.knowledge, engine.hours)
    release = Release(id="r")
    paras = b.fill("{quote}", release, [], []) + b.fill("{accessibility}", release, [], [])
    answer = b.invalid("x", "y").model_copy(update={
        "paragraphs": paras, "citations": [b.citation(release)]})
    text = to_text(answer)
    assert "quotes no one" in text and "undated" in text
    assert "accessible format" in to_html(answer)


def test_the_ingest_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks import ingest as bench

    assert len(bench.four_thousand().decode("utf-8")) >= bench.TARGET_CHARS
    assert bench.main(["--repeats", "1"]) == 0
    assert "4000-char release" in capsys.readouterr().out


def test_a_quote_attributed_after_its_words_is_found_across_paragraphs() -> None:
    from bot.ingest.extract import extract

    text = ("The London Assembly Health Committee met today to hear evidence.\n\n"
            "“Waiting lists are too long.\n\n"
            "“We will keep asking until they come down,” Ann Lee AM, Chair of the London "
            "Assembly Health Committee, said.\n")
    found = extract(text)
    assert found.quotes == [{"speaker": "Ann Lee AM",
                             "role": "Chair of the London Assembly Health Committee",
                             "paragraphs": ["Waiting lists are too long.",
                                            "We will keep asking until they come down"]}]
    assert found.chair == "Ann Lee AM"
