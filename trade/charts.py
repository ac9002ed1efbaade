"""Trade at a glance: the charts, table, top chapters and sources behind a trade section.

Built at render time from the figures a snapshot stores, in the reader's language, so every
revision (old documents included) gets them and they always show the stored numbers.

The charts are server-rendered SVG drawn in CSS pixels: the SVG has no viewBox, so nothing
scales its text. Vertical positions are pixels; horizontal positions are percentages of the
chart's width, so the same markup fills a 280-pixel phone column and a 720-pixel desktop one
with text at the size the stylesheet gives it (12 px on a phone, 14 px wider). Whatever must
not collide is laid out for the narrowest column, `NARROW_WIDTH`.

- Few years with data (up to `BAR_CHART_MAX_YEARS`): horizontal bars, a row per year with
  data, each bar labelled with its value; a run of years without data is one row that says
  so ("No data for 2000–2010"), never empty rows that read as zero.
- More years: a line per series over the whole span, every fifth year (or a wider step when
  the span is long) named on the axis, the first and last values of each series labelled,
  and years that no series covers shaded and named "no data".
"""

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from itertools import pairwise

from django.utils.translation import get_language, gettext

from relations import formatting
from trade.facts import totals_by_series
from trade.models import Flow, TradeKind

TOP_CHAPTERS = 5
BAR_CHART_MAX_YEARS = 8

# Widths the layout must hold at: the narrowest chart (a 320-pixel screen less the page's
# padding) and the width of a character of 12-pixel text (digits are 6.8 px in Arial and
# Liberation Sans, 6.9 in Noto Sans, 7.6 in DejaVu Sans; letters are narrower).
NARROW_WIDTH = 280
DIGIT_WIDTH = 7.0
LABEL_GAP = 5
TEXT_HEIGHT = 18  # a line of 14-pixel chart text

# Bar chart geometry (pixels): a heading per year, then one bar per series.
BAR_TOP, BAR_HEADING, BAR_HEIGHT, BAR_GAP, ROW_GAP, GAP_ROW = 4, 20, 16, 4, 10, 30
AXIS_BAND = 26
# Bars end by 78% of the width at most, leaving room for their value label.
BAR_SPAN = 78.0

# Line chart geometry: pixels vertically, percentages of the width horizontally.
LINE_TOP, LINE_PLOT_HEIGHT = 28, 200
LINE_LEFT, LINE_RIGHT = 1.5, 98.5
YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50)


# The same amounts come back in the table, the tooltips and the summary of every render:
# format each once (Babel takes about 0.1 ms an amount).
@lru_cache(maxsize=4096)
def money_phrase(value: Decimal, language: str) -> str:
    return formatting.money_phrase(value, language)


@lru_cache(maxsize=4096)
def money_short(value: Decimal, language: str) -> str:
    return formatting.money_short(value, language)


def series_names() -> dict[tuple[str, str], str]:
    return {
        (Flow.EXPORT, TradeKind.MERCHANDISE): gettext("Merchandise exports"),
        (Flow.IMPORT, TradeKind.MERCHANDISE): gettext("Merchandise imports"),
        (Flow.EXPORT, TradeKind.SERVICES): gettext("Services exports"),
        (Flow.IMPORT, TradeKind.SERVICES): gettext("Services imports"),
    }


@dataclass
class Chart:
    """What a chart template draws; every coordinate is a ready string ("12.5%", "40")."""

    kind: str  # merchandise or services: ids in the page
    style: str  # "bars" or "line": which template draws it
    title: str
    summary: str  # the first and last values, for screen readers
    series: list[dict]
    height: int = 0
    plot_top: int = 0
    plot_bottom: int = 0
    plot_height: int = 0
    axis_label_y: int = 0
    grid: list[dict] = field(default_factory=list)
    axis_labels: list[dict] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # bars: year headings and no-data rows
    bars: list[dict] = field(default_factory=list)
    gaps: list[dict] = field(default_factory=list)  # line: spans without data
    segments: list[dict] = field(default_factory=list)
    points: list[dict] = field(default_factory=list)
    value_labels: list[dict] = field(default_factory=list)
    has_gaps: bool = False


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


def _num(value: float) -> str:
    """A coordinate for an SVG attribute: one decimal, never localised ("27.5")."""
    return f"{value:.1f}"


def _pct(value) -> str:
    return f"{_num(value)}%"


def _label_width(text: str) -> float:
    return len(text) * DIGIT_WIDTH


def _ticks(top: Decimal, step: Decimal) -> list[Decimal]:
    ticks, tick = [], Decimal(0)
    while tick <= top:
        ticks.append(tick)
        tick += step
    return ticks


