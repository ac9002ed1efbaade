"""Pages that list what is live (index, "See all updates", feeds, sitemap) and the open data
files come from stored bytes like the profile page, with validators, and are forgotten on
publish, on withdrawal and when a scheduled revision goes live (without any job)."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from relations.models import Revision
from relations.revisions import revision_publish, revision_withdraw
from tests.helpers import generation_check_queries, publication_in_effect
from tests.relations.factories import CountryFactory, MeetingFactory, ProfileFactory

LISTINGS = [
    "/en/relations/",
    "/fr/relations/",
    "/en/relations/testland/updates/",
    "/fr/relations/testlande/updates/",
    "/en/relations/updates.atom",
    "/fr/relations/testlande/updates.atom",
    "/sitemap.xml",
]
FIGURES = [
    "/en/relations/testland/revisions/1/figures.csv",
    "/fr/relations/testlande/revisions/1/figures.json",
]


def publish(profile, by, **options):
    return revision_publish(
        profile=profile, by=by, change_note_en="New.", change_note_fr="Nouveau.", **options
    )


@pytest.fixture
def testland(publisher):
    profile = ProfileFactory(slug="testland", slug_fr="testlande")
    MeetingFactory(profile=profile)
    publish(profile, publisher)
    return profile


def otherland(number: int = 0):
    """Another made-up partner (generated test data)."""
    return ProfileFactory(
        slug=f"otherland{number}",
        slug_fr=f"autreland{number}",
        partner=CountryFactory(
            code=f"Q{number}", name_en=f"Otherland {number}", name_fr=f"Autrelande {number}"
        ),
    )


@pytest.mark.parametrize("url", LISTINGS + FIGURES)
def test_warm_listings_and_files_make_only_the_generation_check(
    client, testland, url, django_assert_num_queries
):
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(generation_check_queries()):
        warm = client.get(url)
    assert warm.content == first.content
    assert warm["ETag"] == first["ETag"]


@pytest.mark.parametrize("url", LISTINGS + FIGURES)
def test_listings_and_files_have_validators_and_answer_304(client, testland, url):
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"] and "public" in first["Cache-Control"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


@pytest.mark.parametrize("url", FIGURES)
def test_open_data_answers_304_without_the_page_cache(client, testland, url, settings):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "page_cache" not in m]
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_publish_reaches_the_index_updates_and_feeds(
    client, testland, publisher, django_capture_on_commit_callbacks
):
    before = {url: client.get(url).content for url in LISTINGS}
    other = otherland()
    with django_capture_on_commit_callbacks(execute=True):
        publish(other, publisher)
        publish(testland, publisher, is_major=True)
    with publication_in_effect():
        assert b"Otherland 0" in client.get("/en/relations/").content
        assert b"Autrelande 0" in client.get("/fr/relations/").content
        assert b"otherland0" in client.get("/sitemap.xml").content
        assert b"/revisions/2/" in client.get("/en/relations/testland/updates/").content
        assert b"/revisions/2/" in client.get("/fr/relations/testlande/updates.atom").content
        assert all(client.get(url).content != before[url] for url in LISTINGS)


def test_a_scheduled_revision_reaches_the_listings_at_its_go_live_time(
    client, testland, publisher, settings, django_capture_on_commit_callbacks
):
    """No job runs and nothing is forgotten: the stored listings expire by themselves."""
    settings.PUBLICATION_CHECK_SECONDS = 60
    now = timezone.now()
    go_live = now + datetime.timedelta(minutes=5)
    other = otherland()
    with django_capture_on_commit_callbacks(execute=True):
        publish(other, publisher, go_live_at=go_live)
        publish(testland, publisher, go_live_at=go_live)
    with publication_in_effect():
        for url in LISTINGS:
            client.get(url)  # stored, until the go-live
        assert b"Otherland 0" not in client.get("/en/relations/").content
    with time_machine.travel(go_live + datetime.timedelta(seconds=1)):
        assert b"Otherland 0" in client.get("/en/relations/").content
        assert b"autreland0" in client.get("/sitemap.xml").content
        assert b"/revisions/2/" in client.get("/en/relations/testland/updates/").content
        assert b"/revisions/2/" in client.get("/en/relations/updates.atom").content


def test_a_withdrawal_leaves_the_listings(
    client, testland, publisher, django_capture_on_commit_callbacks
):
    for url in LISTINGS:
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        revision_withdraw(revision=Revision.objects.get(), by=publisher, reason="Wrong.")
    with publication_in_effect():
        assert b"testland" not in client.get("/en/relations/").content
        assert b"testland" not in client.get("/sitemap.xml").content
        assert client.get("/en/relations/testland/updates/").status_code == 404
        assert client.get(FIGURES[0]).status_code == 410


@pytest.mark.parametrize("profiles", [1, 8])
def test_the_index_reads_no_snapshot_in_the_same_queries_for_any_number_of_profiles(
    client, testland, publisher, profiles, django_assert_num_queries
):
    for number in range(profiles):
        publish(otherland(number), publisher)
    # (generation check,) live revisions, their heads, Date modified, next go-live
    with django_assert_num_queries(generation_check_queries() + 4) as queries:
        page = client.get("/en/relations/")
    assert page.content.count(b'href="/en/relations/otherland') == profiles
    assert not [q["sql"] for q in queries.captured_queries if "document" in q["sql"]]
