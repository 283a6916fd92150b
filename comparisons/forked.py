"""Half of a job done in a forked child process, on the other core.

Diffing the aligned articles of a long treaty is pure Python work spread over hundreds of
independent pairs; on a machine with two cores a child takes part of them while the parent does
the rest. The child sends its results back with marshal (plain tuples, lists and strings, a few
milliseconds for a whole treaty). Where fork is missing, the machine has one core, or the child
fails, the parent does the child's share itself: the answer never depends on how it was computed.
"""
from __future__ import annotations

import marshal
import os
import sys
from contextlib import contextmanager
from typing import Callable


_spare_core = True


@contextmanager
def other_core_busy():
    """Another process of this command (the language analysis loading spaCy) has the second core:
    inside this block do everything here rather than compete with it."""
    global _spare_core
    before, _spare_core = _spare_core, False
    try:
        yield
    finally:
        _spare_core = before


def can_fork() -> bool:
    return _spare_core and hasattr(os, "fork") and sys.platform == "linux" and (os.cpu_count() or 1) >= 2


def halves(items: list, weight: Callable[[object], int]) -> tuple[list, list]:
    """Two shares of about equal weight, heaviest items first to the lighter share."""
    shares: tuple[list, list] = ([], [])
    loads = [0, 0]
    for item in sorted(items, key=weight, reverse=True):
        side = 0 if loads[0] <= loads[1] else 1
        shares[side].append(item)
        loads[side] += weight(item)
    return shares


class Forked:
    """`work()` started in a child process at once; `result()` waits for its value, which must be
    something marshal can carry."""

    def __init__(self, work: Callable[[], object]):
        self.work = work
        self.pid = None
        if not can_fork():
            return
        source, sink = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(source)
            _child(work, sink)
        os.close(sink)
        self.pid, self.source = pid, source

    def result(self):
        if self.pid is None:
            return self.work()
        with os.fdopen(self.source, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if status != 0 or not data:
            return self.work()         # the child failed: do its share here
        return marshal.loads(data)


def _child(work: Callable[[], object], sink: int) -> None:
    answer_and_exit(sink, lambda: marshal.dumps(work()))


def answer_and_exit(sink: int, answer: Callable[[], bytes]) -> None:
    """The end of a forked child: write `answer()` to the pipe and leave at once, with status 1
    (and nothing written) if that fails."""
    status = 0
    try:
        data = answer()
        with os.fdopen(sink, "wb") as pipe:
            pipe.write(data)
    except BaseException:
        status = 1
    finally:
        os._exit(status)               # no atexit handlers, no flushing the parent's buffers
