"""The `treaty` entry point.

A comparison with material-change flags needs spaCy, which takes most of a second to load. The
loading starts here, in a child process on the other core, before the command line itself (click,
the readers, the comparison engine) is imported; `treaty compare` then picks that worker up.
Every other command goes straight to drafting.cli.
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
    from .cli import main as cli
    cli()


if __name__ == "__main__":
    main()
