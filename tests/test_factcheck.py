"""Tests for bot/factcheck.py: a release figure named with the wrong year is corrected with its
own year and source; the right year, several years or a small number get no correction."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.factcheck import wrong_year
from bot.models import Release

SLAVERY = "2020-01-30-modern-slavery"


@pytest.fixture(scope="module")
def release(engine: Engine) -> Release:
    return engine.knowledge.release(SLAVERY)


def check(release: Release, question: str, *asked: float) -> str:
    return "".join(s.text for s in wrong_year(question, list(release.figures), asked, release))


@pytest.mark.parametrize("question", [
    "did the Met record 2,346 referrals in 2017?",
    "referrals in twenty seventeen were 2,346?",
])
def test_a_figure_with_the_wrong_year_gets_its_own_year_and_source(release: Release,
                                                                   question: str) -> None:
    said = check(release, question, 2346)
    assert said.startswith("No: 2,346 (")
    assert said.endswith("is the figure for 2018, not 2017, according to Met data.")


def test_the_figure_is_bold_and_its_qualifier_is_kept(release: Release) -> None:
    spans = wrong_year("were NRM cases 30 per cent up in 2019?", list(release.figures), (30,),
                       release)
    assert [s.text for s in spans if s.style == "figure"] == ["30%"]
    assert spans[0].text == "No: more than "
    assert "is the figure for 2017, not 2019, according to" in spans[-1].text


def test_a_figure_for_another_year_is_given_before_the_one_named(release: Release) -> None:
    said = check(release, "london had 187 referrals in 2018?", 187)
    assert said.startswith("No: the figure for 2018 is 2,346 (")
    assert said.endswith("; 187 is the figure for 2013.")


@pytest.mark.parametrize(("question", "asked"), [
    ("2,346 referrals in 2018?", (2346.0,)),  # the right year
    ("2,346 referrals in 2017 or 2016?", (2346.0,)),  # which year would it correct?
    ("2,346 referrals?", (2346.0,)),  # no year
    ("almost three times as many in 2019?", (3.0,)),  # a small number may be anything
    ("5,143 or 2,346 in 2019?", (5143.0, 2346.0)),  # which figure?
])
def test_no_correction_when_there_is_nothing_clear_to_correct(
        release: Release, question: str, asked: tuple[float, ...]) -> None:
    assert check(release, question, *asked) == ""
