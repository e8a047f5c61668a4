"""Provides reading numbers as what they are: percentages, counts and years, typed or spelt out.

A question's numbers mean different things: "a 2000 per cent rise" is a percentage, "my 2000
word essay" and "2,000 people" are counts, "in 2000" is a year. ``kind`` tells them apart from
the words around them (in normalised text, where "%" and "per cent" are already "percent").
``texting`` reads digits typed for words or letters ("who 2 call 4 press", "gr8", "r3ferrals"),
which is general texting shorthand, not knowledge of any release; ``words_to_numbers`` reads
numbers spelt out ("two thousand three hundred and forty six"), and ``years_in`` the years a
question names; ``ascii_digits`` reads a number typed in any script's digits ("২০১৮", "٢٠١٣")
as the same number in ASCII digits, and ``whole_numbers`` a number with its thousands set apart
by a space ("2 346") or with a scale word after its digits ("5 thousand") as one number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Literal

# The Arabic script's own separators in a number ("٢٬٣٤٦", "١٢٫٥"): a thousands comma and a
# decimal point, which NFKC leaves as they are.
_ARABIC_SEPARATORS = str.maketrans({"\u066c": ",", "\u066b": "."})


def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit of another script (Bengali "২০১৮", Arabic-Indic
    "٢٠١٣", Devanagari, full-width ...) written as its ASCII digit, and the Arabic script's
    number separators as "," and ".": a year or a figure is the same number in any script, and
    what reads numbers after this (years, figures, the lexicon's patterns) reads ASCII digits."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() and not c.isascii() else c
                   for c in text).translate(_ARABIC_SEPARATORS)


NumberKind = Literal["percent", "count", "measure", "year", "number"]

# The years a four-digit number may be read as; outside them it is a count.
FIRST_YEAR, LAST_YEAR = 1900, 2099
# Nouns that count people or things: a number before one is a count, never a year
# ("300 detectives", "2000 people"). Nouns that a year can describe ("2018 referrals",
# "the 2018 figures") are deliberately not here.
COUNT_NOUNS = frozenset({
    "people", "person", "persons", "men", "women", "children", "kids", "adults",
    "detectives", "officers", "staff", "workers", "employees", "members", "times", "fold",
})
# Units of the asker's own things ("my 2000 word essay", "a 1500 mile trip", "90 minutes"):
# a measure, neither a year nor a figure they ask about.
MEASURE_NOUNS = frozenset({
    "word", "words", "character", "characters", "page", "pages", "line", "lines",
    "pound", "pounds", "quid", "gbp", "dollars", "euros",
    "mile", "miles", "km", "kilometres", "metres", "meters", "feet",
    "second", "seconds", "minute", "minutes", "mins", "hour", "hours", "hrs",
    "day", "days", "week", "weeks", "month", "months",
})
UNIT_NOUNS = COUNT_NOUNS | MEASURE_NOUNS
# Units of time, which may say when an answer is needed ("a 24 hour line", "in 2 hours").
TIME_NOUNS = frozenset({"second", "seconds", "minute", "minutes", "mins", "hour", "hours", "hrs",
                        "day", "days", "week", "weeks", "month", "months"})
# A measure of length or money as typed: digits, then its unit, maybe hyphened ("2000 word",
# "2,000-word", "a 1500 mile trip"); not a time (``TIME_NOUNS``).
_MEASURED = re.compile(r"(?<![\w.,])\d[\d,.]*\s*-?\s*(?:"
                       + "|".join(sorted(MEASURE_NOUNS - TIME_NOUNS, key=len, reverse=True))
                       + r")\b", re.IGNORECASE)
# Words that approximate or bound a quantity: "about 2000 cases", "more than 1900 victims" count
# (not "what about 2018", which the lexicon reads as "and 2018").
APPROXIMATING = frozenset({"about", "around", "roughly", "approximately", "nearly", "almost",
                           "over", "under", "some", "than", "exactly", "circa", "approx"})
# Words after which a four-digit number is a year ("in 2018", "since 2013", "from 2015").
YEAR_PREPOSITIONS = frozenset({"in", "since", "from", "during", "until", "till", "by"})
# Words that join a year to another ("in 2020 or 2019", "2013 and 2018", "between 2013 and").
JOINING = frozenset({"and", "or", "to", "vs", "versus", "between", "nor"})
# Words that never name what a number counts: "around 2015 there were", "2013 and 2018".
NOT_COUNTED = frozenset({"and", "or", "to", "vs", "versus", "onwards", "there", "then", "when",
                         "was", "were", "is", "are", "the", "a", "an", "in", "on", "at", "by",
                         "for", "of", "with", "than", "compared", "through", "up", "down",
                         "it", "this", "that", "but", "so", "if", "as", "we", "they"})
# Words before a number that make it describe what follows ("the 2018 figures"): a year.
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their",
                         "our", "your", "his", "her"})
# Words before a number that name it as what something else is compared with ("higher than
# 2,346", "2012, before the 187", "compared with 187"): the number is a reference point, not a
# figure the question states.
COMPARING = frozenset({"than", "before", "after", "since", "vs", "versus", "against"})
COMPARING_PAIRS = frozenset({("compared", "with"), ("compared", "to"), ("relative", "to")})
# Digits typed for whole words, understood only between words ("who 2 call 4 press").
_DIGIT_WORDS = {"2": "to", "4": "for"}
# Words after which a lone 2 or 4 is a number after all ("the 2 figures", "up 4 times").
_COUNTING = frozenset({"the", "a", "an", "these", "those", "last", "first", "top", "about",
                       "around", "over", "under", "only", "just", "all", "of", "by", "and",
                       "or", "to", "for", "in", "than", "past", "next", "every", "with",
                       "nearly", "almost", "roughly", "approximately", "some", "another",
                       "me", "us", "you", "them", "are", "were", "is", "was", "be", "been",
                       "have", "has", "had", "give", "gave", "get", "got", "list", "name",
                       "show", "see", "need", "want", "make", "made", "its", "their", "there"})
# Common texting spellings with digits in them (general shorthand, not release vocabulary).
SHORTHAND = {"gr8": "great", "l8r": "later", "l8": "late", "b4": "before", "2day": "today",
             "2moro": "tomorrow", "2morrow": "tomorrow", "2nite": "tonight", "2night": "tonight",
             "m8": "mate", "m8s": "mates", "w8": "wait", "str8": "straight", "any1": "anyone",
             "some1": "someone", "sum1": "someone", "no1": "no one", "every1": "everyone",
             "4ever": "forever", "h8": "hate", "2gether": "together", "f2f": "face to face",
             "ne1": "anyone", "gr8t": "great", "w8ing": "waiting", "cr8": "create",
             "2mrw": "tomorrow", "2mro": "tomorrow", "2moz": "tomorrow", "l8st": "latest",
             "4u": "for you", "2u": "to you"}
# Digits that stand for letters inside a word ("r3ferrals", "sl4very", "tr4ff1cking").
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b",
                       "9": "g", "@": "a", "$": "s"})
_LEET_ALT = str.maketrans({"1": "l", "8": "ate", "4": "for"})
# A number typed with letters that look like digits: o for a zero, l or i for a one ("2o18",
# "2o2o", "1o5", "l87", "2Ol3"): only digits and those letters, at least two digits and one
# letter, so no word; and not digits then letters only, a measure's unit ("10l", "5li").
_LOOKALIKE = r"(?=[\doli]*[oli])(?=(?:[oli]*\d){2})(?!\d+[oli]+\b)[\doli]+"
_O_FOR_ZERO = re.compile(_LOOKALIKE + r"\b")  # a whole token, lower-cased (fullmatch)
_O_FOR_ZERO_WORD = re.compile(rf"\b{_LOOKALIKE}\b", re.IGNORECASE)  # one found in a text
_AS_DIGITS = str.maketrans({"o": "0", "l": "1", "i": "1", "O": "0", "L": "1", "I": "1"})
# Tokens that mix letters and digits but are no shorthand: "1st", "10am", "20k", "3x", "90s".
_MEASURE = re.compile(r"^\d+(?:st|nd|rd|th|am|pm|k|m|bn|x|s|yo|yr|yrs|mins?|hrs?|p)$")


def zeros_for_os(text: str) -> str:
    """The text with each number typed with letters for digits written in digits ("2o17" ->
    "2017", "l87" -> "187", "2Ol3" -> "2013")."""
    return _O_FOR_ZERO_WORD.sub(lambda m: m.group().translate(_AS_DIGITS), text)


def without_measures(text: str) -> str:
    """The text without the measures of length or money of the asker's own things ("my 2000
    word essay" -> "my  essay", ``MEASURE_NOUNS`` but not ``TIME_NOUNS``): they say how long
    the asker's work or trip is, nothing of what is asked about, and their digits sound like a
    year or a figure to a reader of n-grams."""
    return _MEASURED.sub("", text) if any(c.isdigit() for c in text) else text


def is_year(value: int) -> bool:
    return FIRST_YEAR <= value <= LAST_YEAR


def kind(tokens: Sequence[str], n: int, grouped: bool = False) -> NumberKind:
    """What the number at ``tokens[n]`` is, from its neighbours; ``grouped`` when it was typed
    with a thousands separator ("2,000")."""
    value = int(tokens[n])
    nxt = tokens[n + 1] if n + 1 < len(tokens) else ""
    # The reader's lexicon may already have read "30 per cent of" as "30 share".
    if nxt in ("percent", "share") or (nxt == "per" and n + 2 < len(tokens)
                                       and tokens[n + 2] == "cent"):
        return "percent"
    if nxt in MEASURE_NOUNS:
        return "measure"
    if grouped or nxt in COUNT_NOUNS:
        return "count"
    if len(tokens[n]) == 4 and is_year(value):
        return "count" if _counts(tokens, n) else "year"
    return "count" if value >= 100 else "number"


def _counts(tokens: Sequence[str], n: int) -> bool:
    """Whether a four-digit number in the years' range counts what follows it: after a word
    that approximates a quantity ("about 2000 cases"), or before a noun when the question gives
    its year elsewhere after "in", "since" or "from" ("were there 2000 cases in 2018?"). On its
    own, after those words, or describing a noun after "the" ("the 2018 figures") it is a
    year."""
    before = tokens[n - 1] if n else ""
    nxt = tokens[n + 1] if n + 1 < len(tokens) else ""
    if before in YEAR_PREPOSITIONS or before in JOINING or not nxt.isalpha() or nxt in NOT_COUNTED:
        return False
    if before in APPROXIMATING:
        return True
    return before not in DETERMINERS and any(
        tokens[m - 1] in YEAR_PREPOSITIONS and _year_like(tokens[m])
        for m in range(1, len(tokens)) if m != n)


def compared(tokens: Sequence[str], n: int) -> bool:
    """Whether the number at ``tokens[n]`` is named as a point of comparison (``COMPARING``),
    looking past a determiner ("before the 187")."""
    m = n - 1
    while m >= 0 and tokens[m] in DETERMINERS:
        m -= 1
    return m >= 0 and (tokens[m] in COMPARING
                       or m >= 1 and (tokens[m - 1], tokens[m]) in COMPARING_PAIRS)


def _year_like(token: str) -> bool:
    return len(token) == 4 and token.isdecimal() and is_year(int(token))


def grouped_values(text: str) -> frozenset[int]:
    """The numbers typed with thousands separators ("2,000", "1.155"): counts, not years."""
    if "," not in text and "." not in text:
        return frozenset()  # no separator, no such number (most questions)
    found = _GROUPED.findall(text)
    return frozenset(int(re.sub(r"[,.]", "", v)) for v in found)


_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[,.]\d{3})+(?![\d])(?![.,]\d)")

# Thousands set apart by a space, as French, Swedish, Polish or SI style writes them ("2 346",
# "1 155 %", "5 143", with a no-break or a narrow no-break space too): not after another group of
# digits and a space (a phone number's "08000 121 700"), nor followed by more digits.
_SPACE = "[ \u00a0\u202f\u2009]"
_SPACED = re.compile(rf"(?<![\d.,])(?<!\d{_SPACE})\d{{1,3}}(?:{_SPACE}\d{{3}})+(?!\d|{_SPACE}\d)")


# A number in digits with a scale word after it ("5 thousand", "2.3 thousand", "1.5 million"),
# not a sum of money ("£5 million"); "5k" is left as typed (a 5k run is no count).
_SCALED = re.compile(r"(?<![\d.,£$€])(\d{1,3}(?:\.\d{1,2})?) (thousand|million)\b",
                     re.IGNORECASE)
_SCALE = {"thousand": 1000, "million": 1_000_000}


def whole_numbers(text: str) -> str:
    """The text with each number whose thousands are set apart by a space written with a
    comma instead ("2 346" as "2,346"): one number, a count, as "2,346" is; and a number in
    digits with a scale word after it written out ("5 thousand" as "5,000", "2.3 thousand" as
    "2,300"), as "five thousand" is read."""
    text = _SPACED.sub(lambda m: re.sub(_SPACE, ",", m.group(0)), text)
    if "thousand" not in text.lower() and "million" not in text.lower():
        return text
    return _SCALED.sub(lambda m: f"{round(float(m.group(1)) * _SCALE[m.group(2).lower()]):,}",
                       text)


# A UK phone number as people type it: 0 or +44 (with an optional "(0)"), then ten digits in
# groups ("020 7983 4100", "08000 121 700", "+44 20 7983 4100", "07700-900123").
_PHONE = re.compile(r"(?<![\d.,])(?:\+\s?44\s?(?:\(0\)\s?)?|0)\d(?:[\s-]?\d){8,9}(?![\d,])")


def phone_groups(text: str) -> frozenset[str]:
    """The digit groups of the phone numbers typed in a text: part of a number to ring, not
    figures ("whose number is 020 7983 4100" names no count of 4,100)."""
    if sum(map(str.isdigit, text)) < 10:
        return frozenset()
    return frozenset(g for m in _PHONE.finditer(text) for g in re.findall(r"\d+", m.group()))


def texting(tokens: list[str], known: Callable[[str], bool]) -> list[str]:
    """Read digits typed for words and letters: a lone 2 or 4 between words ("who 2 call"),
    common shorthand ("gr8", "b4"), a number typed with letters for digits ("2o18", "l87"),
    and digits for letters in a word ("r3ferrals") when the result is a word the reader
    ``known``s."""
    out: list[str] = []
    for n, t in enumerate(tokens):
        before = tokens[n - 1] if n else ""
        nxt = tokens[n + 1] if n + 1 < len(tokens) else ""
        if (t in _DIGIT_WORDS and before.isalpha() and before not in _COUNTING
                and (nxt.isalpha() or _year_like(nxt)) and nxt not in UNIT_NOUNS
                and nxt != "percent" and tokens[n + 1:n + 3] != ["out", "of"]):  # 4 out of 5
            out.append(_DIGIT_WORDS[t])
        elif t in SHORTHAND:
            out.extend(SHORTHAND[t].split())
        elif _O_FOR_ZERO.fullmatch(t):
            out.append(t.translate(_AS_DIGITS))
        elif (not t.isalpha() and any(c.isdigit() for c in t)  # a word has no digit: quick
              and sum(c.isalpha() for c in t) >= 2 and not _MEASURE.match(t)):
            out.append(_letters(t, known))
        else:
            out.append(t)
    return out


def _letters(token: str, known: Callable[[str], bool]) -> str:
    """A word typed with digits for letters, if reading them as letters gives a known word."""
    for table in (_LEET, _LEET_ALT):
        word = token.translate(table)
        if word.isalpha() and known(word):
            return word
    # Both readings of each digit: "1" is "i" in "v1ctim" and "l" in "s1avery".
    mixed = token.replace("1", "l").translate(_LEET)
    return mixed if mixed.isalpha() and known(mixed) else token


def years_in(text: str) -> tuple[int, ...]:
    """The years a question names, read from its raw text (digits only)."""
    tokens = re.findall(r"[^\W\d_]+|\d+(?:[,.]\d{3})*", text.lower().replace("%", " percent "))
    grouped = {n for n, t in enumerate(tokens) if not t.isalpha() and not t.isdigit()}
    digits = [re.sub(r"[,.]", "", t) for t in tokens]
    return tuple(sorted({int(t) for n, t in enumerate(digits) if t.isdecimal()
                         and kind(digits, n, grouped=n in grouped) == "year"}))


UNITS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
     "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
     "nineteen"])}
TENS = {w: 10 * (i + 2) for i, w in enumerate(
    ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_NUMBER_WORD = "|".join(sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True))
# The hundreds a year is said in pairs from ("nineteen ninety-nine", "twenty twenty"): the
# years read (FIRST_YEAR to LAST_YEAR) are all in these two.
CENTURIES = {"nineteen": 19, "twenty": 20}
# "oh" said for a nought inside a year ("twenty oh nine", "nineteen o five"), read only there.
NOUGHTS = frozenset({"oh", "o"})
_DIGIT = "|".join(w for w, i in UNITS.items() if 0 < i < 10)
# A run of number words ("twenty eighteen", "two thousand and thirteen", "twenty-eighteen"), or
# a year said with a nought ("twenty oh nine").
_SPOKEN = re.compile(rf"\b(?:(?:{'|'.join(CENTURIES)})[\s-]+(?:{'|'.join(NOUGHTS)})[\s-]+"
                     rf"(?:{_DIGIT})|(?:{_NUMBER_WORD})(?:(?:[\s-]+and)?[\s-]+"
                     rf"(?:{_NUMBER_WORD}))*)\b", re.IGNORECASE)

_NUMBER_WORDS = frozenset([*UNITS, *TENS, *SCALES])
_WORDS = re.compile(r"\w+")

# Number words joined by hyphens and nothing else ("twenty-one", "twenty-o-five"): read as
# said apart ("forty-two-year-old" is a word of its own).
_JOINED = re.compile(rf"(?<![\w-])(?:{_NUMBER_WORD}|oh|o)(?:-(?:{_NUMBER_WORD}|oh|o))+(?![\w-])")


def _pair(words: Sequence[str]) -> int | None:
    """The number 10 to 99 that one or two number words say ("eighteen", "twenty", "ninety
    nine"), as the second half of a year said in pairs; None for anything else ("one", "five
    hundred")."""
    if len(words) == 1:
        value = UNITS.get(words[0], TENS.get(words[0], 0))
        return value if value >= 10 else None
    if len(words) == 2 and words[0] in TENS and 0 < UNITS.get(words[1], 0) < 10:
        return TENS[words[0]] + UNITS[words[1]]
    return None


def said_year(words: Sequence[str]) -> int | None:
    """The year number words say the way people say years, in two pairs ("twenty eighteen",
    "twenty twenty", "twenty twenty one", "nineteen ninety nine") or with a nought ("twenty oh
    nine"); None when they say a count ("twenty one", "twenty five", "two thousand")."""
    if len(words) < 2 or words[0] not in CENTURIES:
        return None
    century = CENTURIES[words[0]] * 100
    if len(words) == 3 and words[1] in NOUGHTS and 0 < UNITS.get(words[2], 0) < 10:
        return century + UNITS[words[2]]
    pair = _pair(words[1:])
    return None if pair is None else century + pair


def spoken_years(text: str) -> str:
    """The text with each year said in words written as its digits ("twenty eighteen", "two
    thousand and thirteen": 2018, 2013), every other number in words left as typed: what the
    question-type classifier ranks (bot.opinion.Opinion.rank), which learnt years from the many
    questions that type them. Counts and small numbers in words ("one of my pupils") keep the
    words the model learnt them as."""
    def year(m: re.Match[str]) -> str:
        said = words_to_numbers(re.sub(r"[\s-]+", " ", m.group(0).lower()))
        return said if said.isdecimal() and is_year(int(said)) else m.group(0)

    if text.isascii() and _NUMBER_WORDS.isdisjoint(_WORDS.findall(text.lower())):
        # Nothing to rewrite (most questions): every match starts with a number word that is
        # a whole word of the text, and an ASCII text's case folds as ``lower`` folds it.
        return text
    return _SPOKEN.sub(year, text)


def words_to_numbers(text: str) -> str:
    """Rewrite spelt-out numbers as digits: 'two thousand three hundred' -> '2300'."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if not run:
            return
        # "twenty eighteen" and "nineteen ninety nine" are how people say years, never sums.
        year = said_year(run)
        if year is not None:
            out.append(str(year))
        else:
            total = current = 0
            for w in run:
                if w in UNITS:
                    current += UNITS[w]
                elif w in TENS:
                    current += TENS[w]
                elif w == "hundred":
                    current = max(current, 1) * 100
                else:
                    total += max(current, 1) * SCALES[w]
                    current = 0
            out.append(str(total + current))
        run.clear()

    # "twenty-one" and "twenty-eighteen" are number words joined, as "twenty one" is.
    words = _JOINED.sub(lambda m: m.group(0).replace("-", " "), text).split(" ")
    for n, word in enumerate(words):
        if word in UNITS or word in TENS or word in SCALES:
            run.append(word)
        elif (word in NOUGHTS and len(run) == 1 and n + 1 < len(words)
              and said_year([run[0], word, words[n + 1]]) is not None):
            run.append(word)  # the nought of "twenty oh nine"
        elif word == "and" and run and run[-1] in SCALES:
            continue  # "three hundred and forty", but not "one and two"
        else:
            flush()
            out.append(word)
    flush()
    return " ".join(out)


# How far a round number may be from a figure and still be that figure rounded ("over 5,000"
# or "about 2,300" for 5,143 or 2,346; not 2,000 for 2,346).
ROUNDING = 0.05


def near(asked: float, figure: float) -> bool:
    """Whether a number looks like a figure mistyped (the same digits in another order, or one
    digit different: 2,364 or 2,386 for 2,346) or rounded (``rounded``)."""
    if rounded(asked, figure):
        return True
    a, b = str(int(asked)), str(int(figure))
    if len(a) != len(b) or len(b) < 3 or a == b:
        return False
    return sorted(a) == sorted(b) or sum(x != y for x, y in zip(a, b, strict=True)) == 1


def rounded(asked: float, figure: float) -> bool:
    """Whether a number is a figure of 100 or more said in round numbers: at most two
    significant digits, within ``ROUNDING`` of it ("5,000" or "5,100" for 5,143, "190" for
    187, "1,200%" for 1,155%), as people remember and repeat figures."""
    if asked == figure or asked < 100 or figure < 100 or asked != int(asked):
        return False
    digits = str(int(asked)).rstrip("0")
    return len(digits) <= 2 and abs(asked - figure) <= ROUNDING * figure
