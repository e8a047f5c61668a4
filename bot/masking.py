"""Provides the masking of what would identify a person in a question before it is logged, and
the folding of a question's wording that groups re-wordings together in reports.

``bot.questionlog`` applies ``mask`` to the stored copy only: the engine has already answered the
question as typed.
"""

from __future__ import annotations

import re
import unicodedata

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# A UK postcode ("SW1A 1AA", "e16 1ze", "GIR 0AA"): outward code, optional space, inward code.
_POSTCODE = re.compile(r"\b(?:GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b", re.I)
# A National Insurance number: two letters, six digits (optionally in pairs) and an optional
# suffix A-D. Any two letters, not only issued prefixes: "QQ 12 34 56 C" is a sample number, but
# someone typing it is still typing the shape of their own.
_NINO = re.compile(r"\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]?\b", re.I)
# A passport number: 6-12 letters and digits (with at least one digit) after the word "passport"
# ("passport no. 123456789", "passport number is AB1234567").
_PASSPORT = re.compile(
    r"(\bpassport(?:\s+(?:number|no\.?|num|#))?(?:\s+is|\s*:)?\s*)"
    r"(?=[A-Z]*\d)[A-Z0-9]{6,12}\b",
    re.I,
)
# Phone numbers of any length. A number written as phones are (a leading + or 0, or in brackets,
# with at least five more digits, optionally split by spaces, dots or dashes), any run of ten or
# more digits, or digits right after a word that says they are a phone number. Figures in
# questions ("1,155%", "2019", "0.6%") have no such shape and survive.
_PHONE = re.compile(
    r"(?:\+\s?\(?\d|\(0|(?<![\w.,])0)(?:[\s.()-]{0,2}\d){5,}"
    r"|(?<![\w.,])\d(?:[\s.-]?\d){9,}"
)
_PHONE_WORD = re.compile(
    r"(\b(?:phone|tel|telephone|mobile|mob|cell|call me on|ring me on|reach me on|whatsapp|"
    r"number is|extension|ext)\b\.?:?\s*)\d(?:[\s.-]?\d){2,}",
    re.I,
)
# A street address: an optional flat or unit, a house number, one to three words and a street
# type ("12 High Street", "flat 3, 45 Acacia Road").
_STREET_TYPES = (
    "street|st|road|rd|avenue|ave|lane|ln|close|drive|dr|way|court|ct|place|pl|crescent|cres|"
    "terrace|gardens|gdns|grove|hill|square|sq|mews|row|walk|park|green|parade|rise|vale|"
    "wharf|yard|embankment|gate|broadway|circus"
)
# Words that follow a number in questions but never name a street ("1,155 per cent rise",
# "a 3 bed terrace").
_NOT_STREET_WORDS = r"(?!(?:per|cent|percent|bed|bedroom|bedrooms|storey|times|more|of)\b)"
_ADDRESS = re.compile(
    r"(?:\b(?:flat|apartment|apt|unit|room)\s*\d+[a-z]?,?\s*)?"
    r"(?<![\d,.])\b\d{1,4}[a-z]?,?\s+(?:" + _NOT_STREET_WORDS + r"[a-z][\w'’-]*\s+){1,3}"
    r"(?:" + _STREET_TYPES + r")\b\.?",
    re.I,
)
_FLAT = re.compile(r"\b(?:flat|apartment|apt)\s*\d+[a-z]?\b", re.I)
# A name the asker gives for themselves: "my name is …", "I'm called …", "this is X from …".
_NAME_INTRO = re.compile(
    r"\b(?:my name is|my name's|name:|i am called|i'm called|im called|i’m called)\s+",
    re.I,
)
# "this is X from …" only with capitalised words: "this is taken from the release" is no name.
_THIS_IS_FROM = re.compile(r"\b((?i:this is)\s+)((?:[A-Z][\w'’-]*\s+){1,3})(?=(?i:from)\b)")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_NOT_NAMES = frozenset({
    "and", "but", "or", "so", "from", "at", "of", "in", "on", "for", "with", "by", "to", "the",
    "a", "an", "i", "im", "i'm", "i’m", "here", "calling", "writing", "journalist", "reporter",
    "student", "please", "can", "could", "would", "how", "what", "why", "when", "who", "where",
    "which", "is", "was", "not", "just",
})


def _name_end(text: str, start: int) -> int:
    """Where up to four name words starting at ``start`` end; ``start`` if there are none."""
    end = start
    for _ in range(4):
        gap = len(text[end:]) - len(text[end:].lstrip(" \t")) if end > start else 0
        word = _NAME_WORD.match(text, end + gap)
        if word is None or word.group().casefold() in _NOT_NAMES:
            break
        end = word.end()
    return end


def _mask_names(text: str) -> str:
    """Replace the name words after a self-introduction with "[name]"."""
    text = _THIS_IS_FROM.sub(lambda m: m.group(1) + "[name] ", text)
    parts: list[str] = []
    pos = 0
    for intro in _NAME_INTRO.finditer(text):
        end = _name_end(text, intro.end())
        if intro.start() >= pos and end > intro.end():
            parts.append(text[pos:intro.end()] + "[name]")
            pos = end
    parts.append(text[pos:])
    return "".join(parts)


def mask(text: str) -> str:
    """Mask what would identify the person asking: e-mail addresses, self-introduced names,
    street addresses, UK postcodes, passport and National Insurance numbers, and phone numbers.

    The order matters: the most specific shapes go first, so that a passport number is not
    taken for a phone number and a house number not for a figure.
    """
    text = _EMAIL.sub("[email]", text)
    text = _mask_names(text)
    text = _PASSPORT.sub(lambda m: m.group(1) + "[passport]", text)
    text = _NINO.sub("[ni-number]", text)
    text = _POSTCODE.sub("[postcode]", text)
    text = _ADDRESS.sub("[address]", text)
    text = _FLAT.sub("[address]", text)
    text = _PHONE_WORD.sub(lambda m: m.group(1) + "[phone]", text)
    return _PHONE.sub("[phone]", text)


def normalise(text: str) -> str:
    """Fold case, accents and punctuation so that re-wordings of one question group together."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w%]+", " ", letters).split())
