"""Provides contact cards: the vCard and ``send_contact`` arguments for an answer's contacts.

A journalist can tap a card to call or save it; the vCard carries organisation (ORG), role
(TITLE), the number in international form (TEL) and any instruction (NOTE), such as asking for
the duty press officer.
"""

from __future__ import annotations

from typing import Any

from bot.answermodels import ContactCard

MAX_NAME = 64  # Telegram's limit for first_name / last_name on a contact


def _escape(value: str) -> str:
    """Escape a vCard 3.0 text value (backslash, comma, semicolon, newlines)."""
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return " ".join(value.replace("\r", " ").replace("\n", " ").split())


def dialable(card: ContactCard) -> str:
    """The number to dial: international form when known (not for UK-only numbers like 999)."""
    return card.international or card.phone


def vcard(card: ContactCard) -> str:
    """A vCard 3.0 for a contact card."""
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"FN:{_escape(card.name)}",
        f"N:;{_escape(card.name)};;;",
        f"ORG:{_escape(card.organisation)}",
        f"TITLE:{_escape(card.label)}",
        f"TEL;TYPE=WORK,VOICE:{dialable(card)}",
    ]
    if card.instruction:
        lines.append(f"NOTE:{_escape(card.instruction)}")
    lines.append("END:VCARD")
    return "\r\n".join(lines)


def _clip(text: str, limit: int = MAX_NAME) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def contact_kwargs(card: ContactCard) -> dict[str, Any]:
    """Keyword arguments for ``Bot.send_contact`` (name, role as last name, number, vCard)."""
    return {
        "phone_number": dialable(card),
        "first_name": _clip(card.name) or "Contact",
        "last_name": _clip(f"({card.label})"),
        "vcard": vcard(card),
    }
