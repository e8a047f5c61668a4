"""The engine is a library and Telegram an adapter: answering never loads python-telegram-bot,
only bot/tg imports it, only bot/render.py escapes HTML, and nothing reaches into a dependency's
private modules. The rules are read from the code's imports and calls (``ast``), not grepped."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BOT = ROOT / "bot"
ENGINE_MODULES = ["bot.models", "bot.answermodels", "bot.knowledge", "bot.matching",
                  "bot.answers", "bot.routing", "bot.dialogue", "bot.render", "bot.engine",
                  "bot.parts", "bot.evaluate", "bot.cli", "bot.provenance", "bot.yamlfiles",
                  "bot.templates"]
# Modules that escape text for a markup language: only the renderer may use them.
ESCAPING = ("html", "markupsafe", "xml.sax.saxutils")
# Private imports tolerated for now, by file (none: every dependency is used through its public
# API). The test says when an entry is stale.
KNOWN_PRIVATE: dict[str, set[str]] = {}


@dataclass(frozen=True)
class Import:
    file: str  # relative to bot/
    line: int
    module: str  # the module imported from, absolute
    names: tuple[str, ...]  # the names taken from it ("" for `import module`)


def imports(tree: ast.AST, file: str) -> list[Import]:
    """Every import in a module, wherever it is (top level, a function, TYPE_CHECKING)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [Import(file, node.lineno, a.name, ("",)) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(Import(file, node.lineno, node.module,
                                tuple(a.name for a in node.names)))
    return found


def parsed(root: Path = BOT) -> dict[str, ast.Module]:
    return {str(p.relative_to(root)): ast.parse(p.read_text(encoding="utf-8"), str(p))
            for p in sorted(root.rglob("*.py"))}


def top(module: str) -> str:
    return module.split(".", 1)[0]


def is_private(imp: Import) -> bool:
    """A dependency's private module (``telegram._utils``) or private name (``from x import
    _y``); the project's own modules and dunder modules (``__future__``) are fine."""
    if top(imp.module) == "bot":
        return False
    parts = imp.module.split(".") + [n for n in imp.names if n]
    return any(p.startswith("_") and not p.startswith("__") for p in parts)


def telegram_outside_tg(trees: dict[str, ast.Module]) -> list[str]:
    return [f"{i.file}:{i.line}" for f, t in trees.items() if not f.startswith("tg/")
            for i in imports(t, f) if top(i.module) == "telegram"]


def escaping_outside_render(trees: dict[str, ast.Module]) -> list[str]:
    bad = [f"{i.file}:{i.line}: imports {i.module}" for f, t in trees.items()
           if f != "render.py" for i in imports(t, f)
           # Reading a saved web page (bot/ingest/text.py) parses HTML; it escapes nothing.
           if i.module != "html.parser"
           and any(i.module == m or i.module.startswith(m + ".") for m in ESCAPING)]
    for f, t in trees.items():
        if f == "render.py":
            continue
        for node in ast.walk(t):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "escape" and isinstance(node.func.value, ast.Name)
                    and node.func.value.id in ("html", "markupsafe", "saxutils")):
                bad.append(f"{f}:{node.lineno}: calls {node.func.value.id}.escape")
    return bad


