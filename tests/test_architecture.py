"""The engine is a library and Telegram an adapter: answering never loads python-telegram-bot,
only bot/tg imports it, only bot/render.py escapes HTML, and nothing reaches into a dependency's
private modules. The rules are read from the code's imports and calls (``ast``), not grepped."""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BOT = ROOT / "bot"
ENGINE_MODULES = ["bot.models", "bot.knowledge", "bot.matching", "bot.answers", "bot.routing",
                  "bot.dialogue", "bot.render", "bot.engine", "bot.evaluate", "bot.cli"]
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
