"""Reading a document in a forked child process, beside other work of the parent.

Reading a long Word treaty is pure Python work (unzipping, parsing, recognising structure) and takes
about as long as everything after it together. The two sides of a comparison are independent, so
on a machine with two cores the second is read beside the first (`read_both`); a lint reads its
text while the language pipeline loads (`read_beside`). The child sends its Document back pickled
(a few milliseconds for a 70,000-word treaty) or the TreatyError it met, which the parent raises as
its own. Small inputs, and systems without fork, are read in the parent: there the fork would
cost more than it saves.

`treaty compare --no-flags` starts reading the new side before the command line is even parsed
(`read_early`, from drafting.launch): the child reads while the parent imports the rest of the
program, and `read_both` takes its document.
"""
from __future__ import annotations

import os
import pickle
import traceback
from pathlib import Path
from typing import Callable, TypeVar

from drafting.errors import TreatyError
from drafting.model import Document

from ..forked import answer_and_exit, can_fork
from . import _reader, read

PARALLEL_BYTES = 96 * 1024   # below this, a file is read in less time than a fork costs
T = TypeVar("T")


class Reading:
    """The document in `path`, being read in a child process started at once."""

    def __init__(self, path: Path):
        self.path = path
        _reader(Path(path).suffix.lower())        # imported once, here, rather than in both processes
        source, sink = os.pipe()
        pid = os.fork()
        if pid == 0:                               # the child: read PATH, send it, leave at once
            os.close(source)
            _child(path, sink)
        os.close(sink)
        self.pid, self.source = pid, source

    def document(self) -> Document:
        """The document, once read; the child's reading error is raised here."""
        try:
            with os.fdopen(self.source, "rb") as pipe:
                answer = pipe.read()
        finally:
            os.waitpid(self.pid, 0)
            self.pid = None
        kind, payload = pickle.loads(answer) if answer else ("bug", "the reading process ended without an answer")
        if kind == "document":
            return payload
        if kind == "error":
            raise payload
        raise RuntimeError(f"reading {self.path} failed in the child process:\n{payload}")

    def cancel(self) -> None:
        """Stop the child, its document unwanted (the command failed before reading)."""
        if self.pid is None:
            return
        import signal
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.source)
        self.pid = None


_early: Reading | None = None


def read_early(old: str, new: str) -> None:
    """Start reading `new` now, for the `read_both(old, new)` to come. A process that ends without
    asking for it stops the child on its way out."""
    global _early
    if _worth_forking(Path(old), Path(new)):
        import atexit
        _early = Reading(Path(new))
        atexit.register(_early.cancel)


def read_both(old: Path, new: Path) -> tuple[Document, Document]:
    """The documents in `old` and `new`; errors are reported for `old` first, as a serial read would."""
    global _early
    early, _early = _early, None
    if early is not None:
        if early.path == Path(new):
            return _beside(early, lambda: read(old))
        early.cancel()
    if not _worth_forking(old, new):
        return read(old), read(new)
    return read_beside(new, lambda: read(old))


def read_beside(path: Path, work: Callable[[], T]) -> tuple[T, Document]:
    """(`work()`, the document in `path`), read in a child process while the parent does `work`.
    An error of `work` comes first; the child's reading error is raised once `work` is done. A
    small file is read first, here, and its error raised before any work."""
    if not _worth_forking(path):
        document = read(path)
        return work(), document
    return _beside(Reading(path), work)


def _beside(reading: Reading, work: Callable[[], T]) -> tuple[T, Document]:
    try:
        done = work()
    except BaseException:
        reading.cancel()
        raise
    return done, reading.document()


def _worth_forking(*paths: Path) -> bool:
    if not can_fork():
        return False
    try:
        return min(Path(path).stat().st_size for path in paths) >= PARALLEL_BYTES
    except OSError:
        return False                               # let the serial read report the problem


def _child(path: Path, sink: int) -> None:
    answer_and_exit(sink, lambda: pickle.dumps(_answer(path), protocol=pickle.HIGHEST_PROTOCOL))


def _answer(path: Path) -> tuple:
    try:
        return ("document", read(path))
    except TreatyError as error:
        return ("error", error)
    except BaseException:                          # a bug: the parent re-raises it with this trace
        return ("bug", traceback.format_exc())
