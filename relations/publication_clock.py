"""The publication generation: which state of the published site an app server answers from.

Publishing, withdrawing or changing a profile's address advances the generation; everything
stored that depends on *which* revision is live (each address's live revision, the index,
"See all updates", the feeds, the sitemap) is kept under it, so one advance forgets it all on
every app server, and warm requests need no database query to know they are still right.

Each process reads the generation at most every PUBLICATION_CHECK_SECONDS:
- with a shared cache (Redis) from there. An advance names a generation that takes effect
  PUBLICATION_CHECK_SECONDS later, by which time every process has read it, so all switch
  together: a reader never gets a newer revision from one app server, then an older one from
  another. A publish reaches every reader within twice that time (0.2 s by default).
- with the local-memory cache from the database: the newest audit entry (every publish,
  schedule, withdrawal and cancellation writes one, at the end of its transaction) takes effect
  twice PUBLICATION_CHECK_SECONDS after it was written. Each process reads it within one
  interval of the commit, so several processes on one machine switch together too, as long
  as the commit follows the entry within one interval (otherwise they switch as each reads
  it). This process's own address changes, which write no entry, count at once.
Scheduled go-lives need no advance: what is stored is also kept only until the next one.
"""

import time

from django.conf import settings

from config.failsafe_cache import cache  # Redis may fail: a failure is a miss
from relations.models import AuditEntry

GENERATION_KEY = "publication-generation"
LOCAL_BACKENDS = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def shared_cache() -> bool:
    """Is the cache shared by every app server (Redis), or this process's own memory?"""
    return settings.CACHES["default"]["BACKEND"] not in LOCAL_BACKENDS


class PublicationClock:
    def __init__(self):
        self.clear()

    def clear(self) -> None:
        self.current: str | None = None
        self.checked_at = float("-inf")
        self.pending: tuple[str, float] | None = None  # (generation, takes effect at)
        self.own_advances = 0

    def is_fresh(self) -> bool:
        """May the WSGI fast path trust `current` without a read? (It never reads itself.)"""
        return self.current is not None and not self._due()

    def _due(self) -> bool:
        if self.pending is not None and time.time() >= self.pending[1]:
            return True
        return time.monotonic() - self.checked_at >= settings.PUBLICATION_CHECK_SECONDS

    def generation(self) -> str:
        """The generation to answer from now: read from its source when the check is due."""
        if self._due():
            self.checked_at = time.monotonic()
            observed, takes_effect = self._read()
            if observed != self.current:
                self.pending = (observed, takes_effect)
            if self.pending is not None and (
                self.current is None or time.time() >= self.pending[1]
            ):
                self.current, self.pending = self.pending[0], None
        return self.current

    def _read(self) -> tuple[str, float]:
        if shared_cache():
            value = cache.get(GENERATION_KEY)
            if value is None:
                # First start or a flushed cache: any value never used before will do.
                cache.add(GENERATION_KEY, time.time_ns(), None)
                value = cache.get(GENERATION_KEY, time.time_ns())
            return str(value), value / 1e9
        newest = AuditEntry.objects.order_by("-pk").values_list("pk", "at").first()
        if newest is None:
            return f"{self.own_advances}.0", 0.0
        number, written_at = newest
        delay = 2 * settings.PUBLICATION_CHECK_SECONDS
        return f"{self.own_advances}.{number}", written_at.timestamp() + delay

    def advance(self) -> None:
        """After a publish, withdrawal or address change has been committed."""
        self.own_advances += 1
        self.checked_at = float("-inf")
        if shared_cache():
            delay_ns = int(settings.PUBLICATION_CHECK_SECONDS * 1e9)
            cache.set(GENERATION_KEY, time.time_ns() + delay_ns, None)


clock = PublicationClock()
