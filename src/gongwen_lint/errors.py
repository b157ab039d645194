"""Errors that reach the user as a Chinese message and exit code 2."""


class ReadError(Exception):
    """A file that cannot be read as a draft. ``str(e)`` is the message for the user: what is
    wrong and what to do (docs/usage.md)."""
