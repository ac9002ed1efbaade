"""Readers and a publisher at once: is every reader served the newest revision, quickly?

Starts gunicorn (2 workers, production settings, the default page cache settings) on
127.0.0.1, loads the Canada–Russia content, then for BENCH_PUBLISH_SECONDS (30) keeps 48 keep-alive
connections (Python threads) reading the English and French live pages while a publisher
process publishes 10 revisions through `revision_publish`, evenly spaced. Each response's
revision is read from its ETag ("r<pk>-…"). Prints one line:

  publish-load: requests=N errors=E p99_ms=P max_stale_s=S regressions=R

max_stale_s: the longest time a response was behind, i.e. how long before the request started
the first revision newer than the one it got had been published (0 if never behind).
regressions: responses older than one the same connection had already received.
Uses SQLite in a temporary file unless DATABASE_URL is set; Redis if REDIS_URL is.
"""

import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.http_bench import (  # noqa: E402
    PYTHON,
    prepare_site,
    site_environment,
    site_stores,
    start_gunicorn,
    stop,
)

PORT = 18110
SECONDS = int(os.environ.get("BENCH_PUBLISH_SECONDS", "30"))
CONNECTIONS = 48
PUBLISHES = 10
PAGES = ("/en/relations/russia/", "/fr/relations/russie/")
MARKER = re.compile(r'"r(\d+)-')

PUBLISHER = """
import sys, time
import django
django.setup()
from django.contrib.auth.models import User
from relations.models import Profile
from relations.revisions import revision_publish

user = User.objects.filter(username="bench-publisher").first() or User.objects.create_superuser(
    "bench-publisher", None, None
)
profile = Profile.objects.get(slug="russia")
publishes, seconds = int(sys.argv[1]), float(sys.argv[2])
start = time.time()
for n in range(publishes):
    time.sleep(max(0.0, start + (n + 0.5) * seconds / publishes - time.time()))
    revision = revision_publish(
        profile=profile, by=user, change_note_en="Bench.", change_note_fr="Banc d’essai."
    )
    print(f"{time.time():.6f} {revision.pk}", flush=True)
"""


def read_pages(stop_at: float, results: list, lock: threading.Lock, offset: int) -> None:
    """One reader: keep-alive requests until `stop_at`, recording (start, end, pk, ok)."""
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    mine = []
    n = offset
    while time.time() < stop_at:
        path = PAGES[n % len(PAGES)]
        n += 1
        started = time.time()
        try:
            connection.request("GET", path, headers={"Accept-Encoding": "br, gzip"})
            response = connection.getresponse()
            response.read()
            marker = MARKER.match(response.headers.get("ETag", ""))
            ok = response.status == 200 and marker is not None
            mine.append((started, time.time(), int(marker.group(1)) if ok else None, ok))
        except (OSError, http.client.HTTPException):
            connection.close()
            mine.append((started, time.time(), None, False))
    with lock:
        results.append(mine)


def staleness(responses, publishes) -> tuple[float, int]:
    """(longest time behind, regressions) of each connection's responses."""
    newest_stale = 0.0
    regressions = 0
    for connection in responses:
        seen = 0
        for started, _, pk, ok in connection:
            if not ok:
                continue
            if pk < seen:
                regressions += 1
            seen = max(seen, pk)
            newer = [at for at, published in publishes if published > pk and at < started]
            if newer:
                newest_stale = max(newest_stale, started - min(newer))
    return newest_stale, regressions


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="relations-publish-bench-"))
    env = site_environment(workdir)
    database, cache = site_stores(env)
    print(
        f"publish-load: database={database} cache={cache} workers=2 "
        f"connections={CONNECTIONS} seconds={SECONDS} publishes={PUBLISHES}"
    )
    prepare_site(env)
    server = start_gunicorn("config.wsgi:application", PORT, env)
    try:
        results: list = []
        lock = threading.Lock()
        stop_at = time.time() + SECONDS
        publisher = subprocess.Popen(
            [PYTHON, "-c", PUBLISHER, str(PUBLISHES), str(SECONDS - 2)],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
            stdout=subprocess.PIPE,
            text=True,
        )
        readers = [
            threading.Thread(target=read_pages, args=(stop_at, results, lock, n))
            for n in range(CONNECTIONS)
        ]
        for reader in readers:
            reader.start()
        output, _ = publisher.communicate(timeout=SECONDS + 120)
        for reader in readers:
            reader.join()
    finally:
        stop(server)
        shutil.rmtree(workdir, ignore_errors=True)
    publishes = [(float(at), int(pk)) for at, pk in map(str.split, output.splitlines())]
    responses = [r for connection in results for r in connection]
    errors = sum(1 for r in responses if not r[3])
    latencies = sorted(end - start for start, end, _, _ in responses)
    p99 = latencies[int(len(latencies) * 0.99)] * 1000 if latencies else 0.0
    max_stale, regressions = staleness(results, publishes)
    print(
        f"publish-load: requests={len(responses)} errors={errors} p99_ms={p99:.1f} "
        f"max_stale_s={max_stale:.3f} regressions={regressions} published={len(publishes)}"
    )


if __name__ == "__main__":
    main()
