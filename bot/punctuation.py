"""Provides ``plain``: a question's punctuation read as the reader reads it (before typos,
phrases and the lexicon's patterns): quotes made plain, thousands separators dropped, "%" as
"percent", contractions that would read as other words spelt out, "3x" as "3 times", spans of
years ("2013-18") as two years, and any other punctuation but "&", ";" and "-" as a space.
"""

from __future__ import annotations

import re

_QUOTES = str.maketrans("’‘`´“”", "''''\"\"")
_DIGIT = re.compile(r"\d")
_THOUSANDS = re.compile(r"(?<=\d)[,.](?=\d{3}\b)")
_PERCENT = re.compile(r"(\d)\s*%")
_I_WOULD = re.compile(r"\bi'd\b")
_WILL = re.compile(r"(?<=[a-z])'ll\b")
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
        # Contractions that would otherwise read as other words ("i'd" is not an "id"
        # card, "i'll" no illness, "we'll" no "well", "she'll" no "shell").
        text = _I_WOULD.sub("i would", text)
        text = _WILL.sub(" will", text)
        text = _POSSESSIVE.sub("", text)  # "mayor's office", "london's"
        text = _APOSTROPHE.sub("", text)
    if digits:
        text = _TIMES.sub(r"\1 times", text)
        text = _YEAR_SPAN.sub(r"\1 \2\3", text)  # "2013-18", "2013/18": spans of years
    text = _PUNCTUATION.sub(" ", text)
    return text
