"""The clause library: one provision per file, clauses/<topic>/<name>.md, id <topic>.<name>."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlfile
from .errors import ClauseError
from .params import Param, ParamProblem, declare
from .register import AMBITIONS, INSTRUMENTS

KINDS = ("article", "preamble", "definitions", "annex")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$")
_FIELDS = {"id", "title", "topic", "kind", "summary", "instruments", "ambition", "params", "defines",
           "uses", "sources"}


@dataclass
class Clause:
    id: str
    title: str
    topic: str
    kind: str
    summary: str
    instruments: tuple[str, ...]
    ambition: tuple[str, ...]
    params: dict[str, Param]
    defines: dict[str, str]
    uses: tuple[str, ...]
    sources: list[dict]
    path: Path
    body: str = field(repr=False)
    body_line: int = 1

    def as_json(self) -> dict:
        return {
            "id": self.id, "title": self.title, "topic": self.topic, "kind": self.kind,
            "summary": self.summary, "instruments": list(self.instruments),
            "ambition": list(self.ambition),
            "params": {name: p.as_json() for name, p in self.params.items()},
            "defines": sorted(self.defines), "uses": list(self.uses), "sources": self.sources,
            "path": str(self.path),
        }


def _string_list(value, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ParamProblem(f"'{what}' must be a list of names")
    return tuple(value)


def parse_clause(path: Path, expected_id: str | None = None) -> Clause:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ClauseError(f"not UTF-8 text (byte {error.start})", path) from None
    front, body, body_line = yamlfile.split_front_matter(text, path)
    data, positions = yamlfile.parse(front, path, line_offset=1)
    if not isinstance(data, dict):
        raise ClauseError("front matter must be a mapping of fields", path, 2)

    def fail(message: str, *key) -> ClauseError:
        return ClauseError(message, path, positions.line(key))

    unknown = sorted(set(data) - _FIELDS)
    if unknown:
        raise fail(f"unknown field {unknown[0]!r}; expected one of {', '.join(sorted(_FIELDS))}", unknown[0])
    for key in ("id", "title", "topic", "summary"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise fail(f"missing or empty field {key!r}", key)
    clause_id = data["id"]
    if not _ID.match(clause_id):
        raise fail(f"id {clause_id!r} must look like topic.name (lowercase words joined by '-')", "id")
    if expected_id and clause_id != expected_id:
        raise fail(f"id {clause_id!r} does not match the file's place; expected {expected_id!r}", "id")
    if clause_id.split(".")[0] != data["topic"]:
        raise fail(f"topic {data['topic']!r} must be the first part of the id", "topic")
    kind = data.get("kind", "article")
    if kind not in KINDS:
        raise fail(f"kind must be one of {', '.join(KINDS)}, got {kind!r}", "kind")
    try:
        instruments = _string_list(data.get("instruments", list(INSTRUMENTS)), "instruments")
        ambition = _string_list(data.get("ambition", ["binding"]), "ambition")
        uses = _string_list(data.get("uses", []), "uses")
    except ParamProblem as problem:
        raise fail(str(problem)) from None
    for name in instruments:
        if name not in INSTRUMENTS:
            raise fail(f"unknown instrument {name!r}; expected {', '.join(INSTRUMENTS)}", "instruments")
    for name in ambition:
        if name not in AMBITIONS:
            raise fail(f"unknown ambition {name!r}; expected {', '.join(AMBITIONS)}", "ambition")
    if not instruments or not ambition:
        raise fail("a clause needs at least one instrument and one ambition level")
    raw_params = data.get("params") or {}
    if not isinstance(raw_params, dict):
        raise fail("'params' must be a mapping", "params")
    params = {}
    for name, declaration in raw_params.items():
        try:
            params[name] = declare(name, declaration)
        except ParamProblem as problem:
            raise fail(str(problem), "params", name) from None
    defines = data.get("defines") or {}
    if not isinstance(defines, dict) or not all(isinstance(v, str) for v in defines.values()):
        raise fail("'defines' must map each term to its definition text", "defines")
    sources = data.get("sources") or []
    if not isinstance(sources, list):
        raise fail("'sources' must be a list", "sources")
    return Clause(
        id=clause_id, title=data["title"].strip(), topic=data["topic"], kind=kind,
        summary=" ".join(data["summary"].split()), instruments=instruments, ambition=ambition,
        params=params, defines={str(k): " ".join(v.split()) for k, v in defines.items()}, uses=uses,
        sources=sources, path=path, body=body, body_line=body_line,
    )


class ClauseLibrary:
    """Clauses found under one folder, parsed on first use."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._cache: dict[str, Clause] = {}

    def ids(self) -> list[str]:
        return sorted(f"{p.parent.name}.{p.stem}" for p in self.root.glob("*/*.md"))

    def path_of(self, clause_id: str) -> Path:
        topic, _, name = clause_id.partition(".")
        return self.root / topic / f"{name}.md"

    def get(self, clause_id: str) -> Clause:
        if clause_id not in self._cache:
            path = self.path_of(clause_id) if _ID.match(clause_id) else None
            if path is None or not path.is_file():
                raise KeyError(clause_id)
            self._cache[clause_id] = parse_clause(path, expected_id=clause_id)
        return self._cache[clause_id]

    def __contains__(self, clause_id: str) -> bool:
        return _ID.match(clause_id) is not None and self.path_of(clause_id).is_file()

    def all(self) -> list[Clause]:
        return [self.get(clause_id) for clause_id in self.ids()]

    def suggest(self, clause_id: str) -> str:
        close = difflib.get_close_matches(clause_id, self.ids(), n=1, cutoff=0.6)
        return f"; did you mean {close[0]!r}?" if close else "; `treaty clauses list` shows them all"
