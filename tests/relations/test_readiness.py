"""The readiness checklist: one test per rule it states, over a small matrix of profiles."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from relations.readiness import BLOCKING, OK, WARNING, profile_readiness
from relations.revisions import PublishingRefused, revision_publish
from tests.culture.factories import HighlightFactory
from tests.helpers import page_text
from tests.relations.factories import (
    ConsultationTopicFactory,
    DiplomaticMissionFactory,
    MeetingFactory,
    MultilateralForumFactory,
    SectionFactory,
)
from tests.trade.factories import ExportMarketRankFactory, HSChapterFactory, TradeFigureFactory
from trade.models import KeyCommodity


def texts(profile, level=None) -> list[str]:
    return [
        item.text
        for item in profile_readiness(profile).items
        if level is None or item.level == level
    ]


def section(profile, kind, **fields):
    return SectionFactory(profile=profile, kind=kind, key=kind, **fields)


@pytest.fixture(params=["testland", "canada_russia"])
def any_profile(request):
    """The checklist's rules hold for a made-up profile and for the shipped one."""
    return request.getfixturevalue(request.param)


def test_rank_of_another_year_than_the_latest_exports_is_not_used(testland):
    section(testland, "trade")
    TradeFigureFactory(profile=testland, year=2024, value=Decimal("17200000000"))
    TradeFigureFactory(profile=testland, year=2022, value=Decimal("9000000000"))
    ExportMarketRankFactory(profile=testland, year=2023, rank=2)
    assert "Rank 2023 is not used: the latest export figures are for 2024." in texts(
        testland, WARNING
    )


def test_rank_of_the_latest_export_year_is_said(testland):
    section(testland, "trade")
    TradeFigureFactory(profile=testland, year=2024)
    ExportMarketRankFactory(profile=testland, year=2024, rank=2)
    assert "Says the partner was the 2nd export market in 2024." in texts(testland, OK)
    assert not [t for t in texts(testland) if t.startswith("Rank")]


def test_no_rank_for_the_export_year_is_a_warning(testland):
    section(testland, "trade")
    TradeFigureFactory(profile=testland, year=2024)
    assert "No export-market rank for 2024: that sentence is left out." in texts(testland)


def test_figures_without_a_trade_section_will_not_appear(any_profile):
    from relations.models import Section

    Section.objects.for_profile(any_profile).filter(kind="trade").delete()
    for year in range(1990, 2006):
        TradeFigureFactory(profile=any_profile, year=year, flow="import", kind="services")
    count = any_profile.trade_figures.count()
    assert f"No trade section: the {count} figures will not appear." in texts(any_profile, WARNING)


def test_rows_without_their_section_are_named_for_every_kind(testland):
    MeetingFactory(profile=testland)
    DiplomaticMissionFactory(profile=testland)
    HighlightFactory(profile=testland)
    ConsultationTopicFactory(profile=testland)
    warnings = texts(testland, WARNING)
    assert "No meetings section: the 1 meeting will not appear." in warnings
    assert "No diplomatic representation section: the 1 diplomatic mission will not appear." in (
        warnings
    )
    assert "No culture section: the 1 highlight will not appear." in warnings
    assert (
        "No political relations section: the consultation topics and multilateral fora will "
        "not appear." in warnings
    )


def test_a_missing_french_text_blocks_publishing_and_is_listed(testland, publisher):
    section(testland, "prose", body_en="Some prose.", body_fr="")
    readiness = profile_readiness(testland)
    blocking = readiness.blocking
    assert blocking and "1 text is missing in one language" in blocking[0].text
    assert any("prose (French)" in detail for detail in blocking[0].details)
    with pytest.raises(PublishingRefused):
        revision_publish(profile=testland, by=publisher, change_note_en="x", change_note_fr="y")


def test_a_missing_summary_blocks_publishing(testland):
    testland.summary_fr = ""
    testland.save()
    [item] = profile_readiness(testland).blocking
    assert any("summary (French)" in detail for detail in item.details)


def test_a_prose_section_without_text_blocks_publishing(testland, publisher):
    section(testland, "prose", heading_en="Arctic", body_en="", body_fr="")
    assert "“Arctic” has no text: the page would show its heading alone." in texts(
        testland, BLOCKING
    )
    with pytest.raises(PublishingRefused) as refused:
        revision_publish(profile=testland, by=publisher, change_note_en="x", change_note_fr="y")
    assert any("Arctic" in problem for problem in refused.value.problems)


def test_a_profile_without_sections_is_warned(testland):
    assert "The page has no sections: it will show only its title." in texts(testland, WARNING)


