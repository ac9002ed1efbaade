"""Factories for trade data. Generated test data, never shipped as content."""

import datetime
from decimal import Decimal

import factory

from tests.relations.factories import ProfileFactory
from trade.models import ExportMarketRank, HSChapter, Sector, TradeFigure, TradeMission


class HSChapterFactory(factory.django.DjangoModelFactory):
    """A chapter by code. The migration ships every chapter, so this finds the real one
    (its names then come from the nomenclature, not from the arguments)."""

    class Meta:
        model = HSChapter
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{n % 97 + 1:02d}")
    title_en = factory.Sequence(lambda n: f"Goods {n} (test data)")
    title_fr = factory.Sequence(lambda n: f"Biens {n} (données d’essai)")
    name_en = factory.Sequence(lambda n: f"goods {n}")
    name_fr = factory.Sequence(lambda n: f"les biens {n}")


class TradeFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TradeFigure

    profile = factory.SubFactory(ProfileFactory)
    year = 2019
    flow = "export"
    kind = "merchandise"
    chapter = None
    value = Decimal("1000000")
    source_en = "Test source"
    source_fr = "Source d’essai"


class ExportMarketRankFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExportMarketRank

    profile = factory.SubFactory(ProfileFactory)
    year = 2019
    rank = 7


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ["name_en"]

    name_en = factory.Sequence(lambda n: f"sector {n}")
    name_fr = factory.Sequence(lambda n: f"secteur {n}")


class TradeMissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TradeMission

    profile = factory.SubFactory(ProfileFactory)
    date = datetime.date(2019, 6, 1)
    date_precision = "month"
    leader_name = "Pat Example"
    leader_title_en = "Minister of Trade"
    leader_title_fr = "ministre du Commerce"


GENERATED_SOURCE = {
    "source_en": "Generated test data, not statistics",
    "source_fr": "Données d’essai générées, non des statistiques",
}


def generated_merchandise_totals(*, profile, years, flows=("export", "import")) -> None:
    """Made-up yearly merchandise totals for `years` (generated test data, never content).

    Exports climb from about $150 million with a dip every seventh year; imports rise more
    slowly with their own dips, so the lines cross and wander like real series.
    """
    for i, year in enumerate(years):
        values = {
            "export": 150_000_000 + 38_000_000 * i - (90_000_000 if i % 7 == 6 else 0),
            "import": 90_000_000 + 31_000_000 * i + (40_000_000 if i % 5 == 2 else 0),
        }
        for flow in flows:
            TradeFigureFactory(
                profile=profile,
                year=year,
                flow=flow,
                kind="merchandise",
                value=Decimal(values[flow]),
                **GENERATED_SOURCE,
            )
