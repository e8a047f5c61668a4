"""Provides shared fixtures for the engine tests: engines on temporary caches, a writable copy of
the knowledge for broken-edit tests (and reading the one-line error a broken edit gives), and an
in-process runner for the `pressbot` command line (with a labelled question file to evaluate).

Nothing here writes outside pytest's temporary directories: every Settings object the fixtures
build names its cache and question log under ``tmp_path``, and ``run_cli`` points the
environment (``PRESSBOT_*``, ``XDG_*``) there too.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from bot import knowledge as kb
from bot import training
from bot.answermodels import Answer
from bot.config import Settings, env_name, load_settings
from bot.dialogue import Conversation
from bot.engine import Engine
from bot.errors import KnowledgeError
from bot.knowledge import NOT_INTENTS
from tests.release_factory import ALLOTMENTS, POTHOLES, with_releases

training.pin_blas()  # before any test loads numpy: the fits are the stored rule's

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_DIR = ROOT / "knowledge"
INTENTS_DIR = ROOT / "intents"


def engine_settings(tmp: Path, **overrides: Any) -> Settings:
    """Settings that never touch ~/.cache or ~/.local, and ignore the machine's configuration.

    Office hours are given explicitly so a PRESSBOT_OFFICE_* variable on the machine running the
    tests cannot change routing results.
    """
    values: dict[str, Any] = {
        "knowledge_dir": KNOWLEDGE_DIR,
        "intents_dir": INTENTS_DIR,
        "cache_path": tmp / "cache" / "knowledge.db",
        "log_db": tmp / "data" / "questions.db",
        "log_questions": False,
        "office_open": dt.time(9, 0),
        "office_close": dt.time(18, 0),
        "office_days": "mon-fri",
        "timezone": "Europe/London",
        "_env_file": None,
    }
    values.update(overrides)
    return load_settings(**values)


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """One engine on the real knowledge for the session; conversations are passed explicitly,
    so it carries no state between tests."""
    return Engine(engine_settings(tmp_path_factory.mktemp("engine")))


@pytest.fixture
def make_engine(tmp_path: Path) -> Callable[..., Engine]:
    """Build a fresh engine (e.g. on a knowledge copy) with its cache under tmp_path."""

    def build(**overrides: Any) -> Engine:
        return Engine(engine_settings(tmp_path, **overrides))

    return build


# --------------------------------------------------------------------------- several releases


SLAVERY = "2020-01-30-modern-slavery"


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = Engine(engine_settings(tmp_path_factory.mktemp("many")))
    engine.use_knowledge(with_releases(engine.knowledge, POTHOLES, ALLOTMENTS))
    yield engine


# --------------------------------------------------------------------------- asking in office hours


LONDON = ZoneInfo("Europe/London")
OFFICE = dt.datetime(2020, 1, 30, 10, 0, tzinfo=LONDON)


def ask(engine: Engine, question: str, conversation: Conversation | None = None) -> Answer:
    return engine.ask(question, conversation=conversation, now=OFFICE)


# --------------------------------------------------------------------------- a release with cards


HERE = Path(__file__).resolve().parent
BUS = "2021-03-04-bus-drivers"  # tests/releases/: an invented release with no intents


def with_bus(tmp: Path) -> Path:
    """A knowledge folder with the real release and the invented one."""
    shutil.copytree(KNOWLEDGE_DIR, tmp / "knowledge")
    shutil.copytree(HERE / "releases" / BUS, tmp / "knowledge" / "releases" / BUS)
    return tmp / "knowledge"


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    tmp = tmp_path_factory.mktemp("cards")
    return Engine(engine_settings(tmp, knowledge_dir=with_bus(tmp)))


# --------------------------------------------------------------------------- knowledge copy


@dataclass
class KnowledgeCopy:
    """A writable copy of knowledge/ and intents/, with helpers to make one precise edit."""

    knowledge: Path
    intents: Path

    @property
    def release_dir(self) -> Path:
        return next(p for p in sorted((self.knowledge / "releases").iterdir()) if p.is_dir())

    @property
    def release_yaml(self) -> Path:
        return self.release_dir / "release.yaml"

    def read_yaml(self, path: Path) -> Any:
        return yaml.safe_load(path.read_text(encoding="utf-8"))

    def write_yaml(self, path: Path, data: Any) -> None:
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")

    def edit_release(self, change: Callable[[dict[str, Any]], None]) -> None:
        data = self.read_yaml(self.release_yaml)
        change(data)
        self.write_yaml(self.release_yaml, data)

    def figure(self, data: dict[str, Any], figure_id: str) -> dict[str, Any]:
        return next(f for f in data["figures"] if f["id"] == figure_id)

    def figure_index(self, figure_id: str) -> int:
        data = self.read_yaml(self.release_yaml)
        return [f["id"] for f in data["figures"]].index(figure_id)

    def intent_file(self, intent_id: str) -> Path:
        for path in sorted(self.intents.glob("*.yaml")):
            if path.name in NOT_INTENTS:
                continue
            if any(i.get("id") == intent_id for i in self.read_yaml(path) or []):
                return path
        raise KeyError(intent_id)

    def edit_intent(self, intent_id: str, change: Callable[[dict[str, Any]], None]) -> Path:
        """Edit one intent in place and return the file it lives in."""
        path = self.intent_file(intent_id)
        items = self.read_yaml(path)
        change(next(i for i in items if i["id"] == intent_id))
        self.write_yaml(path, items)
        return path

    def add_intents(self, name: str, intents: list[dict[str, Any]]) -> Path:
        path = self.intents / name
        self.write_yaml(path, intents)
        return path


@pytest.fixture
def kb_copy(tmp_path: Path) -> KnowledgeCopy:
    """knowledge/ and intents/ copied to tmp_path, for tests that break them on purpose."""
    copy = KnowledgeCopy(tmp_path / "knowledge", tmp_path / "intents")
    shutil.copytree(KNOWLEDGE_DIR, copy.knowledge)
    shutil.copytree(INTENTS_DIR, copy.intents)
    return copy


# Engines on a knowledge copy with two intents that score alike.


NOW = dt.datetime(2020, 1, 30, 10, 0, tzinfo=ZoneInfo("Europe/London"))
REL = "2020-01-30-modern-slavery"


def twins(family_a: str, family_b: str) -> list[dict[str, Any]]:
    """Two intents that score the same on the same question."""
    base = {"examples": ["tell me about the purple elephant parade"],
            "keywords": {"purple": 3, "elephant": 3}}
    return [{"id": "zz_a", "label": "Purple A", "type": "release_fact", "release": REL,
             "family": family_a, "answer": ["Answer A."],
             **base},
            {"id": "zz_b", "label": "Purple B", "type": "release_fact", "release": REL,
             "family": family_b, "answer": ["Answer B."],
             **base}]


def copy_engine(make_engine: Callable[..., Engine], copy: KnowledgeCopy) -> Engine:
    return make_engine(knowledge_dir=copy.knowledge, intents_dir=copy.intents)


# Broken-edit tests of the knowledge's loader, provenance checks, YAML files and models.


def load_error(copy: KnowledgeCopy) -> str:
    with pytest.raises(KnowledgeError) as exc:
        kb.load_from_files(copy.knowledge, copy.intents)
    return str(exc.value)


def assert_names(message: str, path: Path, field: str, reason: str) -> None:
    """The message is one line naming the file, then the field, then the reason."""
    assert "\n" not in message
    assert message.startswith(f"{path}: "), message
    assert f": {field}" in message, message
    assert reason in message, message
    assert message.index(str(path)) < message.index(field) < message.index(reason)


# --------------------------------------------------------------------------- the settings


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No configuration from the machine running the tests: no variables, no .env file."""
    for name in Settings.model_fields:
        monkeypatch.delenv(env_name(name), raising=False)
    monkeypatch.chdir(tmp_path)


