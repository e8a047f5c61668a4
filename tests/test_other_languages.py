"""Questions in languages and scripts the reader does not read: a question about the release
with no sign of harm gets the honest fallback (999 and the helpline first, then that the message
could not be read), not the safeguarding answer the classifier's guess would give; a message
that tells of harm in its own language (no pay, documents taken, not let go, locked in, beaten)
gets the safeguarding answer from the safety layer. Phrasings written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.engine import Engine
from bot.render import to_text

HELP = ("999", "08000 121 700")
WEEKDAY = dt.datetime(2020, 2, 3, 10, 0)

ABOUT_THE_RELEASE = [
    # Armenian: what is the press office's phone number? (Bengali and Kannada, now read, in
    # test_indic.py and test_cjk.py)
    "Ո՞րն է մամուլի գրասենյակի հեռախոսահամարը:",
    "Кому я можу зателефонувати в пресслужбу?",  # Ukrainian: whom can I call at the press office?
]

HARM_TOLD = [
    "Ο ξάδερφός μου δουλεύει σε μια κουζίνα και δεν τον πληρώνουν εδώ και μήνες.",  # Greek
    "Moje teta uklízí v jednom domě, vzali jí pas a nesmí odejít.",  # Czech
    "Amca oğlum bir fabrikada çalışıyor, patron maaşını vermiyor ve onu dövüyor.",  # Turkish
    "Мого брата тримають на фермі і не відпускають, що робити?",  # Ukrainian
    "Saaxiibkay wuxuu ka shaqeeyaa beer, lacag lama siiyo.",  # Somali
    "என் தம்பியின் பாஸ்போர்ட்டை முதலாளி எடுத்துக்கொண்டார்.",  # Tamil
]


@pytest.mark.parametrize("message", ABOUT_THE_RELEASE)
def test_a_question_not_read_with_no_sign_of_harm_is_the_fallback(engine: Engine,
                                                                   message: str) -> None:
    answer = engine.ask(message, now=WEEKDAY)
    text = to_text(answer)
    assert answer.kind == "fallback", text
    assert text.index(HELP[0]) < text.index(HELP[1])  # still the help numbers first


@pytest.mark.parametrize("message", HARM_TOLD)
def test_harm_told_in_another_language_gets_999_and_the_helpline(engine: Engine,
                                                                  message: str) -> None:
    answer = engine.ask(message, now=WEEKDAY)
    text = to_text(answer)
    assert answer.kind == "safeguarding", text
    assert text.index(HELP[0]) < text.index(HELP[1])


def test_a_question_the_lexicon_renders_is_answered(engine: Engine) -> None:
    """Arabic the lexicon now reads (bot.translated): the press office's number, answered."""
    answer = engine.ask("ما هو رقم المكتب الصحفي؟", now=WEEKDAY)  # the press office's number?
    assert answer.intent == "contact_media", to_text(answer)
