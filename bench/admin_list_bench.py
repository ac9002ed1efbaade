"""Benchmark: the trade figure list of the admin with 1,000,000 figures and 200 profiles.

Generated data only (made-up profiles "Benchland 1..200"). Times the list as an editor uses it
(first page, a later page, each filter, a search) through Django's test client, in a fresh
database, and counts the queries of each page. Prints one line per page and, last, one
machine-readable line: "admin-list-bench: db=sqlite figures=1000000 profiles=200 list_ms=…
filter_profile_ms=… filter_year_ms=… search_chapter_ms=… search_source_ms=… max_ms=…
max_queries=…". Goal: every page under 500 ms.

    make bench-admin-list                         # SQLite, in a temporary file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/relations make bench-admin-list
                                                  # PostgreSQL: uses (and drops) <name>_bench
    ADMIN_LIST_BENCH_PROFILES=2 make bench-admin-list   # fewer profiles (the suite's smoke run)
"""

import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_bench import (
    FIGURE_COLUMNS,
    bench_country,
    bench_database,
    json_from_process,
    recreate_postgres,
    reference_data,
    setup_django,
)

PROFILES = int(os.environ.get("ADMIN_LIST_BENCH_PROFILES", "200"))
YEARS = range(1990, 2015)  # 25 years × 2 flows × 100 chapters (99 and the total) per profile
RUNS = 3


def build() -> int:
    """200 profiles with 5,000 figures each, inserted with the engine's bulk insert."""
    from django.db import transaction

    from relations.models import Profile
    from relations.spreadsheets.staging import _insert
    from trade.models import HSChapter, TradeFigure

    reference_data()
    chapters = [None, *HSChapter.objects.values_list("id", flat=True)]
    count = 0
    with transaction.atomic():
        for p in range(1, PROFILES + 1):
            profile = Profile.objects.create(
                partner=bench_country(p),
                slug=f"benchland-{p}",
                slug_fr=f"benchlande-{p}",
                relations_established_year=1950,
                as_of="2024-01-01",
            )
            rows = [
                (
                    profile.pk,
                    year,
                    flow,
                    "merchandise",
                    chapter,
                    1000 + year,
                    f"Source {p % 7}",
                    "S",
                )
                for year in YEARS
                for flow in ("export", "import")
                for chapter in chapters
            ]
            _insert(TradeFigure._meta.db_table, FIGURE_COLUMNS, rows)
            count += len(rows)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return count


def measure(client, url: str) -> tuple[float, int]:
    """(median milliseconds, queries) of a page, warm (the first request is not counted)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(url).status_code == 200
    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    return statistics.median(times), len(queries)


def export(file_format: str) -> dict:
    """In its own process: the admin's export of every figure, read as a browser would."""
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(username="bench-admin"))
    formats = {"csv": "0", "xlsx": "1"}
    start = time.perf_counter()
    response = client.post(
        reverse("admin:trade_tradefigure_export"), {"format": formats[file_format], "resource": "0"}
    )
    chunks = iter(response.streaming_content) if response.streaming else iter([response.content])
    size, first_rows = 0, None
    for chunk in chunks:
        size += len(chunk)
        if first_rows is None and chunk.count(b"\n") > 1:
            first_rows = time.perf_counter() - start  # the header went before, at once
    return {
        "seconds": time.perf_counter() - start,
        "first_rows_seconds": first_rows,
        "megabytes": size / 1e6,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--export":
        setup_django(os.environ["DATABASE_URL"])
        print(json.dumps(export(sys.argv[2])))
        return
    label, url = bench_database()
    if label == "postgresql":
        recreate_postgres(url)
    setup_django(url)
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client
    from django.urls import reverse

    from relations.models import Profile
    from trade.models import HSChapter

    print(f"admin-list-bench: {label}: building {PROFILES} profiles…", flush=True)
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    figures = build()
    later_page = min(200, figures // 100)  # the admin's 100 figures a page
    print(f"  {figures:,} figures in {time.perf_counter() - start:.0f} s", flush=True)
    user = User.objects.create_superuser("bench-admin")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    changelist = reverse("admin:trade_tradefigure_changelist")
    searched = f"benchland-{min(117, PROFILES)}"
    profile = Profile.objects.get(slug=searched)
    chapter = HSChapter.objects.get(code="84")
    pages = {
        "list": changelist,
        f"page_{later_page}": f"{changelist}?p={later_page}",
        "filter_profile": f"{changelist}?profile__id__exact={profile.pk}",
        "filter_year": f"{changelist}?year=2011",
        "filter_flow": f"{changelist}?flow__exact=import",
        "filter_chapter": f"{changelist}?chapter__id__exact={chapter.pk}",
        "filter_profile_year": f"{changelist}?profile__id__exact={profile.pk}&year=2011",
        "search_chapter": f"{changelist}?q=goods+84",
        "search_profile": f"{changelist}?q={searched}",
        "search_source": f"{changelist}?q=Source+3",
    }
    results = {}
    for name, page in pages.items():
        results[name] = measure(client, page)
        print(f"  {name}: {results[name][0]:.0f} ms, {results[name][1]} queries", flush=True)
    connections.close_all()
    exported = json_from_process(__file__, "--export", "csv", url=url)
    print(
        f"  CSV export of every figure: first rows after {exported['first_rows_seconds']:.2f} s, "
        f"all {exported['megabytes']:.0f} MB in {exported['seconds']:.1f} s, peak RSS "
        f"{exported['peak_rss_mb']:.0f} MB",
        flush=True,
    )
    if label == "postgresql":
        recreate_postgres(url)
    numbers = " ".join(f"{name}_ms={ms:.0f}" for name, (ms, _q) in results.items())
    print(
        f"admin-list-bench: db={label} figures={figures} profiles={PROFILES} {numbers} "
        f"max_ms={max(ms for ms, _q in results.values()):.0f} "
        f"max_queries={max(q for _ms, q in results.values())} "
        f"export_first_rows_s={exported['first_rows_seconds']:.2f} "
        f"export_s={exported['seconds']:.1f} export_peak_rss_mb={exported['peak_rss_mb']:.0f}",
        flush=True,
    )


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    main()
