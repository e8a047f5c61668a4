"""Provides tests of how the matcher reads a student's or researcher's words of citing: citing
the release itself asks for its title, publisher and date; a reference list says who asks and
what for; "when referencing" asks no date; a release's findings are its gist and a
methodology is where its figures come from."""

from __future__ import annotations

import pytest

from bot.engine import Engine


@pytest.mark.parametrize(("question", "intent"), [
    # Citing the release itself: the answer to its title states its title, publisher and date.
    ("how do i reference this press release in harvard style?", "release_title"),
    ("How should I cite the release?", "release_title"),
    ("I need the full reference for this release for my essay", "release_title"),
    # A reference list or a Harvard reference is what the answer is for, not what is asked.
    ("who published this? need it for my harvard reference", "release_publisher"),
    ("what should i put as the author in my reference list", "release_publisher"),
    ("Date of publication for my reference list?", "release_date"),
    # Citing the figures still asks where they come from.
    ("I need to reference these stats in my essay, where are they from?", "figure_sources"),
    ("what was the methodology behind the figures?", "figure_sources"),
    ("what are the main findings of this release", "release_topic"),
])
def test_citing_words_read_as_a_student_means_them(engine: Engine, question: str,
                                                   intent: str) -> None:
    match = engine.matcher.decide(engine.matcher.features(question))
    assert match is not None and match.intent.id == intent, question


@pytest.mark.parametrize(("question", "date"), [
    ("who do I put as author when referencing this?", False),  # when the asker cites it
    ("when citing it, which organisation is the publisher?", False),
    ("when was it published? it's for my reference list", True),
])
def test_when_the_asker_cites_it_asks_no_date(engine: Engine, question: str, date: bool) -> None:
    assert ("date" in engine.matcher.features(question).terms) is date, question
