"""Tests for bot.engine: the one entry point, its answer kinds (answer, fallback, clarify,
safeguarding, invalid), direct intent answers, and reloads that never serve a broken edit.
When the matcher asks rather than guesses, and the context a conversation gives, are in
test_parts.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bot.classifier import FALLBACK, FORMAT, Classifier
from bot.dialogue import Conversation
from bot.engine import EMPTY, Engine
from bot.errors import KnowledgeError
from bot.matching import MAX_QUESTION_CHARS
from bot.render import to_text
from bot.thresholds import SIGNALS, Thresholds
from tests.conftest import NOW, copy_engine, twins

if TYPE_CHECKING:
    from conftest import KnowledgeCopy

# --------------------------------------------------------------------------- answer kinds


def test_an_answer(engine: Engine) -> None:
    a = engine.ask("how much did referrals rise?", now=NOW)
    assert (a.kind, a.intent) == ("answer", "referrals_rise")
    assert 0 < a.confidence <= 1
    assert a.figures == ["met_referrals_2013", "met_referrals_2018", "met_referrals_increase"]
    assert {s.intent for s in a.suggestions} <= engine.intent_ids()


@pytest.mark.parametrize("question", ["", " ", "\t\n  \r", "???", "!!! ... ---", "🙂🙂🙂"])
def test_empty_or_unreadable_text_is_invalid_with_a_hint(engine: Engine, question: str) -> None:
    a = engine.ask(question, now=NOW)
    assert a.kind == "invalid" and a.intent is None and a.confidence == 0
    assert to_text(a) == EMPTY.format(example=engine.knowledge.example())
    assert a.suggestions


def test_a_very_long_message_is_refused_politely(engine: Engine) -> None:
    a = engine.ask("referrals " * 10_000, now=NOW)
    assert a.kind == "invalid" and a.intent is None
    text = to_text(a)
    assert "too long" in text and f"{MAX_QUESTION_CHARS:,}" in text
    assert len(a.question) <= 200


def test_a_question_at_the_length_limit_is_still_answered(engine: Engine) -> None:
    question = "how much did referrals rise?"
    padded = question + " " * 10 + "x" * (MAX_QUESTION_CHARS - len(question) - 11)
    assert len(padded) == MAX_QUESTION_CHARS - 1
    assert engine.ask(padded, now=NOW).kind != "invalid"


# --------------------------------------------------------------------------- answer_intent


@pytest.fixture(scope="module")
def all_intents(engine: Engine) -> list[str]:
    return sorted(engine.intent_ids())


def test_every_intent_can_be_answered_directly(engine: Engine, all_intents: list[str]) -> None:
    for intent_id in all_intents:
        a = engine.answer_intent(intent_id, now=NOW)
        assert a.intent == intent_id
        assert a.confidence == 1.0
        assert a.kind in ("answer", "safeguarding")
        assert to_text(a).strip(), intent_id
        if a.kind == "answer":
            assert a.citations, intent_id
        for s in a.suggestions:
            assert s.intent in all_intents


def test_answer_intent_updates_the_conversation(engine: Engine) -> None:
    conversation = Conversation()
    engine.answer_intent("recommendations_all", conversation=conversation, now=NOW)
    assert conversation.last_intent == "recommendations_all"
    assert engine.ask("the second one", conversation=conversation,
                      now=NOW).intent == "rec_detectives"


def test_answer_intent_of_an_unknown_id_is_a_key_error(engine: Engine) -> None:
    with pytest.raises(KeyError):
        engine.answer_intent("no_such_intent", now=NOW)


# --------------------------------------------------------------------------- loading and reload


def test_the_cache_goes_where_the_settings_say(make_engine: Callable[..., Engine],
                                               tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    engine = make_engine()
    assert engine.settings.cache_path == tmp_path / "cache" / "knowledge.db"
    assert engine.settings.cache_path.is_file()
    assert not (tmp_path / "xdg").exists() and not (tmp_path / "home").exists()


def test_an_engine_is_never_built_on_broken_knowledge(make_engine: Callable[..., Engine],
                                                      kb_copy: KnowledgeCopy) -> None:
    kb_copy.edit_release(lambda d: kb_copy.figure(d, "met_referrals_2013").update(value=178))
    with pytest.raises(KnowledgeError, match="value 178"):
        copy_engine(make_engine, kb_copy)


def test_reload_keeps_the_old_knowledge_when_an_edit_is_broken(
        make_engine: Callable[..., Engine], kb_copy: KnowledgeCopy) -> None:
    engine = copy_engine(make_engine, kb_copy)
    before = engine.knowledge
    kb_copy.edit_intent("referrals_rise",
                        lambda i: i.update(answer=["That is 2,159 more referrals."]))
    with pytest.raises(KnowledgeError, match="2,159"):
        engine.reload()
    assert engine.knowledge is before
    a = engine.ask("how much did referrals rise?", now=NOW)
    assert a.intent == "referrals_rise" and "1,155%" in to_text(a)


def test_reload_picks_up_a_good_edit(make_engine: Callable[..., Engine],
                                     kb_copy: KnowledgeCopy) -> None:
    engine = copy_engine(make_engine, kb_copy)
    assert engine.ask("tell me about the purple elephant parade", now=NOW).intent is None
    kb_copy.add_intents("zz_twins.yaml", twins("zz_same", "zz_same")[:1])
    engine.reload()
    assert "zz_a" in engine.intent_ids()
    assert engine.ask("tell me about the purple elephant parade", now=NOW).intent == "zz_a"


def test_surrounding_whitespace_is_ignored(engine: Engine) -> None:
    a = engine.ask("   how much did referrals rise?   \n", now=NOW)
    assert a.intent == "referrals_rise"


# --------------------------------------------------------------------------- the second opinion


def opinion_of(word: str, label: str, weight: float = 4.0) -> Classifier:
    """A classifier with one opinion: a question with ``word`` is ``label``, else none."""
    labels = [FALLBACK, "chair_quote", "referrals_rise", "safeguarding"]
    return Classifier.from_dict({
        "format": FORMAT, "labels": labels, "intercepts": [1.0, 0.0, 0.0, 0.0],
        "features": [[f"w {word}", 1.0, labels.index(label), weight]]})


# The likelihood of an option: the classifier's logit of it, plus 3 when the matcher names it.
W = tuple(1.0 if s == "logit_option" else 3.0 if s == "matcher_names" else 0.0
          for s in SIGNALS) + (0.0,)
RULE = Thresholds(safe=0.9, answer=0.9, offer=0.4, weights=W)


@pytest.fixture
def fresh(make_engine: Callable[..., Engine]) -> Engine:
    return make_engine()


def test_when_the_two_opinions_agree_the_engine_answers(fresh: Engine) -> None:
    fresh.use_model(opinion_of("increase", "referrals_rise"), RULE)
    answer = fresh.ask("what was the percentage increase in trafficking referrals?", now=NOW)
    assert answer.intent == "referrals_rise"


def test_when_they_disagree_the_engine_offers_both(fresh: Engine) -> None:
    fresh.use_model(opinion_of("increase", "chair_quote", weight=3.0), RULE)
    question = "what was the percentage increase in trafficking referrals?"
    assert fresh.matcher_answer(question, now=NOW)[0].intent == "referrals_rise"
    answer = fresh.ask(question, now=NOW)
    assert answer.kind == "clarify" and answer.intent is None
    assert [s.intent for s in answer.suggestions][:2] == ["referrals_rise", "chair_quote"]


def test_a_did_you_mean_ends_with_the_help_numbers_except_for_the_press(fresh: Engine) -> None:
    fresh.use_model(opinion_of("increase", "chair_quote", weight=3.0), RULE)
    public = fresh.ask("what was the percentage increase in trafficking referrals?", now=NOW)
    assert public.kind == "clarify"
    text = to_text(public)
    assert "999" in text and "08000 121 700" in text
    assert text.index("Did you mean") < text.index("999")  # the question it asks stays first
    press = fresh.ask("journalist here: what was the percentage increase in trafficking "
                      "referrals?", now=NOW)
    assert press.kind == "clarify" and "999" not in to_text(press)


def test_an_unsure_reply_led_by_the_help_numbers_where_safeguarding_ranks_first(
        fresh: Engine) -> None:
    question = "could you tell me what the weather will be like in Leeds tomorrow afternoon?"
    fresh.use_model(opinion_of("weather", "chair_quote", weight=2.0), RULE)
    plain = to_text(fresh.ask(question, now=NOW))
    assert not plain.startswith("Worried")  # ends with them (a "did you mean")
    fresh.use_model(opinion_of("weather", "safeguarding", weight=2.0), RULE)  # first, unsure
    answer = fresh.ask(question, now=NOW)
    text = to_text(answer)
    assert answer.kind in ("fallback", "clarify") and answer.intent is None, text
    assert text.startswith("Worried") and text.count("08000 121 700") == 1, text
    press = fresh.ask("journalist here: " + question, now=NOW)
    assert not to_text(press).startswith("Worried")  # the press's line is theirs


def test_a_sure_classifier_overrides_the_matcher(fresh: Engine) -> None:
    fresh.use_model(opinion_of("increase", "chair_quote", weight=8.0), RULE)
    answer = fresh.ask("what was the percentage increase in trafficking referrals?", now=NOW)
    assert answer.intent == "chair_quote"


def test_when_neither_is_confident_the_engine_falls_back(fresh: Engine) -> None:
    question = "could you tell me what the weather will be like in Leeds tomorrow afternoon?"
    fresh.use_model(opinion_of("weather", FALLBACK), RULE)
    assert fresh.ask(question, now=NOW).kind == "fallback"
    fresh.use_model(opinion_of("weather", "chair_quote", weight=0.5), RULE)  # below offer
    assert fresh.ask(question, now=NOW).kind == "fallback"
    fresh.use_model(opinion_of("weather", "chair_quote", weight=2.0), RULE)  # below answer
    answer = fresh.ask(question, now=NOW)
    assert answer.kind == "clarify" and [s.intent for s in answer.suggestions] == ["chair_quote"]
    fresh.use_model(opinion_of("weather", "chair_quote", weight=8.0), RULE)  # sure alone
    assert fresh.ask(question, now=NOW).intent == "chair_quote"


def test_a_safeguarding_answer_is_never_demoted(fresh: Engine) -> None:
    fresh.use_model(opinion_of("neighbour", FALLBACK, weight=20.0),
                    Thresholds(answer=0.0, offer=0.0, weights=W))
    answer = fresh.ask("my neighbour's cleaner is locked in and never gets paid, what do I do",
                       now=NOW)
    assert answer.intent == "safeguarding"


def test_the_classifier_alone_can_give_the_safeguarding_answer(fresh: Engine) -> None:
    question = "is it normal that the lads in the shed are always there"
    assert fresh.matcher_answer(question, now=NOW)[0].kind == "fallback"
    fresh.use_model(opinion_of("shed", "safeguarding", weight=8.0), RULE)
    assert fresh.ask(question, now=NOW).intent == "safeguarding"


def test_a_follow_up_without_its_conversation_is_the_matchers_alone(fresh: Engine) -> None:
    fresh.use_model(opinion_of("2018", "chair_quote", weight=20.0), RULE)
    assert fresh.ask("and in 2018?", now=NOW).kind == "fallback"


def test_a_short_follow_up_in_a_conversation_is_the_matchers_alone(fresh: Engine) -> None:
    # "and who by?" after "when was this published": the classifier reads the one message and
    # was never trained on follow-ups, so its reading does not overrule the matcher's.
    labels = [FALLBACK, "chair_quote", "release_publisher"]
    fresh.use_model(Classifier.from_dict({
        "format": FORMAT, "labels": labels, "intercepts": [1.0, 0.0, 0.0],
        "features": [["w who", 1.0, 1, 20.0]]}), RULE)
    conv = Conversation()
    fresh.ask("when was this published", conversation=conv, now=NOW)
    assert fresh.ask("and who by?", conversation=conv, now=NOW).intent == "release_publisher"


def test_a_fragment_answered_with_the_previous_topics_words_is_heard_for_the_fallback_alone(
        fresh: Engine) -> None:
    # "and how long did that take?" after the rise: the matcher reads it only by carrying the
    # rise's words over. Where the rule, weighing that answer, would not even offer it (the
    # classifier reads the message as asking nothing the release answers), the fallback; a
    # classifier that reads another class does not replace the matcher's reading of a fragment.
    first, fragment = "how much did referrals rise?", "and how long did that take?"
    conv = Conversation()
    fresh.ask(first, conversation=conv, now=NOW)
    kept = fresh.matcher_answer(fragment, conversation=conv, now=NOW)
    assert kept.leans and kept.carried and kept.answer.intent == "referrals_rise"
    for label, kind in ((FALLBACK, "fallback"), ("chair_quote", "answer"),
                        ("referrals_rise", "answer")):
        fresh.use_model(None, RULE)  # the rise answered as the matcher reads it
        conv = Conversation()
        fresh.ask(first, conversation=conv, now=NOW)
        fresh.use_model(opinion_of("long", label, weight=20.0), RULE)
        answer = fresh.ask(fragment, conversation=conv, now=NOW)
        assert answer.kind == kind and answer.intent in (None, "referrals_rise"), label


def test_a_question_pointing_back_that_the_conversation_does_not_answer_is_weighed(
        fresh: Engine) -> None:
    # "is that a lot compared to other places" after London's share: "that" points back, but
    # the matcher reads nothing in it even with the conversation, so the rule weighs the
    # classifier's reading as for any question instead of keeping the matcher's fallback (a
    # fragment, "and who by?", is still the matcher's alone: the test above).
    conv = Conversation()
    fresh.ask("what share of the cases were in london", conversation=conv, now=NOW)
    question = "is that a lot compared to other places"
    assert fresh.matcher_answer(question, conversation=conv, now=NOW)[0].kind == "fallback"
    fresh.use_model(opinion_of("places", "chair_quote", weight=20.0), RULE)  # any class
    answer = fresh.ask(question, conversation=conv, now=NOW)
    assert answer.intent == "chair_quote", to_text(answer)


def test_a_whole_question_pointing_back_that_the_matcher_reads_alone_is_weighed(
        fresh: Engine) -> None:
    # "that" points back, but the matcher reads the question as it would with no conversation
    # (the conversation neither changes its answer nor rereads the question, and it is no
    # fragment), so the classifier's reading of the one message is as good a reading of the
    # question asked: the rule weighs both.
    conv = Conversation()
    fresh.ask("when was this published", conversation=conv, now=NOW)
    question = "was that when the chair said the rise was shocking?"
    kept = fresh.matcher_answer(question, conversation=conv, now=NOW)
    assert kept.answer.intent == "chair_quote" and not kept.leans
    fresh.use_model(opinion_of("shocking", FALLBACK, weight=20.0), RULE)
    assert fresh.ask(question, conversation=conv, now=NOW).kind == "fallback"


def test_a_reread_question_the_matcher_cannot_answer_is_weighed(fresh: Engine) -> None:
    # Read as asked by whom the asker said they are, the matcher still has no answer: that
    # reading is no reason to keep its fallback, so the classifier's reading is heard.
    conv = Conversation()
    fresh.ask("I'm a researcher on a TV documentary", conversation=conv, now=NOW)
    question = "who do I ask about getting an interview for the film"
    kept = fresh.matcher_answer(question, conversation=conv, now=NOW)
    assert kept.answer.kind == "fallback" and not kept.leans
    assert kept.features != fresh.matcher.features(question)  # reread: who is asking
    fresh.use_model(opinion_of("interview", "chair_quote", weight=20.0), RULE)
    assert fresh.ask(question, conversation=conv, now=NOW).intent == "chair_quote"


def test_an_intent_the_model_never_saw_is_the_matchers_alone(
        make_engine: Callable[..., Engine], kb_copy: KnowledgeCopy) -> None:
    kb_copy.add_intents("zz.yaml", twins("zz_family", "zz_family")[:1])
    engine = copy_engine(make_engine, kb_copy)
    engine.use_model(opinion_of("purple", FALLBACK, weight=20.0), Thresholds(answer=0.0, weights=W))
    assert engine.ask("tell me about the purple elephant parade", now=NOW).intent == "zz_a"


def test_a_grounded_answer_the_classifier_reads_otherwise_is_offered_with_its_reading(
        fresh: Engine) -> None:
    # A fact-check naming a figure by its value is answered with that figure whatever the rule
    # says; when the classifier reads the message as another question, the two independent
    # opinions disagree, so both are offered ("did you mean"), the figure first.
    question = "is it true there were 2,346 referrals in 2018, up from 2013?"
    matched = fresh.matcher_answer(question, now=NOW)
    assert matched[1] and matched[0].intent == "referrals_rise"
    fresh.use_model(opinion_of("true", "chair_quote", weight=8.0), RULE)
    answer = fresh.ask(question, now=NOW)
    assert answer.kind == "clarify" and answer.intent is None
    assert [s.intent for s in answer.suggestions][:2] == ["referrals_rise", "chair_quote"]


def test_a_grounded_answer_stands_when_the_classifier_agrees_or_reads_nothing(
        fresh: Engine) -> None:
    question = "is it true there were 2,346 referrals in 2018, up from 2013?"
    fresh.use_model(opinion_of("true", "referrals_rise", weight=8.0), RULE)
    assert fresh.ask(question, now=NOW).intent == "referrals_rise"
    fresh.use_model(opinion_of("true", FALLBACK, weight=8.0), RULE)
    assert fresh.ask(question, now=NOW).intent == "referrals_rise"
    # Nor does a safeguarding reading below ``safe`` unseat it (rule 2 is the rule's own).
    fresh.use_model(opinion_of("true", "safeguarding", weight=1.0), RULE)
    assert fresh.ask(question, now=NOW).intent == "referrals_rise"


def test_a_grounded_answer_in_two_parts_with_a_line_is_led_by_the_line(fresh: Engine) -> None:
    # "is 187 the right 2013 figure? and who at the press office can confirm it": the figure is
    # grounded, the second part is the press line; whichever part the classifier reads as the
    # message's question, the line asked for leads the same two answers (bot.twopart.leads).
    question = "is 187 the right 2013 figure? and who at the press office can confirm it"
    matched = fresh.matcher_answer(question, now=NOW)
    assert matched[1] and matched[0].intent == "contact_media"
    labels = [FALLBACK, "contact_media", "referrals_2013"]
    for label in labels[1:]:
        fresh.use_model(Classifier.from_dict({
            "format": FORMAT, "labels": labels, "intercepts": [1.0, 0.0, 0.0],
            "features": [["w confirm", 1.0, labels.index(label), 8.0]]}), RULE)
        answer = fresh.ask(question, now=NOW)
        assert answer.intent == "contact_media"
        assert "187" in to_text(answer) and "020 7983 4067" in to_text(answer)


def test_the_shipped_model_answers_plain_questions(engine: Engine) -> None:
    assert engine.opinion is not None
    for question, intent in [
            ("by what percentage did trafficking referrals climb in the capital", "referrals_rise"),
            ("what did the committee ask the mayor to do?", "recommendations_all"),
            ("my cousin works in a car wash and they took his passport", "safeguarding")]:
        assert engine.ask(question, now=NOW).intent == intent, question


def test_between_care_and_safe_the_answer_carries_the_help_line(fresh: Engine) -> None:
    """The classifier ranks safeguarding first, less than ``safe`` but at least ``care`` sure:
    the question is answered as the rule decides, with the help numbers added in one line."""
    question = "what was the percentage increase in trafficking referrals?"
    rule = replace(RULE, answer=0.5)
    fresh.use_model(opinion_of("increase", "safeguarding", weight=2.0), rule)  # about 0.61
    plain = fresh.ask(question, now=NOW)
    assert plain.intent == "referrals_rise" and "not from the release" not in to_text(plain)
    fresh.use_model(opinion_of("increase", "safeguarding", weight=2.0), replace(rule, care=0.5))
    answer = fresh.ask(question, now=NOW)
    assert answer.intent == "referrals_rise" and answer.kind == plain.kind
    text = to_text(answer)
    assert text.startswith(to_text(plain)[:40]) and "not from the release" in text


def test_rule_2_is_heard_on_a_fallback_the_matcher_keeps_unless_it_names_another_subject(
        fresh: Engine) -> None:
    """A fragment the matcher keeps for itself ("and the wages?") is answered by the classifier
    when it is at least ``safe`` sure of the help numbers (rule 2), with no sign of harm the
    safety layer read; not where the fragment names a subject the release does not cover (an
    off-topic word, no sign of harm), nor below ``safe``."""
    fragment, elsewhere = "and the wages?", "and my housing benefit wages?"
    for question in (fragment, elsewhere):
        kept = fresh.matcher_answer(question, now=NOW)
        assert kept.leans and kept.answer.kind == "fallback" and not kept.harm
    assert fresh.matcher_answer(elsewhere, now=NOW).features.offtopic
    fresh.use_model(opinion_of("wages", "safeguarding", weight=8.0), RULE)
    assert fresh.ask(fragment, now=NOW).kind == "safeguarding"
    assert fresh.ask(elsewhere, now=NOW).kind == "fallback"
    fresh.use_model(opinion_of("wages", "safeguarding", weight=8.0), replace(RULE, safe=1.0))
    assert fresh.ask(fragment, now=NOW).kind == "fallback"


def test_another_language_with_a_sign_of_harm_always_gets_the_help_numbers(
        fresh: Engine) -> None:
    fresh.use_model(opinion_of("salir", "referrals_rise", weight=20.0),
                    Thresholds(answer=0.0, offer=0.0, weights=W))
    answer = fresh.ask("Trabajo sin sueldo y no me dejan salir de la casa", now=NOW)
    assert answer.intent == "safeguarding"
