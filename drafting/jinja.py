"""The one place that configures Jinja for clauses and templates.

Clause files and templates may come from negotiating partners, so they render in a sandbox with
strict undefined names: a clause cannot reach Python internals, and a misspelt variable is an
error rather than a silent blank in a treaty.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from .errors import TreatyError

# Markers that survive rendering and are resolved once the whole document is numbered. They use
# Unicode private-use characters, which never occur in treaty prose.
OPEN, CLOSE = "\ue000", "\ue001"


def ref_marker(target: str) -> str:
    return f"{OPEN}R{target}{CLOSE}"


def anchor_marker(name: str) -> str:
    return f"{OPEN}A{name}{CLOSE}"


DEFINITIONS_MARKER = f"{OPEN}D{CLOSE}"
REF = re.compile(f"{OPEN}R([^{CLOSE}]*){CLOSE}")        # group 1: the target, "id" or "id#anchor"
ANCHOR = re.compile(f"{OPEN}A([^{CLOSE}]*){CLOSE}")     # group 1: the anchor name
MARKER = re.compile(f"{OPEN}[^{CLOSE}]*{CLOSE}")        # any marker


def join_list(items, conjunction: str) -> str:
    items = [str(x) for x in items]
    if len(items) <= 2:
        return f" {conjunction} ".join(items)
    return ", ".join(items[:-1]) + f", {conjunction} " + items[-1]


def cap(text) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


# A line holding nothing but block tags ("{% if x %}") vanishes with its newline; a tag inside a
# sentence keeps the spaces and newline around it. Jinja's trim_blocks would also eat the newline
# after "... {% endif %}" at the end of a line and glue two words together. The newline moves into
# a comment, so Jinja's line numbers still match the file.
_TAG_LINE = re.compile(r"^[ \t]*((?:\{%(?:[^%\n]|%(?!\}))*%\}[ \t]*)+)\n", re.MULTILINE)


def _drop_tag_lines(source: str) -> str:
    return _TAG_LINE.sub(lambda m: m.group(1).rstrip() + "{#\n#}", source)


class TreatySandbox(SandboxedEnvironment):
    """Sandboxed and strict: no Python internals, no silently blank names."""

    def __init__(self):
        super().__init__(undefined=jinja2.StrictUndefined, autoescape=False,
                         keep_trailing_newline=True, auto_reload=False)
        self.filters.update(and_list=lambda xs: join_list(xs, "and"),
                            or_list=lambda xs: join_list(xs, "or"), cap=cap)


_ENVIRONMENT: TreatySandbox | None = None
_CACHE_FORMAT = f"treaty-jinja-{jinja2.__version__}-{sys.version_info[0]}.{sys.version_info[1]}"


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "treaty-toolkit" / "jinja"


def compile_template(source: str) -> jinja2.Template:
    """Compile a template, reusing compiled code from the user's cache when the source is known.

    Compiling forty clause bodies is most of a draft's time; the cache is keyed by the source's
    hash, so an edited clause is simply compiled again. A cache that cannot be read or written is
    ignored: it only ever saves time.
    """
    env = environment()
    digest = hashlib.sha256((_CACHE_FORMAT + source).encode("utf-8")).hexdigest()
    path = _cache_dir() / f"{digest}.code"
    try:
        code = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        code = env.compile(source, None, "<template>")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".{os.getpid()}.part")
            temporary.write_bytes(marshal.dumps(code))
            os.replace(temporary, path)
        except OSError:
            pass
    return env.template_class.from_code(env, code, env.make_globals(None))


def environment() -> TreatySandbox:
    global _ENVIRONMENT
    if _ENVIRONMENT is None:
        _ENVIRONMENT = TreatySandbox()
    return _ENVIRONMENT


def _template_line(error: BaseException) -> int | None:
    """The template line where a render error happened, from Jinja's rewritten traceback."""
    line = getattr(error, "lineno", None)
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render(source: str, first_line: int, context: dict, path: Path, error_class=TreatyError) -> str:
    """Render `source`, which starts at line `first_line` of `path`; errors name that file and line.

    The source is padded with newlines so Jinja's own line numbers are the file's line numbers.
    """
    padded = "\n" * (first_line - 1) + _drop_tag_lines(source)
    try:
        template = compile_template(padded)
        return template.render(context)
    except jinja2.TemplateSyntaxError as error:
        raise error_class(f"template syntax: {error.message}", path, error.lineno) from None
    except jinja2.exceptions.SecurityError as error:
        raise error_class(f"refused by the sandbox: {error}", path, _template_line(error)) from None
    except jinja2.UndefinedError as error:
        raise error_class(f"undefined name: {error.message}", path, _template_line(error)) from None
    except TreatyError as error:
        if error.source is None:
            error.source, error.where = str(path), _template_line(error)
        raise error.with_traceback(None) from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError,
            OverflowError, RecursionError) as error:
        raise error_class(f"cannot render: {type(error).__name__}: {error}", path,
                          _template_line(error)) from None
