"""Trade at a glance: the chart, table, top chapters and sources behind a trade section.

Built at render time from the figures a snapshot stores, in the reader's language, so every
revision (old documents included) gets them and they always show the stored numbers.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import get_language, gettext

from relations.formatting import money_phrase, money_short
from trade.facts import totals_by_series
from trade.models import Flow, TradeKind

TOP_CHAPTERS = 5

# Chart geometry, in SVG user units; the SVG scales to its container. Bars are horizontal,
# one row per year, so value labels sit at the end of their bar and never collide, and
# the chart stays legible when a narrow screen scales it down.
WIDTH = 400
LEFT, RIGHT, TOP, BOTTOM = 40, 56, 8, 28
PLOT_WIDTH = WIDTH - LEFT - RIGHT
BAR_HEIGHT, BAR_GAP, ROW_GAP = 11, 2, 6


def series_names() -> dict[tuple[str, str], str]:
    return {
        (Flow.EXPORT, TradeKind.MERCHANDISE): gettext("Merchandise exports"),
        (Flow.IMPORT, TradeKind.MERCHANDISE): gettext("Merchandise imports"),
        (Flow.EXPORT, TradeKind.SERVICES): gettext("Services exports"),
        (Flow.IMPORT, TradeKind.SERVICES): gettext("Services imports"),
    }


@dataclass
class Chart:
    kind: str
    title: str
    series: list[dict]
    height: int = 0
    bars: list[dict] = field(default_factory=list)
    ticks: list[dict] = field(default_factory=list)
    year_labels: list[dict] = field(default_factory=list)
    width: int = WIDTH
    left: int = LEFT
    plot_top: int = TOP
    plot_bottom: int = 0
    tick_label_y: int = 0


def _decimal_rows(figures: list[dict]):
    for f in figures:
        yield f["flow"], f["kind"], f["year"], f["hs_chapter"], Decimal(f["value_cad"])


def nice_ceiling(value: Decimal) -> tuple[Decimal, Decimal]:
    """(axis maximum, tick step): a round step (1, 2, 2.5 or 5 × 10^k) giving 4–5 ticks."""
    if value <= 0:
        return Decimal(1), Decimal(1)
    raw = value / 4
    magnitude = Decimal(10) ** (raw.adjusted())
    for multiple in (1, 2, Decimal("2.5"), 5, 10):
        step = magnitude * multiple
        if step >= raw:
            break
    top = (value / step).to_integral_value(rounding="ROUND_CEILING") * step
    return top, step


def bar_chart(kind: str, title: str, totals: dict, language: str) -> Chart | None:
    """One row per year (first to latest), one bar per flow; None below two known years."""
    names = series_names()
    keys = [key for key in names if key[1] == kind and totals.get(key)]
    years_known = sorted({year for key in keys for year in totals[key]})
    if len(years_known) < 2:
        return None
    years = list(range(years_known[0], years_known[-1] + 1))
    top, step = nice_ceiling(max(v for key in keys for v in totals[key].values()))
    row_height = len(keys) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP + ROW_GAP
    plot_bottom = TOP + row_height * len(years)
    chart = Chart(
        kind=kind,
        title=title,
        series=[
            {"name": names[key], "style": "export" if key[0] == Flow.EXPORT else "import"}
            for key in keys
        ],
        height=plot_bottom + BOTTOM,
        plot_bottom=plot_bottom,
        tick_label_y=plot_bottom + 18,
    )
    scale = Decimal(PLOT_WIDTH) / top
    for i, year in enumerate(years):
        row_top = TOP + row_height * i + ROW_GAP // 2
        chart.year_labels.append({"y": row_top + (row_height - ROW_GAP) / 2, "text": str(year)})
        for j, key in enumerate(keys):
            value = totals[key].get(year)
            if value is None:
                continue
            width = value * scale
            y = row_top + j * (BAR_HEIGHT + BAR_GAP)
            chart.bars.append(
                {
                    "x": LEFT,
                    "y": y,
                    "width": _px(width),
                    "height": BAR_HEIGHT,
                    "style": chart.series[j]["style"],
                    "label": money_short(value, language),
                    "label_x": _px(LEFT + width + 4),
                    "label_y": y + BAR_HEIGHT / 2,
                    "title": gettext("%(series)s, %(year)s: %(value)s")
                    % {"series": names[key], "year": year, "value": money_phrase(value, language)},
                }
            )
    tick = Decimal(0)
    while tick <= top:
        chart.ticks.append({"x": _px(LEFT + tick * scale), "text": money_short(tick, language)})
        tick += step
    return chart


def _px(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def figures_table(totals: dict, language: str) -> dict | None:
    """Rows of years, columns of the series that have data, money phrased for the language."""
    names = series_names()
    keys = [key for key in names if totals.get(key)]
    if not keys:
        return None
    years = sorted({year for key in keys for year in totals[key]})
    return {
        "columns": [names[key] for key in keys],
        "rows": [
            {
                "year": year,
                "cells": [
                    money_phrase(totals[key][year], language) if year in totals[key] else None
                    for key in keys
                ],
            }
            for year in years
        ],
    }


def top_chapters(figures: list[dict], totals: dict, language: str) -> list[dict]:
    """Per flow, the largest HS chapters of the latest year with chapter figures, with shares."""
    by_flow = defaultdict(list)
    for f in figures:
        if f["kind"] == TradeKind.MERCHANDISE and f["hs_chapter"]:
            by_flow[f["flow"]].append(f)
    tables = []
    for flow, title in (
        (Flow.EXPORT, gettext("Top merchandise exports")),
        (Flow.IMPORT, gettext("Top merchandise imports")),
    ):
        rows = by_flow.get(flow)
        if not rows:
            continue
        year = max(f["year"] for f in rows)
        total = totals.get((flow, TradeKind.MERCHANDISE), {}).get(year)
        largest = sorted(
            (f for f in rows if f["year"] == year),
            key=lambda f: (-Decimal(f["value_cad"]), f["hs_chapter"]),
        )[:TOP_CHAPTERS]
        tables.append(
            {
                "title": title,
                "year": year,
                "rows": [
                    {
                        "code": f["hs_chapter"],
                        "name": f.get("chapter_name") or "",
                        "value": money_phrase(Decimal(f["value_cad"]), language),
                        "share": _share(Decimal(f["value_cad"]), total, language),
                    }
                    for f in largest
                ],
            }
        )
    return tables


def _share(value: Decimal, total: Decimal | None, language: str) -> str:
    if not total:
        return "—"
    percent = (value * 100 / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    text = f"{percent}".replace(".", ",") if language == "fr" else f"{percent}"
    return f"{text}\u00a0%" if language == "fr" else f"{text}%"


def sources(figures: list[dict]) -> list[dict]:
    """Each source named once, with the years of the figures it supplied.

    The figures come localized (as templates see them): each source is one string.
    """
    years_by_source = defaultdict(set)
    for f in figures:
        years_by_source[f["source"]].add(f["year"])
    return [
        {"name": name, "years": ", ".join(str(y) for y in sorted(years))}
        for name, years in sorted(years_by_source.items())
    ]


def trade_at_a_glance(figures: list[dict]) -> dict:
    language = get_language() or "en"
    totals = totals_by_series(_decimal_rows(figures))
    charts = [
        chart
        for chart in (
            bar_chart(
                TradeKind.MERCHANDISE, gettext("Merchandise trade by year"), totals, language
            ),
            bar_chart(TradeKind.SERVICES, gettext("Services trade by year"), totals, language),
        )
        if chart
    ]
    return {
        "charts": charts,
        "table": figures_table(totals, language),
        "top_chapters": top_chapters(figures, totals, language),
        "sources": sources(figures),
    }
