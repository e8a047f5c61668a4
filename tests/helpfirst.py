"""Provides the check the safeguarding tests share: a reply gives someone who may be a victim
999 and the helpline first."""

from __future__ import annotations

from bot.evaluate import Outcome

# The safeguarding numbers (knowledge/safeguarding.yaml), not a release's.
HELP = ("999", "08000 121 700")


def helped(outcome: Outcome) -> bool:
    """The safeguarding answer, or a reply whose first paragraph is the help numbers: the reply
    to a message in another language the bot could not read, which may be a victim's own
    words, or to a request for help or for someone to reach that gives no line to call of its
    own (a fallback, "did you mean", an answer that is no contact line: bot/weighing.py). Any
    other reply, or one that gives them later, is a miss."""
    if outcome.got == "safeguarding":
        return True
    first = outcome.text.split("\n\n", 1)[0]
    return all(n in first for n in HELP)
