"""Helpers shared by the tests: what a browser would post back from an admin form, real
CSV and XLSX files, and imports run as the admin runs them. Generated test data only. Test
modules import from here, never from each other."""

import csv
import html
import io
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from io import BytesIO

import openpyxl
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection, models
from django.db.migrations.executor import MigrationExecutor
from django.test.signals import template_rendered
from django.urls import reverse

from relations.addresses import profile_path
from relations.models import Profile, Revision
from relations.page_cache import FastPublishedPages
from relations.revisions import revision_publish
from relations.spreadsheets import Limits, sheet_import
from relations.spreadsheets.registry import sheet_for_kind
from trade.sheets import LONG_COLUMNS

LONG_HEADER = list(LONG_COLUMNS)

# Rows of the record sheets in Export's column order, for testland (the `testland` fixture).
CALL = [
    "testland",
    "2019-03-04",
    "day",
    "call",
    "Prime Minister Example",
    "le premier ministre Exemple",
    "President Sample",
    "la présidente Échantillon",
    "",
    "",
    "",
    "",
]
EMBASSY = ["testland", "home", "embassy", "Testville", "Villetest", "1"]
PUBLICATION = [
    "testland",
    "publication",
    "Poets of Testland",
    "Poètes de Testlande",
    "an anthology",
    "une anthologie",
    "2011",
    "",
    "",
    "3",
]


def csv_bytes(rows: list[list], *, encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(*sheets: list[list], titles: tuple[str, ...] = ()) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for number, rows in enumerate(sheets):
        title = titles[number] if number < len(titles) else f"Sheet{number + 1}"
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_cells(data: bytes) -> list:
    """Every cell of the first sheet of a workbook, to look for formulas."""
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    return [cell for row in sheet.iter_rows() for cell in row]


def long_rows(*figures: tuple, header: list[str] = LONG_HEADER) -> list[list]:
    """A long trade sheet: header, then one row per figure tuple."""
    return [header, *[list(figure) for figure in figures]]


def import_file(
    kind: str,
    data: bytes,
    *,
    file_name: str = "sheet.csv",
    dry_run: bool = False,
    by=None,
    preview: bool = False,
    limits: Limits | None = None,
    progress=None,
    **options,
):
    """Import `data` as the admin and the command do: `options` are the upload choices
    (a profile may be given as the record)."""
    choices = {
        name: value.slug if isinstance(value, models.Model) else value
        for name, value in options.items()
    }
    return sheet_import(
        sheet=sheet_for_kind(kind),
        file=io.BytesIO(data),
        file_name=file_name,
        options=choices,
        dry_run=dry_run,
        by=by,
        preview=preview,
        limits=limits,
        progress=progress,
    )


def messages(result) -> list[str]:
    """The problems of a result as the editor reads them."""
    return [str(problem) for problem in result.problems]


class _FormReader(HTMLParser):
    """Collects what a browser would submit from the one form whose id is given."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.fields: list[tuple[str, str]] = []
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.in_form = True
        if not self.in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea = {"name": name, "text": ""}
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self._select is not None:
            self._option = {
                "value": attrs.get("value"),
                "selected": "selected" in attrs,
                "text": "",
            }
            self._select["options"].append(self._option)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["text"] += data
        elif self._option is not None:
            self._option["text"] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "textarea" and self._textarea is not None:
            # Browsers drop the newline that Django writes right after <textarea>.
            self.fields.append((self._textarea["name"], self._textarea["text"].removeprefix("\n")))
            self._textarea = None
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            options = self._select["options"]
            values = [o["value"] if o["value"] is not None else o["text"] for o in options]
            chosen = [v for v, o in zip(values, options, strict=True) if o["selected"]]
            if not chosen and values and not self._select["multiple"]:
                chosen = values[:1]
            self.fields += [(self._select["name"], value) for value in chosen]
            self._select = None


def admin_form_data(response) -> dict:
    """What a browser posts back from an admin add or change form, exactly as the GET showed it.

    Read from the page's HTML, so hidden inputs, inline formsets and their management forms
    are all there; file inputs stay empty, as they do until the editor picks a file.
    """
    assert response.status_code == 200
    reader = _FormReader(f"{response.context['opts'].model_name}_form")
    reader.feed(response.content.decode())
    assert reader.fields, "no admin form found on the page"
    data: dict = {}
    for name, value in reader.fields:
        if name in data:
            previous = data[name]
            data[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            data[name] = value
    data["_save"] = "Save"
    return data


def inline_prefix(data: dict, field: str, value: str) -> str:
    """The prefix (e.g. "sections-2") of the inline form whose `field` shows `value`."""
    matches = [
        name.removesuffix(f"-{field}")
        for name, shown in data.items()
        if name.endswith(f"-{field}") and shown == value
    ]
    assert len(matches) == 1, f"expected one inline form with {field}={value!r}, got {matches}"
    return matches[0]


def worker():
    """What a gunicorn worker builds at start-up (config/wsgi.py), from the current settings."""
    return FastPublishedPages(WSGIHandler())


class Served:
    def __init__(self, status, headers, body, path):
        self.status, self.headers, self.body, self.path = status, headers, body, path


def serve(application, url, *, https=True, **headers) -> Served:
    """One request through the WSGI entry point, noting which path answered it."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": url,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.input": BytesIO(),
        "wsgi.url_scheme": "http",
        **({"HTTP_X_FORWARDED_PROTO": "https"} if https else {}),
        **headers,
    }
    seen = {"django": False, "rendered": False}

    def entered(**kwargs):
        seen["django"] = True

    def rendered(**kwargs):
        seen["rendered"] = True

    started = []
    # As Django's test client does: keep the test's transaction and connection open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.connect(entered)
    template_rendered.connect(rendered)
    try:
        result = application(environ, lambda s, h, exc=None: started.append((s, h)))
        body = b"".join(result)
        getattr(result, "close", lambda: None)()
    finally:
        request_started.disconnect(entered)
        template_rendered.disconnect(rendered)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    status, header_list = started[0]
    names = [name.lower() for name, _ in header_list]
    assert len(names) == len(set(names)), f"a header sent twice: {header_list}"
    path = "rendered" if seen["rendered"] else "page cache" if seen["django"] else "memory"
    return Served(status, dict(header_list), body, path)


