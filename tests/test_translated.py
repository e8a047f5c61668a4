"""A message in another language the reader renders in part is heard by the classifier in the
reader's English words (bot.translated), unless the safety layer reads harm in it. Phrasings
written for these tests, not taken from any set."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.engine import Engine
from bot.translated import in_another_language, known_asker, translated, unrendered

WEEKDAY = dt.datetime(2020, 2, 3, 10, 0)

ASKED = [
    ("Wer ist der Vorsitzende des Ausschusses?", "chair_who"),  # German
    ("Quién es el presidente del comité?", "chair_who"),  # Spanish
    ("Ποιος είναι ο πρόεδρος της επιτροπής;", "chair_who"),  # Greek
    ("Кто председатель комитета?", "chair_who"),  # Russian
    ("Basın ofisinin telefon numarası nedir? Gazeteciyim.", "contact_media"),  # Turkish
]


@pytest.mark.parametrize(("message", "intent"), ASKED)
def test_a_question_in_another_language_is_answered(engine: Engine, message: str,
                                                    intent: str) -> None:
    assert engine.ask(message, now=WEEKDAY).intent == intent


def test_the_classifier_hears_the_readers_rendering(engine: Engine) -> None:
    message = "Wer ist der Vorsitzende des Ausschusses?"
    heard = translated(engine.matcher, message)
    assert heard != message and "chair" in heard.split() and "committee" in heard.split()


@pytest.mark.parametrize("message", [
    "mi jefe se queda con mi pasaporte y no me paga, a quién puedo llamar?",  # Spanish
    "Mój szef zabrał mój paszport i nie płaci mi, do kogo mam zadzwonić?",  # Polish
])
def test_harm_told_in_another_language_is_heard_as_typed(engine: Engine, message: str) -> None:
    assert translated(engine.matcher, message) == message
    assert engine.ask(message, now=WEEKDAY).kind == "safeguarding"


def test_english_is_heard_as_typed(engine: Engine) -> None:
    message = "who is the chair of the committee?"
    assert not in_another_language(engine.matcher, message)
    assert translated(engine.matcher, message) == message


def test_a_message_read_only_in_part_leaves_its_unrendered_words(engine: Engine) -> None:
    """'Quién' and 'comunicado de prensa' rendered; 'publicó' (no misspelling of 'public': a
    letter English does not write) and 'este' left: as many as the words read."""
    left, read = unrendered(engine.matcher, "¿Quién publicó este comunicado de prensa?")
    assert left == ["publicó", "este"] and read == 2


def test_misspelt_english_is_read_not_left(engine: Engine) -> None:
    left, _ = unrendered(engine.matcher, "natonal referal mechansim numbers")
    assert left == []


def test_a_words_vowel_signs_are_not_letters_of_their_own(engine: Engine) -> None:
    """Hindi: I am not a journalist, what is the press office's number? "मैं" (I) and "हूँ"
    (am) are one letter each with their marks, as short as "el": not counted as words left, so
    the message is read on what was rendered, as a journalist's would be."""
    left, read = unrendered(engine.matcher, "मैं पत्रकार हूँ, प्रेस ऑफिस का नंबर क्या है?")
    assert "मैं" not in left and "हूँ" not in left and read >= len(left)


def test_a_newspaper_in_hindi_is_no_letter(engine: Engine) -> None:
    """"समाचार पत्र" (newspaper) holds "पत्र" (letter): who asks, not the letter's summary."""
    message = "मैं समाचार पत्र से हूँ, किससे संपर्क करूं?"  # I'm from a newspaper: whom to contact?
    assert "letter" not in engine.matcher.features(message).terms
    assert engine.ask(message, now=WEEKDAY).intent != "letter"


def test_a_message_read_only_in_part_is_not_answered_on_the_part_read(engine: Engine) -> None:
    """Spanish: who published this press release? Not the public's line on 'who' and a false
    friend; a question with one word left ("Кто председатель комитета?") is answered (ASKED)."""
    m = engine.matcher_answer("¿Quién publicó este comunicado de prensa?", now=WEEKDAY)
    assert (m.answer.kind, m.unread) == ("fallback", True)


