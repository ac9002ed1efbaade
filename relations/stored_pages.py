"""A page's stored bytes, compressed once when stored, and this process's memory of them.

A stored page keeps its plain bytes and, when they are worth compressing, their gzip and
brotli forms, so a cache hit only chooses the form the reader's Accept-Encoding allows
(compression costs CPU once per page, not once per request). Every form is sent with
`Vary: Accept-Encoding`, so a shared cache keeps them apart.
"""

import gzip
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

import brotli
from django.conf import settings

# Under this size the compressed form saves less than the header costs.
MIN_COMPRESSED_SIZE = 256
COMPRESSIBLE = ("text/", "application/json", "application/xml", "application/atom+xml")
ENCODINGS = ("br", "gzip")  # in the order we prefer them when the reader accepts both


@dataclass(frozen=True)
class StoredPage:
    """The bytes of a response and the headers that go with them, in every encoding."""

    content: bytes
    headers: tuple[tuple[str, str], ...]
    etag: str
    last_modified: int
    compressed: dict[str, bytes] = field(default_factory=dict)
    # For pages that list what is live (index, feeds…): not past the next scheduled go-live.
    valid_until: datetime | None = None

    @classmethod
    def of(cls, content: bytes, headers: dict, *, etag: str, last_modified: int, valid_until=None):
        compressed = {}
        content_type = headers.get("Content-Type", "")
        if len(content) >= MIN_COMPRESSED_SIZE and content_type.startswith(COMPRESSIBLE):
            forms = {
                # Quality 5: most of quality 11's gain at a small fraction of its time.
                "br": brotli.compress(content, quality=5),
                "gzip": gzip.compress(content, compresslevel=6, mtime=0),
            }
            compressed = {name: form for name, form in forms.items() if len(form) < len(content)}
        return cls(content, tuple(headers.items()), etag, last_modified, compressed, valid_until)

    @property
    def size(self) -> int:
        return len(self.content) + sum(len(form) for form in self.compressed.values())

    def form(self, accept_encoding: str) -> tuple[bytes, list[tuple[str, str]]]:
        """The body and WSGI headers to send to a reader who sent this Accept-Encoding."""
        encoding = preferred_encoding(accept_encoding, self.compressed)
        body = self.compressed[encoding] if encoding else self.content
        headers = [*self.headers, ("Content-Length", str(len(body)))]
        if encoding:
            headers.append(("Content-Encoding", encoding))
        return body, headers


def preferred_encoding(accept_encoding: str, available) -> str | None:
    """br or gzip if the reader accepts it (q > 0) and we have it, else None (plain bytes)."""
    return next((name for name in accepted_encodings(accept_encoding) if name in available), None)


@lru_cache(maxsize=256)
def accepted_encodings(accept_encoding: str) -> tuple[str, ...]:
    """Of ENCODINGS, those an Accept-Encoding value allows, best first (few values recur)."""
    accepted = {}
    for part in accept_encoding.lower().split(","):
        name, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        accepted[name.strip()] = quality
    return tuple(
        encoding for encoding in ENCODINGS if accepted.get(encoding, accepted.get("*", 0.0)) > 0
    )


def with_vary(headers: dict) -> dict:
    """The headers a stored page keeps, with Accept-Encoding among those it varies on."""
    vary = [name.strip() for name in headers.get("Vary", "").split(",") if name.strip()]
    if "accept-encoding" not in {name.lower() for name in vary}:
        vary.append("Accept-Encoding")
    return {**headers, "Vary": ", ".join(vary)}


class LocalMemory:
    """This process's copy of stored pages and of each address's live revision.

    Pages are kept least recently used first, up to PAGE_MEMORY_MAX_PAGES pages and
    PAGE_MEMORY_MAX_MB megabytes; what is live is kept for one publication generation.
    """

    def __init__(self):
        self.pointers: dict[str, object] = {}
        self.pages: OrderedDict[str, StoredPage] = OrderedDict()
        # path -> (page key, until when, as a timestamp): what the WSGI fast path answers
        self.answers: dict[str, tuple[str, float]] = {}
        self.generation: str | None = None
        self.size = 0

    def clear(self) -> None:
        self.pointers.clear()
        self.pages.clear()
        self.answers.clear()
        self.size = 0

    def follow(self, generation: str) -> None:
        """A new generation: what was live under the old one is forgotten."""
        if generation != self.generation:
            self.pointers.clear()
            self.answers.clear()
            self.generation = generation

    def remember_answer(self, path: str, key: str, valid_until: datetime | None) -> None:
        self.answers[path] = (key, valid_until.timestamp() if valid_until else float("inf"))

    def answer(self, path: str, now: float) -> StoredPage | None:
        """The page stored for `path` in this generation, if still valid at `now`."""
        key, until = self.answers.get(path, (None, 0.0))
        if now >= until:
            return None
        return self.pages.get(key)

    def page(self, key: str) -> StoredPage | None:
        page = self.pages.get(key)
        if page is not None:
            self.pages.move_to_end(key)
        return page

    def remember_page(self, key: str, page: StoredPage) -> None:
        previous = self.pages.pop(key, None)
        self.size -= previous.size if previous else 0
        self.pages[key] = page
        self.size += page.size
        max_bytes = settings.PAGE_MEMORY_MAX_MB * 1024 * 1024
        while self.pages and (
            len(self.pages) > settings.PAGE_MEMORY_MAX_PAGES or self.size > max_bytes
        ):
            _, evicted = self.pages.popitem(last=False)
            self.size -= evicted.size

    def forget_page(self, key: str) -> None:
        page = self.pages.pop(key, None)
        self.size -= page.size if page else 0
