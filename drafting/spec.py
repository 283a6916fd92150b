"""Draft specifications: which template, which parties, which clauses with which parameters."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import yamlfile
from .errors import SpecError
from .model import Party
from .register import AMBITIONS

STATUSES = ("draft", "final")
_FIELDS = {"template", "title", "parties", "date", "place", "status", "version", "ambition",
           "params", "preamble", "chapters", "articles", "final", "annexes"}


@dataclass
class Entry:
    """One clause as the spec asks for it."""

    id: str
    params: dict[str, Any]
    ambition: str | None
    key: tuple          # where it stands in the spec, for error lines


@dataclass
class Chapter:
    heading: str | None
    articles: list[str]


@dataclass
class Spec:
    path: Path
    positions: yamlfile.Positions
    template: str
    title: str
    parties: list[Party]
    date: dt.date | None
    place: str | None
    status: str
    version: str | None
    ambition: str | None
    params: dict[str, Any]
    chapters: list[Chapter]
    entries: dict[str, Entry] = field(default_factory=dict)
    preamble: str | None = None
    final: list[str] | None = None
    annexes: list[str] | None = None

    def line(self, key) -> int | None:
        return self.positions.line(key)


def _entry(item: Any, key: tuple, path: Path, positions) -> Entry:
    def fail(message: str, *more) -> SpecError:
        return SpecError(message, path, positions.line(key + more))

    if isinstance(item, str):
        return Entry(item, {}, None, key)
    if isinstance(item, dict) and "id" in item:
        unknown = sorted(set(item) - {"id", "params", "ambition"})
        if unknown:
            raise fail(f"unknown key {unknown[0]!r} in a clause entry; expected id, params, ambition", unknown[0])
        params = item.get("params") or {}
        if not isinstance(params, dict):
            raise fail("'params' must be a mapping of parameter names to values", "params")
        ambition = item.get("ambition")
        if ambition is not None and ambition not in AMBITIONS:
            raise fail(f"ambition must be one of {', '.join(AMBITIONS)}, got {ambition!r}", "ambition")
        if not isinstance(item["id"], str):
            raise fail("a clause id must be text such as 'stockpiles.coordinated-release'", "id")
        return Entry(item["id"], params, ambition, key)
    if isinstance(item, dict) and len(item) == 1:   # shorthand: {clause.id: {param: value}}
        (clause_id, params), = item.items()
        if params is None:
            params = {}
        if not isinstance(params, dict):
            raise fail(f"parameters of {clause_id!r} must be a mapping")
        return Entry(str(clause_id), params, None, key)
    raise fail("expected a clause id, or a mapping with 'id' and optional 'params' and 'ambition'")


def load_spec(path: Path, registry: dict[str, Party]) -> Spec:
    data, positions = yamlfile.load(path)

    def fail(message: str, *key) -> SpecError:
        return SpecError(message, path, positions.line(key))

    if not isinstance(data, dict):
        raise SpecError("a draft spec must be a mapping with template, title, parties and articles", path, 1)
    unknown = sorted(set(data) - _FIELDS)
    if unknown:
        raise fail(f"unknown key {unknown[0]!r}; expected one of {', '.join(sorted(_FIELDS))}", unknown[0])
    for key in ("template", "title"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise fail(f"missing {key!r}: expected text", key)
    codes = data.get("parties")
    if not isinstance(codes, list) or len(codes) < 2:
        raise fail("'parties' must list at least two party codes, e.g. [US, MX]", "parties")
    parties = []
    for index, code in enumerate(codes):
        if code not in registry:
            raise fail(f"unknown party {code!r}; the registry has {', '.join(registry)}", "parties", index)
        if registry[code] in parties:
            raise fail(f"party {code!r} is listed twice", "parties", index)
        parties.append(registry[code])
    date = data.get("date")
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date)
        except ValueError:
            raise fail(f"date must be YYYY-MM-DD, got {date!r}", "date") from None
    if date is not None and not isinstance(date, dt.date):
        raise fail(f"date must be YYYY-MM-DD, got {date!r}", "date")
    status = data.get("status", "draft")
    if status not in STATUSES:
        raise fail(f"status must be one of {', '.join(STATUSES)}, got {status!r}", "status")
    ambition = data.get("ambition")
    if ambition is not None and ambition not in AMBITIONS:
        raise fail(f"ambition must be one of {', '.join(AMBITIONS)}, got {ambition!r}", "ambition")
    params = data.get("params") or {}
    if not isinstance(params, dict):
        raise fail("'params' must be a mapping", "params")
    for key in ("place", "version"):
        if data.get(key) is not None and not isinstance(data[key], (str, int, float)):
            raise fail(f"{key!r} must be text", key)

    if "chapters" in data and "articles" in data:
        raise fail("give either 'chapters' or 'articles', not both", "articles")
    chapters: list[Chapter] = []
    entries: dict[str, Entry] = {}

    def add(item, key) -> str:
        entry = _entry(item, key, path, positions)
        if entry.id in entries:
            raise fail(f"clause {entry.id!r} is already in the draft (line {positions.line(entries[entry.id].key)})", *key)
        entries[entry.id] = entry
        return entry.id

    def clause_list(value, key) -> list[str]:
        if not isinstance(value, list):
            raise fail(f"{key[-1]!r} must be a list of clauses", *key)
        return [add(item, key + (i,)) for i, item in enumerate(value)]

    if "chapters" in data:
        if not isinstance(data["chapters"], list):
            raise fail("'chapters' must be a list of {heading, articles}", "chapters")
        for i, chapter in enumerate(data["chapters"]):
            if not isinstance(chapter, dict) or "articles" not in chapter:
                raise fail("each chapter needs 'articles' (and usually a 'heading')", "chapters", i)
            extra = sorted(set(chapter) - {"heading", "articles"})
            if extra:
                raise fail(f"unknown key {extra[0]!r} in a chapter; expected heading, articles", "chapters", i, extra[0])
            chapters.append(Chapter(chapter.get("heading"),
                                    clause_list(chapter["articles"], ("chapters", i, "articles"))))
    else:
        chapters.append(Chapter(None, clause_list(data.get("articles", []), ("articles",))))

    preamble = add(data["preamble"], ("preamble",)) if data.get("preamble") is not None else None
    final = clause_list(data["final"], ("final",)) if data.get("final") is not None else None
    annexes = clause_list(data["annexes"], ("annexes",)) if data.get("annexes") is not None else None
    version = data.get("version")
    return Spec(path=path, positions=positions, template=data["template"].strip(),
                title=" ".join(data["title"].split()), parties=parties, date=date,
                place=str(data["place"]) if data.get("place") is not None else None, status=status,
                version=str(version) if version is not None else None, ambition=ambition,
                params=params, chapters=chapters, entries=entries, preamble=preamble, final=final,
                annexes=annexes)
