"""Tests for bot/ingest/draft.py: the release id from date and title, the press office's
standing lines when a release has no contacts block, and a draft folder written whole, never
over an existing one unless forced."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.config import Settings
from bot.ingest import draft
from bot.ingest.text import UnusableInput
from tests.conftest import engine_settings

# Invented for these tests, in the shape of a committee release (no contacts block).
TEXT = ("Libraries must open later, says committee\n\n14 May 2024\n\n"
        "The London Assembly Culture Committee says 18 libraries cut their opening hours in "
        "2023.[1]\n\nNotes to editors\n\n1. Committee survey of boroughs, 2023.\n")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return engine_settings(tmp_path)


def test_a_slug_keeps_the_first_words_that_say_something() -> None:
    assert draft.slug("More must be done to tackle Modern Slavery") == "tackle-modern-slavery"
    assert draft.slug("A B C D E F G H", words=3) == "b-c-d"
    assert draft.slug("...") == "release"


def test_a_release_is_named_by_its_date_and_title(settings: Settings) -> None:
    d = draft.build(TEXT, settings, "libraries.txt")
    assert d.release_id == "2024-05-14-libraries-open-later-says-committee"
    assert "title: Libraries must open later, says committee" in d.found
    assert d.data["figures"][0]["value"] == 18


def test_without_a_contacts_block_the_standing_lines_are_given_and_flagged(
        settings: Settings) -> None:
    d = draft.build(TEXT, settings, "libraries.txt")
    assert [c["phone"] for c in d.data["contacts"]] == [
        settings.standing_media_phone, settings.standing_out_of_hours_phone,
        settings.standing_public_phone]
    assert all(c["standing"] for c in d.data["contacts"])
    assert any(c.startswith("no contacts block") for c in d.checks)


def test_a_standing_line_with_no_number_is_left_out(tmp_path: Path) -> None:
    settings = engine_settings(tmp_path, standing_public_phone="")
    assert [c["id"] for c in draft.standing_contacts(settings)] == ["media", "out_of_hours"]


def test_text_with_no_sentences_is_unusable(settings: Settings) -> None:
    with pytest.raises(UnusableInput, match="no sentences"):
        draft.build("Home\nMenu\nSearch\n", settings, "page.txt")


def test_a_draft_is_written_whole_and_loads_as_a_release(settings: Settings,
                                                         tmp_path: Path) -> None:
    d = draft.build(TEXT, settings, "libraries.txt")
    folder = draft.write(d, tmp_path / "releases")
    assert sorted(p.name for p in folder.iterdir()) == ["release.txt", "release.yaml"]
    assert (folder / "release.txt").read_text(encoding="utf-8") == TEXT
    written = (folder / "release.yaml").read_text(encoding="utf-8")
    assert written.startswith("# Drafted by `pressbot ingest`")
    assert "# CHECK: no contacts block" in written
    assert yaml.safe_load(written)["id"] == d.release_id
    assert draft.validate(d, folder).figures[0].as_written == "18"


def test_an_existing_folder_is_kept_unless_forced(settings: Settings, tmp_path: Path) -> None:
    d = draft.build(TEXT, settings, "libraries.txt")
    folder = draft.write(d, tmp_path)
    (folder / "release.yaml").write_text("# edited by hand\n", encoding="utf-8")
    with pytest.raises(draft.DraftExists, match="already exists; remove it or use --force"):
        draft.write(d, tmp_path)
    assert (folder / "release.yaml").read_text(encoding="utf-8") == "# edited by hand\n"
    draft.write(d, tmp_path, force=True)
    assert (folder / "release.yaml").read_text(encoding="utf-8").startswith("# Drafted")


def test_data_the_release_model_refuses_is_never_written(settings: Settings,
                                                         tmp_path: Path) -> None:
    d = draft.build(TEXT, settings, "libraries.txt")
    d.data["figures"][0]["value"] = "eighteen"
    with pytest.raises(draft.DraftInvalid, match="figures.0.value"):
        draft.write(d, tmp_path)
    assert list(tmp_path.iterdir()) == []
