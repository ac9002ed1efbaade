"""How search engines, feed readers and browsers find the pages: robots.txt, sitemap.xml,
Atom feeds and the favicon. Only what is live: never a scheduled or withdrawn revision."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.contrib.staticfiles import finders
from django.utils import timezone

from relations.revisions import revision_publish, revision_withdraw
from tests.relations.factories import CountryFactory, MeetingFactory, ProfileFactory

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"
MAY_2020 = datetime.datetime(2020, 5, 4, 14, 0, tzinfo=datetime.UTC)


def publish(profile, by, *, note="First.", note_fr="Un.", **options):
    return revision_publish(
        profile=profile, by=by, change_note_en=note, change_note_fr=note_fr, **options
    )


@pytest.fixture
def testland(publisher):
    with time_machine.travel(MAY_2020):
        profile = ProfileFactory(slug="testland", slug_fr="testlande")
        MeetingFactory(profile=profile)
        publish(profile, publisher)
    return profile


def scheduled_only(publisher):
    """A profile whose one revision goes live tomorrow."""
    profile = ProfileFactory(
        slug="laterland",
        slug_fr="plus-tard",
        partner=CountryFactory(code="XL", name_en="Laterland", name_fr="Pays-Plus-Tard"),
    )
    publish(profile, publisher, go_live_at=timezone.now() + datetime.timedelta(days=1))
    return profile


def sitemap_entries(client) -> dict[str, dict]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.findtext(f"{SITEMAP}loc"): {
            "lastmod": url.findtext(f"{SITEMAP}lastmod"),
            "alternates": {
                link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")
            },
        }
        for url in root.iter(f"{SITEMAP}url")
    }


def feed_entries(client, url) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in root.iter(f"{ATOM}entry")
    ]


def test_robots_txt_lets_crawlers_in_keeps_them_out_of_the_admin_and_names_the_sitemap(
    client, db, settings
):
    settings.SITE_URL = "https://relations.example.ca"
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /" not in lines
    assert "Sitemap: https://relations.example.ca/sitemap.xml" in lines


def test_sitemap_lists_each_live_page_in_both_languages_with_alternates(client, testland):
    entries = sitemap_entries(client)
    alternates = {
        "en": "http://testserver/en/relations/testland/",
        "fr": "http://testserver/fr/relations/testlande/",
        "x-default": "http://testserver/relations/testland/",
    }
    assert entries["http://testserver/en/relations/testland/"]["alternates"] == alternates
    assert entries["http://testserver/fr/relations/testlande/"]["alternates"] == alternates
    assert "http://testserver/fr/relations/" in entries
    assert not [loc for loc in entries if "/revisions/" in loc]


def test_sitemap_lastmod_is_the_date_modified_of_the_live_revision(client, testland, publisher):
    with time_machine.travel(MAY_2020 + datetime.timedelta(days=30)):
        publish(testland, publisher, is_major=False, note="", note_fr="")  # a typo fix
    with time_machine.travel(MAY_2020 + datetime.timedelta(days=60)):
        entries = sitemap_entries(client)
    assert entries["http://testserver/fr/relations/testlande/"]["lastmod"] == "2020-05-04"
    assert entries["http://testserver/en/relations/"]["lastmod"] == "2020-05-04"


def test_a_scheduled_revision_never_reaches_the_sitemap(client, testland, publisher):
    scheduled_only(publisher)
    publish(testland, publisher, go_live_at=timezone.now() + datetime.timedelta(hours=1))
    entries = sitemap_entries(client)
    assert not [loc for loc in entries if "laterland" in loc or "plus-tard" in loc]
    assert entries["http://testserver/en/relations/testland/"]["lastmod"] == "2020-05-04"


def test_the_sitemap_names_the_public_origin(client, testland, settings):
    settings.SITE_URL = "https://relations.example.ca"
    assert "https://relations.example.ca/fr/relations/testlande/" in sitemap_entries(client)


def test_a_withdrawn_only_profile_leaves_the_sitemap(client, testland, publisher):
    revision_withdraw(revision=testland.revisions.get(), by=publisher, reason="Wrong figures")
    assert not [loc for loc in sitemap_entries(client) if "testland" in loc]


@pytest.mark.parametrize(
    ("url", "title", "link"),
    [
        (
            "/en/relations/testland/updates.atom",
            "Canada-Testland Relations: May 2020",
            "http://testserver/en/relations/testland/revisions/1/",
        ),
        (
            "/fr/relations/testlande/updates.atom",
            "Relations Canada-Testlande\u00a0: mai 2020",
            "http://testserver/fr/relations/testlande/revisions/1/",
        ),
        (
            "/fr/relations/updates.atom",
            "Relations Canada-Testlande\u00a0: mai 2020",
            "http://testserver/fr/relations/testlande/revisions/1/",
        ),
    ],
)
def test_feeds_list_major_updates_in_the_feed_language(client, testland, url, title, link):
    (entry,) = feed_entries(client, url)
    assert entry["title"] == title
    assert entry["link"] == link
    assert entry["summary"] in {"First.", "Un."}


def test_feeds_declare_their_language(client, testland):
    response = client.get("/fr/relations/testlande/updates.atom")
    assert ET.fromstring(response.content).get("{http://www.w3.org/XML/1998/namespace}lang") == (
        "fr"
    )


def test_scheduled_minor_and_withdrawn_revisions_are_not_in_the_feeds(client, testland, publisher):
    scheduled_only(publisher)
    publish(testland, publisher, is_major=False, note="", note_fr="")
    second = publish(testland, publisher, note="Second.", note_fr="Deux.")
    publish(
        testland,
        publisher,
        note="Later.",
        note_fr="Plus tard.",
        go_live_at=timezone.now() + datetime.timedelta(days=2),
    )
    revision_withdraw(revision=second, by=publisher, reason="Wrong figures")
    for url in ("/en/relations/updates.atom", "/en/relations/testland/updates.atom"):
        assert [entry["summary"] for entry in feed_entries(client, url)] == ["First."]


def test_the_site_feed_lists_every_profile_newest_first(client, testland, publisher):
    other = ProfileFactory(slug="otherland", partner=CountryFactory(code="XO", name_en="Otherland"))
    publish(other, publisher, note="Otherland.", note_fr="Autre.")
    titles = [entry["title"] for entry in feed_entries(client, "/en/relations/updates.atom")]
    assert titles == ["Canada-Otherland Relations: May 2020", "Canada-Testland Relations: May 2020"]


def test_a_scheduled_revision_joins_the_feed_once_it_goes_live(client, testland, publisher):
    go_live = timezone.now() + datetime.timedelta(hours=1)
    publish(testland, publisher, note="Later.", note_fr="Plus tard.", go_live_at=go_live)
    url = "/en/relations/testland/updates.atom"
    assert len(feed_entries(client, url)) == 1
    with time_machine.travel(go_live + datetime.timedelta(seconds=1)):
        assert [entry["summary"] for entry in feed_entries(client, url)] == ["Later.", "First."]


def test_the_feed_of_an_unknown_profile_is_not_found(client, testland):
    assert client.get("/en/relations/atlantis/updates.atom").status_code == 404


@pytest.mark.parametrize(
    ("url", "feeds"),
    [
        ("/en/relations/", ["/en/relations/updates.atom"]),
        (
            "/fr/relations/testlande/",
            ["/fr/relations/testlande/updates.atom", "/fr/relations/updates.atom"],
        ),
        (
            "/fr/relations/testlande/updates/",
            ["/fr/relations/testlande/updates.atom", "/fr/relations/updates.atom"],
        ),
    ],
)
def test_pages_announce_their_feeds(client, testland, url, feeds):
    head = client.get(url).content.decode().split("</head>")[0]
    announced = re.findall(
        r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', head
    )
    assert announced == feeds


def test_favicon_is_served_at_the_site_root(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert finders.find("img/favicon.svg")


def test_pages_link_the_favicon(client, testland):
    head = client.get("/en/relations/testland/").content.decode().split("</head>")[0]
    assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in head
    assert 'type="image/svg+xml"' in head
