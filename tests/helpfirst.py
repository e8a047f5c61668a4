"""Provides the check the safeguarding tests share: a reply gives someone who may be a victim
999 and the helpline first."""

from __future__ import annotations

from bot.evaluate import Outcome

# The safeguarding numbers (knowledge/safeguarding.yaml), not a release's.
HELP = ("999", "08000 121 700")


def helped(outcome: Outcome) -> bool:
    """The safeguarding answer, or a reply not sure of the message (a fallback, "did you mean")
    whose first paragraph is the help numbers: the reply to a message in another language the
    bot could not read, which may be a victim's own words, or to a request for help or for
    someone to reach that it is not sure of (bot/weighing.py). Any other answer, or a reply
    that gives them later, is a miss."""
    if outcome.got == "safeguarding":
        return True
    first = outcome.text.split("\n\n", 1)[0]
    return outcome.got is None and all(n in first for n in HELP)
