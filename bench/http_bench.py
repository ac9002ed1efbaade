"""Load the public page under gunicorn and compare it with serving fixed bytes.

Starts, in one run and under the same gunicorn settings (2 workers, production settings,
the default page cache settings): the site, the site with the page cache off (a cold render
every time), and bench/static_app.py returning the same page's bytes. Each is loaded on
127.0.0.1 only, for a bounded time, with wrk (Debian package) or a small Python load
generator; the site once more with `Accept-Encoding: br, gzip` (its stored brotli form).
The site and the baseline are loaded in turns, BENCH_ROUNDS times, and the best run of each
is kept, so a burst of other work on the machine does not decide the ratio.
Prints requests/s, p99 latency, the ratios, and SQL queries of cold and warm requests.
Uses SQLite in a temporary file unless DATABASE_URL is set; Redis if REDIS_URL is.
"""

import http.client
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PAGE = "/en/relations/russia/"
DURATION = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))


def site_environment(workdir: Path) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_STATIC_ROOT=str(workdir / "static"),
        DJANGO_MEDIA_ROOT=str(workdir / "media"),
        DJANGO_LOG_LEVEL="ERROR",
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    return env


def site_stores(env: dict) -> tuple[str, str]:
    """The database and cache a bench's site runs on, as its summary line names them."""
    database = "postgresql" if env["DATABASE_URL"].startswith("postgres") else "sqlite"
    return database, "redis" if env.get("REDIS_URL") else "local memory"


def prepare_site(env: dict) -> None:
    """Migrate, load the shipped content, collect static files, start from an empty cache."""
    manage(env, "migrate", "--noinput")
    manage(env, "loaddata", "fixtures/canada-russia.json")
    manage(env, "collectstatic", "--noinput")
    if env.get("REDIS_URL"):
        manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")


def manage(env: dict, *args: str) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def start_gunicorn(app: str, port: int, env: dict, workers: int = 2) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            app,
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", PAGE)
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    stop(process)
    raise RuntimeError(f"{app} did not start on port {port}")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)


def load_with_wrk(port: int, headers: dict) -> tuple[float, float]:
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{DURATION}s",
            "--latency",
            *(f"-H{name}: {value}" for name, value in headers.items()),
            f"http://127.0.0.1:{port}{PAGE}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", output).groups()
    p99_ms = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    return rps, p99_ms


def load_with_python(port: int, headers: dict) -> tuple[float, float]:
    """Fallback load generator: keep-alive connections in threads, bounded in time."""
    latencies: list[float] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + DURATION

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine = []
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            connection.request("GET", PAGE, headers=headers)
            connection.getresponse().read()
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    p99 = statistics.quantiles(latencies, n=100)[98] * 1000
    return len(latencies) / DURATION, p99


def load(port: int, headers: dict | None = None) -> tuple[float, float]:
    headers = headers or {}
    return load_with_wrk(port, headers) if shutil.which("wrk") else load_with_python(port, headers)


def query_counts(env: dict) -> tuple[int, int]:
    """SQL queries of a cold and a warm request, counted in-process with the test client."""
    script = (
        "import django; django.setup();"
        "c = None;"
        "from django.core.cache import cache; from django.db import connection;"
        "from django.test import Client; from django.test.utils import CaptureQueriesContext;"
        "cache.clear(); c = Client(HTTP_HOST='127.0.0.1');"
        "cold = CaptureQueriesContext(connection)\n"
        "with cold: c.get('" + PAGE + "')\n"
        "warm = CaptureQueriesContext(connection)\n"
        "with warm: c.get('" + PAGE + "')\n"
        "print(len(cold.captured_queries), len(warm.captured_queries))"
    )
    env = {**env, "DJANGO_SETTINGS_MODULE": "config.settings"}
    output = subprocess.run(
        [PYTHON, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    return int(output[0]), int(output[1])


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="relations-bench-"))
    env = site_environment(workdir)
    database, cache = site_stores(env)
    print(
        f"bench: database={database} cache={cache} workers=2 connections={CONNECTIONS} "
        f"seconds={DURATION} rounds={ROUNDS} load={'wrk' if shutil.which('wrk') else 'python'}"
    )
    prepare_site(env)

    site = start_gunicorn("config.wsgi:application", 18101, env)
    static = None
    try:
        connection = http.client.HTTPConnection("127.0.0.1", 18101)
        connection.request("GET", PAGE)
        page_file = workdir / "page.html"
        page_file.write_bytes(connection.getresponse().read())
        static = start_gunicorn(
            "bench.static_app:application", 18102, {**env, "BENCH_PAGE_FILE": str(page_file)}
        )
        # Taken in turns, best of ROUNDS: other work on a shared machine only slows a run down.
        runs = {"live": [], "brotli": [], "static": []}
        for _ in range(ROUNDS):
            runs["static"].append(load(18102))
            runs["live"].append(load(18101))
            runs["brotli"].append(load(18101, {"Accept-Encoding": "br, gzip"}))
        (live_rps, live_p99), (brotli_rps, brotli_p99), (static_rps, static_p99) = (
            max(runs[name]) for name in ("live", "brotli", "static")
        )
    finally:
        stop(site)
        if static is not None:
            stop(static)

    cold_site = start_gunicorn(
        "config.wsgi:application", 18103, {**env, "PUBLIC_PAGE_CACHE": "false"}
    )
    try:
        cold_rps, cold_p99 = load(18103)
    finally:
        stop(cold_site)

    cold_queries, warm_queries = query_counts(env)
    print(f"static baseline: {static_rps:,.0f} req/s, p99 {static_p99:.1f} ms")
    print(
        f"live page (stored bytes, default settings): {live_rps:,.0f} req/s, "
        f"p99 {live_p99:.1f} ms, ratio {live_rps / static_rps:.2f}"
    )
    print(
        f"live page, brotli form (Accept-Encoding: br, gzip): {brotli_rps:,.0f} req/s, "
        f"p99 {brotli_p99:.1f} ms, ratio {brotli_rps / static_rps:.2f}"
    )
    print(f"live page (cache off, full render): {cold_rps:,.0f} req/s, p99 {cold_p99:.1f} ms")
    print(
        f"SQL queries: cold request {cold_queries}, "
        f"warm request {warm_queries} (at most one per PUBLICATION_CHECK_SECONDS per process)"
    )
    shutil.rmtree(workdir, ignore_errors=True)
    print(
        f"bench: static_rps={static_rps:.0f} live_rps={live_rps:.0f} "
        f"ratio={live_rps / static_rps:.2f} brotli_ratio={brotli_rps / static_rps:.2f} "
        f"cold_ratio={cold_rps / static_rps:.2f} warm_queries={warm_queries} "
        f"p99_ms={live_p99:.1f}"
    )


if __name__ == "__main__":
    main()
