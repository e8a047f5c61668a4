"""Questions in the Indic scripts are read as words: a vowel sign or virama (Unicode's category M)
after a letter is part of its word, and the lexicon renders the common words of a question
(bot.punctuation, bot.reading, intents/lexicon.yaml). Phrasings written for these tests, not
taken from any set."""

from __future__ import annotations

import datetime as dt

import pytest

from bot import punctuation
from bot.engine import Engine
from bot.translated import unrendered

WEEKDAY = dt.datetime(2020, 2, 3, 10, 0)


def test_a_word_keeps_its_vowel_signs_and_virama() -> None:
    assert punctuation.plain("पत्रकार? कितने लोग।").split() == ["पत्रकार", "कितने", "लोग"]
    assert punctuation.LETTERS.findall("সাংবাদিক, ਪੱਤਰਕਾਰ") == ["সাংবাদিক", "ਪੱਤਰਕਾਰ"]


def test_a_mark_with_no_letter_before_it_is_still_a_space() -> None:
    assert punctuation.plain("\u0301abc \u093edef").split() == ["abc", "def"]


@pytest.mark.parametrize(("message", "words"), [
    ("पत्रकार", ["journalist"]),  # Hindi: the virama in the word
    ("সাংবাদিক", ["journalist"]),  # Bengali
    ("ਲੰਡਨ ਪੁਲਿਸ", ["london", "police"]),  # Gurmukhi
    ("எத்தனை", ["howmany"]),  # Tamil
    ("මාධ්\u200dයවේදියා", ["journalist"]),  # Sinhala: the zero-width joiner of a conjunct
])
def test_indic_words_are_rendered(engine: Engine, message: str, words: list[str]) -> None:
    assert engine.matcher.reader.normalise(message).split() == words


@pytest.mark.parametrize(("message", "intent"), [
    ("2018 में लंदन में कितने रेफ़रल हुए?", "referrals_2018"),  # Hindi
    ("লন্ডনে ২০১৩ থেকে ২০১৮ রেফারাল কত বৃদ্ধি?", "referrals_rise"),  # Bengali
    ("ਮੈਂ ਪੱਤਰਕਾਰ ਹਾਂ। ਪ੍ਰੈਸ ਦਫ਼ਤਰ ਦਾ ਨੰਬਰ ਕੀ ਹੈ?", "contact_media"),  # Punjabi
    ("समिति के अध्यक्ष कौन हैं?", "chair_who"),  # Hindi
    ("প্রেস অফিসের ফোন নম্বর কী?", "contact_media"),  # Bengali (not read before)
    ("আমি একজন সাংবাদিক, প্রেস অফিসের ফোন নম্বর কী?", "contact_media"),
])
def test_a_question_in_an_indic_script_is_answered(engine: Engine, message: str,
                                                   intent: str) -> None:
    assert engine.ask(message, now=WEEKDAY).intent == intent


def test_not_a_journalist_said_after_the_word_is_not_the_press(engine: Engine) -> None:
    message = "मैं पत्रकार नहीं हूँ, किस नंबर पर फ़ोन करूँ?"
    assert "nonmedia" in engine.matcher.reader.normalise(message).split()
    assert engine.ask(message, now=WEEKDAY).intent != "contact_media"


def test_an_indic_word_left_unread_is_counted_whole(engine: Engine) -> None:
    left, read = unrendered(engine.matcher, "इस दस्तावेज़ को किसने लिखा?")
    assert "दस्तावेज़" in left and read == 0


def test_harm_told_in_hindi_still_gets_the_safeguarding_answer(engine: Engine) -> None:
    message = "मेरी बहन का पासपोर्ट मालिक ने ले लिया है और उसे पैसे नहीं देते, मैं क्या करूँ?"
    answer = engine.ask(message, now=WEEKDAY)
    assert answer.intent == "safeguarding"
