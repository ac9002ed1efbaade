"""Every public page describes itself as Canada.ca and search engines expect, in its language."""

import datetime
import json
import re
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone, translation

from relations.models import Revision
from relations.revisions import PublishingRefused, revision_publish
from tests.helpers import publication_in_effect
from tests.relations.factories import MeetingFactory, ProfileFactory, SectionFactory

TORONTO_2020 = datetime.datetime(2020, 5, 4, 14, 0, tzinfo=datetime.UTC)


def head(response) -> str:
    assert response.status_code == 200
    return response.content.decode().split("</head>")[0]


def meta(head_html: str, name: str) -> str | None:
    found = re.search(
        rf'<meta (?:name|property)="{re.escape(name)}"[^>]* content="([^"]*)"', head_html
    )
    return found and found[1]


def links(head_html: str, rel: str) -> list[tuple[str, str]]:
    """(hreflang or type, href) of each <link rel=...>."""
    return [
        (attrs.get("hreflang") or attrs.get("type") or "", attrs["href"])
        for attrs in (
            dict(re.findall(r'(\w[\w:-]*)="([^"]*)"', tag))
            for tag in re.findall(r"<link [^>]*>", head_html)
        )
        if attrs.get("rel") == rel
    ]


@pytest.fixture
def testland(publisher):
    with time_machine.travel(TORONTO_2020):
        profile = ProfileFactory(slug="testland", slug_fr="testlande")
        MeetingFactory(profile=profile)
        revision_publish(
            profile=profile, by=publisher, change_note_en="First.", change_note_fr="Un."
        )
    return profile


