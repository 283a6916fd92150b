"""Quantities: numbers, periods, dates, amounts of money and percentages, with their values.

"thirty (30) days", "30 days" and "thirty days" are one value ("30 day"), so a comparison sees a
change of number only when the number changed, not its spelling. Numbers that label or cite
("Article 7", "Regulation (EU) No 2017/821") are not quantities.

Annotations: doc.spans["quantities"], labels PERIOD, PERCENT, AMOUNT, DATE, MASS, ORDINAL and
NUMBER; id_ is the normalised value ("30 day", "25 percent", "USD 5000000", "2026-01-01").
"""
from __future__ import annotations

import re

from .pipeline import load_spacy, patterns

load_spacy()   # before the first `from spacy ...`: spaCy without its command line

from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, Span  # noqa: E402


KEY = "quantities"
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_ORDINAL_DIGITS = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_LIST_JOINS = {",", "and", "or", "to", "through", "-", "\u2013"}
_IN_SMALLER = {"year": (12, "month"), "week": (7, "day"), "hour": (1 / 24, "day")}   # 48 hours = 2 days


class _Words:
    def __init__(self):
        data = patterns("quantities")
        self.cardinals: dict[str, int] = data["cardinals"]
        self.scales: dict[str, int] = data["scales"]
        self.ordinals: dict[str, int] = data["ordinals"]
        self.ordinal_nouns = set(data["ordinal-nouns"])
        self.units = {word: unit for unit, words in data["units"].items() for word in words}
        self.qualifiers = set(data["unit-qualifiers"])
        self.currencies = {word.lower(): code for code, words in data["currencies"].items() for word in words}
        self.months = {month.lower(): n for n, month in enumerate(data["months"], 1)}
        self.citations = set(data["citations"])


@Language.factory("treaty_quantities")
def make_quantities(nlp: Language, name: str) -> "Quantities":
    return Quantities()


