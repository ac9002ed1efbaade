"""The benchmarks still run. They are not part of a test run's timings, but a schema change
can break one unseen (a required column their generated data did not set went unnoticed for
a session): each runs here at a tiny size, on SQLite, and must print its summary line."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTER = {"DATABASE_URL", "REDIS_URL", "CACHE_KEY_PREFIX"}


def bench_summary(script: str, prefix: str, *args: str, **variables: str) -> dict[str, str]:
    """Runs bench/<script> in a clean environment; returns the fields of its summary line."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in OUTER and not name.startswith("DJANGO_")
    }
    env.update(variables)
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    lines = [line for line in result.stdout.splitlines() if line.startswith(f"{prefix}: ")]
    assert lines, result.stdout[-2000:]
    return dict(part.split("=", 1) for part in lines[-1].split()[1:] if "=" in part)


def test_the_import_bench_runs_at_a_small_size():
    summary = bench_summary("import_bench.py", "import-bench", "--rows", "2000")
    assert summary["db"] == "sqlite"
    assert summary["rows"] == "2000"
    assert {"seconds", "peak_rss_mb", "undo_seconds", "default_rows_per_s", "ratio"} <= set(summary)


def test_the_admin_list_bench_runs_with_two_profiles():
    summary = bench_summary(
        "admin_list_bench.py", "admin-list-bench", ADMIN_LIST_BENCH_PROFILES="2"
    )
    assert summary["profiles"] == "2"
    assert int(summary["figures"]) > 0
    assert int(summary["max_queries"]) <= 13


def test_the_scale_bench_runs_with_two_profiles():
    summary = bench_summary("scale.py", "scale-bench", SCALE_BENCH_PROFILES="2")
    assert {"publish_s", "publish_queries", "revision_kb", "history_ms", "index_cold_ms"} <= set(
        summary
    )
    assert summary["pages_rerendered"] == "0"
