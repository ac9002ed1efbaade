"""Benchmark: import long trade sheets of 100,000 and 1,000,000 rows through the engine.

Generated data only (made-up profiles "Benchland 1..N"; nothing here is real content). Each
sheet upserts on natural keys: half its rows update figures that exist, half create new ones.
Every measured step runs in its own child process, so its peak RSS is its own:

- the import, as `manage.py import_sheet trade-figures FILE` runs it (`sheet_import`, limits
  of the command), then the undo of that import (`import_batch_undo`) and the admin page of
  its batch;
- once per database, the library's default ModelResource on the first 5,000 rows of the same
  file (the baseline: row by row, a query per row; a million would take hours), and the admin
  preview (upload → dry-run preview page) of a 10,000-row XLSX sheet.

    make bench-import                        # SQLite, in a temporary file
    make bench-import ROWS=100000            # one size
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/relations make bench-import
                                             # PostgreSQL: uses (and drops) <name>_bench

The last line of each size is machine-readable, on one line: "import-bench: db=sqlite
rows=1000000 seconds=S rows_per_s=R peak_rss_mb=M undo_seconds=U undo_peak_rss_mb=V
default_rows_per_s=D ratio=X". Goals on a 2-core machine: 1,000,000 rows in ≤ 30 s and
100,000 in ≤ 3 s, peak RSS ≤ 200 MB and the same at both sizes.
"""

import argparse
import atexit
import csv
import itertools
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100_000, 1_000_000)
DEFAULT_ROWS = 5_000
PREVIEW_ROWS = 10_000  # the admin preview of an XLSX sheet
YEARS = range(1990, 2025)
CHAPTERS = ["", *(f"{n:02d}" for n in range(1, 98))]
KEYS_PER_PROFILE = len(YEARS) * 2 * 2 * len(CHAPTERS)  # years × flows × kinds × chapters
SOURCE = ("Generated benchmark data", "Données de test générées")
# The columns of trade_tradefigure the benchmarks fill, and the long sheet's header.
FIGURE_COLUMNS = ["profile_id", "year", "flow", "kind", "chapter_id", "value"]
FIGURE_COLUMNS += ["source_en", "source_fr"]


def bench_database() -> tuple[str, str]:
    """(label, DATABASE_URL) of a database the benchmark may create and drop."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(url)
        name = parts.path.lstrip("/") + "_bench"
        return "postgresql", urlunsplit(parts._replace(path="/" + name, query=""))
    folder = tempfile.mkdtemp(prefix="import-bench-")
    atexit.register(shutil.rmtree, folder, True)  # a million figures: hundreds of MB
    return "sqlite", f"sqlite:///{Path(folder) / 'bench.sqlite3'}"


def recreate_postgres(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["MAX_UPLOAD_SIZE"] = str(64 * 1024 * 1024)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def profiles_for(rows: int) -> int:
    return max(8, -(-rows // KEYS_PER_PROFILE))


def keys(rows: int):
    """Natural keys of the sheet, in file order: even rows update, odd rows are new."""
    count = 0
    for p in range(1, profiles_for(rows) + 1):
        for year in YEARS:
            for flow in ("export", "import"):
                for kind in ("merchandise", "services"):
                    for chapter in CHAPTERS:
                        if count == rows:
                            return
                        yield (f"benchland-{p}", year, flow, kind, chapter)
                        count += 1


def reference_data() -> None:
    """The home country and HS chapters 01–99 (generated names)."""
    from relations.models import Country
    from trade.models import HSChapter

    Country.objects.get_or_create(
        code="CA",
        defaults={
            "name_en": "Canada",
            "name_fr": "Canada",
            "formal_name_en": "Canada",
            "formal_name_fr": "le Canada",
            "french_class": "m",
            "adjective_en": "Canadian",
            "adjective_fr": "canadiens",
            "adjective_feminine_fr": "canadiennes",
        },
    )
    HSChapter.objects.bulk_create(
        [
            HSChapter(code=f"{n:02d}", name_en=f"goods {n}", name_fr=f"biens {n}")
            for n in range(1, 100)
        ],
        ignore_conflicts=True,
    )


def bench_country(p: int):
    """Made-up partner number p: codes QA, QB, … that no real country has."""
    from relations.models import Country

    country, _ = Country.objects.get_or_create(
        code=f"{chr(81 + p // 26)}{chr(65 + p % 26)}",
        defaults={
            "name_en": f"Benchland {p}",
            "name_fr": f"Benchlande {p}",
            "formal_name_en": f"Benchland {p}",
            "formal_name_fr": f"la Benchlande {p}",
            "french_class": "f",
            "adjective_en": "Benchlandic",
            "adjective_fr": "benchlandais",
            "adjective_feminine_fr": "benchlandaises",
        },
    )
    return country


def seed(rows: int) -> None:
    """Reference data and the figures the sheet's even rows update (rows // 2), inserted with
    the engine's bulk insert so seeding a million-row sheet takes seconds."""
    from django.db import transaction

    from relations.models import Profile
    from relations.spreadsheets.staging import _insert
    from trade.models import HSChapter, TradeFigure

    reference_data()
    for p in range(1, profiles_for(rows) + 1):
        Profile.objects.get_or_create(
            slug=f"benchland-{p}",
            defaults={
                "partner": bench_country(p),
                "slug_fr": f"benchlande-{p}",
                "relations_established_year": 1950,
                "as_of": "2024-01-01",
            },
        )
    profiles = dict(Profile.objects.values_list("slug", "id"))
    chapters = dict(HSChapter.objects.values_list("code", "id"))
    TradeFigure.objects.all().delete()
    batch = []
    with transaction.atomic():
        for index, (slug, year, flow, kind, chapter) in enumerate(keys(rows)):
            if index % 2:
                continue
            batch.append(
                (profiles[slug], year, flow, kind, chapters.get(chapter), 1000 + index, *SOURCE)
            )
            if len(batch) == 5000:
                _insert(TradeFigure._meta.db_table, FIGURE_COLUMNS, batch)
                batch.clear()
        _insert(TradeFigure._meta.db_table, FIGURE_COLUMNS, batch)


