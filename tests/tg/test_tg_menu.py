"""Tests for bot/tg/menu.py: every command shown in the menu has a handler topic or a job of
its own, and the commands line is escaped HTML."""

from __future__ import annotations

from bot.tg.menu import COMMAND_TOPICS, COMMANDS, DEEP_LINKS, commands_html

# Commands with their own handler rather than one topic (bot.tg.handlers).
OWN_HANDLERS = {"start", "releases", "ask"}


def test_every_menu_command_shows_a_topic_or_has_its_own_handler() -> None:
    names = [c.command for c in COMMANDS]
    assert len(names) == len(set(names))
    assert set(names) == set(COMMAND_TOPICS) | OWN_HANDLERS
    assert set(DEEP_LINKS.values()) <= set(COMMAND_TOPICS.values())


def test_the_commands_line_lists_commands_and_group_use_escaped() -> None:
    line = commands_html("Press<Bot>")
    assert line.startswith("Commands: /figures · /recommendations")
    assert "/start" not in line and "/ask " not in line
    assert "mention @Press&lt;Bot&gt; or use /ask@Press&lt;Bot&gt;" in line
