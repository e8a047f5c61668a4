"""Provides invented releases for the many-release tests: built in-process beside the real one,
or written as a release folder and an intents file for tests that load from disk.

Each invented release has its own subject word, committee, chair, a figure per year, a quote,
its own media contact and a few intents written here (the generated answer cards of the
"types" work are not assumed). Its text is the real release's text with its own paragraphs
added, so every sentence the real release quotes is still there verbatim.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.knowledge import Knowledge
from bot.models import Contact, Figure, Intent, Period, Quote, Recommendation, Release


@dataclass(frozen=True)
class Spec:
    """What makes an invented release itself."""

    id: str
    subject: str  # one word, e.g. "potholes"
    title: str
    date: dt.date
    committee: str
    speaker: str  # e.g. "Jane Roe AM"
    figures: tuple[tuple[int, int], ...]  # (year, value)
    phone: str = "020 7983 1111"
    media_name: str = "Jo Bloggs"
    public_name: str = ""  # the real release's public line ("Public Liaison Unit") if none
    body: str = ""  # a body its one recommendation names; the real release's three if none
    national: bool = False  # its figures are for the UK (their topic its subject), not London
    lobbied: str = ""  # whom its recommendation (with a body) asks the Mayor to lobby, if anyone


POTHOLES = Spec("2021-06-01-potholes", "potholes", "Fix London's potholes", dt.date(2021, 6, 1),
                "Transport Committee", "Jane Roe AM", ((2018, 4410), (2020, 5120)),
                media_name="Ciara Mensah", public_name="Highways Enquiry Desk",
                body="Carriageway Renewal and Repair Board")
ALLOTMENTS = Spec("2022-03-15-allotments", "allotments", "Grow more allotments",
                  dt.date(2022, 3, 15), "Budget & Performance Committee", "Sam Poe AM",
                  ((2018, 3770), (2021, 2960)), phone="020 7983 2222", media_name="Ann Other")
# Its figures are the UK's: "the national figure" is its own, not the NRM's.
LIBRARIES = Spec("2023-09-12-libraries", "libraries", "Save the UK's libraries",
                 dt.date(2023, 9, 12), "Economy Committee", "Kit Doe AM",
                 ((2019, 3583), (2022, 3012)), phone="020 7983 3333", media_name="Raj Patel",
                 national=True)


def _text(spec: Spec) -> str:
    subject = spec.subject
    lines = [spec.title, "",
             f"The London Assembly {spec.committee} has looked at {subject} in the capital."]
    lines += [f"In {year}, {value:,} {subject} were recorded in {_place(spec)}." for year, value
              in spec.figures]
    lines += [f"{spec.speaker}, Chair of the {spec.committee}, said:",
              f"“London deserves better on {subject}, and the Mayor must act now.”",
              f"For media enquiries about {subject}, contact {spec.media_name} on {spec.phone}."]
    if spec.body:
        lines.append(_recommendation(spec).sentence)
    if spec.public_name:
        lines.append(f"Non-media enquiries should be directed to the {spec.public_name} on "
                     "020 7983 4100.")
    return "\n\n".join(lines)


def _place(spec: Spec) -> str:
    return "the UK" if spec.national else "London"


def _recommendation(spec: Spec) -> Recommendation:
    lobby = f" and lobby the {spec.lobbied}" if spec.lobbied else ""
    return Recommendation(
        id=f"rec_{spec.subject}", title=f"A plan from the {spec.body}", addressee="the Mayor",
        action=f"task the {spec.body} with a coherent strategy for {spec.subject}{lobby}",
        sentence=f"The Mayor should task the {spec.body} with developing a coherent strategy "
                 f"for {spec.subject}{lobby}.")


def release(base: Release, spec: Spec) -> Release:
    """The invented release, as the loader would return it (its text filled in)."""
    own = _text(spec)
    text = base.text + "\n\n" + own
    figures = [Figure(id=f"{spec.subject}_{year}", value=value, as_written=f"{value:,}",
                      display=f"{value:,}", unit="people", counts=f"{spec.subject} recorded",
                      place=_place(spec), period=Period(start=year, end=year),
                      topics=[spec.subject] if spec.national else [], source=base.sources[0].id,
                      sentence=f"In {year}, {value:,} {spec.subject} were recorded in "
                               f"{_place(spec)}.")
               for year, value in spec.figures]
    quote = Quote(speaker=spec.speaker, role=f"Chair of the {spec.committee}",
                  paragraphs=[f"London deserves better on {spec.subject}, and the Mayor must "
                              "act now."])
    media = Contact(id="media", label="Media enquiries", name=spec.media_name, phone=spec.phone,
                    audience="media", sentence=f"For media enquiries about {spec.subject}, "
                    f"contact {spec.media_name} on {spec.phone}.")
    contacts = [media, *(c.model_copy(update={
        "name": spec.public_name, "sentence": f"Non-media enquiries should be directed to the "
        f"{spec.public_name} on 020 7983 4100."}) if c.audience == "public" and spec.public_name
        else c for c in base.contacts if c.id != "media")]
    return base.model_copy(update={
        "id": spec.id, "title": spec.title, "date": spec.date, "committee": spec.committee,
        "chair": spec.speaker, "summary": f"The {spec.committee} on {spec.subject} in London.",
        "figures": figures, "derived": [], "quotes": [quote], "contacts": contacts,
        "recommendations": [_recommendation(spec)] if spec.body else base.recommendations,
        "text": text})


def intents(spec: Spec, base: Knowledge) -> list[Intent]:
    """A few intents of the invented release, written the way an editor would."""
    s, p = spec.subject, spec.subject
    made = [Intent(id=f"{p}_{year}", label=f"{s.capitalize()} in {year}", type="figure",
                   slot=f"{s}_{year}", release=spec.id, family="figures", years=[year],
                   examples=[f"how many {s} in {year}", f"{s} figures {year}",
                             f"{s} in {year}", f"number of {s} {year}"],
                   keywords={s: 3.0, "stats": 1.0},
                   answer=[f"In {year}, {{fig:{s}_{year}}} {s} were recorded in London."])
            for year, _ in spec.figures]
    # Written without the chair's or the committee's name, as an editor need not write them:
    # the reader reads the names of the people a release quotes as the chair, and its
    # committee's as the committee (bot.names).
    made += [
        Intent(id=f"{p}_quote", label=f"The chair on {s}", type="quote", release=spec.id,
               family="quote", examples=["what did the chair say", "chair quote",
                                         f"statement on {s}"],
               keywords={"quote": 2.0, "chair": 1.0, s: 1.0}, answer=["{quote}"]),
        Intent(id=f"{p}_chair", label=f"Who chairs the {spec.committee}", type="speaker",
               release=spec.id, family="chair",
               examples=["who is the chair", "who chairs the committee"],
               keywords={"chair": 3.0, "who": 2.0}, requires=[["chair"]],
               answer=["{chair} chairs the {committee}."]),
        Intent(id=f"{p}_committee", label=f"The {spec.committee}", type="release_fact",
               slot="committee", release=spec.id, family="release",
               examples=["which committee is this", "what is the committee"],
               keywords={"committee": 3.0, "who": 0.5, "whois": 1.0}, requires=[["committee"]],
               answer=["The {committee} of the {publisher} wrote the letter."]),
        Intent(id=f"{p}_interview", label="Interviewing the chair", type="contacts",
               slot="interview", release=spec.id, family="contacts", audience="media",
               route="interview", examples=["can i interview the chair",
                                            "is the chair available for interview",
                                            f"interview request about {s}"],
               keywords={"interview": 3.0, "chair": 1.0, "media": 1.0, "contact": 0.5},
               requires=[["interview"]], answer=["Interview requests go to the press office."]),
    ]
    if spec.body:  # its recommendation, found by the body it names (bot.names)
        made.append(Intent(
            id=f"{p}_rec", label=f"A plan for {s}", type="recommendation", slot=f"rec_{s}",
            release=spec.id, family="recommendations",
            examples=[f"what is the recommendation on {s}", f"what should the mayor do about {s}"],
            keywords={"strategy": 3.0, "recommend": 1.0, "mayor": 0.5,
                      **({"lobby": 2.0} if spec.lobbied else {})}, requires=[["strategy"]],
            answer=[f"{{rec:rec_{s}}}"]))
    for intent in base.intents:
        if intent.type == "contacts" and intent.slot in ("media", "public", "all"):
            made.append(intent.model_copy(update={"id": f"{p}_{intent.id}",
                                                  "release": spec.id, "followups": []}))
    return made


def with_releases(base: Knowledge, *specs: Spec) -> Knowledge:
    """The real knowledge with invented releases (and their intents) loaded beside it."""
    first = base.releases[0]
    return base.model_copy(update={
        "releases": [*base.releases, *(release(first, s) for s in specs)],
        "intents": [*base.intents, *(i for s in specs for i in intents(s, base))],
        "content_hash": "+".join([base.content_hash, *(s.id for s in specs)])})


def write(knowledge_dir: Path, intents_dir: Path, base: Knowledge, spec: Spec) -> None:
    """Write the invented release as a folder under knowledge/releases and its intents as
    intents/<subject>.yaml, as an editor would add them."""
    made = release(base.releases[0], spec)
    folder = knowledge_dir / "releases" / spec.id
    folder.mkdir(parents=True)
    (folder / "release.txt").write_text(made.text, encoding="utf-8")
    data = made.model_dump(mode="json", exclude={"text"}, exclude_defaults=True)
    (folder / "release.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                         encoding="utf-8")
    rows = [i.model_dump(mode="json", exclude_defaults=True) for i in intents(spec, base)]
    (intents_dir / f"{spec.subject}.yaml").write_text(yaml.safe_dump(rows, allow_unicode=True),
                                                      encoding="utf-8")
