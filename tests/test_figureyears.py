"""Tests for bot.figureyears: the release figures a question can name, and their years."""

from __future__ import annotations

from bot.engine import Engine
from bot.features import AFTER_RELEASE
from bot.figureyears import FigureYears
from bot.knowledge import Knowledge
from bot.parts import release_knowledge
from bot.reading import Reader
from tests.release_factory import LIBRARIES, POTHOLES, with_releases


def _figures(engine: Engine) -> FigureYears:
    return engine.matcher.reader.figures


def test_a_figure_stated_with_a_year_it_is_not_for_is_checked_in_its_own_years(
        engine: Engine) -> None:
    figures = _figures(engine)
    assert figures.figure_years([2012], [187.0], [], set()) == [2013]
    # A figure named only as what a year is compared with states nothing: the year is asked.
    assert figures.figure_years([2012], [187.0], [], {187.0}) == [2012]
    # A year the figure's series has is asked about, as is a question with no figure.
    assert figures.figure_years([2018], [187.0], [], set()) == [2018]
    assert figures.figure_years([2012], [], [], set()) == [2012]


def test_naming_a_figure_adds_it_and_its_series(engine: Engine) -> None:
    reader = engine.matcher.reader
    f = reader.features("is that number right?")
    named = reader.naming(f, 2346.0)
    assert 2346.0 in named.numbers and "@figure" in named.terms
    assert _figures(engine).value_topics[2346.0] <= named.terms
    assert reader.naming(named, 2346.0) is named


def test_a_year_compared_with_is_not_asked_about_when_the_other_has_no_figure(
        engine: Engine) -> None:
    """"In 2012, before the 2013 numbers": 2013 is the point of comparison; 2012 is asked
    about, and the release has no figure for it. "2018 compared with 2013" keeps both."""
    figures = FigureYears(engine.knowledge)
    assert figures.asked_years([2012, 2013], {2013}) == [2012]
    assert figures.asked_years([2018, 2013], {2013}) == [2018, 2013]
    assert figures.asked_years([2012, 2013], set()) == [2012, 2013]
    reader = engine.matcher.reader
    assert reader.features("how many in 2016, before the 2018 figure?").years == (2016,)
    assert reader.features("how many in 2018, after the 2013 one?").years == (2013, 2018)


def _reader(knowledge: Knowledge, release: str) -> Reader:
    return Reader(release_knowledge(knowledge, release))


def test_the_years_after_a_releases_data_are_read_from_its_figures_and_date(
        engine: Engine) -> None:
    """The lexicon's ``{after_data}``: from the last year a release has figures for to the year
    it was published (the modern slavery release: 2018 to 2020; potholes: 2020 to 2021)."""
    many = with_releases(engine.knowledge, POTHOLES)
    assert list(_figures(engine).after_data) == [2018, 2019, 2020]
    potholes = _reader(many, POTHOLES.id)
    assert list(potholes.figures.after_data) == [2020, 2021]
    for reader, after, within in [(engine.matcher.reader, "2019", "2013"),
                                  (potholes, "2020", "2018")]:
        assert AFTER_RELEASE in reader.features(f"has it gone up since {after}?").terms
        assert AFTER_RELEASE not in reader.features(f"has it gone up since {within}?").terms
    # The same text, read by this release's reader first, is read with potholes' own years (not
    # from the normalised texts the readers of one lexicon share).
    assert AFTER_RELEASE in engine.matcher.reader.features("gone up since 2018?").terms
    assert AFTER_RELEASE not in potholes.features("gone up since 2018?").terms


def test_a_national_figure_is_read_as_what_the_releases_figures_for_the_country_count(
        engine: Engine) -> None:
    """"The national figure": the NRM's total in this release (its one figure for the UK), the
    invented release's own subject where its figures are the UK's, nothing in one with none."""
    many = with_releases(engine.knowledge, POTHOLES, LIBRARIES)
    question = "what's the national figure?"
    assert {"nrm", "stats"} <= engine.matcher.reader.features(question).terms
    libraries = _reader(many, LIBRARIES.id).features(question).terms
    assert "libraries" in libraries and "nrm" not in libraries
    potholes = _reader(many, POTHOLES.id).features(question).terms
    assert {"stats", "uk"} <= potholes and not {"potholes", "nrm"} & potholes


def test_a_year_said_of_the_release_itself_is_its_date_not_a_year_asked(engine: Engine) -> None:
    reader = engine.matcher.reader
    for question in ("was the press release put out in 2019?", "is this from 2021?",
                     "so it was published in 2017?"):
        f = reader.features(question)
        assert f.years == () and "date" in f.terms and "@year" not in f.terms, question
    # With a word of a figure or of a series the year still asks for that year's figures.
    for question in ("does the release have figures for 2019?", "referrals in 2019?",
                     "were the figures released in 2019?"):
        assert reader.features(question).years == (2019,), question