class Quantities:
    def __init__(self):
        self.words = _Words()
        self.starts: dict[int, set[int]] = {}

    def __call__(self, doc: Doc) -> Doc:
        taken = set()
        for span in doc.spans.get("references", []):
            taken.update(range(span.start, span.end))
        found: list[Span] = []
        end = 0
        for i in self._candidates(doc):
            if i < end or i in taken:
                continue
            span = self._at(doc, i)
            if span is not None:
                found.append(span)
                end = span.end
        doc.spans[KEY] = found
        return doc

    def _candidates(self, doc: Doc) -> list[int]:
        """Where a quantity may start: a figure, or a word of the number, month and currency
        tables (read from the token array, without making a Token of every word)."""
        from spacy.attrs import LOWER

        starts = self.starts.get(id(doc.vocab))
        if starts is None:
            words = self.words
            vocabulary = [*words.cardinals, *words.ordinals, *words.months, *words.currencies]
            starts = self.starts[id(doc.vocab)] = {doc.vocab.strings.add(w) for w in vocabulary}
        strings = doc.vocab.strings
        return [i for i, word in enumerate(doc.to_array(LOWER).tolist())
                if word in starts or strings[word][:1].isdigit()]

    # -- reading one quantity from token i -------------------------------------------------------
    def _at(self, doc: Doc, i: int) -> Span | None:
        words = self.words
        token = doc[i]
        lower = token.lower_
        if lower in words.months and token.is_title:
            return self._month_first(doc, i)
        if lower in words.currencies and lower not in ("won", "pound", "pounds", "dollar", "dollars", "euro", "euros", "yen", "peso", "pesos"):
            number = self._number(doc, i + 1)
            if number:
                value, end = number
                return Span(doc, i, end, label="AMOUNT", span_id=f"{words.currencies[lower]} {_fmt(value)}")
            return None
        ordinal, after = self._ordinal(doc, i)
        if ordinal is not None:
            if after < len(doc) and doc[after].lower_ in words.months:       # "1st January 2026"
                return self._day_first(doc, i, ordinal, after)
            date = self._day_of_month(doc, i, after, ordinal)               # "the sixth day of May 1996"
            if date is not None:
                return date
            if after < len(doc) and doc[after].lower_ in words.ordinal_nouns:
                noun = words.units.get(doc[after].lower_, doc[after].lower_.rstrip("s"))
                return Span(doc, i, after + 1, label="ORDINAL", span_id=f"{ordinal} {noun}")
            return None
        if self._inside_foreign_word(doc, i):
            return None
        number = self._number(doc, i)
        if number is None or self._cites(doc, i):
            return None
        value, end = number
        if _bracketed(doc, i, end) and not (end + 1 < len(doc) and doc[end + 1].lower_ in words.units):
            return None               # "(1)" after a word: a footnote mark or a label, not a number of things
        if end < len(doc) and doc[end].lower_ in words.months:
            return self._day_first(doc, i, value, end)
        if _iso_date(doc, i):
            return Span(doc, i, i + 5, label="DATE", span_id="-".join(doc[k].text for k in (i, i + 2, i + 4)))
        if end == i + 1 and _names_year(doc, i):
            return None               # "the Rome Statute of 1998", "Harmonized System 2007": a name's year
        return self._with_unit(doc, i, end, value)

    def _with_unit(self, doc: Doc, start: int, end: int, value: float) -> Span:
        words = self.words
        k = end
        if k < len(doc) and doc[k].text in ("-", "\u2011"):             # "90-day period"
            k += 1
        qualifier = ""
        if k < len(doc) and doc[k].lower_ in words.qualifiers:
            qualifier = doc[k].lower_ + " "
            k += 1
        if k < len(doc):
            word = doc[k].lower_
            if word == "per" and k + 1 < len(doc) and doc[k + 1].lower_ == "cent":
                return Span(doc, start, k + 2, label="PERCENT", span_id=f"{_fmt(value)} percent")
            if word in ("percent", "%") or (word == "percentage" and k + 1 < len(doc) and doc[k + 1].lower_ == "points"):
                stop = k + (2 if word == "percentage" else 1)
                return Span(doc, start, stop, label="PERCENT", span_id=f"{_fmt(value)} percent")
            unit = words.units.get(word)
            if unit in ("tonne", "kilogram"):
                return Span(doc, start, k + 1, label="MASS", span_id=f"{_fmt(value)} {unit}")
            if unit is not None and unit != "percent":
                # one value however it is counted: "two years" is "24 months", "2 weeks" "14 days"
                if unit in _IN_SMALLER and not qualifier:
                    factor, unit = _IN_SMALLER[unit]
                    value *= factor
                return Span(doc, start, k + 1, label="PERIOD", span_id=f"{_fmt(value)} {qualifier}{unit}")
            currency = words.currencies.get(word)
            if currency and word not in ("$",):
                return Span(doc, start, k + 1, label="AMOUNT", span_id=f"{currency} {_fmt(value)}")
        if k == end and start > 0 and doc[start - 1].lower_ in words.currencies:
            return Span(doc, start - 1, end, label="AMOUNT", span_id=f"{words.currencies[doc[start - 1].lower_]} {_fmt(value)}")
        return Span(doc, start, end, label="NUMBER", span_id=_fmt(value))

    def _number(self, doc: Doc, i: int) -> tuple[float, int] | None:
        """The value of the number that starts at token i, and the token after it: "30",
        "1,000.5", "thirty-five", "one hundred and eighty", "5 million", "thirty (30)"."""
        words = self.words
        if i >= len(doc):
            return None
        text = doc[i].lower_
        if _DIGITS.match(text):
            value = float(text.replace(",", ""))
            end = i + 1
        elif text in words.cardinals:
            if text == "one" and i + 1 < len(doc) and doc[i + 1].lower_ in ("another", "hand"):
                return None
            value, end = self._spelled(doc, i)
        else:
            return None
        if end < len(doc) and doc[end].lower_ in words.scales:               # "5 million"
            value *= words.scales[doc[end].lower_]
            end += 1
        # "thirty (30)": the figure in brackets repeats the words
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and _DIGITS.match(doc[end + 1].text):
            end += 3
        return value, end

    def _spelled(self, doc: Doc, i: int) -> tuple[float, int]:
        words = self.words
        total = current = 0
        end = i
        k = i
        while k < len(doc):
            word = doc[k].lower_
            if word in words.cardinals:
                current += words.cardinals[word]
            elif word in words.scales:
                scale = words.scales[word]
                if scale == 100:
                    current = (current or 1) * 100
                else:
                    total += (current or 1) * scale
                    current = 0
            elif word in ("-", "and") and k + 1 < len(doc) and doc[k + 1].lower_ in words.cardinals and k > i:
                k += 1
                continue
            else:
                break
            k += 1
            end = k
        return float(total + current), end

    def _cites(self, doc: Doc, i: int) -> bool:
        """'Article 7', 'Regulation No 2017/821', 'Lists 1 and 2': a number that labels something."""
        k = i - 1
        while k > 0 and (doc[k].lower_ in _LIST_JOINS or _DIGITS.match(doc[k].text)):
            k -= 1             # back over the list the number ends: "Lists 1, 2 and 3"
        if k < 0:
            return False
        before = doc[k].lower_
        if before in self.words.citations:
            return True
        return before == "(" and k > 0 and doc[k - 1].lower_ in self.words.citations

    def _ordinal(self, doc: Doc, i: int) -> tuple[int | None, int]:
        """The ordinal that starts at token i and the token after it: "sixth", "26th", and the
        compound "twenty-sixth" (three tokens)."""
        words = self.words
        lower = doc[i].lower_
        if lower in words.cardinals and i + 2 < len(doc) and doc[i + 1].text == "-" \
                and doc[i + 2].lower_ in words.ordinals and words.cardinals[lower] % 10 == 0 < words.cardinals[lower]:
            return words.cardinals[lower] + words.ordinals[doc[i + 2].lower_], i + 3
        ordinal = words.ordinals.get(lower)
        match = _ORDINAL_DIGITS.match(lower)
        if ordinal is None and match:
            ordinal = int(match.group(1))
        return ordinal, i + 1

    def _day_of_month(self, doc: Doc, i: int, k: int, day: int) -> Span | None:
        """'the twenty-sixth day of February in the year one thousand nine hundred and
        ninety-six', 'the 1st day of May, 2026': the formal date of a testimonium."""
        if not (k + 2 < len(doc) and doc[k].lower_ == "day" and doc[k + 1].lower_ == "of"
                and doc[k + 2].lower_ in self.words.months):
            return None
        month = self.words.months[doc[k + 2].lower_]
        end = k + 3
        at = end
        if at < len(doc) and doc[at].text == ",":
            at += 1
        if at + 2 < len(doc) and [t.lower_ for t in doc[at:at + 3]] == ["in", "the", "year"]:
            at += 3
        year = self._number(doc, at) if at < len(doc) else None
        if year is not None and 1000 <= year[0] < 3000 and year[0] == int(year[0]):
            return Span(doc, i, year[1], label="DATE", span_id=_date(str(int(year[0])), month, day))
        return Span(doc, i, end, label="DATE", span_id=_date("", month, day))

    def _inside_foreign_word(self, doc: Doc, i: int) -> bool:
        """"six" in the French "vingt-six": an English number word joined by a hyphen to a word
        that is no English number."""
        if i < 2 or doc[i - 1].text != "-" or doc[i - 2].whitespace_ or doc[i - 1].whitespace_:
            return False
        before = doc[i - 2].lower_
        words = self.words
        return doc[i - 2].is_alpha and not (before in words.cardinals or before in words.scales or before in words.ordinals)

    def _day_first(self, doc: Doc, i: int, day: float, month_at: int) -> Span:
        """'1 January 2026', '1st January'."""
        month = self.words.months[doc[month_at].lower_]
        end = month_at + 1
        year = ""
        if end < len(doc) and re.fullmatch(r"\d{4}", doc[end].text):
            year = doc[end].text
            end += 1
        return Span(doc, i, end, label="DATE", span_id=_date(year, month, int(day)))

    def _month_first(self, doc: Doc, i: int) -> Span | None:
        """'January 1, 2026', 'March 2023'; a bare month name is no date ('May' the verb, too)."""
        month = self.words.months[doc[i].lower_]
        k = i + 1
        day = 0
        if k < len(doc) and re.fullmatch(r"\d{1,2}", doc[k].text):
            day = int(doc[k].text)
            k += 1
            if k < len(doc) and doc[k].text == ",":
                k += 1
        if k < len(doc) and re.fullmatch(r"\d{4}", doc[k].text):
            return Span(doc, i, k + 1, label="DATE", span_id=_date(doc[k].text, month, day))
        if day:
            return Span(doc, i, i + 2, label="DATE", span_id=_date("", month, day))
        return None


