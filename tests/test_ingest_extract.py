"""Tests for bot/ingest/extract.py: a quote attributed after its words is found across
paragraphs, with its speaker and role, and its speaker read as the chair."""

from __future__ import annotations


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
