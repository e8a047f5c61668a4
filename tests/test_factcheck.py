"""Tests for bot/factcheck.py: a release figure named with the wrong year is corrected with its
own year and source, and a number the release does not give, with a year it has a figure for,
gets "No" and that figure; the right year, several years, a small number, a bound ("more than
2,000") or a number the release may not contradict get no correction."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.engine import Engine
from bot.factcheck import wrong_year
from bot.models import Release
from bot.render import to_text

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


@pytest.mark.parametrize(("question", "span"), [
    ("a 1,155% jump in referrals between 2013 and 2019, is that right?", "2013–2019"),
    ("was it 1155 per cent from 2014 to 2018?", "2014–2018"),
    ("1,155% rise 2013-2017?", "2013–2017"),
])
def test_a_change_said_over_the_wrong_span_gets_its_own_span(release: Release, question: str,
                                                             span: str) -> None:
    said = check(release, question, 1155)
    assert said.startswith("No: 1,155% (")
    assert said.endswith(f"is the figure for 2013–2018, not {span}, according to Met data.")


@pytest.mark.parametrize("question", [
    "did referrals rise 1,155% between 2013 and 2018?",  # the right span
    "a 1,155% rise from 2013 to 2022?",  # after the release: it cannot say
    "1,155% in 2013 or 2019?",  # no span said
])
def test_no_span_correction_when_the_span_is_right_or_not_said(release: Release,
                                                              question: str) -> None:
    assert check(release, question, 1155) == ""


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


# --------------------------------------------------------------------------- whole answers

NOW = dt.datetime(2020, 2, 3, 10, 0, tzinfo=ZoneInfo("Europe/London"))  # a Monday morning


def ask(engine: Engine, question: str) -> tuple[str | None, str]:
    answer = engine.ask(question, now=NOW)
    return answer.intent, to_text(answer)


@pytest.mark.parametrize(("question", "intent", "said"), [
    # A release figure with a year the release has no figure for: corrected with its own year.
    ("Were there really 187 referrals in 2012?", "referrals_2013",
     "No: 187 (referrals for modern slavery and human trafficking made in London) is the figure "
     "for 2013, not 2012, according to Met data."),
    ("was it one hundred and eighty seven referrals back in 2011", "referrals_2013",
     "is the figure for 2013, not 2011, according to Met data."),
    ("2346 referrals in 2009 - correct?", "referrals_2018",
     "is the figure for 2018, not 2009, according to Met data."),
    ("did thirty per cent of NRM cases come from London in 2012?", None,
     "No: more than 30% (share of NRM cases that were in London) is the figure for 2017, "
     "not 2012"),
])
def test_a_release_figure_with_a_year_it_has_no_figure_for_is_corrected(
        engine: Engine, question: str, intent: str | None, said: str) -> None:
    got, text = ask(engine, question)
    assert intent is None or got == intent
    assert text.startswith("No: ") and said in text


@pytest.mark.parametrize(("question", "intent", "said"), [
    # A number the release does not give, with a year it has a figure for: "No", and the
    # release's figure for that year (never the asker's number).
    ("were there 2,000 referrals in 2018?", "referrals_2018",
     "No: the figure for 2018 is 2,346 (referrals for modern slavery and human trafficking "
     "made in London), according to Met data."),
    ("the met recorded 3100 referrals in 2018, yes?", "referrals_2018",
     "No: the figure for 2018 is 2,346"),
    ("1,870 referrals in 2013 - that right?", "referrals_2013", "No: the figure for 2013 is 187"),
    ("were five thousand people referred to the NRM in 2017?", "nrm_total",
     "No: the figure for 2017 is 5,143"),
    ("did referrals go up 1500 per cent between 2013 and 2018?", "referrals_rise",
     "No: the figure for 2013–2018 is 1,155%"),
    # The asker's own phone number states no figure: its groups are not claims beside 2,000.
    ("2,000 referrals in 2018? call me on 020 7983 4100", "referrals_2018",
     "No: the figure for 2018 is 2,346"),
])
def test_a_number_the_release_does_not_give_is_answered_no(
        engine: Engine, question: str, intent: str, said: str) -> None:
    got, text = ask(engine, question)
    assert got == intent
    assert text.startswith(said)
    assert not any(n in text for n in ("2,000", "3100", "3,100", "1,870", "5,000", "1,500"))


@pytest.mark.parametrize("question", [
    "were there more than 2,000 referrals in 2018?",  # true: a bound, not a figure
    "were there about 2,300 referrals in 2018?",  # roughly right
    "at least 150 referrals in 2013?",
    "was it 187 or 178 in 2013",  # one of them is the release's
    "did 40% of NRM cases happen in London in 2017?",  # the release says "more than 30%"
    "were there 2,000 referrals in 2016?",  # the release has no 2016 figure to set against it
    "were there between 2,000 and 3,000 referrals in 2018?",
    "have referrals gone up twenty times since 2013?",  # a ratio, not a count of referrals
    "is it a 15x rise between 2013 and 2018?",
])
def test_nothing_is_called_wrong_that_may_be_right(engine: Engine, question: str) -> None:
    _, text = ask(engine, question)
    assert not text.startswith("No:")


@pytest.mark.parametrize("question", [
    "how many referrals were there in 2012?",  # no figure stated: the year is asked about
    "what about 2012, before the 187?",
    "were there still 2,346 referrals in 2023?",  # after the release: it cannot say
])
def test_a_year_asked_about_still_falls_back(engine: Engine, question: str) -> None:
    intent, text = ask(engine, question)
    assert intent is None and not text.startswith("No:")


@pytest.mark.parametrize(("question", "year"), [
    ("Was this press release issued in 2019?", 2019),
    ("was this press release put out in 2019?", 2019),
])
def test_a_year_said_of_the_release_checks_its_date(
        engine: Engine, question: str, year: int) -> None:
    # Said of the release with no word of a figure, the year is when it was published, not a
    # year of figures: "No", and its date; never "the release has no figures for" that year.
    intent, text = ask(engine, question)
    assert intent == "release_date"
    assert text.startswith(f"No: it was published on 30 January 2020, not in {year}.")
    assert "no figures for" not in text


def test_the_date_is_not_called_wrong_for_its_own_year_or_a_year_of_its_figures(
        release: Release) -> None:
    from bot.factcheck import wrong_date
    assert wrong_date("was it published in 2020?", release) == []
    assert wrong_date("was the release from 2018?", release) == []  # its figures' year
    assert wrong_date("when was it published?", release) == []


@pytest.mark.parametrize("question", [
    "this release is from 2015 isnt it", "the press release was issued in 2021, right?"])
def test_the_matcher_reads_a_year_said_of_the_release_as_its_date(
        engine: Engine, question: str) -> None:
    match = engine.matcher.decide(engine.matcher.features(question), None)
    assert match is not None and match.intent.id == "release_date"


@pytest.mark.parametrize(("question", "intent", "said"), [
    # A figure named with a year it is not for, which the classifier reads as that year's
    # figure of another series (one that states none of the figures named): the check is kept,
    # not offered beside the other series as "did you mean".
    ("was the 30% figure for 2018?", "nrm_london_share",
     "No: more than 30% (share of NRM cases that were in London) is the figure for 2017, "
     "not 2018"),
    ("is 5,143 the figure for 2018?", "nrm_total",
     "No: 5,143 (people referred to the National Referral Mechanism (NRM)) is the figure for "
     "2017, not 2018"),
])
def test_a_figure_with_a_wrong_year_is_checked_not_offered_beside_that_years_figure(
        engine: Engine, question: str, intent: str, said: str) -> None:
    got, text = ask(engine, question)
    assert got == intent
    assert text.startswith(said)


NOTE = "The release does not give the number in your question."


@pytest.mark.parametrize("question", [
    "is the figure 2,346 or 2,364?",  # one of the two is the release's, and it is stated
    "2,346 or 2,436?",
    "is it 5,143 or 5,413?",
])
def test_no_note_that_the_release_lacks_the_number_when_it_gives_one_named(
        engine: Engine, question: str) -> None:
    _, text = ask(engine, question)
    assert NOTE not in text
    assert any(n in text for n in ("2,346", "5,143"))


@pytest.mark.parametrize("question", [
    "is it a 115 per cent increase?",
    "over two thousand referrals in 2018, is that right?",
])
def test_a_number_the_release_does_not_give_still_gets_the_note(
        engine: Engine, question: str) -> None:
    _, text = ask(engine, question)
    assert text.startswith(NOTE)


@pytest.mark.parametrize(("question", "intent", "said"), [
    # A figure named by its value and called another series' figure: the named figure's place
    # is corrected, never the other series' figure given as if it answered.
    ("is 187 the national total?", "referrals_2013", "No: 187 (referrals for modern slavery"),
    ("is 2,346 the national figure?", "referrals_2018", "No: 2,346 (referrals for modern"),
    ("is the 2,346 the UK total?", "referrals_2018", "No: 2,346 (referrals for modern"),
])
def test_a_figure_called_another_series_figure_is_that_figure_with_its_place(
        engine: Engine, question: str, intent: str, said: str) -> None:
    got, text = ask(engine, question)
    assert got == intent
    assert text.startswith(said)
    assert "is a figure for London" in text


@pytest.mark.parametrize(("question", "said"), [
    # Two figures named, each with its year: the one said with a year it is not for is
    # corrected, whichever it is.
    ("referrals rose from 187 in 2012 to 2,346 in 2018, correct?",
     "No: 187 (referrals for modern slavery and human trafficking made in London) is the "
     "figure for 2013, not 2012, according to Met data."),
    ("187 referrals in 2013 and 2,346 in 2017, right?",
     "No: 2,346 (referrals for modern slavery and human trafficking made in London) is the "
     "figure for 2018, not 2017"),
])
def test_of_two_figures_named_the_one_with_a_wrong_year_is_corrected(
        engine: Engine, question: str, said: str) -> None:
    _, text = ask(engine, question)
    assert text.startswith(said)


@pytest.mark.parametrize("question", [
    "from 187 in 2013 to 2,346 in 2018, correct?",  # both right
    "187 in 2018 and 2,346 in 2013?",  # both swapped: no one figure to correct
    "187 in 2013 and 2,346 in 2023?",  # after it was published: the release cannot say
])
def test_two_figures_are_not_called_wrong_without_one_clear_wrong_year(
        engine: Engine, question: str) -> None:
    _, text = ask(engine, question)
    assert not text.startswith("No:")


@pytest.mark.parametrize(("question", "said"), [
    ("were there 2,346 referrals in 2o17?", "No: 2,346"),  # an o typed for a zero
    ("wer there 2346 referals n 2o17 m8", "No: 2,346"),
    ("was the release published in 2o19?", "No: it was published on 30 January 2020"),
    ("were there l87 referrals in 2Ol7?", "No: 187"),  # l and O typed for 1 and 0
])
def test_a_year_typed_with_an_o_for_a_zero_is_checked(engine: Engine, question: str,
                                                      said: str) -> None:
    _, text = ask(engine, question)
    assert text.startswith(said)


@pytest.mark.parametrize(("question", "exact"), [
    ("were there about 2,300 referrals in london in 2018?", "2,346"),
    ("around 5,000 people referred to the NRM in 2017, is that fair?", "5,143"),
    ("so referrals went up roughly 1,200 percent?", "1,155%"),
])
def test_a_figure_said_in_round_numbers_is_roughly_right(engine: Engine, question: str,
                                                         exact: str) -> None:
    """"about 2,300" for 2,346 is the figure rounded: roughly right, and the exact figure, not
    "the release does not give the number in your question"."""
    _, text = ask(engine, question)
    assert text.startswith(f"Roughly, yes: the release's exact figure is {exact}."), text


@pytest.mark.parametrize("question", [
    "under 2,300 referrals in 2018?",  # a bound with a direction: not said to be right
    "about 2,000 referrals in 2018?",  # too far from 2,346 to be it rounded
])
def test_a_number_not_the_figure_rounded_is_not_called_roughly_right(engine: Engine,
                                                                     question: str) -> None:
    _, text = ask(engine, question)
    assert "Roughly, yes" not in text
