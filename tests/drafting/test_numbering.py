import pytest

from drafting.numbering import letter, ordinal_words, period, roman, words


@pytest.mark.parametrize("n, text", [(0, "zero"), (7, "seven"), (15, "fifteen"), (30, "thirty"),
                                     (45, "forty-five"), (60, "sixty"), (100, "one hundred"),
                                     (180, "one hundred eighty"), (365, "three hundred sixty-five"),
                                     (2026, "two thousand twenty-six")])
def test_words(n, text):
    assert words(n) == text


@pytest.mark.parametrize("n, text", [(1, "first"), (2, "second"), (3, "third"), (12, "twelfth"),
                                     (20, "twentieth"), (21, "twenty-first"), (28, "twenty-eighth")])
def test_ordinal_words(n, text):
    assert ordinal_words(n) == text


def test_period_in_words_and_figures_with_singular():
    assert period(60, "day") == "sixty (60) days"
    assert period(1, "year") == "one (1) year"


def test_roman_and_letters():
    assert [roman(n) for n in (1, 4, 9, 14, 40, 1999)] == ["I", "IV", "IX", "XIV", "XL", "MCMXCIX"]
    assert [letter(n) for n in (1, 26, 27, 28)] == ["a", "z", "aa", "bb"]
