"""The trade chart's layout: bars for a few years, a line for long series, gaps named."""

import random
import re
from decimal import Decimal

import pytest
from django.utils import translation

from trade.charts import BAR_CHART_MAX_YEARS, trade_chart, year_labels

EXPORTS = ("export", "merchandise")
IMPORTS = ("import", "merchandise")


def chart_of(totals: dict, language: str = "en"):
    with translation.override(language):
        return trade_chart("merchandise", "Merchandise trade by year", totals, language)


def series(years, start=100_000_000, step=25_000_000) -> dict[int, Decimal]:
    return {year: Decimal(start + step * i) for i, year in enumerate(years)}


def percent(value: str) -> float:
    assert value.endswith("%"), value
    return float(value[:-1])


def test_two_years_far_apart_are_two_rows_and_one_row_naming_the_gap():
    chart = chart_of({EXPORTS: series([1999, 2011]), IMPORTS: {2011: Decimal(1_300_000_000)}})

    assert chart.style == "bars"
    assert [(row["style"], row["text"]) for row in chart.rows] == [
        ("year", "1999"),
        ("no-data", "imports: no data"),
        ("gap", "No data for 2000–2010"),
        ("year", "2011"),
    ]
    assert [bar["title"] for bar in chart.bars] == [
        "Merchandise exports, 1999: $100 million",
        "Merchandise exports, 2011: $125 million",
        "Merchandise imports, 2011: $1.3 billion",
    ]
    assert chart.has_gaps


def test_french_bars_name_the_gap_and_the_missing_series_in_french():
    chart = chart_of({EXPORTS: series([1999, 2005, 2011]), IMPORTS: {2011: Decimal(10)}}, "fr")

    texts = [row["text"].replace("\u00a0", " ") for row in chart.rows]
    assert "Aucune donnée de 2000 à 2004" in texts
    assert "Aucune donnée de 2006 à 2010" in texts
    assert "importations : aucune donnée" in texts
    assert chart.summary.replace("\u00a0", " ").startswith(
        "Exportations de marchandises : 100 millions de dollars en 1999, "
    )


def test_a_single_missing_year_is_named_alone():
    chart = chart_of({EXPORTS: series([2004, 2006])})
    assert [row["text"] for row in chart.rows if row["style"] == "gap"] == ["No data for 2005"]


def test_the_longest_bar_leaves_room_for_its_label():
    chart = chart_of({EXPORTS: series([2010, 2011]), IMPORTS: series([2010, 2011], start=7)})
    assert max(percent(bar["width"]) for bar in chart.bars) <= 80


@pytest.mark.parametrize(
    ("count", "style"),
    [(2, "bars"), (BAR_CHART_MAX_YEARS, "bars"), (BAR_CHART_MAX_YEARS + 1, "line"), (37, "line")],
)
def test_a_few_years_are_bars_and_a_long_series_is_a_line(count, style):
    assert chart_of({EXPORTS: series(range(2000, 2000 + count))}).style == style


def test_one_year_or_none_draws_no_chart():
    assert chart_of({EXPORTS: series([2011]), IMPORTS: series([2011])}) is None
    assert chart_of({}) is None


def test_a_37_year_series_names_every_fifth_year_and_its_first_and_last_values():
    years = range(1988, 2025)
    chart = chart_of({EXPORTS: series(years), IMPORTS: series(years, start=50_000_000)})

    assert chart.style == "line"
    assert [label["text"] for label in chart.axis_labels if label.get("tick")] == [
        str(year) for year in range(1990, 2021, 5)
    ]
    assert sorted(label["text"] for label in chart.value_labels) == [
        "1988: $100M",
        "1988: $50M",
        "2024: $1B",
        "2024: $950M",
    ]
    assert len(chart.points) == 74 and len(chart.segments) == 72
    assert chart.gaps == [] and not chart.has_gaps
    assert chart.summary == (
        "Merchandise exports: $100 million in 1988, $1 billion in 2024. "
        "Merchandise imports: $50 million in 1988, $950 million in 2024."
    )


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (1988, 2024, list(range(1990, 2021, 5))),
        (1990, 2024, list(range(1990, 2021, 5))),  # 2024 would crowd 2020
        (2000, 2010, list(range(2000, 2011, 2))),
        (1950, 2024, list(range(1950, 2021, 10))),
        (2001, 2009, [2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009]),
    ],
)
def test_the_axis_names_years_at_a_step_that_fits_a_phone(first, last, expected):
    assert year_labels(first, last) == expected


def test_years_no_series_covers_are_shaded_and_lines_do_not_cross_them():
    years = [y for y in range(1988, 2025) if not 1996 <= y <= 2000]
    chart = chart_of({EXPORTS: series(years), IMPORTS: series(years, start=50_000_000)})

    assert [gap["title"] for gap in chart.gaps] == ["No data for 1996–2000"]
    gap = chart.gaps[0]
    left, right = percent(gap["x"]), percent(gap["x"]) + percent(gap["width"])
    for segment in chart.segments:
        assert percent(segment["x2"]) <= left + 0.01 or percent(segment["x1"]) >= right - 0.01
    assert chart.has_gaps


def test_a_year_only_one_series_lacks_breaks_its_line_without_shading():
    years = range(1990, 2011)
    imports = {y: v for y, v in series(years, start=5).items() if y != 2000}
    chart = chart_of({EXPORTS: series(years), IMPORTS: imports})

    assert chart.gaps == []
    import_segments = [s for s in chart.segments if s["style"] == "import"]
    assert len(import_segments) == 18  # 20 links between 21 years, less the two to 2000


def test_coordinates_stay_inside_the_chart_and_are_plain_numbers():
    rng = random.Random(14)
    for _ in range(60):
        years = sorted(rng.sample(range(1950, 2025), rng.randint(2, 40)))
        exports = {y: Decimal(rng.randint(0, 5_000_000_000)) for y in years}
        imports = {y: Decimal(rng.randint(1, 900_000)) for y in years if rng.random() < 0.7}
        totals = {EXPORTS: exports, IMPORTS: imports} if imports else {EXPORTS: exports}
        chart = chart_of(totals, rng.choice(["en", "fr"]))

        items = chart.points + chart.segments + chart.gaps + chart.bars + chart.value_labels
        for item in items:
            for name in ("x", "x1", "x2", "width", "label_x"):
                if name in item:
                    assert 0 <= percent(item[name]) <= 100, (name, item)
            for name in ("y", "y1", "y2", "label_y"):
                if name in item:
                    assert 0 <= float(item[name]) <= chart.height, (name, item)
        for label in chart.axis_labels + chart.rows:
            assert re.fullmatch(r"[0-9.]+%?", str(label.get("x", "0")))
        # Every known value is drawn once, with its own tooltip.
        drawn = chart.points if chart.style == "line" else chart.bars
        assert len(drawn) == len(exports) + len(imports)
        assert len(chart.value_labels) == (2 * len(totals) if chart.style == "line" else 0)
