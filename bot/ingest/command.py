"""Provides the work of `pressbot ingest FILE...`: read, draft, write and report each file.

Exit status: 0 when every input was drafted (an editor's list is not a failure), 1 when an
input is unusable (empty, binary, no sentences) or cannot be written.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO, TextIO

from bot.config import Settings
from bot.errors import PressbotError
from bot.ingest import draft
from bot.ingest.text import UnusableInput, decode, html_to_text, looks_like_html, normalise


def read_text(data: bytes, name: str) -> str:
    """The normalised text of one input, from plain text or a saved web page."""
    raw = decode(data, name)
    text = normalise(html_to_text(raw) if looks_like_html(raw, name) else raw)
    if not text.strip():
        raise UnusableInput(f"{name}: is empty")
    return text


def ingest(files: list[str], out: Path | None, settings: Settings, stdin: BinaryIO,
           stdout: TextIO, stderr: TextIO, force: bool = False) -> int:
    releases_dir = (out if out is not None else settings.knowledge_dir) / "releases"
    failed = 0
    for name in files:
        try:
            data = stdin.read() if name == "-" else Path(name).read_bytes()
            d = draft.build(read_text(data, name), settings, name)
            folder = draft.write(d, releases_dir, force)
        except OSError as exc:
            stderr.write(f"pressbot: {name}: cannot be read or written: "
                         f"{exc.strerror or exc}\n")
            failed += 1
            continue
        except PressbotError as exc:
            stderr.write(f"pressbot: {exc}\n")
            failed += 1
            continue
        stdout.write(f"{name}: wrote {folder}/release.txt and release.yaml\n")
        stdout.write("".join(f"  found {line}\n" for line in d.found))
        if d.checks:
            stdout.write("  needs an editor's eye:\n")
            stdout.write("".join(f"    - {c}\n" for c in d.checks))
        stdout.write("  next: edit the draft if needed, then `pressbot check`, then /reload "
                     "(or restart the bot)\n")
    return 1 if failed else 0
