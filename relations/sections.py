"""Snapshot builders for the sections this app owns: political, prose, meetings, missions.

Each builder takes a Section and the SnapshotContext and returns the section's facts, every
text as {"en": ..., "fr": ...}. Templates turn facts into sentences.
"""

from itertools import groupby

from relations.formatting import (
    bilingual,
    join_bilingual,
    join_list,
    machine_date,
    ordinal,
    when_phrase,
)
from relations.grammar import a, join_with_articles, typography
from relations.models import (
    ConsultationTopic,
    DiplomaticMission,
    Meeting,
    MultilateralForum,
    Section,
)
from relations.snapshot import SnapshotContext


def build_political_section(section: Section, context: SnapshotContext) -> dict:
    """The anniversary, the consultation topics and the multilateral fora."""
    profile = context.profile
    years = context.as_of.year - profile.relations_established_year
    topics = ConsultationTopic.objects.for_profile(profile)
    fora = MultilateralForum.objects.for_profile(profile)
    return {
        "established_year": profile.relations_established_year,
        "anniversary": {
            "years": years,
            "ordinal": bilingual(ordinal, years) if years > 0 else None,
            # Only a round anniversary is worth a sentence of its own ("this year marks").
            "is_milestone": years > 0 and years % 5 == 0,
        },
        "topics": join_bilingual([text(t, "name") for t in topics]),
        "fora": fora_phrase(list(fora)),
    }


def text(obj, field: str) -> dict[str, str]:
    """An editor's text in both languages, the French one with French typography."""
    return {
        "en": getattr(obj, f"{field}_en"),
        "fr": typography(getattr(obj, f"{field}_fr"), "fr"),
    }


def fora_phrase(fora: list[MultilateralForum]) -> dict[str, str]:
    """ "the UN, G-8 and G-20" / "APEC, the G20 and the UN"; French names carry their article."""
    return {
        "en": join_with_articles(
            [(f.name_en, f.english_the) for f in fora], lambda names: join_list(names, "en")
        ),
        "fr": join_list([typography(f.name_fr, "fr") for f in fora], "fr"),
    }


def build_prose_section(section: Section, context: SnapshotContext) -> dict:
    return {}


def build_meetings_section(section: Section, context: SnapshotContext) -> dict:
    """High-level meetings, calls and visits, most recent first."""
    meetings = Meeting.objects.for_profile(context.profile).order_by("-date", "pk")
    return {"meetings": [meeting_facts(meeting) for meeting in meetings]}


def meeting_facts(meeting: Meeting) -> dict:
    # Who the sentence's subject is: the partner's people travel to us, ours do the rest.
    subject_plural = (
        meeting.partner_participant_plural
        if meeting.kind == Meeting.Kind.VISIT_TO_HOME
        else meeting.home_participant_plural
    )
    return {
        "kind": meeting.kind,
        "date": meeting.date.isoformat(),
        "datetime": machine_date(meeting.date, meeting.date_precision),
        "when": bilingual(when_phrase, meeting.date, meeting.date_precision),
        "home_participant": text(meeting, "home_participant"),
        "partner_participant": text(meeting, "partner_participant"),
        "subject_number": 2 if subject_plural else 1,
        "occasion": text(meeting, "occasion"),
        "city": text(meeting, "city"),
        "city_at": city_at({"en": meeting.city_en, "fr": meeting.city_fr}),
    }


def city_at(city: dict[str, str]) -> dict[str, str] | None:
    """Where in a city: "in Cairo" / "au Caire", "à Washington"."""
    if not city["en"]:
        return None
    return {"en": f"in {city['en']}", "fr": a(city["fr"], place=True)}


def upgrade_facts(kind: str, facts: dict, from_schema: int) -> dict:
    """Older facts with what schema 3 templates read (see relations.snapshot.UPGRADES)."""
    if from_schema < 3 and kind == "political" and facts.get("fora", {}).get("en"):
        # Templates before schema 3 put one "the" before the whole list of fora.
        facts["fora"]["en"] = f"the {facts['fora']['en']}"
    if from_schema < 3 and kind == "meetings":
        for meeting in facts["meetings"]:
            meeting.setdefault("subject_number", 1)
            meeting.setdefault("city_at", city_at(meeting["city"]))
    return facts


MISSION_NOUNS = {
    # kind: (English singular, English plural, French singular, French plural)
    DiplomaticMission.Kind.EMBASSY: ("an Embassy", "Embassies", "une ambassade", "des ambassades"),
    DiplomaticMission.Kind.HIGH_COMMISSION: (
        "a High Commission",
        "High Commissions",
        "un haut-commissariat",
        "des hauts-commissariats",
    ),
    DiplomaticMission.Kind.CONSULATE_GENERAL: (
        "a Consulate General",
        "Consulates General",
        "un consulat général",
        "des consulats généraux",
    ),
    DiplomaticMission.Kind.CONSULATE: ("a Consulate", "Consulates", "un consulat", "des consulats"),
    DiplomaticMission.Kind.HONORARY_CONSULATE: (
        "an Honorary Consulate",
        "Honorary Consulates",
        "un consulat honoraire",
        "des consulats honoraires",
    ),
}
MISSION_KIND_ORDER = list(MISSION_NOUNS)


def missions_phrase(missions: list[DiplomaticMission]) -> dict[str, str]:
    """ "an Embassy in Moscow and an Honorary Consulate in Vladivostok", grouped by kind."""
    by_kind = sorted(missions, key=lambda m: (MISSION_KIND_ORDER.index(m.kind), m.position))
    phrases = {"en": [], "fr": []}
    for kind, group in groupby(by_kind, key=lambda m: m.kind):
        group = list(group)
        en_one, en_many, fr_one, fr_many = MISSION_NOUNS[kind]
        plural = len(group) > 1
        en_cities = join_list([m.city_en for m in group], "en")
        fr_cities = join_list([a(m.city_fr, place=True) for m in group], "fr")
        phrases["en"].append(f"{en_many if plural else en_one} in {en_cities}")
        phrases["fr"].append(f"{fr_many if plural else fr_one} {fr_cities}")
    return {lang: join_list(items, lang) for lang, items in phrases.items()}


def build_representation_section(section: Section, context: SnapshotContext) -> dict:
    """Each side's embassies and consulates in the other's country."""
    missions = list(DiplomaticMission.objects.for_profile(context.profile))
    sides = {
        side: [m for m in missions if m.side == side] for side in DiplomaticMission.Side.values
    }
    return {
        side: missions_phrase(side_missions) if side_missions else None
        for side, side_missions in sides.items()
    }
