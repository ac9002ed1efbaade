"""How each language writes money, ordinals, growth, dates and lists.

The Canada-Russia Relations page is published in English and French, and the
two languages write the same figures differently ("$1.5 billion" versus
"1,5 milliard de dollars", "May 1, 2012" versus "1er mai 2012"). This module is
the one place that knows those rules. Templates and page builders call these
functions and never format a number, a date or a list themselves.

Conventions:

* Digits, decimal marks, grouping and month names come from Babel with the
  ``en_CA`` and ``fr_CA`` locales.
* Amounts are :class:`~decimal.Decimal` (or ``int``); ``float`` is rejected.
  All rounding is ``ROUND_HALF_UP``.
* French spaces are U+00A0 NO-BREAK SPACE throughout: Babel's ``fr_CA``
  grouping separator ("750\u00a0000"), the space before "$" ("750\u00a0000\u00a0$")
  and the space before "%" ("de 45\u00a0%"). Spaces between words are ordinary.
* ``language`` is "en" or "fr"; a region suffix such as "fr-ca" or "en_CA" is
  accepted and ignored.

No Django imports: these are pure functions.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

__all__ = [
    "bilingual",
    "decline_percent",
    "full_date",
    "growth_multiple",
    "growth_percent",
    "growth_phrase",
    "join_bilingual",
    "join_list",
    "money_phrase",
    "money_short",
    "money_with_unit",
    "month_year",
    "number",
    "ordinal",
    "when_phrase",
    "year_ranges",
]

NBSP = "\u00a0"

_LOCALES = {"en": "en_CA", "fr": "fr_CA"}

_ONE = Decimal(1)
_TWO = Decimal(2)
_HUNDRED = Decimal(100)
_WHOLE = Decimal(1)
_TENTH = Decimal("0.1")
_HUNDREDTH = Decimal("0.01")
_MILLION = Decimal(1_000_000)
_TEN_MILLION = Decimal(10_000_000)
_THOUSAND = Decimal(1000)

# Babel pattern: grouping, at most one decimal, so a trailing ".0" is dropped.
_ONE_DECIMAL = "#,##0.#"
_NO_DECIMAL = "#,##0"


def _language(language: str) -> str:
    """Return "en" or "fr" for a language code, or raise ValueError."""
    code = str(language).replace("_", "-").split("-")[0].lower()
    if code not in _LOCALES:
        raise ValueError(f"Unsupported language {language!r}; expected 'en' or 'fr'.")
    return code


def _decimal(value: Decimal | int, name: str) -> Decimal:
    """Return ``value`` as a finite Decimal; floats and bools are refused."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"{name} must be a Decimal or int, not {type(value).__name__}.")
    result = Decimal(value)
    if not result.is_finite():
        raise ValueError(f"{name} must be finite, got {value!r}.")
    return result


def _number(value: Decimal, pattern: str, lang: str) -> str:
    """Format an already-rounded Decimal with Babel for the language's locale."""
    return format_decimal(value, format=pattern, locale=_LOCALES[lang])


def money_phrase(amount: Decimal, language: str) -> str:
    """Write a positive Canadian dollar amount as prose.

    * 1 billion and up: billions to one decimal, ".0" dropped
      ("$1.5 billion", "1,5 milliard de dollars", "2 milliards de dollars").
    * 1 million and up: millions, one decimal below 10 million, whole from
      10 million ("$1.3 million", "254 millions de dollars").
    * Below 1 million: whole dollars with grouping ("$750,000",
      "750\u00a0000\u00a0$").

    Rounding (ROUND_HALF_UP) happens before the unit is chosen, so
    999.95 million is "$1 billion" and 999,999.50 dollars is "$1 million".
    French uses the plural "milliards"/"millions" when the rounded figure is
    2 or more. Negative amounts raise ValueError.
    """
    lang = _language(language)
    figure, unit = _scaled(amount)
    if unit == "million":
        return _scaled_phrase(figure, "million", "million", "millions", lang)
    if unit == "billion":
        return _scaled_phrase(figure, "billion", "milliard", "milliards", lang)
    text = _number(figure, _NO_DECIMAL, lang)
    return f"${text}" if lang == "en" else f"{text}{NBSP}$"


def money_with_unit(amount: Decimal, language: str) -> str:
    """The amount as prose, then exactly, for editors checking a figure:
    "$17.2 billion (17,200,000,000 CAD)", "17,2 milliards de dollars (17 200 000 000 CAD)".
    Cents are shown only when there are some."""
    lang = _language(language)
    exact = _decimal(amount, "amount")
    pattern = _NO_DECIMAL if exact == exact.to_integral_value() else "#,##0.00"
    return f"{money_phrase(exact, lang)} ({_number(exact, pattern, lang)}{NBSP}CAD)"