def private_imports(trees: dict[str, ast.Module]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for f, t in trees.items():
        for i in imports(t, f):
            if is_private(i):
                names = [n for n in i.names if n.startswith("_") and not n.startswith("__")]
                what = {f"{i.module}.{n}" for n in names} or {i.module}
                found.setdefault(f, set()).update(what)
    return found


# --------------------------------------------------------------------------- the rules


def test_engine_and_cli_never_import_telegram(tmp_path: object) -> None:
    """At run time too: answering a question loads no python-telegram-bot module."""
    code = (
        "import sys\n"
        f"for m in {ENGINE_MODULES!r}: __import__(m)\n"
        "from bot.config import load_settings\n"
        "from bot.engine import Engine\n"
        f"e = Engine(load_settings(cache_path={str(tmp_path)!r} + '/k.db'))\n"
        "e.ask('how much did referrals rise?')\n"
        "bad = sorted(m for m in sys.modules if m == 'telegram' or m.startswith('telegram.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_only_bot_tg_imports_telegram() -> None:
    assert telegram_outside_tg(parsed()) == []


def test_only_render_escapes_html() -> None:
    """Escaping in one place keeps channels consistent; the adapter must not re-escape."""
    trees = parsed()
    assert escaping_outside_render(trees) == []
    assert any(i.module == "html" for i in imports(trees["render.py"], "render.py"))


def test_nothing_imports_a_private_module_of_a_dependency() -> None:
    found = private_imports(parsed())
    for file, modules in KNOWN_PRIVATE.items():
        assert modules <= found.get(file, set()), (
            f"bot/{file} no longer imports {sorted(modules - found.get(file, set()))}: "
            "remove it from KNOWN_PRIVATE in tests/test_architecture.py")
    unexpected = {f: m - KNOWN_PRIVATE.get(f, set()) for f, m in found.items()}
    assert {f: m for f, m in unexpected.items() if m} == {}


# --------------------------------------------------------------------------- the checks can fail


BAD_MODULE = '''
from typing import TYPE_CHECKING
import html as markup
from telegram._utils.types import ODVInput
from pydantic import _internal
if TYPE_CHECKING:
    from telegram import Update

def show(text: str) -> str:
    import html
    return html.escape(text) + markup.escape(text)
'''


@pytest.fixture
def bad_trees(tmp_path: Path) -> dict[str, ast.Module]:
    (tmp_path / "tg").mkdir()
    (tmp_path / "answers.py").write_text(BAD_MODULE, encoding="utf-8")
    (tmp_path / "tg" / "send.py").write_text("from telegram import Bot\nimport html\n",
                                             encoding="utf-8")
    (tmp_path / "render.py").write_text("import html\nhtml.escape('x')\n", encoding="utf-8")
    return parsed(tmp_path)


def test_the_checks_find_offenders_wherever_the_import_is(bad_trees: dict[str, ast.Module]
                                                          ) -> None:
    assert telegram_outside_tg(bad_trees) == ["answers.py:4", "answers.py:7"]
    assert sorted(escaping_outside_render(bad_trees)) == [
        "answers.py:10: imports html", "answers.py:11: calls html.escape",
        "answers.py:3: imports html", "tg/send.py:2: imports html"]
    assert private_imports(bad_trees) == {"answers.py": {"telegram._utils.types",
                                                         "pydantic._internal"}}


def test_the_projects_own_and_dunder_modules_are_not_private() -> None:
    assert not is_private(Import("x.py", 1, "__future__", ("annotations",)))
    assert not is_private(Import("x.py", 1, "bot._helpers", ("",)))
    assert is_private(Import("x.py", 1, "telegram._bot", ("",)))
    assert is_private(Import("x.py", 1, "telegram", ("_utils",)))


# --------------------------------------------------------------------------- no release in the code
#
# The engine answers any release: no intent id and no text of a release is written into bot/.
# Generic vocabulary (question types and their generic slots, from intents/types.yaml) is
# allowed even where an intent happens to share its name ("safeguarding", "letter").

# Files still waiting to be made data-driven (none now). The test says when an entry is stale.
PENDING_ADAPTER: set[str] = set()
# Allowed exceptions, by file, with the reason (none now: the safety layer's vocabulary is data,
# in intents/safety.yaml).
ALLOWED: dict[str, str] = {}
# Strings allowed in one file only, until the branch that owns the code lands.
PENDING_SCHEMA: dict[str, set[str]] = {}


@dataclass(frozen=True)
class ReleaseText:
    """What may not be written into the code."""

    ids: frozenset[str]  # intent ids that are not generic vocabulary
    texts: tuple[str, ...]  # release text, matched anywhere in a string, in any case
    names: frozenset[str]  # figure topics: concept names, matched as a whole string
    words: frozenset[str]  # the subject's words, matched at the start of a word


def string_constants(tree: ast.Module) -> list[tuple[int, str]]:
    """Every string constant in a module except docstrings (comments are not in the tree)."""
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef
                                | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings]


def release_text() -> ReleaseText:
    from bot.cards import generic_vocabulary, load_types
    from bot.knowledge import load_from_files
    from bot.reading import Reader

    knowledge = load_from_files(ROOT / "knowledge", ROOT / "intents")
    generic = generic_vocabulary(load_types(ROOT / "intents"))
    ids = frozenset(i.id for i in knowledge.intents) - generic
    texts: list[str] = []
    names: set[str] = set()
    reader = Reader(knowledge)
    words: set[str] = set()
    common = set(knowledge.english[:2000])
    for r in knowledge.releases:
        texts += [r.title, r.chair, r.committee]
        texts += [f.as_written for f in r.figures if len(f.as_written) > 3]
        texts += [rec.title for rec in r.recommendations]
        names |= {t for f in r.figures for t in f.topics}
        # The subject: the uncommon words of the title and of what the figures count.
        for text in (r.title, *(f.counts for f in r.figures)):
            words |= {t for t in reader.tokens(text, correct=False)
                      if t.isalpha() and t not in common}
    return ReleaseText(ids, tuple(texts), frozenset(names), frozenset(words))


def release_text_in_code(trees: dict[str, ast.Module], known: ReleaseText,
                         allowed: bool = True) -> list[str]:
    """Where the code writes a release's text (outside the allow-lists unless not ``allowed``)."""
    skip = PENDING_ADAPTER | set(ALLOWED) if allowed else set()
    word = re.compile(r"\b(" + "|".join(sorted(map(re.escape, known.words))) + ")",
                      re.IGNORECASE) if known.words else None
    bad = []
    for file, tree in trees.items():
        if file in skip:
            continue
        for line, value in sorted(string_constants(tree)):
            if allowed and value in PENDING_SCHEMA.get(file, ()):
                continue
            lowered = value.lower()
            why = (f"intent id {value!r}" if value in known.ids
                   else f"topic {value!r}" if value in known.names
                   else next((f"release text {t!r}" for t in known.texts
                              if t.lower() in lowered), "")
                   or (f"subject word {m.group(1)!r}" if word and (m := word.search(value))
                       else ""))
            if why:
                bad.append(f"{file}:{line}: {why}")
    return bad


@pytest.fixture(scope="module")
def known_release_text() -> ReleaseText:
    return release_text()


def test_no_intent_id_or_release_text_in_the_code(known_release_text: ReleaseText) -> None:
    assert release_text_in_code(parsed(), known_release_text) == []


def test_the_allow_lists_are_not_stale(known_release_text: ReleaseText) -> None:
    trees = parsed()
    for file in PENDING_ADAPTER | set(ALLOWED) | set(PENDING_SCHEMA):
        assert file in trees, f"bot/{file} is gone: remove it from the allow-lists"
        found = release_text_in_code({file: trees[file]}, known_release_text, allowed=False)
        assert found, f"bot/{file} has no release text any more: remove it from the allow-lists"
        if file in PENDING_SCHEMA:
            for value in PENDING_SCHEMA[file]:
                assert any(repr(value) in f for f in found), f"{value!r} left bot/{file}"


def test_the_release_text_check_finds_offenders(tmp_path: Path,
                                               known_release_text: ReleaseText) -> None:
    example = sorted(known_release_text.ids)[0]
    topic = sorted(known_release_text.names)[0]
    title = known_release_text.texts[0]
    word = sorted(known_release_text.words)[0]
    (tmp_path / "answers.py").write_text(
        f'"""Docstrings may name {title}."""\n'
        "# comments may name them too\n"
        f"ID = {example!r}\n"
        f"TOPIC = {topic!r}\n"
        f"TITLE = 'About ' + {title.upper()!r}\n"
        f"WORD = 'the {word.capitalize()}s of London'\n"
        "GENERIC = ('safeguarding', 'figure', 'all')\n", encoding="utf-8")
    found = release_text_in_code(parsed(tmp_path), known_release_text)
    assert [f.split(":")[1] for f in found] == ["3", "4", "5", "6"]
    assert f"intent id {example!r}" in found[0] and f"topic {topic!r}" in found[1]
