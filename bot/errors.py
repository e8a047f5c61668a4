"""Provides pressbot's small named exceptions.

The CLI turns each into one sentence on stderr and an exit code.
"""


class PressbotError(Exception):
    """Base for errors a user can act on."""

    exit_code = 1


class ConfigError(PressbotError):
    """The configuration is invalid."""

    exit_code = 2


class KnowledgeError(PressbotError):
    """A knowledge or intent file is invalid; the message names the file, field and reason."""

    exit_code = 3


class UsageError(PressbotError):
    """The command line was used wrongly."""

    exit_code = 2
