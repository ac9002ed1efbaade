"""The profile snapshot: one JSON document holding everything a profile's page shows.

Built from the working copy by one builder per section kind, with every fact already
computed (anniversary, growth multiple, rank, money phrases) in both languages, using the
snapshot's own date. Previews render a fresh snapshot; revisions store one, so a published
page never changes when the data changes later.

Builders for sections owned by other apps (trade, culture) are named in the
PROFILE_SECTION_BUILDERS setting, so this app never imports them.
"""

import copy
from dataclasses import dataclass
from datetime import date
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from relations.countries import country_forms
from relations.formatting import month_year
from relations.models import Country, Profile, Section
from relations.prose import prose_to_html

SCHEMA_VERSION = 3
LANGUAGES = ("en", "fr")


@dataclass(frozen=True)
class SnapshotContext:
    """What every section builder may need besides its own rows."""

    profile: Profile
    home: Country
    as_of: date

    @property
    def partner(self) -> Country:
        return self.profile.partner


@cache
def section_builder(kind: str):
    return import_string(settings.PROFILE_SECTION_BUILDERS[kind])


@cache
def section_upgrader(kind: str):
    """`upgrade_facts(kind, facts, from_schema)` beside the kind's builder, if any."""
    module = settings.PROFILE_SECTION_BUILDERS[kind].rsplit(".", 1)[0]
    try:
        return import_string(f"{module}.upgrade_facts")
    except ImportError:
        return None


def profile_snapshot(profile: Profile) -> dict:
    """The page document for the profile's working copy, dated by its "as of" month."""
    context = SnapshotContext(profile=profile, home=Country.objects.home(), as_of=profile.as_of)
    home, partner = country_forms(context.home), country_forms(context.partner)
    sections = Section.objects.for_profile(profile).order_by("position", "pk")
    return {
        "schema": SCHEMA_VERSION,
        "profile": profile.slug,
        "as_of": context.as_of.isoformat(),
        "label": {lang: month_year(context.as_of, lang) for lang in LANGUAGES},
        "title": profile_title(context.home, context.partner),
        # The page's description (meta description, Open Graph), kept as published.
        "summary": {"en": profile.summary_en.strip(), "fr": profile.summary_fr.strip()},
        "home": home,
        "partner": partner,
        "sections": [section_snapshot(section, context) for section in sections],
    }


def document_head(document: dict) -> dict:
    """What lists and feeds show of a document, kept beside it (`Revision.head`)."""
    return {key: document[key] for key in ("title", "label", "as_of")}


def profile_title(home: Country, partner: Country) -> dict[str, str]:
    return {
        "en": f"{home.name_en}-{partner.name_en} Relations",
        "fr": f"Relations {home.name_fr}-{partner.name_fr}",
    }


def section_snapshot(section: Section, context: SnapshotContext) -> dict:
    return {
        "kind": section.kind,
        "key": section.key,
        "heading": {"en": section.heading_en, "fr": section.heading_fr},
        "prose": {"en": prose_to_html(section.body_en), "fr": prose_to_html(section.body_fr)},
        "facts": section_builder(section.kind)(section, context),
    }


def upgrade_from_1_to_2(document: dict) -> dict:
    """Schema 2 adds the summary and the `<time datetime>` of meetings and trade missions.

    A schema-1 revision was published without a summary (None: the page has no description).
    Its dates were stored as full days; a month-precision one reads "in April 2012" /
    "en avril 2012" (the only phrase schema 1 wrote for it), so its datetime is "2012-04".
    """

    def with_datetime(event: dict) -> dict:
        month_only = event["when"]["en"].startswith("in ")
        return {**event, "datetime": event["date"][:7] if month_only else event["date"]}

    sections = []
    for section in document["sections"]:
        facts = dict(section["facts"])
        for key in ("meetings", "missions"):
            if key in facts:
                facts[key] = [with_datetime(event) for event in facts[key]]
        sections.append({**section, "facts": facts})
    return {**document, "schema": 2, "summary": None, "sections": sections}


def upgrade_from_2_to_3(document: dict) -> dict:
    """Schema 3 names facts the grammar needs (growth kind, where a city is, agreement, …).
    A schema-2 document gets them from what it stored, through the `upgrade_facts` beside
    each section builder, so it reads as it did when published; forms it lacks (a country's
    number) read as before (singular)."""
    document = copy.deepcopy(document)
    for section in document["sections"]:
        kind = section["kind"]
        upgrade = section_upgrader(kind) if kind in settings.PROFILE_SECTION_BUILDERS else None
        if upgrade:
            section["facts"] = upgrade(kind, section["facts"], 2)
    document["schema"] = 3
    return document


# Upgrades from each older schema to the next, so stored revisions keep rendering as the
# document grows.
UPGRADES: dict = {1: upgrade_from_1_to_2, 2: upgrade_from_2_to_3}


def upgraded(document: dict) -> dict:
    """A stored document brought up to the current schema (the stored copy is untouched)."""
    while document["schema"] < SCHEMA_VERSION:
        document = UPGRADES[document["schema"]](document)
    return document


def localize(document, language: str):
    """The document as one language reads it: every {"en": ..., "fr": ...} becomes a string."""
    if isinstance(document, dict):
        if document.keys() == set(LANGUAGES):
            return document[language]
        return {key: localize(value, language) for key, value in document.items()}
    if isinstance(document, list):
        return [localize(item, language) for item in document]
    return document
