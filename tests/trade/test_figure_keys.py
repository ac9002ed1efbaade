"""The database itself keeps one figure per key, totals included, whoever writes."""

import pytest
from django.db import IntegrityError, connection, transaction

from tests.trade.factories import TradeFigureFactory
from trade.models import HSChapter, TradeFigure


@pytest.mark.parametrize("code", ["", "84"], ids=["total", "chapter"])
def test_a_repeated_key_is_refused_by_the_database(testland, code):
    chapter = HSChapter.objects.get(code=code) if code else None
    TradeFigureFactory(profile=testland, year=2011, chapter=chapter)

    with pytest.raises(IntegrityError), transaction.atomic():
        TradeFigure.objects.bulk_create([TradeFigure(**figure_key(testland, chapter))])

    assert TradeFigure.objects.count() == 1


def test_a_total_and_its_chapters_share_year_flow_and_kind(testland):
    TradeFigureFactory(profile=testland, year=2011)
    for code in ("84", "27"):
        TradeFigureFactory(profile=testland, year=2011, chapter=HSChapter.objects.get(code=code))

    assert TradeFigure.objects.filter(profile=testland, year=2011).count() == 3


def figure_key(profile, chapter) -> dict:
    return {
        "profile": profile,
        "year": 2011,
        "flow": "export",
        "kind": "merchandise",
        "chapter": chapter,
        "value": 1,
        "source_en": "S",
        "source_fr": "S",
    }


@pytest.mark.django_db
def test_figure_pages_keep_room_for_in_place_updates_on_postgresql():
    """A re-import rewrites figures; with room on their page PostgreSQL skips the indexes."""
    if connection.vendor != "postgresql":
        pytest.skip("fillfactor is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reloptions FROM pg_class WHERE relname = %s", [TradeFigure._meta.db_table]
        )
        assert cursor.fetchone()[0] == ["fillfactor=70"]
