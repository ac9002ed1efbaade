"""Serve public pages from stored bytes, before most of the request machinery runs.

Two kinds of page:
- a revision's pages (live page, permalink, figures.csv/.json) depend only on (revision,
  language, kind, the profile's addresses, the release): rendered once, kept under their ETag.
  The only question left per request is *which* revision an address shows, answered by one
  small query per publication generation (see publication_clock.py) and kept until the next
  scheduled go-live of that profile;
- pages that list what is live (the index, "See all updates", the Atom feeds, sitemap.xml)
  are kept under the publication generation and their path, and only until the next scheduled
  go-live of any profile.
So a publish, a withdrawal or an address change forgets them all at once, and a scheduled
revision goes live on time without a job. Each stored page is kept compressed as well
(stored_pages.py), and its ETag and Last-Modified name the release (release.py).
"""

import re
import time
from dataclasses import dataclass
from datetime import datetime
from hashlib import sha256

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponse, HttpResponseNotModified
from django.http.request import validate_host
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

from config.failsafe_cache import cache  # Redis may fail: a failure is a miss
from config.security import secured
from relations.addresses import profile_lookup
from relations.models import Revision
from relations.publication_clock import clock, shared_cache
from relations.release import release_tag, release_time
from relations.stored_pages import LocalMemory, StoredPage, with_vary

LIVE_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300"
PERMALINK_CACHE_CONTROL = "public, max-age=31536000, immutable"
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Disposition",
    "ETag",
    "Last-Modified",
    "Cache-Control",
    "Vary",
    "X-Robots-Tag",
)
# Scheduled revisions are few; looking this far ahead finds the live one behind them.
LOOKAHEAD = 20
# What depends on a generation is useless after the next publish: let the cache drop it.
GENERATION_TIMEOUT = 3600

PUBLIC_PAGE = re.compile(
    r"^/(?P<language>en|fr)/relations/(?P<slug>[-\w]+)/"
    r"(?:revisions/(?P<number>[0-9]+)/(?:figures\.(?P<extension>csv|json))?)?$"
)
LISTING_PAGE = re.compile(
    r"^/(?:(?:en|fr)/relations/(?:updates\.atom|[-\w]+/updates/|[-\w]+/updates\.atom)?"
    r"|sitemap\.xml)$"
)


def live_page_etag(revision_pk: int, language: str) -> str:
    return f'"r{revision_pk}-{language}-{release_tag()}"'


def permalink_etag(revision_pk: int, language: str) -> str:
    return f'"r{revision_pk}-{language}-permalink-{release_tag()}"'


def figures_etag(revision_pk: int, language: str, extension: str) -> str:
    return f'"r{revision_pk}-{language}-figures-{extension}-{release_tag()}"'


def page_last_modified(modified: datetime) -> int:
    """Last-Modified of a stored page: its Date modified, or the release if that is newer."""
    return max(int(modified.timestamp()), release_time())


@dataclass(frozen=True)
class Pointer:
    """Which stored page answers a URL right now, and until when that stays true."""

    revision_pk: int
    modified_at: datetime
    valid_until: datetime | None
    # The profile's addresses: its pages link to both, so they are part of the page's key.
    addresses: str = ""

    def is_valid(self, now: datetime) -> bool:
        return self.valid_until is None or now < self.valid_until


def _live_pointer(language: str, slug: str, now: datetime) -> Pointer | None:
    rows = list(
        Revision.objects.filter(
            **profile_lookup(language=language, slug=slug, prefix="profile__"),
            withdrawn_at__isnull=True,
        )
        .order_by("-go_live_at", "-number")
        .values_list("pk", "go_live_at", "modified_at", "profile__slug", "profile__slug_fr")[
            :LOOKAHEAD
        ]
    )
    upcoming = [row[1] for row in rows if row[1] > now]
    live = next((row for row in rows if row[1] <= now), None)
    if live is None:
        return None
    return Pointer(live[0], live[2], min(upcoming) if upcoming else None, f"{live[3]}/{live[4]}")


def _permalink_pointer(language: str, slug: str, number: int, now: datetime) -> Pointer | None:
    row = (
        Revision.objects.filter(
            **profile_lookup(language=language, slug=slug, prefix="profile__"), number=number
        )
        .values_list(
            "pk", "go_live_at", "modified_at", "withdrawn_at", "profile__slug", "profile__slug_fr"
        )
        .first()
    )
    if row is None or row[3] is not None or row[1] > now:
        return None
    return Pointer(row[0], row[2], None, f"{row[4]}/{row[5]}")


