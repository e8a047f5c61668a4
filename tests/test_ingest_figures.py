"""Tests for bot/ingest/figures.py and bot/ingest/wordnum.py: figures written in words, money
with scale words, note markers written as [2], ², (2) or <sup>2</sup>, a span of years kept as
printed, and each of several figures in a sentence counting its own clause's words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.config import load_settings
from bot.ingest import draft, wordnum
from bot.ingest.figures import FigureFinder
from bot.models import Period


def found(sentence: str, notes: set[int] | None = None) -> list[dict[str, Any]]:
    finder = FigureFinder(notes or set())
    finder.scan(sentence)
    return finder.figures


def summary(sentence: str, notes: set[int] | None = None) -> list[tuple[str, float, str]]:
    return [(f["as_written"], f["value"], f["unit"]) for f in found(sentence, notes)]


@pytest.mark.parametrize(("sentence", "want"), [
    ("One in five renters said their home was damp in 2023.", [("One in five", 20, "percent")]),
    ("Three out of ten drivers had no break in 2022.", [("Three out of ten", 30, "percent")]),
    ("Almost a third of buses ran late in 2024.", [("a third", pytest.approx(33.33), "percent")]),
    ("More than half of the stations were step-free by 2023.", [("half", 50, "percent")]),
    ("Two thirds of those asked in 2021 wanted longer hours.",
     [("Two thirds", pytest.approx(66.67), "percent")]),
    ("Twelve boroughs cut their budgets in 2023.", [("Twelve", 12, "count")]),
    ("The service helped forty-two families in 2022.", [("forty-two", 42, "count")]),
    ("Some two thousand people signed the petition in 2024.", [("two thousand", 2000, "count")]),
    ("About three million journeys were made in 2019.", [("three million", 3e6, "count")]),
    ("In 2023, 1.2 million people used the line.", [("1.2 million", 1.2e6, "count")]),
    ("The scheme cost £1.2 million in 2022.", [("£1.2 million", 1.2e6, "money")]),
    ("The scheme cost £1.2m in 2022.", [("£1.2m", 1.2e6, "money")]),
    ("A pilot cost £450k in 2023.", [("£450k", 450e3, "money")]),
    ("Complaints were three times higher in 2023.", [("three times", 3, "times")]),
    ("Rents have more than doubled since 2015.", [("doubled", 2, "times")]),
])
def test_figures_written_in_words_are_read_as_written(sentence: str,
                                                      want: list[tuple[str, float, str]]) -> None:
    assert summary(sentence) == want


@pytest.mark.parametrize("sentence", [
    "The two committees met in 2023.",  # a small number in words is prose
    "The plan covers the next five years.",
    "Over the last twelve months the committee met often.",  # a length of time
    "It is a one-off payment in the twenty-first century.",
    "No one in London should wait that long.",
    "Half the story was never told.",  # "half" without "of"
    "They met for a third time in 2023.",
    "The budget rose in the first half.",
])
def test_words_that_are_not_figures_are_left_alone(sentence: str) -> None:
    assert found(sentence) == []


def test_a_figure_in_words_keeps_its_words_qualifier_and_year() -> None:
    fig = found("Almost one in four bus drivers reported an assault in 2023.")[0]
    assert (fig["display"], fig["qualifier"], fig["period"]) == (
        "one in four", "almost", {"start": 2023, "end": 2023})
    assert fig["counts"].startswith("bus drivers")
    change = found("Waiting lists doubled between 2019 and 2023.")[0]
    assert found("The number of carers asking for help has more than doubled since 2019.")[0][
        "counts"] == "carers asking for help"
    assert change["counts"] == "Waiting lists" and change["period"] == {"start": 2019,
                                                                         "end": 2023}


def test_counts_and_years_are_still_told_apart() -> None:
    assert summary("The borough recorded 45 in 2022.") == [("45", 45, "count")]
    assert wordnum.proportion("one in 2023") is None


# --------------------------------------------------------------------------- note markers


@pytest.mark.parametrize("sentence", [
    "Some 61,000 homes had damp in 2022.[2]",
    "Some 61,000² homes had damp in 2022.",
    "Some 61,000 homes had damp in 2022².",
    "Some 61,000 homes had damp in 2022 (2).",
    "Some 61,000 homes had damp in 2022.(2)",
])
def test_each_way_of_marking_a_note_points_to_it(sentence: str) -> None:
    figures = found(sentence, notes={1, 2})
    assert [(f["as_written"], f["value"], f.get("source")) for f in figures] == [
        ("61,000", 61000, "note_2")]
    assert figures[0]["period"] == {"start": 2022, "end": 2022}
    assert figures[0]["sentence"] == sentence


def test_a_bracketed_number_that_is_no_note_stays_a_figure() -> None:
    assert summary("The team has grown to (12).", notes={1}) == [("12", 12, "count")]


def test_a_draft_with_figures_in_words_passes_the_release_checks() -> None:
    text = ("Buses must run later, says committee\n\n12 March 2024\n\n"
            "The London Assembly Transport Committee says one in five night workers waited "
            "more than an hour for a bus in 2023.¹ A pilot cost £450k in 2023 (2). Some "
            "two thousand people signed a petition in 2024.\n\nNotes to editors\n\n"
            "1. Night Workers Survey, 2023.\n2. Committee evidence, 2023.\n")
    d = draft.build(text, load_settings(), "t.txt")
    release = draft.validate(d, Path("unused"))
    assert [(f.as_written, f.value, f.unit, f.source) for f in release.figures] == [
        ("one in five", 20, "percent", "note_1"), ("£450k", 450e3, "money", "note_2"),
        ("two thousand", 2000, "count", "")]


def test_a_span_gives_way_to_a_year_nearer_the_figure() -> None:
    finder = FigureFinder(set())
    finder.scan("A scheme cost £38k in 2023, and a programme would need £1.2m in 2025-26.")
    assert [(f["as_written"], f["period"]) for f in finder.figures] == [
        ("£38k", {"start": 2023, "end": 2023}),
        ("£1.2m", {"start": 2025, "end": 2026, "printed": "2025-26"})]
    assert any("several years" in c for c in finder.checks)


@pytest.mark.parametrize(("sentence", "printed"), [
    ("The scheme will need £1.2m in 2025-26.", "2025-26"),
    ("The fund was given £3m for 2019/20.", "2019/20"),
    ("The service cost £2m in 2019-2020.", "2019-2020"),
    ("Complaints rose by 38 per cent between 2019 and 2023.", ""),  # in words: no figures
    ("The line carried 1.2 million people in 2023.", ""),
])
def test_a_span_of_years_is_kept_as_the_release_prints_it(sentence: str, printed: str) -> None:
    """A financial year's end year ("2026") may be a year the release never prints: the period
    keeps the span as printed, and that is how answers and cards write it."""
    fig = found(sentence)[0]
    assert fig["period"].get("printed", "") == printed
    period = Period.model_validate(fig["period"])
    assert period.label() == (printed or (str(period.start) if period.start == period.end
                                          else f"{period.start}–{period.end}"))


# Sentences that state two figures: each figure's words are its own clause's.
SHARED = [
    ("A pilot that gave carers free travel cost £450k in 2023 and was used by twelve thousand "
     "people.", {"£450k": "a pilot that gave carers free travel cost",
                 "twelve thousand": "people"}),
    ("The programme was given £120 million for 2024-25, but the committee heard that the work "
     "planned will cost £165 million.", {"£120 million": "the programme was given",
                                         "£165 million": "the work planned will cost"}),
    ("Of the 2,400 passengers surveyed in 2023, 44 per cent said they had felt unsafe.",
     {"2,400": "passengers surveyed in 2023", "44 per cent": "said they had felt unsafe"}),
    ("The number of youth clubs fell from 410 in 2011 to 190 in 2022.",
     {"410": "youth clubs", "190": "youth clubs"}),
]


@pytest.mark.parametrize(("sentence", "want"), SHARED, ids=[s[:30] for s, _ in SHARED])
def test_figures_sharing_a_sentence_count_their_own_clauses_words(sentence: str,
                                                                 want: dict[str, str]) -> None:
    assert {f["as_written"]: f["counts"] for f in found(sentence)} == want


def test_since_a_year_runs_to_the_releases_year_when_it_is_known() -> None:
    sentence = "Requests have more than doubled since 2019."
    dated = FigureFinder(set(), year=2025)
    dated.scan(sentence)
    assert dated.figures[0]["period"] == {"start": 2019, "end": 2025}
    undated = FigureFinder(set())
    undated.scan(sentence)
    assert undated.figures[0]["period"] == {"start": 2019, "end": 2019}
    assert any("since 2019" in c for c in undated.checks)
