"""One security policy on every response path: rendered, page-cache hit, WSGI memory path.

Each response is served through the production WSGI entry point as a gunicorn worker builds
it, with production settings (DEBUG off, HTTPS redirect, HSTS behind a TLS proxy).
"""

import pytest

from relations.page_cache import clock, local
from tests.helpers import Served, serve, worker

POLICY_HEADERS = (
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
    "Content-Security-Policy",
)
PUBLIC_PAGES = [
    "/en/relations/russia/",
    "/fr/relations/russie/",
    "/en/relations/russia/revisions/1/",
    "/fr/relations/russie/revisions/1/",
]


@pytest.fixture
def production(settings):
    """The values `.env.example` gives, behind a proxy that terminates TLS."""
    settings.DEBUG = False
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    return settings


def policy(served: Served) -> dict:
    return {name: served.headers.get(name) for name in POLICY_HEADERS}


def directives(content_security_policy: str) -> dict[str, str]:
    return dict(part.strip().partition(" ")[::2] for part in content_security_policy.split(";"))


def requests_on_every_path(url: str) -> list[Served]:
    """The 1st, 2nd and 10th request of one worker, then the first of a second worker."""
    application = worker()
    served = [serve(application, url) for _ in range(10)]
    local.clear()  # another worker: its memory is empty, the shared cache (if any) is not
    clock.clear()
    return [served[0], served[1], served[9], serve(worker(), url)]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_rendered_page_cache_and_memory_paths_send_the_same_security_headers(
    canada_russia, production, url
):
    first, second, tenth, other_worker = requests_on_every_path(url)
    assert first.path == "rendered"
    assert second.path == tenth.path == "memory"
    # A second worker: from the shared cache through Django's middleware (Redis), else rendered.
    assert other_worker.path in ("page cache", "rendered")
    expected = policy(first)
    for served in (second, tenth, other_worker):
        assert served.status == "200 OK"
        assert served.body == first.body
        assert policy(served) == expected, served.path
    assert expected["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert expected["X-Content-Type-Options"] == "nosniff"
    assert expected["Referrer-Policy"] == "same-origin"
    assert expected["Cross-Origin-Opener-Policy"] == "same-origin"
    assert expected["X-Frame-Options"] == "DENY"
    csp = directives(expected["Content-Security-Policy"])
    assert csp["default-src"] == "'none'"
    assert csp["script-src"] == csp["style-src"] == "'self'"
    assert csp["frame-ancestors"] == csp["object-src"] == csp["base-uri"] == "'none'"
    assert "unsafe" not in expected["Content-Security-Policy"]


def test_revalidation_on_every_path_sends_the_same_security_headers(canada_russia, production):
    application = worker()
    etag = serve(application, PUBLIC_PAGES[0]).headers["ETag"]
    answers = [serve(application, PUBLIC_PAGES[0], HTTP_IF_NONE_MATCH=etag) for _ in range(10)]
    assert {served.status for served in answers} == {"304 Not Modified"}
    assert answers[-1].path == "memory"
    assert all(policy(served) == policy(answers[0]) for served in answers)
    assert policy(answers[0])["Content-Security-Policy"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_plain_http_gets_the_same_https_redirect_on_every_path(canada_russia, production, url):
    cold = serve(worker(), url, https=False)
    application = worker()
    for _ in range(3):  # warm: the page is stored and in memory
        assert serve(application, url).status == "200 OK"
    warm = [serve(application, url, https=False) for _ in range(10)]
    assert cold.status == "301 Moved Permanently"
    assert cold.headers["Location"] == f"https://testserver{url}"
    for served in warm:
        assert (served.status, served.headers, served.body) == (
            cold.status,
            cold.headers,
            cold.body,
        )


def test_without_the_redirect_plain_http_gets_no_hsts_on_any_path(canada_russia, production):
    """Behind a proxy that redirects itself: HSTS only ever comes with HTTPS, as Django does."""
    production.SECURE_SSL_REDIRECT = False
    application = worker()
    served = [serve(application, PUBLIC_PAGES[0], https=False) for _ in range(10)]
    assert served[-1].path == "memory"
    assert {s.status for s in served} == {"200 OK"}
    assert all(policy(s) == policy(served[0]) for s in served)
    assert policy(served[0])["Strict-Transport-Security"] is None
    assert policy(served[0])["X-Frame-Options"] == "DENY"


def test_the_admin_has_the_same_strict_policy_as_public_pages(client, canada_russia, editor):
    """Django's admin and our admin screens need no inline script or style."""
    client.force_login(editor)
    admin = client.get("/admin/relations/profile/")["Content-Security-Policy"]
    public = client.get(PUBLIC_PAGES[0])["Content-Security-Policy"]
    assert directives(admin) == directives(public)


def test_our_templates_have_no_inline_script_or_style():
    """A strict policy blocks them: styles and scripts live in static files."""
    from django.conf import settings

    offenders = [
        str(template.relative_to(settings.BASE_DIR))
        for template in (settings.BASE_DIR / "templates").rglob("*.html")
        if any(
            marker in template.read_text()
            for marker in ("<script>", "<style", " style=", " onclick=", " onload=")
        )
    ]
    assert offenders == []
