"""Provides the command menu: the commands, the topics (question type and slot) they show,
deep-link aliases, and the commands line added under /help, /about and /start."""

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
    BotCommand("releases", "The releases I know, newest first"),
    BotCommand("ask", "Ask a question, e.g. /ask who published the release?"),
    BotCommand("help", "What I can answer"),
    BotCommand("about", "About this bot"),
]

# A topic is a question type and slot (see intents/*.yaml), answered from the release being
# discussed: code names types and slots, never intent ids.
Topic = tuple[str, str]
HELP: Topic = ("smalltalk", "help")
GREETING: Topic = ("smalltalk", "greeting")

# Commands that show one topic: command -> topic.
COMMAND_TOPICS: dict[str, Topic] = {
    "figures": ("figures", "all"),
    "recommendations": ("recommendation", "all"),
    "quote": ("quote", ""),
    "contacts": ("contacts", "all"),
    "press": ("contacts", "media"),
    "source": ("release_fact", "title"),
    "help": HELP,
    "about": HELP,
}

# Deep links (t.me/<bot>?start=<payload>): short aliases; any intent id or release id works too.
DEEP_LINKS: dict[str, Topic] = {
    "press": ("contacts", "media"),
    "media": ("contacts", "media"),
    "figures": ("figures", "all"),
    "recommendations": ("recommendation", "all"),
    "quote": ("quote", ""),
    "contacts": ("contacts", "all"),
    "source": ("release_fact", "title"),
    "help": HELP,
    "about": HELP,
}

# Topics whose answer gets the commands line underneath.
WITH_COMMANDS_LINE = frozenset({HELP, GREETING})


def commands_html(username: str) -> str:
    """The Telegram HTML line listing the commands, and how to ask in a group."""
    listed = " · ".join(f"/{c.command}" for c in COMMANDS if c.command not in {"start", "ask"})
    group = f"In a group, mention @{username} or use /ask@{username} followed by your question."
    return escape_html(f"Commands: {listed}. {group}")