def test_single_export_year_says_no_growth(testland):
    section(testland, "trade")
    TradeFigureFactory(profile=testland, year=2019)
    assert "Export figures for one year only: no growth is stated." in texts(testland)
    TradeFigureFactory(profile=testland, year=2015)
    assert "Compares exports of 2015 with 2019." in texts(testland, OK)


def test_no_export_figures_is_a_warning(testland):
    section(testland, "trade")
    assert texts(testland, WARNING)[0].startswith("No merchandise export figures")


def test_listed_key_commodities_are_unused_when_chapter_figures_exist(testland):
    section(testland, "trade")
    chapter = HSChapterFactory(code="84")
    TradeFigureFactory(profile=testland, year=2019, chapter=chapter)
    KeyCommodity.objects.create(
        profile=testland, flow="export", chapter=HSChapterFactory(code="27")
    )
    warnings = texts(testland, WARNING)
    assert (
        "The 1 key export you listed is not used: the HS chapter figures of "
        "2019 name the largest ones." in warnings
    )
    assert any(t.startswith("Names the key exports:") for t in texts(testland, OK))


def test_listed_key_commodities_are_named_without_chapter_figures(testland):
    section(testland, "trade")
    TradeFigureFactory(profile=testland, year=2019)
    KeyCommodity.objects.create(
        profile=testland, flow="export", chapter=HSChapterFactory(code="27")
    )
    oks = texts(testland, OK)
    assert any(t.startswith("Names the key exports:") for t in oks)
    assert "No key imports: that sentence is left out." in texts(testland, WARNING)


def test_political_section_says_its_anniversary_topics_and_fora(testland):
    testland.relations_established_year = 1951  # 69 years by May 2020: no milestone
    testland.save()
    section(testland, "political")
    assert "No consultation topics: that sentence is left out." in texts(testland, WARNING)
    ConsultationTopicFactory(profile=testland)
    MultilateralForumFactory(profile=testland)
    oks = texts(testland, OK)
    assert "Says diplomatic relations were established in 1951." in oks
    assert "Names 1 consultation topic." in oks


def test_political_milestone_anniversary(testland):
    testland.relations_established_year = 1970
    testland.save()
    section(testland, "political")
    assert "Says this year marks the 50th anniversary of diplomatic relations." in texts(testland)


def test_meetings_and_representation_sections_say_what_they_tell(testland):
    section(testland, "meetings")
    section(testland, "representation")
    warnings = texts(testland, WARNING)
    assert "No meetings: the section shows only its heading and prose." in warnings
    assert "None of our missions in the partner country: that sentence is left out." in warnings
    MeetingFactory(profile=testland)
    DiplomaticMissionFactory(profile=testland)
    oks = texts(testland, OK)
    assert "Tells of 1 meeting." in oks
    assert "Names our missions in the partner country." in oks


def test_culture_section_names_its_highlights(testland):
    section(testland, "culture")
    assert "No cultural highlights: the section shows only its prose." in texts(testland)
    HighlightFactory(profile=testland)
    assert any(t.startswith("Names 1 highlight:") for t in texts(testland, OK))


def test_the_shipped_profile_is_ready(canada_russia):
    readiness = profile_readiness(canada_russia)
    assert readiness.ready, [item.text for item in readiness.blocking]


def test_the_checklist_speaks_french_in_a_french_admin(testland):
    section(testland, "trade")
    TradeFigureFactory(profile=testland, year=2024)
    ExportMarketRankFactory(profile=testland, year=2023)
    with translation.override("fr"):
        items = texts(testland, WARNING)
    assert (
        "Le rang de 2023 n’est pas utilisé\u00a0: les derniers chiffres d’exportation sont de 2024."
        in items
    )


def test_profile_page_preview_and_publish_screen_show_the_checklist(publisher_client, testland):
    section(testland, "prose", heading_en="Arctic", body_en="", body_fr="")
    urls = [
        reverse("admin:relations_profile_change", args=[testland.pk]),
        reverse("admin:profile_preview", args=[testland.pk, "en"]),
        reverse("admin:profile_publish", args=[testland.pk]),
    ]
    for url in urls:
        text = page_text(publisher_client.get(url))
        assert "Not ready to publish" in text, url
        assert "“Arctic” has no text" in text, url


def test_publish_screen_refuses_while_blocking_items_remain(publisher_client, testland):
    section(testland, "prose", heading_en="Arctic", body_en="", body_fr="")
    response = publisher_client.post(
        reverse("admin:profile_publish", args=[testland.pk]),
        {
            "change_note_en": "First.",
            "change_note_fr": "Premier.",
            "is_major": "on",
            "expected_latest": "0",
        },
    )
    assert response.status_code == 200
    assert "“Arctic” has no text" in page_text(response)
    assert not testland.revisions.exists()
