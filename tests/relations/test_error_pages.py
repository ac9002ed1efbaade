"""Error pages in the site's chrome and the language of the address, with a way back."""

import re

import pytest
from django.db import OperationalError, connection


def title_of(body: str) -> str:
    return re.search(r"<title>(.*?)</title>", body, re.S)[1]


@pytest.mark.parametrize(
    ("url", "language", "title", "way_back"),
    [
        (
            "/en/relations/atlantis/",
            "en",
            "We couldn&#x27;t find that Web page - Canada.ca",
            'href="/en/relations/">Go to Bilateral Relations',
        ),
        (
            "/fr/relations/atlantide/",
            "fr",
            "Nous ne pouvons trouver cette page Web - Canada.ca",
            'href="/fr/relations/">Aller à Relations bilatérales',
        ),
        (
            "/fr/no-such-page",
            "fr",
            "Nous ne pouvons trouver cette page Web - Canada.ca",
            'href="/fr/relations/">Aller à Relations bilatérales',
        ),
    ],
)
def test_not_found_page_speaks_the_language_of_the_address(
    client, db, url, language, title, way_back
):
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{language}">' in body
    assert title_of(body) == title
    assert way_back in body
    assert 'class="site-header"' in body and 'id="wb-info"' in body  # the site's chrome
    assert '<meta name="robots" content="noindex, nofollow">' in body
    assert "(Error 404)" in body or "(Erreur 404)" in body


def test_not_found_page_offers_the_other_language(client, db):
    body = client.get("/fr/relations/atlantide/").content.decode()
    assert 'href="/en/relations/" lang="en" hreflang="en"' in body


def test_bad_request_for_an_unknown_host_gets_the_400_page(client, db):
    response = client.get("/fr/relations/", HTTP_HOST="evil.example")
    body = response.content.decode()
    assert response.status_code == 400
    assert '<html lang="fr">' in body
    assert "(Erreur 400)" in body
    assert "evil.example" not in body


def test_an_editor_who_may_not_publish_gets_the_admin_403_page_and_the_admin_still_works(
    editor_client, canada_russia
):
    """Inside /admin/ the refusal is an admin page (relations/admin_errors.py), not the
    public one."""
    response = editor_client.get(f"/admin/relations/profile/{canada_russia.pk}/publish/")
    body = response.content.decode()
    assert response.status_code == 403
    assert "You cannot do this" in body
    assert "You do not have access to this page" not in body
    assert editor_client.get(
        f"/admin/relations/profile/{canada_russia.pk}/change/"
    ).status_code == (200)


@pytest.fixture
def database_down():
    """Every query fails, as when the database server is unreachable."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError("could not connect to server: Connection refused")

    with connection.execute_wrapper(refuse):
        yield


@pytest.mark.parametrize(
    ("url", "language", "title"),
    [
        ("/fr/relations/russie/", "fr", "Nous éprouvons des difficultés avec cette page"),
        ("/en/relations/russia/updates/", "en", "We are having a problem with this page"),
    ],
)
def test_the_500_page_renders_without_the_database(
    client, canada_russia, database_down, url, language, title
):
    client.raise_request_exception = False
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{language}">' in body
    assert title in body
    assert 'href="/' + language + '/relations/">' in body
    assert 'class="site-header"' in body


def test_the_500_page_falls_back_to_fixed_bilingual_text_if_its_template_fails(
    client, db, settings, database_down
):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [], "APP_DIRS": False}
    ]  # no template can be found at all
    client.raise_request_exception = False
    response = client.get("/fr/relations/russie/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "We are having a problem with this page" in body
    assert "Nous éprouvons des difficultés avec cette page" in body
