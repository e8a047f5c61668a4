"""The engine is a library: answering a question must never load python-telegram-bot."""

from __future__ import annotations

import subprocess
import sys

ENGINE_MODULES = ["bot.models", "bot.knowledge", "bot.matching", "bot.answers", "bot.routing",
                  "bot.dialogue", "bot.render", "bot.engine", "bot.evaluate", "bot.cli"]


def test_engine_and_cli_never_import_telegram(tmp_path: object) -> None:
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
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_only_render_escapes_html() -> None:
    """Escaping in one place keeps channels consistent; the adapter must not re-escape."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "bot"
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py")
                 if "html.escape" in p.read_text(encoding="utf-8") and p.name != "render.py"]
    assert offenders == []