LANGUAGES = {
    "en": {
        "path": "/en/relations/testland/",
        "title": "Canada-Testland Relations",
        "summary": "Testland and Canada cooperate closely.",
        "iso": "eng",
        "creator": "Global Affairs Canada",
        "subject": "International relations",
        "locale": "en_CA",
        "other_locale": "fr_CA",
    },
    "fr": {
        "path": "/fr/relations/testlande/",
        "title": "Relations Canada-Testlande",
        "summary": "La Testlande et le Canada coopèrent étroitement.",
        "iso": "fra",
        "creator": "Affaires mondiales Canada",
        "subject": "Relations internationales",
        "locale": "fr_CA",
        "other_locale": "en_CA",
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_live_page_has_the_canada_ca_metadata_in_its_language(client, testland, language):
    expected = LANGUAGES[language]
    page = head(client.get(expected["path"]))
    assert meta(page, "description") == expected["summary"]
    assert meta(page, "dcterms.title") == expected["title"]
    assert meta(page, "dcterms.language") == expected["iso"]
    assert 'title="ISO639-2/T"' in page
    assert meta(page, "dcterms.creator") == expected["creator"]
    assert meta(page, "dcterms.issued") == "2020-05-04"
    assert meta(page, "dcterms.modified") == "2020-05-04"
    assert meta(page, "dcterms.subject") == expected["subject"]
    assert meta(page, "og:title") == expected["title"]
    assert meta(page, "og:description") == expected["summary"]
    assert meta(page, "og:locale") == expected["locale"]
    assert meta(page, "og:locale:alternate") == expected["other_locale"]
    assert meta(page, "robots") is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_live_page_has_a_canonical_link_and_absolute_hreflang_for_both_languages(
    client, testland, language
):
    page = head(client.get(LANGUAGES[language]["path"]))
    assert links(page, "canonical") == [("", f"http://testserver{LANGUAGES[language]['path']}")]
    assert meta(page, "og:url") == f"http://testserver{LANGUAGES[language]['path']}"
    assert [link for link in links(page, "alternate") if "atom" not in link[0]] == [
        ("en", "http://testserver/en/relations/testland/"),
        ("fr", "http://testserver/fr/relations/testlande/"),
        ("x-default", "http://testserver/relations/testland/"),
    ]


def test_x_default_sends_each_reader_to_their_language(client, testland):
    english = client.get("/relations/testland/", HTTP_ACCEPT_LANGUAGE="en")
    assert english["Location"] == "/en/relations/testland/"
    french = client.get("/relations/testland/", HTTP_ACCEPT_LANGUAGE="fr-CA,fr;q=0.9")
    assert french["Location"] == "/fr/relations/testland/"
    assert client.get(french["Location"])["Location"] == "/fr/relations/testlande/"


def test_site_url_names_the_public_origin_whatever_host_was_asked(client, testland, settings):
    settings.SITE_URL = "https://relations.example.ca"
    settings.ALLOWED_HOSTS = ["testserver", "internal.example"]
    page = head(client.get("/fr/relations/testlande/", HTTP_HOST="internal.example"))
    assert links(page, "canonical") == [
        ("", "https://relations.example.ca/fr/relations/testlande/")
    ]
    assert "internal.example" not in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_permalink_is_not_indexed_and_is_its_own_canonical(client, testland, language):
    url = f"{LANGUAGES[language]['path']}revisions/1/"
    page = head(client.get(url))
    assert meta(page, "robots") == "noindex"
    assert links(page, "canonical") == [("", f"http://testserver{url}")]
    assert ("fr", "http://testserver/fr/relations/testlande/revisions/1/") in links(
        page, "alternate"
    )


def test_index_and_updates_pages_describe_themselves_too(client, testland):
    index = head(client.get("/fr/relations/"))
    assert meta(index, "description")
    assert meta(index, "dcterms.title") == "Relations bilatérales"
    assert links(index, "canonical") == [("", "http://testserver/fr/relations/")]
    updates = head(client.get("/fr/relations/testlande/updates/"))
    assert meta(updates, "dcterms.language") == "fra"
    assert meta(updates, "dcterms.modified") == "2020-05-04"
    assert links(updates, "canonical") == [
        ("", "http://testserver/fr/relations/testlande/updates/")
    ]


def test_preview_is_neither_indexed_nor_canonical(editor_client, testland):
    response = editor_client.get(f"/admin/relations/profile/{testland.pk}/preview/fr/")
    page = head(response)
    assert meta(page, "robots") == "noindex, nofollow"
    assert links(page, "canonical") == []
    assert meta(page, "description") == LANGUAGES["fr"]["summary"]


def test_the_fixture_page_describes_itself_with_the_reference_text(client, canada_russia):
    english = head(client.get("/en/relations/russia/"))
    french = head(client.get("/fr/relations/russie/"))
    assert meta(english, "description") == (
        "Canada and Russia enjoy a multifaceted and productive relationship as vast, "
        "resource-rich northern countries."
    )
    assert meta(french, "description") == (
        "Le Canada et la Russie entretiennent une relation multidimensionnelle et fructueuse "
        "en tant que vastes pays nordiques riches en ressources."
    )


@pytest.mark.parametrize(
    ("summary_en", "summary_fr", "missing"),
    [("", "", "summary (English)"), ("Testland.", "", "summary (French)"), ("", "T.", "English")],
)
def test_publishing_needs_the_summary_in_both_languages(publisher, summary_en, summary_fr, missing):
    profile = ProfileFactory(summary_en=summary_en, summary_fr=summary_fr)
    with translation.override("en"), pytest.raises(PublishingRefused) as refused:
        revision_publish(profile=profile, by=publisher, change_note_en="x", change_note_fr="x")
    assert any(missing in problem for problem in refused.value.problems)
    assert not Revision.objects.exists()


def test_editor_sees_a_one_language_summary_refused_in_the_admin(editor_client, testland):
    from tests.helpers import admin_form_data

    url = f"/admin/relations/profile/{testland.pk}/change/"
    data = admin_form_data(editor_client.get(url))
    data["summary_fr"] = ""
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Enter the French text too" in response.content.decode()


def test_a_permalink_keeps_the_summary_it_was_published_with(
    client, testland, publisher, django_capture_on_commit_callbacks
):
    testland.summary_en = "Testland and Canada trade more every year."
    testland.summary_fr = "La Testlande et le Canada échangent davantage chaque année."
    testland.save()
    assert meta(head(client.get("/en/relations/testland/")), "description") == (
        "Testland and Canada cooperate closely."
    )
    with django_capture_on_commit_callbacks(execute=True):
        revision_publish(profile=testland, by=publisher, change_note_en="2.", change_note_fr="2.")
    with publication_in_effect():
        assert meta(head(client.get("/en/relations/testland/")), "description") == (
            "Testland and Canada trade more every year."
        )
        assert meta(head(client.get("/en/relations/testland/revisions/1/")), "description") == (
            "Testland and Canada cooperate closely."
        )


def test_the_live_page_was_issued_when_the_profile_first_went_live(client, testland, publisher):
    with time_machine.travel(TORONTO_2020 + datetime.timedelta(days=40)):
        revision_publish(profile=testland, by=publisher, change_note_en="2.", change_note_fr="2.")
        page = head(client.get("/en/relations/testland/"))
        permalink = head(client.get("/en/relations/testland/revisions/2/"))
    assert meta(page, "dcterms.issued") == "2020-05-04"
    assert meta(page, "dcterms.modified") == "2020-06-13"
    assert meta(permalink, "dcterms.issued") == "2020-06-13"


def test_a_stored_schema_1_revision_renders_without_a_description(rf, canada_russia):
    from relations.rendering import render_profile_page

    path = Path(__file__).parent / "data" / "snapshot-schema-1.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    with translation.override("en"):
        response = render_profile_page(
            rf.get("/en/relations/russia/"), document, date_modified=timezone.now()
        )
    body = response.content.decode()
    assert '<meta name="description"' not in body
    # Its month-precision meeting ("in April 2012") gets a month datetime after the upgrade.
    assert '<time datetime="2012-04">in April 2012</time>' in body
    assert '<time datetime="2012-05-07">on May 7, 2012</time>' in body


def test_month_precision_dates_say_only_the_month(client, publisher):
    profile = ProfileFactory()
    SectionFactory(profile=profile, kind="meetings", body_en="", body_fr="")
    MeetingFactory(profile=profile, date=datetime.date(2019, 11, 1), date_precision="month")
    MeetingFactory(
        profile=profile,
        date=datetime.date(2019, 3, 4),
        kind="call",
        partner_participant_en="Minister Sample",
        partner_participant_fr="la ministre Échantillon",
    )
    revision_publish(profile=profile, by=publisher, change_note_en="x", change_note_fr="x")
    english = client.get("/en/relations/testland/").content.decode()
    french = client.get("/fr/relations/testland/").content.decode()
    assert '<time datetime="2019-11">in November 2019</time>' in english
    assert '<time datetime="2019-03-04">on March 4, 2019</time>' in english
    assert '<time datetime="2019-11">en novembre 2019</time>' in french
    assert 'datetime="2019-11-01"' not in english + french
