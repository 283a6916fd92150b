"""Scans of untrusted text that replaced regular expressions which retry from every character.

Each expression below read a long run (of spaces, of letters, of braces) once per character of
the run: seconds for 20,000 characters, minutes for a few hundred thousand, which a hostile or
broken file holds easily. Each replacement must find exactly what its expression found, and
finish at once on the runs that held the expression.
"""
import random
import re

import pytest

from comparisons.readers.html import _last_classes, _rules
from comparisons.readers.pdf_layout import _hyphenated
from comparisons.readers.tota import _gaps
from comparisons.redline import last_word

LONG = 1_000_000


def random_texts(alphabet: str, count: int = 4000, longest: int = 30):
    rng = random.Random(7)
    for _ in range(count):
        yield "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))


def test_blank_lines_of_a_tota_text_are_where_the_expression_found_them():
    expression = re.compile(r"[ \t]*\n[ \t]*\n\s*")
    for text in random_texts(" \t\na.\u00a0"):
        assert list(_gaps(text)) == [m.span() for m in expression.finditer(text)], repr(text)
    assert list(_gaps(" " * LONG + "x\n\n")) == [(LONG + 1, LONG + 3)]


def test_the_last_word_of_a_kept_text_is_where_the_expression_found_it():
    expression = re.compile(r"\S+\s*$|\s+$")
    for text in random_texts(" a.\n\u00a0"):
        if text:
            assert last_word(text) == expression.search(text).start(), repr(text)
    assert last_word("x" * LONG + " tail ") == LONG + 1


def test_a_line_ending_in_a_hyphen_is_found_as_the_expression_found_it():
    expression = re.compile(r"([^\W\d_]+)-$")
    for text in random_texts("ab1_- \u00e9"):
        assert _hyphenated(text) == (expression.search(text) is not None), repr(text)
    assert not _hyphenated("a" * LONG)
    assert _hyphenated("a" * LONG + "-")


@pytest.mark.parametrize("sheet", [" ." * (LONG // 2), "{" * LONG, "a{" + "b" * LONG])
def test_style_sheets_read_in_one_pass(sheet):
    list(_rules(sheet))
    _last_classes(".a" * (LONG // 2) + " .b")


def test_style_rules_are_what_the_expressions_found():
    rules = re.compile(r"([^{}]+)\{([^{}]*)\}")
    classes = re.compile(r"\.([\w-]+)(?=[\w.\-\[\]=\"':]*$)")
    for text in random_texts("ab .-:{}\n,>#[]='\"\u00e9"):
        assert list(_rules(text)) == rules.findall(text), repr(text)
        assert _last_classes(text.strip()) == classes.findall(text.strip()), repr(text)
