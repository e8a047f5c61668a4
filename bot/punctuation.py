"""Provides ``plain``: a question's punctuation read as the reader reads it (before typos,
phrases and the lexicon's patterns): quotes made plain, thousands separators dropped, "%" as
"percent", contractions spelt out as their words ("we'd" is no "wed", "haven't" no unknown
word), "3x" as "3 times", spans of years ("2013-18") as two years, and any other punctuation
but "&", ";" and "-" as a space.
"""

from __future__ import annotations

import re

_QUOTES = str.maketrans("’‘`´“”", "''''\"\"")
_DIGIT = re.compile(r"\d")
_THOUSANDS = re.compile(r"(?<=\d)[,.](?=\d{3}\b)")
_PERCENT = re.compile(r"(\d)\s*%")
# A contraction's ending and the words it stands for; "can't", "won't" and "shan't" lose more
# than the apostrophe. "'d" is "would" or "had", both words that say nothing of the topic.
_IRREGULAR_NOT = re.compile(r"\b(ca|wo|sha)n't\b")
_IRREGULAR = {"ca": "can", "wo": "will", "sha": "shall"}
_CONTRACTION = re.compile(r"(?<=[a-z])(n't|'ll|'ve|'re|'d|'m)\b")
_ENDINGS = {"n't": " not", "'ll": " will", "'ve": " have", "'re": " are", "'d": " would",
            "'m": " am"}
_POSSESSIVE = re.compile(r"(?<=[a-z])'s\b")
_APOSTROPHE = re.compile(r"(?<=[a-z])'(?=[a-z])")
_TIMES = re.compile(r"\b(\d+)x\b")
_YEAR_SPAN = re.compile(r"\b((19|20)\d\d)\s*[-–/]\s*(\d\d)\b")
_PUNCTUATION = re.compile(r"[^\w\s&;-]")


def plain(text: str) -> str:
    """The lower-cased text with its punctuation read (see the module's docstring)."""
    text = text.translate(_QUOTES)
    # The substitutions below that need a digit, or an apostrophe, change no text without
    # one (and none of them adds either): most questions skip them.
    digits = _DIGIT.search(text) is not None
    if digits:
        text = _THOUSANDS.sub("", text)
        text = _PERCENT.sub(r"\1 percent", text)
    text = text.replace("%", " percent ")
    if "'" in text:
        # Contractions as their words: they would otherwise read as other words ("i'd" is
        # not an "id" card, "i'll" no illness, "we'll" no "well", "we'd" no wedding) or as
        # words the reader does not know ("haven't", "they've", "who'd").
        text = _IRREGULAR_NOT.sub(lambda m: _IRREGULAR[m.group(1)] + " not", text)
        text = _CONTRACTION.sub(lambda m: _ENDINGS[m.group(1)], text)
        text = _POSSESSIVE.sub("", text)  # "mayor's office", "london's"
        text = _APOSTROPHE.sub("", text)
    if digits:
        text = _TIMES.sub(r"\1 times", text)
        text = _YEAR_SPAN.sub(r"\1 \2\3", text)  # "2013-18", "2013/18": spans of years
    text = _PUNCTUATION.sub(" ", text)
    return text