def _names_year(doc: Doc, i: int) -> bool:
    """A year that is part of an instrument's name or citation: right after a capitalised word
    ("Harmonized System 2007"), after "of" that follows one ("the Convention of 1987"), or before
    one ("the 1950 European Convention"). A year after "by", "in" or "until" is a date."""
    if not re.fullmatch(r"1[89]\d\d|20\d\d", doc[i].text):
        return False
    before = doc[i - 1] if i else None
    after = doc[i + 1] if i + 1 < len(doc) else None
    if before is not None and before.is_title and not before.is_sent_start and before.is_alpha:
        return True
    if before is not None and before.lower_ == "of" and i > 1 and (doc[i - 2].is_title or doc[i - 2].text == ")"):
        return True
    return after is not None and after.is_title and after.is_alpha


def _bracketed(doc: Doc, start: int, end: int) -> bool:
    """A figure standing alone in brackets: "Community(1)", "experience (1)"."""
    return start > 0 and doc[start - 1].text == "(" and end < len(doc) and doc[end].text == ")" \
        and end == start + 1


def _iso_date(doc: Doc, i: int) -> bool:
    return (i + 4 < len(doc) and re.fullmatch(r"\d{4}", doc[i].text) is not None and doc[i + 1].text == "-"
            and re.fullmatch(r"\d\d", doc[i + 2].text) is not None and doc[i + 3].text == "-"
            and re.fullmatch(r"\d\d", doc[i + 4].text) is not None)


def _date(year: str, month: int, day: int) -> str:
    return "-".join(part for part in (year or "????", f"{month:02d}", f"{day:02d}" if day else "") if part)


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)
