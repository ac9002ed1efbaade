"""Readiness: what the page will say, what it leaves out and why, computed from the working copy.

The checklist is read from the snapshot builders' own output (and the functions they call),
so it never decides a rule of its own: "Rank 2023 is not used" because the trade builder
found no rank for its export year, not because this module thinks it should not be.

Each kind of section has one check, `check(kind, sections, context) -> Part`, named in the
PROFILE_SECTION_CHECKS setting (relations never imports trade or culture). A Part lists the
profile's rows of that kind (for the workspace panels), what its sections say (`ok`) and what
they leave out (`warning`), or what must change before publishing (`blocking`).
"""

from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.db import models
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from relations.bilingual import in_language
from relations.models import (
    ConsultationTopic,
    Country,
    DiplomaticMission,
    Meeting,
    MultilateralForum,
    Profile,
    Section,
)
from relations.revisions import translation_problems
from relations.snapshot import SnapshotContext, section_builder

OK, WARNING, BLOCKING = "ok", "warning", "blocking"


@dataclass
class Item:
    """One line of the checklist, in the editor's words."""

    level: str
    text: str
    details: list[str] = field(default_factory=list)

    @property
    def blocking(self) -> bool:
        return self.level == BLOCKING


@dataclass
class Part:
    """One kind of section: its sections, the profile's rows it reads, and its checklist."""

    kind: str
    sections: list[Section]
    rows: list[tuple[type[models.Model], int]] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    # A template the workspace includes in this kind's panel (e.g. trade's year × flow table).
    panel_template: str = ""
    panel: dict = field(default_factory=dict)

    @property
    def title(self) -> str:
        return str(Section.Kind(self.kind).label)

    @property
    def row_count(self) -> int:
        return sum(count for _, count in self.rows)

    def add(self, level: str, text: str, details=()) -> None:
        self.items.append(Item(level, text, list(details)))


@dataclass
class Readiness:
    """The whole checklist: the profile's own items, then one part per kind of section."""

    general: list[Item]
    parts: list[Part]

    @property
    def items(self) -> list[Item]:
        return [*self.general, *(item for part in self.parts for item in part.items)]

    @property
    def blocking(self) -> list[Item]:
        return [item for item in self.items if item.blocking]

    @property
    def warnings(self) -> list[Item]:
        return [item for item in self.items if item.level == WARNING]

    @property
    def ready(self) -> bool:
        return not self.blocking


def publishing_blockers(profile: Profile) -> list[str]:
    """What refuses publishing besides the missing translations (which the publishing
    service lists one by one itself)."""
    readiness = profile_readiness(profile)
    return [item.text for part in readiness.parts for item in part.items if item.blocking]


@cache
def section_check(kind: str):
    return import_string(settings.PROFILE_SECTION_CHECKS[kind])


def profile_readiness(profile: Profile) -> Readiness:
    """The checklist of the profile's working copy, as it would be published now."""
    context = SnapshotContext(profile=profile, home=Country.objects.home(), as_of=profile.as_of)
    sections = list(Section.objects.for_profile(profile).order_by("position", "pk"))
    parts = [
        section_check(kind)(kind, [s for s in sections if s.kind == kind], context)
        for kind in Section.Kind.values
    ]
    return Readiness(general=general_items(profile, sections), parts=parts)


def general_items(profile: Profile, sections: list[Section]) -> list[Item]:
    items = []
    gaps = translation_problems(profile)
    if gaps:
        items.append(
            Item(
                BLOCKING,
                ngettext(
                    "%(count)d text is missing in one language; publishing is refused until "
                    "it exists in both.",
                    "%(count)d texts are missing in one language; publishing is refused until "
                    "they exist in both.",
                    len(gaps),
                )
                % {"count": len(gaps)},
                gaps,
            )
        )
    else:
        items.append(Item(OK, _("Every text exists in English and in French.")))
    if not sections:
        items.append(Item(WARNING, _("The page has no sections: it will show only its title.")))
    return items


# Checks for the kinds this app builds ------------------------------------------------------


def missing_section(part: Part, name: str, what: str) -> None:
    """Rows of a kind without a section of that kind never reach the page."""
    if not part.sections and part.row_count:
        part.add(
            WARNING,
            _("No %(name)s section: %(what)s will not appear.") % {"name": name, "what": what},
        )


