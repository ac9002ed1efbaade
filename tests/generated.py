"""Generated profiles of any size, with every kind of row, for tests whose point is that a
cost does not grow with the data (generated test data, never content). Test modules import
from here, never from each other."""

import datetime
from decimal import Decimal

from relations.models import Section
from tests.culture.factories import HighlightFactory
from tests.relations.factories import (
    ConsultationTopicFactory,
    CountryFactory,
    DiplomaticMissionFactory,
    MeetingFactory,
    MultilateralForumFactory,
    ProfileFactory,
    SectionFactory,
)
from tests.trade.factories import (
    GENERATED_SOURCE,
    ExportMarketRankFactory,
    SectorFactory,
    TradeMissionFactory,
)
from trade.models import HSChapter, KeyCommodity, TradeFigure, TradeMissionSector

# Years, HS chapters a year, rows of every other kind: 10 and 1,000 figures.
SIZES = {"small": (5, 1, 1), "large": (10, 50, 4)}


def generated_profile(size: str, number: int = 0):
    """Profile `number` of `size` ("small": 10 figures and one row of every other kind,
    "large": 1,000 figures and four), with every section kind (generated test data)."""
    years, chapter_count, rows = SIZES[size]
    code = f"{'SL'[size == 'large']}{chr(65 + number)}"  # made-up codes: SA…, LA…
    name = f"{size} {number}"
    partner = CountryFactory(code=code, name_en=f"Testland {name}", name_fr=f"Testlande {name}")
    profile = ProfileFactory(partner=partner, slug=f"testland-{size}-{number}")
    for position, kind in enumerate(Section.Kind.values):
        SectionFactory(profile=profile, kind=kind, key=kind, position=position)
    chapters = list(HSChapter.objects.exclude(title_en="").order_by("code"))
    per_year = chapters[:chapter_count]
    TradeFigure.objects.bulk_create(
        TradeFigure(
            profile=profile,
            year=year,
            flow=flow,
            kind="merchandise",
            chapter=chapter,
            value=Decimal(1_000_000 + year),
            **GENERATED_SOURCE,
        )
        for year in range(2024 - years, 2024)
        for flow in ("export", "import")
        for chapter in per_year
    )
    assert profile.trade_figures.count() == {"small": 10, "large": 1000}[size]
    for n in range(rows):
        ConsultationTopicFactory(profile=profile)
        MultilateralForumFactory(profile=profile)
        MeetingFactory(profile=profile, date=datetime.date(2019, 3, n + 1))
        DiplomaticMissionFactory(profile=profile)
        ExportMarketRankFactory(profile=profile, year=2010 + n)
        KeyCommodity.objects.create(profile=profile, flow="export", chapter=chapters[n])
        mission = TradeMissionFactory(profile=profile, date=datetime.date(2019, 6, n + 1))
        for position in range(2):
            TradeMissionSector.objects.create(
                mission=mission, sector=SectorFactory(), position=position
            )
        HighlightFactory(profile=profile)
    return profile
