"""The parties registry (templates/parties.yaml): formal names, short names and languages."""
from __future__ import annotations

from pathlib import Path

from . import yamlfile
from .errors import TreatyError
from .model import Party

_FIELDS = ("name", "short_name", "adjective", "government", "languages")


def load_registry(path: Path) -> dict[str, Party]:
    data, positions = yamlfile.load(path)
    if not isinstance(data, dict):
        raise TreatyError("expected a mapping of party codes", path, 1)
    registry = {}
    for code, entry in data.items():
        line = positions.line((code,))
        if not isinstance(entry, dict):
            raise TreatyError(f"party {code}: expected a mapping", path, line)
        missing = [f for f in _FIELDS if f not in entry]
        if missing:
            raise TreatyError(f"party {code}: missing {', '.join(missing)}", path, line)
        languages = entry["languages"]
        if not (isinstance(languages, list) and languages and all(isinstance(x, str) for x in languages)):
            raise TreatyError(f"party {code}: languages must be a list of names", path, line)
        registry[str(code)] = Party(code=str(code), **{f: entry[f] for f in _FIELDS})
    return registry
