"""One security policy for every response, whichever path answers it.

The policy is declared once, in settings: SECURE_* (HSTS, nosniff, Referrer-Policy,
Cross-Origin-Opener-Policy, the HTTPS redirect), X_FRAME_OPTIONS and
CONTENT_SECURITY_POLICY (django-csp). Django's middleware and django-csp's apply it to rendered
pages and page-cache hits alike (both sit inside them in MIDDLEWARE). The WSGI memory path
(`FastPublishedPages`) answers before Django runs, so it asks `secured()` here for the same
headers, built from the same settings; tests/test_security_headers.py compares the three
paths header by header.
"""

from functools import cache
from typing import NamedTuple

from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver


def request_is_secure(environ, proxy_ssl_header=None) -> bool:
    """HttpRequest.is_secure() for a bare WSGI environ (SECURE_PROXY_SSL_HEADER first)."""
    if proxy_ssl_header:
        header, secure_value = proxy_ssl_header
        value = environ.get(header)
        if value is not None:
            return value.split(",", 1)[0].strip() == secure_value
    return environ.get("wsgi.url_scheme") == "https"


def policy_headers(*, secure: bool) -> tuple[tuple[str, str], ...]:
    """The headers Django's security middleware add to a public page, in the same form."""
    headers = []
    if secure and settings.SECURE_HSTS_SECONDS:
        value = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
            value += "; includeSubDomains"
        if settings.SECURE_HSTS_PRELOAD:
            value += "; preload"
        headers.append(("Strict-Transport-Security", value))
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        headers.append(("X-Content-Type-Options", "nosniff"))
    if settings.SECURE_REFERRER_POLICY:
        policy = settings.SECURE_REFERRER_POLICY
        values = [v.strip() for v in policy.split(",")] if isinstance(policy, str) else policy
        headers.append(("Referrer-Policy", ",".join(values)))
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        headers.append(("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY))
    headers.append(("X-Frame-Options", settings.X_FRAME_OPTIONS.upper()))
    content_policy = build_policy()
    if content_policy:
        headers.append(("Content-Security-Policy", content_policy))
    return tuple(headers)


class Policy(NamedTuple):
    redirect: bool
    proxy_ssl_header: tuple[str, str] | None
    over_https: tuple[tuple[str, str], ...]
    over_http: tuple[tuple[str, str], ...]


@cache
def _policy() -> Policy:
    """Read once per process (and again when a test changes settings): the memory path
    answers in about 0.1 ms, and reading a dozen settings per request would be a tenth of it."""
    return Policy(
        redirect=settings.SECURE_SSL_REDIRECT,
        proxy_ssl_header=settings.SECURE_PROXY_SSL_HEADER,
        over_https=policy_headers(secure=True),
        over_http=policy_headers(secure=False),
    )


def secured(headers: list, environ) -> list | None:
    """`headers` with the policy added, or None when only Django may answer this request.

    A plain-http request under SECURE_SSL_REDIRECT is left to Django's SecurityMiddleware,
    so its 301 (and any SECURE_REDIRECT_EXEMPT pattern) is exactly the rendered path's.
    """
    policy = _policy()
    secure = request_is_secure(environ, policy.proxy_ssl_header)
    if policy.redirect and not secure:
        return None
    # Stored pages keep none of these headers (tests check no header is ever sent twice).
    return [*headers, *(policy.over_https if secure else policy.over_http)]


@receiver(setting_changed)
def _forget_policy(**kwargs):
    _policy.cache_clear()
