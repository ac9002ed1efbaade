"""The admin's trade figure list stays fast with many profiles and figures: a bounded number of
queries, filters that read no row per profile, and a search that finds chapters, profiles and
sources by name."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.culture.factories import HighlightFactory
from tests.relations.factories import (
    CountryFactory,
    DiplomaticMissionFactory,
    MeetingFactory,
    ProfileFactory,
)
from tests.trade.factories import (
    ExportMarketRankFactory,
    HSChapterFactory,
    TradeFigureFactory,
    TradeMissionFactory,
)

FIGURES = reverse("admin:trade_tradefigure_changelist")


def profiles(count: int) -> list:
    """Made-up partners QA, QB, … each with its profile (test data)."""
    made = []
    for n in range(count):
        code = f"Q{chr(65 + n)}"
        partner = CountryFactory(
            code=code, name_en=f"Partnerland {code}", name_fr=f"Partenaire {code}"
        )
        made.append(ProfileFactory(slug=f"partner-{code.lower()}", partner=partner))
    return made


def queries_of(client, url: str, params=None) -> int:
    client.get(url, params)  # sessions and caches warm
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("url", "factory"),
    [
        (
            "admin:trade_tradefigure_changelist",
            lambda p, n: TradeFigureFactory(profile=p, year=2000 + n),
        ),
        (
            "admin:trade_exportmarketrank_changelist",
            lambda p, n: ExportMarketRankFactory(profile=p),
        ),
        ("admin:trade_trademission_changelist", lambda p, n: TradeMissionFactory(profile=p)),
        ("admin:relations_meeting_changelist", lambda p, n: MeetingFactory(profile=p)),
        (
            "admin:relations_diplomaticmission_changelist",
            lambda p, n: DiplomaticMissionFactory(profile=p),
        ),
        ("admin:culture_highlight_changelist", lambda p, n: HighlightFactory(profile=p)),
    ],
)
def test_a_list_filtered_by_profile_makes_the_same_queries_for_2_or_12_profiles(
    editor_client, url, factory
):
    few = profiles(12)
    for number, profile in enumerate(few[:2]):
        factory(profile, number)
    with_two = queries_of(editor_client, reverse(url))

    for number, profile in enumerate(few[2:], start=2):
        factory(profile, number)

    assert queries_of(editor_client, reverse(url)) == with_two


def test_the_figure_list_counts_once(editor_client, testland):
    TradeFigureFactory(profile=testland)

    with CaptureQueriesContext(connection) as captured:
        editor_client.get(FIGURES)

    counts = [query["sql"] for query in captured if "COUNT(" in query["sql"].upper()]
    assert len(counts) == 1, counts


def test_the_year_filter_lists_every_year_from_the_last_to_the_first(editor_client, testland):
    for year in (1999, 2003, 2011):
        TradeFigureFactory(profile=testland, year=year)

    response = editor_client.get(FIGURES)

    [years] = [spec for spec in response.context["cl"].filter_specs if spec.title == "year"]
    assert [value for value, _label in years.lookup_choices] == [
        str(year) for year in range(2011, 1998, -1)
    ]


def test_the_year_filter_refuses_a_year_that_is_not_digits(editor_client, testland):
    TradeFigureFactory(profile=testland, year=2011)

    response = editor_client.get(FIGURES, {"year": "٢٠١١"})

    assert response.status_code == 200
    assert response.context["cl"].result_count == 1  # the filter is ignored, nothing breaks


@pytest.mark.parametrize(
    ("search", "years"),
    [
        ("machinery", [2011]),  # a chapter's name
        ("84", [2011]),  # a chapter's code
        ("Statistics Canada", [2012]),  # a source, as a phrase
        ("statistics", [2012]),  # part of a source, any case
        ("Partnerland QB", [2013]),  # a partner's name
        ("partner-qb", [2013]),  # a profile's slug
        ("machinery testland", [2011]),  # every word: chapter and partner
        ("nothing-like-this", []),
    ],
)
def test_the_figure_list_searches_chapters_profiles_and_sources(
    editor_client, testland, search, years
):
    machinery = HSChapterFactory(code="84", name_en="machinery", name_fr="machines")
    [other] = profiles(2)[1:]
    TradeFigureFactory(profile=testland, year=2011, chapter=machinery, source_en="Agency")
    TradeFigureFactory(profile=testland, year=2012, source_en="Statistics Canada")
    TradeFigureFactory(profile=other, year=2013, source_en="Agency")

    response = editor_client.get(FIGURES, {"q": search})

    assert response.status_code == 200
    assert sorted(f.year for f in response.context["cl"].result_list) == years


@pytest.mark.skipif(connection.vendor != "postgresql", reason="planner statistics: PostgreSQL")
def test_an_unfiltered_list_on_postgresql_counts_from_the_statistics(
    editor_client, testland, monkeypatch
):
    from relations import admin_lists

    for year in range(1990, 2010):
        TradeFigureFactory(profile=testland, year=year)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE trade_tradefigure")
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = 'trade_tradefigure'")
        estimate = cursor.fetchone()[0]
    monkeypatch.setattr(admin_lists, "ESTIMATE_ABOVE", -1)

    unfiltered = editor_client.get(FIGURES)
    filtered = editor_client.get(FIGURES, {"year": "2001"})

    assert unfiltered.context["cl"].result_count == estimate
    assert filtered.context["cl"].result_count == 1
