"""Numbers as treaties write them: words, roman numerals, letters, ordinal chapter names."""
from __future__ import annotations

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINALS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
             "nine": "ninth", "twelve": "twelfth"}


def words(n: int) -> str:
    """Cardinal number in words: 60 -> "sixty", 365 -> "three hundred sixty-five"."""
    if n < 0:
        return "minus " + words(-n)
    if n < 20:
        return _UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _TENS[tens] + (f"-{_UNITS[unit]}" if unit else "")
    for size, name in ((10**9, "billion"), (10**6, "million"), (1000, "thousand"), (100, "hundred")):
        if n >= size:
            high, rest = divmod(n, size)
            return f"{words(high)} {name}" + (f" {words(rest)}" if rest else "")
    raise AssertionError(n)


def ordinal_words(n: int) -> str:
    """Ordinal in words: 2 -> "second", 21 -> "twenty-first"."""
    cardinal = words(n)
    head, sep, last = cardinal.rpartition("-" if "-" in cardinal.split(" ")[-1] else " ")
    if last in _ORDINALS:
        last = _ORDINALS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


def roman(n: int) -> str:
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def letter(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa, as treaties continue subparagraphs past (z)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


MONTHS = ("January February March April May June July August September October November "
          "December").split()


def long_date(date) -> str:
    """"March 16, 2026"."""
    return f"{MONTHS[date.month - 1]} {date.day}, {date.year}"


def date_in_words(date) -> str:
    """"this sixteenth day of March, 2026", as a testimonium dates a signature."""
    return f"this {ordinal_words(date.day)} day of {MONTHS[date.month - 1]}, {date.year}"


def period(n: int, unit: str) -> str:
    """A period in words and figures: period(60, "day") -> "sixty (60) days"."""
    return f"{words(n)} ({n}) {unit}{'' if n == 1 else 's'}"
