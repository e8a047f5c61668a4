"""Tests for bot.names: the forms of the names of the people a release quotes, of its contacts and
of the bodies its recommendations name, from the names as the release writes them, and
``{speaker}`` in a lexicon pattern."""

from __future__ import annotations

import re

import pytest

from bot.engine import Engine
from bot.names import (
    COMMITTEE,
    CONTACT_WORDS,
    NOTHING,
    PERSON,
    Names,
    People,
    bodies,
    name_words,
    read_names,
    read_people,
    sources,
)
from tests.conftest import SLAVERY
from tests.release_factory import POTHOLES, with_releases

TITLES = frozenset({"mr", "ms", "dr", "lord"})


def read(text: str) -> list[str]:
    return re.sub(r"[^\w\s]", " ", text.lower()).split()


def people(*names: str, everyday: frozenset[str] = frozenset(),
           known: frozenset[str] = frozenset()) -> People:
    return read_people(names, read, TITLES, everyday, known, frozenset({"will", "the", "and"}))


@pytest.mark.parametrize(("name", "words"), [
    ("Unmesh Desai AM", ["Unmesh", "Desai"]),
    ("Dr Priya Okafor OBE AM", ["Priya", "Okafor"]),
    ("Lord Bloggs", ["Bloggs"]),  # a title alone before the name is no name
    ("Mr", ["Mr"]),
    ("Sean O'Neill", ["Sean", "O'Neill"]),
    ("Police & Crime Committee", ["Police", "and", "Crime", "Committee"]),  # "&" is "and"
])
def test_a_name_is_its_own_words_without_titles_and_post_nominals(name: str,
                                                                 words: list[str]) -> None:
    assert name_words(name, TITLES) == words


def test_every_form_of_a_name_and_the_single_words_read_as_the_person() -> None:
    found = people("Jane Okafor AM", everyday=frozenset({"jane"}))
    assert {("jane", "okafor"), ("jane",), ("okafor",), ("mr", "okafor"), ("dr", "okafor")} \
        <= found.forms
    # "Jane" is an everyday word: the person only in a longer form; a title names nobody.
    assert found.words == {"okafor"} and found.names == {"jane", "okafor"}


def test_a_word_the_lexicon_reads_or_a_stopword_is_the_person_only_in_a_longer_form() -> None:
    found = people("Sadiq Khan", "Will Hay", known=frozenset({"sadiq", "khan"}))
    assert found.words == {"hay"}
    assert ("will",) not in found.forms and ("will", "hay") in found.forms
    assert ("khan",) in found.forms  # still in the patterns' names: "did Khan say" names him


def test_several_names_are_all_read() -> None:
    found = people("Unmesh Desai AM", "Jane Okafor")
    assert {"desai", "unmesh", "okafor", "jane"} == found.words


@pytest.mark.parametrize(("text", "named"), [
    ("can i get jane on", True), ("can i get jane okafor on", True),
    ("can i get ms okafor on", True), ("can i get john on", False),
    ("can i get okafors on", False),
])
def test_speaker_in_a_pattern_stands_for_the_names(text: str, named: bool) -> None:
    pattern = people("Jane Okafor AM").in_pattern("get {speaker} on")
    assert bool(re.search(rf"\b(?:{pattern})\b", text)) is named


def test_with_nobody_quoted_speaker_matches_nothing() -> None:
    nobody = read_people([], read, TITLES, (), (), ())
    assert nobody.alternation() == NOTHING and not nobody.forms
    assert not re.search(nobody.in_pattern("get (?:{speaker}|him) on"), "get  on")
    assert re.search(nobody.in_pattern("get (?:{speaker}|him) on"), "get him on")
    assert nobody.in_pattern("no names here") == "no names here"


def test_a_name_of_more_than_one_word_is_found_in_read_words() -> None:
    found = people("Sue Green", everyday=frozenset({"sue", "green"}))
    assert found.words == frozenset()
    named = Names(((frozenset({"chair"}), found),))
    assert named.read(["what", "did", "sue", "green", "say"])[0]
    assert named.read(["did", "mr", "green", "say"])[0]
    assert not named.read(["green", "spaces"])[0] and not named.read(["sue", "them"])[0]


def test_the_name_a_pattern_matched_is_kept_after_its_words() -> None:
    found = people("Jane Okafor AM")
    pattern = re.compile(rf"\b(?:{found.in_pattern('get (?:{speaker}|him) on')})\b")
    words = found.in_words("get (?:{speaker}|him) on", "interview")
    assert pattern.sub(words, "can i get ms okafor on air").split() == [
        "can", "i", "interview", "ms", "okafor", "air"]
    assert pattern.sub(words, "can i get him on air").split() == ["can", "i", "interview", "air"]
    assert found.in_words("no names", "quote") == " quote "


def test_every_word_of_a_name_and_a_long_names_initials_are_its_forms() -> None:
    found = people("Public Liaison Unit", everyday=frozenset({"public", "unit"}))
    assert {("public", "liaison", "unit"), ("liaison",), ("plu",)} <= found.forms
    assert found.words == {"liaison", "plu"}  # "public" and "unit" only in the full name
    assert ("an",) not in people("Aoife Nolan").forms  # two letters are no initials


def test_the_words_of_a_name_found_are_read_as_the_name_only() -> None:
    names = Names(((frozenset({"citizen"}), people("Public Liaison Unit",
                                                   everyday=frozenset({"public", "unit"}))),
                   (frozenset({"chair"}), people("Unmesh Desai"))))
    concepts, covered = names.read(["number", "for", "public", "liaison", "unit"])
    assert concepts == {"citizen"} and covered == {2, 4}  # "liaison" is read as the name alone
    assert names.read(["what", "did", "desai", "say"]) == (set(), set())
    assert names.read(["unmesh", "desai"]) == ({"chair"}, set())
    # A longer form cut short by the end of the question is not found by its shorter start.
    assert names.read(["call", "the", "public", "liaison"]) == (set(), set())


