"""Does the default cache (no Redis) keep 200 data-rich profiles × 2 languages, and at what cost?

Generated data only: 200 made-up partners ("Benchland 1..200"), each with one published
revision whose snapshot is the Canada–Russia page with its trade figures replaced by
37 years × 97 HS chapters × 2 flows (7,178 generated figures, plus yearly totals). Starts one
gunicorn worker with production settings and the DEFAULT cache settings on 127.0.0.1, reads
the 400 live pages twice, and prints:

  page-memory: profiles=200 pages=400 page_kb=… gzip_kb=… br_kb=… rss_start_mb=…
  rss_warm_mb=… first_pass_s=… second_pass_s=… slow_second_pass=… index_first_ms=…
  index_cold_ms=…

rss_warm_mb is the worker's resident memory after the first pass, with every page stored
(plain, gzip and brotli). slow_second_pass counts second-pass pages slower than 50 ms, i.e.
rendered again because they had fallen out of the cache (0 means all 400 stayed).
index_first_ms: the index's first render with nothing cached (each live revision's title read
once); index_cold_ms: its render after one profile is published again (a new generation).
Uses SQLite in a temporary file.
"""

import copy
import http.client
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.http_bench import manage, site_environment, start_gunicorn, stop  # noqa: E402

PROFILES = 200
PORT = 18130
YEARS = range(1988, 2025)
CHAPTERS = [f"{n:02d}" for n in range(1, 98)]
SOURCE = {"en": "Generated data (benchmark)", "fr": "Données générées (banc d’essai)"}


def build(env: dict) -> list[str]:
    """The generated profiles and their revisions; returns the 400 live page paths."""
    os.environ.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    import django

    django.setup()
    from django.utils import timezone

    from bench.import_bench import bench_country
    from relations.models import Profile, Revision
    from relations.snapshot import profile_title

    russia = Revision.objects.get(profile__slug="russia", number=1)
    home = russia.profile.partner.__class__.objects.home()
    now = timezone.now()
    paths = []
    p = 0
    while len(paths) < 2 * PROFILES:
        p += 1
        partner = bench_country(p)
        if Profile.objects.filter(partner=partner).exists():
            continue  # a real country's code (RU): it has its own profile
        profile = Profile.objects.create(
            partner=partner,
            slug=f"benchland-{p}",
            slug_fr=f"benchlande-{p}",
            relations_established_year=1950,
            as_of=russia.profile.as_of,
            summary_en="Generated profile (benchmark).",
            summary_fr="Profil généré (banc d’essai).",
        )
        document = copy.deepcopy(russia.document)
        document.update(profile=profile.slug, title=profile_title(home, partner))
        for section in document["sections"]:
            if section["kind"] == "trade":
                section["facts"]["figures"] = generated_figures(p)
        Revision.objects.create(
            profile=profile,
            number=1,
            document=document,
            head={key: document[key] for key in ("title", "label", "as_of")},
            go_live_at=now,
            modified_at=now,
            change_note_en="Generated.",
            change_note_fr="Généré.",
        )
        paths += [f"/en/relations/benchland-{p}/", f"/fr/relations/benchlande-{p}/"]
    return paths


def generated_figures(p: int) -> list[dict]:
    figures = []
    for year in YEARS:
        for flow in ("export", "import"):
            for chapter in [None, *CHAPTERS]:
                value = (year - 1980) * 1_000_000 + p * 1000 + (int(chapter or 0) * 17)
                figures.append(
                    {
                        "year": year,
                        "flow": flow,
                        "kind": "merchandise",
                        "hs_chapter": chapter,
                        "chapter_name": None,
                        "chapter_title": None,
                        "value_cad": f"{value * (100 if chapter is None else 1)}.00",
                        "source": SOURCE,
                    }
                )
    return figures


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def worker_pid(master: int) -> int:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return int(children[0])


def index_ms() -> float:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    began = time.perf_counter()
    connection.request("GET", "/en/relations/")
    response = connection.getresponse()
    response.read()
    assert response.status == 200, response.status
    return (time.perf_counter() - began) * 1000


def publish_one() -> None:
    """A publish as an editor's would be: a new generation for every process."""
    from django.contrib.auth.models import User

    from relations.models import Profile
    from relations.revisions import revision_publish

    user = User.objects.filter(username="bench").first() or User.objects.create_superuser(
        "bench", None, None
    )
    revision_publish(
        profile=Profile.objects.get(slug="benchland-1"),
        by=user,
        change_note_en="Generated.",
        change_note_fr="Généré.",
    )


def read_all(paths: list[str], encoding: str = "") -> tuple[float, list[float], list[int]]:
    timings, sizes = [], []
    started = time.perf_counter()
    for path in paths:
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        began = time.perf_counter()
        connection.request("GET", path, headers={"Accept-Encoding": encoding} if encoding else {})
        response = connection.getresponse()
        sizes.append(len(response.read()))
        timings.append(time.perf_counter() - began)
        assert response.status == 200, (path, response.status)
        connection.close()
    return time.perf_counter() - started, timings, sizes


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="relations-memory-bench-"))
    env = site_environment(workdir)
    env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    env.pop("REDIS_URL", None)
    manage(env, "migrate", "--noinput")
    manage(env, "loaddata", "fixtures/canada-russia.json")
    manage(env, "collectstatic", "--noinput")
    paths = build(env)
    server = start_gunicorn("config.wsgi:application", PORT, env, workers=1)
    try:
        worker = worker_pid(server.pid)
        rss_start = resident_mb(worker)
        first_s, _, plain = read_all(paths)
        rss_warm = resident_mb(worker)
        second_s, timings, _ = read_all(paths)
        _, _, gzip_sizes = read_all(paths[:20], "gzip")
        _, _, br_sizes = read_all(paths[:20], "br")
        index_first = index_ms()
        publish_one()
        time.sleep(0.3)
        index_cold = index_ms()
    finally:
        stop(server)
        shutil.rmtree(workdir, ignore_errors=True)
    print(
        f"page-memory: profiles={PROFILES} pages={len(paths)} "
        f"page_kb={sum(plain) / len(plain) / 1024:.0f} "
        f"gzip_kb={sum(gzip_sizes) / len(gzip_sizes) / 1024:.1f} "
        f"br_kb={sum(br_sizes) / len(br_sizes) / 1024:.1f} "
        f"rss_start_mb={rss_start:.0f} rss_warm_mb={rss_warm:.0f} "
        f"first_pass_s={first_s:.1f} second_pass_s={second_s:.2f} "
        f"slow_second_pass={sum(1 for t in timings if t > 0.05)} "
        f"index_first_ms={index_first:.0f} index_cold_ms={index_cold:.0f}"
    )


if __name__ == "__main__":
    main()
