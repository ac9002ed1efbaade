"""Browser tests: one Debian Chromium per session, a fresh context per test, the live server.

Without /usr/bin/chromium (or the playwright package) these tests are skipped locally; under
CI=true that fails the run instead, so CI cannot go green without having driven a browser.
CHROMIUM=/path/to/chromium points the tests at another Chromium binary.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from relations.groups import EDITORS
from tests.browser.steps import DESKTOP

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
# Apps whose data migrations hold rows the tests rely on (the Editors and Publishers groups).
OWN_APPS = ("relations", "trade", "culture")


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but the browser tests cannot run: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright; never a downloaded browser."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (requirements-dev.txt)")
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    # Playwright's sync API keeps an event loop running in this thread while it is open, and
    # Django refuses ORM calls from a thread with a running loop unless told it is synchronous.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def replay_data_migrations() -> None:
    """Put back the rows our data migrations create, when a flush has removed them.

    Transactional tests end with a flush of every table; Django recreates content types and
    permissions afterwards, but not the groups our migrations set up. Running those
    migrations' own functions again (against the historical models, as `migrate` does) keeps
    the groups exactly as a migrated database has them, for these tests and the ones after.
    """
    if Group.objects.filter(name=EDITORS).exists():
        return
    loader = MigrationLoader(connection)
    plan = []
    for leaf in loader.graph.leaf_nodes():
        plan += [node for node in loader.graph.forwards_plan(leaf) if node not in plan]
    with connection.schema_editor() as schema_editor:
        for app_label, name in plan:
            if app_label not in OWN_APPS:
                continue
            migration = loader.graph.nodes[(app_label, name)]
            runs = [op for op in migration.operations if hasattr(op, "code")]
            if runs:
                apps = loader.project_state((app_label, name), at_end=False).apps
                for operation in runs:
                    operation.code(apps, schema_editor)


@pytest.fixture(scope="module", autouse=True)
def _groups_back_for_later_tests(django_db_setup, django_db_blocker):
    """After this module's last flush, leave the groups for the tests that come next."""
    yield
    with django_db_blocker.unblock():
        replay_data_migrations()


@pytest.fixture(autouse=True)
def _site(browser, transactional_db, live_server):
    """The live server with migrated groups and the shipped Canada–Russia content.

    The test and the server thread share data only through committed transactions, hence
    transactional_db.
    """
    replay_data_migrations()
    call_command("loaddata", "fixtures/canada-russia.json", verbosity=0)


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="en-CA")
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
