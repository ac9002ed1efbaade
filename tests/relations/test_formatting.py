"""Tests for relations.formatting: pure functions, no Django or database needed."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from relations.formatting import (
    decline_percent,
    full_date,
    growth_multiple,
    growth_phrase,
    join_list,
    money_phrase,
    month_year,
    ordinal,
    year_ranges,
)

NBSP = "\u00a0"


# --- money_phrase ------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "english", "french"),
    [
        ("1500000000", "$1.5 billion", "1,5 milliard de dollars"),
        ("2000000000", "$2 billion", "2 milliards de dollars"),
        ("12300000000", "$12.3 billion", "12,3 milliards de dollars"),
        ("1000000000", "$1 billion", "1 milliard de dollars"),
        ("1940000000", "$1.9 billion", "1,9 milliard de dollars"),
        ("1960000000", "$2 billion", "2 milliards de dollars"),
        ("1234500000000", "$1,234.5 billion", f"1{NBSP}234,5 milliards de dollars"),
    ],
)
def test_money_phrase_billions(amount, english, french):
    assert money_phrase(Decimal(amount), "en") == english
    assert money_phrase(Decimal(amount), "fr") == french


@pytest.mark.parametrize(
    ("amount", "english", "french"),
    [
        ("179000000", "$179 million", "179 millions de dollars"),
        ("1300000", "$1.3 million", "1,3 million de dollars"),
        ("254000000", "$254 million", "254 millions de dollars"),
        ("1000000", "$1 million", "1 million de dollars"),
        ("2000000", "$2 million", "2 millions de dollars"),
        ("1960000", "$2 million", "2 millions de dollars"),
        ("1940000", "$1.9 million", "1,9 million de dollars"),
        ("9960000", "$10 million", "10 millions de dollars"),
        ("10000000", "$10 million", "10 millions de dollars"),
        ("10400000", "$10 million", "10 millions de dollars"),
        ("10500000", "$11 million", "11 millions de dollars"),
        ("999400000", "$999 million", "999 millions de dollars"),
        ("950000000", "$950 million", "950 millions de dollars"),
    ],
)
def test_money_phrase_millions(amount, english, french):
    assert money_phrase(Decimal(amount), "en") == english
    assert money_phrase(Decimal(amount), "fr") == french


def test_money_phrase_below_a_million_uses_babel_grouping_with_nbsp_in_french():
    assert money_phrase(Decimal("750000"), "en") == "$750,000"
    assert money_phrase(Decimal("750000"), "fr") == f"750{NBSP}000{NBSP}$"
    assert money_phrase(Decimal("750000"), "fr") == "750\u00a0000\u00a0$"


@pytest.mark.parametrize(
    ("amount", "english", "french"),
    [
        ("1000", "$1,000", f"1{NBSP}000{NBSP}$"),
        ("999", "$999", f"999{NBSP}$"),
        ("1234.5", "$1,235", f"1{NBSP}235{NBSP}$"),
        ("999999.49", "$999,999", f"999{NBSP}999{NBSP}$"),
    ],
)
def test_money_phrase_thousands(amount, english, french):
    assert money_phrase(Decimal(amount), "en") == english
    assert money_phrase(Decimal(amount), "fr") == french


def test_money_phrase_rounds_999_95_million_up_to_one_billion():
    amount = Decimal("999950000")
    assert money_phrase(amount, "en") == "$1 billion"
    assert money_phrase(amount, "fr") == "1 milliard de dollars"


def test_money_phrase_rounds_999_999_50_dollars_up_to_one_million():
    amount = Decimal("999999.5")
    assert money_phrase(amount, "en") == "$1 million"
    assert money_phrase(amount, "fr") == "1 million de dollars"


def test_money_phrase_rounds_9_96_million_up_to_ten_million():
    assert money_phrase(Decimal("9960000"), "en") == "$10 million"
    assert money_phrase(Decimal("9950000"), "en") == "$10 million"
    assert money_phrase(Decimal("9949999"), "en") == "$9.9 million"


def test_money_phrase_rounds_half_up_not_half_even():
    assert money_phrase(Decimal("1250000"), "en") == "$1.3 million"
    assert money_phrase(Decimal("2500000000"), "fr") == "2,5 milliards de dollars"
    assert money_phrase(Decimal("2250000000"), "en") == "$2.3 billion"
    assert money_phrase(Decimal("0.5"), "en") == "$1"


def test_money_phrase_french_singular_below_two_plural_from_two():
    assert money_phrase(Decimal("1500000000"), "fr") == "1,5 milliard de dollars"
    assert money_phrase(Decimal("1990000000"), "fr") == "2 milliards de dollars"
    assert money_phrase(Decimal("1500000"), "fr") == "1,5 million de dollars"
    assert money_phrase(Decimal("2000000"), "fr") == "2 millions de dollars"


def test_money_phrase_zero():
    assert money_phrase(Decimal("0"), "en") == "$0"
    assert money_phrase(Decimal("0"), "fr") == f"0{NBSP}$"


def test_money_phrase_negative_raises():
    with pytest.raises(ValueError):
        money_phrase(Decimal("-1"), "en")
    with pytest.raises(ValueError):
        money_phrase(Decimal("-1500000000"), "fr")


def test_money_phrase_accepts_int_but_rejects_float():
    assert money_phrase(179_000_000, "en") == "$179 million"
    with pytest.raises(TypeError):
        money_phrase(1.5e9, "en")


def test_money_phrase_rejects_non_finite_decimal():
    with pytest.raises(ValueError):
        money_phrase(Decimal("NaN"), "en")


def test_unknown_language_raises():
    with pytest.raises(ValueError):
        money_phrase(Decimal("1"), "de")
    with pytest.raises(ValueError):
        ordinal(1, "ru")


def test_language_region_suffix_is_accepted():
    assert money_phrase(Decimal("1500000000"), "fr-ca") == "1,5 milliard de dollars"
    assert money_phrase(Decimal("1500000000"), "en_CA") == "$1.5 billion"


# --- ordinal -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (19, "19th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
        (113, "113th"),
    ],
)
def test_ordinal_english(n, expected):
    assert ordinal(n, "en") == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "1er"), (2, "2e"), (11, "11e"), (19, "19e"), (21, "21e"), (101, "101e")],
)
def test_ordinal_french(n, expected):
    assert ordinal(n, "fr") == expected


@pytest.mark.parametrize("n", [0, -1])
def test_ordinal_below_one_raises(n):
    with pytest.raises(ValueError):
        ordinal(n, "en")
    with pytest.raises(ValueError):
        ordinal(n, "fr")


# --- growth_multiple ---------------------------------------------------------


def test_growth_multiple_179_million_to_1_5_billion_is_8_38():
    result = growth_multiple(Decimal("179000000"), Decimal("1500000000"))
    assert result == Decimal("8.38")
    assert str(result) == "8.38"


def test_growth_multiple_quantizes_half_up():
    assert growth_multiple(Decimal("8"), Decimal("1")) == Decimal("0.13")  # 0.125
    assert growth_multiple(Decimal("1"), Decimal("2")) == Decimal("2.00")


@pytest.mark.parametrize("start", [Decimal("0"), Decimal("-5")])
def test_growth_multiple_requires_positive_start(start):
    with pytest.raises(ValueError):
        growth_multiple(start, Decimal("10"))


# --- growth_phrase / decline_percent -----------------------------------------


@pytest.mark.parametrize(
    ("multiple", "english", "french"),
    [
        ("8.38", "more than 8 times over", "plus de 8 fois"),
        ("8.00", "8 times over", "8 fois"),
        ("8", "8 times over", "8 fois"),
        ("2.0", "2 times over", "2 fois"),
        ("2.5", "more than 2 times over", "plus de 2 fois"),
        ("1.45", "by 45%", f"de 45{NBSP}%"),
        ("1.0", "by 0%", f"de 0{NBSP}%"),
        ("1.99", "by 99%", f"de 99{NBSP}%"),
    ],
)
def test_growth_phrase(multiple, english, french):
    assert growth_phrase(Decimal(multiple), "en") == english
    assert growth_phrase(Decimal(multiple), "fr") == french


def test_growth_phrase_quantizes_to_two_decimals_first():
    assert growth_phrase(Decimal("8.001"), "en") == "8 times over"
    assert growth_phrase(Decimal("1.995"), "en") == "2 times over"
    assert growth_phrase(Decimal("1.455"), "en") == "by 46%"


def test_growth_phrase_french_percent_uses_nbsp():
    assert growth_phrase(Decimal("1.45"), "fr") == "de 45\u00a0%"


def test_growth_phrase_below_one_raises():
    with pytest.raises(ValueError):
        growth_phrase(Decimal("0.75"), "en")


def test_decline_percent():
    assert decline_percent(Decimal("0.75")) == 25
    assert decline_percent(Decimal("0.5")) == 50
    assert decline_percent(Decimal("0")) == 100
    assert decline_percent(Decimal("0.994")) == 1  # 0.994 -> 0.99


def test_decline_percent_rejects_non_declines():
    with pytest.raises(ValueError):
        decline_percent(Decimal("1"))
    with pytest.raises(ValueError):
        decline_percent(Decimal("0.995"))  # rounds to 1.00
    with pytest.raises(ValueError):
        decline_percent(Decimal("-0.1"))


# --- dates -------------------------------------------------------------------


def test_month_year():
    assert month_year(datetime.date(2012, 8, 15), "en") == "August 2012"
    assert month_year(datetime.date(2012, 8, 15), "fr") == "août 2012"


def test_full_date():
    assert full_date(datetime.date(2012, 5, 7), "en") == "May 7, 2012"
    assert full_date(datetime.date(2012, 5, 7), "fr") == "7 mai 2012"


def test_full_date_first_of_month_is_1er_in_french():
    assert full_date(datetime.date(2012, 5, 1), "fr") == "1er mai 2012"
    assert full_date(datetime.date(2012, 5, 1), "en") == "May 1, 2012"
    assert full_date(datetime.date(2012, 5, 2), "fr") == "2 mai 2012"


# --- join_list ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("items", "english", "french"),
    [
        ([], "", ""),
        (["A"], "A", "A"),
        (["A", "B"], "A and B", "A et B"),
        (["A", "B", "C"], "A, B and C", "A, B et C"),
    ],
)
def test_join_list(items, english, french):
    assert join_list(items, "en") == english
    assert join_list(items, "fr") == french


def test_join_list_adds_the_serial_comma_only_where_an_item_contains_and():
    items = ["machinery", "meat", "motor vehicles", "fish", "aircraft and parts"]
    assert join_list(items, "en") == "machinery, meat, motor vehicles, fish, and aircraft and parts"
    topics = ["the Arctic", "strategic stability", "counter-terrorism", "defence relations"]
    assert (
        join_list(topics, "en")
        == "the Arctic, strategic stability, counter-terrorism and defence relations"
    )
    assert join_list(["la pêche", "le bois et le papier", "les mines"], "fr") == (
        "la pêche, le bois et le papier et les mines"
    )


@pytest.mark.parametrize(
    ("years", "written"),
    [
        ([2019], "2019"),
        ([2010, 2020], "2010, 2020"),
        ([2019, 2020], "2019, 2020"),
        (range(1988, 2025), "1988\u20132024"),
        ([2010, 2011, 2012, 2015, 2017, 2018, 2019, 2020], "2010\u20132012, 2015, 2017\u20132020"),
        ([2020, 2010, 2011, 2010, 2012], "2010\u20132012, 2020"),
    ],
)
def test_years_are_written_as_ranges_where_they_run_on(years, written):
    assert year_ranges(years) == written


@given(st.sets(st.integers(min_value=1900, max_value=2100), min_size=1, max_size=60))
def test_year_ranges_name_exactly_the_years_given(years):
    named = set()
    for part in year_ranges(years).split(", "):
        first, _, last = part.partition("\u2013")
        named.update(range(int(first), int(last or first) + 1))
    assert named == years
