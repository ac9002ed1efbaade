"""Editors keep cultural highlights in the admin: names in both languages, described images."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from culture.models import Highlight
from tests.culture.factories import HighlightFactory
from tests.helpers import admin_form_data, change_url, errors_of, public_text, publish

CHANGELIST = "admin:culture_highlight_changelist"
ADD = "admin:culture_highlight_add"


def tiny_png(name: str = "cirque.png") -> SimpleUploadedFile:
    """A real two-pixel PNG, as a camera would never make but Pillow reads fine."""
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def cirque(profile) -> Highlight:
    return Highlight.objects.get(profile=profile, name_en="Cirque du Soleil")


def uploaded_files(settings) -> list:
    media = settings.MEDIA_ROOT
    return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


# The list


def test_editor_can_list_highlights(editor_client, canada_russia):
    response = editor_client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    assert response.context["cl"].result_count == 17


def test_highlight_list_filters_by_kind(editor_client, canada_russia):
    response = editor_client.get(reverse(CHANGELIST), {"kind": "exhibition"})
    assert response.status_code == 200
    assert sorted(h.name_en for h in response.context["cl"].result_list) == [
        "Bryan Adams",
        "Robert Bateman",
    ]


def test_highlight_list_searches_names_in_either_language(editor_client, canada_russia):
    english = editor_client.get(reverse(CHANGELIST), {"q": "McLuhan"})
    french = editor_client.get(reverse(CHANGELIST), {"q": "Poètes"})
    assert english.context["cl"].result_count == 2
    assert [h.name_en for h in french.context["cl"].result_list] == ["Poets of Quebec"]


def test_editor_can_open_a_highlight(editor_client, canada_russia):
    response = editor_client.get(change_url(cirque(canada_russia)))
    assert response.status_code == 200
    assert response.context["adminform"].form["name_en"].value() == "Cirque du Soleil"


# Changes that reach the page once published


def test_renaming_a_highlight_changes_both_pages(editor_client, publisher, canada_russia):
    highlight = Highlight.objects.get(profile=canada_russia, name_en="Garou")
    url = change_url(highlight)
    data = admin_form_data(editor_client.get(url))
    data.update(name_en="Céline Dion", name_fr="Céline Dion")

    assert editor_client.post(url, data).status_code == 302
    publish(canada_russia, by=publisher)

    assert "including Cirque du Soleil, Céline Dion, Diana Krall" in public_text(editor_client)
    assert "Cirque du Soleil, Céline Dion, Diana Krall" in public_text(editor_client, "fr")
    assert "Garou" not in public_text(editor_client)


def test_described_image_is_shown_with_its_alt_text(
    editor_client, publisher, canada_russia, settings
):
    highlight = cirque(canada_russia)
    url = change_url(highlight)
    data = admin_form_data(editor_client.get(url))
    data.update(
        image=tiny_png(),
        image_alt_en="Acrobats on a red stage",
        image_alt_fr="Des acrobates sur une scène rouge",
    )

    assert editor_client.post(url, data).status_code == 302
    publish(canada_russia, by=publisher)

    highlight.refresh_from_db()
    assert highlight.image.name.startswith("highlights/")
    assert len(uploaded_files(settings)) == 1
    english = editor_client.get("/en/relations/russia/").content.decode()
    assert f'<img src="{highlight.image.url}" alt="Acrobats on a red stage"' in english
    french = editor_client.get("/fr/relations/russie/").content.decode()
    assert 'alt="Des acrobates sur une scène rouge"' in french


# Bad input: refused with a clear message, nothing changes


def test_blank_french_name_is_refused(editor_client, publisher, canada_russia):
    highlight = Highlight.objects.get(profile=canada_russia, name_en="Garou")
    url = change_url(highlight)
    data = admin_form_data(editor_client.get(url))
    data.update(name_en="Céline Dion", name_fr="")

    response = editor_client.post(url, data)

    assert "This field is required." in errors_of(response)
    assert response.context["adminform"].form.errors.keys() == {"name_fr"}
    highlight.refresh_from_db()
    assert (highlight.name_en, highlight.name_fr) == ("Garou", "Garou")
    publish(canada_russia, by=publisher)
    assert "Cirque du Soleil, Garou, Diana Krall" in public_text(editor_client)
    assert "Céline Dion" not in public_text(editor_client)


def test_description_in_english_only_is_refused(editor_client, publisher, canada_russia):
    highlight = Highlight.objects.get(profile=canada_russia, name_en="Poets of Quebec")
    url = change_url(highlight)
    data = admin_form_data(editor_client.get(url))
    data.update(description_en="a new anthology", description_fr="")

    response = editor_client.post(url, data)

    assert "Enter the French text too" in errors_of(response)
    highlight.refresh_from_db()
    assert highlight.description_en == "a most comprehensive anthology of French-Canadian poetry"
    publish(canada_russia, by=publisher)
    assert "“Poets of Quebec”, a most comprehensive anthology" in public_text(editor_client)


def test_commemoration_without_a_year_is_refused(editor_client, canada_russia):
    url = reverse(ADD)
    data = admin_form_data(editor_client.get(url))
    data.update(
        profile=str(canada_russia.pk),
        kind=Highlight.Kind.COMMEMORATION,
        name_en="Glenn Gould's 80th birthday",
        name_fr="le 80e anniversaire de Glenn Gould",
        year="",
    )

    response = editor_client.post(url, data)

    assert "Give the year" in errors_of(response)
    assert not Highlight.objects.filter(name_en__startswith="Glenn Gould").exists()


def test_image_without_alt_text_is_refused(editor_client, publisher, canada_russia, settings):
    highlight = cirque(canada_russia)
    url = change_url(highlight)
    data = admin_form_data(editor_client.get(url))
    data["image"] = tiny_png()

    response = editor_client.post(url, data)

    text = errors_of(response)
    assert "Describe the image for readers who cannot see it." in text
    assert response.context["adminform"].form.errors.keys() == {"image_alt_en", "image_alt_fr"}
    highlight.refresh_from_db()
    assert not highlight.image
    assert uploaded_files(settings) == []
    publish(canada_russia, by=publisher)
    assert "/media/highlights/" not in editor_client.get("/en/relations/russia/").content.decode()


def test_image_described_in_english_only_is_refused(editor_client, canada_russia, settings):
    highlight = cirque(canada_russia)
    url = change_url(highlight)
    data = admin_form_data(editor_client.get(url))
    data.update(image=tiny_png(), image_alt_en="Acrobats on a red stage")

    response = editor_client.post(url, data)

    assert "Describe the image" in errors_of(response)
    assert response.context["adminform"].form.errors.keys() == {"image_alt_fr"}
    highlight.refresh_from_db()
    assert not highlight.image
    assert uploaded_files(settings) == []


def test_oversize_image_is_refused(editor_client, canada_russia, settings):
    settings.MAX_UPLOAD_SIZE = 10
    highlight = cirque(canada_russia)
    url = change_url(highlight)
    data = admin_form_data(editor_client.get(url))
    data.update(
        image=tiny_png(),
        image_alt_en="Acrobats on a red stage",
        image_alt_fr="Des acrobates sur une scène rouge",
    )

    response = editor_client.post(url, data)

    text = errors_of(response)
    assert "the limit is 10\xa0bytes" in text
    assert response.context["adminform"].form.errors.keys() == {"image"}
    highlight.refresh_from_db()
    assert not highlight.image
    assert highlight.image_alt_en == ""
    assert uploaded_files(settings) == []


def test_oversize_file_is_refused_for_its_size_before_it_is_read_as_an_image(
    editor_client, canada_russia, settings
):
    settings.MAX_UPLOAD_SIZE = 1000
    highlight = cirque(canada_russia)
    url = change_url(highlight)
    data = admin_form_data(editor_client.get(url))
    data.update(
        image=SimpleUploadedFile("cirque.png", b"\x89PNG" + b"\0" * 5000, "image/png"),
        image_alt_en="Acrobats",
        image_alt_fr="Des acrobates",
    )

    response = editor_client.post(url, data)

    assert "the limit is" in errors_of(response)
    highlight.refresh_from_db()
    assert not highlight.image


def test_file_that_is_not_an_image_is_refused(editor_client, canada_russia, settings):
    highlight = cirque(canada_russia)
    url = change_url(highlight)
    data = admin_form_data(editor_client.get(url))
    data.update(
        image=SimpleUploadedFile("cirque.png", b"<script>alert(1)</script>", "image/png"),
        image_alt_en="Acrobats",
        image_alt_fr="Des acrobates",
    )

    response = editor_client.post(url, data)

    assert "Upload a valid image." in errors_of(response)
    highlight.refresh_from_db()
    assert not highlight.image
    assert uploaded_files(settings) == []


def test_second_highlight_with_the_same_name_and_kind_is_refused(editor_client, canada_russia):
    url = reverse(ADD)
    data = admin_form_data(editor_client.get(url))
    data.update(
        profile=str(canada_russia.pk),
        kind=Highlight.Kind.PERFORMANCE,
        name_en="Cirque du Soleil",
        name_fr="Cirque du Soleil",
    )

    response = editor_client.post(url, data)

    assert "already exists" in errors_of(response)
    assert Highlight.objects.filter(name_en="Cirque du Soleil").count() == 1


def test_editor_adds_a_highlight_to_a_new_profile(editor_client, db):
    existing = HighlightFactory(name_en="Troupe A", name_fr="Troupe A")
    url = reverse(ADD)
    data = admin_form_data(editor_client.get(url))
    data.update(
        profile=str(existing.profile.pk),
        kind=Highlight.Kind.PUBLICATION,
        name_en="Northern Lights",
        name_fr="Aurores boréales",
        description_en="a collection of Arctic poems",
        description_fr="un recueil de poèmes arctiques",
        year="2018",
    )

    assert editor_client.post(url, data).status_code == 302

    added = Highlight.objects.get(name_en="Northern Lights")
    assert (added.profile, added.year, added.description_fr) == (
        existing.profile,
        2018,
        "un recueil de poèmes arctiques",
    )
