"""Numbers in cells: ASCII digits and the documented separators, nothing else.

Python's `int()` and `Decimal()` accept far more than a spreadsheet should mean: "١٩٩٩" (Arabic-
Indic digits), "2_010", "５" (full-width), "1e309", "Infinity". An import must not read any of
those as a year or a value, so every number goes through these functions:

- a year is four digits, 0–9, optionally followed by -MM or -MM-DD (CIMT periods: 1999-01-01);
- a whole number is digits 0–9 only;
- an amount is digits 0–9, optionally grouped by three with commas, spaces or no-break spaces
  (1,500,000 / 1 500 000), with at most two decimals after a point, an optional leading "$"
  and an optional Statistics Canada quality flag (A–E) at the end. No exponents ("1.5E+09"
  is what Excel writes when a column is too narrow: the digits are gone), no decimal comma.

Each returns the value or, as a string, the reason for the editor (no exception to forget to
catch). Regular expressions here are linear and cells are length-checked first.
"""

import re
from decimal import Decimal, InvalidOperation, localcontext

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from relations.validators import validate_not_future_year, validate_plausible_year

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("1e16")  # numeric(18, 2): 16 digits before the point
LONGEST_NUMBER = 40  # characters; "9,999,999,999,999,999.99 E" is 26
YEAR = re.compile(r"([0-9]{4})(?:-[0-9]{2}(?:-[0-9]{2})?)?")
WHOLE = re.compile(r"[0-9]{1,9}")
AMOUNT = re.compile(
    r"""
    \$?[ \u00a0\u202f]?                              # an optional dollar sign
    (?P<whole>[0-9]{1,3}(?:[, \u00a0\u202f][0-9]{3})+|[0-9]+)   # grouped by three, or not
    (?:\.(?P<cents>[0-9]+))?                         # decimals after a point
    (?:[ \u00a0\u202f]?[A-E])?                       # a quality flag, A (excellent) to E
    """,
    re.VERBOSE,
)
NEGATIVE = ("-", "−", "(")


def parse_year(text: str, *, this_year: int | None = None) -> int | str:
    """The year of a cell ("2011", "2011-01-01"), or the reason it is refused."""
    match = YEAR.fullmatch(text) if len(text) <= 10 else None
    if match is None:
        return _("“%(text)s” is not a year; write four digits, e.g. 2011.") % {"text": short(text)}
    year = int(match.group(1))
    try:
        validate_plausible_year(year)
        if year > (this_year or timezone.localdate().year):
            validate_not_future_year(year)
    except ValidationError as error:
        return error.messages[0]
    return year


def parse_whole_number(text: str) -> int | str:
    """A count or a position: digits 0–9 only."""
    if WHOLE.fullmatch(text):
        return int(text)
    if text.isascii() and text.isdigit():
        return _("“%(text)s” is too large.") % {"text": short(text)}
    return _("“%(text)s” is not a whole number.") % {"text": short(text)}


def parse_amount(text: str, multiplier: int = 1) -> Decimal | str:
    """A value in dollars, times the sheet's multiplier (1,000 for "in thousands"), or why not."""
    if text.isdigit() and text.isascii() and len(text) <= 16 and multiplier == 1:
        return Decimal(text)  # the common case: plain digits
    match = AMOUNT.fullmatch(text) if len(text) <= LONGEST_NUMBER else None
    if match is None:
        if text.startswith(NEGATIVE) and AMOUNT.fullmatch(text[1:].rstrip(")").strip()):
            return _("“%(text)s” is negative; trade values cannot be below zero.") % {"text": text}
        return _("“%(text)s” is not a number; write the value in digits, e.g. 1500000000.") % {
            "text": short(text)
        }
    digits = match.group("whole").translate(SEPARATORS)
    cents = match.group("cents") or ""
    try:
        with localcontext(prec=2 * LONGEST_NUMBER):  # exact: the cell is short
            value = Decimal(f"{digits}.{cents or 0}") * multiplier
    except InvalidOperation:  # cannot happen for digits, but never a traceback
        return _("“%(text)s” is not a number.") % {"text": short(text)}
    if value >= MAX_AMOUNT:
        return _("“%(text)s” is too large for a yearly value.") % {"text": short(text)}
    if value != value.quantize(CENT):
        return _("“%(text)s” has more than two decimal places (cents).") % {"text": text}
    return value.quantize(CENT) if cents else value


SEPARATORS = str.maketrans("", "", ", \u00a0\u202f")


def short(text: str, length: int = 60) -> str:
    """A cell quoted in a message, cut so a 32,000-character cell does not fill the page."""
    return text if len(text) <= length else text[: length - 1] + "…"