def money_short(amount: Decimal, language: str) -> str:
    """A compact amount for chart labels: "$1.5B", "$179M" / "1,5 G$", "179 M$".

    Rounds exactly as money_phrase does; amounts under a million are written in full.
    """
    lang = _language(language)
    figure, unit = _scaled(amount)
    if not unit:
        return money_phrase(amount, lang)
    text = _number(figure, _ONE_DECIMAL, lang)
    if lang == "en":
        return f"${text}{'B' if unit == 'billion' else 'M'}"
    return f"{text}{NBSP}{'G$' if unit == 'billion' else 'M$'}"


def _scaled(amount) -> tuple[Decimal, str]:
    """(rounded figure, unit) with unit "", "million" or "billion"; rounding before the unit."""
    value = _decimal(amount, "amount")
    if value < 0:
        raise ValueError(f"amount must not be negative, got {amount!r}.")
    dollars = value.quantize(_WHOLE, rounding=ROUND_HALF_UP)
    if dollars < _MILLION:
        return dollars, ""
    if value < _TEN_MILLION:
        millions = value.scaleb(-6).quantize(_TENTH, rounding=ROUND_HALF_UP)
    else:
        millions = value.scaleb(-6).quantize(_WHOLE, rounding=ROUND_HALF_UP)
    if millions < _THOUSAND:
        return millions, "million"
    return value.scaleb(-9).quantize(_TENTH, rounding=ROUND_HALF_UP), "billion"


def _scaled_phrase(figure: Decimal, english: str, singular: str, plural: str, lang: str) -> str:
    """Build "$N unit" or "N unité(s) de dollars" from a rounded figure."""
    text = _number(figure, _ONE_DECIMAL, lang)
    if lang == "en":
        return f"${text} {english}"
    unit = plural if figure >= _TWO else singular
    return f"{text} {unit} de dollars"


def number(n: int, language: str) -> str:
    """A whole number with the language's grouping: "1,200" / "1\u00a0200"."""
    lang = _language(language)
    return _number(Decimal(_decimal(n, "n")), _NO_DECIMAL, lang)


def ordinal(n: int, language: str) -> str:
    """Write a positive whole number as an ordinal: "21st", "111th"; "1er", "2e"."""
    lang = _language(language)
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"n must be an int, not {type(n).__name__}.")
    if n < 1:
        raise ValueError(f"ordinals start at 1, got {n}.")
    if lang == "fr":
        return f"{n}er" if n == 1 else f"{n}e"
    if n % 100 in (11, 12, 13):
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def year_ranges(years) -> str:
    """Years as a reader scans them: "1988–2024" for a run, "2010, 2020" for gaps.

    Runs of three or more years collapse to their ends (a 37-year series is one range,
    not 37 numbers); two years in a row stay listed. The same in both languages.
    """
    ordered = sorted(set(years))
    runs: list[list[int]] = []
    for year in ordered:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{run[0]}\u2013{run[-1]}")
        else:
            parts.extend(str(year) for year in run)
    return ", ".join(parts)


def growth_multiple(start: Decimal, end: Decimal) -> Decimal:
    """Return ``end / start`` rounded half up to 2 decimals.

    ``start`` must be greater than zero and ``end`` must not be negative,
    otherwise ValueError.
    """
    first = _decimal(start, "start")
    last = _decimal(end, "end")
    if first <= 0:
        raise ValueError(f"start must be greater than zero, got {start!r}.")
    if last < 0:
        raise ValueError(f"end must not be negative, got {end!r}.")
    return (last / first).quantize(_HUNDREDTH, rounding=ROUND_HALF_UP)


def _quantized_multiple(multiple: Decimal) -> Decimal:
    """Round a growth multiple half up to 2 decimals, as growth_multiple does."""
    value = _decimal(multiple, "multiple")
    if value < 0:
        raise ValueError(f"multiple must not be negative, got {multiple!r}.")
    return value.quantize(_HUNDREDTH, rounding=ROUND_HALF_UP)


def growth_phrase(multiple: Decimal, language: str) -> str:
    """Describe an increase given as a multiple (end / start).

    The multiple is first rounded half up to 2 decimals. Then:

    * 2 or more: with N = floor(multiple), exactly N gives "N times over" /
      "N fois"; anything above N gives "more than N times over" /
      "plus de N fois" (8.38 -> "more than 8 times over", 8.00 -> "8 times over").
    * From 1 up to 2: a percentage increase in whole percent, rounded half up:
      1.45 -> "by 45%" / "de 45\u00a0%" (1.00 -> "by 0%").
    * Below 1: ValueError; phrase a decline with :func:`decline_percent`.
    """
    lang = _language(language)
    value = _quantized_multiple(multiple)
    if value < _ONE:
        raise ValueError(f"multiple {multiple!r} is a decline; use decline_percent().")
    if value >= _TWO:
        whole = value.to_integral_value(rounding=ROUND_FLOOR)
        figure = _number(whole, _NO_DECIMAL, lang)
        if value == whole:
            return f"{figure} times over" if lang == "en" else f"{figure} fois"
        return f"more than {figure} times over" if lang == "en" else f"plus de {figure} fois"
    figure = _number(Decimal(growth_percent(value)), _NO_DECIMAL, lang)
    return f"by {figure}%" if lang == "en" else f"de {figure}{NBSP}%"