# --- Pages and admin forms, as a reader or an editor sees them ---------------------------


def page_text(response) -> str:
    """The visible text of a page, whitespace folded, entities decoded."""
    body = response.content.decode()
    text = re.sub(r"</?(?:time|a|abbr|strong|em|span)\b[^>]*>", "", body)
    text = re.sub(r"<[^>]+>", " ", text)
    text = html.unescape(text)
    return re.sub(r"[ \t\r\n]+", " ", text)


def publish(profile, by) -> Revision:
    """A publisher publishes the working copy as it now stands; the public page shows it."""
    return revision_publish(
        profile=profile,
        by=by,
        change_note_en="Updated from the admin.",
        change_note_fr="Mise à jour depuis l’administration.",
    )


def public_text(client, language: str = "en", slug: str = "russia") -> str:
    """The text of a profile's live page; `slug` is the English one (Profile.slug)."""
    response = client.get(profile_path(Profile.objects.get(slug=slug), language))
    assert response.status_code == 200
    return page_text(response)


def change_url(obj) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def errors_of(response) -> str:
    """The visible text of a re-displayed admin form, where its error messages are."""
    assert response.status_code == 200, "the admin should show the form again, not save it"
    return page_text(response)


# Public pages served from stored bytes (relations/page_cache.py) --------------------------


def generation_check_queries() -> int:
    """SQL queries of one publication generation check: none with Redis, which holds it."""
    from relations.publication_clock import shared_cache

    return 0 if shared_cache() else 1


def publication_in_effect():
    """A publish takes effect one (Redis) or two (local memory, from the database)
    PUBLICATION_CHECK_SECONDS after it, so that every app server switches together: travel
    past that."""
    import datetime

    import time_machine
    from django.conf import settings
    from django.utils import timezone

    delay = datetime.timedelta(seconds=2 * settings.PUBLICATION_CHECK_SECONDS + 1)
    return time_machine.travel(timezone.now() + delay)


def wsgi_get(path: str, host: str = "testserver", **headers):
    """Call the production WSGI entry point directly, as gunicorn does."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from config.wsgi import application

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": host,
        "wsgi.input": io.BytesIO(),
        "wsgi.url_scheme": "http",
        **headers,
    }
    status = []
    # As Django's test client does: keep the test's transaction and connection open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = application(environ, lambda s, h, exc=None: status.append((s, dict(h))))
        body = b"".join(result)
        getattr(result, "close", lambda: None)()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return status[0][0], status[0][1], body


# A fresh process with a controlled environment -----------------------------------------

# Every DJANGO_* variable (settings, and e.g. DJANGO_ALLOW_ASYNC_UNSAFE set by browser tests)
# and these project variables are removed, so only what a test sets is seen.
PROJECT_VARIABLES = {
    "DATABASE_URL",
    "REDIS_URL",
    "CACHE_KEY_PREFIX",
    "MAX_UPLOAD_SIZE",
    "HOME_COUNTRY_CODE",
}


def manage(*args: str, **variables: str) -> subprocess.CompletedProcess:
    """Run manage.py in a new process with only the given project variables set."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("DJANGO_") and name not in PROJECT_VARIABLES
    }
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env.update(variables)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def migrate(targets: list[tuple[str, str]]):
    """Moves the test database to the (app, migration) `targets`; returns the apps as they
    were there, for building records of an older schema."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest_migrations() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()
