"""Tests for bot.cli, the `pressbot` console script: run in-process through bot.cli.main with
captured streams, plus a few real subprocess runs of the installed script. The editors'
commands `pressbot check` and `pressbot eval` are tested in test_cli_editors.py."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bot import cli
from bot.cli import Environment, build_parser, main
from tests.conftest import break_a_sentence, one_sentence_error

if TYPE_CHECKING:
    from conftest import CliResult, KnowledgeCopy

    Run = Callable[..., CliResult]

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "devset" / "questions.jsonl"


def jsonl(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


# --------------------------------------------------------------------------- ask


def test_ask_prints_the_answer_as_plain_text(run_cli: Run) -> None:
    r = run_cli("ask", "how much did referrals rise?")
    assert r.code == 0 and r.err == ""
    for figure in ("187", "2,346", "1,155%"):
        assert figure in r.out
    assert "Source: Met data, cited in the London Assembly release" in r.out
    assert "30 January 2020" in r.out
    assert "You can also ask about:" in r.out
    assert not r.out.lstrip().startswith("{")


def test_ask_joins_unquoted_words(run_cli: Run) -> None:
    r = run_cli("ask", "how", "much", "did", "referrals", "rise?")
    assert r.code == 0 and "2,346" in r.out


def test_ask_json_shape(run_cli: Run) -> None:
    r = run_cli("ask", "--json", "how much did referrals rise?")
    assert r.code == 0
    lines = r.out.splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert {"question", "text", "intent", "confidence", "sources", "suggestions"} <= set(data)
    assert data["question"] == "how much did referrals rise?"
    assert isinstance(data["text"], str) and "1,155%" in data["text"]
    assert data["intent"] == "referrals_rise"
    assert isinstance(data["confidence"], float) and 0 <= data["confidence"] <= 1
    assert isinstance(data["sources"], list) and "Met data" in data["sources"][0]
    assert isinstance(data["suggestions"], list) and data["suggestions"]


@pytest.mark.parametrize("question", ["what's the weather like in London?",
                                      "how many robberies were recorded in 2018",
                                      "How many referrals were there in 2022?"])
def test_ask_json_off_topic_has_null_intent(run_cli: Run, question: str) -> None:
    data = json.loads(run_cli("ask", "--json", question).out)
    assert data["intent"] is None
    assert data["confidence"] == 0
    assert "187" not in data["text"] and "2,346" not in data["text"]


def test_ask_without_a_question_is_a_usage_error(run_cli: Run) -> None:
    r = run_cli("ask")
    one_sentence_error(r)
    assert "--jsonl" in r.err


def test_jsonl_writes_one_object_per_line_each_on_its_own(run_cli: Run) -> None:
    questions = ["what are the recommendations?", "the second one", "", "hello"]
    r = run_cli("ask", "--jsonl", stdin="\n".join(questions).encode() + b"\n")
    assert r.code == 0
    rows = jsonl(r.out)
    assert [row["question"] for row in rows] == questions
    assert rows[0]["intent"] == "recommendations_all"
    assert rows[1]["intent"] != "rec_detectives"  # no memory of the line before
    assert rows[2]["intent"] is None and rows[2]["text"]
    assert rows[3]["intent"] == "greeting"


def test_jsonl_conversation_carries_context_across_lines(run_cli: Run) -> None:
    stdin = (b"what are the recommendations?\nthe second one\n"
             b"How many referrals were there in 2013?\nand in 2018?\n")
    rows = jsonl(run_cli("ask", "--jsonl", "--conversation", stdin=stdin).out)
    assert [row["intent"] for row in rows] == ["recommendations_all", "rec_detectives",
                                               "referrals_2013", "referrals_2018"]


def test_jsonl_lines_may_be_json_objects_with_time_context_and_id(run_cli: Run) -> None:
    lines = [
        {"q": "how much did referrals rise?", "id": "a1"},
        {"question": "and in 2013?", "context": ["how many referrals in 2018"]},
        {"q": "press office number", "now": "2020-02-01T10:00:00+00:00"},  # a Saturday
        {"q": "press office number", "now": "2020-02-03T10:00:00+00:00"},  # a Monday
        {"q": "press office number"},  # no time of its own: --now
    ]
    stdin = "\n".join(json.dumps(line) for line in lines).encode() + b"\n"
    rows = jsonl(run_cli("ask", "--jsonl", "--now", "2020-02-04T10:00", stdin=stdin).out)
    assert rows[0]["id"] == "a1" and rows[0]["intent"] == "referrals_rise"
    assert "id" not in rows[1]
    assert rows[1]["question"] == "and in 2013?" and rows[1]["intent"] == "referrals_2013"
    weekend, weekday, default = (str(r["text"]) for r in rows[2:])
    assert "020 7983 4000" in weekend and "020 7983 4067" not in weekend
    assert weekday.index("020 7983 4067") < weekday.index("020 7983 4000")
    assert default.index("020 7983 4067") < default.index("020 7983 4000")


@pytest.mark.parametrize("line", ["[1, 2]", '"{"', '"Slavery" is the word: how many referrals?'])
def test_jsonl_lines_that_do_not_start_an_object_are_read_as_text(run_cli: Run,
                                                                  line: str) -> None:
    r = run_cli("ask", "--jsonl", stdin=line.encode() + b"\n")
    (row,) = jsonl(r.out)
    assert r.code == 0 and "error" not in row and row["text"]


BAD_LINES = [
    ("{not json", "not valid JSON"),
    ('{"a": 1}', "no question"),
    ('{"q": 5}', "a int"),
    ('["x"]', None),  # read as text: it does not start an object
    ('{"q": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    ('{"a": ' * 100_000 + "1" + "}" * 100_000, "nested too deeply"),
    ('{"q": "hi", "now": "99999-01-01T00:00"}', "not an ISO-8601 time"),
    ('{"q": "hi", "now": "not a time", "id": "t1"}', "not an ISO-8601 time"),
    ('{"q": "hi", "now": 2020}', "ISO-8601"),
    ('{"q": "hi", "context": "earlier"}', "list of earlier questions"),
    ('{"q": "hi", "id": 1e999}', "too large"),
    ('{"q": "hi", "id": NaN}', "not a JSON number"),
]


@pytest.mark.parametrize(("bad", "reason"), BAD_LINES)
def test_a_bad_line_gets_an_error_object_and_the_rest_is_answered(run_cli: Run, bad: str,
                                                                  reason: str | None) -> None:
    stdin = "\n".join(["how much did referrals rise?", bad, "who is the chair?"]).encode()
    r = run_cli("ask", "--jsonl", stdin=stdin + b"\n")
    rows = jsonl(r.out)
    assert len(rows) == 3
    assert rows[0]["intent"] == "referrals_rise" and rows[2]["intent"]
    if reason is None:
        assert r.code == 0 and "error" not in rows[1]
        return
    assert rows[1]["line"] == 2 and reason in str(rows[1]["error"]), rows[1]
    assert r.code == 1
    assert r.err == ("pressbot: 1 of 3 lines could not be answered; each has an error object "
                     "in the output.\n")


def test_an_error_object_keeps_the_line_id(run_cli: Run) -> None:
    r = run_cli("ask", "--jsonl", stdin=b'{"q": "hi", "now": "soon", "id": "case-7"}\n')
    assert jsonl(r.out) == [{"id": "case-7", "line": 1,
                             "error": "\"now\": 'soon' is not an ISO-8601 time such as "
                                      "2020-01-30T10:00"}]


def test_a_line_the_engine_cannot_answer_gets_an_error_object(
        run_cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.engine import Engine

    real = Engine.ask

    def fragile(self: Engine, question: str, **kwargs: object) -> object:
        if question == "boom":
            raise OverflowError("date value out of range")
        return real(self, question, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Engine, "ask", fragile)
    r = run_cli("ask", "--jsonl", stdin=b"hello\nboom\nthanks\n")
    rows = jsonl(r.out)
    assert rows[1] == {"line": 2, "error": "could not answer: OverflowError: date value out of "
                                           "range"}
    assert rows[0]["intent"] == "greeting" and rows[2]["intent"] and r.code == 1


def test_jsonl_reads_the_labelled_sets_as_they_are(run_cli: Run) -> None:
    """Piping a labelled set gives the answers `pressbot eval` scores."""
    cases = [json.loads(x) for x in DEVSET.read_text(encoding="utf-8").splitlines()[:40]]
    rows = jsonl(run_cli("ask", "--jsonl", stdin=DEVSET.read_bytes()).out)
    assert [r["question"] for r in rows[:40]] == [c["q"] for c in cases]
    hits = sum(r["intent"] == c.get("intent") for r, c in zip(rows, cases, strict=False))
    assert hits >= 36


def test_jsonl_accepts_windows_line_endings(run_cli: Run) -> None:
    rows = jsonl(run_cli("ask", "--jsonl", stdin=b"hello\r\nthanks\r\n").out)
    assert [row["question"] for row in rows] == ["hello", "thanks"]


def test_jsonl_with_empty_stdin_prints_nothing(run_cli: Run) -> None:
    r = run_cli("ask", "--jsonl")
    assert (r.code, r.out, r.err) == (0, "", "")


def test_jsonl_at_a_terminal_says_what_it_waits_for(run_cli: Run) -> None:
    r = run_cli("ask", "--jsonl", isatty=True, stdin=b"hello\n")
    assert r.code == 0 and jsonl(r.out)[0]["intent"] == "greeting"
    assert r.err == "pressbot: reading one question per line; end with Ctrl-D.\n"


# --------------------------------------------------------------------------- --now


def first_contact(run_cli: Run, now: str) -> str:
    r = run_cli("ask", "--json", "--now", now, "who do journalists contact?")
    assert r.code == 0, r.err
    return json.loads(r.out)["contacts"][0]["phone"]


@pytest.mark.parametrize(
    ("now", "phone"),
    [
        ("2020-01-30T10:00", "020 7983 4067"),
        ("2020-01-30T22:00", "020 7983 4000"),
        ("2020-02-01T11:00", "020 7983 4000"),  # Saturday
        ("2020-12-25T11:00", "020 7983 4000"),  # Christmas Day
        # Without an offset the time is London time; with one it is converted.
        ("2020-07-01T08:30", "020 7983 4000"),
        ("2020-07-01T08:30+00:00", "020 7983 4067"),
        ("2020-07-01T08:30Z", "020 7983 4067"),
        ("2020-07-01T17:30+00:00", "020 7983 4000"),  # 18:30 BST
        ("2020-01-30T10:00-05:00", "020 7983 4067"),  # 15:00 in London
        ("2020-01-30T14:00-05:00", "020 7983 4000"),  # 19:00 in London
    ],
)
def test_now_sets_the_routing_clock(run_cli: Run, now: str, phone: str) -> None:
    assert first_contact(run_cli, now) == phone


@pytest.mark.parametrize("bad", ["garbage", "2020-13-01T10:00", "30/01/2020 10:00", ""])
def test_bad_now_is_one_sentence_and_a_non_zero_exit(run_cli: Run, bad: str) -> None:
    r = run_cli("ask", "--now", bad, "who do journalists contact?")
    one_sentence_error(r)
    assert "--now" in r.err


def test_bad_now_in_chat_and_eval_too(run_cli: Run) -> None:
    one_sentence_error(run_cli("chat", "--now", "tomorrow", stdin=b"hello\n"))
    one_sentence_error(run_cli("eval", str(DEVSET), "--now", "tomorrow"))


# --------------------------------------------------------------------------- chat


def test_chat_piped_prints_a_readable_transcript_and_keeps_context(run_cli: Run) -> None:
    stdin = b"what are the recommendations?\nthe second one\nquit\nhello\n"
    r = run_cli("chat", "--now", "2020-01-30T10:00", stdin=stdin)
    assert r.code == 0 and r.err == ""
    assert r.out.startswith("pressbot: ask about “More must be done to tackle Modern Slavery”")
    assert "\n> what are the recommendations?\n" in r.out
    assert "\n> the second one\n" in r.out
    after = r.out.split("\n> the second one\n", 1)[1]
    assert "The Met should ensure that more detectives" in after
    assert "you>" not in r.out
    assert "> hello" not in r.out and "Hello." not in r.out  # stopped at quit


def test_chat_at_a_terminal_prompts(run_cli: Run) -> None:
    r = run_cli("chat", stdin=b"hello\n", isatty=True)
    assert r.code == 0
    assert "you> " in r.out
    assert "> hello" not in r.out  # the terminal already shows what was typed


def test_chat_ends_at_end_of_input(run_cli: Run) -> None:
    r = run_cli("chat", stdin=b"")
    assert r.code == 0 and r.out.startswith("pressbot:")


# --------------------------------------------------------------------------- broken knowledge


def test_ask_on_broken_knowledge_is_a_one_sentence_error(run_cli: Run,
                                                         kb_copy: KnowledgeCopy) -> None:
    break_a_sentence(kb_copy)
    one_sentence_error(run_cli("--knowledge", str(kb_copy.knowledge), "ask", "hello"))


def test_traceback_option_shows_the_traceback(run_cli: Run, kb_copy: KnowledgeCopy) -> None:
    break_a_sentence(kb_copy)
    r = run_cli("--traceback", "--knowledge", str(kb_copy.knowledge), "check")
    assert r.code == 3
    assert "Traceback" in r.err and r.err.rstrip().splitlines()[-1].startswith("pressbot: ")


def test_check_accepts_knowledge_after_the_subcommand(run_cli: Run,
                                                      kb_copy: KnowledgeCopy) -> None:
    r = run_cli("check", "--knowledge", str(kb_copy.knowledge))
    assert r.code == 0, r.err


# --------------------------------------------------------------------------- general


def test_no_command_prints_help_and_fails(run_cli: Run) -> None:
    r = run_cli()
    assert r.code != 0
    assert "usage: pressbot" in r.out


def test_unknown_command_fails(run_cli: Run, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli("frobnicate").code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_unexpected_errors_are_one_sentence_without_traceback(
        run_cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(settings: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(cli, "make_engine", explode)
    r = run_cli("ask", "hello")
    one_sentence_error(r)
    assert "RuntimeError: disk on fire" in r.err and "--traceback" in r.err


def test_the_question_log_is_written_only_where_configured(run_cli: Run, cli_home: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    monkeypatch.setenv("PRESSBOT_LOG_QUESTIONS", "true")
    assert run_cli("ask", "hello").code == 0
    assert (cli_home / "data" / "questions.db").is_file()


def test_invalid_utf8_in_an_argument_json(cli_home: Path) -> None:
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8")
    err = io.StringIO()
    code = main(["ask", "--json", "\udcff\udcfe referrals"],
                env=Environment(stdin=io.BytesIO(), stdout=out, stderr=err, stdin_isatty=False))
    out.flush()
    assert code == 0, err.getvalue()
    assert json.loads(raw.getvalue())["intent"]


def test_invalid_utf8_in_an_argument_with_the_question_log(
        run_cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSBOT_LOG_QUESTIONS", "true")
    r = run_cli("ask", "\udcff\udcfe referrals")
    assert r.code == 0, r.err


def subcommands() -> list[str]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(getattr(action, "choices", None), dict):
            return list(action.choices)
    raise AssertionError("pressbot has no subcommands")


def test_help_lists_every_subcommand(run_cli: Run, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli("--help").code == 0
    out = capsys.readouterr().out  # argparse writes --help to the real stdout
    assert out.startswith("usage: pressbot")
    for command in subcommands():
        assert re.search(rf"^\s+{command}\s", out, re.M), command


def help_text() -> str:
    out = io.StringIO()
    build_parser().print_help(out)
    return out.getvalue()


def test_every_subcommand_is_documented_in_the_readme() -> None:
    readme = ROOT / "README.md"
    assert readme.is_file(), "README.md is missing"
    text = readme.read_text(encoding="utf-8")
    listed = re.findall(r"^\s{4}(\w+)\s{2,}", help_text(), re.M)
    assert set(listed) == set(subcommands())
    missing = [c for c in listed if f"pressbot {c}" not in text]
    assert not missing, f"README.md does not document: {missing}"


# --------------------------------------------------------------------------- real subprocesses


def tree_hashes(*folders: Path) -> dict[str, str]:
    return {str(p.relative_to(ROOT)): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def script_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PRESSBOT_", "TELEGRAM_"))}
    env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_DATA_HOME=str(tmp_path / "data"),
               PYTHONIOENCODING="utf-8")
    return env


def pressbot(*args: str, env: dict[str, str], cwd: Path, stdin: bytes = b""
             ) -> subprocess.CompletedProcess[bytes]:
    # The entry point installed beside this interpreter, not whatever PATH finds first.
    script = Path(sys.executable).parent / "pressbot"
    assert script.is_file(), f"{script} is not installed (pip install -e .)"
    return subprocess.run([str(script), *args], input=stdin, capture_output=True, env=env, cwd=cwd,
                          timeout=60, check=False)


def test_the_console_script_answers_and_never_writes_to_the_knowledge(
        script_env: dict[str, str], tmp_path: Path) -> None:
    before = tree_hashes(ROOT / "knowledge", ROOT / "intents")
    r = pressbot("ask", "how much did referrals rise?", env=script_env, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode("utf-8")
    assert "187" in out and "2,346" in out and "1,155%" in out and "Met data" in out
    r = pressbot("ask", "--jsonl", "--conversation", env=script_env, cwd=tmp_path,
                 stdin=b"what are the recommendations?\nthe second one\n\xff\xfe\n")
    assert r.returncode == 0, r.stderr
    assert [row["intent"] for row in jsonl(r.stdout.decode())][:2] == [
        "recommendations_all", "rec_detectives"]
    assert pressbot("check", env=script_env, cwd=tmp_path).returncode == 0
    assert pressbot("chat", env=script_env, cwd=tmp_path, stdin=b"hi\n").returncode == 0
    assert (tmp_path / "cache" / "pressbot" / "knowledge.db").is_file()
    assert tree_hashes(ROOT / "knowledge", ROOT / "intents") == before


def test_the_console_script_rejects_a_broken_edit_without_a_traceback(
        script_env: dict[str, str], tmp_path: Path, kb_copy: KnowledgeCopy) -> None:
    break_a_sentence(kb_copy)
    r = pressbot("--knowledge", str(kb_copy.knowledge), "check", env=script_env, cwd=tmp_path)
    err = r.stderr.decode("utf-8")
    assert r.returncode == 3
    assert r.stdout == b""
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert "release.yaml" in err and ".sentence" in err and "not found verbatim" in err


# --------------------------------------------------------------------------- flags and version


def test_version(run_cli: Run, capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    assert run_cli("--version").code == 0
    assert capsys.readouterr().out == f"pressbot {version('pressbot')}\n"


def test_the_version_is_looked_up_only_when_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """Looking it up reads the installed packages' metadata: not at every `pressbot ask`."""
    import bot.cli

    def refuse() -> str:
        raise AssertionError("the version was looked up")

    monkeypatch.setattr(bot.cli, "version", refuse)
    assert bot.cli.build_parser().parse_args(["ask", "hello"]).question == ["hello"]


