"""Provides ``plain``: a question's punctuation read as the reader reads it (before typos,
phrases and the lexicon's patterns): quotes made plain, thousands separators dropped, "%" as
"percent", contractions that would read as other words spelt out, "3x" as "3 times", spans of
years ("2013-18") as two years, and any other punctuation but "&", ";" and "-" as a space.

A combining mark (Unicode's category M) after a letter is part of its word: the vowel signs and
viramas of the Indic scripts (Devanagari, Bengali, Gurmukhi, Gujarati, Tamil, Telugu, Malayalam,
Sinhala...), which Python's ``\\w`` leaves out ("पत्रकार" is one word, not "पत रक र"). ``LETTERS``
is such a word of letters, ``NOT_IN_WORD`` the start of a class of what is in none. The
zero-width joiners these scripts use inside a word are dropped (``blanks``).
"""

from __future__ import annotations

import re
import unicodedata

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


def _mark_ranges() -> str:
    """The combining marks of the Basic Multilingual Plane, as a character class's ranges."""
    marks = [c for c in range(0x300, 0x10000) if unicodedata.category(chr(c))[0] == "M"]
    runs: list[list[int]] = []
    for c in marks:
        if runs and runs[-1][1] == c - 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in runs)


MARKS = _mark_ranges()
# A mark after a letter or another mark is in the word; anywhere else it is read as a space.
LETTERS = re.compile(rf"[^\W\d_](?:[^\W\d_]|[{MARKS}])*")  # a word of letters and marks
NOT_IN_WORD = rf"(?<![\w{MARKS}])[{MARKS}]|[^\w\s{MARKS}"  # ...and what else is no word's
_PUNCTUATION = re.compile(NOT_IN_WORD + "&;-]")
_JOINERS = str.maketrans("", "", "\u200c\u200d")  # the zero-width non-joiner and joiner


def blanks(text: str) -> str:
    """A non-ASCII text's controls and spaces (Unicode's categories C and Z) as a space, the
    zero-width joiners inside a word dropped."""
    text = text.translate(_JOINERS)
    return "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text)


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