def _missing_runs(years: list[int]) -> list[tuple[int, int]]:
    """(first, last) of each run of years missing between consecutive known years."""
    return [(a + 1, b - 1) for a, b in pairwise(years) if b - a > 1]


def _no_data_text(first: int, last: int) -> str:
    if first == last:
        return gettext("No data for %(year)s") % {"year": first}
    return gettext("No data for %(first)s–%(last)s") % {"first": first, "last": last}


def _summary(names: dict, keys: list, totals: dict, language: str) -> str:
    """One sentence per series: where it starts and ends."""
    sentences = []
    for key in keys:
        years = sorted(totals[key])
        first, last = years[0], years[-1]
        if first == last:
            sentences.append(
                gettext("%(series)s: %(value)s in %(year)s.")
                % {
                    "series": names[key],
                    "value": money_phrase(totals[key][first], language),
                    "year": first,
                }
            )
            continue
        sentences.append(
            gettext("%(series)s: %(first)s in %(first_year)s, %(last)s in %(last_year)s.")
            % {
                "series": names[key],
                "first": money_phrase(totals[key][first], language),
                "first_year": first,
                "last": money_phrase(totals[key][last], language),
                "last_year": last,
            }
        )
    return " ".join(sentences)


def _point_title(name: str, year: int, value: Decimal, language: str) -> str:
    return gettext("%(series)s, %(year)s: %(value)s") % {
        "series": name,
        "year": year,
        "value": money_phrase(value, language),
    }


def trade_chart(kind: str, title: str, totals: dict, language: str) -> Chart | None:
    """The chart of one kind of trade: bars for a few years, a line for long series.

    None below two years with data: the table says it all.
    """
    names = series_names()
    keys = [key for key in names if key[1] == kind and totals.get(key)]
    years = sorted({year for key in keys for year in totals[key]})
    if len(years) < 2:
        return None
    chart = Chart(
        kind=kind,
        style="bars" if len(years) <= BAR_CHART_MAX_YEARS else "line",
        title=title,
        summary=_summary(names, keys, totals, language),
        series=[
            {"name": names[key], "style": "export" if key[0] == Flow.EXPORT else "import"}
            for key in keys
        ],
    )
    if chart.style == "bars":
        _draw_bars(chart, keys, years, totals, language)
    else:
        _draw_line(chart, keys, years, totals, language)
    return chart


def _draw_bars(chart: Chart, keys: list, years: list[int], totals: dict, language: str):
    """A heading and a bar per series for each year with data; a row for each gap."""
    names = series_names()
    top, step = nice_ceiling(max(v for key in keys for v in totals[key].values()))
    scale = BAR_SPAN / float(top)  # geometry is in floats; money stays Decimal
    gaps = {a - 1: (a, b) for a, b in _missing_runs(years)}  # keyed by the year before
    y = BAR_TOP
    for year in years:
        chart.rows.append({"y": y + 14, "text": str(year), "style": "year"})
        y += BAR_HEADING
        for series, key in zip(chart.series, keys, strict=True):
            value = totals[key].get(year)
            middle = y + BAR_HEIGHT / 2
            if value is None:
                missing = (
                    gettext("exports: no data")
                    if series["style"] == "export"
                    else gettext("imports: no data")
                )
                chart.rows.append({"y": _num(middle), "text": missing, "style": "no-data"})
            else:
                width = float(value) * scale
                chart.bars.append(
                    {
                        "y": y,
                        "width": _pct(width),
                        "height": BAR_HEIGHT,
                        "style": series["style"],
                        "label": money_short(value, language),
                        "label_x": _pct(width),
                        "label_y": _num(middle),
                        "title": _point_title(names[key], year, value, language),
                    }
                )
            y += BAR_HEIGHT + BAR_GAP
        y += ROW_GAP - BAR_GAP
        if year in gaps:
            chart.rows.append({"y": y + 18, "text": _no_data_text(*gaps[year]), "style": "gap"})
            y += GAP_ROW
            chart.has_gaps = True
    chart.plot_top, chart.plot_bottom, chart.plot_height = 0, y, y
    chart.axis_label_y = y + 18
    chart.height = y + AXIS_BAND
    for tick in _ticks(top, step):
        chart.grid.append({"x": _pct(float(tick) * scale)})
        chart.axis_labels.append(
            {
                "x": _pct(float(tick) * scale),
                "text": money_short(tick, language),
                "anchor": "start" if tick == 0 else "middle",
            }
        )


