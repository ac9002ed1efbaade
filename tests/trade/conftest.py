"""Trade import fixtures: a made-up profile with two HS chapters (generated test data)."""

import pytest

from tests.relations.factories import ProfileFactory
from tests.trade.factories import HSChapterFactory


@pytest.fixture
def testland(db):
    HSChapterFactory(code="84", name_en="machinery", name_fr="machines")
    HSChapterFactory(code="27", name_en="mineral fuels", name_fr="combustibles minéraux")
    return ProfileFactory()
