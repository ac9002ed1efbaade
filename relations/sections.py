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
        "topics": join_bilingual([{"en": t.name_en, "fr": t.name_fr} for t in topics]),
        "fora": join_bilingual([{"en": f.name_en, "fr": f.name_fr} for f in fora]),
    }


def build_prose_section(section: Section, context: SnapshotContext) -> dict:
    return {}


def build_meetings_section(section: Section, context: SnapshotContext) -> dict:
    """High-level meetings, calls and visits, most recent first."""
    meetings = Meeting.objects.for_profile(context.profile).order_by("-date", "pk")
    return {
        "meetings": [
            {
                "kind": meeting.kind,
                "date": meeting.date.isoformat(),
                "datetime": machine_date(meeting.date, meeting.date_precision),
                "when": bilingual(when_phrase, meeting.date, meeting.date_precision),
                "home_participant": {
                    "en": meeting.home_participant_en,
                    "fr": meeting.home_participant_fr,
                },
                "partner_participant": {
                    "en": meeting.partner_participant_en,
                    "fr": meeting.partner_participant_fr,
                },
                "occasion": {"en": meeting.occasion_en, "fr": meeting.occasion_fr},
                "city": {"en": meeting.city_en, "fr": meeting.city_fr},
            }
            for meeting in meetings
        ]
    }


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
        fr_cities = join_list([f"à {m.city_fr}" for m in group], "fr")
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
