"""Two app processes behind one database and one Redis behave as one site."""

import datetime
import http.cookiejar
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.skipif(
        not (
            os.environ.get("DATABASE_URL", "").startswith("postgres")
            and os.environ.get("REDIS_URL")
        ),
        reason="needs DATABASE_URL (PostgreSQL) and REDIS_URL shared by both processes",
    ),
    pytest.mark.django_db(transaction=True),
]


def database_url() -> str:
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "postgres")
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return (
        f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


def server_environment(static_root: Path, secret_key: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secret_key,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SESSION_COOKIE_SECURE": "false",
        "DJANGO_CSRF_COOKIE_SECURE": "false",
        "CACHE_KEY_PREFIX": settings.CACHES["default"].get("KEY_PREFIX", ""),
        "DJANGO_STATIC_ROOT": str(static_root),
    }


def start_server(port: int, env: dict) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return process
        except OSError:
            time.sleep(0.2)
    os.killpg(process.pid, signal.SIGTERM)
    raise RuntimeError("app server did not start")


@pytest.fixture
def two_servers(tmp_path, settings):
    # The test signs sessions with the same secret as the servers, to log a publisher in.
    settings.SECRET_KEY = secrets.token_urlsafe(50)
    env = server_environment(tmp_path / "static", settings.SECRET_KEY)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    servers = [start_server(18121, env), start_server(18122, env)]
    yield ("http://127.0.0.1:18121", "http://127.0.0.1:18122")
    for server in servers:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def page_etag(base: str) -> str:
    with urllib.request.urlopen(f"{base}/en/relations/russia/", timeout=10) as response:
        return response.headers["ETag"]


def page_text(base: str) -> str:
    with urllib.request.urlopen(f"{base}/en/relations/russia/", timeout=10) as response:
        return response.read().decode()


def publish_through_admin(base: str, session_key: str) -> None:
    """Publish with the admin's publish form on one app server, as a logged-in publisher."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("Cookie", f"sessionid={session_key}")]
    from relations.models import Profile

    url = f"{base}/admin/relations/profile/{Profile.objects.get(slug='russia').pk}/publish/"
    form = opener.open(url, timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    csrf_cookie = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    fields = {
        "csrfmiddlewaretoken": token,
        "expected_latest": "1",
        "is_major": "on",
        "change_note_en": "New export figure.",
        "change_note_fr": "Nouveau chiffre d’exportation.",
    }
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode(fields).encode(),
        headers={"Referer": url, "Cookie": f"sessionid={session_key}; csrftoken={csrf_cookie}"},
    )
    page = urllib.request.urlopen(request, timeout=10).read().decode()
    assert "Live now: revision 2." in page


def test_a_revision_published_on_one_server_is_served_by_the_other_straight_after(
    two_servers, publisher
):
    first, second = two_servers
    call_command("loaddata", "fixtures/canada-russia.json", verbosity=0)
    from trade.models import TradeFigure

    assert page_etag(first) == page_etag(second)  # both warm, from Redis
    TradeFigure.objects.filter(year=2011, flow="export").update(value=Decimal("2000000000"))
    browser = Client()
    browser.force_login(publisher)
    publish_through_admin(first, browser.cookies["sessionid"].value)
    # Every server switches to a new publication together, one check interval (0.1 s) later.
    time.sleep(0.3)
    assert "$2 billion in 2011" in page_text(second)
    assert page_etag(first) == page_etag(second)


def test_a_scheduled_revision_goes_live_on_both_servers(two_servers, publisher):
    first, second = two_servers
    call_command("loaddata", "fixtures/canada-russia.json", verbosity=0)
    from relations.models import Profile
    from relations.revisions import revision_publish

    before = page_etag(first), page_etag(second)
    go_live = timezone.now() + datetime.timedelta(seconds=3)
    revision_publish(
        profile=Profile.objects.get(slug="russia"),
        by=publisher,
        go_live_at=go_live,
        change_note_en="Scheduled.",
        change_note_fr="Programmée.",
    )
    assert (page_etag(first), page_etag(second)) == before
    time.sleep(max(0, (go_live - timezone.now()).total_seconds()) + 0.5)
    after = page_etag(first), page_etag(second)
    assert after[0] == after[1] != before[0]


def revision_served(base: str, path: str = "/en/relations/russia/") -> int:
    """The revision a page was served from, by its ETag ("r<pk>-…")."""
    with urllib.request.urlopen(f"{base}{path}", timeout=10) as response:
        return int(re.match(r'"r(\d+)-', response.headers["ETag"]).group(1))


def test_a_publish_reaches_every_server_within_two_tenths_of_a_second_and_never_goes_back(
    two_servers, publisher
):
    """Warm pages come from each process's memory, checked against the shared publication
    generation at most every 0.1 s; a reader moving between servers never sees an older
    revision after a newer one."""
    call_command("loaddata", "fixtures/canada-russia.json", verbosity=0)
    from relations.models import Profile
    from relations.revisions import revision_publish

    paths = ("/en/relations/russia/", "/fr/relations/russie/")
    for base in two_servers * 3:
        for path in paths:
            revision_served(base, path)
    for _round in range(2):
        before = revision_served(two_servers[0])
        revision = revision_publish(
            profile=Profile.objects.get(slug="russia"),
            by=publisher,
            change_note_en="Again.",
            change_note_fr="De nouveau.",
        )
        published_at = time.monotonic()
        newest_seen = before
        while time.monotonic() < published_at + 1:
            for base in two_servers:
                for path in paths:
                    started = time.monotonic()
                    served = revision_served(base, path)
                    assert served >= newest_seen, "an older revision after a newer one"
                    newest_seen = served
                    if started > published_at + 0.2:
                        assert served == revision.pk, f"{base}{path} still old"
        assert newest_seen == revision.pk
