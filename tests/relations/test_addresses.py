"""French pages live at French addresses; the address in the other language redirects (301)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from relations.revisions import revision_publish
from tests.helpers import generation_check_queries, publication_in_effect
from tests.relations.factories import CountryFactory, MeetingFactory, ProfileFactory


def published(publisher, **profile_fields):
    """A profile published now, with a meeting so its pages have content."""
    profile = ProfileFactory(**profile_fields)
    MeetingFactory(profile=profile)
    revision_publish(profile=profile, by=publisher, change_note_en="First.", change_note_fr="Un.")
    return profile


@pytest.fixture
def testland(publisher):
    return published(publisher, slug="testland", slug_fr="testlande")


# English address under /fr/ -> French address, and the reverse, for every page of a profile.
REDIRECTS = [
    ("/fr/relations/testland/", "/fr/relations/testlande/"),
    ("/fr/relations/testland/updates/", "/fr/relations/testlande/updates/"),
    ("/fr/relations/testland/updates.atom", "/fr/relations/testlande/updates.atom"),
    ("/fr/relations/testland/revisions/1/", "/fr/relations/testlande/revisions/1/"),
    ("/fr/relations/testland/2020-05/", "/fr/relations/testlande/2020-05/"),
    (
        "/fr/relations/testland/revisions/1/figures.csv",
        "/fr/relations/testlande/revisions/1/figures.csv",
    ),
    ("/en/relations/testlande/", "/en/relations/testland/"),
    ("/en/relations/testlande/revisions/1/", "/en/relations/testland/revisions/1/"),
]


@pytest.mark.parametrize(("old", "new"), REDIRECTS)
def test_the_address_in_the_other_language_redirects_permanently(client, testland, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_the_redirect_keeps_the_query_string(client, testland):
    response = client.get("/fr/relations/testland/?utm_source=courriel")
    assert response["Location"] == "/fr/relations/testlande/?utm_source=courriel"


@pytest.mark.parametrize(
    "url",
    [
        "/fr/relations/testlande/",
        "/fr/relations/testlande/updates/",
        "/fr/relations/testlande/revisions/1/",
        "/fr/relations/testlande/revisions/1/figures.json",
        "/fr/relations/testlande/updates.atom",
        "/en/relations/testland/",
    ],
)
def test_each_language_answers_at_its_own_address(client, testland, url):
    assert client.get(url).status_code == 200


def test_the_fixture_profile_answers_at_russie_and_redirects_from_russia(client, canada_russia):
    assert client.get("/fr/relations/russie/").status_code == 200
    old = client.get("/fr/relations/russia/")
    assert (old.status_code, old["Location"]) == (301, "/fr/relations/russie/")


@pytest.mark.parametrize("url", ["/fr/relations/atlantide/", "/en/relations/atlantis/updates/"])
def test_an_address_no_profile_has_is_not_found(client, testland, url):
    assert client.get(url).status_code == 404


def test_language_toggle_and_links_use_the_address_of_each_language(client, testland):
    french = client.get("/fr/relations/testlande/").content.decode()
    english = client.get("/en/relations/testland/").content.decode()
    assert 'href="/en/relations/testland/" lang="en" hreflang="en"' in french
    assert 'href="/fr/relations/testlande/" lang="fr" hreflang="fr"' in english
    assert 'href="/fr/relations/testlande/updates/"' in french
    assert 'href="/fr/relations/testlande/updates.atom"' in french


def test_permalinks_and_the_updates_page_link_to_the_french_addresses(client, testland):
    updates = client.get("/fr/relations/testlande/updates/").content.decode()
    assert 'href="/fr/relations/testlande/revisions/1/"' in updates
    permalink = client.get("/fr/relations/testlande/revisions/1/").content.decode()
    assert 'href="/fr/relations/testlande/">' in permalink  # "Lire la version actuelle"
    assert 'href="/en/relations/testland/revisions/1/" lang="en"' in permalink


def test_figure_downloads_are_linked_at_the_french_address(client, canada_russia):
    body = client.get("/fr/relations/russie/").content.decode()
    assert 'href="/fr/relations/russie/revisions/1/figures.csv"' in body
    assert 'href="/fr/relations/russie/revisions/1/figures.json"' in body


def test_month_address_redirects_to_the_permalink_at_the_french_address(client, testland):
    response = client.get("/fr/relations/testlande/2020-05/")
    assert response["Location"] == "/fr/relations/testlande/revisions/1/"


def test_the_french_index_links_each_profile_at_its_french_address(client, testland, publisher):
    published(
        publisher,
        slug="otherland",
        slug_fr="autre-pays",
        partner=CountryFactory(code="XO", name_en="Otherland", name_fr="Autre Pays"),
    )
    french = client.get("/fr/relations/").content.decode()
    assert 'href="/fr/relations/testlande/"' in french
    assert 'href="/fr/relations/autre-pays/"' in french
    assert 'href="/en/relations/otherland/"' in client.get("/en/relations/").content.decode()


def test_french_pages_come_from_stored_bytes_like_english_ones(
    client, testland, django_assert_num_queries
):
    first = client.get("/fr/relations/testlande/")
    with django_assert_num_queries(generation_check_queries()):
        warm = client.get("/fr/relations/testlande/")
    assert warm.content == first.content
    assert warm["Content-Language"] == "fr"


def test_publishing_reaches_the_french_address_at_once(
    client, testland, publisher, django_capture_on_commit_callbacks
):
    old = client.get("/fr/relations/testlande/")
    MeetingFactory(profile=testland, date=datetime.date(2020, 4, 2))
    with django_capture_on_commit_callbacks(execute=True):
        revision_publish(
            profile=testland, by=publisher, change_note_en="Two.", change_note_fr="Deux."
        )
    with publication_in_effect():
        assert client.get("/fr/relations/testlande/")["ETag"] != old["ETag"]


def test_a_french_address_may_not_be_another_profiles_english_one(db, testland):
    other = ProfileFactory.build(
        slug="otherland", slug_fr="testland", partner=CountryFactory(code="XO")
    )
    with pytest.raises(ValidationError) as refused:
        other.full_clean()
    assert "slug_fr" in refused.value.message_dict


def test_an_english_address_may_not_be_another_profiles_french_one(db, testland):
    other = ProfileFactory.build(
        slug="testlande", slug_fr="autre", partner=CountryFactory(code="XO")
    )
    with pytest.raises(ValidationError) as refused:
        other.full_clean()
    assert "slug" in refused.value.message_dict


def test_editors_set_the_french_address_in_the_admin(editor_client, testland):
    from tests.helpers import admin_form_data

    url = f"/admin/relations/profile/{testland.pk}/change/"
    data = admin_form_data(editor_client.get(url))
    data["slug_fr"] = "la-testlande"
    assert editor_client.post(url, data).status_code == 302
    assert editor_client.get("/fr/relations/la-testlande/").status_code == 200
    assert editor_client.get("/fr/relations/testlande/").status_code == 404


def test_changing_an_address_renders_the_stored_pages_again_with_the_new_links(
    editor_client, client, testland, django_capture_on_commit_callbacks
):
    from tests.helpers import admin_form_data

    assert (
        'href="/fr/relations/testlande/"' in client.get("/en/relations/testland/").content.decode()
    )
    url = f"/admin/relations/profile/{testland.pk}/change/"
    data = admin_form_data(editor_client.get(url))
    data["slug_fr"] = "la-testlande"
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(url, data).status_code == 302
    english = client.get("/en/relations/testland/").content.decode()
    assert 'href="/fr/relations/la-testlande/"' in english
    assert 'href="/fr/relations/testlande/"' not in english
