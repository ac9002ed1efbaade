"""The strict Content-Security-Policy breaks nothing a reader or an editor sees.

Chromium reports every blocked script, style, image or frame as a `securitypolicyviolation`
event and a console error; a page or admin screen that needed inline code would show one.
"""

import pytest
from django.contrib.auth.models import User

from relations.models import Profile
from tests.browser.steps import log_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/en/relations/",
    "/en/relations/russia/",
    "/fr/relations/russie/",
    "/en/relations/russia/revisions/1/",
    "/fr/relations/russie/revisions/1/",
    "/fr/relations/russie/updates/",
]

# Recorded before any script of the page runs (Playwright injects it outside the policy).
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__violations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${where}`
  );
});
"""


@pytest.fixture
def watched(context):
    """A page whose policy violations, console errors and script errors are collected."""
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    page.problems = []
    page.on(
        "console",
        lambda message: message.type == "error" and page.problems.append(message.text),
    )
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    return page


def visit(page, url: str) -> list[str]:
    response = page.goto(url)
    assert response.status == 200, url
    assert "default-src 'none'" in response.headers["content-security-policy"]
    page.wait_for_load_state("load")
    return page.evaluate("window.__violations") + page.problems


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_load_without_a_policy_violation_or_console_error(watched, url):
    assert visit(watched, url) == []
    # The stylesheet applied: the GC header is laid out, not raw HTML.
    assert watched.locator("link[rel=stylesheet]").count() >= 1
    assert watched.evaluate("document.styleSheets.length") >= 1


def test_admin_screens_load_and_work_without_a_policy_violation(watched):
    User.objects.create_superuser("csp-admin", password=PASSWORD)
    profile = Profile.objects.get(slug="russia")
    log_in(watched, "csp-admin")
    screens = [
        "/admin/",
        "/admin/relations/profile/",
        f"/admin/relations/profile/{profile.pk}/change/",
        f"/admin/relations/profile/{profile.pk}/compare/",
        f"/admin/relations/profile/{profile.pk}/revisions/",
        f"/admin/relations/profile/{profile.pk}/preview/fr/",
        "/admin/trade/tradefigure/",
        "/admin/trade/tradefigure/import/",
        "/admin/trade/tradefigure/export/",
    ]
    for url in screens:
        assert visit(watched, url) == [], url

    # Scripts run: an inline's "Add another" row appears (admin/js/inlines.js).
    watched.goto(f"/admin/relations/profile/{profile.pk}/change/")
    add_another = watched.locator(".add-row a").first
    rows = watched.locator(".inline-related:not(.empty-form), tr.form-row:not(.empty-form)")
    before = rows.count()
    add_another.click()
    assert rows.count() > before
    # A date widget's calendar (admin/js/admin/DateTimeShortcuts.js) opens.
    watched.locator("#id_as_of ~ .datetimeshortcuts a[id^=calendarlink]").click()
    assert watched.locator(".calendarbox:visible").count() == 1
    assert watched.evaluate("window.__violations") + watched.problems == []