def year_labels(first: int, last: int) -> list[int]:
    """The years the axis names: every `step`-th year, the smallest step of `YEAR_STEPS`
    whose labels do not crowd each other at the narrowest width (5 for a few decades).

    The first and last years are named by the labels of the first and last values.
    """
    span = max(last - first, 1)
    per_year = NARROW_WIDTH * (LINE_RIGHT - LINE_LEFT) / 100 / span
    room = (_label_width("0000") + LABEL_GAP) / per_year  # years between two labels
    step = next((s for s in YEAR_STEPS if s >= room), YEAR_STEPS[-1])
    return [year for year in range(first, last + 1) if year % step == 0]


def _draw_line(chart: Chart, keys: list, years: list[int], totals: dict, language: str):
    names = series_names()
    first, last = years[0], years[-1]
    top, step = nice_ceiling(max(v for key in keys for v in totals[key].values()))
    chart.plot_top, chart.plot_bottom = LINE_TOP, LINE_TOP + LINE_PLOT_HEIGHT
    chart.plot_height = LINE_PLOT_HEIGHT
    chart.axis_label_y = chart.plot_bottom + 20
    chart.height = chart.plot_bottom + AXIS_BAND + 4

    # Geometry is in floats (pixels and percentages); money stays Decimal.
    def x(year: float) -> float:  # percent of the width
        return LINE_LEFT + (LINE_RIGHT - LINE_LEFT) * (year - first) / (last - first)

    def y(value: Decimal) -> float:  # pixels from the top
        return chart.plot_bottom - LINE_PLOT_HEIGHT * float(value) / float(top)

    def px(year: float) -> float:  # horizontal position at the narrowest width, in pixels
        return x(year) * NARROW_WIDTH / 100

    texts = []  # boxes of the text placed so far, at the narrowest width
    for tick in _ticks(top, step):
        tick_y = y(tick)
        chart.grid.append({"y": _num(tick_y)})
        if tick:  # the axis itself says zero
            text = money_short(tick, language)
            chart.axis_labels.append({"x": "0", "y": _num(tick_y - 4), "text": text})
            texts.append(_text_box(0, _label_width(text), tick_y - 4))
    for year in year_labels(first, last):
        chart.axis_labels.append(
            {"x": _pct(x(year)), "y": str(chart.axis_label_y), "text": str(year), "tick": True}
        )
    for gap_first, gap_last in _missing_runs(years):
        left, right = x(gap_first - 0.5), x(gap_last + 0.5)
        label = gettext("no data")
        width = _label_width(label)
        wide_enough = (right - left) * NARROW_WIDTH / 100 > width
        chart.gaps.append(
            {
                "x": _pct(left),
                "width": _pct(right - left),
                "label_x": _pct((left + right) / 2),
                "label": label if wide_enough else "",
                "title": _no_data_text(gap_first, gap_last),
            }
        )
        if wide_enough:
            middle = (left + right) / 2 * NARROW_WIDTH / 100
            texts.append(_text_box(middle - width / 2, middle + width / 2, chart.plot_top + 16))
    chart.has_gaps = bool(chart.gaps)

    per_year = NARROW_WIDTH * (LINE_RIGHT - LINE_LEFT) / 100 / (last - first)
    radius = "3.5" if per_year >= 14 else "2.5"
    point_title = gettext("%(series)s, %(year)s: %(value)s")
    # What the value labels should avoid, as drawn at the narrowest width.
    dots, segments = [], []
    ends = []
    for series, key in zip(chart.series, keys, strict=True):
        values = totals[key]
        known = sorted(values)
        # Each point once: percent across, pixels down, pixels across at the narrowest width.
        at = {year: (_pct(x(year)), y(values[year]), px(year)) for year in known}
        for year in known:
            across, down, narrow = at[year]
            chart.points.append(
                {
                    "x": across,
                    "y": _num(down),
                    "r": radius,
                    "style": series["style"],
                    "title": point_title
                    % {
                        "series": names[key],
                        "year": year,
                        "value": money_phrase(values[year], language),
                    },
                }
            )
            dots.append((narrow, down))
        for a, b in pairwise(known):
            if b != a + 1:
                continue  # a year without a value breaks the line
            chart.segments.append(
                {
                    "x1": at[a][0],
                    "y1": _num(at[a][1]),
                    "x2": at[b][0],
                    "y2": _num(at[b][1]),
                    "style": series["style"],
                }
            )
            segments.append(((at[a][2], at[a][1]), (at[b][2], at[b][1])))
        for anchor, year in (("start", known[0]), ("end", known[-1])):
            ends.append(
                {
                    "anchor": anchor,
                    "style": series["style"],
                    "year": year,
                    "point_y": y(values[year]),
                    "text": gettext("%(year)s: %(value)s")
                    % {"year": year, "value": money_short(values[year], language)},
                }
            )
    for anchor in ("start", "end"):
        # At each end the labels keep the order of their points: the upper point's label
        # above it, the lower one's below, so each label sits by its own line.
        side = sorted(
            (lab for lab in ends if lab["anchor"] == anchor), key=lambda lab: lab["point_y"]
        )
        for i, label in enumerate(side):
            below = len(side) > 1 and i == len(side) - 1
            wanted = label["point_y"] + (TEXT_HEIGHT + 2 if below else -8)
            width = _label_width(label["text"])
            left = px(label["year"]) - (width if anchor == "end" else 0)
            baseline = _free_baseline(left, left + width, wanted, texts, segments, dots, chart)
            texts.append(_text_box(left, left + width, baseline))
            chart.value_labels.append(
                {
                    "x": _pct(x(label["year"])),
                    "y": _num(baseline),
                    "text": label["text"],
                    "anchor": anchor,
                    "style": label["style"],
                }
            )