def test_each_releases_chair_and_contacts_are_read_as_the_lexicon_word_for_them(
        engine: Engine) -> None:
    knowledge = with_releases(engine.knowledge, POTHOLES)
    names = read_names(knowledge.releases, knowledge.intents, read,
                       lambda word: frozenset({word.upper()}), TITLES,
                       frozenset({"public", "unit", "london", "press", "officer"}), (), ())
    words: dict[str, set[str]] = {}
    for concepts, found in names.kinds:
        words.setdefault(next(iter(concepts)), set()).update(found.words)
    assert words[PERSON.upper()] >= {"desai", "unmesh", "roe"}
    assert words[CONTACT_WORDS["media"].upper()] == {"aoife", "nolan", "ciara", "mensah"}
    assert words[CONTACT_WORDS["public"].upper()] >= {"liaison", "plu", "highways", "hed"}
    assert words["STRATEGY"] >= {"lmspb", "carriageway", "crrb"}  # each release's body
    assert words["DETECTIVE"] >= {"scvu", "vulnerabilities"}
    assert words[COMMITTEE.upper()] >= {"pcc", "crime", "transport"}  # each release's committee
    assert "outofhours" not in {w.lower() for w in words}  # a role ("duty press officer")


def test_the_bodies_a_recommendation_names_are_read_as_its_intents_strongest_keyword(
        engine: Engine) -> None:
    found = dict(bodies(engine.knowledge.release(SLAVERY), engine.knowledge.intents))
    assert found["strategy"] == ["London Modern Slavery Partnership Board",
                                 "Modern Slavery Partnership Board"]
    assert found["detective"] == ["Specialist Crimes and Vulnerabilities Unit"]
    # rec_visa weighs visa and lobby most, equally: both; "The Mayor" is no body's name.
    assert found["visa"] == found["lobby"] == ["Home Secretary", "London Victims Commissioner"]


def verbs(text: str) -> frozenset[str]:
    """A text's words as a lexicon reads them, "lobbying" as "lobby"."""
    return frozenset("lobby" if w.startswith("lobby") else w for w in read(text))


def test_a_body_is_read_as_the_keyword_that_governs_it_in_the_recommendation(
        engine: Engine) -> None:
    """"lobby the Home Secretary": the Home Secretary is whom rec_visa asks the Mayor to lobby,
    not a visa; a body no keyword governs is read as the strongest ("contact ... and the London
    Victims Commissioner": "and" is no keyword; "task the ... Partnership Board")."""
    found = dict(bodies(engine.knowledge.release(SLAVERY), engine.knowledge.intents, verbs))
    assert found["lobby"] == ["Home Secretary", "London Victims Commissioner"]
    assert found["visa"] == ["London Victims Commissioner"]
    assert found["strategy"] == ["London Modern Slavery Partnership Board",
                                 "Modern Slavery Partnership Board"]


def test_a_long_name_is_found_by_its_tails_and_without_a_part_joined_by_and() -> None:
    found = people("Specialist Crimes and Vulnerabilities Unit")
    assert {("vulnerabilities", "unit"), ("crimes", "and", "vulnerabilities", "unit"),
            ("specialist", "crimes", "unit"), ("scvu",)} <= found.forms
    assert ("and", "vulnerabilities", "unit") not in found.forms  # no tail from a stopword


def test_a_name_with_and_is_found_without_the_word_that_joins_its_parts() -> None:
    found = people("Police & Crime Committee", known=frozenset({"police", "committee"}))
    assert {("police", "and", "crime", "committee"), ("police", "crime", "committee"),
            ("police", "committee"), ("crime", "committee"), ("pcc",)} <= found.forms
    assert found.words == {"crime", "pcc"}  # a word the lexicon reads only in a longer form


def test_a_sources_name_is_read_as_its_publisher_and_a_source(engine: Engine) -> None:
    release = engine.knowledge.release(SLAVERY)
    found = dict(sources(release, read))
    # The Home Office's 2018 Annual Report; the publisher's own name names the publisher.
    assert found["home office source"] == ["Annual Report"]
    assert found["metropolitan police source"] == []
    renamed = release.model_copy(update={"sources": [release.sources[0].model_copy(update={
        "name": "Transport for London's 2019 Travel Survey", "short": "Travel Survey",
        "publisher": "Transport for London"})]})
    assert sources(renamed, read) == [("transport for london source", ["Travel Survey"])]


def test_a_sources_name_is_found_only_by_a_form_of_two_words_or_more(engine: Engine) -> None:
    release = engine.knowledge.release(SLAVERY).model_copy(update={"sources": [
        engine.knowledge.release(SLAVERY).sources[0].model_copy(update={
            "name": "the Ofsted Inspection Yearbook", "short": "Inspection Yearbook",
            "publisher": "Ofsted"})]})
    names = read_names([release], [], read, lambda word: frozenset({word.upper()}), TITLES,
                       frozenset(), (), ())
    (concepts, found), = [(c, p) for c, p in names.kinds if "SOURCE" in c]
    assert concepts == {"OFSTED", "SOURCE"} and ("inspection", "yearbook") in found.forms
    assert found.words == frozenset()  # "yearbook" alone is no question about a source
    assert names.read(["the", "inspection", "yearbook"])[0] == {"OFSTED", "SOURCE"}