def write_sheet(path: Path, rows: int) -> None:
    from trade.sheets import LONG_COLUMNS  # the columns Export writes

    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(LONG_COLUMNS)
        for index, key in enumerate(keys(rows)):
            writer.writerow([*key, 2000 + index, *SOURCE])


def write_xlsx_sheet(path: Path) -> None:
    """The first PREVIEW_ROWS rows of the sheet as an XLSX workbook (half updates, half new)."""
    import openpyxl

    from trade.sheets import LONG_COLUMNS

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Trade figures")
    sheet.append(list(LONG_COLUMNS))
    for index, (slug, year, flow, kind, chapter) in enumerate(keys(PREVIEW_ROWS)):
        sheet.append([slug, year, flow, kind, chapter or None, 2000 + index, *SOURCE])
    workbook.save(path)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time of this process: less sensitive than wall time to other work on the machine
    (on SQLite it includes the database's work; PostgreSQL's server time is not in it)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def superuser_client():
    from django.contrib.auth.models import User
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # so a response carries its context (the import result)
    user, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client, user


def child(which: str, path: Path) -> dict:
    """Runs in its own process: one step, timed, with this process's peak RSS."""
    if which == "import":
        from relations.spreadsheets import Limits, sheet_import
        from relations.spreadsheets.registry import sheet_for_kind

        start, cpu = time.perf_counter(), cpu_seconds()
        with path.open("rb") as file:
            result = sheet_import(
                sheet=sheet_for_kind("trade-figures"),
                file=file,
                file_name=path.name,
                dry_run=False,
                limits=Limits.for_command(),
            )
        seconds = time.perf_counter() - start
        assert result.ok, [str(p) for p in list(result.problems)[:5]]
        return {
            "seconds": seconds,
            "cpu": cpu_seconds() - cpu,
            "summary": result.summary,
            "batch": result.batch.pk,
        }
    if which == "undo":
        from django.urls import reverse

        from relations.models import ImportBatch
        from relations.spreadsheets import import_batch_undo

        client, user = superuser_client()
        batch = ImportBatch.objects.get(pk=int(path.name))
        start = time.perf_counter()
        page = client.get(reverse("admin:relations_importbatch_change", args=[batch.pk]))
        listing = client.get(reverse("admin:relations_importbatch_changelist"))
        pages = time.perf_counter() - start
        assert page.status_code == listing.status_code == 200
        start, cpu = time.perf_counter(), cpu_seconds()
        import_batch_undo(batch=batch, by=user)
        return {
            "seconds": time.perf_counter() - start,
            "cpu": cpu_seconds() - cpu,
            "pages_seconds": pages,
        }
    if which == "preview":
        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.urls import reverse

        client, _user = superuser_client()
        start = time.perf_counter()
        response = client.post(
            reverse("admin:trade_tradefigure_import"),
            {"import_file": SimpleUploadedFile(path.name, path.read_bytes())},
        )
        seconds = time.perf_counter() - start
        result = response.context["result"]
        assert result.ok, [str(p) for p in list(result.problems)[:5]]
        return {"seconds": seconds, "summary": f"{result.summary}; HTTP {response.status_code}"}
    # The library's default path: a ModelResource, natural keys as import ids.
    import tablib
    from import_export import fields, resources, widgets

    from relations.models import Profile
    from trade.models import HSChapter, TradeFigure

    class DefaultTradeFigureResource(resources.ModelResource):
        profile = fields.Field("profile", "profile", widgets.ForeignKeyWidget(Profile, "slug"))
        chapter = fields.Field("chapter", "hs_chapter", widgets.ForeignKeyWidget(HSChapter, "code"))
        value = fields.Field("value", "value_cad", widgets.DecimalWidget())

        class Meta:
            model = TradeFigure
            fields = ("profile", "year", "flow", "kind", "chapter", "value")
            fields += ("source_en", "source_fr")
            import_id_fields = ("profile", "year", "flow", "kind", "chapter")

    with path.open(encoding="utf-8") as file:
        lines = list(itertools.islice(file, DEFAULT_ROWS + 1))  # the header and the rows
    dataset = tablib.Dataset().load("".join(lines), format="csv")
    start = time.perf_counter()
    result = DefaultTradeFigureResource().import_data(dataset, dry_run=True)
    seconds = time.perf_counter() - start
    assert not result.has_errors() and not result.has_validation_errors()
    return {
        "seconds": seconds,
        "rows": len(lines) - 1,
        "summary": ", ".join(f"{v} {k}" for k, v in result.totals.items() if v),
    }