def growth_percent(multiple: Decimal) -> int:
    """The whole-percent increase of a multiple from 1 up to 2: 1.45 -> 45, 1.004 -> 0.

    Rounded as :func:`growth_phrase` rounds it; ValueError outside [1, 2).
    """
    value = _quantized_multiple(multiple)
    if not _ONE <= value < _TWO:
        raise ValueError(f"multiple {multiple!r} is not between 1 and 2.")
    return int(((value - _ONE) * _HUNDRED).quantize(_WHOLE, rounding=ROUND_HALF_UP))


def decline_percent(multiple: Decimal) -> int:
    """Return the whole-percent decrease for a multiple below 1: 0.75 -> 25.

    The multiple is rounded half up to 2 decimals first (as in
    :func:`growth_phrase`); if it is then 1 or more, or negative, ValueError.
    """
    value = _quantized_multiple(multiple)
    if value >= _ONE:
        raise ValueError(f"multiple {multiple!r} is not a decline; use growth_phrase().")
    percent = ((_ONE - value) * _HUNDRED).quantize(_WHOLE, rounding=ROUND_HALF_UP)
    return int(percent)


def month_year(d: datetime.date, language: str) -> str:
    """Write a month and year: "August 2012" / "août 2012" (Babel "MMMM y")."""
    lang = _language(language)
    return format_date(d, "MMMM y", locale=_LOCALES[lang])


def full_date(d: datetime.date, language: str) -> str:
    """Write a full date: "May 7, 2012" / "7 mai 2012", and "1er mai 2012".

    Explicit Babel patterns ("MMMM d, y" and "d MMMM y") keep the output
    stable across CLDR releases; Canadian French writes the first of the
    month as "1er".
    """
    lang = _language(language)
    locale = _LOCALES[lang]
    if lang == "en":
        return format_date(d, "MMMM d, y", locale=locale)
    if d.day == 1:
        return f"1er {format_date(d, 'MMMM y', locale=locale)}"
    return format_date(d, "d MMMM y", locale=locale)


def join_list(items: Sequence[str], language: str) -> str:
    """Join items as prose: "A, B and C" / "A, B et C"; "A and B" / "A et B".

    English adds the serial comma only where an item itself contains "and", to keep the
    items apart, as the reference text does ("meat, motor vehicles, fish, and aircraft and
    parts" but "counter-terrorism and defence relations"). French does not, except between two
    items one of which contains "et", where nothing else would keep them apart ("les
    combustibles et le pétrole, et les engrais", never "… et … et …"). An empty list gives "".
    """
    lang = _language(language)
    words = list(items)
    conjunction = "and" if lang == "en" else "et"
    if len(words) <= 1:
        return "".join(words)
    ambiguous = any(f" {conjunction} " in word for word in words)
    if len(words) == 2:
        comma = "," if ambiguous else ""
        return f"{words[0]}{comma} {conjunction} {words[1]}"
    serial = "," if lang == "en" and ambiguous else ""
    return f"{', '.join(words[:-1])}{serial} {conjunction} {words[-1]}"


def when_phrase(d: datetime.date, precision: str, language: str) -> str:
    """When something happened, as a sentence says it, to the precision known.

    precision "month": "in November 2011" / "en novembre 2011";
    precision "day": "on May 7, 2012" / "le 7 mai 2012".
    """
    lang = _language(language)
    if precision == "month":
        return f"{'in' if lang == 'en' else 'en'} {month_year(d, lang)}"
    if precision == "day":
        return f"{'on' if lang == 'en' else 'le'} {full_date(d, lang)}"
    raise ValueError(f"unknown date precision {precision!r}")


def machine_date(d: datetime.date, precision: str) -> str:
    """The date for a `<time datetime>` to the precision known: "2012-04" or "2012-05-07"."""
    if precision == "month":
        return f"{d:%Y-%m}"
    if precision == "day":
        return d.isoformat()
    raise ValueError(f"unknown date precision {precision!r}")


def bilingual(function, *args) -> dict[str, str]:
    """Call a formatting function once per language: {"en": ..., "fr": ...}."""
    return {language: function(*args, language) for language in ("en", "fr")}


def join_bilingual(names: Sequence[dict[str, str]]) -> dict[str, str]:
    """Bilingual names ({"en": ..., "fr": ...}) joined as prose in each language."""
    return {lang: join_list([name[lang] for name in names], lang) for lang in ("en", "fr")}
