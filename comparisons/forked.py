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


class Shared:
    """A list of jobs worked on by a forked child from the front and by the parent from the back.

    The child starts at once on the first jobs; the parent may add more (`add`, sent down a pipe)
    while it does other work, then joins in from the back (`results`). Each side claims a job by
    writing its position to a page both processes share and reading the other's. Two claims
    that cross by a race (one job done twice, or left by both) cost no answer: the parent keeps
    one result per job and does whatever the child did not return. A job is marshal-able data.

    The child sends `send(job, work(job))`, which marshal must carry, and the parent makes it an
    answer again with `receive(job, sent)`; the parent's own answers are `work(job)` as they are.
    """

    def __init__(self, work: Callable[[object], object], jobs: list,
                 send: Callable[[object, object], object] = lambda job, answer: answer,
                 receive: Callable[[object, object], object] = lambda job, sent: sent):
        self.work, self.jobs = work, list(jobs)
        self.send, self.receive = send, receive
        self.pid = self.more = None
        if not can_fork():
            return
        import mmap
        self.ends = mmap.mmap(-1, 16)        # anonymous and shared: (front, back)
        self._set(_FRONT, 0)
        self._set(_BACK, _OPEN)
        results, sink = os.pipe()
        more, self.more = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(results)
            os.close(self.more)
            answer_and_exit(sink, lambda: marshal.dumps(self._front(more)))
        os.close(sink)
        os.close(more)
        self.pid, self.results_from = pid, results

    def _get(self, at: int) -> int:
        return int.from_bytes(self.ends[at:at + 8], "little")

    def _set(self, at: int, value: int) -> None:
        self.ends[at:at + 8] = value.to_bytes(8, "little")

    def _front(self, more: int) -> dict[int, object]:
        """The child: jobs from the front until it meets the parent's claims."""
        import select
        done: dict[int, object] = {}
        waiting = True                 # for the parent's last jobs
        k = 0
        while True:
            if waiting and (k == len(self.jobs) or select.select([more], [], [], 0)[0]):
                with os.fdopen(more, "rb") as pipe:       # blocks until the parent has sent them
                    self.jobs += marshal.loads(pipe.read())
                waiting = False
            if k == len(self.jobs):
                return done
            self._set(_FRONT, k + 1)
            if k >= self._get(_BACK):
                return done
            done[k] = self.send(self.jobs[k], self.work(self.jobs[k]))
            k += 1

    def add(self, jobs: list) -> None:
        """The last jobs: after these, the parent takes its share (`results`)."""
        if self.pid is None:
            self.jobs += jobs
            return
        self._set(_BACK, len(self.jobs) + len(jobs))
        self.jobs += jobs
        try:
            with os.fdopen(self.more, "wb") as pipe:
                pipe.write(marshal.dumps(jobs))
        except OSError:
            pass                         # the child is gone: `results` does its share
        self.more = None

    def abandon(self) -> None:
        """Stop the child and forget the jobs (the parent failed before asking for results)."""
        if self.pid is None:
            return
        import signal
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        for fd in (self.more, self.results_from):
            if fd is not None:
                os.close(fd)
        self.pid = self.more = None

    def results(self) -> list:
        """Every job's answer, in order, once the parent has worked from the back."""
        if self.more is not None:
            self.add([])
        done: dict[int, object] = {}
        if self.pid is not None:
            for k in range(len(self.jobs) - 1, -1, -1):
                self._set(_BACK, k)
                if k < self._get(_FRONT):
                    break
                done[k] = self.work(self.jobs[k])
            with os.fdopen(self.results_from, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(self.pid, 0)
            self.pid = None
            if status == 0 and data:
                for k, answer in marshal.loads(data).items():
                    if k not in done:          # a job both did: the parent's own answer stands
                        done[k] = self.receive(self.jobs[k], answer)
        return [done[k] if k in done else self.work(job) for k, job in enumerate(self.jobs)]


_FRONT, _BACK = 0, 8
_OPEN = 1 << 62          # the parent's end before it claims anything
