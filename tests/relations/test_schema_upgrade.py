"""Revisions stored before the grammar work (schema 1) read exactly as they were published,
and the Canada–Russia working copy still builds the page it published."""

import json
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.utils import timezone, translation

from relations.models import Revision
from relations.rendering import render_profile_page
from relations.snapshot import SCHEMA_VERSION, profile_snapshot, upgraded
from tests.helpers import page_text

SCHEMA_1 = Path(__file__).parent / "data" / "snapshot-schema-1.json"


def sections(document: dict, language: str) -> str:
    with translation.override(language):
        request = RequestFactory().get(f"/{language}/relations/russia/")
        response = render_profile_page(request, document, date_modified=timezone.now())
    text = page_text(response)
    return text[text.index("Political relations" if language == "en" else "Relations politiques") :]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_schema_1_revision_reads_as_the_current_builders_write_it(canada_russia, language):
    stored = json.loads(SCHEMA_1.read_text(encoding="utf-8"))
    assert stored["schema"] == 1
    fresh = profile_snapshot(canada_russia)
    assert fresh["schema"] == SCHEMA_VERSION
    assert sections(stored, language) == sections(fresh, language)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_shipped_revision_is_what_the_working_copy_builds(canada_russia, language):
    published = Revision.objects.get(profile=canada_russia, number=1).document
    assert published == profile_snapshot(canada_russia)
    assert sections(published, language) == sections(profile_snapshot(canada_russia), language)


def test_upgrading_leaves_the_stored_document_untouched():
    stored = json.loads(SCHEMA_1.read_text(encoding="utf-8"))
    before = json.dumps(stored, sort_keys=True)
    assert upgraded(stored)["schema"] == SCHEMA_VERSION
    assert json.dumps(stored, sort_keys=True) == before
