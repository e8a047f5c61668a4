"""Tests for bot/tg/contacts.py: a contact card as a vCard (organisation, role, number, escaped)
and as the arguments of a Telegram contact."""

from __future__ import annotations

from typing import Any

from bot.answermodels import ContactCard
from bot.tg.contacts import contact_kwargs, vcard


def card(**changes: Any) -> ContactCard:
    values: dict[str, Any] = {
        "id": "media",
        "label": "Media enquiries",
        "name": "Aoife Nolan",
        "phone": "020 7983 4067",
        "international": "+44 20 7983 4067",
        "organisation": "London Assembly",
        "instruction": "",
    }
    return ContactCard(**(values | changes))


def test_vcard_has_organisation_role_and_number() -> None:
    text = vcard(card())
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCARD" and lines[-1] == "END:VCARD"
    assert "ORG:London Assembly" in lines
    assert "TITLE:Media enquiries" in lines
    assert "TEL;TYPE=WORK,VOICE:+44 20 7983 4067" in lines
    assert "FN:Aoife Nolan" in lines


def test_vcard_escapes_special_characters_and_keeps_the_instruction() -> None:
    text = vcard(card(name="Duty officer; press, London", instruction="ask for\nthe duty officer"))
    assert "FN:Duty officer\\; press\\, London" in text
    assert "NOTE:ask for the duty officer" in text


def test_contact_kwargs_fall_back_to_the_national_number() -> None:
    helpline = card(id="emergency", name="Police emergency", phone="999", international="")
    kwargs = contact_kwargs(helpline)
    assert kwargs["phone_number"] == "999"
    assert "TEL;TYPE=WORK,VOICE:999" in kwargs["vcard"]
    assert len(contact_kwargs(card(name="x" * 200))["first_name"]) <= 64
