"""One error root for everything a user can get wrong.

Every error knows where it happened (a file, and a line or a key inside it) so the command line
can print one line that tells the user what to fix, and exit with status 2.
"""
from __future__ import annotations

import re
from pathlib import Path

_LINE_BREAK = re.compile(r"\s*\n\s*(?=([,.;:)]?))")


def one_line(message: str) -> str:
    """A message as one line: libraries break theirs ("out of allowed range\\n, line 1, column 24")."""
    return _LINE_BREAK.sub(lambda m: "" if m.group(1) else " ", message.strip())


class TreatyError(Exception):
    """Bad input: a spec, a clause, a template or a document the toolkit cannot use."""

    exit_code = 2

    def __init__(self, message: str, source: str | Path | None = None, where: str | int | None = None):
        message = one_line(message)
        super().__init__(message)
        self.message = message
        self.source = str(source) if source is not None else None
        self.where = where

    def __reduce__(self):
        # pickled whole (a document read in a child process reports its error through the parent)
        return type(self), (self.message, self.source, self.where)

    def __str__(self) -> str:
        place = ""
        if self.source:
            place = self.source
            if self.where not in (None, ""):
                place += f":{self.where}"
            place += ": "
        return place + self.message


class SpecError(TreatyError):
    """A draft specification that cannot be assembled."""


class ClauseError(TreatyError):
    """A clause file that is malformed or does not render."""


class TemplateError(TreatyError):
    """An agreement template that is malformed or does not render."""


class OutputError(TreatyError):
    """An output that cannot be written (exists, unknown format, unwritable place)."""