def prose_items(part: Part) -> None:
    """A prose-only section without text would put a bare heading on the page."""
    for section in part.sections:
        if section.kind == Section.Kind.PROSE and not (
            section.body_en.strip() or section.body_fr.strip()
        ):
            part.add(
                BLOCKING,
                _("“%(heading)s” has no text: the page would show its heading alone.")
                % {"heading": section.heading_en},
            )


def built(part: Part, context: SnapshotContext) -> dict | None:
    """The facts the page's builder makes for this kind (the first section's), or None."""
    if not part.sections:
        return None
    return section_builder(part.kind)(part.sections[0], context)


def check_political(kind: str, sections: list[Section], context: SnapshotContext) -> Part:
    profile = context.profile
    topics = ConsultationTopic.objects.for_profile(profile).count()
    fora = MultilateralForum.objects.for_profile(profile).count()
    part = Part(kind, sections, rows=[(ConsultationTopic, topics), (MultilateralForum, fora)])
    missing_section(
        part, _("political relations"), _("the consultation topics and multilateral fora")
    )
    facts = built(part, context)
    if facts is None:
        return part
    anniversary = facts["anniversary"]
    if anniversary["is_milestone"]:
        part.add(
            OK,
            _("Says this year marks the %(ordinal)s anniversary of diplomatic relations.")
            % {"ordinal": in_language(anniversary["ordinal"])},
        )
    else:
        part.add(
            OK,
            _("Says diplomatic relations were established in %(year)s.")
            % {"year": facts["established_year"]},
        )
    if facts["topics"]["en"]:
        part.add(
            OK,
            ngettext(
                "Names %(count)d consultation topic.",
                "Names %(count)d consultation topics.",
                topics,
            )
            % {"count": topics},
        )
    else:
        part.add(WARNING, _("No consultation topics: that sentence is left out."))
    if facts["fora"]["en"]:
        part.add(
            OK,
            ngettext(
                "Names %(count)d multilateral forum.", "Names %(count)d multilateral fora.", fora
            )
            % {"count": fora},
        )
    else:
        part.add(WARNING, _("No multilateral fora: that sentence is left out."))
    return part


def check_prose(kind: str, sections: list[Section], context: SnapshotContext) -> Part:
    part = Part(kind, sections)
    prose_items(part)
    for section in sections:
        if section.body_en.strip() or section.body_fr.strip():
            part.add(OK, _("“%(heading)s” has its text.") % {"heading": section.heading_en})
    return part


def check_meetings(kind: str, sections: list[Section], context: SnapshotContext) -> Part:
    count = Meeting.objects.for_profile(context.profile).count()
    part = Part(kind, sections, rows=[(Meeting, count)])
    missing_section(
        part,
        _("meetings"),
        ngettext("the %(count)d meeting", "the %(count)d meetings", count) % {"count": count},
    )
    facts = built(part, context)
    if facts is None:
        return part
    told = len(facts["meetings"])
    if told:
        part.add(
            OK,
            ngettext("Tells of %(count)d meeting.", "Tells of %(count)d meetings.", told)
            % {"count": told},
        )
    else:
        part.add(WARNING, _("No meetings: the section shows only its heading and prose."))
    return part


def check_representation(kind: str, sections: list[Section], context: SnapshotContext) -> Part:
    count = DiplomaticMission.objects.for_profile(context.profile).count()
    part = Part(kind, sections, rows=[(DiplomaticMission, count)])
    missing_section(
        part,
        _("diplomatic representation"),
        ngettext("the %(count)d diplomatic mission", "the %(count)d diplomatic missions", count)
        % {"count": count},
    )
    facts = built(part, context)
    if facts is None:
        return part
    if facts[DiplomaticMission.Side.HOME_IN_PARTNER]:
        part.add(OK, _("Names our missions in the partner country."))
    else:
        part.add(
            WARNING, _("None of our missions in the partner country: that sentence is left out.")
        )
    if facts[DiplomaticMission.Side.PARTNER_IN_HOME]:
        part.add(OK, _("Names the partner’s missions in our country."))
    else:
        part.add(
            WARNING, _("None of the partner’s missions in our country: that sentence is left out.")
        )
    return part
