"""Hand-off from editor to publisher: "Ready for publishing", the queue, the email, the
admin-styled refusal, and publishing settling the request."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from accounts.models import AdminPreference
from relations.models import HandOff
from relations.revisions import revision_publish

pytestmark = pytest.mark.django_db


def ready_url(profile):
    return reverse("admin:profile_hand_off", args=[profile.pk])


def publish_url(profile):
    return reverse("admin:profile_publish", args=[profile.pk])


@pytest.fixture
def publishers_with_email(publisher):
    publisher.email = "publisher@example.ca"
    publisher.save()
    french = User.objects.create_user("editrice", email="fr@example.ca", is_staff=True)
    french.groups.add(*publisher.groups.all())
    AdminPreference.objects.create(user=french, language="fr")
    User.objects.create_user(
        "gone", email="gone@example.ca", is_staff=True, is_active=False
    ).groups.add(*publisher.groups.all())
    return publisher, french


def test_an_editor_marks_a_profile_ready_with_a_note_and_publishers_are_emailed(
    editor_client, editor, canada_russia, publishers_with_email, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(ready_url(canada_russia), {"note": "2011 exports corrected."})
    assert response.status_code == 302
    hand_off = HandOff.objects.get()
    assert (hand_off.profile, hand_off.requested_by, hand_off.note) == (
        canada_russia,
        editor,
        "2011 exports corrected.",
    )
    assert hand_off.settled_at is None
    by_address = {tuple(message.to): message for message in mail.outbox}
    assert set(by_address) == {("publisher@example.ca",), ("fr@example.ca",)}
    english, french = by_address[("publisher@example.ca",)], by_address[("fr@example.ca",)]
    assert english.subject == "Ready for publishing: Russia"
    assert french.subject == "Prêt à publier\u00a0: Russie"
    for message in (english, french):
        assert "2011 exports corrected." in message.body
        assert f"http://testserver{publish_url(canada_russia)}" in message.body


def test_a_hand_off_without_a_note_is_refused_and_sends_nothing(
    editor_client, canada_russia, publishers_with_email
):
    response = editor_client.post(ready_url(canada_russia), {"note": "   "})
    assert response.status_code == 200
    assert "Write a note for the publisher" in response.content.decode()
    assert not HandOff.objects.exists()
    assert mail.outbox == []


def test_publishers_see_the_queue_on_the_admin_home_linking_to_each_publish_screen(
    client, editor, publisher, canada_russia, testland
):
    for profile in (canada_russia, testland):
        HandOff.objects.create(profile=profile, note=f"{profile} is ready", requested_by=editor)
    client.force_login(publisher)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Waiting for you: 2" in page
    assert f'href="{publish_url(canada_russia)}"' in page
    assert f'href="{publish_url(testland)}"' in page


def test_editors_see_what_waits_for_a_publisher_without_publish_links(
    editor_client, editor, canada_russia
):
    HandOff.objects.create(profile=canada_russia, note="Ready", requested_by=editor)
    page = editor_client.get(reverse("admin:index")).content.decode()
    assert "Waiting for a publisher: 1" in page
    assert publish_url(canada_russia) not in page


def test_publishing_settles_every_waiting_request_of_that_profile_only(
    editor, publisher, canada_russia, testland
):
    waiting = [
        HandOff.objects.create(profile=canada_russia, note="first", requested_by=editor),
        HandOff.objects.create(profile=canada_russia, note="second", requested_by=editor),
    ]
    other = HandOff.objects.create(profile=testland, note="other", requested_by=editor)
    revision = revision_publish(
        profile=canada_russia, by=publisher, change_note_en="New.", change_note_fr="Nouveau."
    )
    for hand_off in waiting:
        hand_off.refresh_from_db()
        assert (hand_off.revision, hand_off.settled_by) == (revision, publisher)
        assert hand_off.settled_at is not None
    assert list(HandOff.objects.waiting()) == [other]


def test_publishing_through_the_admin_empties_the_queue(publisher_client, editor, canada_russia):
    HandOff.objects.create(profile=canada_russia, note="Ready", requested_by=editor)
    response = publisher_client.post(
        publish_url(canada_russia),
        {
            "expected_latest": 1,
            "is_major": "on",
            "change_note_en": "Updated.",
            "change_note_fr": "Mis à jour.",
        },
    )
    assert response.status_code == 302
    assert "Waiting for you: 0" in publisher_client.get(reverse("admin:index")).content.decode()


def test_an_editor_who_tries_to_publish_gets_an_admin_page_saying_why_and_what_to_do(
    editor_client, canada_russia
):
    response = editor_client.get(publish_url(canada_russia))
    assert response.status_code == 403
    page = response.content.decode()
    assert 'id="site-name"' in page  # the admin's header, not the public error page
    assert "Only publishers may publish" in page
    assert "Ready for publishing" in page
    assert f'href="{ready_url(canada_russia)}"' in page
    post = editor_client.post(publish_url(canada_russia), {"expected_latest": 1})
    assert post.status_code == 403
    assert "Only publishers may publish" in post.content.decode()


def test_other_admin_refusals_are_admin_pages_and_public_ones_stay_public(
    editor_client, canada_russia
):
    refused = editor_client.get(reverse("admin:relations_importbatch_add"))
    assert refused.status_code == 403
    assert 'id="site-name"' in refused.content.decode()
    assert "ask an administrator" in refused.content.decode()


def test_the_refusal_speaks_the_editors_admin_language(client, editor, canada_russia):
    AdminPreference.objects.create(user=editor, language="fr")
    client.force_login(editor)
    page = client.get(publish_url(canada_russia)).content.decode()
    assert "Seuls les responsables de la publication peuvent publier" in page
    assert "Prêt à publier" in page


def test_the_publisher_reads_the_editors_note_on_the_publish_screen(
    publisher_client, editor, canada_russia
):
    HandOff.objects.create(profile=canada_russia, note="Check the 2011 total.", requested_by=editor)
    page = publisher_client.get(publish_url(canada_russia)).content.decode()
    assert "Ready for publishing since" in page
    assert "asked by editor" in page
    assert "Check the 2011 total." in page


def test_requests_to_publish_are_an_audit_list_nobody_edits(
    editor_client, editor, publisher, canada_russia
):
    hand_off = HandOff.objects.create(profile=canada_russia, note="Ready", requested_by=editor)
    revision_publish(
        profile=canada_russia, by=publisher, change_note_en="New.", change_note_fr="Nouveau."
    )
    listing = editor_client.get(reverse("admin:relations_handoff_changelist"))
    assert listing.status_code == 200
    assert "publisher" in listing.content.decode()
    detail = reverse("admin:relations_handoff_change", args=[hand_off.pk])
    assert editor_client.get(detail).status_code == 200  # read-only view
    assert editor_client.post(detail, {"note": "changed"}).status_code == 403
    assert editor_client.get(reverse("admin:relations_handoff_add")).status_code == 403
    hand_off.refresh_from_db()
    assert hand_off.note == "Ready"
