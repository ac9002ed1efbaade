"""A profile as an editor's workspace: a new profile in one step, and where each of its rows
is edited.

`profile_create` makes a partner's profile with its addresses and its sections (the standard
five, or another profile's structure); `workspace_links` gives, for every kind of row a profile
owns, its count and the admin links that list it or add one for this profile.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from relations.models import Country, Profile, Section

# The sections a new profile starts with, in page order, with their default headings.
STANDARD_SECTIONS = [
    (Section.Kind.POLITICAL, "political-relations", "Political relations", "Relations politiques"),
    (Section.Kind.TRADE, "trade-relations", "Trade relations", "Relations commerciales"),
    (Section.Kind.CULTURE, "cultural-relations", "Cultural relations", "Relations culturelles"),
    (
        Section.Kind.MEETINGS,
        "high-level-meetings",
        "High-level meetings",
        "Rencontres de haut niveau",
    ),
    (
        Section.Kind.REPRESENTATION,
        "representation",
        "Diplomatic representation",
        "Représentation diplomatique",
    ),
]


def partners_without_profile():
    """Countries an editor may start a profile for: no profile yet, never the home country."""
    return (
        Country.objects.exclude(code=settings.HOME_COUNTRY_CODE)
        .filter(profile__isnull=True)
        .order_by("name_en")
    )


def profile_slugs(partner: Country) -> tuple[str, str]:
    """The English and French addresses made from the country's names: japan, japon."""
    return slugify(partner.name_en), slugify(partner.name_fr)


@transaction.atomic
def profile_create(
    *,
    partner: Country,
    relations_established_year: int,
    as_of=None,
    structure_from: Profile | None = None,
) -> Profile:
    """A partner's profile with its addresses and its sections, ready to fill in.

    The sections are the standard five with their default headings, or (`structure_from`)
    the headings, kinds and keys of another profile's sections, without their prose.
    Raises ValidationError (nothing written) for a partner that cannot have one.
    """
    if partner.code == settings.HOME_COUNTRY_CODE:
        raise ValidationError({"partner": _("The home country has no profile of its own.")})
    slug, slug_fr = profile_slugs(partner)
    profile = Profile(
        partner=partner,
        slug=slug,
        slug_fr=slug_fr,
        relations_established_year=relations_established_year,
        as_of=as_of or timezone.localdate().replace(day=1),
    )
    profile.full_clean()
    profile.save()
    if structure_from is not None:
        sections = [
            Section(
                profile=profile,
                position=section.position,
                kind=section.kind,
                key=section.key,
                heading_en=section.heading_en,
                heading_fr=section.heading_fr,
            )
            for section in Section.objects.for_profile(structure_from).order_by("position", "pk")
        ]
    else:
        sections = [
            Section(
                profile=profile,
                position=position,
                kind=kind,
                key=key,
                heading_en=heading_en,
                heading_fr=heading_fr,
            )
            for position, (kind, key, heading_en, heading_fr) in enumerate(STANDARD_SECTIONS, 1)
        ]
    Section.objects.bulk_create(sections)
    return profile


@dataclass
class RowLinks:
    """One kind of row of a profile: how many, and where to list or add them."""

    model: type[models.Model]
    count: int
    list_url: str
    add_url: str

    @property
    def name(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    @property
    def name_one(self) -> str:
        return str(self.model._meta.verbose_name)


def row_links(profile: Profile, model: type[models.Model], count: int) -> RowLinks:
    """The model's admin list filtered to this profile, and its add form with the profile
    filled in (?profile=<pk>); for rows edited only inline on the profile's page (topics,
    fora), their panel on that page."""
    opts = model._meta
    try:
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    except NoReverseMatch:
        inline = f"#{opts.get_field('profile').remote_field.related_name}-group"
        return RowLinks(model=model, count=count, list_url=inline, add_url=inline)
    return RowLinks(
        model=model,
        count=count,
        list_url=f"{changelist}?profile__id__exact={profile.pk}",
        add_url=f"{add}?profile={profile.pk}",
    )


def profile_touch(profile_ids) -> None:
    """Move the profiles' "Last change" to now: one of their rows changed."""
    Profile.objects.filter(pk__in=list(profile_ids)).update(updated_at=timezone.now())
