"""Factories for cultural highlights. Generated test data, never shipped as content."""

import factory

from culture.models import Highlight
from tests.relations.factories import ProfileFactory


class HighlightFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Highlight

    profile = factory.SubFactory(ProfileFactory)
    kind = Highlight.Kind.PERFORMANCE
    name_en = factory.Sequence(lambda n: f"Troupe {n}")
    name_fr = factory.Sequence(lambda n: f"Troupe {n}")
