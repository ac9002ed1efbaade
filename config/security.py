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

from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver


def request_is_secure(environ) -> bool:
    """HttpRequest.is_secure() for a bare WSGI environ (SECURE_PROXY_SSL_HEADER first)."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = environ.get(header)
        if value is not None:
            return value.split(",", 1)[0].strip() == secure_value
    return environ.get("wsgi.url_scheme") == "https"


@cache
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


@receiver(setting_changed)
def _forget_policy(**kwargs):
    policy_headers.cache_clear()


def secured(headers: list, environ) -> list | None:
    """`headers` with the policy added, or None when only Django may answer this request.

    A plain-http request under SECURE_SSL_REDIRECT is left to Django's SecurityMiddleware,
    so its 301 (and any SECURE_REDIRECT_EXEMPT pattern) is exactly the rendered path's.
    """
    secure = request_is_secure(environ)
    if settings.SECURE_SSL_REDIRECT and not secure:
        return None
    present = {name.lower() for name, _ in headers}
    return [
        *headers,
        *(header for header in policy_headers(secure=secure) if header[0].lower() not in present),
    ]
