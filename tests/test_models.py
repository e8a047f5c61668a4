"""Tests for bot.models: strict content models and figure provenance rules (also as a broken edit
of the release is refused). The Answer model's are in test_answermodels.py."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest
from pydantic import ValidationError

from bot.engine import Engine
from bot.models import Contact, Figure, Intent, Period, Release
from bot.provenance import squash
from tests.conftest import assert_names, load_error

if TYPE_CHECKING:
    from conftest import KnowledgeCopy

SENTENCE = ("Data from the Met shows that in 2013, 187 referrals for modern slavery and human "
            "trafficking were made in London.")


def figure(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "met_referrals_2013", "value": 187, "as_written": "187", "display": "187",
        "unit": "referrals", "counts": "referrals made in London", "place": "London",
        "period": {"start": 2013, "end": 2013}, "source": "met_data", "sentence": SENTENCE,
    }
    data.update(changes)
    return data


def errors(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return " | ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.value.errors())


# --------------------------------------------------------------------------- figures


def test_a_valid_figure_loads() -> None:
    f = Figure.model_validate(figure())
    assert f.value == 187
    assert f.period.label() == "2013"


def test_figure_value_must_occur_in_its_sentence() -> None:
    with pytest.raises(ValidationError) as exc:
        Figure.model_validate(figure(as_written="178", value=178, display="178"))
    assert "as_written '178' does not occur in its sentence" in errors(exc)


def test_figure_value_must_match_what_is_written() -> None:
    with pytest.raises(ValidationError) as exc:
        Figure.model_validate(figure(value=178))
    assert "value 178 does not match as_written '187'" in errors(exc)


@pytest.mark.parametrize(("as_written", "value"),
                         [("2,346", 2346), ("1,155 per cent", 1155), ("30 per cent", 30)])
def test_written_forms_with_separators_and_per_cent_are_read(as_written: str, value: int) -> None:
    sentence = f"The figure was {as_written} that year."
    f = Figure.model_validate(figure(as_written=as_written, display=as_written, value=value,
                                     sentence=sentence))
    assert f.value == value


def test_unknown_field_is_an_error_not_ignored() -> None:
    with pytest.raises(ValidationError) as exc:
        Figure.model_validate(figure(colour="red"))
    assert "colour: Extra inputs are not permitted" in errors(exc)


def test_unit_is_an_open_set() -> None:
    assert Figure.model_validate(figure(unit="households")).unit == "households"


def test_a_scale_word_multiplies_the_written_value() -> None:
    money = figure(value=2_500_000, as_written="£2.5 million", display="£2.5 million",
                   unit="money", sentence="The fund holds £2.5 million this year.")
    assert Figure.model_validate(money).value == 2_500_000
    with pytest.raises(ValidationError, match="does not match as_written"):
        Figure.model_validate({**money, "value": 2.5})


def test_period_source_and_topics_are_optional() -> None:
    data = figure()
    for key in ("period", "source", "topics", "counts", "place"):
        data.pop(key, None)
    fig = Figure.model_validate(data)
    assert (fig.period, fig.source, fig.topics, fig.years) == (None, "", [], set())


def test_period_end_must_not_precede_start() -> None:
    with pytest.raises(ValidationError, match="end must not be before start"):
        Period(start=2018, end=2013)


def test_period_label_and_years() -> None:
    span = Period(start=2013, end=2018)
    assert span.label() == "2013–2018"
    assert span.years == [2013, 2014, 2015, 2016, 2017, 2018]
    assert Period(start=2017, end=2017).label() == "2017"


def test_content_models_are_immutable() -> None:
    f = Figure.model_validate(figure())
    with pytest.raises(ValidationError):
        f.value = 1  # type: ignore[misc]


# --------------------------------------------------------------------------- contacts, intents


@pytest.mark.parametrize("phone", ["020 7983 4067", "020 7983 4000", "020 7983 4100"])
def test_contact_accepts_uk_numbers_as_the_release_writes_them(phone: str) -> None:
    c = Contact(id="media", label="Media", name="x", phone=phone, audience="media", sentence="s")
    assert c.phone == phone


@pytest.mark.parametrize("phone", ["+44 20 7983 4067", "02079834067x", "call us", ""])
def test_contact_rejects_other_phone_formats(phone: str) -> None:
    with pytest.raises(ValidationError, match="UK number"):
        Contact(id="media", label="Media", name="x", phone=phone, audience="media", sentence="s")


def test_contact_ids_are_open_but_audience_is_a_closed_set() -> None:
    assert Contact(id="press", label="x", name="x", phone="020 7983 4067", audience="media",
                   sentence="s").id == "press"
    with pytest.raises(ValidationError):
        Contact(id="media", label="x", name="x", phone="020 7983 4067", audience="everyone",
                sentence="s")


def test_an_intent_needs_at_least_one_example() -> None:
    with pytest.raises(ValidationError):
        Intent(id="x", label="x", examples=[])


def test_intent_rejects_misspelt_fields() -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Intent.model_validate({"id": "x", "label": "x", "examples": ["q"], "keyword": {"a": 1}})


# --------------------------------------------------------------------------- the real release


@pytest.fixture(scope="module")
def release(engine: Engine) -> Release:
    return engine.knowledge.release()


def test_release_metadata(release: Release) -> None:
    assert release.title == "More must be done to tackle Modern Slavery"
    assert release.publisher == "London Assembly"
    assert release.committee == "Police & Crime Committee"
    assert release.date == dt.date(2020, 1, 30)
    assert release.category
    assert release.quote.speaker == "Unmesh Desai AM"
    assert "Chair" in release.quote.role


def test_release_figures_are_the_six_the_release_states(release: Release) -> None:
    values = {f.id: f.value for f in release.figures}
    assert sorted(values.values()) == sorted([5143, 30, 3, 187, 2346, 1155])
    sources = {s.id: s for s in release.sources}
    for f in release.figures:
        assert f.source in sources
        assert f.sentence and f.counts and f.place and f.unit
    by_value = {f.value: f for f in release.figures}
    assert "Home Office" in sources[by_value[5143].source].name
    assert "Met" in sources[by_value[2346].source].name
    assert by_value[5143].period.label() == "2017"
    assert by_value[1155].period.label() == "2013–2018"
    assert by_value[30].qualifier == "more than"
    assert by_value[3].qualifier == "almost"


def test_every_quoted_sentence_is_verbatim_in_the_release_text(release: Release) -> None:
    text = squash(release.text)
    quoted = ([f.sentence for f in release.figures] + [r.sentence for r in release.recommendations]
              + release.quote.paragraphs + [n.text for n in release.notes]
              + [c.sentence for c in release.contacts] + [s.sentence for s in release.sources]
              + [release.accessibility.sentence])
    for sentence in quoted:
        assert squash(sentence) in text, sentence
    for f in release.figures:
        assert f.as_written in f.sentence


def test_derived_figures_are_recipes_not_values(release: Release) -> None:
    ops = {d.op for d in release.derived}
    assert ops == {"difference", "ratio", "share"}
    for d in release.derived:
        assert set(d.model_dump()) == {"id", "op", "of", "label"}


def test_recommendations_are_marked_incomplete(release: Release) -> None:
    assert len(release.recommendations) == 3
    assert release.recommendations_complete is False
    assert "including" in release.recommendations_intro
    addressees = [r.addressee for r in release.recommendations]
    assert addressees.count("the Mayor") == 2 and "the Met" in addressees


def test_contacts(release: Release) -> None:
    contacts = {c.id: c for c in release.contacts}
    assert (contacts["media"].name, contacts["media"].phone) == ("Aoife Nolan", "020 7983 4067")
    assert contacts["out_of_hours"].phone == "020 7983 4000"
    assert "duty press officer" in contacts["out_of_hours"].instruction
    assert (contacts["non_media"].name, contacts["non_media"].phone) == (
        "Public Liaison Unit", "020 7983 4100")
    assert contacts["non_media"].audience == "public"
    assert (contacts["media"].audience, contacts["out_of_hours"].audience) == (
        "media", "out_of_hours")


def test_a_wrongly_printed_number_is_kept_only_when_flagged() -> None:
    wrong = {"id": "media", "label": "x", "name": "x", "phone": "020 7983 40677",
             "audience": "media", "sentence": "s"}
    with pytest.raises(ValidationError, match="phone_valid"):
        Contact.model_validate(wrong)
    assert Contact.model_validate({**wrong, "phone_valid": False}).phone == "020 7983 40677"


def test_only_a_standing_contact_may_lack_its_sentence() -> None:
    line = {"id": "media", "label": "x", "name": "x", "phone": "020 7983 4067",
            "audience": "media"}
    with pytest.raises(ValidationError, match="needs its sentence"):
        Contact.model_validate(line)
    assert Contact.model_validate({**line, "standing": True}).standing


def test_accessibility_route(release: Release) -> None:
    assert release.accessibility.response_days == 5
    assert "online form" in release.accessibility.route


def test_safeguarding_numbers_say_where_they_come_from(engine: Engine) -> None:
    s = engine.knowledge.safeguarding
    phones = {c.phone: c for c in s.contacts}
    assert set(phones) == {"999", "08000 121 700"}
    for c in s.contacts:
        assert c.provenance
        assert c.phone not in engine.knowledge.release().text


def test_the_police_numbers_for_another_crime_say_where_they_come_from(engine: Engine) -> None:
    other = engine.knowledge.safeguarding.other_crime
    assert other is not None
    assert {c.phone for c in other.contacts} == {"999", "101"}
    for c in other.contacts:
        assert c.provenance
        assert c.phone not in engine.knowledge.release().text


def test_figure_value_that_does_not_match_its_sentence(kb_copy: KnowledgeCopy) -> None:
    n = kb_copy.figure_index("met_referrals_2013")
    kb_copy.edit_release(lambda d: kb_copy.figure(d, "met_referrals_2013").update(value=178))
    assert_names(load_error(kb_copy), kb_copy.release_yaml, f"figures.{n}",
                 "value 178 does not match as_written '187'")


def test_figure_written_form_not_in_its_sentence(kb_copy: KnowledgeCopy) -> None:
    n = kb_copy.figure_index("met_referrals_2018")
    kb_copy.edit_release(lambda d: kb_copy.figure(d, "met_referrals_2018").update(
        value=2436, as_written="2,436"))
    assert_names(load_error(kb_copy), kb_copy.release_yaml, f"figures.{n}",
                 "as_written '2,436' does not occur in its sentence")


def test_figure_display_that_does_not_match_its_value(kb_copy: KnowledgeCopy) -> None:
    kb_copy.edit_release(lambda d: kb_copy.figure(d, "met_referrals_2018").update(
        display="2,436"))
    assert "display" in load_error(kb_copy)


def test_a_printed_period_must_be_in_its_sentence() -> None:
    with pytest.raises(ValidationError, match="period.printed"):
        Figure(id="f", value=1e6, as_written="£1m", display="£1m", unit="money",
               period=Period(start=2025, end=2026, printed="2025-26"),
               sentence="It cost £1m in 2025.")
