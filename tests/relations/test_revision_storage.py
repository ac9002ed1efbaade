"""Revisions are stored once and read lightly: the page snapshot and the working-copy rows
are kept compressed, history screens and lists never read them, and their cost does not grow
with the number of revisions. Generated data (tests/generated.py) and the shipped fixture."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from relations.models import Revision
from relations.revisions import revision_publish
from relations.snapshot import profile_snapshot
from tests.generated import generated_profile
from tests.helpers import latest_migrations, migrate

BEFORE = [("relations", "0015_un_member_states")]
HEAVY_COLUMNS = ('"relations_revision"."document"', '"relations_revision"."working_copy"')


def publish(profile, by, times: int = 1) -> None:
    for _ in range(times):
        revision_publish(
            profile=profile, by=by, change_note_en="Generated.", change_note_fr="Généré."
        )


def stored_bytes(revision: Revision) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT document, working_copy FROM relations_revision WHERE id = %s", [revision.pk]
        )
        return sum(len(bytes(value)) for value in cursor.fetchone())


@pytest.mark.django_db
def test_a_revision_stores_its_page_and_rows_compressed(publisher):
    profile = generated_profile("large")
    publish(profile, publisher)

    revision = Revision.objects.get(profile=profile)
    plain = len(json.dumps(revision.document)) + len(json.dumps(revision.working_copy))
    assert plain > 400_000
    assert stored_bytes(revision) < plain / 10
    assert revision.document == profile_snapshot(profile)
    assert revision.head == {
        "title": revision.document["title"],
        "label": revision.document["label"],
        "as_of": revision.document["as_of"],
    }


def reads_of(client, url: str) -> tuple[int, list[str]]:
    """(queries, the SQL of those reading a revision's document or rows) of a page, rendered:
    public pages are otherwise answered from stored bytes, forgotten here by a new
    publication generation."""
    from relations.page_cache import clock, local

    clock.advance()
    local.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    heavy = [q["sql"] for q in queries if any(c in q["sql"] for c in HEAVY_COLUMNS)]
    return len(queries), heavy


def history_pages(profile) -> list[str]:
    slug = profile.slug
    return [
        f"/admin/relations/profile/{profile.pk}/revisions/",
        f"/admin/relations/profile/{profile.pk}/publish/",
        "/admin/relations/revision/",
        f"/admin/relations/revision/{profile.revisions.first().pk}/change/",
        "/admin/relations/auditentry/",
        f"/en/relations/{slug}/updates/",
        f"/en/relations/{slug}/updates.atom",
        "/en/relations/updates.atom",
        "/en/relations/",
        "/sitemap.xml",
    ]


@pytest.mark.django_db
def test_history_screens_never_read_documents_and_cost_the_same_for_3_or_12_revisions(
    client, publisher
):
    client.force_login(publisher)
    few, many = generated_profile("small", 0), generated_profile("small", 1)
    publish(few, publisher, 3)
    publish(many, publisher, 12)
    for few_url, many_url in zip(history_pages(few), history_pages(many), strict=True):
        client.get(few_url)  # what a process reads once (content types, …) is not counted
        few_queries, few_heavy = reads_of(client, few_url)
        many_queries, many_heavy = reads_of(client, many_url)
        assert (few_url, few_heavy, many_heavy) == (few_url, [], [])
        assert (many_url, many_queries) == (many_url, few_queries)


@pytest.mark.django_db
def test_a_live_page_reads_the_page_but_never_the_rows(client, publisher):
    profile = generated_profile("small")
    publish(profile, publisher)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/en/relations/{profile.slug}/").status_code == 200
    sql = " ".join(q["sql"] for q in queries)
    assert HEAVY_COLUMNS[0] in sql
    assert HEAVY_COLUMNS[1] not in sql


@pytest.fixture
def revision_before_compression(transactional_db):
    """A revision as relations 0015 stored it: plain JSON document and rows.

    The database goes back to 0015 and forward again even when the setup fails, so the
    tests after this one find the current schema.
    """
    apps = migrate(BEFORE)
    try:
        Country = apps.get_model("relations", "Country")
        Profile = apps.get_model("relations", "Profile")
        # Tests that empty the database may have run before: the migrations' countries too.
        partner, _ = Country.objects.get_or_create(
            code="RU", defaults={"name_en": "Russia", "name_fr": "Russie"}
        )
        profile = Profile.objects.create(
            partner=partner,
            slug="generated",
            relations_established_year=1950,
            as_of="2020-01-01",
        )
        document = {
            "schema": 3,
            "profile": "generated",
            "as_of": "2020-01-01",
            "label": {"en": "January 2020", "fr": "janvier 2020"},
            "title": {"en": "Generated Relations", "fr": "Relations générées"},
            "sections": [{"kind": "prose", "facts": {"figures": ["é" * 10] * 1000}}],
        }
        rows = [{"model": "relations.profile", "fields": {"slug": "generated"}}] * 100
        apps.get_model("relations", "Revision").objects.create(
            profile=profile,
            number=1,
            document=document,
            working_copy=rows,
            go_live_at=timezone.now(),
            modified_at=timezone.now(),
        )
        yield document, rows
    finally:
        migrate(latest_migrations())


def test_the_migration_compresses_stored_revisions_and_back(revision_before_compression):
    document, rows = revision_before_compression
    apps = migrate(latest_migrations())
    revision = Revision.objects.get(profile__slug="generated")
    assert (revision.document, revision.working_copy) == (document, rows)
    assert revision.label == document["label"]
    assert revision.as_of == "2020-01"
    assert stored_bytes(revision) < len(json.dumps(document)) / 10

    apps = migrate(BEFORE)
    old = apps.get_model("relations", "Revision").objects.get(number=1)
    assert (old.document, old.working_copy) == (document, rows)
