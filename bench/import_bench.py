"""Benchmark: import a 100,000-row long trade sheet, ours against the library's default path.

Generated data only (made-up profiles "Benchland 1..8"; nothing here is real content). The
sheet upserts on natural keys: half its rows update figures that exist, half create new
ones. Each import runs in its own child process so its peak RSS is its own. The library's
default ModelResource (row by row, a query per row) is measured on the first 5,000 rows of
the same file, because on 100,000 rows it takes minutes.

    make bench-import            # SQLite, in a temporary file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/relations make bench-import
                                 # PostgreSQL: uses (and drops) <name>_bench on that server

Before that last line it prints the time of the admin preview (upload → dry-run preview
page) of the first 10,000 rows as an XLSX workbook, timed in its own process with Django's
test client. The last line is machine-readable, on one line: "import-bench: db=sqlite rows=100000
seconds=S rows_per_s=R peak_rss_mb=M default_rows_per_s=D ratio=X".
"""

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
ROWS = 100_000
DEFAULT_ROWS = 5_000
PREVIEW_ROWS = 10_000  # the admin preview of an XLSX sheet, target ≤ 10 s
PROFILES = 8
YEARS = range(1990, 2025)
HEADER = ["profile", "year", "flow", "kind", "hs_chapter", "value_cad", "source_en", "source_fr"]
SOURCE = ("Generated benchmark data", "Données de test générées")


