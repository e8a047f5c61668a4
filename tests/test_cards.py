"""Tests for bot/cards.py: a release with no hand-written intents gets cards written from its
structured knowledge and intents/types.yaml, checked like hand-written ones, and is answered
from them with the sentences it states, beside the hand-written release."""

from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot import knowledge as kb
from bot.cards import (
    fill,
    generate,
    generic_vocabulary,
    initials,
    load_types,
    question_concepts,
    unless_said,
)
from bot.dialogue import Conversation
from bot.engine import Engine
from bot.models import Intent, Quote
from bot.provenance import check_intents
from bot.render import to_text
from tests.conftest import BUS, HERE, INTENTS_DIR, with_bus

SLAVERY = "2020-01-30-modern-slavery"

NOW = dt.datetime(2026, 1, 14, 11, 0)


def cards_of(engine: Engine, release: str) -> list[Intent]:
    return [i for i in engine.knowledge.intents if i.release == release]


def ask(engine: Engine, question: str) -> tuple[str | None, str]:
    answer = engine.ask(question, now=NOW.replace(tzinfo=engine.hours.tz))
    return answer.intent, to_text(answer)


# --------------------------------------------------------------------------- which cards


def test_a_release_without_intents_gets_a_card_for_each_thing_it_has(two: Engine) -> None:
    cards = {(c.type, c.slot) for c in cards_of(two, BUS)}
    assert cards == {
        ("figure", "bus_assaults_2020"), ("figure", "enclosed_cabs_2020"),
        ("change", "bus_assaults_rise"),  # a percentage over 2016-2020
        ("figures", "all"), ("figure_source", "all"),
        ("recommendation", "all"), ("recommendation", "rec_cabs"),
        ("recommendation", "rec_route_data"), ("quote", ""), ("speaker", ""),
        ("contacts", "media"), ("contacts", "out_of_hours"), ("contacts", "public"),
        ("contacts", "all"), ("contacts", "interview"), ("accessible_formats", ""),
        *(("release_fact", f) for f in ("title", "date", "publisher", "committee", "summary",
                                        "letter")),
    }
    assert two.knowledge.card("quote", "", BUS) is not None


def test_a_release_with_hand_written_intents_gets_no_cards(two: Engine, engine: Engine) -> None:
    primary = engine.knowledge.release().id
    assert [i.id for i in cards_of(two, primary)] == [i.id for i in cards_of(engine, primary)]
    assert not any(i.id.startswith(primary + ".") for i in two.knowledge.intents)


def test_the_words_of_a_card_come_from_the_release(two: Engine) -> None:
    card = two.knowledge.card("figure", "bus_assaults_2020", BUS)
    assert card is not None
    assert "how many bus drivers assaulted at work in 2020" in card.examples
    assert {"bus", "assaulted", "howmany"} <= set(card.keywords)
    assert card.answer == ["{fig:bus_assaults_2020}: bus drivers assaulted at work, London, "
                           "2020. The release says:", "{sentence:bus_assaults_2020}"]
    rec = two.knowledge.card("recommendation", "all", BUS)
    assert rec is not None and rec.items == [f"{BUS}.recommendation.rec_cabs",
                                             f"{BUS}.recommendation.rec_route_data"]


def test_every_card_passes_the_checks_of_hand_written_intents(two: Engine) -> None:
    k = two.knowledge
    cards = cards_of(two, BUS)
    check_intents(cards, k.releases, {c.id: INTENTS_DIR / "types.yaml" for c in cards})


def test_a_qualified_figure_keeps_its_qualifier(two: Engine) -> None:
    card = two.knowledge.card("figure", "enclosed_cabs_2020", BUS)
    assert card is not None and card.answer[0].startswith("Fewer than {fig:enclosed_cabs_2020}")


def test_cards_are_skipped_when_the_release_lacks_their_field(two: Engine) -> None:
    """Written defensively: a release without a quote, contacts or recommendations (optional
    in newer schemas) gets no card for them, and no error."""
    k = two.knowledge
    bare = k.release(BUS).model_copy(update={"quotes": [], "contacts": [],
                                             "recommendations": [], "figures": []})
    cards = generate([bare], [], load_types(INTENTS_DIR), k.lexicon)
    kinds = {c.type for c in cards}
    assert kinds == {"release_fact", "accessible_formats"}
    assert not any(c.slot == "committee" and "{committee}" in c.label for c in cards)


