"""What a deploy changes in a stored page: the release name and the templates it renders with.

Stored pages and their validators (ETag, Last-Modified) carry `release_tag()`, so after a deploy
a browser or CDN revalidating with an old ETag gets 200 and the new bytes, not a 304 for the
old HTML. The tag is RELEASE (PAGE_CACHE_VERSION) and a hash of every template and compiled
message catalogue, computed once per process: a deploy that changes a template needs no bump.
"""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings


def _rendering_files() -> list[Path]:
    from django.apps import apps

    base = Path(settings.BASE_DIR)
    roots = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
    # Our own apps' templates; third-party ones change with requirements, and so with RELEASE.
    roots += [
        Path(config.path) / "templates"
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(base) and ".venv" not in Path(config.path).parts
    ]
    files = [f for root in roots if root.is_dir() for f in root.rglob("*") if f.is_file()]
    files += [f for root in map(Path, settings.LOCALE_PATHS) for f in root.rglob("*.mo")]
    # Pages name static files by their hashed names: a changed stylesheet changes the page.
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    files += [manifest] if manifest.is_file() else []
    return sorted(set(files))


@cache
def _fingerprint() -> tuple[str, float]:
    digest = hashlib.sha256()
    newest = 0.0
    for path in _rendering_files():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
        newest = max(newest, path.stat().st_mtime)
    return digest.hexdigest()[:10], newest


def release_tag() -> str:
    """e.g. "1.3f9a0c21be": safe inside an ETag and a cache key."""
    name = "".join(c for c in str(settings.PAGE_CACHE_VERSION) if c.isalnum() or c in "._-")
    return f"{name}.{_fingerprint()[0]}"


def release_time() -> int:
    """When the templates last changed (seconds): no stored page is older than its templates."""
    return int(_fingerprint()[1])
