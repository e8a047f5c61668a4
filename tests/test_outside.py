"""Tests for bot.outside: the bank of questions the release does not answer loads as the
classifier's fallback examples and nothing else (no intent, nothing the matcher reads), and a
bad edit (no question type, an empty line, the same question twice, an intent's own example)
is refused with the file, the field and the reason."""

from __future__ import annotations

from pathlib import Path

from bot import knowledge as kb
from bot.classifier import FALLBACK
from bot.engine import Engine
from bot.outside import OUTSIDE_FILE, same_question
from bot.training import examples
from tests.conftest import INTENTS_DIR, KnowledgeCopy, assert_names, load_error


def bank(copy: KnowledgeCopy) -> Path:
    return copy.intents / OUTSIDE_FILE


def edit_bank(copy: KnowledgeCopy, lines: list[str]) -> Path:
    data = copy.read_yaml(bank(copy))
    data["examples"] = lines
    copy.write_yaml(bank(copy), data)
    return bank(copy)


def test_the_bank_is_read_and_is_fallback_training_data_only(engine: Engine) -> None:
    outside = engine.knowledge.outside
    assert len(outside) >= 500
    found = examples([], list(engine.knowledge.intents), outside)
    from_bank = found[-len(outside):]
    assert [e.text for e in from_bank] == outside
    assert {(e.label, e.group) for e in from_bank} == {(FALLBACK, "intents")}


def test_the_bank_adds_no_intent(engine: Engine, kb_copy: KnowledgeCopy) -> None:
    bank(kb_copy).unlink()
    without = kb.load_from_files(kb_copy.knowledge, kb_copy.intents)
    assert without.outside == []
    assert [i.id for i in without.intents] == [i.id for i in engine.knowledge.intents]


def test_the_bank_file_says_who_wrote_it() -> None:
    header = (INTENTS_DIR / OUTSIDE_FILE).read_text(encoding="utf-8").split("\ntype:")[0]
    assert "4 December 2026" in header and "WRITING.md" in header
    assert "general wording" in header


def test_a_bank_without_its_question_type_is_refused(kb_copy: KnowledgeCopy) -> None:
    data = kb_copy.read_yaml(bank(kb_copy))
    del data["type"]
    kb_copy.write_yaml(bank(kb_copy), data)
    assert_names(load_error(kb_copy), bank(kb_copy), "type", "Field required")


def test_an_empty_line_is_refused(kb_copy: KnowledgeCopy) -> None:
    path = edit_bank(kb_copy, ["what was the figure in 2015?", "  "])
    assert_names(load_error(kb_copy), path, "examples.1", "an empty line")


def test_the_same_question_twice_is_refused(kb_copy: KnowledgeCopy) -> None:
    path = edit_bank(kb_copy, ["what was the figure in 2015?", "is it raining?",
                               "What was the figure in 2015"])
    assert_names(load_error(kb_copy), path, "examples.2", "repeats examples.0")


def test_an_intents_own_example_is_refused(engine: Engine, kb_copy: KnowledgeCopy) -> None:
    intent = engine.knowledge.intent("chair_who")
    path = edit_bank(kb_copy, ["is it raining?", intent.examples[0].upper()])
    assert_names(load_error(kb_copy), path, "examples.1", "also an example of the intent "
                 "'chair_who'")


def test_questions_compare_without_case_punctuation_or_spacing() -> None:
    assert same_question("Who  is the chair?") == same_question("who is the chair")
    assert same_question("😂😂😂") != same_question("🙂")
