"""Every admin list costs the same queries for 3 or 20 profiles: rows come with what their
columns name (list_select_related), and the profile filter reads all profiles in one query
instead of each one's country. Generated profiles (tests/generated.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relations.models import ImportBatch
from relations.revisions import revision_publish
from tests.generated import generated_profile

CHANGELISTS = [
    "relations/profile",
    "relations/revision",
    "relations/auditentry",
    "relations/importbatch",
    "relations/meeting",
    "relations/diplomaticmission",
    "trade/tradefigure",
    "trade/exportmarketrank",
    "trade/keycommodity",
    "trade/trademission",
    "culture/highlight",
]


def add_profiles(first: int, last: int, publisher) -> None:
    for number in range(first, last):
        profile = generated_profile("small", number)
        revision_publish(
            profile=profile, by=publisher, change_note_en="Generated.", change_note_fr="Généré."
        )
        ImportBatch.objects.create(
            model="trade.tradefigure",
            file_name=f"generated-{number}.csv",
            sha256="0" * 64,
            created_by=publisher,
        )


def list_queries(client) -> dict[str, int]:
    counts = {}
    for changelist in CHANGELISTS:
        url = f"/admin/{changelist}/"
        client.get(url)  # what a process reads once (content types, …) is not counted
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[changelist] = len(queries)
    return counts


@pytest.mark.django_db
def test_admin_lists_cost_the_same_queries_for_3_or_20_profiles(client, publisher):
    publisher.is_superuser = True  # sees every list
    publisher.save()
    client.force_login(publisher)
    add_profiles(0, 3, publisher)
    few = list_queries(client)

    add_profiles(3, 20, publisher)

    assert list_queries(client) == few