def test_a_message_read_in_part_from_the_press_gets_the_press_lines(engine: Engine) -> None:
    """Who asks said in the message's own words ("Gazeteciyim": I am a journalist)."""
    f = engine.matcher.features("Ποιος δημοσίευσε αυτό το δελτίο τύπου; Gazeteciyim.")
    assert known_asker(f, None, True).audience == "media"
    f = engine.matcher.features("Ποιος δημοσίευσε αυτό το δελτίο τύπου;")
    assert known_asker(f, None, True).audience == ""
    assert known_asker(f, None, False).audience == f.audience  # a message read: as read


def test_who_asks_and_where_in_german_are_rendered(engine: Engine) -> None:
    # "im" is German's "in the" before a place, not "I'm"; "ich schreibe für" says who asks.
    message = ("Guten Tag, ich schreibe für ein Magazin in Köln. Wie viele Menschen wurden im "
               "Vereinigten Königreich 2017 verwiesen?")
    heard = translated(engine.matcher, message).split()
    assert {"write", "uk", "people", "referred"} <= set(heard) and "am" not in heard
    assert engine.ask(message, now=WEEKDAY).intent == "nrm_total"


@pytest.mark.parametrize(("message", "intent"), [
    ("ما هو مصدر هذه الأرقام؟", "figure_sources"),  # what is the source of these figures?
    ("متى نشر البيان الصحفي؟", "release_date"),  # when was the press release published?
    ("من هو رئيس اللجنة؟", "chair_who"),  # who is the committee's chair?
])
def test_a_question_in_arabic_is_answered(engine: Engine, message: str, intent: str) -> None:
    assert engine.ask(message, now=WEEKDAY).intent == intent


def test_harm_told_in_arabic_still_gets_the_safeguarding_answer(engine: Engine) -> None:
    # "What do I do? My brother works in a restaurant and is not allowed out."
    answer = engine.ask("ماذا أفعل؟ أخي يعمل في مطعم ولا يسمح له بالخروج", now=WEEKDAY)
    assert answer.intent == "safeguarding"


@pytest.mark.parametrize(("message", "intent"), [
    # How many people were referred to the NRM in 2017?
    ("Сколько человек было направлено в NRM в 2017 году?", "nrm_total"),
    # When was the press release published?
    ("Когда был опубликован пресс-релиз?", "release_date"),
    # Which recommendations did the committee make? (Ukrainian)
    ("Які рекомендації комітету?", "recommendations_all"),
])
def test_a_question_in_russian_or_ukrainian_is_answered(engine: Engine, message: str,
                                                        intent: str) -> None:
    assert engine.ask(message, now=WEEKDAY).intent == intent


def test_a_journalists_question_in_swahili_is_answered(engine: Engine) -> None:
    # "Hello, I am a journalist. How many people were referred to the NRM in 2017?"
    message = "Habari, mimi ni mwandishi wa habari. Ni watu wangapi walipelekwa NRM mwaka 2017?"
    assert engine.ask(message, now=WEEKDAY).intent == "nrm_total"


@pytest.mark.parametrize(("message", "intent"), [
    # "Good morning, I am a journalist (f.). Who is the committee's chair?"
    ("Dzień dobry, jestem dziennikarką. Kto jest przewodniczącym komisji?", "chair_who"),
    # "Can I interview the chair?"
    ("Czy mogę przeprowadzić wywiad z przewodniczącym?", "interview_request"),
])
def test_a_journalists_question_in_polish_is_answered(engine: Engine, message: str,
                                                      intent: str) -> None:
    assert engine.ask(message, now=WEEKDAY).intent == intent


@pytest.mark.parametrize("message", [
    "спасибо большое",  # Russian: thank you very much
    "ধন্যবাদ আপনাকে",  # Bengali: thank you
    "asante sana",  # Swahili: thank you very much
    "நன்றி",  # Tamil: thanks
])
def test_thanks_in_another_language_is_read_as_thanks(engine: Engine, message: str) -> None:
    assert "thanks" in engine.matcher.features(message).terms