# --------------------------------------------------------------------------- the CLI in-process


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An environment for the CLI: no PRESSBOT_* variables or .env from the machine, the cache
    and question log under tmp_path, and tmp_path as the working directory."""
    for name in Settings.model_fields:
        monkeypatch.delenv(env_name(name), raising=False)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("PRESSBOT_CACHE_PATH", str(home / "cache" / "knowledge.db"))
    monkeypatch.setenv("PRESSBOT_LOG_DB", str(home / "data" / "questions.db"))
    monkeypatch.setenv("PRESSBOT_LOG_QUESTIONS", "false")
    monkeypatch.chdir(home)
    return home


@pytest.fixture
def run_cli(cli_home: Path) -> Callable[..., CliResult]:
    """Run bot.cli.main in-process with byte stdin and captured text stdout/stderr."""
    from bot.cli import Environment, main

    def run(*argv: str, stdin: bytes = b"", isatty: bool = False) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        env = Environment(stdin=io.BytesIO(stdin), stdout=out, stderr=err, stdin_isatty=isatty)
        code = main(list(argv), env=env)
        return CliResult(code, out.getvalue(), err.getvalue())

    return run


# What the command line tests of test_cli.py and test_cli_editors.py share.


def one_sentence_error(result: CliResult) -> None:
    """A user error: non-zero exit, one line on stderr, nothing on stdout, no traceback."""
    assert result.code != 0
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("pressbot: ")
    assert "Traceback" not in result.err


def break_a_sentence(copy: KnowledgeCopy) -> int:
    n = copy.figure_index("met_referrals_2013")

    def change(data: dict[str, object]) -> None:
        f = copy.figure(data, "met_referrals_2013")  # type: ignore[arg-type]
        f["sentence"] = f["sentence"].replace("made in London", "made in all of London")

    copy.edit_release(change)
    return n


def write_cases(tmp_path: Path, *cases: dict[str, object]) -> Path:
    path = tmp_path / "cases.jsonl"
    path.write_text("# a comment\n\n" + "".join(json.dumps(c) + "\n" for c in cases),
                    encoding="utf-8")
    return path


@pytest.fixture
def half_right(tmp_path: Path) -> Path:
    return write_cases(
        tmp_path,
        {"q": "how much did referrals rise?", "intent": "referrals_rise", "category": "a"},
        {"q": "what's the weather like?", "fallback": True, "category": "a"},
        {"q": "how much did referrals rise?", "intent": "chair_quote", "category": "b"},
        {"q": "how much did referrals rise?", "intent": "referrals_rise",
         "patterns": ["12.5 million"], "category": "b"},
    )
