"""Tests for bot/templates.py: how the recommendations and the quotes of a release are written
from what the release has (a letter or not, the words that introduce its list), each sentence
quoted once; on the real release, the recommendations never presented as complete, the quote
verbatim, the accessible formats and the title quoted once."""

from __future__ import annotations

from typing import Any

import pytest

from bot.answermodels import Span
from bot.engine import Engine
from bot.models import Quote, Recommendation, Release
from bot.provenance import squash
from bot.render import to_text
from bot.templates import fill as fill_template
from bot.templates import recommendations
from tests.conftest import BUS, ROOT, ask

INTRO = "The committee calls on the Mayor to:"
SHARED = ("The committee recommends that the Mayor funds school streets in every borough and "
          "that TfL publishes a guide for councils.")


def release(**fields: object) -> Release:
    recs = [Recommendation(id="rec_1", title="Funding", addressee="the Mayor",
                           action="funds school streets in every borough", sentence=SHARED),
            Recommendation(id="rec_2", title="A guide", addressee="TfL",
                           action="publishes a guide for councils", sentence=SHARED),
            Recommendation(id="rec_3", title="Consult", addressee="councils",
                           action="consult parents",
                           sentence="It also calls on councils to consult parents.")]
    data: dict[str, object] = {"id": "r", "committee": "Environment Committee",
                               "recommendations": recs}
    return Release.model_validate(data | fields)


def text(paragraphs: list[list[Span]]) -> str:
    return "\n".join("".join(s.text for s in p) for p in paragraphs)


def quoted(paragraphs: list[list[Span]]) -> list[str]:
    return [s.text for p in paragraphs for s in p if s.style == "quote"]


def test_a_release_with_a_letter_says_whom_the_committee_wrote_to() -> None:
    letter = "The Environment Committee has written to the Mayor."
    paras = recommendations(release(letter=letter), None)
    assert text(paras).startswith("The Environment Committee wrote to the Mayor. The letter "
                                  "makes a number of recommendations, including these three")
    complete = recommendations(release(letter=letter, recommendations_complete=True), None)
    assert text(complete).startswith("The Environment Committee wrote to the Mayor. Its "
                                     "recommendations are:")


@pytest.mark.parametrize(("fields", "head"), [
    ({}, "The Environment Committee recommends (the release may not list every "
         "recommendation):"),
    ({"recommendations_complete": True}, "The Environment Committee recommends:"),
    ({"recommendations_intro": INTRO, "recommendations_complete": True}, INTRO),
    ({"committee": "", "recommendations_complete": True}, "The committee recommends:"),
])
def test_a_release_without_a_letter_never_mentions_one(fields: dict[str, object],
                                                       head: str) -> None:
    paras = recommendations(release(**fields), None)
    assert text(paras).split("\n")[0] == head
    assert "letter" not in text(paras) and "wrote" not in text(paras)


def test_a_sentence_holding_several_recommendations_is_quoted_once() -> None:
    paras = recommendations(release(), None)
    assert quoted(paras) == [SHARED, "It also calls on councils to consult parents."]
    assert text(paras).split("\n")[1:] == [f"1. {SHARED}",
                                           "2. It also calls on councils to consult parents."]


def test_one_recommendation_is_the_letters_only_when_there_is_a_letter() -> None:
    alone = text(recommendations(release(), "rec_3"))
    assert alone.startswith("One of the committee’s recommendations (the release lists it "
                            "among others), addressed to councils:")
    lettered = text(recommendations(release(letter="The committee wrote to the Mayor."), "rec_3"))
    assert lettered.startswith("One of the letter’s recommendations")


def test_a_quote_card_answers_with_its_own_quote_only(two: Engine) -> None:
    bus = two.knowledge.release(BUS)
    second = Quote(speaker="Ada Quince", role="Head of Safety",
                   paragraphs=["We are fitting new cabs this year."])
    release = bus.model_copy(update={"quotes": [*bus.quotes, second]})
    one = to_text_paragraphs(fill_template("{quote:1}", release, [], []))
    two_ = to_text_paragraphs(fill_template("{quote:2}", release, [], []))
    assert bus.quotes[0].speaker in one and "Ada Quince" not in one
    assert two_.startswith("Ada Quince, Head of Safety, said:")
    assert bus.quotes[0].speaker not in two_
    everyone = to_text_paragraphs(fill_template("{quote}", release, [], []))
    assert bus.quotes[0].speaker in everyone and "Ada Quince" in everyone


def to_text_paragraphs(paragraphs: list[list[Any]]) -> str:
    return "\n".join("".join(s.text for s in p) for p in paragraphs)


def test_recommendations_are_never_presented_as_the_complete_list(engine: Engine) -> None:
    text = to_text(ask(engine, "what are the recommendations?"))
    assert "including" in text
    assert "does not list them all" in text
    assert "Its recommendations are" not in text
    release = engine.knowledge.release()
    for r in release.recommendations:
        assert r.sentence in text


@pytest.mark.parametrize(("question", "rec"), [
    ("tell me about the strategy recommendation", "rec_strategy"),
    ("what about more detectives", "rec_detectives"),
    ("what is the recommendation about visas", "rec_visa"),
])
def test_one_recommendation_says_it_is_one_among_others(engine: Engine, question: str,
                                                        rec: str) -> None:
    answer = ask(engine, question)
    text = to_text(answer)
    assert answer.intent == rec
    assert "among others" in text
    sentence = next(r.sentence for r in engine.knowledge.release().recommendations if r.id == rec)
    assert sentence in text


def test_the_quote_is_verbatim_from_the_release_text(engine: Engine) -> None:
    answer = ask(engine, "What did Unmesh Desai say?")
    release_text = squash((next((ROOT / "knowledge" / "releases").iterdir()) / "release.txt")
                          .read_text(encoding="utf-8"))
    quoted = ["".join(s.text for s in p) for p in answer.paragraphs
              if p and all(s.style == "quote" for s in p)]
    assert len(quoted) == 2
    for paragraph in quoted:
        assert paragraph.startswith("“") and paragraph.endswith("”")
        assert squash(paragraph.strip("“”")) in release_text
    text = to_text(answer)
    assert "Unmesh Desai AM" in text and "Chair of the London Assembly Police & Crime" in text
    assert "The rise of modern slavery cases in London over the last five years" in text


def test_accessible_formats_answer(engine: Engine) -> None:
    text = to_text(ask(engine, "I use a screen reader, can I get an accessible version?"))
    assert "online form" in text and "5 working days" in text


def test_the_title_is_quoted_once(engine: Engine) -> None:
    for question in ("hello", "help"):
        text = to_text(ask(engine, question))
        assert "““" not in text and "””" not in text
        assert "“More must be done to tackle Modern Slavery”" in text
