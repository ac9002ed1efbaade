"""Every HS chapter ships with its official titles and the forms the page's sentences use."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from relations.validators import validate_french_article
from tests.helpers import admin_form_data
from trade.models import HSChapter
from trade.nomenclature import HS_CHAPTERS, hs_chapters_ensure

FIXTURE = "fixtures/canada-russia.json"
# 01–97 except 77, which the WCO keeps in reserve (no goods are classified in it), and
# Canada's own 98 and 99.
CODES = [f"{n:02d}" for n in range(1, 100) if n != 77]
FIELDS = ("title_en", "title_fr", "name_en", "name_fr")


def test_the_migration_ships_every_chapter_with_both_titles_and_sentence_forms(db):
    chapters = list(HSChapter.objects.values("code", *FIELDS))
    assert [c["code"] for c in chapters] == CODES
    empty = [(c["code"], f) for c in chapters for f in FIELDS if not c[f].strip()]
    assert empty == []


def test_every_french_sentence_form_carries_its_article(db):
    without = [
        (c.code, c.name_fr)
        for c in HSChapter.objects.all()
        if not c.name_fr.startswith(("le ", "la ", "les ", "l’"))
    ]
    assert without == []


def test_sentence_forms_read_inside_a_list(db):
    """One item of "machinery, meat and cereals": lower case, no article, no comma."""
    for chapter in HSChapter.objects.all():
        for form in (chapter.name_en, chapter.name_fr):
            assert "," not in form and form == form.strip(), chapter.code
        assert chapter.name_en[0].islower(), chapter.code
        assert not chapter.name_en.startswith(("the ", "a ", "an ")), chapter.code


def test_every_shipped_chapter_passes_the_model_rules(db):
    for chapter in HSChapter.objects.all():
        chapter.full_clean()


def test_titles_are_the_customs_tariff_wording(db):
    chapters = {c.code: c for c in HSChapter.objects.all()}
    assert chapters["10"].title_en == "Cereals" and chapters["10"].title_fr == "Céréales"
    assert chapters["84"].title_fr.startswith("Réacteurs nucléaires, chaudières, machines")
    assert chapters["31"].title_en == "Fertilizers"  # Canadian spelling
    assert chapters["76"].title_en == "Aluminum and articles thereof"
    assert chapters["98"].title_en == "Special classification provisions – non-commercial"
    assert chapters["99"].title_fr == "Dispositions de classification spéciale – commerciales"


def test_the_fixture_repeats_the_shipped_rows_of_its_chapters():
    """The fixture's chapters read exactly as the nomenclature (and the page) says them."""
    with open(FIXTURE, encoding="utf-8") as file:
        rows = [e["fields"] for e in json.load(file) if e["model"] == "trade.hschapter"]
    shipped = {chapter.code: chapter._asdict() for chapter in HS_CHAPTERS}
    assert len(rows) == 10
    assert [row for row in rows if row != shipped[row["code"]]] == []


def test_loading_the_fixture_keeps_every_chapter_and_its_titles(canada_russia):
    assert HSChapter.objects.count() == len(CODES)
    machinery = HSChapter.objects.get(code="84")
    assert (machinery.name_en, machinery.name_fr) == ("machinery", "les machines")
    assert machinery.title_en.startswith("Nuclear reactors")


def test_ensuring_the_chapters_adds_the_missing_and_keeps_editors_sentence_forms(db):
    HSChapter.objects.filter(code="10").delete()
    HSChapter.objects.filter(code="84").update(
        name_en="machines and equipment", name_fr="les machines et le matériel", title_en=""
    )
    HSChapter.objects.filter(code="27").update(name_fr="")

    assert hs_chapters_ensure(HSChapter) == 1

    assert HSChapter.objects.get(code="10").name_fr == "les céréales"
    machinery = HSChapter.objects.get(code="84")
    assert (machinery.name_en, machinery.name_fr) == (
        "machines and equipment",
        "les machines et le matériel",
    )
    assert machinery.title_en.startswith("Nuclear reactors")
    assert HSChapter.objects.get(code="27").name_fr == "les combustibles minéraux et le pétrole"
    assert hs_chapters_ensure(HSChapter) == 0
    assert HSChapter.objects.count() == len(CODES)


@pytest.mark.parametrize(
    "form", ["les machines", "la viande", "le bois", "l’aluminium", "l'étain", "les œufs"]
)
def test_a_french_form_with_its_article_is_accepted(form):
    validate_french_article(form)


@pytest.mark.parametrize(
    "form",
    ["machines", "", " les machines", "Les machines", "des machines", "lesmachines", "l’", "la"],
)
def test_a_french_form_without_its_article_is_refused(form):
    with pytest.raises(ValidationError) as refusal:
        validate_french_article(form)
    assert refusal.value.code == "french_article"


def test_chapters_cannot_be_added_or_deleted_in_the_admin(editor_client):
    assert editor_client.get(reverse("admin:trade_hschapter_add")).status_code == 403
    chapter = HSChapter.objects.get(code="10")
    delete = reverse("admin:trade_hschapter_delete", args=[chapter.pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    assert HSChapter.objects.filter(code="10").exists()


def test_an_editor_rewords_a_sentence_form_and_a_form_without_article_is_refused(editor_client):
    chapter = HSChapter.objects.get(code="10")
    url = reverse("admin:trade_hschapter_change", args=[chapter.pk])
    data = admin_form_data(editor_client.get(url))

    refused = editor_client.post(url, {**data, "name_fr": "céréales"})
    assert refused.status_code == 200
    assert "Start with the article the sentence needs" in refused.content.decode()
    chapter.refresh_from_db()
    assert chapter.name_fr == "les céréales"

    accepted = editor_client.post(url, {**data, "name_en": "grain", "name_fr": "le grain"})
    assert accepted.status_code == 302
    chapter.refresh_from_db()
    assert (chapter.name_en, chapter.name_fr, chapter.code) == ("grain", "le grain", "10")


def test_the_admin_shows_the_sentence_each_form_feeds(editor_client):
    chapter = HSChapter.objects.get(code="10")
    body = editor_client.get(reverse("admin:trade_hschapter_change", args=[chapter.pk]))
    text = body.content.decode()
    assert "Key Canadian merchandise exports to Japan were machinery, meat and wood." in text
    assert "étaient les machines, la viande et le bois." in text


def test_the_french_admin_explains_the_forms_in_french(editor_client):
    chapter = HSChapter.objects.get(code="10")
    with_french = {"HTTP_ACCEPT_LANGUAGE": "fr"}
    url = reverse("admin:trade_hschapter_change", args=[chapter.pk])
    text = editor_client.get(url, **with_french).content.decode()
    assert "Avec son article" in text


def test_loading_the_fixture_twice_leaves_the_chapters_as_shipped(db):
    call_command("loaddata", FIXTURE, verbosity=0)
    call_command("loaddata", FIXTURE, verbosity=0)
    shipped = {c.code: c._asdict() for c in HS_CHAPTERS}
    stored = {c["code"]: c for c in HSChapter.objects.values("code", *FIELDS)}
    assert stored == shipped
