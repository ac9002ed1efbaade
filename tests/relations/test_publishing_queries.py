"""Publishing costs a number of queries that does not grow with the profile's rows.

Each test builds two made-up profiles (generated data), a small and a large one with every
kind of row (figures, meetings, missions, trade missions and their sectors, highlights), and
compares the queries of the same action on each.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relations.models import Section
from relations.revisions import revision_publish
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


def generated_profile(size: str):
    """A profile with every section kind and `SIZES[size]` rows (generated test data)."""
    years, chapter_count, rows = SIZES[size]
    code = {"small": "XS", "large": "XL"}[size]
    partner = CountryFactory(code=code, name_en=f"Testland {size}", name_fr=f"Testlande {size}")
    profile = ProfileFactory(partner=partner, slug=f"testland-{size}")
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


def queries_of(action) -> int:
    with CaptureQueriesContext(connection) as queries:
        action()
    return len(queries)


@pytest.mark.django_db
def test_publishing_costs_the_same_queries_for_10_or_1000_figures(publisher):
    assert publisher.has_perm("relations.publish_revision")  # permissions read once, here
    counts = {}
    for size in SIZES:
        profile = generated_profile(size)
        counts[size] = queries_of(
            lambda profile=profile: revision_publish(
                profile=profile,
                by=publisher,
                change_note_en="Generated.",
                change_note_fr="Généré.",
            )
        )
        assert profile.revisions.get().number == 1
    assert counts["small"] == counts["large"]


@pytest.mark.django_db
def test_the_publish_form_costs_the_same_queries_for_10_or_1000_figures(publisher_client):
    counts = {}
    for size in SIZES:
        profile = generated_profile(size)
        url = f"/admin/relations/profile/{profile.pk}/publish/"
        publisher_client.get(url)  # the session's first read is not the form's cost
        counts[size] = queries_of(lambda url=url: publisher_client.get(url))
    assert counts["small"] == counts["large"]
