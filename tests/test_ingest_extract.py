"""Tests for bot/ingest/extract.py: a quote attributed after its words is found across
paragraphs, with its speaker and role, and its speaker read as the chair; recommendations in
running text are read from the body only, never from a quote."""

from __future__ import annotations

from bot.ingest.extract import extract


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


def test_a_quote_is_never_read_for_recommendations() -> None:
    text = ("Buses must run later\n\n"
            "The London Assembly Transport Committee met today.\n\n"
            "Chair of the Transport Committee, Ann Lee AM, said:\n\n"
            "“We are calling on TfL to run more night buses. The Mayor should act.”\n\n"
            "The committee also calls on the Mayor to publish the night-time data.\n")
    found = extract(text)
    assert [(r["addressee"], r["action"]) for r in found.recommendations] == [
        ("the Mayor", "publish the night-time data")]
    assert found.prose_recommendations == 1
    assert found.recommendations[0]["sentence"] == (
        "The committee also calls on the Mayor to publish the night-time data.")
