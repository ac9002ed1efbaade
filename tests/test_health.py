"""The load balancer's health check."""

import json
import socket
import time

from tests.helpers import manage


def test_health_reports_database_and_cache_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_health_fails_when_the_cache_does_not_answer(client, db, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["cache"] == "error: no round trip"


def test_health_answers_503_in_seconds_when_the_database_never_answers():
    """A PostgreSQL that accepts the connection and then says nothing (overloaded, stopped):
    the check gives up after DATABASE_CONNECT_TIMEOUT instead of hanging its worker."""
    check = (
        "from django.test import Client; from django.test.utils import setup_test_environment; "
        "setup_test_environment(); response = Client().get('/healthz'); "
        "print(response.status_code, response.content.decode())"
    )
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        started = time.monotonic()
        result = manage(
            "shell",
            "-c",
            check,
            DATABASE_URL=f"postgres://nobody@127.0.0.1:{port}/relations",
            DATABASE_CONNECT_TIMEOUT="1",
        )
        elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    status, body = result.stdout.strip().splitlines()[-1].split(" ", 1)
    assert status == "503"
    assert json.loads(body)["database"] == "error: OperationalError"
    assert json.loads(body)["cache"] == "ok"
    assert elapsed < 30
