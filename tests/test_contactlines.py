"""Tests for bot.contactlines: the contact lines an ingested release can have, as an answer
shows them (a number printed wrongly, a standing line, none)."""

from __future__ import annotations

import datetime as dt

from bot.contactlines import route_paragraphs
from bot.engine import Engine
from bot.models import Contact, Release


def contact(**changes: object) -> Contact:
    data: dict[str, object] = {"id": "media", "label": "Media enquiries", "name": "Ann Lee",
                               "phone": "020 7946 0101", "audience": "media",
                               "sentence": "Call Ann Lee on 020 7946 0101."}
    data.update(changes)
    return Contact.model_validate(data)


def test_a_wrong_number_is_shown_as_printed_with_a_warning_and_never_tappable(
        engine: Engine) -> None:
    release = Release(id="r", contacts=[contact(phone="020 7946 01011", phone_valid=False)])
    paras, cards = route_paragraphs(release, "media", "media", False,
                                    dt.datetime(2024, 3, 14, 10, tzinfo=dt.UTC), engine.hours)
    text = " ".join(s.text for p in paras for s in p)
    assert "020 7946 01011 as printed" in text and "looks wrong" in text
    assert "+44" not in text
    assert not any(s.style == "phone" for p in paras for s in p)
    assert cards == []


def test_a_standing_line_says_it_is_not_from_the_release(engine: Engine) -> None:
    release = Release(id="r", contacts=[contact(standing=True, sentence="")])
    paras, cards = route_paragraphs(release, "media", "media", False,
                                    dt.datetime(2024, 3, 14, 10, tzinfo=dt.UTC), engine.hours)
    assert "standing line" in " ".join(s.text for p in paras for s in p)
    assert [c.standing for c in cards] == [True]


def test_a_release_without_contacts_says_so(engine: Engine) -> None:
    paras, cards = route_paragraphs(Release(id="r"), "media", "media", False,
                                    dt.datetime(2024, 3, 14, 10, tzinfo=dt.UTC), engine.hours)
    assert cards == [] and "gives no contact" in " ".join(s.text for p in paras for s in p)