def json_from_process(script: str, *args: str, url: str, **variables: str) -> dict:
    """Runs a bench script in its own process on the database at `url` (so its peak RSS is
    its own) and returns the JSON of its last line."""
    output = subprocess.run(
        [sys.executable, script, *args],
        env={**os.environ, "DATABASE_URL": url, **variables},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def run_child(which: str, path: Path, url: str) -> dict:
    # Uploads waiting for confirmation go beside the generated sheet, not to the project's media.
    media = str(path.parent / "media")
    return json_from_process(
        __file__, "--child", which, str(path), url=url, DJANGO_MEDIA_ROOT=media
    )


def bench(label: str, url: str, rows: int, *, first: bool) -> None:
    from django.db import connections

    workdir = Path(tempfile.mkdtemp(prefix="import-bench-sheet-"))
    sheet = workdir / f"trade-figures-{rows}.csv"
    write_sheet(sheet, rows)
    seed(rows)
    connections["default"].close()
    print(
        f"  {label}, {rows:,} rows ({sheet.stat().st_size / 1e6:.0f} MB CSV, "
        f"{profiles_for(rows)} profiles, half updates of existing figures, half new):",
        flush=True,
    )
    ours = run_child("import", sheet, url)
    print(
        f"  import: {ours['seconds']:.2f} s = {rows / ours['seconds']:,.0f} rows/s "
        f"({ours['cpu']:.2f} s of CPU), peak RSS {ours['peak_rss_mb']:.0f} MB ({ours['summary']})",
        flush=True,
    )
    undo = run_child("undo", workdir / str(ours["batch"]), url)
    print(
        f"  undo of that import: {undo['seconds']:.2f} s ({undo['cpu']:.2f} s of CPU), peak RSS "
        f"{undo['peak_rss_mb']:.0f} MB "
        f"(its admin page and the list of imports: {undo['pages_seconds']:.2f} s)",
        flush=True,
    )
    default = run_child("default", sheet, url)
    default_rate = default["rows"] / default["seconds"]
    print(
        f"  django-import-export's default ModelResource, first {default['rows']:,} rows (dry "
        f"run): {default['seconds']:.2f} s = {default_rate:,.0f} rows/s, peak RSS "
        f"{default['peak_rss_mb']:.0f} MB",
        flush=True,
    )
    if first:
        workbook = workdir / f"trade-figures-{PREVIEW_ROWS}.xlsx"
        write_xlsx_sheet(workbook)
        preview = run_child("preview", workbook, url)
        print(
            f"  admin preview of a {PREVIEW_ROWS:,}-row XLSX sheet "
            f"({workbook.stat().st_size / 1e6:.1f} MB): {preview['seconds']:.2f} s, peak RSS "
            f"{preview['peak_rss_mb']:.0f} MB ({preview['summary']})",
            flush=True,
        )
    shutil.rmtree(workdir, ignore_errors=True)  # the sheets (100 MB at a million rows)
    rate = rows / ours["seconds"]
    print(
        f"import-bench: db={label} rows={rows} seconds={ours['seconds']:.2f} "
        f"rows_per_s={rate:.0f} cpu_seconds={ours['cpu']:.2f} "
        f"peak_rss_mb={ours['peak_rss_mb']:.0f} "
        f"undo_seconds={undo['seconds']:.2f} undo_peak_rss_mb={undo['peak_rss_mb']:.0f} "
        f"default_rows_per_s={default_rate:.0f} ratio={rate / default_rate:.1f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--child", nargs=2, metavar=("WHICH", "FILE"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--rows",
        default=",".join(str(size) for size in SIZES),
        help="sizes to measure, comma-separated (default: 100000,1000000)",
    )
    args = parser.parse_args()
    if args.child:
        setup_django(os.environ["DATABASE_URL"])
        outcome = child(args.child[0], Path(args.child[1]))
        print(json.dumps({**outcome, "peak_rss_mb": peak_rss_mb()}))
        return
    sizes = [int(size) for size in args.rows.split(",")]
    label, url = bench_database()
    if label == "postgresql":
        recreate_postgres(url)
    setup_django(url)
    from django.core.management import call_command
    from django.db import connections

    print(f"import-bench: {label}: migrating a fresh database…", flush=True)
    call_command("migrate", verbosity=0)
    for number, rows in enumerate(sizes):
        bench(label, url, rows, first=number == 0)
    if label == "postgresql":
        connections.close_all()
        recreate_postgres(url)  # leave an empty database behind, not a million rows


if __name__ == "__main__":
    main()
