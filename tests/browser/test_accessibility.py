"""axe-core finds no WCAG 2.1 A/AA violation on the public pages and the editors' screens."""

from decimal import Decimal

import pytest
from django.urls import reverse

from relations.models import Profile, Revision
from relations.revisions import revision_publish, revision_withdraw
from tests.browser.axe import axe_violations, check_pages
from tests.browser.steps import log_in
from trade.models import TradeFigure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def history(publisher):
    """Three revisions: 1 (August 2012, now an older version), 2 (live), 3 (withdrawn)."""
    profile = Profile.objects.get(slug="russia")
    TradeFigure.objects.filter(
        profile=profile, year=2011, flow="export", kind="merchandise", chapter=None
    ).update(value=Decimal("2000000000"))
    for _ in range(2):
        revision_publish(
            profile=profile, by=publisher, change_note_en="New.", change_note_fr="Nouveau."
        )
    revision_withdraw(revision=Revision.objects.get(number=3), by=publisher, reason="Mistake")
    return profile


def test_axe_reports_what_it_finds(page):
    """The harness itself: a page with an unlabelled image and field fails, naming the rules."""
    page.set_content('<html lang="en"><title>t</title><main><img src="x.png"><input></main>')
    assert {v["id"] for v in axe_violations(page)} >= {"image-alt", "label"}


def test_public_pages_have_no_axe_violations_in_either_language(page, history):
    urls = [
        f"/{language}/relations/{path}"
        for language, slug in (("en", "russia"), ("fr", "russie"))
        for path in ("", f"{slug}/", f"{slug}/updates/", f"{slug}/revisions/1/")
    ]
    failures = check_pages(page, urls)
    withdrawn = ["/en/relations/russia/revisions/3/", "/fr/relations/russie/revisions/3/"]
    failures += check_pages(page, withdrawn, statuses=(410,))
    assert not failures, "\n".join(failures)


def test_publishing_and_import_screens_have_no_axe_violations(page, history, publisher):
    log_in(page, publisher.username)
    base = f"/admin/relations/profile/{history.pk}/"
    urls = [
        base + "preview/en/",
        base + "preview/fr/",
        base + "revisions/",
        base + "revisions/1/fr/",
        base + "compare/",
        base + "compare/?old=1&new=working&language=en",
        base + "compare/?old=1&new=2&language=fr",
        base + "publish/",
        base + "change/",
    ]
    urls += [
        reverse("admin:trade_tradefigure_import"),
        reverse("admin:relations_meeting_import"),
        reverse("admin:culture_highlight_import"),
    ]
    failures = check_pages(page, urls)
    assert not failures, "\n".join(failures)
