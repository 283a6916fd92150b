"""YAML that remembers where each value came from.

Specs and clause front matter are edited by hand, so an error must name the line. `load` returns
the data and a `Positions` map from key paths such as ("chapters", 1, "articles", 0) to line
numbers. Duplicate keys, which PyYAML would silently merge, are errors.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import TreatyError

try:  # the C loader is several times faster; fall back where libyaml is absent
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

Path_ = tuple


class Positions:
    def __init__(self, lines: dict[Path_, int], line_offset: int = 0):
        self._lines = lines
        self._offset = line_offset

    def line(self, path: Path_) -> int | None:
        """The line of the closest enclosing value that has a known position."""
        path = tuple(path)
        while True:
            if path in self._lines:
                return self._lines[path] + self._offset
            if not path:
                return None
            path = path[:-1]


def _walk(node: yaml.Node, path: Path_, lines: dict, source: str) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                raise TreatyError(f"duplicate key {key!r}", source, key_node.start_mark.line + 1)
            seen.add(key)
            lines[path + (key,)] = key_node.start_mark.line + 1
            _walk(value_node, path + (key,), lines, source)
            lines[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), lines, source)


def parse(text: str, source: str | Path, line_offset: int = 0):
    """Parse YAML text; return (data, Positions). Errors name `source` and the line."""
    loader = _Loader(text)
    try:   # one pass gives the node tree (for lines) and the data built from it
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + line_offset if mark else None
        problem = error.problem or error.context or "malformed YAML"
        raise TreatyError(f"malformed YAML: {problem}", source, line) from None
    except yaml.reader.ReaderError as error:     # a character YAML refuses: where it stands
        line = text.count("\n", 0, error.position) + 1 + line_offset
        raise TreatyError(f"malformed YAML: {str(error).splitlines()[0]}", source, line) from None
    except yaml.YAMLError as error:
        raise TreatyError(f"malformed YAML: {error}", source) from None
    finally:
        loader.dispose()
    lines: dict[Path_, int] = {}
    if node is not None:
        _walk(node, (), lines, str(source))
    return data, Positions(lines, line_offset)


def load(path: Path):
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TreatyError("no such file", path) from None
    except UnicodeDecodeError as error:
        raise TreatyError(f"not UTF-8 text (byte {error.start})", path) from None
    except OSError as error:
        raise TreatyError(f"cannot read: {error.strerror}", path) from None
    return parse(text, path)


def split_front_matter(text: str, source: str | Path):
    """Split '---\\nYAML\\n---\\nbody'; return (yaml text, body, line number where the body starts)."""
    if not text.startswith("---\n"):
        raise TreatyError("expected front matter: the file must start with a line '---'", source, 1)
    end = text.find("\n---\n", 3)
    if end < 0:
        if text.endswith("\n---"):
            end = len(text) - 4
        else:
            raise TreatyError("front matter is not closed by a line '---'", source, 1)
    front = text[4:end + 1]
    body = text[end + 5:]
    body_line = text.count("\n", 0, end + 5) + 1
    return front, body, body_line
