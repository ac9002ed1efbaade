"""Small factories for the relations app. Generated test data, never shipped as content."""

import datetime

import factory

from relations.models import (
    ConsultationTopic,
    Country,
    DiplomaticMission,
    Meeting,
    MultilateralForum,
    Profile,
    Section,
)


class HomeCountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ["code"]

    code = "CA"
    name_en = "Canada"
    name_fr = "Canada"
    formal_name_en = "Canada"
    formal_name_fr = "le Canada"
    french_class = Country.FrenchClass.MASCULINE
    adjective_en = "Canadian"
    adjective_fr = "canadiens"
    adjective_feminine_fr = "canadiennes"


class CountryFactory(factory.django.DjangoModelFactory):
    """A made-up partner country (test data)."""

    class Meta:
        model = Country
        django_get_or_create = ["code"]

    code = "XT"
    name_en = "Testland"
    name_fr = "Testlande"
    formal_name_en = "the Republic of Testland"
    formal_name_fr = "la République de Testlande"
    french_class = Country.FrenchClass.FEMININE
    adjective_en = "Testlandic"
    adjective_fr = "testlandais"
    adjective_feminine_fr = "testlandaises"
    language_en = "Testlandic"
    language_fr = "testlandais"


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile
        skip_postgeneration_save = True

    partner = factory.SubFactory(CountryFactory)
    slug = "testland"
    # The same address in both languages unless a test gives a French one.
    slug_fr = factory.LazyAttribute(lambda profile: profile.slug)
    summary_en = "Testland and Canada cooperate closely."
    summary_fr = "La Testlande et le Canada coopèrent étroitement."
    relations_established_year = 1950
    as_of = datetime.date(2020, 5, 1)

    @factory.post_generation
    def with_home(self, create, extracted, **kwargs):
        HomeCountryFactory()


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    profile = factory.SubFactory(ProfileFactory)
    kind = Section.Kind.PROSE
    key = factory.Sequence(lambda n: f"section-{n}")
    position = factory.Sequence(int)
    heading_en = factory.Sequence(lambda n: f"Heading {n}")
    heading_fr = factory.Sequence(lambda n: f"Titre {n}")
    body_en = "Some prose."
    body_fr = "De la prose."


class ConsultationTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationTopic

    profile = factory.SubFactory(ProfileFactory)
    name_en = factory.Sequence(lambda n: f"topic {n}")
    name_fr = factory.Sequence(lambda n: f"le sujet {n}")


class MultilateralForumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MultilateralForum

    profile = factory.SubFactory(ProfileFactory)
    name_en = factory.Sequence(lambda n: f"Forum {n}")
    name_fr = factory.Sequence(lambda n: f"le Forum {n}")


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    profile = factory.SubFactory(ProfileFactory)
    kind = Meeting.Kind.MEETING
    date = datetime.date(2019, 3, 4)
    home_participant_en = "Prime Minister Example"
    home_participant_fr = "le premier ministre Exemple"
    partner_participant_en = "President Sample"
    partner_participant_fr = "la présidente Échantillon"


class DiplomaticMissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DiplomaticMission

    profile = factory.SubFactory(ProfileFactory)
    side = DiplomaticMission.Side.HOME_IN_PARTNER
    kind = DiplomaticMission.Kind.EMBASSY
    city_en = factory.Sequence(lambda n: f"City {n}")
    city_fr = factory.Sequence(lambda n: f"Ville {n}")
