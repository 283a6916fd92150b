"""The `treaty` entry point.

A comparison with material-change flags needs spaCy, which takes most of a second to load. The
loading starts here, in a child process on the other core, before the command line itself (click,
the readers, the comparison engine) is imported; `treaty compare` then picks that worker up.
Every other command goes straight to drafting.cli.

A command that builds much (a comparison, a lint) calls `done()` at its end: started from here,
the process then leaves at once. Its exit handlers run and its output is flushed, but the
interpreter does not free, one by one, the million objects a comparison of two treaties has
built (a few tens of milliseconds the user would wait for nothing).
"""
from __future__ import annotations

import sys


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["compare"]:
        import gc
        gc.disable()    # the command runs without the collector (drafting.cli): so may its imports
        if not {"--no-flags", "-h", "--help"} & set(args):
            from analysis.worker import start_early
            start_early()
    global _started_here
    _started_here = True
    from .cli import main as cli
    cli()


_started_here = False


def done(status: int = 0) -> None:
    """The end of a command run from `main()`: leave now, with `status`. Elsewhere (a test
    invoking the command in its own process) nothing happens."""
    if not _started_here:
        return
    import atexit
    import os
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):     # a closed or broken pipe: nothing more can be said
            status = status or 1
    os._exit(status)


if __name__ == "__main__":
    main()