def bench_database() -> tuple[str, str]:
    """(label, DATABASE_URL) of a database the benchmark may create and drop."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(url)
        name = parts.path.lstrip("/") + "_bench"
        return "postgresql", urlunsplit(parts._replace(path="/" + name, query=""))
    path = Path(tempfile.mkdtemp(prefix="import-bench-")) / "bench.sqlite3"
    return "sqlite", f"sqlite:///{path}"


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


def keys() -> list[tuple]:
    """Natural keys of the sheet, interleaved so any prefix is half updates, half new rows."""
    chapters = ["", *(f"{n:02d}" for n in range(1, 98))]
    every = [
        (f"benchland-{p}", year, flow, kind, chapter)
        for p in range(1, PROFILES + 1)
        for year in YEARS
        for flow in ("export", "import")
        for kind in ("merchandise", "services")
        for chapter in chapters
    ]
    return every[:ROWS]


def seed() -> None:
    """Reference data and the 50,000 figures the sheet's even rows update."""
    from relations.models import Country, Profile
    from trade.models import HSChapter, TradeFigure

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
            for n in range(1, 98)
        ],
        ignore_conflicts=True,
    )
    profiles = {}
    for p in range(1, PROFILES + 1):
        country, _ = Country.objects.get_or_create(
            code=f"Q{chr(64 + p)}",
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
        profiles[f"benchland-{p}"], _ = Profile.objects.get_or_create(
            slug=f"benchland-{p}",
            defaults={
                "partner": country,
                "relations_established_year": 1950,
                "as_of": "2024-01-01",
            },
        )
    chapters = dict(HSChapter.objects.values_list("code", "id"))
    TradeFigure.objects.all().delete()
    TradeFigure.objects.bulk_create(
        [
            TradeFigure(
                profile=profiles[slug],
                year=year,
                flow=flow,
                kind=kind,
                chapter_id=chapters.get(chapter),
                value=Decimal(1000 + index),
                source_en=SOURCE[0],
                source_fr=SOURCE[1],
            )
            for index, (slug, year, flow, kind, chapter) in enumerate(keys())
            if index % 2 == 0
        ],
        batch_size=5000,
    )


def write_sheet(path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(HEADER)
        for index, key in enumerate(keys()):
            writer.writerow([*key, 2000 + index, *SOURCE])


def write_xlsx_sheet(path: Path) -> None:
    """The first PREVIEW_ROWS rows of the sheet as an XLSX workbook (half updates, half new)."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Trade figures")
    sheet.append(HEADER)
    for index, (slug, year, flow, kind, chapter) in enumerate(keys()[:PREVIEW_ROWS]):
        sheet.append([slug, year, flow, kind, chapter or None, 2000 + index, *SOURCE])
    workbook.save(path)


def admin_preview(data: bytes, file_name: str) -> tuple[float, str, int]:
    """Upload the file to the trade figures admin's import page as a superuser: the dry-run
    preview an editor waits for (read, check, write and roll back, page sentences, render)."""
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    setup_test_environment()  # so the response carries its context (the import result)

    user, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    form = {"kind": "merchandise", "source_en": SOURCE[0], "source_fr": SOURCE[1]}
    start = time.perf_counter()
    response = client.post(
        reverse("admin:trade_tradefigure_import"),
        {**form, "import_file": SimpleUploadedFile(file_name, data)},
    )
    seconds = time.perf_counter() - start
    result = response.context["result"]
    assert result.ok, [str(p) for p in result.problems[:5]]
    return seconds, result.summary, response.status_code


def child(which: str, path: Path) -> dict:
    """Runs in its own process: one import, timed, with this process's peak RSS."""
    data = path.read_bytes()
    if which == "preview":
        seconds, summary, status = admin_preview(data, path.name)
        return {
            "rows": PREVIEW_ROWS,
            "seconds": seconds,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "summary": f"{summary}; HTTP {status}",
        }
    if which == "ours":
        from trade.importing.services import trade_figures_import

        start = time.perf_counter()
        result = trade_figures_import(data=data, file_name=path.name, dry_run=False)
        seconds = time.perf_counter() - start
        assert result.ok, [str(p) for p in result.problems[:5]]
        rows, summary = ROWS, result.summary
    else:
        import tablib
        from import_export import fields, resources, widgets

        from relations.models import Profile
        from trade.models import HSChapter, TradeFigure

        class DefaultTradeFigureResource(resources.ModelResource):
            """The library's default path: a ModelResource, natural keys as import ids."""

            profile = fields.Field("profile", "profile", widgets.ForeignKeyWidget(Profile, "slug"))
            chapter = fields.Field(
                "chapter", "hs_chapter", widgets.ForeignKeyWidget(HSChapter, "code")
            )
            value = fields.Field("value", "value_cad", widgets.DecimalWidget())

            class Meta:
                model = TradeFigure
                fields = ("profile", "year", "flow", "kind", "chapter", "value")
                fields += ("source_en", "source_fr")
                import_id_fields = ("profile", "year", "flow", "kind", "chapter")

        lines = data.decode().splitlines()[: DEFAULT_ROWS + 1]
        dataset = tablib.Dataset().load("\n".join(lines), format="csv")
        start = time.perf_counter()
        result = DefaultTradeFigureResource().import_data(dataset, dry_run=False)
        seconds = time.perf_counter() - start
        assert not result.has_errors() and not result.has_validation_errors()
        rows = DEFAULT_ROWS
        summary = ", ".join(f"{v} {k}" for k, v in result.totals.items() if v)
    return {
        "rows": rows,
        "seconds": seconds,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "summary": summary,
    }


def run_child(which: str, path: Path, url: str) -> dict:
    # Uploads waiting for confirmation go beside the generated sheet, not to the project's media.
    media = path.parent / "media"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_MEDIA_ROOT": str(media)}
    output = subprocess.run(
        [sys.executable, __file__, "--child", which, str(path)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--child", nargs=2, metavar=("WHICH", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        setup_django(os.environ["DATABASE_URL"])
        print(json.dumps(child(args.child[0], Path(args.child[1]))))
        return

    label, url = bench_database()
    if label == "postgresql":
        recreate_postgres(url)
    setup_django(url)
    from django.core.management import call_command

    print(f"import-bench: {label}: migrating a fresh database…", flush=True)
    call_command("migrate", verbosity=0)
    workdir = Path(tempfile.mkdtemp(prefix="import-bench-sheet-"))
    sheet = workdir / "trade-figures-100000.csv"
    seed()
    write_sheet(sheet)
    print(
        f"import-bench: generated {ROWS:,} rows ({sheet.stat().st_size / 1e6:.1f} MB, half "
        f"updates of existing figures, half new) in {sheet}",
        flush=True,
    )
    workbook = workdir / f"trade-figures-{PREVIEW_ROWS}.xlsx"
    write_xlsx_sheet(workbook)
    preview = run_child("preview", workbook, url)  # a dry run: the data stay as seeded
    ours = run_child("ours", sheet, url)
    print(
        f"import-bench: ours: {ours['rows']:,} rows in {ours['seconds']:.2f} s "
        f"= {ours['rows'] / ours['seconds']:,.0f} rows/s, peak RSS {ours['peak_rss_mb']:.0f} MB "
        f"({ours['summary']})",
        flush=True,
    )
    seed()  # back to the same starting point for the library's import
    default = run_child("default", sheet, url)
    print(
        f"import-bench: django-import-export default ModelResource, first {default['rows']:,} "
        f"rows of the same file (100,000 would take minutes): {default['seconds']:.2f} s "
        f"= {default['rows'] / default['seconds']:,.0f} rows/s, peak RSS "
        f"{default['peak_rss_mb']:.0f} MB ({default['summary']})",
        flush=True,
    )
    print(
        f"import-bench: admin preview of a {preview['rows']:,}-row XLSX long sheet "
        f"({workbook.stat().st_size / 1e6:.1f} MB, half updates, half new; target ≤ 10 s): "
        f"{preview['seconds']:.2f} s, peak RSS {preview['peak_rss_mb']:.0f} MB "
        f"({preview['summary']})",
        flush=True,
    )
    rows_per_s = ours["rows"] / ours["seconds"]
    default_rows_per_s = default["rows"] / default["seconds"]
    if label == "postgresql":
        from django.db import connections

        connections.close_all()
        recreate_postgres(url)  # leave an empty database behind, not 100,000 rows
    db = "sqlite" if label == "sqlite" else "postgresql"
    print(
        f"import-bench: db={db} rows={ours['rows']} seconds={ours['seconds']:.2f} "
        f"rows_per_s={rows_per_s:.0f} peak_rss_mb={ours['peak_rss_mb']:.0f} "
        f"default_rows_per_s={default_rows_per_s:.0f} ratio={rows_per_s / default_rows_per_s:.1f}"
    )


if __name__ == "__main__":
    main()
