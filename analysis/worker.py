"""The analysis in child processes, started before the comparison so that spaCy loads beside it.

Importing spaCy and building the pipeline take most of a second; reading and comparing two
treaties take about as long and use one core. `Worker()` forks a child that loads the pipeline on
the other core while the parent reads and compares; the parent then sends it the sentences to
analyse (analysis.records) and gets plain records back. The parent never imports spaCy.

The work comes in two lanes, one per side of the comparison. Once the pipeline is loaded the
child forks a twin for the second lane, which costs no second loading; when the parent has paired
the sentences and waits, the two sides are analysed on both cores.

Where fork is missing (or a child fails) the same tasks run in the parent.
"""
from __future__ import annotations

import atexit
import os
import pickle
import queue
import signal
import struct
import sys
import threading
from collections import deque

_HEADER = struct.Struct("!Q")
LANES = 2


class _Lane:
    """One child process's pipes, the tickets it has still to answer (in order), and the thread that
    writes its requests: started once, so that sending a batch never waits for a thread to start."""

    def __init__(self, send, receive):
        self.send, self.receive = send, receive
        self.waiting: deque[int] = deque()
        self.outbox: queue.SimpleQueue = queue.SimpleQueue()
        self.writer: threading.Thread | None = None

    def post(self, request: tuple) -> None:
        if self.writer is None:
            self.writer = threading.Thread(target=self._write_all, daemon=True)
            self.writer.start()
        self.outbox.put(request)

    def _write_all(self) -> None:
        while (request := self.outbox.get()) is not None:
            try:
                _write(self.send, request)
            except OSError:
                pass                  # the child is gone: `result` computes the task here

    def close(self) -> None:
        if self.writer is not None:
            self.outbox.put(None)
            self.writer.join(timeout=5)
        for stream in (self.send, self.receive):
            try:
                stream.close()
            except OSError:
                pass


class Worker:
    def __init__(self):
        self.pid = None
        self.lanes: list[_Lane] = []
        self.submitted = 0
        self.tasks: dict[int, tuple] = {}        # ticket -> (task, args), until answered
        self.answers: dict[int, object] = {}
        if not hasattr(os, "fork") or sys.platform != "linux" or (os.cpu_count() or 1) < 2:
            return
        pipes = [(_pipe(), _pipe()) for _ in range(LANES)]     # (to the child, from it)
        pid = os.fork()
        if pid == 0:
            _serve([(requests[0], answers[1]) for requests, answers in pipes],
                   [fd for requests, answers in pipes for fd in (requests[1], answers[0])])
        for (child_reads, parent_writes), (parent_reads, child_writes) in pipes:
            os.close(child_reads)
            os.close(child_writes)
            self.lanes.append(_Lane(os.fdopen(parent_writes, "wb"), os.fdopen(parent_reads, "rb")))
        self.pid = pid

    def call(self, task: str, *args):
        """The result of analysis.records.TASKS[task](*args), computed in a child."""
        return self.result(self.submit(task, *args))

    def submit(self, task: str, *args, lane: int = 0) -> int:
        """Send a task to a lane and return at once (a thread writes it, so a large request does
        not wait for the child to finish loading); `result` collects the answer."""
        ticket = self.submitted
        self.submitted += 1
        self.tasks[ticket] = (task, args)
        if self.pid is None:
            self.answers[ticket] = _run(task, args)
            del self.tasks[ticket]
            return ticket
        lane = self.lanes[lane % len(self.lanes)]
        lane.waiting.append(ticket)
        lane.post((task, args))
        return ticket

    def result(self, ticket: int):
        while ticket not in self.answers:
            if self.pid is None:      # no children (any more): the tasks not answered run here
                task, args = self.tasks.pop(ticket)
                self.answers[ticket] = _run(task, args)
                continue
            lane = next(lane for lane in self.lanes if ticket in lane.waiting)
            try:
                kind, value = _read(lane.receive)
            except (OSError, EOFError, pickle.PickleError):
                self.close()
                continue
            if kind != "ok":
                self.close()
                raise RuntimeError(f"analysis worker failed:\n{value}")
            answered = lane.waiting.popleft()
            del self.tasks[answered]
            self.answers[answered] = value
        return self.answers.pop(ticket)

    def close(self) -> None:
        if self.pid is None:
            return
        pid, self.pid = self.pid, None
        for lane in self.lanes:
            lane.close()
        self.lanes = []
        # the child holds nothing worth waiting for: after an error it may still be loading spaCy
        # (its twin, if it forked one, reads the end of its requests and leaves)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _pipe() -> tuple[int, int]:
    """A pipe that holds a whole comparison's answers (about 300 KB a side for two 70,000-word
    treaties): the parent collects them only when it has paired every sentence, and a child that
    finds the default 64 KB full would stop analysing until then."""
    reads, writes = os.pipe()
    try:
        import fcntl
        fcntl.fcntl(writes, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass                      # a smaller pipe only makes the child wait
    return reads, writes


PIPE_BYTES = 1 << 20              # Linux's default /proc/sys/fs/pipe-max-size


_early: Worker | None = None


def start_early() -> None:
    """Start this process's worker now, so spaCy loads while the rest of the command is imported."""
    global _early
    if _early is None:
        _early = Worker()
        atexit.register(_discard)      # a command that fails before taking it leaves no child behind


def _discard() -> None:
    if _early is not None:
        _early.close()


def take() -> Worker:
    """The worker started early for this process, or a new one."""
    global _early
    worker, _early = _early, None
    return worker if worker is not None else Worker()


def _run(task: str, args: tuple):
    from .records import TASKS
    return TASKS[task](*args)


def _serve(lanes: list[tuple[int, int]], parents: list[int]) -> None:
    """The child: load the pipeline, fork a twin for each further lane, then answer the requests
    of its own lane until the parent closes the pipe."""
    import gc

    gc.disable()                  # a short-lived process loading a library: collection is wasted work
    status = 0
    try:
        for fd in parents:
            os.close(fd)
        from .pipeline import nlp

        nlp()
        mine = 0
        for lane in range(1, len(lanes)):
            try:
                if os.fork() == 0:
                    mine = lane
                    break
            except OSError:
                break             # no twin: the parent finds that lane closed and works it itself
        for lane, fds in enumerate(lanes):
            if lane != mine:
                for fd in fds:
                    os.close(fd)
        _answer(*lanes[mine])
    except BaseException:
        status = 1
    finally:
        os._exit(status)          # no atexit handlers, no flushing the parent's buffers


def _answer(requests: int, answers: int) -> None:
    import traceback

    from .records import TASKS

    with os.fdopen(requests, "rb") as inbox, os.fdopen(answers, "wb") as outbox:
        while True:
            try:
                task, args = _read(inbox)
            except EOFError:
                break
            try:
                _write(outbox, ("ok", TASKS[task](*args)))
            except Exception:
                _write(outbox, ("error", traceback.format_exc()))


def _write(stream, value) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)))
    stream.write(data)
    stream.flush()


def _read(stream):
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError
    (size,) = _HEADER.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)
