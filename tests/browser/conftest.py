"""Browser tests: one Debian Chromium per session, a fresh context per test, the live server.

Without /usr/bin/chromium (or the playwright package) these tests are skipped locally; under
CI=true that fails the run instead, so CI cannot go green without having driven a browser.
CHROMIUM=/path/to/chromium points the tests at another Chromium binary.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from relations.groups import ensure_groups
from tests.browser.steps import DESKTOP
from trade.models import HSChapter
from trade.nomenclature import hs_chapters_ensure

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


@pytest.fixture(scope="module", autouse=True)
def _groups_back_for_later_tests(django_db_setup, django_db_blocker):
    """After this module's last flush, leave the groups and HS chapters (rows that data
    migrations ship) for the tests that come next."""
    yield
    with django_db_blocker.unblock():
        ensure_groups()
        hs_chapters_ensure(HSChapter)


@pytest.fixture(autouse=True)
def _site(browser, transactional_db, live_server):
    """The live server with migrated groups and HS chapters and the shipped Canada–Russia
    content.

    The test and the server thread share data only through committed transactions, hence
    transactional_db.
    """
    ensure_groups()
    hs_chapters_ensure(HSChapter)
    call_command("loaddata", "fixtures/canada-russia.json", verbosity=0)


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="en-CA")
    # Generous: `make test` runs another worker beside this one on 2 cores, and a profile
    # save with every inline row can take seconds then. A real failure still fails.
    context.set_default_timeout(30_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
