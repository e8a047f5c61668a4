"""Tests that every test release in tests/releases/ ingests, loads with the normal loader and
`pressbot check`, and that ingesting finds what each release says (and nothing it does not)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.knowledge import load_from_files
from bot.models import Release
from tests.conftest import CliResult, KnowledgeCopy

RELEASES = Path(__file__).parent / "releases"
FILES = sorted(p for p in RELEASES.iterdir() if p.suffix in (".txt", ".html"))

# What each release must give: title, date, chair, figures as written (with their years),
# recommendations, the quote's speaker and paragraphs, the media number, and what the editor
# is told to check.
EXPECT: dict[str, dict[str, Any]] = {
    "damp-homes.txt": {
        "title": "Damp and mould in rented homes needs a city-wide plan", "date": "2024-03-14",
        "chair": "Priya Halloran AM", "committee": "Housing Committee",
        "figures": {"61,000": (2022, 2022), "38 per cent": (2019, 2023), "£1,200": (2023, 2023)},
        "sources": {"61,000": "note_1", "38 per cent": "note_2", "£1,200": "note_3"},
        "recommendations": 3, "paragraphs": 3, "media": "020 7946 0101"},
    "night-buses.txt": {
        "title": "Night bus passengers feel less safe than five years ago", "date": "2023-10-02",
        "chair": "", "committee": "Transport Committee",
        "figures": {"2,400": (2023, 2023), "44 per cent": (2023, 2023)},
        "recommendations": 0, "paragraphs": 1, "media": "020 7946 0102"},
    "tree-canopy.txt": {
        "title": "Statement on London’s street trees", "date": "2022-05-09",
        "chair": "Helen Varga AM", "committee": "Environment Committee",
        "figures": {"3,100": (2021, 2021)}, "recommendations": 0, "paragraphs": 1,
        "media": "020 7946 0103"},
    "library-hours.txt": {
        "title": "Libraries should stay open in the evenings, says committee",
        "date": "2023-11-21", "chair": "Dominic Fairweather AM", "committee": "Culture Committee",
        "figures": {}, "recommendations": 1, "paragraphs": 2, "media": "020 7946 0104"},
    "cycle-lanes-cut-off.txt": {
        "title": "Cycle lanes must be safer at junctions", "date": "2021-06-17", "chair": "",
        "committee": "Transport Committee",
        "figures": {"620": (2020, 2020), "two thirds": (2020, 2020)},
        "recommendations": 0, "paragraphs": 0, "standing": True,
        "checks": ["cut off mid-sentence", "no contacts block"]},
    "no-headline.txt": {
        "title": "", "date": None, "chair": "Agnes Pemberton AM",
        "committee": "Economy Committee", "figures": {"£310": (2022, 2022)},
        "recommendations": 0, "paragraphs": 1, "media": "020 7946 0105",
        "checks": ["no headline", "no date"]},
    "wrong-phone.txt": {
        "title": "Food banks report record demand from working families", "date": "2024-02-08",
        "chair": "Agnes Pemberton AM", "committee": "Economy Committee",
        "figures": {"18,500": (2023, 2023)}, "recommendations": 0, "paragraphs": 1,
        "media": "020 7946 01055", "invalid": True, "checks": ["not a valid UK number"]},
    "youth-clubs.html": {
        "title": "Youth clubs need long-term funding, committee says", "date": "2023-07-12",
        "chair": "Leon Castellanos AM", "committee": "Children & Young People Committee",
        "figures": {"410": (2011, 2011), "190": (2022, 2022)},
        "sources": {"410": "note_1", "190": "note_1"}, "recommendations": 2, "paragraphs": 2,
        "media": "020 7946 0106"},
    "transport-budget.txt": {
        "title": "Committee questions £45 million gap in step-free stations budget",
        "date": "2025-01-29", "chair": "Oluwaseun Grant AM",
        "committee": "Budget and Performance Committee",
        "figures": {"£45 million": None, "£120 million": (2024, 2025),
                    "£165 million": (2024, 2025), "32 per cent": (2024, 2024)},
        "sources": {"£120 million": "note_1", "£165 million": "note_1", "32 per cent": "note_2"},
        "recommendations": 2, "paragraphs": 2, "media": "020 7946 0107",
        "speakers": ["Oluwaseun Grant AM", "Imogen Radley"],
        "checks": ["gives no year"]},
    # Figures in words, <sup> note markers on a saved page, recommendations in prose.
    "school-streets.html": {
        "title": "School streets should be the norm, not the exception", "date": "2024-09-18",
        "chair": "Marguerite Osei AM", "committee": "Environment Committee",
        "figures": {"One in five": (2023, 2023), "a third": (2023, 2023),
                    "Forty-two": (2024, 2024), "£38k": (2023, 2023), "£1.2m": (2025, 2026)},
        "sources": {"One in five": "note_1", "a third": "note_2", "Forty-two": "note_3",
                    "£38k": "note_2", "£1.2m": "note_2"},
        "recommendations": 3, "paragraphs": 2, "media": "020 7946 0108",
        "checks": ["read from running text", "names several years"]},
    # Unicode superscript and "(3)" note markers, numbers in words, "doubled since", a
    # "recommendations include" list in prose, "We are urging", and a call for evidence.
    "unpaid-carers.txt": {
        "title": "Unpaid carers need free travel and a say in their own support, says committee",
        "date": "2025-02-06", "chair": "Samuel Achterberg AM", "committee": "Health Committee",
        "figures": {"three million": (2021, 2021), "Two thirds": (2024, 2024),
                    "doubled": (2019, 2025), "two thousand": (2024, 2024),
                    "£450k": (2023, 2023), "twelve thousand": (2023, 2023)},
        "sources": {"three million": "note_1", "Two thirds": "note_2", "doubled": "note_3",
                    "two thousand": "note_2", "£450k": "note_3", "twelve thousand": "note_3"},
        "recommendations": 4, "paragraphs": 2, "media": "020 7946 0109",
        "checks": ["read from running text"]},
}
# What the figures in words and the recommendations in prose are read as.
VALUES: dict[str, dict[str, tuple[float, str]]] = {
    "school-streets.html": {"One in five": (20, "percent"), "a third": (33.33, "percent"),
                            "Forty-two": (42, "count"), "£38k": (38_000, "money"),
                            "£1.2m": (1_200_000, "money")},
    "unpaid-carers.txt": {"three million": (3_000_000, "count"), "Two thirds": (66.67, "percent"),
                          "doubled": (2, "times"), "two thousand": (2_000, "count"),
                          "£450k": (450_000, "money"), "twelve thousand": (12_000, "count")},
}
ADDRESSEES = {
    "school-streets.html": [("the Mayor", "sets aside funding for school streets in every "
                             "borough"), ("TfL", "publishes a guide for councils by the end of "
                                          "2025"), ("councils", "consult parents before a "
                                                    "scheme starts")],
    "unpaid-carers.txt": [("", "free off-peak travel for registered carers"),
                          ("", "a named contact in every council"),
                          ("", "a yearly check on carers’ own health"),
                          ("the Government", "fund carers’ breaks for another three years")],
}


def test_every_test_release_has_expectations() -> None:
    assert len(FILES) >= 8
    assert {p.name for p in FILES} == set(EXPECT)


@pytest.fixture
def ingested(kb_copy: KnowledgeCopy, run_cli: Callable[..., CliResult],
             request: pytest.FixtureRequest) -> tuple[Release, CliResult, KnowledgeCopy]:
    path: Path = request.param
    before = {p.name for p in (kb_copy.knowledge / "releases").iterdir()}
    result = run_cli("ingest", str(path), "--knowledge", str(kb_copy.knowledge))
    assert result.code == 0, result.err
    new = [p for p in (kb_copy.knowledge / "releases").iterdir() if p.name not in before]
    assert len(new) == 1
    k = load_from_files(kb_copy.knowledge, kb_copy.intents)
    return k.release(new[0].name), result, kb_copy


@pytest.mark.parametrize("ingested", FILES, ids=[p.name for p in FILES], indirect=True)
def test_release_ingests_and_passes_check(
        ingested: tuple[Release, CliResult, KnowledgeCopy],
        run_cli: Callable[..., CliResult], request: pytest.FixtureRequest) -> None:
    release, result, kb = ingested
    want = EXPECT[request.node.callspec.id]
    check = run_cli("check", "--knowledge", str(kb.knowledge), "--intents", str(kb.intents))
    assert check.code == 0, check.err
    assert check.out.startswith("OK: 2 release(s)")
    assert release.title == want["title"]
    assert (release.date.isoformat() if release.date else None) == want["date"]
    assert release.chair == want["chair"]
    assert release.committee == want["committee"]
    got = {f.as_written: ((f.period.start, f.period.end) if f.period else None)
           for f in release.figures}
    assert got == want["figures"]
    sources = {f.as_written: f.source for f in release.figures if f.source}
    assert sources == want.get("sources", {})
    assert len(release.recommendations) == want["recommendations"]
    assert sum(len(q.paragraphs) for q in release.quotes) == want["paragraphs"]
    if "speakers" in want:
        assert [q.speaker for q in release.quotes] == want["speakers"]
    media = release.contact("media")
    assert media is not None
    if want.get("standing"):
        assert all(c.standing for c in release.contacts)
    else:
        assert media.phone == want["media"] and not media.standing
    assert media.phone_valid is not want.get("invalid", False)
    name = request.node.callspec.id
    for fig in release.figures:
        if fig.as_written in VALUES.get(name, {}):
            assert (round(fig.value, 2), fig.unit) == VALUES[name][fig.as_written]
            assert fig.display == fig.as_written  # shown as the release words it
    if name in ADDRESSEES:
        assert [(r.addressee, r.action) for r in release.recommendations] == ADDRESSEES[name]
        assert all(r.sentence in release.text for r in release.recommendations)
    for words in want.get("checks", []):
        assert words in result.out, f"the editor is not told: {words}"
    assert "needs an editor's eye" in result.out or not want.get("checks")


def test_html_page_furniture_is_left_out(kb_copy: KnowledgeCopy,
                                         run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("ingest", str(RELEASES / "youth-clubs.html"), "--out", str(kb_copy.knowledge))
    assert result.code == 0, result.err
    text = next((kb_copy.knowledge / "releases").glob("2023-07-12-*/release.txt")).read_text()
    for furniture in ("cookies", "Skip to main content", "Press releases", "Share on",
                      "Greater London Authority", "dataLayer", "About us"):
        assert furniture not in text
    assert "1. Youth Services Census, London Councils, 2022." in text


def test_sup_note_markers_on_a_saved_page_are_written_as_brackets(
        tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("ingest", str(RELEASES / "school-streets.html"), "--out", str(tmp_path))
    assert result.code == 0, result.err
    text = next((tmp_path / "releases").glob("2024-09-18-*/release.txt")).read_text()
    assert "One in five London primary schools had a school street in 2023.[1]" in text
    assert "cookies" not in text and "<sup>" not in text


def test_a_release_can_be_ingested_from_stdin(tmp_path: Path,
                                              run_cli: Callable[..., CliResult]) -> None:
    data = (RELEASES / "night-buses.txt").read_bytes()
    result = run_cli("ingest", "-", "--out", str(tmp_path), stdin=data)
    assert result.code == 0, result.err
    assert (tmp_path / "releases" / "2023-10-02-night-bus-passengers-feel-less-safe"
            / "release.yaml").is_file()


def test_ingesting_again_keeps_the_edited_folder(tmp_path: Path,
                                                 run_cli: Callable[..., CliResult]) -> None:
    src = RELEASES / "library-hours.txt"
    assert run_cli("ingest", str(src), "--out", str(tmp_path)).code == 0
    folder = next((tmp_path / "releases").iterdir())
    (folder / "release.yaml").write_text("# edited\n" + (folder / "release.yaml").read_text())
    again = run_cli("ingest", str(src), "--out", str(tmp_path))
    assert again.code == 1 and "already exists" in again.err
    assert (folder / "release.yaml").read_text().startswith("# edited")
    assert run_cli("ingest", str(src), "--out", str(tmp_path), "--force").code == 0
    assert not (folder / "release.yaml").read_text().startswith("# edited")


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "is empty"), (b"   \n\n  \n", "is empty"), (b"\x00\x01\x02PK\x03\x04" * 50, "binary"),
    (b"Home\nMenu\nSearch\n", "no sentences"), (b"<html><body><nav>Home</nav></body></html>",
                                                 "is empty")])
def test_unusable_input_exits_non_zero_with_a_reason(
        tmp_path: Path, run_cli: Callable[..., CliResult], content: bytes, reason: str) -> None:
    result = run_cli("ingest", "-", "--out", str(tmp_path), stdin=content)
    assert result.code == 1
    assert reason in result.err
    assert not (tmp_path / "releases").exists() or not any((tmp_path / "releases").iterdir())


def test_a_missing_file_is_one_sentence(tmp_path: Path,
                                        run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("ingest", str(tmp_path / "nope.txt"), "--out", str(tmp_path))
    assert result.code == 1 and "nope.txt" in result.err and "Traceback" not in result.err


def test_ingest_writes_into_the_knowledge_folder_by_default(
        kb_copy: KnowledgeCopy, run_cli: Callable[..., CliResult],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSBOT_KNOWLEDGE_DIR", str(kb_copy.knowledge))
    result = run_cli("ingest", str(RELEASES / "tree-canopy.txt"))
    assert result.code == 0, result.err
    assert (kb_copy.knowledge / "releases" / "2022-05-09-statement-london-s-street-trees").is_dir()
    shutil.rmtree(kb_copy.knowledge / "releases" / "2022-05-09-statement-london-s-street-trees")