def _next_go_live(now: datetime) -> datetime | None:
    """The next time any scheduled revision goes live: listings are kept until then."""
    return (
        Revision.objects.filter(withdrawn_at__isnull=True, go_live_at__gt=now)
        .order_by("go_live_at")
        .values_list("go_live_at", flat=True)
        .first()
    )


local = LocalMemory()


def pointer_key(generation: str, language: str, slug: str, number: str | None) -> str:
    """Pointers are found by address: the language and its slug (see addresses.py)."""
    return f"pointer:{generation}:{language}:{slug}:{number or 'live'}"


def page_key(etag: str, addresses: str) -> str:
    return f"page:{etag.strip(chr(34))}:{addresses}"


def listing_key(generation: str, path: str) -> str:
    return f"listing:{release_tag()}:{generation}:{path}"


def find_pointer(
    generation: str, language: str, slug: str, number: str | None, now: datetime
) -> Pointer | None:
    """The one query per address and publication generation: this process's memory first,
    then the shared cache, so one app server's query serves the others."""
    key = pointer_key(generation, language, slug, number)
    pointer = local.pointers.get(key)
    if pointer is None and shared_cache():
        pointer = cache.get(key)
    if pointer is None or not pointer.is_valid(now):
        if number is None:
            pointer = _live_pointer(language, slug, now)
        else:
            pointer = _permalink_pointer(language, slug, int(number), now)
        if pointer is None:
            return None
        if shared_cache():
            cache.set(key, pointer, GENERATION_TIMEOUT)
    local.pointers[key] = pointer
    return pointer


def forget_pointers(slug: str, numbers=()) -> None:
    """Called by the publishing services once their change is committed: every app server
    answers from the next publication generation (`slug` and `numbers` no longer matter)."""
    clock.advance()


def forget_profile_pages(slug: str) -> None:
    """After a profile's address changed: its pages link to the old one. Their keys name the
    addresses, so the next generation's pointers find new keys and render them again."""
    clock.advance()


def stored_page(key: str) -> StoredPage | None:
    page = local.page(key)
    if page is None and shared_cache():
        page = cache.get(key)
        if page is not None:
            local.remember_page(key, page)
    return page


def store_page(key: str, page: StoredPage, timeout: int) -> None:
    # With the local-memory cache this process's memory is the only copy worth keeping.
    if shared_cache():
        cache.set(key, page, timeout)
    local.remember_page(key, page)


def kept_headers(response) -> dict:
    return with_vary({name: response[name] for name in KEPT_HEADERS if name in response})


def page_response(request, page: StoredPage) -> HttpResponse:
    body, headers = page.form(request.headers.get("Accept-Encoding", ""))
    response = HttpResponse(b"" if request.method == "HEAD" else body)
    for name, value in headers:
        response[name] = value
    return response


def not_modified_headers(page_etag: str, cache_control: str, last_modified: int) -> list:
    return [
        ("ETag", page_etag),
        ("Cache-Control", cache_control),
        ("Last-Modified", http_date(last_modified)),
        ("Vary", "Accept-Encoding"),
    ]


def not_modified(request, etag: str, cache_control: str, last_modified: int):
    """304 when the reader's copy is current (If-None-Match, else If-Modified-Since)."""
    answer = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not isinstance(answer, HttpResponseNotModified):
        return None
    for name, value in not_modified_headers(etag, cache_control, last_modified):
        answer[name] = value
    return answer


class PublishedPageCacheMiddleware:
    """Answers public pages from stored bytes; everything else passes by."""

    def __init__(self, get_response):
        if not settings.PUBLIC_PAGE_CACHE:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        revision_page = PUBLIC_PAGE.match(request.path_info)
        if revision_page is None and not LISTING_PAGE.match(request.path_info):
            return self.get_response(request)
        request.get_host()  # refuses hosts outside ALLOWED_HOSTS (400), as Django would later
        generation = clock.generation()
        local.follow(generation)
        if revision_page is not None:
            return self.revision_page(request, revision_page, generation)
        return self.listing_page(request, generation)

    def revision_page(self, request, match, generation: str):
        language, number = match["language"], match["number"]
        pointer = find_pointer(generation, language, match["slug"], number, timezone.now())
        if pointer is None:
            return self.get_response(request)
        etag, cache_control = page_etag(number, match["extension"], pointer.revision_pk, language)
        last_modified = page_last_modified(pointer.modified_at)
        if answer := not_modified(request, etag, cache_control, last_modified):
            return answer
        key = page_key(etag, pointer.addresses)
        page = stored_page(key)
        if page is None:
            response = self.get_response(request)
            if response.status_code != 200 or response.get("ETag") != etag:
                return response
            page = StoredPage.of(
                response.content, kept_headers(response), etag=etag, last_modified=last_modified
            )
            store_page(key, page, settings.PAGE_CACHE_TIMEOUT)
        local.remember_answer(request.path_info, key, pointer.valid_until)
        return page_response(request, page)

    def listing_page(self, request, generation: str):
        now = timezone.now()
        key = listing_key(generation, request.path_info)
        page = stored_page(key)
        if page is None or (page.valid_until is not None and page.valid_until <= now):
            # Read before rendering, so the page is never kept past a go-live it did not see.
            valid_until = _next_go_live(now)
            response = self.get_response(request)
            if response.status_code != 200 or response.streaming:
                return response
            page = listing_page_of(response, valid_until)
            store_page(key, page, GENERATION_TIMEOUT)
        local.remember_answer(request.path_info, key, page.valid_until)
        cache_control = dict(page.headers)["Cache-Control"]
        if answer := not_modified(request, page.etag, cache_control, page.last_modified):
            return answer
        return page_response(request, page)


