"""Provides the draft release: release.yaml data built from what was found, the folder written
(text and YAML), and the report of what was found and what needs an editor's eye.

The draft is validated with the same model and provenance checks as a hand-made release before
anything is written, so a written folder always loads.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.config import Settings
from bot.errors import PressbotError
from bot.ingest.extract import Found, extract
from bot.ingest.figures import FigureFinder
from bot.ingest.text import UnusableInput, blocks, ends_cleanly, is_sentence, sentences
from bot.models import Release
from bot.provenance import check_provenance

SLUG_STOP = {"a", "an", "the", "of", "to", "and", "for", "in", "on", "be", "is", "must", "more",
             "done", "by", "with", "at", "its", "it", "we", "our", "new"}


class DraftInvalid(PressbotError):
    """Ingesting produced data the release model refuses: a bug to report, never written."""


class DraftExists(PressbotError):
    """The release folder is already there; ingesting again must not overwrite an edited one."""


@dataclass
class Draft:
    """A release ready to write: its id, text, YAML data and the editor's list."""

    release_id: str
    text: str
    data: dict[str, Any]
    found: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)


def slug(text: str, words: int = 6) -> str:
    kept = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in SLUG_STOP]
    return "-".join(kept[:words]) or "release"


def standing_contacts(settings: Settings) -> list[dict[str, Any]]:
    """The press office's standing lines from configuration, labelled as not the release's."""
    lines = [("media", "Media enquiries", settings.standing_media_name,
              settings.standing_media_phone, "", "media"),
             ("out_of_hours", "Out-of-hours media enquiries", "the duty press officer",
              settings.standing_out_of_hours_phone, settings.standing_out_of_hours_instruction,
              "out_of_hours"),
             ("non_media", "Non-media enquiries", settings.standing_public_name,
              settings.standing_public_phone, "", "public")]
    return [{"id": cid, "label": label, "name": name, "phone": phone, "instruction": ask,
             "audience": audience, "standing": True}
            for cid, label, name, phone, ask, audience in lines if phone]


def _sources(found: Found, figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A source for each note to editors that a figure's marker points to."""
    wanted = sorted({int(f["source"].split("_")[1]) for f in figures if f.get("source")})
    out = []
    for note in found.notes:
        if note["number"] in wanted:
            text = note["text"].rstrip(".")
            first = text.split(", ")[0]
            out.append({"id": f"note_{note['number']}", "name": text,
                        "short": first if len(first.split()) >= 3 else text,
                        "sentence": note["text"]})
    return out


def build(text: str, settings: Settings, name: str = "input") -> Draft:
    """Everything the text says, as release data; raises UnusableInput for a non-release."""
    if not any(is_sentence(s) for b in blocks(text) for s in sentences(b)):
        raise UnusableInput(f"{name}: has no sentences; it does not look like a press release")
    found = extract(text)
    finder = FigureFinder({n["number"] for n in found.notes},
                          year=found.date.year if found.date else None)
    for block in found.body:
        finder.scan(block)
    # A figure said only in a quote is still the release's ("losing 3,100 trees in 2021").
    stated = {f["value"] for f in finder.figures}
    for quote in found.quotes:
        for paragraph in quote["paragraphs"]:
            finder.scan(paragraph, skip=stated)
    day = found.date.isoformat() if found.date else "undated"
    release_id = f"{day}-{slug(found.title or found.summary_sentence)}"
    data: dict[str, Any] = {"id": release_id, "title": found.title, "committee": found.committee,
                            "chair": found.chair, "category": found.category}
    if found.date:
        data["date"] = found.date
    if found.summary_sentence:
        data["summary"] = data["summary_sentence"] = found.summary_sentence
    if found.letter_sentence:
        data["letter"] = data["letter_sentence"] = found.letter_sentence
    if found.recommendations:
        # Read from running text only: whether they are all is for the editor to say.
        data["recommendations_intro"] = found.recommendations_intro
        data["recommendations_complete"] = found.recommendations_complete
    data["sources"] = _sources(found, finder.figures)
    data["figures"] = finder.figures
    data["recommendations"] = found.recommendations
    data["quotes"] = found.quotes
    data["notes"] = found.notes
    checks = list(found.missing) + finder.checks
    if found.contacts:
        data["contacts"] = found.contacts
    else:
        data["contacts"] = standing_contacts(settings)
        checks.append("no contacts block: the press office's standing lines from configuration "
                      "are given instead, labelled as such")
    if found.accessibility:
        data["accessibility"] = found.accessibility
    if not ends_cleanly(text):
        checks.append(f"the text seems cut off mid-sentence: {blocks(text)[-1][-60:]!r}")
    if found.recommendations_intro and not found.recommendations_complete:
        checks.append("the release lists only some of its recommendations")
    if found.prose_recommendations:
        checks.append(f"{found.prose_recommendations} recommendation(s) read from running text: "
                      "check each is one, and its addressee"
                      + ("" if found.recommendations_intro else
                         "; set recommendations_complete: true if they are all the report's"))
    found_lines = [
        f"title: {found.title or '(none)'}",
        f"date: {found.date.isoformat() if found.date else '(none)'}",
        f"committee: {found.committee or '(none)'}; chair: {found.chair or '(none)'}",
        f"{len(found.quotes)} quote(s): " + ", ".join(q["speaker"] for q in found.quotes),
        f"{len(finder.figures)} figure(s): " + ", ".join(f["as_written"] for f in finder.figures),
        f"{len(found.recommendations)} recommendation(s), {len(found.notes)} note(s) to editors",
        f"{len(data['contacts'])} contact(s): " + ", ".join(
            f"{c['label']} {c['phone']}" + (" (standing)" if c.get("standing") else "")
            + (" (INVALID as printed)" if c.get("phone_valid") is False else "")
            for c in data["contacts"])]
    return Draft(release_id, text, data, found_lines, checks)


def validate(draft: Draft, folder: Path) -> Release:
    """The model and provenance checks a hand-made release passes, before writing."""
    try:
        release = Release.model_validate(draft.data).model_copy(update={"text": draft.text})
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise DraftInvalid(f"{folder}: the draft is not a valid release ({where}: "
                           f"{err['msg']}); please report this with the input") from None
    check_provenance(release, folder / "release.yaml")
    return release


def render_yaml(draft: Draft) -> str:
    head = ["# Drafted by `pressbot ingest`: every sentence below is verbatim in release.txt.",
            "# Check it, fill in what is missing, then run `pressbot check`."]
    head += [f"# CHECK: {c}" for c in draft.checks]
    body = yaml.safe_dump(draft.data, sort_keys=False, allow_unicode=True, width=100)
    return "\n".join(head) + "\n" + body


def write(draft: Draft, releases_dir: Path, force: bool = False) -> Path:
    """Write releases/<id>/release.txt and release.yaml; an existing folder is kept unless
    force. Files are written to temporary names first so a reload never sees half a release."""
    folder = releases_dir / draft.release_id
    if folder.exists() and not force:
        raise DraftExists(f"{folder} already exists; remove it or use --force to replace it")
    validate(draft, folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in (("release.txt", draft.text), ("release.yaml", render_yaml(draft))):
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(content)
        os.replace(tmp, folder / name)
    return folder
