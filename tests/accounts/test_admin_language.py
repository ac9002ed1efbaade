"""Each person chooses the admin's language; it is saved for them and used on /admin/ only."""

import pytest
from django.urls import reverse

from accounts.models import AdminPreference

pytestmark = pytest.mark.django_db
LANGUAGE = reverse("admin_language")


def test_the_user_tools_offer_language_langue_on_every_admin_page(editor_client):
    page = editor_client.get(reverse("admin:index")).content.decode()
    assert f'href="{LANGUAGE}?next=/admin/"' in page
    assert '<span lang="en">Language</span>/<span lang="fr">Langue</span>' in page


def test_choosing_french_saves_it_and_the_admin_answers_in_french(editor_client, editor):
    response = editor_client.post(LANGUAGE, {"language": "fr", "next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert AdminPreference.objects.get(user=editor).language == "fr"
    page = editor_client.get(reverse("admin:index"))
    assert page["Content-Language"] == "fr"
    assert "Administration de Django" in page.content.decode() or "Bienvenue" in (
        page.content.decode()
    )


def test_the_choice_follows_the_person_to_a_new_login(client, editor):
    AdminPreference.objects.create(user=editor, language="fr")
    client.force_login(editor)
    assert client.get(reverse("admin:index"))["Content-Language"] == "fr"
    # the browser asking for English does not override the person's choice
    page = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en")
    assert page["Content-Language"] == "fr"


def test_public_pages_keep_the_language_of_their_address(client, editor, canada_russia):
    AdminPreference.objects.create(user=editor, language="fr")
    client.force_login(editor)
    assert client.get("/en/relations/russia/")["Content-Language"] == "en"


def test_an_unknown_language_is_refused_and_nothing_is_saved(editor_client, editor):
    response = editor_client.post(LANGUAGE, {"language": "de"})
    assert response.status_code == 200
    assert not AdminPreference.objects.filter(user=editor).exists()


def test_an_outside_next_address_is_not_followed(editor_client):
    response = editor_client.post(
        LANGUAGE, {"language": "en", "next": "https://evil.example/admin/"}
    )
    assert response["Location"] == reverse("admin:index")


def test_the_language_page_needs_a_login(client):
    response = client.get(LANGUAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
