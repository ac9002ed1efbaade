"""A health check for load balancers: the database and the cache must both answer."""

import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse


def health(request):
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as error:  # any failure means "not healthy", whatever its kind
        checks["database"] = f"error: {type(error).__name__}"
    probe = uuid.uuid4().hex
    try:
        cache.set(f"health:{probe}", probe, 10)
        checks["cache"] = "ok" if cache.get(f"health:{probe}") == probe else "error: no round trip"
        cache.delete(f"health:{probe}")
    except Exception as error:
        checks["cache"] = f"error: {type(error).__name__}"
    healthy = all(value == "ok" for value in checks.values())
    response = JsonResponse({"status": "ok" if healthy else "error", **checks})
    response.status_code = 200 if healthy else 503
    response["Cache-Control"] = "no-store"
    return response
