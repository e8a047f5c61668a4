"""Provides the release's phone lines as an answer shows them: contact cards and their lines.

Which line an asker gets is decided by bot/routing.py; this module writes what it decided: the
introduction (why the out-of-hours line, why the public's), each line with its number, and the
cards a channel can offer to tap. A number the release prints wrongly is shown as printed, with
a warning, and never becomes a card. Apart from AnswerBuilder (bot/answers.py) because none of
it needs the knowledge, only the release asked about and the office hours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from bot import routing
from bot.answermodels import ContactCard, Span
from bot.models import Release
from bot.templates import Paragraph


def international(phone: str) -> str:
    """'020 7983 4067' -> '+44 20 7983 4067', for callers abroad."""
    return "+44 " + phone[1:] if phone.startswith("0") else phone


def contact_card(release: Release, route: str) -> ContactCard | None:
    """The release's line for a routing name ('media', 'out_of_hours', 'non_media')."""
    c = release.contact(route)
    if c is None:
        return None
    return ContactCard(id=c.id, label=c.label, name=c.name, phone=c.phone,
                       international=international(c.phone) if c.phone_valid else "",
                       organisation=release.publisher, instruction=c.instruction,
                       phone_valid=c.phone_valid, standing=c.standing)


def contact_cards(release: Release, routes: Iterable[str]) -> list[ContactCard]:
    return [c for r in routes if (c := contact_card(release, r)) is not None]


def contact_paragraph(card: ContactCard) -> Paragraph:
    who = "" if card.id == "out_of_hours" else f"{card.name}, "
    tail = f", and {card.instruction}" if card.instruction else ""
    if not card.phone_valid:
        # Never tappable, never internationalised: the number is wrong as printed.
        return [Span(text=f"{card.label}: ", style="label"), Span(text=who),
                Span(text=f"{card.phone} as printed in the release{tail}. "),
                Span(text="This number looks wrong (it is not a valid UK number); check "
                     "it before calling.", style="note")]
    standing = [Span(text=" This is the press office’s standing line; the release gives "
                     "no contacts.", style="note")] if card.standing else []
    return [Span(text=f"{card.label}: ", style="label"), Span(text=who),
            Span(text=card.phone, style="phone"),
            Span(text=f" (from abroad {card.international}){tail}"), *standing]


def route_paragraphs(release: Release, route: str, audience: str, after_hours: bool,
                     now: dt.datetime, hours: routing.OfficeHours
                     ) -> tuple[list[Paragraph], list[ContactCard]]:
    """An intent's route as an answer gives it: who should call, then each line."""
    decision = routing.decide(route, audience, after_hours, now, hours)
    first = decision.contacts[0]
    if decision.public_redirect:
        public = next((c.name for c in release.contacts if c.id == "non_media"), "")
        intro = ("The press office lines are for journalists. Members of the public and "
                 "other non-media enquiries should contact "
                 + (f"the {public}:" if public else "the line below:"))
    elif first == "non_media":
        intro = "Members of the public and other non-media enquiries:"
    elif first == "out_of_hours" and decision.closed_because:
        # Name the reason (a bank holiday by name, the weekend, the time of day): a reader
        # told only "we assume Monday to Friday" on Christmas Day would think us wrong.
        intro = (f"It is outside office hours because {decision.closed_because}, so "
                 "journalists should call the out-of-hours line (the release does not "
                 f"give hours; we assume {hours.describe()}, except bank holidays):")
    elif first == "out_of_hours":
        intro = "Out of hours, journalists should call the duty press officer:"
    else:
        intro = "Journalists should contact the press office:"
    if route == "all" and "non_media" in decision.contacts and first != "non_media":
        intro = "The release gives these contacts. " + intro
    paras: list[Paragraph] = [[Span(text=intro)]]
    cards = contact_cards(release, decision.contacts)
    if not cards:
        paras.append([Span(text="The release gives no contact for this.", style="note")])
    paras.extend(contact_paragraph(c) for c in cards)
    # A wrongly printed number is shown, never offered as a contact card to tap.
    return paras, [c for c in cards if c.phone_valid]
