"""Provides the command menu: the commands, the intents they show, deep-link aliases, and the
commands line added under /help, /about and /start."""

from __future__ import annotations

from telegram import BotCommand

from bot.render import escape_html

# Set with set_my_commands at start; the order is the order of Telegram's '/' menu.
COMMANDS = [
    BotCommand("start", "Welcome and quick topics"),
    BotCommand("figures", "The key figures, with sources"),
    BotCommand("recommendations", "The committee's recommendations"),
    BotCommand("quote", "The chair's quote"),
    BotCommand("contacts", "Who to contact about the release"),
    BotCommand("press", "The press office (media enquiries)"),
    BotCommand("source", "The release's title, date and publisher"),
    BotCommand("ask", "Ask a question, e.g. /ask how much did referrals rise?"),
    BotCommand("help", "What I can answer"),
    BotCommand("about", "About this bot"),
]

# Commands that show one topic: command -> intent id.
COMMAND_INTENTS: dict[str, str] = {
    "figures": "figures_all",
    "recommendations": "recommendations_all",
    "quote": "chair_quote",
    "contacts": "contacts_all",
    "press": "contact_media",
    "source": "release_title",
    "help": "help",
    "about": "help",
}

# Deep links (t.me/<bot>?start=<payload>): short aliases; any intent id works too.
DEEP_LINKS: dict[str, str] = {
    "press": "contact_media",
    "media": "contact_media",
    "figures": "figures_all",
    "recommendations": "recommendations_all",
    "quote": "chair_quote",
    "contacts": "contacts_all",
    "source": "release_title",
    "help": "help",
    "about": "help",
}

# Intents whose answer gets the commands line underneath.
WITH_COMMANDS_LINE = frozenset({"help", "greeting"})


def commands_html(username: str) -> str:
    """The Telegram HTML line listing the commands, and how to ask in a group."""
    listed = " · ".join(f"/{c.command}" for c in COMMANDS if c.command not in {"start", "ask"})
    group = f"In a group, mention @{username} or use /ask@{username} followed by your question."
    return escape_html(f"Commands: {listed}. {group}")
