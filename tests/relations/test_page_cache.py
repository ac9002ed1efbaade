"""Published pages come from stored bytes: no query beyond the publication generation check,
scheduled pages on time, and every path (rendered, cache hit, WSGI memory) says the same."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from relations.models import Revision
from relations.publication_clock import shared_cache
from relations.release import release_tag
from relations.revisions import revision_publish, revision_withdraw
from tests.helpers import generation_check_queries, page_text, publication_in_effect, wsgi_get
from trade.models import TradeFigure

PAGE = "/en/relations/russia/"


def live_pk(number: int = 1) -> int:
    return Revision.objects.get(profile__slug="russia", number=number).pk


def publish_new_export_figure(profile, publisher, **options):
    TradeFigure.objects.filter(year=2011, flow="export").update(value=Decimal("2000000000"))
    return revision_publish(
        profile=profile, by=publisher, change_note_en="x", change_note_fr="x", **options
    )


def test_warm_live_page_makes_only_the_generation_check(
    client, canada_russia, django_assert_num_queries
):
    """With local memory the check reads the newest audit entry; with Redis, Redis."""
    first = client.get(PAGE)
    with django_assert_num_queries(generation_check_queries()) as queries:
        warm = client.get(PAGE)
    assert all("relations_auditentry" in q["sql"] for q in queries.captured_queries)
    assert warm.status_code == 200
    assert warm.content == first.content
    assert warm["ETag"] == first["ETag"]


def test_between_generation_checks_a_warm_page_makes_no_query(
    client, canada_russia, settings, django_assert_num_queries
):
    settings.PUBLICATION_CHECK_SECONDS = 60
    first = client.get(PAGE)
    client.get("/fr/relations/russie/revisions/1/")
    with django_assert_num_queries(0):
        client.get("/fr/relations/russie/revisions/1/")
        warm = client.get(PAGE)
    assert warm.content == first.content


def test_warm_permalink_makes_only_the_generation_check(
    client, canada_russia, django_assert_num_queries
):
    first = client.get("/fr/relations/russie/revisions/1/")
    with django_assert_num_queries(generation_check_queries()):
        warm = client.get("/fr/relations/russie/revisions/1/")
    assert warm.content == first.content
    assert "immutable" in warm["Cache-Control"]


def test_revalidation_gets_304_from_the_cache_layer(
    client, canada_russia, django_assert_num_queries
):
    etag = client.get(PAGE)["ETag"]
    with django_assert_num_queries(generation_check_queries()):
        response = client.get(PAGE, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert response["Vary"] == "Accept-Encoding"


def test_publishing_shows_the_new_revision_at_once(
    client, publisher, canada_russia, settings, django_capture_on_commit_callbacks
):
    settings.PUBLICATION_CHECK_SECONDS = 300
    old = client.get(PAGE)
    with django_capture_on_commit_callbacks(execute=True):
        publish_new_export_figure(canada_russia, publisher)
    with publication_in_effect():
        new = client.get(PAGE)
    assert new["ETag"] != old["ETag"]
    assert "$2 billion in 2011" in page_text(new)


def test_a_publish_by_another_process_is_seen_at_the_next_generation_check(
    client, publisher, canada_russia, settings
):
    """Another process's publish: this one only sees its audit entry in the database."""
    if shared_cache():
        pytest.skip("with Redis, tests/test_two_app_servers.py runs two processes")
    settings.PUBLICATION_CHECK_SECONDS = 300
    old = client.get(PAGE)
    publish_new_export_figure(canada_russia, publisher)  # on_commit never runs in this test
    assert client.get(PAGE)["ETag"] == old["ETag"]
    settings.PUBLICATION_CHECK_SECONDS = 0
    assert "$2 billion in 2011" in page_text(client.get(PAGE))


def test_processes_without_redis_switch_to_a_publish_together(publisher, canada_russia, settings):
    """Two processes on one database read the publication at different moments; both
    switch at the same time (its audit entry's time plus two intervals), so a reader sent
    from one to the other never gets an older revision after a newer one."""
    if shared_cache():
        pytest.skip("with Redis, tests/test_two_app_servers.py runs two processes")
    import time

    from relations.models import AuditEntry
    from relations.publication_clock import PublicationClock

    settings.PUBLICATION_CHECK_SECONDS = 0.05
    first, second = PublicationClock(), PublicationClock()
    before = first.generation()
    assert second.generation() == before
    publish_new_export_figure(canada_russia, publisher)  # by another process: no on_commit
    written_at = AuditEntry.objects.latest("pk").at
    time.sleep(0.06)  # both checks are due (intervals run on the real monotonic clock)
    with time_machine.travel(written_at + datetime.timedelta(seconds=0.05), tick=False):
        assert first.generation() == before, "one process switched before the other read it"
    time.sleep(0.06)
    with time_machine.travel(written_at + datetime.timedelta(seconds=0.11), tick=False):
        after = first.generation()
        assert after != before
        assert second.generation() == after


