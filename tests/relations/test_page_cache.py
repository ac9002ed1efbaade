"""Published pages come from stored bytes: at most one query, and scheduled pages on time."""

import datetime

import time_machine
from django.utils import timezone

from relations.revisions import revision_publish
from tests.helpers import page_text

PAGE = "/en/relations/russia/"


def test_warm_live_page_makes_at_most_one_query(client, canada_russia, django_assert_num_queries):
    first = client.get(PAGE)
    with django_assert_num_queries(1):
        warm = client.get(PAGE)
    assert warm.status_code == 200
    assert warm.content == first.content
    assert warm["ETag"] == first["ETag"]


def test_warm_permalink_makes_at_most_one_query(client, canada_russia, django_assert_num_queries):
    first = client.get("/fr/relations/russie/revisions/1/")
    with django_assert_num_queries(1):
        warm = client.get("/fr/relations/russie/revisions/1/")
    assert warm.content == first.content
    assert "immutable" in warm["Cache-Control"]


def test_within_the_staleness_window_no_query_is_made(
    client, canada_russia, settings, django_assert_num_queries
):
    settings.PUBLIC_PAGE_STALENESS = 30
    client.get(PAGE)
    client.get(PAGE)
    with django_assert_num_queries(0):
        assert client.get(PAGE).status_code == 200


def test_revalidation_gets_304_from_the_cache_layer(
    client, canada_russia, django_assert_num_queries
):
    etag = client.get(PAGE)["ETag"]
    with django_assert_num_queries(1):
        response = client.get(PAGE, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag


def test_publishing_shows_the_new_revision_at_once_even_within_the_window(
    client, publisher, canada_russia, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_PAGE_STALENESS = 300
    old = client.get(PAGE)
    from decimal import Decimal

    from trade.models import TradeFigure

    TradeFigure.objects.filter(year=2011, flow="export").update(value=Decimal("2000000000"))
    with django_capture_on_commit_callbacks(execute=True):
        revision_publish(
            profile=canada_russia, by=publisher, change_note_en="x", change_note_fr="x"
        )
    new = client.get(PAGE)
    assert new["ETag"] != old["ETag"]
    assert "$2 billion in 2011" in page_text(new)


def test_scheduled_revision_goes_live_on_time_through_the_cache(
    client, publisher, canada_russia, settings
):
    settings.PUBLIC_PAGE_STALENESS = 300
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


def test_withdrawn_permalink_is_gone_even_after_being_cached(client, publisher, canada_russia):
    from relations.models import Revision
    from relations.revisions import revision_withdraw

    assert client.get("/en/relations/russia/revisions/1/").status_code == 200
    revision_withdraw(revision=Revision.objects.get(number=1), by=publisher, reason="Superseded")
    assert client.get("/en/relations/russia/revisions/1/").status_code == 410


def test_head_requests_get_headers_without_a_body(client, canada_russia):
    client.get(PAGE)
    response = client.head(PAGE)
    assert response.status_code == 200
    assert response.content == b""


def live_pk(number: int = 1) -> int:
    from relations.models import Revision

    return Revision.objects.get(profile__slug="russia", number=number).pk


def wsgi_get(path: str, host: str = "testserver", **headers):
    """Call the production WSGI entry point directly, as gunicorn does."""
    from io import BytesIO

    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from config.wsgi import application

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": host,
        "wsgi.input": BytesIO(),
        "wsgi.url_scheme": "http",
        **headers,
    }
    status = []
    # As Django's test client does: keep the test's transaction and connection open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = application(environ, lambda s, h, exc=None: status.append((s, dict(h))))
        body = b"".join(result)
        getattr(result, "close", lambda: None)()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return status[0][0], status[0][1], body


def test_memory_fast_path_answers_without_django_or_queries(
    canada_russia, settings, django_assert_num_queries
):
    settings.PUBLIC_PAGE_STALENESS = 30
    first_status, _, first_body = wsgi_get(PAGE)
    with django_assert_num_queries(0):
        status, headers, body = wsgi_get(PAGE)
    assert first_status == status == "200 OK"
    assert body == first_body
    etag = f'"r{live_pk()}-en"'
    assert headers["ETag"] == etag
    assert headers["Content-Length"] == str(len(body))
    not_modified, _, empty = wsgi_get(PAGE, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.startswith("304") and empty == b""


def test_memory_fast_path_refuses_unknown_hosts(canada_russia, settings):
    settings.PUBLIC_PAGE_STALENESS = 30
    wsgi_get(PAGE)
    status, _, _ = wsgi_get(PAGE, host="evil.example")
    assert status.startswith("400")


def test_memory_fast_path_lets_a_scheduled_revision_go_live_on_time(
    canada_russia, publisher, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_PAGE_STALENESS = 300
    now = timezone.now()
    wsgi_get(PAGE)
    with django_capture_on_commit_callbacks(execute=True):
        revision_publish(
            profile=canada_russia,
            by=publisher,
            go_live_at=now + datetime.timedelta(seconds=30),
            change_note_en="Later.",
            change_note_fr="Plus tard.",
        )
    before = wsgi_get(PAGE)[1]["ETag"]
    with time_machine.travel(now + datetime.timedelta(seconds=31)):
        after = wsgi_get(PAGE)[1]["ETag"]
    assert before == f'"r{live_pk(1)}-en"'
    assert after == f'"r{live_pk(2)}-en"'