@pytest.mark.parametrize("argv", [
    ("ask", "--json", "--jsonl"),
    ("ask", "--conversation", "hello"),
    ("ask", "--jsonl", "hello"),
])
def test_conflicting_or_ignored_ask_flags_are_usage_errors(run_cli: Run,
                                                           argv: tuple[str, ...]) -> None:
    r = run_cli(*argv, stdin=b"hello\n")
    one_sentence_error(r)
    assert r.code == 2


@pytest.mark.parametrize(("threshold", "code"), [
    ("50", 0), ("50%", 0), ("49.5 %", 0), ("51", 4), ("51%", 4), ("100", 4), ("0.5%", 0),
    ("0", 0),
])
def test_min_accuracy_takes_a_percentage_too(run_cli: Run, half_right: Path, threshold: str,
                                             code: int) -> None:
    assert run_cli("eval", str(half_right), "--min-accuracy", threshold).code == code


@pytest.mark.parametrize("threshold", ["95x", "-1", "101", "150%", "nan", "inf", ""])
def test_min_accuracy_rejects_anything_else(run_cli: Run, half_right: Path, threshold: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli("eval", str(half_right), "--min-accuracy", threshold).code == 2
    assert "is not an accuracy" in capsys.readouterr().err


@pytest.mark.parametrize("port", ["0", "70000", "-1", "http"])
def test_run_port_is_range_checked(run_cli: Run, port: str,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli("run", "--port", port).code == 2
    assert "is not a port number (1-65535)" in capsys.readouterr().err


# --------------------------------------------------------------------------- the question log


def test_ask_logs_a_single_question_in_a_private_file(run_cli: Run, cli_home: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSBOT_LOG_QUESTIONS", "true")
    log = cli_home / "data" / "pressbot" / "questions.db"
    monkeypatch.setenv("PRESSBOT_LOG_DB", str(log))
    assert run_cli("ask", "my name is Jane Doe, how much did referrals rise?").code == 0
    assert log.stat().st_mode & 0o777 == 0o600
    assert log.parent.stat().st_mode & 0o777 == 0o700
    with sqlite3.connect(log) as db:
        assert db.execute("SELECT text FROM questions").fetchall() == [
            ("my name is [name], how much did referrals rise?",)]


@pytest.mark.parametrize("argv", [("ask", "--jsonl"), ("eval", str(DEVSET))])
def test_batches_and_eval_never_write_the_question_log(run_cli: Run, cli_home: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        argv: tuple[str, ...]) -> None:
    monkeypatch.setenv("PRESSBOT_LOG_QUESTIONS", "true")
    r = run_cli(*argv, stdin=b"hello\nhow much did referrals rise?\n")
    assert r.code in (0, 4), r.err
    assert not (cli_home / "data" / "questions.db").exists()


def test_ask_says_when_the_log_cannot_be_opened_and_still_answers(
        run_cli: Run, cli_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = cli_home / "not-a-folder"
    blocker.write_text("a file where the log's folder should be", encoding="utf-8")
    monkeypatch.setenv("PRESSBOT_LOG_QUESTIONS", "true")
    monkeypatch.setenv("PRESSBOT_LOG_DB", str(blocker / "questions.db"))
    r = run_cli("ask", "how much did referrals rise?")
    assert r.code == 0 and "1,155%" in r.out
    assert len(r.err.splitlines()) == 1
    assert r.err.startswith("pressbot: not logging this question: cannot open the question log")


def test_ask_never_purges_the_log(run_cli: Run, cli_home: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    log = cli_home / "data" / "questions.db"
    monkeypatch.setenv("PRESSBOT_LOG_QUESTIONS", "true")
    assert run_cli("ask", "hello").code == 0
    with sqlite3.connect(log) as db:
        db.execute("UPDATE questions SET time = '2001-01-01T00:00:00.000000+00:00'")
    monkeypatch.setenv("PRESSBOT_LOG_RETENTION_DAYS", "1")
    assert run_cli("ask", "thanks").code == 0
    with sqlite3.connect(log) as db:
        assert db.execute("SELECT COUNT(*) FROM questions").fetchone() == (2,)


# --------------------------------------------------------------------------- start-up failures


def test_a_knowledge_file_that_cannot_be_read_is_one_sentence(
        run_cli: Run, kb_copy: KnowledgeCopy, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the operating system says when the service user may not read a file."""
    locked = kb_copy.knowledge / "safeguarding.yaml"
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    r = run_cli("ask", "--knowledge", str(kb_copy.knowledge), "hello")
    one_sentence_error(r)
    assert r.err == f"pressbot: cannot use {locked}: Permission denied.\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_knowledge_file_is_one_sentence(run_cli: Run,
                                                      kb_copy: KnowledgeCopy) -> None:
    locked = kb_copy.knowledge / "safeguarding.yaml"
    locked.chmod(0)
    for command in ("check", "ask"):
        r = run_cli(command, "--knowledge", str(kb_copy.knowledge), *(["hi"] * (command == "ask")))
        one_sentence_error(r)
        assert str(locked) in r.err


@pytest.mark.parametrize(("env_file", "expected"), [
    (b"PRESSBOT_TIMEZONE=\xff\xfe\n", ".env is not UTF-8 text"),
    (b"PRESSBOT_LOG_RETENTION_DAYS=1000000\n", "less than or equal to 3650"),
    (b"TELEGRAM_WEBHOOK_SECRET=short\n", "shorter than 16 characters"),
])
def test_bad_configuration_is_one_sentence(run_cli: Run, cli_home: Path, env_file: bytes,
                                           expected: str) -> None:
    (cli_home / ".env").write_bytes(env_file)
    for argv in (("check",), ("ask", "hello"), ("report",)):
        r = run_cli(*argv)
        one_sentence_error(r)
        assert r.code == 2 and expected in r.err


def test_error_messages_cannot_drive_the_terminal(run_cli: Run, tmp_path: Path) -> None:
    odd = tmp_path / "cases\x1b]0;owned\x07\u202e.jsonl"
    r = run_cli("eval", str(odd))
    one_sentence_error(r)
    assert not any(c in r.err for c in "\x1b\x07\u202e")
    assert "\\x1b]0;owned\\x07\\u202e" in r.err


@pytest.mark.parametrize(("setting", "expected"), [
    ({".env": b"TELEGRAM_BOT_TOKEN=\xff\xfe-not-utf-8\n"}, ".env is not UTF-8 text"),
    ({"PRESSBOT_LOG_RETENTION_DAYS": "1000000"}, "PRESSBOT_LOG_RETENTION_DAYS"),
    ({"PRESSBOT_WEBHOOK_PORT": "70000"}, "PRESSBOT_WEBHOOK_PORT"),
    ({"TELEGRAM_BOT_TOKEN": "123:short"}, "shorter than 16 characters"),
])
def test_the_console_script_fails_to_start_with_one_line(
        script_env: dict[str, str], tmp_path: Path, setting: dict[str, str | bytes],
        expected: str) -> None:
    for key, value in setting.items():
        if isinstance(value, bytes):
            (tmp_path / key).write_bytes(value)
        else:
            script_env[key] = value
    r = pressbot("run", env=script_env, cwd=tmp_path)
    err = r.stderr.decode("utf-8")
    assert r.returncode == 2 and r.stdout == b""
    assert len(err.splitlines()) == 1 and err.startswith("pressbot: ") and expected in err
