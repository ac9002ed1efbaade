"""Publishing costs a number of queries that does not grow with the profile's rows.

Each test builds two made-up profiles (generated data), a small and a large one with every
kind of row (figures, meetings, missions, trade missions and their sectors, highlights), and
compares the queries of the same action on each.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relations.revisions import revision_publish
from tests.generated import SIZES, generated_profile


def queries_of(action) -> int:
    with CaptureQueriesContext(connection) as queries:
        action()
    return len(queries)


@pytest.mark.django_db
def test_publishing_costs_the_same_queries_for_10_or_1000_figures(publisher):
    assert publisher.has_perm("relations.publish_revision")  # permissions read once, here
    counts = {}
    for size in SIZES:
        profile = generated_profile(size)
        counts[size] = queries_of(
            lambda profile=profile: revision_publish(
                profile=profile,
                by=publisher,
                change_note_en="Generated.",
                change_note_fr="Généré.",
            )
        )
        assert profile.revisions.get().number == 1
    assert counts["small"] == counts["large"]


@pytest.mark.django_db
def test_the_publish_form_costs_the_same_queries_for_10_or_1000_figures(publisher_client):
    counts = {}
    for size in SIZES:
        profile = generated_profile(size)
        url = f"/admin/relations/profile/{profile.pk}/publish/"
        publisher_client.get(url)  # the session's first read is not the form's cost
        counts[size] = queries_of(lambda url=url: publisher_client.get(url))
    assert counts["small"] == counts["large"]
