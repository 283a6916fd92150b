"""The analysis in a child process, started before the comparison so that spaCy loads beside it.

Importing spaCy and building the pipeline take most of a second; reading and comparing two
treaties take about as long and use one core. `Worker()` forks a child that loads the pipeline on
the other core while the parent reads and compares; the parent then sends it the sentences to
analyse (analysis.records) and gets plain records back. The parent never imports spaCy.

Where fork is missing (or the child fails) the same tasks run in the parent.
"""
from __future__ import annotations

import atexit
import os
import pickle
import signal
import struct
import sys
import threading

_HEADER = struct.Struct("!Q")


class Worker:
    def __init__(self):
        self.pid = None
        self.submitted = self.received = 0
        self.pending: dict[int, tuple] = {}
        self.answers: dict[int, object] = {}
        self.writer: threading.Thread | None = None
        if not hasattr(os, "fork") or sys.platform != "linux" or (os.cpu_count() or 1) < 2:
            return
        child_reads, parent_writes = os.pipe()
        parent_reads, child_writes = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(parent_writes)
            os.close(parent_reads)
            _serve(child_reads, child_writes)
        os.close(child_reads)
        os.close(child_writes)
        self.pid = pid
        self.send = os.fdopen(parent_writes, "wb")
        self.receive = os.fdopen(parent_reads, "rb")

    def call(self, task: str, *args):
        """The result of analysis.records.TASKS[task](*args), computed in the child."""
        return self.result(self.submit(task, *args))

    def submit(self, task: str, *args) -> int:
        """Send a task and return at once (a thread writes it, so a large request does not wait
        for the child to finish loading); `result` collects the answer."""
        ticket = self.submitted
        self.submitted += 1
        if self.pid is None:
            self.answers[ticket] = _run(task, args)
            return ticket
        self.pending[ticket] = (task, args)
        previous = self.writer

        def write():
            if previous is not None:
                previous.join()
            try:
                _write(self.send, (task, args))
            except OSError:
                pass                  # the child is gone: `result` computes the task here

        self.writer = threading.Thread(target=write, daemon=True)
        self.writer.start()
        return ticket

    def result(self, ticket: int):
        while ticket not in self.answers:
            if self.pid is None:
                task, args = self.pending.pop(self.received)
                self.answers[self.received] = _run(task, args)
                self.received += 1
                continue
            try:
                kind, value = _read(self.receive)
            except (OSError, EOFError, pickle.PickleError):
                self.close()          # the tasks not answered yet run here
                continue
            if kind != "ok":
                self.close()
                raise RuntimeError(f"analysis worker failed:\n{value}")
            self.pending.pop(self.received, None)
            self.answers[self.received] = value
            self.received += 1
        return self.answers.pop(ticket)

    def close(self) -> None:
        if self.pid is None:
            return
        pid, self.pid = self.pid, None
        if self.writer is not None:
            self.writer.join(timeout=5)
        for stream in (self.send, self.receive):
            try:
                stream.close()
            except OSError:
                pass
        # the child holds nothing worth waiting for: after an error it may still be loading spaCy
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


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


def _serve(requests: int, answers: int) -> None:
    """The child: load the pipeline, then answer requests until the parent closes the pipe."""
    import gc
    import traceback

    gc.disable()                  # a short-lived process loading a library: collection is wasted work
    status = 0
    try:
        from .pipeline import nlp
        from .records import TASKS

        nlp()
        with os.fdopen(requests, "rb") as inbox, os.fdopen(answers, "wb") as outbox:
            while True:
                try:
                    task, args = _read(inbox)
                except EOFError:
                    break
                try:
                    _write(outbox, ("ok", _halves(TASKS[task], *args) if task in _SPLIT else TASKS[task](*args)))
                except Exception:
                    _write(outbox, ("error", traceback.format_exc()))
    except BaseException:
        status = 1
    finally:
        os._exit(status)          # no atexit handlers, no flushing the parent's buffers


_SPLIT = {"sentences", "definitions"}   # tasks whose items are independent: answers are a dict
                                        # by item, or a list in the order of the items


def _halves(task, items: list, *args):
    """A long list of items analysed on both cores: the pipeline is loaded, so a forked helper
    takes the second half at no loading cost, and its plain records come back pickled."""
    if len(items) < 200:
        return task(items, *args)
    half = len(items) // 2
    reads, writes = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(reads)
        status = 0
        try:
            with os.fdopen(writes, "wb") as pipe:
                _write(pipe, task(items[half:], *args))
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(writes)
    first = task(items[:half], *args)
    try:
        with os.fdopen(reads, "rb") as pipe:
            second = _read(pipe)
    except (EOFError, OSError):
        second = task(items[half:], *args)           # the helper failed: do its half here
    finally:
        os.waitpid(pid, 0)
    return {**first, **second} if isinstance(first, dict) else first + second


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