def listing_page_of(response, valid_until: datetime | None) -> StoredPage:
    """A listing's validators come from its bytes, so a publish that does not change it
    (another language's feed, an unrelated profile's updates) still answers 304."""
    etag = f'"l{sha256(response.content).hexdigest()[:16]}-{release_tag()}"'
    modified = parse_http_date_safe(response.get("Last-Modified", "")) or 0
    last_modified = max(modified, release_time())
    headers = kept_headers(response)
    headers.setdefault("Cache-Control", LIVE_CACHE_CONTROL)
    headers.update(ETag=etag, **{"Last-Modified": http_date(last_modified)})
    return StoredPage.of(
        response.content, headers, etag=etag, last_modified=last_modified, valid_until=valid_until
    )


def page_etag(
    number: str | None, extension: str | None, revision_pk: int, language: str
) -> tuple[str, str]:
    if number is None:
        return live_page_etag(revision_pk, language), LIVE_CACHE_CONTROL
    if extension is not None:
        return figures_etag(revision_pk, language, extension), PERMALINK_CACHE_CONTROL
    return permalink_etag(revision_pk, language), PERMALINK_CACHE_CONTROL


class FastPublishedPages:
    """WSGI wrapper: answers from this process's memory without entering Django at all.

    Only with the page the middleware above last answered that path with in the current
    publication generation (and before its next scheduled go-live); the generation is checked
    here at most every PUBLICATION_CHECK_SECONDS. Every other request goes through Django,
    whose middleware fills that memory.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            answer = self.answer(environ)
            # The same security headers as Django's (or None: Django gives the HTTPS redirect).
            headers = answer and secured(answer[1], environ)
            if headers is not None:
                status, _, body = answer
                start_response(status, headers)
                return [b"" if environ["REQUEST_METHOD"] == "HEAD" else body]
        return self.application(environ, start_response)

    def answer(self, environ):
        generation = clock.current if clock.is_fresh() else self.check_generation()
        if generation is None or local.generation != generation:
            return None
        page = local.answer(environ.get("PATH_INFO", ""), time.time())
        if page is None:
            return None
        host = environ.get("HTTP_HOST", "").rsplit(":", 1)[0].lower()
        if not validate_host(host, settings.ALLOWED_HOSTS):
            return None
        if self.is_current(environ, page):
            cache_control = dict(page.headers)["Cache-Control"]
            headers = not_modified_headers(page.etag, cache_control, page.last_modified)
            return "304 Not Modified", headers, b""
        body, headers = page.form(environ.get("HTTP_ACCEPT_ENCODING", ""))
        return "200 OK", headers, body

    @staticmethod
    def check_generation() -> str | None:
        """The due check, made here: one Redis read (or small query) every 0.1 s, not a
        request through Django's whole stack. If it fails, Django answers (and reports)."""
        try:
            return clock.generation()
        except Exception:
            return None

    @staticmethod
    def is_current(environ, page: StoredPage) -> bool:
        """The reader's copy is this page: If-None-Match names its ETag (or, without one,
        If-Modified-Since is not older), as Django's get_conditional_response decides."""
        if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        if if_none_match is not None:
            tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
            return "*" in tags or page.etag in tags
        if "HTTP_IF_MODIFIED_SINCE" not in environ:
            return False
        since = parse_http_date_safe(environ["HTTP_IF_MODIFIED_SINCE"])
        return since is not None and page.last_modified <= since