def _text_box(left: float, right: float, baseline: float) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a line of chart text, with room for the larger size."""
    return (left - 2, baseline - TEXT_HEIGHT + 4, right + 2, baseline + 4)


def _free_baseline(left, right, wanted, texts, segments, dots, chart) -> float:
    """The baseline nearest `wanted` where a label spanning left..right crosses no other
    text, and crosses as few of the lines and points as possible."""
    # What lies under the label's width, as the vertical extent it covers there: the same
    # whatever the baseline, so each candidate baseline only compares intervals.
    text_spans = [(top, bottom) for x0, top, x1, bottom in texts if x0 < right and left < x1]
    line_spans = [
        _span_between(a, b, left, right)
        for a, b in segments
        if b[0] >= left and a[0] <= right  # segments run left to right
    ]
    line_spans += [(y - 3, y + 3) for x, y in dots if left - 3 <= x <= right + 3]

    # Interval counting by bisection: spans meeting [top, bottom] are those starting by
    # `bottom` less those ending before `top`.
    text_starts, text_ends = sorted(a for a, _ in text_spans), sorted(b for _, b in text_spans)
    line_starts, line_ends = sorted(a for a, _ in line_spans), sorted(b for _, b in line_spans)

    def score(baseline):
        _, top, _, bottom = _text_box(left, right, baseline)
        clashes = bisect_left(text_starts, bottom) - bisect_right(text_ends, top)
        hits = bisect_right(line_starts, bottom) - bisect_left(line_ends, top)
        # A label may cross a line (its halo keeps it legible) rather than drift away
        # from its point: each crossing weighs as much as moving 8 pixels.
        return (clashes, abs(baseline - wanted) + 8 * hits)

    # Nearest candidates first: once a free place is found, none further away can be better.
    candidates = sorted(range(TEXT_HEIGHT, chart.plot_bottom - 3, 2), key=lambda b: abs(b - wanted))
    best, best_score = candidates[0], score(candidates[0])
    for baseline in candidates[1:]:
        if best_score[0] == 0 and abs(baseline - wanted) >= best_score[1]:
            break
        current = score(baseline)
        if current < best_score:
            best, best_score = baseline, current
    return best


def _span_between(a, b, left, right) -> tuple[float, float] | None:
    """The vertical extent of the straight line from a to b between x = left and right."""
    (xa, ya), (xb, yb) = sorted((a, b))
    if xb < left or xa > right:
        return None
    if xb == xa:
        return (min(ya, yb), max(ya, yb))

    def at(x):
        return ya + (yb - ya) * (min(max(x, xa), xb) - xa) / (xb - xa)

    y1, y2 = at(max(left, xa)), at(min(right, xb))
    return (min(y1, y2), max(y1, y2))


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
    """Per flow, the largest HS chapters of the latest year with chapter figures, with shares.

    Chapters are named by their official title; documents from before titles were stored
    name them by their sentence form.
    """
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
                        "name": f.get("chapter_title") or f.get("chapter_name") or "",
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
        {"name": name, "years": formatting.year_ranges(years)}
        for name, years in sorted(years_by_source.items())
    ]


def trade_at_a_glance(figures: list[dict]) -> dict:
    language = get_language() or "en"
    totals = totals_by_series(_decimal_rows(figures))
    charts = [
        chart
        for chart in (
            trade_chart(
                TradeKind.MERCHANDISE, gettext("Merchandise trade by year"), totals, language
            ),
            trade_chart(TradeKind.SERVICES, gettext("Services trade by year"), totals, language),
        )
        if chart
    ]
    return {
        "charts": charts,
        "table": figures_table(totals, language),
        "top_chapters": top_chapters(figures, totals, language),
        "sources": sources(figures),
    }
