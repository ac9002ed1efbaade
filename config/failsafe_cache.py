"""The shared cache for callers that can do without it: a failure is a miss, logged once.

Redis may be down (refused at once) or hung (each call waits REDIS_TIMEOUT). The page store
(relations/page_cache.py) then asks the database and renders, as on a cold cache. After a
failure this process does not ask the cache again for CACHE_RETRY_SECONDS, so a hung server
costs one request one timeout per interval, not every request several.

Only callers for which the cache is an optimisation use this; /healthz asks the real cache,
since its job is to report the failure.
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver

try:
    from redis.exceptions import RedisError
except ImportError:  # redis is in requirements.txt; without it only OSError can come
    RedisError = OSError

logger = logging.getLogger(__name__)

FAILURES = (RedisError, OSError)


class FailSafeCache:
    """Django's cache API for the calls the page store makes; each failure answers a miss."""

    def __init__(self, alias: str = "default"):
        self.alias = alias
        self.reset()

    def reset(self) -> None:
        self.resting_until = 0.0  # time.monotonic() before which the cache is not asked
        self.failing = False

    def _call(self, method: str, miss, *args, **kwargs):
        if self.resting_until and time.monotonic() < self.resting_until:
            return miss
        try:
            result = getattr(caches[self.alias], method)(*args, **kwargs)
        except FAILURES as error:
            self.resting_until = time.monotonic() + settings.CACHE_RETRY_SECONDS
            if not self.failing:
                self.failing = True
                logger.warning(
                    "The cache failed (%s: %s); public pages come from the database, and the "
                    "cache is asked again every %s s until it answers.",
                    type(error).__name__,
                    error,
                    settings.CACHE_RETRY_SECONDS,
                )
            return miss
        if self.failing:
            self.reset()
            logger.warning("The cache answers again.")
        return result

    def get(self, key, default=None):
        return self._call("get", default, key, default)

    def get_many(self, keys):
        return self._call("get_many", {}, keys)

    def set(self, key, value, timeout=None):
        self._call("set", None, key, value, timeout)

    def set_many(self, data, timeout=None):
        self._call("set_many", list(data), data, timeout)

    def add(self, key, value, timeout=None):
        return self._call("add", False, key, value, timeout)

    def delete(self, key):
        return self._call("delete", False, key)

    def delete_many(self, keys):
        self._call("delete_many", None, keys)

    def clear(self):
        self._call("clear", None)


cache = FailSafeCache()


@receiver(setting_changed)
def _new_cache_new_start(*, setting, **kwargs):
    if setting == "CACHES":
        cache.reset()
