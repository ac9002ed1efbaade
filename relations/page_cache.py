"""Serve published pages from stored bytes, before most of the request machinery runs.

A published page's bytes depend only on (revision, language, kind of page), so the first
render is kept in the cache under its ETag and later requests are answered from it. The
only question left per request is *which* revision is live, answered by one small query
(or by nothing, within PUBLIC_PAGE_STALENESS seconds). That answer is never kept past the
next scheduled go-live, so scheduled revisions still go live on time without a job.
"""

import re
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponse, HttpResponseNotModified
from django.http.request import validate_host
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from config.failsafe_cache import cache  # Redis may fail: a failure is a miss
from config.security import secured
from relations.addresses import SLUG_FIELDS, profile_lookup
from relations.models import Profile, Revision

LIVE_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300"
PERMALINK_CACHE_CONTROL = "public, max-age=31536000, immutable"
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "ETag",
    "Last-Modified",
    "Cache-Control",
    "Vary",
)
# Scheduled revisions are few; looking this far ahead finds the live one behind them.
LOOKAHEAD = 20

PUBLIC_PAGE = re.compile(
    r"^/(?P<language>en|fr)/relations/(?P<slug>[-\w]+)/(?:revisions/(?P<number>[0-9]+)/)?$"
)


def live_page_etag(revision_pk: int, language: str) -> str:
    return f'"r{revision_pk}-{language}"'


def permalink_etag(revision_pk: int, language: str) -> str:
    return f'"r{revision_pk}-{language}-permalink"'


@dataclass(frozen=True)
class Pointer:
    """Which stored page answers a URL right now, and until when that stays true."""

    revision_pk: int
    modified_at: datetime
    valid_until: datetime | None


def _live_pointer(language: str, slug: str, now: datetime) -> Pointer | None:
    rows = list(
        Revision.objects.filter(
            **profile_lookup(language=language, slug=slug, prefix="profile__"),
            withdrawn_at__isnull=True,
        )
        .order_by("-go_live_at", "-number")
        .values_list("pk", "go_live_at", "modified_at")[:LOOKAHEAD]
    )
    upcoming = [go_live for _, go_live, _ in rows if go_live > now]
    live = next((row for row in rows if row[1] <= now), None)
    if live is None:
        return None
    return Pointer(live[0], live[2], min(upcoming) if upcoming else None)


def _permalink_pointer(language: str, slug: str, number: int, now: datetime) -> Pointer | None:
    row = (
        Revision.objects.filter(
            **profile_lookup(language=language, slug=slug, prefix="profile__"), number=number
        )
        .values_list("pk", "go_live_at", "modified_at", "withdrawn_at")
        .first()
    )
    if row is None or row[3] is not None:
        return None
    pk, go_live_at, modified_at, _ = row
    if go_live_at > now:
        return None
    return Pointer(pk, modified_at, None)


class LocalMemory:
    """This process's copy of recent pointers and pages, read by the WSGI fast path.

    Pages are immutable for a given key, so keeping them is always safe; pointers are kept
    only within the staleness window and never past their `valid_until`.
    """

    MAX_PAGES = 256

    def __init__(self):
        self.pointers: dict[str, tuple[Pointer, float]] = {}
        # key -> (body, WSGI header list ready to send, Content-Length included)
        self.pages: OrderedDict[str, tuple[bytes, list]] = OrderedDict()

    def remember_pointer(self, key: str, pointer: Pointer, seconds: float) -> None:
        self.pointers[key] = (pointer, time.monotonic() + seconds)

    def pointer(self, key: str, now: datetime) -> Pointer | None:
        entry = self.pointers.get(key)
        if entry is None:
            return None
        pointer, expires = entry
        if time.monotonic() >= expires or (pointer.valid_until and pointer.valid_until <= now):
            self.pointers.pop(key, None)
            return None
        return pointer

    def remember_page(self, key: str, page: tuple[bytes, dict]) -> None:
        content, headers = page
        self.pages[key] = (content, [*headers.items(), ("Content-Length", str(len(content)))])
        self.pages.move_to_end(key)
        while len(self.pages) > self.MAX_PAGES:
            self.pages.popitem(last=False)

    def forget(self, keys) -> None:
        for key in keys:
            self.pointers.pop(key, None)


local = LocalMemory()


def pointer_key(language: str, slug: str, number: str | None) -> str:
    """Pointers are found by address: the language and its slug (see addresses.py)."""
    return f"pointer:{language}:{slug}:{number or 'live'}"


def find_pointer(language: str, slug: str, number: str | None, now: datetime) -> Pointer | None:
    """The one query per request, skipped within the configured staleness window.

    Within the window the answer is shared through the cache (so one app server's query
    serves the others) and kept in this process's memory for the WSGI fast path, both
    only until the window closes or the next scheduled go-live, whichever comes first.
    """
    staleness = settings.PUBLIC_PAGE_STALENESS
    key = pointer_key(language, slug, number)
    if staleness:
        cached = cache.get(key)
        if cached is not None:
            pointer, stale_at = cached
            if stale_at > now:
                local.remember_pointer(key, pointer, (stale_at - now).total_seconds())
                return pointer
    if number is None:
        pointer = _live_pointer(language, slug, now)
    else:
        pointer = _permalink_pointer(language, slug, int(number), now)
    if staleness and pointer is not None:
        stale_at = now + timedelta(seconds=staleness)
        if pointer.valid_until is not None:
            stale_at = min(stale_at, pointer.valid_until)
        seconds = (stale_at - now).total_seconds()
        if seconds > 0:
            cache.set(key, (pointer, stale_at), seconds)
            local.remember_pointer(key, pointer, seconds)
    return pointer


