"""Tests for bot/ingest/clauses.py: when a sentence states several figures, each gets the words of
its own clause, and a clause without a subject shares the sentence's."""

from __future__ import annotations

from bot.ingest.clauses import clause_words


def test_a_clause_without_a_subject_shares_the_sentences_subject() -> None:
    sentence = "A pilot cost £450k in 2023 and was used by twelve thousand people."
    used = clause_words(sentence, ["£450k", "twelve thousand"], 1)
    cost = clause_words(sentence, ["£450k", "twelve thousand"], 0)
    assert used == "A pilot was used by people" and cost == "A pilot cost in 2023"
    # One figure: the whole sentence is its.
    assert clause_words("A pilot cost £450k in 2023.", ["£450k"], 0).split() == [
        "A", "pilot", "cost", "in", "2023."]
