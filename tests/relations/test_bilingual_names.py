"""Every record with an English and a French name goes by the name of the admin's language,
for every kind of record that has one, not only the examples the French admin test opens."""

import pytest
from django.apps import apps
from django.utils import translation

from relations.models import DiplomaticMission

pytestmark = pytest.mark.django_db

NAMED_BY = ("name", "heading")


def named_models() -> list[tuple[type, str]]:
    found = []
    for model in apps.get_models():
        fields = {field.name for field in model._meta.fields}
        for base in NAMED_BY:
            if {f"{base}_en", f"{base}_fr"} <= fields:
                found.append((model, base))
                break
    return found


def test_every_named_kind_of_record_is_covered():
    labels = {model._meta.label for model, _base in named_models()}
    assert {
        "relations.Country",
        "relations.ConsultationTopic",
        "relations.MultilateralForum",
        "relations.Section",
        "trade.HSChapter",
        "trade.Sector",
        "culture.Highlight",
    } <= labels


def test_each_record_goes_by_its_french_name_in_french_and_its_english_name_in_english(
    canada_russia,
):
    checked = 0
    for model, base in named_models():
        for record in model.objects.all()[:50]:
            english, french = getattr(record, f"{base}_en"), getattr(record, f"{base}_fr")
            with translation.override("fr"):
                assert french in str(record) if french else english in str(record), record
            with translation.override("en"):
                assert english in str(record)
            checked += 1
    assert checked > 50


@pytest.mark.parametrize("model, base", named_models(), ids=lambda v: getattr(v, "__name__", v))
def test_a_record_without_its_french_name_keeps_the_english_one_in_french(model, base):
    record = model(**{f"{base}_en": "Clean technology", f"{base}_fr": ""})
    with translation.override("fr"):
        assert "Clean technology" in str(record)


def test_a_mission_names_its_city_in_the_admin_language(canada_russia):
    mission = DiplomaticMission.objects.filter(profile=canada_russia).exclude(city_fr="").first()
    with translation.override("fr"):
        assert str(mission).endswith(f" à {mission.city_fr}")
    with translation.override("en"):
        assert str(mission).endswith(f" in {mission.city_en}")