def test_a_card_that_fails_the_checks_is_left_out_with_a_warning(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    knowledge = with_bus(tmp_path)
    intents = tmp_path / "intents"
    shutil.copytree(INTENTS_DIR, intents)
    types = intents / "types.yaml"
    # A template that types in a number of its own: never stated, so never answered.
    types.write_text(types.read_text(encoding="utf-8").replace(
        '["{title} was published by the {publisher} on {date}."]',
        '["{title} was published by the {publisher} in 1999."]'), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        k = kb.load_from_files(knowledge, intents)
    ids = {i.id for i in k.intents}
    assert f"{BUS}.release_fact.title" not in ids and f"{BUS}.quote" in ids
    assert "the number 1999 is not in the release" in caplog.text


def test_the_generic_vocabulary_is_types_and_their_slots() -> None:
    words = generic_vocabulary(load_types(INTENTS_DIR))
    assert {"figure", "safeguarding", "greeting", "media", "letter", "title"} <= words
    assert "each" not in words and "" not in words


def test_no_types_file_means_no_cards(tmp_path: Path) -> None:
    assert load_types(tmp_path).types == {}


def test_the_cache_keeps_the_cards(tmp_path: Path) -> None:
    knowledge = with_bus(tmp_path)
    first = kb.load(knowledge, INTENTS_DIR, tmp_path / "k.db")
    again = kb.load(knowledge, INTENTS_DIR, tmp_path / "k.db")
    assert [i.id for i in again.intents] == [i.id for i in first.intents]
    assert any(i.release == BUS for i in again.intents)


# --------------------------------------------------------------------------- answers


@pytest.mark.parametrize(("question", "card", "said"), [
    ("how many bus drivers were assaulted in 2020?", "figure.bus_assaults_2020",
     "“Figures from Transport for London (TfL) show that 1,420 bus drivers were assaulted at "
     "work in London in 2020.”"),
    ("how much did assaults on bus drivers rise?", "change.bus_assaults_rise",
     "“That is a rise of 35 per cent in assaults on bus drivers since 2016.”"),
    ("what did Jordan Hale say about bus drivers?", "quote",
     "“Nobody should be attacked for doing their job."),
    ("what are the recommendations for bus drivers?", "recommendation.all",
     "Publish assault figures for every bus route each quarter."),
    ("who is the press contact for the bus drivers release?", "contacts.media",
     "Sam Rivers, 020 7983 5555"),
])
def test_questions_about_the_invented_release_are_answered_from_it(
        two: Engine, question: str, card: str, said: str) -> None:
    intent, text = ask(two, question)
    assert intent == f"{BUS}.{card}"
    assert said in text
    assert "“Bus drivers deserve better protection” of 4 March 2021" in text


def test_a_figure_answer_cites_its_source_and_dates_it(two: Engine) -> None:
    _, text = ask(two, "how many bus drivers were assaulted in 2020?")
    assert "Source: TfL figures, cited in the London Assembly release" in text
    assert "These are 2020 figures, published on 4 March 2021" in text


def test_the_hand_written_release_is_answered_as_before(two: Engine, engine: Engine) -> None:
    question = "how much did referrals rise?"
    assert ask(two, question) == ask(engine, question)


def test_the_empty_message_example_comes_from_the_newest_release(two: Engine,
                                                               engine: Engine) -> None:
    assert two.knowledge.example() == "how many bus drivers assaulted at work in 2020?"
    first = next(i for i in engine.knowledge.intents if i.type in ("figure", "change"))
    assert engine.knowledge.example() == first.examples[0].rstrip("?") + "?"


def test_the_empty_message_example_comes_from_the_release_being_discussed(
        two: Engine, engine: Engine) -> None:
    slavery = engine.knowledge.example()
    assert two.knowledge.example(SLAVERY) == slavery
    on_slavery = two.ask("👍", conversation=Conversation(release=SLAVERY))
    assert slavery in to_text(on_slavery)
    assert "bus drivers" in to_text(two.ask("👍", conversation=Conversation()))


# --------------------------------------------------------------------------- the editors' check


def test_check_validates_the_cards_and_still_audits_the_lexicon(
        tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    knowledge = with_bus(tmp_path)
    questions = tmp_path / "questions"
    questions.mkdir()
    (questions / "few.jsonl").write_text(
        '{"q": "how much did referrals rise?", "intent": "referrals_rise"}\n', encoding="utf-8")
    r = run_cli("check", "--knowledge", str(knowledge), "--questions", str(questions))
    assert r.code == 0, r.err
    assert r.out.startswith("OK: 2 release(s)")
    assert "Never fire:" in r.out


@pytest.mark.parametrize("name", ["questions", "blind"])
def test_a_release_with_cards_leaves_the_other_releases_answers_alone(
        two: Engine, engine: Engine, name: str) -> None:
    """Its words are its own: a question about the modern slavery release, in a labelled set,
    asked in a conversation on that release, gets the same answer with the invented release
    loaded (everyday words name no release, so nothing switches to it). A question the set
    marks as about none of the modern slavery release may be about the invented one, and is
    then answered from it ("what is the transport committee working on")."""
    lines = (HERE / "devset" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    changed = []
    for line in filter(None, lines):
        case = json.loads(line)
        question = case["q"]
        alone, with_cards = (
            e.ask(question, now=NOW.replace(tzinfo=e.hours.tz),
                  conversation=Conversation(release="2020-01-30-modern-slavery"))
            for e in (engine, two))
        if (alone.kind, alone.intent) != (with_cards.kind, with_cards.intent) and not (
                case.get("fallback") and with_cards.release == BUS):
            changed.append((question, alone.intent, with_cards.intent))
    assert changed == []


@pytest.mark.parametrize(("template", "filled"), [
    ("{counts}, {place}, {period}. The release says:", "2023. The release says:"),
    ("{figure}: {counts}, {place}, {period}.", "{figure}: 2023."),
    ("{counts}, {place}, {period}", "2023"),
    ("£1,200: {counts}, {place}", "£1,200:"),
])
def test_an_empty_field_leaves_no_empty_item(template: str, filled: str) -> None:
    assert fill(template, {"counts": "", "place": "", "period": "2023"}) == filled


# --------------------------------------------------------------------------- several quotes


def _with_second_quote(two: Engine) -> list[Intent]:
    """The bus drivers release's cards, with a second quote (an operator's) added."""
    k = two.knowledge
    bus = k.release(BUS)
    second = Quote(speaker="Ada Quince", role="Head of Safety at Transport for London",
                   paragraphs=["We are fitting new cabs this year."])
    release = bus.model_copy(update={"quotes": [*bus.quotes, second]})
    return generate([release], [], load_types(INTENTS_DIR), k.lexicon)


def test_every_quote_gets_a_card_and_the_first_keeps_its_own(two: Engine) -> None:
    cards = {(c.type, c.slot): c for c in _with_second_quote(two)}
    assert {s for t, s in cards if t == "quote"} == {"", "2"}
    assert {s for t, s in cards if t == "speaker"} == {"", "2"}
    first, second = cards["quote", ""], cards["quote", "2"]
    assert first.answer == ["{quote:1}"] and second.answer == ["{quote:2}"]
    assert second.id == f"{BUS}.quote.2" and second.label == "What Ada Quince said"
    # Found by the speaker's name, the role's words and the initials of its organisations.
    assert {"ada", "quince", "safety", "tfl"} <= set(second.keywords)
    assert "tfl" not in first.keywords


@pytest.mark.parametrize(("role", "initials_"), [
    ("Director of Station Access at Transport for London", "dosa tfl"),
    ("Chair of the London Assembly Health Committee", "lahc"),
    ("a spokesperson", ""),
])
def test_the_initials_of_the_names_a_role_gives(role: str, initials_: str) -> None:
    assert initials(role) == initials_


# --------------------------------------------------------------------------- figure words


def test_a_money_figure_is_asked_how_much_not_how_many(two: Engine) -> None:
    k = two.knowledge
    bus = k.release(BUS)
    fig = bus.figures[0].model_copy(update={"id": "cab_cost_2020", "unit": "money",
                                            "value": 1420.0, "as_written": "1,420",
                                            "display": "£1,420"})
    release = bus.model_copy(update={"figures": [fig]})
    card = next(c for c in generate([release], [], load_types(INTENTS_DIR), k.lexicon)
                if c.type == "figure")
    assert "howmuch" in card.keywords and "howmany" not in card.keywords
    count = k.card("figure", "bus_assaults_2020", BUS)
    assert count is not None and "howmany" in count.keywords


def test_figures_sharing_a_sentence_keep_to_their_own_clauses_words(two: Engine) -> None:
    k = two.knowledge
    bus = k.release(BUS)
    sentence = ("A pilot that gave drivers new cabs cost £450k in 2020 and was used by twelve "
                "thousand passengers.")
    cost = bus.figures[0].model_copy(update={
        "id": "pilot_cost", "unit": "money", "value": 450e3, "as_written": "£450k",
        "display": "£450k", "counts": "A pilot that gave drivers new cabs cost",
        "sentence": sentence, "source": ""})
    used = cost.model_copy(update={"id": "pilot_used", "unit": "count", "value": 12e3,
                                   "as_written": "twelve thousand", "display": "twelve thousand",
                                   "counts": "passengers"})
    release = bus.model_copy(update={"figures": [cost, used], "sources": []})
    cards = {c.slot: c for c in generate([release], [], load_types(INTENTS_DIR), k.lexicon)
             if c.type == "figure"}
    assert "cost" in cards["pilot_cost"].keywords and "cost" not in cards["pilot_used"].keywords
    assert "passengers" in cards["pilot_used"].keywords
    assert "passengers" not in cards["pilot_cost"].keywords
    # The clause without a subject shares the sentence's: the pilot is what was used.
    assert cards["pilot_used"].keywords["pilot"] >= 1


def test_a_figure_field_its_own_words_already_say_is_not_repeated() -> None:
    """'… who answered the survey in 2024' is not followed by ', 2024' (nor a place by itself)."""
    counts = "of the carers who answered the committee’s survey in 2024"
    assert unless_said("2024", counts) == ""
    assert unless_said("2023", counts) == "2023"
    assert unless_said("London", "rented homes in London") == ""
    assert unless_said("London", "rented homes") == "London"
    assert unless_said("2024", "carers aged 20245") == "2024"  # a whole word only
    assert unless_said("", counts) == ""


def test_the_words_of_a_figures_unit_are_question_concepts() -> None:
    """"what's the budget?" asks for a sum of money: what is asked, not which release."""
    assert {"money", "howmuch", "howmany"} <= question_concepts(load_types(INTENTS_DIR))
