"""Reading the two sides of a comparison at once, one in a forked child process.

Reading a long Word treaty is pure Python work (unzipping, parsing, recognising structure) and takes
about as long as everything after it together; the two documents are independent, so on a
machine with two cores the second is read beside the first. The child sends its Document back
pickled (a few milliseconds for a 70,000-word treaty) or the TreatyError it met, which the parent
raises as its own. Small inputs, and systems without fork, are read one after the other: there
the fork would cost more than it saves.
"""
from __future__ import annotations

import os
import pickle
import traceback
from pathlib import Path

from drafting.errors import TreatyError
from drafting.model import Document

from ..forked import answer_and_exit, can_fork
from . import _reader, read

PARALLEL_BYTES = 96 * 1024   # below this, both files are read in less time than a fork costs


def read_both(old: Path, new: Path) -> tuple[Document, Document]:
    """The documents in `old` and `new`; errors are reported for `old` first, as a serial read would."""
    if not _worth_forking(old, new):
        return read(old), read(new)
    for path in (old, new):        # imported once, here, rather than in both processes
        _reader(Path(path).suffix.lower())
    source, sink = os.pipe()
    pid = os.fork()
    if pid == 0:                                   # the child: read NEW, send it, leave at once
        os.close(source)
        _child(new, sink)
    os.close(sink)
    try:
        try:
            first = read(old)
        finally:
            answer = _receive(source)
    finally:
        os.waitpid(pid, 0)
    kind, payload = pickle.loads(answer) if answer else ("bug", "the reading process ended without an answer")
    if kind == "document":
        return first, payload
    if kind == "error":
        raise payload
    raise RuntimeError(f"reading {new} failed in the child process:\n{payload}")


def _worth_forking(old: Path, new: Path) -> bool:
    if not can_fork():
        return False
    try:
        return min(Path(old).stat().st_size, Path(new).stat().st_size) >= PARALLEL_BYTES
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


def _receive(source: int) -> bytes:
    with os.fdopen(source, "rb") as pipe:
        return pipe.read()
