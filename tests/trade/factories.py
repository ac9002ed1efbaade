"""Factories for trade data. Generated test data, never shipped as content."""

import datetime
from decimal import Decimal

import factory

from tests.relations.factories import ProfileFactory
from trade.models import ExportMarketRank, HSChapter, Sector, TradeFigure, TradeMission


class HSChapterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HSChapter
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{n % 97 + 1:02d}")
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
