"""Provides phone numbers found in a release, checked and normalised with ``phonenumbers``.

A number that ``phonenumbers`` rejects (one digit too many, say) is kept exactly as printed and
flagged, so the bot can show it with a warning and never offer it as a tappable number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

# UK numbers as releases print them: "020 7983 4067", "+44 (0)20 7983 4067", "0207 983 4067".
PHONE = re.compile(r"(?:\+44\s?(?:\(0\)\s?)?|(?<![\d£.,])0)\d[\d ]{7,13}\d(?!\d)")


@dataclass(frozen=True)
class Phone:
    """A number as printed, whether it is a valid UK number, and its national form if so."""

    printed: str
    valid: bool
    national: str


def check(printed: str) -> Phone:
    try:
        number = phonenumbers.parse(printed, "GB")
    except phonenumbers.NumberParseException:
        return Phone(printed, False, "")
    if not phonenumbers.is_valid_number(number):
        return Phone(printed, False, "")
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return Phone(printed, True, national)


def find(sentence: str) -> list[Phone]:
    """Every phone number in a sentence, in order."""
    return [check(m.group(0).strip()) for m in PHONE.finditer(sentence)]