def forget_pointers(slug: str, numbers=()) -> None:
    """Called by the publishing services so this app server sees a change at once.

    `slug` is the profile's (English) slug; its pages are found at each language's address.
    """
    addresses = Profile.objects.filter(slug=slug).values(*SLUG_FIELDS.values()).first() or {}
    keys = [
        pointer_key(language, addresses.get(field, slug), number)
        for language, field in SLUG_FIELDS.items()
        for number in (None, *numbers)
    ]
    cache.delete_many(keys)
    local.forget(keys)


def page_key(etag: str) -> str:
    return f"page:{settings.PAGE_CACHE_VERSION}:{etag.strip(chr(34))}"


def forget_profile_pages(slug: str) -> None:
    """After a profile's address changed: its stored pages link to the old one.

    Every stored live page and permalink of the profile is rendered again on its next
    request; other app servers' memory copies follow within the staleness window.
    """
    forget_pointers(slug)
    revision_pks = Revision.objects.filter(profile__slug=slug).values_list("pk", flat=True)
    keys = [
        page_key(etag)
        for pk in revision_pks
        for language in SLUG_FIELDS
        for etag in (live_page_etag(pk, language), permalink_etag(pk, language))
    ]
    cache.delete_many(keys)
    for key in keys:
        local.pages.pop(key, None)


class PublishedPageCacheMiddleware:
    """Answers live pages and permalinks from stored bytes; everything else passes by."""

    def __init__(self, get_response):
        if not settings.PUBLIC_PAGE_CACHE:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        match = PUBLIC_PAGE.match(request.path_info)
        if match is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        request.get_host()  # refuses hosts outside ALLOWED_HOSTS (400), as Django would later
        language, slug, number = match["language"], match["slug"], match["number"]
        pointer = find_pointer(language, slug, number, timezone.now())
        if pointer is None:
            return self.get_response(request)
        etag, cache_control = page_etag(number, pointer.revision_pk, language)
        last_modified = int(pointer.modified_at.timestamp())
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if isinstance(not_modified, HttpResponseNotModified):
            not_modified["ETag"] = etag
            not_modified["Cache-Control"] = cache_control
            not_modified["Last-Modified"] = http_date(last_modified)
            return not_modified
        stored = cache.get(page_key(etag))
        if stored is not None:
            local.remember_page(page_key(etag), stored)
            content, headers = stored
            response = HttpResponse(b"" if request.method == "HEAD" else content)
            for name, value in headers.items():
                response[name] = value
            return response
        response = self.get_response(request)
        if response.status_code == 200 and response.get("ETag") == etag:
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            page = (response.content, headers)
            cache.set(page_key(etag), page, settings.PAGE_CACHE_TIMEOUT)
            local.remember_page(page_key(etag), page)
        return response


def page_etag(number: str | None, revision_pk: int, language: str) -> tuple[str, str]:
    if number is None:
        return live_page_etag(revision_pk, language), LIVE_CACHE_CONTROL
    return permalink_etag(revision_pk, language), PERMALINK_CACHE_CONTROL


class FastPublishedPages:
    """WSGI wrapper: answers from this process's memory without entering Django at all.

    Only when both the pointer (within the staleness window) and the page bytes are in
    memory; every other request, including the first ones, goes through Django, whose
    middleware above fills that memory.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") in ("GET", "HEAD") and settings.PUBLIC_PAGE_STALENESS:
            answer = self.answer(environ)
            # The same security headers as Django's (or None: Django gives the HTTPS redirect).
            headers = answer and secured(answer[1], environ)
            if headers is not None:
                status, _, body = answer
                start_response(status, headers)
                return [b"" if environ["REQUEST_METHOD"] == "HEAD" else body]
        return self.application(environ, start_response)

    def answer(self, environ):
        match = PUBLIC_PAGE.match(environ.get("PATH_INFO", ""))
        if match is None:
            return None
        host = environ.get("HTTP_HOST", "").rsplit(":", 1)[0].lower()
        if not validate_host(host, settings.ALLOWED_HOSTS):
            return None
        number = match["number"]
        key = pointer_key(match["language"], match["slug"], number)
        pointer = local.pointer(key, timezone.now())
        if pointer is None:
            return None
        etag, cache_control = page_etag(number, pointer.revision_pk, match["language"])
        if environ.get("HTTP_IF_NONE_MATCH") == etag:
            return "304 Not Modified", [("ETag", etag), ("Cache-Control", cache_control)], b""
        page = local.pages.get(page_key(etag))
        if page is None:
            return None
        content, headers = page
        return "200 OK", headers, content
