"""The sandboxed Jinja setup: line numbers, whitespace, and the compiled-template cache."""
from pathlib import Path

import pytest

from drafting import jinja
from drafting.errors import TreatyError


def test_tag_only_lines_vanish_but_inline_tags_keep_word_spacing():
    source = "A {% if x %}b{% endif %}\nc\n{% if x %}\nd\n  {% endif %}\n\ne\n"
    assert jinja.render(source, 1, {"x": True}, Path("t.md")) == "A b\nc\nd\n\ne\n"


def test_errors_carry_the_line_of_the_file():
    with pytest.raises(TreatyError) as caught:
        jinja.render("one\n{% if x %}\ntwo {{ y }}\n{% endif %}\n", 20, {"x": True}, Path("c.md"))
    assert str(caught.value) == "c.md:22: undefined name: 'y' is undefined"


def test_a_corrupt_cache_entry_is_ignored_and_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert jinja.render("Hello {{ n }}.", 1, {"n": 1}, Path("t")) == "Hello 1."
    entries = list((tmp_path / "treaty-toolkit" / "jinja").glob("*.code"))
    assert len(entries) == 1
    entries[0].write_bytes(b"not code")
    assert jinja.render("Hello {{ n }}.", 1, {"n": 2}, Path("t")) == "Hello 2."
    assert jinja.render("Bye {{ n }}.", 1, {"n": 3}, Path("t")) == "Bye 3."


def test_the_sandbox_refuses_python_internals():
    with pytest.raises(TreatyError, match="sandbox|unsafe"):
        jinja.render("{{ ''.__class__.__mro__[1].__subclasses__() }}", 1, {}, Path("t"))
