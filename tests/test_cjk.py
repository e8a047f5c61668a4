"""Questions in the scripts written without spaces (Chinese, Japanese, Thai...) and in Korean are
cut into the lexicon's words in those scripts (bot.segmenting, bot.reading) and rendered; Kannada
and Odia have their common words too (intents/lexicon.yaml). Harm told in these languages still
gets the safeguarding answer (intents/safety.yaml). Phrasings written for these tests, not taken
from any set."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.engine import Engine
from bot.segmenting import Segmenter

WEEKDAY = dt.datetime(2020, 2, 3, 10, 0)


def test_a_run_is_cut_into_its_longest_known_words() -> None:
    cut = Segmenter({"电话", "电话号码", "号码", "多少", "新闻办公室"})
    assert cut("新闻办公室电话号码是多少").split() == ["新闻办公室", "电话号码", "是", "多少"]


def test_letters_of_no_known_word_stay_together() -> None:
    cut = Segmenter({"多少"})
    assert cut("天气很好").split() == ["天气很好"]
    assert cut("今天天气多少度").split() == ["今天天气", "多少", "度"]


def test_a_word_is_never_cut_before_a_combining_mark() -> None:
    # Thai: "กี" (a letter with its vowel mark) is no word, though "ก" alone is in the list.
    cut = Segmenter({"ก", "กี่"})
    assert cut("กี่").split() == ["กี่"]
    assert cut("กี").split() == ["กี"]


def test_a_run_ends_where_another_script_or_a_digit_starts() -> None:
    cut = Segmenter({"年", "記者"})
    assert cut("2018年").split() == ["2018", "年"]
    assert cut("nhkの記者").split() == ["nhk", "の", "記者"]
    assert cut("referrals in 2018") == "referrals in 2018"  # most messages: as they are


@pytest.mark.parametrize(("message", "words"), [
    ("记者，新闻办公室电话号码是多少？", ["journalist", "pressoffice", "phone", "howmany"]),
    ("런던의 건수는", ["london", "의", "cases", "는"]),  # Korean: the particle left beside its word
    ("ขอเบอร์ติดต่อฝ่ายข่าวหน่อยครับ", ["ขอ", "number", "contact", "pressoffice"]),  # Thai
    ("委員長は誰ですか", ["chair", "who"]),  # Japanese: its particles read as nothing
    ("ಸಮಿತಿಯ ಅಧ್ಯಕ್ಷರು ಯಾರು", ["ಸಮಿತಿಯ", "chair", "who"]),  # Kannada
])
def test_words_of_these_scripts_are_rendered(engine: Engine, message: str,
                                             words: list[str]) -> None:
    assert engine.matcher.reader.normalise(message).split() == words


@pytest.mark.parametrize(("message", "intent"), [
    ("记者，新闻办公室电话号码是多少？", "contact_media"),  # Chinese
    ("ผมเป็นนักข่าว ขอเบอร์โทรฝ่ายข่าวหน่อยครับ", "contact_media"),  # Thai
    ("記者ですが、委員長にインタビューできますか？", "interview_request"),  # Japanese
    ("2013년부터 2018년까지 얼마나 증가했나요?", "referrals_rise"),  # Korean
    ("위원장은 누구예요?", "chair_who"),
    ("ಸಮಿತಿಯ ಅಧ್ಯಕ್ಷರು ಯಾರು?", "chair_who"),  # Kannada
    ("ପତ୍ରକାର ପାଇଁ ଫୋନ ନମ୍ବର କଣ?", "contact_media"),  # Odia
])
def test_a_question_in_these_scripts_is_answered(engine: Engine, message: str,
                                                 intent: str) -> None:
    assert engine.ask(message, now=WEEKDAY).intent == intent


@pytest.mark.parametrize("message", [
    "我朋友在工厂干活，老板把她锁在宿舍里，她很害怕。",  # Chinese: locked in
    # Japanese: locked in, beaten
    "姉が工場で閉じ込められて、殴られています。どうすればいいですか。",
    "우리 언니가 식당에서 갇혀서 일하고 있어요. 어떻게 해야 하나요?",  # Korean: locked in
    "เพื่อนของฉันถูกบังคับให้ทำงานโดยไม่ได้รับเงิน ควรโทรหาใคร",  # Thai: forced, unpaid
])
def test_harm_told_in_these_languages_gets_the_safeguarding_answer(engine: Engine,
                                                                   message: str) -> None:
    answer = engine.ask(message, now=WEEKDAY)
    assert answer.kind == "safeguarding", answer.intent


def test_a_word_longer_than_twelve_code_points_is_found() -> None:
    # Khmer's subscript letters and Thai's marks are code points of their own: "the press office"
    # in Khmer is 20 of them, and a bound of 12 left it, and Thai's "press release", unfound.
    cut = Segmenter({"ការិយាល័យសារព័ត៌មាន", "លេខ", "ข่าวประชาสัมพันธ์"})
    assert cut("លេខការិយាល័យសារព័ត៌មាន").split() == ["លេខ", "ការិយាល័យសារព័ត៌មាន"]
    assert cut("ข่าวประชาสัมพันธ์นี้").split() == ["ข่าวประชาสัมพันธ์", "นี้"]


@pytest.mark.parametrize("message", [
    "ຂ້ອຍເປັນນັກຂ່າວ ເບີໂທລະສັບຂອງຫ້ອງການຂ່າວແມ່ນຫຍັງ?",  # Lao
    "ខ្ញុំជាអ្នកសារព័ត៌មាន តើលេខទូរស័ព្ទការិយាល័យសារព័ត៌មានគឺអ្វី?",  # Khmer
    "ကျွန်တော် သတင်းထောက်ပါ။ ဖုန်းနံပါတ် ဘာလဲ?",  # Burmese
])
def test_a_journalist_asking_in_lao_khmer_or_burmese_gets_the_press_office(
        engine: Engine, message: str) -> None:
    assert engine.ask(message, now=WEEKDAY).intent == "contact_media"


# Each names a sign of harm in its own language; read with the languages' question words alone
# ("who", "phone", "help"), several had been answered with the chair or the contacts, the help
# numbers last (intents/safety.yaml's Lao, Khmer and Burmese phrases).
@pytest.mark.parametrize("message", [
    # Lao: not paid, passport taken; locked in, not let out, whom to call; forced, beaten, help
    "ເພື່ອນຂອງຂ້ອຍເຮັດວຽກຢູ່ຮ້ານອາຫານ ແຕ່ບໍ່ໄດ້ຮັບເງິນ ແລະ ນາຍຈ້າງເອົາໜັງສືຜ່ານແດນຂອງລາວໄປ",
    "ນ້ອງສາວຂອງຂ້ອຍຖືກຂັງໄວ້ໃນເຮືອນ ບໍ່ໃຫ້ອອກໄປໃສ ຂ້ອຍຄວນໂທຫາໃຜ",
    "ຂ້ອຍຖືກບັງຄັບໃຫ້ເຮັດວຽກ ແລະ ຖືກຕີ ຊ່ວຍດ້ວຍ",
    # Khmer: the same three
    "មិត្តខ្ញុំធ្វើការនៅហាងបាយ ប៉ុន្តែថៅកែមិនបើកលុយ ហើយយកលិខិតឆ្លងដែនរបស់គាត់",
    "ប្អូនស្រីខ្ញុំត្រូវគេចាក់សោទុកក្នុងផ្ទះ មិនឲ្យចេញទៅណាទេ តើខ្ញុំគួរទូរស័ព្ទទៅអ្នកណា",
    "ខ្ញុំត្រូវគេបង្ខំឲ្យធ្វើការ ហើយត្រូវគេវាយ ជួយខ្ញុំផង",
    # Burmese: the same three
    "ကျွန်တော့်သူငယ်ချင်း စားသောက်ဆိုင်မှာ အလုပ်လုပ်တယ် ဒါပေမယ့် လစာမပေးဘူး၊ ပတ်စ်ပို့ကိုလည်း သိမ်းထားတယ်",
    "ကျွန်မညီမကို အိမ်ထဲမှာ သော့ခတ်ထားပြီး အပြင်ထွက်ခွင့်မပေးဘူး။ ဘယ်သူ့ကို ဖုန်းဆက်ရမလဲ",
    "ကျွန်တော့်ကို အတင်းလုပ်ခိုင်းပြီး ရိုက်နှက်တယ်။ ကယ်ပါ",
])
def test_harm_told_in_lao_khmer_or_burmese_gets_the_safeguarding_answer(
        engine: Engine, message: str) -> None:
    answer = engine.ask(message, now=WEEKDAY)
    assert answer.kind == "safeguarding", answer.intent
