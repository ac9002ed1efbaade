"""Benchmark: a ministry's worth of content — publishing, history and public pages.

Generated data only (made-up partners "Benchland 1..N", sources "Generated benchmark data";
nothing here is real content), in a throwaway database: a temporary SQLite file, or with
DATABASE_URL set, `<name>_bench` on that server (created and dropped here, never the
developer's own database). REDIS_URL is used as configured (the cache is cleared).

- One profile of 37 years × 2 flows × (96 HS chapters and the total) (7,178 figures) is
  published through `revision_publish`: seconds and SQL queries, and the bytes its revision
  row stores.
- That profile gets 50 revisions; in a child process (so its memory is its own) the history
  screens are read: the admin's Revisions screen, the admin Revision list and the public
  "See all updates" page. The slowest median of three, and the process's peak RSS.
- 200 profiles of 5 years × 2 flows × 97 rows (970 figures) are published; then the
  public index is read once with an empty cache in a warm process (cold), every live page
  in both languages is read twice through the WSGI application as gunicorn runs it, and
  the pages the second pass had to render again are counted.

    make bench-scale                         # SQLite, in a temporary file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/relations REDIS_URL=redis://127.0.0.1:6379/4 \
        make bench-scale                     # PostgreSQL (relations_bench) and Redis

The last line is the summary: "scale-bench: publish_s=… publish_queries=… revision_kb=…
history_ms=… history_mb=… index_cold_ms=… pages_rerendered=…". Goals on a 2-core machine:
publish ≤ 1 s in a number of queries that does not grow with figures, ≤ 500 KB per revision,
history screens < 300 ms and < 150 MB.
"""

import io
import json
import os
import resource
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_bench import (
    FIGURE_COLUMNS,
    SOURCE,
    bench_country,
    bench_database,
    json_from_process,
    recreate_postgres,
    setup_django,
)

BIG_YEARS = range(1988, 2025)  # 37 years
SMALL_YEARS = range(2020, 2025)  # 5 years
PROFILES = int(os.environ.get("SCALE_BENCH_PROFILES", "200"))
REVISIONS = 50
RUNS = 3
BIG_SLUG = "benchland-1"


def profile_with_figures(p: int, years) -> "Profile":  # noqa: F821
    """Generated profile number p: the page's sections and figures for `years`."""
    from relations.models import Profile, Section
    from relations.spreadsheets.staging import _insert
    from trade.models import HSChapter, TradeFigure

    profile = Profile.objects.create(
        partner=bench_country(p),
        slug=f"benchland-{p}",
        slug_fr=f"benchlande-{p}",
        summary_en="Generated benchmark profile.",
        summary_fr="Profil généré pour les mesures.",
        relations_established_year=1950,
        as_of="2024-01-01",
    )
    headings = {
        "political": ("Political relations", "Relations politiques"),
        "trade": ("Trade", "Commerce"),
        "representation": ("Representation", "Représentation"),
    }
    Section.objects.bulk_create(
        Section(profile=profile, kind=kind, key=kind, position=i, heading_en=en, heading_fr=fr)
        for i, (kind, (en, fr)) in enumerate(headings.items())
    )
    # The 96 chapters the nomenclature ships (77 is reserved) and the year's total.
    chapters = HSChapter.objects.exclude(title_en="").filter(code__lte="97")
    chapters = [None, *chapters.values_list("id", flat=True)]
    rows = [
        (profile.pk, year, flow, "merchandise", chapter, 1_000_000 + year * 7 + i, *SOURCE)
        for year in years
        for flow in ("export", "import")
        for i, chapter in enumerate(chapters)
    ]
    _insert(TradeFigure._meta.db_table, FIGURE_COLUMNS, rows)
    return profile


