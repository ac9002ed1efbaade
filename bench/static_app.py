"""The baseline: a minimal WSGI app returning fixed bytes, as fast as Python serves a page.

`make bench` runs it under the same gunicorn as the site, with the site's own page bytes.
"""

import os
from pathlib import Path

BODY = Path(os.environ["BENCH_PAGE_FILE"]).read_bytes()
HEADERS = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Content-Length", str(len(BODY))),
    ("Cache-Control", "public, max-age=60"),
]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
