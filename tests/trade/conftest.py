"""Trade import fixtures: a made-up profile (generated test data).

Every HS chapter exists already: a data migration ships the nomenclature.
"""

import pytest

from tests.relations.factories import ProfileFactory


@pytest.fixture
def testland(db):
    return ProfileFactory()
