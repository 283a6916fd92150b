"""Typed clause parameters: declared in a clause's front matter, set in a draft spec."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

TYPES = ("str", "int", "bool", "choice", "list")
_NO_DEFAULT = object()


class ParamProblem(ValueError):
    """A value that does not fit its declaration; the caller adds file and place."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any = _NO_DEFAULT
    required: bool = False
    allowed: tuple | None = None
    min: int | None = None
    max: int | None = None
    help: str = ""

    @property
    def has_default(self) -> bool:
        return self.default is not _NO_DEFAULT

    def describe(self) -> str:
        if self.type == "choice" or (self.type == "list" and self.allowed):
            return f"{self.type} of {', '.join(map(str, self.allowed))}"
        if self.type == "int" and (self.min is not None or self.max is not None):
            return f"int in {self.min if self.min is not None else '…'}..{self.max if self.max is not None else '…'}"
        return self.type

    def check(self, value: Any) -> Any:
        """Return the value if it fits, else raise ParamProblem saying what was expected."""
        expected = f"expected {self.describe()}, got {value!r}"
        if self.type == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                raise ParamProblem(expected)
            if (self.min is not None and value < self.min) or (self.max is not None and value > self.max):
                raise ParamProblem(expected)
        elif self.type == "str":
            if not isinstance(value, str) or not value.strip():
                raise ParamProblem(f"expected non-empty text, got {value!r}")
        elif self.type == "bool":
            if not isinstance(value, bool):
                raise ParamProblem(f"expected true or false, got {value!r}")
        elif self.type == "choice":
            if value not in self.allowed:
                raise ParamProblem(expected)
        elif self.type == "list":
            if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
                raise ParamProblem(f"expected a list of text items, got {value!r}")
            if not value:
                raise ParamProblem("expected at least one item")
            if self.allowed:
                bad = [x for x in value if x not in self.allowed]
                if bad:
                    raise ParamProblem(f"expected items from {', '.join(self.allowed)}, got {bad[0]!r}")
        return value

    def as_json(self) -> dict:
        out = {"type": self.type, "required": self.required and not self.has_default}
        if self.has_default:
            out["default"] = self.default
        for key in ("allowed", "min", "max"):
            if getattr(self, key) is not None:
                out[key] = list(self.allowed) if key == "allowed" else getattr(self, key)
        if self.help:
            out["help"] = self.help
        return out


def declare(name: str, spec: Any) -> Param:
    """Build a Param from its front-matter declaration; raise ParamProblem if malformed."""
    if not isinstance(spec, dict):
        raise ParamProblem(f"parameter {name!r}: expected a mapping with at least 'type'")
    unknown = set(spec) - {"type", "default", "required", "allowed", "min", "max", "help"}
    if unknown:
        raise ParamProblem(f"parameter {name!r}: unknown field {sorted(unknown)[0]!r}")
    kind = spec.get("type")
    if kind not in TYPES:
        raise ParamProblem(f"parameter {name!r}: type must be one of {', '.join(TYPES)}, got {kind!r}")
    allowed = spec.get("allowed")
    if kind == "choice" and not (isinstance(allowed, list) and allowed):
        raise ParamProblem(f"parameter {name!r}: a choice needs a non-empty 'allowed' list")
    param = Param(
        name=name, type=kind, default=spec.get("default", _NO_DEFAULT),
        required=bool(spec.get("required", False)),
        allowed=tuple(allowed) if allowed is not None else None,
        min=spec.get("min"), max=spec.get("max"), help=str(spec.get("help", "")).strip(),
    )
    if not param.has_default and not param.required:
        raise ParamProblem(f"parameter {name!r}: give a default or mark it required: true")
    if param.has_default:
        try:
            param.check(param.default)
        except ParamProblem as problem:
            raise ParamProblem(f"parameter {name!r}: default does not fit: {problem}") from None
    return param
