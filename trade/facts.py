"""Trade facts computed from the yearly figures: totals, growth, rank, key commodities.

A year's total is its explicit total row when there is one, otherwise the sum of its HS
chapter rows: editors may import either, and the page must not count both.
"""

from collections import defaultdict
from decimal import Decimal

from relations.models import Profile
from trade.models import ExportMarketRank, Flow, KeyCommodity, TradeFigure, TradeKind

TOP_COMMODITIES = 5


def yearly_totals(profile: Profile) -> dict[tuple[str, str], dict[int, Decimal]]:
    """{(flow, kind): {year: value}} using explicit totals first, chapter sums otherwise."""
    rows = TradeFigure.objects.for_profile(profile).values_list(
        "flow", "kind", "year", "chapter_id", "value"
    )
    return totals_by_series(rows)


def totals_by_series(rows) -> dict[tuple[str, str], dict[int, Decimal]]:
    """The same rule over plain (flow, kind, year, chapter or None, value) rows."""
    explicit: dict[tuple[str, str], dict[int, Decimal]] = defaultdict(dict)
    summed: dict[tuple[str, str], dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for flow, kind, year, chapter, value in rows:
        if chapter is None:
            explicit[(flow, kind)][year] = value
        else:
            summed[(flow, kind)][year] += value
    totals = {}
    for key in {*explicit, *summed}:
        years = dict(summed.get(key, {}))
        years.update(explicit.get(key, {}))
        totals[key] = dict(sorted(years.items()))
    return totals


def export_rank(profile: Profile, year: int) -> int | None:
    rank = ExportMarketRank.objects.for_profile(profile).filter(year=year).first()
    return rank.rank if rank else None


def key_commodities(profile: Profile, flow: str, year: int | None) -> list[dict]:
    """The largest HS chapters of the year's merchandise trade, or the editor's list.

    Each item: {"code", "name": {"en", "fr"}, "value" (str or None)}.
    """
    if year is not None:
        largest = (
            TradeFigure.objects.for_profile(profile)
            .merchandise()
            .by_chapter()
            .filter(flow=flow, year=year)
            .select_related("chapter")
            .order_by("-value", "chapter__code")[:TOP_COMMODITIES]
        )
        if largest:
            return [
                {
                    "code": f.chapter.code,
                    "name": {"en": f.chapter.name_en, "fr": f.chapter.name_fr},
                    "value": str(f.value),
                }
                for f in largest
            ]
    listed = KeyCommodity.objects.for_profile(profile).filter(flow=flow).select_related("chapter")
    return [
        {"code": k.chapter.code, "name": {"en": k.chapter.name_en, "fr": k.chapter.name_fr}}
        for k in listed
    ]


MERCHANDISE_EXPORTS = (Flow.EXPORT, TradeKind.MERCHANDISE)
MERCHANDISE_IMPORTS = (Flow.IMPORT, TradeKind.MERCHANDISE)
SERVICES_EXPORTS = (Flow.EXPORT, TradeKind.SERVICES)
SERVICES_IMPORTS = (Flow.IMPORT, TradeKind.SERVICES)
