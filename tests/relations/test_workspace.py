"""A new profile in one step, and a profile's admin page reaching every row it owns."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from relations.models import Country, Profile, Section
from relations.workspace import partners_without_profile, profile_create
from tests.helpers import page_text
from tests.relations.factories import MeetingFactory, SectionFactory
from tests.trade.factories import TradeFigureFactory

STANDARD_KINDS = ["political", "trade", "culture", "meetings", "representation"]


@pytest.mark.parametrize(
    ("code", "slug", "slug_fr"),
    [("JP", "japan", "japon"), ("DE", "germany", "allemagne"), ("CI", "cote-divoire", None)],
)
def test_profile_create_fills_the_addresses_and_the_standard_sections(
    db, home_country, code, slug, slug_fr
):
    partner = Country.objects.get(code=code)
    profile = profile_create(partner=partner, relations_established_year=1950)
    assert profile.slug == slug
    if slug_fr:
        assert profile.slug_fr == slug_fr
    sections = list(Section.objects.for_profile(profile).order_by("position"))
    assert [s.kind for s in sections] == STANDARD_KINDS
    assert all(s.heading_en and s.heading_fr for s in sections)
    assert sections[1].heading_fr == "Relations commerciales"
    assert not any(s.body_en or s.body_fr for s in sections)


def test_profile_create_copies_the_sections_of_another_profile_without_their_text(
    canada_russia,
):
    profile = profile_create(
        partner=Country.objects.get(code="JP"),
        relations_established_year=1928,
        structure_from=canada_russia,
    )
    copied = Section.objects.for_profile(profile).order_by("position")
    original = Section.objects.for_profile(canada_russia).order_by("position")
    assert [(s.kind, s.key, s.heading_fr) for s in copied] == [
        (s.kind, s.key, s.heading_fr) for s in original
    ]
    assert len(copied) == 6
    assert not any(s.body_en for s in copied)


def test_profile_create_refuses_the_home_country_and_a_partner_with_a_profile(canada_russia):
    with pytest.raises(ValidationError):
        profile_create(partner=Country.objects.home(), relations_established_year=1950)
    with pytest.raises(ValidationError):
        profile_create(partner=canada_russia.partner, relations_established_year=1950)
    assert Profile.objects.count() == 1


def test_the_partner_list_leaves_out_the_home_country_and_partners_with_a_profile(
    canada_russia,
):
    codes = set(partners_without_profile().values_list("code", flat=True))
    assert "JP" in codes
    assert "CA" not in codes and "RU" not in codes


def test_add_profile_in_the_admin_creates_it_with_its_sections(editor_client, canada_russia):
    url = reverse("admin:relations_profile_add")
    form = page_text(editor_client.get(url))
    assert "Japan" in form
    japan = Country.objects.get(code="JP")
    response = editor_client.post(
        url, {"partner": japan.pk, "relations_established_year": 1928, "structure": "standard"}
    )
    profile = Profile.objects.get(partner=japan)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:relations_profile_change", args=[profile.pk])
    assert (profile.slug, profile.slug_fr) == ("japan", "japon")
    assert Section.objects.for_profile(profile).count() == 5


def test_add_profile_refuses_the_home_country_with_a_message(editor_client, canada_russia):
    home = Country.objects.home()
    response = editor_client.post(
        reverse("admin:relations_profile_add"),
        {"partner": home.pk, "relations_established_year": 1928, "structure": "standard"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in page_text(response)
    assert Profile.objects.count() == 1


def test_profile_page_links_every_kind_of_row_with_counts_and_prefilled_add_links(
    editor_client, testland
):
    SectionFactory(profile=testland, kind="trade", key="trade")
    TradeFigureFactory(profile=testland)
    MeetingFactory(profile=testland)
    response = editor_client.get(reverse("admin:relations_profile_change", args=[testland.pk]))
    html = response.content.decode()
    for model in (
        "trade/tradefigure",
        "trade/exportmarketrank",
        "trade/keycommodity",
        "trade/trademission",
        "culture/highlight",
        "relations/meeting",
        "relations/diplomaticmission",
    ):
        assert f"/admin/{model}/?profile__id__exact={testland.pk}" in html
        assert f"/admin/{model}/add/?profile={testland.pk}" in html
    text = page_text(response)
    assert "Trade figures: 1" in text
    assert "Meetings: 1" in text
    assert f"/admin/trade/tradefigure/import/?profile={testland.slug}" in html
    for group in ("sections", "consultation_topics", "fora", "missions", "key_commodities"):
        assert f'href="#{group}-group"' in html


def test_the_add_link_prefills_the_profile(editor_client, testland):
    response = editor_client.get(reverse("admin:relations_meeting_add") + f"?profile={testland.pk}")
    assert f'<option value="{testland.pk}" selected>' in response.content.decode()
