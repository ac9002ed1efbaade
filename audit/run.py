"""`make audit`: what independent tools say about the public pages of a production-style site.

Starts the site as production runs it (gunicorn, DJANGO_DEBUG=false, collected static files,
the Canada–Russia content in a throwaway SQLite database unless DATABASE_URL is set) on
127.0.0.1, then runs:

- Lighthouse (SEO, Best Practices, Accessibility) on the English and French profile pages,
  in Debian's Chromium (/usr/bin/chromium);
- the Nu Html Checker (vnu.jar, needs Java) on every kind of public page in both languages,
  the 404 page included;
- linkinator, following every link from the English and French indexes.

The tools come from the npm registry into audit/node_modules (`make audit-tools`, pinned by
audit/package-lock.json, never committed). Reports are written to audit/out/; the last line
printed sums them up. Exits 1 when a score is under 100, the markup has an error or a link
is broken.
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AUDIT = ROOT / "audit"
OUT = AUDIT / "out"
BIN = AUDIT / "node_modules" / ".bin"
VNU = AUDIT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
PYTHON = sys.executable

LIGHTHOUSE_PAGES = {"en": "/en/relations/russia/", "fr": "/fr/relations/russie/"}
CATEGORIES = ("seo", "best-practices", "accessibility")
MARKUP_PAGES = [
    "/en/relations/",
    "/fr/relations/",
    "/en/relations/russia/",
    "/fr/relations/russie/",
    "/en/relations/russia/updates/",
    "/fr/relations/russie/updates/",
    "/en/relations/russia/revisions/1/",
    "/fr/relations/russie/revisions/1/",
    "/en/relations/nowhere/",
    "/fr/relations/nulle-part/",
]


def missing_tools() -> list[str]:
    missing = []
    if not (BIN / "lighthouse").exists() or not (BIN / "linkinator").exists() or not VNU.exists():
        missing.append("the npm tools: run `make audit-tools` (npm ci in audit/)")
    if not shutil.which("java"):
        missing.append("Java for the Nu Html Checker: apt-get install default-jre-headless")
    if not Path(CHROMIUM).exists():
        missing.append(f"Chromium at {CHROMIUM}: apt-get install chromium")
    return missing


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def site_environment(workdir: Path, origin: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        # Plain HTTP on the loopback: no redirect to HTTPS, no secure-only cookies.
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SESSION_COOKIE_SECURE="false",
        DJANGO_CSRF_COOKIE_SECURE="false",
        DJANGO_STATIC_ROOT=str(workdir / "static"),
        DJANGO_MEDIA_ROOT=str(workdir / "media"),
        DJANGO_LOG_LEVEL="ERROR",
        SITE_URL=origin,
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'audit.sqlite3'}")
    return env


def manage(env: dict, *args: str) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def start_site(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            *(PYTHON, "-m", "gunicorn", "config.wsgi:application", "--workers", "2"),
            *("--bind", f"127.0.0.1:{port}", "--log-level", "warning"),
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("audit: the site did not start within 30 s")


def lighthouse(origin: str, language: str, path: str) -> dict:
    """Scores (0-100) of each category, and the audits that did not pass."""
    report = OUT / f"lighthouse-{language}.json"
    flags = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
    subprocess.run(
        [
            *(str(BIN / "lighthouse"), origin + path, "--quiet", "--output=json"),
            *(f"--output-path={report}", f"--only-categories={','.join(CATEGORIES)}"),
            *(f"--chrome-flags={flags}", "--form-factor=desktop", "--screenEmulation.disabled"),
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
        timeout=300,
    )
    data = json.loads(report.read_text())
    scores = {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}
    failed = [
        f"{language} {category}: {data['audits'][ref['id']]['title']}"
        for category in CATEGORIES
        for ref in data["categories"][category]["auditRefs"]
        if ref["weight"] and (data["audits"][ref["id"]]["score"] or 0) < 1
    ]
    return {"scores": scores, "failed": failed}


def markup(origin: str) -> dict:
    """Nu Html Checker errors and warnings over every kind of public page."""
    folder = OUT / "html"
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for path in MARKUP_PAGES:
        try:
            with urllib.request.urlopen(origin + path, timeout=10) as response:
                body = response.read()
        except urllib.error.HTTPError as error:  # the 404 page is checked too
            body = error.read()
        name = folder / (path.strip("/").replace("/", "_") + ".html")
        name.write_bytes(body)
        files.append(str(name))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--also-check-svg", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    (OUT / "vnu.json").write_text(result.stderr)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    warnings = [m for m in messages if m.get("subType") == "warning"]
    details = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m['message']}"
        for m in errors + warnings
    ]
    return {
        "errors": len(errors),
        "warnings": len(warnings),
        "pages": len(files),
        "details": details,
    }


def links(origin: str) -> dict:
    """Every link reachable from both indexes, followed on this site (not outside it)."""
    result = subprocess.run(
        [
            *(str(BIN / "linkinator"), f"{origin}/en/relations/", f"{origin}/fr/relations/"),
            *("--recurse", "--format", "json", "--timeout", "10000"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    (OUT / "linkinator.json").write_text(result.stdout)
    checked = json.loads(result.stdout)["links"]
    broken = [f"{link['status']} {link['url']} (on {link.get('parent')})" for link in checked]
    broken = [line for line, link in zip(broken, checked, strict=True) if link["state"] == "BROKEN"]
    return {"checked": len(checked), "broken": broken}


def main() -> int:
    if missing := missing_tools():
        print("audit: cannot run; missing " + "; ".join(missing), file=sys.stderr)
        return 2
    OUT.mkdir(exist_ok=True)
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as folder:
        env = site_environment(Path(folder), origin)
        manage(env, "migrate", "--noinput")
        manage(env, "loaddata", "fixtures/canada-russia.json")
        manage(env, "collectstatic", "--noinput")
        server = start_site(env, port)
        try:
            audits = {
                lang: lighthouse(origin, lang, path) for lang, path in LIGHTHOUSE_PAGES.items()
            }
            checked = markup(origin)
            crawled = links(origin)
        finally:
            server.terminate()  # gunicorn's master stops its workers
            server.wait(timeout=30)
    for line in [f for a in audits.values() for f in a["failed"]] + checked["details"]:
        print(f"  {line}")
    for line in crawled["broken"]:
        print(f"  broken link: {line}")
    scores = " ".join(
        category.replace("-", "_")
        + "="
        + "/".join(str(audit["scores"][category]) for audit in audits.values())
        for category in CATEGORIES
    )
    print(
        f"audit: lighthouse (en/fr) {scores} "
        f"markup_errors={checked['errors']} markup_warnings={checked['warnings']} "
        f"pages_checked={checked['pages']} links_checked={crawled['checked']} "
        f"broken_links={len(crawled['broken'])}"
    )
    perfect = all(s == 100 for a in audits.values() for s in a["scores"].values())
    return 0 if perfect and not checked["errors"] and not crawled["broken"] else 1


if __name__ == "__main__":
    sys.exit(main())
