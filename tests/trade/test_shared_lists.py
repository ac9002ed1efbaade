"""Shared lists (HS chapters, sectors) say how many profiles a change reaches, and every
French name a sentence lists is written with its article, checked the same way everywhere."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from relations.models import ConsultationTopic, MultilateralForum
from relations.validators import validate_french_article
from tests.helpers import page_text
from tests.relations.factories import CountryFactory, ProfileFactory
from tests.trade.factories import (
    HSChapterFactory,
    SectorFactory,
    TradeFigureFactory,
    TradeMissionFactory,
)
from trade.models import HSChapter, KeyCommodity, TradeMissionSector


def test_hs_chapter_change_form_says_how_many_profiles_use_it(editor_client, testland):
    chapter = HSChapterFactory(code="84")
    other = ProfileFactory(slug="otherland", partner=CountryFactory(code="XO", name_en="Otherland"))
    TradeFigureFactory(profile=testland, chapter=chapter)
    KeyCommodity.objects.create(profile=other, flow="export", chapter=chapter)
    url = reverse("admin:trade_hschapter_change", args=[chapter.pk])
    text = page_text(editor_client.get(url))
    assert "Used by 2 profiles (Otherland, Testland)" in text


def test_an_unused_hs_chapter_says_so(editor_client, db):
    chapter = HSChapter.objects.get(code="01")
    text = page_text(editor_client.get(reverse("admin:trade_hschapter_change", args=[chapter.pk])))
    assert "Used by no profile yet." in text


def test_sector_change_form_says_how_many_profiles_use_it(editor_client, testland):
    sector = SectorFactory(name_en="mining")
    TradeMissionSector.objects.create(mission=TradeMissionFactory(profile=testland), sector=sector)
    text = page_text(editor_client.get(reverse("admin:trade_sector_change", args=[sector.pk])))
    assert "Used by 1 profile (Testland)" in text


@pytest.mark.parametrize(
    ("model", "field"),
    [(HSChapter, "name_fr"), (ConsultationTopic, "name_fr"), (MultilateralForum, "name_fr")],
)
def test_every_listed_french_name_states_and_checks_the_same_article_rule(model, field):
    model_field = model._meta.get_field(field)
    with translation.override("en"):
        assert str(model_field.help_text).startswith(
            "With its article (le, la, les or l’), as in «"
        )
    assert validate_french_article in model_field.validators
    with pytest.raises(ValidationError):
        model_field.run_validators("machines")
    model_field.run_validators("les machines")


def test_help_texts_show_the_sentence_in_french_in_a_french_admin(editor_client, testland):
    chapter = HSChapterFactory(code="84")
    editor_client.cookies["django_language"] = "fr"
    text = page_text(editor_client.get(reverse("admin:trade_hschapter_change", args=[chapter.pk])))
    assert "étaient les machines, la viande et le bois" in text
    assert "Avec son article (le, la, les ou l’), comme dans" in text
