"""The spreadsheets of the base app's records: meetings and diplomatic missions.

Declarations only; the engine (relations.spreadsheets) reads, checks, writes and records.
"""

from django.utils.translation import gettext_lazy as _

from relations.models import DiplomaticMission, Meeting
from relations.spreadsheets.records import RecordSheet

MEETINGS = RecordSheet(
    kind="meetings",
    model=Meeting,
    columns=(
        "date",
        "date_precision",
        "kind",
        "home_participant_en",
        "home_participant_fr",
        "partner_participant_en",
        "partner_participant_fr",
        "occasion_en",
        "occasion_fr",
        "city_en",
        "city_fr",
    ),
    title=_("Meetings"),
    noun=_("meeting"),
    ordering=("profile__slug", "date", "kind", "partner_participant_en", "home_participant_en"),
)

MISSIONS = RecordSheet(
    kind="missions",
    model=DiplomaticMission,
    columns=("side", "kind", "city_en", "city_fr", "position"),
    title=_("Diplomatic missions"),
    noun=_("mission"),
    ordering=("profile__slug", "position", "side", "kind", "city_en"),
)
