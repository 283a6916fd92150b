"""The `treaty` entry point.

A comparison with material-change flags needs spaCy, which takes most of a second to load. The
loading starts here, in a child process on the other core, before the command line itself (click,
the readers, the comparison engine) is imported; `treaty compare` then picks that worker up.
Without the flags, the new side of the comparison starts being read on the other core instead
(comparisons.readers.parallel.read_early). Every other command goes straight to drafting.cli.

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
        elif "--no-flags" in args and (paths := compared_paths(args[1:])):
            from comparisons.readers.parallel import read_early
            read_early(*paths)
    global _started_here
    _started_here = True
    from .cli import main as cli
    cli()


_started_here = False

# the options of `treaty compare` that take a value, and those that do not
_VALUED = {"-o", "--output", "--author", "--date"}
_FLAGS = {"--static", "--force", "--no-flags"}


def compared_paths(args: list[str]) -> tuple[str, str] | None:
    """OLD and NEW from the arguments of `treaty compare`, or None when they are anything but
    plain: click reads them later in any case, and reports what is wrong."""
    paths = []
    k = 0
    while k < len(args):
        arg = args[k]
        if arg in _VALUED:
            k += 1
        elif arg.startswith("--") and arg.partition("=")[0] in _VALUED:
            pass
        elif arg.startswith("-"):
            if arg not in _FLAGS:
                return None
        else:
            paths.append(arg)
        k += 1
    return (paths[0], paths[1]) if len(paths) == 2 else None


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
