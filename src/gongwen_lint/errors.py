"""Errors that reach the user as a Chinese message and exit code 2."""


class ReadError(Exception):
    """A file that cannot be read as a draft. ``str(e)`` is the message for the user: what is
    wrong and what to do (docs/usage.md)."""


class ResourceError(Exception):
    """A resource that the checks of every file rely on (the reference index) failed.

    Not a bug in one rule: the engine lets it through and the file's report carries it as its
    error (exit code 2), so a duplicate check that could not run is never silently skipped.
    ``str(e)`` is the Chinese message.
    """


class RuleFileError(Exception):
    """A user's or a packaged rule file (TOML, ``rules/declared.py``) that cannot be used: bad
    TOML, a code that clashes, a bad regular expression, an example that does not hold.
    ``str(e)`` is the Chinese message naming the file (exit code 2)."""
