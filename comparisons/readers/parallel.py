"""Reading a document in a forked child process, beside other work of the parent.

Reading a long Word treaty is pure Python work (unzipping, parsing, recognising structure) and takes
about as long as everything after it together. The two sides of a comparison are independent, so
on a machine with two cores the second is read beside the first (`read_both`); a lint reads its
text while the language pipeline loads (`read_beside`). The child sends its Document back pickled
(a few milliseconds for a 70,000-word treaty) or the TreatyError it met, which the parent raises as
its own. Small inputs, and systems without fork, are read in the parent: there the fork would
cost more than it saves.
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


def read_both(old: Path, new: Path) -> tuple[Document, Document]:
    """The documents in `old` and `new`; errors are reported for `old` first, as a serial read would."""
    if not _worth_forking(old, new):
        return read(old), read(new)
    _reader(Path(old).suffix.lower())          # imported once, here, rather than in both processes
    return read_beside(new, lambda: read(old))


def read_beside(path: Path, work: Callable[[], T]) -> tuple[T, Document]:
    """(`work()`, the document in `path`), read in a child process while the parent does `work`.
    An error of `work` comes first; the child's reading error is raised once `work` is done. A
    small file is read first, here, and its error raised before any work."""
    if not _worth_forking(path):
        document = read(path)
        return work(), document
    _reader(Path(path).suffix.lower())
    source, sink = os.pipe()
    pid = os.fork()
    if pid == 0:                                   # the child: read PATH, send it, leave at once
        os.close(source)
        _child(path, sink)
    os.close(sink)
    try:
        try:
            done = work()
        finally:
            answer = _receive(source)
    finally:
        os.waitpid(pid, 0)
    kind, payload = pickle.loads(answer) if answer else ("bug", "the reading process ended without an answer")
    if kind == "document":
        return done, payload
    if kind == "error":
        raise payload
    raise RuntimeError(f"reading {path} failed in the child process:\n{payload}")


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


def _receive(source: int) -> bytes:
    with os.fdopen(source, "rb") as pipe:
        return pipe.read()
