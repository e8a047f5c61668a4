"""Tests for benchmarks/docgen.py: the committed generated parts of README.md and docs/ match what
the generator produces now, and the generator finds, fills and refuses parts as it should."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks import docgen

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def src() -> Iterator[docgen.Sources]:
    with docgen.sources(ROOT) as sources:
        yield sources


def test_committed_generated_parts_are_up_to_date(src: docgen.Sources) -> None:
    assert docgen.documents(ROOT), "no document has a generated part"
    out_of_date = docgen.stale(ROOT, src)
    assert not out_of_date, (
        f"generated parts out of date: {out_of_date}; run python -m benchmarks.docgen")


def test_readme_has_every_summary_and_a_transcript() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("accuracy-summary", "speed-summary", "transcript-office"):
        assert f"<!-- generated:{name} -->" in text, name


def test_accuracy_table_scores_every_question_set(src: docgen.Sources) -> None:
    table = docgen.accuracy_table(src)
    files = sorted((ROOT / "tests" / "devset").glob("*.jsonl"))
    for path in files:
        assert f"| `{path.name}` |" in table, path.name
    assert len(table.splitlines()) == 2 + len(files)
    total = sum(s.questions for s in src.scores)
    assert f"| all {len(files)} sets | {total:,} |" in docgen.accuracy_summary(src)


def test_every_question_set_is_described() -> None:
    names = {p.stem for p in (ROOT / "tests" / "devset").glob("*.jsonl")}
    assert names == set(docgen.SETS), "describe each set in benchmarks/docgen.py SETS"


def test_benchmark_tables_name_the_run_they_show(src: docgen.Sources) -> None:
    results = json.loads((ROOT / "benchmarks" / "results.json").read_text(encoding="utf-8"))
    for part in (docgen.benchmarks_table(src), docgen.speed_summary(src)):
        assert results["machine"]["date"] in part
        assert f"commit `{results['machine']['commit']}`" in part
    p99 = results["latency"]["engine_ask"]["p99_ms"]
    assert f"{p99:.2f} ms" in docgen.speed_summary(src)


def test_transcript_is_the_engines_answer_at_the_given_time(src: docgen.Sources) -> None:
    night = docgen.transcript(src, docgen.TRANSCRIPTS["transcript-night"])
    day = docgen.transcript(src, docgen.Transcript(
        "x", "2020-02-03T10:00", docgen.TRANSCRIPTS["transcript-night"].questions))
    assert "> I'm a reporter on deadline, who do I call?" in night
    assert "outside office hours" in night
    assert "outside office hours" not in day


def make_root(tmp_path: Path, text: str) -> Path:
    """A copy of the project's inputs with one hand-written document."""
    for folder in ("knowledge", "intents"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    (tmp_path / "tests" / "devset").mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "devset" / "holdout.jsonl", tmp_path / "tests" / "devset")
    (tmp_path / "benchmarks").mkdir()
    shutil.copy(ROOT / "benchmarks" / "results.json", tmp_path / "benchmarks")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(text, encoding="utf-8")
    return tmp_path


def test_check_fails_write_fixes_and_hand_text_is_kept(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_root(tmp_path, "before\n<!-- generated:accuracy-table -->\nstale text\n"
                               "<!-- /generated:accuracy-table -->\nafter\n")
    assert docgen.main(["--check"], root=root) == 1
    assert "docs/a.md: accuracy-table" in capsys.readouterr().err
    assert docgen.main([], root=root) == 0
    text = (root / "docs" / "a.md").read_text(encoding="utf-8")
    assert text.startswith("before\n<!-- generated:accuracy-table -->\n| set |")
    assert text.endswith("<!-- /generated:accuracy-table -->\nafter\n")
    assert "| `holdout.jsonl` | 166 |" in text and "stale text" not in text
    assert docgen.main(["--check"], root=root) == 0


@pytest.mark.parametrize("text, message", [
    ("<!-- generated:accuracy-table -->\nno end\n", "has no <!-- /generated:accuracy-table -->"),
    ("<!-- generated:nothing -->\n<!-- /generated:nothing -->\n", "no generator for nothing"),
])
def test_a_broken_part_is_one_clear_sentence(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str) -> None:
    root = make_root(tmp_path, text)
    assert docgen.main(["--check"], root=root) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert (root / "docs" / "a.md").read_text(encoding="utf-8") == text


def test_readme_stays_short_and_starts_with_set_up() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 300
    first_code = text.index("```sh")
    assert text.index("## Set up") < first_code < text.index("## What it looks like")
    assert text[first_code:].startswith("```sh\npython3 -m venv .venv && . .venv/bin/activate\n")
    assert 'pip install -e . && pressbot ask "how much did referrals rise?"' in text
    assert "pip install -e '.[test]' && python -m pytest" in text


def test_documents_read_as_reference_not_as_a_work_log() -> None:
    # Work-log forms ("issue 12", "session 2", "round 3"), not the words themselves, which a
    # reference page may need ("an HTTP client session").
    log_words = re.compile(r"\b(issue \d+|session \d+|round \d+|git checkout|work log)\b",
                           re.I)
    paths = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    found = [f"{path.name}: {m.group(0)!r}" for path in paths
             for m in log_words.finditer(path.read_text(encoding="utf-8"))]
    assert not found
