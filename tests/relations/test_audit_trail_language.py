"""The audit trail says when each revision goes live in the admin's language, read from the
revision: nothing English is stored for a French reader to see."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AdminPreference
from relations.models import AuditEntry
from relations.revisions import revision_publish, revision_withdraw
from relations.schedule import local_time
from tests.helpers import latest_migrations, migrate

LIVE_FROM = {"en": "live from", "fr": "en ligne à partir de"}


def publish_now_and_later(profile, by):
    notes = {"change_note_en": "New figures.", "change_note_fr": "Nouveaux chiffres."}
    later = timezone.now() + datetime.timedelta(days=2)
    return [
        revision_publish(profile=profile, by=by, go_live_at=go_live_at, **notes)
        for go_live_at in (None, later)
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_revisions_page_says_when_each_revision_goes_live(
    client, publisher, canada_russia, language
):
    AdminPreference.objects.create(user=publisher, language=language)
    client.force_login(publisher)
    revisions = publish_now_and_later(canada_russia, publisher)

    for page in (
        reverse("admin:profile_revisions", args=[canada_russia.pk]),
        reverse("admin:relations_auditentry_changelist"),
    ):
        text = client.get(page).content.decode()
        for revision in revisions:
            assert f"{LIVE_FROM[language]} {local_time(revision.go_live_at)}" in text, page
        assert "go-live" not in text


def test_a_withdrawal_keeps_the_reason_its_publisher_gave(publisher, canada_russia):
    published, _scheduled = publish_now_and_later(canada_russia, publisher)

    revision_withdraw(revision=published, by=publisher, reason="Wrong figure")

    entries = AuditEntry.objects.filter(revision=published)
    assert [(e.action, e.description()) for e in entries.order_by("pk")] == [
        ("publish", f"live from {local_time(published.go_live_at)}"),
        ("withdraw", "Wrong figure"),
    ]
    assert not entries.get(action="publish").detail  # the time is the revision's, not copied


@pytest.fixture
def two_releases_and_a_cancellation(transactional_db, publisher, canada_russia):
    """A publish, a schedule and a cancellation; the schema is back at its newest after."""
    published, scheduled = publish_now_and_later(canada_russia, publisher)
    revision_withdraw(revision=scheduled, by=publisher, reason="go-live was wrong")
    try:
        yield published, scheduled
    finally:
        migrate(latest_migrations())


def test_the_migration_forgets_stored_go_live_words_and_keeps_reasons(
    two_releases_and_a_cancellation,
):
    published, scheduled = two_releases_and_a_cancellation
    old = migrate([("relations", "0031_import_changes_checked_by_the_engine")])
    stored = old.get_model("relations", "AuditEntry").objects.values_list("action", "detail")
    assert sorted(stored) == [
        ("cancel", "go-live was wrong"),
        ("publish", f"go-live {local_time(published.go_live_at)}"),
        ("schedule", f"go-live {local_time(scheduled.go_live_at)}"),
    ]

    migrate(latest_migrations())

    assert sorted(AuditEntry.objects.values_list("action", "detail")) == [
        ("cancel", "go-live was wrong"),
        ("publish", ""),
        ("schedule", ""),
    ]
