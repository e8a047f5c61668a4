"""Tests for bot/provenance.py: every sentence a release's data quotes must be in its text, every
reference must resolve, and intents' templates may name only existing knowledge and type in no
numbers of their own; each broken edit is refused naming the file, the field and the reason."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from bot.engine import Engine
from bot.errors import KnowledgeError
from bot.provenance import check_intents
from tests.conftest import BUS, INTENTS_DIR, assert_names, load_error

if TYPE_CHECKING:
    from conftest import KnowledgeCopy


def test_figure_sentence_not_in_the_release(kb_copy: KnowledgeCopy) -> None:
    n = kb_copy.figure_index("met_referrals_2013")

    def change(data: dict[str, Any]) -> None:
        f = kb_copy.figure(data, "met_referrals_2013")
        f["sentence"] = f["sentence"].replace("made in London", "made in Greater London")

    kb_copy.edit_release(change)
    assert_names(load_error(kb_copy), kb_copy.release_yaml, f"figures.{n}.sentence",
                 "not found verbatim in release.txt")


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("recommendations.1.sentence",
         lambda d: d["recommendations"][1].update(sentence=d["recommendations"][1]["sentence"]
                                                  .replace("more detectives", "many detectives"))),
        ("quotes.0.paragraphs.0",
         lambda d: d["quotes"][0]["paragraphs"].__setitem__(
             0, d["quotes"][0]["paragraphs"][0].replace("It’s clear", "It is clear"))),
        ("recommendations_intro",
         lambda d: d.update(recommendations_intro="The letter makes these recommendations:")),
        ("contacts.0.phone", lambda d: d["contacts"][0].update(phone="020 7983 4068")),
        ("notes.1.text", lambda d: d["notes"][1].update(text="The chair is not available.")),
        ("accessibility.sentence",
         lambda d: d["accessibility"].update(
             sentence=d["accessibility"]["sentence"].replace("5 working", "3 working"))),
    ],
)
def test_other_quoted_text_must_be_verbatim(kb_copy: KnowledgeCopy, field: str,
                                            change: Callable[[dict[str, Any]], None]) -> None:
    kb_copy.edit_release(change)
    assert_names(load_error(kb_copy), kb_copy.release_yaml, field,
                 "not found verbatim in release.txt")


def test_unknown_source_reference(kb_copy: KnowledgeCopy) -> None:
    kb_copy.edit_release(lambda d: d["figures"][0].update(source="the_guardian"))
    assert_names(load_error(kb_copy), kb_copy.release_yaml, "figures.0.source",
                 "unknown source 'the_guardian'")


def test_derived_figure_of_an_unknown_figure(kb_copy: KnowledgeCopy) -> None:
    kb_copy.edit_release(lambda d: d["derived"][0].update(of=["met_referrals_2019",
                                                              "met_referrals_2013"]))
    assert_names(load_error(kb_copy), kb_copy.release_yaml, "derived.0.of",
                 "unknown figure 'met_referrals_2019'")


def test_edited_release_text_is_caught(kb_copy: KnowledgeCopy) -> None:
    """The text is the ground truth: changing it under the data is caught too."""
    text = kb_copy.release_dir / "release.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("2,346", "2,364"), encoding="utf-8")
    message = load_error(kb_copy)
    assert str(kb_copy.release_yaml) in message and "not found verbatim" in message


def test_template_with_a_typed_in_number(kb_copy: KnowledgeCopy) -> None:
    path = kb_copy.edit_intent("referrals_rise",
                               lambda i: i.update(answer=["That is 2,159 more referrals."]))
    assert_names(load_error(kb_copy), path, "referrals_rise.answer.0",
                 "the number 2,159 is not in the release")


def test_template_with_a_typed_in_derived_share(kb_copy: KnowledgeCopy) -> None:
    path = kb_copy.edit_intent("nrm_london_share",
                               lambda i: i.update(answer=["That is about 1,540 people."]))
    assert_names(load_error(kb_copy), path, "nrm_london_share.answer.0",
                 "the number 1,540 is not in the release")


def test_template_with_a_number_that_is_only_part_of_a_release_number(
        kb_copy: KnowledgeCopy) -> None:
    kb_copy.edit_intent("referrals_rise",
                        lambda i: i.update(answer=["Referrals rose by 18 per cent a year."]))
    assert "the number 18 is not in the release" in load_error(kb_copy)


def test_template_placeholder_to_an_unknown_figure(kb_copy: KnowledgeCopy) -> None:
    path = kb_copy.edit_intent("referrals_rise", lambda i: i.update(
        answer=["In 2019 there were {fig:met_referrals_2019} referrals."]))
    assert_names(load_error(kb_copy), path, "referrals_rise.answer.0",
                 "unknown placeholder {fig:met_referrals_2019}")


def test_template_placeholder_to_an_unknown_calculation(kb_copy: KnowledgeCopy) -> None:
    path = kb_copy.edit_intent("referrals_rise",
                               lambda i: i.update(answer=["{calc:met_referrals_sum}"]))
    assert_names(load_error(kb_copy), path, "referrals_rise.answer.0",
                 "unknown placeholder {calc:met_referrals_sum}")


def test_template_that_drops_the_qualifier_more_than(kb_copy: KnowledgeCopy) -> None:
    def drop(intent: dict[str, Any]) -> None:
        intent["answer"] = [re.sub(r"(?i)more than\s+(\{fig:nrm_london_share_2017\})", r"\1", a)
                            for a in intent["answer"]]

    original = kb_copy.read_yaml(kb_copy.intent_file("nrm_total"))
    path = kb_copy.edit_intent("nrm_total", drop)
    assert kb_copy.read_yaml(path) != original, "the template no longer says 'more than'"
    message = load_error(kb_copy)
    assert message.startswith(f"{path}: nrm_total.answer.")
    assert "{fig:nrm_london_share_2017} must follow its qualifier 'more than'" in message


def test_followup_to_an_unknown_intent(kb_copy: KnowledgeCopy) -> None:
    path = kb_copy.edit_intent("nrm_total", lambda i: i.update(followups=["nrm_totl"]))
    assert_names(load_error(kb_copy), path, "nrm_total.followups", "unknown intent 'nrm_totl'")


def test_an_unknown_sentence_placeholder_is_refused(two: Engine) -> None:
    card = two.knowledge.card("figure", "bus_assaults_2020", BUS)
    assert card is not None
    bad = card.model_copy(update={"answer": ["{sentence:no_such_figure}"]})
    with pytest.raises(KnowledgeError, match="unknown placeholder"):
        check_intents([bad], two.knowledge.releases, {bad.id: Path("types.yaml")})


def test_a_quote_placeholder_must_name_a_quote_the_release_has(two: Engine) -> None:
    card = two.knowledge.card("quote", "", BUS)
    assert card is not None
    bad = card.model_copy(update={"answer": ["{quote:2}"]})
    with pytest.raises(KnowledgeError, match="unknown placeholder"):
        check_intents([bad], two.knowledge.releases, {bad.id: INTENTS_DIR / "types.yaml"})