def test_scheduled_revision_goes_live_on_time_through_the_cache(
    client, publisher, canada_russia, settings
):
    settings.PUBLICATION_CHECK_SECONDS = 300
    now = timezone.now()
    revision_publish(
        profile=canada_russia,
        by=publisher,
        go_live_at=now + datetime.timedelta(minutes=1),
        change_note_en="Later.",
        change_note_fr="Plus tard.",
    )
    before = client.get(PAGE)
    with time_machine.travel(now + datetime.timedelta(minutes=1, seconds=1)):
        after = client.get(PAGE)
    assert after["ETag"] != before["ETag"]


def test_withdrawn_permalink_is_gone_even_after_being_cached(
    client, publisher, canada_russia, django_capture_on_commit_callbacks
):
    assert client.get("/en/relations/russia/revisions/1/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        revision_withdraw(
            revision=Revision.objects.get(number=1), by=publisher, reason="Superseded"
        )
    with publication_in_effect():
        assert client.get("/en/relations/russia/revisions/1/").status_code == 410


def test_head_requests_get_headers_without_a_body(client, canada_russia):
    client.get(PAGE)
    response = client.head(PAGE)
    assert response.status_code == 200
    assert response.content == b""


def test_etag_and_last_modified_name_the_release(client, canada_russia, settings):
    """After a deploy, a reader revalidating with the old ETag gets the new bytes."""
    old = client.get(PAGE)
    assert old["ETag"] == f'"r{live_pk()}-en-{release_tag()}"'
    settings.PAGE_CACHE_VERSION = "next-release"
    assert release_tag().startswith("next-release.")
    again = client.get(PAGE, HTTP_IF_NONE_MATCH=old["ETag"])
    assert again.status_code == 200
    assert again["ETag"] != old["ETag"] and "next-release" in again["ETag"]


def test_the_release_follows_the_templates(settings, tmp_path):
    from relations import release

    template = tmp_path / "page.html"
    template.write_text("one")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    release._fingerprint.cache_clear()
    try:
        before = release.release_tag()
        template.write_text("two")
        release._fingerprint.cache_clear()
        assert release.release_tag() != before
    finally:
        release._fingerprint.cache_clear()


def test_memory_fast_path_answers_without_django_or_queries(
    canada_russia, settings, django_assert_num_queries
):
    settings.PUBLICATION_CHECK_SECONDS = 60
    first_status, _, first_body = wsgi_get(PAGE)
    with django_assert_num_queries(0):
        status, headers, body = wsgi_get(PAGE)
    assert first_status == status == "200 OK"
    assert body == first_body
    etag = f'"r{live_pk()}-en-{release_tag()}"'
    assert headers["ETag"] == etag
    assert headers["Content-Length"] == str(len(body))
    assert headers["Vary"] == "Accept-Encoding"
    not_modified, headers, empty = wsgi_get(PAGE, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.startswith("304") and empty == b""
    assert headers["Vary"] == "Accept-Encoding"


def test_memory_fast_path_checks_a_due_generation_itself_without_entering_django(
    canada_russia, settings, django_assert_num_queries
):
    from django.core.signals import request_started

    settings.PUBLICATION_CHECK_SECONDS = 0
    wsgi_get(PAGE)
    requests = []

    def entered_django(**kwargs):
        requests.append(kwargs)

    request_started.connect(entered_django)
    try:
        with django_assert_num_queries(generation_check_queries()):
            assert wsgi_get(PAGE)[0] == "200 OK"
    finally:
        request_started.disconnect(entered_django)
    assert requests == []


def test_memory_fast_path_refuses_unknown_hosts(canada_russia, settings):
    settings.PUBLICATION_CHECK_SECONDS = 30
    wsgi_get(PAGE)
    status, _, _ = wsgi_get(PAGE, host="evil.example")
    assert status.startswith("400")


def test_memory_fast_path_lets_a_scheduled_revision_go_live_on_time(
    canada_russia, publisher, settings, django_capture_on_commit_callbacks
):
    settings.PUBLICATION_CHECK_SECONDS = 30
    now = timezone.now()
    wsgi_get(PAGE)
    with django_capture_on_commit_callbacks(execute=True):
        revision_publish(
            profile=canada_russia,
            by=publisher,
            go_live_at=now + datetime.timedelta(seconds=60),
            change_note_en="Later.",
            change_note_fr="Plus tard.",
        )
    with time_machine.travel(now + datetime.timedelta(seconds=31)):
        before = wsgi_get(PAGE)[1]["ETag"]
        assert wsgi_get(PAGE)[1]["ETag"] == before  # the second from memory
    with time_machine.travel(now + datetime.timedelta(seconds=61)):
        after = wsgi_get(PAGE)[1]["ETag"]
    assert before == f'"r{live_pk(1)}-en-{release_tag()}"'
    assert after == f'"r{live_pk(2)}-en-{release_tag()}"'


def test_an_address_change_renders_the_pages_again(
    client, canada_russia, settings, django_capture_on_commit_callbacks
):
    from relations.page_cache import forget_profile_pages

    settings.PUBLICATION_CHECK_SECONDS = 300
    assert 'href="/fr/relations/russie/"' in client.get(PAGE).content.decode()
    canada_russia.slug_fr = "federation-de-russie"
    canada_russia.save()
    forget_profile_pages(canada_russia.slug)
    with publication_in_effect():
        page = client.get(PAGE).content.decode()
    assert 'href="/fr/relations/federation-de-russie/"' in page