def revision_bytes(revision_pk: int) -> int:
    """What the revision's row stores, every column (PostgreSQL: after its own compression)."""
    from django.db import connection

    from relations.models import Revision

    columns = [connection.ops.quote_name(f.column) for f in Revision._meta.concrete_fields]
    if connection.vendor == "postgresql":
        size = " + ".join(f"COALESCE(pg_column_size({c}), 0)" for c in columns)
    else:
        size = " + ".join(f"COALESCE(length(CAST({c} AS BLOB)), 0)" for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {size} FROM {Revision._meta.db_table} WHERE id = %s", [revision_pk])
        return cursor.fetchone()[0]


def more_revisions(profile, count: int) -> None:
    """Copies of the published revision as earlier dated ones (history, not publishing),
    copied inside the database so this process never holds 50 documents."""
    from django.db import connection
    from django.utils import timezone

    from relations.models import Revision

    first = Revision.objects.for_profile(profile).light().get()
    now = timezone.now()
    varying = {"id", "number", "go_live_at", "modified_at", "published_at"}
    kept = [f.column for f in Revision._meta.concrete_fields if f.column not in varying]
    columns = ", ".join(connection.ops.quote_name(c) for c in kept)
    table = Revision._meta.db_table
    with connection.cursor() as cursor:
        for number in range(2, count + 1):
            when = now - timedelta(days=count - number)
            cursor.execute(
                f"INSERT INTO {table} (number, go_live_at, modified_at, published_at, {columns}) "
                f"SELECT %s, %s, %s, %s, {columns} FROM {table} WHERE id = %s",
                [number, when, when, when, first.pk],
            )
    Revision.objects.filter(pk=first.pk).update(go_live_at=now - timedelta(days=count))


def history() -> dict:
    """In its own process: the history screens of the 50-revision profile."""
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    from relations.models import Profile

    profile = Profile.objects.get(slug=BIG_SLUG)
    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(username="bench-publisher"))
    pages = [
        reverse("admin:profile_revisions", args=[profile.pk]),
        reverse("admin:relations_revision_changelist"),
        f"/en/relations/{BIG_SLUG}/updates/",
    ]
    times, cpu_times = {}, {}
    for page in pages:
        runs, cpu_runs = [], []
        for _ in range(RUNS):
            start, cpu = time.perf_counter(), time.process_time()
            response = client.get(page)
            runs.append((time.perf_counter() - start) * 1000)
            cpu_runs.append((time.process_time() - cpu) * 1000)
            assert response.status_code == 200, (page, response.status_code)
        times[page], cpu_times[page] = statistics.median(runs), statistics.median(cpu_runs)
    return {"times": times, "cpu_times": cpu_times, "peak_rss_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from the
    process that started it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def wsgi_get(application, path: str) -> int:
    """One GET through the WSGI application, as gunicorn calls it; the status code."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "HTTP_HOST": "localhost",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    status = []
    body = application(environ, lambda s, headers, exc_info=None: status.append(s))
    for _chunk in body:
        pass
    if hasattr(body, "close"):
        body.close()
    return int(status[0].split()[0])


def forget_everything() -> None:
    from django.core.cache import cache

    from relations.page_cache import local

    cache.clear()
    local.pointers.clear()
    local.pages.clear()


def public_pages(slugs: list[tuple[str, str]]) -> tuple[float, int]:
    """(cold index milliseconds, pages of the second pass rendered again)."""
    import relations.views
    from config.wsgi import application

    rendered = []
    render = relations.views.render_profile_page

    def counting(*args, **kwargs):
        rendered.append(1)
        return render(*args, **kwargs)

    relations.views.render_profile_page = counting
    # A warm process (URLs, templates, connections), an empty cache: what a deploy or a
    # publish leaves.
    assert wsgi_get(application, "/en/relations/") == 200
    forget_everything()
    start = time.perf_counter()
    assert wsgi_get(application, "/en/relations/") == 200
    index_ms = (time.perf_counter() - start) * 1000
    paths = [f"/en/relations/{en}/" for en, _fr in slugs] + [
        f"/fr/relations/{fr}/" for _en, fr in slugs
    ]
    for path in paths:
        assert wsgi_get(application, path) == 200, path
    rendered.clear()
    for path in paths:
        assert wsgi_get(application, path) == 200, path
    relations.views.render_profile_page = render
    return index_ms, len(rendered)


def main() -> None:
    if sys.argv[1:] == ["--history"]:
        setup_django(os.environ["DATABASE_URL"])
        print(json.dumps(history()))
        return
    label, url = bench_database()
    if label == "postgresql":
        recreate_postgres(url)
    os.environ.setdefault("CACHE_KEY_PREFIX", "scale-bench")
    setup_django(url)
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection, connections, transaction

    from relations.models import Profile
    from relations.revisions import revision_publish

    cache = "redis" if os.environ.get("REDIS_URL") else "local memory"
    print(f"scale-bench: database={label} cache={cache}: building…", flush=True)
    call_command("migrate", verbosity=0)
    publisher = User.objects.create_superuser("bench-publisher")

    def publish(profile):
        return revision_publish(
            profile=profile, by=publisher, change_note_en="Generated", change_note_fr="Généré"
        )

    with transaction.atomic():
        big = profile_with_figures(1, BIG_YEARS)
    figures = big.trade_figures.count()
    forget_everything()
    queries = []
    with connection.execute_wrapper(lambda execute, *args: queries.append(1) or execute(*args)):
        start, cpu = time.perf_counter(), time.process_time()
        revision = publish(big)
        publish_s, publish_cpu_s = time.perf_counter() - start, time.process_time() - cpu
    revision_kb = revision_bytes(revision.pk) / 1024
    print(
        f"  publish {figures:,} figures: {publish_s:.2f} s ({publish_cpu_s:.2f} s of CPU in "
        f"this process{', SQLite included' if label == 'sqlite' else ''}), {len(queries)} queries, "
        f"revision {revision_kb:,.0f} KB",
        flush=True,
    )
    more_revisions(big, REVISIONS)
    connections.close_all()
    screens = json_from_process(__file__, "--history", url=url)
    for page, ms in screens["times"].items():
        cpu_ms = screens["cpu_times"][page]
        print(f"  {page} with {REVISIONS} revisions: {ms:.0f} ms ({cpu_ms:.0f} ms CPU)", flush=True)
    print(f"  history process peak RSS {screens['peak_rss_mb']:.0f} MB", flush=True)

    start = time.perf_counter()
    for p in range(2, PROFILES + 2):
        with transaction.atomic():
            profile = profile_with_figures(p, SMALL_YEARS)
        publish(profile)
    print(
        f"  {PROFILES} more profiles built and published in {time.perf_counter() - start:.0f} s",
        flush=True,
    )
    slugs = list(Profile.objects.order_by("pk").values_list("slug", "slug_fr"))
    index_ms, rerendered = public_pages(slugs)
    print(
        f"  index cold {index_ms:.0f} ms; second pass over {2 * len(slugs)} live pages: "
        f"{rerendered} rendered again",
        flush=True,
    )
    connections.close_all()
    if label == "postgresql":
        recreate_postgres(url)
    print(
        f"scale-bench: publish_s={publish_s:.2f} publish_queries={len(queries)} "
        f"revision_kb={revision_kb:.0f} history_ms={max(screens['times'].values()):.0f} "
        f"history_mb={screens['peak_rss_mb']:.0f} index_cold_ms={index_ms:.0f} "
        f"pages_rerendered={rerendered}",
        flush=True,
    )


if __name__ == "__main__":
    main()
