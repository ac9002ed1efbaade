"""A JSON value stored compressed, for what a revision freezes.

A revision of a 7,000-figure profile freezes about 3 MB of page snapshot and 2 MB of
working-copy rows. Both are very repetitive, but the snapshot repeats each chapter's titles
only every ~50 KB (one row per chapter, year after year): zlib's 32 KB window misses them
(540 KB) where Brotli's 4 MB window finds them (40 KB, compressed in about 0.1 s and read back
in 10 ms). Fixtures and `dumpdata` still show the value as plain JSON.
"""

import json

import brotli
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

QUALITY = 5  # the first Brotli level that uses its window fully; 6+ only costs time here
WINDOW_BITS = 22  # 4 MB


def pack(value) -> bytes:
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return brotli.compress(text.encode(), quality=QUALITY, lgwin=WINDOW_BITS)


def unpack(data) -> object:
    return json.loads(brotli.decompress(bytes(data)))


class CompressedJSONField(models.BinaryField):
    """JSON (a document, a list of rows) stored as Brotli-compressed UTF-8, never queried
    inside: what lists need from it is copied into ordinary fields beside it."""

    description = _("JSON, stored compressed")

    def from_db_value(self, value, expression, connection):
        return None if value is None else unpack(value)

    def to_python(self, value):
        if isinstance(value, bytes | bytearray | memoryview):
            return unpack(value)
        if isinstance(value, str):
            return json.loads(value)
        return value

    def get_prep_value(self, value):
        if value is None or isinstance(value, bytes | bytearray | memoryview):
            return value
        return pack(value)

    def value_to_string(self, obj):
        """Serializers (fixtures, dumpdata) write the JSON itself, not compressed bytes."""
        return self.value_from_object(obj)
