"""Where the clause library, the templates and the parties registry live.

The toolkit runs from its checkout (installed in editable mode), so the data folders sit beside
the packages. TREATY_HOME points elsewhere, for a library kept in another repository.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .library import ClauseLibrary
from .parties import load_registry


@dataclass
class Workspace:
    root: Path

    @classmethod
    def default(cls) -> "Workspace":
        home = os.environ.get("TREATY_HOME")
        return cls(Path(home) if home else Path(__file__).resolve().parent.parent)

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @cached_property
    def library(self) -> ClauseLibrary:
        return ClauseLibrary(self.root / "clauses")

    @cached_property
    def parties(self):
        return load_registry(self.templates / "parties.yaml")
