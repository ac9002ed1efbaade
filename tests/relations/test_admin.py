"""Editors change the profile, its inline lists and meetings in the admin, and the page follows."""

import datetime

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from relations.models import ConsultationTopic, Meeting, Section
from tests.conftest import PASSWORD
from tests.helpers import (
    admin_form_data,
    change_url,
    errors_of,
    inline_prefix,
    page_text,
    public_text,
    publish,
)
from tests.relations.factories import MeetingFactory, ProfileFactory

ENGLISH_PAGE = "/en/relations/russia/"
FRENCH_PAGE = "/fr/relations/russie/"


# Opening the admin pages


def test_editor_can_open_the_profile_change_page(editor_client, canada_russia):
    response = editor_client.get(change_url(canada_russia))
    assert response.status_code == 200
    text = page_text(response)
    assert "Political relations" in text
    assert "the Arctic" in text


def test_editor_can_list_profiles(editor_client, canada_russia):
    response = editor_client.get(reverse("admin:relations_profile_changelist"))
    assert response.status_code == 200
    assert "russia" in page_text(response)


def test_editor_can_list_meetings(editor_client, canada_russia):
    response = editor_client.get(reverse("admin:relations_meeting_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == 5


def test_meeting_list_filters_by_kind(editor_client, canada_russia):
    response = editor_client.get(reverse("admin:relations_meeting_changelist"), {"kind": "call"})
    assert response.status_code == 200
    assert [m.partner_participant_en for m in response.context["cl"].result_list] == [
        "President Putin"
    ]


def test_meeting_list_searches_participants(editor_client, canada_russia):
    response = editor_client.get(reverse("admin:relations_meeting_changelist"), {"q": "Lavrov"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 2


def test_meeting_list_drills_down_by_year(editor_client, canada_russia):
    response = editor_client.get(
        reverse("admin:relations_meeting_changelist"), {"date__year": "2010"}
    )
    assert response.status_code == 200
    assert response.context["cl"].result_count == 2


# Changes that reach the page once published


def test_changing_a_consultation_topic_inline_changes_both_pages(
    editor_client, publisher, canada_russia
):
    url = change_url(canada_russia)
    data = admin_form_data(editor_client.get(url))
    prefix = inline_prefix(data, "name_en", "strategic stability")
    data[f"{prefix}-name_en"] = "cyber security"
    data[f"{prefix}-name_fr"] = "la cybersécurité"

    assert editor_client.post(url, data).status_code == 302
    publish(canada_russia, by=publisher)

    assert "the Arctic, cyber security, counter-terrorism" in public_text(editor_client, "en")
    assert "l’Arctique, la cybersécurité, la lutte contre le terrorisme" in public_text(
        editor_client, "fr"
    )
    assert not ConsultationTopic.objects.filter(name_en="strategic stability").exists()


def test_changing_a_section_body_inline_changes_the_page(editor_client, publisher, canada_russia):
    url = change_url(canada_russia)
    data = admin_form_data(editor_client.get(url))
    prefix = inline_prefix(data, "key", "arctic-cooperation")
    data[f"{prefix}-body_en"] = "Canada and Russia *both* chart the Arctic seabed."
    data[f"{prefix}-body_fr"] = (
        "Le Canada et la Russie cartographient *tous deux* le fond arctique."
    )

    assert editor_client.post(url, data).status_code == 302
    publish(canada_russia, by=publisher)

    english = editor_client.get(ENGLISH_PAGE).content.decode()
    assert "Canada and Russia <em>both</em> chart the Arctic seabed." in english
    assert "share many common opportunities" not in english
    french = editor_client.get(FRENCH_PAGE).content.decode()
    assert "cartographient <em>tous deux</em> le fond arctique." in french


def test_admin_changes_stay_off_the_public_page_until_published(
    editor_client, publisher, canada_russia
):
    publish(canada_russia, by=publisher)
    url = change_url(canada_russia)
    data = admin_form_data(editor_client.get(url))
    prefix = inline_prefix(data, "name_en", "strategic stability")
    data[f"{prefix}-name_en"] = "cyber security"
    data[f"{prefix}-name_fr"] = "la cybersécurité"

    assert editor_client.post(url, data).status_code == 302

    assert "strategic stability" in public_text(editor_client, "en")
    assert "cyber security" not in public_text(editor_client, "en")


def test_saving_the_profile_unchanged_keeps_every_sentence(editor_client, publisher, canada_russia):
    """Posting the form back as shown must not lose or alter any inline row."""
    publish(canada_russia, by=publisher)
    before = public_text(editor_client, "en")
    url = change_url(canada_russia)

    assert editor_client.post(url, admin_form_data(editor_client.get(url))).status_code == 302
    publish(canada_russia, by=publisher)

    after = public_text(editor_client, "en")
    # The "Date modified" line moves on; every sentence of the content stays.
    assert before.split("Date modified")[0] == after.split("Date modified")[0]


def test_editor_adds_a_meeting_that_appears_on_both_pages(editor_client, publisher, canada_russia):
    url = reverse("admin:relations_meeting_add")
    data = admin_form_data(editor_client.get(url))
    data.update(
        profile=str(canada_russia.pk),
        kind=Meeting.Kind.CALL,
        date="2012-07-02",
        date_precision="day",
        home_participant_en="Prime Minister Harper",
        home_participant_fr="le premier ministre Harper",
        partner_participant_en="Prime Minister Medvedev",
        partner_participant_fr="le premier ministre Medvedev",
    )

    assert editor_client.post(url, data).status_code == 302
    publish(canada_russia, by=publisher)

    assert "Prime Minister Harper spoke with Prime Minister Medvedev on July 2, 2012." in (
        public_text(editor_client, "en")
    )
    assert "a parlé avec le premier ministre Medvedev le 2 juillet 2012." in public_text(
        editor_client, "fr"
    )


# Bad input: refused with a clear message, nothing changes


def test_blank_french_section_heading_is_refused(editor_client, publisher, canada_russia):
    url = change_url(canada_russia)
    data = admin_form_data(editor_client.get(url))
    prefix = inline_prefix(data, "key", "arctic-cooperation")
    data[f"{prefix}-heading_en"] = "Arctic partnership"
    data[f"{prefix}-heading_fr"] = ""

    response = editor_client.post(url, data)

    assert "This field is required." in errors_of(response)
    section = Section.objects.get(profile=canada_russia, key="arctic-cooperation")
    assert (section.heading_en, section.heading_fr) == (
        "Arctic cooperation",
        "Coopération dans l’Arctique",
    )
    publish(canada_russia, by=publisher)
    assert "Arctic cooperation" in public_text(editor_client, "en")
    assert "Arctic partnership" not in public_text(editor_client, "en")


def test_section_prose_in_english_only_is_refused(editor_client, publisher, canada_russia):
    url = change_url(canada_russia)
    data = admin_form_data(editor_client.get(url))
    prefix = inline_prefix(data, "key", "representation")
    data[f"{prefix}-body_en"] = "Both countries keep their embassies open."

    response = editor_client.post(url, data)

    assert "Enter the French text too" in errors_of(response)
    assert Section.objects.get(profile=canada_russia, key="representation").body_en == ""
    publish(canada_russia, by=publisher)
    assert "keep their embassies open" not in public_text(editor_client, "en")


def test_bad_inline_row_leaves_the_other_changes_unsaved(editor_client, publisher, canada_russia):
    """One refused inline row means the whole form is refused, including the good changes."""
    url = change_url(canada_russia)
    data = admin_form_data(editor_client.get(url))
    topic = inline_prefix(data, "name_en", "strategic stability")
    data[f"{topic}-name_en"] = "cyber security"
    data[f"{topic}-name_fr"] = "la cybersécurité"
    section = inline_prefix(data, "key", "arctic-cooperation")
    data[f"{section}-heading_fr"] = ""

    assert "This field is required." in errors_of(editor_client.post(url, data))

    assert ConsultationTopic.objects.filter(name_en="strategic stability").exists()
    publish(canada_russia, by=publisher)
    assert "strategic stability" in public_text(editor_client, "en")


def test_relations_established_in_the_future_is_refused(editor_client, publisher, canada_russia):
    url = change_url(canada_russia)
    data = admin_form_data(editor_client.get(url))
    next_year = timezone.localdate().year + 1
    data["relations_established_year"] = str(next_year)

    assert f"{next_year} is in the future" in errors_of(editor_client.post(url, data))

    canada_russia.refresh_from_db()
    assert canada_russia.relations_established_year == 1942
    publish(canada_russia, by=publisher)
    assert "70th anniversary" in public_text(editor_client)


def test_meeting_occasion_in_english_only_is_refused(editor_client, publisher, canada_russia):
    meeting = Meeting.objects.get(profile=canada_russia, kind=Meeting.Kind.CALL)
    url = change_url(meeting)
    data = admin_form_data(editor_client.get(url))
    data["occasion_en"] = "at the Kremlin reception"
    data["occasion_fr"] = ""

    response = editor_client.post(url, data)

    assert "Enter the French text too: the French page needs it." in errors_of(response)
    meeting.refresh_from_db()
    assert (meeting.occasion_en, meeting.occasion_fr) == (
        "following his inauguration",
        "à la suite de son investiture",
    )
    publish(canada_russia, by=publisher)
    assert "spoke with President Putin following his inauguration" in public_text(editor_client)


def test_meeting_occasion_in_french_only_is_refused(editor_client, db):
    meeting = MeetingFactory()
    url = change_url(meeting)
    data = admin_form_data(editor_client.get(url))
    data["occasion_fr"] = "en marge du sommet"

    response = editor_client.post(url, data)

    assert "Enter the English text too: the English page needs it." in errors_of(response)
    meeting.refresh_from_db()
    assert meeting.occasion_fr == ""


def test_meeting_without_the_partner_participant_is_refused(editor_client, canada_russia):
    url = reverse("admin:relations_meeting_add")
    data = admin_form_data(editor_client.get(url))
    data.update(
        profile=str(canada_russia.pk),
        kind=Meeting.Kind.MEETING,
        date="2012-07-02",
        date_precision="day",
        home_participant_en="Prime Minister Harper",
        home_participant_fr="le premier ministre Harper",
    )

    response = editor_client.post(url, data)

    assert "This kind of meeting needs this participant." in errors_of(response)
    assert response.context["adminform"].form.errors.keys() == {"partner_participant_en"}
    assert Meeting.objects.filter(profile=canada_russia).count() == 5
    assert not Meeting.objects.filter(date=datetime.date(2012, 7, 2)).exists()


def test_visit_home_needs_only_the_partner_participant(editor_client, db):
    profile = ProfileFactory()
    url = reverse("admin:relations_meeting_add")
    data = admin_form_data(editor_client.get(url))
    data.update(
        profile=str(profile.pk),
        kind=Meeting.Kind.VISIT_TO_HOME,
        date="2019-05-06",
        date_precision="month",
    )

    response = editor_client.post(url, data)

    assert "This kind of meeting needs this participant." in errors_of(response)
    assert response.context["adminform"].form.errors.keys() == {"partner_participant_en"}
    assert not Meeting.objects.exists()


# Who may use the admin


def test_staff_user_in_no_group_cannot_open_the_profile(client, canada_russia):
    client.force_login(User.objects.create_user("nobody", password=PASSWORD, is_staff=True))
    assert client.get(change_url(canada_russia)).status_code == 403


def test_anonymous_visitor_is_sent_to_the_admin_login(client, canada_russia):
    url = change_url(canada_russia)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={url}"


def test_editor_logs_in_with_a_password_and_reaches_the_admin(client, editor):
    response = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": PASSWORD, "next": reverse("admin:index")},
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
